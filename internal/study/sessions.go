package study

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
	"lamtheobac/internal/vntime"
)

// CreateSession schedules a study session of the unit on a topic in force for it in the
// session's year (422 topic_not_in_force otherwise).
func (s *Service) CreateSession(ctx context.Context, unitID uuid.UUID, in SessionInput) (Session, error) {
	if err := in.Normalize(); err != nil {
		return Session{}, err
	}
	u, p, err := s.ownUnit(ctx, unitID)
	if err != nil {
		return Session{}, err
	}
	now := s.now()
	x := Session{ID: uuid.Must(uuid.NewV7()), Unit: u.Ref(), UnitPath: u.Path, BlocID: u.BlocID, Status: Planned,
		CreatedBy: p.ActorID(), Version: 1, CreatedAt: now, UpdatedAt: now}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.applySession(ctx, &x, in); err != nil {
			return err
		}
		if err := s.store.CreateStudySession(ctx, x); err != nil {
			return err
		}
		return s.store.Record(ctx, event("study_session.create", "study_session", x.ID, u.ID, u.Path, u.BlocID, nil, x))
	})
	return x, err
}

// applySession writes validated input into x after checking its topic.
func (s *Service) applySession(ctx context.Context, x *Session, in SessionInput) error {
	t, err := s.store.GetStudyTopic(ctx, in.TopicID, false)
	if apperr.KindOf(err) == apperr.NotFound {
		return apperr.Fields("topic_not_in_force", "The topic does not exist.", apperr.FieldError{Field: "/topic_id", Message: "no such topic"})
	}
	if err != nil {
		return err
	}
	year := vntime.Date(in.StartsAt).Year()
	if !t.AppliesTo(x.UnitPath) || !t.InForce(year) {
		return apperr.Fields("topic_not_in_force", "The topic is not in force for this unit in the session's year.",
			apperr.FieldError{Field: "/topic_id", Message: "must be a topic issued at the unit or above it for " + strconv.Itoa(year)})
	}
	x.TopicID, x.TopicTitle, x.StartsAt = t.ID, t.Title, in.StartsAt.UTC()
	x.Duration = time.Duration(in.Minutes) * time.Minute
	x.Place, x.Presenter, x.Agenda = in.Place, in.Presenter, in.Agenda
	return nil
}

// GetSession returns a session the caller reads.
func (s *Service) GetSession(ctx context.Context, id uuid.UUID) (Session, error) {
	return s.readableSession(ctx, id, false)
}

// ListSessions lists a unit's (or its subtree's) sessions, newest scheduled first.
func (s *Service) ListSessions(ctx context.Context, unitID uuid.UUID, subtree bool, f SessionFilter) ([]Session, string, error) {
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return nil, "", err
	}
	if !internalReader(p, u.Path) {
		return []Session{}, "", nil
	}
	if subtree {
		f.UnitPath = u.Path
	} else {
		f.UnitID = &u.ID
	}
	return s.store.ListStudySessions(ctx, f)
}

// UpdateSession reschedules a planned session.
func (s *Service) UpdateSession(ctx context.Context, id uuid.UUID, ifMatch *int64, in SessionInput) (Session, error) {
	if err := in.Normalize(); err != nil {
		return Session{}, err
	}
	return s.sessions.Change(ctx, id, ifMatch, ActUpdate, func(ctx context.Context, x *Session) error {
		return s.applySession(ctx, x, in)
	})
}

// RecordSession records that the session was held, with the minutes' key points (again, to
// correct them). The date held is not in the future.
func (s *Service) RecordSession(ctx context.Context, id uuid.UUID, ifMatch *int64, m Minutes) (Session, error) {
	m.KeyPoints = textnorm.Clean(m.KeyPoints)
	var c apperr.Checker
	checkLen(&c, m.KeyPoints, 1, maxText, "/key_points")
	today := vntime.Date(s.now())
	if m.HeldOn != nil {
		c.Check(!m.HeldOn.After(today) && m.HeldOn.Year() >= 2000, "/held_on", "must be a date from 2000 to today")
	}
	if err := c.Err(); err != nil {
		return Session{}, err
	}
	return s.sessions.Change(ctx, id, ifMatch, ActRecord, func(_ context.Context, x *Session) error {
		held := vntime.Date(x.StartsAt)
		if m.HeldOn != nil {
			held = *m.HeldOn
		} else if held.After(today) {
			return apperr.Fields("validation", "The session is scheduled after today: say when it was held.",
				apperr.FieldError{Field: "/held_on", Message: "is required for a session scheduled after today"})
		}
		x.HeldOn, x.KeyPoints = &held, m.KeyPoints
		return nil
	})
}

// CancelSession cancels a planned session, with a reason.
func (s *Service) CancelSession(ctx context.Context, id uuid.UUID, ifMatch *int64, reason string) (Session, error) {
	reason = textnorm.Clean(reason)
	var c apperr.Checker
	checkLen(&c, reason, 1, maxShort*10, "/reason")
	if err := c.Err(); err != nil {
		return Session{}, err
	}
	return s.sessions.Change(ctx, id, ifMatch, ActCancel, func(_ context.Context, x *Session) error {
		x.CancelReason = &reason
		return nil
	})
}

