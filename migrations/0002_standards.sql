-- +goose Up
-- Ethical standards (chuẩn mực đạo đức) of a unit. items is the ordered list of lines
-- [{id, text, relation}]: they are always read and written whole, with the standard.
CREATE TABLE standards (
    id                     uuid PRIMARY KEY,
    unit_id                uuid NOT NULL REFERENCES units (id),
    unit_path              text NOT NULL,
    bloc_id                uuid NOT NULL,
    title                  text NOT NULL,
    subtitle               text NOT NULL DEFAULT '',
    sector                 text,
    status                 text NOT NULL CHECK (status IN ('draft', 'consultation', 'issued', 'superseded', 'withdrawn')),
    items                  jsonb NOT NULL DEFAULT '[]',
    consultation_closes_on date,
    decision_number        text,
    decision_date          date,
    signer                 text,
    issued_at              timestamptz,
    superseded_by          uuid REFERENCES standards (id),
    withdraw_reason        text,
    created_by             uuid,
    version                bigint NOT NULL DEFAULT 1,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);
-- At most one issued standard per unit: issuing supersedes the previous one in the same transaction.
CREATE UNIQUE INDEX standards_one_issued ON standards (unit_id) WHERE status = 'issued';
CREATE INDEX standards_unit_idx ON standards (unit_id, id DESC);
CREATE INDEX standards_path_idx ON standards (unit_path text_pattern_ops, id DESC);
CREATE INDEX standards_search_idx ON standards USING gin (f_unaccent(title) gin_trgm_ops);

CREATE TABLE standard_comments (
    id           uuid PRIMARY KEY,
    standard_id  uuid NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    unit_id      uuid NOT NULL,
    bloc_id      uuid NOT NULL,
    item_id      uuid,
    author_id    uuid,
    author_name  text NOT NULL,
    text         text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX standard_comments_standard_idx ON standard_comments (standard_id, id);

-- Where a standard hangs: the unit may be the standard's own or one it is in force for.
CREATE TABLE standard_postings (
    id           uuid PRIMARY KEY,
    standard_id  uuid NOT NULL REFERENCES standards (id),
    unit_id      uuid NOT NULL REFERENCES units (id),
    bloc_id      uuid NOT NULL,
    location     text NOT NULL,
    frame        text NOT NULL CHECK (frame IN ('40x60', '50x75', '60x90', 'custom')),
    width_cm     numeric(5, 1) NOT NULL,
    height_cm    numeric(5, 1) NOT NULL,
    posted_on    date NOT NULL,
    created_by   uuid,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX standard_postings_standard_idx ON standard_postings (standard_id, id);

-- A unit that uses a standard of a unit above instead of its own (at most one).
CREATE TABLE standard_adoptions (
    unit_id      uuid PRIMARY KEY REFERENCES units (id),
    unit_path    text NOT NULL,
    bloc_id      uuid NOT NULL,
    standard_id  uuid NOT NULL REFERENCES standards (id),
    adopted_by   uuid,
    adopted_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX standard_adoptions_path_idx ON standard_adoptions (unit_path text_pattern_ops);

-- +goose Down
DROP TABLE standard_adoptions;
DROP TABLE standard_postings;
DROP TABLE standard_comments;
DROP TABLE standards;
