package standard

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
)

// Adoption is a unit using a standard of a unit above it instead of writing its own.
type Adoption struct {
	UnitID     uuid.UUID
	UnitPath   string
	BlocID     uuid.UUID
	StandardID uuid.UUID
	// StandardUnitID is the unit that issued the adopted standard (read from the store).
	StandardUnitID uuid.UUID
	AdoptedBy      *uuid.UUID
	AdoptedAt      time.Time
}

// GetAdoption returns the adoption of a readable unit and the adopted standard.
func (s *Service) GetAdoption(ctx context.Context, unitID uuid.UUID) (Adoption, Standard, error) {
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return Adoption{}, Standard{}, err
	}
	if !access.FromContext(ctx).CanRead(u.Path) {
		return Adoption{}, Standard{}, apperr.ErrNotFound
	}
	a, err := s.store.GetAdoption(ctx, unitID)
	if err != nil {
		return Adoption{}, Standard{}, err
	}
	st, err := s.readable(ctx, a.StandardID, false)
	return a, st, err
}

// Adopt makes the unit use standardID: an issued standard of a unit above it (its committee's,
// its bloc's, or a sector's standard one of them recorded).
func (s *Service) Adopt(ctx context.Context, unitID, standardID uuid.UUID) (Adoption, Standard, error) {
	var a Adoption
	var st Standard
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		u, err := s.store.GetUnit(ctx, unitID)
		if err != nil {
			return err
		}
		p := access.FromContext(ctx)
		if err := p.AuthorizeOwner(access.ManageStandard, u.Path); err != nil {
			return err
		}
		st, err = s.store.GetStandard(ctx, standardID, true) // locked: not withdrawn while adopted
		if err != nil && !isNotFound(err) {
			return err
		}
		if err != nil || !p.CanRead(st.UnitPath) || (p.OnlyHolds(access.Portal) && st.Status != Issued) {
			return apperr.Fields("not_adoptable", "The standard does not exist for you.",
				apperr.FieldError{Field: "/standard_id", Message: "unknown standard"})
		}
		above := st.UnitPath != u.Path && strings.HasPrefix(u.Path, st.UnitPath)
		if !above || st.Status != Issued {
			return apperr.Fields("not_adoptable", "Only an issued standard of a unit above this one can be adopted.",
				apperr.FieldError{Field: "/standard_id", Message: "must be an issued standard of a unit above"})
		}
		var before any
		if prev, err := s.store.GetAdoption(ctx, u.ID); err == nil {
			before = map[string]any{"standard_id": prev.StandardID}
		}
		a = Adoption{UnitID: u.ID, UnitPath: u.Path, BlocID: u.BlocID, StandardID: st.ID, StandardUnitID: st.UnitID,
			AdoptedBy: p.ActorID(), AdoptedAt: s.now()}
		if err := s.store.PutAdoption(ctx, a); err != nil {
			return err
		}
		unit, bloc := u.ID, u.BlocID
		return s.store.Record(ctx, audit.Event{Action: "standard.adopt", ResourceType: "unit", ResourceID: &unit, UnitID: &unit,
			UnitPath: u.Path, BlocID: &bloc, Before: before, After: map[string]any{"standard_id": st.ID}})
	})
	return a, st, err
}

// Unadopt stops the unit using its adopted standard.
func (s *Service) Unadopt(ctx context.Context, unitID uuid.UUID) error {
	return s.store.InTx(ctx, func(ctx context.Context) error {
		u, err := s.store.GetUnit(ctx, unitID)
		if err != nil {
			return err
		}
		if err := access.FromContext(ctx).AuthorizeOwner(access.ManageStandard, u.Path); err != nil {
			return err
		}
		prev, err := s.store.GetAdoption(ctx, u.ID)
		if err != nil {
			return err
		}
		if _, err := s.store.DeleteAdoption(ctx, u.ID); err != nil {
			return err
		}
		unit, bloc := u.ID, u.BlocID
		return s.store.Record(ctx, audit.Event{Action: "standard.unadopt", ResourceType: "unit", ResourceID: &unit, UnitID: &unit,
			UnitPath: u.Path, BlocID: &bloc, Before: map[string]any{"standard_id": prev.StandardID}})
	})
}
