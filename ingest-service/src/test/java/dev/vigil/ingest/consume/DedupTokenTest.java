package dev.vigil.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DedupTokenTest {

    @Test
    void namesTopicPartitionAndOffsetRange() {
        assertThat(DedupToken.of("vigil.otlp.traces", 3, 100, 250)).isEqualTo("vigil.otlp.traces:3:100-250");
    }

    @Test
    void isTheSameForTheSameBatchAndDiffersForAnyOtherCut() {
        String token = DedupToken.of("vigil.otlp.traces", 0, 10, 20);
        assertThat(DedupToken.of("vigil.otlp.traces", 0, 10, 20)).isEqualTo(token);
        assertThat(DedupToken.of("vigil.otlp.traces", 0, 10, 21)).isNotEqualTo(token);
        assertThat(DedupToken.of("vigil.otlp.traces", 0, 11, 20)).isNotEqualTo(token);
        assertThat(DedupToken.of("vigil.otlp.traces", 1, 10, 20)).isNotEqualTo(token);
        assertThat(DedupToken.of("vigil.otlp.logs", 0, 10, 20)).isNotEqualTo(token);
        // Partition 1, offsets 10-20 must not read like partition 11, offsets 0-20.
        assertThat(DedupToken.of("t", 1, 10, 20)).isNotEqualTo(DedupToken.of("t", 11, 0, 20));
    }

    @Test
    void rejectsOffsetsThatAreNotARange() {
        assertThatThrownBy(() -> DedupToken.of("t", 0, 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DedupToken.of("t", 0, -1, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
