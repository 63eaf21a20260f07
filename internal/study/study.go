// Package study holds what cells study and celebrate under the directive: topics (chuyên đề)
// issued for a year or a term by a bloc, a province or a committee and in force for every unit
// below it; study sessions (sinh hoạt chuyên đề, at least one a quarter) with their attendance,
// minutes and members' reflections (bài thu hoạch); events (honoring on 19/5, exchanges,
// anniversaries on 2/9) with a public summary for the portal; the figures of a period; the
// iCalendar feed of a unit's coming sessions and events; and the secretaries' sessions to hold
// for /me/tasks.
package study

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
)

// Link is a document a topic points to (the guidance, the slides, the reading).
type Link struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Topic is a study topic, in force from YearFrom to YearTo (one year, or a term) for its unit
// and every unit below.
type Topic struct {
	ID        uuid.UUID
	Unit      org.Ref
	UnitPath  string
	BlocID    uuid.UUID
	Title     string
	YearFrom  int
	YearTo    int
	Summary   string
	Links     []Link
	CreatedBy *uuid.UUID
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TopicInput is what a topic's issuer writes.
type TopicInput struct {
	Title    string
	YearFrom int
	YearTo   int // 0: the same as YearFrom
	Summary  string
	Links    []Link
}

// The bounds of the texts users write here, also declared in openapi.yaml.
const (
	maxTitle   = 300
	maxShort   = 300 // place, presenter
	maxText    = 20000
	maxLinks   = 20
	maxURL     = 2000
	maxTermLen = 10 // years a topic may span (a congress term is five)
)

// Normalize cleans and validates the input.
func (in *TopicInput) Normalize() error {
	in.Title, in.Summary = textnorm.Clean(in.Title), textnorm.Clean(in.Summary)
	if in.YearTo == 0 {
		in.YearTo = in.YearFrom
	}
	var c apperr.Checker
	checkLen(&c, in.Title, 1, maxTitle, "/title")
	checkLen(&c, in.Summary, 0, maxText, "/summary")
	c.Check(in.YearFrom >= 2000 && in.YearFrom <= 2100, "/year_from", "must be a year between 2000 and 2100")
	c.Check(in.YearTo >= in.YearFrom && in.YearTo-in.YearFrom < maxTermLen, "/year_to",
		"must be from year_from to 9 years after it")
	c.Check(len(in.Links) <= maxLinks, "/links", "at most 20 links")
	if in.Links == nil {
		in.Links = []Link{}
	}
	for i := range in.Links {
		l := &in.Links[i]
		l.Title, l.URL = textnorm.Clean(l.Title), strings.TrimSpace(l.URL)
		checkLen(&c, l.Title, 1, maxTitle, "/links/"+itoa(i)+"/title")
		c.Check(webURL(l.URL), "/links/"+itoa(i)+"/url", "must be an http or https address of at most 2000 characters")
	}
	return c.Err()
}

// webURL reports whether s is an absolute http(s) URL: a link shown to members must never be
// javascript: or a file.
func webURL(s string) bool {
	if len(s) > maxURL {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// InForce reports whether the topic covers year.
func (t Topic) InForce(year int) bool { return year >= t.YearFrom && year <= t.YearTo }

// AppliesTo reports whether the topic is in force for the unit at path: issued there or above.
func (t Topic) AppliesTo(path string) bool { return strings.HasPrefix(path, t.UnitPath) }

// SessionStatus is where a session stands.
type SessionStatus string

// The states of a session.
const (
	Planned   SessionStatus = "planned"
	Held      SessionStatus = "held"
	Cancelled SessionStatus = "cancelled"
)

// Session is a study session of a unit on a topic.
type Session struct {
	ID           uuid.UUID
	Unit         org.Ref
	UnitPath     string
	BlocID       uuid.UUID
	TopicID      uuid.UUID
	TopicTitle   string // read alongside
	StartsAt     time.Time
	Duration     time.Duration
	Place        string
	Presenter    string
	Agenda       string
	Status       SessionStatus
	HeldOn       *time.Time // civil date
	KeyPoints    string
	CancelReason *string
	CreatedBy    *uuid.UUID
	Version      int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// SessionInput is what a unit writes when it schedules (or reschedules) a session.
type SessionInput struct {
	TopicID   uuid.UUID
	StartsAt  time.Time
	Minutes   int // duration; 0: two hours
	Place     string
	Presenter string
	Agenda    string
}

// Normalize cleans and validates the input.
func (in *SessionInput) Normalize() error {
	in.Place, in.Presenter, in.Agenda = textnorm.Clean(in.Place), textnorm.Clean(in.Presenter), textnorm.Clean(in.Agenda)
	if in.Minutes == 0 {
		in.Minutes = 120
	}
	var c apperr.Checker
	c.Check(in.TopicID != uuid.Nil, "/topic_id", "is required")
	c.Check(!in.StartsAt.IsZero() && in.StartsAt.Year() >= 2000 && in.StartsAt.Year() <= 2100, "/starts_at", "must be a time between 2000 and 2100")
	c.Check(in.Minutes >= 15 && in.Minutes <= 600, "/duration_minutes", "must be 15–600 minutes")
	checkLen(&c, in.Place, 0, maxShort, "/place")
	checkLen(&c, in.Presenter, 0, maxShort, "/presenter")
	checkLen(&c, in.Agenda, 0, maxText, "/agenda")
	return c.Err()
}

// Minutes is what a unit records once the session was held.
type Minutes struct {
	HeldOn    *time.Time // nil: the scheduled date
	KeyPoints string
}

// AttendanceStatus says whether a member came.
type AttendanceStatus string

// The attendance states.
const (
	Present AttendanceStatus = "present"
	Excused AttendanceStatus = "excused"
	Absent  AttendanceStatus = "absent"
)

// Valid reports whether s is a known attendance state.
func (s AttendanceStatus) Valid() bool { return s == Present || s == Excused || s == Absent }

// Member is a party member of a unit, as attendance and reflections name them.
type Member struct {
	ID       uuid.UUID
	UnitID   uuid.UUID
	FullName string
	UserID   *uuid.UUID
}

// Attendance is one member's attendance at a session.
type Attendance struct {
	MemberID   uuid.UUID
	MemberName string // read alongside
	Status     AttendanceStatus
	Note       string
}

// Reflection is one member's bài thu hoạch for a session.
type Reflection struct {
	SessionID  uuid.UUID
	MemberID   uuid.UUID
	MemberName string // read alongside
	Body       string
	WrittenBy  *uuid.UUID
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// EventKind is what an event celebrates.
type EventKind string

// The kinds of event the documents name.
const (
	Honoring    EventKind = "honoring"    // biểu dương, tôn vinh (19/5)
	Exchange    EventKind = "exchange"    // giao lưu, tọa đàm (each quarter)
	Anniversary EventKind = "anniversary" // ngày kỷ niệm (2/9, …)
)

// EventStatus says whether an event's public summary is on the portal.
type EventStatus string

// The states of an event.
const (
	Recorded  EventStatus = "recorded"
	Published EventStatus = "published"
)

// Event is a unit's honoring ceremony, exchange or anniversary.
type Event struct {
	ID            uuid.UUID
	Unit          org.Ref
	UnitPath      string
	BlocID        uuid.UUID
	Kind          EventKind
	Title         string
	HeldOn        time.Time // civil date
	Place         string
	Participants  string
	NominationIDs []uuid.UUID // the honored exemplars who took part
	PublicSummary string
	Status        EventStatus
	PublishedAt   *time.Time
	PublishedBy   *uuid.UUID
	CreatedBy     *uuid.UUID
	Version       int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// EventInput is what a unit records of an event.
type EventInput struct {
	Kind          EventKind
	Title         string
	HeldOn        time.Time
	Place         string
	Participants  string
	NominationIDs []uuid.UUID
	PublicSummary string
}

// Normalize cleans and validates the input.
func (in *EventInput) Normalize() error {
	in.Title, in.Place = textnorm.Clean(in.Title), textnorm.Clean(in.Place)
	in.Participants, in.PublicSummary = textnorm.Clean(in.Participants), textnorm.Clean(in.PublicSummary)
	var c apperr.Checker
	c.Check(in.Kind == Honoring || in.Kind == Exchange || in.Kind == Anniversary, "/kind", "must be honoring, exchange or anniversary")
	checkLen(&c, in.Title, 1, maxTitle, "/title")
	c.Check(in.HeldOn.Year() >= 2000 && in.HeldOn.Year() <= 2100, "/held_on", "must be a date between 2000 and 2100")
	checkLen(&c, in.Place, 0, maxShort, "/place")
	checkLen(&c, in.Participants, 0, maxText, "/participants")
	checkLen(&c, in.PublicSummary, 0, maxText, "/public_summary")
	c.Check(len(in.NominationIDs) <= 100, "/nomination_ids", "at most 100 nominations")
	seen := map[uuid.UUID]bool{}
	ids := []uuid.UUID{}
	for _, id := range in.NominationIDs {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	in.NominationIDs = ids
	return c.Err()
}

func checkLen(c *apperr.Checker, s string, lo, hi int, field string) {
	n := utf8.RuneCountInString(s)
	c.Check(n >= lo && n <= hi, field, "must be "+itoa(lo)+"–"+itoa(hi)+" characters")
}

func itoa(i int) string { return strconv.Itoa(i) }
