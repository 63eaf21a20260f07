// Package org holds the unit tree: provinces, blocs, base party committees, partial committees,
// base cells and cells, at any depth (kinds.go holds which kind hangs under which). Each unit
// stores its materialized path so that subtree questions are a single indexed prefix scan.
package org

import (
	"context"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/textnorm"
)

// Unit is one organization in the tree.
type Unit struct {
	ID       uuid.UUID
	Kind     Kind
	Code     string
	Name     string
	Place    string // địa danh printed before a document's date; "" inherits the nearest ancestor's
	ParentID *uuid.UUID
	// BlocID is the id of the root of the unit's tree (a bloc, or the province above the blocs),
	// the first id of Path: the name is older than provinces. Every table's bloc_id column holds
	// the same thing, so "bloc_id = root" is a whole tree's records whatever its depth.
	BlocID    uuid.UUID
	Path      string // "<root id>/…/<unit id>/", from the root down to this unit
	Archived  bool
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Ref is the short form of a unit used in ancestor lists.
type Ref struct {
	ID   uuid.UUID
	Kind Kind
	Code string
	Name string
}

// Ref returns u's short form.
func (u Unit) Ref() Ref { return Ref{ID: u.ID, Kind: u.Kind, Code: u.Code, Name: u.Name} }

// NewUnit is the input for creating a unit.
type NewUnit struct {
	Code  string
	Name  string
	Place string
}

// Patch is a partial update; nil fields stay as they are.
type Patch struct {
	Code     *string
	Name     *string
	Place    *string
	Archived *bool
}

// validateCode and validateName hold the rules shared by create and patch; the HTTP layer
// checks the same bounds against the spec, but imports and the CLI reach here directly.
func validateCode(c *apperr.Checker, code string) {
	c.Check(textnorm.IsIdentifier(code, "._-", 1, 50), "/code",
		"must be 1–50 letters, digits, '.', '_' or '-', starting with a letter or digit")
}

func validateName(c *apperr.Checker, name string) {
	c.Check(name != "" && utf8.RuneCountInString(name) <= 255, "/name", "must be 1–255 characters")
}

// validatePlace bounds a place name ("Trà Vinh", "Thành phố Hồ Chí Minh"); empty is allowed.
func validatePlace(c *apperr.Checker, place string) {
	c.Check(utf8.RuneCountInString(place) <= 100, "/place", "must be at most 100 characters")
}

// PlaceOf is the place printed on a unit's documents: its own, else the nearest ancestor's (a
// cell writes where its committee sits), else "" (the document prints a dotted blank).
func PlaceOf(ctx context.Context, units UnitGetter, u Unit) (string, error) {
	for u.Place == "" && u.ParentID != nil {
		var err error
		if u, err = units.GetUnit(ctx, *u.ParentID); err != nil {
			return "", err
		}
	}
	return u.Place, nil
}

// Normalize cleans the text fields and validates them.
func (n *NewUnit) Normalize() error {
	n.Code, n.Name, n.Place = textnorm.Clean(n.Code), textnorm.Clean(n.Name), textnorm.Clean(n.Place)
	var c apperr.Checker
	validateCode(&c, n.Code)
	validateName(&c, n.Name)
	validatePlace(&c, n.Place)
	return c.Err()
}

// Normalize cleans the text fields and validates them.
func (p *Patch) Normalize() error {
	textnorm.CleanPtr(p.Code)
	textnorm.CleanPtr(p.Name)
	textnorm.CleanPtr(p.Place)
	var c apperr.Checker
	if p.Place != nil {
		validatePlace(&c, *p.Place)
	}
	if p.Code != nil {
		validateCode(&c, *p.Code)
	}
	if p.Name != nil {
		validateName(&c, *p.Name)
	}
	return c.Err()
}

// UnitGetter loads units; every domain store has it.
type UnitGetter interface {
	GetUnit(ctx context.Context, id uuid.UUID) (Unit, error)
}

// ReadableUnit loads the unit with id for the principal in ctx, which it returns too. A unit the
// principal cannot read does not exist for it (apperr.ErrNotFound).
func ReadableUnit(ctx context.Context, units UnitGetter, id uuid.UUID) (Unit, *access.Principal, error) {
	u, err := units.GetUnit(ctx, id)
	if err != nil {
		return Unit{}, nil, err
	}
	p := access.FromContext(ctx)
	if !p.CanRead(u.Path) {
		return Unit{}, nil, apperr.ErrNotFound
	}
	return u, p, nil
}
