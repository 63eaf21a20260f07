package httpapi_test

import (
	"net/http"
	"net/url"
	"testing"

	"lamtheobac/internal/app"
	"lamtheobac/internal/app/apptest"
	"lamtheobac/internal/seed"
	"lamtheobac/internal/store"
)

// bearer is a request header carrying token.
func bearer(token string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + token}
}

// newUserBody is a POST /users body for a fresh user at unit.
func (e *env) newUserBody(username, unit string) map[string]any {
	return map[string]any{"username": username, "full_name": "Người dùng " + username, "password": "mat-khau-123", "unit_id": e.units[unit]}
}

// TestDisabledUserTokenStopsAtOnce: disabling a user stops the access tokens it holds on the
// next request — reads, writes and creating users alike — and its refresh tokens with them;
// re-enabling the account does not bring the old tokens back, a new login does.
func TestDisabledUserTokenStopsAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	session := authLogin(t, e, "committee.officer", seed.DemoPassword)
	unit := "/api/v1/units/" + e.units["DU-SCT"].String()
	tokens := map[string]string{"login": session.AccessToken, "issued": e.token("committee.officer")}
	for _, tok := range tokens {
		e.must(http.StatusOK, req{Method: "GET", Path: unit, Header: bearer(tok)})
	}

	self := "/api/v1/users/" + e.users["committee.officer"].String()
	e.must(http.StatusOK, req{Method: "PATCH", Path: self, User: "admin", Body: map[string]any{"disabled": true}})
	for name, tok := range tokens {
		t.Run(name, func(t *testing.T) {
			e := e.forT(t)
			problem(t, e.do(req{Method: "GET", Path: unit, Header: bearer(tok)}), http.StatusUnauthorized, "account_disabled")
			problem(t, e.do(req{Method: "GET", Path: "/api/v1/me", Header: bearer(tok)}), http.StatusUnauthorized, "account_disabled")
			problem(t, e.do(req{Method: "PATCH", Path: unit, Header: bearer(tok), Body: map[string]any{"name": "Đổi tên"}}),
				http.StatusUnauthorized, "account_disabled")
			problem(t, e.do(req{Method: "POST", Path: "/api/v1/users", Header: bearer(tok), Body: e.newUserBody("tay.trong."+name, "CB-VP")}),
				http.StatusUnauthorized, "account_disabled")
			if n := e.count("users", "username = $1", "tay.trong."+name); n != 0 {
				t.Fatal("a disabled user's token created a user")
			}
		})
	}
	problem(t, authRefresh(e, session.RefreshToken), http.StatusUnauthorized, "invalid_refresh_token")

	// Enabled again, the account logs in afresh; the tokens of before stay dead.
	e.must(http.StatusOK, req{Method: "PATCH", Path: self, User: "admin", Body: map[string]any{"disabled": false}})
	for _, tok := range tokens {
		problem(t, e.do(req{Method: "GET", Path: unit, Header: bearer(tok)}), http.StatusUnauthorized, "token_revoked")
	}
	fresh := authLogin(t, e, "committee.officer", seed.DemoPassword)
	e.must(http.StatusOK, req{Method: "GET", Path: unit, Header: bearer(fresh.AccessToken)})
}

// TestPasswordChangeEndsAccessTokens: a new password, set by the user or by a manager, ends the
// access tokens issued before it (the one that made the change too), not only the refresh tokens.
func TestPasswordChangeEndsAccessTokens(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	own := e.token("cell.secretary")
	managed := e.token("member")
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/users/" + e.users["cell.secretary"].String(), Header: bearer(own),
		Body: map[string]any{"password": "mat-khau-moi-2025", "current_password": seed.DemoPassword}})
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/me", Header: bearer(own)}), http.StatusUnauthorized, "token_revoked")

	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me", Header: bearer(managed)})
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/users/" + e.users["member"].String(), User: "committee.officer",
		Body: map[string]any{"password": "mat-khau-moi-2025"}})
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-VP"].String(), Header: bearer(managed)}),
		http.StatusUnauthorized, "token_revoked")

	// A change of name alone leaves the tokens as they were.
	tok := e.token("inspector")
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/users/" + e.users["inspector"].String(), Header: bearer(tok),
		Body: map[string]any{"full_name": "Thanh tra viên"}})
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me", Header: bearer(tok)})
}

