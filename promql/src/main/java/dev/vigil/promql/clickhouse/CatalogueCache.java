package dev.vigil.promql.clickhouse;

import dev.vigil.promql.clickhouse.ClickHouseSamples.Family;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The metric catalogue of recent windows, so that the selectors of one query, and the panels of one dashboard, read
 * it once: reading it scans every metric table over the window, which costs more than most selectors' own reads.
 * Windows are widened to whole minutes to share entries; a family outside the exact window only costs a read that
 * finds nothing. A selector that finds no family it wants reads the catalogue again once the entry is
 * {@link #RECHECK_NANOS} old, so a metric that just arrived is found at once; one that wants families it found
 * may miss a family first stored less than {@link #TTL_NANOS} ago.
 */
final class CatalogueCache {
    static final long TTL_NANOS = 10_000_000_000L;
    static final long RECHECK_NANOS = 1_000_000_000L;
    private static final long MINUTE_MS = 60_000;

    /** Reads the catalogue of a window, in milliseconds. */
    @FunctionalInterface
    interface Reader {
        List<Family> read(long minT, long maxT);
    }

    private record Window(long from, long to) {
    }

    private record Entry(long readAtNanos, List<Family> families) {
    }

    private final Reader reader;
    private final LongSupplier nanoTime;
    private final Map<Window, Entry> entries = new ConcurrentHashMap<>();

    CatalogueCache(Reader reader) {
        this(reader, System::nanoTime);
    }

    CatalogueCache(Reader reader, LongSupplier nanoTime) {
        this.reader = reader;
        this.nanoTime = nanoTime;
    }

    /** The families of the window, read again when stale or when none gives a series name {@code wanted} accepts. */
    List<Family> families(long minT, long maxT, Predicate<String> wanted) {
        Window window = new Window(Math.floorDiv(minT, MINUTE_MS) * MINUTE_MS,
                Math.floorDiv(maxT + MINUTE_MS - 1, MINUTE_MS) * MINUTE_MS);
        long now = nanoTime.getAsLong();
        Entry entry = entries.get(window);
        if (entry != null) {
            long age = now - entry.readAtNanos();
            boolean found = entry.families().stream().anyMatch(f -> f.seriesNames().stream().anyMatch(wanted));
            if (age < TTL_NANOS && (found || age < RECHECK_NANOS)) {
                return entry.families();
            }
        }
        List<Family> families = reader.read(window.from(), window.to());
        entries.values().removeIf(e -> now - e.readAtNanos() >= TTL_NANOS);
        entries.put(window, new Entry(now, families));
        return families;
    }
}
