-- +goose Up
-- Indexes only, for the members' and the study's figures at scale.
--
-- Members' coverage and counts at a bloc of 60,000 members (issue #18): the subtree's totals by
-- state and class come from index-only scans that never read the commitments' heap (whose rows
-- carry the items and their assessments, ~1 kB each), by bloc for a root and by path below it.
DROP INDEX commitments_bloc_idx;
CREATE INDEX commitments_bloc_idx ON commitments (bloc_id, year, status, class);
DROP INDEX commitments_path_idx;
CREATE INDEX commitments_path_idx ON commitments (unit_path text_pattern_ops, year, status, class);
-- A page of cells' counts (50 cells, 500 commitments) from the index alone as well.
DROP INDEX commitments_unit_idx;
CREATE INDEX commitments_unit_idx ON commitments (unit_id, year, id) INCLUDE (status, class);
-- The archived units of a subtree (usually none), whose members the totals leave out.
CREATE INDEX units_archived_path_idx ON units (path text_pattern_ops) WHERE archived;

-- Study summaries at a bloc (issue #20): the bloc's sessions held (or scheduled) in a period,
-- found by date rather than by reading the whole bloc's path range, and their attendance by
-- status from an index-only scan.
CREATE INDEX study_sessions_bloc_held_idx ON study_sessions (bloc_id, held_on);
CREATE INDEX study_sessions_bloc_starts_idx ON study_sessions (bloc_id, starts_at);
CREATE INDEX study_attendance_status_idx ON study_attendance (session_id) INCLUDE (status);
-- The cells of a subtree (the summary's plan: each holds at least one session a quarter), from
-- an index-only scan instead of the subtree's every unit.
CREATE INDEX units_cells_path_idx ON units (path text_pattern_ops) WHERE kind IN ('cell', 'base_cell') AND NOT archived;

-- +goose Down
DROP INDEX units_cells_path_idx;
DROP INDEX study_attendance_status_idx;
DROP INDEX study_sessions_bloc_starts_idx;
DROP INDEX study_sessions_bloc_held_idx;
DROP INDEX units_archived_path_idx;
DROP INDEX commitments_unit_idx;
CREATE INDEX commitments_unit_idx ON commitments (unit_id, year, id);
DROP INDEX commitments_path_idx;
CREATE INDEX commitments_path_idx ON commitments (unit_path text_pattern_ops, year, status);
DROP INDEX commitments_bloc_idx;
CREATE INDEX commitments_bloc_idx ON commitments (bloc_id, year, status);