// TestRoleChangesTakeEffectAtNextRequest: a role granted or revoked applies to the very next
// request made with a token issued before the change; a principal whose last role went keeps a
// token that reaches nothing (404 outside any read scope, 403 for writes) and sees roles: [].
func TestRoleChangesTakeEffectAtNextRequest(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tok := e.token("member")
	member := "/api/v1/users/" + e.users["member"].String() + "/roles"
	create := func(username string) resp {
		return e.do(req{Method: "POST", Path: "/api/v1/users", Header: bearer(tok), Body: e.newUserBody(username, "CB-VP")})
	}
	problem(t, create("truoc.khi.cap"), http.StatusForbidden, "forbidden")

	e.must(http.StatusCreated, req{Method: "POST", Path: member, User: "committee.officer",
		Body: map[string]any{"role": "cell_secretary", "unit_id": e.units["CB-VP"]}})
	if got := create("sau.khi.cap"); got.Status != http.StatusCreated {
		t.Fatalf("a granted role did not apply at the next request: %d\n%s", got.Status, got.Body)
	}

	e.must(http.StatusNoContent, req{Method: "DELETE", Path: member + "?role=cell_secretary&unit_id=" + e.units["CB-VP"].String(), User: "committee.officer"})
	problem(t, create("sau.khi.thu"), http.StatusForbidden, "forbidden")
	if n := e.count("users", "username = 'sau.khi.thu'"); n != 0 {
		t.Fatal("a revoked role still created a user")
	}

	cell := "/api/v1/units/" + e.units["CB-VP"].String()
	e.must(http.StatusOK, req{Method: "GET", Path: cell, Header: bearer(tok)})
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: member + "?role=member&unit_id=" + e.units["CB-VP"].String(), User: "committee.officer"})
	problem(t, e.do(req{Method: "GET", Path: cell, Header: bearer(tok)}), http.StatusNotFound, "not_found")
	me := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me", Header: bearer(tok)}).JSON(t)
	if roles, _ := me["roles"].([]any); len(roles) != 0 {
		t.Fatalf("roles after the last was revoked: %v", me["roles"])
	}
}

// TestDisabledClientTokenStopsAtOnce: disabling a service client stops the access tokens it
// holds; so does rotating its secret (a secret is rotated because it leaked).
func TestDisabledClientTokenStopsAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/clients", User: "committee.officer",
		Body: map[string]any{"name": "Script nhập liệu", "unit_id": e.units["DU-SCT"], "role": "committee_officer"}}).JSON(t)
	id, clientID, secret := c["id"].(string), c["client_id"].(string), c["client_secret"].(string)
	token := func(secret string) string {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID}, "client_secret": {secret}}
		got := e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/auth/token", Body: form.Encode(), Content: "application/x-www-form-urlencoded"})
		return got.JSON(t)["access_token"].(string)
	}
	unit := "/api/v1/units/" + e.units["DU-SCT"].String()
	tok := token(secret)
	e.must(http.StatusOK, req{Method: "GET", Path: unit, Header: bearer(tok)})

	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/clients/" + id, User: "committee.officer", Body: map[string]any{"disabled": true}})
	problem(t, e.do(req{Method: "GET", Path: unit, Header: bearer(tok)}), http.StatusUnauthorized, "account_disabled")
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/me", Header: bearer(tok)}), http.StatusUnauthorized, "account_disabled")
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/users", Header: bearer(tok), Body: e.newUserBody("tu.client", "CB-VP")}),
		http.StatusUnauthorized, "account_disabled")

	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/clients/" + id, User: "committee.officer", Body: map[string]any{"disabled": false}})
	problem(t, e.do(req{Method: "GET", Path: unit, Header: bearer(tok)}), http.StatusUnauthorized, "token_revoked")
	tok = token(secret)
	e.must(http.StatusOK, req{Method: "GET", Path: unit, Header: bearer(tok)})

	rot := e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/clients/" + id + "/secret", User: "committee.officer"}).JSON(t)
	problem(t, e.do(req{Method: "GET", Path: unit, Header: bearer(tok)}), http.StatusUnauthorized, "token_revoked")
	e.must(http.StatusOK, req{Method: "GET", Path: unit, Header: bearer(token(rot["client_secret"].(string)))})
}

