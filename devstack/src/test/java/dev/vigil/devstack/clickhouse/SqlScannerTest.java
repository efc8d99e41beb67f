package dev.vigil.devstack.clickhouse;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlScannerTest {

    @Test
    void takesTheBodyVerbatimAsDataWhenTheParameterHoldsTheWholeInsert() throws IOException {
        byte[] data = {' ', '\n', 'a', 0, 1};
        RequestStatement.Insert insert = (RequestStatement.Insert) RequestStatement.read(
                "INSERT INTO t (a, b) FORMAT RowBinary", new ByteArrayInputStream(data));
        assertThat(insert.sql()).isEqualTo("INSERT INTO t (a, b) ");
        assertThat(insert.format()).isEqualTo("RowBinary");
        assertThat(insert.data().readAllBytes()).isEqualTo(data);
    }

    @Test
    void splitsAnInsertSentWholeInTheBodyAfterTheFirstNewline() throws IOException {
        RequestStatement.Insert insert = (RequestStatement.Insert) RequestStatement.read("",
                body("INSERT INTO t FORMAT JSONEachRow  \n{\"a\":1}\n\n{\"a\":2}"));
        assertThat(insert.sql()).isEqualTo("INSERT INTO t ");
        assertThat(insert.format()).isEqualTo("JSONEachRow");
        assertThat(new String(insert.data().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n\n{\"a\":2}");
    }

    @Test
    void readsValuesAsDataInTheValuesFormat() throws IOException {
        RequestStatement.Insert insert = (RequestStatement.Insert) RequestStatement.read("",
                body("INSERT INTO t VALUES (1, 'FORMAT x'), (2, ')')"));
        assertThat(insert.sql()).isEqualTo("INSERT INTO t ");
        assertThat(insert.format()).isEqualTo("Values");
        assertThat(new String(insert.data().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(" (1, 'FORMAT x'), (2, ')')");
    }

    @Test
    void refusesAStatementHiddenBehindValues() {
        assertThatThrownBy(() -> ((RequestStatement.Insert) RequestStatement.read("",
                body("INSERT INTO t VALUES (1, ';'); DROP TABLE t"))).data().readAllBytes())
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("Multi-statements are not allowed");
    }

    @Test
    void ignoresFormatInsideCommentsStringsAndNames() throws IOException {
        RequestStatement.Insert insert = (RequestStatement.Insert) RequestStatement.read("",
                body("INSERT /* FORMAT CSV */ INTO format (`format`) -- FORMAT TSV\n FORMAT CSV\n1\n"));
        assertThat(insert.sql()).isEqualTo("INSERT /* FORMAT CSV */ INTO format (`format`) -- FORMAT TSV\n ");
        assertThat(insert.format()).isEqualTo("CSV");
        assertThat(insert.data().readAllBytes()).isEqualTo("1\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void leavesInsertSelectAndOtherStatementsWhole() throws IOException {
        assertThat(RequestStatement.read("INSERT INTO t SELECT * FROM s", InputStream.nullInputStream()))
                .isEqualTo(new RequestStatement.Query("INSERT INTO t SELECT * FROM s"));
        assertThat(RequestStatement.read("SELECT 1", body(" + 1")))
                .isEqualTo(new RequestStatement.Query("SELECT 1\n + 1"));
    }

    @Test
    void findsTheDataWhenTheBodyArrivesInSmallPieces() throws IOException {
        String text = "INSERT INTO t FORMAT TabSeparated\n1\tx\n";
        InputStream trickle = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        RequestStatement.Insert insert = (RequestStatement.Insert) RequestStatement.read("", trickle);
        assertThat(insert.format()).isEqualTo("TabSeparated");
        assertThat(new String(insert.data().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("1\tx\n");
    }

    @Test
    void namesTheOutputFormatOfAStatement() {
        assertThat(SqlScanner.outputFormat("SELECT 'FORMAT CSV' FROM (SELECT 1 FORMAT TSV) FORMAT JSONEachRow"))
                .contains("JSONEachRow");
        assertThat(SqlScanner.outputFormat("SELECT format FROM t")).isEmpty();
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
