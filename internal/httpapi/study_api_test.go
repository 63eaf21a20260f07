package httpapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"lamtheobac/internal/app"
)

// stClock is the study tests' clock: 10:00 in Hà Nội on 10 May of the real year (the second
// quarter; the demo dates its study work by the clock).
func stClock() (time.Time, int) {
	year := vnYear()
	return time.Date(year, time.May, 10, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600)), year
}

// stEnv is newEnv on stClock.
func stEnv(t *testing.T) (*env, int) {
	t.Helper()
	now, year := stClock()
	return newEnvWith(t, app.Options{Clock: func() time.Time { return now }}), year
}

type stTopic struct {
	ID       string     `json:"id"`
	Unit     nomUnitRef `json:"unit"`
	Title    string     `json:"title"`
	YearFrom int        `json:"year_from"`
	YearTo   int        `json:"year_to"`
	Version  int64      `json:"version"`
	Actions  []string   `json:"allowed_actions"`
}

type stSession struct {
	ID           string     `json:"id"`
	Unit         nomUnitRef `json:"unit"`
	TopicID      string     `json:"topic_id"`
	TopicTitle   string     `json:"topic_title"`
	StartsAt     time.Time  `json:"starts_at"`
	Status       string     `json:"status"`
	HeldOn       *string    `json:"held_on"`
	KeyPoints    string     `json:"key_points"`
	CancelReason *string    `json:"cancel_reason"`
	Version      int64      `json:"version"`
	Actions      []string   `json:"allowed_actions"`
}

type stEvent struct {
	ID            string   `json:"id"`
	Status        string   `json:"status"`
	NominationIDs []string `json:"nomination_ids"`
	PublicSummary string   `json:"public_summary"`
	Version       int64    `json:"version"`
	Actions       []string `json:"allowed_actions"`
}

type stList[T any] struct {
	Items []T `json:"items"`
}

func (t stTopic) tagVersion() int64   { return t.Version }
func (s stSession) tagVersion() int64 { return s.Version }
func (e stEvent) tagVersion() int64   { return e.Version }

func (e *env) stUnit(code string) string { return e.units[code].String() }

func stTopicBody(title string, year int) map[string]any {
	return map[string]any{"title": title, "year_from": year, "summary": "Tóm tắt", "links": []map[string]any{{"title": "Tài liệu", "url": "https://example.vn/a.pdf"}}}
}

func stSessionBody(topic string, at time.Time) map[string]any {
	return map[string]any{"topic_id": topic, "starts_at": at.Format(time.RFC3339), "place": "Phòng họp; tầng 2, Sở", "presenter": "Đ/c Lan",
		"agenda": "1. Quán triệt\n2. Liên hệ, thảo luận"}
}

func titles(ts []stTopic) []string {
	out := []string{}
	for _, t := range ts {
		out = append(out, t.Title)
	}
	return out
}

