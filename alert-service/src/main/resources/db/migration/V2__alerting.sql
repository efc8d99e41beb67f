-- Notification channels, routes, silences, alert state and history, evaluation leases, and the
-- notification log. Secrets (webhook URLs, routing keys) live in `channel.secret` only; the API
-- never returns that column.

CREATE TABLE channel (
    id         BIGINT GENERATED ALWAYS AS IDENTITY,
    name       TEXT        NOT NULL,
    type       TEXT        NOT NULL,
    -- Settings that are not secret, e.g. the PagerDuty Events API endpoint.
    settings   JSONB       NOT NULL DEFAULT '{}'::jsonb,
    -- The Slack incoming-webhook URL, the PagerDuty routing key or the webhook URL.
    secret     TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT channel_pkey PRIMARY KEY (id),
    CONSTRAINT channel_name_key UNIQUE (name),
    CONSTRAINT channel_name_check CHECK (char_length(btrim(name)) BETWEEN 1 AND 255),
    CONSTRAINT channel_type_check CHECK (type IN ('slack', 'pagerduty', 'webhook')),
    CONSTRAINT channel_settings_check CHECK (jsonb_typeof(settings) = 'object'),
    CONSTRAINT channel_secret_check CHECK (char_length(secret) > 0)
);

-- Every route whose matchers all match an alert's labels sends it to its channel, grouped by the
-- values of `group_by`, as Alertmanager's route does.
CREATE TABLE route (
    id                      BIGINT GENERATED ALWAYS AS IDENTITY,
    name                    TEXT        NOT NULL,
    channel_id              BIGINT      NOT NULL,
    -- Alertmanager's matcher syntax, one per element: team="shop", severity=~"page|critical".
    matchers                TEXT[]      NOT NULL DEFAULT '{}',
    group_by                TEXT[]      NOT NULL DEFAULT '{}',
    group_wait_seconds      INTEGER     NOT NULL DEFAULT 30,
    group_interval_seconds  INTEGER     NOT NULL DEFAULT 300,
    repeat_interval_seconds INTEGER     NOT NULL DEFAULT 14400,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT route_pkey PRIMARY KEY (id),
    CONSTRAINT route_name_key UNIQUE (name),
    CONSTRAINT route_channel_fkey FOREIGN KEY (channel_id) REFERENCES channel (id) ON DELETE RESTRICT,
    CONSTRAINT route_group_wait_check CHECK (group_wait_seconds >= 0),
    CONSTRAINT route_group_interval_check CHECK (group_interval_seconds >= 1),
    CONSTRAINT route_repeat_interval_check CHECK (repeat_interval_seconds >= 1)
);

CREATE TABLE silence (
    id         BIGINT GENERATED ALWAYS AS IDENTITY,
    matchers   TEXT[]      NOT NULL,
    starts_at  TIMESTAMPTZ NOT NULL,
    ends_at    TIMESTAMPTZ NOT NULL,
    created_by TEXT        NOT NULL,
    comment    TEXT        NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT silence_pkey PRIMARY KEY (id),
    CONSTRAINT silence_matchers_check CHECK (cardinality(matchers) > 0),
    CONSTRAINT silence_period_check CHECK (ends_at > starts_at)
);
CREATE INDEX silence_ends_at_idx ON silence (ends_at);

-- One row per rule and label set: the alert's current state. A resolved alert that fires again
-- reuses its row; every change is also written to alert_history.
CREATE TABLE alert_instance (
    id                BIGINT GENERATED ALWAYS AS IDENTITY,
    rule_id           BIGINT           NOT NULL,
    fingerprint       TEXT             NOT NULL,
    state             TEXT             NOT NULL,
    active_at         TIMESTAMPTZ      NOT NULL,
    fired_at          TIMESTAMPTZ,
    resolved_at       TIMESTAMPTZ,
    last_violation_at TIMESTAMPTZ      NOT NULL,
    last_evaluated_at TIMESTAMPTZ      NOT NULL,
    value             DOUBLE PRECISION NOT NULL,
    labels            JSONB            NOT NULL,
    annotations       JSONB            NOT NULL,
    CONSTRAINT alert_instance_pkey PRIMARY KEY (id),
    CONSTRAINT alert_instance_rule_fkey FOREIGN KEY (rule_id) REFERENCES alert_rule (id) ON DELETE CASCADE,
    CONSTRAINT alert_instance_key UNIQUE (rule_id, fingerprint),
    CONSTRAINT alert_instance_state_check CHECK (state IN ('inactive', 'pending', 'firing', 'resolved'))
);
CREATE INDEX alert_instance_state_idx ON alert_instance (state);

