package member

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
	"lamtheobac/internal/workflow"
)

// flow binds the commitments' workflow to the store.
func (s *Service) flow() workflow.Flow[Commitment, Status, CAction] {
	return workflow.Flow[Commitment, Status, CAction]{
		Table: Commitments,
		Kind:  "commitment",
		InTx:  s.store.InTx,
		Load: func(ctx context.Context, id uuid.UUID, forUpdate bool) (Commitment, error) {
			return s.readableCommitment(ctx, id, forUpdate)
		},
		Version:  func(c Commitment) int64 { return c.Version },
		SetState: func(c *Commitment, st Status) { c.Status = st },
		Save: func(ctx context.Context, before, after Commitment) (Commitment, error) {
			after.UpdatedAt = s.now()
			if err := s.store.UpdateCommitment(ctx, before, after); err != nil {
				return after, err
			}
			after.Version++
			return after, nil
		},
		Delete: func(ctx context.Context, c Commitment) error { return s.store.DeleteCommitment(ctx, c.ID) },
		Audit: func(ctx context.Context, action string, before Commitment, after *Commitment) error {
			var a any
			if after != nil {
				a = *after
			}
			return s.store.Record(ctx, commitmentEvent(action, before, before, a))
		},
	}
}

// readableCommitment loads a commitment the caller may read (404 otherwise), with its deadline.
func (s *Service) readableCommitment(ctx context.Context, id uuid.UUID, forUpdate bool) (Commitment, error) {
	c, err := s.store.GetCommitment(ctx, id, forUpdate)
	if err != nil {
		return Commitment{}, err
	}
	if !CanReadCommitment(access.FromContext(ctx), c) {
		return Commitment{}, apperr.ErrNotFound
	}
	c.DueOn, _, err = s.deadline(ctx, c.UnitPath, c.Year)
	return c, err
}

// GetCommitment returns a readable commitment.
func (s *Service) GetCommitment(ctx context.Context, id uuid.UUID) (Commitment, error) {
	return s.readableCommitment(ctx, id, false)
}

// CreateCommitment drafts the member's commitment for a year: by the member, or by the cell's
// secretary for a member without an account (recorded as on their behalf). A second one for
// the same year is 409.
func (s *Service) CreateCommitment(ctx context.Context, memberID uuid.UUID, year int, items []ItemInput) (Commitment, error) {
	if err := checkYear(year, s.now()); err != nil {
		return Commitment{}, err
	}
	if err := NormalizeItems(items); err != nil {
		return Commitment{}, err
	}
	m, err := s.readable(ctx, memberID, false)
	if err != nil {
		return Commitment{}, err
	}
	p, now := access.FromContext(ctx), s.now()
	c := Commitment{ID: uuid.Must(uuid.NewV7()), MemberID: m.ID, MemberName: m.FullName, MemberUserID: m.UserID, UnitID: m.UnitID,
		Unit: m.Unit, UnitPath: m.UnitPath, BlocID: m.BlocID, Year: year, Status: Draft, CreatedBy: p.ActorID(), Version: 1,
		CreatedAt: now, UpdatedAt: now}
	if !author(p, c) {
		return Commitment{}, apperr.ErrForbidden
	}
	c.OnBehalf = !self(p, c)
	if c.Items, err = s.buildItems(ctx, c, items); err != nil {
		return Commitment{}, err
	}
	if c.DueOn, _, err = s.deadline(ctx, c.UnitPath, year); err != nil {
		return Commitment{}, err
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateCommitment(ctx, c); err != nil {
			return err
		}
		return s.store.Record(ctx, commitmentEvent("commitment.create", c, nil, c))
	})
	return c, err
}

