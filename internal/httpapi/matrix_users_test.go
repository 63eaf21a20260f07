package httpapi_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/google/uuid"
)

// mxUserRows is the rows of users, their roles and API clients.
func mxUserRows(w *mxWorld) []mxRow {
	e, fx, unit, uid, self, get := w.e, w.fx, w.unit, w.uid, w.self, w.get
	return []mxRow{
		// ---- users ---------------------------------------------------------------------------------
		// A user outside what the caller may read does not exist for it (404), even when the user's
		// unit is readable; everyone reads themselves.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listUsers", target: "all readable", build: get("/api/v1/users"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 200, 403},
			check: mxItemsWhere(e, "unit_id", map[string][]string{"committee.officer": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "DUBP-SCT-KD", "CB-KD1"},
				"cell.secretary": {"CB-VP"}, "cell.secretary2": {"CB-BTTP"}})},
		{op: "listUsers", target: "unit_id=KHOI-CQDN", build: get("/api/v1/users?unit_id=" + unit("KHOI-CQDN")),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403}},
		{op: "listUsers", target: "unit_id=CB-VP", build: get("/api/v1/users?unit_id=" + unit("CB-VP")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 404, 403}},
		{op: "listUsers", target: "unit_id=DU-STP", build: get("/api/v1/users?unit_id=" + unit("DU-STP")),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 403, 403}},
		{op: "listUsers", target: "unit_id=foreign bloc", build: get("/api/v1/users?unit_id=" + unit("MX-BLOC")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "createUser", target: "at KHOI-CQDN", want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["KHOI-CQDN"]) }},
		{op: "createUser", target: "at DU-SCT", want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["DU-SCT"]) }},
		{op: "createUser", target: "at CB-VP", want: mxCodes{401, 201, 201, 403, 201, 201, 403, 404, 403},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["CB-VP"]) }},
		{op: "createUser", target: "at CB-BTTP", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 201, 403},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["CB-BTTP"]) }},
		{op: "createUser", target: "at foreign cell", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["MX-CB"]) }},
		{op: "getUser", target: "self", want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 404},
			build: func(e *env, c string) req { return req{Method: "GET", Path: "/api/v1/users/" + self(e, c)} }},
		{op: "getUser", target: "member (CB-VP)", build: get("/api/v1/users/" + e.users["member"].String()),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}},
		{op: "getUser", target: "user at CB-QLTM", build: get("/api/v1/users/" + e.users["mx.ql.user"].String()),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404}},
		{op: "getUser", target: "committee.officer (DU-SCT)", build: get("/api/v1/users/" + e.users["committee.officer"].String()),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404}},
		{op: "getUser", target: "bloc.officer (KHOI-CQDN)", build: get("/api/v1/users/" + e.users["bloc.officer"].String()),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404}},
		{op: "getUser", target: "cell.secretary2 (CB-BTTP)", build: get("/api/v1/users/" + e.users["cell.secretary2"].String()),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}},
		{op: "getUser", target: "user of foreign bloc", build: get("/api/v1/users/" + e.users["mx.x.user"].String()),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateUser", target: "self: full_name", want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 404},
			build: func(e *env, c string) req {
				return req{Method: "PATCH", Path: "/api/v1/users/" + self(e, c), Body: map[string]any{"full_name": "Tên tự sửa"}}
			}},
		// Users may edit their own profile (disabled=false included) but never disable themselves.
		{op: "updateUser", target: "self: disabled=false", want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 404},
			build: func(e *env, c string) req {
				return req{Method: "PATCH", Path: "/api/v1/users/" + self(e, c), Body: map[string]any{"disabled": false}}
			}},
		{op: "updateUser", target: "self: disabled=true", want: mxCodes{401, 403, 403, 403, 403, 403, 403, 403, 404},
			build: func(e *env, c string) req {
				return req{Method: "PATCH", Path: "/api/v1/users/" + self(e, c), Body: map[string]any{"disabled": true}}
			}},
		{op: "updateUser", target: "fresh user at DU-SCT", want: mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxPatchUserReq(fx.user(e, e.units["DU-SCT"])) }},
		{op: "updateUser", target: "fresh user at CB-VP", want: mxCodes{401, 200, 200, 403, 200, 200, 404, 404, 404},
			build: func(e *env, _ string) req { return mxPatchUserReq(fx.user(e, e.units["CB-VP"])) }},
		{op: "updateUser", target: "fresh user at CB-BTTP", want: mxCodes{401, 200, 200, 403, 404, 404, 404, 200, 404},
			build: func(e *env, _ string) req { return mxPatchUserReq(fx.user(e, e.units["CB-BTTP"])) }},
		{op: "updateUser", target: "fresh user of foreign bloc", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxPatchUserReq(fx.user(e, e.units["MX-CB"])) }},
		{op: "listUserRoles", target: "self", want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 404},
			build: func(e *env, c string) req { return req{Method: "GET", Path: "/api/v1/users/" + self(e, c) + "/roles"} }},
		{op: "listUserRoles", target: "member (CB-VP)", build: get("/api/v1/users/" + e.users["member"].String() + "/roles"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}},
		{op: "listUserRoles", target: "cell.secretary2 (CB-BTTP)", build: get("/api/v1/users/" + e.users["cell.secretary2"].String() + "/roles"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}},
		{op: "listUserRoles", target: "user of foreign bloc", build: get("/api/v1/users/" + e.users["mx.x.user"].String() + "/roles"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},

		// ---- roles: only roles at or below yours, inside your subtree --------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "grantUserRole", target: "member@CB-VP to fresh CB-VP user", want: mxCodes{401, 201, 201, 403, 201, 201, 404, 404, 404},
			build: func(e *env, _ string) req { return mxGrantReq(fx.user(e, e.units["CB-VP"]), "member", uid("CB-VP")) }},
		{op: "grantUserRole", target: "cell_secretary@CB-VP (same rank as cs)", want: mxCodes{401, 201, 201, 403, 201, 201, 404, 404, 404},
			build: func(e *env, _ string) req {
				return mxGrantReq(fx.user(e, e.units["CB-VP"]), "cell_secretary", uid("CB-VP"))
			}},
		{op: "grantUserRole", target: "committee_officer@DU-SCT (above cs)", want: mxCodes{401, 201, 201, 403, 201, 403, 404, 404, 404},
			build: func(e *env, _ string) req {
				return mxGrantReq(fx.user(e, e.units["CB-VP"]), "committee_officer", uid("DU-SCT"))
			}},
		{op: "grantUserRole", target: "bloc_officer@KHOI-CQDN (above comm)", want: mxCodes{401, 201, 201, 403, 403, 403, 404, 404, 404},
			build: func(e *env, _ string) req {
				return mxGrantReq(fx.user(e, e.units["CB-VP"]), "bloc_officer", uid("KHOI-CQDN"))
			}},
		{op: "grantUserRole", target: "member@CB-BTTP to fresh CB-BTTP user", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 201, 404},
			build: func(e *env, _ string) req {
				return mxGrantReq(fx.user(e, e.units["CB-BTTP"]), "member", uid("CB-BTTP"))
			}},
		// The user is readable to comm and cs, the unit is not: 404.
		{op: "grantUserRole", target: "member@CB-BTTP to fresh CB-VP user", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxGrantReq(fx.user(e, e.units["CB-VP"]), "member", uid("CB-BTTP")) }},
		{op: "grantUserRole", target: "admin to fresh CB-VP user", want: mxCodes{401, 201, 403, 403, 403, 403, 404, 404, 404},
			build: func(e *env, _ string) req { return mxGrantReq(fx.user(e, e.units["CB-VP"]), "admin", nil) }},
		{op: "grantUserRole", target: "member@foreign cell to fresh foreign user", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxGrantReq(fx.user(e, e.units["MX-CB"]), "member", uid("MX-CB")) }},
		{op: "revokeUserRole", target: "member@CB-VP of fresh CB-VP user", want: mxCodes{401, 204, 204, 403, 204, 204, 404, 404, 404},
			build: func(e *env, _ string) req { return mxRevokeReq(e, fx, e.units["CB-VP"], "member", uid("CB-VP")) }},
		{op: "revokeUserRole", target: "committee_officer@DU-SCT of fresh CB-VP user", want: mxCodes{401, 204, 204, 403, 204, 403, 404, 404, 404},
			build: func(e *env, _ string) req {
				return mxRevokeReq(e, fx, e.units["CB-VP"], "committee_officer", uid("DU-SCT"))
			}},
		{op: "revokeUserRole", target: "member@CB-BTTP of fresh CB-BTTP user", want: mxCodes{401, 204, 204, 403, 404, 404, 404, 204, 404},
			build: func(e *env, _ string) req { return mxRevokeReq(e, fx, e.units["CB-BTTP"], "member", uid("CB-BTTP")) }},
		{op: "revokeUserRole", target: "admin of fresh CB-VP user", want: mxCodes{401, 204, 403, 403, 403, 403, 404, 404, 404},
			build: func(e *env, _ string) req { return mxRevokeReq(e, fx, e.units["CB-VP"], "admin", nil) }},
		{op: "revokeUserRole", target: "member@foreign cell of fresh foreign user", want: mxCodes{401, 204, 404, 404, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxRevokeReq(e, fx, e.units["MX-CB"], "member", uid("MX-CB")) }},

		// ---- clients -------------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		// Only the portal client at KHOI-CQDN exists yet: outside the committee officer's subtree.
		{op: "listClients", target: "-", build: get("/api/v1/clients"),
			want:  mxCodes{401, 200, 200, 403, 200, 403, 403, 403, 403},
			check: mxCount(map[string]int{"admin": 1, "bloc.officer": 1, "committee.officer": 0})},
		{op: "createClient", target: "portal@KHOI-CQDN", want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req { return mxNewClientReq(fx, e.units["KHOI-CQDN"]) }},
		{op: "createClient", target: "portal@DU-SCT", want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403},
			build: func(*env, string) req { return mxNewClientReq(fx, e.units["DU-SCT"]) }},
		{op: "createClient", target: "portal@DU-STP", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 403, 403},
			build: func(*env, string) req { return mxNewClientReq(fx, e.units["DU-STP"]) }},
		{op: "createClient", target: "portal@foreign bloc", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req { return mxNewClientReq(fx, e.units["MX-BLOC"]) }},
		{op: "updateClient", target: "fresh portal@DU-SCT, disable", want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403},
			build: mxFreshClient(fx, e.units["DU-SCT"], "PATCH", "", map[string]any{"disabled": true}), check: func(t *testing.T, _ string, got resp) {
				if got.JSON(t)["disabled"] != true {
					t.Errorf("not disabled: %s", got.Body)
				}
			}},
		{op: "updateClient", target: "fresh portal@KHOI-CQDN, rename", want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 403},
			build: mxFreshClient(fx, e.units["KHOI-CQDN"], "PATCH", "", map[string]any{"name": "Cổng thông tin tỉnh (mới)"}),
			check: mxField("name", "Cổng thông tin tỉnh (mới)")},
		{op: "updateClient", target: "fresh portal@foreign bloc", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: mxFreshClient(fx, e.units["MX-BLOC"], "PATCH", "", map[string]any{"disabled": true})},
		{op: "updateClient", target: "fresh portal@DU-SCT, blank name", want: mxCodes{401, 422, 422, 422, 422, 422, 422, 422, 422},
			build: mxFreshClient(fx, e.units["DU-SCT"], "PATCH", "", map[string]any{"name": "   "})},
		{op: "updateClient", target: "unknown id", want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/clients/" + uuid.NewString(), Body: map[string]any{"disabled": true}}
			}},
		{op: "rotateClientSecret", target: "fresh portal@DU-SCT", want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403},
			build: mxFreshClient(fx, e.units["DU-SCT"], "POST", "/secret", nil), check: func(t *testing.T, _ string, got resp) {
				if s, _ := got.JSON(t)["client_secret"].(string); len(s) < 32 || got.Header.Get("Cache-Control") != "no-store" {
					t.Errorf("rotated secret %q, Cache-Control %q", s, got.Header.Get("Cache-Control"))
				}
			}},
		{op: "rotateClientSecret", target: "fresh portal@foreign bloc", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: mxFreshClient(fx, e.units["MX-BLOC"], "POST", "/secret", nil)},
		{op: "rotateClientSecret", target: "unknown id", want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/clients/" + uuid.NewString() + "/secret"}
			}},
	}
}

