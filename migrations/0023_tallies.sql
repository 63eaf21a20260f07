-- +goose Up
-- Counts kept, so that a bloc's member coverage (issue #18) and study summary (issue #20) read a
-- row per subtree, cell or session instead of aggregating the bloc's 60,000 members, 120,000
-- commitments and 40,000 attendances of a quarter on every request. Every count is moved in the
-- transaction of the change that moves it, by the store (internal/store/tallies.go), with
-- relative updates (n = n + 1), never a value computed in Go; recount_tallies() recomputes them
-- all from the base tables (this backfill, the synthetic seeder's bulk loads).

-- The members of each cell (units never move: the path and bloc are the cell's for good). Read
-- by key only (a page of cells; the subtrees' totals are the rollups below): no other index,
-- so that moving a count is a HOT update.
CREATE TABLE member_tallies (
    unit_id    uuid PRIMARY KEY REFERENCES units (id) ON DELETE CASCADE,
    unit_path  text NOT NULL,
    bloc_id    uuid NOT NULL,
    members    integer NOT NULL DEFAULT 0
);

-- The commitments of each cell and year by state, and the classified ones by class.
CREATE TABLE commitment_tallies (
    unit_id                 uuid NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    year                    integer NOT NULL,
    unit_path               text NOT NULL,
    bloc_id                 uuid NOT NULL,
    draft                   integer NOT NULL DEFAULT 0,
    submitted               integer NOT NULL DEFAULT 0,
    returned                integer NOT NULL DEFAULT 0,
    accepted                integer NOT NULL DEFAULT 0,
    self_assessed           integer NOT NULL DEFAULT 0,
    reviewed                integer NOT NULL DEFAULT 0,
    classified              integer NOT NULL DEFAULT 0,
    class_excellent         integer NOT NULL DEFAULT 0,
    class_good              integer NOT NULL DEFAULT 0,
    class_completed         integer NOT NULL DEFAULT 0,
    class_not_completed     integer NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, year)
);

-- The same counts summed over each unit's subtree (every unit on a cell's path, the cell
-- included): a subtree's totals are one row, at a bloc as at a committee.
CREATE TABLE member_rollups (
    unit_id  uuid PRIMARY KEY REFERENCES units (id) ON DELETE CASCADE,
    members  integer NOT NULL DEFAULT 0
);
CREATE TABLE commitment_rollups (
    unit_id                 uuid NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    year                    integer NOT NULL,
    draft                   integer NOT NULL DEFAULT 0,
    submitted               integer NOT NULL DEFAULT 0,
    returned                integer NOT NULL DEFAULT 0,
    accepted                integer NOT NULL DEFAULT 0,
    self_assessed           integer NOT NULL DEFAULT 0,
    reviewed                integer NOT NULL DEFAULT 0,
    classified              integer NOT NULL DEFAULT 0,
    class_excellent         integer NOT NULL DEFAULT 0,
    class_good              integer NOT NULL DEFAULT 0,
    class_completed         integer NOT NULL DEFAULT 0,
    class_not_completed     integer NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, year)
);

-- Each study session's attendance by status and its reflections.
ALTER TABLE study_sessions ADD COLUMN present integer NOT NULL DEFAULT 0;
ALTER TABLE study_sessions ADD COLUMN excused integer NOT NULL DEFAULT 0;
ALTER TABLE study_sessions ADD COLUMN absent integer NOT NULL DEFAULT 0;
ALTER TABLE study_sessions ADD COLUMN reflections integer NOT NULL DEFAULT 0;

-- recount_tallies recomputes every count from the base tables, the base tables locked against
-- writers meanwhile (SHARE: reads go on), so that no change lands between count and write.
-- +goose StatementBegin
CREATE FUNCTION recount_tallies() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE members, commitments, study_attendance, study_reflections IN SHARE MODE;
    DELETE FROM member_tallies;
    INSERT INTO member_tallies (unit_id, unit_path, bloc_id, members)
        SELECT unit_id, unit_path, bloc_id, count(*) FROM members GROUP BY unit_id, unit_path, bloc_id;
    DELETE FROM commitment_tallies;
    INSERT INTO commitment_tallies (unit_id, year, unit_path, bloc_id, draft, submitted, returned, accepted, self_assessed,
            reviewed, classified, class_excellent, class_good, class_completed, class_not_completed)
        SELECT unit_id, year, unit_path, bloc_id,
            count(*) FILTER (WHERE status = 'draft'), count(*) FILTER (WHERE status = 'submitted'),
            count(*) FILTER (WHERE status = 'returned'), count(*) FILTER (WHERE status = 'accepted'),
            count(*) FILTER (WHERE status = 'self_assessed'), count(*) FILTER (WHERE status = 'reviewed'),
            count(*) FILTER (WHERE status = 'classified'),
            count(*) FILTER (WHERE status = 'classified' AND class = 'excellent'),
            count(*) FILTER (WHERE status = 'classified' AND class = 'good'),
            count(*) FILTER (WHERE status = 'classified' AND class = 'completed'),
            count(*) FILTER (WHERE status = 'classified' AND class = 'not_completed')
        FROM commitments GROUP BY unit_id, year, unit_path, bloc_id;
    DELETE FROM member_rollups;
    INSERT INTO member_rollups (unit_id, members)
        SELECT a.id::uuid, sum(t.members) FROM member_tallies t, unnest(string_to_array(rtrim(t.unit_path, '/'), '/')) a (id)
        GROUP BY a.id;
    DELETE FROM commitment_rollups;
    INSERT INTO commitment_rollups (unit_id, year, draft, submitted, returned, accepted, self_assessed, reviewed, classified,
            class_excellent, class_good, class_completed, class_not_completed)
        SELECT a.id::uuid, t.year, sum(draft), sum(submitted), sum(returned), sum(accepted), sum(self_assessed), sum(reviewed),
            sum(classified), sum(class_excellent), sum(class_good), sum(class_completed), sum(class_not_completed)
        FROM commitment_tallies t, unnest(string_to_array(rtrim(t.unit_path, '/'), '/')) a (id)
        GROUP BY a.id, t.year;
    UPDATE study_sessions s SET present = n.present, excused = n.excused, absent = n.absent, reflections = n.reflections
        FROM (SELECT s2.id,
                (SELECT count(*) FROM study_attendance a WHERE a.session_id = s2.id AND a.status = 'present') AS present,
                (SELECT count(*) FROM study_attendance a WHERE a.session_id = s2.id AND a.status = 'excused') AS excused,
                (SELECT count(*) FROM study_attendance a WHERE a.session_id = s2.id AND a.status = 'absent') AS absent,
                (SELECT count(*) FROM study_reflections r WHERE r.session_id = s2.id) AS reflections
            FROM study_sessions s2) n
        WHERE n.id = s.id AND (s.present, s.excused, s.absent, s.reflections) IS DISTINCT FROM (n.present, n.excused, n.absent, n.reflections);
END
$$;
-- +goose StatementEnd

SELECT recount_tallies();
ANALYZE member_tallies;
ANALYZE commitment_tallies;
ANALYZE member_rollups;
ANALYZE commitment_rollups;

-- +goose Down
DROP FUNCTION recount_tallies();
ALTER TABLE study_sessions DROP COLUMN reflections;
ALTER TABLE study_sessions DROP COLUMN absent;
ALTER TABLE study_sessions DROP COLUMN excused;
ALTER TABLE study_sessions DROP COLUMN present;
DROP TABLE commitment_rollups;
DROP TABLE member_rollups;
DROP TABLE commitment_tallies;
DROP TABLE member_tallies;