// buildItems turns validated input into items: a standard's line must be in force for the
// member's cell (the effective standard, internal/standard/effective.go), a model must be one
// of the cell's or of a unit above it (422 otherwise).
func (s *Service) buildItems(ctx context.Context, c Commitment, in []ItemInput) ([]Item, error) {
	var lines map[uuid.UUID]string
	out := make([]Item, len(in))
	for i, it := range in {
		f := "/items/" + strconv.Itoa(i)
		out[i] = Item{ID: uuid.Must(uuid.NewV7()), Kind: it.Kind, StandardItemID: it.StandardItemID, Text: it.Text, ModelID: it.ModelID}
		if it.StandardItemID != nil {
			if lines == nil {
				var err error
				if lines, err = s.standardLines(ctx, c.UnitID); err != nil {
					return nil, err
				}
			}
			text, ok := lines[*it.StandardItemID]
			if !ok {
				return nil, apperr.Fields("standard_item_not_in_force", "The item is not a line of the standard in force for the member's cell.",
					apperr.FieldError{Field: f + "/standard_item_id", Message: "is not a line of the standard in force for the cell"})
			}
			out[i].StandardText = text
		}
		if it.ModelID != nil {
			path, err := s.store.ModelUnitPath(ctx, *it.ModelID)
			if err != nil && apperr.KindOf(err) != apperr.NotFound {
				return nil, err
			}
			if err != nil || !strings.HasPrefix(c.UnitPath, path) {
				return nil, apperr.Fields("validation", "Some fields are invalid.",
					apperr.FieldError{Field: f + "/model_id", Message: "is not a model of the member's cell or of a unit above it"})
			}
		}
	}
	return out, nil
}

// standardLines are the lines of the standard in force for the cell, by id.
func (s *Service) standardLines(ctx context.Context, cellID uuid.UUID) (map[uuid.UUID]string, error) {
	eff, err := s.standards.EffectiveFor(ctx, cellID)
	if err != nil {
		return nil, err
	}
	out := map[uuid.UUID]string{}
	if eff.Standard != nil {
		for _, it := range eff.Standard.Items {
			out[it.ID] = it.Text
		}
	}
	return out, nil
}

// UpdateCommitment replaces the items of a draft or returned commitment.
func (s *Service) UpdateCommitment(ctx context.Context, id uuid.UUID, ifMatch *int64, items []ItemInput) (Commitment, error) {
	if err := NormalizeItems(items); err != nil {
		return Commitment{}, err
	}
	return s.flow().Change(ctx, id, ifMatch, CActUpdate, func(ctx context.Context, c *Commitment) error {
		built, err := s.buildItems(ctx, *c, items)
		c.Items = built
		return err
	})
}

// DeleteCommitment removes a draft.
func (s *Service) DeleteCommitment(ctx context.Context, id uuid.UUID, ifMatch *int64) error {
	return s.flow().Remove(ctx, id, ifMatch, CActDelete)
}

// SubmitCommitment submits a draft (or a returned commitment) to the cell; one without items
// cannot be submitted (409).
func (s *Service) SubmitCommitment(ctx context.Context, id uuid.UUID, ifMatch *int64) (Commitment, error) {
	return s.flow().Change(ctx, id, ifMatch, CActSubmit, func(ctx context.Context, c *Commitment) error {
		now := s.now()
		c.SubmittedAt, c.SubmittedBy, c.StatusReason = &now, access.FromContext(ctx).ActorID(), nil
		return nil
	})
}

// AcceptCommitment accepts a submitted commitment.
func (s *Service) AcceptCommitment(ctx context.Context, id uuid.UUID, ifMatch *int64) (Commitment, error) {
	return s.flow().Change(ctx, id, ifMatch, CActAccept, func(ctx context.Context, c *Commitment) error {
		now := s.now()
		c.AcceptedAt, c.AcceptedBy = &now, access.FromContext(ctx).ActorID()
		return nil
	})
}

// ReturnCommitment sends a submitted commitment back with a reason.
func (s *Service) ReturnCommitment(ctx context.Context, id uuid.UUID, ifMatch *int64, reason string) (Commitment, error) {
	reason = textnorm.Clean(reason)
	if reason == "" {
		return Commitment{}, apperr.Fields("validation", "A reason is required.", apperr.FieldError{Field: "/reason", Message: "is required"})
	}
	return s.flow().Change(ctx, id, ifMatch, CActReturn, func(_ context.Context, c *Commitment) error {
		c.StatusReason = &reason
		return nil
	})
}

// ListCommitments lists the commitments of a cell (or a subtree) for those who read the
// members' personal data, and records the read.
func (s *Service) ListCommitments(ctx context.Context, unitID uuid.UUID, subtree bool, f CommitmentFilter) ([]Commitment, string, error) {
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return nil, "", err
	}
	if !p.Can(access.ReadMembers, u.Path) {
		return nil, "", apperr.ErrForbidden
	}
	if subtree {
		f.UnitPath = u.Path
	} else {
		f.UnitID = &u.ID
	}
	list, next, err := s.withDeadlines(ctx, f)
	if err != nil {
		return nil, "", err
	}
	return list, next, s.recordRead(ctx, "commitment.list", u, map[string]any{"subtree": subtree, "year": f.Year, "count": len(list),
		"cursor": f.Cursor != ""})
}

