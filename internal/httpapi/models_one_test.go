package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/api"
	"lamtheobac/internal/model"
	"lamtheobac/internal/org"
)

// TestModelJSONIsTheGeneratedOne: the hand-written answer to GET of a model is, byte for byte
// and header for header, what the generated GetModel200JSONResponse writes for the same model
// when its stored JSON is what Go writes, and means the same when it is jsonb's text; with and
// without figures (a baseline present and absent, values encoding/json writes in both of its
// float forms) and reviewer evaluations (none, some, and left out).
func TestModelJSONIsTheGeneratedOne(t *testing.T) {
	models, actions := listFixture()
	three, tiny, huge := 3.0, 1e-7, 2.5e21
	figures := []model.Series{
		{Name: "Số người <tham gia>", Unit: "người", Baseline: &three, Points: []model.Point{{Year: 2025, Period: model.Q1, Value: 12}, {Year: 2025, Period: "H1", Value: 12.75}}},
		{Name: "Tỉ lệ & \"mức\"", Unit: "%", Points: []model.Point{{Year: 2026, Period: "year", Value: tiny}, {Year: 2026, Period: "Q4", Value: huge}}},
	}
	unit, user := org.Ref{ID: uuid.New(), Kind: org.Bloc, Code: "VB", Name: "Khối <Văn phòng>"}, uuid.New()
	at := time.Date(2026, 4, 1, 8, 0, 0, 5000, time.UTC)
	reviews := []model.Evaluation{
		{ID: uuid.New(), ModelID: models[0].ID, UnitID: models[0].UnitID, BlocID: unit.ID, Year: 2025, Period: "year", Awareness: "Tốt",
			Attitude: "Tích cực & <rõ>", Action: "Làm", Metrics: []model.Metric{{Name: "Số", Unit: "việc", Baseline: &three, Value: 4}},
			Rating: model.Excellent, Note: "Ghi chú\n", EvaluatorID: &user, EvaluatorName: "Cán bộ", Kind: model.ReviewerEvaluation,
			CreatedAt: at, EvaluatorUnit: &unit},
		{ID: uuid.New(), ModelID: models[0].ID, Year: 2026, Period: model.Q1, Metrics: []model.Metric{}, Rating: model.Rating("fair"),
			EvaluatorName: "Quản trị", Kind: model.ReviewerEvaluation, CreatedAt: at},
	}
	for _, m := range models {
		for _, f := range [][]model.Series{{}, figures} {
			for _, rs := range [][]model.Evaluation{nil, {}, reviews} {
				m.Reviews = rs
				generated := toAPIModel(t.Context(), nil, m, f)
				generated.AllowedActions = actions(m)
				want := httptest.NewRecorder()
				if err := apiGetModel200(generated, m.Version).VisitGetModelResponse(want); err != nil {
					t.Fatal(err)
				}
				stored := storedAsGo(t, m)
				one, err := encodeModelOne(&stored, actions(m), f)
				if err != nil {
					t.Fatal(err)
				}
				got := httptest.NewRecorder()
				if err := one.VisitGetModelResponse(got); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
					t.Fatalf("the model differs from the generated one:\n got %s\nwant %s", got.Body, want.Body)
				}
				if !reflect.DeepEqual(got.Header(), want.Header()) || got.Code != want.Code {
					t.Fatalf("headers %v (%d), want %v (%d)", got.Header(), got.Code, want.Header(), want.Code)
				}
				spaced := model.Listed{Model: stored.Model, ReasonsJSON: jsonbText(t, stored.ReasonsJSON), MeasuresJSON: jsonbText(t, stored.MeasuresJSON)}
				one, err = encodeModelOne(&spaced, actions(m), f)
				if err != nil {
					t.Fatal(err)
				}
				var a, b any
				if err := json.Unmarshal(one.body, &a); err != nil {
					t.Fatalf("not JSON: %v\n%s", err, one.body)
				}
				_ = json.Unmarshal(want.Body.Bytes(), &b)
				if !reflect.DeepEqual(a, b) {
					t.Fatalf("the model from jsonb's text means something else:\n got %s\nwant %s", one.body, want.Body)
				}
			}
		}
	}
}

// apiGetModel200 is the generated answer to GET of a model.
func apiGetModel200(m api.Model, version int64) api.GetModel200JSONResponse {
	return api.GetModel200JSONResponse{ModelOneJSONResponse: api.ModelOneJSONResponse{Body: m, Headers: api.ModelOneResponseHeaders{ETag: etag(version)}}}
}
