package dev.vigil.query.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.http.error.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceIdTest {

    @Test
    void acceptsLowerCaseHex() {
        assertThat(TraceId.parse("5b8efff798038103d269b633813fc60c", "traceId").hex())
                .isEqualTo("5b8efff798038103d269b633813fc60c");
    }

    @Test
    void normalisesUpperCaseToLowerCase() {
        assertThat(TraceId.parse("5B8EFFF798038103D269B633813FC60C", "traceId").hex())
                .isEqualTo("5b8efff798038103d269b633813fc60c");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "xyz",
        "5b8efff798038103d269b633813fc60",   // 31 characters
        "5b8efff798038103d269b633813fc60c0", // 33 characters
        "5b8efff798038103d269b633813fc60g",  // 'g' is not hex
        "'; DROP TABLE otel_traces; --xxxx", // 32 characters, not hex
        "5b8efff7-9803-8103-d269-b633813f",  // a UUID-like spelling
        " 5b8efff798038103d269b633813fc60",
    })
    void rejectsMalformedIdNamingTheParameter(String raw) {
        assertThatThrownBy(() -> TraceId.parse(raw, "traceId"))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("path parameter 'traceId' must be 32 hexadecimal characters");
    }

    @Test
    void rejectsNullAsEmpty() {
        assertThatThrownBy(() -> TraceId.parse(null, "traceId"))
                .isInstanceOf(ApiException.class)
                .hasMessage("path parameter 'traceId' must be 32 hexadecimal characters, got 0 characters");
    }

    @Test
    void rejectsTheInvalidAllZeroId() {
        assertThatThrownBy(() -> TraceId.parse("00000000000000000000000000000000", "traceId"))
                .isInstanceOf(ApiException.class)
                .hasMessage("path parameter 'traceId' must not be all zeros");
    }

    @Test
    void saysWhereTheFirstNonHexCharacterIs() {
        assertThatThrownBy(() -> TraceId.parse("5b8efff798038103d269b633813fc6zz", "traceId"))
                .hasMessage("path parameter 'traceId' must be 32 hexadecimal characters, "
                        + "found a non-hexadecimal character at position 31");
    }
}
