package httpapi_test

import (
	"net/http"
	"slices"
	"testing"
)

// Full-stack tests of the domains through the demo's deeper shapes (issue #15): a cell under
// the partial committee DUBP-SCT-KD (under DU-SCT), and the base cell CB-CS-BAO directly under
// the bloc. One level at a time, no level skipped, whatever the depth.

// taskIDs lists the resource ids of the caller's /me/tasks of kind.
func (e *env) taskIDs(user, kind string) []string {
	e.t.Helper()
	out := []string{}
	for _, tk := range e.rptTasks(user) {
		if tk.Kind == kind {
			out = append(out, tk.ResourceID)
		}
	}
	return out
}

// TestModelReviewThroughDepth: the partial committee reviews its cell's model and DU-SCT the
// partial committee's; the bloc reviews the base cell's.
func TestModelReviewThroughDepth(t *testing.T) {
	t.Parallel()
	e, year := newModelEnv(t)
	step := func(user string, m mdlModel, action string) resp {
		return e.do(req{Method: "POST", Path: mdlPath(m.ID, action), User: user, Header: ifMatch(m.Version)})
	}

	cell := e.mdlDriveAs("cell.secretary3", "partial.officer", e.mdlCreate("cell.secretary3", "CB-KD1", mdlBody("Mô hình chi bộ KD1", year)), "registered")
	if !slices.Contains(e.taskIDs("partial.officer", "review_model"), cell.ID) || slices.Contains(e.taskIDs("committee.officer", "review_model"), cell.ID) {
		t.Error("the cell's registered model waits on the partial committee only")
	}
	problem(t, step("committee.officer", cell, "approve"), 403, "forbidden") // DU-SCT does not skip the partial committee
	problem(t, step("bloc.officer", cell, "approve"), 403, "forbidden")
	cell = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(cell.ID, "approve"), User: "partial.officer", Header: ifMatch(cell.Version)})
	if cell.Status != "approved" {
		t.Fatalf("approved by the partial committee: %s", cell.Status)
	}

	partial := e.mdlDriveAs("partial.officer", "committee.officer", e.mdlCreate("partial.officer", "DUBP-SCT-KD", mdlBody("Mô hình đảng bộ bộ phận", year)), "registered")
	problem(t, step("partial.officer", partial, "approve"), 403, "forbidden") // nobody approves their own unit's
	partial = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(partial.ID, "approve"), User: "committee.officer", Header: ifMatch(partial.Version)})
	if partial.Status != "approved" {
		t.Fatalf("the partial committee's model approved by DU-SCT: %s", partial.Status)
	}

	base := e.mdlCreate("basecell.secretary", "CB-CS-BAO", mdlBody("Mô hình chi bộ cơ sở", year))
	base = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(base.ID, "register"), User: "basecell.secretary", Header: ifMatch(base.Version)})
	problem(t, step("committee.officer", base, "approve"), 404, "not_found") // beside it, not above
	base = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(base.ID, "approve"), User: "bloc.officer", Header: ifMatch(base.Version)})
	if base.Status != "approved" {
		t.Fatalf("the base cell's model approved by the bloc: %s", base.Status)
	}

	// Coverage counts the units that carry models out, at every depth: not the bloc.
	var cov mdlCoverage
	e.must(http.StatusOK, req{Method: "GET", Path: e.mdlUnitPath("KHOI-CQDN", "model-coverage") + "?year=" + itoa(year), User: "bloc.officer"}).Decode(t, &cov)
	if want := e.count("units", "kind <> 'bloc'"); cov.Totals.Units != want {
		t.Errorf("coverage counts %d units, want %d (every unit but the bloc)", cov.Totals.Units, want)
	}
	for _, u := range cov.Items {
		if u.Code == "CB-KD1" || u.Code == "DUBP-SCT-KD" || u.Code == "CB-CS-BAO" {
			t.Errorf("%s listed without a model", u.Code)
		}
	}
}

// TestNominationChainThroughDepth: a nomination of the cell under the partial committee climbs
// one level at a time to the bloc, where it is decided; the base cell's goes straight to the bloc.
func TestNominationChainThroughDepth(t *testing.T) {
	t.Parallel()
	e, _, year := nomEnv(t)
	act := func(user string, n nomNomination, action string, body any) resp {
		return e.do(req{Method: "POST", Path: nomPath(n.ID, action), User: user, Header: ifMatch(n.Version), Body: body})
	}
	advance := func(user string, n nomNomination, action, status, holder string) nomNomination {
		t.Helper()
		out := call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, action), User: user, Header: ifMatch(n.Version)})
		if out.Status != status || out.Holder.Code != holder {
			t.Fatalf("%s by %s: %s held at %s, want %s at %s", action, user, out.Status, out.Holder.Code, status, holder)
		}
		return out
	}

	n := e.nomCreate("cell.secretary3", "CB-KD1", nomBody(year, nomPerson("Trịnh Văn Long", "Chuyên viên", e.units["CB-KD1"], false), "Tận tụy với doanh nghiệp."))
	n = advance("cell.secretary3", n, "submit", "submitted", "DUBP-SCT-KD")
	problem(t, act("committee.officer", n, "endorse", nil), 403, "forbidden")
	n = advance("partial.officer", n, "endorse", "endorsed", "DU-SCT")
	problem(t, act("partial.officer", n, "endorse", nil), 403, "forbidden") // it has left the partial committee
	problem(t, act("bloc.officer", n, "endorse", nil), 403, "forbidden")
	n = advance("committee.officer", n, "endorse", "endorsed", "KHOI-CQDN")
	if slices.Contains(n.AllowedActions, "endorse") {
		t.Errorf("at the root nobody endorses further: %v", n.AllowedActions)
	}
	n = e.nomGet("bloc.officer", n.ID)
	if slices.Contains(n.AllowedActions, "endorse") || !slices.Contains(n.AllowedActions, "commend") {
		t.Errorf("the bloc's actions %v", n.AllowedActions)
	}
	problem(t, act("bloc.officer", n, "endorse", nil), 409, "invalid_transition")
	n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "commend"), User: "bloc.officer", Header: ifMatch(n.Version),
		Body: nomDecision("09-QĐ/ĐUK", nomToday(year))})
	n = advance("bloc.officer", n, "honor", "honored", "KHOI-CQDN")

	b := e.nomCreate("basecell.secretary", "CB-CS-BAO", nomBody(year, map[string]any{"kind": "collective", "unit_id": e.units["CB-CS-BAO"]}, "Chi bộ cơ sở tiêu biểu."))
	b = advance("basecell.secretary", b, "submit", "submitted", "KHOI-CQDN")
	problem(t, act("committee.officer", b, "return", nomReason), 404, "not_found")
	if !slices.Contains(e.taskIDs("bloc.officer", "review_nomination"), b.ID) {
		t.Error("the base cell's nomination is not on the bloc officer's tasks")
	}
	b = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(b.ID, "return"), User: "bloc.officer", Header: ifMatch(b.Version), Body: nomReason})
	if b.Status != "returned" || b.Holder.Code != "CB-CS-BAO" {
		t.Errorf("returned to the base cell: %s at %s", b.Status, b.Holder.Code)
	}
}

