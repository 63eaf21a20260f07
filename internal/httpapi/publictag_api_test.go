package httpapi_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
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

// eventually retries check until it holds or two seconds pass (a NOTIFY reaches the listener
// shortly after the commit, not with it).
func eventually(t *testing.T, what string, check func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); !check(); {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestPublicRevalidationWithoutDatabase: while an instance listens for publication changes, a
// portal revalidating with the ETag it holds gets 304 with no query at all; publishing anything
// makes the old tag stale at once; and when the listener is gone, answers read the database
// again instead of trusting memory.
func TestPublicRevalidationWithoutDatabase(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	queries := queryCounter(t, e)
	ctx, stopListening := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		e.app.Listener.Run(ctx, func(err error) { t.Errorf("listener: %v", err) })
		close(done)
	}()
	t.Cleanup(func() { stopListening(); <-done })

	first := e.must(http.StatusOK, req{Method: "GET", Path: publicFeed})
	tag := first.Header.Get("ETag")
	if tag == "" || first.Header.Get("Cache-Control") != "public, max-age=300" {
		t.Fatalf("feed headers: %v", first.Header)
	}
	revalidate := func(tag string) resp {
		return e.do(req{Method: "GET", Path: publicFeed, Header: map[string]string{"If-None-Match": tag}})
	}
	// Once the listener is up and the version cached, a revalidation costs no query.
	eventually(t, "a 304 without a query", func() bool {
		before := queries.Load()
		got := revalidate(tag)
		return got.Status == http.StatusNotModified && queries.Load() == before
	})
	if got := revalidate(tag); got.Status != http.StatusNotModified || got.Header.Get("ETag") != tag || len(got.Body) != 0 {
		t.Fatalf("revalidation: %d %v %q", got.Status, got.Header, got.Body)
	}
	// Every public list shares the version: a models list revalidates the same way.
	models := e.must(http.StatusOK, req{Method: "GET", Path: "/public/models"})
	before := queries.Load()
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
		e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + model + "/publication", User: "admin", Body: map[string]any{"published": published}})
		eventually(t, "the old tag goes stale", func() bool { return revalidate(tag).Status == http.StatusOK })
		fresh := revalidate(tag)
		if fresh.Header.Get("ETag") == tag || fresh.Header.Get("ETag") == "" {
			t.Fatalf("after publishing=%v the tag stayed %s", published, tag)
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
	stopListening()
	<-done
	before = queries.Load()
	if got := revalidate(tag); got.Status != http.StatusNotModified || queries.Load() == before {
		t.Fatalf("without a listener: %d after %d queries", got.Status, queries.Load()-before)
	}
}
