package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/model"
)

// modelViewSQL reads a model, its unit, its latest rating and its evaluations' year, period and
// metrics (as one JSON array, oldest first) in one statement: a GET of a model is one round trip
// to the database, not one per table, and its columns are scanned by position rather than by
// GORM's reflection (the two were over half of a GET's CPU, measured: docs/benchmarks.md). Only
// what the answer's figures are made of is aggregated: building and decoding the evaluations'
// other fields was a tenth of the service's CPU in a GET and work for Postgres too (#16).
const modelViewSQL = `SELECT ` + modelColumns + `,
  COALESCE((SELECT json_agg(json_build_object('year', e.year, 'period', e.period, 'metrics', e.metrics)
      ORDER BY e.year, e.created_at)
    FROM model_evaluations e WHERE e.model_id = models.id), '[]')
FROM models JOIN units u ON u.id = models.unit_id
WHERE models.id = $1`

// metricsJSON is an evaluation as modelViewSQL aggregates it.
type metricsJSON struct {
	Year    int            `json:"year"`
	Period  string         `json:"period"`
	Metrics []model.Metric `json:"metrics"`
}

// GetModelWithMetrics returns the model with id and its evaluations, oldest first, in one
// statement, for reading (changes lock the row through GetModel). The evaluations carry only
// their model, year, period and metrics: what model.Figures reads.
func (s *Store) GetModelWithMetrics(ctx context.Context, id uuid.UUID) (model.Model, []model.Evaluation, error) {
	var r modelRow
	var evals []byte
	err := s.db(ctx).Raw(modelViewSQL, id).Row().Scan(append(modelFields(&r), &evals)...)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Model{}, nil, apperr.ErrNotFound
	}
	if err != nil {
		return model.Model{}, nil, wrap(err, "get model %s with its metrics", id)
	}
	var rows []metricsJSON
	if err := json.Unmarshal(evals, &rows); err != nil {
		return model.Model{}, nil, wrap(err, "decode the metrics of model %s", id)
	}
	out := make([]model.Evaluation, len(rows))
	for i, e := range rows {
		if e.Metrics == nil {
			e.Metrics = []model.Metric{}
		}
		out[i] = model.Evaluation{ModelID: id, Year: e.Year, Period: model.Period(e.Period), Metrics: e.Metrics}
	}
	return toModel(r), out, nil
}
