package httpapi_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"lamtheobac/internal/app"
)

// strictProblem is problem plus the conventions every 4xx/5xx in these tests must keep: a
// request_id that matches the X-Request-Id header, and the security headers. An empty code
// accepts any non-empty code.
func strictProblem(t *testing.T, got resp, status int, code string) map[string]any {
	t.Helper()
	if code == "" {
		if got.Status != status {
			t.Fatalf("status %d, want %d\n%s", got.Status, status, got.Body)
		}
		c, _ := got.JSON(t)["code"].(string)
		if c == "" {
			t.Fatalf("problem without a code: %s", got.Body)
		}
		code = c
	}
	p := problem(t, got, status, code)
	rid, _ := p["request_id"].(string)
	if rid == "" {
		t.Fatalf("problem without request_id: %s", got.Body)
	}
	if h := got.Header.Get("X-Request-Id"); h != rid {
		t.Fatalf("request_id %q, X-Request-Id header %q", rid, h)
	}
	opsSecurityHeaders(t, got)
	return p
}

// opsSecurityHeaders asserts the headers every API answer carries.
func opsSecurityHeaders(t *testing.T, got resp) {
	t.Helper()
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"} {
		if v := got.Header.Get(k); v != want {
			t.Fatalf("%s = %q, want %q", k, v, want)
		}
	}
	if got.Header.Get("X-Request-Id") == "" {
		t.Fatal("no X-Request-Id header")
	}
}

func TestOpsHealthAndReadiness(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	got := e.must(http.StatusOK, req{Method: "GET", Path: "/healthz"})
	if b := got.JSON(t); b["status"] != "ok" {
		t.Fatalf("healthz: %s", got.Body)
	}
	if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("healthz content type %q", ct)
	}
	opsSecurityHeaders(t, got)

	got = e.must(http.StatusOK, req{Method: "GET", Path: "/readyz"})
	var ready struct {
		Status string
		Checks map[string]string
	}
	got.Decode(t, &ready)
	if ready.Status != "ok" || ready.Checks["database"] != "ok" || ready.Checks["migrations"] != "current" {
		t.Fatalf("readyz: %s", got.Body)
	}
}

func TestOpsMetrics(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	e.must(http.StatusOK, req{Method: "GET", Path: "/healthz"})
	e.do(req{Method: "GET", Path: "/api/v1/blocs/" + e.units["KHOI-CQDN"].String(), User: "bloc.officer"})
	e.do(req{Method: "GET", Path: "/no/such/thing"})
	// The API's listener has no /metrics: the metrics are served on METRICS_ADDR only.
	problem(t, e.do(req{Method: "GET", Path: "/metrics"}), http.StatusNotFound, "not_found")
	w := httptest.NewRecorder()
	e.app.Metrics.ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	got := resp{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}
	if got.Status != http.StatusOK {
		t.Fatalf("metrics: status %d", got.Status)
	}
	if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Fatalf("metrics content type %q", ct)
	}
	body := string(got.Body)
	for _, want := range []string{
		"http_requests_total",
		`http_requests_total{method="GET",route="/healthz",status="200"} 1`,
		"http_request_duration_seconds_bucket",
		"go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	// Routes are labelled by pattern, never by the ids in the path.
	if strings.Contains(body, e.units["KHOI-CQDN"].String()) {
		t.Error("a unit id leaked into a metric label")
	}
	if strings.Contains(body, "/no/such/thing") {
		t.Error("an unmatched path became a metric label")
	}
}

func TestOpsSpecAndDocs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	got := e.must(http.StatusOK, req{Method: "GET", Path: "/openapi.yaml"})
	if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/yaml") {
		t.Fatalf("openapi.yaml content type %q", ct)
	}
	if !strings.HasPrefix(string(got.Body), "openapi: 3.0.3") {
		t.Fatalf("openapi.yaml starts with %q", string(got.Body[:min(40, len(got.Body))]))
	}
	if !strings.Contains(string(got.Body), "/api/v1/auth/login:") {
		t.Fatal("served spec lacks the login path")
	}

	// /docs redirects to the page; the page is HTML whose assets are served from the binary.
	redir := e.do(req{Method: "GET", Path: "/docs"})
	if redir.Status != http.StatusMovedPermanently || redir.Header.Get("Location") != "/docs/" {
		t.Fatalf("/docs: %d Location %q", redir.Status, redir.Header.Get("Location"))
	}
	page := e.must(http.StatusOK, req{Method: "GET", Path: "/docs/"})
	if ct := page.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("docs content type %q", ct)
	}
	html := string(page.Body)
	if !strings.Contains(html, "/openapi.yaml") {
		t.Error("the docs page does not load /openapi.yaml")
	}
	assets := regexp.MustCompile(`(?:src|href)="([^"]+\.(?:js|css))"`).FindAllStringSubmatch(html, -1)
	if len(assets) == 0 {
		t.Fatalf("no script or stylesheet referenced by the docs page:\n%s", html)
	}
	for _, m := range assets {
		u := m[1]
		if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "//") {
			t.Errorf("docs asset %q is loaded from the network, not embedded", u)
			continue
		}
		if !strings.HasPrefix(u, "/") {
			u = "/docs/" + strings.TrimPrefix(u, "./")
		}
		a := e.do(req{Method: "GET", Path: u})
		if a.Status != http.StatusOK || len(a.Body) == 0 {
			t.Errorf("docs asset %s: %d (%d bytes)", u, a.Status, len(a.Body))
		}
	}
}