// TestStudyTopicsInForce checks who issues topics and that a unit lists those issued at it and
// above it only, with the refusals of bad input.
func TestStudyTopicsInForce(t *testing.T) {
	t.Parallel()
	e, year := stEnv(t)
	sct := call[stTopic](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("DU-SCT") + "/study-topics", User: "committee.officer",
		Body: stTopicBody("Chuyên đề của Sở Công Thương", year)})
	if sct.YearTo != year || sct.Unit.Code != "DU-SCT" || !slices.Equal(sct.Actions, []string{"update", "delete"}) {
		t.Fatalf("topic %+v", sct)
	}
	stp := call[stTopic](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("DU-STP") + "/study-topics", User: "admin",
		Body: map[string]any{"title": "Chuyên đề nhiệm kỳ của Sở Tư pháp", "year_from": year - 1, "year_to": year + 3}})

	// A cell studies topics, it does not issue them; nor does anyone for a unit they do not own.
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("CB-VP") + "/study-topics", User: "cell.secretary", Body: stTopicBody("x", year)}), 409, "topic_issuer")
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("DU-SCT") + "/study-topics", User: "cell.secretary", Body: stTopicBody("x", year)}), 403, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("DU-SCT") + "/study-topics", User: "bloc.officer", Body: stTopicBody("x", year)}), 403, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("DU-SCT") + "/study-topics", User: "cell.secretary2", Body: stTopicBody("x", year)}), 404, "not_found")
	// Bad input: the contract (400), then the rules (422), nothing written.
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("DU-SCT") + "/study-topics", User: "committee.officer",
		Body: map[string]any{"title": "", "year_from": year}}), 400, "validation")
	bad := problem(t, e.do(req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("DU-SCT") + "/study-topics", User: "committee.officer",
		Body: map[string]any{"title": "Sai", "year_from": year, "year_to": year - 1, "links": []map[string]any{{"title": "x", "url": "javascript:alert(1)"}}}}), 422, "validation")
	if fmt.Sprint(bad["errors"]) == "" || len(bad["errors"].([]any)) != 2 {
		t.Errorf("want errors on /year_to and /links/0/url: %v", bad["errors"])
	}

	list := func(user, code, query string) []string {
		t.Helper()
		return titles(call[stList[stTopic]](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.stUnit(code) + "/study-topics" + query, User: user}).Items)
	}
	vp := list("member", "CB-VP", "")
	if !slices.Contains(vp, sct.Title) || slices.Contains(vp, stp.Title) || len(vp) != 3 { // the bloc's, DU-SCT's demo one and ours
		t.Errorf("CB-VP's topics %v", vp)
	}
	if bttp := list("cell.secretary2", "CB-BTTP", "?year="+fmt.Sprint(year+2)); !slices.Equal(bttp, []string{stp.Title}) {
		t.Errorf("CB-BTTP's topics of %d: %v", year+2, bttp)
	}
	if got := call[stTopic](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/study-topics/" + sct.ID, User: "member"}); len(got.Actions) != 0 {
		t.Errorf("a member may %v on a topic", got.Actions)
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/study-topics/" + sct.ID, User: "cell.secretary2"}), 404, "not_found")

	// Rewrite with If-Match; a stale one is 412.
	body := stTopicBody("Chuyên đề của Sở Công Thương (sửa)", year)
	upd := call[stTopic](e, http.StatusOK, req{Method: "PUT", Path: "/api/v1/study-topics/" + sct.ID, User: "committee.officer", Body: body, Header: ifMatch(sct.Version)})
	problem(t, e.do(req{Method: "PUT", Path: "/api/v1/study-topics/" + sct.ID, User: "committee.officer", Body: body, Header: ifMatch(sct.Version)}), 412, "stale_version")
	problem(t, e.do(req{Method: "PUT", Path: "/api/v1/study-topics/" + sct.ID, User: "cell.secretary", Body: body}), 403, "forbidden")
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/study-topics/" + stp.ID, User: "admin"})
	if upd.Version != 2 || upd.Title != body["title"] {
		t.Errorf("updated %+v", upd)
	}
}

