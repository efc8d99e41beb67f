package dev.vigil.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerParametersTest {

    @Test
    void aStringKeepsQuotesAndDoublesBackslashes() {
        assertThat(ServerParameters.string("a\"b")).isEqualTo("a\"b");
        assertThat(ServerParameters.string("it's")).isEqualTo("it's");
        assertThat(ServerParameters.string("a\\b")).isEqualTo("a\\\\b");
        assertThat(ServerParameters.string("trailing\\")).isEqualTo("trailing\\\\");
        assertThat(ServerParameters.string("x\\'y")).isEqualTo("x\\\\'y");
    }

    @Test
    void aStringWritesLineBreaksTabsAndNulAsEscapes() {
        assertThat(ServerParameters.string("a\nb\tc\rd")).isEqualTo("a\\nb\\tc\\rd");
        assertThat(ServerParameters.string("nul\0end")).isEqualTo("nul\\0end");
        assertThat(ServerParameters.string("\b\f")).isEqualTo("\\b\\f");
    }

    @Test
    void unicodePassesUnchanged() {
        assertThat(ServerParameters.string("é ☃ 😀 日本")).isEqualTo("é ☃ 😀 日本");
        assertThat(ServerParameters.literal("😀")).isEqualTo("'😀'");
    }

    @Test
    void aLiteralIsQuotedWithItsQuotesAndBackslashesEscaped() {
        assertThat(ServerParameters.literal("plain")).isEqualTo("'plain'");
        assertThat(ServerParameters.literal("it's")).isEqualTo("'it\\'s'");
        assertThat(ServerParameters.literal("a\\'b\"c")).isEqualTo("'a\\\\\\'b\"c'");
        assertThat(ServerParameters.literal("line\nnul\0")).isEqualTo("'line\\nnul\\0'");
        assertThat(ServerParameters.literal("")).isEqualTo("''");
    }

    @Test
    void arraysAndMapsAreLiteralsOfQuotedStrings() {
        assertThat(ServerParameters.array(List.of())).isEqualTo("[]");
        assertThat(ServerParameters.array(List.of("a", "b'c", "d\\"))).isEqualTo("['a','b\\'c','d\\\\']");
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("queue", "a\"b\\c");
        filter.put("k'", "v");
        assertThat(ServerParameters.map(filter)).isEqualTo("{'queue':'a\"b\\\\c','k\\'':'v'}");
        assertThat(ServerParameters.map(Map.of())).isEqualTo("{}");
    }

    @Test
    void bindWritesEachValueByItsTypeAndLeavesNumbersAlone() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("text", "x\\");
        given.put("ids", List.of("a", "b"));
        given.put("filter", Map.of("k", "v'"));
        given.put("count", 7L);
        given.put("ratio", 0.5);
        assertThat(ServerParameters.bind(given)).containsExactlyInAnyOrderEntriesOf(Map.of("text", "x\\\\",
                "ids", "['a','b']", "filter", "{'k':'v\\''}", "count", 7L, "ratio", 0.5));
    }

    @Test
    void bindRefusesNullsAndNonStringElements() {
        Map<String, Object> nulls = new LinkedHashMap<>();
        nulls.put("x", null);
        assertThatThrownBy(() -> ServerParameters.bind(nulls)).hasMessageContaining("x is null");
        assertThatThrownBy(() -> ServerParameters.bind(Map.of("ids", List.of(1, 2))))
                .hasMessageContaining("ids must hold strings only");
        assertThatThrownBy(() -> ServerParameters.bind(Map.of("m", Map.of("k", 1))))
                .hasMessageContaining("m must map strings to strings");
    }
}
