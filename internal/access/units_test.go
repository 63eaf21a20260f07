package access

import (
	"slices"
	"testing"

	"github.com/google/uuid"
)

// TestUnitsHolding checks where a principal holds an action: at the units of its roles granting
// it (each once, in role order), everywhere for administrators (and at each of their roles'
// units, whatever the role), nowhere for nil.
func TestUnitsHolding(t *testing.T) {
	bloc, committee, cell := uuid.New(), uuid.New(), uuid.New()
	cases := []struct {
		name   string
		roles  []Assignment
		action Action
		want   []uuid.UUID
		all    bool
	}{
		{"officer reviews", []Assignment{{Role: CellSecretary, UnitID: cell, UnitPath: "b/c/x/"}, {Role: CommitteeOfficer, UnitID: committee, UnitPath: "b/c/"}},
			ReviewModel, []uuid.UUID{committee}, false},
		{"secretary writes", []Assignment{{Role: CellSecretary, UnitID: cell, UnitPath: "b/c/x/"}, {Role: CommitteeOfficer, UnitID: committee, UnitPath: "b/c/"}},
			ManageReport, []uuid.UUID{cell, committee}, false},
		{"two roles at one unit", []Assignment{{Role: BlocOfficer, UnitID: bloc, UnitPath: "b/"}, {Role: Inspector, UnitID: bloc, UnitPath: "b/"},
			{Role: BlocOfficer, UnitID: bloc, UnitPath: "b/"}}, ReviewReport, []uuid.UUID{bloc}, false},
		{"inspector", []Assignment{{Role: Inspector, UnitID: bloc, UnitPath: "b/"}}, ReviewNomination, nil, false},
		{"admin", []Assignment{{Role: Admin}}, ReviewReport, nil, true},
		{"admin and member", []Assignment{{Role: Member, UnitID: cell, UnitPath: "b/c/x/"}, {Role: Admin}}, ManageReport, []uuid.UUID{cell}, true},
	}
	for _, c := range cases {
		got, all := (&Principal{Roles: c.roles}).UnitsHolding(c.action)
		if !slices.Equal(got, c.want) || all != c.all {
			t.Errorf("%s: %v everywhere %v, want %v everywhere %v", c.name, got, all, c.want, c.all)
		}
	}
	if got, all := (*Principal)(nil).UnitsHolding(ReviewReport); got != nil || all {
		t.Errorf("nil principal: %v %v", got, all)
	}
}
