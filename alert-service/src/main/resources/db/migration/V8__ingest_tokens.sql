-- Ingest tokens: what OpenTelemetry exporters and Prometheus servers send with their data (vgi_<id>_<secret>).
-- alert-service creates and revokes them (dev.vigil.alert.access); ingest-service reads this table to accept or
-- refuse telemetry. As with API keys only the secret part's SHA-256 (hex) is stored.

CREATE TABLE access_ingest_tokens (
    id            TEXT        NOT NULL,
    name          TEXT        NOT NULL,
    signals       TEXT[]      NOT NULL,
    -- NULL: the token may send to every pipeline.
    pipelines     TEXT[],
    secret_sha256 TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    TEXT        NOT NULL,
    expires_at    TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    CONSTRAINT access_ingest_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT access_ingest_tokens_id_check CHECK (id ~ '^[a-z0-9]{12}$'),
    CONSTRAINT access_ingest_tokens_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    CONSTRAINT access_ingest_tokens_signals_check
        CHECK (cardinality(signals) > 0 AND signals <@ ARRAY['traces', 'metrics', 'logs']::TEXT[]),
    CONSTRAINT access_ingest_tokens_pipelines_check
        CHECK (pipelines IS NULL OR (cardinality(pipelines) > 0 AND array_position(pipelines, NULL) IS NULL
                                     AND '' <> ALL (pipelines))),
    CONSTRAINT access_ingest_tokens_secret_check CHECK (secret_sha256 ~ '^[0-9a-f]{64}$')
);
