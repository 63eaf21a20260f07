package httpapi_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// Full-stack tests of users, role assignments and service clients.

// apiUser is the JSON form of a user.
type apiUser struct {
	ID             string          `json:"id"`
	Username       string          `json:"username"`
	FullName       string          `json:"full_name"`
	Email          *string         `json:"email"`
	UnitID         *string         `json:"unit_id"`
	Disabled       bool            `json:"disabled"`
	Version        int64           `json:"version"`
	Roles          []apiAssignment `json:"roles"`
	AllowedActions []string        `json:"allowed_actions"`
}

// apiAssignment is the JSON form of a role assignment.
type apiAssignment struct {
	ID        string   `json:"id"`
	Role      string   `json:"role"`
	UnitID    *string  `json:"unit_id"`
	Unit      *apiUnit `json:"unit"`
	GrantedBy *string  `json:"granted_by"`
}

// createUserAPI creates a user at unit code as creator and returns it.
func (e *env) createUserAPI(creator, username, unit string) apiUser {
	e.t.Helper()
	var u apiUser
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users", User: creator, Body: map[string]any{
		"username": username, "full_name": "Người dùng " + username, "password": "mat-khau-123", "unit_id": e.units[unit]}}).Decode(e.t, &u)
	return u
}

func TestUserCreate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const pw = "S3cret-Password!"
	got := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users", User: "bloc.officer", Body: map[string]any{
		"username": "nguyen.van.a", "full_name": "  Nguyễn Văn A ", "password": pw, "email": "a@example.vn", "unit_id": e.units["CB-VP"]}})
	var u apiUser
	got.Decode(t, &u)
	if u.Username != "nguyen.van.a" || u.FullName != "Nguyễn Văn A" || u.UnitID == nil || *u.UnitID != e.units["CB-VP"].String() ||
		u.Email == nil || *u.Email != "a@example.vn" || u.Disabled || u.Version != 1 || len(u.Roles) != 0 || u.Roles == nil {
		t.Fatalf("unexpected user: %s", got.Body)
	}
	if loc := got.Header.Get("Location"); loc != "/api/v1/users/"+u.ID {
		t.Fatalf("Location %q", loc)
	}
	if got.Header.Get("ETag") != `"1"` {
		t.Fatalf("ETag %q", got.Header.Get("ETag"))
	}
	m := got.JSON(t)
	for k := range m {
		if strings.Contains(k, "password") || strings.Contains(k, "hash") {
			t.Fatalf("response carries %q: %s", k, got.Body)
		}
	}
	if strings.Contains(string(got.Body), pw) || strings.Contains(string(got.Body), "argon2") {
		t.Fatalf("response leaks the password: %s", got.Body)
	}
	if n := e.count("users", "username = 'nguyen.van.a' AND password_hash <> $1 AND password_hash <> ''", pw); n != 1 {
		t.Fatal("the password is not stored hashed")
	}
	// The Location answers, to the creator.
	if e.must(http.StatusOK, req{Method: "GET", Path: got.Header.Get("Location"), User: "bloc.officer"}).JSON(t)["id"] != u.ID {
		t.Fatal("GET Location gave another user")
	}

	// Usernames are unique, case-insensitively; nothing is written twice.
	before := e.count("users", "")
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/users", User: "bloc.officer", Body: map[string]any{
		"username": "Nguyen.Van.A", "full_name": "Người khác", "password": pw, "unit_id": e.units["CB-VP"]}}), http.StatusConflict, "duplicate")
	if n := e.count("users", ""); n != before {
		t.Fatalf("users %d, want %d", n, before)
	}

	cases := []struct {
		name   string
		user   string
		body   map[string]any
		status int
		code   string
	}{
		{"committee officer in own subtree", "committee.officer",
			map[string]any{"username": "tv.vp", "full_name": "Thành viên VP", "password": pw, "unit_id": e.units["CB-VP"]}, 201, ""},
		{"committee officer outside subtree", "committee.officer",
			map[string]any{"username": "tv.bttp", "full_name": "Thành viên BTTP", "password": pw, "unit_id": e.units["CB-BTTP"]}, 404, "not_found"},
		{"committee officer at the bloc above", "committee.officer",
			map[string]any{"username": "tv.khoi", "full_name": "Thành viên Khối", "password": pw, "unit_id": e.units["KHOI-CQDN"]}, 403, "forbidden"},
		{"member", "member",
			map[string]any{"username": "tv.member", "full_name": "Thành viên", "password": pw, "unit_id": e.units["CB-VP"]}, 403, "forbidden"},
		{"inspector reads but does not manage", "inspector",
			map[string]any{"username": "tv.insp", "full_name": "Thành viên", "password": pw, "unit_id": e.units["CB-VP"]}, 403, "forbidden"},
		{"cell secretary in own cell", "cell.secretary",
			map[string]any{"username": "tv.cb", "full_name": "Đảng viên mới", "password": pw, "unit_id": e.units["CB-VP"]}, 201, ""},
		{"unknown unit", "admin",
			map[string]any{"username": "tv.none", "full_name": "X", "password": pw, "unit_id": "0190aaaa-0000-7000-8000-000000000000"}, 404, "not_found"},
		{"short password", "admin",
			map[string]any{"username": "tv.short", "full_name": "X", "password": "short", "unit_id": e.units["CB-VP"]}, 400, "validation"},
		{"bad username", "admin",
			map[string]any{"username": "có dấu", "full_name": "X", "password": pw, "unit_id": e.units["CB-VP"]}, 400, "validation"},
		{"password field unknown name", "admin",
			map[string]any{"username": "tv.x", "full_name": "X", "password": pw, "unit_id": e.units["CB-VP"], "role": "admin"}, 400, "validation"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := e.forT(t)
			got := e.do(req{Method: "POST", Path: "/api/v1/users", User: c.user, Body: c.body})
			username := c.body["username"].(string)
			if c.status == 201 {
				if got.Status != 201 {
					t.Fatalf("status %d\n%s", got.Status, got.Body)
				}
				if n := e.count("users", "username = $1", username); n != 1 {
					t.Fatalf("%d rows for %s", n, username)
				}
				return
			}
			problem(t, got, c.status, c.code)
			if n := e.count("users", "username = $1", username); n != 0 {
				t.Fatalf("a refused create wrote %s", username)
			}
		})
	}
}

