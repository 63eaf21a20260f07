package model

import (
	"fmt"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
)

// Period is what an evaluation covers.
type Period string

// The periods of Hướng dẫn BTG ĐUK 2021–2025 §II(4) (docs/sources.md): quarters, the first
// half-year, the year; and the months (M01…M12) of Kế hoạch 185-KH/ĐU §II.4 ("định kỳ hằng
// tháng, quý, năm đánh giá tiến độ"), for the models reviewed monthly.
const (
	Q1       Period = "Q1"
	Q2       Period = "Q2"
	Q3       Period = "Q3"
	Q4       Period = "Q4"
	H1       Period = "H1"
	FullYear Period = "year"
)

// Month is the period of month m (1–12): M01…M12.
func Month(m time.Month) Period {
	if m < time.January || m > time.December {
		return ""
	}
	return Period(fmt.Sprintf("M%02d", int(m)))
}

// Quarter is the period of quarter q (1–4).
func Quarter(q int) Period { return [...]Period{"", Q1, Q2, Q3, Q4}[max(0, min(q, 4))] }

// month returns the month of a monthly period, 0 for the others.
func (p Period) month() time.Month {
	if len(p) != 3 || p[0] != 'M' || p[1] < '0' || p[1] > '1' || p[2] < '0' || p[2] > '9' {
		return 0
	}
	m := time.Month(int(p[1]-'0')*10 + int(p[2]-'0'))
	if m < time.January || m > time.December {
		return 0
	}
	return m
}

// Monthly reports whether p is a month.
func (p Period) Monthly() bool { return p.month() != 0 }

// order sorts periods within a year: each month before the quarter it closes, the half-year
// after Q2, the year last (migration 0019's period_rank is the same order, for SQL).
func (p Period) order() int {
	if m := int(p.month()); m != 0 {
		r := m + (m-1)/3 // one rank for each quarter closed before it
		if m > 6 {
			r++ // and the half-year
		}
		return r
	}
	switch p {
	case Q1:
		return 4
	case Q2:
		return 8
	case H1:
		return 9
	case Q3:
		return 13
	case Q4:
		return 17
	case FullYear:
		return 18
	}
	return 0
}

// Dates are the first and last civil days of p in year (zero times for an unknown period).
func (p Period) Dates(year int) (from, to time.Time) {
	day := func(m time.Month, d int) time.Time { return time.Date(year, m, d, 0, 0, 0, 0, time.UTC) }
	if m := p.month(); m != 0 {
		return day(m, 1), day(m+1, 0)
	}
	switch p {
	case Q1, Q2, Q3, Q4:
		first := time.Month(3*(int(p[1]-'0')-1) + 1)
		return day(first, 1), day(first+3, 0)
	case H1:
		return day(time.January, 1), day(time.June, 30)
	case FullYear:
		return day(time.January, 1), day(time.December, 31)
	}
	return time.Time{}, time.Time{}
}

// Label names p of year in Vietnamese, as a task's title says it: "tháng 3/2026", "quý I/2026",
// "6 tháng đầu năm 2026", "năm 2026".
func (p Period) Label(year int) string {
	y := strconv.Itoa(year)
	if m := p.month(); m != 0 {
		return "tháng " + strconv.Itoa(int(m)) + "/" + y
	}
	switch p {
	case Q1, Q2, Q3, Q4:
		return "quý " + [...]string{"I", "II", "III", "IV"}[p[1]-'1'] + "/" + y
	case H1:
		return "6 tháng đầu năm " + y
	}
	return "năm " + y
}

// EvaluationKind says whose evaluation it is.
type EvaluationKind string

// The kinds of evaluation.
const (
	// SelfEvaluation is the unit's own evaluation of its model (Hướng dẫn BTG ĐUK 2021–2025
	// §II(4)), by its drafters or recorded for it by the unit above.
	SelfEvaluation EvaluationKind = "self"
	// ReviewerEvaluation is the quality evaluation of the level above (§IV.3: the bloc's
	// propaganda office "khảo sát, kiểm tra đánh giá chất lượng các mô hình"), by an officer of
	// a unit above the model's.
	ReviewerEvaluation EvaluationKind = "reviewer"
)

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
	Kind          EvaluationKind
	// EvaluatorUnit is the reviewing unit of a reviewer evaluation (nil for self-evaluations and
	// for an administrator's).
	EvaluatorUnit *org.Ref
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
	c.Check(in.Period.order() > 0, "/period", "must be Q1–Q4, H1, year or a month M01–M12")
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

// Figures gathers the metrics of the self-evaluations among evals (in any order) into series by
// metric name, each in period order, the series in the order their metric first appears: the
// model's figures are the unit's own, a reviewer's evaluation is shown beside them.
func Figures(evals []Evaluation) []Series {
	sorted := slices.DeleteFunc(append([]Evaluation(nil), evals...), func(e Evaluation) bool { return e.Kind == ReviewerEvaluation })
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
