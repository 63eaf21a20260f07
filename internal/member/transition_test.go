package member

import (
	"slices"
	"testing"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

// The commitments' table: who may do what in which state, read the way allowed_actions reads it.
func TestCommitmentsTable(t *testing.T) {
	cell, committee := "b/c/s/", "b/c/"
	at := func(role access.Role, path string) *access.Principal {
		return &access.Principal{ID: uuid.New(), Kind: access.UserPrincipal, Roles: []access.Assignment{{Role: role, UnitPath: path}}}
	}
	mem, secretary, officer, bloc, inspector := at(access.Member, cell), at(access.CellSecretary, cell), at(access.CommitteeOfficer, committee),
		at(access.BlocOfficer, "b/"), at(access.Inspector, "b/")
	own := func(st Status) Commitment {
		return Commitment{UnitPath: cell, Status: st, MemberUserID: &mem.ID, Items: []Item{{ID: uuid.New()}}}
	}
	noAccount := func(st Status) Commitment {
		return Commitment{UnitPath: cell, Status: st, Items: []Item{{ID: uuid.New()}}}
	}
	secretarysOwn := Commitment{UnitPath: cell, Status: Submitted, MemberUserID: &secretary.ID, Items: []Item{{}}}
	cases := []struct {
		name string
		p    *access.Principal
		c    Commitment
		want []CAction
	}{
		{"the member drafts", mem, own(Draft), []CAction{CActUpdate, CActDelete, CActSubmit}},
		{"an empty draft is not submitted", mem, Commitment{UnitPath: cell, Status: Draft, MemberUserID: &mem.ID}, []CAction{CActUpdate, CActDelete}},
		{"the secretary does not write for a member with an account", secretary, own(Draft), nil},
		{"the secretary writes for a member without one", secretary, noAccount(Draft), []CAction{CActUpdate, CActDelete, CActSubmit}},
		{"the committee does not write for them", officer, noAccount(Draft), nil},
		{"the secretary accepts or returns", secretary, own(Submitted), []CAction{CActAccept, CActReturn}},
		{"so does the committee above", officer, own(Submitted), []CAction{CActAccept, CActReturn}},
		{"the bloc skips no level", bloc, own(Submitted), nil},
		{"nobody accepts their own", secretary, secretarysOwn, nil},
		{"the committee accepts the secretary's", officer, secretarysOwn, []CAction{CActAccept, CActReturn}},
		{"the member assesses an accepted year", mem, own(Accepted), []CAction{CActAssessMidYear, CActAssessYearEnd}},
		{"and corrects the year end until reviewed", mem, own(SelfAssessed), []CAction{CActAssessYearEnd}},
		{"the cell reviews", secretary, own(SelfAssessed), []CAction{CActReview}},
		{"only the committee classifies", secretary, own(Reviewed), []CAction{CActReview}},
		{"the committee classifies", officer, own(Reviewed), []CAction{CActReview, CActClassify}},
		{"inspectors only read", inspector, own(Reviewed), nil},
		{"classified is final", officer, own(Classified), nil},
	}
	for _, c := range cases {
		want := []string{}
		for _, a := range c.want {
			want = append(want, string(a))
		}
		if got := Commitments.Allowed(c.p, c.c); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", c.name, got, want)
		}
	}
	if e, ok := apperr.As(Commitments.Check(secretary, secretarysOwn, 1, CActAccept, nil)); !ok || e.Code != "own_submission" {
		t.Fatalf("a secretary accepting their own commitment: %v", e)
	}
	if !CanReadCommitment(mem, own(Draft)) || CanReadCommitment(mem, noAccount(Draft)) || !CanReadCommitment(inspector, noAccount(Draft)) {
		t.Fatal("read rights")
	}
}
