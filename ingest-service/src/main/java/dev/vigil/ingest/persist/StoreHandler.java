package dev.vigil.ingest.persist;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Topics;
import dev.vigil.ingest.clickhouse.ClickHouseInsertException;
import dev.vigil.ingest.consume.Batch;
import dev.vigil.ingest.consume.DeadLetter;
import dev.vigil.ingest.consume.Outcome;
import dev.vigil.ingest.consume.Read;
import dev.vigil.ingest.consume.RecordHandler;
import dev.vigil.store.error.ClickHouseFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * The persist stage's handler of one signal: decodes each record into rows as it is polled, and
 * stores a batch through the signal's {@link SignalStore}, one insert per table and window of days,
 * each under a deduplication token derived from the batch's (see {@link Insert}).
 *
 * <p>When ClickHouse refuses an insert's data itself ({@link ClickHouseFailure.Kind#PER_ROW}), the
 * insert is cut in halves by record, again and again, until the records it refuses are found: the
 * rest is stored, each half under a token of its own derived from its offsets, and only the refused
 * records go to the dead-letter topic. The halves are the same when the batch is read again, so a
 * replay stores nothing twice. Any other failure (unreachable, overloaded, a missing column) is no
 * fault of the rows: the batch is retried whole.
 *
 * <p>A record whose pipeline says {@code vigil-store: false} is passed over; one that does not decode
 * is refused as it is read.
 *
 * @param <R> the rows one record decodes to
 */
final class StoreHandler<R> implements RecordHandler<R> {
    private static final Logger LOG = Logger.getLogger(StoreHandler.class);
    static final String DEFAULT_PIPELINE = "default";

    private final SignalStore<R> store;
    private final MeterRegistry registry;
    private final Counter storedItems;
    private final Counter storedBatches;
    private final Counter deadLettered;
    private final Counter insertRetries;
    private final Map<String, Counter> storedByPipeline = new HashMap<>();

    StoreHandler(SignalStore<R> store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
        this.storedItems = counter("vigil.ingest.items.stored", "Spans, log records or data points ClickHouse confirmed");
        this.storedBatches = counter("vigil.ingest.batches.stored", "Batches ClickHouse confirmed");
        this.deadLettered = counter("vigil.ingest.records.deadlettered",
                "Kafka records sent to vigil.deadletter instead of being stored");
        this.insertRetries = counter("vigil.ingest.insert.retries", "Inserts that failed and were retried");
    }

    private Counter counter(String metric, String description) {
        return Counter.builder(metric).tag("signal", store.signal().id()).description(description).register(registry);
    }

    SignalStore<R> store() {
        return store;
    }

    @Override
    public Read<R> read(ConsumerRecord<byte[], byte[]> record) {
        if (!isStored(record)) {
            return Read.skip();
        }
        if (record.value() == null) {
            return Read.refuse("the record has no value");
        }
        try {
            R rows = store.decode(record.value());
            return Read.item(rows, store.items(rows));
        } catch (InvalidProtocolBufferException e) {
            return Read.refuse("not an OTLP " + requestName() + ": " + e.getMessage());
        }
    }

    @Override
    public Outcome handle(Batch<R> batch) throws InterruptedException {
        List<Batch.Entry<R>> entries = batch.entries();
        // Refused records by position, with the reason; in position order, as they are dead-lettered.
        Map<Integer, String> refused = new TreeMap<>();
        if (!entries.isEmpty()) {
            List<R> rows = new ArrayList<>(entries.size());
            for (Batch.Entry<R> e : entries) {
                rows.add(e.value());
            }
            String token = batch.dedupToken();
            try {
                for (Insert insert : store.inserts(rows)) {
                    // A record refused by an earlier table or window is left out of the later ones.
                    List<Integer> records = insert.records().stream().filter(i -> !refused.containsKey(i)).toList();
                    if (!records.isEmpty()) {
                        storeFindingRefused(insert, records, insert.window().isEmpty() ? token
                                : token + "/" + insert.window(), entries, refused);
                    }
                }
            } catch (ClickHouseInsertException e) {
                // Retryable and permanent failures alike: a permanent one (say, a table without a column the insert
                // names) is no fault of the rows, and dead-lettering would throw them away until an operator fixes it.
                insertRetries.increment();
                return Outcome.retry("insert of batch " + token + " failed: " + e.getMessage());
            }
            if (!refused.isEmpty()) {
                LOG.warnf("ClickHouse refused the rows of %d of the %d records of batch %s; those go to %s",
                        refused.size(), entries.size(), token, Topics.DEADLETTER);
            }
        }
        List<DeadLetter> letters = new ArrayList<>(batch.refused());
        refused.forEach((i, reason) -> letters.add(new DeadLetter(entries.get(i).record(), reason)));
        return new Outcome.Done(letters, () -> counted(entries, refused, letters.size()));
    }

