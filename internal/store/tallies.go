package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"lamtheobac/internal/member"
	"lamtheobac/internal/org"
)

// The tallies (migrations/0023_tallies.sql) are counts kept per cell (members), per cell and
// year (commitments by state and class) and per study session (attendance by status,
// reflections), so that a bloc's coverage and study summary read a row per cell or session;
// the member and commitment counts are kept summed over every unit's subtree too (rollups), so
// that a subtree's totals are one row.
// They are moved here, by the one store method that writes each change, in the change's own
// transaction (the caller's InTx, or the import's), and only by relative updates
// (n = n + delta, INSERT … ON CONFLICT DO UPDATE): two changes at once in one cell both land.
// Go code, not triggers: every write of members and commitments already goes through these
// methods (the import's COPY included, which a row trigger would slow to a crawl), and the
// moves read as what they are next to the write they follow. recount_tallies() recomputes all
// of them from the base tables (the migration's backfill, the synthetic seeder's bulk loads).

// statusColumns are the commitment_tallies columns of the commitments' states.
var statusColumns = map[member.Status]string{
	member.Draft: "draft", member.Submitted: "submitted", member.Returned: "returned", member.Accepted: "accepted",
	member.SelfAssessed: "self_assessed", member.Reviewed: "reviewed", member.Classified: "classified",
}

// classColumns are the commitment_tallies columns of the classified commitments' classes.
var classColumns = map[member.Class]string{
	member.Excellent: "class_excellent", member.Good: "class_good", member.Completed: "class_completed",
	member.NotCompleted: "class_not_completed",
}

// tallyColumns are the count columns of commitment_tallies, in a fixed order.
var tallyColumns = []string{"draft", "submitted", "returned", "accepted", "self_assessed", "reviewed", "classified",
	"class_excellent", "class_good", "class_completed", "class_not_completed"}

// tallyKey is where a commitment counts: the column of its state and, once classified, that of
// its class.
func tallyKey(st member.Status, class *member.Class) ([]string, error) {
	col, ok := statusColumns[st]
	if !ok {
		return nil, fmt.Errorf("no tally of commitment state %q", st)
	}
	out := []string{col}
	if st == member.Classified && class != nil {
		c, ok := classColumns[*class]
		if !ok {
			return nil, fmt.Errorf("no tally of class %q", *class)
		}
		out = append(out, c)
	}
	return out, nil
}

// pathUnits is the SQL of the units of the path ?, root first: the rows of a cell's rollups, in
// the order every statement locks them (paths in byte order, as the import's statement does),
// so that two writers never wait on each other's rows crosswise.
const pathUnits = `unnest(string_to_array(rtrim(?, '/'), '/')) WITH ORDINALITY AS a (id, n)`

// bumpMembers adds delta to the member count of a cell and of every unit above it.
func bumpMembers(db *gorm.DB, unitID uuid.UUID, path string, bloc uuid.UUID, delta int) error {
	if err := db.Exec(`INSERT INTO member_tallies (unit_id, unit_path, bloc_id, members) VALUES (?, ?, ?, ?)
		ON CONFLICT (unit_id) DO UPDATE SET members = member_tallies.members + EXCLUDED.members`, unitID, path, bloc, delta).Error; err != nil {
		return err
	}
	return db.Exec(`INSERT INTO member_rollups (unit_id, members) SELECT a.id::uuid, ? FROM `+pathUnits+` ORDER BY a.n
		ON CONFLICT (unit_id) DO UPDATE SET members = member_rollups.members + EXCLUDED.members`, delta, path).Error
}

// moveCommitment moves a commitment's count in its cell and year from where before counts to
// where after does; nil is nowhere (created, deleted). Both are of the same cell and year (a
// commitment never changes either).
func moveCommitment(db *gorm.DB, c member.Commitment, before, after *member.Commitment) error {
	delta := map[string]int{}
	for sign, x := range map[int]*member.Commitment{-1: before, 1: after} {
		if x == nil {
			continue
		}
		cols, err := tallyKey(x.Status, x.Class)
		if err != nil {
			return err
		}
		for _, col := range cols {
			delta[col] += sign
		}
	}
	var cols, sets, rollup []string
	var deltas []any
	for _, col := range tallyColumns { // a fixed order: the same statement text for the same move
		if d := delta[col]; d != 0 {
			cols = append(cols, col)
			sets = append(sets, col+" = commitment_tallies."+col+" + EXCLUDED."+col)
			rollup = append(rollup, col+" = commitment_rollups."+col+" + EXCLUDED."+col)
			deltas = append(deltas, d)
		}
	}
	if len(cols) == 0 {
		return nil // the items changed, not the state
	}
	list, marks := strings.Join(cols, ", "), strings.Repeat(", ?", len(cols))
	if err := db.Exec(`INSERT INTO commitment_tallies (unit_id, year, unit_path, bloc_id, `+list+`) VALUES (?, ?, ?, ?`+marks+`)
		ON CONFLICT (unit_id, year) DO UPDATE SET `+strings.Join(sets, ", "),
		append([]any{c.UnitID, c.Year, c.UnitPath, c.BlocID}, deltas...)...).Error; err != nil {
		return err
	}
	return db.Exec(`INSERT INTO commitment_rollups (unit_id, year, `+list+`) SELECT a.id::uuid, ?`+marks+` FROM `+pathUnits+`
		ORDER BY a.n ON CONFLICT (unit_id, year) DO UPDATE SET `+strings.Join(rollup, ", "),
		append(append([]any{c.Year}, deltas...), c.UnitPath)...).Error
}

