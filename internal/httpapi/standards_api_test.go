package httpapi_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"lamtheobac/internal/vntime"
)

// Full-stack tests of ethical standards (chuẩn mực đạo đức): the draft → consultation → issued
// workflow and its refusals, comments and their closing date in Vietnam time, postings,
// adoption and the effective standard, coverage, and the poster PDF.
// This file holds their JSON forms and helpers; the tests are in standards_<topic>_api_test.go.

// stdUnitRef is the JSON form of a unit reference.
type stdUnitRef struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// stdItem is one line of a standard.
type stdItem struct {
	ID       string  `json:"id"`
	Text     string  `json:"text"`
	Relation *string `json:"relation"`
}

// stdDecision is an issuing decision.
type stdDecision struct {
	Number string `json:"number"`
	Date   string `json:"date"`
	Signer string `json:"signer"`
}

// apiStandard is the JSON form of a standard.
type apiStandard struct {
	ID                   string       `json:"id"`
	Unit                 stdUnitRef   `json:"unit"`
	Title                string       `json:"title"`
	Subtitle             string       `json:"subtitle"`
	Sector               *string      `json:"sector"`
	Status               string       `json:"status"`
	Items                []stdItem    `json:"items"`
	ConsultationClosesOn *string      `json:"consultation_closes_on"`
	Decision             *stdDecision `json:"decision"`
	IssuedAt             *string      `json:"issued_at"`
	SupersededBy         *string      `json:"superseded_by"`
	WithdrawReason       *string      `json:"withdraw_reason"`
	CommentCount         *int         `json:"comment_count"`
	Version              int64        `json:"version"`
	AllowedActions       []string     `json:"allowed_actions"`
}

// stdComment is the JSON form of a comment.
type stdComment struct {
	ID         string  `json:"id"`
	StandardID string  `json:"standard_id"`
	ItemID     *string `json:"item_id"`
	AuthorID   *string `json:"author_id"`
	AuthorName string  `json:"author_name"`
	Text       string  `json:"text"`
	CreatedAt  string  `json:"created_at"`
}

// stdCommentList is a page of comments.
type stdCommentList struct {
	Items      []stdComment `json:"items"`
	NextCursor *string      `json:"next_cursor"`
}

// stdPosting is the JSON form of a posting.
type stdPosting struct {
	ID         string     `json:"id"`
	StandardID string     `json:"standard_id"`
	Unit       stdUnitRef `json:"unit"`
	Location   string     `json:"location"`
	Frame      string     `json:"frame"`
	WidthCM    float64    `json:"width_cm"`
	HeightCM   float64    `json:"height_cm"`
	PostedOn   string     `json:"posted_on"`
}

// stdEffective is the JSON form of a unit's effective standard.
type stdEffective struct {
	Source   string       `json:"source"`
	Standard *apiStandard `json:"standard"`
	FromUnit *stdUnitRef  `json:"from_unit"`
}

// stdCoverageRow is one row of a coverage report.
type stdCoverageRow struct {
	Unit          stdUnitRef  `json:"unit"`
	Source        string      `json:"source"`
	StandardID    *string     `json:"standard_id"`
	FromUnit      *stdUnitRef `json:"from_unit"`
	PendingStatus *string     `json:"pending_status"`
}

// stdCoverageTotals counts a subtree's units by source.
type stdCoverageTotals struct {
	Units     int `json:"units"`
	Own       int `json:"own"`
	Adopted   int `json:"adopted"`
	Inherited int `json:"inherited"`
	None      int `json:"none"`
	Pending   int `json:"pending"`
}

// stdCoverage is a page of a coverage report.
type stdCoverage struct {
	Items      []stdCoverageRow  `json:"items"`
	NextCursor *string           `json:"next_cursor"`
	Totals     stdCoverageTotals `json:"totals"`
}

// stdDay is the civil date in Vietnam days days from today (real clock), as YYYY-MM-DD.
func stdDay(days int) string {
	return vntime.Date(time.Now()).AddDate(0, 0, days).Format(time.DateOnly)
}

// stdPath is the path of a standard, or of one of its sub-resources.
func stdPath(id string, sub ...string) string {
	p := "/api/v1/standards/" + id
	for _, s := range sub {
		if s != "" { // an empty action names the resource itself
			p += "/" + s
		}
	}
	return p
}

