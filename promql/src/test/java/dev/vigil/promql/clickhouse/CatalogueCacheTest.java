package dev.vigil.promql.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.promql.clickhouse.ClickHouseSamples.Family;
import dev.vigil.promql.clickhouse.PrometheusNames.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CatalogueCacheTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T = 1_700_000_000_000L;

    private final AtomicLong clock = new AtomicLong(0);
    private final List<long[]> reads = new ArrayList<>();
    private final List<Family> stored = new ArrayList<>(List.of(family("up")));
    private final CatalogueCache cache = new CatalogueCache((from, to) -> {
        reads.add(new long[] {from, to});
        return List.copyOf(stored);
    }, clock::get);

    @Test
    void selectorsOfOneWindowReadTheCatalogueOnce() {
        cache.families(T, T + 3_600_000, "up"::equals);
        clock.addAndGet(5 * SECOND);
        assertThat(cache.families(T + 10_000, T + 3_600_000 + 10_000, "up"::equals)).extracting(Family::name)
                .containsExactly("up");
        assertThat(reads).as("a window within the same minutes shares the entry").hasSize(1);
    }

    @Test
    void aWindowIsWidenedToWholeMinutes() {
        cache.families(T + 1_500, T + 61_500, "up"::equals);
        assertThat(reads.getFirst()).containsExactly(T - T % 60_000, T - T % 60_000 + 120_000);
    }

    @Test
    void aMetricThatJustArrivedIsFoundOnceTheEntryIsASecondOld() {
        cache.families(T, T + 60_000, "up"::equals);
        stored.add(family("new_metric"));
        clock.addAndGet(SECOND / 2);
        assertThat(cache.families(T, T + 60_000, "new_metric"::equals)).extracting(Family::name)
                .as("read half a second ago: not read again").doesNotContain("new_metric");
        clock.addAndGet(SECOND);
        assertThat(cache.families(T, T + 60_000, "new_metric"::equals)).extracting(Family::name)
                .contains("new_metric");
        assertThat(reads).hasSize(2);
    }

    @Test
    void anEntryIsReadAgainAfterItsTimeToLive() {
        cache.families(T, T + 60_000, "up"::equals);
        clock.addAndGet(CatalogueCache.TTL_NANOS);
        cache.families(T, T + 60_000, "up"::equals);
        assertThat(reads).hasSize(2);
    }

    private static Family family(String name) {
        return new Family(name, "otel_metrics_gauge", name, Kind.UNTYPED, "", "");
    }
}
