package httpapi_test

import (
	"fmt"
	"slices"
	"testing"
)

// TestReportFiguresCoverEveryYearOfTheRound reproduces issue #17 item 1: a custom round over
// two years (the three-year review of Kết luận 01-KL/TW asks for such periods) counted only the
// models of round.year. The figures now count every year the round's dates touch, the
// evaluations of every period lying inside its dates, and say which years they cover.
func TestReportFiguresCoverEveryYearOfTheRound(t *testing.T) {
	t.Parallel()
	e, _, year := rptEnv(t)
	vp := e.units["CB-VP"].String()
	models := func(years ...int) int {
		return e.count("models", "unit_id = $1 AND year = ANY($2::int[])", vp, fmt.Sprintf("{%s}", joinInts(years)))
	}
	// The figures count the units' own evaluations of the report periods (quarters, half-year,
	// year): not the monthly reviews nor the reviewers' evaluations (issue #17 item 8).
	evals := func(where string, args ...any) int {
		return e.count("model_evaluations ev JOIN models m ON m.id = ev.model_id",
			"m.unit_id = $1 AND ev.kind = 'self' AND ev.period NOT LIKE 'M%' AND "+where, append([]any{vp}, args...)...)
	}
	if models(year-1) == 0 || models(year) == 0 {
		t.Fatalf("the demo needs CB-VP models in %d and %d", year-1, year)
	}

	open := func(from, to string) rptReport {
		round := e.rptOpen("bloc.officer", "KHOI-CQDN", map[string]any{"title": "Sơ kết " + from + " – " + to, "year": year,
			"period": "custom", "from": from, "to": to, "due_on": fmt.Sprintf("%d-12-31", year), "levels": []string{"cell"}})
		return e.rptGet("cell.secretary", e.rptReports(round.ID)["CB-VP"].ID)
	}

	// Two whole years: both years' models, every evaluation of both years.
	two := open(fmt.Sprintf("%d-01-01", year-1), fmt.Sprintf("%d-12-31", year))
	if !slices.Equal(two.Figures.Years, []int{year - 1, year}) {
		t.Fatalf("two-year round covers %v", two.Figures.Years)
	}
	if want := models(year-1, year); two.Figures.ModelsTotal != want || want <= models(year) {
		t.Fatalf("two-year round counts %d models, want %d (more than the %d of %d alone)", two.Figures.ModelsTotal, want, models(year), year)
	}
	if want := evals("ev.year IN ($2, $3)", year-1, year); two.Figures.EvaluationsTotal != want {
		t.Fatalf("two-year round counts %d evaluations, want %d", two.Figures.EvaluationsTotal, want)
	}

	// July to June: both years' models, but only the evaluation periods lying inside the dates
	// (last year's H1 and year reviews, and this year's year review, are outside).
	straddle := open(fmt.Sprintf("%d-07-01", year-1), fmt.Sprintf("%d-06-30", year))
	if !slices.Equal(straddle.Figures.Years, []int{year - 1, year}) || straddle.Figures.ModelsTotal != models(year-1, year) {
		t.Fatalf("July–June round: years %v, %d models", straddle.Figures.Years, straddle.Figures.ModelsTotal)
	}
	want := evals("((ev.year = $2 AND ev.period IN ('Q3', 'Q4')) OR (ev.year = $3 AND ev.period IN ('Q1', 'Q2', 'H1')))", year-1, year)
	if straddle.Figures.EvaluationsTotal != want || want >= two.Figures.EvaluationsTotal {
		t.Fatalf("July–June round counts %d evaluations, want %d (fewer than %d)", straddle.Figures.EvaluationsTotal, want, two.Figures.EvaluationsTotal)
	}

	// A preset round still covers its own year only, and says so.
	h1 := e.rptOpen("bloc.officer", "KHOI-CQDN", rptH1(year, "cell"))
	got := e.rptGet("cell.secretary", e.rptReports(h1.ID)["CB-VP"].ID)
	if !slices.Equal(got.Figures.Years, []int{year}) || got.Figures.ModelsTotal != models(year) {
		t.Fatalf("H1 round: years %v, %d models (want %d)", got.Figures.Years, got.Figures.ModelsTotal, models(year))
	}
}

func joinInts(xs []int) string {
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += ","
		}
		s += fmt.Sprint(x)
	}
	return s
}
