-- A second copy of every span, ordered by trace id, inside otel_traces' own parts: a lookup by trace id reads the
-- one granule that holds the trace instead of a granule per service and operation (otel_traces is ordered by
-- those). ClickHouse chooses the projection by itself for queries filtering on TraceId; readers of the exporter
-- schema see no difference. It costs a second sorted copy at insert and in merges (docs/performance.md).
-- Parts written before this migration get the projection when merged; an operator can build it for them at once
-- with ALTER TABLE otel_traces MATERIALIZE PROJECTION by_trace_id.
-- Placeholders: ${database}. Idempotent.

ALTER TABLE `${database}`.otel_traces ADD PROJECTION IF NOT EXISTS by_trace_id (SELECT * ORDER BY TraceId);
