package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.SharedDevStack;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The ingest guarantee under faults, on the packaged ingest-service: whatever got a success answer is
 * stored exactly once — when the Kafka broker goes away during sends, and when the service is killed
 * with SIGKILL while it persists. Each test ends in a count.
 */
class IngestFaultsTest {

    private static PackagedService startIngest(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "vigil.ingest.receive.publish-timeout", "3s",
                "vigil.ingest.receive.retry-after", "1s"));
        config.putAll(extra);
        return PackagedService.ingest(config);
    }

    @Test
    void spansAcceptedWhileTheKafkaBrokerRestartsAreStoredExactlyOnce() throws Exception {
        DevStack stack = SharedDevStack.get();
        String service = "faults-kafka-" + System.nanoTime();
        StoredSpans stored = new StoredSpans(stack.clickHouseUrl(), service);
        try (PackagedService ingest = startIngest(Map.of("vigil.ingest.persist.linger", "200ms"));
                SpanSender sender = new SpanSender(ingest.uri("/v1/traces").toString(), service)) {
            for (int i = 0; i < 10; i++) {
                assertThat(sender.export(10, 10)).as("export %d before the outage", i).isTrue();
            }

            stack.stopKafka();
            int refusedDuringOutage = 0;
            try {
                for (int i = 0; i < 5; i++) {
                    if (!sender.export(10, 10)) {
                        refusedDuringOutage++;
                    }
                }
            } finally {
                stack.startKafka();
            }
            assertThat(refusedDuringOutage).as("exports refused while the broker was down").isEqualTo(5);
            assertThat(sender.refusals()).as("the refusals, by answer").isEqualTo(new TreeMap<>(Map.of("HTTP 503", 5)));

            // The producer finds the broker again; until then ingest keeps answering retryably.
            int afterRestart = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (afterRestart < 10 && System.nanoTime() < deadline) {
                if (sender.export(10, 10)) {
                    afterRestart++;
                }
            }
            assertThat(afterRestart).as("exports accepted after the broker returned").isEqualTo(10);

            Set<String> accepted = sender.accepted();
            assertThat(accepted).hasSize(20 * 100);
            awaitTrue(() -> stored.copiesBySpanId().keySet().containsAll(accepted), Duration.ofSeconds(60),
                    () -> "stored " + stored.count() + " of " + accepted.size() + " accepted spans");
            assertStoredOnce(stored, accepted, sender.refused());
        }
    }

    @Test
    void spansAcceptedBeforeTheServiceIsKilledMidBatchAreStoredExactlyOnceAfterItRestarts() throws Exception {
        DevStack stack = SharedDevStack.get();
        String service = "faults-kill-" + System.nanoTime();
        StoredSpans stored = new StoredSpans(stack.clickHouseUrl(), service);
        // Small, slow batches: when the first is stored, many accepted spans still wait in Kafka.
        Map<String, String> persist = Map.of(
                "vigil.ingest.persist.linger", "1s",
                "vigil.ingest.persist.batch-items", "2000",
                "vigil.ingest.persist.max-poll-records", "20");
        PackagedService ingest = startIngest(persist);
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (SpanSender sender = new SpanSender(ingest.uri("/v1/traces").toString(), service)) {
            Future<?> load = background.submit(() -> {
                while (sending.get()) {
                    if (!sender.export(20, 25)) {
                        sleep(200); // the service is down; a real exporter would back off too
                    }
                }
                return null;
            });
            awaitTrue(() -> stored.count() > 0, Duration.ofSeconds(60), () -> "no span stored yet");
            long storedAtKill = stored.count();
            int acceptedAtKill = sender.accepted().size();
            ingest.kill();
            System.out.printf("killed ingest-service with SIGKILL: %d spans accepted, %d stored%n", acceptedAtKill,
                    storedAtKill);
            assertThat(storedAtKill).as("the kill came while accepted spans were still being persisted")
                    .isLessThan(acceptedAtKill);

            ingest.restart();
            int exportsBefore = sender.exports();
            awaitTrue(() -> sender.exports() >= exportsBefore + 10, Duration.ofSeconds(60),
                    () -> "the sender made no progress after the restart");
            sending.set(false);
            load.get(60, TimeUnit.SECONDS);

            Set<String> accepted = sender.accepted();
            assertThat(accepted.size()).as("spans accepted in all").isGreaterThan(acceptedAtKill);
            awaitTrue(() -> stored.copiesBySpanId().keySet().containsAll(accepted), Duration.ofSeconds(90),
                    () -> "stored " + stored.count() + " of " + accepted.size() + " accepted spans");
            assertStoredOnce(stored, accepted, sender.refused());
        } finally {
            sending.set(false);
            background.shutdownNow();
            ingest.close();
        }
    }

    /** Every accepted span once; refused ones at most once; nothing else of the service. */
    private static void assertStoredOnce(StoredSpans stored, Set<String> accepted, Set<String> refused) {
        Map<String, Integer> copies = stored.copiesBySpanId();
        Set<String> twice = new HashSet<>();
        copies.forEach((id, n) -> {
            if (n != 1) {
                twice.add(id);
            }
        });
        assertThat(twice).as("span ids stored more than once").isEmpty();
        assertThat(copies.keySet()).as("every accepted span is stored").containsAll(accepted);
        Set<String> unexpected = new HashSet<>(copies.keySet());
        unexpected.removeAll(accepted);
        unexpected.removeAll(refused);
        assertThat(unexpected).as("stored spans that were never sent").isEmpty();
        System.out.printf("%d spans accepted, %d refused, %d stored once each (%d of them refused ones)%n",
                accepted.size(), refused.size(), copies.size(), copies.size() - accepted.size());
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, Supplier<String> why) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + why.get());
            }
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
