package standard

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

// The sides of a committee's standard: its officer (owner), the officer of the bloc above
// (publisher, reader), a cell secretary below (comments), and a portal client.
var (
	drafter   = &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.CommitteeOfficer, UnitID: uuid.New(), UnitPath: "b/c/"}}}
	blocOff   = &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.BlocOfficer, UnitID: uuid.New(), UnitPath: "b/"}}}
	cellSec   = &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.CellSecretary, UnitID: uuid.New(), UnitPath: "b/c/x/"}}}
	portalApp = &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.Portal}}}
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

// TestAllowedActionsPerStateAndRole reads the transition table from each side of a standard.
func TestAllowedActionsPerStateAndRole(t *testing.T) {
	now := time.Date(2026, 5, 10, 3, 0, 0, 0, time.UTC)
	open := time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC)
	closed := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		p    *access.Principal
		st   Standard
		want []string
	}{
		{"owner, fresh draft", drafter, Standard{Status: Draft}, []string{"update", "delete", "open_consultation"}},
		{"owner, draft back from consultation", drafter, Standard{Status: Draft, ConsultationClosesOn: &open}, []string{"update", "open_consultation"}},
		{"owner, open consultation", drafter, Standard{Status: Consultation, ConsultationClosesOn: &open}, []string{"return_to_draft", "issue", "comment"}},
		{"owner, consultation past its date", drafter, Standard{Status: Consultation, ConsultationClosesOn: &closed}, []string{"return_to_draft", "issue"}},
		{"owner, issued", drafter, Standard{Status: Issued}, []string{"withdraw", "post"}},
		{"owner, superseded", drafter, Standard{Status: Superseded}, []string{}},
		{"owner, withdrawn", drafter, Standard{Status: Withdrawn}, []string{}},
		{"bloc officer, draft", blocOff, Standard{Status: Draft}, []string{}},
		{"bloc officer, open consultation", blocOff, Standard{Status: Consultation, ConsultationClosesOn: &open}, []string{"comment"}},
		{"cell below, open consultation", cellSec, Standard{Status: Consultation, ConsultationClosesOn: &open}, []string{"comment"}},
		{"cell below, issued", cellSec, Standard{Status: Issued}, []string{}},
		{"portal, open consultation", portalApp, Standard{Status: Consultation, ConsultationClosesOn: &open}, []string{}},
	}
	for _, c := range cases {
		c.st.UnitPath = "b/c/"
		if got := AllowedActions(c.p, c.st, now); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	// A comment after the closing date is refused by name, not as a transition.
	late := Standard{Status: Consultation, ConsultationClosesOn: &closed, UnitPath: "b/c/"}
	if got := problemCode(transitions(now).Check(cellSec, late, 0, ActComment, nil)); got != "consultation_closed" {
		t.Errorf("late comment: %q", got)
	}
}

// TestPublishingRules checks the publish and unpublish rows: officers over the unit, issued
// only (not_publishable otherwise), unpublishing only what is published.
func TestPublishingRules(t *testing.T) {
	now := time.Now()
	at := now
	cases := []struct {
		p    *access.Principal
		st   Standard
		a    Action
		want string
	}{
		{blocOff, Standard{Status: Issued}, ActPublish, ""},
		{drafter, Standard{Status: Issued}, ActPublish, ""},
		{blocOff, Standard{Status: Draft}, ActPublish, "not_publishable"},
		{blocOff, Standard{Status: Withdrawn}, ActPublish, "not_publishable"},
		{cellSec, Standard{Status: Issued}, ActPublish, "forbidden"},
		{portalApp, Standard{Status: Issued}, ActPublish, "forbidden"},
		{blocOff, Standard{Status: Superseded, PublishedAt: &at}, ActUnpublish, ""},
		{blocOff, Standard{Status: Issued}, ActUnpublish, "invalid_transition"},
	}
	for _, c := range cases {
		c.st.UnitPath = "b/c/"
		if got := problemCode(transitions(now).Check(c.p, c.st, 0, c.a, nil)); got != c.want {
			t.Errorf("%s %s a %s standard: %q, want %q", c.p.Roles[0].Role, c.a, c.st.Status, got, c.want)
		}
	}
	want := map[Action]Status{ActOpenConsultation: Consultation, ActReturnToDraft: Draft, ActIssue: Issued, ActWithdraw: Withdrawn,
		ActUpdate: "", ActComment: "", ActPost: "", ActPublish: ""}
	for a, to := range want {
		if got := transitions(now).To(a); got != to {
			t.Errorf("%s leads to %q, want %q", a, got, to)
		}
	}
}