func TestUserRoleGrants(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	target := e.createUserAPI("committee.officer", "can.bo.moi", "CB-VP")
	roles := "/api/v1/users/" + target.ID + "/roles"

	cases := []struct {
		name   string
		user   string
		role   string
		unit   string
		status int
		code   string
	}{
		{"committee officer grants cell_secretary at own cell", "committee.officer", "cell_secretary", "CB-VP", 201, ""},
		{"duplicate grant", "committee.officer", "cell_secretary", "CB-VP", 409, "duplicate"},
		{"member role at a committee", "committee.officer", "member", "DU-SCT", 201, ""},
		{"above own role", "committee.officer", "bloc_officer", "KHOI-CQDN", 403, "grant_above_own_role"},
		{"above own role, own unit", "committee.officer", "bloc_officer", "DU-SCT", 403, "grant_above_own_role"},
		{"admin", "committee.officer", "admin", "", 403, "grant_above_own_role"},
		{"outside subtree", "committee.officer", "cell_secretary", "CB-BTTP", 404, "not_found"},
		{"role at the wrong kind of unit", "committee.officer", "cell_secretary", "DU-SCT", 422, "role_unit_kind"},
		{"committee officer at a cell", "bloc.officer", "committee_officer", "CB-VP", 422, "role_unit_kind"},
		{"cell secretary cannot make a committee officer", "cell.secretary", "committee_officer", "DU-SCT", 403, "grant_above_own_role"},
		{"member cannot even see the user", "member", "member", "CB-VP", 404, "not_found"},
		{"inspector cannot grant", "inspector", "member", "CB-VP", 403, "grant_above_own_role"},
		{"role needs a unit", "committee.officer", "member", "", 422, "validation"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := e.forT(t)
			body := map[string]any{"role": c.role}
			where, args := "principal_id = $1 AND role = $2 AND unit_id IS NULL", []any{target.ID, c.role}
			if c.unit != "" {
				body["unit_id"] = e.units[c.unit]
				where, args = "principal_id = $1 AND role = $2 AND unit_id = $3", append(args, e.units[c.unit])
			}
			got := e.do(req{Method: "POST", Path: roles, User: c.user, Body: body})
			if c.status == 201 {
				if got.Status != 201 {
					t.Fatalf("status %d\n%s", got.Status, got.Body)
				}
				var a apiAssignment
				got.Decode(t, &a)
				if a.Role != c.role || a.UnitID == nil || *a.UnitID != e.units[c.unit].String() || a.Unit == nil || a.Unit.Code != c.unit ||
					a.GrantedBy == nil || *a.GrantedBy != e.users[c.user].String() {
					t.Fatalf("assignment %s", got.Body)
				}
			} else {
				problem(t, got, c.status, c.code)
			}
			want := 0
			if c.status == 201 || c.code == "duplicate" {
				want = 1
			}
			if n := e.count("role_assignments", where, args...); n != want {
				t.Fatalf("%d assignments, want %d", n, want)
			}
		})
	}

	// The user now shows both roles, oldest first.
	var l struct{ Items []apiAssignment }
	e.must(http.StatusOK, req{Method: "GET", Path: roles, User: "committee.officer"}).Decode(t, &l)
	if len(l.Items) != 2 || l.Items[0].Role != "cell_secretary" || l.Items[1].Role != "member" {
		t.Fatalf("roles %+v", l.Items)
	}
	problem(t, e.do(req{Method: "GET", Path: roles, User: "cell.secretary2"}), http.StatusNotFound, "not_found")

	// Revoke, then revoke again.
	q := url.Values{"role": {"cell_secretary"}, "unit_id": {e.units["CB-VP"].String()}}
	problem(t, e.do(req{Method: "DELETE", Path: roles + "?" + q.Encode(), User: "member"}), http.StatusNotFound, "not_found")
	problem(t, e.do(req{Method: "DELETE", Path: roles + "?" + q.Encode(), User: "inspector"}), http.StatusForbidden, "grant_above_own_role")
	got := e.must(http.StatusNoContent, req{Method: "DELETE", Path: roles + "?" + q.Encode(), User: "committee.officer"})
	if len(got.Body) != 0 {
		t.Fatalf("204 with a body: %q", got.Body)
	}
	if n := e.count("role_assignments", "principal_id = $1 AND role = 'cell_secretary'", target.ID); n != 0 {
		t.Fatal("the revoked role is still stored")
	}
	problem(t, e.do(req{Method: "DELETE", Path: roles + "?" + q.Encode(), User: "committee.officer"}), http.StatusNotFound, "not_found")
	problem(t, e.do(req{Method: "DELETE", Path: roles + "?role=emperor", User: "admin"}), http.StatusBadRequest, "validation")
	if n := e.count("role_assignments", "principal_id = $1", target.ID); n != 1 {
		t.Fatalf("%d assignments left, want the member role", n)
	}
}

