package dev.vigil.devstack.clickhouse;

/**
 * The {@code X-ClickHouse-Summary} header: ClickHouse's JSON object of quoted counters, which the
 * client reads into its operation metrics (an insert's written rows among them).
 */
record QuerySummary(long readRows, long readBytes, long writtenRows, long writtenBytes,
                    long totalRowsToRead, long resultRows, long resultBytes, long elapsedNanos) {

    static QuerySummary of(ChdbResult.Counters counters, long elapsedNanos) {
        return new QuerySummary(counters.readRows(), counters.readBytes(), counters.writtenRows(),
                counters.writtenBytes(), counters.readRows(), counters.resultRows(), counters.resultBytes(),
                elapsedNanos);
    }

    /** An INSERT reads what it writes, as ClickHouse reports it. */
    static QuerySummary ofInsert(ChdbResult.Counters counters, long elapsedNanos) {
        return new QuerySummary(counters.writtenRows(), counters.writtenBytes(), counters.writtenRows(),
                counters.writtenBytes(), 0, 0, 0, elapsedNanos);
    }

    String toJson() {
        return "{\"read_rows\":\"" + readRows
                + "\",\"read_bytes\":\"" + readBytes
                + "\",\"written_rows\":\"" + writtenRows
                + "\",\"written_bytes\":\"" + writtenBytes
                + "\",\"total_rows_to_read\":\"" + totalRowsToRead
                + "\",\"result_rows\":\"" + resultRows
                + "\",\"result_bytes\":\"" + resultBytes
                + "\",\"elapsed_ns\":\"" + elapsedNanos + "\"}";
    }
}
