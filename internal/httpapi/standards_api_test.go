package httpapi_test

import (
	"bytes"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"lamtheobac/internal/app"
	"lamtheobac/internal/vntime"
)

// Full-stack tests of ethical standards (chuẩn mực đạo đức): the draft → consultation → issued
// workflow and its refusals, comments and their closing date in Vietnam time, postings,
// adoption and the effective standard, coverage, and the poster PDF.

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

// stdClock is a settable clock for app.Options.Clock.
type stdClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *stdClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *stdClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// TestStandardConsultationClosingDate travels in time: the closing date is the last day
// comments are taken, to its end in Hà Nội, and "today" is Hà Nội's date.
func TestStandardConsultationClosingDate(t *testing.T) {
	t.Parallel()
	// The demo seed runs on this clock too, so it starts at the real time.
	clock := &stdClock{now: time.Now().UTC()}
	e := newEnvWith(t, app.Options{Clock: clock.Now})
	sec := "cell.secretary"
	vn := vntime.Zone()
	day := func(d time.Time) string { return d.Format(time.DateOnly) }

	// Set the clock to 00:30 in Hà Nội on day D0: still D0-1 in UTC. Opening with D0-1 is in the
	// past, D0 is today (allowed); a decision dated D0 is not in the future.
	d0 := vntime.Date(clock.Now()).AddDate(0, 0, 2)
	clock.Set(time.Date(d0.Year(), d0.Month(), d0.Day(), 0, 30, 0, 0, vn))
	if clock.Now().UTC().Day() == d0.Day() {
		t.Fatal("the clock should sit on the previous day in UTC")
	}
	today := e.stdCreate(sec, "CB-VP", map[string]any{"title": "Hạn hôm nay", "items": stdItems("Một dòng.")})
	p := problem(t, e.do(req{Method: "POST", Path: stdPath(today.ID, "open-consultation"), User: sec, Header: ifMatch(1), Body: map[string]any{"closes_on": day(d0.AddDate(0, 0, -1))}}), 422, "validation")
	stdWantFields(t, p, true, "/closes_on")
	call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(today.ID, "open-consultation"), User: sec, Header: ifMatch(1), Body: map[string]any{"closes_on": day(d0)}})
	p = problem(t, e.do(req{Method: "POST", Path: stdPath(today.ID, "issue"), User: sec, Header: ifMatch(2), Body: map[string]any{"decision_number": "1-QĐ", "decision_date": day(d0.AddDate(0, 0, 1)), "signer": "Bí thư"}}), 422, "validation")
	stdWantFields(t, p, true, "/decision_date")
	if got := call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(today.ID, "issue"), User: sec, Header: ifMatch(2), Body: map[string]any{"decision_number": "1-QĐ", "decision_date": day(d0), "signer": "Bí thư"}}); got.Decision.Date != day(d0) {
		t.Fatalf("decision date %q, want %q", got.Decision.Date, day(d0))
	}

	// A consultation closing on D1 at DU-SCT (members of its cells comment on it too).
	d1 := d0.AddDate(0, 0, 3)
	st := e.stdCreate("committee.officer", "DU-SCT", map[string]any{"title": "Chuẩn mực 2027", "items": stdItems("Trung thành.", "Tận tụy.")})
	st = call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(st.ID, "open-consultation"), User: "committee.officer", Header: ifMatch(st.Version), Body: map[string]any{"closes_on": day(d1)}})

	comment := func(user, text string) resp {
		return e.do(req{Method: "POST", Path: stdPath(st.ID, "comments"), User: user, Body: map[string]any{"text": text}})
	}
	// 23:00 in Hà Nội on the closing day (16:00 UTC): still open.
	clock.Set(time.Date(d1.Year(), d1.Month(), d1.Day(), 23, 0, 0, 0, vn))
	e.must(http.StatusCreated, req{Method: "POST", Path: stdPath(st.ID, "comments"), User: "member", Body: map[string]any{"text": "Góp ý lúc 23 giờ."}})
	if got := e.stdGet("member", st.ID); !slices.Equal(got.AllowedActions, []string{"comment"}) {
		t.Fatalf("on the closing day a member may %v", got.AllowedActions)
	}
	// 00:30 the next day in Hà Nội (17:30 UTC, still the closing day in UTC): closed.
	clock.Set(time.Date(d1.Year(), d1.Month(), d1.Day()+1, 0, 30, 0, 0, vn))
	if clock.Now().UTC().Day() != d1.Day() {
		t.Fatal("the clock should still sit on the closing day in UTC")
	}
	audits, stored := e.count("audit_events", ""), e.count("standard_comments", "")
	for _, user := range []string{"member", "committee.officer", sec} {
		problem(t, comment(user, "Góp ý muộn."), 409, "consultation_closed")
	}
	if n, c := e.count("audit_events", ""), e.count("standard_comments", ""); n != audits || c != stored {
		t.Fatalf("late comments wrote %d audit events and %d comments", n-audits, c-stored)
	}
	if got := e.stdGet("member", st.ID); len(got.AllowedActions) != 0 || got.Status != "consultation" || got.CommentCount == nil || *got.CommentCount != 1 {
		t.Fatalf("after the closing date a member sees %+v", got)
	}
	if got := e.stdGet("committee.officer", st.ID); !slices.Equal(got.AllowedActions, []string{"return_to_draft", "issue"}) {
		t.Fatalf("after the closing date the drafter may %v", got.AllowedActions)
	}
	// The drafter still decides after the closing date: issue (dated today in Hà Nội).
	issued := call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(st.ID, "issue"), User: "committee.officer", Header: ifMatch(st.Version), Body: map[string]any{"decision_number": "20-QĐ/ĐU", "decision_date": day(d1.AddDate(0, 0, 1)), "signer": "Bí thư Đảng ủy"}})
	if issued.Status != "issued" {
		t.Fatalf("issued: %+v", issued)
	}
	// Issued: comments are closed for good.
	problem(t, comment("member", "Sau khi ban hành."), 409, "consultation_closed")
}

func TestStandardRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sec := "cell.secretary"

	// One standard in every state, at CB-VP.
	superseded := e.stdIssued(sec, "CB-VP", "Bản 2024")
	withdrawn := e.stdIssued(sec, "CB-VP", "Bản 2025")
	withdrawn = call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(withdrawn.ID, "withdraw"), User: sec, Header: ifMatch(withdrawn.Version), Body: map[string]any{"reason": "Soạn lại."}})
	issued := e.stdIssued(sec, "CB-VP", "Bản 2026")
	superseded = e.stdGet(sec, superseded.ID)
	consultation := e.stdConsulting(sec, "CB-VP", "Bản góp ý")
	draft := e.stdCreate(sec, "CB-VP", map[string]any{"title": "Bản nháp", "items": stdItems("Một dòng.")})
	for st, want := range map[*apiStandard]string{&superseded: "superseded", &withdrawn: "withdrawn", &issued: "issued", &consultation: "consultation", &draft: "draft"} {
		if st.Status != want {
			t.Fatalf("fixture %s is %s", want, st.Status)
		}
	}
	// CB-BTTP's draft (another committee's cell) and DU-SCT's standard in consultation.
	bttp := e.stdCreate("cell.secretary2", "CB-BTTP", map[string]any{"title": "Chuẩn mực Chi bộ Bổ trợ", "items": stdItems("Một dòng.")})
	duDraft := e.stdCreate("committee.officer", "DU-SCT", map[string]any{"title": "Chuẩn mực Đảng ủy 2026", "items": stdItems("Một dòng.")})
	duCons := e.stdConsulting("committee.officer", "DU-SCT", "Chuẩn mực Đảng ủy 2027")

	audits := e.count("audit_events", "")
	standards := e.count("standards", "")
	comments := e.count("standard_comments", "")
	postings := e.count("standard_postings", "")

	reason := map[string]any{"reason": "Thử."}
	open := map[string]any{"closes_on": stdDay(5)}
	edit := map[string]any{"title": "Sửa"}
	dec := stdDecisionBody("9-QĐ")
	post := map[string]any{"location": "Phòng họp", "frame": "40x60", "posted_on": stdDay(0)}

	t.Run("wrong state", func(t *testing.T) {
		cases := []struct {
			name           string
			st             *apiStandard
			method, action string
			body           any
		}{
			{"issue a draft", &draft, "POST", "issue", dec},
			{"return a draft to draft", &draft, "POST", "return-to-draft", nil},
			{"withdraw a draft", &draft, "POST", "withdraw", reason},
			{"post a draft", &draft, "POST", "postings", post},
			{"update in consultation", &consultation, "PATCH", "", edit},
			{"delete in consultation", &consultation, "DELETE", "", nil},
			{"open consultation twice", &consultation, "POST", "open-consultation", open},
			{"withdraw in consultation", &consultation, "POST", "withdraw", reason},
			{"post in consultation", &consultation, "POST", "postings", post},
			{"update an issued one", &issued, "PATCH", "", edit},
			{"delete an issued one", &issued, "DELETE", "", nil},
			{"open consultation on an issued one", &issued, "POST", "open-consultation", open},
			{"return an issued one to draft", &issued, "POST", "return-to-draft", nil},
			{"issue an issued one", &issued, "POST", "issue", dec},
			{"update a superseded one", &superseded, "PATCH", "", edit},
			{"delete a superseded one", &superseded, "DELETE", "", nil},
			{"open consultation on a superseded one", &superseded, "POST", "open-consultation", open},
			{"issue a superseded one", &superseded, "POST", "issue", dec},
			{"withdraw a superseded one", &superseded, "POST", "withdraw", reason},
			{"post a superseded one", &superseded, "POST", "postings", post},
			{"update a withdrawn one", &withdrawn, "PATCH", "", edit},
			{"delete a withdrawn one", &withdrawn, "DELETE", "", nil},
			{"return a withdrawn one to draft", &withdrawn, "POST", "return-to-draft", nil},
			{"issue a withdrawn one", &withdrawn, "POST", "issue", dec},
			{"withdraw a withdrawn one", &withdrawn, "POST", "withdraw", reason},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				e := e.forT(t)
				before := e.stdGet(sec, c.st.ID)
				// With the current If-Match, so that only the state can be the reason.
				problem(t, e.do(req{Method: c.method, Path: stdPath(c.st.ID, c.action), User: sec, Header: ifMatch(before.Version), Body: c.body}), 409, "invalid_transition")
				after := e.stdGet(sec, c.st.ID)
				if after.Version != before.Version || after.Status != before.Status || after.Title != before.Title {
					t.Fatalf("refused %s changed the standard: %+v → %+v", c.name, before, after)
				}
			})
		}
	})

	// A comment outside an open consultation is consultation_closed (as documented), not
	// invalid_transition.
	t.Run("comment outside consultation", func(t *testing.T) {
		for _, st := range []*apiStandard{&draft, &issued, &superseded, &withdrawn} {
			e := e.forT(t)
			problem(t, e.do(req{Method: "POST", Path: stdPath(st.ID, "comments"), User: "member", Body: map[string]any{"text": "Góp ý."}}),
				409, "consultation_closed")
		}
	})

	t.Run("issue needs a decision", func(t *testing.T) {
		e := e.forT(t)
		cases := []struct {
			name   string
			body   map[string]any
			fields []string
		}{
			{"no number", map[string]any{"decision_date": stdDay(-1), "signer": "Bí thư"}, []string{"/decision_number"}},
			{"blank number", map[string]any{"decision_number": "   ", "decision_date": stdDay(-1), "signer": "Bí thư"}, []string{"/decision_number"}},
			{"future date", map[string]any{"decision_number": "9-QĐ", "decision_date": stdDay(2), "signer": "Bí thư"}, []string{"/decision_date"}},
			{"no signer", map[string]any{"decision_number": "9-QĐ", "decision_date": stdDay(-1)}, []string{"/signer"}},
			{"nothing", map[string]any{}, []string{"/decision_number", "/decision_date", "/signer"}},
		}
		for _, c := range cases {
			p := problem(t, e.do(req{Method: "POST", Path: stdPath(consultation.ID, "issue"), User: sec, Header: ifMatch(consultation.Version), Body: c.body}), 422, "validation")
			stdWantFields(t, p, true, c.fields...)
		}
	})

	t.Run("consultation needs a closing date not in the past and lines", func(t *testing.T) {
		e := e.forT(t)
		p := problem(t, e.do(req{Method: "POST", Path: stdPath(draft.ID, "open-consultation"), User: sec, Header: ifMatch(draft.Version), Body: map[string]any{"closes_on": stdDay(-1)}}), 422, "validation")
		stdWantFields(t, p, true, "/closes_on")
		problem(t, e.do(req{Method: "POST", Path: stdPath(draft.ID, "open-consultation"), User: sec, Header: ifMatch(draft.Version), Body: map[string]any{}}), 400, "validation")
		empty := e.stdCreate(sec, "CB-VP", map[string]any{"title": "Chưa có dòng nào"})
		audits++ // that creation is audited
		standards++
		p = problem(t, e.do(req{Method: "POST", Path: stdPath(empty.ID, "open-consultation"), User: sec, Header: ifMatch(empty.Version), Body: open}), 422, "validation")
		stdWantFields(t, p, true, "/items")
	})

	t.Run("stale If-Match", func(t *testing.T) {
		e := e.forT(t)
		for _, c := range []struct {
			method, action string
			st             *apiStandard
			body           any
		}{
			{"PATCH", "", &draft, edit},
			{"DELETE", "", &draft, nil},
			{"POST", "open-consultation", &draft, open},
			{"POST", "issue", &consultation, dec},
			{"POST", "return-to-draft", &consultation, nil},
			{"POST", "withdraw", &issued, reason},
		} {
			problem(t, e.do(req{Method: c.method, Path: stdPath(c.st.ID, c.action), User: sec, Header: ifMatch(c.st.Version + 7), Body: c.body}), 412, "stale_version")
		}
		problem(t, e.do(req{Method: "PATCH", Path: stdPath(draft.ID), User: sec, Header: map[string]string{"If-Match": `"abc"`}, Body: edit}), 412, "stale_version")
	})

	t.Run("another cell's standard is not there", func(t *testing.T) {
		e := e.forT(t)
		for _, c := range []struct{ method, action string }{
			{"GET", ""}, {"PATCH", ""}, {"DELETE", ""}, {"POST", "open-consultation"}, {"GET", "comments"}, {"POST", "comments"},
			{"GET", "postings"}, {"GET", "poster.pdf"},
		} {
			var body any
			switch {
			case c.method == "PATCH":
				body = edit
			case c.method == "POST" && c.action == "comments":
				body = map[string]any{"text": "Xin chào"}
			case c.method == "POST":
				body = open
			}
			problem(t, e.do(req{Method: c.method, Path: stdPath(bttp.ID, c.action), User: sec, Body: body}), 404, "not_found")
		}
		problem(t, e.do(req{Method: "POST", Path: e.stdUnitPath("CB-BTTP", "standards"), User: sec, Body: map[string]any{"title": "X"}}), 404, "not_found")
		problem(t, e.do(req{Method: "GET", Path: stdPath("0190a1b2-0000-7000-8000-000000000000"), User: sec}), 404, "not_found")
	})

	t.Run("only the unit's own officer drafts and issues", func(t *testing.T) {
		e := e.forT(t)
		// The cell secretary reads the committee's standard but may not issue it…
		if got := e.stdGet(sec, duCons.ID); got.Status != "consultation" || !slices.Equal(got.AllowedActions, []string{"comment"}) {
			t.Fatalf("the cell secretary sees DU-SCT's consultation as %+v", got)
		}
		problem(t, e.do(req{Method: "POST", Path: stdPath(duCons.ID, "issue"), User: sec, Header: ifMatch(duCons.Version), Body: dec}), 403, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: stdPath(duCons.ID, "return-to-draft"), User: sec, Header: ifMatch(duCons.Version)}), 403, "forbidden")
		// …and does not even see its draft (units below see what is issued or in consultation).
		problem(t, e.do(req{Method: "PATCH", Path: stdPath(duDraft.ID), User: sec, Body: edit}), 404, "not_found")
		problem(t, e.do(req{Method: "GET", Path: stdPath(duDraft.ID), User: sec}), 404, "not_found")
		problem(t, e.do(req{Method: "POST", Path: e.stdUnitPath("DU-SCT", "standards"), User: sec, Body: map[string]any{"title": "X"}}), 403, "forbidden")
		// …nor does the bloc officer above write the committee's draft…
		problem(t, e.do(req{Method: "PATCH", Path: stdPath(duDraft.ID), User: "bloc.officer", Header: ifMatch(duDraft.Version), Body: edit}), 403, "forbidden")
		problem(t, e.do(req{Method: "DELETE", Path: stdPath(duDraft.ID), User: "bloc.officer"}), 403, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: stdPath(duCons.ID, "issue"), User: "bloc.officer", Body: dec}), 403, "forbidden")
		// …nor the committee officer the cell's, nor a member, nor the inspector.
		problem(t, e.do(req{Method: "PATCH", Path: stdPath(draft.ID), User: "committee.officer", Body: edit}), 403, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: stdPath(consultation.ID, "issue"), User: "committee.officer", Body: dec}), 403, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: stdPath(consultation.ID, "issue"), User: "member", Body: dec}), 403, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: stdPath(issued.ID, "withdraw"), User: "inspector", Body: reason}), 403, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: e.stdUnitPath("CB-VP", "standards"), User: "member", Body: map[string]any{"title": "X"}}), 403, "forbidden")
		problem(t, e.do(req{Method: "GET", Path: stdPath(draft.ID), User: ""}), 401, "unauthenticated")
		if got := e.stdGet("bloc.officer", duDraft.ID); len(got.AllowedActions) != 0 {
			t.Fatalf("the bloc officer may %v on DU-SCT's draft", got.AllowedActions)
		}
	})

	t.Run("malformed content", func(t *testing.T) {
		e := e.forT(t)
		create := func(body any) resp {
			return e.do(req{Method: "POST", Path: e.stdUnitPath("CB-VP", "standards"), User: sec, Body: body})
		}
		p := problem(t, create(map[string]any{"title": "X", "items": []map[string]any{{"text": "Một", "relation": "family"}}}), 400, "validation")
		stdWantFields(t, p, false, "/items/0/relation")
		many := make([]string, 31)
		for i := range many {
			many[i] = fmt.Sprintf("Dòng %d.", i+1)
		}
		p = problem(t, create(map[string]any{"title": "X", "items": stdItems(many...)}), 400, "validation")
		stdWantFields(t, p, false, "/items")
		problem(t, e.do(req{Method: "PATCH", Path: stdPath(draft.ID), User: sec, Body: map[string]any{"items": stdItems(many...)}}), 400, "validation")
		problem(t, create(map[string]any{"items": stdItems("Một")}), 400, "validation")
		problem(t, create(map[string]any{"title": "X", "colour": "red"}), 400, "validation")
		p = problem(t, create(map[string]any{"title": "   ", "items": stdItems("   ")}), 422, "validation")
		stdWantFields(t, p, true, "/title", "/items/0/text")
		// Item ids must belong to the standard, once each.
		p = problem(t, e.do(req{Method: "PATCH", Path: stdPath(draft.ID), User: sec, Body: map[string]any{"items": []map[string]any{{"id": issued.Items[0].ID, "text": "X"}}}}), 422, "validation")
		stdWantFields(t, p, true, "/items/0/id")
		p = problem(t, e.do(req{Method: "PATCH", Path: stdPath(draft.ID), User: sec, Body: map[string]any{"items": []map[string]any{
			{"id": draft.Items[0].ID, "text": "X"}, {"id": draft.Items[0].ID, "text": "Y"}}}}), 422, "validation")
		stdWantFields(t, p, true, "/items/1/id")
		problem(t, e.do(req{Method: "POST", Path: stdPath(consultation.ID, "withdraw"), User: sec, Body: map[string]any{"reason": ""}}), 400, "validation")
		problem(t, e.do(req{Method: "POST", Path: stdPath(issued.ID, "withdraw"), User: sec, Body: map[string]any{}}), 400, "validation")
		p = problem(t, e.do(req{Method: "POST", Path: stdPath(issued.ID, "withdraw"), User: sec, Body: map[string]any{"reason": "   "}}), 422, "validation")
		stdWantFields(t, p, true, "/reason")
		problem(t, e.do(req{Method: "POST", Path: stdPath(consultation.ID, "comments"), User: "member", Body: map[string]any{"text": ""}}), 400, "validation")
		p = problem(t, e.do(req{Method: "POST", Path: stdPath(consultation.ID, "comments"), User: "member", Body: map[string]any{"text": " \t "}}), 422, "validation")
		stdWantFields(t, p, true, "/text")
	})

	// Nothing refused above wrote anything.
	if n := e.count("audit_events", ""); n != audits {
		t.Fatalf("refused requests wrote %d audit events", n-audits)
	}
	if n := e.count("standards", ""); n != standards {
		t.Fatalf("refused requests changed the number of standards by %d", n-standards)
	}
	if n, m := e.count("standard_comments", ""), e.count("standard_postings", ""); n != comments || m != postings {
		t.Fatalf("refused requests wrote %d comments and %d postings", n-comments, m-postings)
	}
	for _, st := range []apiStandard{superseded, withdrawn, issued, consultation, draft} {
		if got := e.stdGet(sec, st.ID); got.Version != st.Version || got.Status != st.Status {
			t.Fatalf("%s standard changed: version %d → %d", st.Status, st.Version, got.Version)
		}
	}

	// Deleting a draft is allowed (204, audited once); it is gone.
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: stdPath(draft.ID), User: sec, Header: map[string]string{"If-Match": `"1"`}})
	problem(t, e.do(req{Method: "GET", Path: stdPath(draft.ID), User: sec}), 404, "not_found")
	problem(t, e.do(req{Method: "DELETE", Path: stdPath(draft.ID), User: sec}), 404, "not_found")
	if n := e.count("audit_events", ""); n != audits+1 {
		t.Fatalf("a deletion wrote %d audit events, want 1", n-audits)
	}
	if actions, _ := e.stdActions("CB-VP", draft.ID); !slices.Equal(actions, []string{"standard.delete", "standard.create"}) {
		t.Fatalf("deleted draft's trail: %q", actions)
	}
}

