package httpapi_test

import (
	"net/http"
	"testing"
)

// Full-stack tests of member profiles: what the cell keeps on its members, who reads it, and the
// audit of every read of a list of members.

// mbrMember is the JSON form of a member profile.
type mbrMember struct {
	ID              string     `json:"id"`
	Unit            mdlUnitRef `json:"unit"`
	UserID          *string    `json:"user_id"`
	FullName        string     `json:"full_name"`
	BirthDate       *string    `json:"birth_date"`
	Position        string     `json:"position"`
	Workplace       string     `json:"workplace"`
	JoinedPartyOn   *string    `json:"joined_party_on"`
	PartyCardNumber *string    `json:"party_card_number"`
	Version         int64      `json:"version"`
	AllowedActions  []string   `json:"allowed_actions"`
}

func (m mbrMember) tagVersion() int64 { return m.Version }

// mbrList is a page of members.
type mbrList struct {
	Items      []mbrMember `json:"items"`
	NextCursor *string     `json:"next_cursor"`
}

func TestMembersProfileLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	vp := "/api/v1/units/" + e.units["CB-VP"].String() + "/members"
	m := call[mbrMember](e, http.StatusCreated, req{Method: "POST", Path: vp, User: "cell.secretary", Body: map[string]any{
		"full_name": "  Nguyễn Văn  An ", "birth_date": "1991-05-04", "position": "Chuyên viên", "workplace": "Văn phòng Sở",
		"joined_party_on": "2016-02-03", "party_card_number": "VP-0100"}})
	if m.FullName != "Nguyễn Văn  An" || m.Unit.Code != "CB-VP" || *m.BirthDate != "1991-05-04" || *m.JoinedPartyOn != "2016-02-03" ||
		m.UserID != nil || m.Version != 1 {
		t.Fatalf("created %+v", m)
	}
	at := "/api/v1/members/" + m.ID
	for _, who := range []string{"committee.officer", "inspector", "bloc.officer"} {
		call[mbrMember](e, http.StatusOK, req{Method: "GET", Path: at, User: who})
	}
	for _, who := range []string{"member", "cell.secretary2", "portal"} {
		if who == "portal" {
			continue // portal clients are in the matrix
		}
		problem(t, e.do(req{Method: "GET", Path: at, User: who}), http.StatusNotFound, "not_found")
	}

	// Linking the account of the demo member is refused: it has a profile already.
	problem(t, e.do(req{Method: "PATCH", Path: at, User: "cell.secretary", Body: map[string]any{"user_id": e.users["member"]}}),
		http.StatusConflict, "duplicate")
	// A second card with the same number, an unknown account, impossible dates: refused, nothing written.
	before := e.count("members", "")
	problem(t, e.do(req{Method: "POST", Path: vp, User: "cell.secretary", Body: map[string]any{"full_name": "B", "party_card_number": "VP-0100"}}),
		http.StatusConflict, "duplicate")
	problem(t, e.do(req{Method: "POST", Path: vp, User: "cell.secretary", Body: map[string]any{"full_name": "B", "user_id": "0192f000-0000-7000-8000-000000000000"}}),
		http.StatusUnprocessableEntity, "validation")
	p := problem(t, e.do(req{Method: "POST", Path: vp, User: "cell.secretary", Body: map[string]any{"full_name": "C",
		"birth_date": "2001-01-01", "joined_party_on": "2010-01-01"}}), http.StatusUnprocessableEntity, "validation")
	if errs, _ := p["errors"].([]any); len(errs) != 1 || errs[0].(map[string]any)["field"] != "/joined_party_on" {
		t.Fatalf("errors %v", p["errors"])
	}
	problem(t, e.do(req{Method: "POST", Path: vp, User: "cell.secretary", Body: map[string]any{"full_name": "   "}}),
		http.StatusUnprocessableEntity, "validation")
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/units/" + e.units["DU-SCT"].String() + "/members", User: "committee.officer",
		Body: map[string]any{"full_name": "D"}}), http.StatusUnprocessableEntity, "not_a_cell")
	if after := e.count("members", ""); after != before {
		t.Fatalf("refused writes left %d members, had %d", after, before)
	}

	// Edits: If-Match, a date the member's birth makes impossible, an account linked and unlinked.
	problem(t, e.do(req{Method: "PATCH", Path: at, User: "cell.secretary", Header: ifMatch(7), Body: map[string]any{"position": "X"}}),
		http.StatusPreconditionFailed, "stale_version")
	problem(t, e.do(req{Method: "PATCH", Path: at, User: "cell.secretary", Body: map[string]any{"joined_party_on": "2000-01-01"}}),
		http.StatusUnprocessableEntity, "validation")
	problem(t, e.do(req{Method: "PATCH", Path: at, User: "inspector", Body: map[string]any{"position": "X"}}),
		http.StatusForbidden, "forbidden")
	u := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users", User: "cell.secretary", Body: map[string]any{
		"username": "nguyen.an", "full_name": "Nguyễn Văn An", "password": "matkhau-123456", "unit_id": e.units["CB-VP"]}}).JSON(t)
	m = call[mbrMember](e, http.StatusOK, req{Method: "PATCH", Path: at, User: "cell.secretary", Header: ifMatch(1),
		Body: map[string]any{"user_id": u["id"], "position": "Phó Chánh Văn phòng"}})
	if m.UserID == nil || *m.UserID != u["id"] || m.Position != "Phó Chánh Văn phòng" || m.Version != 2 {
		t.Fatalf("updated %+v", m)
	}
	m = call[mbrMember](e, http.StatusOK, req{Method: "PATCH", Path: at, User: "committee.officer", Body: map[string]any{"unlink_user": true}})
	if m.UserID != nil || m.Version != 3 {
		t.Fatalf("unlinked %+v", m)
	}
	if n := e.count("audit_events", "resource_id = $1 AND action IN ('member.create', 'member.update')", m.ID); n != 3 {
		t.Fatalf("%d audit events for the member, want 3", n)
	}

	// Removing: by its managers only, with If-Match.
	problem(t, e.do(req{Method: "DELETE", Path: at, User: "inspector"}), http.StatusForbidden, "forbidden")
	problem(t, e.do(req{Method: "DELETE", Path: at, User: "cell.secretary", Header: ifMatch(2)}), http.StatusPreconditionFailed, "stale_version")
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: at, User: "cell.secretary", Header: ifMatch(3)})
	problem(t, e.do(req{Method: "GET", Path: at, User: "admin"}), http.StatusNotFound, "not_found")
}

