-- +goose Up
-- Honoring rounds: a unit calls for nominations from its subtree with a deadline.
CREATE TABLE honoring_rounds (
    id                  uuid PRIMARY KEY,
    unit_id             uuid NOT NULL REFERENCES units (id),
    unit_path           text NOT NULL,
    bloc_id             uuid NOT NULL,
    title               text NOT NULL,
    year                integer NOT NULL,
    nomination_deadline date NOT NULL,
    created_by          uuid,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX honoring_rounds_unit_idx ON honoring_rounds (unit_id, year);

-- Nominations of exemplars. The owner unit nominates; holder is the unit whose officers decide
-- now (the parent after submission, one level higher at each endorsement).
CREATE TABLE nominations (
    id                  uuid PRIMARY KEY,
    unit_id             uuid NOT NULL REFERENCES units (id),
    unit_path           text NOT NULL,
    bloc_id             uuid NOT NULL,
    year                integer NOT NULL,
    round_id            uuid REFERENCES honoring_rounds (id),
    subject_kind        text NOT NULL CHECK (subject_kind IN ('collective', 'individual')),
    subject_unit_id     uuid REFERENCES units (id),
    department_name     text,
    person_name         text,
    person_position     text,
    party_member        boolean,
    leader              boolean,
    achievements        text NOT NULL DEFAULT '',
    public_summary      text NOT NULL DEFAULT '',
    model_ids           jsonb NOT NULL DEFAULT '[]',
    criteria            jsonb NOT NULL DEFAULT '[]',
    mentor              jsonb,
    status              text NOT NULL CHECK (status IN ('draft', 'submitted', 'endorsed', 'returned', 'rejected', 'commended', 'honored')),
    status_reason       text,
    holder_unit_id      uuid NOT NULL REFERENCES units (id),
    holder_path         text NOT NULL,
    submitted_by        uuid,
    submitted_at        timestamptz,
    decision            jsonb,
    consent             jsonb,
    published_at        timestamptz,
    published_by        uuid,
    published_by_name   text,
    created_by          uuid,
    version             bigint NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX nominations_unit_idx ON nominations (unit_id, id DESC);
CREATE INDEX nominations_path_idx ON nominations (unit_path text_pattern_ops, year, status);
CREATE INDEX nominations_holder_idx ON nominations (holder_unit_id, status);
CREATE INDEX nominations_published_idx ON nominations (published_at DESC) WHERE published_at IS NOT NULL;

-- Every decision on a nomination: who, when, at which level, why.
CREATE TABLE nomination_events (
    id              uuid PRIMARY KEY,
    nomination_id   uuid NOT NULL REFERENCES nominations (id) ON DELETE CASCADE,
    action          text NOT NULL,
    from_status     text,
    to_status       text NOT NULL,
    holder_unit_id  uuid REFERENCES units (id),
    actor_id        uuid,
    actor_name      text NOT NULL,
    reason          text,
    at              timestamptz NOT NULL
);
CREATE INDEX nomination_events_idx ON nomination_events (nomination_id, at);

-- Nurturing: progress notes, monthly, quarterly or yearly (Kế hoạch 185-KH/ĐU §II.4, docs/sources.md).
CREATE TABLE nomination_notes (
    id              uuid PRIMARY KEY,
    nomination_id   uuid NOT NULL REFERENCES nominations (id) ON DELETE CASCADE,
    period          text NOT NULL CHECK (period IN ('monthly', 'quarterly', 'yearly')),
    label           text NOT NULL,
    text            text NOT NULL,
    author_id       uuid,
    author_name     text NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX nomination_notes_idx ON nomination_notes (nomination_id, created_at);

-- The honor roll (sổ ghi danh) of each unit, numbered per year without gaps or repeats: the
-- counter row is taken with an atomic upsert, so concurrent honoring serializes on it.
CREATE TABLE honor_roll_counters (
    unit_id  uuid NOT NULL,
    year     integer NOT NULL,
    last     integer NOT NULL,
    PRIMARY KEY (unit_id, year)
);
CREATE TABLE honor_roll (
    id              uuid PRIMARY KEY,
    unit_id         uuid NOT NULL REFERENCES units (id),
    unit_path       text NOT NULL,
    bloc_id         uuid NOT NULL,
    year            integer NOT NULL,
    number          integer NOT NULL,
    nomination_id   uuid NOT NULL UNIQUE REFERENCES nominations (id),
    subject_name    text NOT NULL,
    subject_kind    text NOT NULL,
    decision        jsonb,
    honored_at      timestamptz NOT NULL,
    UNIQUE (unit_id, year, number)
);

-- Publication to the provincial portal of models and standards (nominations carry theirs).
ALTER TABLE models ADD COLUMN published_at timestamptz, ADD COLUMN published_by uuid, ADD COLUMN published_by_name text;
ALTER TABLE standards ADD COLUMN published_at timestamptz, ADD COLUMN published_by uuid, ADD COLUMN published_by_name text;
CREATE INDEX models_published_idx ON models (published_at DESC) WHERE published_at IS NOT NULL;
CREATE INDEX standards_published_idx ON standards (published_at DESC) WHERE published_at IS NOT NULL;

-- +goose Down
DROP INDEX standards_published_idx;
DROP INDEX models_published_idx;
ALTER TABLE standards DROP COLUMN published_at, DROP COLUMN published_by, DROP COLUMN published_by_name;
ALTER TABLE models DROP COLUMN published_at, DROP COLUMN published_by, DROP COLUMN published_by_name;
DROP TABLE honor_roll;
DROP TABLE honor_roll_counters;
DROP TABLE nomination_notes;
DROP TABLE nomination_events;
DROP TABLE nominations;
DROP TABLE honoring_rounds;
