package httpapi_test

import (
	"bytes"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestReportRoundFlow walks a round at the bloc from opening to the bloc's acceptance: cells
// writing and submitting on time and late, a return and resubmission, committees submitting
// (refused while a cell is not accepted, or with a missing_note), consolidation, and figures
// live before submission and frozen after.
func TestReportRoundFlow(t *testing.T) {
	t.Parallel()
	e, clock, year := rptEnv(t)
	e.flatTree()

	// The bloc opens an H1 round for cells and committees: one report per unit below it.
	round := e.rptOpen("bloc.officer", "KHOI-CQDN", rptH1(year, "cell", "committee"))
	if round.Reports != 7 || !round.Open || round.Year != year || round.Period != "H1" || round.Unit.Code != "KHOI-CQDN" ||
		round.From != fmt.Sprintf("%d-01-01", year) || round.To != fmt.Sprintf("%d-06-30", year) || round.DueOn != fmt.Sprintf("%d-06-30", year) ||
		!slices.Equal(round.Levels, []string{"cell", "committee"}) {
		t.Fatalf("round %+v", round)
	}
	if n := e.count("reports", "round_id = $1", round.ID); n != 7 {
		t.Fatalf("%d reports stored, want 7", n)
	}
	if n := e.rptAudits("reporting_round.create", round.ID); n != 1 {
		t.Fatalf("%d reporting_round.create events", n)
	}
	reports := e.rptReports(round.ID)
	if got := slices.Sorted(maps.Keys(reports)); !slices.Equal(got, slices.Sorted(slices.Values(append(slices.Clone(rptCells), rptCommittees...)))) {
		t.Fatalf("reports for %v", got)
	}
	for code, r := range reports {
		if r.Status != "draft" || r.State != "missing" || r.Frozen || r.DueOn != round.DueOn || r.RoundTitle != round.Title {
			t.Fatalf("%s: fresh report %+v", code, r)
		}
	}
	// The round is listed at the bloc and below.
	var rounds struct{ Items []rptRound }
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/reporting-rounds", User: "cell.secretary"}).Decode(t, &rounds)
	if !slices.ContainsFunc(rounds.Items, func(r rptRound) bool { return r.ID == round.ID }) {
		t.Fatalf("CB-VP does not see the round: %+v", rounds.Items)
	}

	// Every cell has a secretary.
	e.rptUser("sec.qltm", "CB-QLTM", map[string]string{"cell_secretary": "CB-QLTM"})
	e.rptUser("sec.ktat", "CB-KTAT", map[string]string{"cell_secretary": "CB-KTAT"})
	e.rptUser("sec.hctp", "CB-HCTP", map[string]string{"cell_secretary": "CB-HCTP"})
	e.rptUser("officer.stp", "DU-STP", map[string]string{"committee_officer": "DU-STP"})
	writer := map[string]string{"CB-VP": "cell.secretary", "CB-QLTM": "sec.qltm", "CB-KTAT": "sec.ktat", "CB-BTTP": "cell.secretary2",
		"CB-HCTP": "sec.hctp", "DU-SCT": "committee.officer", "DU-STP": "officer.stp"}

	// Figures are live before submission: the CB-VP report counts the cell's models of the year.
	vp := e.rptGet("cell.secretary", reports["CB-VP"].ID)
	if vp.Frozen || vp.Figures.ModelsTotal == 0 || vp.Figures.StandardSource != "own" && vp.Figures.StandardSource != "adopted" &&
		vp.Figures.StandardSource != "inherited" {
		t.Fatalf("CB-VP live figures %+v", vp)
	}
	if !slices.Equal(vp.AllowedActions, []string{"update", "submit"}) {
		t.Fatalf("drafter's allowed actions %v", vp.AllowedActions)
	}

	// Each cell writes its narrative.
	for _, code := range rptCells {
		reports[code] = e.rptWrite(writer[code], reports[code])
		if n := e.rptAudits("report.update", reports[code].ID); n != 1 {
			t.Fatalf("%s: %d report.update events", code, n)
		}
	}

	// June 20: CB-VP, CB-QLTM and CB-BTTP submit on time; their figures freeze.
	for _, code := range []string{"CB-VP", "CB-QLTM", "CB-BTTP"} {
		r := e.rptStep(writer[code], reports[code], "submit", "submitted", nil)
		if !r.Frozen || r.State != "on_time" || r.SubmittedAt == nil || !slices.Equal(r.AllowedActions, []string{}) {
			t.Fatalf("%s submitted: %+v", code, r)
		}
		reports[code] = r
	}

	// June 25: the committee returns CB-QLTM; a reason is required.
	clock.set(rptHanoi(year, time.June, 25, 9, 0, 0))
	qltm := reports["CB-QLTM"]
	if got := e.rptGet("committee.officer", qltm.ID); !slices.Equal(got.AllowedActions, []string{"accept", "return"}) {
		t.Fatalf("reviewer's allowed actions %v", got.AllowedActions)
	}
	problem(t, e.do(req{Method: "POST", Path: rptPath(qltm.ID, "return"), User: "committee.officer", Header: ifMatch(qltm.Version), Body: map[string]any{}}), http.StatusUnprocessableEntity, "validation")
	problem(t, e.do(req{Method: "POST", Path: rptPath(qltm.ID, "return"), User: "committee.officer", Header: ifMatch(qltm.Version), Body: map[string]any{"reason": "  "}}), http.StatusUnprocessableEntity, "validation")
	qltm = e.rptStep("committee.officer", qltm, "return", "returned", map[string]any{"reason": "Bổ sung số liệu đánh giá."})
	if qltm.State != "returned" || qltm.StatusReason == nil || *qltm.StatusReason != "Bổ sung số liệu đánh giá." || qltm.Frozen {
		t.Fatalf("returned: %+v", qltm)
	}
	// June 26: the cell revises and resubmits, still on time.
	clock.set(rptHanoi(year, time.June, 26, 9, 0, 0))
	revised := "Kết quả của CB-QLTM, đã bổ sung số liệu."
	qltm = call[rptReport](e, http.StatusOK, req{Method: "PATCH", Path: rptPath(qltm.ID), User: "sec.qltm", Header: ifMatch(qltm.Version), Body: map[string]any{"results": revised}})
	if qltm.Narrative.Results != revised || qltm.Narrative.Lessons != "Bài học của CB-QLTM." || qltm.Status != "returned" {
		t.Fatalf("revised: %+v", qltm)
	}
	qltm = e.rptStep("sec.qltm", qltm, "submit", "submitted", nil)
	if qltm.State != "on_time" || qltm.StatusReason != nil || !qltm.Frozen {
		t.Fatalf("resubmitted: %+v", qltm)
	}
	reports["CB-QLTM"] = qltm

	// June 30, 23:59:59 in Hà Nội is still on time; 00:00:30 on July 1 is late.
	clock.set(rptHanoi(year, time.June, 30, 23, 59, 59).Add(-50 * time.Millisecond))
	reports["CB-KTAT"] = e.rptStep("sec.ktat", reports["CB-KTAT"], "submit", "submitted", nil)
	if reports["CB-KTAT"].State != "on_time" {
		t.Fatalf("submitted at 23:59:59 on the due date: %s", reports["CB-KTAT"].State)
	}
	clock.set(rptHanoi(year, time.July, 1, 0, 0, 30))
	reports["CB-HCTP"] = e.rptStep("sec.hctp", reports["CB-HCTP"], "submit", "submitted", nil)
	if reports["CB-HCTP"].State != "late" {
		t.Fatalf("submitted after the due date: %s", reports["CB-HCTP"].State)
	}

	// The frozen figures of each cell, as read back.
	frozen := map[string]rptFigures{}
	for _, code := range rptCells {
		r := e.rptGet("admin", reports[code].ID)
		if !r.Frozen || !reflect.DeepEqual(r.Figures, reports[code].Figures) {
			t.Fatalf("%s: figures read back %+v, submitted %+v", code, r.Figures, reports[code].Figures)
		}
		frozen[code] = r.Figures
	}

	// The committee accepts two of its cells; it cannot submit its own report while CB-KTAT is not accepted.
	for _, code := range []string{"CB-VP", "CB-QLTM"} {
		reports[code] = e.rptStep("committee.officer", reports[code], "accept", "accepted", nil)
	}
	sct := e.rptWrite("committee.officer", reports["DU-SCT"])
	before := e.rptAllAudits()
	p := problem(t, e.do(req{Method: "POST", Path: rptPath(sct.ID, "submit"), User: "committee.officer", Header: ifMatch(sct.Version)}), http.StatusUnprocessableEntity, "children_not_accepted")
	if detail, _ := p["detail"].(string); !strings.Contains(detail, "CB-KTAT") || strings.Contains(detail, "CB-VP") {
		t.Fatalf("children_not_accepted names %q", detail)
	}
	if n := e.rptAllAudits(); n != before {
		t.Fatalf("refused submission wrote %d audit events", n-before)
	}
	reports["CB-KTAT"] = e.rptStep("committee.officer", reports["CB-KTAT"], "accept", "accepted", nil)
	sct = e.rptStep("committee.officer", sct, "submit", "submitted", nil)
	if sct.State != "late" || !sct.Frozen || sct.MissingNote != nil {
		t.Fatalf("DU-SCT submitted: %+v", sct)
	}

	// DU-SCT's consolidation: its cells' frozen figures summed, and their narratives.
	var cons rptConsolidation
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/reports/" + sct.ID + "/consolidated", User: "bloc.officer"}).Decode(t, &cons)
	sum := rptNewFigures()
	for _, code := range []string{"CB-VP", "CB-QLTM", "CB-KTAT"} {
		sum.add(frozen[code])
	}
	if cons.ReportID != sct.ID || !reflect.DeepEqual(cons.Totals.counts(), sum.counts()) {
		t.Fatalf("DU-SCT totals %+v, want the sum of its cells %+v", cons.Totals, sum)
	}
	if sum.ModelsTotal == 0 || sum.NominationsTotal == 0 {
		t.Fatalf("trivial sum %+v", sum)
	}
	var childCodes []string
	for _, c := range cons.Children {
		childCodes = append(childCodes, c.Unit.Code)
		want := rptNarrativeFor(c.Unit.Code)
		if c.Unit.Code == "CB-QLTM" {
			want.Results = revised
		}
		if !c.Included || c.State != "accepted" || c.ReportID != reports[c.Unit.Code].ID || c.Narrative == nil || *c.Narrative != want {
			t.Fatalf("child %+v", c)
		}
	}
	if slices.Sort(childCodes); !slices.Equal(childCodes, []string{"CB-KTAT", "CB-QLTM", "CB-VP"}) {
		t.Fatalf("DU-SCT children %v", childCodes)
	}

	// DU-STP accepts CB-BTTP and submits with a note naming CB-HCTP, still waiting for review.
	reports["CB-BTTP"] = e.rptStep("officer.stp", reports["CB-BTTP"], "accept", "accepted", nil)
	stp := e.rptWrite("officer.stp", reports["DU-STP"])
	problem(t, e.do(req{Method: "POST", Path: rptPath(stp.ID, "submit"), User: "officer.stp", Header: ifMatch(stp.Version)}), http.StatusUnprocessableEntity, "children_not_accepted")
	note := "CB-HCTP nộp trễ, đang xem xét."
	stp = call[rptReport](e, http.StatusOK, req{Method: "PATCH", Path: rptPath(stp.ID), User: "officer.stp", Header: ifMatch(stp.Version), Body: map[string]any{"missing_note": note}})
	stp = e.rptStep("officer.stp", stp, "submit", "submitted", nil)
	if stp.MissingNote == nil || *stp.MissingNote != note {
		t.Fatalf("DU-STP submitted: %+v", stp)
	}
	var consSTP rptConsolidation
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/reports/" + stp.ID + "/consolidated", User: "officer.stp"}).Decode(t, &consSTP)
	sumSTP := rptNewFigures()
	sumSTP.add(frozen["CB-BTTP"])
	sumSTP.add(frozen["CB-HCTP"])
	if !reflect.DeepEqual(consSTP.Totals.counts(), sumSTP.counts()) || len(consSTP.Children) != 2 {
		t.Fatalf("DU-STP totals %+v, want %+v", consSTP.Totals, sumSTP)
	}
	for _, c := range consSTP.Children {
		if want := map[string]string{"CB-BTTP": "accepted", "CB-HCTP": "late"}[c.Unit.Code]; !c.Included || c.State != want {
			t.Fatalf("DU-STP child %+v", c)
		}
	}
	// A cell's report has no children: its consolidation is empty.
	var consCell rptConsolidation
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/reports/" + reports["CB-VP"].ID + "/consolidated", User: "cell.secretary"}).Decode(t, &consCell)
	if len(consCell.Children) != 0 || consCell.Totals.ModelsTotal != 0 {
		t.Fatalf("cell consolidation %+v", consCell)
	}

	// The bloc accepts DU-SCT.
	sct = e.rptStep("bloc.officer", sct, "accept", "accepted", nil)

	// The round's status at the bloc.
	st := e.rptStatus("bloc.officer", round.ID, "")
	wantCounts := map[string]int{"accepted": 5, "late": 2} // CB-HCTP and DU-STP submitted on July 1
	if !maps.Equal(st.Counts, wantCounts) || st.Expected != 7 || len(st.Items) != 7 {
		t.Fatalf("status counts %v, expected %d, %d rows", st.Counts, st.Expected, len(st.Items))
	}
	// On time: CB-VP, CB-QLTM, CB-KTAT, CB-BTTP (accepted, submitted by June 30); DU-SCT was accepted but late.
	if !rptNear(st.RateOnTime, 4.0/7) || !rptNear(st.RateSubmitted, 1) {
		t.Fatalf("rates %v, %v", st.RateOnTime, st.RateSubmitted)
	}

	// The committees' frozen figures against the cells': models and evaluations are all at the
	// cells, so they sum exactly; the committees' figures add the nominations made at the committee
	// itself (the demo's DU-SCT nominates CB-QLTM as a collective exemplar, honored).
	committees, cells := rptNewFigures(), rptNewFigures()
	committees.add(e.rptGet("bloc.officer", sct.ID).Figures)
	committees.add(e.rptGet("bloc.officer", stp.ID).Figures)
	for _, code := range rptCells {
		cells.add(frozen[code])
	}
	c, s := committees.counts(), cells.counts()
	if c.ModelsTotal != s.ModelsTotal || !maps.Equal(c.ModelsByStatus, s.ModelsByStatus) || !maps.Equal(c.ModelsByCategory, s.ModelsByCategory) ||
		c.EvaluationsTotal != s.EvaluationsTotal || !maps.Equal(c.EvaluationsByRating, s.EvaluationsByRating) {
		t.Fatalf("committees' model figures %+v, cells' %+v", c, s)
	}
	own := rptNewFigures()
	own.add(s)
	own.NominationsTotal++
	own.NominationsByStatus["honored"]++
	own.Collective++
	own.Honors++
	if !reflect.DeepEqual(c, own.counts()) {
		t.Fatalf("committees' figures %+v, want the cells' %+v plus DU-SCT's own honored collective nomination", c, s)
	}

	// A second round at DU-SCT has a draft CB-VP report with live figures (the committee that
	// opens a round does not report in it: three cells, no committee report).
	q3 := e.rptOpen("committee.officer", "DU-SCT", map[string]any{"title": "Quý III", "year": year, "period": "Q3",
		"due_on": fmt.Sprintf("%d-10-15", year), "levels": []string{"cell", "committee"}})
	if q3.Reports != 3 || e.count("reports", "round_id = $1 AND unit_id = $2", q3.ID, e.units["DU-SCT"]) != 0 {
		t.Fatalf("DU-SCT round: %d reports", q3.Reports)
	}
	var q3List struct{ Items []rptReport }
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/reports?round_id=" + q3.ID, User: "cell.secretary"}).Decode(t, &q3List)
	if len(q3List.Items) != 1 {
		t.Fatalf("CB-VP Q3 reports %+v", q3List.Items)
	}
	draftBefore := e.rptGet("cell.secretary", q3List.Items[0].ID)
	frozenVP := e.rptGet("cell.secretary", reports["CB-VP"].ID)
	frozenSCT := e.rptGet("committee.officer", sct.ID)

	// A new model in CB-VP: submitted reports keep their figures, drafts count it.
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/models", User: "cell.secretary",
		Body: map[string]any{"name": "Mô hình mới sau khi nộp", "year": year, "category": "admin_reform_service",
			"implementer": map[string]any{"kind": "unit", "name": "Toàn chi bộ"}}})
	if got := e.rptGet("cell.secretary", reports["CB-VP"].ID); !got.Frozen || !reflect.DeepEqual(got.Figures, frozenVP.Figures) {
		t.Fatalf("frozen CB-VP figures changed: %+v → %+v", frozenVP.Figures, got.Figures)
	}
	if got := e.rptGet("committee.officer", sct.ID); !reflect.DeepEqual(got.Figures, frozenSCT.Figures) {
		t.Fatalf("frozen DU-SCT figures changed: %+v → %+v", frozenSCT.Figures, got.Figures)
	}
	draftAfter := e.rptGet("cell.secretary", draftBefore.ID)
	if draftAfter.Frozen || draftAfter.Figures.ModelsTotal != draftBefore.Figures.ModelsTotal+1 ||
		draftAfter.Figures.ModelsByStatus["draft"] != draftBefore.Figures.ModelsByStatus["draft"]+1 {
		t.Fatalf("live figures did not count the new model: %+v → %+v", draftBefore.Figures, draftAfter.Figures)
	}

	// Everything was audited: CB-QLTM wrote twice, submitted twice, was returned once and accepted once.
	for action, want := range map[string]int{"report.update": 2, "report.submit": 2, "report.return": 1, "report.accept": 1} {
		if n := e.rptAudits(action, reports["CB-QLTM"].ID); n != want {
			t.Fatalf("CB-QLTM: %d %s events, want %d", n, action, want)
		}
	}
	for action, want := range map[string]int{"report.update": 1, "report.submit": 1, "report.accept": 1} {
		if n := e.rptAudits(action, sct.ID); n != want {
			t.Fatalf("DU-SCT: %d %s events, want %d", n, action, want)
		}
	}
	if n := e.count("audit_events", "action = 'report.submit' AND resource_id IN (SELECT id FROM reports WHERE round_id = $1)", round.ID); n != 8 {
		t.Fatalf("%d report.submit events in the round, want 8", n)
	}
}