    /**
     * Stores the rows of {@code records} in one insert, or, when ClickHouse refuses its data, in halves
     * until the refused records are alone; adds those to {@code refused}.
     */
    private void storeFindingRefused(Insert insert, List<Integer> records, String token, List<Batch.Entry<R>> entries,
            Map<Integer, String> refused) throws InterruptedException {
        try {
            insert.writer().insert(records, token);
        } catch (ClickHouseInsertException e) {
            if (ClickHouseFailure.of(e).kind() != ClickHouseFailure.Kind.PER_ROW) {
                throw e;
            }
            if (records.size() == 1) {
                refused.put(records.getFirst(), "ClickHouse refused the record's rows in " + insert.table() + ": "
                        + e.getMessage());
                return;
            }
            int half = records.size() / 2;
            List<Integer> first = records.subList(0, half);
            List<Integer> second = records.subList(half, records.size());
            storeFindingRefused(insert, first, token + "/" + offsets(entries, first), entries, refused);
            storeFindingRefused(insert, second, token + "/" + offsets(entries, second), entries, refused);
        }
    }

    private static String offsets(List<? extends Batch.Entry<?>> entries, List<Integer> records) {
        return entries.get(records.getFirst()).record().offset() + "-" + entries.get(records.getLast()).record().offset();
    }

    /** Counted once the batch is committed, so a batch stored again after a rebalance counts once per commit. */
    private void counted(List<Batch.Entry<R>> entries, Map<Integer, String> refused, int letters) {
        long items = 0;
        for (int i = 0; i < entries.size(); i++) {
            Batch.Entry<R> e = entries.get(i);
            if (refused.containsKey(i) || e.weight() == 0) {
                continue;
            }
            items += e.weight();
            storedByPipeline.computeIfAbsent(pipeline(e.record()), p -> Counter.builder("vigil.pipeline.items")
                    .tag("signal", store.signal().id()).tag("pipeline", p).tag("outcome", "stored")
                    .description("Items of a pipeline that ClickHouse confirmed").register(registry))
                    .increment(e.weight());
        }
        if (items > 0) {
            storedBatches.increment();
            storedItems.increment(items);
        }
        deadLettered.increment(letters);
    }

    private String requestName() {
        return switch (store.signal()) {
            case TRACES -> "ExportTraceServiceRequest";
            case METRICS -> "ExportMetricsServiceRequest";
            case LOGS -> "ExportLogsServiceRequest";
        };
    }

    /** {@code vigil-store: false} marks a record its pipeline only forwards; anything else is stored. */
    static boolean isStored(ConsumerRecord<byte[], byte[]> record) {
        Header store = record.headers().lastHeader(Headers.STORE);
        return store == null || !"false".equalsIgnoreCase(new String(store.value(), StandardCharsets.UTF_8).strip());
    }

    static String pipeline(ConsumerRecord<byte[], byte[]> record) {
        Header pipeline = record.headers().lastHeader(Headers.PIPELINE);
        if (pipeline == null || pipeline.value() == null || pipeline.value().length == 0) {
            return DEFAULT_PIPELINE;
        }
        return new String(pipeline.value(), StandardCharsets.UTF_8);
    }
}
