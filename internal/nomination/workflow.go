package nomination

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/model"
	"lamtheobac/internal/textnorm"
	"lamtheobac/internal/vntime"
)

func itoa(i int) string { return strconv.Itoa(i) }

// Submit sends a draft or returned nomination to the unit above; in an honoring round, only
// until the round's deadline (end of day, Vietnam time). Past an unmet criterion only with a
// written criteriaReason, which becomes the status reason the history records.
func (s *Service) Submit(ctx context.Context, id uuid.UUID, ifMatch *int64, criteriaReason string) (Nomination, error) {
	return s.flow().Change(ctx, id, ifMatch, ActSubmit, func(ctx context.Context, n *Nomination) error {
		reason, err := RequireCriteriaReason(*n, criteriaReason)
		if err != nil {
			return err
		}
		if n.RoundID != nil {
			r, err := s.store.GetRound(ctx, *n.RoundID)
			if err != nil {
				return err
			}
			if vntime.Passed(r.Deadline, s.now()) {
				return apperr.New(apperr.Conflict, "round_closed", "The honoring round closed on "+r.Deadline.Format("02/01/2006")+".")
			}
		}
		holder, err := s.parentOf(ctx, n.UnitID)
		if err != nil {
			return err
		}
		now, p := s.now(), access.FromContext(ctx)
		n.StatusReason, n.SubmittedAt, n.SubmittedBy = reasonOrNil(reason), &now, p.ActorID()
		n.HolderID, n.Holder, n.HolderPath = holder.ID, holder.Ref(), holder.Path
		return nil
	})
}

// parentOf returns a unit's parent, or the unit itself at the root of the tree (a bloc, or the
// province above the blocs).
func (s *Service) parentOf(ctx context.Context, unitID uuid.UUID) (orgUnit, error) {
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil || u.ParentID == nil {
		return u, err
	}
	return s.store.GetUnit(ctx, *u.ParentID)
}

// Endorse forwards the nomination one level up (at the top it stays, endorsed); past an unmet
// criterion only with a written criteriaReason, which becomes the status reason the history
// records.
func (s *Service) Endorse(ctx context.Context, id uuid.UUID, ifMatch *int64, criteriaReason string) (Nomination, error) {
	return s.flow().Change(ctx, id, ifMatch, ActEndorse, func(ctx context.Context, n *Nomination) error {
		reason, err := RequireCriteriaReason(*n, criteriaReason)
		if err != nil {
			return err
		}
		n.StatusReason = reasonOrNil(reason)
		holder, err := s.parentOf(ctx, n.HolderID)
		if err != nil {
			return err
		}
		n.HolderID, n.Holder, n.HolderPath = holder.ID, holder.Ref(), holder.Path
		return nil
	})
}

// Return sends the nomination back to the nominating unit with a reason.
func (s *Service) Return(ctx context.Context, id uuid.UUID, ifMatch *int64, reason string) (Nomination, error) {
	reason, err := requireReason(reason)
	if err != nil {
		return Nomination{}, err
	}
	return s.flow().Change(ctx, id, ifMatch, ActReturn, func(_ context.Context, n *Nomination) error {
		n.StatusReason = &reason
		n.HolderID, n.Holder, n.HolderPath = n.UnitID, n.Unit, n.UnitPath
		return nil
	})
}

// Reject ends the nomination with a reason.
func (s *Service) Reject(ctx context.Context, id uuid.UUID, ifMatch *int64, reason string) (Nomination, error) {
	reason, err := requireReason(reason)
	if err != nil {
		return Nomination{}, err
	}
	return s.flow().Change(ctx, id, ifMatch, ActReject, func(_ context.Context, n *Nomination) error {
		n.StatusReason = &reason
		return nil
	})
}

// reasonOrNil is a status reason: none when empty.
func reasonOrNil(reason string) *string {
	if reason == "" {
		return nil
	}
	return &reason
}

func requireReason(reason string) (string, error) {
	reason = textnorm.Clean(reason)
	if reason == "" {
		return "", apperr.Fields("validation", "A reason is required.", apperr.FieldError{Field: "/reason", Message: "is required"})
	}
	return reason, nil
}

// Commend records the commendation decision.
func (s *Service) Commend(ctx context.Context, id uuid.UUID, ifMatch *int64, d Decision) (Nomination, error) {
	d.Number, d.Authority, d.Form = textnorm.Clean(d.Number), textnorm.Clean(d.Authority), textnorm.Clean(d.Form)
	var c apperr.Checker
	c.Check(d.Number != "", "/decision_number", "is required")
	c.Check(!d.Date.IsZero(), "/decision_date", "is required")
	c.Check(d.Date.IsZero() || !d.Date.After(vntime.Date(s.now())), "/decision_date", "cannot be in the future")
	c.Check(d.Authority != "", "/authority", "is required")
	c.Check(d.Form != "", "/form", "is required (e.g. Giấy khen, Bằng khen)")
	if err := c.Err(); err != nil {
		return Nomination{}, err
	}
	return s.flow().Change(ctx, id, ifMatch, ActCommend, func(_ context.Context, n *Nomination) error {
		n.Decision, n.StatusReason = &d, nil
		return nil
	})
}

