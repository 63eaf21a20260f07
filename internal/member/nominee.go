package member

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/nomination"
)

// Nominations reads a nomination as the caller may (the nominations service).
type Nominations interface {
	Get(ctx context.Context, id uuid.UUID) (nomination.Nomination, error)
}

// YearClass is a member's classification of a year.
type YearClass struct {
	Year  int
	Class Class
}

// lastYears is how many years of classification a reviewer of a nomination sees.
const lastYears = 3

// NomineeClassifications shows the reviewers of an exemplar nomination the nominee's last
// classifications as a party member: the member of the subject's cell with the nominee's name
// (none when the nominee is not a party member of a cell, or the name matches no one or
// several). Personal data: the caller must read the cell's members (403 otherwise).
func (s *Service) NomineeClassifications(ctx context.Context, nominationID uuid.UUID) (*Member, []YearClass, error) {
	n, err := s.nominations.Get(ctx, nominationID)
	if err != nil {
		return nil, nil, err
	}
	sub := n.Subject
	if sub.Kind != nomination.Individual || !sub.PartyMember || sub.UnitID == nil {
		return nil, []YearClass{}, nil
	}
	u, err := s.store.GetUnit(ctx, *sub.UnitID)
	if err != nil {
		return nil, nil, err
	}
	if !access.FromContext(ctx).Can(access.ReadMembers, u.Path) {
		return nil, nil, apperr.ErrForbidden
	}
	found, _, err := s.store.ListMembers(ctx, Filter{UnitID: &u.ID, Q: sub.FullName, Limit: 2})
	if err != nil {
		return nil, nil, err
	}
	found = slices.DeleteFunc(found, func(m Member) bool { return m.FullName != sub.FullName })
	if len(found) != 1 {
		return nil, []YearClass{}, nil
	}
	m := found[0]
	list, _, err := s.store.ListCommitments(ctx, CommitmentFilter{MemberID: &m.ID, Statuses: []Status{Classified}, Limit: lastYears})
	if err != nil {
		return nil, nil, err
	}
	out := make([]YearClass, 0, len(list))
	for _, c := range list {
		if c.Class != nil {
			out = append(out, YearClass{Year: c.Year, Class: *c.Class})
		}
	}
	slices.SortFunc(out, func(a, b YearClass) int { return b.Year - a.Year })
	return &m, out, nil
}
