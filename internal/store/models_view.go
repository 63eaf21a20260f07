package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/model"
)

// modelViewSQL reads a model, its unit, its latest rating and its evaluations (as one JSON
// array, oldest first) in one statement: a GET of a model is one round trip to the database,
// not one per table, and its columns are scanned by position rather than by GORM's reflection
// (the two were over half of a GET's CPU, measured: docs/benchmarks.md).
const modelViewSQL = `SELECT ` + modelColumns + `,
  COALESCE((SELECT json_agg(json_build_object('id', e.id, 'unit_id', e.unit_id, 'bloc_id', e.bloc_id, 'year', e.year,
      'period', e.period, 'awareness', e.awareness, 'attitude', e.attitude, 'action', e.action, 'metrics', e.metrics,
      'rating', e.rating, 'note', e.note, 'evaluator_id', e.evaluator_id, 'evaluator_name', e.evaluator_name,
      'kind', e.kind, 'evaluator_unit_id', e.evaluator_unit_id, 'evaluator_unit_kind', eu.kind, 'evaluator_unit_code', eu.code,
      'evaluator_unit_name', eu.name, 'created_at', e.created_at) ORDER BY e.year, e.created_at)
    FROM model_evaluations e LEFT JOIN units eu ON eu.id = e.evaluator_unit_id WHERE e.model_id = models.id), '[]')
FROM models JOIN units u ON u.id = models.unit_id
WHERE models.id = $1`

// evaluationJSON is an evaluation as modelViewSQL aggregates it.
type evaluationJSON struct {
	ID            uuid.UUID      `json:"id"`
	UnitID        uuid.UUID      `json:"unit_id"`
	BlocID        uuid.UUID      `json:"bloc_id"`
	Year          int            `json:"year"`
	Period        string         `json:"period"`
	Awareness     string         `json:"awareness"`
	Attitude      string         `json:"attitude"`
	Action        string         `json:"action"`
	Metrics       []model.Metric `json:"metrics"`
	Rating        string         `json:"rating"`
	Note          string         `json:"note"`
	EvaluatorID   *uuid.UUID     `json:"evaluator_id"`
	EvaluatorName string         `json:"evaluator_name"`
	Kind          string         `json:"kind"`
	// The reviewing unit of a reviewer evaluation (issue #17 item 8), null otherwise.
	EvaluatorUnitID   *uuid.UUID `json:"evaluator_unit_id"`
	EvaluatorUnitKind *string    `json:"evaluator_unit_kind"`
	EvaluatorUnitCode *string    `json:"evaluator_unit_code"`
	EvaluatorUnitName *string    `json:"evaluator_unit_name"`
	CreatedAt         time.Time  `json:"created_at"`
}

// GetModelWithEvaluations returns the model with id and its evaluations, oldest first, in one
// statement (for reading; changes lock the row through GetModel).
func (s *Store) GetModelWithEvaluations(ctx context.Context, id uuid.UUID) (model.Model, []model.Evaluation, error) {
	var r modelRow
	var evals []byte
	err := s.db(ctx).Raw(modelViewSQL, id).Row().Scan(append(modelFields(&r), &evals)...)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Model{}, nil, apperr.ErrNotFound
	}
	if err != nil {
		return model.Model{}, nil, wrap(err, "get model %s with evaluations", id)
	}
	var rows []evaluationJSON
	if err := json.Unmarshal(evals, &rows); err != nil {
		return model.Model{}, nil, wrap(err, "decode evaluations of model %s", id)
	}
	out := make([]model.Evaluation, len(rows))
	for i, e := range rows {
		if e.Metrics == nil {
			e.Metrics = []model.Metric{}
		}
		out[i] = model.Evaluation{ID: e.ID, ModelID: id, UnitID: e.UnitID, BlocID: e.BlocID, Year: e.Year, Period: model.Period(e.Period),
			Awareness: e.Awareness, Attitude: e.Attitude, Action: e.Action, Metrics: e.Metrics, Rating: model.Rating(e.Rating),
			Note: e.Note, EvaluatorID: e.EvaluatorID, EvaluatorName: e.EvaluatorName, Kind: model.EvaluationKind(e.Kind), CreatedAt: e.CreatedAt,
			EvaluatorUnit: evaluatorUnit(e.EvaluatorUnitID, e.EvaluatorUnitKind, e.EvaluatorUnitCode, e.EvaluatorUnitName)}
	}
	return toModel(r), out, nil
}
