package dev.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchArgsTest {

    @Test
    void anOptionNotGivenTakesItsDefaultAndUnderscoresSeparateThousands() {
        BenchArgs args = BenchArgs.parse(new String[] {"--search-records", "10_000_000"});

        assertThat(args.integer("search-records", 0)).isEqualTo(10_000_000);
        assertThat(args.integer("query-spans", 42)).isEqualTo(42);
    }

    @Test
    void anOptionNobodyReadsIsAnError() {
        BenchArgs args = BenchArgs.parse(new String[] {"--spans", "1000", "--spams", "5"});
        args.integer("spans", 0);

        assertThatThrownBy(args::checkAllKnown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spams");
    }

    @Test
    void anOptionWithoutAValueIsAnError() {
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--spans"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
