package httpapi_test

import (
	"net/http"
	"sync/atomic"
	"testing"

	"lamtheobac/internal/store"
)

// publicFeed is the route the portal polls.
const publicFeed = "/public/feed.atom"

// queryCounter counts the statements the store runs.
func queryCounter(t *testing.T, e *env) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	if err := e.store.OnStatement(func(string, []any) { n.Add(1) }); err != nil {
		t.Fatal(err)
	}
	return &n
}

// TestPublicRevalidationWithoutDatabase: while an instance listens for publication changes, a
// portal revalidating with the ETag it holds gets 304 with no query at all; publishing anything
// makes the old tag stale at once; and when the listener is gone, answers read the database
// again instead of trusting memory.
func TestPublicRevalidationWithoutDatabase(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	queries := queryCounter(t, e)
	heard := listen(t, e)

	first := e.must(http.StatusOK, req{Method: "GET", Path: publicFeed})
	tag := first.Header.Get("ETag")
	if tag == "" || first.Header.Get("Cache-Control") != "public, max-age=300" {
		t.Fatalf("feed headers: %v", first.Header)
	}
	revalidate := func(tag string) resp {
		return e.do(req{Method: "GET", Path: publicFeed, Header: map[string]string{"If-None-Match": tag}})
	}
	// Once the listener is up and the version cached (by the first revalidation after), a
	// revalidation costs no query.
	heard.listening(t)
	revalidate(tag)
	before := queries.Load()
	if got := revalidate(tag); got.Status != http.StatusNotModified || queries.Load() != before {
		t.Fatalf("revalidation from memory: %d after %d queries", got.Status, queries.Load()-before)
	}
	if got := revalidate(tag); got.Status != http.StatusNotModified || got.Header.Get("ETag") != tag || len(got.Body) != 0 {
		t.Fatalf("revalidation: %d %v %q", got.Status, got.Header, got.Body)
	}
	// Every public list shares the version: a models list revalidates the same way.
	models := e.must(http.StatusOK, req{Method: "GET", Path: "/public/models"})
	before = queries.Load()
	if got := e.do(req{Method: "GET", Path: "/public/models", Header: map[string]string{"If-None-Match": models.Header.Get("ETag")}}); got.Status != http.StatusNotModified || queries.Load() != before {
		t.Fatalf("models revalidation: %d, %d queries", got.Status, queries.Load()-before)
	}

	// Publishing (here: withdrawing and republishing a model) makes the held tag stale.
	var model string
	db, err := e.store.SQL()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT id FROM models WHERE status IN ('approved', 'in_progress', 'completed') ORDER BY id LIMIT 1").Scan(&model); err != nil {
		t.Fatal(err)
	}
	for _, published := range []bool{true, false} {
		n := heard.count(store.PublicationChannel)
		e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + model + "/publication", User: "admin", Body: map[string]any{"published": published}})
		heard.after(t, store.PublicationChannel, n)
		fresh := revalidate(tag)
		if fresh.Status != http.StatusOK || fresh.Header.Get("ETag") == tag || fresh.Header.Get("ETag") == "" {
			t.Fatalf("after publishing=%v: %d, tag %q (was %s)", published, fresh.Status, fresh.Header.Get("ETag"), tag)
		}
		tag = fresh.Header.Get("ETag")
	}
	// An edit of a draft changes nothing public: the tag holds.
	if _, err := db.Exec("UPDATE models SET name = name || '.' WHERE published_at IS NULL AND status = 'draft'"); err != nil {
		t.Fatal(err)
	}
	if got := revalidate(tag); got.Status != http.StatusNotModified {
		t.Fatalf("a draft edit made the public tag stale: %d", got.Status)
	}

	// Without the listener nothing is trusted from memory: the version is read again each time.
	heard.stop()
	before = queries.Load()
	if got := revalidate(tag); got.Status != http.StatusNotModified || queries.Load() == before {
		t.Fatalf("without a listener: %d after %d queries", got.Status, queries.Load()-before)
	}
}
