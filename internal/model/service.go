package model

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
	"lamtheobac/internal/workflow"
)

// Store is what the models service needs from persistence.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	audit.Recorder
	GetUnit(ctx context.Context, id uuid.UUID) (org.Unit, error)
	GetUnits(ctx context.Context, ids []uuid.UUID) ([]org.Unit, error)
	SubtreeUnits(ctx context.Context, path string) ([]org.Unit, error)

	CreateModel(ctx context.Context, m Model) error
	GetModel(ctx context.Context, id uuid.UUID, forUpdate bool) (Model, error)
	// GetModelWithMetrics returns a model, its reasons and measures as stored, and its
	// evaluations, oldest first, at once; the self-evaluations carry only their model, year,
	// period and metrics (what Figures reads).
	GetModelWithMetrics(ctx context.Context, id uuid.UUID) (Listed, []Evaluation, error)
	UpdateModel(ctx context.Context, m Model) error // bumps version; stale → apperr.ErrStale
	DeleteModel(ctx context.Context, id uuid.UUID) error
	ListModels(ctx context.Context, f Filter) ([]Model, string, error)
	ListStoredModels(ctx context.Context, f Filter) ([]Listed, string, error)
	// ModelFamily returns the models replicated from root, directly or through replicas.
	ModelFamily(ctx context.Context, root uuid.UUID) ([]Model, error)
	// CarriedTo returns the models carried over from id.
	CarriedTo(ctx context.Context, id uuid.UUID) ([]Model, error)
	// UnitsWithModel returns the units of the subtree at path with a model of year in one of
	// the given states.
	UnitsWithModel(ctx context.Context, path string, year int, states []Status) (map[uuid.UUID]bool, error)

	// PutIntroduction stores a unit's Biểu mẫu 3 list for its period, replacing the one before.
	PutIntroduction(ctx context.Context, in Introduction) error
	// GetIntroduction returns a unit's Biểu mẫu 3 list for a period (apperr.ErrNotFound: none).
	GetIntroduction(ctx context.Context, unitID uuid.UUID, fromYear, toYear int) (Introduction, error)
	// IntroducedNominations reads what Biểu mẫu 3 prints of the nominations with these ids
	// (those that exist), with the names of the models each names.
	IntroducedNominations(ctx context.Context, ids []uuid.UUID) ([]IntroducedNomination, error)

	CreateEvaluation(ctx context.Context, e Evaluation) error
	ListEvaluations(ctx context.Context, modelID uuid.UUID) ([]Evaluation, error)
}

// Filter selects models for a list.
type Filter struct {
	UnitID         *uuid.UUID // one unit's own models…
	UnitPath       string     // …or every model of this subtree
	Statuses       []Status
	Year           int // one year…
	YearFrom       int // …or a period (both inclusive)
	YearTo         int
	Category       Category
	ReplicatedFrom *uuid.UUID
	Q              string // names matching rank before content matching
	Limit          int
	Cursor         string
	// Check, when set, has the store confirm the unit's path in the list's own statement
	// (org.ErrPathChanged otherwise): the filter was built on a remembered path.
	Check *org.PathCheck
}

// Service runs the models use cases for the principal in ctx.
type Service struct {
	store Store
	now   func() time.Time
	paths *org.PathHints // units' paths seen by List, checked by the store when used
}

// NewService returns a Service over store whose dates and deadlines follow now.
func NewService(store Store, now func() time.Time) *Service {
	return &Service{store: store, now: now, paths: org.NewPathHints()}
}

// publicStates are what portal clients may see of models: nothing still being prepared.
func publicStates() []Status { return []Status{Approved, InProgress, Completed} }

// readable returns the model with id if the caller can read it.
func (s *Service) readable(ctx context.Context, id uuid.UUID, forUpdate bool) (Model, error) {
	m, err := s.store.GetModel(ctx, id, forUpdate)
	if err != nil {
		return Model{}, err
	}
	if !visible(access.FromContext(ctx), m) {
		return Model{}, apperr.ErrNotFound
	}
	return m, nil
}

// visible reports whether p may see m: inside its read scope; for portal clients and readers
// from below (a cell reading its committee's models) only once approved.
func visible(p *access.Principal, m Model) bool {
	if !p.CanRead(m.UnitPath) {
		return false
	}
	switch {
	case p.OnlyHolds(access.Portal):
		return slices.Contains(publicStates(), m.Status)
	case p.ReadsOnlyAsAncestor(m.UnitPath):
		return slices.Contains(approvedStates(), m.Status)
	}
	return true
}

// approvedStates are what readers from below see: approved and after (retired included, as
// history of what was approved).
func approvedStates() []Status { return []Status{Approved, InProgress, Completed, Retired} }

