package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.SharedDevStack;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
            Await.until(() -> stored.copiesBySpanId().keySet().containsAll(accepted), Duration.ofSeconds(60),
                    () -> "stored " + stored.count() + " of " + accepted.size() + " accepted spans");
            stored.assertStoredOnce(accepted, sender.refused());
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
                        Await.sleep(200); // the service is down; a real exporter would back off too
                    }
                }
                return null;
            });
            Await.until(() -> stored.count() > 0, Duration.ofSeconds(60), () -> "no span stored yet");
            long storedAtKill = stored.count();
            int acceptedAtKill = sender.accepted().size();
            ingest.kill();
            System.out.printf("killed ingest-service with SIGKILL: %d spans accepted, %d stored%n", acceptedAtKill,
                    storedAtKill);
            assertThat(storedAtKill).as("the kill came while accepted spans were still being persisted")
                    .isLessThan(acceptedAtKill);

            ingest.restart();
            int exportsBefore = sender.exports();
            Await.until(() -> sender.exports() >= exportsBefore + 10, Duration.ofSeconds(60),
                    () -> "the sender made no progress after the restart");
            sending.set(false);
            load.get(60, TimeUnit.SECONDS);

            Set<String> accepted = sender.accepted();
            assertThat(accepted.size()).as("spans accepted in all").isGreaterThan(acceptedAtKill);
            Await.until(() -> stored.copiesBySpanId().keySet().containsAll(accepted), Duration.ofSeconds(90),
                    () -> "stored " + stored.count() + " of " + accepted.size() + " accepted spans");
            stored.assertStoredOnce(accepted, sender.refused());
        } finally {
            sending.set(false);
            background.shutdownNow();
            ingest.close();
        }
    }
}
