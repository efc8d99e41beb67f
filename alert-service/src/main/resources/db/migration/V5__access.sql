-- Who may use Vigil: API keys, users and their login sessions. alert-service owns these tables (it manages keys and
-- users and logs people in); every service reads them to verify a request's credential (dev.vigil.access.verify).
-- No secret is stored: a key's secret and a session's token only as SHA-256 (hex), a password only as a salted
-- PBKDF2-HMAC-SHA256 hash.

CREATE TABLE access_keys (
    id            TEXT        NOT NULL,
    name          TEXT        NOT NULL,
    role          TEXT        NOT NULL,
    secret_sha256 TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    TEXT        NOT NULL,
    expires_at    TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    CONSTRAINT access_keys_pkey PRIMARY KEY (id),
    CONSTRAINT access_keys_id_check CHECK (id ~ '^[a-z0-9]{12}$'),
    CONSTRAINT access_keys_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    CONSTRAINT access_keys_role_check CHECK (role IN ('viewer', 'editor', 'admin')),
    CONSTRAINT access_keys_secret_check CHECK (secret_sha256 ~ '^[0-9a-f]{64}$')
);

CREATE TABLE access_users (
    username      TEXT        NOT NULL,
    role          TEXT        NOT NULL,
    password_hash TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    TEXT        NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT access_users_pkey PRIMARY KEY (username),
    CONSTRAINT access_users_username_check CHECK (username ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    CONSTRAINT access_users_role_check CHECK (role IN ('viewer', 'editor', 'admin')),
    CONSTRAINT access_users_password_check CHECK (password_hash LIKE 'pbkdf2-sha256$%')
);

CREATE TABLE access_sessions (
    token_sha256 TEXT        NOT NULL,
    username     TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT access_sessions_pkey PRIMARY KEY (token_sha256),
    CONSTRAINT access_sessions_token_check CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    -- Deleting a user ends their sessions.
    CONSTRAINT access_sessions_username_fkey FOREIGN KEY (username) REFERENCES access_users (username) ON DELETE CASCADE
);

CREATE INDEX access_sessions_expires_idx ON access_sessions (expires_at);
