package nomination

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/model"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
	"lamtheobac/internal/vntime"
	"lamtheobac/internal/workflow"
)

// Store is what the nominations service needs from persistence.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	audit.Recorder
	GetUnit(ctx context.Context, id uuid.UUID) (org.Unit, error)
	SubtreeUnits(ctx context.Context, path string) ([]org.Unit, error)
	GetModel(ctx context.Context, id uuid.UUID, forUpdate bool) (model.Model, error)
	// UserHomePath returns the path of a user's home unit ("" for administrators without one).
	UserHomePath(ctx context.Context, userID uuid.UUID) (string, error)

	CreateNomination(ctx context.Context, n Nomination) error
	GetNomination(ctx context.Context, id uuid.UUID, forUpdate bool) (Nomination, error)
	UpdateNomination(ctx context.Context, n Nomination) error // bumps version; stale → apperr.ErrStale
	DeleteNomination(ctx context.Context, id uuid.UUID) error
	ListNominations(ctx context.Context, f Filter) ([]Nomination, string, error)
	AddEvent(ctx context.Context, e Event) error
	ListEvents(ctx context.Context, nominationID uuid.UUID) ([]Event, error)
	AddNote(ctx context.Context, n Note) error
	ListNotes(ctx context.Context, nominationID uuid.UUID) ([]Note, error)
	// NextHonorNumber takes the next number of a unit's honor roll for a year, atomically.
	NextHonorNumber(ctx context.Context, unitID uuid.UUID, year int) (int, error)
	AddHonorEntry(ctx context.Context, e HonorEntry) error
	ListHonorRoll(ctx context.Context, unitID uuid.UUID, year int, limit int, cursor string) ([]HonorEntry, string, error)
	// ExemplarCounts counts, per nominating unit of the subtree at path, the nominations of a
	// year that count toward the target, by subject kind.
	ExemplarCounts(ctx context.Context, path string, year int, states []Status) (map[uuid.UUID]map[SubjectKind]int, error)
	CreateRound(ctx context.Context, r Round) error
	GetRound(ctx context.Context, id uuid.UUID) (Round, error)
	ListRounds(ctx context.Context, unitIDs []uuid.UUID) ([]Round, error)
}

// Filter selects nominations for a list.
type Filter struct {
	UnitID   *uuid.UUID // nominated by this unit…
	UnitPath string     // …or by this subtree…
	HolderID *uuid.UUID // …or waiting at this unit
	Status   Status
	Year     int
	Q        string
	Limit    int
	Cursor   string
}

// Event is one decision in a nomination's history.
type Event struct {
	ID           uuid.UUID
	NominationID uuid.UUID
	Action       string
	From         *Status
	To           Status
	Holder       *org.Ref
	HolderID     *uuid.UUID
	ActorID      *uuid.UUID
	ActorName    string
	Reason       *string
	At           time.Time
}

// Note is a progress note of the nurturing.
type Note struct {
	ID           uuid.UUID
	NominationID uuid.UUID
	Period       string // monthly, quarterly, yearly
	Label        string // e.g. 2026-03, 2026-Q1, 2026
	Text         string
	AuthorID     *uuid.UUID
	AuthorName   string
	CreatedAt    time.Time
}

// Service runs the nominations use cases for the principal in ctx.
type Service struct {
	store Store
	now   func() time.Time
}

// NewService returns a Service over store whose dates and deadlines follow now.
func NewService(store Store, now func() time.Time) *Service {
	return &Service{store: store, now: now}
}

// readable returns the nomination with id if the caller can read it: inside the read scope of
// the nominating unit; never for portal clients (they read what was published, without a token).
func (s *Service) readable(ctx context.Context, id uuid.UUID, forUpdate bool) (Nomination, error) {
	n, err := s.store.GetNomination(ctx, id, forUpdate)
	if err != nil {
		return Nomination{}, err
	}
	p := access.FromContext(ctx)
	if !p.CanRead(n.UnitPath) || p.OnlyHolds(access.Portal) || (p.ReadsOnlyAsAncestor(n.UnitPath) && n.Status != Honored) {
		return Nomination{}, apperr.ErrNotFound // units below see a unit's exemplars once honored, not its files
	}
	return n, nil
}

