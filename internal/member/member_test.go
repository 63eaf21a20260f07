package member

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

func TestInputNormalize(t *testing.T) {
	now := time.Date(2026, 6, 1, 3, 0, 0, 0, time.UTC)
	d := func(y int, m time.Month, day int) *time.Time {
		t := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
		return &t
	}
	s := func(v string) *string { return &v }
	cases := []struct {
		name   string
		in     Input
		create bool
		fields []string
	}{
		{"a full profile", Input{FullName: s(" Lê  Văn A "), BirthDate: d(1990, 1, 1), JoinedPartyOn: d(2015, 1, 1), PartyCardNumber: s("VP-01/2")}, true, nil},
		{"name required on create", Input{Position: s("x")}, true, []string{"/full_name"}},
		{"not on update", Input{Position: s("x")}, false, nil},
		{"blank name", Input{FullName: s("  ")}, true, []string{"/full_name"}},
		{"born tomorrow", Input{FullName: s("A"), BirthDate: d(2026, 6, 2)}, true, []string{"/birth_date"}},
		{"joined before the Party", Input{FullName: s("A"), JoinedPartyOn: d(1930, 2, 2)}, true, []string{"/joined_party_on"}},
		{"joined at 15", Input{FullName: s("A"), BirthDate: d(2000, 1, 1), JoinedPartyOn: d(2015, 1, 1)}, true, []string{"/joined_party_on"}},
		{"card with spaces", Input{FullName: s("A"), PartyCardNumber: s("VP 01")}, true, []string{"/party_card_number"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.in.Normalize(c.create, now)
			var got []string
			if e, ok := apperr.As(err); ok {
				for _, f := range e.Fields {
					got = append(got, f.Field)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.fields) || (len(got) > 0 && got[0] != c.fields[0]) {
				t.Fatalf("fields %v, want %v", got, c.fields)
			}
		})
	}
	in := Input{FullName: s("A"), PartyCardNumber: s("  ")}
	if err := in.Normalize(true, now); err != nil || in.PartyCardNumber != nil {
		t.Fatalf("an empty card number is none: %v, %v", err, in.PartyCardNumber)
	}
}

func TestWhoReadsAProfile(t *testing.T) {
	cell := "b/c/s/"
	self := uuid.New()
	m := Member{UnitPath: cell, UserID: &self}
	as := func(role access.Role, path string) *access.Principal {
		return &access.Principal{ID: uuid.New(), Kind: access.UserPrincipal, Roles: []access.Assignment{{Role: role, UnitPath: path}}}
	}
	me := &access.Principal{ID: self, Kind: access.UserPrincipal, Roles: []access.Assignment{{Role: access.Member, UnitPath: cell}}}
	cases := []struct {
		name string
		p    *access.Principal
		want bool
	}{
		{"the member", me, true},
		{"a comrade of the cell", as(access.Member, cell), false},
		{"the cell's secretary", as(access.CellSecretary, cell), true},
		{"another cell's secretary", as(access.CellSecretary, "b/c/t/"), false},
		{"the committee", as(access.CommitteeOfficer, "b/c/"), true},
		{"an inspector of the bloc", as(access.Inspector, "b/"), true},
		{"a portal of the bloc", as(access.Portal, "b/"), false},
		{"anonymous", nil, false},
	}
	for _, c := range cases {
		if got := CanReadProfile(c.p, m); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
