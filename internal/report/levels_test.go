package report

import (
	"testing"

	"lamtheobac/internal/org"
)

// TestReportsAt checks which kinds report for each choice of levels: base cells with both
// tiers, partial committees only between reporting cells and a reporting committee.
func TestReportsAt(t *testing.T) {
	cell, committee, bloc := []org.Kind{org.Cell}, []org.Kind{org.Committee}, []org.Kind{org.Bloc}
	both := []org.Kind{org.Cell, org.Committee}
	all := []org.Kind{org.Bloc, org.Committee, org.Cell}
	cases := []struct {
		kind   org.Kind
		levels []org.Kind
		want   bool
	}{
		{org.Cell, cell, true}, {org.Cell, committee, false}, {org.Cell, both, true},
		{org.Committee, committee, true}, {org.Committee, cell, false},
		{org.BaseCell, cell, true}, {org.BaseCell, committee, true}, {org.BaseCell, bloc, false},
		{org.PartialCommittee, both, true}, {org.PartialCommittee, all, true},
		{org.PartialCommittee, committee, false}, {org.PartialCommittee, cell, false},
		{org.Bloc, bloc, true}, {org.Bloc, both, false}, {org.Province, all, false},
	}
	for _, c := range cases {
		if got := reportsAt(c.kind, c.levels); got != c.want {
			t.Errorf("%s with levels %v: %v, want %v", c.kind, c.levels, got, c.want)
		}
	}
}
