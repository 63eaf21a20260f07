package model

import (
	"context"
	"strconv"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/vntime"
)

// Evaluate records the unit's own evaluation of a model in progress (by its drafters, or by the
// unit above for it).
func (s *Service) Evaluate(ctx context.Context, id uuid.UUID, in EvaluationInput) (Evaluation, error) {
	return s.record(ctx, id, in, ActEvaluate, SelfEvaluation)
}

// Appraise records the level above's evaluation of a model's quality (Hướng dẫn BTG ĐUK
// 2021–2025 §IV.3): by an officer of a unit above the model's, of a model in progress or
// completed, once per period and reviewing unit. The model's own officers are refused (403):
// their evaluation is the self-evaluation.
func (s *Service) Appraise(ctx context.Context, id uuid.UUID, in EvaluationInput) (Evaluation, error) {
	return s.record(ctx, id, in, ActAppraise, ReviewerEvaluation)
}

// record checks the input, runs action's rule on the model and stores the evaluation of kind,
// with the evaluator (and, for a reviewer, the unit it acts for), audited. A period is of the
// model's year and evaluated once it has begun (422 on /year or /period otherwise).
func (s *Service) record(ctx context.Context, id uuid.UUID, in EvaluationInput, action Action, kind EvaluationKind) (Evaluation, error) {
	if err := in.normalize(s.now()); err != nil {
		return Evaluation{}, err
	}
	var out Evaluation
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		m, err := s.flow().Checked(ctx, id, nil, action)
		if err != nil {
			return err
		}
		if in.Year != nil && *in.Year != m.Year {
			return apperr.Fields("validation", "A model is evaluated for its own year.",
				apperr.FieldError{Field: "/year", Message: "must be the model's year (" + strconv.Itoa(m.Year) + ")"})
		}
		if from, _ := in.Period.Dates(m.Year); from.After(vntime.Date(s.now())) {
			return apperr.Fields("validation", "A period is evaluated once it has begun.",
				apperr.FieldError{Field: "/period", Message: "has not begun yet (" + in.Period.Label(m.Year) + " begins " + from.Format("02/01/2006") + ")"})
		}
		p := access.FromContext(ctx)
		out = Evaluation{ID: uuid.Must(uuid.NewV7()), ModelID: m.ID, UnitID: m.UnitID, BlocID: m.BlocID, Year: m.Year, Period: in.Period,
			Awareness: in.Awareness, Attitude: in.Attitude, Action: in.Action, Metrics: in.Metrics, Rating: in.Rating, Note: in.Note,
			EvaluatorID: p.ActorID(), EvaluatorName: p.Name, Kind: kind, CreatedAt: s.now()}
		if kind == ReviewerEvaluation {
			if unitID, ok := p.UnitHoldingOver(access.ReviewModel, access.ParentPath(m.UnitPath)); ok {
				u, err := s.store.GetUnit(ctx, unitID)
				if err != nil {
					return err
				}
				ref := u.Ref()
				out.EvaluatorUnit = &ref
			}
		}
		if err := s.store.CreateEvaluation(ctx, out); err != nil {
			return err
		}
		after := map[string]any{"evaluation_id": out.ID, "kind": kind, "year": m.Year, "period": in.Period, "rating": in.Rating,
			"metrics": in.Metrics}
		if out.EvaluatorUnit != nil {
			after["evaluator_unit_id"] = out.EvaluatorUnit.ID
		}
		ev := event("model."+string(action), m, nil, nil)
		ev.After = after
		return s.store.Record(ctx, ev)
	})
	return out, err
}

// Evaluations lists a readable model's evaluations in period order, the unit's own and the
// reviewers' (Kind tells them apart): both sides read both.
func (s *Service) Evaluations(ctx context.Context, id uuid.UUID) ([]Evaluation, error) {
	if _, err := s.readable(ctx, id, false); err != nil {
		return nil, err
	}
	if access.FromContext(ctx).OnlyHolds(access.Portal) {
		return nil, apperr.ErrForbidden // internal assessments, like members' comments
	}
	evals, err := s.store.ListEvaluations(ctx, id)
	sortEvaluations(evals)
	return evals, err
}
