package dev.vigil.ingest.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.ClientException;
import com.clickhouse.client.api.ServerException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ClickHouseErrorsTest {

    @Test
    void treatsDataTheServerCannotReadAsPermanent() {
        ServerException typeMismatch = new ServerException(53, "Code: 53. DB::Exception: Type mismatch", 500, "q1");
        assertThat(ClickHouseErrors.isPermanent(new ClickHouseInsertException("insert failed", typeMismatch))).isTrue();
    }

    @Test
    void retriesEverythingElse() {
        assertThat(ClickHouseErrors.isPermanent(new ServerException(252, "Too many parts", 500, "q2"))).isFalse();
        assertThat(ClickHouseErrors.isPermanent(new ServerException(60, "Unknown table", 404, "q3"))).isFalse();
        assertThat(ClickHouseErrors.isPermanent(new ClientException("connect", new ConnectException("refused"))))
                .isFalse();
    }
}
