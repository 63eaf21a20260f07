package study

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
)

// CalendarStore keeps the calendar feed tokens (as digests) and reads a unit's coming
// sessions and events.
type CalendarStore interface {
	// SetCalendarToken stores the digest of the user's feed token, replacing any before it.
	SetCalendarToken(ctx context.Context, userID uuid.UUID, digest []byte, at time.Time) error
	// DeleteCalendarToken revokes the user's feed token; false when there was none.
	DeleteCalendarToken(ctx context.Context, userID uuid.UUID) (bool, error)
	// CalendarTokenUser is the user whose token has digest (apperr.ErrNotFound for none).
	CalendarTokenUser(ctx context.Context, digest []byte) (uuid.UUID, error)
	// Upcoming returns the unit's planned and held sessions starting from since, and its events
	// held from since's civil date, each soonest first, at most limit of each.
	Upcoming(ctx context.Context, unitID uuid.UUID, since time.Time, limit int) ([]Session, []Event, error)
}

// Principals finds the principal of a user with its current roles (an error for a user who is
// gone or disabled).
type Principals interface {
	PrincipalFor(ctx context.Context, kind access.PrincipalKind, id uuid.UUID) (*access.Principal, error)
}

// The feed's window and size: what a calendar application shows as coming, with the last
// month kept so a session just held does not vanish from members' calendars.
const (
	feedPast  = 30 * 24 * time.Hour
	feedLimit = 500
)

// CalendarToken is a new feed token, shown once.
type CalendarToken struct {
	Token     string
	CreatedAt time.Time
}

// digest is how a feed token is stored: its SHA-256, so the table never holds a usable token.
func digest(token string) []byte {
	d := sha256.Sum256([]byte(token))
	return d[:]
}

// IssueCalendarToken gives the calling user a new feed token, revoking the one before. Only
// users have calendars (403 for service clients).
func (s *Service) IssueCalendarToken(ctx context.Context) (CalendarToken, error) {
	p := access.FromContext(ctx)
	if p == nil {
		return CalendarToken{}, apperr.ErrUnauthenticated
	}
	if p.Kind != access.UserPrincipal {
		return CalendarToken{}, apperr.New(apperr.Forbidden, "users_only", "Only users have a calendar feed.")
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return CalendarToken{}, err
	}
	t := CalendarToken{Token: base64.RawURLEncoding.EncodeToString(raw), CreatedAt: s.now()}
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.SetCalendarToken(ctx, p.ID, digest(t.Token), t.CreatedAt); err != nil {
			return err
		}
		return s.store.Record(ctx, tokenEvent("calendar_token.issue", p.ID))
	})
	return t, err
}

// RevokeCalendarToken revokes the calling user's feed token (404 when there is none).
func (s *Service) RevokeCalendarToken(ctx context.Context) error {
	p := access.FromContext(ctx)
	if p == nil {
		return apperr.ErrUnauthenticated
	}
	return s.store.InTx(ctx, func(ctx context.Context) error {
		ok, err := s.store.DeleteCalendarToken(ctx, p.ID)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.ErrNotFound
		}
		return s.store.Record(ctx, tokenEvent("calendar_token.revoke", p.ID))
	})
}

// tokenEvent is the audit event of issuing or revoking a user's feed token (never the token).
func tokenEvent(action string, userID uuid.UUID) audit.Event {
	return audit.Event{Action: action, ResourceType: "calendar_token", ResourceID: &userID}
}

// Calendar renders the unit's coming sessions and events as an iCalendar feed (RFC 5545) for
// the holder of token, who must read the unit's internal records with the roles it holds now.
// An unknown, revoked or powerless token finds nothing: 404, like a unit outside one's scope.
func (s *Service) Calendar(ctx context.Context, token string, unitID uuid.UUID, baseURL string) ([]byte, error) {
	if token == "" || len(token) > 200 {
		return nil, apperr.ErrNotFound
	}
	userID, err := s.store.CalendarTokenUser(ctx, digest(token))
	if err != nil {
		return nil, err
	}
	p, err := s.principals.PrincipalFor(ctx, access.UserPrincipal, userID)
	if k := apperr.KindOf(err); k == apperr.Unauthenticated || k == apperr.NotFound {
		return nil, apperr.ErrNotFound // the user is gone or disabled: the token opens nothing
	}
	if err != nil {
		return nil, err
	}
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return nil, err
	}
	if !internalReader(p, u.Path) {
		return nil, apperr.ErrNotFound
	}
	now := s.now()
	sessions, events, err := s.store.Upcoming(ctx, u.ID, now.Add(-feedPast), feedLimit)
	if err != nil {
		return nil, err
	}
	return []byte(RenderCalendar(u.Name, baseURL, now, sessions, events)), nil
}

// RenderCalendar writes sessions and events as a VCALENDAR. Every text a user wrote goes in a
// TEXT property, which the library escapes (backslash, comma, semicolon, newline) and folds at
// 75 octets without splitting a character, lines ending in CRLF, as RFC 5545 §3.3.11 and §3.1
// require.
func RenderCalendar(unitName, baseURL string, stamp time.Time, sessions []Session, events []Event) string {
	cal := ics.NewCalendarFor("lamtheobac")
	cal.SetProductId("-//lamtheobac//Sinh hoat chuyen de//VI")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(icsText("Sinh hoạt chuyên đề — " + unitName))
	cal.SetXWRCalName(icsText("Sinh hoạt chuyên đề — " + unitName))
	cal.SetRefreshInterval("PT1H")
	for _, x := range sessions {
		ev := cal.AddEvent(x.ID.String() + "@lamtheobac")
		ev.SetDtStampTime(stamp)
		ev.SetModifiedAt(x.UpdatedAt)
		ev.SetSequence(int(x.Version))
		ev.SetStartAt(x.StartsAt)
		ev.SetEndAt(x.StartsAt.Add(x.Duration))
		ev.SetSummary(icsText("Sinh hoạt chuyên đề: " + x.TopicTitle))
		if x.Place != "" {
			ev.SetLocation(icsText(x.Place))
		}
		desc := []string{}
		if x.Presenter != "" {
			desc = append(desc, "Báo cáo viên: "+x.Presenter)
		}
		if x.Agenda != "" {
			desc = append(desc, x.Agenda)
		}
		ev.SetDescription(icsText(strings.Join(desc, "\n\n")))
		ev.SetURL(baseURL + "/api/v1/study-sessions/" + x.ID.String())
		if x.Status == Cancelled {
			ev.SetStatus(ics.ObjectStatusCancelled)
		} else {
			ev.SetStatus(ics.ObjectStatusConfirmed)
		}
	}
	for _, e := range events {
		ev := cal.AddEvent(e.ID.String() + "@lamtheobac")
		ev.SetDtStampTime(stamp)
		ev.SetModifiedAt(e.UpdatedAt)
		ev.SetSequence(int(e.Version))
		ev.SetAllDayStartAt(e.HeldOn)
		ev.SetAllDayEndAt(e.HeldOn.AddDate(0, 0, 1))
		ev.SetSummary(icsText(e.Title))
		if e.Place != "" {
			ev.SetLocation(icsText(e.Place))
		}
		if e.Participants != "" {
			ev.SetDescription(icsText("Thành phần: " + e.Participants))
		}
		ev.SetURL(baseURL + "/api/v1/events/" + e.ID.String())
		ev.SetStatus(ics.ObjectStatusConfirmed)
	}
	return cal.Serialize(ics.WithNewLine("\r\n"))
}

// icsText prepares user text for a TEXT property: line breaks as LF only (the library writes
// each as \n), no other control characters.
func icsText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
