package httpapi_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/google/uuid"
)

// mxMemberOf returns the id of the demo member named name (as administrator).
func mxMemberOf(e *env, cell, name string) uuid.UUID {
	e.t.Helper()
	list := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units[cell].String() + "/members?q=" + url.QueryEscape(name), User: "admin"}).JSON(e.t)
	items, _ := list["items"].([]any)
	if len(items) != 1 {
		e.t.Fatalf("%d members named %q at %s", len(items), name, cell)
	}
	return uuid.MustParse(items[0].(map[string]any)["id"].(string))
}

// mxFreshMember adds a member without an account to cell, as administrator.
func mxFreshMember(e *env, fx *mxFixtures, cell string) uuid.UUID {
	e.t.Helper()
	m := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.units[cell].String() + "/members", User: "admin",
		Body: map[string]any{"full_name": fx.next("Đảng viên")}}).JSON(e.t)
	return uuid.MustParse(m["id"].(string))
}

// mxMemberRows is the rows of member profiles. Personal data: the member, the officers above
// them (the cell's secretary included), inspectors and administrators read it; members of the
// same cell, readers from other branches and portals do not (404 for a profile, 403 for the list
// of a unit they read).
func mxMemberRows(w *mxWorld) []mxRow {
	e, fx, unit, get := w.e, w.fx, w.unit, w.get
	nam := mxMemberOf(e, "CB-VP", "Hoàng Văn Nam")
	hanh := mxMemberOf(e, "CB-VP", "Đỗ Thị Hạnh")
	khoa := mxMemberOf(e, "CB-BTTP", "Đặng Minh Khoa")
	membersAt := func(code, query string) func(*env, string) req {
		return get("/api/v1/units/" + unit(code) + "/members" + query)
	}
	createAt := func(code string) func(*env, string) req {
		return func(*env, string) req {
			return req{Method: "POST", Path: "/api/v1/units/" + unit(code) + "/members", Body: map[string]any{"full_name": fx.next("Đảng viên")}}
		}
	}
	onFresh := func(cell, method string, body any) func(*env, string) req {
		return func(e *env, _ string) req {
			return req{Method: method, Path: "/api/v1/members/" + mxFreshMember(e, fx, cell).String(), Body: body}
		}
	}
	edit := map[string]any{"position": "Phó Chánh Văn phòng"}
	return []mxRow{
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listMembers", target: "CB-VP", build: membersAt("CB-VP", ""),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 403, 404, 403},
			check: mxCount(map[string]int{"admin": 4, "inspector": 4, "cell.secretary": 4})},
		{op: "listMembers", target: "DU-SCT subtree", build: membersAt("DU-SCT", "?scope=subtree"),
			want:  mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403},
			check: mxCount(map[string]int{"committee.officer": 7})},
		{op: "listMembers", target: "CB-BTTP", build: membersAt("CB-BTTP", ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 403}},
		{op: "listMembers", target: "foreign cell", build: membersAt("MX-CB", ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getMember", target: "CB-VP member's own", build: get("/api/v1/members/" + nam.String()),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxActions(map[string][]string{"admin": {"update", "delete"}, "inspector": mxNone, "cell.secretary": {"update", "delete"}, "member": mxNone})},
		{op: "getMember", target: "CB-VP without account", build: get("/api/v1/members/" + hanh.String()),
			want: mxCodes{401, 200, 200, 200, 200, 200, 404, 404, 404}},
		{op: "getMember", target: "CB-BTTP", build: get("/api/v1/members/" + khoa.String()),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}},
		{op: "getMember", target: "unknown id", build: get("/api/v1/members/" + uuid.NewString()),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getMyMember", target: "own profile", build: get("/api/v1/me/member"),
			want:  mxCodes{401, 404, 404, 404, 404, 200, 200, 200, 404},
			check: mxOwnName(map[string]string{"cell.secretary": "Phạm Thị Lan", "member": "Hoàng Văn Nam", "cell.secretary2": "Vũ Thị Mai"})},
		{op: "createMember", target: "at CB-VP", build: createAt("CB-VP"),
			want: mxCodes{401, 201, 201, 403, 201, 201, 403, 404, 403}},
		{op: "createMember", target: "at CB-BTTP", build: createAt("CB-BTTP"),
			want: mxCodes{401, 201, 201, 403, 404, 404, 404, 201, 403}},
		{op: "createMember", target: "at DU-SCT (not a cell)", build: createAt("DU-SCT"),
			want:     mxCodes{401, 422, 422, 403, 422, 403, 403, 404, 403},
			problems: map[string]string{"admin": "not_a_cell", "committee.officer": "not_a_cell"}},
		{op: "updateMember", target: "fresh at CB-VP", build: onFresh("CB-VP", "PATCH", edit),
			want: mxCodes{401, 200, 200, 403, 200, 200, 404, 404, 404}},
		{op: "deleteMember", target: "fresh at CB-VP", build: onFresh("CB-VP", "DELETE", nil),
			want: mxCodes{401, 204, 204, 403, 204, 204, 404, 404, 404}},
		{op: "deleteMember", target: "fresh at CB-BTTP", build: onFresh("CB-BTTP", "DELETE", nil),
			want: mxCodes{401, 204, 204, 403, 404, 404, 404, 204, 404}},
	}
}

// mxOwnName checks that each caller got their own profile.
func mxOwnName(want map[string]string) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		if v := got.JSON(t)["full_name"]; v != want[caller] {
			t.Errorf("full_name = %v, want %q", v, want[caller])
		}
	}
}
