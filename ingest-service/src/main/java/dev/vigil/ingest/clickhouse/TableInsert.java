package dev.vigil.ingest.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.vigil.store.client.ClickHouseConfig;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One RowBinary INSERT into one table under a deduplication token. Returns only once ClickHouse
 * confirmed it; otherwise throws a {@link ClickHouseInsertException}, which
 * {@link dev.vigil.store.error.ClickHouseFailure#of} classifies.
 *
 * <p>ClickHouse remembers the last {@code non_replicated_deduplication_window} tokens of each table,
 * so an insert repeated with the same token stores nothing the second time. Materialized views fed
 * by the table are deduplicated too: a block the table skips is not pushed to them, and
 * {@code deduplicate_blocks_in_dependent_materialized_views} lets their target tables recognise a
 * block that reached them before an insert failed half-way.
 */
final class TableInsert {
    private static final long INSERT_TIMEOUT_SECONDS = 120;
    static final int BUFFER_BYTES = 64 * 1024;

    private TableInsert() {
    }

    /** The table's name as written into SQL: the database was checked at start-up to be a plain identifier. */
    static String qualified(ClickHouseConfig config, String table) {
        return "`" + config.database() + "`." + table;
    }

    /**
     * Inserts the rows of the records, one after the other; nothing when they hold none. Each record's rows are
     * RowBinary in the order of {@code columns}.
     */
    static void run(Client client, String table, List<String> columns, List<EncodedRows> records,
            String deduplicationToken) throws InterruptedException {
        if (records.stream().allMatch(r -> r.rows() == 0)) {
            return;
        }
        InsertSettings settings = new InsertSettings()
                .setDeduplicationToken(deduplicationToken)
                .serverSetting("insert_deduplicate", "1")
                .serverSetting("deduplicate_blocks_in_dependent_materialized_views", "1");
        try (InsertResponse ignored = client.insert(table, columns, stream -> {
            RowBinaryOutput out = new RowBinaryOutput(stream, BUFFER_BYTES);
            for (EncodedRows record : records) {
                out.bytes(record.rowBinary());
            }
            out.flush();
        }, ClickHouseFormat.RowBinary, settings).get(INSERT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // The response carries only statistics; returning normally is the confirmation.
        } catch (ExecutionException e) {
            throw new ClickHouseInsertException("insert into " + table + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new ClickHouseInsertException("no answer to an insert into " + table + " within "
                    + INSERT_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new ClickHouseInsertException("insert into " + table + " failed: " + e.getMessage(), e);
        }
    }
}
