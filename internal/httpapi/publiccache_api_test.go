package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
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

// TestPublicAnswersGzip: a repeated public GET from a client that accepts gzip is answered with
// the answer's gzip copy (Content-Encoding, Vary, an entity tag of its own) that decompresses to
// the very bytes a client without gzip gets, from memory; either tag revalidates to a 304; a
// client that refuses gzip (q=0) gets the plain bytes.
func TestPublicAnswersGzip(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	queries := queryCounter(t, e)
	heard := listen(t, e)
	heard.listening(t)
	gz := map[string]string{"Accept-Encoding": "gzip, deflate, br"}
	zipped := 0
	for _, path := range []string{publicFeed, "/public/models", "/public/exemplars?year=2024"} {
		plain := e.must(http.StatusOK, req{Method: "GET", Path: path, Header: gz}) // rendered, not from memory: plain
		if plain.Header.Get("Content-Encoding") != "" || !strings.Contains(plain.Header.Get("Vary"), "Accept-Encoding") {
			t.Fatalf("%s first answer: %v", path, plain.Header)
		}
		before := queries.Load()
		got := e.must(http.StatusOK, req{Method: "GET", Path: path, Header: gz})
		if n := queries.Load() - before; n != 0 {
			t.Fatalf("%s repeated: %d queries", path, n)
		}
		if len(plain.Body) < 64 { // too small to gain from gzip: kept plain only
			if got.Header.Get("Content-Encoding") != "" || !bytes.Equal(got.Body, plain.Body) {
				t.Fatalf("%s (%d bytes) gzip answer: %v", path, len(plain.Body), got.Header)
			}
			continue
		}
		zipped++
		tag := got.Header.Get("ETag")
		if got.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(got.Header.Get("Vary"), "Accept-Encoding") ||
			tag == plain.Header.Get("ETag") || got.Header.Get("Content-Length") != strconv.Itoa(len(got.Body)) {
			t.Fatalf("%s gzip answer: %v", path, got.Header)
		}
		zr, err := gzip.NewReader(bytes.NewReader(got.Body))
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(body, plain.Body) {
			t.Fatalf("%s: the gzip copy is not the answer (%v)", path, err)
		}
		if len(got.Body) >= len(plain.Body) {
			t.Errorf("%s: gzip %d bytes, plain %d", path, len(got.Body), len(plain.Body))
		}
		for _, old := range []string{tag, plain.Header.Get("ETag")} {
			nm := e.do(req{Method: "GET", Path: path, Header: map[string]string{"If-None-Match": old, "Accept-Encoding": "gzip"}})
			if nm.Status != http.StatusNotModified || nm.Header.Get("ETag") != old {
				t.Fatalf("%s If-None-Match %s: %d %v", path, old, nm.Status, nm.Header)
			}
		}
		for _, refuse := range []string{"gzip;q=0, identity", "identity", ""} {
			got := e.must(http.StatusOK, req{Method: "GET", Path: path, Header: map[string]string{"Accept-Encoding": refuse}})
			if got.Header.Get("Content-Encoding") != "" || !bytes.Equal(got.Body, plain.Body) || got.Header.Get("ETag") != plain.Header.Get("ETag") {
				t.Fatalf("%s with Accept-Encoding %q: %v", path, refuse, got.Header)
			}
		}
	}
	if zipped == 0 {
		t.Fatal("no public answer was large enough to be compressed")
	}
}

// TestPublicAnswerFromMemoryKeepsTheChecks: an answer kept in memory is served ahead of
// authentication and validation, yet a request carrying a bad token is still 401, one with a
// body still goes through the chain (which ignores a GET's body), a request the validator refuses is still refused, and the kept
// answer still carries the request id and the security headers of the chain before it.
func TestPublicAnswerFromMemoryKeepsTheChecks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	first := e.must(http.StatusOK, req{Method: "GET", Path: publicFeed})
	again := e.must(http.StatusOK, req{Method: "GET", Path: publicFeed})
	if !bytes.Equal(first.Body, again.Body) || again.Header.Get("X-Request-Id") == "" || again.Header.Get("X-Content-Type-Options") != "nosniff" ||
		again.Header.Get("Vary") != "Accept-Encoding" || again.Header.Get("ETag") != first.Header.Get("ETag") {
		t.Fatalf("the kept answer lost headers: %v", again.Header)
	}
	e.must(http.StatusUnauthorized, req{Method: "GET", Path: publicFeed, Header: map[string]string{"Authorization": "Bearer not-a-token"}})
	// A body, even an oversized one, takes the whole chain, where a GET's body is never read:
	// the same answer as without one.
	hr := httptest.NewRequest(http.MethodGet, publicFeed, strings.NewReader(strings.Repeat("x", 2<<20)))
	if got := e.serve(hr); got.Status != http.StatusOK || !bytes.Equal(got.Body, first.Body) {
		t.Fatalf("a GET with an oversized body: %d, want the feed as without one", got.Status)
	}
	// A list's answer is kept for its query; the same list with a bad filter is the validator's.
	e.must(http.StatusOK, req{Method: "GET", Path: "/public/exemplars?year=2024"})
	e.must(http.StatusOK, req{Method: "GET", Path: "/public/exemplars?year=2024"})
	e.must(http.StatusBadRequest, req{Method: "GET", Path: "/public/exemplars?year=abc"})
	// If-None-Match on the kept answer is a 304 with its tag.
	r := e.do(req{Method: "GET", Path: publicFeed, Header: map[string]string{"If-None-Match": again.Header.Get("ETag")}})
	if r.Status != http.StatusNotModified || r.Header.Get("ETag") != again.Header.Get("ETag") {
		t.Fatalf("revalidation of the kept answer: %d %v", r.Status, r.Header)
	}
}
