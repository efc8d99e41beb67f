package dev.vigil.ingest.persist;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads rows back from ClickHouse as strings, column by column, for exact comparison in persist tests. */
final class StoredRows {
    private final Client clickHouse;

    StoredRows(Client clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** A map column as its sorted {@code key=value} pairs, one string. */
    static String items(String column) {
        return "arrayStringConcat(arraySort(arrayMap((k, v) -> concat(k, '=', v), mapKeys(" + column + "), mapValues("
                + column + "))), ', ') AS " + column;
    }

    /** Every row the query returns, each column read with {@code toString} semantics by the query itself. */
    List<Map<String, String>> all(String sql, List<String> columns) {
        // The map columns are read under their own names; filters must still see the columns.
        List<GenericRecord> records = clickHouse.queryAll(sql + " SETTINGS prefer_column_name_to_alias = 1");
        return records.stream().map(r -> {
            Map<String, String> row = new LinkedHashMap<>();
            for (String c : columns) {
                row.put(c, r.getString(c));
            }
            return row;
        }).toList();
    }

    Map<String, String> one(String sql, List<String> columns) {
        List<Map<String, String>> rows = all(sql, columns);
        assertThat(rows).as(sql).hasSize(1);
        return rows.getFirst();
    }

    long count(String sql) {
        return clickHouse.queryAll(sql).getFirst().getLong(1);
    }
}
