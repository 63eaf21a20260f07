package httpapi

import (
	"encoding/json"
	"fmt"
	"net/http"

	"lamtheobac/api"
	"lamtheobac/internal/model"
)

// A model's answer to GET is written as the list writes its items (models_list.go), issue #16:
// decoding its stored reasons and measures only to encode them again, and the reflective
// encoding of the whole answer, were a fifth of the request's CPU in the process after the
// database. Its figures and reviewer evaluations, small and rarely present, are encoded by
// encoding/json from their api types, so what they hold is written as the generated response
// writes it (TestModelJSONIsTheGeneratedOne).

// modelOneJSON is a 200 answer to GetModel: a Model, encoded, and its ETag.
type modelOneJSON struct {
	body []byte
	etag string
}

// VisitGetModelResponse writes the answer as the generated GetModel200JSONResponse does.
func (r modelOneJSON) VisitGetModelResponse(w http.ResponseWriter) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("ETag", r.etag)
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(r.body)
	return err
}

// encodeModelOne writes the answer to GET of m, with the caller's allowed actions and its
// figures.
func encodeModelOne(m *model.Listed, actions []string, figures []model.Series) (modelOneJSON, error) {
	var figs, reviews []byte
	var err error
	if len(figures) > 0 {
		if figs, err = json.Marshal(toAPIFigureSeries(figures)); err != nil {
			return modelOneJSON{}, fmt.Errorf("encode the figures of model %s: %w", m.ID, err)
		}
	}
	if m.Reviews != nil {
		reviews = []byte(`[]`)
		if len(m.Reviews) > 0 {
			if reviews, err = json.Marshal(toAPIEvaluations(m.Reviews)); err != nil {
				return modelOneJSON{}, fmt.Errorf("encode the reviews of model %s: %w", m.ID, err)
			}
		}
	}
	b := make([]byte, 0, 2048+len(m.LearningContent)+len(m.ReasonsJSON)+len(m.MeasuresJSON)+len(figs)+len(reviews))
	b = appendModel(b, m, actions, figs, reviews)
	return modelOneJSON{body: append(b, '\n'), etag: etag(m.Version)}, nil // json.Encoder ends its value with a newline
}

// toAPIFigureSeries are a model's figures as the API writes them.
func toAPIFigureSeries(figures []model.Series) []api.FigureSeries {
	out := make([]api.FigureSeries, len(figures))
	for i, f := range figures {
		s := api.FigureSeries{Name: f.Name, Unit: f.Unit, Baseline: f.Baseline, Points: make([]api.FigurePoint, len(f.Points))}
		for j, p := range f.Points {
			s.Points[j] = api.FigurePoint{Period: api.EvaluationPeriod(p.Period), Value: p.Value, Year: p.Year}
		}
		out[i] = s
	}
	return out
}

// toAPIEvaluations are evaluations as the API writes them.
func toAPIEvaluations(es []model.Evaluation) []api.Evaluation {
	out := make([]api.Evaluation, len(es))
	for i, e := range es {
		out[i] = toAPIEvaluation(e)
	}
	return out
}
