package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/app"
	"lamtheobac/internal/app/apptest"
	"lamtheobac/internal/seed"
	"lamtheobac/internal/store"
	"lamtheobac/internal/testkit"
	"lamtheobac/internal/vntime"
)

// vnYear is the current year as the service counts it: Vietnam's, which differs from UTC's
// after 17:00 UTC on 31 December.
func vnYear() int { return vntime.Date(time.Now()).Year() }

// env is one full service over a fresh database loaded with the demo organization.
type env struct {
	t      *testing.T
	url    string // the database, for another instance over it
	app    *app.App
	store  *store.Store
	units  map[string]uuid.UUID // demo units by code
	users  map[string]uuid.UUID // demo users by username
	tokens map[string]string    // access tokens by username
}

// newEnv builds the service exactly as `serve` does (same router, middleware and services)
// over its own migrated database, and loads the demo data.
func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvWith(t, app.Options{})
}

// newEnvWith is newEnv with wiring options (CORS origins, auth throttling limits…).
func newEnvWith(t *testing.T, o app.Options) *env {
	t.Helper()
	return newEnvAt(t, testkit.DatabaseURL(t), o)
}

// newEnvAt is newEnvWith over the migrated database at url (one a test shares between
// replicas, or reaches through a proxy).
func newEnvAt(t *testing.T, url string, o app.Options) *env {
	t.Helper()
	return newDemoEnvAt(t, url, o, seed.DemoOptions{WithoutProvince: true})
}

// newProvinceEnv is newEnv over the demo as `make run` loads it: its bloc under the province
// TU-TRAVINH (seed.DemoProvince), with the province's officer. newEnv leaves the province out:
// the tests written for a bloc at the top of the tree say so in every holder, count and
// ancestor list.
func newProvinceEnv(t *testing.T) *env {
	t.Helper()
	return newDemoEnvAt(t, testkit.DatabaseURL(t), app.Options{}, seed.DemoOptions{})
}

// newDemoEnvAt loads the demo with options over the migrated database at url.
func newDemoEnvAt(t *testing.T, url string, o app.Options, demo seed.DemoOptions) *env {
	t.Helper()
	e := newBareEnv(t, url, o)
	ctx := context.Background()
	if err := seed.DemoWith(ctx, e.app, demo); err != nil {
		t.Fatal(err)
	}
	codes := []string{"KHOI-CQDN", "DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "DU-STP", "CB-BTTP", "CB-HCTP", "DUBP-SCT-KD", "CB-KD1", "CB-CS-BAO"}
	if !demo.WithoutProvince {
		codes = append(codes, seed.DemoProvince)
	}
	for _, code := range codes {
		u, err := e.store.GetUnitByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		e.units[code] = u.ID
	}
	for _, l := range seed.DemoLogins() {
		if demo.WithoutProvince && l.Unit == seed.DemoProvince {
			continue
		}
		u, err := e.store.GetUserByUsername(ctx, l.Username)
		if err != nil {
			t.Fatal(err)
		}
		e.users[l.Username] = u.ID
	}
	return e
}

// newBareEnv is the service wired as `serve` wires it over the migrated database at url, with
// no data loaded and the unit and user maps empty for the caller to fill.
func newBareEnv(t *testing.T, url string, o app.Options) *env {
	t.Helper()
	a := apptest.Open(t, url, o)
	return &env{t: t, url: url, app: a, store: a.Store, units: map[string]uuid.UUID{}, users: map[string]uuid.UUID{}, tokens: map[string]string{}}
}

// token returns an access token for a demo user, issued directly (logging in through the API
// is tested on its own; here it would only add argon2 time to every test).
func (e *env) token(username string) string {
	e.t.Helper()
	if username == "" {
		return ""
	}
	if tok, ok := e.tokens[username]; ok {
		return tok
	}
	p, err := e.app.Auth.PrincipalFor(context.Background(), access.UserPrincipal, e.users[username])
	if err != nil {
		e.t.Fatalf("principal %s: %v", username, err)
	}
	tok, _, err := e.app.Issuer.Issue(p)
	if err != nil {
		e.t.Fatal(err)
	}
	e.tokens[username] = tok
	return tok
}

// resp is a recorded answer.
type resp struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into a generic map.
func (r resp) JSON(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, r.Body)
	}
	return m
}

// Decode decodes the body into v.
func (r resp) Decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode: %v\n%s", err, r.Body)
	}
}

// req describes one call.
type req struct {
	Method  string
	Path    string
	User    string // demo username whose token to send; "" for none
	Body    any    // marshalled to JSON unless it is a string or []byte (sent as is)
	Header  map[string]string
	Content string // Content-Type; default application/json when there is a body
}

// do sends r through the real router and middleware.
func (e *env) do(r req) resp {
	e.t.Helper()
	var body io.Reader
	switch b := r.Body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	hr := httptest.NewRequest(r.Method, r.Path, body)
	if body != nil {
		ct := r.Content
		if ct == "" {
			ct = "application/json"
		}
		hr.Header.Set("Content-Type", ct)
	}
	if r.User != "" {
		hr.Header.Set("Authorization", "Bearer "+e.token(r.User))
	}
	for k, v := range r.Header {
		hr.Header.Set(k, v)
	}
	return e.serve(hr)
}

// serve sends hr through the real router and middleware, and checks the answer against
// openapi.yaml (every full-stack test is a conformance test: see apptest.Conforming).
func (e *env) serve(hr *http.Request) resp {
	e.t.Helper()
	w := apptest.Serve(e.t, e.app.Router, hr)
	return resp{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}
}

// must sends r and fails the test unless the status is want.
func (e *env) must(want int, r req) resp {
	e.t.Helper()
	got := e.do(r)
	if got.Status != want {
		e.t.Fatalf("%s %s as %q: status %d, want %d\n%s", r.Method, r.Path, r.User, got.Status, want, got.Body)
	}
	return got
}

// problem asserts that got is a problem+json with status and code, and returns it.
func problem(t *testing.T, got resp, status int, code string) map[string]any {
	t.Helper()
	if got.Status != status {
		t.Fatalf("status %d, want %d\n%s", got.Status, status, got.Body)
	}
	if ct := got.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("content type %q, want application/problem+json\n%s", ct, got.Body)
	}
	p := got.JSON(t)
	if p["code"] != code {
		t.Fatalf("problem code %v, want %q\n%s", p["code"], code, got.Body)
	}
	if int(p["status"].(float64)) != status || p["type"] == "" || p["title"] == "" {
		t.Fatalf("incomplete problem: %s", got.Body)
	}
	return p
}

// count returns the number of rows of table matching where (a test-only SQL probe to prove
// that refused requests wrote nothing).
func (e *env) count(table, where string, args ...any) int {
	e.t.Helper()
	db, err := e.store.SQL()
	if err != nil {
		e.t.Fatal(err)
	}
	var n int
	q := "SELECT count(*) FROM " + table
	if where != "" {
		q += " WHERE " + where
	}
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}