func TestUserListScoping(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.createUserAPI("bloc.officer", "nguoi.stp", "DU-STP")
	e.createUserAPI("bloc.officer", "nguoi.ktat", "CB-KTAT")

	usernames := func(t *testing.T, user, query string) []string {
		var l struct {
			Items      []apiUser `json:"items"`
			NextCursor *string   `json:"next_cursor"`
		}
		e.forT(t).must(http.StatusOK, req{Method: "GET", Path: "/api/v1/users" + query, User: user}).Decode(t, &l)
		out := []string{}
		for _, u := range l.Items {
			out = append(out, u.Username)
		}
		slices.Sort(out)
		return out
	}
	cases := []struct {
		user, query string
		want        []string
	}{
		{"committee.officer", "", []string{"cell.secretary", "cell.secretary3", "committee.officer", "member", "nguoi.ktat", "partial.officer"}},
		{"committee.officer", "?unit_id=" + e.units["CB-VP"].String(), []string{"cell.secretary", "member"}},
		{"cell.secretary", "", []string{"cell.secretary", "member"}},
		{"cell.secretary2", "", []string{"cell.secretary2"}},
		{"bloc.officer", "?unit_id=" + e.units["DU-STP"].String(), []string{"cell.secretary2", "nguoi.stp"}},
		{"inspector", "?q=" + url.QueryEscape("pham thi"), []string{"cell.secretary"}},
		{"admin", "?q=" + url.QueryEscape("VŨ THỊ"), []string{"cell.secretary2"}},
	}
	for _, c := range cases {
		t.Run(c.user+c.query, func(t *testing.T) {
			if got := usernames(t, c.user, c.query); !slices.Equal(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/users?unit_id=" + e.units["CB-BTTP"].String(), User: "committee.officer"}), 404, "not_found")
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/users?unit_id=" + e.units["DU-SCT"].String(), User: "cell.secretary"}), 403, "forbidden")
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/users", User: "member"}), 403, "forbidden")
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/users/" + e.users["cell.secretary2"].String(), User: "committee.officer"}), 404, "not_found")

	// Paging by id covers everyone exactly once.
	seen := map[string]bool{}
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
		path := "/api/v1/users?limit=2"
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		var l struct {
			Items      []apiUser `json:"items"`
			NextCursor *string   `json:"next_cursor"`
		}
		e.must(http.StatusOK, req{Method: "GET", Path: path, User: "admin"}).Decode(t, &l)
		for _, u := range l.Items {
			if seen[u.Username] {
				t.Fatalf("%s listed twice", u.Username)
			}
			seen[u.Username] = true
		}
		if l.NextCursor == nil {
			break
		}
		cursor = *l.NextCursor
	}
	if len(seen) != e.count("users", "") {
		t.Fatalf("paged %d users, %d exist", len(seen), e.count("users", ""))
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/users?cursor=xyz", User: "admin"}), http.StatusBadRequest, "invalid_cursor")
}

func TestUserSelfService(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	self := "/api/v1/users/" + e.users["member"].String()

	var u apiUser
	got := e.must(http.StatusOK, req{Method: "GET", Path: self, User: "member"})
	got.Decode(t, &u)
	if u.Username != "member" || len(u.Roles) != 1 || u.Roles[0].Role != "member" || len(u.AllowedActions) != 0 {
		t.Fatalf("self: %s", got.Body)
	}
	et := got.Header.Get("ETag")
	got = e.must(http.StatusOK, req{Method: "PATCH", Path: self, User: "member", Header: map[string]string{"If-Match": et},
		Body: map[string]any{"full_name": "Hoàng Văn Nam (mới)"}})
	got.Decode(t, &u)
	if u.FullName != "Hoàng Văn Nam (mới)" || u.Version != 2 || got.Header.Get("ETag") != `"2"` {
		t.Fatalf("after PATCH: %s", got.Body)
	}
	problem(t, e.do(req{Method: "PATCH", Path: self, User: "member", Header: map[string]string{"If-Match": et},
		Body: map[string]any{"full_name": "Cũ"}}), http.StatusPreconditionFailed, "stale_version")

	// Nobody disables themselves, not even someone who manages users of their own unit.
	for _, who := range []string{"member", "cell.secretary", "committee.officer"} {
		t.Run("disable self "+who, func(t *testing.T) {
			e := e.forT(t)
			problem(t, e.do(req{Method: "PATCH", Path: "/api/v1/users/" + e.users[who].String(), User: who, Body: map[string]any{"disabled": true}}),
				http.StatusForbidden, "self_disable")
			if n := e.count("users", "username = $1 AND NOT disabled", who); n != 1 {
				t.Fatalf("%s disabled themselves", who)
			}
		})
	}
	// Others' records are out of reach for a member.
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/users/" + e.users["cell.secretary"].String(), User: "member"}), http.StatusNotFound, "not_found")
	problem(t, e.do(req{Method: "PATCH", Path: "/api/v1/users/" + e.users["cell.secretary"].String(), User: "member",
		Body: map[string]any{"full_name": "X"}}), http.StatusNotFound, "not_found")

	// A manager may disable someone else, and the disabled user's token stops working.
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me", User: "member"})
	e.must(http.StatusOK, req{Method: "PATCH", Path: self, User: "cell.secretary", Body: map[string]any{"disabled": true}})
	if n := e.count("users", "username = 'member' AND disabled"); n != 1 {
		t.Fatal("the manager could not disable the member")
	}
}

func TestUserPasswordChangeThenLogin(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const newPW = "mat-khau-moi-2025"
	login := func(password string) resp {
		return e.do(req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"username": "cell.secretary", "password": password}})
	}
	// Changing your own password needs the current one.
	problem(t, e.do(req{Method: "PATCH", Path: "/api/v1/users/" + e.users["cell.secretary"].String(), User: "cell.secretary",
		Body: map[string]any{"password": newPW}}), http.StatusUnprocessableEntity, "wrong_current_password")
	problem(t, e.do(req{Method: "PATCH", Path: "/api/v1/users/" + e.users["cell.secretary"].String(), User: "cell.secretary",
		Body: map[string]any{"password": newPW, "current_password": "doan-sai-1"}}), http.StatusUnprocessableEntity, "wrong_current_password")
	// A session started before the change ends with it.
	before := login("demo12345").JSON(t)["refresh_token"].(string)
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/users/" + e.users["cell.secretary"].String(), User: "cell.secretary",
		Body: map[string]any{"password": newPW, "current_password": "demo12345"}})
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refresh_token": before}}),
		http.StatusUnauthorized, "invalid_refresh_token")
	got := login(newPW)
	if got.Status != http.StatusOK {
		t.Fatalf("login with the new password: %d\n%s", got.Status, got.Body)
	}
	tok := got.JSON(t)["access_token"].(string)
	me := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me", Header: map[string]string{"Authorization": "Bearer " + tok}}).JSON(t)
	if me["username"] != "cell.secretary" || me["kind"] != "user" {
		t.Fatalf("me: %v", me)
	}
	old := login("demo12345")
	problem(t, old, http.StatusUnauthorized, problemCode(t, old))
	// The change is audited without the password.
	if n := e.count("audit_events", "action = 'user.update' AND resource_id = $1 AND after->>'password_changed' = 'true'", e.users["cell.secretary"]); n != 1 {
		t.Fatal("the password change is not audited")
	}
	if n := e.count("audit_events", "after::text LIKE $1 OR before::text LIKE $1", "%"+newPW+"%"); n != 0 {
		t.Fatal("the audit trail holds the password")
	}
	// (The token of before the change is revoked with it: the session logged in since is used.)
	problem(t, e.do(req{Method: "PATCH", Path: "/api/v1/users/" + e.users["cell.secretary"].String(), Header: map[string]string{"Authorization": "Bearer " + tok},
		Body: map[string]any{"password": "short"}}), http.StatusBadRequest, "validation")
}

