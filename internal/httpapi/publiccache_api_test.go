package httpapi_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"lamtheobac/internal/app"
	"lamtheobac/internal/httpapi"
	"lamtheobac/internal/store"
)

// TestPublicAnswersFromMemory: a repeated public GET without If-None-Match is answered from
// memory with no query, byte for byte what was rendered; a publication renders it again.
func TestPublicAnswersFromMemory(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	queries := queryCounter(t, e)
	heard := listen(t, e)
	heard.listening(t)

	for _, path := range []string{publicFeed, "/public/models", "/public/exemplars?year=2024", "/public/standards"} {
		first := e.must(http.StatusOK, req{Method: "GET", Path: path})
		before := queries.Load()
		again := e.must(http.StatusOK, req{Method: "GET", Path: path})
		if n := queries.Load() - before; n != 0 {
			t.Fatalf("%s repeated: %d queries, want none", path, n)
		}
		if !bytes.Equal(first.Body, again.Body) || again.Header.Get("ETag") != first.Header.Get("ETag") ||
			again.Header.Get("Content-Type") != first.Header.Get("Content-Type") || again.Header.Get("Cache-Control") != "public, max-age=300" {
			t.Fatalf("%s from memory differs: %v vs %v", path, again.Header, first.Header)
		}
	}

	// Publishing and withdrawing a model are new versions: each next answer is rendered again.
	db, err := e.store.SQL()
	if err != nil {
		t.Fatal(err)
	}
	var model string
	if err := db.QueryRow("SELECT id FROM models WHERE status IN ('approved', 'in_progress', 'completed') ORDER BY id LIMIT 1").Scan(&model); err != nil {
		t.Fatal(err)
	}
	publish := func(published bool) {
		n := heard.count(store.PublicationChannel)
		e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + model + "/publication", User: "admin", Body: map[string]any{"published": published}})
		heard.after(t, store.PublicationChannel, n)
	}
	publish(true)
	before := e.must(http.StatusOK, req{Method: "GET", Path: "/public/models"})
	if !bytes.Contains(before.Body, []byte(model)) {
		t.Fatal("the published model is not listed")
	}
	publish(false)
	after := e.must(http.StatusOK, req{Method: "GET", Path: "/public/models"})
	if bytes.Contains(after.Body, []byte(model)) || after.Header.Get("ETag") == before.Header.Get("ETag") {
		t.Fatal("a withdrawn model is still served from memory")
	}
}

// TestPublicRateLimit: an address that keeps asking for answers not in memory is refused with
// 429, Retry-After and a problem; what is in memory stays served to it, and other addresses are
// not affected.
func TestPublicRateLimit(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, app.Options{PublicLimits: httpapi.PublicLimits{Rate: 0.01, Burst: 3}})
	from := func(addr, path string) resp {
		hr := httptest.NewRequest(http.MethodGet, path, nil)
		hr.RemoteAddr = addr + ":40000"
		return e.serve(hr)
	}
	const attacker, portal = "203.0.113.7", "198.51.100.2"
	for year := 2021; year < 2024; year++ { // the burst: three different lists
		if got := from(attacker, "/public/models?year="+strconv.Itoa(year)); got.Status != http.StatusOK {
			t.Fatalf("within the burst: %d", got.Status)
		}
	}
	refused := from(attacker, "/public/models?year=2024")
	if refused.Status != http.StatusTooManyRequests || refused.Header.Get("Retry-After") == "" ||
		refused.Header.Get("Content-Type") != "application/problem+json" || !bytes.Contains(refused.Body, []byte(`"rate_limited"`)) {
		t.Fatalf("past the burst: %d %v %s", refused.Status, refused.Header, refused.Body)
	}
	if got := from(attacker, "/public/models?year=2021"); got.Status != http.StatusOK {
		t.Fatalf("an answer in memory was refused: %d", got.Status)
	}
	if got := from(portal, "/public/models?year=2024"); got.Status != http.StatusOK {
		t.Fatalf("another address was limited: %d", got.Status)
	}
}
