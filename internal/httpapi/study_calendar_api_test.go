package httpapi_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
)

// stCalendar fetches the unit's feed with token, checking the status.
func (e *env) stCalendar(code, token string, want int) resp {
	e.t.Helper()
	return e.must(want, req{Method: "GET", Path: "/api/v1/units/" + e.stUnit(code) + "/calendar.ics?token=" + url.QueryEscape(token)})
}

// TestStudyCalendarFeed issues a feed token, reads a unit's feed back with an independent
// iCalendar parser (emersion/go-ical), checks that user text survives RFC 5545 escaping and
// folding, and that the token opens only what its user reads now, until it is revoked.
func TestStudyCalendarFeed(t *testing.T) {
	t.Parallel()
	e, year := stEnv(t)
	now, _ := stClock()
	topic := call[stTopic](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("DU-SCT") + "/study-topics", User: "committee.officer",
		Body: stTopicBody("Chuyên đề; \"tự lực, tự cường\"", year)})
	agenda := "1. Quán triệt, thảo luận; \\ liên hệ\n2. Đăng ký việc làm theo — " + strings.Repeat("rất dài ", 30)
	body := stSessionBody(topic.ID, now.AddDate(0, 0, 3))
	body["agenda"], body["place"], body["duration_minutes"] = agenda, "Phòng họp; tầng 2, Sở", 90
	x := call[stSession](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("CB-VP") + "/study-sessions", User: "cell.secretary", Body: body})
	cancelled := call[stSession](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("CB-VP") + "/study-sessions", User: "cell.secretary",
		Body: stSessionBody(topic.ID, now.AddDate(0, 0, 5))})
	call[stSession](e, http.StatusOK, req{Method: "POST", Path: "/api/v1/study-sessions/" + cancelled.ID + "/cancel", User: "cell.secretary", Body: map[string]any{"reason": "Hoãn"}})

	var tok struct {
		Token string `json:"token"`
	}
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/me/calendar-token", User: "member"}).Decode(t, &tok)
	if len(tok.Token) < 40 {
		t.Fatalf("token %q", tok.Token)
	}
	got := e.stCalendar("CB-VP", tok.Token, http.StatusOK)
	if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
		t.Fatalf("content type %q", ct)
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(got.Body), "\r\n"), "\r\n") {
		if len(line) > 75 || strings.Contains(line, "\n") {
			t.Fatalf("a line of %d octets or with a bare LF: %q", len(line), line)
		}
	}
	cal, err := ical.NewDecoder(bytes.NewReader(got.Body)).Decode()
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, got.Body)
	}
	if v, _ := cal.Props.Text(ical.PropVersion); v != "2.0" {
		t.Errorf("VERSION %q", v)
	}
	byUID := map[string]ical.Event{}
	for _, ev := range cal.Events() {
		uid, _ := ev.Props.Text(ical.PropUID)
		byUID[uid] = ev
	}
	ev, ok := byUID[x.ID+"@lamtheobac"]
	if !ok {
		t.Fatalf("session %s not in the feed: %v", x.ID, byUID)
	}
	if _, ok := byUID[cancelled.ID+"@lamtheobac"]; ok {
		t.Error("a cancelled session is in the feed")
	}
	text := func(name string) string {
		s, err := ev.Props.Text(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return s
	}
	if s := text(ical.PropSummary); s != "Sinh hoạt chuyên đề: "+topic.Title {
		t.Errorf("SUMMARY %q", s)
	}
	if s := text(ical.PropLocation); s != "Phòng họp; tầng 2, Sở" {
		t.Errorf("LOCATION %q", s)
	}
	if s := text(ical.PropDescription); s != "Báo cáo viên: Đ/c Lan\n\n"+strings.TrimSpace(agenda) {
		t.Errorf("DESCRIPTION %q", s)
	}
	start, err1 := ev.DateTimeStart(time.UTC)
	end, err2 := ev.DateTimeEnd(time.UTC)
	if err1 != nil || err2 != nil || !start.Equal(x.StartsAt) || end.Sub(start) != 90*time.Minute {
		t.Errorf("DTSTART %v, DTEND %v (%v, %v), want %v for 90 minutes", start, end, err1, err2, x.StartsAt)
	}
	// The demo's published ceremony is DU-SCT's, not CB-VP's; the demo's planned session is.
	demoEvents := 0
	for _, ev := range byUID {
		if p := ev.Props.Get(ical.PropDateTimeStart); p != nil && p.ValueType() == ical.ValueDate {
			demoEvents++
		}
	}
	if demoEvents != 0 || len(byUID) != 2 {
		t.Errorf("%d all-day events and %d in all in CB-VP's feed, want 0 and 2 (ours and the demo's planned one)", demoEvents, len(byUID))
	}
	// The committee's feed carries its ceremony as an all-day event, for the committee's officer.
	var officer struct {
		Token string `json:"token"`
	}
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/me/calendar-token", User: "committee.officer"}).Decode(t, &officer)
	sct, err := ical.NewDecoder(bytes.NewReader(e.stCalendar("DU-SCT", officer.Token, http.StatusOK).Body)).Decode()
	if err != nil || len(sct.Events()) != 1 || sct.Events()[0].Props.Get(ical.PropDateTimeStart).ValueType() != ical.ValueDate {
		t.Fatalf("DU-SCT's feed: %v, %+v", err, sct)
	}

	// The token opens only what its user reads: not a cell elsewhere, not the committee above.
	e.stCalendar("CB-BTTP", tok.Token, http.StatusNotFound)
	e.stCalendar("DU-SCT", tok.Token, http.StatusNotFound)
	e.stCalendar("CB-VP", tok.Token+"x", http.StatusNotFound)
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/" + e.stUnit("CB-VP") + "/calendar.ics"}), 400, "validation")
	// A new token replaces the old; revoking ends it; revoking again finds nothing.
	var again struct {
		Token string `json:"token"`
	}
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/me/calendar-token", User: "member"}).Decode(t, &again)
	e.stCalendar("CB-VP", tok.Token, http.StatusNotFound)
	e.stCalendar("CB-VP", again.Token, http.StatusOK)
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/me/calendar-token", User: "member"})
	e.stCalendar("CB-VP", again.Token, http.StatusNotFound)
	problem(t, e.do(req{Method: "DELETE", Path: "/api/v1/me/calendar-token", User: "member"}), 404, "not_found")
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/me/calendar-token"}), 401, "unauthenticated")
	// A user whose role is taken away keeps a token that opens nothing.
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/me/calendar-token", User: "cell.secretary2"}).Decode(t, &again)
	e.stCalendar("CB-BTTP", again.Token, http.StatusOK)
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/users/" + e.users["cell.secretary2"].String(), User: "admin", Body: map[string]any{"disabled": true}})
	e.stCalendar("CB-BTTP", again.Token, http.StatusNotFound)
}
