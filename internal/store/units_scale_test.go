package store

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

// TestSubtreeQueriesUseIndexesAt50kUnits loads a 50,000-unit tree and checks with EXPLAIN that
// subtree and children queries are index scans, never a sequential scan of units.
func TestSubtreeQueriesUseIndexesAt50kUnits(t *testing.T) {
	t.Parallel()
	_, db := openTest(t)
	// One bloc, 250 committees, 199 cells each: 50,001 units with real paths.
	_, err := db.Exec(`
		WITH bloc AS (
			INSERT INTO units (id, kind, code, name, bloc_id, path)
			VALUES ('00000000-0000-7000-8000-000000000001', 'bloc', 'B', 'Khối', '00000000-0000-7000-8000-000000000001',
			        '00000000-0000-7000-8000-000000000001/')
			RETURNING id, path),
		committees AS (
			INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path)
			SELECT c.id, 'committee', 'C' || c.n, 'Đảng ủy ' || c.n, bloc.id, bloc.id, bloc.path || c.id || '/'
			FROM bloc, (SELECT n, gen_random_uuid() AS id FROM generate_series(1, 250) n) c
			RETURNING id, path, bloc_id)
		INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path)
		SELECT x.id, 'cell', 'X' || committees.id || '-' || x.n, 'Chi bộ ' || x.n, committees.id, committees.bloc_id,
		       committees.path || x.id || '/'
		FROM committees, LATERAL (SELECT n, md5(committees.id::text || n)::uuid AS id FROM generate_series(1, 199) n) x`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("ANALYZE units"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM units").Scan(&n); err != nil || n != 50001 {
		t.Fatalf("units = %d, %v", n, err)
	}
	var committee struct{ ID, Path string }
	if err := db.QueryRow("SELECT id, path FROM units WHERE kind = 'committee' LIMIT 1").Scan(&committee.ID, &committee.Path); err != nil {
		t.Fatal(err)
	}
	assertUnitIndexScans(t, db, map[string]unitQuery{
		"subtree by path prefix": {"SELECT id FROM units WHERE path LIKE $1", []any{likePrefix(committee.Path)}},
		"children page":          {"SELECT id FROM units WHERE parent_id = $1 AND NOT archived ORDER BY name COLLATE vi, id LIMIT 51", []any{committee.ID}},
		"by code":                {"SELECT id FROM units WHERE lower(code) = lower($1)", []any{"C17"}},
	})
}

// unitQuery is a statement over units and its arguments, for assertUnitIndexScans.
type unitQuery struct {
	sql  string
	args []any
}

// assertUnitIndexScans EXPLAINs each query and fails the test on any plan that scans units
// sequentially or uses no index.
func assertUnitIndexScans(t *testing.T, db *sql.DB, queries map[string]unitQuery) {
	t.Helper()
	ctx := context.Background()
	for name, q := range queries {
		rows, err := db.QueryContext(ctx, "EXPLAIN "+q.sql, q.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, line)
		}
		rows.Close()
		text := strings.Join(plan, "\n")
		if strings.Contains(text, "Seq Scan on units") || !strings.Contains(text, "Index") {
			t.Errorf("%s: not an index scan:\n%s", name, text)
		}
	}
}