func TestOpsErrorsAreProblems(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	strictProblem(t, e.do(req{Method: "GET", Path: "/no/such/route"}), http.StatusNotFound, "not_found")
	strictProblem(t, e.do(req{Method: "GET", Path: "/api/v1/no-such-collection", User: "admin"}), http.StatusNotFound, "not_found")
	p := strictProblem(t, e.do(req{Method: "DELETE", Path: "/api/v1/blocs", User: "admin"}), http.StatusMethodNotAllowed, "method_not_allowed")
	if p["detail"] == "" {
		t.Errorf("405 without detail: %v", p)
	}
	strictProblem(t, e.do(req{Method: "PUT", Path: "/healthz"}), http.StatusMethodNotAllowed, "method_not_allowed")

	// A body over the limit is refused before anything reads it.
	big := `{"username":"member","password":"` + strings.Repeat("x", 2<<20) + `"}`
	strictProblem(t, e.do(req{Method: "POST", Path: "/api/v1/auth/login", Body: big}), http.StatusRequestEntityTooLarge, "body_too_large")
	// A body of the wrong media type.
	strictProblem(t, e.do(req{Method: "POST", Path: "/api/v1/auth/login", Body: "username=member", Content: "text/plain"}),
		http.StatusUnsupportedMediaType, "unsupported_media_type")

	// Each request gets its own id.
	a := e.do(req{Method: "GET", Path: "/no/such/route"})
	b := e.do(req{Method: "GET", Path: "/no/such/route"})
	if a.Header.Get("X-Request-Id") == b.Header.Get("X-Request-Id") {
		t.Fatal("two requests share a request id")
	}
}

func TestOpsSecurityHeadersOnAPIAnswers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	got := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me", User: "member"})
	opsSecurityHeaders(t, got)
	if csp := got.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	if cc := got.Header.Get("Cache-Control"); !strings.Contains(cc, "private") && !strings.Contains(cc, "no-store") {
		t.Errorf("an authenticated answer may be cached by shared caches: Cache-Control %q", cc)
	}
	if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("content type %q", ct)
	}
	opsSecurityHeaders(t, e.must(http.StatusOK, req{Method: "GET", Path: "/openapi.yaml"}))
	opsSecurityHeaders(t, e.must(http.StatusOK, req{Method: "GET", Path: "/docs/"}))
}

func TestOpsCORS(t *testing.T) {
	t.Parallel()
	const spa = "https://spa.example"
	preflight := func(e *env, origin string) resp {
		return e.do(req{Method: "OPTIONS", Path: "/api/v1/blocs", Header: map[string]string{
			"Origin": origin, "Access-Control-Request-Method": "POST",
			"Access-Control-Request-Headers": "authorization,content-type,idempotency-key",
		}})
	}

	t.Run("configured", func(t *testing.T) {
		t.Parallel()
		e := newEnvWith(t, app.Options{CORSOrigins: []string{spa}})

		got := preflight(e, spa)
		if got.Status >= 300 {
			t.Fatalf("preflight: %d %s", got.Status, got.Body)
		}
		if v := got.Header.Get("Access-Control-Allow-Origin"); v != spa {
			t.Fatalf("Access-Control-Allow-Origin %q, want %q", v, spa)
		}
		if m := got.Header.Get("Access-Control-Allow-Methods"); !strings.Contains(m, "POST") {
			t.Errorf("Access-Control-Allow-Methods %q", m)
		}
		if h := strings.ToLower(got.Header.Get("Access-Control-Allow-Headers")); !strings.Contains(h, "authorization") ||
			!strings.Contains(h, "idempotency-key") {
			t.Errorf("Access-Control-Allow-Headers %q", h)
		}

		// The actual request from the SPA gets the header too, and may read the request id.
		actual := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me", User: "member", Header: map[string]string{"Origin": spa}})
		if v := actual.Header.Get("Access-Control-Allow-Origin"); v != spa {
			t.Fatalf("actual request: Access-Control-Allow-Origin %q", v)
		}
		if x := strings.ToLower(actual.Header.Get("Access-Control-Expose-Headers")); !strings.Contains(x, "x-request-id") {
			t.Errorf("Access-Control-Expose-Headers %q", x)
		}

		// An origin that is not listed gets nothing.
		for _, r := range []resp{
			preflight(e, "https://evil.example"),
			e.do(req{Method: "GET", Path: "/api/v1/me", User: "member", Header: map[string]string{"Origin": "https://evil.example"}}),
		} {
			if v := r.Header.Get("Access-Control-Allow-Origin"); v != "" {
				t.Fatalf("unlisted origin got Access-Control-Allow-Origin %q", v)
			}
		}
	})

	t.Run("unconfigured", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		for _, r := range []resp{
			preflight(e, spa),
			e.do(req{Method: "GET", Path: "/api/v1/me", User: "member", Header: map[string]string{"Origin": spa}}),
		} {
			if v := r.Header.Get("Access-Control-Allow-Origin"); v != "" {
				t.Fatalf("no origins configured, yet Access-Control-Allow-Origin %q", v)
			}
		}
	})
}

