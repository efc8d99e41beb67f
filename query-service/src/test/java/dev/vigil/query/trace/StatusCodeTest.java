package dev.vigil.query.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusCodeTest {

    @ParameterizedTest
    @CsvSource({
        "Unset, UNSET", "Ok, OK", "Error, ERROR",
        "STATUS_CODE_OK, OK", "STATUS_CODE_ERROR, ERROR", "STATUS_CODE_UNSET, UNSET",
        "1, OK", "2, ERROR", "'', UNSET", "Bogus, UNSET",
    })
    void mapsStoredStatusCode(String stored, StatusCode expected) {
        assertThat(StatusCode.fromStored(stored)).isEqualTo(expected);
    }
}
