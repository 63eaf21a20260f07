package access

import "testing"

// A deeper tree (issue #15): province P → bloc B → committee C → partial committee D → cell X,
// and a base cell S directly under B. The rules are the same at every depth: a role covers its
// subtree, reads its ancestors, and decisions on what a unit sends up are taken at its parent.
const (
	dP = "p/"
	dB = "p/b/"
	dC = "p/b/c/"
	dD = "p/b/c/d/"
	dX = "p/b/c/d/x/"
	dS = "p/b/s/"
)

func TestRulesAtAnyDepth(t *testing.T) {
	t.Parallel()
	province, bloc := principal(BlocOfficer, dP), principal(BlocOfficer, dB)
	committee, partial := principal(CommitteeOfficer, dC), principal(CommitteeOfficer, dD)
	secretary, base := principal(CellSecretary, dX), principal(CellSecretary, dS)
	cases := []struct {
		name string
		got  bool
		want bool
	}{
		{"province officer reads the cell five levels down", province.CanRead(dX), true},
		{"cell secretary reads every ancestor up to the province", secretary.CanRead(dP) && secretary.CanRead(dD), true},
		{"cell secretary reads only as an ancestor", secretary.ReadsOnlyAsAncestor(dD), true},
		{"base cell secretary does not read the committee beside it", base.CanRead(dC), false},
		{"partial committee officers review its cells", partial.HoldsAt(ReviewModel, ParentPath(dX)), true},
		{"committee officers do not skip the partial committee", committee.HoldsAt(ReviewModel, ParentPath(dX)), false},
		{"committee officers review the partial committee", committee.HoldsAt(ReviewReport, ParentPath(dD)), true},
		{"bloc officers review the base cell", bloc.HoldsAt(ReviewNomination, ParentPath(dS)), true},
		{"province officers review the bloc", province.HoldsAt(ReviewReport, ParentPath(dB)), true},
		{"province officers do not review the committee", province.HoldsAt(ReviewReport, ParentPath(dC)), false},
		{"the base cell's secretary owns its records", base.HoldsAt(ManageModel, dS), true},
		{"a partial committee officer may create cells under it", partial.Can(CreateChild, dD), true},
		{"the province is a root", ParentPath(dP) == "", true},
		{"the bloc under a province is not", ParentPath(dB) == dP, true},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
}
