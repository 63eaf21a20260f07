// Package access is the policy: who may do what on which unit. A role is held at a unit and
// covers that unit's whole subtree; units are identified here only by their materialized path
// ("<root>/…/<unit>/", any depth), so every check is a string prefix test and needs no query.
package access

import (
	"context"
	"strings"

	"github.com/google/uuid"
)

// Role is a named set of rights held at a unit.
type Role string

// The roles. Each is held at a unit and covers its subtree; what each may do is in policy.go.
const (
	Admin            Role = "admin"
	BlocOfficer      Role = "bloc_officer"
	CommitteeOfficer Role = "committee_officer"
	CellSecretary    Role = "cell_secretary"
	Inspector        Role = "inspector"
	Member           Role = "member"
	Portal           Role = "portal"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return rank(r) > 0 }

// rank orders roles for granting: you may grant only roles of a rank at or below your own.
// Inspectors rank with committee officers (the inspection committee sits beside the executive
// one), portals with cell secretaries; neither may grant anything (see grantors).
func rank(r Role) int {
	switch r {
	case Admin:
		return 100
	case BlocOfficer:
		return 80
	case CommitteeOfficer, Inspector:
		return 60
	case CellSecretary, Portal:
		return 40
	case Member:
		return 20
	}
	return 0
}

// PrincipalKind says whether a principal is a person or a machine.
type PrincipalKind string

// The kinds of principal.
const (
	UserPrincipal   PrincipalKind = "user"
	ClientPrincipal PrincipalKind = "client"
)

// Assignment is one role held at one unit (UnitID is uuid.Nil and UnitPath empty for admin).
type Assignment struct {
	Role     Role      `json:"role"`
	UnitID   uuid.UUID `json:"unit_id"`
	UnitPath string    `json:"unit_path"`
}

// covers reports whether the assignment's subtree contains the unit at path.
func (a Assignment) covers(path string) bool {
	return a.Role == Admin || (a.UnitPath != "" && strings.HasPrefix(path, a.UnitPath))
}

// above reports whether the unit at path is an ancestor of the assignment's unit.
func (a Assignment) above(path string) bool {
	return path != "" && strings.HasPrefix(a.UnitPath, path)
}

// Principal is the authenticated caller: a user or a service client, with its roles.
type Principal struct {
	ID       uuid.UUID
	Kind     PrincipalKind
	Name     string
	Username string
	Roles    []Assignment
	// Epoch is the principal's token epoch when its token was issued: authentication compares
	// it with the account's current one on every request (internal/auth/epochs.go).
	Epoch int64
}

// IsAdmin reports whether the principal holds the global admin role.
func (p *Principal) IsAdmin() bool {
	if p == nil {
		return false
	}
	for _, a := range p.Roles {
		if a.Role == Admin {
			return true
		}
	}
	return false
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the principal of ctx, or nil for an anonymous call.
func FromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

// ActorID is the principal's id for "created by" fields: nil for anonymous calls and for the
// system (the demo seed acts as uuid.Nil).
func (p *Principal) ActorID() *uuid.UUID {
	if p == nil || p.ID == uuid.Nil {
		return nil
	}
	id := p.ID
	return &id
}