// MemberCommitments lists a readable member's commitments, newest year first.
func (s *Service) MemberCommitments(ctx context.Context, memberID uuid.UUID, f CommitmentFilter) ([]Commitment, string, error) {
	m, err := s.readable(ctx, memberID, false)
	if err != nil {
		return nil, "", err
	}
	f.MemberID = &m.ID
	return s.withDeadlines(ctx, f)
}

// withDeadlines lists commitments and sets their deadlines.
func (s *Service) withDeadlines(ctx context.Context, f CommitmentFilter) ([]Commitment, string, error) {
	list, next, err := s.store.ListCommitments(ctx, f)
	if err != nil {
		return nil, "", err
	}
	for i := range list {
		if list[i].DueOn, _, err = s.deadline(ctx, list[i].UnitPath, list[i].Year); err != nil {
			return nil, "", err
		}
	}
	return list, next, nil
}

// CommitmentActions lists what the caller may do to c now.
func (s *Service) CommitmentActions(ctx context.Context, c Commitment) []string {
	return s.flow().AllowedIn(ctx, c)
}

// deadline is the commitments' deadline of year for the unit at path: set by the nearest unit
// at or above it, else 31 March; and the unit that set it (nil for the default).
func (s *Service) deadline(ctx context.Context, path string, year int) (time.Time, *uuid.UUID, error) {
	ids := org.PathIDs(path)
	set, err := s.store.CommitmentDeadlines(ctx, ids, year)
	if err != nil {
		return time.Time{}, nil, err
	}
	for i := len(ids) - 1; i >= 0; i-- {
		if d, ok := set[ids[i]]; ok {
			id := ids[i]
			return d, &id, nil
		}
	}
	return DefaultDeadline(year), nil, nil
}

// Deadline returns the commitments' deadline of year in force at a readable unit.
func (s *Service) Deadline(ctx context.Context, unitID uuid.UUID, year int) (time.Time, *uuid.UUID, error) {
	u, _, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return time.Time{}, nil, err
	}
	return s.deadline(ctx, u.Path, year)
}

// SetDeadline sets the commitments' deadline of year for a unit's subtree: the committee (or
// the officers above it); it must fall in the year.
func (s *Service) SetDeadline(ctx context.Context, unitID uuid.UUID, year int, due time.Time) (time.Time, *uuid.UUID, error) {
	if err := checkYear(year, s.now()); err != nil {
		return time.Time{}, nil, err
	}
	if due.Year() != year {
		return time.Time{}, nil, apperr.Fields("validation", "Some fields are invalid.", apperr.FieldError{Field: "/due_on", Message: "must fall in the year"})
	}
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return time.Time{}, nil, err
	}
	p := access.FromContext(ctx)
	if err := p.Authorize(access.ClassifyMembers, u.Path); err != nil {
		return time.Time{}, nil, err
	}
	d := Deadline{UnitID: u.ID, Year: year, DueOn: due, SetBy: p.ActorID()}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.PutCommitmentDeadline(ctx, d); err != nil {
			return err
		}
		id, bloc := u.ID, u.BlocID
		return s.store.Record(ctx, audit.Event{Action: "commitment.deadline", ResourceType: "unit", ResourceID: &id, UnitID: &id,
			UnitPath: u.Path, BlocID: &bloc, After: map[string]any{"year": year, "due_on": due.Format(time.DateOnly)}})
	})
	return due, &d.UnitID, err
}

func commitmentEvent(action string, c Commitment, before, after any) audit.Event {
	id, unitID, bloc := c.ID, c.UnitID, c.BlocID
	return audit.Event{Action: action, ResourceType: "commitment", ResourceID: &id, UnitID: &unitID, UnitPath: c.UnitPath,
		BlocID: &bloc, Before: commitmentSnapshot(before), After: commitmentSnapshot(after)}
}

// commitmentSnapshot is the audited form of a commitment.
func commitmentSnapshot(v any) any {
	c, ok := v.(Commitment)
	if !ok {
		return v
	}
	return map[string]any{"id": c.ID, "member_id": c.MemberID, "year": c.Year, "status": c.Status, "status_reason": c.StatusReason,
		"items": c.Items, "on_behalf": c.OnBehalf, "cell_assessment": c.CellAssessment, "proposed_class": c.ProposedClass,
		"class": c.Class, "version": c.Version}
}
