package member

import (
	"time"

	"lamtheobac/internal/access"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/org"
)

// PrepareImport checks that the principal may add a member to cell u, as Create does, and
// builds the profile from the input, validated as Create validates it. Accounts are linked
// through the API afterwards (PATCH user_id), not by file.
func PrepareImport(p *access.Principal, u org.Unit, in Input, now time.Time) (Member, error) {
	in.UserID, in.ClearUser = nil, false
	if err := in.Normalize(true, now); err != nil {
		return Member{}, err
	}
	if err := p.Authorize(access.ManageMembers, u.Path); err != nil {
		return Member{}, err
	}
	if err := CheckCell(u); err != nil {
		return Member{}, err
	}
	return NewMember(p, u, in, now), nil
}

// ImportEvent is the audit event of a member written by an import.
func ImportEvent(m Member) audit.Event { return Event("member.import", m, nil, m) }
