-- Dashboards people edit in the web UI, and every saved version of each. `document` is the whole dashboard as
-- the API exchanges it (validated by the service before it is stored); `version` counts saves, from 1, and is
-- what an editor sends back so that a save over someone else's newer one is refused instead of lost.

CREATE TABLE dashboard (
    uid        TEXT        NOT NULL,
    title      TEXT        NOT NULL,
    document   JSONB       NOT NULL,
    version    INTEGER     NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT        NOT NULL,
    CONSTRAINT dashboard_pkey PRIMARY KEY (uid),
    CONSTRAINT dashboard_uid_check CHECK (uid ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    CONSTRAINT dashboard_document_check CHECK (jsonb_typeof(document) = 'object'),
    CONSTRAINT dashboard_version_check CHECK (version >= 1)
);

CREATE INDEX dashboard_title_idx ON dashboard (title, uid);

CREATE TABLE dashboard_version (
    uid        TEXT        NOT NULL,
    version    INTEGER     NOT NULL,
    document   JSONB       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    author     TEXT        NOT NULL,
    message    TEXT        NOT NULL DEFAULT '',
    CONSTRAINT dashboard_version_pkey PRIMARY KEY (uid, version),
    CONSTRAINT dashboard_version_uid_fkey FOREIGN KEY (uid) REFERENCES dashboard (uid) ON DELETE CASCADE
);
