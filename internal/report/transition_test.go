package report

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
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

// TestAllowedActionsPerStateAndRole reads the transition table from each side of a cell's
// report, in an open and a closed round.
func TestAllowedActionsPerStateAndRole(t *testing.T) {
	writer := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.CellSecretary, UnitID: uuid.New(), UnitPath: "b/c/x/"}}}
	reviewer := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.CommitteeOfficer, UnitID: uuid.New(), UnitPath: "b/c/"}}}
	bloc := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.BlocOfficer, UnitID: uuid.New(), UnitPath: "b/"}}}
	member := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.Member, UnitID: uuid.New(), UnitPath: "b/c/x/"}}}
	cases := []struct {
		name   string
		p      *access.Principal
		status Status
		closed bool
		want   []string
	}{
		{"writer, draft", writer, Draft, false, []string{"update", "submit"}},
		{"writer, returned", writer, Returned, false, []string{"update", "submit"}},
		{"writer, draft of a closed round", writer, Draft, true, []string{}},
		{"writer, submitted", writer, Submitted, false, []string{}},
		{"writer, accepted", writer, Accepted, false, []string{}},
		{"reviewer, draft", reviewer, Draft, false, []string{}},
		{"reviewer, submitted", reviewer, Submitted, false, []string{"accept", "return"}},
		{"reviewer, submitted in a closed round", reviewer, Submitted, true, []string{"accept"}},
		{"reviewer, accepted", reviewer, Accepted, false, []string{}},
		{"officer two levels up, submitted", bloc, Submitted, false, []string{}},
		{"member, draft", member, Draft, false, []string{}},
	}
	for _, c := range cases {
		got := AllowedActions(c.p, Report{Status: c.status, UnitPath: "b/c/x/", RoundClosed: c.closed})
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	// Nobody reviews what they submitted themselves; a closed round is the Guard's to refuse
	// (round_closed), not the table's.
	own := Report{Status: Submitted, UnitPath: "b/c/x/", SubmittedBy: &reviewer.ID}
	if got := problemCode(transitions.Check(reviewer, own, 0, ActReturn, nil)); got != "own_submission" {
		t.Errorf("returning one's own submission: %q", got)
	}
	if got := problemCode(transitions.Check(writer, Report{Status: Draft, UnitPath: "b/c/x/", RoundClosed: true}, 0, ActSubmit, nil)); got != "" {
		t.Errorf("the table refused a closed round itself: %q", got)
	}
	for a, want := range map[Action]bool{ActUpdate: true, ActSubmit: true, ActAccept: false, ActReturn: true} {
		if openOnly(a) != want {
			t.Errorf("%s needs the round open: %v", a, !want)
		}
	}
	for a, to := range map[Action]Status{ActSubmit: Submitted, ActAccept: Accepted, ActReturn: Returned, ActUpdate: ""} {
		if transitions.To(a) != to {
			t.Errorf("%s leads to %q", a, transitions.To(a))
		}
	}
}