// Honor writes the commended nomination into the honor roll of the unit holding it, numbered
// within the decision's year.
func (s *Service) Honor(ctx context.Context, id uuid.UUID, ifMatch *int64) (Nomination, error) {
	return s.flow().Change(ctx, id, ifMatch, ActHonor, func(ctx context.Context, n *Nomination) error {
		year := n.Year
		if n.Decision != nil {
			year = n.Decision.Date.Year()
		}
		holder, err := s.store.GetUnit(ctx, n.HolderID)
		if err != nil {
			return err
		}
		number, err := s.store.NextHonorNumber(ctx, holder.ID, year)
		if err != nil {
			return err
		}
		e := HonorEntry{ID: uuid.Must(uuid.NewV7()), Unit: holder.Ref(), UnitPath: holder.Path, BlocID: holder.BlocID, Year: year,
			Number: number, NominationID: n.ID, SubjectName: n.Subject.Name(), SubjectKind: n.Subject.Kind, Decision: n.Decision,
			HonoredAt: s.now()}
		if err := s.store.AddHonorEntry(ctx, e); err != nil {
			return err
		}
		n.HonorEntry = &e
		return nil
	})
}

// RecordConsent records whether the individual agreed to be published.
func (s *Service) RecordConsent(ctx context.Context, id uuid.UUID, ifMatch *int64, given bool, note string) (Nomination, error) {
	return s.flow().Change(ctx, id, ifMatch, ActConsent, func(ctx context.Context, n *Nomination) error {
		n.Consent = &Consent{Given: given, Note: textnorm.Clean(note), RecordedAt: s.now(), RecordedBy: access.FromContext(ctx).Name}
		if !given && n.PublishedAt != nil { // withdrawing consent takes the person off the portal
			n.PublishedAt, n.PublishedBy, n.PublishedByName = nil, nil, nil
		}
		return nil
	})
}

// SetMentor assigns the mentor who nurtures the exemplar.
func (s *Service) SetMentor(ctx context.Context, id uuid.UUID, m model.Monitor) (Nomination, error) {
	m.Name = textnorm.Clean(m.Name)
	if m.Name == "" || utf8.RuneCountInString(m.Name) > 255 {
		return Nomination{}, apperr.Fields("validation", "The mentor needs a name.", apperr.FieldError{Field: "/name", Message: "must be 1–255 characters"})
	}
	return s.flow().Change(ctx, id, nil, ActMentor, func(ctx context.Context, n *Nomination) error {
		if m.UserID != nil {
			// The mentor gets to add notes, so it must be a user of the nominating unit's line:
			// at the unit, below it or above it.
			home, err := s.store.UserHomePath(ctx, *m.UserID)
			related := err == nil && home != "" && (strings.HasPrefix(home, n.UnitPath) || strings.HasPrefix(n.UnitPath, home))
			if !related {
				return apperr.Fields("validation", "The mentor must be a user of this unit or of a unit above or below it.",
					apperr.FieldError{Field: "/user_id", Message: "no such user in the nominating unit's line"})
			}
		}
		n.Mentor = &m
		return nil
	})
}

// AddNote records a progress note of the nurturing.
func (s *Service) AddNote(ctx context.Context, id uuid.UUID, period, label, text string) (Note, error) {
	label, text = textnorm.Clean(label), textnorm.Clean(text)
	var c apperr.Checker
	c.Check(period == "monthly" || period == "quarterly" || period == "yearly", "/period", "must be monthly, quarterly or yearly")
	c.Check(label != "", "/label", "is required")
	c.Check(text != "", "/text", "is required")
	if err := c.Err(); err != nil {
		return Note{}, err
	}
	var out Note
	_, err := s.flow().Change(ctx, id, nil, ActAddNote, func(ctx context.Context, n *Nomination) error {
		p := access.FromContext(ctx)
		out = Note{ID: uuid.Must(uuid.NewV7()), NominationID: n.ID, Period: period, Label: label, Text: text, AuthorID: p.ActorID(),
			AuthorName: p.Name, CreatedAt: s.now()}
		return s.store.AddNote(ctx, out)
	})
	return out, err
}

// Notes lists the progress notes of a readable nomination.
func (s *Service) Notes(ctx context.Context, id uuid.UUID) ([]Note, error) {
	if _, err := s.readable(ctx, id, false); err != nil {
		return nil, err
	}
	return s.store.ListNotes(ctx, id)
}

// History lists every decision on a readable nomination, oldest first.
func (s *Service) History(ctx context.Context, id uuid.UUID) ([]Event, error) {
	if _, err := s.readable(ctx, id, false); err != nil {
		return nil, err
	}
	return s.store.ListEvents(ctx, id)
}

// SetPublished publishes the honored nomination to the portal, or withdraws it; an individual
// needs recorded consent. The publishing officer is recorded as the approver.
func (s *Service) SetPublished(ctx context.Context, id uuid.UUID, published bool) (Nomination, error) {
	a := ActUnpublish
	if published {
		a = ActPublish
	}
	n, err := s.readable(ctx, id, false)
	if err != nil {
		return Nomination{}, err
	}
	if published == (n.PublishedAt != nil) && transitions.Permits(access.FromContext(ctx), n, a) {
		return n, nil // already so: publishing twice is not an error
	}
	return s.flow().Change(ctx, id, nil, a, func(ctx context.Context, n *Nomination) error {
		if !published {
			n.PublishedAt, n.PublishedBy, n.PublishedByName = nil, nil, nil
			return nil
		}
		if n.PublicSummary == "" {
			return apperr.New(apperr.Conflict, "summary_missing", "Write the public summary before publishing: it is all the portal shows.")
		}
		if n.Subject.Kind == Individual && (n.Consent == nil || !n.Consent.Given) {
			return apperr.New(apperr.Conflict, "consent_missing", "An individual is published only with their recorded consent.")
		}
		now, p := s.now(), access.FromContext(ctx)
		name := p.Name
		n.PublishedAt, n.PublishedBy, n.PublishedByName = &now, p.ActorID(), &name
		return nil
	})
}

// AllowedActions lists what the caller may do to n now.
func (s *Service) AllowedActions(ctx context.Context, n Nomination) []string {
	return AllowedActions(access.FromContext(ctx), n)
}

// Now is the service's clock.
func (s *Service) Now() time.Time { return s.now() }
