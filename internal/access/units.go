package access

import (
	"slices"

	"github.com/google/uuid"
)

// UnitsHolding lists the units of the principal's roles at which it holds action (a role held
// there that grants it), and whether it holds action everywhere (administrators, who also hold
// it at each of their own roles' units): where a domain looks for the work waiting on it.
func (p *Principal) UnitsHolding(action Action) (units []uuid.UUID, everywhere bool) {
	if p == nil {
		return nil, false
	}
	everywhere = p.IsAdmin()
	for _, a := range p.Roles {
		if a.UnitID == uuid.Nil || slices.Contains(units, a.UnitID) {
			continue
		}
		if everywhere || slices.Contains(grants(action), a.Role) {
			units = append(units, a.UnitID)
		}
	}
	return units, everywhere
}

// UnitHoldingOver returns the unit of the principal's deepest role that grants action over the
// unit at path (its subtree holds path): the unit in whose name it acts there. Administrators
// act in no unit's name: false when only the admin role reaches path.
func (p *Principal) UnitHoldingOver(action Action, path string) (uuid.UUID, bool) {
	if p == nil || path == "" {
		return uuid.Nil, false
	}
	best, depth := uuid.Nil, -1
	for _, a := range p.Roles {
		if a.Role == Admin || !a.covers(path) || !slices.Contains(grants(action), a.Role) {
			continue
		}
		if d := len(a.UnitPath); d > depth {
			best, depth = a.UnitID, d
		}
	}
	return best, depth >= 0
}