// replica is another instance over e's database, as a second process behind the load balancer
// would be: its own store and connection pool, its own caches, the same signing keys; the
// tokens e issues are sent to it.
func (e *env) replica(t *testing.T) *env {
	t.Helper()
	other := *e
	other.t = t
	other.app = apptest.Open(t, e.url, app.Options{Keys: e.app.Issuer.Keys()})
	other.store = other.app.Store
	return &other
}

// TestRevocationReachesEveryInstance: two instances over one database, both listening. An
// instance that holds a principal's standing in memory refuses its token once another instance
// disabled it, and applies a role granted on the other: each step waits for the notification
// to arrive (a cached standing is never re-read otherwise). With its listener stopped, an
// instance reads the database on every request, so a change elsewhere applies at once.
func TestRevocationReachesEveryInstance(t *testing.T) {
	t.Parallel()
	a := newEnv(t)
	b := a.replica(t)
	listen(t, a)
	heardB := listen(t, b)
	queries := queryCounter(t, b)

	// A request that needs no query but authentication's: the spec validator, which runs after
	// authentication, refuses a unit id that is no UUID. Without a query, b trusted its memory.
	probe := func(who string) resp { return b.do(req{Method: "GET", Path: "/api/v1/units/not-a-uuid", User: who}) }
	fromMemory := func(who string) bool {
		before := queries.Load()
		return probe(who).Status == http.StatusBadRequest && queries.Load() == before
	}
	// Once b listens, the first request of each reads its standing and keeps it.
	heardB.listening(t)
	for _, who := range []string{"committee.officer", "member"} {
		probe(who)
		if !fromMemory(who) {
			t.Fatalf("b does not authenticate %s from memory", who)
		}
	}

	// Disabled on a: refused on b.
	a.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/users/" + a.users["committee.officer"].String(), User: "admin",
		Body: map[string]any{"disabled": true}})
	heardB.payload(t, store.TokenEpochChannel, "user:"+a.users["committee.officer"].String())
	problem(t, probe("committee.officer"), http.StatusUnauthorized, "account_disabled")
	problem(t, b.do(req{Method: "GET", Path: "/api/v1/units/" + b.units["DU-SCT"].String(), User: "committee.officer"}),
		http.StatusUnauthorized, "account_disabled")

	// A role granted on a: applied on b to the token issued before.
	users := "/api/v1/users?unit_id=" + a.units["CB-VP"].String()
	problem(t, b.do(req{Method: "GET", Path: users, User: "member"}), http.StatusForbidden, "forbidden")
	if !fromMemory("member") {
		t.Fatal("b does not authenticate member from memory")
	}
	roles := "/api/v1/users/" + a.users["member"].String() + "/roles"
	a.must(http.StatusCreated, req{Method: "POST", Path: roles, User: "bloc.officer",
		Body: map[string]any{"role": "cell_secretary", "unit_id": a.units["CB-VP"]}})
	heardB.payload(t, store.TokenEpochChannel, "user:"+a.users["member"].String())
	b.must(http.StatusOK, req{Method: "GET", Path: users, User: "member"})

	// b no longer listening: nothing from memory, the revocation on a applies on b at once.
	heardB.stop()
	a.must(http.StatusNoContent, req{Method: "DELETE", Path: roles + "?role=cell_secretary&unit_id=" + a.units["CB-VP"].String(), User: "bloc.officer"})
	problem(t, b.do(req{Method: "GET", Path: users, User: "member"}), http.StatusForbidden, "forbidden")
	if fromMemory("member") {
		t.Fatal("b trusts its memory without a listener")
	}
}
