package httpapi_test

import (
	"net/http"
	"regexp"
	"sort"
	"testing"

	"lamtheobac/api"
	"lamtheobac/internal/app"
	"lamtheobac/internal/seed"
	"lamtheobac/internal/testkit"
)

// outageUnavailable asserts the answer of a request the outage stopped: 503 problem+json
// database_unavailable with a Retry-After of a few seconds.
func outageUnavailable(t *testing.T, what string, got resp) {
	t.Helper()
	if got.Status != http.StatusServiceUnavailable {
		t.Fatalf("%s during the outage: status %d, want 503\n%s", what, got.Status, got.Body)
	}
	strictProblem(t, got, http.StatusServiceUnavailable, "database_unavailable")
	if ra := got.Header.Get("Retry-After"); ra == "" || ra == "0" || len(ra) > 2 {
		t.Fatalf("%s: Retry-After %q, want a few seconds", what, ra)
	}
}

// outageCalls are requests of every kind (reads, writes with and without an Idempotency-Key,
// logins, refreshes, public reads, an upload), each to be answered 503 during the outage and
// normally once the database is back.
func outageCalls(e *env, refresh string) map[string]req {
	upload, ct := multipartBody(e.t, upload{kind: "models", name: "m.csv", data: []byte("ten_mo_hinh\nX\n")})
	return map[string]req{
		"read":            {Method: "GET", Path: "/api/v1/units/" + e.units["DU-SCT"].String(), User: "committee.officer"},
		"list":            {Method: "GET", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/models", User: "cell.secretary"},
		"me":              {Method: "GET", Path: "/api/v1/me", User: "member"},
		"write":           {Method: "POST", Path: "/api/v1/blocs", User: "admin", Body: map[string]any{"code": "OUTAGE-1", "name": "Khối thử sự cố"}},
		"idempotent":      {Method: "POST", Path: "/api/v1/blocs", User: "admin", Body: map[string]any{"code": "OUTAGE-2", "name": "Khối thử sự cố"}, Header: map[string]string{"Idempotency-Key": "outage-2"}},
		"login":           {Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"username": "member", "password": seed.DemoPassword}},
		"refresh":         {Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refresh_token": refresh}},
		"public":          {Method: "GET", Path: "/public/models"},
		"public feed":     {Method: "GET", Path: publicFeed},
		"import (upload)": {Method: "POST", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/imports", User: "cell.secretary", Body: upload, Content: ct},
	}
}

// TestDatabaseOutage cuts the service off its database (a proxy in between drops every
// connection and refuses new ones): every request that needs the database answers 503
// database_unavailable with Retry-After, never 500; every operation of the contract at least
// never answers 500; once the database is back, the same requests succeed, what was
// acknowledged before is there, and what was refused during the outage left nothing behind.
func TestDatabaseOutage(t *testing.T) {
	t.Parallel()
	url := testkit.DatabaseURL(t)
	proxy := testkit.NewProxy(t, url, true)
	e := newEnvAt(t, proxy.URL(url), app.Options{})

	// Before: an acknowledged write, a session, and tokens issued (issuing reads the database).
	bloc := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/blocs", User: "admin",
		Body: map[string]any{"code": "OUTAGE-0", "name": "Khối trước sự cố"}}).JSON(t)
	session := authLogin(t, e, "cell.secretary", seed.DemoPassword)
	for _, u := range []string{"admin", "committee.officer", "cell.secretary", "member"} {
		e.token(u)
	}

	proxy.Cut()
	calls := outageCalls(e, session.RefreshToken)
	names := make([]string, 0, len(calls))
	for name := range calls {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		outageUnavailable(t, name, e.do(calls[name]))
	}
	// /readyz said so already, with its own code.
	ready := e.do(req{Method: "GET", Path: "/readyz"})
	strictProblem(t, ready, http.StatusServiceUnavailable, "database_unreachable")
	if ready.Header.Get("Retry-After") == "" {
		t.Fatal("/readyz 503 without Retry-After")
	}
	// Every operation of the contract, called as administrator with ids that exist and an
	// empty body: whatever the answer (many are 400 for the empty body before any query), it is
	// never a 500, and a 5xx is the outage's 503.
	outageSweep(t, e)

	proxy.Restore()
	eventually(t, "the service recovers", func() bool { return e.do(req{Method: "GET", Path: "/readyz"}).Status == http.StatusOK })
	// Nothing refused during the outage was written, not even half: the idempotency key was
	// not left claimed (its retry runs, neither 409 nor a replay).
	if n := e.count("units", "code LIKE 'OUTAGE-%' AND code <> 'OUTAGE-0'"); n != 0 {
		t.Fatalf("%d units written during the outage", n)
	}
	want := map[string]int{"read": 200, "list": 200, "me": 200, "write": 201, "idempotent": 201, "login": 200, "refresh": 200,
		"public": 200, "public feed": 200, "import (upload)": 202}
	for _, name := range names {
		if got := e.do(calls[name]); got.Status != want[name] || got.Header.Get("Idempotent-Replayed") != "" {
			t.Fatalf("%s after the outage: %d, want %d\n%s", name, got.Status, want[name], got.Body)
		}
	}
	// What was acknowledged before the outage is still there.
	got := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/blocs/" + bloc["id"].(string), User: "admin"}).JSON(t)
	if got["code"] != "OUTAGE-0" {
		t.Fatalf("bloc after the outage: %v", got)
	}
}

// outageSweep calls every operation of the contract during the outage and fails on any 500,
// or on a 5xx that is not the outage's 503; it also fails if too few reached the database
// to say anything.
func outageSweep(t *testing.T, e *env) {
	t.Helper()
	spec, err := api.GetSwagger()
	if err != nil {
		t.Fatal(err)
	}
	param := regexp.MustCompile(`\{[^}]*\}`)
	id := e.units["DU-SCT"].String()
	unavailable := 0
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			r := req{Method: method, Path: param.ReplaceAllString(path, id), User: "admin"}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				// An empty body of the media type the operation takes.
				switch content := op.RequestBody.Value.Content; {
				case content.Get("application/json") != nil:
					r.Body = map[string]any{}
				case content.Get("multipart/form-data") != nil:
					r.Body, r.Content = multipartBody(t, upload{})
				case content.Get("application/x-www-form-urlencoded") != nil:
					r.Body, r.Content = "", "application/x-www-form-urlencoded"
				}
			}
			got := e.do(r)
			switch {
			case got.Status == http.StatusServiceUnavailable:
				unavailable++
				if path == "/readyz" {
					continue
				}
				outageUnavailable(t, method+" "+path, got)
			case got.Status >= 500:
				t.Fatalf("%s %s during the outage: %d\n%s", method, path, got.Status, got.Body)
			}
		}
	}
	if unavailable < 40 {
		t.Fatalf("only %d operations reached the database", unavailable)
	}
}
