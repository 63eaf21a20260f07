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
