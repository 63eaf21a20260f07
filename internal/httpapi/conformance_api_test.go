package httpapi_test

import (
	"database/sql"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/limits"
	"lamtheobac/internal/vntime"
)

// The suite checks every answer it receives against openapi.yaml (apptest.Conforming); these
// tests reach, for every operation the spec lists, the answers that the middleware gives and the
// other tests do not provoke everywhere: 304, 400 for a malformed UUID, 413. They walk the spec,
// so a new operation is covered the day it is added.

// pathIDs are the path parameters' values for the walks: demo units and users, and for the other
// resources any row of the demo data (the admin reads everything).
func (e *env) pathIDs() map[string]string {
	e.t.Helper()
	ids := map[string]string{"blocId": e.units["KHOI-CQDN"].String(), "committeeId": e.units["DU-SCT"].String(),
		"cellId": e.units["CB-VP"].String(), "unitId": e.units["CB-VP"].String(), "code": "CB-VP",
		"userId": e.users["member"].String(), "year": strconv.Itoa(vntime.Date(time.Now()).Year())}
	db, err := e.store.SQL()
	if err != nil {
		e.t.Fatal(err)
	}
	for param, table := range map[string]string{"standardId": "standards", "modelId": "models", "nominationId": "nominations",
		"reportId": "reports", "roundId": "reporting_rounds", "clientId": "clients", "importId": "import_jobs",
		"planId": "inspection_plans", "findingId": "inspection_findings", "recommendationId": "inspection_recommendations",
		"memberId": "members", "commitmentId": "commitments", "topicId": "study_topics", "sessionId": "study_sessions",
		"eventId": "study_events"} {
		var id string
		err := db.QueryRow("SELECT id::text FROM " + table + " ORDER BY id LIMIT 1").Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			id = uuid.NewString() // none in the demo data: good enough where the id is not looked up
		case err != nil:
			e.t.Fatalf("demo data: %s: %v", table, err)
		}
		ids[param] = id
	}
	return ids
}

// fill puts values into o's path: ids by parameter name, an enum's first value, and for the
// parameters named in bad, "not-a-uuid". It fails the test for a parameter it has no value for.
func (e *env) fill(o specOp, ids map[string]string, bad ...string) string {
	e.t.Helper()
	path := o.path
	for _, p := range o.params {
		v := p.Value
		if v == nil || v.In != "path" {
			continue
		}
		val, ok := ids[v.Name]
		if v.Schema != nil && len(v.Schema.Value.Enum) > 0 {
			val, ok = v.Schema.Value.Enum[0].(string)
		}
		for _, b := range bad {
			if b == v.Name {
				val, ok = "not-a-uuid", true
			}
		}
		if !ok {
			e.t.Fatalf("%s: no value for the path parameter %s: add one to pathIDs", o, v.Name)
		}
		path = strings.ReplaceAll(path, "{"+v.Name+"}", val)
	}
	return path
}

// caller is who calls o in the walks: nobody on the routes that need no token, the demo member
// on those about the caller's own member profile (the admin has none).
func caller(o specOp) string {
	if o.op.Security != nil && len(*o.op.Security) == 0 {
		return ""
	}
	if strings.HasPrefix(o.path, "/api/v1/me/member") {
		return "member"
	}
	return "admin"
}

// requiresMoreThanPath reports whether o requires a body (other than the upload's, which the
// validator leaves to the handler) or a query parameter.
func (o specOp) requiresMoreThanPath() bool {
	if b := o.op.RequestBody; b != nil && b.Value.Required && !strings.HasSuffix(o.path, "/imports") {
		return true
	}
	for _, p := range o.params {
		if p.Value != nil && p.Value.In != "path" && p.Value.Required {
			return true
		}
	}
	return false
}

func TestConditionalGETsAnswer304(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ids := e.pathIDs()
	n := 0
	for _, o := range specOps(t) {
		if !o.conditional() {
			continue
		}
		n++
		t.Run(o.op.OperationID, func(t *testing.T) {
			e := e.forT(t)
			path := e.fill(o, ids)
			first := e.must(http.StatusOK, req{Method: "GET", Path: path, User: caller(o)})
			tag := first.Header.Get("ETag")
			if tag == "" {
				t.Fatalf("no ETag on %s", path)
			}
			again := e.must(http.StatusNotModified, req{Method: "GET", Path: path, User: caller(o), Header: map[string]string{"If-None-Match": tag}})
			if len(again.Body) != 0 || again.Header.Get("ETag") != tag {
				t.Fatalf("304 with body %q and ETag %q, want none and %q", again.Body, again.Header.Get("ETag"), tag)
			}
			// A list of tags and a weak one match too; another tag does not.
			e.must(http.StatusNotModified, req{Method: "GET", Path: path, User: caller(o), Header: map[string]string{"If-None-Match": `"x", W/` + tag}})
			e.must(http.StatusOK, req{Method: "GET", Path: path, User: caller(o), Header: map[string]string{"If-None-Match": `"x"`}})
		})
	}
	if n < 14 {
		t.Fatalf("%d conditional GETs in the spec, want at least the 14 of issue #13", n)
	}
}

