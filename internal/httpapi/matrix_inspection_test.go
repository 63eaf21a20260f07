package httpapi_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// mxInspector makes the inspection fixtures of the matrix as admin.
type mxInspector struct {
	e  *env
	fx *mxFixtures
}

// plan creates a plan owned by unit over units with team, brought to status (draft, approved,
// in_progress or concluded), and returns its id.
func (m mxInspector) plan(owner string, units []string, team []uuid.UUID, status string) string {
	e := m.e
	e.t.Helper()
	body := inspPlanBody(e, units)
	ids := []string{}
	for _, id := range team {
		ids = append(ids, id.String())
	}
	body["team"] = ids
	id := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.units[owner].String() + "/inspection-plans", User: "admin",
		Body: body}).JSON(e.t)["id"].(string)
	for _, step := range []struct{ action, upTo string }{{"approve", "approved"}, {"start", "in_progress"}} {
		if status == "draft" {
			break
		}
		e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/inspection-plans/" + id + "/" + step.action, User: "admin"})
		if status == step.upTo {
			break
		}
	}
	return id
}

func (m mxInspector) conclude(plan string) {
	m.e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/inspection-plans/" + plan + "/conclude", User: "admin",
		Body: map[string]any{"conclusion": "Kết luận của đoàn kiểm tra."}})
}

// finding records a finding on unit in plan (in progress) and returns its id.
func (m mxInspector) finding(plan, unit string) string {
	return m.e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/inspection-plans/" + plan + "/findings", User: "admin",
		Body: map[string]any{"unit_id": m.e.units[unit], "summary": "Chưa niêm yết chuẩn mực.", "rating": "needs_improvement"}}).JSON(m.e.t)["id"].(string)
}

// rec adds a recommendation, due ten days ago, to finding and returns its id.
func (m mxInspector) rec(finding string) string {
	return m.e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/inspection-findings/" + finding + "/recommendations", User: "admin",
		Body: map[string]any{"text": "Niêm yết chuẩn mực.", "due_on": inspDay(-10)}}).JSON(m.e.t)["id"].(string)
}

// freshRec is a recommendation to CB-VP of a new concluded plan of the bloc over DU-SCT
// (inspector on the team), answered by admin when answered.
func (m mxInspector) freshRec(answered bool) string {
	plan := m.plan("KHOI-CQDN", []string{"DU-SCT"}, []uuid.UUID{m.e.users["inspector"]}, "in_progress")
	r := m.rec(m.finding(plan, "CB-VP"))
	m.conclude(plan)
	if answered {
		m.e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/inspection-recommendations/" + r + "/answer", User: "admin",
			Body: map[string]any{"text": "Đã niêm yết."}})
	}
	return r
}

