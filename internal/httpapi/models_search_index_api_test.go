package httpapi_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"lamtheobac/internal/importer"
)

// TestImportedContentIsSearchableOnceIndexed: models imported in bulk are queued for the
// search index rather than indexed by their COPY (migration 0025); the service's indexer,
// started with the import workers, indexes them after the job commits, and their content is
// then found, ranked after name matches as always. A PATCH of a content is found at once.
func TestImportedContentIsSearchableOnceIndexed(t *testing.T) {
	t.Parallel()
	indexed := make(chan int, 100)
	e := newImportEnv(t, importer.Options{AfterIndex: func(n int) {
		select {
		case indexed <- n:
		default:
		}
	}})
	data := csvOf(",", []string{"unit_code", "year", "name", "implementer", "category", "learning_content"},
		[]string{"DU-SCT", "2025", "IX Sổ tay dân vận", "Đơn vị", "other", "Đồng hành cùng bà con vùng xương rồng."},
		[]string{"DU-SCT", "2025", "IX Xương rồng xanh", "Đơn vị", "other", "Trồng cây ven đường."},
	)
	j := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "ix.csv", data: data})
	if j.State != "succeeded" || j.CreatedCount != 2 {
		t.Fatalf("import: %+v", j)
	}
	search := func(q string) []string {
		var l mdlList
		e.must(http.StatusOK, req{Method: "GET", Path: e.mdlUnitPath("DU-SCT", "models") + "?scope=subtree&q=" + url.QueryEscape(q),
			User: "committee.officer"}).Decode(t, &l)
		var names []string
		for _, m := range l.Items {
			names = append(names, m.Name)
		}
		return names
	}
	// The indexer was woken by the commit: once it has found the queue empty, both are found,
	// the name match first.
	deadline := time.After(time.Minute)
	for e.count("model_search_queue", "") > 0 {
		select {
		case <-indexed:
		case <-deadline:
			t.Fatal("the indexer left models queued for a minute")
		case <-time.After(50 * time.Millisecond):
		}
	}
	if got := search("xuong rong"); len(got) != 2 || got[0] != "IX Xương rồng xanh" || got[1] != "IX Sổ tay dân vận" {
		t.Fatalf("after indexing: %q, want the name match then the content match", got)
	}
	if n := e.count("model_search", "model_id IN (SELECT id FROM models WHERE name LIKE 'IX %')"); n != 2 {
		t.Fatalf("%d imported models indexed, want 2", n)
	}

	// A PATCH of the content: the new words are found at once, the old ones no longer.
	m := e.mdlCreate(mdlOfficer, "DU-SCT", map[string]any{"name": "IX Mô hình sửa", "year": 2025, "category": "other",
		"implementer": map[string]any{"kind": "unit", "name": "Toàn đảng ủy"}, "learning_content": "Nuôi cá rô đồng."})
	if got := search("ca ro dong"); len(got) != 1 || got[0] != "IX Mô hình sửa" {
		t.Fatalf("a created model by its content: %q", got)
	}
	e.must(http.StatusOK, req{Method: "PATCH", Path: mdlPath(m.ID), User: mdlOfficer, Header: ifMatch(1),
		Body: map[string]any{"learning_content": "Trồng nấm rơm."}})
	if got := search("nam rom"); len(got) != 1 || got[0] != "IX Mô hình sửa" {
		t.Fatalf("a patched model by its new content: %q", got)
	}
	if got := search("ca ro dong"); len(got) != 0 {
		t.Fatalf("a patched model by its old content: %q", got)
	}
}
