package store

// A model's evaluations: the unit's own each period, and the reviews of the units above it.

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/model"
	"lamtheobac/internal/org"
)

// evaluationRow is a row of model_evaluations.
type evaluationRow struct {
	ID              uuid.UUID `gorm:"primaryKey"`
	ModelID         uuid.UUID
	UnitID          uuid.UUID
	BlocID          uuid.UUID
	Year            int
	Period          string
	Awareness       string
	Attitude        string
	Action          string
	Metrics         []byte
	Rating          string
	Note            string
	EvaluatorID     *uuid.UUID
	EvaluatorName   string
	Kind            string
	EvaluatorUnitID *uuid.UUID
	CreatedAt       time.Time
}

func (evaluationRow) TableName() string { return "model_evaluations" }

// CreateEvaluation inserts an evaluation; a second self-evaluation for the same period, or a
// second reviewer evaluation of the same unit for it, is a conflict.
func (s *Store) CreateEvaluation(ctx context.Context, e model.Evaluation) error {
	metrics, err := json.Marshal(e.Metrics)
	if err != nil {
		return wrap(err, "create evaluation")
	}
	kind := e.Kind
	if kind == "" {
		kind = model.SelfEvaluation
	}
	row := evaluationRow{ID: e.ID, ModelID: e.ModelID, UnitID: e.UnitID, BlocID: e.BlocID, Year: e.Year, Period: string(e.Period),
		Awareness: e.Awareness, Attitude: e.Attitude, Action: e.Action, Metrics: metrics, Rating: string(e.Rating), Note: e.Note,
		EvaluatorID: e.EvaluatorID, EvaluatorName: e.EvaluatorName, Kind: string(kind), CreatedAt: e.CreatedAt}
	if e.EvaluatorUnit != nil {
		row.EvaluatorUnitID = &e.EvaluatorUnit.ID
	}
	err = translate(s.db(ctx).Create(&row).Error)
	if apperr.KindOf(err) == apperr.Conflict {
		if kind == model.ReviewerEvaluation {
			return apperr.New(apperr.Conflict, "duplicate", "This period is already evaluated by this reviewing unit.")
		}
		return apperr.New(apperr.Conflict, "duplicate", "This period is already evaluated.")
	}
	return wrap(err, "create evaluation")
}

// evaluationListRow is an evaluation with the reviewing unit, as ListEvaluations reads it.
type evaluationListRow struct {
	ID                uuid.UUID
	ModelID           uuid.UUID
	UnitID            uuid.UUID
	BlocID            uuid.UUID
	Year              int
	Period            string
	Awareness         string
	Attitude          string
	Action            string
	Metrics           []byte
	Rating            string
	Note              string
	EvaluatorID       *uuid.UUID
	EvaluatorName     string
	Kind              string
	EvaluatorUnitID   *uuid.UUID
	CreatedAt         time.Time
	EvaluatorUnitKind *string
	EvaluatorUnitCode *string
	EvaluatorUnitName *string
}

// ListEvaluations returns a model's evaluations, the self-evaluations and the reviewers', with
// the reviewing units.
func (s *Store) ListEvaluations(ctx context.Context, modelID uuid.UUID) ([]model.Evaluation, error) {
	var rows []evaluationListRow
	if err := s.db(ctx).Raw(`SELECT e.id, e.model_id, e.unit_id, e.bloc_id, e.year, e.period, e.awareness, e.attitude, e.action, e.metrics,
			e.rating, e.note, e.evaluator_id, e.evaluator_name, e.kind, e.evaluator_unit_id, e.created_at,
			eu.kind AS evaluator_unit_kind, eu.code AS evaluator_unit_code, eu.name AS evaluator_unit_name
		FROM model_evaluations e LEFT JOIN units eu ON eu.id = e.evaluator_unit_id
		WHERE e.model_id = ? ORDER BY e.year, e.created_at`, modelID).Scan(&rows).Error; err != nil {
		return nil, wrap(err, "list evaluations modelID=%s", modelID)
	}
	out := make([]model.Evaluation, len(rows))
	for i, r := range rows {
		out[i] = model.Evaluation{ID: r.ID, ModelID: r.ModelID, UnitID: r.UnitID, BlocID: r.BlocID, Year: r.Year, Period: model.Period(r.Period),
			Awareness: r.Awareness, Attitude: r.Attitude, Action: r.Action, Rating: model.Rating(r.Rating), Note: r.Note,
			EvaluatorID: r.EvaluatorID, EvaluatorName: r.EvaluatorName, Kind: model.EvaluationKind(r.Kind), CreatedAt: r.CreatedAt,
			Metrics: []model.Metric{}}
		out[i].EvaluatorUnit = evaluatorUnit(r.EvaluatorUnitID, r.EvaluatorUnitKind, r.EvaluatorUnitCode, r.EvaluatorUnitName)
		_ = json.Unmarshal(r.Metrics, &out[i].Metrics)
	}
	return out, nil
}

// evaluatorUnit is the reviewing unit read beside an evaluation (nil without one).
func evaluatorUnit(id *uuid.UUID, kind, code, name *string) *org.Ref {
	if id == nil || kind == nil || code == nil || name == nil {
		return nil
	}
	return &org.Ref{ID: *id, Kind: org.Kind(*kind), Code: *code, Name: *name}
}
