package dev.vigil.query.dependency;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import dev.vigil.store.query.ServerParameters;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Rolls the dependency graph's edges up per minute (V0016) and per block of ten minutes (V0019), so the graph over
 * an hour reads a few blocks and minutes of the rollup and joins only the minutes it does not hold yet. Every run
 * rolls up each closed minute of the last
 * {@code vigil.query.dependency-rollup.lookback} whose caller spans are not rolled up as they are now: a minute
 * is closed once it ended {@code vigil.query.dependency-rollup.grace} ago, so callees that arrive a little after
 * their callers still count. Minutes missed while no replica ran, or filled later by a bulk load, are caught up
 * by the next run. Safe on several replicas: a minute rolled up twice with the same spans is stored once (its
 * deduplication token), and the graph reads only a minute's latest rollup.
 */
@Singleton
public final class DependencyRollup {

    private static final Logger LOG = Logger.getLogger(DependencyRollup.class);
    private static final long TIMEOUT_SECONDS = 300;

    private final Client client;
    private final Duration grace;
    private final Duration lookback;

    DependencyRollup(Client client, DependencyRollupConfig config) {
        this.client = client;
        this.grace = config.grace();
        this.lookback = config.lookback();
    }

    @Scheduled(identity = "dependency-rollup", every = "${vigil.query.dependency-rollup.interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rollUpClosedMinutes() {
        try {
            long t0 = System.nanoTime();
            int minutes = rollUp(Instant.now());
            if (minutes > 0) {
                LOG.debugf("rolled up the dependency edges of %d minute(s) in %d ms", minutes,
                        (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (RuntimeException e) {
            // The next run finds the same minutes still to do.
            LOG.warnf("dependency rollup failed, retried at the next run: %s", e.getMessage());
        }
    }

    /** Rolls up every closed minute of the lookback that needs it, as of {@code now}; returns how many. */
    public int rollUp(Instant now) {
        long to = Math.floorDiv(now.minus(grace).getEpochSecond(), 60) * 60;
        long from = Math.floorDiv(now.minus(lookback).getEpochSecond(), 60) * 60;
        return rollUp(from, to);
    }

    /**
     * Rolls up the minutes from {@code fromMinute} to {@code toMinute} (epoch seconds, exclusive) that have caller
     * spans not rolled up as they are now, oldest first, then the whole blocks of ten minutes in that range whose
     * minutes are all rolled up as they are now but the block is not; returns how many minutes.
     */
    int rollUp(long fromMinute, long toMinute) {
        if (fromMinute >= toMinute) {
            return 0;
        }
        RolledUpMinutes state;
        try (QueryResponse response = await(client.query(DependencyQueries.MINUTE_CALLERS,
                ServerParameters.bind(Map.of("fromMinute", fromMinute, "toMinute", toMinute)), new QuerySettings()))) {
            state = RolledUpMinutes.read(client.newBinaryFormatReader(response));
        } catch (Exception e) {
            throw failure("reading the minutes to roll up", e);
        }
        List<long[]> stale = state.staleMinutes(fromMinute, toMinute);
        for (long[] minute : stale) {
            rollUpMinute(minute[0], minute[1]);
            state.rolledUp(minute[0]);
        }
        for (long[] block : state.staleBlocks(fromMinute, toMinute)) {
            rollUpBlock(block[0], block[1]);
        }
        return stale.size();
    }

    /**
     * Inserts the edges of {@code minute} as they are with {@code callers} caller spans, then records it. Counted
     * before the join: a span arriving in between makes the minute stale again, never falsely up to date.
     */
    private void rollUpMinute(long minute, long callers) {
        Map<String, Object> parameters = ServerParameters.bind(Map.of(
                "minute", minute,
                "callers", callers,
                "headFromNanos", minute * 1_000_000_000L,
                "headToNanos", (minute + 60) * 1_000_000_000L,
                "tailFromNanos", 0L,
                "tailToNanos", 0L,
                "slackNanos", DependencyStore.CALLEE_SLACK_NANOS));
        insertThenRecord(DependencyQueries.ROLL_UP_MINUTE, DependencyQueries.RECORD_ROLLUP, parameters,
                "dependency-edges-" + minute + "-" + callers, "minute " + Instant.ofEpochSecond(minute));
    }

    /**
     * Inserts the merge of the latest rollups of the minutes of {@code block}, whose caller spans were
     * {@code callers} when counted, then records it. A minute rolled up again in between adds spans the count does
     * not have: the block's count then differs from its minutes' and the graph reads the minutes, never the block.
     */
    private void rollUpBlock(long block, long callers) {
        Map<String, Object> parameters = ServerParameters.bind(Map.of("block", block, "callers", callers));
        insertThenRecord(DependencyQueries.ROLL_UP_BLOCK, DependencyQueries.RECORD_BLOCK_ROLLUP, parameters,
                "dependency-edges-10m-" + block + "-" + callers, "block " + Instant.ofEpochSecond(block));
    }

    private void insertThenRecord(String insert, String record, Map<String, Object> parameters, String token,
            String what) {
        QuerySettings deduplicated = new QuerySettings().serverSetting("insert_deduplication_token", token);
        try {
            await(client.query(insert, parameters, deduplicated)).close();
            await(client.query(record, parameters, new QuerySettings())).close();
        } catch (Exception e) {
            throw failure("rolling up " + what, e);
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static RuntimeException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException(what + ": " + cause.getMessage(), cause);
    }
}