func TestStandardPostings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	demo := e.stdDemo()
	postings := stdPath(demo.ID, "postings")
	co := "committee.officer"

	var made []stdPosting
	for _, c := range []struct {
		frame string
		w, h  *float64
		wantW float64
		wantH float64
	}{
		{"40x60", nil, nil, 40, 60},
		{"50x75", nil, nil, 50, 75},
		{"60x90", nil, nil, 60, 90},
		{"custom", stdPtr(45.0), stdPtr(65.0), 45, 65},
		{"custom", stdPtr(42.5), stdPtr(59.4), 42.5, 59.4},
	} {
		body := map[string]any{"location": "Hội trường tầng 2 — khung " + c.frame, "frame": c.frame, "posted_on": stdDay(-3)}
		if c.w != nil {
			body["width_cm"], body["height_cm"] = *c.w, *c.h
		}
		var got stdPosting
		e.must(http.StatusCreated, req{Method: "POST", Path: postings, User: co, Body: body}).Decode(t, &got)
		if got.Frame != c.frame || got.WidthCM != c.wantW || got.HeightCM != c.wantH || got.PostedOn != stdDay(-3) ||
			got.StandardID != demo.ID || got.Unit.Code != "DU-SCT" || got.Location != body["location"] {
			t.Fatalf("posting %s: %+v", c.frame, got)
		}
		made = append(made, got)
	}

	audits, rows := e.count("audit_events", ""), e.count("standard_postings", "")
	p := problem(t, e.do(req{Method: "POST", Path: postings, User: co, Body: map[string]any{"location": "Sảnh", "frame": "custom", "posted_on": stdDay(0)}}), 422, "validation")
	stdWantFields(t, p, true, "/width_cm")
	p = problem(t, e.do(req{Method: "POST", Path: postings, User: co, Body: map[string]any{"location": "Sảnh", "frame": "custom", "width_cm": 45, "posted_on": stdDay(0)}}), 422, "validation")
	stdWantFields(t, p, true, "/width_cm")
	p = problem(t, e.do(req{Method: "POST", Path: postings, User: co, Body: map[string]any{"location": "Sảnh", "frame": "40x60", "posted_on": stdDay(2)}}), 422, "validation")
	stdWantFields(t, p, true, "/posted_on")
	p = problem(t, e.do(req{Method: "POST", Path: postings, User: co, Body: map[string]any{"location": "  ", "frame": "40x60", "posted_on": stdDay(0)}}), 422, "validation")
	stdWantFields(t, p, true, "/location")
	problem(t, e.do(req{Method: "POST", Path: postings, User: co, Body: map[string]any{"location": "Sảnh", "frame": "30x40", "posted_on": stdDay(0)}}), 400, "validation")
	problem(t, e.do(req{Method: "POST", Path: postings, User: co, Body: map[string]any{"location": "Sảnh", "frame": "custom", "width_cm": 5, "height_cm": 65, "posted_on": stdDay(0)}}), 400, "validation")
	problem(t, e.do(req{Method: "POST", Path: postings, User: co, Body: map[string]any{"frame": "40x60", "posted_on": stdDay(0)}}), 400, "validation")
	// A draft is not posted.
	draft := e.stdCreate(co, "DU-SCT", map[string]any{"title": "Dự thảo", "items": stdItems("Một dòng.")})
	audits++
	problem(t, e.do(req{Method: "POST", Path: stdPath(draft.ID, "postings"), User: co, Body: map[string]any{"location": "Sảnh", "frame": "40x60", "posted_on": stdDay(0)}}), 409, "invalid_transition")

	// Where the standard is in force: CB-VP adopted it and posts it in its own room.
	var vp stdPosting
	e.must(http.StatusCreated, req{Method: "POST", Path: postings, User: "cell.secretary", Body: map[string]any{
		"unit_id": e.units["CB-VP"], "location": "Phòng làm việc Chi bộ Văn phòng", "frame": "50x75", "posted_on": stdDay(0)}}).Decode(t, &vp)
	if vp.Unit.Code != "CB-VP" || vp.StandardID != demo.ID || vp.WidthCM != 50 || vp.HeightCM != 75 {
		t.Fatalf("CB-VP's posting: %+v", vp)
	}
	audits, rows = audits+1, rows+1
	// The cell secretary may not post it in the committee's name (the default unit).
	problem(t, e.do(req{Method: "POST", Path: postings, User: "cell.secretary", Body: map[string]any{"location": "Sảnh", "frame": "40x60", "posted_on": stdDay(0)}}), 403, "forbidden")
	// CB-BTTP (under DU-STP) cannot even see DU-SCT's standard: 404.
	problem(t, e.do(req{Method: "POST", Path: postings, User: "cell.secretary2", Body: map[string]any{
		"unit_id": e.units["CB-BTTP"], "location": "Sảnh", "frame": "40x60", "posted_on": stdDay(0)}}), 404, "not_found")
	// The bloc has no standard in force: 422 not_in_force naming unit_id.
	p = problem(t, e.do(req{Method: "POST", Path: postings, User: "bloc.officer", Body: map[string]any{
		"unit_id": e.units["KHOI-CQDN"], "location": "Sảnh", "frame": "40x60", "posted_on": stdDay(0)}}), 422, "not_in_force")
	stdWantFields(t, p, true, "/unit_id")
	// A unit the standard is inherited by may post it too (by its owners; here the admin).
	var qltm stdPosting
	e.must(http.StatusCreated, req{Method: "POST", Path: postings, User: "admin", Body: map[string]any{
		"unit_id": e.units["CB-QLTM"], "location": "Phòng Quản lý thương mại", "frame": "40x60", "posted_on": stdDay(0)}}).Decode(t, &qltm)
	if qltm.Unit.Code != "CB-QLTM" {
		t.Fatalf("CB-QLTM's posting: %+v", qltm)
	}
	audits, rows = audits+1, rows+1
	if n, m := e.count("audit_events", ""), e.count("standard_postings", ""); n != audits || m != rows {
		t.Fatalf("audit events %d (want %d), postings %d (want %d): refused postings were written", n, audits, m, rows)
	}

	// Several postings per standard, listed oldest first, sizes as stored.
	var l struct {
		Items []stdPosting `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: postings, User: "member"}).Decode(t, &l)
	made = append(made, vp, qltm)
	if len(l.Items) != len(made) {
		t.Fatalf("%d postings listed, want %d", len(l.Items), len(made))
	}
	for i, want := range made {
		got := l.Items[i]
		if got.ID != want.ID || got.Frame != want.Frame || got.WidthCM != want.WidthCM || got.HeightCM != want.HeightCM ||
			got.PostedOn != want.PostedOn || got.Unit != want.Unit || got.Location != want.Location {
			t.Fatalf("listed posting %d: %+v, want %+v", i, got, want)
		}
	}
	problem(t, e.do(req{Method: "GET", Path: postings, User: "cell.secretary2"}), 404, "not_found")

	// Postings are audited at the unit where they hang.
	vpTrail := e.auditEvents("committee.officer", "CB-VP", "?action=standard.post")
	if len(vpTrail.Items) != 1 || vpTrail.Items[0].After["posting_id"] != vp.ID || vpTrail.Items[0].After["frame"] != "50x75" ||
		vpTrail.Items[0].ResourceID == nil || *vpTrail.Items[0].ResourceID != demo.ID {
		t.Fatalf("CB-VP's posting events: %+v", vpTrail.Items)
	}
	if l := e.auditEvents("committee.officer", "DU-SCT", "?action=standard.post&resource_id="+demo.ID); len(l.Items) != len(made) {
		t.Fatalf("%d posting events under DU-SCT, want %d", len(l.Items), len(made))
	}
}

func stdPtr[T any](v T) *T { return &v }

func TestStandardAdoptionAndEffective(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	demo := e.stdDemo()
	sec, co := "cell.secretary", "committee.officer"
	adopted := e.stdUnitPath("CB-VP", "adopted-standard")

	// The demo state.
	e.stdWantEffective("member", "CB-VP", "adopted", demo.ID, "DU-SCT")
	e.stdWantEffective(co, "CB-QLTM", "inherited", demo.ID, "DU-SCT")
	e.stdWantEffective(co, "CB-KTAT", "inherited", demo.ID, "DU-SCT")
	e.stdWantEffective(co, "DU-SCT", "own", demo.ID, "DU-SCT")
	e.stdWantEffective("bloc.officer", "KHOI-CQDN", "none", "", "")
	e.stdWantEffective("cell.secretary2", "CB-BTTP", "none", "", "")
	e.stdWantEffective("cell.secretary2", "DU-STP", "none", "", "")
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("CB-BTTP", "effective-standard"), User: sec}), 404, "not_found")
	var a struct {
		UnitID   string      `json:"unit_id"`
		Standard apiStandard `json:"standard"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: adopted, User: "member"}).Decode(t, &a)
	if a.UnitID != e.units["CB-VP"].String() || a.Standard.ID != demo.ID || a.Standard.Decision.Number != "14-QĐ/ĐU" {
		t.Fatalf("CB-VP's adoption: %+v", a)
	}
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("CB-QLTM", "adopted-standard"), User: co}), 404, "not_found")

	// DU-STP issues one: its cells inherit it.
	stp := e.stdIssued("admin", "DU-STP", "Chuẩn mực đạo đức Sở Tư pháp")
	e.stdWantEffective("cell.secretary2", "DU-STP", "own", stp.ID, "DU-STP")
	e.stdWantEffective("cell.secretary2", "CB-BTTP", "inherited", stp.ID, "DU-STP")
	e.stdWantEffective("bloc.officer", "CB-HCTP", "inherited", stp.ID, "DU-STP")

	// What cannot be adopted: 422 not_adoptable naming standard_id, and nothing written.
	audits := e.count("audit_events", "")
	duDraft := e.stdCreate(co, "DU-SCT", map[string]any{"title": "Dự thảo Đảng ủy", "items": stdItems("Một dòng.")})
	duCons := e.stdConsulting(co, "DU-SCT", "Góp ý Đảng ủy")
	vpOwnDraft := e.stdCreate(sec, "CB-VP", map[string]any{"title": "Dự thảo chi bộ", "items": stdItems("Một dòng.")})
	audits += 4 // create, create, open_consultation, create
	for _, c := range []struct{ name, id string }{
		{"a draft of the committee", duDraft.ID},
		{"a standard in consultation", duCons.ID},
		{"another committee's standard", stp.ID},
		{"the cell's own standard", vpOwnDraft.ID},
		{"a standard that does not exist", "0190a1b2-0000-7000-8000-000000000000"},
	} {
		p := problem(t, e.do(req{Method: "PUT", Path: adopted, User: sec, Body: map[string]any{"standard_id": c.id}}), 422, "not_adoptable")
		stdWantFields(t, p, true, "/standard_id")
	}
	problem(t, e.do(req{Method: "PUT", Path: adopted, User: "member", Body: map[string]any{"standard_id": demo.ID}}), 403, "forbidden")
	problem(t, e.do(req{Method: "PUT", Path: adopted, User: "cell.secretary2", Body: map[string]any{"standard_id": demo.ID}}), 404, "not_found")
	problem(t, e.do(req{Method: "DELETE", Path: adopted, User: "member"}), 403, "forbidden")
	problem(t, e.do(req{Method: "PUT", Path: adopted, User: sec, Body: map[string]any{}}), 400, "validation")
	if n := e.count("audit_events", ""); n != audits {
		t.Fatalf("refused adoptions wrote %d audit events", n-audits)
	}
	e.stdWantEffective("member", "CB-VP", "adopted", demo.ID, "DU-SCT")

	// CB-BTTP adopts its own committee's.
	e.must(http.StatusOK, req{Method: "PUT", Path: e.stdUnitPath("CB-BTTP", "adopted-standard"), User: "cell.secretary2", Body: map[string]any{"standard_id": stp.ID}})
	e.stdWantEffective("cell.secretary2", "CB-BTTP", "adopted", stp.ID, "DU-STP")

	// Unadopt: CB-VP then inherits the same standard from DU-SCT.
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: adopted, User: sec})
	e.stdWantEffective("member", "CB-VP", "inherited", demo.ID, "DU-SCT")
	problem(t, e.do(req{Method: "GET", Path: adopted, User: sec}), 404, "not_found")
	problem(t, e.do(req{Method: "DELETE", Path: adopted, User: sec}), 404, "not_found")
	e.must(http.StatusOK, req{Method: "PUT", Path: adopted, User: sec, Body: map[string]any{"standard_id": demo.ID}}).Decode(t, &a)
	if a.Standard.ID != demo.ID || a.UnitID != e.units["CB-VP"].String() {
		t.Fatalf("re-adopted: %+v", a)
	}
	e.stdWantEffective("member", "CB-VP", "adopted", demo.ID, "DU-SCT")
	actions, events := e.stdActions("CB-VP", e.units["CB-VP"].String())
	if len(actions) < 2 || actions[0] != "standard.adopt" || actions[1] != "standard.unadopt" ||
		events[0].After["standard_id"] != demo.ID || events[1].Before["standard_id"] != demo.ID {
		t.Fatalf("adoption trail of CB-VP: %q", actions)
	}

	// CB-VP issues its own: own wins over the adoption.
	vpOwn := e.stdIssued(sec, "CB-VP", "Chuẩn mực riêng của Chi bộ Văn phòng")
	e.stdWantEffective("member", "CB-VP", "own", vpOwn.ID, "CB-VP")
	vpOwn = call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(vpOwn.ID, "withdraw"), User: sec, Header: ifMatch(vpOwn.Version), Body: map[string]any{"reason": "Dùng lại chuẩn mực của Đảng ủy."}})
	e.stdWantEffective("member", "CB-VP", "adopted", demo.ID, "DU-SCT")

	// DU-SCT issues a new standard superseding the adopted one: the adoption follows it.
	call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(duCons.ID, "issue"), User: co, Header: ifMatch(duCons.Version), Body: stdDecisionBody("30-QĐ/ĐU")})
	if got := e.stdGet(co, demo.ID); got.Status != "superseded" || got.SupersededBy == nil || *got.SupersededBy != duCons.ID {
		t.Fatalf("the demo standard after DU-SCT issued a new one: %+v", got)
	}
	e.stdWantEffective("member", "CB-VP", "adopted", duCons.ID, "DU-SCT")
	e.stdWantEffective(co, "CB-QLTM", "inherited", duCons.ID, "DU-SCT")
	// A superseded standard can no longer be adopted.
	problem(t, e.do(req{Method: "PUT", Path: adopted, User: sec, Body: map[string]any{"standard_id": demo.ID}}), 422, "not_adoptable")

	// DU-SCT withdraws it with no successor: nothing above is in force, so none.
	cur := e.stdGet(co, duCons.ID)
	call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(duCons.ID, "withdraw"), User: co, Header: ifMatch(cur.Version), Body: map[string]any{"reason": "Rà soát lại."}})
	e.stdWantEffective("member", "CB-VP", "none", "", "")
	e.stdWantEffective(co, "CB-QLTM", "none", "", "")
	e.stdWantEffective(co, "DU-SCT", "none", "", "")
}

