package model

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/textnorm"
)

// Introduction is the list a unit's officers confirm for Biểu mẫu 3 of Công văn 364-CV/BTG
// (docs/sources.md): the models and the nominated collectives and individuals of its subtree it
// proposes for commendation at an occasion, for a period of years. The form is printed from it,
// never guessed from ratings: what a unit introduces is its decision.
type Introduction struct {
	UnitID        uuid.UUID
	FromYear      int
	ToYear        int
	Occasion      *string // the form's occasion line; nil: the default for the period, if any
	ModelIDs      []uuid.UUID
	NominationIDs []uuid.UUID
	ConfirmedBy   *uuid.UUID
	ConfirmedAt   time.Time
}

// IntroducedNomination is what Biểu mẫu 3 prints of a nomination.
type IntroducedNomination struct {
	ID           uuid.UUID
	UnitPath     string
	UnitName     string // the nominating unit
	Year         int
	Status       string
	SubjectKind  string // collective or individual
	SubjectName  string
	Position     string
	Achievements string
	ModelNames   []string // the models the nomination names, in its order
}

// IntroductionInput is a list as the officer confirms it.
type IntroductionInput struct {
	FromYear, ToYear int
	Occasion         *string
	ModelIDs         []uuid.UUID
	NominationIDs    []uuid.UUID
}

// maxIntroduced bounds a list: a bloc introduces a few dozen, never thousands.
const maxIntroduced = 500

// introducibleNominations are the nominations a unit may introduce: sent up, or decided.
var introducibleNominations = []string{"submitted", "endorsed", "commended", "honored"}

// ConfirmIntroduction replaces the unit's Biểu mẫu 3 list for a period. Every model must be a
// model of the unit's subtree carried out in the period, every nomination one of its subtree
// made in the period and sent up or decided; the unit's own officers confirm it.
func (s *Service) ConfirmIntroduction(ctx context.Context, unitID uuid.UUID, in IntroductionInput) (Introduction, error) {
	textnorm.CleanPtr(in.Occasion)
	var c apperr.Checker
	c.Check(in.FromYear >= 2016 && in.FromYear <= 2100, "/from_year", "must be a year from 2016")
	c.Check(in.ToYear >= in.FromYear && in.ToYear <= 2100, "/to_year", "must not be before from_year")
	c.Check(in.Occasion == nil || utf8.RuneCountInString(*in.Occasion) <= 500, "/occasion", "must be at most 500 characters")
	c.Check(len(in.ModelIDs)+len(in.NominationIDs) <= maxIntroduced, "/model_ids", "at most 500 models and nominations in all")
	c.Check(!hasDuplicate(in.ModelIDs), "/model_ids", "must not repeat a model")
	c.Check(!hasDuplicate(in.NominationIDs), "/nomination_ids", "must not repeat a nomination")
	if err := c.Err(); err != nil {
		return Introduction{}, err
	}
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return Introduction{}, err
	}
	p := access.FromContext(ctx)
	if err := p.AuthorizeOwner(access.ManageNomination, u.Path); err != nil {
		return Introduction{}, err
	}
	out := Introduction{UnitID: u.ID, FromYear: in.FromYear, ToYear: in.ToYear, Occasion: in.Occasion,
		ModelIDs: nonNil(in.ModelIDs), NominationIDs: nonNil(in.NominationIDs), ConfirmedBy: p.ActorID(), ConfirmedAt: s.now()}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		var bad apperr.Checker
		for i, id := range out.ModelIDs {
			m, err := s.store.GetModel(ctx, id, false)
			ok := err == nil && withinPath(m.UnitPath, u.Path) && m.Year >= in.FromYear && m.Year <= in.ToYear &&
				slices.Contains(formStates(3), m.Status)
			if err != nil && apperr.KindOf(err) != apperr.NotFound {
				return err
			}
			bad.Check(ok, "/model_ids/"+strconv.Itoa(i), "must be a model of the unit's subtree carried out in the period")
		}
		noms, err := s.store.IntroducedNominations(ctx, out.NominationIDs)
		if err != nil {
			return err
		}
		byID := map[uuid.UUID]IntroducedNomination{}
		for _, n := range noms {
			byID[n.ID] = n
		}
		for i, id := range out.NominationIDs {
			n, found := byID[id]
			bad.Check(found && withinPath(n.UnitPath, u.Path) && n.Year >= in.FromYear && n.Year <= in.ToYear &&
				slices.Contains(introducibleNominations, n.Status), "/nomination_ids/"+strconv.Itoa(i),
				"must be a nomination of the unit's subtree made in the period and sent up or decided")
		}
		if err := bad.Err(); err != nil {
			return err
		}
		if err := s.store.PutIntroduction(ctx, out); err != nil {
			return err
		}
		unit, bloc := u.ID, u.BlocID
		return s.store.Record(ctx, audit.Event{Action: "form3_introduction.confirm", ResourceType: "unit", ResourceID: &unit,
			UnitID: &unit, UnitPath: u.Path, BlocID: &bloc, After: map[string]any{"from_year": out.FromYear, "to_year": out.ToYear,
				"occasion": out.Occasion, "model_ids": out.ModelIDs, "nomination_ids": out.NominationIDs}})
	})
	return out, err
}

// GetIntroduction returns the unit's confirmed list for a period, to the same readers as the
// form (404 when none was confirmed).
func (s *Service) GetIntroduction(ctx context.Context, unitID uuid.UUID, fromYear, toYear int) (Introduction, error) {
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return Introduction{}, err
	}
	if err := authorizeForm(access.FromContext(ctx), u.Path); err != nil {
		return Introduction{}, err
	}
	return s.store.GetIntroduction(ctx, u.ID, fromYear, toYear)
}

// authorizeForm lets the unit's drafters, and the officers and inspectors over it, read its forms.
func authorizeForm(p *access.Principal, path string) error {
	if p.HoldsAt(access.ManageModel, path) {
		return nil
	}
	return p.Authorize(access.ReadCoverage, path)
}

// withinPath reports whether the unit at path is the unit at root or below it (materialized
// paths end with a separator, so a prefix is an ancestor).
func withinPath(path, root string) bool { return strings.HasPrefix(path, root) }

func hasDuplicate(ids []uuid.UUID) bool {
	seen := map[uuid.UUID]bool{}
	for _, id := range ids {
		if seen[id] {
			return true
		}
		seen[id] = true
	}
	return false
}

func nonNil(ids []uuid.UUID) []uuid.UUID {
	if ids == nil {
		return []uuid.UUID{}
	}
	return ids
}
