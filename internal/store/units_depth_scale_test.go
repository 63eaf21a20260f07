package store

import (
	"strings"
	"testing"
)

// TestSubtreeQueriesUseIndexesAtMixedDepth loads a 255,003-unit tree of mixed depth (issue #15):
// a province over two blocs, each with 500 committees of four partial committees of 60 cells
// plus nine cells of their own, and 500 base cells directly under the bloc. Subtree, children
// and ancestor queries at every kind below the blocs must stay index scans: the materialized
// path does not care about depth.
func TestSubtreeQueriesUseIndexesAtMixedDepth(t *testing.T) {
	t.Parallel()
	_, db := openTest(t)
	_, err := db.Exec(`
		WITH province AS (
			INSERT INTO units (id, kind, code, name, bloc_id, path)
			VALUES ('00000000-0000-7000-8000-0000000000aa', 'province', 'P', 'Tỉnh ủy', '00000000-0000-7000-8000-0000000000aa',
			        '00000000-0000-7000-8000-0000000000aa/')
			RETURNING id, path),
		blocs AS (
			INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path)
			SELECT b.id, 'bloc', 'B' || b.n, 'Khối ' || b.n, province.id, province.id, province.path || b.id || '/'
			FROM province, (SELECT n, md5('bloc' || n)::uuid AS id FROM generate_series(1, 2) n) b
			RETURNING id, path, bloc_id, code),
		bases AS (
			INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path)
			SELECT s.id, 'base_cell', blocs.code || '-S' || s.n, 'Chi bộ cơ sở ' || s.n, blocs.id, blocs.bloc_id, blocs.path || s.id || '/'
			FROM blocs, LATERAL (SELECT n, md5(blocs.id::text || 's' || n)::uuid AS id FROM generate_series(1, 500) n) s
			RETURNING id),
		committees AS (
			INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path)
			SELECT c.id, 'committee', blocs.code || '-C' || c.n, 'Đảng ủy ' || c.n, blocs.id, blocs.bloc_id, blocs.path || c.id || '/'
			FROM blocs, LATERAL (SELECT n, md5(blocs.id::text || 'c' || n)::uuid AS id FROM generate_series(1, 500) n) c
			RETURNING id, path, bloc_id, code),
		partials AS (
			INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path)
			SELECT d.id, 'partial_committee', committees.code || '-D' || d.n, 'Đảng bộ bộ phận ' || d.n, committees.id,
			       committees.bloc_id, committees.path || d.id || '/'
			FROM committees, LATERAL (SELECT n, md5(committees.id::text || 'd' || n)::uuid AS id FROM generate_series(1, 4) n) d
			RETURNING id, path, bloc_id, code),
		direct AS (
			INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path)
			SELECT x.id, 'cell', committees.code || '-X' || x.n, 'Chi bộ ' || x.n, committees.id, committees.bloc_id, committees.path || x.id || '/'
			FROM committees, LATERAL (SELECT n, md5(committees.id::text || 'x' || n)::uuid AS id FROM generate_series(1, 9) n) x
			RETURNING id)
		INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path)
		SELECT x.id, 'cell', partials.code || '-X' || x.n, 'Chi bộ ' || x.n, partials.id, partials.bloc_id, partials.path || x.id || '/'
		FROM partials, LATERAL (SELECT n, md5(partials.id::text || 'x' || n)::uuid AS id FROM generate_series(1, 60) n) x`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("ANALYZE units"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM units").Scan(&n); err != nil || n != 255003 {
		t.Fatalf("units = %d, %v", n, err)
	}
	pick := func(kind string) (id, path string) {
		t.Helper()
		if err := db.QueryRow("SELECT id, path FROM units WHERE kind = $1 ORDER BY code LIMIT 1", kind).Scan(&id, &path); err != nil {
			t.Fatal(err)
		}
		return id, path
	}
	committeeID, committeePath := pick("committee")
	partialID, partialPath := pick("partial_committee")
	_, basePath := pick("base_cell")
	_, cellPath := pick("cell")
	provinceID, _ := pick("province")
	ancestors := strings.Split(strings.TrimSuffix(cellPath, "/"), "/")
	if len(ancestors) != 5 {
		t.Fatalf("the first cell is %d deep, want 5 (province, bloc, committee, partial committee, cell)", len(ancestors))
	}
	assertUnitIndexScans(t, db, map[string]unitQuery{
		"committee subtree":         {"SELECT id FROM units WHERE path LIKE $1", []any{likePrefix(committeePath)}},
		"partial committee subtree": {"SELECT id FROM units WHERE path LIKE $1", []any{likePrefix(partialPath)}},
		"base cell subtree":         {"SELECT id FROM units WHERE path LIKE $1", []any{likePrefix(basePath)}},
		"partial committee's children page": {"SELECT id FROM units WHERE parent_id = $1 AND NOT archived ORDER BY name COLLATE vi, id LIMIT 51",
			[]any{partialID}},
		"committee's children page": {"SELECT id FROM units WHERE parent_id = $1 AND NOT archived ORDER BY name COLLATE vi, id LIMIT 51",
			[]any{committeeID}},
		"province's children page": {"SELECT id FROM units WHERE parent_id = $1 AND NOT archived ORDER BY name COLLATE vi, id LIMIT 51",
			[]any{provinceID}},
		"a cell's ancestors": {"SELECT id FROM units WHERE id IN ($1, $2, $3, $4, $5)", []any{ancestors[0], ancestors[1], ancestors[2], ancestors[3], ancestors[4]}},
	})
}
