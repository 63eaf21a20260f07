package httpapi_test

import (
	"net/http"
	"testing"
)

// TestReadsAreOneStatement: once the instance listens (token epochs and the publication
// version in memory), reading one record by id is one statement to the database: a model (with
// its evaluations), a nomination, a standard, a submitted report (with its round's dates).
func TestReadsAreOneStatement(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	heard := listen(t, e)
	heard.listening(t)
	db, err := e.store.SQL()
	if err != nil {
		t.Fatal(err)
	}
	first := func(q string) string {
		var id string
		if err := db.QueryRow(q).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	paths := map[string]string{
		"model":      "/api/v1/models/" + first("SELECT m.id FROM models m WHERE EXISTS (SELECT 1 FROM model_evaluations e WHERE e.model_id = m.id) LIMIT 1"),
		"nomination": "/api/v1/nominations/" + first("SELECT id FROM nominations LIMIT 1"),
		"standard":   "/api/v1/standards/" + first("SELECT id FROM standards LIMIT 1"),
		// A submitted report's figures are frozen with it; a draft's are counted live, which
		// takes aggregate statements of their own.
		"report": "/api/v1/reports/" + first("SELECT id FROM reports WHERE figures IS NOT NULL LIMIT 1"),
	}
	queries := queryCounter(t, e)
	for name, path := range paths {
		e.must(http.StatusOK, req{Method: "GET", Path: path, User: "admin"}) // the token's epoch is now in memory
		before := queries.Load()
		e.must(http.StatusOK, req{Method: "GET", Path: path, User: "admin"})
		if n := queries.Load() - before; n != 1 {
			t.Errorf("GET %s: %d statements, want 1", name, n)
		}
	}
}
