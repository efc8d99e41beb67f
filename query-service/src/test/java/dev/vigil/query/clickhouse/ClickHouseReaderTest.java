package dev.vigil.query.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseReaderTest {

    @Test
    void doublesBackslashesInTextParametersSoClickHouseReadsThemVerbatim() {
        assertThat(ClickHouseReader.escaped(Map.of("a", "x\\", "b", "x\\'y", "c", 7L, "d", "plain")))
                .isEqualTo(Map.of("a", "x\\\\", "b", "x\\\\'y", "c", 7L, "d", "plain"));
    }
}