// DeleteSession removes a session that was never held.
func (s *Service) DeleteSession(ctx context.Context, id uuid.UUID, ifMatch *int64) error {
	return s.sessions.Remove(ctx, id, ifMatch, ActDelete)
}

// SetAttendance replaces a held session's attendance: one row per member of the session's
// unit, each named once.
func (s *Service) SetAttendance(ctx context.Context, id uuid.UUID, ifMatch *int64, rows []Attendance) (Session, []Attendance, error) {
	var c apperr.Checker
	c.Check(len(rows) <= 1000, "/items", "at most 1000 members")
	seen := map[uuid.UUID]bool{}
	ids := make([]uuid.UUID, 0, len(rows))
	for i := range rows {
		r := &rows[i]
		r.Note = textnorm.Clean(r.Note)
		f := "/items/" + strconv.Itoa(i)
		c.Check(r.Status.Valid(), f+"/status", "must be present, excused or absent")
		c.Check(!seen[r.MemberID], f+"/member_id", "is named twice")
		checkLen(&c, r.Note, 0, maxShort, f+"/note")
		seen[r.MemberID] = true
		ids = append(ids, r.MemberID)
	}
	if err := c.Err(); err != nil {
		return Session{}, nil, err
	}
	var out []Attendance
	x, err := s.sessions.Change(ctx, id, ifMatch, ActAttendance, func(ctx context.Context, x *Session) error {
		if err := s.membersOf(ctx, x.Unit.ID, ids, "/items/%d/member_id"); err != nil {
			return err
		}
		if err := s.store.ReplaceAttendance(ctx, x.ID, rows); err != nil {
			return err
		}
		var err error
		out, err = s.store.ListAttendance(ctx, x.ID)
		return err
	})
	return x, out, err
}

// membersOf checks that every id is a member of the unit (422 not_a_member, naming the field
// of each one that is not: field is a format with the index).
func (s *Service) membersOf(ctx context.Context, unitID uuid.UUID, ids []uuid.UUID, field string) error {
	ms, err := s.store.StudyMembers(ctx, ids)
	if err != nil {
		return err
	}
	in := map[uuid.UUID]bool{}
	for _, m := range ms {
		in[m.ID] = m.UnitID == unitID
	}
	var fe []apperr.FieldError
	for i, id := range ids {
		if !in[id] {
			fe = append(fe, apperr.FieldError{Field: fmt.Sprintf(field, i), Message: "is not a member of the session's unit"})
		}
	}
	if len(fe) > 0 {
		return apperr.Fields("not_a_member", "Attendance and reflections name members of the session's unit.", fe...)
	}
	return nil
}

// Attendance lists a session's attendance.
func (s *Service) Attendance(ctx context.Context, id uuid.UUID) (Session, []Attendance, error) {
	x, err := s.readableSession(ctx, id, false)
	if err != nil {
		return Session{}, nil, err
	}
	rows, err := s.store.ListAttendance(ctx, id)
	return x, rows, err
}

// WriteReflection writes (or rewrites) a member's reflection on a held session: the member
// themself (a member whose profile is linked to the caller's account) or the unit's secretary
// for them.
func (s *Service) WriteReflection(ctx context.Context, id, memberID uuid.UUID, body string) (Reflection, error) {
	body = textnorm.Clean(body)
	var c apperr.Checker
	checkLen(&c, body, 1, maxText, "/body")
	if err := c.Err(); err != nil {
		return Reflection{}, err
	}
	var out Reflection
	_, err := s.sessions.Change(ctx, id, nil, ActReflect, func(ctx context.Context, x *Session) error {
		ms, err := s.store.StudyMembers(ctx, []uuid.UUID{memberID})
		if err != nil {
			return err
		}
		if len(ms) == 0 || ms[0].UnitID != x.Unit.ID {
			return apperr.ErrNotFound // no such member in this session's unit
		}
		p := access.FromContext(ctx)
		if !p.HoldsAt(access.ManageStudy, x.UnitPath) && (ms[0].UserID == nil || *ms[0].UserID != p.ID) {
			return apperr.New(apperr.Forbidden, "not_own_reflection", "Members write their own reflection; the secretary enters anyone's.")
		}
		now := s.now()
		out = Reflection{SessionID: x.ID, MemberID: memberID, MemberName: ms[0].FullName, Body: body, WrittenBy: p.ActorID(), CreatedAt: now, UpdatedAt: now}
		out.CreatedAt, err = s.store.PutReflection(ctx, out)
		return err
	})
	return out, err
}

// Reflections lists a session's reflections.
func (s *Service) Reflections(ctx context.Context, id uuid.UUID) ([]Reflection, error) {
	if _, err := s.readableSession(ctx, id, false); err != nil {
		return nil, err
	}
	return s.store.ListReflections(ctx, id)
}
