package scenario_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"lamtheobac/bench/scenario"
	"lamtheobac/internal/access"
	"lamtheobac/internal/app"
	"lamtheobac/internal/app/apptest"
	"lamtheobac/internal/testkit"
)

// bigTable is the size above which a sequential scan fails the test.
const bigTable = 10000

// statement is one SQL statement a request ran.
type statement struct {
	sql  string
	vars []any
}

// TestScenariosNeverSeqScanBigTables drives every benchmark scenario, and the other reads of
// the members' work and the study (scenario.Checked), through the real router over a synthetic
// dataset whose tables pass 10,000 rows, records every statement each request ran, and
// EXPLAINs it: a sequential scan of a table over 10,000 rows fails the test.
func TestScenariosNeverSeqScanBigTables(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := testkit.DatabaseURL(t)
	a := apptest.Open(t, url, app.Options{TrustProxy: true})
	st := a.Store
	password := loadDataset(t, url)
	db, err := st.SQL()
	if err != nil {
		t.Fatal(err)
	}
	// A database in service is vacuumed and analyzed by autovacuum: plan as it would.
	if _, err := db.ExecContext(ctx, "VACUUM ANALYZE"); err != nil {
		t.Fatal(err)
	}
	ids, err := scenario.Discover(ctx, db, password)
	if err != nil {
		t.Fatal(err)
	}
	scenarios := append(scenario.All(ids), scenario.Checked(ids)...)
	tokens := map[string]string{} // issued before tracing: the requests' own statements only
	for _, sc := range scenarios {
		if sc.User != "" && tokens[sc.User] == "" {
			tokens[sc.User] = token(t, a, sc.User)
		}
	}
	var mu sync.Mutex
	var ran []statement
	if err := st.OnStatement(func(q string, vars []any) {
		mu.Lock()
		ran = append(ran, statement{q, vars})
		mu.Unlock()
	}); err != nil {
		t.Fatal(err)
	}
	big := bigRelations(t, db)
	for _, sc := range scenarios {
		mu.Lock()
		ran = nil
		mu.Unlock()
		status := serve(t, a, sc, tokens[sc.User], "")
		if sc.Revalidate {
			status = serve(t, a, sc, tokens[sc.User], status.etag)
		}
		want := sc.Target.Status
		if want == 0 {
			want = http.StatusOK
		}
		if status.code != want {
			t.Errorf("%s: status %d, want %d\n%s", sc.Name, status.code, want, status.body)
			continue
		}
		mu.Lock()
		stmts := append([]statement(nil), ran...)
		mu.Unlock()
		for _, s := range stmts {
			t.Logf("%s: %s %v", sc.Name, s.sql, s.vars)
			for _, rel := range seqScans(t, db, s) {
				if n, ok := big[rel]; ok {
					t.Errorf("%s: sequential scan of %s (%.0f rows):\n%s", sc.Name, rel, n, s.sql)
				}
			}
		}
	}
}

// answer is what a scenario's request got.
type answer struct {
	code int
	etag string
	body []byte
}

// serve sends one request of sc through the router with token.
func serve(t *testing.T, a *app.App, sc scenario.Scenario, token, ifNoneMatch string) answer {
	t.Helper()
	r := httptest.NewRequest(sc.Method, sc.Path, bytes.NewReader(sc.Body))
	for k, v := range sc.Header {
		r.Header.Set(k, v)
	}
	if ifNoneMatch != "" {
		r.Header.Set("If-None-Match", ifNoneMatch)
	}
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	w := apptest.Serve(t, a.Router, r) // checked against the spec like every full-stack answer
	return answer{code: w.Code, etag: w.Header().Get("ETag"), body: w.Body.Bytes()}
}

// token issues an access token for username directly (no password check).
func token(t *testing.T, a *app.App, username string) string {
	t.Helper()
	u, err := a.Store.GetUserByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	p, err := a.Auth.PrincipalFor(context.Background(), access.UserPrincipal, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	tok, _, err := a.Issuer.Issue(p)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// bigRelations returns the tables (and their row estimates) over bigTable rows.
func bigRelations(t *testing.T, db *sql.DB) map[string]float64 {
	t.Helper()
	rows, err := db.Query(`SELECT relname, reltuples FROM pg_class WHERE relkind = 'r'
		AND relnamespace = 'public'::regnamespace AND reltuples > $1`, bigTable)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var name string
		var n float64
		if err := rows.Scan(&name, &n); err != nil {
			t.Fatal(err)
		}
		out[name] = n
	}
	if len(out) == 0 {
		t.Fatal("no table passes 10,000 rows: the dataset is too small to prove anything")
	}
	t.Logf("tables over %d rows: %v", bigTable, out)
	return out
}

// seqScans EXPLAINs s and returns the relations its plan scans sequentially.
func seqScans(t *testing.T, db *sql.DB, s statement) []string {
	t.Helper()
	q := strings.TrimSpace(s.sql)
	switch strings.ToUpper(strings.Fields(q)[0]) {
	case "SELECT", "WITH", "INSERT", "UPDATE", "DELETE":
	default:
		return nil
	}
	var raw []byte
	// EXPLAIN without ANALYZE plans a write without running it.
	if err := db.QueryRow("EXPLAIN (FORMAT JSON) "+q, s.vars...).Scan(&raw); err != nil {
		t.Errorf("explain %s: %v", q, err)
		return nil
	}
	var plans []struct{ Plan node }
	if err := json.Unmarshal(raw, &plans); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range plans {
		p.Plan.walk(func(n node) {
			if n.NodeType == "Seq Scan" {
				out = append(out, n.Relation)
			}
		})
	}
	return out
}

// node is a plan node of EXPLAIN (FORMAT JSON).
type node struct {
	NodeType string `json:"Node Type"`
	Relation string `json:"Relation Name"`
	Plans    []node `json:"Plans"`
}

func (n node) walk(fn func(node)) {
	fn(n)
	for _, c := range n.Plans {
		c.walk(fn)
	}
}