// stdUnitPath is the path of a unit's sub-resource (standards, effective-standard, …).
func (e *env) stdUnitPath(unit, sub string) string {
	return "/api/v1/units/" + e.units[unit].String() + "/" + sub
}

// stdDecisionBody is a valid issuing decision dated yesterday.
func stdDecisionBody(number string) map[string]any {
	return map[string]any{"decision_number": number, "decision_date": stdDay(-1), "signer": "T/M Chi bộ, Bí thư"}
}

// stdItems turns texts into item inputs, without relations.
func stdItems(texts ...string) []map[string]any {
	out := make([]map[string]any, len(texts))
	for i, s := range texts {
		out[i] = map[string]any{"text": s}
	}
	return out
}

// stdCreate drafts a standard at unit as user.
func (e *env) stdCreate(user, unit string, body any) apiStandard {
	e.t.Helper()
	var st apiStandard
	e.must(http.StatusCreated, req{Method: "POST", Path: e.stdUnitPath(unit, "standards"), User: user, Body: body}).Decode(e.t, &st)
	return st
}

// stdGet reads a standard as user.
func (e *env) stdGet(user, id string) apiStandard {
	e.t.Helper()
	var st apiStandard
	e.must(http.StatusOK, req{Method: "GET", Path: stdPath(id), User: user}).Decode(e.t, &st)
	return st
}

// stdConsulting drafts a standard with items at unit and opens its consultation for a week.
func (e *env) stdConsulting(user, unit, title string, items ...string) apiStandard {
	e.t.Helper()
	if len(items) == 0 {
		items = []string{"Trung thực, khiêm tốn, tự giác.", "Tận tụy với công việc."}
	}
	st := e.stdCreate(user, unit, map[string]any{"title": title, "items": stdItems(items...)})
	return call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(st.ID, "open-consultation"), User: user, Header: ifMatch(st.Version), Body: map[string]any{"closes_on": stdDay(7)}})
}

// stdIssued drafts, consults and issues a standard at unit.
func (e *env) stdIssued(user, unit, title string, items ...string) apiStandard {
	e.t.Helper()
	st := e.stdConsulting(user, unit, title, items...)
	return call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(st.ID, "issue"), User: user, Header: ifMatch(st.Version), Body: stdDecisionBody("01-QĐ/" + unit)})
}

// stdEffectiveOf reads a unit's effective standard as user.
func (e *env) stdEffectiveOf(user, unit string) stdEffective {
	e.t.Helper()
	var eff stdEffective
	e.must(http.StatusOK, req{Method: "GET", Path: e.stdUnitPath(unit, "effective-standard"), User: user}).Decode(e.t, &eff)
	return eff
}

// stdWantEffective asserts a unit's effective standard: its source, standard and issuing unit.
func (e *env) stdWantEffective(user, unit, source, standardID, fromUnit string) {
	e.t.Helper()
	eff := e.stdEffectiveOf(user, unit)
	gotID, gotFrom := "", ""
	if eff.Standard != nil {
		gotID = eff.Standard.ID
	}
	if eff.FromUnit != nil {
		gotFrom = eff.FromUnit.Code
	}
	if eff.Source != source || gotID != standardID || gotFrom != fromUnit {
		e.t.Fatalf("effective standard of %s: source %q, standard %q from %q; want %q, %q from %q",
			unit, eff.Source, gotID, gotFrom, source, standardID, fromUnit)
	}
	if eff.Standard != nil && eff.Standard.Status != "issued" {
		e.t.Fatalf("effective standard of %s is %s", unit, eff.Standard.Status)
	}
}

