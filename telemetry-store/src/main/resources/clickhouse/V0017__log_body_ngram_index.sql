-- A skip index of the 6-grams of each log body, lowercased, for the logs API's text search: a search for text of
-- six characters or more (an order id, a host name, a phrase) reads only the granules whose bloom filter holds every
-- 6-gram of the text, instead of every body of the window. Unlike the exporter's token index (idx_lower_body) it
-- serves text that is not a whole word, so the search keeps its meaning, "any substring, ignoring case". It costs
-- about 4 bytes per record on disk (docs/performance.md, Logs).
-- Parts written before this migration get the index when merged; an operator can build it for them at once with
-- ALTER TABLE otel_logs MATERIALIZE INDEX idx_lower_body_ngram (docs/storage.md).
-- Placeholders: ${database}. Idempotent.

ALTER TABLE `${database}`.otel_logs ADD INDEX IF NOT EXISTS idx_lower_body_ngram lower(Body)
    TYPE ngrambf_v1(6, 32768, 2, 0) GRANULARITY 1;