// TestStudySessionLifecycle schedules, reschedules, holds and cancels sessions, through every
// refusal of the table (403, 412, 409) and of the rules (422).
func TestStudySessionLifecycle(t *testing.T) {
	t.Parallel()
	e, year := stEnv(t)
	now, _ := stClock()
	sct := call[stTopic](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("DU-SCT") + "/study-topics", User: "committee.officer",
		Body: stTopicBody("Chuyên đề quý", year)})
	stp := call[stTopic](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("DU-STP") + "/study-topics", User: "admin",
		Body: stTopicBody("Chuyên đề của Sở Tư pháp", year)})
	sessions := "/api/v1/units/" + e.stUnit("CB-VP") + "/study-sessions"
	problem(t, e.do(req{Method: "POST", Path: sessions, User: "cell.secretary", Body: stSessionBody(stp.ID, now)}), 422, "topic_not_in_force")
	problem(t, e.do(req{Method: "POST", Path: sessions, User: "cell.secretary", Body: stSessionBody(sct.ID, now.AddDate(1, 0, 0))}), 422, "topic_not_in_force")
	problem(t, e.do(req{Method: "POST", Path: sessions, User: "member", Body: stSessionBody(sct.ID, now)}), 403, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: sessions, User: "committee.officer", Body: stSessionBody(sct.ID, now)}), 403, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: sessions, User: "cell.secretary2", Body: stSessionBody(sct.ID, now)}), 404, "not_found")

	x := call[stSession](e, http.StatusCreated, req{Method: "POST", Path: sessions, User: "cell.secretary", Body: stSessionBody(sct.ID, now.Add(-2*time.Hour))})
	if x.Status != "planned" || x.TopicTitle != sct.Title || !slices.Equal(x.Actions, []string{"update", "record", "cancel", "delete"}) {
		t.Fatalf("session %+v", x)
	}
	path := "/api/v1/study-sessions/" + x.ID
	// Readers: the cell and those above; not a cell elsewhere, not a reader from below.
	if got := call[stSession](e, http.StatusOK, req{Method: "GET", Path: path, User: "committee.officer"}); len(got.Actions) != 0 {
		t.Errorf("the committee may %v on the cell's session", got.Actions)
	}
	problem(t, e.do(req{Method: "GET", Path: path, User: "cell.secretary2"}), 404, "not_found")
	// Attendance and reflections wait for the session to be held.
	problem(t, e.do(req{Method: "PUT", Path: path + "/attendance", User: "cell.secretary", Body: map[string]any{"items": []any{}}}), 409, "invalid_transition")

	moved := call[stSession](e, http.StatusOK, req{Method: "PUT", Path: path, User: "cell.secretary", Body: stSessionBody(sct.ID, now.Add(-time.Hour)), Header: ifMatch(x.Version)})
	problem(t, e.do(req{Method: "POST", Path: path + "/record", User: "cell.secretary", Body: map[string]any{"key_points": "x"}, Header: ifMatch(x.Version)}), 412, "stale_version")
	problem(t, e.do(req{Method: "POST", Path: path + "/record", User: "member", Body: map[string]any{"key_points": "x"}}), 403, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: path + "/record", User: "cell.secretary", Body: map[string]any{"key_points": "x", "held_on": now.AddDate(0, 0, 1).Format(time.DateOnly)}}), 422, "validation")
	held := call[stSession](e, http.StatusOK, req{Method: "POST", Path: path + "/record", User: "cell.secretary", Body: map[string]any{"key_points": "Thống nhất 3 việc làm theo."}, Header: ifMatch(moved.Version)})
	if held.Status != "held" || held.HeldOn == nil || *held.HeldOn != now.Format(time.DateOnly) || !slices.Equal(held.Actions, []string{"record", "attendance", "reflect"}) {
		t.Fatalf("held %+v", held)
	}
	problem(t, e.do(req{Method: "POST", Path: path + "/cancel", User: "cell.secretary", Body: map[string]any{"reason": "x"}}), 409, "invalid_transition")
	problem(t, e.do(req{Method: "DELETE", Path: path, User: "cell.secretary"}), 409, "invalid_transition")
	problem(t, e.do(req{Method: "PUT", Path: path, User: "cell.secretary", Body: stSessionBody(sct.ID, now)}), 409, "invalid_transition")
	// A topic studied is kept.
	problem(t, e.do(req{Method: "DELETE", Path: "/api/v1/study-topics/" + sct.ID, User: "committee.officer"}), 409, "referenced")

	// A session scheduled after today is held only with the date it was held.
	later := call[stSession](e, http.StatusCreated, req{Method: "POST", Path: sessions, User: "cell.secretary", Body: stSessionBody(sct.ID, now.AddDate(0, 0, 20))})
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/study-sessions/" + later.ID + "/record", User: "cell.secretary", Body: map[string]any{"key_points": "x"}}), 422, "validation")
	cancelled := call[stSession](e, http.StatusOK, req{Method: "POST", Path: "/api/v1/study-sessions/" + later.ID + "/cancel", User: "cell.secretary", Body: map[string]any{"reason": "Trùng lịch họp"}})
	if cancelled.Status != "cancelled" || cancelled.CancelReason == nil || *cancelled.CancelReason != "Trùng lịch họp" {
		t.Errorf("cancelled %+v", cancelled)
	}
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/study-sessions/" + later.ID, User: "cell.secretary", Header: ifMatch(cancelled.Version)})

	// Lists: the cell's own (the demo's two, ours) and the committee's subtree; none from below.
	own := call[stList[stSession]](e, http.StatusOK, req{Method: "GET", Path: sessions + "?status=held", User: "member"}).Items
	if len(own) != 2 || own[0].ID != x.ID {
		t.Errorf("CB-VP's held sessions %+v", own)
	}
	sub := call[stList[stSession]](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.stUnit("DU-SCT") + "/study-sessions?scope=subtree", User: "committee.officer"}).Items
	if len(sub) != 3 {
		t.Errorf("DU-SCT's subtree has %d sessions, want 3", len(sub))
	}
	if up := call[stList[stSession]](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.stUnit("DU-SCT") + "/study-sessions?scope=subtree", User: "cell.secretary"}).Items; len(up) != 0 {
		t.Errorf("a cell reads %d sessions of its committee's subtree", len(up))
	}
}

