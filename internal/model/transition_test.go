package model

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

// The sides of a cell's model: its secretary (owner), the officer of the committee above
// (reviewer, publisher), and a member of the cell (reads, does nothing).
var (
	secretary = &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.CellSecretary, UnitID: uuid.New(), UnitPath: "b/c/x/"}}}
	officer   = &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.CommitteeOfficer, UnitID: uuid.New(), UnitPath: "b/c/"}}}
	member    = &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.Member, UnitID: uuid.New(), UnitPath: "b/c/x/"}}}
)

func problemCode(err error) string {
	var e *apperr.Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestAllowedActionsPerStateAndRole reads the transition table from each side of a model: what
// allowed_actions lists in every state (publishing is the portal's, never listed).
func TestAllowedActionsPerStateAndRole(t *testing.T) {
	cases := []struct {
		p      *access.Principal
		status Status
		want   []string
	}{
		{secretary, Draft, []string{"update", "delete", "register"}},
		{secretary, Returned, []string{"update", "register"}},
		{secretary, Registered, []string{}},
		{secretary, Approved, []string{"start", "retire", "carry_over"}},
		{secretary, InProgress, []string{"complete", "retire", "evaluate", "carry_over"}},
		{secretary, Completed, []string{"carry_over"}},
		{secretary, Retired, []string{}},
		{officer, Draft, []string{}},
		{officer, Registered, []string{"approve", "return"}},
		{officer, Approved, []string{"retire", "replicate"}},
		{officer, InProgress, []string{"retire", "evaluate", "appraise", "replicate"}},
		{officer, Completed, []string{"appraise", "replicate"}},
		{officer, Retired, []string{}},
		{member, Draft, []string{}},
		{member, Approved, []string{}},
	}
	for _, c := range cases {
		got := AllowedActions(c.p, Model{Status: c.status, UnitPath: "b/c/x/"})
		if !slices.Equal(got, c.want) {
			t.Errorf("%s on %s: %v, want %v", c.p.Roles[0].Role, c.status, got, c.want)
		}
	}
	// Nobody reviews what they registered themselves: the action is gone, and refused by name.
	own := Model{Status: Registered, UnitPath: "b/c/x/", RegisteredBy: &officer.ID}
	if got := AllowedActions(officer, own); len(got) != 0 {
		t.Errorf("own registration: %v", got)
	}
	if got := problemCode(transitions.Check(officer, own, 0, ActApprove, nil)); got != "own_submission" {
		t.Errorf("approving one's own registration: %q", got)
	}
}

// TestAppraisers checks who records a reviewer evaluation: officers of any unit above the
// model's (the committee directly above, the bloc two levels up, administrators), of a model in
// progress or completed; never the model's own unit (a committee's officers on its own model),
// inspectors or members.
func TestAppraisers(t *testing.T) {
	bloc := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.BlocOfficer, UnitID: uuid.New(), UnitPath: "b/"}}}
	inspector := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.Inspector, UnitID: uuid.New(), UnitPath: "b/"}}}
	admin := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.Admin}}}
	cases := []struct {
		name   string
		p      *access.Principal
		path   string
		status Status
		want   bool
	}{
		{"committee above, running", officer, "b/c/x/", InProgress, true},
		{"committee above, completed", officer, "b/c/x/", Completed, true},
		{"committee above, approved", officer, "b/c/x/", Approved, false},
		{"committee above, retired", officer, "b/c/x/", Retired, false},
		{"bloc two levels up", bloc, "b/c/x/", InProgress, true},
		{"bloc over a committee's model", bloc, "b/c/", InProgress, true},
		{"committee on its own model", officer, "b/c/", InProgress, false},
		{"the cell's secretary", secretary, "b/c/x/", InProgress, false},
		{"a member", member, "b/c/x/", InProgress, false},
		{"an inspector above", inspector, "b/c/x/", InProgress, false},
		{"an administrator", admin, "b/c/x/", InProgress, true},
		{"a bloc's own model", bloc, "b/", InProgress, false},
	}
	for _, c := range cases {
		got := slices.Contains(AllowedActions(c.p, Model{Status: c.status, UnitPath: c.path}), string(ActAppraise))
		if got != c.want {
			t.Errorf("%s: may appraise %v, want %v", c.name, got, c.want)
		}
	}
	// The deepest unit above in whose name an officer appraises; none for an administrator.
	cu := uuid.New()
	both := &access.Principal{Roles: []access.Assignment{{Role: access.BlocOfficer, UnitID: uuid.New(), UnitPath: "b/"},
		{Role: access.CommitteeOfficer, UnitID: cu, UnitPath: "b/c/"}, {Role: access.CellSecretary, UnitID: uuid.New(), UnitPath: "b/c/x/"}}}
	if id, ok := both.UnitHoldingOver(access.ReviewModel, "b/c/"); !ok || id != cu {
		t.Errorf("appraising for b/c/x/ in the name of %v %v, want the committee", id, ok)
	}
	if _, ok := admin.UnitHoldingOver(access.ReviewModel, "b/c/"); ok {
		t.Error("an administrator appraises in a unit's name")
	}
}

// TestPublishingRules checks the publish and unpublish rows: officers over the unit, approved
// or later and not retired, not_publishable otherwise; unpublishing only what is published.
func TestPublishingRules(t *testing.T) {
	cases := []struct {
		p         *access.Principal
		m         Model
		a         Action
		want      string
		published bool
	}{
		{officer, Model{Status: Approved}, ActPublish, "", false},
		{officer, Model{Status: Completed}, ActPublish, "", false},
		{officer, Model{Status: Draft}, ActPublish, "not_publishable", false},
		{officer, Model{Status: Retired}, ActPublish, "not_publishable", false},
		{secretary, Model{Status: Approved}, ActPublish, "forbidden", false},
		{member, Model{Status: Draft}, ActPublish, "forbidden", false},
		{officer, Model{Status: Retired}, ActUnpublish, "", true},
		{officer, Model{Status: Approved}, ActUnpublish, "invalid_transition", false},
		{secretary, Model{Status: Approved}, ActUnpublish, "forbidden", true},
	}
	for _, c := range cases {
		c.m.UnitPath = "b/c/x/"
		if c.published {
			c.m.PublishedAt = new(c.m.CreatedAt)
		}
		if got := problemCode(transitions.Check(c.p, c.m, 0, c.a, nil)); got != c.want {
			t.Errorf("%s %s a %s model: %q, want %q", c.p.Roles[0].Role, c.a, c.m.Status, got, c.want)
		}
	}
}

// TestStatesOfTheTable checks the states each move leads to and that only drafts are deleted.
func TestStatesOfTheTable(t *testing.T) {
	want := map[Action]Status{ActRegister: Registered, ActApprove: Approved, ActReturn: Returned, ActStart: InProgress,
		ActComplete: Completed, ActRetire: Retired, ActUpdate: "", ActEvaluate: "", ActPublish: ""}
	for a, to := range want {
		if got := transitions.To(a); got != to {
			t.Errorf("%s leads to %q, want %q", a, got, to)
		}
	}
	for _, s := range allStatuses() {
		if transitions.StateAllows(Model{Status: s}, ActDelete) != (s == Draft) {
			t.Errorf("delete from %s", s)
		}
	}
}
