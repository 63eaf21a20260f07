-- +goose Up
-- Study counts kept per unit and quarter, so that a subtree's study summary (issue #20) reads a
-- row per unit directly below it and quarter instead of grouping the quarter's ~5,300 sessions
-- of a bloc by committee on every request (half of that time in counting the distinct cells and
-- quarters held). As in 0023: moved by the store (internal/store/tallies.go) in the transaction
-- of every write that changes them (a session created, rescheduled, held, cancelled or deleted;
-- its attendance replaced; a first reflection), by relative upserts only; recount_tallies()
-- recomputes them with the rest.

-- The date a session counts on: the day it was held, or, not held, the day it is scheduled for
-- in Vietnam (UTC+7 all year, as internal/vntime: a fixed offset is exact). A session counts in
-- the quarter of that date, which is how the summary's periods (whole quarters) take it.
CREATE FUNCTION study_tally_date(status text, held_on date, starts_at timestamptz) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN status = 'held' THEN held_on ELSE ((starts_at AT TIME ZONE 'UTC') + interval '7 hours')::date END;

-- The sessions of each unit and quarter by state, and the held ones' attendance by status and
-- reflections. Read by key only: no other index, so that moving a count is a HOT update.
CREATE TABLE study_tallies (
    unit_id      uuid NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    year         integer NOT NULL,
    quarter      integer NOT NULL,
    unit_path    text NOT NULL,
    bloc_id      uuid NOT NULL,
    held         integer NOT NULL DEFAULT 0,
    planned      integer NOT NULL DEFAULT 0,
    cancelled    integer NOT NULL DEFAULT 0,
    present      integer NOT NULL DEFAULT 0,
    excused      integer NOT NULL DEFAULT 0,
    absent       integer NOT NULL DEFAULT 0,
    reflections  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, year, quarter)
);

-- The same summed over each unit's subtree (every unit on a path, the unit included), with
-- units_held: how many units of the subtree held a session in the quarter (the summary's
-- quarters met), moved when a unit's held count leaves or comes back to zero.
CREATE TABLE study_rollups (
    unit_id      uuid NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    year         integer NOT NULL,
    quarter      integer NOT NULL,
    held         integer NOT NULL DEFAULT 0,
    planned      integer NOT NULL DEFAULT 0,
    cancelled    integer NOT NULL DEFAULT 0,
    units_held   integer NOT NULL DEFAULT 0,
    present      integer NOT NULL DEFAULT 0,
    excused      integer NOT NULL DEFAULT 0,
    absent       integer NOT NULL DEFAULT 0,
    reflections  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, year, quarter)
);

-- The cells (the units that hold study sessions) not archived in each unit's subtree, the unit
-- included: the summary's units, and the quarters due, per row. Moved by the store as units are
-- created or imported, archived, restored or deleted (units never move).
CREATE TABLE cell_rollups (
    unit_id  uuid PRIMARY KEY REFERENCES units (id) ON DELETE CASCADE,
    cells    integer NOT NULL DEFAULT 0
);

-- recount_tallies() keeps its name (the seeder calls it): 0023's body becomes
-- recount_base_tallies() (members, commitments, the sessions' own counts), and recount_tallies()
-- runs it, then recomputes the cells and the quarters' counts from the units and the sessions it
-- has just recounted, with the units and sessions locked against writers as well.
ALTER FUNCTION recount_tallies() RENAME TO recount_base_tallies;

-- +goose StatementBegin
CREATE FUNCTION recount_tallies() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE units, study_sessions, study_attendance, study_reflections IN SHARE MODE;
    PERFORM recount_base_tallies();
    DELETE FROM cell_rollups;
    INSERT INTO cell_rollups (unit_id, cells)
        SELECT a.id::uuid, count(*) FROM units u, unnest(string_to_array(rtrim(u.path, '/'), '/')) a (id)
        WHERE u.kind IN ('cell', 'base_cell') AND NOT u.archived GROUP BY a.id;
    DELETE FROM study_tallies;
    INSERT INTO study_tallies (unit_id, year, quarter, unit_path, bloc_id, held, planned, cancelled, present, excused, absent,
            reflections)
        SELECT unit_id, extract(year FROM d.day), extract(quarter FROM d.day), unit_path, bloc_id,
            count(*) FILTER (WHERE status = 'held'), count(*) FILTER (WHERE status = 'planned'),
            count(*) FILTER (WHERE status = 'cancelled'),
            coalesce(sum(present) FILTER (WHERE status = 'held'), 0), coalesce(sum(excused) FILTER (WHERE status = 'held'), 0),
            coalesce(sum(absent) FILTER (WHERE status = 'held'), 0), coalesce(sum(reflections) FILTER (WHERE status = 'held'), 0)
        FROM study_sessions, LATERAL (SELECT study_tally_date(status, held_on, starts_at) AS day) d
        GROUP BY unit_id, 2, 3, unit_path, bloc_id;
    DELETE FROM study_rollups;
    INSERT INTO study_rollups (unit_id, year, quarter, held, planned, cancelled, units_held, present, excused, absent, reflections)
        SELECT a.id::uuid, t.year, t.quarter, sum(held), sum(planned), sum(cancelled), count(*) FILTER (WHERE held > 0),
            sum(present), sum(excused), sum(absent), sum(reflections)
        FROM study_tallies t, unnest(string_to_array(rtrim(t.unit_path, '/'), '/')) a (id)
        GROUP BY a.id, t.year, t.quarter;
END
$$;
-- +goose StatementEnd

SELECT recount_tallies();
ANALYZE study_tallies;
ANALYZE study_rollups;
ANALYZE cell_rollups;

-- +goose Down
DROP FUNCTION recount_tallies();
ALTER FUNCTION recount_base_tallies() RENAME TO recount_tallies;
DROP TABLE cell_rollups;
DROP TABLE study_rollups;
DROP TABLE study_tallies;
DROP FUNCTION study_tally_date(text, date, timestamptz);
