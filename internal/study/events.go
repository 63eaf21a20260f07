package study

import (
	"context"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
)

// honored is the nomination state of an exemplar whose name is in the honor roll.
const honored = "honored"

// CreateEvent records an event of the unit.
func (s *Service) CreateEvent(ctx context.Context, unitID uuid.UUID, in EventInput) (Event, error) {
	if err := in.Normalize(); err != nil {
		return Event{}, err
	}
	u, p, err := s.ownUnit(ctx, unitID)
	if err != nil {
		return Event{}, err
	}
	now := s.now()
	e := Event{ID: uuid.Must(uuid.NewV7()), Unit: u.Ref(), UnitPath: u.Path, BlocID: u.BlocID, Status: Recorded,
		CreatedBy: p.ActorID(), Version: 1, CreatedAt: now, UpdatedAt: now}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.applyEvent(ctx, &e, in); err != nil {
			return err
		}
		if err := s.store.CreateStudyEvent(ctx, e); err != nil {
			return err
		}
		return s.store.Record(ctx, event("study_event.create", "study_event", e.ID, u.ID, u.Path, u.BlocID, nil, e))
	})
	return e, err
}

// applyEvent writes validated input into e after checking the linked nominations: honored
// exemplars of the event's unit, of a unit below it or of a unit above it (a bloc's exemplar
// at a cell's exchange), 422 nomination_not_honored otherwise.
func (s *Service) applyEvent(ctx context.Context, e *Event, in EventInput) error {
	refs, err := s.store.NominationsOf(ctx, in.NominationIDs)
	if err != nil {
		return err
	}
	var fe []apperr.FieldError
	for i, id := range in.NominationIDs {
		r, ok := refs[id]
		if !ok || r.Status != honored || !(strings.HasPrefix(r.UnitPath, e.UnitPath) || strings.HasPrefix(e.UnitPath, r.UnitPath)) {
			fe = append(fe, apperr.FieldError{Field: "/nomination_ids/" + strconv.Itoa(i),
				Message: "must be an honored nomination of the event's unit, a unit below it or above it"})
		}
	}
	if len(fe) > 0 {
		return apperr.Fields("nomination_not_honored", "An event links honored exemplars only.", fe...)
	}
	e.Kind, e.Title, e.HeldOn, e.Place = in.Kind, in.Title, in.HeldOn, in.Place
	e.Participants, e.NominationIDs, e.PublicSummary = in.Participants, in.NominationIDs, in.PublicSummary
	return nil
}

// GetEvent returns an event the caller reads.
func (s *Service) GetEvent(ctx context.Context, id uuid.UUID) (Event, error) {
	return s.readableEvent(ctx, id, false)
}

// ListEvents lists a unit's (or its subtree's) events, newest recorded first.
func (s *Service) ListEvents(ctx context.Context, unitID uuid.UUID, subtree bool, f EventFilter) ([]Event, string, error) {
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return nil, "", err
	}
	if !internalReader(p, u.Path) {
		return []Event{}, "", nil
	}
	if subtree {
		f.UnitPath = u.Path
	} else {
		f.UnitID = &u.ID
	}
	return s.store.ListStudyEvents(ctx, f)
}

// UpdateEvent rewrites a recorded (unpublished) event.
func (s *Service) UpdateEvent(ctx context.Context, id uuid.UUID, ifMatch *int64, in EventInput) (Event, error) {
	if err := in.Normalize(); err != nil {
		return Event{}, err
	}
	return s.events.Change(ctx, id, ifMatch, ActUpdate, func(ctx context.Context, e *Event) error {
		return s.applyEvent(ctx, e, in)
	})
}

// PublishEvent puts the event's public summary on the portal: only its public summary, title,
// kind, date and unit are public (participants and linked exemplars stay internal).
func (s *Service) PublishEvent(ctx context.Context, id uuid.UUID, ifMatch *int64) (Event, error) {
	return s.events.Change(ctx, id, ifMatch, ActPublish, func(ctx context.Context, e *Event) error {
		now := s.now()
		e.PublishedAt, e.PublishedBy = &now, access.FromContext(ctx).ActorID()
		return nil
	})
}

// UnpublishEvent takes the event off the portal.
func (s *Service) UnpublishEvent(ctx context.Context, id uuid.UUID, ifMatch *int64) (Event, error) {
	return s.events.Change(ctx, id, ifMatch, ActUnpublish, func(_ context.Context, e *Event) error {
		e.PublishedAt, e.PublishedBy = nil, nil
		return nil
	})
}

// DeleteEvent removes an unpublished event.
func (s *Service) DeleteEvent(ctx context.Context, id uuid.UUID, ifMatch *int64) error {
	return s.events.Remove(ctx, id, ifMatch, ActDelete)
}
