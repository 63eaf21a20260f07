package study

import (
	"context"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/org"
	"lamtheobac/internal/workflow"
)

// Store is what the study service needs from persistence.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	audit.Recorder
	GetUnit(ctx context.Context, id uuid.UUID) (org.Unit, error)

	CreateStudyTopic(ctx context.Context, t Topic) error
	GetStudyTopic(ctx context.Context, id uuid.UUID, forUpdate bool) (Topic, error)
	// SaveTopic writes after if the stored version is still before's (apperr.ErrStale otherwise).
	SaveStudyTopic(ctx context.Context, before, after Topic) (Topic, error)
	DeleteStudyTopic(ctx context.Context, id uuid.UUID) error // studied somewhere → conflict "referenced"
	// ListTopics lists the topics issued at any of paths, the latest years first.
	ListStudyTopics(ctx context.Context, paths []string, year int, limit int, cursor string) ([]Topic, string, error)

	CreateStudySession(ctx context.Context, s Session) error
	GetStudySession(ctx context.Context, id uuid.UUID, forUpdate bool) (Session, error)
	SaveStudySession(ctx context.Context, before, after Session) (Session, error)
	DeleteStudySession(ctx context.Context, id uuid.UUID) error
	ListStudySessions(ctx context.Context, f SessionFilter) ([]Session, string, error)
	// Members returns the members with ids (any unit), those not found left out.
	StudyMembers(ctx context.Context, ids []uuid.UUID) ([]Member, error)
	ReplaceAttendance(ctx context.Context, sessionID uuid.UUID, rows []Attendance) error
	ListAttendance(ctx context.Context, sessionID uuid.UUID) ([]Attendance, error)
	// PutReflection writes a reflection and returns when it was first written.
	PutReflection(ctx context.Context, r Reflection) (time.Time, error)
	ListReflections(ctx context.Context, sessionID uuid.UUID) ([]Reflection, error)

	CreateStudyEvent(ctx context.Context, e Event) error
	GetStudyEvent(ctx context.Context, id uuid.UUID, forUpdate bool) (Event, error)
	SaveStudyEvent(ctx context.Context, before, after Event) (Event, error)
	DeleteStudyEvent(ctx context.Context, id uuid.UUID) error
	ListStudyEvents(ctx context.Context, f EventFilter) ([]Event, string, error)
	// NominationsOf returns the status and unit path of the nominations with ids that exist.
	NominationsOf(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]NominationRef, error)

	// StudyFigures sums the sessions, attendance and reflections of the subtree at path in the
	// quarters (1–4) of year, per unit directly below it and for the unit itself.
	StudyFigures(ctx context.Context, path string, year int, quarters []int) ([]Figures, error)

	CalendarStore
}

// NominationRef is what linking a nomination to an event checks.
type NominationRef struct {
	Status   string
	UnitPath string
}

// SessionFilter selects sessions for a list.
type SessionFilter struct {
	UnitID   *uuid.UUID // one unit's own…
	UnitPath string     // …or a subtree's
	Status   SessionStatus
	From, To *time.Time // starts_at within, when set
	Limit    int
	Cursor   string
}

// EventFilter selects events for a list.
type EventFilter struct {
	UnitID   *uuid.UUID
	UnitPath string
	Kind     EventKind
	From, To *time.Time // held_on within (civil dates), when set
	Limit    int
	Cursor   string
}

// Service runs the study use cases for the principal in ctx.
type Service struct {
	store      Store
	principals Principals
	now        func() time.Time
	topics     workflow.Flow[Topic, topicState, Action]
	sessions   workflow.Flow[Session, SessionStatus, Action]
	events     workflow.Flow[Event, EventStatus, Action]
}

// NewService returns a Service over store, finding the principals of calendar tokens through
// principals, whose dates follow now.
func NewService(store Store, principals Principals, now func() time.Time) *Service {
	s := &Service{store: store, principals: principals, now: now}
	s.topics = workflow.Flow[Topic, topicState, Action]{Table: Topics, Kind: "study_topic", InTx: store.InTx,
		Load: s.readableTopic, Version: func(t Topic) int64 { return t.Version }, SetState: func(*Topic, topicState) {},
		Save: func(ctx context.Context, b, a Topic) (Topic, error) {
			a.UpdatedAt = s.now()
			return store.SaveStudyTopic(ctx, b, a)
		},
		Delete: func(ctx context.Context, t Topic) error { return store.DeleteStudyTopic(ctx, t.ID) },
		Audit: func(ctx context.Context, action string, b Topic, a *Topic) error {
			return store.Record(ctx, event(action, "study_topic", b.ID, b.Unit.ID, b.UnitPath, b.BlocID, b, deref(a)))
		}}
	s.sessions = workflow.Flow[Session, SessionStatus, Action]{Table: Sessions, Kind: "study_session", InTx: store.InTx,
		Load: s.readableSession, Version: func(x Session) int64 { return x.Version }, SetState: func(x *Session, st SessionStatus) { x.Status = st },
		Save: func(ctx context.Context, b, a Session) (Session, error) {
			a.UpdatedAt = s.now()
			return store.SaveStudySession(ctx, b, a)
		},
		Delete: func(ctx context.Context, x Session) error { return store.DeleteStudySession(ctx, x.ID) },
		Audit: func(ctx context.Context, action string, b Session, a *Session) error {
			return store.Record(ctx, event(action, "study_session", b.ID, b.Unit.ID, b.UnitPath, b.BlocID, b, deref(a)))
		}}
	s.events = workflow.Flow[Event, EventStatus, Action]{Table: Events, Kind: "study_event", InTx: store.InTx,
		Load: s.readableEvent, Version: func(e Event) int64 { return e.Version }, SetState: func(e *Event, st EventStatus) { e.Status = st },
		Save: func(ctx context.Context, b, a Event) (Event, error) {
			a.UpdatedAt = s.now()
			return store.SaveStudyEvent(ctx, b, a)
		},
		Delete: func(ctx context.Context, e Event) error { return store.DeleteStudyEvent(ctx, e.ID) },
		Audit: func(ctx context.Context, action string, b Event, a *Event) error {
			return store.Record(ctx, event(action, "study_event", b.ID, b.Unit.ID, b.UnitPath, b.BlocID, b, deref(a)))
		}}
	return s
}

