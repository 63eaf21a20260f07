package scenario

import (
	"context"
	"database/sql"
	"fmt"
)

// Discover finds the ids the scenarios need in the first bloc (by code) of a loaded database:
// its first committee with an officer, a cell model of that committee whose cell has a
// secretary, the bloc's newest reporting round and the committee's report in it.
func Discover(ctx context.Context, db *sql.DB, password string) (IDs, error) {
	ids := IDs{Password: password}
	steps := []struct {
		what string
		q    string
		args func() []any
		dest []any
	}{
		{"a bloc with an officer", `SELECT b.id, u.username FROM units b
			JOIN role_assignments ra ON ra.unit_id = b.id AND ra.role = 'bloc_officer' JOIN users u ON u.id = ra.principal_id
			WHERE b.kind = 'bloc' ORDER BY b.code, u.username LIMIT 1`,
			func() []any { return nil }, []any{&ids.Bloc, &ids.BlocOfficer}},
		{"a committee with an officer", `SELECT c.id, u.username FROM units c
			JOIN role_assignments ra ON ra.unit_id = c.id AND ra.role = 'committee_officer' JOIN users u ON u.id = ra.principal_id
			WHERE c.kind = 'committee' AND c.parent_id = $1 ORDER BY c.code, u.username LIMIT 1`,
			func() []any { return []any{ids.Bloc} }, []any{&ids.Committee, &ids.CommitteeOfficer}},
		{"a cell model with a secretary", `SELECT m.id, u.username FROM units c
			JOIN role_assignments ra ON ra.unit_id = c.id AND ra.role = 'cell_secretary' JOIN users u ON u.id = ra.principal_id
			JOIN LATERAL (SELECT id FROM models WHERE unit_id = c.id ORDER BY id LIMIT 1) m ON true
			WHERE c.kind = 'cell' AND c.parent_id = $1 ORDER BY c.code, u.username LIMIT 1`,
			func() []any { return []any{ids.Committee} }, []any{&ids.Model, &ids.Secretary}},
		{"the newest model year", `SELECT max(year) FROM models WHERE bloc_id = $1`,
			func() []any { return []any{ids.Bloc} }, []any{&ids.Year}},
		// The third word of a name, unaccented: common enough to fill a page, typed as people
		// type on a phone (no diacritics).
		{"a search word", `SELECT lower(f_unaccent(split_part(name, ' ', 3))) FROM models
			WHERE bloc_id = $1 AND split_part(name, ' ', 3) <> '' ORDER BY id LIMIT 1`,
			func() []any { return []any{ids.Bloc} }, []any{&ids.Search}},
		// The bloc's newest round and the committee's report in it: a round creates reports for
		// cells and committees only (report.Service.CreateRound), so the consolidation a bloc
		// officer reads is a committee's.
		{"a reporting round of the bloc", `SELECT r.id, x.id FROM reporting_rounds r JOIN reports x ON x.round_id = r.id AND x.unit_id = $2
			WHERE r.unit_id = $1 ORDER BY r.due_on DESC, r.id LIMIT 1`,
			func() []any { return []any{ids.Bloc, ids.Committee} }, []any{&ids.Round, &ids.Report}},
		// Issues #18 and #20: the secretary's cell and its member account (the cell's member
		// role; none in a dataset loaded before the members, then the secretary), the newest
		// year of commitments (or of models) and the quarter of the bloc's latest held session
		// (or the whole year of models).
		{"the secretary's cell and member", `SELECT c.id, coalesce((SELECT u.username FROM role_assignments ra JOIN users u ON u.id = ra.principal_id
				WHERE ra.unit_id = c.id AND ra.role = 'member' ORDER BY u.username LIMIT 1), s.username)
			FROM users s JOIN units c ON c.id = s.unit_id WHERE s.username = $1`,
			func() []any { return []any{ids.Secretary} }, []any{&ids.Cell, &ids.Member}},
		{"the members' and the study's year", `SELECT coalesce((SELECT max(year) FROM commitments WHERE bloc_id = $1), $2),
			coalesce((SELECT extract(year FROM held_on)::int FROM study_sessions WHERE bloc_id = $1 AND held_on IS NOT NULL ORDER BY held_on DESC LIMIT 1), $2),
			coalesce((SELECT 'Q' || extract(quarter FROM held_on) FROM study_sessions WHERE bloc_id = $1 AND held_on IS NOT NULL ORDER BY held_on DESC LIMIT 1), 'year')`,
			func() []any { return []any{ids.Bloc, ids.Year} }, []any{&ids.MemberYear, &ids.StudyYear, &ids.StudyPeriod}},
		// Issue #16's reads by id: a submitted report (frozen figures) and a nomination of the
		// committee's subtree.
		{"a submitted report of the committee's subtree", `SELECT x.id FROM reports x JOIN units c ON c.id = $1
			WHERE x.unit_path LIKE c.path || '%' AND x.figures IS NOT NULL ORDER BY x.id LIMIT 1`,
			func() []any { return []any{ids.Committee} }, []any{&ids.SubmittedReport}},
		{"a nomination of the committee's subtree", `SELECT n.id FROM nominations n JOIN units c ON c.id = $1
			WHERE n.unit_path LIKE c.path || '%' ORDER BY n.id LIMIT 1`,
			func() []any { return []any{ids.Committee} }, []any{&ids.Nomination}},
	}
	for _, s := range steps {
		if err := db.QueryRowContext(ctx, s.q, s.args()...).Scan(s.dest...); err != nil {
			return ids, fmt.Errorf("discover %s: %w", s.what, err)
		}
	}
	// The synthetic dataset has no standards; the demo one has. Without one, the scenario is
	// left out.
	if err := db.QueryRowContext(ctx, `SELECT s.id FROM standards s WHERE s.bloc_id = $1 ORDER BY s.id LIMIT 1`, ids.Bloc).
		Scan(&ids.Standard); err != nil && err != sql.ErrNoRows {
		return ids, fmt.Errorf("discover a standard: %w", err)
	}
	rows, err := db.QueryContext(ctx, `SELECT u.username FROM users u JOIN role_assignments ra ON ra.principal_id = u.id
		AND ra.role = 'cell_secretary' WHERE u.unit_path LIKE (SELECT path FROM units WHERE id = $1) || '%' ORDER BY u.username LIMIT 2000`, ids.Bloc)
	if err != nil {
		return ids, fmt.Errorf("discover logins: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return ids, err
		}
		ids.LoginUsers = append(ids.LoginUsers, u)
	}
	return ids, rows.Err()
}