// mxInspectionRows is the rows of inspection plans, findings, recommendations, summaries and
// the conclusion document. Plans are drafted by the officers and inspectors of the owning
// unit itself, approved by its officers, carried out by the team; the inspected units (down to
// their cells) read a plan once approved and its findings on their own subtree once concluded;
// members and portal clients read nothing.
func mxInspectionRows(w *mxWorld) []mxRow {
	e, fx, unit, get := w.e, w.fx, w.unit, w.get
	m := mxInspector{e: e, fx: fx}
	inspector := e.users["inspector"]

	// The demo's concluded plan of the bloc over DU-SCT, its findings and its overdue recommendation.
	demoPlans := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + unit("KHOI-CQDN") + "/inspection-plans?status=concluded", User: "admin"}).JSON(e.t)["items"].([]any)
	if len(demoPlans) != 1 {
		e.t.Fatalf("want the demo's concluded plan, got %v", demoPlans)
	}
	demo := demoPlans[0].(map[string]any)["id"].(string)
	var findVP, findSCT, recVP string
	for _, it := range e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/inspection-plans/" + demo + "/findings", User: "admin"}).JSON(e.t)["items"].([]any) {
		f := it.(map[string]any)
		switch f["unit"].(map[string]any)["code"] {
		case "CB-VP":
			findVP = f["id"].(string)
			recVP = f["recommendations"].([]any)[0].(map[string]any)["id"].(string)
		case "DU-SCT":
			findSCT = f["id"].(string)
		}
	}
	// A draft at the bloc; a plan in progress over DU-STP with a finding on CB-BTTP; a plan at MX-BLOC.
	draft := m.plan("KHOI-CQDN", []string{"DU-SCT", "DU-STP"}, []uuid.UUID{inspector}, "draft")
	stp := m.plan("KHOI-CQDN", []string{"DU-STP"}, []uuid.UUID{inspector}, "in_progress")
	findBTTP := m.finding(stp, "CB-BTTP")
	recBTTP := m.rec(findBTTP)
	mxOfficer := fx.user(e, e.units["MX-BLOC"])
	fx.grant(e, mxOfficer, "bloc_officer", w.uid("MX-BLOC"))
	mxOnDU := fx.user(e, e.units["MX-DU"])
	fx.grant(e, mxOnDU, "committee_officer", w.uid("MX-DU"))
	mxPlan := m.plan("MX-BLOC", []string{"MX-DU"}, []uuid.UUID{mxOfficer}, "draft")

	plans := func(code, query string) func(*env, string) req {
		return get("/api/v1/units/" + unit(code) + "/inspection-plans" + query)
	}
	createAt := func(code string, units []string, team string) func(*env, string) req {
		return func(e *env, _ string) req {
			return req{Method: "POST", Path: "/api/v1/units/" + unit(code) + "/inspection-plans", Body: inspPlanBody(e, units, team)}
		}
	}
	createMX := func(e *env, _ string) req {
		body := inspPlanBody(e, []string{"MX-DU"})
		body["team"] = []string{mxOnDU.String()}
		body["unit_ids"] = []string{unit("MX-CB")}
		return req{Method: "POST", Path: "/api/v1/units/" + unit("MX-DU") + "/inspection-plans", Body: body}
	}
	onPlan := func(id, method, suffix string, body any) func(*env, string) req {
		return func(*env, string) req {
			return req{Method: method, Path: "/api/v1/inspection-plans/" + id + suffix, Body: body}
		}
	}
	freshPlan := func(status, method, suffix string, body any) func(*env, string) req {
		return func(*env, string) req {
			id := m.plan("KHOI-CQDN", []string{"DU-SCT"}, []uuid.UUID{inspector}, status)
			return req{Method: method, Path: "/api/v1/inspection-plans/" + id + suffix, Body: body}
		}
	}
	onFinding := func(id, method, suffix string, body any) func(*env, string) req {
		return func(*env, string) req {
			return req{Method: method, Path: "/api/v1/inspection-findings/" + id + suffix, Body: body}
		}
	}
	onRec := func(id, method, suffix string, body any) func(*env, string) req {
		return func(*env, string) req {
			return req{Method: method, Path: "/api/v1/inspection-recommendations/" + id + suffix, Body: body}
		}
	}
	freshRec := func(answered bool, suffix string, body any) func(*env, string) req {
		return func(*env, string) req {
			return req{Method: "POST", Path: "/api/v1/inspection-recommendations/" + m.freshRec(answered) + suffix, Body: body}
		}
	}
	summary := func(code string) func(*env, string) req {
		return get("/api/v1/units/" + unit(code) + "/inspection-summary?from=2000-01-01&to=2100-12-31")
	}
	newFinding := map[string]any{"unit_id": unit("CB-BTTP"), "summary": "Chưa có sổ theo dõi mô hình.", "rating": "meets"}
	newRec := map[string]any{"text": "Lập sổ theo dõi.", "due_on": inspDay(20)}
	answer := map[string]any{"text": "Đã thực hiện."}
	conclusion := map[string]any{"conclusion": "Kết luận."}
	patch := map[string]any{"title": "Kế hoạch kiểm tra đã sửa"}
	const pdf, xlsx = "application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	return []mxRow{
		{op: "listInspectionPlans", target: "KHOI-CQDN own", build: plans("KHOI-CQDN", ""),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxCount(map[string]int{"admin": 3, "bloc.officer": 3, "inspector": 3, "committee.officer": 1, "cell.secretary": 1, "member": 0, "cell.secretary2": 1, "portal": 0})},
		{op: "listInspectionPlans", target: "CB-VP inspected", build: plans("CB-VP", "?role=inspected"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxCount(map[string]int{"admin": 1, "inspector": 1, "committee.officer": 1, "cell.secretary": 1, "member": 0, "portal": 0})},
		{op: "listInspectionPlans", target: "foreign bloc", build: plans("MX-BLOC", ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxCount(map[string]int{"admin": 1})},
		{op: "listInspectionPlans", target: "unknown unit", build: get("/api/v1/units/" + uuid.NewString() + "/inspection-plans"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getInspectionPlan", target: "demo concluded over DU-SCT", build: onPlan(demo, "GET", "", nil),
			want: mxCodes{401, 200, 200, 200, 200, 200, 404, 404, 404}, check: mxField("status", "concluded")},
		{op: "getInspectionPlan", target: "draft at KHOI-CQDN", build: onPlan(draft, "GET", "", nil),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404},
			check: mxActions(map[string][]string{"admin": {"update", "delete", "approve"}, "bloc.officer": {"update", "delete", "approve"}, "inspector": {"update", "delete"}})},
		{op: "getInspectionPlan", target: "in progress over DU-STP", build: onPlan(stp, "GET", "", nil),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404},
			check: mxActions(map[string][]string{"bloc.officer": {"conclude"}, "inspector": {"conclude", "add_finding"}, "cell.secretary2": mxNone})},
		{op: "getInspectionPlan", target: "foreign plan", build: onPlan(mxPlan, "GET", "", nil),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getInspectionPlan", target: "unknown id", build: onPlan(uuid.NewString(), "GET", "", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "listInspectionFindings", target: "demo concluded", build: onPlan(demo, "GET", "/findings", nil),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 404, 404, 404},
			check: mxCount(map[string]int{"admin": 3, "inspector": 3, "committee.officer": 3, "cell.secretary": 1})},
		{op: "listInspectionFindings", target: "in progress over DU-STP", build: onPlan(stp, "GET", "/findings", nil),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404},
			check: mxCount(map[string]int{"admin": 1, "inspector": 1, "cell.secretary2": 0})},
		{op: "listInspectionFindings", target: "unknown plan", build: onPlan(uuid.NewString(), "GET", "/findings", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getInspectionFinding", target: "demo, on CB-VP", build: onFinding(findVP, "GET", "", nil),
			want: mxCodes{401, 200, 200, 200, 200, 200, 404, 404, 404}, check: mxField("rating", "needs_improvement")},
		{op: "getInspectionFinding", target: "demo, on DU-SCT", build: onFinding(findSCT, "GET", "", nil),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404}},
		{op: "getInspectionFinding", target: "not concluded, on CB-BTTP", build: onFinding(findBTTP, "GET", "", nil),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404}},
		{op: "getInspectionFinding", target: "unknown id", build: onFinding(uuid.NewString(), "GET", "", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getInspectionRecommendation", target: "demo, overdue on CB-VP", build: onRec(recVP, "GET", "", nil),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 404, 404, 404},
			check: mxAll(mxField("status", "open"), mxActions(map[string][]string{"admin": {"answer"}, "inspector": mxNone, "committee.officer": mxNone, "cell.secretary": {"answer"}}))},
		{op: "getInspectionRecommendation", target: "not concluded, on CB-BTTP", build: onRec(recBTTP, "GET", "", nil),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404}},
		{op: "getInspectionRecommendation", target: "unknown id", build: onRec(uuid.NewString(), "GET", "", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "listUnitInspectionRecommendations", target: "CB-VP", build: get("/api/v1/units/" + unit("CB-VP") + "/inspection-recommendations"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxCount(map[string]int{"admin": 1, "inspector": 1, "committee.officer": 1, "cell.secretary": 1, "member": 0, "portal": 0})},
		{op: "listUnitInspectionRecommendations", target: "CB-BTTP (plan not concluded)", build: get("/api/v1/units/" + unit("CB-BTTP") + "/inspection-recommendations"),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: mxCount(map[string]int{"admin": 1, "inspector": 1, "cell.secretary2": 0, "portal": 0})},
		{op: "listUnitInspectionRecommendations", target: "foreign cell", build: get("/api/v1/units/" + unit("MX-CB") + "/inspection-recommendations"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getInspectionSummary", target: "KHOI-CQDN", build: summary("KHOI-CQDN"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403}},
		{op: "getInspectionSummary", target: "DU-SCT", build: summary("DU-SCT"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}},
		{op: "getInspectionSummary", target: "foreign bloc", build: summary("MX-BLOC"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getInspectionConclusionFile", target: "demo concluded, PDF", build: onPlan(demo, "GET", "/files/conclusion.pdf", nil),
			want: mxCodes{401, 200, 200, 200, 200, 200, 404, 404, 404}, check: mxFormFile("ket-luan-kiem-tra-KHOI-CQDN-"+inspYearBefore()+".pdf", pdf)},
		{op: "getInspectionConclusionFile", target: "not concluded, XLSX", build: onPlan(stp, "GET", "/files/conclusion.xlsx", nil),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404}, check: mxFormFile("ket-luan-kiem-tra-KHOI-CQDN-"+inspYearBefore()+".xlsx", xlsx)},
		{op: "getInspectionConclusionFile", target: "unknown plan", build: onPlan(uuid.NewString(), "GET", "/files/conclusion.pdf", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},

		{op: "getMyTasks", target: "overdue recommendations", build: get("/api/v1/me/tasks"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: inspTasksOf(map[string][]string{
				// The inspecting unit follows up what is overdue and not closed, concluded or not.
				"inspector":    {"follow_up_recommendation " + recVP, "follow_up_recommendation " + recBTTP},
				"bloc.officer": {"follow_up_recommendation " + recVP, "-answer_recommendation " + recVP},
				// The responsible cell answers once the plan is concluded; the committee above does not.
				"cell.secretary":    {"answer_recommendation " + recVP},
				"committee.officer": {"-answer_recommendation " + recVP, "-follow_up_recommendation " + recVP},
				"cell.secretary2":   {"-answer_recommendation " + recBTTP},
				"member":            {"-answer_recommendation " + recVP}})},

		// Writes.
		{op: "createInspectionPlan", target: "at KHOI-CQDN", build: createAt("KHOI-CQDN", []string{"DU-SCT"}, "inspector"),
			want: mxCodes{401, 201, 201, 201, 403, 403, 403, 403, 403}, check: mxField("status", "draft")},
		{op: "createInspectionPlan", target: "at DU-SCT", build: createAt("DU-SCT", []string{"CB-VP"}, "committee.officer"),
			want: mxCodes{401, 201, 403, 403, 201, 403, 403, 404, 403}},
		{op: "createInspectionPlan", target: "at a cell", build: createAt("CB-VP", []string{"CB-VP"}, "cell.secretary"),
			want: mxCodes{401, 422, 403, 403, 403, 403, 403, 404, 403}, problems: map[string]string{"admin": "no_inspection_role"}},
		{op: "createInspectionPlan", target: "foreign committee", build: createMX,
			want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateInspectionPlan", target: "fresh draft", build: freshPlan("draft", "PATCH", "", patch),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404}},
		{op: "updateInspectionPlan", target: "demo concluded", build: onPlan(demo, "PATCH", "", patch),
			want: mxCodes{401, 409, 409, 409, 403, 403, 404, 404, 404}},
		{op: "deleteInspectionPlan", target: "fresh draft", build: freshPlan("draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 204, 204, 404, 404, 404, 404, 404}},
		{op: "deleteInspectionPlan", target: "demo concluded", build: onPlan(demo, "DELETE", "", nil),
			want: mxCodes{401, 409, 409, 409, 403, 403, 404, 404, 404}},
		{op: "approveInspectionPlan", target: "fresh draft", build: freshPlan("draft", "POST", "/approve", nil),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 404, 404}},
		{op: "approveInspectionPlan", target: "demo concluded", build: onPlan(demo, "POST", "/approve", nil),
			want: mxCodes{401, 409, 409, 403, 403, 403, 404, 404, 404}},
		{op: "startInspectionPlan", target: "fresh approved", build: freshPlan("approved", "POST", "/start", nil),
			want: mxCodes{401, 200, 200, 200, 403, 403, 404, 404, 404}},
		{op: "startInspectionPlan", target: "fresh draft", build: freshPlan("draft", "POST", "/start", nil),
			want: mxCodes{401, 409, 409, 409, 404, 404, 404, 404, 404}},
		{op: "concludeInspectionPlan", target: "fresh in progress", build: freshPlan("in_progress", "POST", "/conclude", conclusion),
			want: mxCodes{401, 200, 200, 200, 403, 403, 404, 404, 404}},
		{op: "concludeInspectionPlan", target: "demo concluded", build: onPlan(demo, "POST", "/conclude", conclusion),
			want: mxCodes{401, 409, 409, 409, 403, 403, 404, 404, 404}},
		{op: "createInspectionFinding", target: "in progress over DU-STP", build: onPlan(stp, "POST", "/findings", newFinding),
			want: mxCodes{401, 201, 403, 201, 404, 404, 404, 403, 404}},
		{op: "createInspectionFinding", target: "demo concluded", build: onPlan(demo, "POST", "/findings", newFinding),
			want: mxCodes{401, 409, 409, 409, 403, 403, 404, 404, 404}},
		{op: "createInspectionRecommendation", target: "not concluded, on CB-BTTP", build: onFinding(findBTTP, "POST", "/recommendations", newRec),
			want: mxCodes{401, 201, 403, 201, 404, 404, 404, 404, 404}},
		{op: "createInspectionRecommendation", target: "demo concluded, on CB-VP", build: onFinding(findVP, "POST", "/recommendations", newRec),
			want: mxCodes{401, 409, 409, 409, 403, 403, 404, 404, 404}},
		{op: "answerInspectionRecommendation", target: "fresh, concluded, on CB-VP", build: freshRec(false, "/answer", answer),
			want: mxCodes{401, 200, 403, 403, 403, 200, 404, 404, 404}, check: mxField("status", "answered")},
		{op: "answerInspectionRecommendation", target: "not concluded, on CB-BTTP", build: onRec(recBTTP, "POST", "/answer", answer),
			want: mxCodes{401, 409, 403, 403, 404, 404, 404, 404, 404}},
		{op: "closeInspectionRecommendation", target: "fresh answered", build: freshRec(true, "/close", nil),
			want: mxCodes{401, 200, 200, 200, 403, 403, 404, 404, 404}, check: mxField("status", "closed")},
		{op: "closeInspectionRecommendation", target: "demo open", build: onRec(recVP, "POST", "/close", nil),
			want: mxCodes{401, 409, 409, 409, 403, 403, 404, 404, 404}},
		{op: "reopenInspectionRecommendation", target: "fresh answered", build: freshRec(true, "/reopen", answer),
			want: mxCodes{401, 200, 200, 200, 403, 403, 404, 404, 404}, check: mxField("status", "open")},
		{op: "reopenInspectionRecommendation", target: "demo open", build: onRec(recVP, "POST", "/reopen", answer),
			want: mxCodes{401, 409, 409, 409, 403, 403, 404, 404, 404}},
	}
}

// inspTasksOf checks, for the callers named in want, that their tasks include "kind id" of
// each entry, and lack "kind id" of each entry written "-kind id".
func inspTasksOf(want map[string][]string) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		has := map[string]bool{}
		for _, it := range got.JSON(t)["items"].([]any) {
			task := it.(map[string]any)
			has[task["kind"].(string)+" "+task["resource_id"].(string)] = true
		}
		for _, w := range want[caller] {
			if absent, ok := strings.CutPrefix(w, "-"); ok {
				if has[absent] {
					t.Errorf("task %s offered, want none: %s", absent, got.Body)
				}
			} else if !has[w] {
				t.Errorf("no task %s: %s", w, got.Body)
			}
		}
	}
}

// inspYearBefore is last year, when the periods of the matrix's and the demo's plans start.
func inspYearBefore() string { return strconv.Itoa(vnYear() - 1) }
