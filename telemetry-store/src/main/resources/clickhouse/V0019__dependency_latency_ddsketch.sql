-- The dependency rollup (V0016) keeps each edge's latency as a DDSketch instead of a t-digest, and gets a second level:
-- ten-minute blocks merged from its minutes.
--
-- The graph over an hour merges one latency state per edge and minute, about sixty per edge; with a hundred edges
-- that merge was most of the graph's time. A DDSketch state is a set of logarithmic bins, merged by adding counts:
-- about 40 % quicker to merge than a t-digest of the same spans (docs/performance.md, "Query"), and exact, so
-- minutes merged from the rollup give the quantiles the live join gives over the same spans. Quantiles are within
-- 1 % of the true value (relative accuracy 0.01), where a t-digest has no bound on a quantile's value.
--
-- A state of one kind cannot become the other, so both tables are created again, empty. The rollup's next runs roll
-- every minute of their lookback (the trace retention by default) up again, oldest first; until a minute is, the
-- graph joins it live, as it does a minute not yet rolled up (slower, same answer). Nothing for an operator to run.
-- vigil_dependency_edges_10m holds, per block of ten minutes (aligned to the epoch, as toStartOfTenMinutes), the
-- merge of its minutes' edges as the rollup held them, with Callers the sum of those minutes' caller counts; it is
-- recorded in vigil_dependency_rollups_10m with that sum. The rollup writes a block once each of its minutes is
-- rolled up as it is now, and again (a new generation, as for minutes) when a minute is rolled up again. The graph
-- over an hour then merges four to six block states per edge and the minutes at either end, instead of sixty minute
-- states, reading a block only while its recorded count is the count of its callers now.
-- Placeholders: ${database}, ${retention.traces}. Every statement is idempotent.

DROP TABLE IF EXISTS `${database}`.vigil_dependency_rollups SYNC;

DROP TABLE IF EXISTS `${database}`.vigil_dependency_edges_1m SYNC;

CREATE TABLE IF NOT EXISTS `${database}`.vigil_dependency_edges_1m (
    Minute DateTime CODEC(Delta(4), ZSTD(1)),
    Callers UInt64 CODEC(T64, ZSTD(1)),
    Source LowCardinality(String) CODEC(ZSTD(1)),
    Target LowCardinality(String) CODEC(ZSTD(1)),
    TargetKind LowCardinality(String) CODEC(ZSTD(1)),
    Calls UInt64 CODEC(T64, ZSTD(1)),
    Errors UInt64 CODEC(T64, ZSTD(1)),
    Latency AggregateFunction(quantilesDD(0.01, 0.5, 0.95, 0.99), UInt64)
) ENGINE = MergeTree
PARTITION BY toDate(Minute)
ORDER BY (Minute, Callers, Source, TargetKind, Target)
TTL Minute + ${retention.traces}
-- One insert per minute rolled up: the window remembers the tokens of two weeks of minutes.
-- Granules of 128 rows, about a minute's edges: reading a latency state means deserializing it, so a read of some
-- minutes must not take every state of the granules around them (with 8,192 rows a granule held more than an hour).
SETTINGS index_granularity = 128, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 20000;

CREATE TABLE IF NOT EXISTS `${database}`.vigil_dependency_rollups (
    Minute DateTime CODEC(Delta(4), ZSTD(1)),
    Callers UInt64 CODEC(T64, ZSTD(1)),
    RolledUpAt DateTime DEFAULT now() CODEC(Delta(4), ZSTD(1))
) ENGINE = ReplacingMergeTree(Callers)
PARTITION BY toDate(Minute)
ORDER BY Minute
TTL Minute + ${retention.traces}
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS `${database}`.vigil_dependency_edges_10m (
    Block DateTime CODEC(Delta(4), ZSTD(1)),
    Callers UInt64 CODEC(T64, ZSTD(1)),
    Source LowCardinality(String) CODEC(ZSTD(1)),
    Target LowCardinality(String) CODEC(ZSTD(1)),
    TargetKind LowCardinality(String) CODEC(ZSTD(1)),
    Calls UInt64 CODEC(T64, ZSTD(1)),
    Errors UInt64 CODEC(T64, ZSTD(1)),
    Latency AggregateFunction(quantilesDD(0.01, 0.5, 0.95, 0.99), UInt64)
) ENGINE = MergeTree
PARTITION BY toDate(Block)
ORDER BY (Block, Callers, Source, TargetKind, Target)
TTL Block + ${retention.traces}
-- One insert per block rolled up: the window remembers the tokens of a week of blocks (1,008). Granules as above.
SETTINGS index_granularity = 128, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS `${database}`.vigil_dependency_rollups_10m (
    Block DateTime CODEC(Delta(4), ZSTD(1)),
    Callers UInt64 CODEC(T64, ZSTD(1)),
    RolledUpAt DateTime DEFAULT now() CODEC(Delta(4), ZSTD(1))
) ENGINE = ReplacingMergeTree(Callers)
PARTITION BY toDate(Block)
ORDER BY Block
TTL Block + ${retention.traces}
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 1000;
