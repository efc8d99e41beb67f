package dev.vigil.query.dependency;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import java.util.HashSet;
import java.util.Set;

/**
 * The whole minutes of a range whose edges the rollup holds as they are now: a minute rolled up with as many
 * caller spans as it has today. A minute without caller spans needs no rollup. Anything else (not rolled up yet,
 * or spans that came after its rollup) is stale and joined live.
 */
final class RolledUpMinutes {

    /** Whole minutes from {@code fromSecond} to {@code toSecond} (epoch seconds, exclusive); empty when equal. */
    record Run(long fromSecond, long toSecond) {
        boolean isEmpty() {
            return fromSecond >= toSecond;
        }
    }

    private final Set<Long> stale;

    private RolledUpMinutes(Set<Long> stale) {
        this.stale = stale;
    }

    /** Reads the rows of {@link DependencyQueries#MINUTE_CALLERS}. */
    static RolledUpMinutes read(ClickHouseBinaryFormatReader rows) {
        Set<Long> stale = new HashSet<>();
        while (rows.hasNext()) {
            rows.next();
            if (rows.getLong("Callers") != rows.getLong("RolledUpCallers")) {
                stale.add(rows.getLong("Minute"));
            }
        }
        return new RolledUpMinutes(stale);
    }

    /**
     * The longest run of up-to-date minutes from {@code fromSecond} to {@code toSecond} (whole minutes): what the
     * graph reads from the rollup, joining only the caller spans before and after it.
     */
    Run longestRun(long fromSecond, long toSecond) {
        Run best = new Run(fromSecond, fromSecond);
        long start = fromSecond;
        for (long minute = fromSecond; minute <= toSecond; minute += 60) {
            if (minute == toSecond || stale.contains(minute)) {
                if (minute - start > best.toSecond() - best.fromSecond()) {
                    best = new Run(start, minute);
                }
                start = minute + 60;
            }
        }
        return best;
    }
}
