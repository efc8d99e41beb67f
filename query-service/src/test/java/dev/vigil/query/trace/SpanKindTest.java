package dev.vigil.query.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpanKindTest {

    @ParameterizedTest
    @CsvSource({
        // What the OpenTelemetry Collector ClickHouse exporter writes
        "Unspecified, UNSPECIFIED", "Internal, INTERNAL", "Server, SERVER", "Client, CLIENT",
        "Producer, PRODUCER", "Consumer, CONSUMER",
        // OTLP enum names and numbers
        "SPAN_KIND_SERVER, SERVER", "SPAN_KIND_CONSUMER, CONSUMER", "SPAN_KIND_UNSPECIFIED, UNSPECIFIED",
        "2, SERVER", "3, CLIENT", "0, UNSPECIFIED",
        // Unknown values are UNSPECIFIED, as OTLP treats unknown enum values
        "'', UNSPECIFIED", "Bogus, UNSPECIFIED", "9, UNSPECIFIED",
    })
    void mapsStoredSpanKind(String stored, SpanKind expected) {
        assertThat(SpanKind.fromStored(stored)).isEqualTo(expected);
    }
}
