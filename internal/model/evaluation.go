package model

import (
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/textnorm"
)

// Period is what an evaluation covers.
type Period string

// The periods of Hướng dẫn BTG ĐUK 2021–2025 §II(4) (docs/sources.md): quarters, the first
// half-year, the year.
const (
	Q1       Period = "Q1"
	Q2       Period = "Q2"
	Q3       Period = "Q3"
	Q4       Period = "Q4"
	H1       Period = "H1"
	FullYear Period = "year"
)

// order sorts periods within a year: a half-year after Q2, the year last.
func (p Period) order() int {
	switch p {
	case Q1:
		return 1
	case Q2:
		return 2
	case H1:
		return 3
	case Q3:
		return 4
	case Q4:
		return 5
	case FullYear:
		return 6
	}
	return 0
}

// Rating is an evaluation's verdict.
type Rating string

// The ratings.
const (
	Excellent Rating = "excellent"
	Good      Rating = "good"
	Fair      Rating = "fair"
	Poor      Rating = "poor"
)

func (r Rating) valid() bool { return r == Excellent || r == Good || r == Fair || r == Poor }

// Metric is a concrete figure of an evaluation: what, in which unit, before and now.
type Metric struct {
	Name     string   `json:"name"`
	Unit     string   `json:"unit"`
	Baseline *float64 `json:"baseline,omitempty"`
	Value    float64  `json:"value"`
}

// Evaluation is the review of a model's effect over a period (Hướng dẫn BTG ĐUK 2021–2025
// §II(4), docs/sources.md): changes in awareness, attitude and action, and figures.
type Evaluation struct {
	ID            uuid.UUID
	ModelID       uuid.UUID
	UnitID        uuid.UUID
	BlocID        uuid.UUID
	Year          int
	Period        Period
	Awareness     string
	Attitude      string
	Action        string
	Metrics       []Metric
	Rating        Rating
	Note          string
	EvaluatorID   *uuid.UUID
	EvaluatorName string
	CreatedAt     time.Time
}

// EvaluationInput is an evaluation as a client writes it.
type EvaluationInput struct {
	Year      *int
	Period    Period
	Awareness string
	Attitude  string
	Action    string
	Metrics   []Metric
	Rating    Rating
	Note      string
}

// normalize cleans and checks the input.
func (in *EvaluationInput) normalize(now time.Time) error {
	in.Awareness, in.Attitude, in.Action, in.Note = textnorm.Clean(in.Awareness), textnorm.Clean(in.Attitude),
		textnorm.Clean(in.Action), textnorm.Clean(in.Note)
	var c apperr.Checker
	c.Check(in.Period.order() > 0, "/period", "must be Q1–Q4, H1 or year")
	c.Check(in.Rating.valid(), "/rating", "must be excellent, good, fair or poor")
	if in.Year != nil {
		checkYear(&c, "/year", *in.Year, now)
	}
	if in.Metrics == nil {
		in.Metrics = []Metric{}
	}
	for i := range in.Metrics {
		m := &in.Metrics[i]
		m.Name, m.Unit = textnorm.Clean(m.Name), textnorm.Clean(m.Unit)
		c.Check(m.Name != "" && utf8.RuneCountInString(m.Name) <= 255, "/metrics/"+strconv.Itoa(i)+"/name", "must be 1–255 characters")
	}
	return c.Err()
}

// Series is one figure of a model's evaluations over time, for its page.
type Series struct {
	Name     string
	Unit     string
	Baseline *float64
	Points   []Point
}

// Point is one value of a series.
type Point struct {
	Year   int
	Period Period
	Value  float64
}

// Figures gathers the metrics of evaluations (in any order) into series by metric name, each in
// period order, the series in the order their metric first appears.
func Figures(evals []Evaluation) []Series {
	sorted := append([]Evaluation(nil), evals...)
	sortEvaluations(sorted)
	index := map[string]int{}
	out := []Series{}
	for _, e := range sorted {
		for _, m := range e.Metrics {
			i, ok := index[m.Name]
			if !ok {
				i = len(out)
				index[m.Name] = i
				out = append(out, Series{Name: m.Name, Unit: m.Unit, Baseline: m.Baseline, Points: []Point{}})
			}
			if out[i].Baseline == nil {
				out[i].Baseline = m.Baseline
			}
			out[i].Points = append(out[i].Points, Point{Year: e.Year, Period: e.Period, Value: m.Value})
		}
	}
	return out
}

// sortEvaluations orders evaluations by year, then period.
func sortEvaluations(evals []Evaluation) {
	slices.SortStableFunc(evals, func(a, b Evaluation) int {
		if a.Year != b.Year {
			return a.Year - b.Year
		}
		return a.Period.order() - b.Period.order()
	})
}