// studyTallyColumns are the count columns of study_tallies, and of study_rollups besides
// units_held, in a fixed order.
const studyTallyColumns = "held, planned, cancelled, present, excused, absent, reflections"

// sessionCounts is the SQL of what the session at alias counts for (sign 1) or no longer counts
// for (sign -1) in its unit's tallies, as the columns moveStudy reads: its unit, the date it
// counts on, one in its state's column and, held, its attendance and reflections. status,
// heldOn and startsAt are the SQL of the state and dates to count it by (the row's columns, or
// the parameters of what it was before a change).
func sessionCounts(alias, sign, status, heldOn, startsAt string) string {
	held := "CASE WHEN " + status + " = 'held' THEN " + sign + " * " + alias + ".%s ELSE 0 END"
	return alias + ".unit_id, " + alias + ".unit_path, " + alias + ".bloc_id, study_tally_date(" + status + ", " + heldOn + ", " +
		startsAt + ") AS day, " + sign + " * (" + status + " = 'held')::int AS held, " + sign + " * (" + status +
		" = 'planned')::int AS planned, " + sign + " * (" + status + " = 'cancelled')::int AS cancelled, " +
		fmt.Sprintf(held, "present") + " AS present, " + fmt.Sprintf(held, "excused") + " AS excused, " +
		fmt.Sprintf(held, "absent") + " AS absent, " + fmt.Sprintf(held, "reflections") + " AS reflections"
}

// studyMoves is the SQL of the common table expressions that add the moves of the expression m
// (rows of unit_id, unit_path, bloc_id, day and the deltas of studyTallyColumns, as
// sessionCounts writes them) to the tallies of the unit and quarter of each day, and to the
// rollups of every unit on its path; it follows m's own definition in a WITH. The tally rows
// are locked first, by quarter, then the rollups by depth and quarter (as pathUnits), so that two
// writers never wait on each other's rows crosswise. A unit's tally whose held count leaves zero
// (or comes back to it) adds one unit held (or takes it away) to every rollup above.
const studyMoves = `d AS (SELECT unit_id, unit_path, bloc_id, extract(year FROM day)::int AS year,
		extract(quarter FROM day)::int AS quarter, sum(held)::int AS held, sum(planned)::int AS planned,
		sum(cancelled)::int AS cancelled, sum(present)::int AS present, sum(excused)::int AS excused,
		sum(absent)::int AS absent, sum(reflections)::int AS reflections
	FROM m GROUP BY 1, 2, 3, 4, 5
	HAVING (sum(held), sum(planned), sum(cancelled), sum(present), sum(excused), sum(absent), sum(reflections)) <> (0, 0, 0, 0, 0, 0, 0)),
t AS (INSERT INTO study_tallies (unit_id, year, quarter, unit_path, bloc_id, ` + studyTallyColumns + `)
	SELECT unit_id, year, quarter, unit_path, bloc_id, ` + studyTallyColumns + ` FROM d ORDER BY year, quarter
	ON CONFLICT (unit_id, year, quarter) DO UPDATE SET held = study_tallies.held + EXCLUDED.held,
		planned = study_tallies.planned + EXCLUDED.planned, cancelled = study_tallies.cancelled + EXCLUDED.cancelled,
		present = study_tallies.present + EXCLUDED.present, excused = study_tallies.excused + EXCLUDED.excused,
		absent = study_tallies.absent + EXCLUDED.absent, reflections = study_tallies.reflections + EXCLUDED.reflections
	RETURNING unit_id, year, quarter, held AS now_held),
r AS (INSERT INTO study_rollups (unit_id, year, quarter, units_held, ` + studyTallyColumns + `)
	SELECT a.id::uuid, d.year, d.quarter, (t.now_held > 0)::int - (t.now_held - d.held > 0)::int, ` + studyTallyColumns + `
	FROM d JOIN t USING (unit_id, year, quarter), unnest(string_to_array(rtrim(d.unit_path, '/'), '/')) WITH ORDINALITY AS a (id, n)
	ORDER BY a.n, d.year, d.quarter
	ON CONFLICT (unit_id, year, quarter) DO UPDATE SET held = study_rollups.held + EXCLUDED.held,
		planned = study_rollups.planned + EXCLUDED.planned, cancelled = study_rollups.cancelled + EXCLUDED.cancelled,
		units_held = study_rollups.units_held + EXCLUDED.units_held,
		present = study_rollups.present + EXCLUDED.present, excused = study_rollups.excused + EXCLUDED.excused,
		absent = study_rollups.absent + EXCLUDED.absent, reflections = study_rollups.reflections + EXCLUDED.reflections)`

