package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"

	"github.com/google/uuid"

	"lamtheobac/internal/model"
)

// TestModelSearchMatchesOneOrderedQuery pages through searches (common words in names, in
// contents, several words, diacritics, none found) over a bloc, a committee and a cell, and
// checks every page against one query that ranks and sorts all matches the simple way: the
// two-rank search must return the same models in the same order, across the boundary between
// name and content matches and whatever the page size.
func TestModelSearchMatchesOneOrderedQuery(t *testing.T) {
	t.Parallel()
	st, db := openTest(t)
	bloc, committee, cell := uuid.New(), uuid.New(), uuid.New()
	blocPath := bloc.String() + "/"
	committeePath := blocPath + committee.String() + "/"
	cellPath := committeePath + cell.String() + "/"
	// 240 models, a third on the bloc itself and the rest in the cell, from names and contents that
	// share words ("chăm" is in many names, "học" in most contents, "tiết kiệm" in both).
	_, err := db.Exec(`INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path) VALUES
			($1, 'bloc', 'SB', 'Khối', NULL, $1, $4), ($2, 'committee', 'SC', 'Đảng ủy', $1, $1, $5), ($3, 'cell', 'SX', 'Chi bộ', $2, $1, $6)`,
		bloc, committee, cell, blocPath, committeePath, cellPath)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`INSERT INTO models (id, unit_id, unit_path, bloc_id, name, year, category, implementer_kind, implementer_name,
			learning_content, status)
		SELECT gen_random_uuid(), CASE WHEN n % 3 = 0 THEN $1::uuid ELSE $2::uuid END, CASE WHEN n % 3 = 0 THEN $3 ELSE $4 END, $1::uuid,
			(ARRAY['Chăm sóc khách hàng', 'Ngày chủ nhật xanh', 'Tiết kiệm điện', 'Học tập chăm chỉ', 'Sổ tay 50%_giảm'])[1 + n % 5],
			2025, 'other', 'unit', 'Toàn chi bộ',
			(ARRAY['Học tập tư tưởng Hồ Chí Minh', 'Thực hành tiết kiệm, chống lãng phí', 'Theo lời dạy của Người',
			       'Học tập và làm theo Bác về chăm lo đời sống'])[1 + n % 4],
			'registered'
		FROM generate_series(1, 240) n`, bloc, cell, blocPath, cellPath)
	if err != nil {
		t.Fatal(err)
	}
	indexBloc(t, st, db, bloc)
	if _, err := db.Exec("ANALYZE models, model_search"); err != nil {
		t.Fatal(err)
	}
	places := map[string]model.Filter{"bloc": {UnitPath: blocPath}, "committee": {UnitPath: committeePath}, "cell": {UnitID: &cell}}
	// Both plans of rank 1: from the full-text index (few matches) and walking the models.
	for _, few := range []int64{2000, 1} {
		fewMatches.Store(few)
		searchEverywhere(t, st, places)
	}
	fewMatches.Store(2000)
}

// searchEverywhere checks the searches of TestModelSearchMatchesOneOrderedQuery in each place.
func searchEverywhere(t *testing.T, st *Store, places map[string]model.Filter) {
	t.Helper()
	ctx := context.Background()
	for place, f := range places {
		for _, q := range []string{"chăm", "CHAM", "hoc", "tiet kiem", "hoc cham", "Học   tập", "50%_", "zzz"} {
			want := referenceSearch(t, st, f, q)
			if q == "hoc cham" && place != "cell" && !crossesRanks(want) {
				t.Fatalf("%s %q: the data should give both ranks", place, q)
			}
			for _, limit := range []int{1, 7, 50} {
				if limit == 1 && len(want) > 100 {
					continue
				}
				f := f
				f.Q, f.Limit = q, limit
				var got []uuid.UUID
				for page := 0; ; page++ {
					items, next, err := st.ListModels(ctx, f)
					if err != nil {
						t.Fatal(err)
					}
					for _, m := range items {
						got = append(got, m.ID)
					}
					if next == "" {
						break
					}
					if page > len(want) {
						t.Fatalf("%s %q limit %d: more pages than models", place, q, limit)
					}
					f.Cursor = next
				}
				if !slices.Equal(got, ids(want)) {
					t.Errorf("%s %q limit %d: %d models, want %d (or another order)", place, q, limit, len(got), len(want))
				}
			}
		}
	}
}

// ranked is a model id with its search rank.
type ranked struct {
	ID   uuid.UUID
	Rank int
}

