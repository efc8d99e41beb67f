-- Alert rules: what to evaluate, how often, and what to attach to the alerts it raises.
-- The kind-specific part of a rule (query, threshold, quantile, ...) lives in `spec`, so a new
-- kind needs no migration; the columns hold what every kind shares, in Prometheus' terms:
--   interval_seconds         how often the rule is evaluated
--   for_seconds              how long the condition must hold before the alert fires
--   keep_firing_for_seconds  how long the alert keeps firing after the condition clears
CREATE TABLE alert_rule (
    id                      BIGINT GENERATED ALWAYS AS IDENTITY,
    name                    TEXT        NOT NULL,
    kind                    TEXT        NOT NULL,
    spec                    JSONB       NOT NULL DEFAULT '{}'::jsonb,
    interval_seconds        INTEGER     NOT NULL DEFAULT 60,
    for_seconds             INTEGER     NOT NULL DEFAULT 0,
    keep_firing_for_seconds INTEGER     NOT NULL DEFAULT 0,
    labels                  JSONB       NOT NULL DEFAULT '{}'::jsonb,
    annotations             JSONB       NOT NULL DEFAULT '{}'::jsonb,
    enabled                 BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),

    CONSTRAINT alert_rule_pkey PRIMARY KEY (id),
    -- Names identify rules to people and in notifications, so two rules may not share one.
    CONSTRAINT alert_rule_name_key UNIQUE (name),
    CONSTRAINT alert_rule_name_check CHECK (char_length(btrim(name)) BETWEEN 1 AND 255),
    CONSTRAINT alert_rule_kind_check
        CHECK (kind IN ('metric_threshold', 'error_rate', 'latency_quantile', 'log_count', 'absence')),
    CONSTRAINT alert_rule_spec_check CHECK (jsonb_typeof(spec) = 'object'),
    CONSTRAINT alert_rule_interval_check CHECK (interval_seconds BETWEEN 1 AND 86400),
    CONSTRAINT alert_rule_for_check CHECK (for_seconds >= 0),
    CONSTRAINT alert_rule_keep_firing_for_check CHECK (keep_firing_for_seconds >= 0),
    CONSTRAINT alert_rule_labels_check CHECK (jsonb_typeof(labels) = 'object'),
    CONSTRAINT alert_rule_annotations_check CHECK (jsonb_typeof(annotations) = 'object'),
    CONSTRAINT alert_rule_updated_check CHECK (updated_at >= created_at)
);

COMMENT ON TABLE alert_rule IS 'Alert rules as people define them; evaluation state lives elsewhere.';
