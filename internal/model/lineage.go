package model

import (
	"context"
	"slices"
	"strconv"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
)

// CarryOver copies a model into a later year (củng cố, nâng cao), as a draft linked to it.
func (s *Service) CarryOver(ctx context.Context, id uuid.UUID, year int) (Model, error) {
	var out Model
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		src, err := s.flow().Checked(ctx, id, nil, ActCarryOver)
		if err != nil {
			return err
		}
		var c apperr.Checker
		checkYear(&c, "/year", year, s.now())
		c.Check(year > src.Year, "/year", "must be after the model's year ("+strconv.Itoa(src.Year)+")")
		if err := c.Err(); err != nil {
			return err
		}
		out = src.copyForYear(year)
		out.CarriedOverFrom, out.CreatedBy = &src.ID, access.FromContext(ctx).ActorID()
		out.CreatedAt, out.UpdatedAt = s.now(), s.now()
		if err := s.store.CreateModel(ctx, out); err != nil {
			return err
		}
		return s.store.Record(ctx, event("model.carry_over", out, nil, out))
	})
	return out, err
}

// Replicate creates, in each of unitIDs, a draft replica of an approved (or later) model, linked
// to it. The units must be in the caller's subtree where it may replicate (404 outside it).
func (s *Service) Replicate(ctx context.Context, id uuid.UUID, unitIDs []uuid.UUID) ([]Model, error) {
	var out []Model
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		src, err := s.flow().Checked(ctx, id, nil, ActReplicate) // locked: not replicated while being retired
		if err != nil {
			return err
		}
		units, err := s.store.GetUnits(ctx, unitIDs)
		if err != nil {
			return err
		}
		p := access.FromContext(ctx)
		byID := make(map[uuid.UUID]org.Unit, len(units))
		for _, u := range units {
			byID[u.ID] = u
		}
		targets := make([]org.Unit, len(unitIDs))
		for i, id := range unitIDs {
			u, ok := byID[id]
			if !ok || !p.CoversSubtree(u.Path) {
				return notInSubtree(i)
			}
			if err := p.Authorize(access.ReplicateModel, u.Path); err != nil {
				return err
			}
			if u.ID == src.UnitID || u.Archived {
				return apperr.Fields("not_replicable_here", "A model is replicated into other, active units.",
					apperr.FieldError{Field: "/unit_ids/" + strconv.Itoa(i), Message: "is the model's own unit or archived"})
			}
			targets[i] = u
		}
		for _, u := range targets {
			r := src.copyForYear(src.Year)
			r.UnitID, r.Unit, r.UnitPath, r.BlocID = u.ID, u.Ref(), u.Path, u.BlocID
			r.ReplicatedFrom, r.CreatedBy, r.CreatedAt, r.UpdatedAt = &src.ID, p.ActorID(), s.now(), s.now()
			if err := s.store.CreateModel(ctx, r); err != nil {
				if apperr.KindOf(err) == apperr.Conflict {
					return apperr.New(apperr.Conflict, "already_replicated", "The unit "+u.Code+" already has a replica of this model.")
				}
				return err
			}
			if err := s.store.Record(ctx, event("model.replicate", r, nil, r)); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

func notInSubtree(i int) error {
	return &apperr.Error{Kind: apperr.NotFound, Code: "unit_not_found", Message: "A unit does not exist in your subtree.",
		Fields: []apperr.FieldError{{Field: "/unit_ids/" + strconv.Itoa(i), Message: "no such unit in your subtree"}}}
}

// Lineage is where a model comes from and what came of it.
type Lineage struct {
	Source      Model   // the original of the replication family
	Replicas    []Model // every replica of the source, directly or through a replica, readable by the caller
	CarriedFrom []Model // earlier years, newest first
	CarriedTo   []Model // later years, oldest first
}

// Lineage returns the replication family and the carry-over chain of a readable model.
func (s *Service) Lineage(ctx context.Context, id uuid.UUID) (Lineage, error) {
	m, err := s.readable(ctx, id, false)
	if err != nil {
		return Lineage{}, err
	}
	p := access.FromContext(ctx)
	var l Lineage
	// Walk up to the source; a link out of the caller's read scope stops the walk there.
	l.Source = m
	for l.Source.ReplicatedFrom != nil {
		up, err := s.store.GetModel(ctx, *l.Source.ReplicatedFrom, false)
		if err != nil || !visible(p, up) {
			break
		}
		l.Source = up
	}
	family, err := s.store.ModelFamily(ctx, l.Source.ID)
	if err != nil {
		return Lineage{}, err
	}
	l.Replicas = []Model{}
	for _, r := range family {
		if visible(p, r) {
			l.Replicas = append(l.Replicas, r)
		}
	}
	l.CarriedFrom = []Model{}
	for cur := m; cur.CarriedOverFrom != nil; {
		prev, err := s.store.GetModel(ctx, *cur.CarriedOverFrom, false)
		if err != nil || !visible(p, prev) {
			break
		}
		l.CarriedFrom = append(l.CarriedFrom, prev)
		cur = prev
	}
	l.CarriedTo = []Model{}
	for cur := m; ; {
		next, err := s.store.CarriedTo(ctx, cur.ID)
		if err != nil {
			return Lineage{}, err
		}
		// A model is carried into one later year at a time; follow the earliest.
		next = slices.DeleteFunc(next, func(m Model) bool { return !visible(p, m) })
		if len(next) == 0 {
			break
		}
		l.CarriedTo = append(l.CarriedTo, next[0])
		cur = next[0]
	}
	return l, nil
}
