package httpapi_test

import (
	"net/http"
	"slices"
	"testing"
	"time"
)

// rvEvaluation is an evaluation with its kind and reviewing unit.
type rvEvaluation struct {
	mdlEvaluation
	Kind          string      `json:"kind"`
	EvaluatorUnit *nomUnitRef `json:"evaluator_unit"`
}

// rvModel is a model with its reviewer evaluations.
type rvModel struct {
	mdlModel
	ReviewerEvaluations []rvEvaluation `json:"reviewer_evaluations"`
}

// TestModelReviewerEvaluations reproduces issue #17 item 8: models are evaluated by month, and
// the level above (the committee above, the bloc's propaganda office) records its own evaluation
// of a model's quality, kept apart from the unit's self-evaluation and read by both sides with
// who, when and which unit. The refusals: the unit's own officers 403, readers outside its
// ancestors 404, the same period twice 409, a period not begun or of another year 422.
func TestModelReviewerEvaluations(t *testing.T) {
	t.Parallel()
	e, clock, year := nomEnv(t)
	clock.set(nomHanoi(year, time.May, 10, 10, 0))
	m := e.mdlAt("Mỗi tháng một việc tốt vì dân", year, "in_progress")
	review := func(user string, body map[string]any) resp {
		return e.do(req{Method: "POST", Path: mdlPath(m.ID, "reviewer-evaluations"), User: user, Body: body})
	}
	// Monthly self-evaluations beside the quarter's.
	for _, p := range []string{"M03", "M04", "Q1"} {
		e.must(http.StatusCreated, req{Method: "POST", Path: mdlPath(m.ID, "evaluations"), User: mdlSec,
			Body: mdlEval(p, "good", map[string]any{"name": "Số việc tốt", "unit": "việc", "value": 3})})
	}
	problem(t, e.do(req{Method: "POST", Path: mdlPath(m.ID, "evaluations"), User: mdlSec, Body: mdlEval("M04", "fair")}), http.StatusConflict, "duplicate")
	mdlWantFields(t, problem(t, e.do(req{Method: "POST", Path: mdlPath(m.ID, "evaluations"), User: mdlSec, Body: mdlEval("M06", "fair")}),
		http.StatusUnprocessableEntity, "validation"), "/period")

	// The bloc's office (two levels up) and the committee above review; each once a period.
	var byBloc, byCommittee rvEvaluation
	body := mdlEval("Q1", "excellent", map[string]any{"name": "Số việc tốt", "unit": "việc", "value": 99})
	body["note"] = "Khảo sát tại chi bộ: mô hình lan tỏa tốt."
	must := func(r resp, v any) {
		t.Helper()
		if r.Status != http.StatusCreated {
			t.Fatalf("reviewer evaluation: %d %s", r.Status, r.Body)
		}
		r.Decode(t, v)
	}
	must(review("bloc.officer", body), &byBloc)
	must(review(mdlOfficer, mdlEval("Q1", "fair")), &byCommittee)
	if byBloc.Kind != "reviewer" || byBloc.EvaluatorUnit == nil || byBloc.EvaluatorUnit.Code != "KHOI-CQDN" || byBloc.Period != "Q1" ||
		byBloc.Year != year || byBloc.EvaluatorName == "" || byBloc.Note != "Khảo sát tại chi bộ: mô hình lan tỏa tốt." {
		t.Fatalf("the bloc's evaluation %+v", byBloc)
	}
	if byCommittee.EvaluatorUnit == nil || byCommittee.EvaluatorUnit.Code != "DU-SCT" {
		t.Fatalf("the committee's evaluation %+v", byCommittee)
	}
	problem(t, review("bloc.officer", mdlEval("Q1", "good")), http.StatusConflict, "duplicate")
	must(review("bloc.officer", mdlEval("M05", "poor")), &rvEvaluation{}) // later than any self-evaluation
	// Refusals: the unit's own officers (they self-evaluate), members, inspectors 403; outside
	// the model's ancestors 404; periods not begun and other years 422; bad bodies 400.
	problem(t, review(mdlSec, mdlEval("Q2", "good")), http.StatusForbidden, "forbidden")
	problem(t, review(mdlMember, mdlEval("Q2", "good")), http.StatusForbidden, "forbidden")
	problem(t, review("inspector", mdlEval("Q2", "good")), http.StatusForbidden, "forbidden")
	problem(t, review("cell.secretary2", mdlEval("Q2", "good")), http.StatusNotFound, "not_found")
	mdlWantFields(t, problem(t, review("bloc.officer", mdlEval("Q3", "good")), http.StatusUnprocessableEntity, "validation"), "/period")
	other := mdlEval("Q2", "good")
	other["year"] = year - 1
	mdlWantFields(t, problem(t, review("bloc.officer", other), http.StatusUnprocessableEntity, "validation"), "/year")
	problem(t, review("bloc.officer", mdlEval("M13", "good")), http.StatusBadRequest, "validation")
	sct := e.mdlDriveAs(mdlOfficer, "bloc.officer", e.mdlCreate(mdlOfficer, "DU-SCT", mdlBody("Mô hình của Đảng ủy", year)), "in_progress")
	problem(t, e.do(req{Method: "POST", Path: mdlPath(sct.ID, "reviewer-evaluations"), User: mdlOfficer, Body: mdlEval("Q2", "good")}),
		http.StatusForbidden, "forbidden")
	e.must(http.StatusCreated, req{Method: "POST", Path: mdlPath(sct.ID, "reviewer-evaluations"), User: "bloc.officer", Body: mdlEval("Q2", "good")})
	approved := e.mdlAt("Mô hình chưa triển khai", year, "approved")
	problem(t, e.do(req{Method: "POST", Path: mdlPath(approved.ID, "reviewer-evaluations"), User: "bloc.officer", Body: mdlEval("Q1", "good")}),
		http.StatusConflict, "invalid_transition")

	// Both sides read both: the model's read and its evaluations, with who, when and which unit.
	// The figures and the latest rating stay the unit's own.
	for _, u := range []string{mdlSec, mdlMember, mdlOfficer, "bloc.officer"} {
		got := call[rvModel](e, http.StatusOK, req{Method: "GET", Path: mdlPath(m.ID), User: u})
		var units []string
		for _, r := range got.ReviewerEvaluations {
			if r.Kind != "reviewer" || r.EvaluatorUnit == nil || r.CreatedAt == "" || r.EvaluatorName == "" {
				t.Fatalf("%s: reviewer evaluation %+v", u, r)
			}
			units = append(units, r.EvaluatorUnit.Code+"/"+r.Period)
		}
		if !slices.Equal(units, []string{"KHOI-CQDN/Q1", "DU-SCT/Q1", "KHOI-CQDN/M05"}) {
			t.Fatalf("%s: reviewer evaluations %v", u, units)
		}
		if got.LatestRating == nil || *got.LatestRating != "good" || slices.Contains(got.AllowedActions, "evaluate") != (u == mdlSec || u == mdlOfficer) {
			t.Fatalf("%s: latest rating %v, actions %v", u, got.LatestRating, got.AllowedActions)
		}
		if len(got.Figures) != 1 || len(got.Figures[0].Points) != 3 {
			t.Fatalf("%s: figures %+v (the reviewers' 99 is not the unit's figure)", u, got.Figures)
		}
		for _, p := range got.Figures[0].Points {
			if p.Value != 3 {
				t.Fatalf("%s: figures %+v", u, got.Figures)
			}
		}
		var l struct{ Items []rvEvaluation }
		e.must(http.StatusOK, req{Method: "GET", Path: mdlPath(m.ID, "evaluations"), User: u}).Decode(t, &l)
		var all []string
		for _, x := range l.Items {
			all = append(all, x.Kind+"/"+x.Period)
		}
		if want := []string{"self/M03", "self/Q1", "reviewer/Q1", "reviewer/Q1", "self/M04", "reviewer/M05"}; !slices.Equal(all, want) {
			t.Fatalf("%s: evaluations %v, want %v", u, all, want)
		}
	}
	// allowed_actions offers appraise to the levels above only.
	for u, want := range map[string]bool{mdlSec: false, mdlMember: false, mdlOfficer: true, "bloc.officer": true, "admin": true} {
		if got := slices.Contains(e.mdlGet(u, m.ID).AllowedActions, "appraise"); got != want {
			t.Errorf("%s offered appraise: %v", u, got)
		}
	}
	// Audited as model.appraise with the reviewing unit.
	var found bool
	for _, ev := range e.mdlAudit("CB-VP", m.ID) {
		found = found || ev.Action == "model.appraise"
	}
	if !found {
		t.Error("no model.appraise in the audit trail")
	}
}

