package httpapi_test

import (
	"bytes"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

type inspPlan struct {
	ID             string       `json:"id"`
	Status         string       `json:"status"`
	Units          []rptUnitRef `json:"units"`
	Team           []string     `json:"team"`
	Conclusion     string       `json:"conclusion"`
	Version        int64        `json:"version"`
	AllowedActions []string     `json:"allowed_actions"`
}

type inspRec struct {
	ID              string     `json:"id"`
	FindingID       string     `json:"finding_id"`
	ResponsibleUnit rptUnitRef `json:"responsible_unit"`
	Status          string     `json:"status"`
	Overdue         bool       `json:"overdue"`
	Response        *string    `json:"response"`
	StatusReason    *string    `json:"status_reason"`
	Version         int64      `json:"version"`
	AllowedActions  []string   `json:"allowed_actions"`
}

type inspFinding struct {
	ID              string     `json:"id"`
	Unit            rptUnitRef `json:"unit"`
	RecordKind      *string    `json:"record_kind"`
	Rating          string     `json:"rating"`
	Recommendations []inspRec  `json:"recommendations"`
	Version         int64      `json:"version"`
}

type inspList[T any] struct {
	Items []T `json:"items"`
}

func (p inspPlan) tagVersion() int64    { return p.Version }
func (r inspRec) tagVersion() int64     { return r.Version }
func (f inspFinding) tagVersion() int64 { return f.Version }

// inspDay is a civil date relative to today in Hà Nội.
func inspDay(days int) string {
	return time.Now().In(time.FixedZone("ICT", 7*3600)).AddDate(0, 0, days).Format(time.DateOnly)
}

// inspPlanBody is a thematic plan of last year over units, with team.
func inspPlanBody(e *env, units []string, team ...string) map[string]any {
	ids, members := []string{}, []string{}
	for _, u := range units {
		ids = append(ids, e.units[u].String())
	}
	for _, m := range team {
		members = append(members, e.users[m].String())
	}
	y := vnYear() - 1
	return map[string]any{"kind": "thematic", "title": "Kiểm tra chuyên đề mô hình làm theo Bác", "subjects": []string{"models", "standards"},
		"period_from": time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), "period_to": time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC).Format(time.DateOnly),
		"unit_ids": ids, "team": members}
}

// inspTasks lists "kind resource_id" of the caller's tasks.
func inspTasks(e *env, user string) []string {
	var out []string
	for _, it := range e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me/tasks", User: user}).JSON(e.t)["items"].([]any) {
		task := it.(map[string]any)
		out = append(out, task["kind"].(string)+" "+task["resource_id"].(string))
	}
	return out
}