// Every read of a list of members is recorded: who looked, where, when; a refused read writes
// nothing and shows nothing.
func TestMembersListReadsAreAudited(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	vp := "/api/v1/units/" + e.units["CB-VP"].String() + "/members"
	audits := func(who string) int {
		return e.count("audit_events", "action = 'member.list' AND actor_id = $1 AND unit_id = $2", e.users[who], e.units["CB-VP"])
	}
	list := call[mbrList](e, http.StatusOK, req{Method: "GET", Path: vp + "?limit=3", User: "cell.secretary"})
	if len(list.Items) != 3 || list.NextCursor == nil || audits("cell.secretary") != 1 {
		t.Fatalf("page of %d, next %v, %d audits", len(list.Items), list.NextCursor, audits("cell.secretary"))
	}
	rest := call[mbrList](e, http.StatusOK, req{Method: "GET", Path: vp + "?limit=3&cursor=" + *list.NextCursor, User: "cell.secretary"})
	if len(rest.Items) != 1 || rest.NextCursor != nil || audits("cell.secretary") != 2 {
		t.Fatalf("second page of %d, %d audits", len(rest.Items), audits("cell.secretary"))
	}
	found := call[mbrList](e, http.StatusOK, req{Method: "GET", Path: vp + "?q=hoang%20van", User: "inspector"})
	if len(found.Items) != 1 || found.Items[0].FullName != "Hoàng Văn Nam" || audits("inspector") != 1 {
		t.Fatalf("search found %+v, %d audits", found.Items, audits("inspector"))
	}
	problem(t, e.do(req{Method: "GET", Path: vp, User: "member"}), http.StatusForbidden, "forbidden")
	problem(t, e.do(req{Method: "GET", Path: vp, User: "cell.secretary2"}), http.StatusNotFound, "not_found")
	if audits("member") != 0 || audits("cell.secretary2") != 0 {
		t.Fatal("a refused read was audited")
	}
	// The audit trail shows the reads to those who read the audit.
	trail := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/audit-events?action=member.list",
		User: "committee.officer"}).JSON(t)
	if items, _ := trail["items"].([]any); len(items) != 3 {
		t.Fatalf("audit trail of reads: %v", trail)
	}
	// A member reads their own profile, not their comrades'.
	own := call[mbrMember](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/me/member", User: "member"})
	if own.FullName != "Hoàng Văn Nam" || len(own.AllowedActions) != 0 {
		t.Fatalf("own profile %+v", own)
	}
	call[mbrMember](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/members/" + own.ID, User: "member"})
}
