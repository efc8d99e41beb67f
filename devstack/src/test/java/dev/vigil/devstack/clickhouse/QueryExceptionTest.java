package dev.vigil.devstack.clickhouse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryExceptionTest {

    @Test
    void readsCodeAndNameOutOfEngineMessages() {
        QueryException error = QueryException.fromEngine(
                "Code: 60. DB::Exception: Unknown table expression identifier 'nope'. (UNKNOWN_TABLE) (version 26.7.2.1)");
        assertThat(error.code()).isEqualTo(60);
        assertThat(error.name()).isEqualTo("UNKNOWN_TABLE");
        assertThat(ErrorStatus.of(error)).isEqualTo(404);
    }

    @Test
    void givesUncodedEngineMessagesClickHousesGenericCode() {
        QueryException error = QueryException.fromEngine("something odd");
        assertThat(error.code()).isEqualTo(1001);
        assertThat(error.getMessage()).isEqualTo("Code: 1001. DB::Exception: something odd");
        assertThat(ErrorStatus.of(error)).isEqualTo(500);
    }
}
