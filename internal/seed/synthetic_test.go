package seed_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"lamtheobac/internal/seed"
	"lamtheobac/internal/testkit"
)

// smallSynthetic is a scale tests can afford: 2 blocs of 3 committees × 4 cells.
func smallSynthetic(randSeed uint64) seed.SyntheticOptions {
	return seed.SyntheticOptions{Blocs: 2, RandSeed: randSeed, CommitteesPerBloc: 3, CellsPerCommittee: 4, ModelsPerBloc: 300,
		NominationsPerBloc: 300, Now: time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)}
}

// loadSynthetic loads a synthetic dataset into a fresh database and returns its pool.
func loadSynthetic(t *testing.T, o seed.SyntheticOptions) (*pgxpool.Pool, seed.SyntheticSummary) {
	t.Helper()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, testkit.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	sum, err := seed.Synthetic(ctx, pool, o)
	if err != nil {
		t.Fatal(err)
	}
	return pool, sum
}

// fingerprints hashes what a dataset is made of: ids, codes, names, states, versions and times.
func fingerprints(t *testing.T, pool *pgxpool.Pool) map[string]string {
	t.Helper()
	queries := map[string]string{
		"units":       "SELECT md5(string_agg(id::text || code || name || path, ',' ORDER BY code)) FROM units",
		"users":       "SELECT md5(string_agg(id::text || username || full_name || unit_path, ',' ORDER BY username)) FROM users",
		"models":      "SELECT md5(string_agg(id::text || name || status || version || created_at::text || coalesce(carried_over_from::text, ''), ',' ORDER BY id)) FROM models",
		"evaluations": "SELECT md5(string_agg(id::text || period || rating, ',' ORDER BY id)) FROM model_evaluations",
		"nominations": "SELECT md5(string_agg(id::text || status || holder_path || version || coalesce(person_name, ''), ',' ORDER BY id)) FROM nominations",
		"honor_roll":  "SELECT md5(string_agg(nomination_id::text || number || year, ',' ORDER BY nomination_id)) FROM honor_roll",
		"reports":     "SELECT md5(string_agg(id::text || status || version || coalesce(figures::text, ''), ',' ORDER BY id)) FROM reports",
		"commitments": "SELECT md5(string_agg(id::text || status || version || items::text || coalesce(class, ''), ',' ORDER BY id)) FROM commitments",
		"study":       "SELECT md5(string_agg(id::text || status || starts_at::text, ',' ORDER BY id)) FROM study_sessions",
	}
	out := map[string]string{}
	for k, q := range queries {
		var h string
		if err := pool.QueryRow(context.Background(), q).Scan(&h); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		out[k] = h
	}
	return out
}

func TestSyntheticIsDeterministic(t *testing.T) {
	t.Parallel()
	p1, s1 := loadSynthetic(t, smallSynthetic(7))
	p2, s2 := loadSynthetic(t, smallSynthetic(7))
	p3, _ := loadSynthetic(t, smallSynthetic(8))
	if len(s1.Tables) != len(s2.Tables) {
		t.Fatalf("tables differ: %v vs %v", s1.Tables, s2.Tables)
	}
	for i := range s1.Tables {
		if s1.Tables[i] != s2.Tables[i] {
			t.Errorf("table %d: %v vs %v", i, s1.Tables[i], s2.Tables[i])
		}
	}
	// 2 blocs × (1 + 3 + 12) units; users: per bloc 2 + 3 + 24, plus the admin.
	for table, want := range map[string]int64{"units": 32, "users": 59, "role_assignments": 59, "models": 600, "nominations": 600,
		"reporting_rounds": 4, "reports": 60} {
		if got := s1.Rows(table); got != want {
			t.Errorf("%s: %d rows, want %d", table, got, want)
		}
	}
	f1, f2, f3 := fingerprints(t, p1), fingerprints(t, p2), fingerprints(t, p3)
	for k := range f1 {
		if f1[k] != f2[k] {
			t.Errorf("%s differ between two runs with the same seed", k)
		}
		if f1[k] == f3[k] {
			t.Errorf("%s are the same under another seed", k)
		}
	}
}

func TestSyntheticRowsAreConsistent(t *testing.T) {
	t.Parallel()
	checkSyntheticRows(t, smallSynthetic(1))
}

