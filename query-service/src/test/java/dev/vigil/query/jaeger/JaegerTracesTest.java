package dev.vigil.query.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JaegerTracesTest {

    @Test
    void typesTagsFromTheStoredText() {
        assertThat(JaegerTraces.typed("a", "true")).isEqualTo(new JaegerModel.KeyValue("a", "bool", true));
        assertThat(JaegerTraces.typed("a", "200")).isEqualTo(new JaegerModel.KeyValue("a", "int64", 200L));
        assertThat(JaegerTraces.typed("a", "-7")).isEqualTo(new JaegerModel.KeyValue("a", "int64", -7L));
        assertThat(JaegerTraces.typed("a", "99.5")).isEqualTo(new JaegerModel.KeyValue("a", "float64", 99.5));
        assertThat(JaegerTraces.typed("a", "1e+21")).isEqualTo(new JaegerModel.KeyValue("a", "float64", 1e21));
        assertThat(JaegerTraces.typed("a", "007")).isEqualTo(new JaegerModel.KeyValue("a", "string", "007"));
        assertThat(JaegerTraces.typed("a", "[\"book\",\"pen\"]"))
                .isEqualTo(new JaegerModel.KeyValue("a", "string", "[\"book\",\"pen\"]"));
        assertThat(JaegerTraces.typed("a", "99999999999999999999"))
                .isEqualTo(new JaegerModel.KeyValue("a", "float64", 1e20));
    }

    @Test
    void convertsRfc3339ToMicroseconds() {
        assertThat(JaegerTraces.micros("2026-11-22T10:15:30.123456789Z")).isEqualTo(1_795_342_530_123_456L);
    }
}