// stdDemo returns DU-SCT's issued demo standard (14-QĐ/ĐU).
func (e *env) stdDemo() apiStandard {
	e.t.Helper()
	var l struct {
		Items []apiStandard `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: e.stdUnitPath("DU-SCT", "standards") + "?status=issued", User: "committee.officer"}).Decode(e.t, &l)
	if len(l.Items) != 1 || l.Items[0].Decision == nil || l.Items[0].Decision.Number != "14-QĐ/ĐU" {
		e.t.Fatalf("demo standard of DU-SCT: %+v", l.Items)
	}
	return l.Items[0]
}

// stdFields lists the fields a problem names.
func stdFields(p map[string]any) []string {
	var out []string
	errs, _ := p["errors"].([]any)
	for _, x := range errs {
		if m, ok := x.(map[string]any); ok {
			f, _ := m["field"].(string)
			out = append(out, f)
		}
	}
	return out
}

// stdWantFields asserts that a problem names every field of want (and, when exact, only them).
func stdWantFields(t *testing.T, p map[string]any, exact bool, want ...string) {
	t.Helper()
	got := stdFields(p)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Fatalf("problem names fields %q, want %q among them", got, w)
		}
	}
	if exact && len(got) != len(want) {
		t.Fatalf("problem names fields %q, want exactly %q", got, want)
	}
}

// stdActions lists the actions of the audit trail of a resource at unit, newest first.
func (e *env) stdActions(unit, resourceID string) ([]string, []apiAuditEvent) {
	e.t.Helper()
	l := e.auditEvents("committee.officer", unit, "?limit=200&resource_id="+resourceID)
	out := make([]string, len(l.Items))
	for i, ev := range l.Items {
		out[i] = ev.Action
	}
	return out, l.Items
}

func TestStandardLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sec := "cell.secretary"

	// Create: typed in NFD (as some Vietnamese keyboards send it), stored and echoed in NFC.
	title := "Chuẩn mực đạo đức của Chi bộ Văn phòng"
	item0 := "Tuyệt đối trung thành với Đảng, với Tổ quốc."
	if norm.NFD.String(title) == title || norm.NFD.String(item0) == item0 {
		t.Fatal("the NFD test strings must differ from their NFC form")
	}
	created := e.must(http.StatusCreated, req{Method: "POST", Path: e.stdUnitPath("CB-VP", "standards"), User: sec, Body: map[string]any{
		"title":    norm.NFD.String(title),
		"subtitle": "của cán bộ, đảng viên Chi bộ Văn phòng",
		"items": []map[string]any{
			{"text": norm.NFD.String(item0), "relation": "fatherland_party"},
			{"text": "Gần dân, trọng dân, vì dân.", "relation": "people"},
			{"text": "Đoàn kết, giúp đỡ đồng chí.", "relation": "comrades"},
			{"text": "Giữ gìn nếp sống giản dị."},
		},
	}})
	var first apiStandard
	created.Decode(t, &first)
	if loc := created.Header.Get("Location"); loc != stdPath(first.ID) {
		t.Fatalf("Location %q, want %q", loc, stdPath(first.ID))
	}
	if et := created.Header.Get("ETag"); et != `"1"` {
		t.Fatalf("ETag %q, want \"1\"", et)
	}
	if first.Status != "draft" || first.Version != 1 || first.Title != title || first.Unit.Code != "CB-VP" || first.Unit.Kind != "cell" ||
		first.Decision != nil || first.IssuedAt != nil || first.ConsultationClosesOn != nil {
		t.Fatalf("created: %+v", first)
	}
	wantRel := []string{"fatherland_party", "people", "comrades", ""}
	if len(first.Items) != 4 {
		t.Fatalf("items: %+v", first.Items)
	}
	for i, it := range first.Items {
		rel := ""
		if it.Relation != nil {
			rel = *it.Relation
		}
		if rel != wantRel[i] || it.ID == "" {
			t.Fatalf("item %d: %+v, want relation %q", i, it, wantRel[i])
		}
	}
	if first.Items[0].Text != item0 {
		t.Fatalf("item text %q is not the NFC %q", first.Items[0].Text, item0)
	}
	if !slices.Equal(first.AllowedActions, []string{"update", "delete", "open_consultation"}) {
		t.Fatalf("allowed actions of a draft for its drafter: %v", first.AllowedActions)
	}
	if got := e.stdGet("member", first.ID); !slices.Equal(got.AllowedActions, []string{}) || got.Title != title {
		t.Fatalf("a member sees %+v", got)
	}

	// Update: reorder and edit, keeping the first item's id; the rest are new.
	kept := first.Items[0].ID
	up := call[apiStandard](e, http.StatusOK, req{Method: "PATCH", Path: stdPath(first.ID), User: sec, Header: ifMatch(1), Body: map[string]any{"items": []map[string]any{
		{"text": "Gần dân, trọng dân, vì dân, hết lòng phục vụ Nhân dân.", "relation": "people"},
		{"id": kept, "text": item0, "relation": "fatherland_party"},
		{"text": "Tận tụy, sáng tạo trong công việc.", "relation": "work"},
	}}})
	if up.Version != 2 || len(up.Items) != 3 || up.Items[1].ID != kept || up.Items[0].ID == first.Items[1].ID ||
		up.Items[2].Relation == nil || *up.Items[2].Relation != "work" || up.Title != title {
		t.Fatalf("updated: %+v", up)
	}
	itemOnWork := up.Items[2].ID

	// Open the consultation.
	closes := stdDay(10)
	cons := call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(first.ID, "open-consultation"), User: sec, Header: ifMatch(2), Body: map[string]any{"closes_on": closes}})
	if cons.Status != "consultation" || cons.ConsultationClosesOn == nil || *cons.ConsultationClosesOn != closes || cons.Version != 3 {
		t.Fatalf("consultation: %+v", cons)
	}
	if !slices.Equal(cons.AllowedActions, []string{"return_to_draft", "issue", "comment"}) {
		t.Fatalf("allowed actions in consultation for the drafter: %v", cons.AllowedActions)
	}
	if got := e.stdGet("member", first.ID); !slices.Equal(got.AllowedActions, []string{"comment"}) {
		t.Fatalf("allowed actions in consultation for a member: %v", got.AllowedActions)
	}

	// Comments: a member on an item and in general, the committee officer above.
	comments := []struct {
		user, text string
		item       *string
	}{
		{"member", "Đề nghị nêu rõ việc “sáng tạo” trong công việc.", &itemOnWork},
		{"member", "Bản chuẩn mực ngắn gọn, dễ nhớ.", nil},
		{"committee.officer", "Đảng ủy Sở đồng ý, đề nghị bổ sung về tiết kiệm.", nil},
	}
	var posted []stdComment
	for _, c := range comments {
		body := map[string]any{"text": c.text}
		if c.item != nil {
			body["item_id"] = *c.item
		}
		var got stdComment
		e.must(http.StatusCreated, req{Method: "POST", Path: stdPath(first.ID, "comments"), User: c.user, Body: body}).Decode(t, &got)
		if got.Text != c.text || got.StandardID != first.ID || got.AuthorID == nil || *got.AuthorID != e.users[c.user].String() ||
			(c.item == nil) != (got.ItemID == nil) || (c.item != nil && *got.ItemID != *c.item) {
			t.Fatalf("comment by %s: %+v", c.user, got)
		}
		posted = append(posted, got)
	}
	if posted[0].AuthorName != "Hoàng Văn Nam" || posted[2].AuthorName != "Lê Minh Tuấn" {
		t.Fatalf("author names %q, %q", posted[0].AuthorName, posted[2].AuthorName)
	}
	// A comment on an item of no standard is refused, and not counted.
	p := problem(t, e.do(req{Method: "POST", Path: stdPath(first.ID, "comments"), User: "member",
		Body: map[string]any{"text": "Về mục khác", "item_id": first.Items[3].ID}}), 422, "validation")
	stdWantFields(t, p, true, "/item_id")

	// The drafter sees every comment, oldest first, and pages through them.
	var all stdCommentList
	e.must(http.StatusOK, req{Method: "GET", Path: stdPath(first.ID, "comments"), User: sec}).Decode(t, &all)
	if len(all.Items) != 3 || all.NextCursor != nil {
		t.Fatalf("comments: %+v", all)
	}
	for i := range posted {
		if all.Items[i].ID != posted[i].ID || all.Items[i].Text != posted[i].Text {
			t.Fatalf("comment %d: %+v, want %+v", i, all.Items[i], posted[i])
		}
		if i > 0 {
			prev, err1 := time.Parse(time.RFC3339Nano, all.Items[i-1].CreatedAt)
			cur, err2 := time.Parse(time.RFC3339Nano, all.Items[i].CreatedAt)
			if err1 != nil || err2 != nil || cur.Before(prev) {
				t.Fatalf("comments not oldest first: %+v", all.Items)
			}
		}
	}
	var page1, page2 stdCommentList
	e.must(http.StatusOK, req{Method: "GET", Path: stdPath(first.ID, "comments") + "?limit=2", User: sec}).Decode(t, &page1)
	if len(page1.Items) != 2 || page1.NextCursor == nil || page1.Items[0].ID != posted[0].ID {
		t.Fatalf("first page: %+v", page1)
	}
	e.must(http.StatusOK, req{Method: "GET", Path: stdPath(first.ID, "comments") + "?limit=2&cursor=" + url.QueryEscape(*page1.NextCursor), User: sec}).Decode(t, &page2)
	if len(page2.Items) != 1 || page2.NextCursor != nil || page2.Items[0].ID != posted[2].ID {
		t.Fatalf("second page: %+v", page2)
	}
	if got := e.stdGet(sec, first.ID); got.CommentCount == nil || *got.CommentCount != 3 || got.Version != 3 {
		t.Fatalf("after comments: count %v, version %d", got.CommentCount, got.Version)
	}

	// Back to draft for revision (comments stay), edit, reopen.
	back := call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(first.ID, "return-to-draft"), User: sec, Header: ifMatch(3)})
	if back.Status != "draft" || back.Version != 4 || back.CommentCount == nil || *back.CommentCount != 3 ||
		!slices.Equal(back.AllowedActions, []string{"update", "open_consultation"}) {
		t.Fatalf("returned to draft: %+v", back)
	}
	// It left draft once, so it is kept for the record with its comments: no deletion.
	problem(t, e.do(req{Method: "DELETE", Path: stdPath(first.ID), User: sec, Header: ifMatch(4)}), 409, "invalid_transition")
	if got := e.stdGet(sec, first.ID); got.Version != 4 || *got.CommentCount != 3 {
		t.Fatalf("after a refused deletion: %+v", got)
	}
	// A conditional GET with the ETag just read is not modified.
	tag := e.must(http.StatusOK, req{Method: "GET", Path: stdPath(first.ID), User: sec}).Header.Get("ETag")
	if got := e.do(req{Method: "GET", Path: stdPath(first.ID), User: sec, Header: map[string]string{"If-None-Match": tag}}); tag == "" || got.Status != http.StatusNotModified {
		t.Fatalf("If-None-Match with the current ETag %q: %d", tag, got.Status)
	}
	edited := call[apiStandard](e, http.StatusOK, req{Method: "PATCH", Path: stdPath(first.ID), User: sec, Header: ifMatch(4), Body: map[string]any{"items": []map[string]any{
		{"id": up.Items[0].ID, "text": up.Items[0].Text, "relation": "people"},
		{"id": kept, "text": item0, "relation": "fatherland_party"},
		{"id": itemOnWork, "text": "Tận tụy, sáng tạo, đổi mới cách làm trong công việc.", "relation": "work"},
		{"text": "Trung thực, khiêm tốn, tự giác, liêm khiết, tiết kiệm.", "relation": "self"},
	}}})
	if edited.Version != 5 || len(edited.Items) != 4 || edited.Items[2].ID != itemOnWork {
		t.Fatalf("edited: %+v", edited)
	}
	reopened := call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(first.ID, "open-consultation"), User: sec, Header: ifMatch(5), Body: map[string]any{"closes_on": stdDay(3)}})
	if reopened.Status != "consultation" || *reopened.ConsultationClosesOn != stdDay(3) || reopened.Version != 6 {
		t.Fatalf("reopened: %+v", reopened)
	}

	// Issue.
	dec := map[string]any{"decision_number": "05-QĐ/CB", "decision_date": stdDay(-1), "signer": "T/M Chi bộ, Bí thư Phạm Thị Lan"}
	issued := call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(first.ID, "issue"), User: sec, Header: ifMatch(6), Body: dec})
	if issued.Status != "issued" || issued.Version != 7 || issued.IssuedAt == nil || issued.Decision == nil ||
		*issued.Decision != (stdDecision{Number: "05-QĐ/CB", Date: stdDay(-1), Signer: "T/M Chi bộ, Bí thư Phạm Thị Lan"}) {
		t.Fatalf("issued: %+v", issued)
	}
	if !slices.Equal(issued.AllowedActions, []string{"withdraw", "post"}) {
		t.Fatalf("allowed actions of an issued standard for its drafter: %v", issued.AllowedActions)
	}
	e.stdWantEffective("member", "CB-VP", "own", first.ID, "CB-VP")

	// A second standard supersedes the first, which stays on record.
	second := e.stdIssued(sec, "CB-VP", "Chuẩn mực đạo đức năm 2026")
	old := e.stdGet(sec, first.ID)
	if old.Status != "superseded" || old.SupersededBy == nil || *old.SupersededBy != second.ID || old.Version != 8 ||
		len(old.AllowedActions) != 0 || old.Decision == nil || old.Decision.Number != "05-QĐ/CB" {
		t.Fatalf("the first after the second was issued: %+v", old)
	}
	if second.Status != "issued" || second.SupersededBy != nil {
		t.Fatalf("second: %+v", second)
	}
	e.stdWantEffective("member", "CB-VP", "own", second.ID, "CB-VP")
	var list struct {
		Items []apiStandard `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: e.stdUnitPath("CB-VP", "standards"), User: "member"}).Decode(t, &list)
	if len(list.Items) != 2 || list.Items[0].ID != second.ID || list.Items[1].ID != first.ID {
		t.Fatalf("CB-VP's standards, newest first: %+v", list.Items)
	}

	// Withdraw the current one: CB-VP falls back to what it adopted from DU-SCT.
	demo := e.stdDemo()
	wd := call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(second.ID, "withdraw"), User: sec, Header: ifMatch(second.Version), Body: map[string]any{"reason": "  Sáp nhập chi bộ, soạn lại chuẩn mực.  "}})
	if wd.Status != "withdrawn" || wd.WithdrawReason == nil || *wd.WithdrawReason != "Sáp nhập chi bộ, soạn lại chuẩn mực." || len(wd.AllowedActions) != 0 {
		t.Fatalf("withdrawn: %+v", wd)
	}
	e.stdWantEffective("member", "CB-VP", "adopted", demo.ID, "DU-SCT")
	if got := e.stdGet(sec, first.ID); got.Status != "superseded" {
		t.Fatalf("withdrawing the successor reinstated the first: %s", got.Status)
	}

	// Every step is audited, on the standard's own trail.
	actions, events := e.stdActions("CB-VP", first.ID)
	want := []string{"standard.supersede", "standard.issue", "standard.open_consultation", "standard.update", "standard.return_to_draft",
		"standard.comment", "standard.comment", "standard.comment", "standard.open_consultation", "standard.update", "standard.create"}
	if !slices.Equal(actions, want) {
		t.Fatalf("audit trail of the first standard:\n got %q\nwant %q", actions, want)
	}
	for i, ev := range events {
		wantActor := e.users[sec].String()
		switch i {
		case 5:
			wantActor = e.users["committee.officer"].String()
		case 6, 7:
			wantActor = e.users["member"].String()
		}
		if ev.ActorID == nil || *ev.ActorID != wantActor || ev.ResourceType != "standard" || ev.UnitID == nil || *ev.UnitID != e.units["CB-VP"].String() {
			t.Fatalf("event %d (%s): actor %v, resource type %q, unit %v", i, ev.Action, ev.ActorID, ev.ResourceType, ev.UnitID)
		}
	}
	if sup := events[0]; sup.Before["status"] != "issued" || sup.After["status"] != "superseded" || sup.After["superseded_by"] != second.ID {
		t.Fatalf("supersede event: %v → %v", sup.Before, sup.After)
	}
	iss := events[1]
	if d, _ := iss.After["decision"].(map[string]any); iss.Before["status"] != "consultation" || iss.After["status"] != "issued" ||
		d == nil || d["number"] != "05-QĐ/CB" || d["date"] != stdDay(-1) {
		t.Fatalf("issue event: %v → %v", iss.Before, iss.After)
	}
	if c := events[7]; c.After["item_id"] != itemOnWork || c.After["text"] != comments[0].text {
		t.Fatalf("comment event: %v", c.After)
	}
	if cr := events[10]; cr.Before != nil || cr.After["title"] != title || cr.After["status"] != "draft" {
		t.Fatalf("create event: %v → %v", cr.Before, cr.After)
	}
	actions, events = e.stdActions("CB-VP", second.ID)
	if want := []string{"standard.withdraw", "standard.issue", "standard.open_consultation", "standard.create"}; !slices.Equal(actions, want) {
		t.Fatalf("audit trail of the second standard: %q, want %q", actions, want)
	}
	if w := events[0]; w.Before["status"] != "issued" || w.After["status"] != "withdrawn" || w.After["withdraw_reason"] != "Sáp nhập chi bộ, soạn lại chuẩn mực." {
		t.Fatalf("withdraw event: %v → %v", w.Before, w.After)
	}
}
