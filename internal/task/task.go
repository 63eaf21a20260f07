// Package task answers "what must I do next" (/me/tasks). It decides nothing about who reviews
// what: each domain (reports, models, nominations) is a Source that finds the work waiting on
// the caller with its own permissions and the states of its own transition table; the service
// only gathers their answers, soonest due first.
package task

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
)

// Kind says what the caller must do.
type Kind string

// The kinds of task, as the API lists them.
const (
	WriteReport      Kind = "write_report"
	ReviewReport     Kind = "review_report"
	ReviewModel      Kind = "review_model"
	ReviewNomination Kind = "review_nomination"
	// WriteCommitment is a member's commitment of the year to write (the resource is the member
	// while there is none yet, then the commitment).
	WriteCommitment Kind = "write_commitment"
	// SelfAssess is a member's accepted year to assess.
	SelfAssess Kind = "self_assess"
	// ReviewCommitment is a commitment to accept or return, or a year to review, at a cell.
	ReviewCommitment Kind = "review_commitment"
	// ClassifyMember is a reviewed member to classify, for the committee.
	ClassifyMember Kind = "classify_member"
	// AnswerRecommendation is an overdue inspection recommendation the caller's unit must answer.
	AnswerRecommendation Kind = "answer_recommendation"
	// FollowUpRecommendation is an overdue recommendation of the caller's unit's inspection
	// plans, not yet closed.
	FollowUpRecommendation Kind = "follow_up_recommendation"
	// CommentStandard is a standard of one's unit or above open for comment.
	CommentStandard Kind = "comment_standard"
)

// Task is something the caller must do next.
type Task struct {
	Kind       Kind
	Title      string
	ResourceID uuid.UUID
	Unit       org.Ref
	DueOn      *time.Time
	// Period is the period a periodic task is for (an evaluation's "Q2", "M05"…), or empty.
	Period string
}

// Source is one domain's pending work: what waits on p there, at most limit tasks of each kind,
// each kind in the order its work arrived or falls due.
type Source interface {
	Pending(ctx context.Context, p *access.Principal, limit int) ([]Task, error)
}

// Limit bounds the list: a frontend shows what comes next, not a backlog report.
const Limit = 200

// Service gathers the sources' tasks.
type Service struct {
	sources []Source
}

// NewService returns the service asking sources, in that order (it breaks ties between tasks due
// the same day, and orders the undated ones).
func NewService(sources ...Source) *Service { return &Service{sources: sources} }

// Mine lists what the caller must do next, soonest due first, undated tasks last.
func (s *Service) Mine(ctx context.Context) ([]Task, error) {
	p := access.FromContext(ctx)
	if p == nil {
		return nil, apperr.ErrUnauthenticated
	}
	var out []Task
	for _, src := range s.sources {
		ts, err := src.Pending(ctx, p, Limit)
		if err != nil {
			return nil, err
		}
		out = append(out, ts...)
	}
	return order(out), nil
}

// order drops tasks found twice (through overlapping roles: the same kind, resource, period and
// unit), sorts them soonest due first
// (stable: otherwise in the sources' order) and keeps the first Limit.
func order(ts []Task) []Task {
	type key struct {
		kind   Kind
		id     uuid.UUID
		period string
		unit   uuid.UUID
	}
	seen := map[key]bool{}
	out := make([]Task, 0, len(ts))
	for _, t := range ts {
		if k := (key{t.Kind, t.ResourceID, t.Period, t.Unit.ID}); !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, func(a, b Task) int {
		switch {
		case a.DueOn == nil && b.DueOn == nil:
			return 0
		case a.DueOn == nil:
			return 1
		case b.DueOn == nil:
			return -1
		}
		return a.DueOn.Compare(*b.DueOn)
	})
	if len(out) > Limit {
		out = out[:Limit]
	}
	return out
}

// Units is where a domain looks for a caller's pending work: the units of its roles at which it
// holds the domain's permission, or every unit.
type Units struct {
	IDs        []uuid.UUID
	Everywhere bool
}

// None reports whether the caller holds the permission nowhere.
func (u Units) None() bool { return !u.Everywhere && len(u.IDs) == 0 }

// HeldAt is the Units where p holds action at the unit itself (access decides which roles grant
// it): administrators hold it everywhere.
func HeldAt(p *access.Principal, action access.Action) Units {
	ids, all := p.UnitsHolding(action)
	return Units{IDs: ids, Everywhere: all}
}
