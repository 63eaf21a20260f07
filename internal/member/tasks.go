package member

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/task"
	"lamtheobac/internal/vntime"
)

// PendingQuery asks for the commitments waiting on a reviewer or a classifier.
type PendingQuery struct {
	Statuses []Status
	// At are the cells (and Below the units whose child cells) where the caller acts; every
	// unit when Everywhere.
	At, Below task.Units
	// NotOf leaves out the caller's own commitment.
	NotOf uuid.UUID
	Limit int
}

// TaskStore finds the commitments waiting on someone, oldest first (Kind unset; the title is
// the member's name).
type TaskStore interface {
	PendingCommitments(ctx context.Context, q PendingQuery) ([]task.Task, error)
}

// waitingStates are the states a commitment leaves by one of actions: the states in which it
// waits on whoever does them (a review may be corrected, but a reviewed commitment no longer
// waits on the cell).
func waitingStates(actions ...CAction) []Status {
	var out []Status
	for _, a := range actions {
		r := Commitments.Rules[a]
		for _, s := range r.From {
			if s != r.To && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// Pending is the members' share of /me/tasks: the caller's own commitment to write or year to
// assess; for the cells' secretaries (and the committees above) the commitments to accept and
// the years to review; for the committees the members to classify.
func (s *Service) Pending(ctx context.Context, p *access.Principal, limit int) ([]task.Task, error) {
	out, err := s.ownTasks(ctx, p)
	if err != nil {
		return nil, err
	}
	st := s.store
	if units := task.HeldAt(p, access.ReviewCommitment); !units.None() {
		ts, err := st.PendingCommitments(ctx, PendingQuery{Statuses: waitingStates(CActAccept, CActReturn, CActReview), At: units,
			Below: units, NotOf: p.ID, Limit: limit})
		if err != nil {
			return nil, err
		}
		for i := range ts {
			ts[i].Kind = task.ReviewCommitment
		}
		out = append(out, ts...)
	}
	if units := task.HeldAt(p, access.ClassifyMembers); !units.None() {
		ts, err := st.PendingCommitments(ctx, PendingQuery{Statuses: waitingStates(CActClassify), Below: units, NotOf: p.ID, Limit: limit})
		if err != nil {
			return nil, err
		}
		for i := range ts {
			ts[i].Kind = task.ClassifyMember
		}
		out = append(out, ts...)
	}
	return out, nil
}

// ownTasks is the caller's own work as a member this year: a commitment to write (none yet,
// a draft, a returned one: the resource is the member when there is none yet), or the year to
// assess once it is accepted.
func (s *Service) ownTasks(ctx context.Context, p *access.Principal) ([]task.Task, error) {
	if p == nil || p.Kind == access.ClientPrincipal {
		return nil, nil
	}
	m, err := s.store.MemberOfUser(ctx, p.ID)
	if apperr.KindOf(err) == apperr.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	year := vntime.Date(s.now()).Year()
	list, _, err := s.store.ListCommitments(ctx, CommitmentFilter{MemberID: &m.ID, Year: year, Limit: 1})
	if err != nil {
		return nil, err
	}
	due, _, err := s.deadline(ctx, m.UnitPath, year)
	if err != nil {
		return nil, err
	}
	y := strconv.Itoa(year)
	if len(list) == 0 {
		return []task.Task{{Kind: task.WriteCommitment, Title: "Bản cam kết năm " + y, ResourceID: m.ID, Unit: m.Unit, DueOn: &due}}, nil
	}
	c := list[0]
	switch {
	case Commitments.Can(p, c, CActSubmit):
		return []task.Task{{Kind: task.WriteCommitment, Title: "Bản cam kết năm " + y, ResourceID: c.ID, Unit: m.Unit, DueOn: &due}}, nil
	case c.Status == Accepted && Commitments.Can(p, c, CActAssessYearEnd):
		end := time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC)
		return []task.Task{{Kind: task.SelfAssess, Title: "Tự đánh giá năm " + y, ResourceID: c.ID, Unit: m.Unit, DueOn: &end}}, nil
	}
	return nil, nil
}
