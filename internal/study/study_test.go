package study

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

const (
	blocPath = "b/"
	cellPath = "b/c/s/"
)

var (
	cellID    = uuid.New()
	secretary = &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.CellSecretary, UnitID: cellID, UnitPath: cellPath}}}
	member    = &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.Member, UnitID: cellID, UnitPath: cellPath}}}
	officer   = &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.BlocOfficer, UnitID: uuid.New(), UnitPath: blocPath}}}
	inspector = &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.Inspector, UnitID: uuid.New(), UnitPath: blocPath}}}
)

func codeOf(err error) string {
	var e *apperr.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func TestSessionsTable(t *testing.T) {
	planned, held, cancelled := Session{UnitPath: cellPath, Status: Planned}, Session{UnitPath: cellPath, Status: Held}, Session{UnitPath: cellPath, Status: Cancelled}
	cases := []struct {
		p    *access.Principal
		rec  Session
		want []string
	}{
		{secretary, planned, []string{"update", "record", "cancel", "delete"}},
		{secretary, held, []string{"record", "attendance", "reflect"}},
		{secretary, cancelled, []string{"delete"}},
		{member, planned, []string{}},
		{member, held, []string{"reflect"}},
		// Officers above read a cell's sessions but do not run them; inspectors neither.
		{officer, held, []string{}},
		{inspector, planned, []string{}},
	}
	for _, c := range cases {
		if got := Sessions.Allowed(c.p, c.rec); !slices.Equal(got, c.want) {
			t.Errorf("Allowed(%v, %s) = %v, want %v", c.p.Roles[0].Role, c.rec.Status, got, c.want)
		}
	}
	v := int64(3)
	held.Status = Held
	if got := codeOf(Sessions.Check(member, held, 3, ActAttendance, &v)); got != "forbidden" {
		t.Errorf("a member records attendance: %q", got)
	}
	if got := codeOf(Sessions.Check(secretary, planned, 3, ActAttendance, nil)); got != "invalid_transition" {
		t.Errorf("attendance of a planned session: %q", got)
	}
	if Sessions.To(ActRecord) != Held || Sessions.To(ActCancel) != Cancelled || Sessions.To(ActAttendance) != "" {
		t.Error("the table's targets moved")
	}
}

func TestEventsTable(t *testing.T) {
	bare := Event{UnitPath: cellPath, Status: Recorded}
	withSummary := Event{UnitPath: cellPath, Status: Recorded, PublicSummary: "Tóm tắt"}
	published := Event{UnitPath: cellPath, Status: Published, PublicSummary: "Tóm tắt"}
	cases := []struct {
		p    *access.Principal
		rec  Event
		want []string
	}{
		{secretary, withSummary, []string{"update", "delete"}}, // a secretary never publishes
		{officer, bare, []string{}},                            // nothing to publish
		{officer, withSummary, []string{"publish"}},
		{officer, published, []string{"unpublish"}},
		{secretary, published, []string{}}, // unpublished before it is edited
		{inspector, withSummary, []string{}},
	}
	for _, c := range cases {
		if got := Events.Allowed(c.p, c.rec); !slices.Equal(got, c.want) {
			t.Errorf("Allowed(%v, %+v) = %v, want %v", c.p.Roles[0].Role, c.rec, got, c.want)
		}
	}
}

func TestTopicsTable(t *testing.T) {
	tp := Topic{UnitPath: blocPath}
	blocOwner := &access.Principal{Roles: []access.Assignment{{Role: access.BlocOfficer, UnitPath: blocPath}}}
	if got := Topics.Allowed(blocOwner, tp); !slices.Equal(got, []string{"update", "delete"}) {
		t.Errorf("the bloc's officer on its topic: %v", got)
	}
	if got := Topics.Allowed(secretary, tp); len(got) != 0 {
		t.Errorf("a cell's secretary on the bloc's topic: %v", got)
	}
	if !tp.AppliesTo(cellPath) || (Topic{UnitPath: "b/x/"}).AppliesTo(cellPath) {
		t.Error("AppliesTo does not follow the tree")
	}
	term := Topic{YearFrom: 2021, YearTo: 2025}
	if !term.InForce(2021) || !term.InForce(2025) || term.InForce(2026) {
		t.Error("InForce does not follow the years")
	}
}

func TestPeriods(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		p        Period
		from, to time.Time
		today    time.Time
		due      int
	}{
		{Q1, d(2026, 1, 1), d(2026, 3, 31), d(2026, 5, 10), 1},
		{Q3, d(2026, 7, 1), d(2026, 9, 30), d(2026, 5, 10), 0},
		{H1, d(2026, 1, 1), d(2026, 6, 30), d(2026, 4, 1), 2},
		{FullYear, d(2026, 1, 1), d(2026, 12, 31), d(2026, 3, 31), 1},
		{FullYear, d(2026, 1, 1), d(2026, 12, 31), d(2027, 1, 5), 4},
	}
	for _, c := range cases {
		from, to := c.p.Dates(2026)
		if !from.Equal(c.from) || !to.Equal(c.to) || c.p.QuartersDue(2026, c.today) != c.due {
			t.Errorf("%s: %v–%v, %d due on %v; want %v–%v, %d", c.p, from, to, c.p.QuartersDue(2026, c.today), c.today, c.from, c.to, c.due)
		}
	}
	if QuarterOf(d(2026, 3, 31)) != 1 || QuarterOf(d(2026, 4, 1)) != 2 || QuarterOf(d(2026, 12, 31)) != 4 {
		t.Error("QuarterOf")
	}
	if len(Period("Q5").Quarters()) != 0 {
		t.Error("an unknown period has quarters")
	}
	f := Figures{Present: 3, Excused: 1}
	if f.AttendanceRate() != 0.75 || (Figures{}).AttendanceRate() != 0 {
		t.Error("AttendanceRate")
	}
}

