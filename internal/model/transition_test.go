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
		{officer, InProgress, []string{"retire", "evaluate", "replicate"}},
		{officer, Completed, []string{"replicate"}},
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