func mxNewUserReq(fx *mxFixtures, unit uuid.UUID) req {
	return req{Method: "POST", Path: "/api/v1/users",
		Body: map[string]any{"username": fx.next("mx.new"), "full_name": "Người dùng mới", "password": "matrix-pass-1", "unit_id": unit}}
}

func mxPatchUserReq(user uuid.UUID) req {
	return req{Method: "PATCH", Path: "/api/v1/users/" + user.String(), Body: map[string]any{"full_name": "Tên đã sửa"}}
}

func mxGrantReq(user uuid.UUID, role string, unit *uuid.UUID) req {
	body := map[string]any{"role": role}
	if unit != nil {
		body["unit_id"] = *unit
	}
	return req{Method: "POST", Path: "/api/v1/users/" + user.String() + "/roles", Body: body}
}

// mxRevokeReq makes a fresh user at home holding role at unit, and the request revoking it.
func mxRevokeReq(e *env, fx *mxFixtures, home uuid.UUID, role string, unit *uuid.UUID) req {
	e.t.Helper()
	u := fx.user(e, home)
	fx.grant(e, u, role, unit)
	q := url.Values{"role": {role}}
	if unit != nil {
		q.Set("unit_id", unit.String())
	}
	return req{Method: "DELETE", Path: "/api/v1/users/" + u.String() + "/roles?" + q.Encode()}
}

// mxFreshClient registers (as admin) a fresh portal client at unit and calls method on it;
// suffix follows /api/v1/clients/{id}.
func mxFreshClient(fx *mxFixtures, unit uuid.UUID, method, suffix string, body any) func(*env, string) req {
	return func(e *env, _ string) req {
		r := mxNewClientReq(fx, unit)
		r.User = "admin"
		id := e.must(http.StatusCreated, r).JSON(e.t)["id"].(string)
		return req{Method: method, Path: "/api/v1/clients/" + id + suffix, Body: body}
	}
}

func mxNewClientReq(fx *mxFixtures, unit uuid.UUID) req {
	return req{Method: "POST", Path: "/api/v1/clients", Body: map[string]any{"name": fx.next("Cổng thử"), "unit_id": unit, "role": "portal"}}
}
