package dev.vigil.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.store.client.ClickHouseConfigCheck;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void cutsAtSemicolonsOutsideLiteralsAndComments() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE a (x String DEFAULT ';') ENGINE = Memory;
                /* block; comment */
                SELECT 'it''s; fine', `we;ird`, "also;quoted";

                -- trailing comment only
                """;
        assertThat(SqlScript.statements(script)).containsExactly(
                "CREATE TABLE a (x String DEFAULT ';') ENGINE = Memory",
                "SELECT 'it''s; fine', `we;ird`, \"also;quoted\"");
    }

    @Test
    void keepsAStatementWithoutAFinalSemicolon() {
        assertThat(SqlScript.statements("SELECT 1;\nSELECT 2")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void rejectsAnUnterminatedLiteral() {
        assertThatThrownBy(() -> SqlScript.statements("SELECT 'open")).hasMessageContaining("unterminated");
    }

    @Test
    void fillsPlaceholdersAndRefusesUnknownOnes() {
        assertThat(SqlScript.render("CREATE DATABASE `${database}` -- ${database}", Map.of("database", "vigil")))
                .isEqualTo("CREATE DATABASE `vigil` -- vigil");
        assertThatThrownBy(() -> SqlScript.render("TTL ${retention.logs}", Map.of()))
                .hasMessage("no value for placeholder ${retention.logs}");
    }

    @Test
    void allowsOnlyPlainIdentifiers() {
        assertThat(ClickHouseConfigCheck.isPlainIdentifier("vigil_prod")).isTrue();
        assertThat(ClickHouseConfigCheck.isPlainIdentifier("_x1")).isTrue();
        assertThat(ClickHouseConfigCheck.isPlainIdentifier("1x")).isFalse();
        assertThat(ClickHouseConfigCheck.isPlainIdentifier("a`; DROP DATABASE b")).isFalse();
        assertThat(ClickHouseConfigCheck.isPlainIdentifier("")).isFalse();
    }
}
