package org

import (
	"context"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/textnorm"
)

// Store is what the unit service needs from persistence.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	audit.Recorder
	CreateUnit(ctx context.Context, u Unit) error
	GetUnit(ctx context.Context, id uuid.UUID) (Unit, error)
	GetUnitByCode(ctx context.Context, code string) (Unit, error)
	UpdateUnit(ctx context.Context, u Unit) error // bumps version; fails if the version moved
	DeleteUnit(ctx context.Context, id uuid.UUID) error
	UnitHasRecords(ctx context.Context, id uuid.UUID) (bool, error)
	ListUnits(ctx context.Context, f Filter) ([]Unit, string, error)
	GetUnits(ctx context.Context, ids []uuid.UUID) ([]Unit, error)
	ListAudit(ctx context.Context, f audit.Filter) ([]audit.Event, string, error)
}

// Filter selects units for a list. Only filled fields apply.
type Filter struct {
	ParentID        *uuid.UUID  // children of this unit; nil with Roots for blocs
	Roots           bool        // only blocs
	OnlyIDs         []uuid.UUID // when not nil, restrict to these ids (read scope)
	Q               string      // diacritics-insensitive search in name and code
	IncludeArchived bool
	Limit           int
	Cursor          string
}

// Service runs the unit tree's use cases; every method checks access for the principal in ctx.
type Service struct {
	store Store
	now   func() time.Time
}

// NewService returns a Service over store.
func NewService(store Store) *Service {
	return &Service{store: store, now: func() time.Time { return time.Now().UTC() }}
}

// Get returns the unit with id, if the caller can read it.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Unit, error) {
	u, err := s.store.GetUnit(ctx, id)
	if err != nil {
		return Unit{}, err
	}
	if !access.FromContext(ctx).CanRead(u.Path) {
		return Unit{}, apperr.ErrNotFound
	}
	return u, nil
}

// GetKind is Get for routes that name the level (/blocs/{id}): a unit of another kind is 404.
// An empty kind is any kind (/units/{id}).
func (s *Service) GetKind(ctx context.Context, kind Kind, id uuid.UUID) (Unit, error) {
	u, err := s.Get(ctx, id)
	if err == nil && kind != "" && u.Kind != kind {
		return Unit{}, apperr.ErrNotFound
	}
	return u, err
}

// GetWithAncestors returns a readable unit and the units above it, from the root down.
func (s *Service) GetWithAncestors(ctx context.Context, id uuid.UUID) (Unit, []Unit, error) {
	u, err := s.Get(ctx, id)
	if err != nil {
		return Unit{}, nil, err
	}
	ancestors, err := s.Ancestors(ctx, u)
	return u, ancestors, err
}

// GetByCodeWithAncestors is GetWithAncestors for the unit with code.
func (s *Service) GetByCodeWithAncestors(ctx context.Context, code string) (Unit, []Unit, error) {
	u, err := s.store.GetUnitByCode(ctx, textnorm.Clean(code))
	if err != nil {
		return Unit{}, nil, err
	}
	return s.GetWithAncestors(ctx, u.ID)
}

// Ancestors returns the units above u, from the root down to its parent.
func (s *Service) Ancestors(ctx context.Context, u Unit) ([]Unit, error) {
	ids := PathIDs(u.Path)
	if len(ids) <= 1 {
		return nil, nil
	}
	ancestors, err := s.store.GetUnits(ctx, ids[:len(ids)-1])
	if err != nil {
		return nil, err
	}
	byID := make(map[uuid.UUID]Unit, len(ancestors))
	for _, a := range ancestors {
		byID[a.ID] = a
	}
	out := make([]Unit, 0, len(ids)-1)
	for _, id := range ids[:len(ids)-1] {
		out = append(out, byID[id])
	}
	return out, nil
}

// ListBlocs lists the roots of the trees the caller can read: blocs, and provinces where one
// sits above its blocs (below them, /units/{id}/children walks any depth).
func (s *Service) ListBlocs(ctx context.Context, f Filter) ([]Unit, string, error) {
	p := access.FromContext(ctx)
	f.ParentID, f.Roots = nil, true
	if !p.IsAdmin() {
		f.OnlyIDs = blocIDs(p)
	}
	return s.store.ListUnits(ctx, f)
}

// ListChildren lists the children of the unit with parentID (of kind parentKind, or any kind
// when empty) that the caller can read.
func (s *Service) ListChildren(ctx context.Context, parentKind Kind, parentID uuid.UUID, f Filter) ([]Unit, string, error) {
	parent, err := s.Get(ctx, parentID)
	if err != nil {
		return nil, "", err
	}
	if parentKind != "" && parent.Kind != parentKind {
		return nil, "", apperr.ErrNotFound
	}
	f.ParentID, f.Roots = &parent.ID, false
	p := access.FromContext(ctx)
	if !p.CoversSubtree(parent.Path) {
		// The parent is readable only as an ancestor: show just the way down to the caller's units.
		f.OnlyIDs = pathChildrenToward(p, parent.Path)
	}
	return s.store.ListUnits(ctx, f)
}