// TestStudyEvents records an event with honored exemplars, and publishes it only by an officer
// with the publish right and with a public summary.
func TestStudyEvents(t *testing.T) {
	t.Parallel()
	e, year := stEnv(t)
	var noms stList[struct {
		ID string `json:"id"`
	}]
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.stUnit("CB-VP") + "/nominations?status=honored", User: "admin"}).Decode(t, &noms)
	var drafts stList[struct {
		ID string `json:"id"`
	}]
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.stUnit("CB-VP") + "/nominations?status=draft", User: "admin"}).Decode(t, &drafts)
	if len(noms.Items) == 0 || len(drafts.Items) == 0 {
		t.Fatal("the demo has no honored or draft nomination at CB-VP")
	}
	events := "/api/v1/units/" + e.stUnit("CB-VP") + "/events"
	body := map[string]any{"kind": "exchange", "title": "Tọa đàm \"Làm theo Bác\" quý II", "held_on": fmt.Sprintf("%d-05-19", year),
		"participants": "Đảng viên chi bộ; khách mời", "nomination_ids": []string{noms.Items[0].ID, noms.Items[0].ID}}
	bad := map[string]any{"kind": "exchange", "title": "x", "held_on": fmt.Sprintf("%d-05-19", year), "nomination_ids": []string{drafts.Items[0].ID}}
	problem(t, e.do(req{Method: "POST", Path: events, User: "cell.secretary", Body: bad}), 422, "nomination_not_honored")
	problem(t, e.do(req{Method: "POST", Path: events, User: "member", Body: body}), 403, "forbidden")
	ev := call[stEvent](e, http.StatusCreated, req{Method: "POST", Path: events, User: "cell.secretary", Body: body})
	if ev.Status != "recorded" || !slices.Equal(ev.NominationIDs, []string{noms.Items[0].ID}) || !slices.Equal(ev.Actions, []string{"update", "delete"}) {
		t.Fatalf("event %+v", ev)
	}
	path := "/api/v1/events/" + ev.ID
	if got := call[stEvent](e, http.StatusOK, req{Method: "GET", Path: path, User: "committee.officer"}); !slices.Equal(got.Actions, []string{}) {
		t.Errorf("committee's actions on an event without summary %v", got.Actions) // nothing to publish yet
	}
	problem(t, e.do(req{Method: "POST", Path: path + "/publish", User: "committee.officer"}), 409, "invalid_transition")
	body["public_summary"] = "<script>alert(1)</script> Tọa đàm sôi nổi"
	ev = call[stEvent](e, http.StatusOK, req{Method: "PUT", Path: path, User: "cell.secretary", Body: body, Header: ifMatch(ev.Version)})
	if ev.PublicSummary != body["public_summary"] {
		t.Errorf("the summary is stored as written (escaped where shown), got %q", ev.PublicSummary)
	}
	problem(t, e.do(req{Method: "POST", Path: path + "/publish", User: "cell.secretary"}), 403, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: path + "/publish", User: "committee.officer", Header: ifMatch(ev.Version - 1)}), 412, "stale_version")
	pub := call[stEvent](e, http.StatusOK, req{Method: "POST", Path: path + "/publish", User: "committee.officer", Header: ifMatch(ev.Version)})
	if pub.Status != "published" || !slices.Equal(pub.Actions, []string{"unpublish"}) {
		t.Errorf("published %+v", pub)
	}
	problem(t, e.do(req{Method: "PUT", Path: path, User: "cell.secretary", Body: body}), 409, "invalid_transition")
	problem(t, e.do(req{Method: "DELETE", Path: path, User: "cell.secretary"}), 409, "invalid_transition")
	// On the public feed: the summary escaped as text, the participants nowhere; the feed's
	// ETag moved with the publication.
	feed := e.must(http.StatusOK, req{Method: "GET", Path: "/public/feed.atom"})
	for _, want := range []string{"urn:lamtheobac:event:" + ev.ID, "&lt;script&gt;alert(1)&lt;/script&gt; Tọa đàm sôi nổi", "Tọa đàm &#34;Làm theo Bác&#34; quý II"} {
		if !strings.Contains(string(feed.Body), want) {
			t.Errorf("the feed lacks %q", want)
		}
	}
	if strings.Contains(string(feed.Body), "<script>") || strings.Contains(string(feed.Body), "khách mời") {
		t.Error("the feed carries markup or the participants")
	}
	call[stEvent](e, http.StatusOK, req{Method: "POST", Path: path + "/unpublish", User: "bloc.officer"})
	if got := e.do(req{Method: "GET", Path: "/public/feed.atom", Header: map[string]string{"If-None-Match": feed.Header.Get("ETag")}}); got.Status != http.StatusOK ||
		strings.Contains(string(got.Body), ev.ID) {
		t.Errorf("after unpublishing: %d, event still there: %v", got.Status, strings.Contains(string(got.Body), ev.ID))
	}
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: path, User: "cell.secretary"})
	problem(t, e.do(req{Method: "GET", Path: path, User: "admin"}), 404, "not_found")
}
