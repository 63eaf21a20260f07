-- +goose Up
-- "Làm theo Bác" models, registered by a unit for a year. Structured parts that are always read
-- and written whole with the model (reasons, measures with milestones) are jsonb.
CREATE TABLE models (
    id                 uuid PRIMARY KEY,
    unit_id            uuid NOT NULL REFERENCES units (id),
    unit_path          text NOT NULL,
    bloc_id            uuid NOT NULL,
    name               text NOT NULL,
    year               integer NOT NULL,
    category           text NOT NULL,
    implementer_kind   text NOT NULL CHECK (implementer_kind IN ('collective', 'individual', 'unit')),
    implementer_name   text NOT NULL,
    learning_content   text NOT NULL DEFAULT '',
    necessity_reasons  jsonb NOT NULL DEFAULT '[]',
    necessity_text     text NOT NULL DEFAULT '',
    measures           jsonb NOT NULL DEFAULT '{}',
    expected_results   text NOT NULL DEFAULT '',
    replicability      text NOT NULL DEFAULT '',
    status             text NOT NULL CHECK (status IN ('draft', 'registered', 'approved', 'returned', 'in_progress', 'completed', 'retired')),
    status_reason      text,
    registered_at      timestamptz,
    registered_by      uuid,
    carried_over_from  uuid REFERENCES models (id),
    replicated_from    uuid REFERENCES models (id),
    created_by         uuid,
    version            bigint NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX models_unit_idx ON models (unit_id, id DESC);
CREATE INDEX models_path_idx ON models (unit_path text_pattern_ops, year, status);
CREATE INDEX models_year_idx ON models (bloc_id, year, status);
CREATE INDEX models_replicated_idx ON models (replicated_from) WHERE replicated_from IS NOT NULL;
CREATE UNIQUE INDEX models_one_replica_per_unit ON models (replicated_from, unit_id) WHERE replicated_from IS NOT NULL;
CREATE UNIQUE INDEX models_one_carry_per_year ON models (carried_over_from, year) WHERE carried_over_from IS NOT NULL;
CREATE INDEX models_name_search_idx ON models USING gin (f_unaccent(name) gin_trgm_ops);
CREATE INDEX models_content_search_idx ON models USING gin (f_unaccent(learning_content) gin_trgm_ops);

-- Evaluations of a model for a period: awareness, attitude, action and figures
-- (Hướng dẫn BTG ĐUK 2021–2025 §II(4), docs/sources.md).
CREATE TABLE model_evaluations (
    id              uuid PRIMARY KEY,
    model_id        uuid NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    unit_id         uuid NOT NULL,
    bloc_id         uuid NOT NULL,
    year            integer NOT NULL,
    period          text NOT NULL CHECK (period IN ('Q1', 'Q2', 'Q3', 'Q4', 'H1', 'year')),
    awareness       text NOT NULL DEFAULT '',
    attitude        text NOT NULL DEFAULT '',
    action          text NOT NULL DEFAULT '',
    metrics         jsonb NOT NULL DEFAULT '[]',
    rating          text NOT NULL CHECK (rating IN ('excellent', 'good', 'fair', 'poor')),
    note            text NOT NULL DEFAULT '',
    evaluator_id    uuid,
    evaluator_name  text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX model_evaluations_period_key ON model_evaluations (model_id, year, period);

-- +goose Down
DROP TABLE model_evaluations;
DROP TABLE models;
