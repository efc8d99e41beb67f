package dev.vigil.ingest.persist;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

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
    interface TableWriter<T> {
        void insert(List<T> rowsPerRecord, String deduplicationToken) throws InterruptedException;
    }

    /**
     * The inserts of one table: its rows of each record ({@code rows}) cut by the days their
     * {@code time} falls on; {@code only} keeps the rows of one record that fall into a window.
     */
    static <T> List<Insert> byDays(String table, List<T> rows, ToLongFunction<T> rowCount,
            Function<T, long[]> times, BiFunction<T, PartitionDays.Window, T> only,
            TableWriter<T> writer) {
        List<long[]> timesPerRecord = new ArrayList<>(rows.size());
        int total = 0;
        for (T r : rows) {
            long[] t = rowCount.applyAsLong(r) == 0 ? new long[0] : times.apply(r);
            timesPerRecord.add(t);
            total += t.length;
        }
        long[] days = new long[total];
        int k = 0;
        for (long[] t : timesPerRecord) {
            for (long time : t) {
                days[k++] = PartitionDays.day(time);
            }
        }
        List<PartitionDays.Window> windows = PartitionDays.windows(days, PartitionDays.MAX_DAYS);
        List<Insert> inserts = new ArrayList<>(windows.size());
        for (PartitionDays.Window w : windows) {
            boolean whole = windows.size() == 1;
            List<Integer> holding = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                for (long time : timesPerRecord.get(i)) {
                    if (w.containsTime(time)) {
                        holding.add(i);
                        break;
                    }
                }
            }
            inserts.add(new Insert(table, whole ? "" : w.name(), List.copyOf(holding), (records, token) -> {
                List<T> selected = new ArrayList<>(records.size());
                for (int i : records) {
                    selected.add(whole ? rows.get(i) : only.apply(rows.get(i), w));
                }
                writer.insert(selected, token);
            }));
        }
        return inserts;
    }

    /** {@link #byDays} for rows held as a list per record. */
    static <X> List<Insert> byDays(String table, List<List<X>> rows, ToLongFunction<X> time,
            TableWriter<List<X>> writer) {
        return byDays(table, rows, List::size, r -> r.stream().mapToLong(time).toArray(),
                (r, w) -> r.stream().filter(x -> w.containsTime(time.applyAsLong(x))).toList(), writer);
    }
}