// moveStudy adds the moves of m to the study tallies: ctes are the common table expressions
// that end with m's definition (see studyMoves).
func moveStudy(db *gorm.DB, ctes string, args ...any) error {
	return db.Exec("WITH "+ctes+", "+studyMoves+" SELECT 1", args...).Error
}

// moveSession adds what the session id counts for as it now is to the study tallies (sign "1":
// after it was written) or takes it away (sign "-1": before it is deleted).
func moveSession(db *gorm.DB, id uuid.UUID, sign string) error {
	return moveStudy(db, "m AS (SELECT "+sessionCounts("s", sign, "s.status", "s.held_on", "s.starts_at")+
		" FROM study_sessions s WHERE s.id = ?)", id)
}

// moveCell adds delta to the cells of every unit on the path of the unit id (cell_rollups), if
// it is a cell not archived: after it was created (1), before it is deleted (-1).
func moveCell(db *gorm.DB, id uuid.UUID, delta int) error {
	return db.Exec(`INSERT INTO cell_rollups (unit_id, cells) SELECT a.id::uuid, ? FROM units u,
			unnest(string_to_array(rtrim(u.path, '/'), '/')) WITH ORDINALITY AS a (id, n)
		WHERE u.id = ? AND u.kind IN ('cell', 'base_cell') AND NOT u.archived ORDER BY a.n
		ON CONFLICT (unit_id) DO UPDATE SET cells = cell_rollups.cells + EXCLUDED.cells`, delta, id).Error
}

// cellTally is the members an import added to a cell.
type cellTally struct {
	path string
	bloc uuid.UUID
	n    int
}

// bumpImportedMembers adds the members an import wrote to their cells' counts, in the import's
// transaction: one statement for all the cells.
func bumpImportedMembers(ctx context.Context, tx pgx.Tx, cells map[uuid.UUID]*cellTally) error {
	if len(cells) == 0 {
		return nil
	}
	ids, paths, blocs, ns := make([]uuid.UUID, 0, len(cells)), make([]string, 0, len(cells)), make([]uuid.UUID, 0, len(cells)),
		make([]int32, 0, len(cells))
	for id, c := range cells {
		ids, paths, blocs, ns = append(ids, id), append(paths, c.path), append(blocs, c.bloc), append(ns, int32(c.n))
	}
	if _, err := tx.Exec(ctx, `INSERT INTO member_tallies (unit_id, unit_path, bloc_id, members)
		SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[]) ORDER BY 1
		ON CONFLICT (unit_id) DO UPDATE SET members = member_tallies.members + EXCLUDED.members`, ids, paths, blocs, ns); err != nil {
		return err
	}
	// Every unit above the cells, locked in the order of their paths (see pathUnits).
	_, err := tx.Exec(ctx, `INSERT INTO member_rollups (unit_id, members)
		SELECT a.id::uuid, sum(c.n) FROM unnest($1::text[], $2::int[]) AS c (path, n),
			unnest(string_to_array(rtrim(c.path, '/'), '/')) AS a (id)
		GROUP BY a.id ORDER BY min(left(c.path, strpos(c.path, a.id) + length(a.id)))
		ON CONFLICT (unit_id) DO UPDATE SET members = member_rollups.members + EXCLUDED.members`, paths, ns)
	return err
}

// bumpImportedCells adds the cells an import wrote (their paths) to the cells of every unit on
// their paths, in the import's transaction: one statement, the rows locked in the order of
// their paths (as bumpImportedMembers).
func bumpImportedCells(ctx context.Context, tx pgx.Tx, paths []string) error {
	if len(paths) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `INSERT INTO cell_rollups (unit_id, cells)
		SELECT a.id::uuid, count(*) FROM unnest($1::text[]) AS c (path), unnest(string_to_array(rtrim(c.path, '/'), '/')) AS a (id)
		GROUP BY a.id ORDER BY min(left(c.path, strpos(c.path, a.id) + length(a.id)))
		ON CONFLICT (unit_id) DO UPDATE SET cells = cell_rollups.cells + EXCLUDED.cells`, paths)
	return err
}

// RecountTallies recomputes every tally from the base tables (recount_tallies(), with them
// locked against writers): after rows were written around the store, as the synthetic seeder
// writes them.
func (s *Store) RecountTallies(ctx context.Context) error {
	return wrap(s.db(ctx).Exec("SELECT recount_tallies()").Error, "recount tallies")
}

// pathUnit is the unit at the end of path (uuid.Nil for none).
func pathUnit(path string) uuid.UUID {
	ids := org.PathIDs(path)
	if len(ids) == 0 {
		return uuid.Nil
	}
	return ids[len(ids)-1]
}