// CreateBloc creates a bloc at the top of a tree (administrators only).
func (s *Service) CreateBloc(ctx context.Context, in NewUnit) (Unit, error) {
	return s.CreateRoot(ctx, Bloc, in)
}

// CreateRoot creates a unit with no parent, of a kind that may be a root (a province or a
// bloc): administrators only, since nobody holds a role above it.
func (s *Service) CreateRoot(ctx context.Context, kind Kind, in NewUnit) (Unit, error) {
	if err := access.FromContext(ctx).Authorize(access.CreateBloc, ""); err != nil {
		return Unit{}, err
	}
	if !kind.CanBeRoot() {
		return Unit{}, apperr.Fields("wrong_parent_kind", "A "+string(kind)+" must belong to a unit above it.",
			apperr.FieldError{Field: "/kind", Message: "must be province or bloc"})
	}
	u, err := build(nil, kind, in, s.now())
	if err != nil {
		return Unit{}, err
	}
	return s.save(ctx, u)
}

// CreateChild creates a unit of kind under the unit parentID, whose kind must be one the table
// of kinds.go allows above kind: a committee under a bloc, a cell under a partial committee….
func (s *Service) CreateChild(ctx context.Context, kind Kind, parentID uuid.UUID, in NewUnit) (Unit, error) {
	parent, err := s.store.GetUnit(ctx, parentID)
	if err != nil {
		return Unit{}, err
	}
	u, err := NewChild(access.FromContext(ctx), parent, kind, in, s.now())
	if err != nil {
		return Unit{}, err
	}
	return s.save(ctx, u)
}

// NewChild checks that the principal may create a unit of kind under parent and builds it: the
// rules of CreateChild, shared with imports, which write many units at once.
func NewChild(p *access.Principal, parent Unit, kind Kind, in NewUnit, now time.Time) (Unit, error) {
	if err := p.Authorize(access.CreateChild, parent.Path); err != nil {
		return Unit{}, err
	}
	if !kind.CanHangUnder(parent.Kind) {
		return Unit{}, wrongParent(kind, parent.Kind)
	}
	if parent.Archived {
		return Unit{}, apperr.New(apperr.Conflict, "parent_archived", "The parent unit is archived.")
	}
	return build(&parent, kind, in, now)
}

// build validates the input and makes the unit, with its path under parent (nil for a bloc).
func build(parent *Unit, kind Kind, in NewUnit, now time.Time) (Unit, error) {
	if err := in.Normalize(); err != nil {
		return Unit{}, err
	}
	u := Unit{ID: uuid.Must(uuid.NewV7()), Kind: kind, Code: in.Code, Name: in.Name, Place: in.Place, Version: 1, CreatedAt: now, UpdatedAt: now}
	u.BlocID, u.Path = u.ID, u.ID.String()+"/"
	if parent != nil {
		u.ParentID, u.BlocID, u.Path = &parent.ID, parent.BlocID, parent.Path+u.ID.String()+"/"
	}
	return u, nil
}

// save writes a new unit with its audit event.
func (s *Service) save(ctx context.Context, u Unit) (Unit, error) {
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateUnit(ctx, u); err != nil {
			return err
		}
		return s.store.Record(ctx, event("unit.create", u, nil, u))
	})
	return u, err
}

// Update renames, recodes or archives the unit with id; ifMatch, when set, must equal its version.
func (s *Service) Update(ctx context.Context, kind Kind, id uuid.UUID, ifMatch *int64, patch Patch) (Unit, error) {
	if err := patch.Normalize(); err != nil {
		return Unit{}, err
	}
	var out Unit
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		before, err := s.GetKind(ctx, kind, id)
		if err != nil {
			return err
		}
		if err := authorizeUpdate(access.FromContext(ctx), before, patch); err != nil {
			return err
		}
		if ifMatch != nil && *ifMatch != before.Version {
			return apperr.ErrStale
		}
		after := before
		if patch.Code != nil {
			after.Code = *patch.Code
		}
		if patch.Name != nil {
			after.Name = *patch.Name
		}
		if patch.Place != nil {
			after.Place = *patch.Place
		}
		if patch.Archived != nil {
			after.Archived = *patch.Archived
		}
		after.UpdatedAt = s.now()
		if err := s.store.UpdateUnit(ctx, after); err != nil {
			return err
		}
		after.Version++
		out = after
		return s.store.Record(ctx, event("unit.update", after, before, after))
	})
	return out, err
}