// problemCode returns the code of a problem answer (for answers whose exact code other tests own).
func problemCode(t *testing.T, r resp) string {
	t.Helper()
	c, _ := r.JSON(t)["code"].(string)
	if c == "" {
		t.Fatalf("no problem code: %s", r.Body)
	}
	return c
}

func TestClients(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	got := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/clients", User: "bloc.officer",
		Body: map[string]any{"name": "Cổng thông tin tỉnh", "unit_id": e.units["KHOI-CQDN"], "role": "portal"}})
	c := got.JSON(t)
	secret, _ := c["client_secret"].(string)
	clientID, _ := c["client_id"].(string)
	if len(secret) < 32 || clientID == "" || c["role"] != "portal" || c["unit_id"] != e.units["KHOI-CQDN"].String() || c["disabled"] != false {
		t.Fatalf("client: %s", got.Body)
	}
	if n := e.count("clients", "client_id = $1 AND secret_hash <> $2", clientID, secret); n != 1 {
		t.Fatal("the client secret is not stored hashed")
	}

	// Lists never show secrets.
	for _, user := range []string{"bloc.officer", "admin"} {
		l := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/clients", User: user})
		if strings.Contains(string(l.Body), secret) || strings.Contains(string(l.Body), "client_secret") || strings.Contains(string(l.Body), "secret_hash") {
			t.Fatalf("list shows secrets: %s", l.Body)
		}
		var cl struct{ Items []map[string]any }
		l.Decode(t, &cl)
		if len(cl.Items) != 1 || cl.Items[0]["client_id"] != clientID || cl.Items[0]["role"] != "portal" {
			t.Fatalf("%s lists %s", user, l.Body)
		}
	}
	// A committee officer's list does not reach the bloc's client.
	var cl struct{ Items []map[string]any }
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/clients", User: "committee.officer"}).Decode(t, &cl)
	if len(cl.Items) != 0 {
		t.Fatalf("committee officer sees %v", cl.Items)
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/clients", User: "member"}), http.StatusForbidden, "forbidden")
	before := e.count("clients", "")
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/clients", User: "committee.officer",
		Body: map[string]any{"name": "Cổng", "unit_id": e.units["KHOI-CQDN"], "role": "portal"}}), http.StatusForbidden, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/clients", User: "bloc.officer",
		Body: map[string]any{"name": "Cổng", "unit_id": e.units["KHOI-CQDN"], "role": "admin"}}), http.StatusUnprocessableEntity, "validation")
	if n := e.count("clients", ""); n != before {
		t.Fatal("a refused client was written")
	}

	// client_credentials gives a token that acts as the client.
	token := func(secret string) resp {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID}, "client_secret": {secret}}
		return e.do(req{Method: "POST", Path: "/api/v1/auth/token", Body: form.Encode(), Content: "application/x-www-form-urlencoded"})
	}
	got = token(secret)
	if got.Status != http.StatusOK {
		t.Fatalf("token: %d\n%s", got.Status, got.Body)
	}
	tr := got.JSON(t)
	if tr["token_type"] != "Bearer" || tr["access_token"] == "" || tr["refresh_token"] != nil {
		t.Fatalf("token response: %s", got.Body)
	}
	me := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me",
		Header: map[string]string{"Authorization": "Bearer " + tr["access_token"].(string)}}).JSON(t)
	if me["kind"] != "client" || me["id"] != c["id"] {
		t.Fatalf("me: %v", me)
	}
	roles, _ := me["roles"].([]any)
	if len(roles) != 1 || roles[0].(map[string]any)["role"] != "portal" {
		t.Fatalf("client roles: %v", me["roles"])
	}
	bad := token(secret + "x")
	problem(t, bad, http.StatusUnauthorized, problemCode(t, bad))
}

