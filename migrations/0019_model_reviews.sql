-- +goose Up
-- Issue #17 item 8. Models are evaluated by month too (M01…M12: Kế hoạch 185-KH/ĐU asks for a
-- review "hằng tháng, quý, năm"), and the level above records an evaluation of a model's
-- quality distinct from the unit's own (Hướng dẫn BTG ĐUK 2021–2025 §IV.3: the bloc's
-- propaganda office "khảo sát, kiểm tra đánh giá chất lượng các mô hình").
ALTER TABLE model_evaluations DROP CONSTRAINT model_evaluations_period_check;
ALTER TABLE model_evaluations ADD CONSTRAINT model_evaluations_period_check CHECK (period IN ('Q1', 'Q2', 'Q3', 'Q4', 'H1', 'year',
    'M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M08', 'M09', 'M10', 'M11', 'M12'));
-- self: the unit's own evaluation (by its drafters, or recorded for it by the unit above);
-- reviewer: the quality evaluation of an officer of a unit above, whose unit is kept.
ALTER TABLE model_evaluations ADD COLUMN kind text NOT NULL DEFAULT 'self' CHECK (kind IN ('self', 'reviewer'));
ALTER TABLE model_evaluations ADD COLUMN evaluator_unit_id uuid REFERENCES units (id);
ALTER TABLE model_evaluations ADD CONSTRAINT model_evaluations_reviewer_unit CHECK (kind = 'reviewer' OR evaluator_unit_id IS NULL);
-- The order of the periods within a year (model.Period.order mirrors it): each month before the
-- quarter it closes, the half-year after Q2, the year last. The latest rating reads it.
ALTER TABLE model_evaluations ADD COLUMN period_rank smallint GENERATED ALWAYS AS (CASE period
    WHEN 'M01' THEN 1 WHEN 'M02' THEN 2 WHEN 'M03' THEN 3 WHEN 'Q1' THEN 4
    WHEN 'M04' THEN 5 WHEN 'M05' THEN 6 WHEN 'M06' THEN 7 WHEN 'Q2' THEN 8 WHEN 'H1' THEN 9
    WHEN 'M07' THEN 10 WHEN 'M08' THEN 11 WHEN 'M09' THEN 12 WHEN 'Q3' THEN 13
    WHEN 'M10' THEN 14 WHEN 'M11' THEN 15 WHEN 'M12' THEN 16 WHEN 'Q4' THEN 17 WHEN 'year' THEN 18 END) STORED;
-- One self-evaluation per period; one reviewer evaluation per period and reviewing unit (an
-- administrator's, with no unit, counts as one more reviewing unit).
DROP INDEX model_evaluations_period_key;
CREATE UNIQUE INDEX model_evaluations_period_key ON model_evaluations (model_id, year, period) WHERE kind = 'self';
CREATE UNIQUE INDEX model_evaluations_reviewer_key ON model_evaluations (model_id, year, period, evaluator_unit_id) NULLS NOT DISTINCT
    WHERE kind = 'reviewer';
-- Both unique indexes are partial, so a model's evaluations (its read, its latest self rating:
-- kind = 'self' ORDER BY year DESC, period_rank DESC) need an index of their own.
CREATE INDEX model_evaluations_model_idx ON model_evaluations (model_id, kind, year, period_rank);

-- /me/tasks finds the nominations a mentor follows (mentor->>'user_id') without a scan.
CREATE INDEX nominations_mentor_idx ON nominations ((mentor ->> 'user_id')) WHERE mentor IS NOT NULL;

-- +goose Down
DROP INDEX nominations_mentor_idx;
DROP INDEX model_evaluations_model_idx;
DELETE FROM model_evaluations WHERE kind = 'reviewer' OR period LIKE 'M%';
DROP INDEX model_evaluations_reviewer_key;
DROP INDEX model_evaluations_period_key;
CREATE UNIQUE INDEX model_evaluations_period_key ON model_evaluations (model_id, year, period);
ALTER TABLE model_evaluations DROP COLUMN period_rank;
ALTER TABLE model_evaluations DROP CONSTRAINT model_evaluations_reviewer_unit;
ALTER TABLE model_evaluations DROP COLUMN evaluator_unit_id;
ALTER TABLE model_evaluations DROP COLUMN kind;
ALTER TABLE model_evaluations DROP CONSTRAINT model_evaluations_period_check;
ALTER TABLE model_evaluations ADD CONSTRAINT model_evaluations_period_check CHECK (period IN ('Q1', 'Q2', 'Q3', 'Q4', 'H1', 'year'));
