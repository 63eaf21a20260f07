package httpapi_test

import (
	"net/http"
	"net/url"
	"strconv"
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

// mxCommitmentOf returns the id of the demo commitment of the member named name for year.
func mxCommitmentOf(e *env, cell, name string, year int) uuid.UUID {
	e.t.Helper()
	list := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/members/" + mxMemberOf(e, cell, name).String() + "/commitments", User: "admin"}).JSON(e.t)
	for _, it := range list["items"].([]any) {
		c := it.(map[string]any)
		if int(c["year"].(float64)) == year {
			return uuid.MustParse(c["id"].(string))
		}
	}
	e.t.Fatalf("no commitment of %s for %d", name, year)
	return uuid.Nil
}

// mxFreshCommitment drafts, as administrator, a commitment of a fresh member without an account
// at cell, and takes it to status; it returns the commitment's id and its first item's.
func mxFreshCommitment(e *env, fx *mxFixtures, cell, status string) (uuid.UUID, string) {
	e.t.Helper()
	m := mxFreshMember(e, fx, cell)
	c := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/members/" + m.String() + "/commitments", User: "admin",
		Body: map[string]any{"year": 2025, "items": []map[string]any{{"kind": "task", "text": "Hoàn thành nhiệm vụ chuyên môn."}}}}).JSON(e.t)
	id := c["id"].(string)
	item := c["items"].([]any)[0].(map[string]any)["id"].(string)
	steps := []struct{ state, suffix string }{{"submitted", "/submit"}, {"accepted", "/accept"}, {"self_assessed", "/self-assessment"},
		{"reviewed", "/review"}}
	bodies := map[string]any{
		"/self-assessment": map[string]any{"period": "year_end", "items": []map[string]any{{"item_id": item, "result": "done"}}},
		"/review":          map[string]any{"assessment": "Hoàn thành tốt.", "proposed_class": "good"},
	}
	for _, s := range steps {
		if status == "draft" {
			break
		}
		e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/commitments/" + id + s.suffix, User: "admin", Body: bodies[s.suffix]})
		if s.state == status {
			break
		}
	}
	return uuid.MustParse(id), item
}

