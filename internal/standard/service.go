package standard

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/org"
	"lamtheobac/internal/vntime"
	"lamtheobac/internal/workflow"
)

// Store is what the standards service needs from persistence.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	audit.Recorder
	GetUnit(ctx context.Context, id uuid.UUID) (org.Unit, error)
	GetUnits(ctx context.Context, ids []uuid.UUID) ([]org.Unit, error)
	SubtreeUnits(ctx context.Context, path string) ([]org.Unit, error)

	CreateStandard(ctx context.Context, s Standard) error
	GetStandard(ctx context.Context, id uuid.UUID, forUpdate bool) (Standard, error)
	UpdateStandard(ctx context.Context, s Standard) error // bumps version; stale → apperr.ErrStale
	DeleteStandard(ctx context.Context, id uuid.UUID) error
	ListStandards(ctx context.Context, f Filter) ([]Standard, string, error)
	// IssuedStandards returns the issued standards of the given units and of the subtree at
	// path (either may be empty).
	IssuedStandards(ctx context.Context, unitIDs []uuid.UUID, path string) ([]Standard, error)
	// PendingStandards maps each unit of the subtree at path with an own standard in draft or
	// consultation to the status of its newest one.
	PendingStandards(ctx context.Context, path string) (map[uuid.UUID]Status, error)

	CreateComment(ctx context.Context, c Comment) error
	ListComments(ctx context.Context, standardID uuid.UUID, limit int, cursor string) ([]Comment, string, error)
	CreatePosting(ctx context.Context, p Posting) error
	ListPostings(ctx context.Context, standardID uuid.UUID) ([]Posting, error)

	GetAdoption(ctx context.Context, unitID uuid.UUID) (Adoption, error)
	PutAdoption(ctx context.Context, a Adoption) error
	DeleteAdoption(ctx context.Context, unitID uuid.UUID) (bool, error)
	AdoptionsUnder(ctx context.Context, path string) ([]Adoption, error)
}

// Filter selects standards for a list.
type Filter struct {
	UnitID   *uuid.UUID // one unit's own standards…
	UnitPath string     // …or every standard of this subtree
	Status   Status
	NoDrafts bool // leave drafts out (readers from below)
	Q        string
	Limit    int
	Cursor   string
}

// Service runs the standards use cases for the principal in ctx.
type Service struct {
	store Store
	now   func() time.Time
}

// NewService returns a Service over store whose dates and deadlines follow now.
func NewService(store Store, now func() time.Time) *Service {
	return &Service{store: store, now: now}
}

// Now is the service's clock, for computing allowed actions consistently with it.
func (s *Service) Now() time.Time { return s.now() }

// readable returns the standard with id if the caller can read its unit.
func (s *Service) readable(ctx context.Context, id uuid.UUID, forUpdate bool) (Standard, error) {
	st, err := s.store.GetStandard(ctx, id, forUpdate)
	if err != nil {
		return Standard{}, err
	}
	p := access.FromContext(ctx)
	if !p.CanRead(st.UnitPath) || (p.OnlyHolds(access.Portal) && st.Status != Issued) ||
		(st.Status == Draft && p.ReadsOnlyAsAncestor(st.UnitPath)) {
		return Standard{}, apperr.ErrNotFound // portals see what is in force; units below never see drafts above
	}
	return st, nil
}

// Get returns a standard the caller can read.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Standard, error) {
	return s.readable(ctx, id, false)
}

// List lists the standards of a unit (scope own) or of its subtree (scope subtree), as far as
// the caller can read them.
func (s *Service) List(ctx context.Context, unitID uuid.UUID, subtree bool, f Filter) ([]Standard, string, error) {
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return nil, "", err
	}
	if p.OnlyHolds(access.Portal) {
		if f.Status != "" && f.Status != Issued {
			return []Standard{}, "", nil
		}
		f.Status = Issued
	}
	if subtree && p.CoversSubtree(u.Path) {
		f.UnitPath = u.Path
	} else {
		f.UnitID = &u.ID // read only as an ancestor: its own standards, not its other children's
	}
	if p.ReadsOnlyAsAncestor(u.Path) {
		if f.Status == Draft {
			return []Standard{}, "", nil
		}
		f.NoDrafts = true
	}
	return s.store.ListStandards(ctx, f)
}

// Create drafts a standard for the unit.
func (s *Service) Create(ctx context.Context, unitID uuid.UUID, c Content) (Standard, error) {
	if err := c.Normalize(true); err != nil {
		return Standard{}, err
	}
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return Standard{}, err
	}
	p := access.FromContext(ctx)
	if err := p.AuthorizeOwner(access.ManageStandard, u.Path); err != nil {
		return Standard{}, err
	}
	if u.Archived {
		return Standard{}, apperr.New(apperr.Conflict, "unit_archived", "The unit is archived.")
	}
	now := s.now()
	st := Standard{ID: uuid.Must(uuid.NewV7()), UnitID: u.ID, Unit: u.Ref(), UnitPath: u.Path, BlocID: u.BlocID, Status: Draft,
		Items: []Item{}, Version: 1, CreatedAt: now, UpdatedAt: now, CreatedBy: p.ActorID()}
	if err := c.apply(&st); err != nil {
		return Standard{}, err
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateStandard(ctx, st); err != nil {
			return err
		}
		return s.store.Record(ctx, event("standard.create", st, nil, st))
	})
	return st, err
}