func ids(rs []ranked) []uuid.UUID {
	out := make([]uuid.UUID, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func crossesRanks(rs []ranked) bool {
	return len(rs) > 0 && rs[0].Rank == rankName && rs[len(rs)-1].Rank == rankContent
}

// referenceSearch is the search as it was first written: every match ranked and sorted by one
// query, unaccenting every row as it goes (names by substring, contents by word prefix since
// migration 0018).
func referenceSearch(t *testing.T, st *Store, f model.Filter, q string) []ranked {
	t.Helper()
	place, vars := "models.unit_path LIKE ?", []any{likePrefix(f.UnitPath)}
	if f.UnitID != nil {
		place, vars = "models.unit_id = ?", []any{*f.UnitID}
	}
	sql := "SELECT id, CASE WHEN true"
	var rank, where string
	var rankVars, whereVars []any
	for _, w := range newSearchWords(q) {
		rank += " AND f_unaccent(name) LIKE f_unaccent(?)"
		rankVars = append(rankVars, w.like)
		where += " AND (f_unaccent(name) LIKE f_unaccent(?) OR to_tsvector('lamtheobac_unaccent', learning_content) @@ to_tsquery('lamtheobac_unaccent', ?))"
		whereVars = append(whereVars, w.like, w.words)
	}
	sql += rank + fmt.Sprintf(" THEN %d ELSE %d END AS rank FROM models WHERE ", rankName, rankContent) + place + where +
		" ORDER BY rank, id DESC"
	var out []ranked
	args := append(append(rankVars, vars...), whereVars...)
	if err := st.gdb.Raw(sql, args...).Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPrefixQuery: a typed word becomes word prefixes of its letters and digits only, so that
// nothing typed is read as a to_tsquery operator, and decomposed diacritics stay in their word.
func TestPrefixQuery(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"tiết", "tiết:*"},
		{"50%_giảm", "50:* & giảm:*"},
		{"a&b|!c", "a:* & b:* & c:*"},
		{"'x':*", "x:*"},
		{"%", ""},
		{"La\u0300m", "Làm:*"},
	} {
		if got := prefixQuery(c.in); got != c.want {
			t.Errorf("prefixQuery(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestLongContentIsStoredAndFound: a model's content of several KB (up to the importer's 20,000
// characters a cell) is stored — with the content in the covering btree it failed ("index row
// requires 9952 bytes, maximum size is 8191") — and is found by a word of its end.
func TestLongContentIsStoredAndFound(t *testing.T) {
	t.Parallel()
	st, db := openTest(t)
	bloc := uuid.New()
	path := bloc.String() + "/"
	if _, err := db.Exec(`INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path) VALUES ($1, 'bloc', 'LB', 'Khối', NULL, $1, $2)`, bloc, path); err != nil {
		t.Fatal(err)
	}
	id := uuid.New()
	_, err := db.Exec(`INSERT INTO models (id, unit_id, unit_path, bloc_id, name, year, category, implementer_kind, implementer_name,
			learning_content, status)
		VALUES ($1, $2, $3, $2, 'Sổ tay', 2025, 'other', 'unit', 'Toàn khối',
			(SELECT string_agg(md5(g::text), ' ') FROM generate_series(1, 600) g) || ' Tiết kiệm điện.', 'registered')`, id, bloc, path)
	if err != nil {
		t.Fatalf("a content of 20 KB: %v", err)
	}
	indexBloc(t, st, db, bloc)
	items, _, err := st.ListModels(context.Background(), model.Filter{UnitPath: path, Q: "tiet kiem dien", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].ID != id {
		t.Fatalf("found %d models", len(items))
	}
}

// indexBloc queues the models of a bloc written by SQL, as an import queues its models, and
// runs the search indexer until the queue is empty.
func indexBloc(t *testing.T, st *Store, db *sql.DB, bloc uuid.UUID) {
	t.Helper()
	if _, err := db.Exec("INSERT INTO model_search_queue (model_id) SELECT id FROM models WHERE bloc_id = $1 ON CONFLICT DO NOTHING", bloc); err != nil {
		t.Fatal(err)
	}
	drainSearchQueue(t, st)
}

// drainSearchQueue runs the search indexer until it finds nothing queued.
func drainSearchQueue(t *testing.T, st *Store) {
	t.Helper()
	for {
		n, err := st.IndexQueuedModels(context.Background(), 100)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}