// TestSyntheticMixedShapesAreConsistent loads the deeper shapes (partial committees, base cells)
// and holds them to the same checks: paths, holders one level at a time, a report per unit.
func TestSyntheticMixedShapesAreConsistent(t *testing.T) {
	t.Parallel()
	o := smallSynthetic(1)
	o.CommitteesPerBloc, o.MixedShapes = 10, true
	pool := checkSyntheticRows(t, o)
	var partials, bases, underPartial, officers int
	err := pool.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM units WHERE kind = 'partial_committee'),
		(SELECT count(*) FROM units WHERE kind = 'base_cell' AND parent_id IN (SELECT id FROM units WHERE kind = 'bloc')),
		(SELECT count(*) FROM units c JOIN units p ON p.id = c.parent_id WHERE c.kind = 'cell' AND p.kind = 'partial_committee'),
		(SELECT count(*) FROM role_assignments r JOIN units u ON u.id = r.unit_id WHERE u.kind IN ('partial_committee', 'base_cell'))`).
		Scan(&partials, &bases, &underPartial, &officers)
	if err != nil || partials != 2 || bases != 4 || underPartial != 4 || officers != 2+4*2 {
		t.Fatalf("partial committees %d, base cells %d, cells under partial committees %d, their roles %d (%v); want 2, 4, 4, 10",
			partials, bases, underPartial, officers, err)
	}
	// With two blocs, a province above both: the root of their trees (bloc_id) and the top of
	// their paths; its officer is a login of the summary.
	var provinces, blocsUnder, rooted, outside int
	err = pool.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM units WHERE kind = 'province' AND parent_id IS NULL AND code = 'T01'),
		(SELECT count(*) FROM units b JOIN units p ON p.id = b.parent_id WHERE b.kind = 'bloc' AND p.code = 'T01'),
		(SELECT count(*) FROM units u JOIN units p ON p.id = u.bloc_id WHERE p.code = 'T01' AND u.path LIKE p.path || '%'),
		(SELECT count(*) FROM units u JOIN units p ON p.code = 'T01' WHERE u.bloc_id <> p.id)`).Scan(&provinces, &blocsUnder, &rooted, &outside)
	if err != nil || provinces != 1 || blocsUnder != 2 || outside != 0 || rooted != 1+2*(1+10*(1+4)+2+1) {
		t.Fatalf("provinces %d, blocs under it %d, units of its tree %d, units of other trees %d (%v); want 1, 2, %d, 0",
			provinces, blocsUnder, rooted, outside, err, 1+2*(1+10*(1+4)+2+1))
	}
}

