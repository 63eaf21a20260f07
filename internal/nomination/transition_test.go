package nomination

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/model"
	"lamtheobac/internal/org"
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
// nomination: its drafters, the committee holding it, the bloc above, a mentor.
func TestAllowedActionsPerStateAndRole(t *testing.T) {
	drafter := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.CellSecretary, UnitID: uuid.New(), UnitPath: "b/c/x/"}}}
	committee := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.CommitteeOfficer, UnitID: uuid.New(), UnitPath: "b/c/"}}}
	bloc := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.BlocOfficer, UnitID: uuid.New(), UnitPath: "b/"}}}
	mentor := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.Member, UnitID: uuid.New(), UnitPath: "b/c/x/"}}}
	now := time.Now()
	atCell := func(s Status) Nomination {
		return Nomination{Status: s, UnitPath: "b/c/x/", HolderPath: "b/c/x/", Holder: org.Ref{Kind: org.Cell}, Subject: Subject{Kind: Collective}}
	}
	atCommittee := func(s Status) Nomination {
		return Nomination{Status: s, UnitPath: "b/c/x/", HolderPath: "b/c/", Holder: org.Ref{Kind: org.Committee}, Subject: Subject{Kind: Collective}}
	}
	atBloc := func(s Status) Nomination {
		return Nomination{Status: s, UnitPath: "b/c/x/", HolderPath: "b/", Holder: org.Ref{Kind: org.Bloc}, Subject: Subject{Kind: Collective}}
	}
	individual := func(n Nomination) Nomination { n.Subject.Kind = Individual; return n }
	submittedBy := func(n Nomination, p *access.Principal) Nomination {
		n.SubmittedBy, n.SubmittedAt = &p.ID, &now
		return n
	}
	published := func(n Nomination) Nomination { n.PublishedAt = &now; return n }
	mentored := func(n Nomination) Nomination { n.Mentor = &model.Monitor{Name: "m", UserID: &mentor.ID}; return n }
	cases := []struct {
		name string
		p    *access.Principal
		n    Nomination
		want []string
	}{
		{"drafter, draft", drafter, atCell(Draft), []string{"update", "delete", "submit", "set_mentor", "add_note"}},
		{"drafter, draft of an individual", drafter, individual(atCell(Draft)), []string{"update", "delete", "submit", "consent", "set_mentor", "add_note"}},
		{"drafter, returned", drafter, atCell(Returned), []string{"update", "submit", "set_mentor", "add_note"}},
		{"drafter, submitted", drafter, atCommittee(Submitted), []string{"set_mentor", "add_note"}},
		{"drafter, rejected", drafter, atCommittee(Rejected), []string{}},
		{"committee, draft below", committee, atCell(Draft), []string{"set_mentor", "add_note"}},
		{"committee, submitted to it", committee, atCommittee(Submitted), []string{"endorse", "return", "reject", "commend", "set_mentor", "add_note"}},
		{"committee, individual submitted to it", committee, individual(atCommittee(Submitted)),
			[]string{"endorse", "return", "reject", "commend", "consent", "set_mentor", "add_note"}},
		{"committee, what it submitted itself", committee, submittedBy(atCommittee(Submitted), committee), []string{"set_mentor", "add_note"}},
		{"committee, commended", committee, atCommittee(Commended), []string{"honor", "set_mentor", "add_note"}},
		{"committee, honored", committee, atCommittee(Honored), []string{"set_mentor", "add_note", "publish"}},
		{"committee, honored and published", committee, published(atCommittee(Honored)), []string{"set_mentor", "add_note", "unpublish"}},
		{"committee, forwarded above it", committee, atBloc(Endorsed), []string{"set_mentor", "add_note"}},
		{"bloc, submitted to the committee", bloc, atCommittee(Submitted), []string{"set_mentor", "add_note"}},
		{"bloc, endorsed at the top", bloc, atBloc(Endorsed), []string{"return", "reject", "commend", "set_mentor", "add_note"}},
		{"mentor, submitted", mentor, mentored(atCommittee(Submitted)), []string{"add_note"}},
		{"mentor, rejected", mentor, mentored(atCommittee(Rejected)), []string{}},
	}
	for _, c := range cases {
		if got := AllowedActions(c.p, c.n); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestRefusalsOfTheTable checks the named refusals: own_submission for any action of an officer
// of the holding unit on what it submitted (but deleting, the drafters' alone), and a draft that
// once went up is never deleted.
func TestRefusalsOfTheTable(t *testing.T) {
	committee := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.CommitteeOfficer, UnitID: uuid.New(), UnitPath: "b/c/"}}}
	drafter := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.CellSecretary, UnitID: uuid.New(), UnitPath: "b/c/x/"}}}
	own := Nomination{Status: Submitted, UnitPath: "b/c/x/", HolderPath: "b/c/", SubmittedBy: &committee.ID}
	for a, want := range map[Action]string{ActEndorse: "own_submission", ActReturn: "own_submission", ActUpdate: "own_submission",
		ActDelete: "forbidden", ActMentor: "" /* an overseer still assigns mentors */} {
		if got := problemCode(transitions.Check(committee, own, 0, a, nil)); got != want {
			t.Errorf("%s on its own submission: %q, want %q", a, got, want)
		}
	}
	now := time.Now()
	wentUp := Nomination{Status: Draft, UnitPath: "b/c/x/", HolderPath: "b/c/x/", SubmittedAt: &now}
	if got := problemCode(transitions.Check(drafter, wentUp, 0, ActDelete, nil)); got != "invalid_transition" {
		t.Errorf("deleting a draft that went up: %q", got)
	}
	for a, to := range map[Action]Status{ActSubmit: Submitted, ActEndorse: Endorsed, ActReturn: Returned, ActReject: Rejected,
		ActCommend: Commended, ActHonor: Honored, ActConsent: "", ActPublish: ""} {
		if transitions.To(a) != to {
			t.Errorf("%s leads to %q", a, transitions.To(a))
		}
	}
}