// TestInspectionThematicPlanToClosedRecommendations runs a thematic inspection of two
// committees by the bloc: drafted by its inspector, approved by its officer, carried out by the
// team, concluded; the inspected cell answers an overdue recommendation, the bloc reopens it,
// the cell answers again and the bloc closes it.
func TestInspectionThematicPlanToClosedRecommendations(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	khoi := "/api/v1/units/" + e.units["KHOI-CQDN"].String()
	body := inspPlanBody(e, []string{"DU-SCT", "DU-STP"}, "inspector")

	// Drafting: the owning unit's officers and inspectors, at a unit with an inspection role,
	// over units below it, with a team of its own officers and inspectors.
	problem(t, e.do(req{Method: "POST", Path: khoi + "/inspection-plans", User: "committee.officer", Body: body}), 403, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: khoi + "/inspection-plans", User: "member", Body: body}), 403, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/inspection-plans", User: "admin",
		Body: inspPlanBody(e, []string{"CB-VP"}, "cell.secretary")}), 422, "no_inspection_role")
	problem(t, e.do(req{Method: "POST", Path: khoi + "/inspection-plans", User: "inspector", Body: inspPlanBody(e, []string{"KHOI-CQDN"}, "inspector")}), 422, "validation")
	problem(t, e.do(req{Method: "POST", Path: khoi + "/inspection-plans", User: "inspector", Body: inspPlanBody(e, []string{"DU-SCT"}, "committee.officer")}), 422, "validation")
	bad := inspPlanBody(e, []string{"DU-SCT"}, "inspector")
	bad["period_to"] = "2000-01-01"
	problem(t, e.do(req{Method: "POST", Path: khoi + "/inspection-plans", User: "inspector", Body: bad}), 422, "validation")

	plan := call[inspPlan](e, http.StatusCreated, req{Method: "POST", Path: khoi + "/inspection-plans", User: "inspector", Body: body})
	if plan.Status != "draft" || len(plan.Units) != 2 || !slices.Equal(plan.AllowedActions, []string{"update", "delete"}) {
		t.Fatalf("drafted %+v", plan)
	}
	planPath := "/api/v1/inspection-plans/" + plan.ID
	// A draft is the inspecting unit's own: the inspected do not see it.
	problem(t, e.do(req{Method: "GET", Path: planPath, User: "committee.officer"}), 404, "not_found")
	plan = call[inspPlan](e, http.StatusOK, req{Method: "PATCH", Path: planPath, User: "inspector", Header: ifMatch(plan.Version),
		Body: map[string]any{"team": []string{e.users["inspector"].String(), e.users["bloc.officer"].String()}}})
	if len(plan.Team) != 2 || plan.Version != 2 {
		t.Fatalf("edited %+v", plan)
	}

	// Approval: the owning unit's officers, not its inspectors.
	problem(t, e.do(req{Method: "POST", Path: planPath + "/approve", User: "inspector"}), 403, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: planPath + "/approve", User: "bloc.officer", Header: ifMatch(1)}), 412, "stale_version")
	plan = call[inspPlan](e, http.StatusOK, req{Method: "POST", Path: planPath + "/approve", User: "bloc.officer", Header: ifMatch(plan.Version)})
	if plan.Status != "approved" {
		t.Fatalf("approved %+v", plan)
	}
	problem(t, e.do(req{Method: "POST", Path: planPath + "/approve", User: "bloc.officer"}), 409, "invalid_transition")
	problem(t, e.do(req{Method: "DELETE", Path: planPath, User: "inspector"}), 409, "invalid_transition")
	// Now the inspected see it, down to their cells; members and other blocs' readers never.
	for _, u := range []string{"committee.officer", "cell.secretary", "cell.secretary2"} {
		call[inspPlan](e, http.StatusOK, req{Method: "GET", Path: planPath, User: u})
	}
	problem(t, e.do(req{Method: "GET", Path: planPath, User: "member"}), 404, "not_found")
	// CB-VP is inspected through DU-SCT, by this plan and by the demo's.
	if got := call[inspList[inspPlan]](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/inspection-plans?role=inspected", User: "cell.secretary"}); len(got.Items) != 2 || got.Items[0].ID != plan.ID {
		t.Fatalf("plans inspecting CB-VP: %+v", got)
	}
	problem(t, e.do(req{Method: "POST", Path: planPath + "/start", User: "committee.officer"}), 403, "forbidden")
	plan = call[inspPlan](e, http.StatusOK, req{Method: "POST", Path: planPath + "/start", User: "inspector"})
	if plan.Status != "in_progress" || !slices.Contains(plan.AllowedActions, "add_finding") {
		t.Fatalf("started %+v", plan)
	}

	// Findings: by the team, on an inspected unit or below, on a record of that unit.
	vpModels := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/models", User: "admin"}).JSON(t)["items"].([]any)
	vpModel := vpModels[0].(map[string]any)["id"].(string)
	finding := func(unit string, extra map[string]any) map[string]any {
		b := map[string]any{"unit_id": e.units[unit].String(), "summary": "Chưa đánh giá hiệu quả mô hình theo quý.", "rating": "needs_improvement",
			"evidence": "Biên bản làm việc ngày 12/3."}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	problem(t, e.do(req{Method: "POST", Path: planPath + "/findings", User: "committee.officer", Body: finding("CB-VP", nil)}), 403, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: planPath + "/findings", User: "inspector", Body: finding("KHOI-CQDN", nil)}), 422, "not_inspected")
	problem(t, e.do(req{Method: "POST", Path: planPath + "/findings", User: "inspector",
		Body: finding("CB-QLTM", map[string]any{"record_kind": "model", "record_id": vpModel})}), 422, "record_not_in_unit")
	problem(t, e.do(req{Method: "POST", Path: planPath + "/findings", User: "inspector",
		Body: finding("CB-VP", map[string]any{"record_kind": "standard", "record_id": uuid.NewString()})}), 422, "record_not_in_unit")
	onModel := call[inspFinding](e, http.StatusCreated, req{Method: "POST", Path: planPath + "/findings", User: "inspector",
		Body: finding("CB-VP", map[string]any{"record_kind": "model", "record_id": vpModel})})
	onCommitment := call[inspFinding](e, http.StatusCreated, req{Method: "POST", Path: planPath + "/findings", User: "bloc.officer",
		Body: finding("CB-BTTP", map[string]any{"record_kind": "commitment", "record_id": uuid.NewString(), "rating": "violation"})})
	if onModel.RecordKind == nil || *onModel.RecordKind != "model" || onCommitment.Rating != "violation" {
		t.Fatalf("findings %+v, %+v", onModel, onCommitment)
	}

	// Recommendations: one already past its deadline, one due next month.
	recPath := func(f inspFinding) string { return "/api/v1/inspection-findings/" + f.ID + "/recommendations" }
	problem(t, e.do(req{Method: "POST", Path: recPath(onModel), User: "inspector",
		Body: map[string]any{"text": "Đánh giá theo quý.", "due_on": inspDay(-10), "responsible_unit_id": e.units["CB-QLTM"].String()}}), 422, "not_inspected")
	late := call[inspRec](e, http.StatusCreated, req{Method: "POST", Path: recPath(onModel), User: "inspector",
		Body: map[string]any{"text": "Tổ chức đánh giá hiệu quả mô hình theo quý.", "due_on": inspDay(-10)}})
	later := call[inspRec](e, http.StatusCreated, req{Method: "POST", Path: recPath(onCommitment), User: "inspector",
		Body: map[string]any{"text": "Kiểm điểm, bổ sung bản cam kết.", "due_on": inspDay(30)}})
	if late.ResponsibleUnit.Code != "CB-VP" || !late.Overdue || later.Overdue || late.Status != "open" {
		t.Fatalf("recommendations %+v, %+v", late, later)
	}

	// Until the conclusion the inspected side learns nothing of the findings.
	findingPath := "/api/v1/inspection-findings/" + onModel.ID
	lateRec := "/api/v1/inspection-recommendations/" + late.ID
	for _, u := range []string{"committee.officer", "cell.secretary"} {
		problem(t, e.do(req{Method: "GET", Path: findingPath, User: u}), 404, "not_found")
		problem(t, e.do(req{Method: "GET", Path: lateRec, User: u}), 404, "not_found")
		problem(t, e.do(req{Method: "GET", Path: planPath + "/files/conclusion.pdf", User: u}), 404, "not_found")
		if got := call[inspList[inspFinding]](e, http.StatusOK, req{Method: "GET", Path: planPath + "/findings", User: u}); len(got.Items) != 0 {
			t.Fatalf("%s reads %d findings before the conclusion", u, len(got.Items))
		}
		// (The demo's concluded plan has one on CB-VP: that one they read.)
		for _, r := range call[inspList[inspRec]](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/inspection-recommendations", User: u}).Items {
			if r.ID == late.ID {
				t.Fatalf("%s reads a recommendation before the conclusion", u)
			}
		}
	}
	problem(t, e.do(req{Method: "POST", Path: lateRec + "/answer", User: "cell.secretary", Body: map[string]any{"text": "Đã làm."}}), 404, "not_found")
	if got := inspTasks(e, "inspector"); !slices.Contains(got, "follow_up_recommendation "+late.ID) || slices.Contains(got, "follow_up_recommendation "+later.ID) {
		t.Fatalf("inspector's tasks %v", got)
	}
	if got := inspTasks(e, "cell.secretary"); slices.Contains(got, "answer_recommendation "+late.ID) {
		t.Fatalf("the cell is asked to answer before the conclusion: %v", got)
	}

	// Conclusion.
	problem(t, e.do(req{Method: "POST", Path: planPath + "/conclude", User: "inspector", Body: map[string]any{"conclusion": " "}}), 422, "validation")
	problem(t, e.do(req{Method: "POST", Path: planPath + "/conclude", User: "committee.officer", Body: map[string]any{"conclusion": "Kết luận."}}), 403, "forbidden")
	plan = call[inspPlan](e, http.StatusOK, req{Method: "POST", Path: planPath + "/conclude", User: "inspector",
		Body: map[string]any{"conclusion": "Các đảng ủy đã triển khai nghiêm túc; cần khắc phục việc đánh giá mô hình."}})
	if plan.Status != "concluded" || len(plan.AllowedActions) != 0 {
		t.Fatalf("concluded %+v", plan)
	}
	problem(t, e.do(req{Method: "POST", Path: planPath + "/findings", User: "inspector", Body: finding("CB-VP", nil)}), 409, "invalid_transition")

	// Now each inspected unit reads the findings on its own subtree, and only those.
	seen := func(user string) []string {
		var codes []string
		for _, f := range call[inspList[inspFinding]](e, http.StatusOK, req{Method: "GET", Path: planPath + "/findings", User: user}).Items {
			codes = append(codes, f.Unit.Code)
		}
		return codes
	}
	for user, want := range map[string][]string{"committee.officer": {"CB-VP"}, "cell.secretary": {"CB-VP"}, "cell.secretary2": {"CB-BTTP"},
		"bloc.officer": {"CB-BTTP", "CB-VP"}, "member": nil} {
		if user == "member" {
			problem(t, e.do(req{Method: "GET", Path: planPath + "/findings", User: user}), 404, "not_found")
			continue
		}
		if got := seen(user); !slices.Equal(mxSorted(got), want) {
			t.Errorf("%s reads findings on %v, want %v", user, got, want)
		}
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/inspection-findings/" + onCommitment.ID, User: "cell.secretary"}), 404, "not_found")
	got := call[inspFinding](e, http.StatusOK, req{Method: "GET", Path: findingPath, User: "cell.secretary"})
	if len(got.Recommendations) != 1 || !slices.Equal(got.Recommendations[0].AllowedActions, []string{"answer"}) {
		t.Fatalf("the cell reads %+v", got)
	}
	if tasks := inspTasks(e, "cell.secretary"); !slices.Contains(tasks, "answer_recommendation "+late.ID) || slices.Contains(tasks, "answer_recommendation "+later.ID) {
		t.Fatalf("cell's tasks %v", tasks)
	}
	if got := call[inspList[inspRec]](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["DU-SCT"].String() + "/inspection-recommendations?overdue=true", User: "committee.officer"}); len(got.Items) != 2 || !slices.ContainsFunc(got.Items, func(r inspRec) bool { return r.ID == late.ID }) {
		t.Fatalf("overdue at DU-SCT: %+v", got)
	}

	// Follow-up: the cell answers (not the committee above it), the bloc reopens, the cell
	// answers again, the bloc closes.
	problem(t, e.do(req{Method: "POST", Path: lateRec + "/close", User: "bloc.officer"}), 409, "invalid_transition")
	problem(t, e.do(req{Method: "POST", Path: lateRec + "/answer", User: "committee.officer", Body: map[string]any{"text": "Đã làm."}}), 403, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: lateRec + "/answer", User: "member", Body: map[string]any{"text": "Đã làm."}}), 404, "not_found")
	r := call[inspRec](e, http.StatusOK, req{Method: "POST", Path: lateRec + "/answer", User: "cell.secretary", Header: ifMatch(late.Version),
		Body: map[string]any{"text": "Đã đánh giá quý I."}})
	if r.Status != "answered" || r.Response == nil || !r.Overdue {
		t.Fatalf("answered %+v", r)
	}
	problem(t, e.do(req{Method: "POST", Path: lateRec + "/reopen", User: "cell.secretary", Body: map[string]any{"text": "x"}}), 403, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: lateRec + "/reopen", User: "inspector", Body: map[string]any{"text": " "}}), 422, "validation")
	r = call[inspRec](e, http.StatusOK, req{Method: "POST", Path: lateRec + "/reopen", User: "inspector", Header: ifMatch(r.Version),
		Body: map[string]any{"text": "Chưa có biên bản đánh giá quý II."}})
	if r.Status != "open" || r.StatusReason == nil {
		t.Fatalf("reopened %+v", r)
	}
	r = call[inspRec](e, http.StatusOK, req{Method: "POST", Path: lateRec + "/answer", User: "cell.secretary", Body: map[string]any{"text": "Đã bổ sung biên bản quý II."}})
	problem(t, e.do(req{Method: "POST", Path: lateRec + "/close", User: "bloc.officer", Header: ifMatch(r.Version - 1)}), 412, "stale_version")
	r = call[inspRec](e, http.StatusOK, req{Method: "POST", Path: lateRec + "/close", User: "bloc.officer", Header: ifMatch(r.Version)})
	if r.Status != "closed" || r.Overdue {
		t.Fatalf("closed %+v", r)
	}
	if tasks := inspTasks(e, "inspector"); slices.Contains(tasks, "follow_up_recommendation "+late.ID) {
		t.Fatalf("a closed recommendation is still followed up: %v", tasks)
	}

	// The summary of the bloc (its own plans; the demo's and this one).
	from, to := vnYear()-1, vnYear()-1
	sum := e.must(http.StatusOK, req{Method: "GET", Path: khoi + "/inspection-summary?from=" + time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly) +
		"&to=" + time.Date(to, 12, 31, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), User: "inspector"}).JSON(t)
	// The demo's plan: 3 findings (needs_improvement, good, meets), 3 recommendations (open and
	// overdue, answered, closed); this one: 2 findings, 2 recommendations (closed, open).
	if sum["plans"] != 2.0 || sum["findings"] != 5.0 || sum["recommendations"] != 5.0 || sum["recommendations_closed"] != 2.0 ||
		sum["recommendations_open"] != 2.0 || sum["recommendations_answered"] != 1.0 || sum["recommendations_overdue"] != 1.0 {
		t.Fatalf("summary %v", sum)
	}
	if byRating := sum["findings_by_rating"].(map[string]any); byRating["needs_improvement"] != 2.0 || byRating["violation"] != 1.0 {
		t.Fatalf("findings by rating %v", byRating)
	}
	problem(t, e.do(req{Method: "GET", Path: khoi + "/inspection-summary?from=2026-01-01&to=2025-01-01", User: "inspector"}), 422, "validation")
	problem(t, e.do(req{Method: "GET", Path: khoi + "/inspection-summary?from=2025-01-01&to=2025-12-31", User: "cell.secretary"}), 403, "forbidden")

	// The conclusion document: the whole of it for the bloc, the cell's part for the cell.
	pdf := e.must(http.StatusOK, req{Method: "GET", Path: planPath + "/files/conclusion.pdf", User: "bloc.officer"})
	if ct := pdf.Header.Get("Content-Type"); ct != "application/pdf" || !bytes.HasPrefix(pdf.Body, []byte("%PDF-")) {
		t.Fatalf("content type %q", ct)
	}
	if text, ok := stdPDFText(t, pdf.Body); ok {
		for _, want := range []string{"KẾT LUẬN KIỂM TRA", "Chi bộ Văn phòng", "Chi bộ Bổ trợ tư pháp", "Kiểm điểm, bổ sung bản cam kết.", "Cần khắc phục", "Các đảng ủy đã triển khai nghiêm túc"} {
			if !strings.Contains(text, norm.NFC.String(want)) {
				t.Fatalf("the conclusion lacks %q:\n%s", want, text)
			}
		}
	}
	cellPDF := e.must(http.StatusOK, req{Method: "GET", Path: planPath + "/files/conclusion.pdf", User: "cell.secretary"})
	if text, ok := stdPDFText(t, cellPDF.Body); ok && (strings.Contains(text, norm.NFC.String("Chi bộ Bổ trợ tư pháp")) || !strings.Contains(text, norm.NFC.String("Chi bộ Văn phòng"))) {
		t.Fatalf("the cell's conclusion shows another unit's findings:\n%s", text)
	}
	xl := e.must(http.StatusOK, req{Method: "GET", Path: planPath + "/files/conclusion.xlsx", User: "inspector"})
	x, err := excelize.OpenReader(bytes.NewReader(xl.Body))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	rows, err := x.GetRows(x.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	for _, row := range rows {
		cells = append(cells, row...)
	}
	if !slices.Contains(cells, "Kiểm điểm, bổ sung bản cam kết.") || !slices.Contains(cells, "Vi phạm") {
		t.Fatalf("the workbook lacks the recommendations: %v", cells)
	}
}

