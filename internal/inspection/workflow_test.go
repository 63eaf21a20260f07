package inspection

import (
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
)

// The tree of these tests: a bloc B, its committee C, C's cell K, and a sibling committee D.
const (
	pathB = "b/"
	pathC = "b/c/"
	pathK = "b/c/k/"
	pathD = "b/d/"
)

func principal(role access.Role, path string) *access.Principal {
	return &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: role, UnitID: uuid.New(), UnitPath: path}}}
}

func TestPlanTableFollowsTheRoles(t *testing.T) {
	inspector := principal(access.Inspector, pathB)
	officer := principal(access.BlocOfficer, pathB)
	stranger := principal(access.Inspector, pathB) // an inspector of the bloc, not on the team
	committee := principal(access.CommitteeOfficer, pathC)
	admin := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.Admin}}}
	plan := func(st PlanStatus) Plan {
		return Plan{UnitPath: pathB, Status: st, Team: []uuid.UUID{inspector.ID}, Units: []InspectedUnit{{Path: pathC}}}
	}
	cases := []struct {
		name string
		p    *access.Principal
		st   PlanStatus
		want []string
	}{
		{"inspector drafts, does not approve", inspector, Draft, []string{"update", "delete"}},
		{"officer drafts and approves", officer, Draft, []string{"update", "delete", "approve"}},
		{"the inspected committee does nothing to a draft", committee, Draft, []string{}},
		{"the team starts", inspector, Approved, []string{"start"}},
		{"an inspector off the team does not", stranger, Approved, []string{}},
		{"the approving officers start", officer, Approved, []string{"start"}},
		{"the team concludes and records findings", inspector, InProgress, []string{"conclude", "add_finding"}},
		{"officers conclude, off the team they record nothing", officer, InProgress, []string{"conclude"}},
		{"admins are on every team", admin, InProgress, []string{"conclude", "add_finding"}},
		{"nothing after the conclusion", inspector, Concluded, []string{}},
	}
	for _, c := range cases {
		if got := PlanTable.Allowed(c.p, plan(c.st)); !slices.Equal(got, c.want) {
			t.Errorf("%s: Allowed = %v, want %v", c.name, got, c.want)
		}
	}
	// A team member whose role at the owning unit was revoked writes nothing more.
	revoked := &access.Principal{ID: inspector.ID, Roles: []access.Assignment{{Role: access.Inspector, UnitPath: pathC}}}
	if PlanTable.Permits(revoked, plan(InProgress), ActAddFinding) {
		t.Error("a team member without a role at the owning unit may record findings")
	}
}

func TestRecTableAnswerWaitsForTheConclusion(t *testing.T) {
	cell := principal(access.CellSecretary, pathK)
	member := principal(access.Member, pathK)
	committee := principal(access.CommitteeOfficer, pathC)
	inspector := principal(access.Inspector, pathB)
	rec := func(st RecStatus, plan PlanStatus) Recommendation {
		return Recommendation{Status: st, PlanStatus: plan, PlanUnitPath: pathB, ResponsibleUnitPath: pathK, FindingUnitPath: pathK}
	}
	cases := []struct {
		name string
		p    *access.Principal
		r    Recommendation
		want []string
	}{
		{"the responsible cell answers once concluded", cell, rec(Open, Concluded), []string{"answer"}},
		{"not before", cell, rec(Open, InProgress), []string{}},
		{"members do not answer", member, rec(Open, Concluded), []string{}},
		{"the committee above does not answer for its cell", committee, rec(Open, Concluded), []string{}},
		{"the inspecting unit closes or reopens an answer", inspector, rec(Answered, Concluded), []string{"close", "reopen"}},
		{"and reopens what was closed", inspector, rec(Closed, Concluded), []string{"reopen"}},
		{"nothing to close before an answer", inspector, rec(Open, Concluded), []string{}},
	}
	for _, c := range cases {
		if got := RecTable.Allowed(c.p, c.r); !slices.Equal(got, c.want) {
			t.Errorf("%s: Allowed = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestFindingsHiddenFromTheInspectedUntilConcluded(t *testing.T) {
	cell := principal(access.CellSecretary, pathK)
	committee := principal(access.CommitteeOfficer, pathC)
	sibling := principal(access.CommitteeOfficer, pathD)
	member := principal(access.Member, pathC)
	inspector := principal(access.Inspector, pathB)
	plan := Plan{UnitPath: pathB, Units: []InspectedUnit{{Path: pathC}}}
	for _, st := range []PlanStatus{Draft, Approved, InProgress, Concluded} {
		plan.Status = st
		concluded := st == Concluded
		checks := []struct {
			name      string
			got, want bool
		}{
			{"inspector reads the plan", planVisible(inspector, plan), true},
			{"committee reads the plan once approved", planVisible(committee, plan), st != Draft},
			{"cell below reads the plan once approved", planVisible(cell, plan), st != Draft},
			{"sibling never reads the plan", planVisible(sibling, plan), false},
			{"member never reads the plan", planVisible(member, plan), false},
			{"inspector reads a finding on the cell", findingVisible(inspector, plan, pathK), true},
			{"committee reads a finding on its cell once concluded", findingVisible(committee, plan, pathK), concluded},
			{"cell reads a finding on the committee: never", findingVisible(cell, plan, pathC), false},
			{"member reads no finding", findingVisible(member, plan, pathC), false},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s: %s = %v, want %v", st, c.name, c.got, c.want)
			}
		}
	}
}

func TestOverdueIsEndOfDayInHanoi(t *testing.T) {
	due := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	r := Recommendation{Status: Open, DueOn: due}
	hanoi := time.FixedZone("ICT", 7*3600)
	if r.Overdue(time.Date(2026, 3, 10, 23, 59, 0, 0, hanoi)) {
		t.Error("overdue on its last day")
	}
	if !r.Overdue(time.Date(2026, 3, 11, 0, 0, 1, 0, hanoi)) {
		t.Error("not overdue the day after")
	}
	r.Status = Closed
	if r.Overdue(time.Date(2027, 1, 1, 0, 0, 0, 0, hanoi)) {
		t.Error("a closed recommendation is overdue")
	}
}

func TestInputRules(t *testing.T) {
	k, title, subs := Kind("monthly"), "  ", []Subject{"gossip"}
	in := PlanInput{Kind: &k, Title: &title, Subjects: &subs}
	if err := in.Normalize(true); err == nil {
		t.Fatal("a plan with a bad kind, an empty title and an unknown subject passed")
	}
	rk := RecordModel
	f := FindingInput{Summary: " x ", Rating: Good, RecordKind: &rk}
	if err := f.Normalize(); err == nil {
		t.Fatal("a record kind without a record id passed")
	}
	id := uuid.New()
	f.RecordID = &id
	if err := f.Normalize(); err != nil || f.Summary != "x" {
		t.Fatalf("a valid finding: %v, summary %q", err, f.Summary)
	}
	if !(Plan{Units: []InspectedUnit{{Path: pathC}}}).Inspects(pathK) || (Plan{Units: []InspectedUnit{{Path: pathC}}}).Inspects(pathD) {
		t.Fatal("Inspects does not follow the subtree")
	}
}