// deref is the record after a change, nil for a removal (the audit's "after").
func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// event is the audit event of a change to a study record.
func event(action, kind string, id, unitID uuid.UUID, path string, bloc uuid.UUID, before, after any) audit.Event {
	return audit.Event{Action: action, ResourceType: kind, ResourceID: &id, UnitID: &unitID, UnitPath: path, BlocID: &bloc,
		Before: before, After: after}
}

// internalReader reports whether p reads a unit's internal study records (sessions, their
// attendance and reflections, events): its roles cover the unit. Readers from below and portal
// clients do not; the portal gets published events' summaries only.
func internalReader(p *access.Principal, path string) bool {
	return p.CanRead(path) && !p.ReadsOnlyAsAncestor(path) && !p.OnlyHolds(access.Portal)
}

// topicReader reports whether p reads the topics issued at path: every reader of the unit
// (units below study what was issued above them), not portal clients.
func topicReader(p *access.Principal, path string) bool {
	return p.CanRead(path) && !p.OnlyHolds(access.Portal)
}

func (s *Service) readableTopic(ctx context.Context, id uuid.UUID, forUpdate bool) (Topic, error) {
	t, err := s.store.GetStudyTopic(ctx, id, forUpdate)
	if err != nil {
		return Topic{}, err
	}
	if !topicReader(access.FromContext(ctx), t.UnitPath) {
		return Topic{}, apperr.ErrNotFound
	}
	return t, nil
}

func (s *Service) readableSession(ctx context.Context, id uuid.UUID, forUpdate bool) (Session, error) {
	x, err := s.store.GetStudySession(ctx, id, forUpdate)
	if err != nil {
		return Session{}, err
	}
	if !internalReader(access.FromContext(ctx), x.UnitPath) {
		return Session{}, apperr.ErrNotFound
	}
	return x, nil
}

func (s *Service) readableEvent(ctx context.Context, id uuid.UUID, forUpdate bool) (Event, error) {
	e, err := s.store.GetStudyEvent(ctx, id, forUpdate)
	if err != nil {
		return Event{}, err
	}
	if !internalReader(access.FromContext(ctx), e.UnitPath) {
		return Event{}, apperr.ErrNotFound
	}
	return e, nil
}

// ownUnit loads the unit for the caller's owner rights on its study work (404 outside the read
// scope, 403 without the right, 409 unit_archived).
func (s *Service) ownUnit(ctx context.Context, unitID uuid.UUID) (org.Unit, *access.Principal, error) {
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return org.Unit{}, nil, err
	}
	p := access.FromContext(ctx)
	if err := p.AuthorizeOwner(access.ManageStudy, u.Path); err != nil {
		return org.Unit{}, nil, err
	}
	if u.Archived {
		return org.Unit{}, nil, apperr.New(apperr.Conflict, "unit_archived", "The unit is archived.")
	}
	return u, p, nil
}

// AllowedTopic, AllowedSession and AllowedEvent list what the caller may do now.
func (s *Service) AllowedTopic(ctx context.Context, t Topic) []string {
	return s.topics.AllowedIn(ctx, t)
}

// AllowedSession lists what the caller may do to x now.
func (s *Service) AllowedSession(ctx context.Context, x Session) []string {
	return s.sessions.AllowedIn(ctx, x)
}

// AllowedEvent lists what the caller may do to e now.
func (s *Service) AllowedEvent(ctx context.Context, e Event) []string {
	return s.events.AllowedIn(ctx, e)
}

// ancestorPaths are the paths of the unit at path and of every unit above it.
func ancestorPaths(path string) []string {
	var out []string
	for i, c := range path {
		if c == '/' {
			out = append(out, path[:i+1])
		}
	}
	return out
}
