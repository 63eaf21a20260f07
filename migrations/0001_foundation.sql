-- +goose Up
-- Extensions: diacritics-insensitive search (unaccent + pg_trgm).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Vietnamese collation for sorting names the way users read them.
CREATE COLLATION IF NOT EXISTS vi (provider = icu, locale = 'vi-VN');

-- unaccent() is only STABLE; this wrapper pins the dictionary so it can be used in indexes.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;
-- +goose StatementEnd

-- The unit tree. path is the materialized list of ids from the root bloc down to the unit
-- ("<bloc>/<committee>/<cell>/"), so a subtree is one indexed prefix scan.
CREATE TABLE units (
    id          uuid PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('bloc', 'committee', 'cell')),
    code        text NOT NULL,
    name        text NOT NULL,
    parent_id   uuid REFERENCES units (id),
    bloc_id     uuid NOT NULL,
    path        text NOT NULL,
    archived    boolean NOT NULL DEFAULT false,
    version     bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'bloc') = (parent_id IS NULL))
);
CREATE UNIQUE INDEX units_code_key ON units (lower(code));
CREATE INDEX units_path_idx ON units (path text_pattern_ops);
CREATE INDEX units_parent_idx ON units (parent_id, name COLLATE vi, id);
CREATE INDEX units_search_idx ON units USING gin (f_unaccent(name || ' ' || code) gin_trgm_ops);

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    username      text NOT NULL,
    full_name     text NOT NULL,
    email         text,
    unit_id       uuid REFERENCES units (id), -- NULL only for administrators created from the CLI
    unit_path     text NOT NULL DEFAULT '',
    password_hash text NOT NULL,
    disabled      boolean NOT NULL DEFAULT false,
    version       bigint NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE INDEX users_unit_path_idx ON users (unit_path text_pattern_ops);

-- Service clients (portals, import scripts): OAuth2 client_credentials.
CREATE TABLE clients (
    id          uuid PRIMARY KEY,
    client_id   text NOT NULL UNIQUE,
    name        text NOT NULL,
    unit_id     uuid NOT NULL REFERENCES units (id),
    unit_path   text NOT NULL,
    secret_hash text NOT NULL,
    disabled    boolean NOT NULL DEFAULT false,
    created_by  uuid,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clients_unit_path_idx ON clients (unit_path text_pattern_ops);

-- A role held by a principal (user or client) at a unit, over the unit's whole subtree.
-- unit_id is NULL only for the global admin role.
CREATE TABLE role_assignments (
    id             uuid PRIMARY KEY,
    principal_id   uuid NOT NULL,
    principal_kind text NOT NULL CHECK (principal_kind IN ('user', 'client')),
    role           text NOT NULL,
    unit_id        uuid REFERENCES units (id),
    granted_by     uuid,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'admin') = (unit_id IS NULL))
);
CREATE UNIQUE INDEX role_assignments_key
    ON role_assignments (principal_id, role, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'));
CREATE INDEX role_assignments_unit_idx ON role_assignments (unit_id);

-- Refresh tokens are opaque; only their SHA-256 is stored. A family is one login's chain of
-- rotations: presenting a spent token revokes the whole family.
CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY,
    family_id   uuid NOT NULL,
    user_id     uuid NOT NULL REFERENCES users (id),
    token_hash  bytea NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

-- Login throttling shared by every replica: per account (lock-out) and per address (rate limit).
CREATE TABLE login_throttle (
    key             text PRIMARY KEY,
    attempts        integer NOT NULL DEFAULT 0,
    window_start    timestamptz NOT NULL,
    locked_until    timestamptz
);

-- Idempotency-Key: the first answer to a POST, replayed on retry.
CREATE TABLE idempotency_keys (
    principal_id  text NOT NULL,
    key           text NOT NULL,
    method        text NOT NULL,
    path          text NOT NULL,
    request_hash  bytea NOT NULL,
    status        integer,
    content_type  text,
    headers       jsonb,
    body          bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (principal_id, key)
);

-- The append-only audit trail, written in the same transaction as each change.
CREATE TABLE audit_events (
    id             uuid PRIMARY KEY,
    occurred_at    timestamptz NOT NULL DEFAULT now(),
    actor_id       uuid,
    actor_kind     text NOT NULL,
    actor_name     text NOT NULL,
    action         text NOT NULL,
    resource_type  text NOT NULL,
    resource_id    uuid,
    unit_id        uuid,
    unit_path      text NOT NULL DEFAULT '',
    bloc_id        uuid,
    before         jsonb,
    after          jsonb,
    request_id     text NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_unit_path_idx ON audit_events (unit_path text_pattern_ops, id DESC);
CREATE INDEX audit_events_resource_idx ON audit_events (resource_id, id DESC);

-- +goose Down
DROP TABLE audit_events;
DROP TABLE idempotency_keys;
DROP TABLE login_throttle;
DROP TABLE refresh_tokens;
DROP TABLE role_assignments;
DROP TABLE clients;
DROP TABLE users;
DROP TABLE units;
DROP FUNCTION f_unaccent(text);
DROP COLLATION IF EXISTS vi;
