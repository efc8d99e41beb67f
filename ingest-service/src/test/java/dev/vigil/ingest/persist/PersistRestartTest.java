package dev.vigil.ingest.persist;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickhouse.client.api.Client;
import com.google.protobuf.ByteString;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.DevStackResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A persist thread that dies is started again by its supervisor: not ready meanwhile, and nothing lost or doubled. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class PersistRestartTest {
    private static final int RECORDS = 6;
    private static final int SPANS_PER_RECORD = 5;

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @Inject
    Client clickHouse;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void restartsPersistThreadsThatDiedIsNotReadyMeanwhileAndStoresWhatFollowsOnce() {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get(ready).statusCode() == 200);
        double restartsBefore = restarts();
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches("vigil-persist-traces-\\d+")).toList();
        assertThat(workers).as("the traces' persist threads").isNotEmpty();

        // An interrupt ends a thread wherever it is: in a poll, an insert or a commit.
        workers.forEach(Thread::interrupt);
        String traceId = randomTraceId();
        TestBus bus = new TestBus(bootstrapServers);
        List<byte[]> values = new ArrayList<>();
        for (int r = 0; r < RECORDS; r++) {
            values.add(spans(traceId, r * SPANS_PER_RECORD, SPANS_PER_RECORD).toByteArray());
        }
        // Keyed by trace id, as the receiver keys them: all on one partition, whichever thread owns it.
        bus.publish(Topics.OTLP_TRACES, traceId, values, TestBus.headers("default", true));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> given().get(ready).statusCode() == 503);
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get(ready).statusCode() == 200);
        assertThat(restarts()).isGreaterThanOrEqualTo(restartsBefore + workers.size());
        assertThat(workers).noneMatch(Thread::isAlive);

        int spans = RECORDS * SPANS_PER_RECORD;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(count(traceId)).isEqualTo(spans));
        assertThat(clickHouse.queryAll("SELECT uniqExact(SpanId) AS u FROM vigil.otel_traces WHERE TraceId = '"
                + traceId + "'").getFirst().getLong("u")).isEqualTo(spans);
        // Longer than a batch lingers: a second insert of any of them would show by now.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(count(traceId)).isEqualTo(spans));
    }

    private double restarts() {
        return registry.find("vigil.ingest.consumer.restarts").counters().stream()
                .filter(c -> c.getId().getTag("loop").startsWith("vigil-persist-traces-"))
                .mapToDouble(Counter::count).sum();
    }

    private long count(String traceId) {
        return clickHouse.queryAll("SELECT count() AS c FROM vigil.otel_traces WHERE TraceId = '" + traceId + "'")
                .getFirst().getLong("c");
    }

    private static ExportTraceServiceRequest spans(String traceId, int first, int count) {
        long now = System.currentTimeMillis() * 1_000_000L;
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = first; i < first + count; i++) {
            scope.addSpans(Span.newBuilder().setTraceId(ByteString.fromHex(traceId))
                    .setSpanId(ByteString.fromHex(String.format("%016x", i + 1))).setName("after-restart")
                    .setStartTimeUnixNano(now + i).setEndTimeUnixNano(now + i + 1_000));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue("restart-test"))))
                .addScopeSpans(scope)).build();
    }

    private static String randomTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1;
        return HexFormat.of().formatHex(id);
    }
}