// Get returns a readable nomination.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Nomination, error) {
	return s.readable(ctx, id, false)
}

// List lists nominations by a unit, its subtree, or waiting at it.
func (s *Service) List(ctx context.Context, unitID uuid.UUID, scope string, f Filter) ([]Nomination, string, error) {
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return nil, "", err
	}
	if p.OnlyHolds(access.Portal) {
		return []Nomination{}, "", nil
	}
	switch {
	case scope == "held" && p.CoversSubtree(u.Path):
		f.HolderID = &u.ID
	case scope == "subtree" && p.CoversSubtree(u.Path):
		f.UnitPath = u.Path
	case scope == "held":
		return []Nomination{}, "", nil // only the unit's officers see what waits for it
	default:
		f.UnitID = &u.ID
	}
	if p.ReadsOnlyAsAncestor(u.Path) {
		if f.Status != "" && f.Status != Honored {
			return []Nomination{}, "", nil
		}
		f.Status = Honored
	}
	f.Q = textnorm.Clean(f.Q)
	return s.store.ListNominations(ctx, f)
}

// Create nominates a collective or an individual of the unit's subtree.
func (s *Service) Create(ctx context.Context, unitID uuid.UUID, in Input) (Nomination, error) {
	if err := in.normalize(true, Subject{}, vntime.Date(s.now())); err != nil {
		return Nomination{}, err
	}
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return Nomination{}, err
	}
	p := access.FromContext(ctx)
	if err := p.AuthorizeOwner(access.ManageNomination, u.Path); err != nil {
		return Nomination{}, err
	}
	n := newDraft(p, u, in, s.now())
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.checkReferences(ctx, &n); err != nil {
			return err
		}
		if err := s.store.CreateNomination(ctx, n); err != nil {
			return err
		}
		return s.store.Record(ctx, event("nomination.create", n, nil, n))
	})
	return n, err
}

// newDraft builds a draft of the unit, held at the unit, from validated input.
func newDraft(p *access.Principal, u org.Unit, in Input, now time.Time) Nomination {
	n := Nomination{ID: uuid.Must(uuid.NewV7()), UnitID: u.ID, Unit: u.Ref(), UnitPath: u.Path, BlocID: u.BlocID, Status: Draft,
		HolderID: u.ID, Holder: u.Ref(), HolderPath: u.Path, ModelIDs: []uuid.UUID{}, Criteria: []Answer{},
		CreatedBy: p.ActorID(), Version: 1, CreatedAt: now, UpdatedAt: now}
	in.apply(&n)
	return n
}

// checkReferences checks what the nomination points at: the subject's unit in the nominating
// unit's subtree, the round called by the unit or one above it, the models of the subtree.
func (s *Service) checkReferences(ctx context.Context, n *Nomination) error {
	var c apperr.Checker
	if id := n.Subject.UnitID; id != nil {
		su, err := s.store.GetUnit(ctx, *id)
		inside := err == nil && strings.HasPrefix(su.Path, n.UnitPath)
		if !inside {
			return apperr.Fields("subject_outside_subtree", "The subject must belong to the nominating unit's subtree.",
				apperr.FieldError{Field: "/subject/unit_id", Message: "is not in the nominating unit's subtree"})
		}
		ref := su.Ref()
		n.Subject.Unit = &ref
	}
	if n.RoundID != nil {
		r, err := s.store.GetRound(ctx, *n.RoundID)
		c.Check(err == nil && strings.HasPrefix(n.UnitPath, r.UnitPath), "/round_id", "is not a round of this unit or a unit above it")
	}
	for i, id := range n.ModelIDs {
		m, err := s.store.GetModel(ctx, id, false)
		c.Check(err == nil && strings.HasPrefix(m.UnitPath, n.UnitPath), "/model_ids/"+itoa(i), "is not a model of the nominating unit's subtree")
	}
	return c.Err()
}