func TestInputsNormalize(t *testing.T) {
	in := TopicInput{Title: "  Chuyên đề  ", YearFrom: 2026, Links: []Link{{Title: "a", URL: "ftp://x"}, {Title: "b", URL: "https://example.vn/x"}}}
	err := in.Normalize()
	var e *apperr.Error
	if !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != "/links/0/url" || in.YearTo != 2026 || in.Title != "Chuyên đề" {
		t.Errorf("topic input: %v %+v", err, in)
	}
	s := SessionInput{TopicID: uuid.New(), StartsAt: time.Date(2026, 5, 1, 1, 0, 0, 0, time.UTC)}
	if err := s.Normalize(); err != nil || s.Minutes != 120 {
		t.Errorf("session input: %v, %d minutes", err, s.Minutes)
	}
	ev := EventInput{Kind: "party", Title: "x", HeldOn: time.Date(2026, 5, 19, 0, 0, 0, 0, time.UTC)}
	if err := ev.Normalize(); !errors.As(err, &e) || e.Fields[0].Field != "/kind" {
		t.Errorf("event kind: %v", err)
	}
	id := uuid.New()
	ev = EventInput{Kind: Honoring, Title: "x", HeldOn: time.Date(2026, 5, 19, 0, 0, 0, 0, time.UTC), NominationIDs: []uuid.UUID{id, id}}
	if err := ev.Normalize(); err != nil || len(ev.NominationIDs) != 1 {
		t.Errorf("duplicate nominations: %v %v", err, ev.NominationIDs)
	}
}

// TestRenderCalendarEscapes checks the text escaping and folding of RFC 5545 on the bytes the
// feed writes (the full-stack test reads them back with another parser).
func TestRenderCalendarEscapes(t *testing.T) {
	start := time.Date(2026, 5, 13, 1, 0, 0, 0, time.UTC)
	x := Session{ID: uuid.New(), StartsAt: start, Duration: time.Hour, TopicTitle: "A, B; C\\D", Place: "Phòng\r\nhọp", Status: Planned, Version: 2}
	e := Event{ID: uuid.New(), Title: strings.Repeat("Kỷ niệm ", 20), HeldOn: time.Date(2026, 9, 2, 0, 0, 0, 0, time.UTC), Version: 1}
	out := RenderCalendar("Chi bộ", "https://x.vn", start, []Session{x}, []Event{e})
	for _, want := range []string{"SUMMARY:Sinh hoạt chuyên đề: A\\, B\\; C\\\\D\r\n", "LOCATION:Phòng\\nhọp\r\n", "DTSTART:20260513T010000Z\r\n",
		"DTEND:20260513T020000Z\r\n", "DTSTART;VALUE=DATE:20260902\r\n", "DTEND;VALUE=DATE:20260903\r\n", "SEQUENCE:2\r\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\r\n") {
		if len(line) > 75 {
			t.Errorf("a line of %d octets: %q", len(line), line)
		}
	}
}
