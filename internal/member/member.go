// Package member holds the party members as people and their own work in the directive: the
// member profile kept by the cell (linked to a user account or not: many members never log in),
// the yearly commitment to study and follow Hồ Chí Minh's example (bản đăng ký học tập và làm
// theo, bản cam kết tu dưỡng, rèn luyện), the member's self-assessment at mid-year and year end,
// the cell's review with a proposed classification, and the committee's classification
// (xếp loại đảng viên: hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ).
//
// A profile is personal data: read only by the member, the officers of the units above them
// (the cell's secretary included) and inspectors, never by portals or by readers from below,
// and every read of a list of members is audited (who looked, when).
package member

import (
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
	"lamtheobac/internal/vntime"
)

// Member is a party member of a cell.
type Member struct {
	ID              uuid.UUID
	UnitID          uuid.UUID // the cell
	Unit            org.Ref   // read alongside, for display
	UnitPath        string
	BlocID          uuid.UUID
	UserID          *uuid.UUID // the account of the member, when they have one
	FullName        string
	BirthDate       *time.Time // a civil date
	Position        string     // chức vụ
	Workplace       string     // nơi công tác
	JoinedPartyOn   *time.Time // ngày vào Đảng
	PartyCardNumber *string    // số thẻ đảng viên
	CreatedBy       *uuid.UUID
	Version         int64
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Input is a profile as a client writes it; nil fields stay as they are on update. ClearUser
// unlinks the account (UserID nil means "unchanged").
type Input struct {
	FullName        *string
	BirthDate       *time.Time
	Position        *string
	Workplace       *string
	JoinedPartyOn   *time.Time
	PartyCardNumber *string
	UserID          *uuid.UUID
	ClearUser       bool
}

// firstJoining is the founding of the Party (3 February 1930): nobody joined before it.
var firstJoining = time.Date(1930, 2, 3, 0, 0, 0, 0, time.UTC)

// Normalize cleans the input's text and validates it; creating needs the full name.
func (in *Input) Normalize(creating bool, now time.Time) error {
	for _, p := range []*string{in.FullName, in.Position, in.Workplace, in.PartyCardNumber} {
		textnorm.CleanPtr(p)
	}
	if in.PartyCardNumber != nil && *in.PartyCardNumber == "" {
		in.PartyCardNumber = nil // an empty card number is no card number
	}
	today := vntime.Date(now)
	var c apperr.Checker
	if creating {
		c.Check(in.FullName != nil, "/full_name", "is required")
	}
	if in.FullName != nil {
		c.Check(*in.FullName != "" && utf8.RuneCountInString(*in.FullName) <= 255, "/full_name", "must be 1–255 characters")
	}
	for field, s := range map[string]*string{"/position": in.Position, "/workplace": in.Workplace} {
		if s != nil {
			c.Check(utf8.RuneCountInString(*s) <= 500, field, "must be at most 500 characters")
		}
	}
	if in.PartyCardNumber != nil {
		c.Check(textnorm.IsIdentifier(*in.PartyCardNumber, ".-/", 1, 50), "/party_card_number",
			"must be 1–50 letters, digits, '.', '-' or '/'")
	}
	if in.BirthDate != nil {
		c.Check(in.BirthDate.Year() >= 1900 && !in.BirthDate.After(today), "/birth_date", "must be between 1900 and today")
	}
	if in.JoinedPartyOn != nil {
		c.Check(!in.JoinedPartyOn.Before(firstJoining) && !in.JoinedPartyOn.After(today), "/joined_party_on",
			"must be between 3 February 1930 and today")
		if in.BirthDate != nil {
			c.Check(in.JoinedPartyOn.After(in.BirthDate.AddDate(16, 0, 0)), "/joined_party_on", "must be after the member's 16th birthday")
		}
	}
	return c.Err()
}

// apply writes the input onto m.
func (in Input) apply(m *Member) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&m.FullName, in.FullName)
	set(&m.Position, in.Position)
	set(&m.Workplace, in.Workplace)
	if in.BirthDate != nil {
		m.BirthDate = in.BirthDate
	}
	if in.JoinedPartyOn != nil {
		m.JoinedPartyOn = in.JoinedPartyOn
	}
	if in.PartyCardNumber != nil {
		m.PartyCardNumber = in.PartyCardNumber
	}
	if in.UserID != nil {
		m.UserID = in.UserID
	}
	if in.ClearUser {
		m.UserID = nil
	}
}

// HoldsMembers reports whether units of kind k have members of their own: cells, and base
// cells (chi bộ cơ sở), which are cells for every rule.
func HoldsMembers(k org.Kind) bool { return k.Is(org.Cell) }

// IsSelf reports whether p is the member's own account.
func IsSelf(p *access.Principal, m Member) bool {
	return p != nil && m.UserID != nil && p.Kind != access.ClientPrincipal && *m.UserID == p.ID
}

// CanReadProfile reports whether p may read m's personal data: the member themselves, or a
// role granting ReadMembers over the member's cell (the officers above, the cell's secretary,
// inspectors; administrators).
func CanReadProfile(p *access.Principal, m Member) bool {
	return IsSelf(p, m) || p.Can(access.ReadMembers, m.UnitPath)
}

// Action is something a caller may do to a member profile.
type Action string

// The actions on a profile, as listed in allowed_actions.
const (
	ActUpdate Action = "update"
	ActDelete Action = "delete"
)

// AllowedActions lists what p may do to m: the cell's managers edit and remove profiles.
func AllowedActions(p *access.Principal, m Member) []string {
	if p.Can(access.ManageMembers, m.UnitPath) {
		return []string{string(ActUpdate), string(ActDelete)}
	}
	return []string{}
}
