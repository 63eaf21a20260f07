-- +goose Up
-- Inspection and supervision (kiểm tra, giám sát): a unit with an inspection role (a bloc, a
-- committee, a province) plans an inspection of units of its subtree, its team records findings
-- on them and recommendations with deadlines, and follows the recommendations up until closed.
CREATE TABLE inspection_plans (
    id            uuid PRIMARY KEY,
    unit_id       uuid NOT NULL REFERENCES units (id),
    unit_path     text NOT NULL,
    bloc_id       uuid NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('yearly', 'thematic')),
    title         text NOT NULL,
    subjects      jsonb NOT NULL,
    period_from   date NOT NULL,
    period_to     date NOT NULL CHECK (period_to >= period_from),
    team          jsonb NOT NULL,
    status        text NOT NULL CHECK (status IN ('draft', 'approved', 'in_progress', 'concluded')),
    conclusion    text NOT NULL DEFAULT '',
    approved_by   uuid,
    approved_at   timestamptz,
    concluded_by  uuid,
    concluded_at  timestamptz,
    created_by    uuid,
    version       bigint NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspection_plans_path_idx ON inspection_plans (unit_path text_pattern_ops, period_from);
CREATE INDEX inspection_plans_unit_idx ON inspection_plans (unit_id, id DESC);

-- The units a plan inspects (each with its subtree), with their paths for subtree questions.
CREATE TABLE inspection_plan_units (
    plan_id    uuid NOT NULL REFERENCES inspection_plans (id) ON DELETE CASCADE,
    unit_id    uuid NOT NULL REFERENCES units (id),
    unit_path  text NOT NULL,
    PRIMARY KEY (plan_id, unit_id)
);
CREATE INDEX inspection_plan_units_path_idx ON inspection_plan_units (unit_path text_pattern_ops);

-- A finding on an inspected unit, optionally on one of its records. record_id has no foreign
-- key: it names a row of models, nominations, reports, standards or commitments by record_kind.
CREATE TABLE inspection_findings (
    id           uuid PRIMARY KEY,
    plan_id      uuid NOT NULL REFERENCES inspection_plans (id),
    unit_id      uuid NOT NULL REFERENCES units (id),
    unit_path    text NOT NULL,
    bloc_id      uuid NOT NULL,
    record_kind  text CHECK (record_kind IN ('model', 'nomination', 'report', 'standard', 'commitment')),
    record_id    uuid,
    summary      text NOT NULL,
    rating       text NOT NULL CHECK (rating IN ('good', 'meets', 'needs_improvement', 'violation')),
    evidence     text NOT NULL DEFAULT '',
    created_by   uuid,
    version      bigint NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((record_kind IS NULL) = (record_id IS NULL))
);
CREATE INDEX inspection_findings_plan_idx ON inspection_findings (plan_id, unit_path);
CREATE INDEX inspection_findings_path_idx ON inspection_findings (unit_path text_pattern_ops);

-- A recommendation of a finding: what the responsible unit must do by due_on. open → answered
-- (the responsible unit says what it did) → closed by the inspecting unit, or reopened.
CREATE TABLE inspection_recommendations (
    id                     uuid PRIMARY KEY,
    finding_id             uuid NOT NULL REFERENCES inspection_findings (id),
    plan_id                uuid NOT NULL REFERENCES inspection_plans (id),
    responsible_unit_id    uuid NOT NULL REFERENCES units (id),
    responsible_unit_path  text NOT NULL,
    bloc_id                uuid NOT NULL,
    text                   text NOT NULL,
    due_on                 date NOT NULL,
    status                 text NOT NULL CHECK (status IN ('open', 'answered', 'closed')),
    response               text,
    answered_at            timestamptz,
    answered_by            uuid,
    closed_at              timestamptz,
    status_reason          text,
    created_by             uuid,
    version                bigint NOT NULL DEFAULT 1,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspection_recommendations_finding_idx ON inspection_recommendations (finding_id);
CREATE INDEX inspection_recommendations_path_idx ON inspection_recommendations (responsible_unit_path text_pattern_ops, status, due_on);
CREATE INDEX inspection_recommendations_plan_idx ON inspection_recommendations (plan_id, status, due_on);

-- +goose Down
DROP TABLE inspection_recommendations;
DROP TABLE inspection_findings;
DROP TABLE inspection_plan_units;
DROP TABLE inspection_plans;
