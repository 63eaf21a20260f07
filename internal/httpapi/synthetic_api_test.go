package httpapi_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"lamtheobac/internal/app"
	"lamtheobac/internal/report"
	"lamtheobac/internal/seed"
	"lamtheobac/internal/testkit"
	"lamtheobac/internal/vntime"
)

// newSyntheticEnv is the full service over a small synthetic dataset (1 bloc, 3 committees × 4
// cells, 300 models, 300 nominations) instead of the demo: what the generator writes must work
// through every layer the API has.
func newSyntheticEnv(t *testing.T) (*env, *pgxpool.Pool) {
	t.Helper()
	url := testkit.DatabaseURL(t)
	e := newBareEnv(t, url, app.Options{})
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	if _, err := seed.Synthetic(ctx, pool, seed.SyntheticOptions{Blocs: 1, RandSeed: 3, CommitteesPerBloc: 3, CellsPerCommittee: 4,
		ModelsPerBloc: 300, NominationsPerBloc: 300}); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"B01", "B01-C001", "B01-C001-S01", "B01-C001-S04", "B01-C002"} {
		u, err := e.store.GetUnitByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		e.units[code] = u.ID
	}
	for _, name := range []string{seed.SyntheticAdmin, "b01.officer", "b01.inspector", "b01.c001.officer", "b01.c001.s01.secretary", "b01.c001.s01.member"} {
		u, err := e.store.GetUserByUsername(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		e.users[name] = u.ID
	}
	return e, pool
}