func TestOpsInternalErrorsDoNotLeak(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tok := e.token("member") // minted before the database goes away

	// A bug (here: a table the code expects is gone) is a bare 500.
	db, err := e.store.SQL()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("ALTER TABLE users RENAME TO users_gone"); err != nil {
		t.Fatal(err)
	}
	// Sent past the contract check: a bug's 500 is the one answer no operation declares.
	hr := httptest.NewRequest("GET", "/api/v1/me", nil)
	hr.Header.Set("Authorization", "Bearer "+tok)
	w := httptest.NewRecorder()
	e.app.Router.ServeHTTP(w, hr)
	bug := resp{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}
	strictProblem(t, bug, http.StatusInternalServerError, "internal")

	// Lose the database (the pool closed under the service): readiness says so without
	// details, and a request that needs the database is a bare 503 database_unavailable (an
	// outage, not a bug: item 12 of "Hardening"), telling nothing of the cause either.
	if err := e.store.Close(); err != nil {
		t.Fatal(err)
	}
	ready := e.do(req{Method: "GET", Path: "/readyz"})
	strictProblem(t, ready, http.StatusServiceUnavailable, "database_unreachable")

	got := e.do(req{Method: "GET", Path: "/api/v1/me", Header: map[string]string{"Authorization": "Bearer " + tok}})
	p := strictProblem(t, got, http.StatusServiceUnavailable, "database_unavailable")
	for _, r := range []resp{bug, ready, got} {
		// The request id is random letters (it once held "sQl"): look at everything else.
		var body map[string]any
		r.Decode(t, &body)
		delete(body, "request_id")
		low := strings.ToLower(jsonString(body))
		for _, leak := range []string{"sql", "closed", "postgres", "gorm", "pgx", ".go:", "goroutine", "users_gone", "relation"} {
			if strings.Contains(low, leak) {
				t.Errorf("error answer leaks %q: %s", leak, r.Body)
			}
		}
	}
	if p["errors"] != nil || bug.JSON(t)["errors"] != nil {
		t.Errorf("a problem carries field errors: %s %s", bug.Body, got.Body)
	}
}

// TestRequestIDFromClientIsSanitized: a client may pass its own request id (kept, so logs can be
// joined across systems), but not one that could pollute logs and the audit trail.
func TestRequestIDFromClientIsSanitized(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	kept := e.do(req{Method: "GET", Path: "/healthz", Header: map[string]string{"X-Request-Id": "portal-42.abc"}})
	if got := kept.Header.Get("X-Request-Id"); got != "portal-42.abc" {
		t.Fatalf("a well-formed id was not kept: %q", got)
	}
	bad := "x\" injected=1 " + strings.Repeat("y", 100)
	replaced := e.do(req{Method: "GET", Path: "/healthz", Header: map[string]string{"X-Request-Id": bad}})
	if got := replaced.Header.Get("X-Request-Id"); got == bad || got == "" || strings.ContainsAny(got, "\" =") {
		t.Fatalf("a malformed id was not replaced: %q", got)
	}
}

// TestParameterErrorsNameTheParameter: malformed path and query parameters are 400 validation
// problems whose errors[] names the parameter, never a Go type.
func TestParameterErrorsNameTheParameter(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cases := []struct{ path, field string }{
		{"/api/v1/units/42", "/unitId"},
		{"/api/v1/blocs?limit=500", "/limit"},
		{"/api/v1/blocs?limit=abc", "/limit"},
		{"/api/v1/users?unit_id=x", "/unit_id"},
	}
	for _, c := range cases {
		p := problem(t, e.do(req{Method: "GET", Path: c.path, User: "admin"}), 400, "validation")
		errs, _ := p["errors"].([]any)
		if len(errs) == 0 || errs[0].(map[string]any)["field"] != c.field {
			t.Errorf("%s: errors %v, want field %s", c.path, p["errors"], c.field)
		}
		if strings.Contains(fmt.Sprint(p), "uuid.UUID") {
			t.Errorf("%s: problem leaks a Go type: %v", c.path, p)
		}
	}
}
