-- +goose Up
-- Party members as people (đảng viên), whether or not they ever log in: the cell they belong
-- to, the personal data the cell keeps on them, and the user account linked to them if any.
-- Personal data: read only by the member, the officers above and inspectors (internal/member).
CREATE TABLE members (
    id                 uuid PRIMARY KEY,
    unit_id            uuid NOT NULL REFERENCES units (id),
    unit_path          text NOT NULL,
    bloc_id            uuid NOT NULL,
    user_id            uuid REFERENCES users (id) ON DELETE SET NULL,
    full_name          text NOT NULL,
    birth_date         date,
    position           text NOT NULL DEFAULT '',
    workplace          text NOT NULL DEFAULT '',
    joined_party_on    date,
    party_card_number  text,
    created_by         uuid,
    version            bigint NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX members_unit_idx ON members (unit_id, id);
CREATE INDEX members_path_idx ON members (unit_path text_pattern_ops, id);
CREATE INDEX members_bloc_idx ON members (bloc_id, id);
CREATE UNIQUE INDEX members_user_key ON members (user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX members_card_key ON members (party_card_number) WHERE party_card_number IS NOT NULL;

-- The deadline of the yearly commitments set by a unit (the committee) for its subtree; without
-- one anywhere above a cell, 31 March of the year.
CREATE TABLE commitment_deadlines (
    unit_id     uuid NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    year        integer NOT NULL,
    due_on      date NOT NULL,
    set_by      uuid,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (unit_id, year)
);

-- A member's yearly commitment (bản đăng ký học tập và làm theo / bản cam kết tu dưỡng, rèn
-- luyện), then the member's self-assessment per item, the cell's review and proposed
-- classification, and the committee's classification: one record per member and year, moved
-- through one workflow (internal/member/transition.go). Items and their assessments are always
-- read and written with the commitment: jsonb.
CREATE TABLE commitments (
    id                  uuid PRIMARY KEY,
    member_id           uuid NOT NULL REFERENCES members (id),
    unit_id             uuid NOT NULL REFERENCES units (id),
    unit_path           text NOT NULL,
    bloc_id             uuid NOT NULL,
    year                integer NOT NULL,
    status              text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted', 'self_assessed', 'reviewed', 'classified')),
    status_reason       text,
    items               jsonb NOT NULL DEFAULT '[]',
    on_behalf           boolean NOT NULL DEFAULT false,
    submitted_at        timestamptz,
    submitted_by        uuid,
    accepted_at         timestamptz,
    accepted_by         uuid,
    mid_year_at         timestamptz,
    year_end_at         timestamptz,
    cell_assessment     text NOT NULL DEFAULT '',
    proposed_class      text CHECK (proposed_class IN ('excellent', 'good', 'completed', 'not_completed')),
    reviewed_at         timestamptz,
    reviewed_by         uuid,
    class               text CHECK (class IN ('excellent', 'good', 'completed', 'not_completed')),
    classified_at       timestamptz,
    classified_by       uuid,
    created_by          uuid,
    version             bigint NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX commitments_member_year_key ON commitments (member_id, year);
CREATE INDEX commitments_unit_idx ON commitments (unit_id, year, id);
CREATE INDEX commitments_path_idx ON commitments (unit_path text_pattern_ops, year, status);
CREATE INDEX commitments_bloc_idx ON commitments (bloc_id, year, status);

-- Members are a kind of import.
ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_kind_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_kind_check CHECK (kind IN ('units', 'users', 'models', 'nominations', 'members'));

-- +goose Down
DELETE FROM import_jobs WHERE kind = 'members';
ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_kind_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_kind_check CHECK (kind IN ('units', 'users', 'models', 'nominations'));
DROP TABLE commitments;
DROP TABLE commitment_deadlines;
DROP TABLE members;
