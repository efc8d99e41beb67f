-- Who changed which rule, route, channel, silence or dashboard (later: key, user), written in the same
-- transaction as the change itself. The summary describes the change and never holds a channel's secret.
CREATE TABLE audit_log (
    id          BIGSERIAL   PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    object_kind TEXT        NOT NULL,
    object_id   TEXT        NOT NULL,
    object_name TEXT,
    summary     JSONB       NOT NULL DEFAULT '{}',
    CONSTRAINT audit_log_actor_check CHECK (char_length(actor) > 0),
    CONSTRAINT audit_log_action_check CHECK (action ~ '^[a-z][a-z-]*$'),
    CONSTRAINT audit_log_object_kind_check CHECK (object_kind ~ '^[a-z][a-z-]*$'),
    CONSTRAINT audit_log_summary_check CHECK (jsonb_typeof(summary) = 'object')
);

-- Newest first, filtered by kind or actor: what GET /api/v1/audit asks.
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_kind_at_idx ON audit_log (object_kind, at DESC, id DESC);
CREATE INDEX audit_log_actor_at_idx ON audit_log (actor, at DESC, id DESC);
