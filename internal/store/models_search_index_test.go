package store

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"github.com/google/uuid"

	"lamtheobac/internal/model"
)

// TestQueuedContentIsFoundOnceIndexed: a model written in bulk (queued, as an import queues
// its models) is found by its name at once but by its content only once the indexer ran; the
// indexer is idempotent (a model queued again is indexed again, from its content as it is
// now) and drops the ids of models deleted meanwhile. A model created or updated one at a time
// is found by its new content at once, and no longer by its old one.
func TestQueuedContentIsFoundOnceIndexed(t *testing.T) {
	t.Parallel()
	st, db := openTest(t)
	ctx := context.Background()
	bloc := uuid.New()
	path := bloc.String() + "/"
	if _, err := db.Exec(`INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path) VALUES ($1, 'bloc', 'QB', 'Khối', NULL, $1, $2)`, bloc, path); err != nil {
		t.Fatal(err)
	}
	imported, gone := uuid.New(), uuid.New()
	for _, id := range []uuid.UUID{imported, gone} {
		if _, err := db.Exec(`INSERT INTO models (id, unit_id, unit_path, bloc_id, name, year, category, implementer_kind, implementer_name,
				learning_content, status) VALUES ($1, $2, $3, $2, 'Sổ tay đoàn viên', 2025, 'other', 'unit', 'Toàn khối', 'Thực hành tiết kiệm điện nước.', 'draft')`,
			id, bloc, path); err != nil {
			t.Fatal(err)
		}
		queue(t, db, id)
	}
	search := func(q string) []uuid.UUID {
		t.Helper()
		items, _, err := st.ListModels(ctx, model.Filter{UnitPath: path, Q: q, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var out []uuid.UUID
		for _, m := range items {
			out = append(out, m.ID)
		}
		return out
	}
	if got := search("so tay"); len(got) != 2 {
		t.Fatalf("by name before indexing: %d models, want 2 (names are indexed on models)", len(got))
	}
	if got := search("tiet kiem"); len(got) != 0 {
		t.Fatalf("by content before indexing: %d models, want none yet", len(got))
	}
	if _, err := db.Exec("DELETE FROM models WHERE id = $1", gone); err != nil {
		t.Fatal(err)
	}
	drainSearchQueue(t, st)
	if got := search("tiet kiem"); !slices.Equal(got, []uuid.UUID{imported}) {
		t.Fatalf("by content once indexed: %v, want %v", got, imported)
	}
	var queued int
	if err := db.QueryRow("SELECT count(*) FROM model_search_queue WHERE model_id IN ($1, $2)", imported, gone).Scan(&queued); err != nil || queued != 0 {
		t.Fatalf("%d ids left in the queue (%v), want none: the deleted model's is dropped", queued, err)
	}
	// Queued again after its content changed by SQL: indexed again, from the new content.
	if _, err := db.Exec(`UPDATE models SET learning_content = 'Giữ gìn vệ sinh môi trường.' WHERE id = $1`, imported); err != nil {
		t.Fatal(err)
	}
	queue(t, db, imported)
	drainSearchQueue(t, st)
	if got := search("tiet kiem"); len(got) != 0 {
		t.Fatalf("the old content is still found after indexing again: %v", got)
	}
	if got := search("ve sinh"); !slices.Equal(got, []uuid.UUID{imported}) {
		t.Fatalf("the new content: %v", got)
	}

	// One at a time: found by content at once, without the indexer.
	m, err := st.GetModel(ctx, imported, false)
	if err != nil {
		t.Fatal(err)
	}
	created := m
	created.ID, created.Name, created.LearningContent, created.Version = uuid.New(), "Mô hình mới", "Đọc sách mỗi tối.", 1
	if err := st.CreateModel(ctx, created); err != nil {
		t.Fatal(err)
	}
	if got := search("doc sach"); !slices.Equal(got, []uuid.UUID{created.ID}) {
		t.Fatalf("a created model by content: %v", got)
	}
	m.LearningContent = "Trồng cây xanh quanh trụ sở."
	if err := st.UpdateModel(ctx, m); err != nil {
		t.Fatal(err)
	}
	if got := search("trong cay"); !slices.Equal(got, []uuid.UUID{imported}) {
		t.Fatalf("an updated model by its new content: %v", got)
	}
	if got := search("ve sinh"); len(got) != 0 {
		t.Fatalf("an updated model by its old content: %v", got)
	}
}

// queue queues a model for the search indexer, as an import does.
func queue(t *testing.T, db *sql.DB, id uuid.UUID) {
	t.Helper()
	if _, err := db.Exec("INSERT INTO model_search_queue (model_id) VALUES ($1)", id); err != nil {
		t.Fatal(err)
	}
}