// checkSyntheticRows loads the dataset of o and checks that its rows are what the API would
// have written.
func checkSyntheticRows(t *testing.T, o seed.SyntheticOptions) *pgxpool.Pool {
	t.Helper()
	pool, sum := loadSynthetic(t, o)
	ctx := context.Background()
	if sum.Rows("honor_roll") == 0 || sum.Rows("model_evaluations") == 0 || sum.Rows("nomination_events") == 0 {
		t.Fatalf("expected honors, evaluations and history: %v", sum.Tables)
	}
	if sum.Rows("inspection_plans") == 0 || sum.Rows("inspection_findings") == 0 || sum.Rows("inspection_recommendations") == 0 {
		t.Fatalf("expected inspections: %v", sum.Tables)
	}
	var withInspections int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM reports WHERE (figures->>'inspection_plans')::int > 0`).Scan(&withInspections); err != nil || withInspections == 0 {
		t.Fatalf("no frozen report counts an inspection (%v)", err)
	}
	// Each check counts offending rows: every one must be 0.
	checks := map[string]string{
		"honor numbers are 1..N per unit and year, and the counter holds N": `SELECT count(*) FROM (
			SELECT h.unit_id, h.year FROM honor_roll h JOIN honor_roll_counters c USING (unit_id, year)
			GROUP BY h.unit_id, h.year, c.last HAVING min(h.number) <> 1 OR max(h.number) <> count(*) OR c.last <> count(*)) x`,
		"every counter has its roll": `SELECT count(*) FROM honor_roll_counters c
			WHERE NOT EXISTS (SELECT 1 FROM honor_roll h WHERE h.unit_id = c.unit_id AND h.year = c.year)`,
		"honor entries only for honored nominations, at their holder": `SELECT count(*) FROM honor_roll h JOIN nominations n ON n.id = h.nomination_id
			WHERE n.status <> 'honored' OR h.unit_id <> n.holder_unit_id OR h.unit_path <> n.holder_path`,
		"every honored nomination is on a roll": `SELECT count(*) FROM nominations n WHERE status = 'honored'
			AND NOT EXISTS (SELECT 1 FROM honor_roll h WHERE h.nomination_id = n.id)`,
		"paths are the parent's path and the id": `SELECT count(*) FROM units u LEFT JOIN units p ON p.id = u.parent_id
			WHERE u.path <> coalesce(p.path, '') || u.id::text || '/' OR u.bloc_id <> coalesce(p.bloc_id, u.id)`,
		"work items carry their unit's path and bloc": `SELECT (SELECT count(*) FROM models m JOIN units u ON u.id = m.unit_id WHERE m.unit_path <> u.path OR m.bloc_id <> u.bloc_id)
			+ (SELECT count(*) FROM nominations m JOIN units u ON u.id = m.unit_id WHERE m.unit_path <> u.path OR m.bloc_id <> u.bloc_id)
			+ (SELECT count(*) FROM reports m JOIN units u ON u.id = m.unit_id WHERE m.unit_path <> u.path OR m.bloc_id <> u.bloc_id OR m.parent_id IS DISTINCT FROM u.parent_id)
			+ (SELECT count(*) FROM users m JOIN units u ON u.id = m.unit_id WHERE m.unit_path <> u.path)`,
		"ids are UUIDv7": `SELECT (SELECT count(*) FROM units WHERE substr(id::text, 15, 1) <> '7')
			+ (SELECT count(*) FROM models WHERE substr(id::text, 15, 1) <> '7') + (SELECT count(*) FROM nominations WHERE substr(id::text, 15, 1) <> '7')`,
		"text is NFC": `SELECT (SELECT count(*) FROM units WHERE name <> normalize(name, NFC))
			+ (SELECT count(*) FROM users WHERE full_name <> normalize(full_name, NFC))
			+ (SELECT count(*) FROM models WHERE name <> normalize(name, NFC) OR learning_content <> normalize(learning_content, NFC))
			+ (SELECT count(*) FROM nominations WHERE achievements <> normalize(achievements, NFC) OR person_name <> normalize(person_name, NFC))`,
		"nothing is dated after Now, and updates follow creation": `SELECT (SELECT count(*) FROM models WHERE updated_at > '2026-11-20T03:00:00Z' OR updated_at < created_at)
			+ (SELECT count(*) FROM nominations WHERE updated_at > '2026-11-20T03:00:00Z' OR updated_at < created_at)
			+ (SELECT count(*) FROM model_evaluations WHERE created_at > '2026-11-20T03:00:00Z')`,
		"evaluations only of models that were in progress": `SELECT count(*) FROM model_evaluations e JOIN models m ON m.id = e.model_id
			WHERE m.status NOT IN ('in_progress', 'completed', 'retired') OR e.year <> m.year`,
		"published exemplars are honored with a summary, individuals with consent": `SELECT count(*) FROM nominations WHERE published_at IS NOT NULL
			AND (status <> 'honored' OR public_summary = '' OR (subject_kind = 'individual' AND NOT coalesce((consent->>'given')::boolean, false)))`,
		"a submitted nomination's holder is above its unit": `SELECT count(*) FROM nominations
			WHERE status IN ('submitted', 'endorsed', 'commended', 'honored', 'rejected') AND (holder_path = unit_path OR unit_path NOT LIKE holder_path || '%')`,
		"drafts and returned nominations are held at home": `SELECT count(*) FROM nominations WHERE status IN ('draft', 'returned') AND holder_unit_id <> unit_id`,
		"versions count the writes": `SELECT count(*) FROM models WHERE version <> CASE status WHEN 'draft' THEN 1 WHEN 'registered' THEN 2
			WHEN 'returned' THEN 3 WHEN 'approved' THEN 3 WHEN 'in_progress' THEN 4 ELSE 5 END`,
		"events retrace each nomination": `SELECT count(*) FROM nominations n WHERE n.status <> 'draft' AND (SELECT e.to_status FROM nomination_events e
			WHERE e.nomination_id = n.id ORDER BY e.at DESC LIMIT 1) IS DISTINCT FROM n.status`,
		"one report per unit below the round's unit": `SELECT count(*) FROM reporting_rounds r
			WHERE (SELECT count(*) FROM reports x WHERE x.round_id = r.id) <> (SELECT count(*) FROM units u WHERE u.path LIKE r.unit_path || '%' AND u.id <> r.unit_id)`,
		"rounds and reports carry their unit's bloc_id": `SELECT (SELECT count(*) FROM reporting_rounds m JOIN units u ON u.id = m.unit_id WHERE m.bloc_id <> u.bloc_id OR m.unit_path <> u.path)
			+ (SELECT count(*) FROM honor_roll m JOIN units u ON u.id = m.unit_id WHERE m.bloc_id <> u.bloc_id)
			+ (SELECT count(*) FROM inspection_plans m JOIN units u ON u.id = m.unit_id WHERE m.bloc_id <> u.bloc_id)`,
		"frozen figures exactly on submitted and accepted reports": `SELECT count(*) FROM reports
			WHERE (status IN ('submitted', 'accepted')) <> (figures IS NOT NULL)`,
		"frozen inspection figures are what the system counts": `SELECT count(*) FROM reports x JOIN reporting_rounds r ON r.id = x.round_id
			WHERE x.figures IS NOT NULL AND ((x.figures->>'inspection_plans')::int <> (SELECT count(*) FROM inspection_plans p
				WHERE p.unit_path LIKE x.unit_path || '%' AND p.period_from <= r.to_date AND p.period_to >= r.from_date)
			OR (x.figures->>'recommendations_closed')::int <> (SELECT count(*) FROM inspection_recommendations c JOIN inspection_plans p ON p.id = c.plan_id
				WHERE p.unit_path LIKE x.unit_path || '%' AND p.period_from <= r.to_date AND p.period_to >= r.from_date AND c.status = 'closed'))`,
		"members and their work carry their cell's path and bloc": `SELECT (SELECT count(*) FROM members m JOIN units u ON u.id = m.unit_id
				WHERE m.unit_path <> u.path OR m.bloc_id <> u.bloc_id OR u.kind NOT IN ('cell', 'base_cell'))
			+ (SELECT count(*) FROM commitments c JOIN members m ON m.id = c.member_id WHERE c.unit_id <> m.unit_id OR c.unit_path <> m.unit_path OR c.bloc_id <> m.bloc_id)
			+ (SELECT count(*) FROM study_sessions s JOIN units u ON u.id = s.unit_id WHERE s.unit_path <> u.path OR s.bloc_id <> u.bloc_id)
			+ (SELECT count(*) FROM study_attendance a JOIN study_sessions s ON s.id = a.session_id JOIN members m ON m.id = a.member_id WHERE m.unit_id <> s.unit_id OR s.status <> 'held')
			+ (SELECT count(*) FROM study_reflections r JOIN study_attendance a USING (session_id, member_id) WHERE a.status <> 'present')`,
		"commitments carry what their state implies": `SELECT count(*) FROM commitments WHERE
			(status IN ('draft') AND submitted_at IS NOT NULL) OR (status = 'returned' AND status_reason IS NULL)
			OR (status IN ('accepted', 'self_assessed', 'reviewed', 'classified') AND accepted_at IS NULL)
			OR ((status IN ('self_assessed', 'reviewed', 'classified')) <> (year_end_at IS NOT NULL))
			OR ((status IN ('reviewed', 'classified')) <> (proposed_class IS NOT NULL))
			OR ((status = 'classified') <> (class IS NOT NULL))
			OR updated_at > '2026-11-20T03:00:00Z' OR updated_at < created_at OR on_behalf <> (created_by <> coalesce((SELECT user_id FROM members m WHERE m.id = member_id), created_by) OR (SELECT user_id FROM members m WHERE m.id = member_id) IS NULL)`,
		"sessions are held by Now, planned after it": `SELECT count(*) FROM study_sessions WHERE updated_at > '2026-11-20T03:00:00Z' OR updated_at < created_at
			OR (status = 'held') <> (held_on IS NOT NULL) OR (status = 'planned' AND starts_at < '2026-11-20T00:00:00Z')`,
		"frozen member and study figures are what the system counts": `SELECT count(*) FROM reports x JOIN reporting_rounds r ON r.id = x.round_id
			WHERE x.figures IS NOT NULL AND (coalesce(x.figures->'members_by_class', '{}') <> coalesce((SELECT jsonb_object_agg(class, n) FROM (SELECT class, count(*) AS n FROM commitments c
				WHERE c.unit_path LIKE x.unit_path || '%' AND c.year = r.year AND c.status = 'classified' GROUP BY class) k), '{}')
			OR (x.figures->>'study_sessions_held')::int <> (SELECT count(*) FROM study_sessions s WHERE s.unit_path LIKE x.unit_path || '%'
				AND s.status = 'held' AND s.held_on BETWEEN r.from_date AND r.to_date)
			OR (x.figures->>'study_attendances')::int <> (SELECT count(*) FROM study_attendance a JOIN study_sessions s ON s.id = a.session_id
				WHERE s.unit_path LIKE x.unit_path || '%' AND s.status = 'held' AND s.held_on BETWEEN r.from_date AND r.to_date)
			OR (x.figures->>'study_reflections')::int <> (SELECT count(*) FROM study_reflections a JOIN study_sessions s ON s.id = a.session_id
				WHERE s.unit_path LIKE x.unit_path || '%' AND s.status = 'held' AND s.held_on BETWEEN r.from_date AND r.to_date)
			OR (x.figures->>'study_cells')::int <> (SELECT count(*) FROM units u WHERE u.path LIKE x.unit_path || '%'
				AND u.kind IN ('cell', 'base_cell') AND NOT u.archived)
			OR (x.figures->>'study_quarters_met')::int <> (SELECT count(DISTINCT (s.unit_id, extract(year FROM s.held_on), extract(quarter FROM s.held_on)))
				FROM study_sessions s JOIN units u ON u.id = s.unit_id WHERE s.unit_path LIKE x.unit_path || '%' AND s.status = 'held'
				AND s.held_on BETWEEN r.from_date AND r.to_date AND u.kind IN ('cell', 'base_cell'))
			OR (x.figures->>'study_quarters_due')::int < (x.figures->>'study_quarters_met')::int
			OR ((x.figures->>'study_quarters_due')::int = 0) <> ((x.figures->>'study_cells')::int = 0))`,
		"findings lie in the inspected units, answers only once concluded": `SELECT (SELECT count(*) FROM inspection_findings f WHERE NOT EXISTS (
				SELECT 1 FROM inspection_plan_units pu WHERE pu.plan_id = f.plan_id AND f.unit_path LIKE pu.unit_path || '%'))
			+ (SELECT count(*) FROM inspection_recommendations c JOIN inspection_plans p ON p.id = c.plan_id WHERE c.status <> 'open' AND p.status <> 'concluded')
			+ (SELECT count(*) FROM inspection_plans WHERE updated_at > '2026-11-20T03:00:00Z' OR updated_at < created_at)
			+ (SELECT count(*) FROM inspection_recommendations WHERE updated_at > '2026-11-20T03:00:00Z' OR updated_at < created_at)`,
	}
	for name, q := range checks {
		var n int
		if err := pool.QueryRow(ctx, q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if n != 0 {
			t.Errorf("%s: %d rows break it", name, n)
		}
	}
	var states int
	if err := pool.QueryRow(ctx, "SELECT count(DISTINCT status) FROM models").Scan(&states); err != nil || states != 7 {
		t.Errorf("model states: %d (%v), want all 7", states, err)
	}
	if err := pool.QueryRow(ctx, "SELECT count(DISTINCT status) FROM nominations").Scan(&states); err != nil || states != 7 {
		t.Errorf("nomination states: %d (%v), want all 7", states, err)
	}
	if err := pool.QueryRow(ctx, "SELECT count(DISTINCT status) FROM commitments").Scan(&states); err != nil || states != 7 {
		t.Errorf("commitment states: %d (%v), want all 7", states, err)
	}
	if err := pool.QueryRow(ctx, "SELECT count(DISTINCT status) FROM study_sessions").Scan(&states); err != nil || states != 3 {
		t.Errorf("session states: %d (%v), want all 3", states, err)
	}
	var perCell, withMidYear, linked int
	if err := pool.QueryRow(ctx, `SELECT (SELECT count(DISTINCT n) FROM (SELECT count(*) AS n FROM members GROUP BY unit_id) x),
		(SELECT count(*) FROM commitments WHERE mid_year_at IS NOT NULL AND items->0->'mid_year' IS NOT NULL),
		(SELECT count(*) FROM members m JOIN users u ON u.id = m.user_id AND u.unit_id = m.unit_id)`).Scan(&perCell, &withMidYear, &linked); err != nil ||
		perCell != 1 || withMidYear == 0 || linked == 0 {
		t.Errorf("member counts per cell: %d distinct, mid-year assessments %d, linked accounts %d (%v)", perCell, withMidYear, linked, err)
	}
	return pool
}

func TestSyntheticRefusesAnEarlierLoad(t *testing.T) {
	t.Parallel()
	pool, _ := loadSynthetic(t, seed.SyntheticOptions{Blocs: 1, CommitteesPerBloc: 1, CellsPerCommittee: 1, ModelsPerBloc: 2, NominationsPerBloc: 2})
	_, err := seed.Synthetic(context.Background(), pool, seed.SyntheticOptions{Blocs: 1})
	if !errors.Is(err, seed.ErrSyntheticPresent) {
		t.Fatalf("second load: %v, want ErrSyntheticPresent", err)
	}
	if _, err := seed.Synthetic(context.Background(), pool, seed.SyntheticOptions{Blocs: 0}); err == nil {
		t.Fatal("0 blocs accepted")
	}
}