// flow binds the transition table to the nominations' storage: every change of a nomination
// runs through it (load for update, 403, 412, 409, mutate, save, history, audit).
func (s *Service) flow() workflow.Flow[Nomination, Status, Action] {
	return workflow.Flow[Nomination, Status, Action]{
		Table:    transitions,
		Kind:     "nomination",
		InTx:     s.store.InTx,
		Load:     s.readable,
		Version:  func(n Nomination) int64 { return n.Version },
		SetState: func(n *Nomination, to Status) { n.Status = to },
		Save: func(ctx context.Context, _, after Nomination) (Nomination, error) {
			after.UpdatedAt = s.now()
			if err := s.store.UpdateNomination(ctx, after); err != nil {
				return after, err
			}
			after.Version++
			return after, nil
		},
		Delete: func(ctx context.Context, n Nomination) error { return s.store.DeleteNomination(ctx, n.ID) },
		Saved:  s.history,
		Audit: func(ctx context.Context, action string, before Nomination, after *Nomination) error {
			if after == nil {
				return s.store.Record(ctx, event(action, before, before, nil))
			}
			return s.store.Record(ctx, event(action, *after, before, *after))
		},
	}
}

// history records a decision that moved the nomination (an action of the table with a To) in
// its history, with the reason the move gave it (a return's, a rejection's).
func (s *Service) history(ctx context.Context, a Action, before, after Nomination) error {
	if transitions.To(a) == "" {
		return nil
	}
	p := access.FromContext(ctx)
	from, holder := before.Status, after.HolderID
	return s.store.AddEvent(ctx, Event{ID: uuid.Must(uuid.NewV7()), NominationID: after.ID, Action: string(a), From: &from,
		To: after.Status, HolderID: &holder, ActorID: p.ActorID(), ActorName: p.Name, Reason: after.StatusReason, At: s.now()})
}

// Update edits a draft or returned nomination.
func (s *Service) Update(ctx context.Context, id uuid.UUID, ifMatch *int64, in Input) (Nomination, error) {
	return s.flow().Change(ctx, id, ifMatch, ActUpdate, func(ctx context.Context, n *Nomination) error {
		if in.Subject != nil && in.Criteria == nil { // a new subject must still fit the answers kept
			kept := append([]Answer(nil), n.Criteria...)
			in.Criteria = &kept
		}
		if err := in.normalize(false, n.Subject, vntime.Date(s.now())); err != nil {
			return err
		}
		if in.Subject != nil && (in.Subject.FullName != n.Subject.FullName || in.Subject.Kind != n.Subject.Kind) {
			n.Consent = nil // consent was the previous person's
		}
		in.apply(n)
		return s.checkReferences(ctx, n)
	})
}

// Delete removes a draft never submitted.
func (s *Service) Delete(ctx context.Context, id uuid.UUID, ifMatch *int64) error {
	return s.flow().Remove(ctx, id, ifMatch, ActDelete)
}

func event(action string, n Nomination, before, after any) audit.Event {
	id, unitID, bloc := n.ID, n.UnitID, n.BlocID
	return audit.Event{Action: action, ResourceType: "nomination", ResourceID: &id, UnitID: &unitID, UnitPath: n.UnitPath,
		BlocID: &bloc, Before: snapshot(before), After: snapshot(after)}
}

// snapshot is the audited form of a nomination.
func snapshot(v any) any {
	n, ok := v.(Nomination)
	if !ok {
		return v
	}
	return map[string]any{"id": n.ID, "unit_id": n.UnitID, "year": n.Year, "round_id": n.RoundID, "subject_kind": n.Subject.Kind,
		"subject_name": n.Subject.Name(), "subject_unit_id": n.Subject.UnitID, "status": n.Status, "status_reason": n.StatusReason,
		"holder_unit_id": n.HolderID, "criteria": n.Criteria, "model_ids": n.ModelIDs, "decision": n.Decision, "consent": n.Consent,
		"mentor": n.Mentor, "published_at": n.PublishedAt, "version": n.Version}
}
