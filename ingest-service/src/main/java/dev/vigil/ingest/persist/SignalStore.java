package dev.vigil.ingest.persist;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.contracts.Signal;
import java.util.List;

/**
 * Where one signal's records are stored: how a record's value becomes rows, and how a batch's rows
 * are cut into inserts. {@link StoreHandler} does the rest (tokens, refused rows, retries) the same
 * way for every signal.
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
     * The inserts that store the rows of a batch's records: one per table and {@link PartitionDays}
     * window, each listing the records it holds rows of. The same rows are always cut into the same
     * inserts in the same order, so each keeps its deduplication token when a batch is read again.
     */
    List<Insert> inserts(List<R> records);
}
