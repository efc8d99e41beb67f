package dev.vigil.ingest.persist;

import dev.vigil.ingest.clickhouse.EncodedRows;
import java.util.ArrayList;
import java.util.List;

/**
 * One INSERT of a batch: the rows of some of its records that belong to one table and fall into one
 * {@link PartitionDays} window.
 *
 * @param window empty when the batch's rows of the table fit one window (the token is then the batch's
 *        own), else the window's name, added to the token
 * @param records positions, in the batch's list of records, of the records that have rows here, ascending
 * @param writer stores the rows of any of those records under a token, returning only once ClickHouse
 *        confirmed them
 */
record Insert(String table, String window, List<Integer> records, Writer writer) {

    @FunctionalInterface
    interface Writer {
        /** @throws dev.vigil.ingest.clickhouse.ClickHouseInsertException when ClickHouse did not confirm */
        void insert(List<Integer> records, String deduplicationToken) throws InterruptedException;
    }

    /** Stores one table's rows, given per record. */
    @FunctionalInterface
    interface TableWriter {
        void insert(List<EncodedRows> rowsPerRecord, String deduplicationToken) throws InterruptedException;
    }

    /** The inserts of one table: its rows of each record cut by the days their timestamps fall on. */
    static List<Insert> byDays(String table, List<EncodedRows> rows, TableWriter writer) {
        int total = 0;
        for (EncodedRows r : rows) {
            total += r.rows();
        }
        long[] days = new long[total];
        int k = 0;
        for (EncodedRows r : rows) {
            for (long time : r.timestamps()) {
                days[k++] = PartitionDays.day(time);
            }
        }
        List<PartitionDays.Window> windows = PartitionDays.windows(days, PartitionDays.MAX_DAYS);
        List<Insert> inserts = new ArrayList<>(windows.size());
        for (PartitionDays.Window w : windows) {
            boolean whole = windows.size() == 1;
            List<Integer> holding = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                for (long time : rows.get(i).timestamps()) {
                    if (w.containsTime(time)) {
                        holding.add(i);
                        break;
                    }
                }
            }
            inserts.add(new Insert(table, whole ? "" : w.name(), List.copyOf(holding), (records, token) -> {
                List<EncodedRows> selected = new ArrayList<>(records.size());
                for (int i : records) {
                    selected.add(whole ? rows.get(i) : rows.get(i).only(w::containsTime));
                }
                writer.insert(selected, token);
            }));
        }
        return inserts;
    }
}
