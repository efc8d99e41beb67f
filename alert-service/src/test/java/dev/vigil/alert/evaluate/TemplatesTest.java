package dev.vigil.alert.evaluate;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemplatesTest {

    @Test
    void fillsInTheValueAndLabels() {
        assertThat(Templates.expand("{{ $labels.service }} p99 is {{$value}} ms (limit {{ $labels.limit }})", 251.26,
                Map.of("service", "checkout"))).isEqualTo("checkout p99 is 251.3 ms (limit )");
    }

    @Test
    void formatsValuesWithFourSignificantDigitsAndNoExponent() {
        assertThat(Templates.format(1.0)).isEqualTo("1");
        assertThat(Templates.format(0.000123456)).isEqualTo("0.0001235");
        assertThat(Templates.format(1234567)).isEqualTo("1235000");
        assertThat(Templates.format(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void leavesOtherTemplateSyntaxAsWritten() {
        assertThat(Templates.expand("{{ .Value }} and {{ $externalURL }}", 1, Map.of()))
                .isEqualTo("{{ .Value }} and {{ $externalURL }}");
    }

    @Test
    void humanizesTheValueWithSiPrefixesAsPrometheusDoes() {
        assertThat(Templates.expand("{{ humanize $value }} req/s", 1234567, Map.of())).isEqualTo("1.235M req/s");
        assertThat(Templates.expand("{{ $value | humanize }}s", 0.0025, Map.of())).isEqualTo("2.5ms");
        assertThat(Templates.humanize(999)).isEqualTo("999");
        assertThat(Templates.humanize(0)).isEqualTo("0");
    }
}