func TestMalformedUUIDsAre400(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ids := e.pathIDs()
	n := 0
	for _, o := range specOps(t) {
		for _, name := range o.uuidParams() {
			n++
			t.Run(o.op.OperationID+"/"+name, func(t *testing.T) {
				e := e.forT(t)
				r := req{Method: o.method, Path: e.fill(o, ids, name), User: caller(o)}
				if o.op.RequestBody != nil && o.op.RequestBody.Value.Content.Get("multipart/form-data") != nil {
					// An upload without its media type is 415 before the path is looked at.
					r.Body, r.Content = "", "multipart/form-data; boundary=x"
				}
				got := e.do(r)
				p := problem(t, got, http.StatusBadRequest, "validation")
				if o.requiresMoreThanPath() {
					return // the validator reports the missing body or query first; the status is what counts here
				}
				if !strings.Contains(string(got.Body), `"field":"/`+name+`"`) {
					t.Fatalf("the problem does not name /%s: %v", name, p)
				}
			})
		}
	}
	if n < 99 {
		t.Fatalf("%d UUID path parameters in the spec, want at least the 99 operations of issue #13", n)
	}
}

// filler is an endless stream of one byte: a large body without holding it in memory.
type filler byte

func (f filler) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(f)
	}
	return len(p), nil
}

func TestOversizedBodiesAre413(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ids := e.pathIDs()
	n := 0
	for _, o := range specOps(t) {
		if o.op.RequestBody == nil {
			continue
		}
		n++
		t.Run(o.op.OperationID, func(t *testing.T) {
			e := e.forT(t)
			var mediaType string
			for mt := range o.op.RequestBody.Value.Content {
				mediaType = mt
			}
			// Just over the limit: 1 MiB for JSON and forms, a 256 MiB file and its 64 KiB form for
			// an upload (internal/limits).
			size := int64(limits.Body + 1)
			if strings.HasPrefix(mediaType, "multipart/") {
				size, mediaType = int64(limits.UploadBody+1), mediaType+"; boundary=x"
			}
			problem(t, e.sendBody(o, ids, mediaType, size), http.StatusRequestEntityTooLarge, "body_too_large")
		})
	}
	if n < 40 {
		t.Fatalf("%d operations with a body in the spec", n)
	}
}

// sendBody calls o as its walk's caller with a body of size bytes of mediaType.
func (e *env) sendBody(o specOp, ids map[string]string, mediaType string, size int64) resp {
	e.t.Helper()
	hr := httptest.NewRequest(o.method, e.fill(o, ids), io.LimitReader(filler('a'), size))
	hr.ContentLength = size
	hr.Header.Set("Content-Type", mediaType)
	if u := caller(o); u != "" {
		hr.Header.Set("Authorization", "Bearer "+e.token(u))
	}
	return e.serve(hr)
}

// A body sent to an operation that takes none is never read, so its size refuses nothing: every
// GET answers as it does without one (the spec declares no 413 for them).
func TestBodiesOfOperationsWithoutOneAreIgnored(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ids := e.pathIDs()
	n := 0
	for _, o := range specOps(t) {
		if o.method != http.MethodGet || o.op.RequestBody != nil || o.requiresMoreThanPath() {
			continue
		}
		n++
		t.Run(o.op.OperationID, func(t *testing.T) {
			e := e.forT(t)
			without := e.sendBody(o, ids, "application/json", 0)
			with := e.sendBody(o, ids, "application/json", int64(limits.UploadBody+1))
			if with.Status != without.Status {
				t.Fatalf("with an oversized body %d, without %d", with.Status, without.Status)
			}
		})
	}
	if n < 40 {
		t.Fatalf("%d GET operations taking only path parameters in the spec", n)
	}
}

func TestUnauthorizedCarriesABearerChallenge(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// No token on a protected operation: the bare challenge.
	got := e.do(req{Method: "GET", Path: "/api/v1/me"})
	problem(t, got, http.StatusUnauthorized, "unauthenticated")
	if h := got.Header.Get("WWW-Authenticate"); h != `Bearer realm="lamtheobac"` {
		t.Fatalf("WWW-Authenticate %q", h)
	}
	// A token refused, even on a route that needs none: invalid_token.
	for _, path := range []string{"/api/v1/me", "/public/models"} {
		got = e.do(req{Method: "GET", Path: path, Header: map[string]string{"Authorization": "Bearer not.a.token"}})
		problem(t, got, http.StatusUnauthorized, "invalid_token")
		if h := got.Header.Get("WWW-Authenticate"); !strings.HasPrefix(h, `Bearer realm="lamtheobac", error="invalid_token", error_description="`) {
			t.Fatalf("%s: WWW-Authenticate %q", path, h)
		}
	}
	// Wrong credentials at login: a challenge without error (no token was refused).
	got = e.do(req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"username": "member", "password": "wrong-password"}})
	problem(t, got, http.StatusUnauthorized, "invalid_credentials")
	if h := got.Header.Get("WWW-Authenticate"); h != `Bearer realm="lamtheobac"` {
		t.Fatalf("login: WWW-Authenticate %q", h)
	}
	// A token whose account was disabled since: refused, so invalid_token too.
	tok := e.token("member")
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/users/" + e.users["member"].String(), User: "admin", Body: map[string]any{"disabled": true}})
	got = e.do(req{Method: "GET", Path: "/api/v1/me", Header: map[string]string{"Authorization": "Bearer " + tok}})
	problem(t, got, http.StatusUnauthorized, "account_disabled")
	if h := got.Header.Get("WWW-Authenticate"); !strings.HasPrefix(h, `Bearer realm="lamtheobac", error="invalid_token"`) {
		t.Fatalf("disabled account: WWW-Authenticate %q", h)
	}
}
