package dev.vigil.ingest.persist;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.contracts.Signal;
import java.util.List;

/**
 * Where one signal's records are stored: how a record's value becomes rows, and how rows are inserted.
 * {@link SignalPersister} does the rest (batching, commits, retries, dead letters) the same way for
 * every signal.
 *
 * @param <R> the rows one record decodes to
 */
interface SignalStore<R> {

    Signal signal();

    /** The rows of one record's value, an OTLP export request of {@link #signal()}. */
    R decode(byte[] value) throws InvalidProtocolBufferException;

    /** Spans, log records or data points in the rows: what batch sizes and the stored counters count. */
    int items(R rows);

    /**
     * Stores the rows of a batch's records under the batch's deduplication token, and returns only
     * once ClickHouse confirmed all of them. Called again with the same rows and token after a
     * failure, it stores nothing twice.
     *
     * @throws dev.vigil.ingest.clickhouse.ClickHouseInsertException when ClickHouse did not confirm
     */
    void insert(List<R> rows, String deduplicationToken) throws InterruptedException;
}
