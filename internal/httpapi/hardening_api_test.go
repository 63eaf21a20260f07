package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
)

// Regressions for the foundation review: escalation through PATCH /users, hostile text,
// secrets kept for idempotent replays, stale 304s.

func TestManagersCannotTakeOverHigherRankedUsers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// A bloc officer may manage users of the bloc, but not the administrator homed there.
	problem(t, e.do(req{Method: "PATCH", Path: "/api/v1/users/" + e.users["admin"].String(), User: "bloc.officer",
		Body: map[string]any{"password": "chiem-quyen-123"}}), http.StatusForbidden, "user_outranks_you")
	problem(t, e.do(req{Method: "PATCH", Path: "/api/v1/users/" + e.users["admin"].String(), User: "bloc.officer",
		Body: map[string]any{"disabled": true}}), http.StatusForbidden, "user_outranks_you")
	// A cell secretary cannot reset the password of a committee officer whose home is the cell.
	officer := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users", User: "admin", Body: map[string]any{
		"username": "officer.at.cell", "full_name": "Cán bộ", "password": "mat-khau-123", "unit_id": e.units["CB-VP"]}}).JSON(t)["id"].(string)
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users/" + officer + "/roles", User: "admin",
		Body: map[string]any{"role": "committee_officer", "unit_id": e.units["DU-SCT"]}})
	problem(t, e.do(req{Method: "PATCH", Path: "/api/v1/users/" + officer, User: "cell.secretary",
		Body: map[string]any{"password": "chiem-quyen-123"}}), http.StatusForbidden, "user_outranks_you")
	// But the member of the cell is theirs to manage.
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/users/" + e.users["member"].String(), User: "cell.secretary",
		Body: map[string]any{"full_name": "Hoàng Văn Nam"}})
}

func TestGrantRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/users/" + e.users["committee.officer"].String() + "/roles", User: "committee.officer",
		Body: map[string]any{"role": "inspector", "unit_id": e.units["DU-SCT"]}}), http.StatusForbidden, "self_grant")
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/users/" + e.users["member"].String() + "/roles", User: "bloc.officer",
		Body: map[string]any{"role": "portal", "unit_id": e.units["KHOI-CQDN"]}}), http.StatusUnprocessableEntity, "role_not_for_users")
}

func TestHostileTextNeverFails(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// Control characters are dropped before storing; a name of only invisible characters is empty.
	got := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/committees/" + e.units["DU-SCT"].String() + "/cells", User: "committee.officer",
		Body: map[string]any{"code": "CB-NUL", "name": "Chi bộ\u0000 Kiểm\u0007 tra"}})
	if name := got.JSON(t)["name"]; name != "Chi bộ Kiểm tra" {
		t.Fatalf("stored name %q", name)
	}
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/committees/" + e.units["DU-SCT"].String() + "/cells", User: "committee.officer",
		Body: map[string]any{"code": "CB-ZW", "name": "\u200b\u200b"}}), http.StatusUnprocessableEntity, "validation")
	for _, q := range []string{"%00", "%FF", "%C3%28", "a%00b"} {
		got := e.do(req{Method: "GET", Path: "/api/v1/blocs/" + e.units["KHOI-CQDN"].String() + "/committees?q=" + q, User: "bloc.officer"})
		if got.Status >= 500 {
			t.Errorf("q=%s: %d\n%s", q, got.Status, got.Body)
		}
	}
	got = e.do(req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"username": "ad\u0000min", "password": "x"}})
	if got.Status >= 500 {
		t.Fatalf("NUL in a username: %d\n%s", got.Status, got.Body)
	}
}

func TestIdempotencyNeverKeepsSecrets(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	body := map[string]any{"name": "Cổng tỉnh", "unit_id": e.units["KHOI-CQDN"], "role": "portal"}
	key := map[string]string{"Idempotency-Key": "client-1"}
	first := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/clients", User: "bloc.officer", Body: body, Header: key})
	if first.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("a secret-bearing answer must be no-store: %q", first.Header.Get("Cache-Control"))
	}
	secret := first.JSON(t)["client_secret"].(string)
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/clients", User: "bloc.officer", Body: body, Header: key}),
		http.StatusConflict, "idempotent_not_replayable")
	if n := e.count("idempotency_keys", "position($1 in convert_from(coalesce(body, ''), 'UTF8')) > 0", secret); n != 0 {
		t.Fatal("the client secret was stored for replays")
	}
	if n := e.count("clients", ""); n != 1 {
		t.Fatalf("%d clients after a retry, want 1", n)
	}
	// Token endpoints are never kept, even when the caller sends a bearer token and a key.
	login := e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"username": "member", "password": "demo12345"}})
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/auth/refresh", User: "member", Header: map[string]string{"Idempotency-Key": "r-1"},
		Body: map[string]string{"refresh_token": login.JSON(t)["refresh_token"].(string)}})
	if n := e.count("idempotency_keys", "key = 'r-1'"); n != 0 {
		t.Fatal("a token answer was kept for replays")
	}
	// Keys are bounded and printable.
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/clients", User: "bloc.officer", Header: map[string]string{"Idempotency-Key": strings.Repeat("k", 6000)},
		Body: body}), http.StatusBadRequest, "validation")
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/clients", User: "bloc.officer", Header: map[string]string{"Idempotency-Key": "bad key"},
		Body: body}), http.StatusBadRequest, "validation")
}

func TestConditionalGetSeesChangesAboveTheVersion(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	path := "/api/v1/units/" + e.units["CB-VP"].String()
	tag := e.must(http.StatusOK, req{Method: "GET", Path: path, User: "committee.officer"}).Header.Get("ETag")
	// Renaming the committee changes the cell's ancestors, not the cell's version.
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/committees/" + e.units["DU-SCT"].String(), User: "bloc.officer",
		Body: map[string]any{"name": "Đảng ủy Sở Công Thương (mới)"}})
	got := e.do(req{Method: "GET", Path: path, User: "committee.officer", Header: map[string]string{"If-None-Match": tag}})
	if got.Status != http.StatusOK || !strings.Contains(string(got.Body), "(mới)") {
		t.Fatalf("a stale copy was revalidated: %d\n%s", got.Status, got.Body)
	}
}