// mxCommitmentRows is the rows of commitments, their deadlines and counts: personal data read
// like the profiles; the member (or, without an account, the cell's secretary) writes; the cell's
// secretary or the committee above accepts, returns and reviews; only the committee classifies.
func mxCommitmentRows(w *mxWorld) []mxRow {
	e, fx, unit, get, thisYear := w.e, w.fx, w.unit, w.get, w.thisYear
	hanh := mxCommitmentOf(e, "CB-VP", "Đỗ Thị Hạnh", thisYear)
	nam := mxCommitmentOf(e, "CB-VP", "Hoàng Văn Nam", thisYear-1)
	mai := mxCommitmentOf(e, "CB-BTTP", "Vũ Thị Mai", thisYear)
	namMember := mxMemberOf(e, "CB-VP", "Hoàng Văn Nam")
	on := func(cell, status, method, suffix string, body func(item string) any) func(*env, string) req {
		return func(e *env, _ string) req {
			id, item := mxFreshCommitment(e, fx, cell, status)
			var b any
			if body != nil {
				b = body(item)
			}
			return req{Method: method, Path: "/api/v1/commitments/" + id.String() + suffix, Body: b}
		}
	}
	fixed := func(b any) func(string) any { return func(string) any { return b } }
	items := []map[string]any{{"kind": "study", "text": "Học chuyên đề năm."}}
	year := strconv.Itoa(thisYear)
	return []mxRow{
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getCommitment", target: "CB-VP submitted, member without account", build: get("/api/v1/commitments/" + hanh.String()),
			want: mxCodes{401, 200, 200, 200, 200, 200, 404, 404, 404},
			check: mxActions(map[string][]string{"admin": {"accept", "return"}, "bloc.officer": mxNone, "inspector": mxNone,
				"committee.officer": {"accept", "return"}, "cell.secretary": {"accept", "return"}})},
		{op: "getCommitment", target: "CB-VP classified, mem's own", build: get("/api/v1/commitments/" + nam.String()),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}, check: mxActions(map[string][]string{"admin": mxNone, "member": mxNone})},
		{op: "getCommitment", target: "CB-BTTP submitted, cs2's own", build: get("/api/v1/commitments/" + mai.String()),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}, check: mxActions(map[string][]string{"cell.secretary2": mxNone})},
		{op: "getCommitment", target: "unknown id", build: get("/api/v1/commitments/" + uuid.NewString()),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "listMemberCommitments", target: "mem's own", build: get("/api/v1/members/" + namMember.String() + "/commitments"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}, check: mxCount(map[string]int{"member": 1, "inspector": 1})},
		{op: "listUnitCommitments", target: "CB-VP", build: get("/api/v1/units/" + unit("CB-VP") + "/commitments"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 404, 403}, check: mxCount(map[string]int{"admin": 7, "cell.secretary": 7})},
		{op: "listUnitCommitments", target: "DU-SCT subtree last year", build: get("/api/v1/units/" + unit("DU-SCT") + "/commitments?scope=subtree&year=" + strconv.Itoa(thisYear-1)),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}, check: mxCount(map[string]int{"committee.officer": 6})},
		{op: "getMemberClassCounts", target: "DU-SCT last year", build: get("/api/v1/units/" + unit("DU-SCT") + "/member-classes?year=" + strconv.Itoa(thisYear-1)),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}, check: mxClassCounts(map[string]int{"classified": 5, "reviewed": 6, "committed": 6})},
		{op: "getMemberCoverage", target: "DU-SCT last year, two a page", build: get("/api/v1/units/" + unit("DU-SCT") + "/member-coverage?limit=2&year=" + strconv.Itoa(thisYear-1)),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}, check: mxCoverage(2, map[string]int{"classified": 5, "reviewed": 6})},
		{op: "getMemberCoverage", target: "CB-VP last year", build: get("/api/v1/units/" + unit("CB-VP") + "/member-coverage?year=" + strconv.Itoa(thisYear-1)),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 404, 403}, check: mxCoverage(1, map[string]int{"classified": 3, "reviewed": 4})},
		{op: "getMemberClassCounts", target: "CB-VP this year", build: get("/api/v1/units/" + unit("CB-VP") + "/member-classes?year=" + year),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 404, 403}},
		{op: "getCommitmentDeadline", target: "CB-VP", build: get("/api/v1/units/" + unit("CB-VP") + "/commitment-deadlines/" + year),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}},
		{op: "setCommitmentDeadline", target: "DU-SCT next year", build: func(*env, string) req {
			return req{Method: "PUT", Path: "/api/v1/units/" + unit("DU-SCT") + "/commitment-deadlines/" + strconv.Itoa(thisYear+1),
				Body: map[string]any{"due_on": strconv.Itoa(thisYear+1) + "-04-30"}}
		}, want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}},
		// The member's own (with an account): the member writes; admin writes for anyone (another year).
		{op: "createCommitment", target: "mem's own", build: func(_ *env, caller string) req {
			y := thisYear + 1
			if caller == "admin" {
				y = thisYear - 3
			}
			return req{Method: "POST", Path: "/api/v1/members/" + namMember.String() + "/commitments", Body: map[string]any{"year": y, "items": items}}
		}, want: mxCodes{401, 201, 403, 403, 403, 403, 201, 404, 404}},
		{op: "createCommitment", target: "CB-VP member without account", build: func(e *env, _ string) req {
			return req{Method: "POST", Path: "/api/v1/members/" + mxFreshMember(e, fx, "CB-VP").String() + "/commitments",
				Body: map[string]any{"year": thisYear, "items": items}}
		}, want: mxCodes{401, 201, 403, 403, 403, 201, 404, 404, 404}},
		{op: "updateCommitment", target: "CB-VP draft", build: on("CB-VP", "draft", "PATCH", "", fixed(map[string]any{"items": items})),
			want: mxCodes{401, 200, 403, 403, 403, 200, 404, 404, 404}},
		{op: "deleteCommitment", target: "CB-VP draft", build: on("CB-VP", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 403, 204, 404, 404, 404}},
		{op: "submitCommitment", target: "CB-VP draft", build: on("CB-VP", "draft", "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 404, 404, 404}},
		{op: "acceptCommitment", target: "CB-VP submitted", build: on("CB-VP", "submitted", "POST", "/accept", nil),
			want: mxCodes{401, 200, 403, 403, 200, 200, 404, 404, 404}},
		{op: "returnCommitment", target: "CB-VP submitted", build: on("CB-VP", "submitted", "POST", "/return", fixed(map[string]any{"reason": "Bổ sung."})),
			want: mxCodes{401, 200, 403, 403, 200, 200, 404, 404, 404}},
		{op: "acceptCommitment", target: "CB-BTTP submitted", build: on("CB-BTTP", "submitted", "POST", "/accept", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "acceptCommitment", target: "cs2's own", build: func(*env, string) req {
			return req{Method: "POST", Path: "/api/v1/commitments/" + mai.String() + "/accept", Header: ifMatch(1)}
		}, want: mxCodes{401, 412, 403, 403, 404, 404, 404, 403, 404}, problems: map[string]string{"cell.secretary2": "own_submission"}},
		{op: "selfAssessCommitment", target: "CB-VP accepted", build: on("CB-VP", "accepted", "POST", "/self-assessment", func(item string) any {
			return map[string]any{"period": "mid_year", "items": []map[string]any{{"item_id": item, "result": "partly"}}}
		}), want: mxCodes{401, 200, 403, 403, 403, 200, 404, 404, 404}},
		{op: "reviewCommitment", target: "CB-VP self-assessed", build: on("CB-VP", "self_assessed", "POST", "/review",
			fixed(map[string]any{"assessment": "Tốt.", "proposed_class": "good"})),
			want: mxCodes{401, 200, 403, 403, 200, 200, 404, 404, 404}},
		{op: "classifyCommitment", target: "CB-VP reviewed", build: on("CB-VP", "reviewed", "POST", "/classify", fixed(map[string]any{"class": "good"})),
			want: mxCodes{401, 200, 403, 403, 200, 403, 404, 404, 404}},
		// The nominee's classes: for those who read the nominee's cell's members.
		{op: "getNomineeClassifications", target: "CB-VP draft of Hoàng Văn Nam", build: get("/api/v1/nominations/" + w.nomVPDraft.String() + "/member-classifications"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 404, 404}, check: mxNominee("Hoàng Văn Nam", 1)},
		{op: "getNomineeClassifications", target: "CB-QLTM endorsed, no such member", build: get("/api/v1/nominations/" + w.nomQLEndorsed.String() + "/member-classifications"),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404}, check: mxNominee("", 0)},
		{op: "classifyCommitment", target: "CB-BTTP reviewed", build: on("CB-BTTP", "reviewed", "POST", "/classify", fixed(map[string]any{"class": "good"})),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
	}
}

// mxClassCounts checks fields of a class-count answer for every 2xx answer.
func mxClassCounts(want map[string]int) func(*testing.T, string, resp) {
	return func(t *testing.T, _ string, got resp) {
		t.Helper()
		body := got.JSON(t)
		for k, n := range want {
			if v, _ := body[k].(float64); int(v) != n {
				t.Errorf("%s = %v, want %d: %s", k, body[k], n, got.Body)
			}
		}
	}
}

// mxNominee checks the member matched to a nominee and the number of their classifications.
func mxNominee(name string, n int) func(*testing.T, string, resp) {
	return func(t *testing.T, _ string, got resp) {
		t.Helper()
		body := got.JSON(t)
		m, _ := body["member"].(map[string]any)
		if classes, _ := body["classifications"].([]any); len(classes) != n || (name == "") != (m == nil) || (m != nil && m["full_name"] != name) {
			t.Errorf("nominee %v, want %q with %d classes", got.JSON(t), name, n)
		}
	}
}

// mxCoverage checks the rows of a page of member coverage and fields of its totals.
func mxCoverage(rows int, totals map[string]int) func(*testing.T, string, resp) {
	return func(t *testing.T, _ string, got resp) {
		t.Helper()
		body := got.JSON(t)
		if items, _ := body["items"].([]any); len(items) != rows {
			t.Errorf("%d rows, want %d: %s", len(items), rows, got.Body)
		}
		tot, _ := body["totals"].(map[string]any)
		for k, n := range totals {
			if v, _ := tot[k].(float64); int(v) != n {
				t.Errorf("totals %s = %v, want %d", k, tot[k], n)
			}
		}
	}
}