func TestStandardCoverage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	demo := e.stdDemo()
	cov := func(user, unit, query string) stdCoverage {
		e.t.Helper()
		var c stdCoverage
		e.must(http.StatusOK, req{Method: "GET", Path: e.stdUnitPath(unit, "standard-coverage") + query, User: user}).Decode(t, &c)
		return c
	}
	bySource := func(c stdCoverage) map[string]string {
		out := map[string]string{}
		for _, r := range c.Items {
			out[r.Unit.Code] = r.Source
		}
		return out
	}

	// The demo state: DU-SCT issued 14-QĐ/ĐU, CB-VP adopted it, its sibling cells inherit it,
	// nothing covers the bloc nor DU-STP's subtree.
	c := cov("bloc.officer", "KHOI-CQDN", "")
	if want := (stdCoverageTotals{Units: 8, Own: 1, Adopted: 1, Inherited: 2, None: 4, Pending: 0}); c.Totals != want {
		t.Fatalf("totals %+v, want %+v", c.Totals, want)
	}
	wantSource := map[string]string{"KHOI-CQDN": "none", "DU-SCT": "own", "CB-VP": "adopted", "CB-QLTM": "inherited", "CB-KTAT": "inherited",
		"DU-STP": "none", "CB-BTTP": "none", "CB-HCTP": "none"}
	if got := bySource(c); len(c.Items) != 8 || !stdEqualMaps(got, wantSource) || c.NextCursor != nil {
		t.Fatalf("coverage rows %v, want %v", got, wantSource)
	}
	if c.Items[0].Unit.Code != "KHOI-CQDN" {
		t.Fatalf("tree order starts with %s", c.Items[0].Unit.Code)
	}
	seen := map[string]bool{}
	for _, r := range c.Items {
		if r.Unit.Code == "CB-VP" && (r.StandardID == nil || *r.StandardID != demo.ID || r.FromUnit == nil || r.FromUnit.Code != "DU-SCT") {
			t.Fatalf("CB-VP's row: %+v", r)
		}
		if r.Source == "none" && (r.StandardID != nil || r.FromUnit != nil) {
			t.Fatalf("a unit without a standard has one: %+v", r)
		}
		if r.PendingStatus != nil {
			t.Fatalf("nothing is pending yet: %+v", r)
		}
		// A parent comes before its children.
		if r.Unit.Code == "CB-VP" && !seen["DU-SCT"] || r.Unit.Code == "CB-BTTP" && !seen["DU-STP"] {
			t.Fatalf("%s listed before its committee", r.Unit.Code)
		}
		seen[r.Unit.Code] = true
	}

	// Standards being prepared: a draft at DU-STP, a consultation at CB-BTTP.
	e.stdCreate("admin", "DU-STP", map[string]any{"title": "Dự thảo Sở Tư pháp", "items": stdItems("Một dòng.")})
	e.stdConsulting("cell.secretary2", "CB-BTTP", "Chuẩn mực Chi bộ Bổ trợ tư pháp")
	c = cov("bloc.officer", "KHOI-CQDN", "")
	if want := (stdCoverageTotals{Units: 8, Own: 1, Adopted: 1, Inherited: 2, None: 4, Pending: 2}); c.Totals != want {
		t.Fatalf("totals %+v, want %+v", c.Totals, want)
	}
	pending := cov("bloc.officer", "KHOI-CQDN", "?pending=true")
	gotPending := map[string]string{}
	for _, r := range pending.Items {
		if r.PendingStatus == nil {
			t.Fatalf("pending row without a status: %+v", r)
		}
		gotPending[r.Unit.Code] = *r.PendingStatus
	}
	if !stdEqualMaps(gotPending, map[string]string{"DU-STP": "draft", "CB-BTTP": "consultation"}) || pending.Totals != c.Totals {
		t.Fatalf("pending rows %v, totals %+v", gotPending, pending.Totals)
	}
	if notPending := cov("bloc.officer", "KHOI-CQDN", "?pending=false"); len(notPending.Items) != 6 {
		t.Fatalf("%d rows not pending, want 6", len(notPending.Items))
	}
	none := cov("bloc.officer", "KHOI-CQDN", "?source=none")
	if got := bySource(none); !stdEqualMaps(got, map[string]string{"KHOI-CQDN": "none", "DU-STP": "none", "CB-BTTP": "none", "CB-HCTP": "none"}) || none.Totals != c.Totals {
		t.Fatalf("source=none rows %v, totals %+v", got, none.Totals)
	}
	if got := bySource(cov("inspector", "KHOI-CQDN", "?source=inherited")); !stdEqualMaps(got, map[string]string{"CB-QLTM": "inherited", "CB-KTAT": "inherited"}) {
		t.Fatalf("source=inherited rows %v", got)
	}
	if got := bySource(cov("bloc.officer", "KHOI-CQDN", "?source=none&pending=true")); !stdEqualMaps(got, map[string]string{"DU-STP": "none", "CB-BTTP": "none"}) {
		t.Fatalf("source=none&pending=true rows %v", got)
	}

	// Paging with limit=2 follows next_cursor to the end without duplicates.
	pageAll := func(query string) []string {
		var codes []string
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > 10 {
				t.Fatal("paging does not end")
			}
			q := "?limit=2" + query
			if cursor != "" {
				q += "&cursor=" + url.QueryEscape(cursor)
			}
			p := cov("bloc.officer", "KHOI-CQDN", q)
			if len(p.Items) == 0 || len(p.Items) > 2 || p.Totals != c.Totals {
				t.Fatalf("page %d: %+v", pages, p)
			}
			for _, r := range p.Items {
				codes = append(codes, r.Unit.Code)
			}
			if p.NextCursor == nil {
				return codes
			}
			cursor = *p.NextCursor
		}
	}
	paged := pageAll("")
	var whole []string
	for _, r := range c.Items {
		whole = append(whole, r.Unit.Code)
	}
	if !slices.Equal(paged, whole) {
		t.Fatalf("paged %q, whole %q", paged, whole)
	}
	var noneCodes []string
	for _, r := range none.Items {
		noneCodes = append(noneCodes, r.Unit.Code)
	}
	if paged := pageAll("&source=none"); !slices.Equal(paged, noneCodes) {
		t.Fatalf("paged source=none: %q, want %q", paged, noneCodes)
	}
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("KHOI-CQDN", "standard-coverage") + "?cursor=***", User: "bloc.officer"}), 400, "invalid_cursor")

	// A committee officer sees their subtree; ancestors still resolve a cell's standard.
	du := cov("committee.officer", "DU-SCT", "")
	if want := (stdCoverageTotals{Units: 4, Own: 1, Adopted: 1, Inherited: 2}); du.Totals != want {
		t.Fatalf("DU-SCT totals %+v, want %+v", du.Totals, want)
	}
	vp := cov("committee.officer", "CB-VP", "")
	if len(vp.Items) != 1 || vp.Items[0].Source != "adopted" || vp.Items[0].FromUnit == nil || vp.Items[0].FromUnit.Code != "DU-SCT" ||
		vp.Items[0].StandardID == nil || *vp.Items[0].StandardID != demo.ID {
		t.Fatalf("CB-VP alone: %+v", vp)
	}
	qltm := cov("committee.officer", "CB-QLTM", "")
	if len(qltm.Items) != 1 || qltm.Items[0].Source != "inherited" || qltm.Totals.Inherited != 1 {
		t.Fatalf("CB-QLTM alone: %+v", qltm)
	}

	// Not for members or cell secretaries; not outside one's scope.
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("KHOI-CQDN", "standard-coverage"), User: "member"}), 403, "forbidden")
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("CB-VP", "standard-coverage"), User: "member"}), 403, "forbidden")
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("CB-VP", "standard-coverage"), User: "cell.secretary"}), 403, "forbidden")
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("DU-SCT", "standard-coverage"), User: "cell.secretary2"}), 404, "not_found")
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("DU-STP", "standard-coverage"), User: "committee.officer"}), 404, "not_found")
}

func stdEqualMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// stdMediaBox finds the page size of a one-page PDF, in points.
func stdMediaBox(t *testing.T, pdf []byte) (w, h float64) {
	t.Helper()
	m := regexp.MustCompile(`/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]`).FindAllSubmatch(pdf, -1)
	if len(m) != 1 {
		t.Fatalf("%d MediaBox entries in the poster", len(m))
	}
	var v [4]float64
	for i := range v {
		f, err := strconv.ParseFloat(string(m[0][i+1]), 64)
		if err != nil {
			t.Fatal(err)
		}
		v[i] = f
	}
	return v[2] - v[0], v[3] - v[1]
}

// stdPDFText extracts a PDF's text with pdftotext, in NFC with white space collapsed; ok is
// false when pdftotext is not installed.
func stdPDFText(t *testing.T, pdf []byte) (string, bool) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", false
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "poster.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(norm.NFC.String(string(out))), " "), true
}

func TestStandardPoster(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	demo := e.stdDemo()
	poster := func(user, id, frame string) resp {
		path := stdPath(id, "poster.pdf")
		if frame != "" {
			path += "?frame=" + url.QueryEscape(frame)
		}
		return e.do(req{Method: "GET", Path: path, User: user})
	}
	cm := func(v float64) float64 { return v * 72 / 2.54 }

	var pdfs [][]byte
	for _, c := range []struct {
		frame string
		w, h  float64
	}{
		{"40x60", 40, 60},
		{"60x90", 60, 90},
		{"45x70", 45, 70},
		{"", 60, 90}, // the default frame
	} {
		t.Run("frame "+c.frame, func(t *testing.T) {
			got := poster("member", demo.ID, c.frame)
			if got.Status != http.StatusOK {
				t.Fatalf("status %d\n%s", got.Status, got.Body)
			}
			if ct := got.Header.Get("Content-Type"); ct != "application/pdf" {
				t.Fatalf("content type %q", ct)
			}
			if !bytes.HasPrefix(got.Body, []byte("%PDF-")) || !bytes.Contains(got.Body[max(0, len(got.Body)-1024):], []byte("%%EOF")) {
				t.Fatalf("not a PDF: %q…", got.Body[:min(len(got.Body), 16)])
			}
			if cl := got.Header.Get("Content-Length"); cl != strconv.Itoa(len(got.Body)) {
				t.Fatalf("Content-Length %q for %d bytes", cl, len(got.Body))
			}
			w, h := stdMediaBox(t, got.Body)
			if math.Abs(w-cm(c.w)) > 0.05 || math.Abs(h-cm(c.h)) > 0.05 {
				t.Fatalf("page %.2fx%.2f pt, want %.2fx%.2f (%gx%g cm)", w, h, cm(c.w), cm(c.h), c.w, c.h)
			}
			pdfs = append(pdfs, got.Body)
		})
	}

	if len(pdfs) != 4 {
		t.Fatalf("%d posters rendered, want 4", len(pdfs))
	}
	// The text, with every diacritic right.
	text, ok := stdPDFText(t, pdfs[0])
	if !ok {
		t.Log("pdftotext is not installed: the poster's text is not checked")
	} else {
		for _, want := range []string{
			"ĐẢNG ỦY SỞ CÔNG THƯƠNG",
			"CHUẨN MỰC ĐẠO ĐỨC",
			"của cán bộ, đảng viên, công chức, viên chức Sở Công Thương",
			"Tuyệt đối trung thành với Đảng",
			"Trung thực, khiêm tốn, tự giác, liêm khiết, tiết kiệm",
			"Quyết định số 14-QĐ/ĐU ngày 16/04/2022",
		} {
			if !strings.Contains(text, norm.NFC.String(want)) {
				t.Errorf("the poster lacks %q; its text is:\n%s", want, text)
			}
		}
		if strings.Contains(text, "DỰ THẢO") || strings.Contains(text, "ƣ") {
			t.Errorf("the issued poster reads:\n%s", text)
		}
	}

	// A picture of it, for a person to look at.
	if bin, err := exec.LookPath("pdftoppm"); err != nil {
		t.Log("pdftoppm is not installed: no PNG rendered")
	} else {
		dir := t.TempDir()
		in := filepath.Join(dir, "poster.pdf")
		if err := os.WriteFile(in, pdfs[0], 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(bin, "-png", "-r", "30", "-singlefile", in, filepath.Join(dir, "poster")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		fi, err := os.Stat(filepath.Join(dir, "poster.png"))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() <= 5*1024 {
			t.Fatalf("the poster's PNG is %d bytes: next to nothing was drawn", fi.Size())
		}
	}

	// A draft prints as one.
	draft := e.stdCreate("cell.secretary", "CB-VP", map[string]any{"title": "Chuẩn mực đạo đức", "items": stdItems(
		"Gương mẫu, thẳng thắn, chân tình.", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.")})
	got := poster("member", draft.ID, "50x75")
	if got.Status != http.StatusOK {
		t.Fatalf("draft poster: %d\n%s", got.Status, got.Body)
	}
	if text, ok := stdPDFText(t, got.Body); ok {
		for _, want := range []string{"DỰ THẢO", "CHI BỘ VĂN PHÒNG", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"} {
			if !strings.Contains(text, want) {
				t.Errorf("the draft poster lacks %q; its text is:\n%s", want, text)
			}
		}
		if strings.Contains(text, "Quyết định") {
			t.Errorf("the draft poster names a decision:\n%s", text)
		}
	}
	empty := e.stdCreate("cell.secretary", "CB-VP", map[string]any{"title": "Chưa có dòng"})
	problem(t, poster("member", empty.ID, ""), 409, "standard_empty")

	// A long standard does not fit a 10x10 frame: 422 poster_too_long naming the frame; it
	// still renders on a large one.
	long := make([]string, 30)
	for i := range long {
		long[i] = strings.Repeat("Nêu cao ý thức tổ chức kỷ luật, trách nhiệm, tận tụy, sáng tạo trong thực hiện nhiệm vụ. ", 8)
	}
	longSt := e.stdCreate("cell.secretary", "CB-VP", map[string]any{"title": "Chuẩn mực rất dài", "items": stdItems(long...)})
	p := problem(t, poster("member", longSt.ID, "10x10"), 422, "poster_too_long")
	stdWantFields(t, p, true, "/frame")
	// The smallest frame is fine for a short standard: the layout scales with the frame.
	if got := poster("member", demo.ID, "10x10"); got.Status != http.StatusOK {
		t.Fatalf("the demo standard on a 10x10 frame: %d\n%s", got.Status, got.Body)
	} else if w, h := stdMediaBox(t, got.Body); math.Abs(w-cm(10)) > 0.05 || math.Abs(h-cm(10)) > 0.05 {
		t.Fatalf("10x10 page is %.2fx%.2f pt", w, h)
	}

	// Malformed frames name the parameter.
	for _, frame := range []string{"abc", "5x5", "400x400", "40x60x80"} {
		p := problem(t, poster("member", demo.ID, frame), 400, "validation")
		stdWantFields(t, p, false, "/frame")
	}
	// Like the standard itself, the poster exists only for those who read it.
	problem(t, poster("cell.secretary2", demo.ID, ""), 404, "not_found")
	problem(t, poster("", demo.ID, ""), 401, "unauthenticated")
}
