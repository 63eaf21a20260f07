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

// modelViewSQL reads a model, its unit, its latest rating, its self-evaluations' year, period
// and metrics, and its reviewer evaluations in full (each as one JSON array, oldest first) in
// one statement: a GET of a model is one round trip to the database, not one per table, and its
// columns are scanned by position rather than by GORM's reflection (the two were over half of a
// GET's CPU, measured: docs/benchmarks.md). Of the self-evaluations only what the answer's
// figures are made of is aggregated: building and decoding their other fields was a tenth of the
// service's CPU in a GET and work for Postgres too (#16). Reviewer evaluations (#17 item 8) are
// few and shown whole.
const modelViewSQL = `SELECT ` + modelColumns + `,
  COALESCE((SELECT json_agg(json_build_object('year', e.year, 'period', e.period, 'metrics', e.metrics)
      ORDER BY e.year, e.created_at)
    FROM model_evaluations e WHERE e.model_id = models.id AND e.kind = 'self'), '[]'),
  COALESCE((SELECT json_agg(json_build_object('id', e.id, 'unit_id', e.unit_id, 'bloc_id', e.bloc_id, 'year', e.year,
      'period', e.period, 'awareness', e.awareness, 'attitude', e.attitude, 'action', e.action, 'metrics', e.metrics,
      'rating', e.rating, 'note', e.note, 'evaluator_id', e.evaluator_id, 'evaluator_name', e.evaluator_name,
      'evaluator_unit_id', e.evaluator_unit_id, 'evaluator_unit_kind', eu.kind, 'evaluator_unit_code', eu.code,
      'evaluator_unit_name', eu.name, 'created_at', e.created_at) ORDER BY e.year, e.created_at)
    FROM model_evaluations e LEFT JOIN units eu ON eu.id = e.evaluator_unit_id
    WHERE e.model_id = models.id AND e.kind = 'reviewer'), '[]')
FROM models JOIN units u ON u.id = models.unit_id
WHERE models.id = $1`

// metricsJSON is a self-evaluation as modelViewSQL aggregates it.
type metricsJSON struct {
	Year    int            `json:"year"`
	Period  string         `json:"period"`
	Metrics []model.Metric `json:"metrics"`
}

// reviewJSON is a reviewer evaluation as modelViewSQL aggregates it.
type reviewJSON struct {
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
	// The reviewing unit (null for an administrator's review).
	EvaluatorUnitID   *uuid.UUID `json:"evaluator_unit_id"`
	EvaluatorUnitKind *string    `json:"evaluator_unit_kind"`
	EvaluatorUnitCode *string    `json:"evaluator_unit_code"`
	EvaluatorUnitName *string    `json:"evaluator_unit_name"`
	CreatedAt         time.Time  `json:"created_at"`
}

// GetModelWithMetrics returns the model with id and its evaluations, oldest first, in one
// statement, for reading (changes lock the row through GetModel). The model comes as a list
// has it (model.Listed): its reasons and measures as their stored JSON, which is the API's
// shape, for the answer to copy rather than decode and encode again (#16). Self-evaluations
// carry only their model, kind, year, period and metrics (what model.Figures reads); reviewer
// evaluations come whole, with their reviewing unit, after them.
func (s *Store) GetModelWithMetrics(ctx context.Context, id uuid.UUID) (model.Listed, []model.Evaluation, error) {
	var r modelRow
	var selfs, reviews []byte
	err := s.queryRow(ctx, modelViewSQL, id).Scan(append(modelFields(&r), &selfs, &reviews)...)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Listed{}, nil, apperr.ErrNotFound
	}
	if err != nil {
		return model.Listed{}, nil, wrap(err, "get model %s with its metrics", id)
	}
	var metrics []metricsJSON
	if err := json.Unmarshal(selfs, &metrics); err != nil {
		return model.Listed{}, nil, wrap(err, "decode the metrics of model %s", id)
	}
	var reviewed []reviewJSON
	if err := json.Unmarshal(reviews, &reviewed); err != nil {
		return model.Listed{}, nil, wrap(err, "decode the reviewer evaluations of model %s", id)
	}
	out := make([]model.Evaluation, 0, len(metrics)+len(reviewed))
	for _, e := range metrics {
		if e.Metrics == nil {
			e.Metrics = []model.Metric{}
		}
		out = append(out, model.Evaluation{ModelID: id, Kind: model.SelfEvaluation, Year: e.Year, Period: model.Period(e.Period), Metrics: e.Metrics})
	}
	for _, e := range reviewed {
		if e.Metrics == nil {
			e.Metrics = []model.Metric{}
		}
		out = append(out, model.Evaluation{ID: e.ID, ModelID: id, UnitID: e.UnitID, BlocID: e.BlocID, Year: e.Year, Period: model.Period(e.Period),
			Awareness: e.Awareness, Attitude: e.Attitude, Action: e.Action, Metrics: e.Metrics, Rating: model.Rating(e.Rating),
			Note: e.Note, EvaluatorID: e.EvaluatorID, EvaluatorName: e.EvaluatorName, Kind: model.ReviewerEvaluation, CreatedAt: e.CreatedAt,
			EvaluatorUnit: evaluatorUnit(e.EvaluatorUnitID, e.EvaluatorUnitKind, e.EvaluatorUnitCode, e.EvaluatorUnitName)})
	}
	return model.Listed{Model: modelOf(&r), ReasonsJSON: r.NecessityReasons, MeasuresJSON: r.Measures}, out, nil
}