CREATE TABLE alert_history (
    id          BIGINT GENERATED ALWAYS AS IDENTITY,
    event_id    TEXT             NOT NULL,
    rule_id     BIGINT           NOT NULL,
    rule_name   TEXT             NOT NULL,
    fingerprint TEXT             NOT NULL,
    from_state  TEXT             NOT NULL,
    to_state    TEXT             NOT NULL,
    at          TIMESTAMPTZ      NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    labels      JSONB            NOT NULL,
    annotations JSONB            NOT NULL,
    CONSTRAINT alert_history_pkey PRIMARY KEY (id),
    -- The event id is derived from the transition, so a transition recorded twice is stored once.
    CONSTRAINT alert_history_event_key UNIQUE (event_id),
    CONSTRAINT alert_history_from_check CHECK (from_state IN ('inactive', 'pending', 'firing', 'resolved')),
    CONSTRAINT alert_history_to_check CHECK (to_state IN ('inactive', 'pending', 'firing', 'resolved'))
);
CREATE INDEX alert_history_rule_at_idx ON alert_history (rule_id, at DESC);
CREATE INDEX alert_history_at_idx ON alert_history (at DESC);

-- Which replica evaluates a rule: a replica evaluates only the rules it holds an unexpired lease on,
-- and takes over a rule whose lease expired (its holder stopped or lost the database).
CREATE TABLE rule_lease (
    rule_id    BIGINT      NOT NULL,
    owner      TEXT        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT rule_lease_pkey PRIMARY KEY (rule_id),
    CONSTRAINT rule_lease_rule_fkey FOREIGN KEY (rule_id) REFERENCES alert_rule (id) ON DELETE CASCADE
);

-- An alert group of a route: the alerts that share the values of the route's group_by labels.
CREATE TABLE alert_group (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY,
    route_id           BIGINT      NOT NULL,
    group_key          TEXT        NOT NULL,
    group_labels       JSONB       NOT NULL,
    -- When the group is next looked at: after group_wait, group_interval or repeat_interval; NULL when idle.
    next_flush_at      TIMESTAMPTZ,
    last_sent_at       TIMESTAMPTZ,
    -- The firing alerts of the last notification, as sorted alert keys.
    last_sent_firing   JSONB       NOT NULL DEFAULT '[]'::jsonb,
    notification_count BIGINT      NOT NULL DEFAULT 0,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT alert_group_pkey PRIMARY KEY (id),
    CONSTRAINT alert_group_route_fkey FOREIGN KEY (route_id) REFERENCES route (id) ON DELETE CASCADE,
    CONSTRAINT alert_group_key UNIQUE (route_id, group_key)
);
CREATE INDEX alert_group_next_flush_idx ON alert_group (next_flush_at) WHERE next_flush_at IS NOT NULL;

CREATE TABLE alert_group_member (
    group_id    BIGINT           NOT NULL,
    alert_key   TEXT             NOT NULL,
    rule_id     BIGINT           NOT NULL,
    rule_name   TEXT             NOT NULL,
    state       TEXT             NOT NULL,
    labels      JSONB            NOT NULL,
    annotations JSONB            NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    starts_at   TIMESTAMPTZ      NOT NULL,
    ends_at     TIMESTAMPTZ,
    -- The time of the state change that wrote the row: a replayed, older event changes nothing.
    event_at    TIMESTAMPTZ      NOT NULL,
    CONSTRAINT alert_group_member_pkey PRIMARY KEY (group_id, alert_key),
    CONSTRAINT alert_group_member_group_fkey FOREIGN KEY (group_id) REFERENCES alert_group (id) ON DELETE CASCADE,
    CONSTRAINT alert_group_member_state_check CHECK (state IN ('firing', 'resolved'))
);

-- One notification of one group to one channel. The idempotency key is derived from the group and
-- its notification count, so deciding the same notification twice stores it once.
CREATE TABLE notification (
    id              BIGINT GENERATED ALWAYS AS IDENTITY,
    idempotency_key TEXT        NOT NULL,
    group_id        BIGINT      NOT NULL,
    channel_id      BIGINT      NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'pending',
    message         JSONB       NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_until   TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ,
    CONSTRAINT notification_pkey PRIMARY KEY (id),
    CONSTRAINT notification_idempotency_key UNIQUE (idempotency_key),
    CONSTRAINT notification_group_fkey FOREIGN KEY (group_id) REFERENCES alert_group (id) ON DELETE CASCADE,
    CONSTRAINT notification_channel_fkey FOREIGN KEY (channel_id) REFERENCES channel (id) ON DELETE CASCADE,
    CONSTRAINT notification_status_check CHECK (status IN ('pending', 'sending', 'delivered', 'failed'))
);
CREATE INDEX notification_due_idx ON notification (next_attempt_at) WHERE status IN ('pending', 'sending');

-- Every attempt to deliver a notification, successful or not.
CREATE TABLE delivery_attempt (
    id              BIGINT GENERATED ALWAYS AS IDENTITY,
    notification_id BIGINT      NOT NULL,
    attempt         INTEGER     NOT NULL,
    at              TIMESTAMPTZ NOT NULL,
    outcome         TEXT        NOT NULL,
    http_status     INTEGER,
    error           TEXT,
    duration_ms     BIGINT      NOT NULL,
    CONSTRAINT delivery_attempt_pkey PRIMARY KEY (id),
    CONSTRAINT delivery_attempt_notification_fkey FOREIGN KEY (notification_id) REFERENCES notification (id) ON DELETE CASCADE,
    CONSTRAINT delivery_attempt_key UNIQUE (notification_id, attempt),
    CONSTRAINT delivery_attempt_outcome_check CHECK (outcome IN ('delivered', 'retryable', 'failed'))
);