// Get returns a readable model and its self-evaluations' figures, read together in one
// statement, with the reviewer evaluations of the level above (m.Reviews; none for portal
// clients: evaluations are internal assessments). Its reasons and measures come as stored
// (Listed), in the API's shape, for the answer to copy.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Listed, []Series, error) {
	m, evals, err := s.store.GetModelWithMetrics(ctx, id)
	if err != nil {
		return Listed{}, nil, err
	}
	p := access.FromContext(ctx)
	if !visible(p, m.Model) {
		return Listed{}, nil, apperr.ErrNotFound
	}
	m.Reviews = []Evaluation{}
	if !p.OnlyHolds(access.Portal) {
		for _, e := range evals {
			if e.Kind == ReviewerEvaluation {
				m.Reviews = append(m.Reviews, e)
			}
		}
		sortEvaluations(m.Reviews)
	}
	return m, Figures(evals), nil
}

// List lists the models of a unit (or its subtree) that the caller can read. A plain list (no
// search text) of a unit listed before decides access on the unit's remembered path, and the
// store confirms that path in the list's own statement; a search, a first list, or a path that
// changed reads the unit first.
func (s *Service) List(ctx context.Context, unitID uuid.UUID, subtree bool, f Filter) ([]Model, string, error) {
	return listWith(ctx, s, unitID, subtree, f, s.store.ListModels)
}

// ListStored is List for an answer: each model's reasons and measures come as their stored
// JSON, not decoded (Listed).
func (s *Service) ListStored(ctx context.Context, unitID uuid.UUID, subtree bool, f Filter) ([]Listed, string, error) {
	return listWith(ctx, s, unitID, subtree, f, s.store.ListStoredModels)
}

// listWith lists the models of the unit with unitID (or its subtree) that the caller can read,
// through read.
func listWith[T any](ctx context.Context, s *Service, unitID uuid.UUID, subtree bool, f Filter,
	read func(context.Context, Filter) ([]T, string, error)) ([]T, string, error) {
	f.Q = textnorm.Clean(f.Q)
	if path, ok := s.paths.Get(unitID); ok && f.Q == "" {
		u := org.Unit{ID: unitID, Path: path}
		if p := access.FromContext(ctx); p.CanRead(path) {
			checked := f
			checked.Check = &org.PathCheck{Unit: unitID, Path: path}
			list, next, err := listIn(ctx, u, p, subtree, checked, read)
			if !errors.Is(err, org.ErrPathChanged) {
				return list, next, err
			}
		}
		// Not readable at the remembered path, or moved since: decide on the unit as it is.
		s.paths.Forget(unitID)
	}
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return nil, "", err
	}
	s.paths.Put(u)
	return listIn(ctx, u, p, subtree, f, read)
}

// listIn lists the models of u (or its subtree) that p can read, through read.
func listIn[T any](ctx context.Context, u org.Unit, p *access.Principal, subtree bool, f Filter,
	read func(context.Context, Filter) ([]T, string, error)) ([]T, string, error) {
	if p.OnlyHolds(access.Portal) || p.ReadsOnlyAsAncestor(u.Path) {
		allowed := approvedStates()
		if p.OnlyHolds(access.Portal) {
			allowed = publicStates()
		}
		f.Statuses = intersect(f.Statuses, allowed)
		if len(f.Statuses) == 0 {
			if f.Check != nil {
				return nil, "", org.ErrPathChanged // nothing to confirm the path with: read the unit
			}
			return []T{}, "", nil
		}
	}
	if subtree && p.CoversSubtree(u.Path) {
		f.UnitPath = u.Path
	} else {
		f.UnitID = &u.ID
	}
	return read(ctx, f)
}

// Create drafts a model for the unit.
func (s *Service) Create(ctx context.Context, unitID uuid.UUID, in Input) (Model, error) {
	if err := in.Normalize(true, s.now()); err != nil {
		return Model{}, err
	}
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return Model{}, err
	}
	p := access.FromContext(ctx)
	if err := p.AuthorizeOwner(access.ManageModel, u.Path); err != nil {
		return Model{}, err
	}
	if u.Archived {
		return Model{}, apperr.New(apperr.Conflict, "unit_archived", "The unit is archived.")
	}
	m := newDraft(p, u, in, s.now())
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateModel(ctx, m); err != nil {
			return err
		}
		return s.store.Record(ctx, event("model.create", m, nil, m))
	})
	return m, err
}

// newDraft builds a draft of the unit from validated input.
func newDraft(p *access.Principal, u org.Unit, in Input, now time.Time) Model {
	m := Model{ID: uuid.Must(uuid.NewV7()), UnitID: u.ID, Unit: u.Ref(), UnitPath: u.Path, BlocID: u.BlocID, Status: Draft,
		NecessityReasons: []Reason{}, Measures: Measures{Milestones: []Milestone{}}, Version: 1, CreatedAt: now, UpdatedAt: now,
		CreatedBy: p.ActorID()}
	in.apply(&m)
	return m
}

