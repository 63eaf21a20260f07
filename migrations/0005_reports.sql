-- +goose Up
-- Reporting rounds: a bloc or committee asks its subtree for a report of a period by a due date.
CREATE TABLE reporting_rounds (
    id          uuid PRIMARY KEY,
    unit_id     uuid NOT NULL REFERENCES units (id),
    unit_path   text NOT NULL,
    bloc_id     uuid NOT NULL,
    title       text NOT NULL,
    year        integer NOT NULL,
    period      text NOT NULL CHECK (period IN ('H1', 'year', 'Q1', 'Q2', 'Q3', 'Q4', 'custom')),
    from_date   date NOT NULL,
    to_date     date NOT NULL,
    due_on      date NOT NULL,
    levels      jsonb NOT NULL,
    closed_at   timestamptz,
    created_by  uuid,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reporting_rounds_unit_idx ON reporting_rounds (unit_id, due_on DESC);

-- One report per unit that must report in a round. figures is frozen at submission; before,
-- it is computed from the system on every read.
CREATE TABLE reports (
    id            uuid PRIMARY KEY,
    round_id      uuid NOT NULL REFERENCES reporting_rounds (id),
    unit_id       uuid NOT NULL REFERENCES units (id),
    unit_path     text NOT NULL,
    bloc_id       uuid NOT NULL,
    parent_id     uuid REFERENCES units (id),
    status        text NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
    touched       boolean NOT NULL DEFAULT false,
    figures       jsonb,
    results       text NOT NULL DEFAULT '',
    limitations   text NOT NULL DEFAULT '',
    lessons       text NOT NULL DEFAULT '',
    proposals     text NOT NULL DEFAULT '',
    missing_note  text,
    status_reason text,
    submitted_at  timestamptz,
    submitted_by  uuid,
    version       bigint NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (round_id, unit_id)
);
CREATE INDEX reports_round_idx ON reports (round_id, unit_path);
CREATE INDEX reports_unit_idx ON reports (unit_id, id DESC);
CREATE INDEX reports_path_idx ON reports (unit_path text_pattern_ops, status);
CREATE INDEX reports_parent_idx ON reports (round_id, parent_id);

-- +goose Down
DROP TABLE reports;
DROP TABLE reporting_rounds;
