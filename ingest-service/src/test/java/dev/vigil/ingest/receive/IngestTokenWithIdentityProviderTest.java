package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.devstack.testing.FakeIdentityProvider;
import dev.vigil.devstack.testing.TestCredentials;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * With an identity provider set up, its bearer mechanism runs beside Vigil's own: an ingest token must still reach
 * the OTLP route rather than be taken for a provider's token and refused before it.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@TestProfile(IngestTokenWithIdentityProviderTest.WithIdentityProvider.class)
class IngestTokenWithIdentityProviderTest {

    public static final class WithIdentityProvider implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeIdentityProvider.class));
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void anIngestTokenStillSendsDataWhenAnIdentityProviderIsSetUp() throws Exception {
        String service = "tokened-with-provider-" + UUID.randomUUID();
        try (var exporter = OtlpHttpSpanExporter.builder().setEndpoint(Receiver.http("/v1/traces").toString())
                .setRetryPolicy(null).setHeaders(TestCredentials::otlpHeaders).build()) {
            assertThat(SdkTelemetry.succeeded(exporter.export(SdkTelemetry.spans(service)))).isTrue();
        }
        try (var exporter = OtlpHttpSpanExporter.builder().setEndpoint(Receiver.http("/v1/traces").toString())
                .setRetryPolicy(null).build()) {
            assertThat(SdkTelemetry.succeeded(exporter.export(SdkTelemetry.spans(service + "-untokened")))).isFalse();
        }

        List<ConsumerRecord<byte[], byte[]>> records = PublishedRecords.read(bootstrapServers, Topics.OTLP_TRACES,
                r -> text(r).contains(service), found -> !found.isEmpty());
        assertThat(records).isNotEmpty().noneMatch(r -> text(r).contains(service + "-untokened"));
    }

    private static String text(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.ISO_8859_1);
    }
}