// TestReportRoundThroughDepth: a bloc's round gives the partial committee and the base cell a
// report; the partial committee reviews its cell's and submits once it is accepted; DU-SCT
// consolidates the partial committee's with its own cells'.
func TestReportRoundThroughDepth(t *testing.T) {
	t.Parallel()
	e, _, year := rptEnv(t)
	round := e.rptOpen("bloc.officer", "KHOI-CQDN", rptH1(year, "cell", "committee"))
	reports := e.rptReports(round.ID)
	var codes []string
	for c := range reports {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	want := []string{"CB-BTTP", "CB-CS-BAO", "CB-HCTP", "CB-KD1", "CB-KTAT", "CB-QLTM", "CB-VP", "DU-SCT", "DU-STP", "DUBP-SCT-KD"}
	if !slices.Equal(codes, want) || round.Reports != len(want) {
		t.Fatalf("reports for %v (%d), want %v", codes, round.Reports, want)
	}
	act := func(user string, r rptReport, action string) resp {
		return e.do(req{Method: "POST", Path: rptPath(r.ID, action), User: user, Header: ifMatch(r.Version)})
	}

	bp := e.rptWrite("partial.officer", reports["DUBP-SCT-KD"])
	problem(t, act("partial.officer", bp, "submit"), 422, "children_not_accepted")
	kd := e.rptStep("cell.secretary3", e.rptWrite("cell.secretary3", reports["CB-KD1"]), "submit", "submitted", nil)
	if !slices.Contains(e.taskIDs("partial.officer", "review_report"), kd.ID) || slices.Contains(e.taskIDs("committee.officer", "review_report"), kd.ID) {
		t.Error("the cell's report waits on the partial committee only")
	}
	problem(t, act("committee.officer", kd, "accept"), 403, "forbidden")
	kd = e.rptStep("partial.officer", kd, "accept", "accepted", nil)
	bp = e.rptStep("partial.officer", e.rptGet("partial.officer", bp.ID), "submit", "submitted", nil)
	problem(t, act("partial.officer", bp, "accept"), 403, "forbidden")
	problem(t, act("bloc.officer", bp, "accept"), 403, "forbidden")
	bp = e.rptStep("committee.officer", bp, "accept", "accepted", nil)

	// DU-SCT consolidates its direct children: its cells and the partial committee (whose own
	// figures already hold CB-KD1's), never CB-KD1 twice.
	var c rptConsolidation
	e.must(http.StatusOK, req{Method: "GET", Path: rptPath(reports["DU-SCT"].ID, "consolidated"), User: "committee.officer"}).Decode(t, &c)
	var children []string
	sum := rptNewFigures()
	for _, ch := range c.Children {
		children = append(children, ch.Unit.Code)
		if ch.Included {
			sum.add(e.rptGet("committee.officer", ch.ReportID).Figures)
		}
	}
	slices.Sort(children)
	if !slices.Equal(children, []string{"CB-KTAT", "CB-QLTM", "CB-VP", "DUBP-SCT-KD"}) {
		t.Errorf("DU-SCT consolidates %v", children)
	}
	if got, want := c.Totals.counts(), sum.counts(); got.ModelsTotal != want.ModelsTotal || got.NominationsTotal != want.NominationsTotal {
		t.Errorf("totals %+v, want the included children's %+v", got, want)
	}
	if bp.Figures.ModelsTotal < kd.Figures.ModelsTotal || kd.Figures.ModelsTotal == 0 {
		t.Errorf("the partial committee's figures (%d models) hold its cell's (%d)", bp.Figures.ModelsTotal, kd.Figures.ModelsTotal)
	}

	// The base cell reports straight to the bloc.
	bao := e.rptStep("basecell.secretary", e.rptWrite("basecell.secretary", reports["CB-CS-BAO"]), "submit", "submitted", nil)
	problem(t, act("committee.officer", bao, "accept"), 404, "not_found")
	e.rptStep("bloc.officer", bao, "accept", "accepted", nil)
}
