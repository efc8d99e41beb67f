package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.DevStackResource;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** With {@code require-token=false} (a trusted network), exports without a token come in and are published. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@TestProfile(NoTokenRequiredTest.TokenNotRequired.class)
class NoTokenRequiredTest {

    public static final class TokenNotRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.ingest.receive.require-token", "false");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void exportsWithoutATokenArePublishedOverBothTransports() throws Exception {
        String grpc = "untokened-grpc-" + UUID.randomUUID();
        String http = "untokened-http-" + UUID.randomUUID();
        try (var exporter = OtlpGrpcSpanExporter.builder().setEndpoint(Receiver.grpcEndpoint()).setRetryPolicy(null)
                .build()) {
            assertThat(SdkTelemetry.succeeded(exporter.export(SdkTelemetry.spans(grpc)))).isTrue();
        }
        try (var exporter = OtlpHttpSpanExporter.builder().setEndpoint(Receiver.http("/v1/traces").toString())
                .setRetryPolicy(null).build()) {
            assertThat(SdkTelemetry.succeeded(exporter.export(SdkTelemetry.spans(http)))).isTrue();
        }

        List<ConsumerRecord<byte[], byte[]>> records = PublishedRecords.read(bootstrapServers, Topics.OTLP_TRACES,
                r -> text(r).contains(grpc) || text(r).contains(http),
                found -> found.stream().anyMatch(r -> text(r).contains(grpc))
                        && found.stream().anyMatch(r -> text(r).contains(http)));
        assertThat(records).anyMatch(r -> text(r).contains(grpc)).anyMatch(r -> text(r).contains(http));
    }

    private static String text(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.ISO_8859_1);
    }
}