// TestReportRoundStatus checks the counts, rates and filter of a round's status, and its
// spreadsheet.
func TestReportRoundStatus(t *testing.T) {
	t.Parallel()
	e, clock, year := rptEnv(t)
	e.flatTree()
	round := e.rptOpen("bloc.officer", "KHOI-CQDN", rptH1(year, "cell", "committee"))
	reports := e.rptReports(round.ID)

	// CB-VP accepted on time, CB-QLTM on time, CB-BTTP returned, CB-HCTP being drafted; CB-KTAT
	// late; the committees missing.
	for _, code := range []string{"CB-VP", "CB-QLTM", "CB-BTTP"} {
		reports[code] = e.rptStep("admin", e.rptWrite("admin", reports[code]), "submit", "submitted", nil)
	}
	e.rptStep("committee.officer", reports["CB-VP"], "accept", "accepted", nil)
	// CB-BTTP reports to DU-STP: its officers return it, not the bloc officer two levels up.
	e.rptUser("officer.stp", "DU-STP", map[string]string{"committee_officer": "DU-STP"})
	problem(t, e.do(req{Method: "POST", Path: rptPath(reports["CB-BTTP"].ID, "return"), User: "bloc.officer", Header: ifMatch(reports["CB-BTTP"].Version), Body: map[string]any{"reason": "Thiếu số liệu."}}), http.StatusForbidden, "forbidden")
	e.rptStep("officer.stp", reports["CB-BTTP"], "return", "returned", map[string]any{"reason": "Thiếu số liệu."})
	e.rptWrite("admin", reports["CB-HCTP"])
	clock.set(rptHanoi(year, time.July, 2, 8, 0, 0))
	e.rptStep("admin", reports["CB-KTAT"], "submit", "submitted", nil)

	want := map[string]string{"CB-VP": "accepted", "CB-QLTM": "on_time", "CB-KTAT": "late", "CB-BTTP": "returned", "CB-HCTP": "draft",
		"DU-SCT": "missing", "DU-STP": "missing"}
	st := e.rptStatus("inspector", round.ID, "")
	if !maps.Equal(st.Counts, map[string]int{"accepted": 1, "on_time": 1, "late": 1, "returned": 1, "draft": 1, "missing": 2}) ||
		st.Expected != 7 || st.Round.ID != round.ID || len(st.Items) != 7 {
		t.Fatalf("status %+v", st)
	}
	for _, it := range st.Items {
		if it.State != want[it.Unit.Code] || it.ReportID != reports[it.Unit.Code].ID || (it.SubmittedAt != nil) != slices.Contains([]string{"accepted", "on_time", "late", "returned"}, it.State) {
			t.Fatalf("row %+v", it)
		}
	}
	// On time: CB-QLTM and the accepted CB-VP; submitted at all: also CB-KTAT and the returned CB-BTTP.
	if !rptNear(st.RateOnTime, 2.0/7) || !rptNear(st.RateSubmitted, 4.0/7) {
		t.Fatalf("rates %v, %v", st.RateOnTime, st.RateSubmitted)
	}
	for state, codes := range map[string][]string{"missing": {"DU-SCT", "DU-STP"}, "late": {"CB-KTAT"}, "returned": {"CB-BTTP"}, "accepted": {"CB-VP"}} {
		f := e.rptStatus("bloc.officer", round.ID, "?state="+state)
		var got []string
		for _, it := range f.Items {
			got = append(got, it.Unit.Code)
		}
		if slices.Sort(got); !slices.Equal(got, codes) || len(f.Counts) != 6 {
			t.Fatalf("state=%s: %v (counts %v)", state, got, f.Counts)
		}
	}
	// Pages of 3 walk the same rows in the same tree order; the counts cover the whole round.
	var paged []string
	for cursor, pages := "", 0; ; pages++ {
		q := "?limit=3"
		if cursor != "" {
			q += "&cursor=" + cursor
		}
		p := e.rptStatus("bloc.officer", round.ID, q)
		if len(p.Items) > 3 || !maps.Equal(p.Counts, st.Counts) || p.Expected != 7 || pages > 3 {
			t.Fatalf("page %d: %+v", pages, p)
		}
		for _, it := range p.Items {
			paged = append(paged, it.Unit.Code)
		}
		if p.NextCursor == nil {
			break
		}
		cursor = *p.NextCursor
	}
	var whole []string
	for _, it := range st.Items {
		whole = append(whole, it.Unit.Code)
	}
	if !slices.Equal(paged, whole) {
		t.Fatalf("paged %v, whole %v", paged, whole)
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/reporting-rounds/" + round.ID + "/status?cursor=made-up", User: "bloc.officer"}), 400, "invalid_cursor")
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/reporting-rounds/" + round.ID + "/status?state=lost", User: "bloc.officer"}), 400, "validation")
	// Officers and inspectors over the round's unit only.
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/reporting-rounds/" + round.ID + "/status", User: "cell.secretary"}), 403, "forbidden")
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/reporting-rounds/" + round.ID + "/status.xlsx", User: "member"}), 403, "forbidden")

	// The spreadsheet: one row per unit with the state in Vietnamese.
	got := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/reporting-rounds/" + round.ID + "/status.xlsx", User: "inspector"})
	if ct := got.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("content type %q", ct)
	}
	if cd := got.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, ".xlsx") {
		t.Fatalf("Content-Disposition %q", cd)
	}
	x, err := excelize.OpenReader(bytes.NewReader(got.Body))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	rows, err := x.GetRows(x.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	label := map[string]string{"missing": "Chưa báo cáo", "draft": "Đang soạn", "on_time": "Đã nộp đúng hạn", "late": "Nộp trễ hạn",
		"returned": "Bị trả lại", "accepted": "Đã chấp nhận"}
	seen := map[string]int{}
	for _, row := range rows {
		for _, code := range slices.Collect(maps.Keys(want)) {
			if slices.Contains(row, code) {
				seen[code]++
				if !slices.Contains(row, label[want[code]]) {
					t.Fatalf("row of %s lacks %q: %q", code, label[want[code]], row)
				}
			}
		}
	}
	for code := range want {
		if seen[code] != 1 {
			t.Fatalf("%d rows for %s in the spreadsheet:\n%q", seen[code], code, rows)
		}
	}
}