// TestInspectionDraftsAndTheDemo covers deleting a draft, a committee's own plan, and the demo's
// concluded plan over DU-SCT as its units see it.
func TestInspectionDraftsAndTheDemo(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sct := "/api/v1/units/" + e.units["DU-SCT"].String()
	// A committee inspects its cells.
	plan := call[inspPlan](e, http.StatusCreated, req{Method: "POST", Path: sct + "/inspection-plans", User: "committee.officer",
		Body: inspPlanBody(e, []string{"CB-VP"}, "committee.officer")})
	problem(t, e.do(req{Method: "DELETE", Path: "/api/v1/inspection-plans/" + plan.ID, User: "cell.secretary"}), 404, "not_found")
	problem(t, e.do(req{Method: "DELETE", Path: "/api/v1/inspection-plans/" + plan.ID, User: "committee.officer", Header: ifMatch(9)}), 412, "stale_version")
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/inspection-plans/" + plan.ID, User: "committee.officer"})
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/inspection-plans/" + plan.ID, User: "committee.officer"}), 404, "not_found")

	// The demo: the bloc's concluded plan over DU-SCT, findings on a model and the standard, one
	// recommendation overdue and open.
	plans := call[inspList[inspPlan]](e, http.StatusOK, req{Method: "GET", Path: sct + "/inspection-plans?role=inspected", User: "committee.officer"})
	if len(plans.Items) != 1 || plans.Items[0].Status != "concluded" {
		t.Fatalf("plans inspecting DU-SCT: %+v", plans)
	}
	findings := call[inspList[inspFinding]](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/inspection-plans/" + plans.Items[0].ID + "/findings", User: "committee.officer"})
	kinds, overdue := []string{}, 0
	for _, f := range findings.Items {
		if f.RecordKind != nil {
			kinds = append(kinds, *f.RecordKind)
		}
		for _, r := range f.Recommendations {
			if r.Overdue {
				overdue++
			}
		}
	}
	if !slices.Equal(mxSorted(kinds), []string{"model", "standard"}) || overdue != 1 {
		t.Fatalf("demo findings on %v, %d overdue: %+v", kinds, overdue, findings)
	}
	problem(t, e.do(req{Method: "GET", Path: sct + "/inspection-plans?role=inspected", User: "cell.secretary2"}), 404, "not_found")
}

// TestInspectionFiguresInTheReport checks that a committee's report of a round counts the
// inspections it carried out in the round's period, and that consolidation sums them.
func TestInspectionFiguresInTheReport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sct := "/api/v1/units/" + e.units["DU-SCT"].String()
	plan := call[inspPlan](e, http.StatusCreated, req{Method: "POST", Path: sct + "/inspection-plans", User: "committee.officer",
		Body: inspPlanBody(e, []string{"CB-VP", "CB-QLTM"}, "committee.officer")})
	planPath := "/api/v1/inspection-plans/" + plan.ID
	e.must(http.StatusOK, req{Method: "POST", Path: planPath + "/approve", User: "committee.officer"})
	e.must(http.StatusOK, req{Method: "POST", Path: planPath + "/start", User: "committee.officer"})
	for _, f := range []struct{ unit, rating, due string }{{"CB-VP", "violation", inspDay(-3)}, {"CB-QLTM", "good", inspDay(40)},
		{"CB-QLTM", "meets", strconv.Itoa(vnYear()-1) + "-12-01"}} {
		fd := call[inspFinding](e, http.StatusCreated, req{Method: "POST", Path: planPath + "/findings", User: "committee.officer",
			Body: map[string]any{"unit_id": e.units[f.unit], "summary": "Nội dung kiểm tra.", "rating": f.rating}})
		e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/inspection-findings/" + fd.ID + "/recommendations", User: "committee.officer",
			Body: map[string]any{"text": "Khắc phục.", "due_on": f.due}})
	}
	last := vnYear() - 1
	round := e.rptOpen("bloc.officer", "KHOI-CQDN", map[string]any{"title": "Tổng kết năm", "year": last, "period": "year",
		"due_on": inspDay(30), "levels": []string{"committee"}})
	figures := func(code string) map[string]any {
		r := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/reports/" + e.rptReports(round.ID)[code].ID, User: "admin"}).JSON(t)
		return r["figures"].(map[string]any)
	}
	f := figures("DU-SCT")
	if f["inspection_plans"] != 1.0 || f["recommendations_open"] != 3.0 || f["recommendations_closed"] != 0.0 {
		t.Fatalf("DU-SCT's figures %v", f)
	}
	// The period ended last year: of the recommendations only the one due in December was overdue then.
	if f["recommendations_overdue"] != 1.0 || f["inspection_findings_by_rating"].(map[string]any)["violation"] != 1.0 {
		t.Fatalf("DU-SCT's figures %v", f)
	}
	if other := figures("DU-STP"); other["inspection_plans"] != 0.0 {
		t.Fatalf("DU-STP counts another committee's inspections: %v", other)
	}
}