// scalar runs a one-value query.
func scalar[T any](t *testing.T, pool *pgxpool.Pool, q string, args ...any) T {
	t.Helper()
	var v T
	if err := pool.QueryRow(context.Background(), q, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

func TestSyntheticDataThroughTheAPI(t *testing.T) {
	t.Parallel()
	e, pool := newSyntheticEnv(t)
	unit := func(code string) string { return e.units[code].String() }
	// run is t.Run with the env reporting to the subtest (its helpers fail e.t).
	run := func(name string, f func(t *testing.T)) {
		t.Run(name, func(st *testing.T) { e.t = st; f(st) })
		e.t = t
	}

	run("every role logs in with the shared password", func(t *testing.T) {
		for _, name := range []string{seed.SyntheticAdmin, "b01.officer", "b01.inspector", "b01.c001.officer", "b01.c001.s01.secretary", "b01.c001.s01.member"} {
			got := e.must(200, req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"username": name, "password": seed.SyntheticPassword}})
			tok, _ := got.JSON(t)["access_token"].(string)
			if tok == "" {
				t.Fatalf("%s: no access token", name)
			}
			me := e.must(200, req{Method: "GET", Path: "/api/v1/me", Header: map[string]string{"Authorization": "Bearer " + tok}}).JSON(t)
			if me["username"] != name {
				t.Errorf("/me of %s: %v", name, me["username"])
			}
		}
	})

	run("a cell secretary lists and reads its cell's models", func(t *testing.T) {
		want := scalar[int](t, pool, "SELECT count(*) FROM models WHERE unit_id = $1", e.units["B01-C001-S01"])
		var page struct {
			Items []struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"items"`
		}
		e.must(200, req{Method: "GET", Path: "/api/v1/units/" + unit("B01-C001-S01") + "/models?limit=200", User: "b01.c001.s01.secretary"}).Decode(t, &page)
		if want != 20 || len(page.Items) != want {
			t.Fatalf("cell lists %d models, database has %d (want 20 = 300 / 15 units)", len(page.Items), want)
		}
		got := e.must(200, req{Method: "GET", Path: "/api/v1/models/" + page.Items[0].ID, User: "b01.c001.s01.secretary"}).JSON(t)
		if got["name"] != page.Items[0].Name || got["unit"].(map[string]any)["code"] != "B01-C001-S01" {
			t.Fatalf("model: %v", got)
		}
		// Another cell's model does not exist for this secretary.
		other := scalar[uuid.UUID](t, pool, "SELECT id FROM models WHERE unit_id = $1 LIMIT 1", e.units["B01-C001-S04"])
		e.must(404, req{Method: "GET", Path: "/api/v1/models/" + other.String(), User: "b01.c001.s01.secretary"})
	})

	run("the committee's subtree list has its own and its cells' models", func(t *testing.T) {
		want := scalar[int](t, pool, "SELECT count(*) FROM models WHERE unit_path LIKE (SELECT path FROM units WHERE id = $1) || '%'", e.units["B01-C001"])
		var page struct {
			Items []struct {
				Unit struct{ Code string } `json:"unit"`
			} `json:"items"`
			NextCursor *string `json:"next_cursor"`
		}
		e.must(200, req{Method: "GET", Path: "/api/v1/units/" + unit("B01-C001") + "/models?scope=subtree&limit=200", User: "b01.c001.officer"}).Decode(t, &page)
		codes := map[string]int{}
		for _, it := range page.Items {
			codes[it.Unit.Code]++
		}
		if want != 100 || len(page.Items) != want || len(codes) != 5 || codes["B01-C001-S04"] != 20 {
			t.Fatalf("subtree lists %d models of %v, database has %d (want 100 over 5 units)", len(page.Items), codes, want)
		}
	})

	// Round status and consolidation, for the half-year round opened at the bloc.
	roundID := scalar[uuid.UUID](t, pool, "SELECT id FROM reporting_rounds WHERE unit_id = $1 AND period = 'H1'", e.units["B01"])

	run("the round status counts every report in its state", func(t *testing.T) {
		rows, err := pool.Query(context.Background(), `SELECT x.status, x.touched, x.submitted_at, rr.due_on FROM reports x
			JOIN reporting_rounds rr ON rr.id = x.round_id WHERE x.round_id = $1`, roundID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{}
		for rows.Next() {
			var r report.Report
			var status string
			if err := rows.Scan(&status, &r.Touched, &r.SubmittedAt, &r.DueOn); err != nil {
				t.Fatal(err)
			}
			r.Status = report.Status(status)
			want[string(r.State())]++
		}
		var got struct {
			Counts   map[string]int `json:"counts"`
			Expected int            `json:"expected"`
			Items    []any          `json:"items"`
		}
		e.must(200, req{Method: "GET", Path: "/api/v1/reporting-rounds/" + roundID.String() + "/status", User: "b01.officer"}).Decode(t, &got)
		if got.Expected != 15 || len(got.Items) != 15 {
			t.Fatalf("expected %d, items %d; want 15 (3 committees + 12 cells)", got.Expected, len(got.Items))
		}
		for k, n := range want {
			if got.Counts[k] != n {
				t.Errorf("state %s: %d, want %d (%v)", k, got.Counts[k], n, got.Counts)
			}
		}
		if len(want) < 3 {
			t.Errorf("only states %v: want a mix", want)
		}
	})

	run("a committee's consolidated report sums its cells' frozen figures", func(t *testing.T) {
		reportID := scalar[uuid.UUID](t, pool, "SELECT id FROM reports WHERE round_id = $1 AND unit_id = $2", roundID, e.units["B01-C001"])
		wantModels := scalar[int](t, pool, `SELECT coalesce(sum((figures->>'models_total')::int), 0) FROM reports
			WHERE round_id = $1 AND parent_id = $2 AND status IN ('submitted', 'accepted')`, roundID, e.units["B01-C001"])
		var got struct {
			Totals struct {
				ModelsTotal int `json:"models_total"`
			} `json:"totals"`
			Children []struct {
				Included bool `json:"included"`
			} `json:"children"`
		}
		e.must(200, req{Method: "GET", Path: "/api/v1/reports/" + reportID.String() + "/consolidated", User: "b01.c001.officer"}).Decode(t, &got)
		if len(got.Children) != 4 || got.Totals.ModelsTotal != wantModels {
			t.Fatalf("consolidation: %d children, models_total %d; want 4 and %d", len(got.Children), got.Totals.ModelsTotal, wantModels)
		}
		// Frozen figures are what the system counts: a submitted cell's models_total is its
		// models of the round's year.
		rows, err := pool.Query(context.Background(), `SELECT (x.figures->>'models_total')::int, (SELECT count(*) FROM models m
			WHERE m.unit_id = x.unit_id AND m.year = rr.year) FROM reports x JOIN reporting_rounds rr ON rr.id = x.round_id
			WHERE x.figures IS NOT NULL AND x.unit_id IN (SELECT id FROM units WHERE kind = 'cell')`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var frozen, live int
			if err := rows.Scan(&frozen, &live); err != nil {
				t.Fatal(err)
			}
			if frozen != live {
				t.Errorf("frozen models_total %d, system counts %d", frozen, live)
			}
		}
	})

	run("the public feed lists the published exemplars", func(t *testing.T) {
		want := scalar[int](t, pool, `SELECT count(*) FROM nominations WHERE published_at IS NOT NULL AND status = 'honored'
			AND (subject_kind = 'collective' OR (consent->>'given')::boolean)`)
		var got struct {
			Items []struct {
				Name        string `json:"name"`
				HonorNumber *int   `json:"honor_number"`
			} `json:"items"`
		}
		e.must(200, req{Method: "GET", Path: "/public/exemplars"}).Decode(t, &got)
		if want == 0 || len(got.Items) != want {
			t.Fatalf("public exemplars: %d, database has %d published", len(got.Items), want)
		}
		for _, it := range got.Items {
			if it.Name == "" || it.HonorNumber == nil || *it.HonorNumber < 1 {
				t.Errorf("exemplar without name or honor number: %+v", it)
			}
		}
	})

	run("honor rolls are numbered 1..N per unit and year", func(t *testing.T) {
		rows, err := pool.Query(context.Background(), "SELECT unit_id, year, count(*) FROM honor_roll GROUP BY 1, 2 ORDER BY 1, 2")
		if err != nil {
			t.Fatal(err)
		}
		type roll struct {
			unit  uuid.UUID
			year  int
			count int
		}
		var rolls []roll
		for rows.Next() {
			var r roll
			if err := rows.Scan(&r.unit, &r.year, &r.count); err != nil {
				t.Fatal(err)
			}
			rolls = append(rolls, r)
		}
		if len(rolls) < 4 {
			t.Fatalf("only %d rolls", len(rolls))
		}
		for _, r := range rolls {
			var page struct {
				Items []struct {
					Number    int       `json:"number"`
					HonoredAt time.Time `json:"honored_at"`
				} `json:"items"`
			}
			e.must(200, req{Method: "GET", Path: "/api/v1/units/" + r.unit.String() + "/honor-roll?limit=200&year=" + strconv.Itoa(r.year), User: "b01.officer"}).Decode(t, &page)
			if len(page.Items) != r.count {
				t.Fatalf("roll %s/%d: %d entries, want %d", r.unit, r.year, len(page.Items), r.count)
			}
			for i, it := range page.Items {
				if it.Number != i+1 || (i > 0 && it.HonoredAt.Before(page.Items[i-1].HonoredAt)) {
					t.Fatalf("roll %s/%d: entry %d is number %d at %s", r.unit, r.year, i, it.Number, it.HonoredAt)
				}
			}
		}
	})
}

// TestSyntheticProvinceThroughTheAPI: with mixed shapes over two blocs, the province above
// them works through the API as one made through it would: its officer reads both blocs,
// counts their coverage and sees their rounds; a bloc's officer reads the province as an
// ancestor and not the other bloc.
func TestSyntheticProvinceThroughTheAPI(t *testing.T) {
	t.Parallel()
	url := testkit.DatabaseURL(t)
	e := newBareEnv(t, url, app.Options{})
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	now := e.app.Now()
	sum, err := seed.Synthetic(ctx, pool, seed.SyntheticOptions{Blocs: 2, RandSeed: 5, CommitteesPerBloc: 10, CellsPerCommittee: 2,
		ModelsPerBloc: 100, NominationsPerBloc: 100, MixedShapes: true, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(sum.Logins, func(l seed.SyntheticLogin) bool { return l.Username == "t01.officer" && l.Unit == "T01" }) {
		t.Errorf("the province's officer is not among the logins: %v", sum.Logins)
	}
	for _, code := range []string{"T01", "B01", "B02"} {
		u, err := e.store.GetUnitByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		e.units[code] = u.ID
	}
	for _, name := range []string{"t01.officer", "b01.officer"} {
		u, err := e.store.GetUserByUsername(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		e.users[name] = u.ID
	}
	var kids apiUnitList
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["T01"].String() + "/children", User: "t01.officer"}).Decode(t, &kids)
	if got := unitCodes(kids.Items); !slices.Equal(got, []string{"B01", "B02"}) && !slices.Equal(got, []string{"B02", "B01"}) {
		t.Errorf("the province's children %v", got)
	}
	var cov mdlCoverage
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["T01"].String() + "/model-coverage?year=" + itoa(vntime.Date(now).Year()),
		User: "t01.officer"}).Decode(t, &cov)
	if want := scalar[int](t, pool, "SELECT count(*) FROM units WHERE kind NOT IN ('province', 'bloc')"); cov.Totals.Units != want {
		t.Errorf("the province's coverage counts %d units, want %d", cov.Totals.Units, want)
	}
	var rounds struct{ Items []map[string]any }
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["B02"].String() + "/reporting-rounds", User: "t01.officer"}).Decode(t, &rounds)
	if len(rounds.Items) == 0 {
		t.Error("the province's officer sees no round of B02")
	}
	var anc apiUnitList
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["B01"].String() + "/ancestors", User: "b01.officer"}).Decode(t, &anc)
	if got := unitCodes(anc.Items); !slices.Equal(got, []string{"T01"}) {
		t.Errorf("B01's ancestors %v", got)
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/" + e.units["B02"].String(), User: "b01.officer"}), http.StatusNotFound, "not_found")
}