// TestDemoShowsMonthlyAndReviewerEvaluations: the demo's "Nụ cười công sở" at CB-VP is reviewed
// monthly (January to March, then the quarter) and the bloc's propaganda office evaluated its
// first quarter; its secretary is asked for this month's evaluation.
func TestDemoShowsMonthlyAndReviewerEvaluations(t *testing.T) {
	t.Parallel()
	e, clock, year := nomEnv(t) // the demo is loaded on 15 June
	smile := e.mdlDemo("CB-VP", "Nụ cười công sở")
	got := call[rvModel](e, http.StatusOK, req{Method: "GET", Path: mdlPath(smile.ID), User: mdlSec})
	if len(got.ReviewerEvaluations) != 1 || got.ReviewerEvaluations[0].EvaluatorUnit == nil ||
		got.ReviewerEvaluations[0].EvaluatorUnit.Code != "KHOI-CQDN" || got.ReviewerEvaluations[0].Period != "Q1" ||
		got.ReviewerEvaluations[0].EvaluatorName != "Ban Tuyên giáo Đảng ủy Khối" || got.LatestRating == nil || *got.LatestRating != "good" {
		t.Fatalf("the demo's reviewer evaluation %+v (latest %v)", got.ReviewerEvaluations, got.LatestRating)
	}
	var l struct{ Items []rvEvaluation }
	e.must(http.StatusOK, req{Method: "GET", Path: mdlPath(smile.ID, "evaluations"), User: mdlMember}).Decode(t, &l)
	var all []string
	for _, x := range l.Items {
		all = append(all, x.Kind+"/"+x.Period)
	}
	if want := []string{"self/M01", "self/M02", "self/M03", "self/Q1", "reviewer/Q1"}; !slices.Equal(all, want) {
		t.Fatalf("the demo's evaluations %v, want %v", all, want)
	}
	clock.set(nomHanoi(year, time.July, 5, 10, 0))
	var periods []string
	for _, tk := range e.dutyTasks(mdlSec, "evaluate_model") {
		if tk.ResourceID == smile.ID {
			periods = append(periods, *tk.Period)
		}
	}
	if want := []string{"H1", "M06", "M07"}; !slices.Equal(slicesSorted(periods), want) {
		t.Fatalf("the demo model's evaluations due in July %v, want %v", periods, want)
	}
}

func slicesSorted(s []string) []string { out := slices.Clone(s); slices.Sort(out); return out }
