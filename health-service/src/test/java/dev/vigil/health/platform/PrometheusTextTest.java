package dev.vigil.health.platform;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTest {

    private static final Pattern COUNTERS = Pattern.compile("vigil_ingest_.+_(rejected|refused|deadlettered)_total");

    @Test
    void sumsEachMatchingCounterOverItsLabelSets() {
        String exposition = """
                # TYPE vigil_ingest_spans_rejected_total counter
                # HELP vigil_ingest_spans_rejected_total Spans refused
                vigil_ingest_spans_rejected_total{reason="invalid",signal="traces"} 3.0
                vigil_ingest_spans_rejected_total{reason="too_large",signal="traces"} 2.0
                vigil_ingest_requests_refused_total{reason="kafka unavailable {retry}",signal="traces"} 7
                vigil_ingest_spans_accepted_total{signal="traces"} 1000.0
                vigil_ingest_records_deadlettered_total 1.0E0

                """;

        assertThat(PrometheusText.sums(exposition, COUNTERS)).containsExactly(
                java.util.Map.entry("vigil_ingest_records_deadlettered_total", 1.0),
                java.util.Map.entry("vigil_ingest_requests_refused_total", 7.0),
                java.util.Map.entry("vigil_ingest_spans_rejected_total", 5.0));
    }

    @Test
    void skipsLinesItCannotRead() {
        String exposition = """
                vigil_ingest_spans_rejected_total{reason="cut
                vigil_ingest_spans_rejected_total{reason="x"} NaNish
                vigil_ingest_spans_rejected_total{reason="y",note="a \\"quoted\\" } brace"} 4
                """;

        assertThat(PrometheusText.sums(exposition, COUNTERS))
                .containsExactly(java.util.Map.entry("vigil_ingest_spans_rejected_total", 4.0));
    }
}
