package dev.vigil.query.dependency;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * What the rollup holds of a range's whole minutes, as {@link DependencyQueries#MINUTE_CALLERS} reads it. A minute
 * is up to date when it was rolled up with as many caller spans as it has today (a minute without caller spans
 * needs no rollup); anything else (not rolled up yet, or spans that came after its rollup) is stale and joined live.
 * A block of ten minutes (aligned to the epoch) is up to date when its rollup counted as many caller spans as its
 * minutes have today.
 */
final class RolledUpMinutes {

    private static final long MINUTE = 60;
    private static final long BLOCK = 600;

    /**
     * Whole minutes (or blocks) from {@code fromSecond} to {@code toSecond} (epoch seconds, exclusive); empty when
     * equal.
     */
    record Run(long fromSecond, long toSecond) {
        boolean isEmpty() {
            return fromSecond >= toSecond;
        }
    }

    /** A minute's caller spans now and as its latest rollup counted them. */
    private record Counts(long callers, long rolledUp) {
        boolean isStale() {
            return callers != rolledUp;
        }
    }

    private final Map<Long, Counts> minutes;
    /** The caller spans each rolled-up block's latest rollup counted, by the block's first second. */
    private final Map<Long, Long> blocks;

    private RolledUpMinutes(Map<Long, Counts> minutes, Map<Long, Long> blocks) {
        this.minutes = minutes;
        this.blocks = blocks;
    }

    /** Reads the rows of {@link DependencyQueries#MINUTE_CALLERS}. */
    static RolledUpMinutes read(ClickHouseBinaryFormatReader rows) {
        Map<Long, Counts> minutes = new HashMap<>();
        Map<Long, Long> blocks = new HashMap<>();
        while (rows.hasNext()) {
            rows.next();
            long minute = rows.getLong("Minute");
            minutes.put(minute, new Counts(rows.getLong("Callers"), rows.getLong("RolledUpCallers")));
            long block = rows.getLong("BlockRolledUpCallers");
            if (block > 0) {
                blocks.put(minute, block);
            }
        }
        return new RolledUpMinutes(minutes, blocks);
    }

    private boolean isStale(long minute) {
        Counts counts = minutes.get(minute);
        return counts != null && counts.isStale();
    }

    /**
     * The longest run of up-to-date minutes from {@code fromSecond} to {@code toSecond} (whole minutes): what the
     * graph reads from the rollup, joining only the caller spans before and after it.
     */
    Run longestRun(long fromSecond, long toSecond) {
        return longestRun(fromSecond, toSecond, MINUTE, this::isStale);
    }

    /**
     * The longest run of whole blocks inside {@code run} (a run of up-to-date minutes) whose rollup counted the
     * caller spans their minutes have now: what the graph reads from the blocks instead of their minutes.
     */
    Run longestBlockRun(Run run) {
        return longestRun(Math.ceilDiv(run.fromSecond(), BLOCK) * BLOCK, Math.floorDiv(run.toSecond(), BLOCK) * BLOCK,
                BLOCK, block -> blocks.getOrDefault(block, 0L) != callers(block));
    }

    /**
     * The longest run of units of {@code step} seconds from {@code fromSecond} to {@code toSecond} (exclusive) with
     * no {@code unusable} unit in it.
     */
    private static Run longestRun(long fromSecond, long toSecond, long step, LongPredicate unusable) {
        Run best = new Run(fromSecond, fromSecond);
        long start = fromSecond;
        for (long unit = fromSecond; unit <= toSecond; unit += step) {
            if (unit == toSecond || unusable.test(unit)) {
                if (unit - start > best.toSecond() - best.fromSecond()) {
                    best = new Run(start, unit);
                }
                start = unit + step;
            }
        }
        return best;
    }

    /** Minutes from {@code fromSecond} to {@code toSecond} that have caller spans not rolled up as they are now. */
    List<long[]> staleMinutes(long fromSecond, long toSecond) {
        List<long[]> stale = new ArrayList<>();
        for (long minute = fromSecond; minute < toSecond; minute += MINUTE) {
            Counts counts = minutes.get(minute);
            if (counts != null && counts.callers() > 0 && counts.isStale()) {
                stale.add(new long[] {minute, counts.callers()});
            }
        }
        return stale;
    }

    /** Records that {@code minute} was rolled up with the caller spans it has now. */
    void rolledUp(long minute) {
        minutes.computeIfPresent(minute, (m, counts) -> new Counts(counts.callers(), counts.callers()));
    }

    /**
     * Whole blocks from {@code fromSecond} to {@code toSecond} whose minutes are all up to date and whose rollup (if
     * any) counted other caller spans than they have now, each with those caller spans: the blocks to roll up.
     */
    List<long[]> staleBlocks(long fromSecond, long toSecond) {
        List<long[]> stale = new ArrayList<>();
        for (long block = Math.ceilDiv(fromSecond, BLOCK) * BLOCK; block + BLOCK <= toSecond; block += BLOCK) {
            long callers = callers(block);
            if (callers > 0 && callers != blocks.getOrDefault(block, 0L) && minutesUpToDate(block)) {
                stale.add(new long[] {block, callers});
            }
        }
        return stale;
    }

    private boolean minutesUpToDate(long block) {
        for (long minute = block; minute < block + BLOCK; minute += MINUTE) {
            if (isStale(minute)) {
                return false;
            }
        }
        return true;
    }

    /** The caller spans the minutes of {@code block} have now. */
    private long callers(long block) {
        long sum = 0;
        for (long minute = block; minute < block + BLOCK; minute += MINUTE) {
            Counts counts = minutes.get(minute);
            sum += counts == null ? 0 : counts.callers();
        }
        return sum;
    }
}