// TestClientSecretRotationAndDisabling covers the life of a leaked or retired client: a new
// secret replaces the old at once, a disabled client gets no tokens until re-enabled, both are
// audited, and only those who could have registered it may touch it.
func TestClientSecretRotationAndDisabling(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/clients", User: "committee.officer",
		Body: map[string]any{"name": "Cổng thông tin Đảng ủy", "unit_id": e.units["DU-SCT"], "role": "portal"}}).JSON(t)
	id, clientID, oldSecret := c["id"].(string), c["client_id"].(string), c["client_secret"].(string)
	token := func(secret string) resp {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID}, "client_secret": {secret}}
		return e.do(req{Method: "POST", Path: "/api/v1/auth/token", Body: form.Encode(), Content: "application/x-www-form-urlencoded"})
	}
	tokenOK := func(secret string) {
		t.Helper()
		if got := token(secret); got.Status != http.StatusOK {
			t.Fatalf("token: %d %s", got.Status, got.Body)
		}
	}
	audits := func(action string) int {
		return e.count("audit_events", "action = $1 AND resource_id = $2", action, id)
	}
	tokenOK(oldSecret)

	// Rotation: the new secret works, the old one is refused, the answer is not cached.
	rot := e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/clients/" + id + "/secret", User: "committee.officer"})
	r := rot.JSON(t)
	newSecret, _ := r["client_secret"].(string)
	if len(newSecret) < 32 || newSecret == oldSecret || r["client_id"] != clientID || rot.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("rotation: %s (Cache-Control %q)", rot.Body, rot.Header.Get("Cache-Control"))
	}
	problem(t, token(oldSecret), http.StatusUnauthorized, "invalid_client")
	tokenOK(newSecret)
	if n := e.count("clients", "id = $1 AND secret_hash <> $2", id, newSecret); n != 1 {
		t.Fatal("the new secret is not stored hashed")
	}
	if n := audits("client.rotate_secret"); n != 1 {
		t.Fatalf("%d client.rotate_secret events", n)
	}

	// Disabling: no token until re-enabled; the list shows it disabled; the name can change too.
	d := e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/clients/" + id, User: "committee.officer",
		Body: map[string]any{"disabled": true, "name": "  Cổng cũ  "}}).JSON(t)
	if d["disabled"] != true || d["name"] != "Cổng cũ" || d["client_id"] != clientID {
		t.Fatalf("disabled client: %v", d)
	}
	problem(t, token(newSecret), http.StatusUnauthorized, "invalid_client")
	var l struct{ Items []map[string]any }
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/clients", User: "committee.officer"}).Decode(t, &l)
	if len(l.Items) != 1 || l.Items[0]["disabled"] != true || l.Items[0]["name"] != "Cổng cũ" {
		t.Fatalf("list after disabling: %v", l.Items)
	}
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/clients/" + id, User: "bloc.officer", Body: map[string]any{"disabled": false}})
	tokenOK(newSecret)
	if n := audits("client.update"); n != 2 {
		t.Fatalf("%d client.update events, want 2", n)
	}

	// Refusals leave the client as it was: a blank name, an empty patch, unknown fields, others.
	before := e.count("audit_events", "")
	problem(t, e.do(req{Method: "PATCH", Path: "/api/v1/clients/" + id, User: "committee.officer", Body: map[string]any{"name": " "}}),
		http.StatusUnprocessableEntity, "validation")
	for _, body := range []map[string]any{{}, {"role": "bloc_officer"}} {
		res := e.do(req{Method: "PATCH", Path: "/api/v1/clients/" + id, User: "committee.officer", Body: body})
		problem(t, res, http.StatusBadRequest, problemCode(t, res))
	}
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/clients/" + id + "/secret", User: "cell.secretary"}), http.StatusForbidden, "forbidden")
	problem(t, e.do(req{Method: "PATCH", Path: "/api/v1/clients/" + id, User: "member", Body: map[string]any{"disabled": true}}),
		http.StatusForbidden, "forbidden")
	if n := e.count("audit_events", ""); n != before {
		t.Fatalf("refusals wrote %d audit events", n-before)
	}
	tokenOK(newSecret)
	if n := e.count("clients", "id = $1 AND name = 'Cổng cũ' AND NOT disabled", id); n != 1 {
		t.Fatal("a refused change altered the client")
	}

}