// flow binds the transition table to the standards' storage: every change of a standard runs
// through it (load for update, 403, 412, 409, mutate, save, audit).
func (s *Service) flow() workflow.Flow[Standard, Status, Action] {
	return workflow.Flow[Standard, Status, Action]{
		Table:    transitions(s.now()),
		Kind:     "standard",
		InTx:     s.store.InTx,
		Load:     s.readable,
		Version:  func(st Standard) int64 { return st.Version },
		SetState: func(st *Standard, to Status) { st.Status = to },
		Save: func(ctx context.Context, _, after Standard) (Standard, error) {
			after.UpdatedAt = s.now()
			if err := s.store.UpdateStandard(ctx, after); err != nil {
				return after, err
			}
			after.Version++
			return after, nil
		},
		Delete: func(ctx context.Context, st Standard) error { return s.store.DeleteStandard(ctx, st.ID) },
		Audit: func(ctx context.Context, action string, before Standard, after *Standard) error {
			if after == nil {
				return s.store.Record(ctx, event(action, before, before, nil))
			}
			return s.store.Record(ctx, event(action, *after, before, *after))
		},
	}
}

// Update edits a draft.
func (s *Service) Update(ctx context.Context, id uuid.UUID, ifMatch *int64, c Content) (Standard, error) {
	if err := c.Normalize(false); err != nil {
		return Standard{}, err
	}
	return s.flow().Change(ctx, id, ifMatch, ActUpdate, func(_ context.Context, st *Standard) error {
		st.Items = slices.Clone(st.Items) // the audit's before keeps its own
		return c.apply(st)
	})
}

// Delete removes a draft; anything that left draft is kept for the record.
func (s *Service) Delete(ctx context.Context, id uuid.UUID, ifMatch *int64) error {
	return s.flow().Remove(ctx, id, ifMatch, ActDelete)
}

// OpenConsultation puts a draft to the members until closesOn (inclusive, Vietnam time).
func (s *Service) OpenConsultation(ctx context.Context, id uuid.UUID, ifMatch *int64, closesOn time.Time) (Standard, error) {
	return s.flow().Change(ctx, id, ifMatch, ActOpenConsultation, func(_ context.Context, st *Standard) error {
		var c apperr.Checker
		c.Check(!closesOn.Before(vntime.Date(s.now())), "/closes_on", "cannot be in the past")
		c.Check(len(st.Items) > 0, "/items", "a standard needs at least one line before consultation")
		if err := c.Err(); err != nil {
			return err
		}
		st.ConsultationClosesOn = &closesOn
		return nil
	})
}

// ReturnToDraft closes the consultation and takes the draft back for revision.
func (s *Service) ReturnToDraft(ctx context.Context, id uuid.UUID, ifMatch *int64) (Standard, error) {
	return s.flow().Change(ctx, id, ifMatch, ActReturnToDraft, nil)
}

// Issue issues the standard by decision and supersedes the unit's previously issued one.
func (s *Service) Issue(ctx context.Context, id uuid.UUID, ifMatch *int64, d Decision) (Standard, error) {
	if err := d.normalize(vntime.Date(s.now())); err != nil {
		return Standard{}, err
	}
	return s.flow().Change(ctx, id, ifMatch, ActIssue, func(ctx context.Context, st *Standard) error {
		previous, err := s.store.IssuedStandards(ctx, []uuid.UUID{st.UnitID}, "")
		if err != nil {
			return err
		}
		now := s.now()
		for _, prev := range previous {
			before := prev
			prev.Status, prev.SupersededBy, prev.UpdatedAt = Superseded, &st.ID, now
			if err := s.store.UpdateStandard(ctx, prev); err != nil {
				return err
			}
			prev.Version++
			if err := s.store.Record(ctx, event("standard.supersede", prev, before, prev)); err != nil {
				return err
			}
		}
		st.Decision, st.IssuedAt = &d, &now
		return nil
	})
}

// Withdraw withdraws an issued standard, with a reason.
func (s *Service) Withdraw(ctx context.Context, id uuid.UUID, ifMatch *int64, reason string) (Standard, error) {
	reason = cleanReason(reason)
	if reason == "" {
		return Standard{}, apperr.Fields("validation", "A reason is required.", apperr.FieldError{Field: "/reason", Message: "is required"})
	}
	return s.flow().Change(ctx, id, ifMatch, ActWithdraw, func(_ context.Context, st *Standard) error {
		st.WithdrawReason = &reason
		return nil
	})
}

// AllowedActions lists what the caller may do to st now.
func (s *Service) AllowedActions(ctx context.Context, st Standard) []string {
	return AllowedActions(access.FromContext(ctx), st, s.now())
}

func event(action string, st Standard, before, after any) audit.Event {
	id, unitID, bloc := st.ID, st.UnitID, st.BlocID
	return audit.Event{Action: action, ResourceType: "standard", ResourceID: &id, UnitID: &unitID, UnitPath: st.UnitPath,
		BlocID: &bloc, Before: snapshot(before), After: snapshot(after)}
}

// snapshot is the audited form of a standard.
func snapshot(v any) any {
	st, ok := v.(Standard)
	if !ok {
		return v
	}
	m := map[string]any{"id": st.ID, "unit_id": st.UnitID, "title": st.Title, "subtitle": st.Subtitle, "sector": st.Sector,
		"status": st.Status, "items": st.Items, "consultation_closes_on": st.ConsultationClosesOn, "version": st.Version,
		"superseded_by": st.SupersededBy, "withdraw_reason": st.WithdrawReason, "published_at": st.PublishedAt}
	if st.Decision != nil {
		m["decision"] = map[string]any{"number": st.Decision.Number, "date": st.Decision.Date.Format(time.DateOnly), "signer": st.Decision.Signer}
	}
	return m
}