// Delete removes a unit that has no records yet; a unit with children, users, roles or work
// items must be archived instead, so history is never lost.
func (s *Service) Delete(ctx context.Context, id uuid.UUID, ifMatch *int64) error {
	return s.store.InTx(ctx, func(ctx context.Context) error {
		u, err := s.Get(ctx, id)
		if err != nil {
			return err
		}
		if err := access.FromContext(ctx).Authorize(access.DeleteUnit, parentPath(u)); err != nil {
			return err
		}
		if ifMatch != nil && *ifMatch != u.Version {
			return apperr.ErrStale
		}
		has, err := s.store.UnitHasRecords(ctx, id)
		if err != nil {
			return err
		}
		if has {
			return apperr.New(apperr.Conflict, "unit_has_records", "The unit has children, users or records; archive it instead.")
		}
		if err := s.store.DeleteUnit(ctx, id); err != nil {
			return err
		}
		return s.store.Record(ctx, event("unit.delete", u, u, nil))
	})
}

// authorizeUpdate lets the officers of a unit rename it, but recoding and archiving it belong to
// the level above (administrators for a bloc): a unit does not close or rename its own code.
func authorizeUpdate(p *access.Principal, u Unit, patch Patch) error {
	if err := p.Authorize(access.UpdateUnit, u.Path); err != nil {
		return err
	}
	if patch.Code != nil || patch.Archived != nil { // PATCH is partial: send only what changes
		return p.Authorize(access.UpdateUnit, parentPath(u))
	}
	return nil
}

// wrongParent is the refusal of a unit of kind under a parent of another kind than the table
// allows, naming the kinds it could go under.
func wrongParent(kind, parent Kind) error {
	allowed := ""
	for i, k := range kind.ParentKinds() {
		if i > 0 {
			allowed += " or "
		}
		allowed += string(k)
	}
	if allowed == "" {
		allowed = "nothing (it is a root)"
	}
	return apperr.Fields("wrong_parent_kind",
		"A "+string(kind)+" must belong to a "+allowed+", not a "+string(parent)+".",
		apperr.FieldError{Field: "/parent_id", Message: "must be a " + allowed})
}

// parentPath is the path of u's parent, "" for a root (where only administrators act).
func parentPath(u Unit) string { return access.ParentPath(u.Path) }

// AllowedActions lists what the caller may do on u, for responses: "update" (rename),
// "manage" (recode, archive) and "delete" are decided one level up.
func AllowedActions(ctx context.Context, u Unit) []string {
	p := access.FromContext(ctx)
	out := p.Allowed(u.Path, access.UpdateUnit, access.ReadUsers, access.ManageUsers, access.ReadAudit, access.ManageClients)
	if !u.Kind.Leaf() && p.Can(access.CreateChild, u.Path) {
		out = append(out, string(access.CreateChild))
	}
	if p.Can(access.UpdateUnit, parentPath(u)) {
		out = append(out, "manage")
	}
	if p.Can(access.DeleteUnit, parentPath(u)) {
		out = append(out, string(access.DeleteUnit))
	}
	return out
}

func event(action string, u Unit, before, after any) audit.Event {
	id, bloc := u.ID, u.BlocID
	return audit.Event{Action: action, ResourceType: "unit", ResourceID: &id, UnitID: &id, UnitPath: u.Path, BlocID: &bloc, Before: snapshot(before), After: snapshot(after)}
}

// snapshot is the audited form of a unit: its fields, without derived ones.
func snapshot(v any) any {
	u, ok := v.(Unit)
	if !ok {
		return nil
	}
	return map[string]any{"id": u.ID, "kind": u.Kind, "code": u.Code, "name": u.Name, "parent_id": u.ParentID, "archived": u.Archived, "version": u.Version}
}

// AuditTrail returns the audit events of the subtree of unitID; only administrators, officers
// and inspectors read it.
func (s *Service) AuditTrail(ctx context.Context, unitID uuid.UUID, f audit.Filter) ([]audit.Event, string, error) {
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return nil, "", err
	}
	if err := access.FromContext(ctx).Authorize(access.ReadAudit, u.Path); err != nil {
		return nil, "", err
	}
	f.UnitPath = u.Path
	return s.store.ListAudit(ctx, f)
}

// GlobalAuditTrail returns every audit event, for administrators: events outside any unit
// (the admin role, administrators created from the command line) are only found here.
func (s *Service) GlobalAuditTrail(ctx context.Context, f audit.Filter) ([]audit.Event, string, error) {
	if err := access.FromContext(ctx).Authorize(access.ReadAudit, ""); err != nil {
		return nil, "", err
	}
	f.UnitPath = ""
	return s.store.ListAudit(ctx, f)
}

// ImportEvent is the audit event of a unit written by an import.
func ImportEvent(u Unit) audit.Event { return event("unit.import", u, nil, u) }