// flow binds the transition table to the models' storage: every change of a model runs through
// it (load for update, 403, 412, 409, mutate, save, audit).
func (s *Service) flow() workflow.Flow[Model, Status, Action] {
	return workflow.Flow[Model, Status, Action]{
		Table:    transitions,
		Kind:     "model",
		InTx:     s.store.InTx,
		Load:     s.readable,
		Version:  func(m Model) int64 { return m.Version },
		SetState: func(m *Model, st Status) { m.Status = st },
		Save: func(ctx context.Context, _, after Model) (Model, error) {
			after.UpdatedAt = s.now()
			if err := s.store.UpdateModel(ctx, after); err != nil {
				return after, err
			}
			after.Version++
			return after, nil
		},
		Delete: func(ctx context.Context, m Model) error { return s.store.DeleteModel(ctx, m.ID) },
		Audit: func(ctx context.Context, action string, before Model, after *Model) error {
			if after == nil {
				return s.store.Record(ctx, event(action, before, before, nil))
			}
			return s.store.Record(ctx, event(action, *after, before, *after))
		},
	}
}

// Update edits a draft or returned model.
func (s *Service) Update(ctx context.Context, id uuid.UUID, ifMatch *int64, in Input) (Model, error) {
	if err := in.Normalize(false, s.now()); err != nil {
		return Model{}, err
	}
	return s.flow().Change(ctx, id, ifMatch, ActUpdate, func(ctx context.Context, m *Model) error {
		in.apply(m)
		return s.checkCarriedYear(ctx, *m)
	})
}

// checkCarriedYear keeps a carried-over model after the model it continues: the lineage reads
// years in order, and a "củng cố, nâng cao" of the same or an earlier year means nothing.
func (s *Service) checkCarriedYear(ctx context.Context, m Model) error {
	if m.CarriedOverFrom == nil {
		return nil
	}
	src, err := s.store.GetModel(ctx, *m.CarriedOverFrom, false)
	if err != nil {
		return err
	}
	if m.Year <= src.Year {
		return apperr.Fields("validation", "A carried-over model is of a later year than the model it continues.",
			apperr.FieldError{Field: "/year", Message: "must be after the model's year (" + strconv.Itoa(src.Year) + ")"})
	}
	return nil
}

// Delete removes a draft never registered.
func (s *Service) Delete(ctx context.Context, id uuid.UUID, ifMatch *int64) error {
	return s.flow().Remove(ctx, id, ifMatch, ActDelete)
}

// Transition moves a model along its workflow: register, approve, return, start, complete or
// retire; return and retire need a reason.
func (s *Service) Transition(ctx context.Context, id uuid.UUID, a Action, ifMatch *int64, reason string) (Model, error) {
	if transitions.To(a) == "" {
		return Model{}, apperr.New(apperr.Invalid, "unknown_action", "Unknown action.")
	}
	reason = textnorm.Clean(reason)
	if (a == ActReturn || a == ActRetire) && reason == "" {
		return Model{}, apperr.Fields("validation", "A reason is required.", apperr.FieldError{Field: "/reason", Message: "is required"})
	}
	return s.flow().Change(ctx, id, ifMatch, a, func(ctx context.Context, m *Model) error {
		m.StatusReason = nil
		if reason != "" {
			m.StatusReason = &reason
		}
		if a == ActRegister {
			now, p := s.now(), access.FromContext(ctx)
			m.RegisteredAt, m.RegisteredBy = &now, p.ActorID()
		}
		return nil
	})
}

// AllowedActions lists what the caller may do to m now.
func (s *Service) AllowedActions(ctx context.Context, m Model) []string {
	return AllowedActions(access.FromContext(ctx), m)
}

func event(action string, m Model, before, after any) audit.Event {
	id, unitID, bloc := m.ID, m.UnitID, m.BlocID
	return audit.Event{Action: action, ResourceType: "model", ResourceID: &id, UnitID: &unitID, UnitPath: m.UnitPath,
		BlocID: &bloc, Before: snapshot(before), After: snapshot(after)}
}

// snapshot is the audited form of a model.
func snapshot(v any) any {
	m, ok := v.(Model)
	if !ok {
		return v
	}
	return map[string]any{"id": m.ID, "unit_id": m.UnitID, "name": m.Name, "year": m.Year, "category": m.Category,
		"implementer": m.Implementer, "learning_content": m.LearningContent, "necessity_reasons": m.NecessityReasons,
		"necessity_text": m.NecessityText, "measures": m.Measures, "expected_results": m.ExpectedResults,
		"replicability": m.Replicability, "status": m.Status, "status_reason": m.StatusReason, "version": m.Version,
		"carried_over_from": m.CarriedOverFrom, "replicated_from": m.ReplicatedFrom, "published_at": m.PublishedAt}
}

// intersect keeps the states of want that are also in allowed (all of allowed when want is empty).
func intersect(want, allowed []Status) []Status {
	if len(want) == 0 {
		return allowed
	}
	out := []Status{}
	for _, w := range want {
		if slices.Contains(allowed, w) {
			out = append(out, w)
		}
	}
	return out
}
