package httpapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
)

func TestModelLifecycle(t *testing.T) {
	t.Parallel()
	e, year := newModelEnv(t)
	none := []string{}

	// Create with every field, typed in NFD with stray spaces: stored and echoed in NFC, trimmed,
	// repeated reasons dropped.
	name := "Số hóa hồ sơ, phục vụ nhân dân tận tình"
	content := "Học tập phong cách làm việc khoa học, sâu sát của Bác."
	if norm.NFD.String(name) == name || norm.NFD.String(content) == content {
		t.Fatal("the NFD test strings must differ from their NFC form")
	}
	nfd := func(s string) string { return "  " + norm.NFD.String(s) + " " }
	monitorID := e.users[mdlOfficer].String()
	body := map[string]any{
		"name": nfd(name), "year": year, "category": "admin_reform_service",
		"implementer":       map[string]any{"kind": "collective", "name": nfd("Tổ Văn thư - Lưu trữ")},
		"learning_content":  nfd(content),
		"necessity_reasons": []string{"improve_public_service", "overcome_weakness", "improve_public_service"},
		"necessity_text":    nfd("Hồ sơ giấy chậm, người dân phải chờ lâu."),
		"measures": map[string]any{
			"plan": nfd("Quét toàn bộ hồ sơ cũ; tiếp nhận hồ sơ điện tử."),
			"milestones": []map[string]any{
				{"date": fmt.Sprintf("%d-03-31", year), "description": nfd("Đăng ký, quán triệt")},
				{"date": fmt.Sprintf("%d-06-30", year), "description": nfd("Sơ kết 6 tháng")},
				{"date": fmt.Sprintf("%d-06-30", year), "description": nfd("Báo cáo đảng ủy")},
			},
			"monitor": map[string]any{"name": nfd("Đồng chí Phó Bí thư chi bộ"), "user_id": monitorID},
		},
		"expected_results": nfd("Giảm thời gian chờ còn một nửa."),
		"replicability":    nfd("Dễ nhân rộng ra các chi bộ khác."),
	}
	m := e.mdlCreate(mdlSec, "CB-VP", body)
	plan := "Quét toàn bộ hồ sơ cũ; tiếp nhận hồ sơ điện tử."
	wantMeasures := mdlMeasures{Plan: &plan, Milestones: []mdlMilestone{
		{fmt.Sprintf("%d-03-31", year), "Đăng ký, quán triệt"},
		{fmt.Sprintf("%d-06-30", year), "Sơ kết 6 tháng"},
		{fmt.Sprintf("%d-06-30", year), "Báo cáo đảng ủy"},
	}, Monitor: &mdlMonitor{Name: "Đồng chí Phó Bí thư chi bộ", UserID: &monitorID}}
	checkContent := func(step string, m mdlModel, wantContent string, wantMeasures mdlMeasures) {
		t.Helper()
		if m.Name != name || m.Year != year || m.Category != "admin_reform_service" ||
			m.Implementer != (mdlImplementer{"collective", "Tổ Văn thư - Lưu trữ"}) || m.LearningContent != wantContent ||
			!slices.Equal(m.NecessityReasons, []string{"improve_public_service", "overcome_weakness"}) ||
			m.NecessityText != "Hồ sơ giấy chậm, người dân phải chờ lâu." || m.ExpectedResults != "Giảm thời gian chờ còn một nửa." ||
			m.Replicability != "Dễ nhân rộng ra các chi bộ khác." ||
			m.Unit != (mdlUnitRef{e.units["CB-VP"].String(), "cell", "CB-VP", "Chi bộ Văn phòng"}) {
			t.Fatalf("%s: content %+v", step, m)
		}
		if *m.Measures.Plan != *wantMeasures.Plan || !slices.Equal(m.Measures.Milestones, wantMeasures.Milestones) ||
			m.Measures.Monitor == nil || m.Measures.Monitor.Name != wantMeasures.Monitor.Name ||
			m.Measures.Monitor.UserID == nil || *m.Measures.Monitor.UserID != monitorID {
			t.Fatalf("%s: measures %+v", step, m.Measures)
		}
	}
	checkContent("create", m, content, wantMeasures)
	if m.RegisteredAt != nil || m.StatusReason != nil || m.CarriedOverFrom != nil || m.ReplicatedFrom != nil ||
		m.LatestRating != nil || len(m.Figures) != 0 {
		t.Fatalf("created: %+v", m)
	}
	if got := e.mdlGet(mdlSec, m.ID); got.Version != 1 {
		t.Fatalf("GET after create: %+v", got)
	} else {
		checkContent("get", got, content, wantMeasures)
	}
	e.mdlWantActions("draft", m.ID, map[string][]string{
		mdlSec: {"update", "delete", "register"}, mdlOfficer: none, mdlMember: none})

	// Update: the milestones are replaced whole; the rest stays.
	wantMeasures.Milestones = []mdlMilestone{{fmt.Sprintf("%d-04-15", year), "Đăng ký"}, {fmt.Sprintf("%d-12-15", year), "Tổng kết"}}
	m = call[mdlModel](e, http.StatusOK, req{Method: "PATCH", Path: mdlPath(m.ID), User: mdlSec, Header: ifMatch(1), Body: map[string]any{"measures": map[string]any{
		"plan": plan, "monitor": map[string]any{"name": "Đồng chí Phó Bí thư chi bộ", "user_id": monitorID},
		"milestones": []map[string]any{
			{"date": fmt.Sprintf("%d-04-15", year), "description": "Đăng ký"},
			{"date": fmt.Sprintf("%d-12-15", year), "description": "Tổng kết"}},
	}}})
	if m.Version != 2 || m.Status != "draft" {
		t.Fatalf("updated: %+v", m)
	}
	checkContent("update", m, content, wantMeasures)

	// Register.
	m = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(m.ID, "register"), User: mdlSec, Header: ifMatch(2)})
	if m.Status != "registered" || m.Version != 3 || m.RegisteredAt == nil {
		t.Fatalf("registered: %+v", m)
	}
	e.mdlWantActions("registered", m.ID, map[string][]string{
		mdlSec: none, mdlOfficer: {"approve", "return"}, mdlMember: none})

	// Return: a reason is required (blank → 422; missing → 400 by the contract).
	problem(t, e.do(req{Method: "POST", Path: mdlPath(m.ID, "return"), User: mdlOfficer, Header: ifMatch(3), Body: map[string]any{"reason": " \t "}}), http.StatusUnprocessableEntity, "validation")
	problem(t, e.do(req{Method: "POST", Path: mdlPath(m.ID, "return"), User: mdlOfficer, Header: ifMatch(3), Body: map[string]any{}}), http.StatusBadRequest, "validation")
	reason := "Cần nêu rõ chỉ tiêu định lượng."
	m = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(m.ID, "return"), User: mdlOfficer, Header: ifMatch(3), Body: map[string]any{"reason": norm.NFD.String(reason)}})
	if m.Status != "returned" || m.Version != 4 || m.StatusReason == nil || *m.StatusReason != reason {
		t.Fatalf("returned: %+v", m)
	}
	e.mdlWantActions("returned", m.ID, map[string][]string{
		mdlSec: {"update", "register"}, mdlOfficer: none, mdlMember: none})

	// Edit and register again.
	content2 := "Học tập phong cách làm việc khoa học của Bác; mỗi tháng số hóa 500 hồ sơ."
	m = call[mdlModel](e, http.StatusOK, req{Method: "PATCH", Path: mdlPath(m.ID), User: mdlSec, Header: ifMatch(4), Body: map[string]any{"learning_content": content2}})
	checkContent("edit after return", m, content2, wantMeasures)
	m = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(m.ID, "register"), User: mdlSec, Header: ifMatch(5)})
	if m.Status != "registered" || m.Version != 6 || m.StatusReason != nil {
		t.Fatalf("registered again: %+v", m)
	}

	// Approve.
	m = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(m.ID, "approve"), User: mdlOfficer, Header: ifMatch(6)})
	if m.Status != "approved" || m.Version != 7 {
		t.Fatalf("approved: %+v", m)
	}
	e.mdlWantActions("approved", m.ID, map[string][]string{
		mdlSec: {"start", "retire", "carry_over"}, mdlOfficer: {"retire", "replicate"}, mdlMember: none})

	// Start.
	m = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(m.ID, "start"), User: mdlSec, Header: ifMatch(7)})
	if m.Status != "in_progress" || m.Version != 8 {
		t.Fatalf("started: %+v", m)
	}
	e.mdlWantActions("in_progress", m.ID, map[string][]string{
		mdlSec: {"complete", "retire", "evaluate", "carry_over"}, mdlOfficer: {"retire", "evaluate", "appraise", "replicate"}, mdlMember: none})

	// Evaluate the year, then Q1, then H1 (the officer above does H1): listed and charted in period
	// order whatever the order they were recorded in.
	households := norm.NFD.String("Số hộ được hỗ trợ")
	evalPosts := []struct {
		user, period, rating string
		metrics              []map[string]any
	}{
		{mdlSec, "year", "excellent", []map[string]any{
			{"name": households, "unit": "hộ", "baseline": 2, "value": 9},
			{"name": "Số lượt góp ý", "unit": "lượt", "value": 30}}},
		{mdlSec, "Q1", "fair", []map[string]any{
			{"name": households, "unit": "hộ", "baseline": 2, "value": 3}}},
		{mdlOfficer, "H1", "good", []map[string]any{
			{"name": households, "unit": "hộ", "baseline": 2, "value": 5},
			{"name": "Số lượt góp ý", "unit": "lượt", "baseline": 10, "value": 12}}},
	}
	for _, p := range evalPosts {
		var ev mdlEvaluation
		e.must(http.StatusCreated, req{Method: "POST", Path: mdlPath(m.ID, "evaluations"), User: p.user,
			Body: mdlEval(p.period, p.rating, p.metrics...)}).Decode(t, &ev)
		wantEvaluator := map[string]string{mdlSec: "Phạm Thị Lan", mdlOfficer: "Lê Minh Tuấn"}[p.user]
		if ev.ModelID != m.ID || ev.Year != year || ev.Period != p.period || ev.Rating != p.rating || ev.EvaluatorName != wantEvaluator ||
			ev.Awareness != "Nhận thức chuyển biến." || len(ev.Metrics) != len(p.metrics) || ev.Metrics[0].Name != "Số hộ được hỗ trợ" {
			t.Fatalf("evaluation %s: %+v", p.period, ev)
		}
	}
	var evals struct {
		Items []mdlEvaluation `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: mdlPath(m.ID, "evaluations"), User: mdlMember}).Decode(t, &evals)
	var periods []string
	for _, ev := range evals.Items {
		periods = append(periods, ev.Period)
	}
	if !slices.Equal(periods, []string{"Q1", "H1", "year"}) {
		t.Fatalf("evaluations in order %q", periods)
	}
	got := e.mdlGet(mdlMember, m.ID)
	if got.Version != 8 || got.Status != "in_progress" || got.LatestRating == nil {
		t.Fatalf("evaluating changed the model: %+v", got)
	}
	wantFigures := []mdlSeries{
		{Name: "Số hộ được hỗ trợ", Unit: "hộ", Baseline: mdlF(2), Points: []mdlPoint{{year, "Q1", 3}, {year, "H1", 5}, {year, "year", 9}}},
		{Name: "Số lượt góp ý", Unit: "lượt", Baseline: mdlF(10), Points: []mdlPoint{{year, "H1", 12}, {year, "year", 30}}},
	}
	if len(got.Figures) != len(wantFigures) {
		t.Fatalf("figures %+v", got.Figures)
	}
	for i, w := range wantFigures {
		g := got.Figures[i]
		if g.Name != w.Name || g.Unit != w.Unit || g.Baseline == nil || *g.Baseline != *w.Baseline || !slices.Equal(g.Points, w.Points) {
			t.Fatalf("figure %d: %+v, want %+v", i, g, w)
		}
	}

	// Complete.
	m = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(m.ID, "complete"), User: mdlSec, Header: ifMatch(8)})
	if m.Status != "completed" || m.Version != 9 {
		t.Fatalf("completed: %+v", m)
	}
	if len(e.mdlGet(mdlSec, m.ID).Figures) != 2 {
		t.Fatal("a completed model keeps its figures")
	}
	e.mdlWantActions("completed", m.ID, map[string][]string{
		mdlSec: {"carry_over"}, mdlOfficer: {"appraise", "replicate"}, mdlMember: none})

	// Every step is audited, in order, by whom it was done; the refused return is not.
	type step struct{ action, actor string }
	want := []step{{"model.create", mdlSec}, {"model.update", mdlSec}, {"model.register", mdlSec}, {"model.return", mdlOfficer},
		{"model.update", mdlSec}, {"model.register", mdlSec}, {"model.approve", mdlOfficer}, {"model.start", mdlSec},
		{"model.evaluate", mdlSec}, {"model.evaluate", mdlSec}, {"model.evaluate", mdlOfficer}, {"model.complete", mdlSec}}
	events := e.mdlAudit("CB-VP", m.ID)
	if len(events) != len(want) {
		var got []string
		for _, ev := range events {
			got = append(got, ev.Action)
		}
		t.Fatalf("audit %q, want %d events %v", got, len(want), want)
	}
	for i, w := range want {
		ev := events[i]
		if ev.Action != w.action || ev.ResourceType != "model" || ev.ActorID == nil || *ev.ActorID != e.users[w.actor].String() ||
			ev.UnitID == nil || *ev.UnitID != e.units["CB-VP"].String() {
			t.Fatalf("audit event %d: %+v, want %v", i, ev, w)
		}
	}
	if ret := events[3]; ret.Before["status"] != "registered" || ret.After["status"] != "returned" || ret.After["status_reason"] != reason {
		t.Fatalf("return event: %v → %v", ret.Before, ret.After)
	}
	if ev := events[10]; ev.After["period"] != "H1" || ev.After["rating"] != "good" {
		t.Fatalf("evaluate event: %v", ev.After)
	}

	// Retire, on another model in progress: the reason is required; the officer above may retire.
	r := e.mdlAt("Mô hình sẽ loại bỏ", year, "in_progress")
	problem(t, e.do(req{Method: "POST", Path: mdlPath(r.ID, "retire"), User: mdlSec, Header: ifMatch(r.Version), Body: map[string]any{"reason": "   "}}), http.StatusUnprocessableEntity, "validation")
	problem(t, e.do(req{Method: "POST", Path: mdlPath(r.ID, "retire"), User: mdlSec, Header: ifMatch(r.Version), Body: map[string]any{}}), http.StatusBadRequest, "validation")
	r = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(r.ID, "retire"), User: mdlOfficer, Header: ifMatch(r.Version), Body: map[string]any{"reason": "Không còn phù hợp với nhiệm vụ."}})
	if r.Status != "retired" || r.StatusReason == nil || *r.StatusReason != "Không còn phù hợp với nhiệm vụ." {
		t.Fatalf("retired: %+v", r)
	}
	e.mdlWantActions("retired", r.ID, map[string][]string{mdlSec: none, mdlOfficer: none, mdlMember: none})
	rev := e.mdlAudit("CB-VP", r.ID)
	if last := rev[len(rev)-1]; len(rev) != 5 || last.Action != "model.retire" || *last.ActorID != e.users[mdlOfficer].String() ||
		last.After["status_reason"] != "Không còn phù hợp với nhiệm vụ." {
		t.Fatalf("retire audit: %d events, last %+v", len(rev), last)
	}
}

func TestModelRefusals(t *testing.T) {
	t.Parallel()
	e, year := newModelEnv(t)

	// Models in every state, at CB-VP; a registration of the admin's own at CB-KTAT.
	at := map[string]mdlModel{}
	for _, s := range []string{"draft", "registered", "returned", "approved", "in_progress", "completed", "retired"} {
		at[s] = e.mdlAt("Mô hình "+s, year, s)
	}
	e.must(http.StatusCreated, req{Method: "POST", Path: mdlPath(at["in_progress"].ID, "evaluations"), User: mdlSec, Body: mdlEval("Q1", "good")})
	adminOwn := e.mdlDriveAs("admin", mdlOfficer, e.mdlCreate("admin", "CB-KTAT", mdlBody("Của quản trị", year)), "registered")

	auditBefore, modelsBefore, evalsBefore := e.count("audit_events", ""), e.count("models", ""), e.count("model_evaluations", "")
	reason := map[string]any{"reason": "Vì lý do khác"}

	t.Run("wrong state", func(t *testing.T) {
		for _, c := range []struct {
			state, user, method, action string
			body                        any
		}{
			{"registered", mdlSec, "POST", "register", nil},
			{"approved", mdlSec, "POST", "register", nil},
			{"draft", mdlOfficer, "POST", "approve", nil},
			{"approved", mdlOfficer, "POST", "approve", nil},
			{"returned", mdlOfficer, "POST", "approve", nil},
			{"draft", mdlOfficer, "POST", "return", reason},
			{"in_progress", mdlOfficer, "POST", "return", reason},
			{"draft", mdlSec, "POST", "start", nil},
			{"registered", mdlSec, "POST", "start", nil},
			{"completed", mdlSec, "POST", "start", nil},
			{"approved", mdlSec, "POST", "complete", nil},
			{"retired", mdlSec, "POST", "complete", nil},
			{"draft", mdlSec, "POST", "retire", reason},
			{"registered", mdlOfficer, "POST", "retire", reason},
			{"completed", mdlSec, "POST", "retire", reason},
			{"retired", mdlSec, "POST", "retire", reason},
			{"registered", mdlSec, "PATCH", "", map[string]any{"name": "Sửa khi đã đăng ký"}},
			{"approved", mdlSec, "PATCH", "", map[string]any{"name": "Sửa khi đã duyệt"}},
			{"completed", mdlSec, "PATCH", "", map[string]any{"name": "Sửa khi đã xong"}},
			{"registered", mdlSec, "DELETE", "", nil},
			{"returned", mdlSec, "DELETE", "", nil}, // once registered, kept
			{"approved", mdlSec, "DELETE", "", nil},
			{"draft", mdlSec, "POST", "evaluations", mdlEval("Q2", "good")},
			{"approved", mdlSec, "POST", "evaluations", mdlEval("Q2", "good")},
			{"completed", mdlSec, "POST", "evaluations", mdlEval("Q2", "good")},
			{"retired", mdlOfficer, "POST", "evaluations", mdlEval("Q2", "good")},
			{"draft", mdlSec, "POST", "carry-over", map[string]any{"year": year + 1}},
			{"returned", mdlSec, "POST", "carry-over", map[string]any{"year": year + 1}},
			{"registered", mdlOfficer, "POST", "replications", map[string]any{"unit_ids": []string{e.units["CB-KTAT"].String()}}},
		} {
			t.Run(c.action+" "+c.method+" "+c.state, func(t *testing.T) {
				m := at[c.state]
				p := problem(t, e.do(req{Method: c.method, Path: mdlPath(m.ID, c.action), User: c.user, Body: c.body}), http.StatusConflict, "invalid_transition")
				if d, _ := p["detail"].(string); !strings.Contains(d, c.state) {
					t.Fatalf("detail %q does not name the state %s", d, c.state)
				}
				if got := e.mdlGet(mdlSec, m.ID); got.Version != m.Version || got.Status != c.state {
					t.Fatalf("after a refusal: version %d status %s, want %d %s", got.Version, got.Status, m.Version, c.state)
				}
			})
		}
	})

	t.Run("evaluations", func(t *testing.T) {
		m := at["in_progress"]
		problem(t, e.do(req{Method: "POST", Path: mdlPath(m.ID, "evaluations"), User: mdlOfficer, Body: mdlEval("Q1", "excellent")}),
			http.StatusConflict, "duplicate")
		problem(t, e.do(req{Method: "POST", Path: mdlPath(m.ID, "evaluations"), User: mdlSec, Body: mdlEval("Q5", "good")}),
			http.StatusBadRequest, "validation")
		problem(t, e.do(req{Method: "POST", Path: mdlPath(m.ID, "evaluations"), User: mdlSec, Body: mdlEval("Q2", "superb")}),
			http.StatusBadRequest, "validation")
		p := problem(t, e.do(req{Method: "POST", Path: mdlPath(m.ID, "evaluations"), User: mdlSec,
			Body: mdlEval("Q2", "good", map[string]any{"name": " ", "unit": "hộ", "value": 1})}), http.StatusUnprocessableEntity, "validation")
		mdlWantFields(t, p, "/metrics/0/name")
		problem(t, e.do(req{Method: "POST", Path: mdlPath(m.ID, "evaluations"), User: mdlMember, Body: mdlEval("Q2", "good")}),
			http.StatusForbidden, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: mdlPath(m.ID, "evaluations"), User: "cell.secretary2", Body: mdlEval("Q2", "good")}),
			http.StatusNotFound, "not_found")
	})

	t.Run("years and milestones", func(t *testing.T) {
		for _, y := range []int{2015, year + 2} {
			p := problem(t, e.do(req{Method: "POST", Path: e.mdlUnitPath("CB-VP", "models"), User: mdlSec, Body: mdlBody("Năm sai", y)}),
				http.StatusUnprocessableEntity, "validation")
			mdlWantFields(t, p, "/year")
		}
		p := problem(t, e.do(req{Method: "PATCH", Path: mdlPath(at["draft"].ID), User: mdlSec, Body: map[string]any{"year": 2015}}), http.StatusUnprocessableEntity, "validation")
		mdlWantFields(t, p, "/year")
		body := mdlBody("Mốc lộn xộn", year)
		body["measures"] = map[string]any{"milestones": []map[string]any{
			{"date": fmt.Sprintf("%d-06-30", year), "description": "Sơ kết"},
			{"date": fmt.Sprintf("%d-03-31", year), "description": "Đăng ký"},
			{"date": fmt.Sprintf("%d-12-15", year), "description": "Tổng kết"},
		}}
		p = problem(t, e.do(req{Method: "POST", Path: e.mdlUnitPath("CB-VP", "models"), User: mdlSec, Body: body}),
			http.StatusUnprocessableEntity, "validation")
		mdlWantFields(t, p, "/measures/milestones/1/date")
		p = problem(t, e.do(req{Method: "PATCH", Path: mdlPath(at["draft"].ID), User: mdlSec, Body: map[string]any{"measures": body["measures"]}}),
			http.StatusUnprocessableEntity, "validation")
		mdlWantFields(t, p, "/measures/milestones/1/date")
	})

	t.Run("contract", func(t *testing.T) {
		for name, mutate := range map[string]func(b map[string]any){
			"category":    func(b map[string]any) { b["category"] = "sports" },
			"reason":      func(b map[string]any) { b["necessity_reasons"] = []string{"care_for_people", "boredom"} },
			"implementer": func(b map[string]any) { b["implementer"] = map[string]any{"kind": "team", "name": "Tổ"} },
		} {
			b := mdlBody("Sai hợp đồng", year)
			mutate(b)
			p := problem(t, e.do(req{Method: "POST", Path: e.mdlUnitPath("CB-VP", "models"), User: mdlSec, Body: b}), http.StatusBadRequest, "validation")
			if fs := mdlFields(p); len(fs) == 0 || !strings.Contains(strings.Join(fs, " "), "/") {
				t.Fatalf("%s: problem names fields %q", name, fs)
			}
		}
		problem(t, e.do(req{Method: "PATCH", Path: mdlPath(at["draft"].ID), User: mdlSec, Body: map[string]any{"category": "sports"}}), http.StatusBadRequest, "validation")
	})

	t.Run("stale If-Match", func(t *testing.T) {
		d, r := at["draft"], at["registered"]
		problem(t, e.do(req{Method: "PATCH", Path: mdlPath(d.ID), User: mdlSec, Header: ifMatch(d.Version + 1), Body: map[string]any{"name": "Muộn"}}), http.StatusPreconditionFailed, "stale_version")
		problem(t, e.do(req{Method: "PATCH", Path: mdlPath(d.ID), User: mdlSec, Body: map[string]any{"name": "Muộn"},
			Header: map[string]string{"If-Match": `"abc"`}}), http.StatusPreconditionFailed, "stale_version")
		problem(t, e.do(req{Method: "POST", Path: mdlPath(d.ID, "register"), User: mdlSec, Header: ifMatch(d.Version + 1)}), http.StatusPreconditionFailed, "stale_version")
		problem(t, e.do(req{Method: "DELETE", Path: mdlPath(d.ID), User: mdlSec, Header: ifMatch(d.Version + 1)}), http.StatusPreconditionFailed, "stale_version")
		// The version is checked before the state.
		problem(t, e.do(req{Method: "POST", Path: mdlPath(r.ID, "approve"), User: mdlOfficer, Header: ifMatch(r.Version - 1)}), http.StatusPreconditionFailed, "stale_version")
		if got := e.mdlGet(mdlSec, d.ID); got.Version != d.Version || got.Name != d.Name {
			t.Fatalf("after a stale write: %+v", got)
		}
	})

	t.Run("rights", func(t *testing.T) {
		d, r, a := at["draft"], at["registered"], at["approved"]
		create := func(user, unit string) resp {
			return e.do(req{Method: "POST", Path: e.mdlUnitPath(unit, "models"), User: user, Body: mdlBody("Không được phép", year)})
		}
		problem(t, create(mdlMember, "CB-VP"), http.StatusForbidden, "forbidden")
		problem(t, create(mdlOfficer, "CB-VP"), http.StatusForbidden, "forbidden") // owners only
		problem(t, create("cell.secretary2", "CB-VP"), http.StatusNotFound, "not_found")
		problem(t, create(mdlSec, "CB-QLTM"), http.StatusNotFound, "not_found")
		problem(t, create(mdlSec, "DU-SCT"), http.StatusForbidden, "forbidden")
		for _, c := range []struct {
			name, method, user, action string
			m                          mdlModel
			body                       any
			status                     int
			code                       string
		}{
			{"secretary2 reads", "GET", "cell.secretary2", "", d, nil, 404, "not_found"},
			{"secretary2 edits", "PATCH", "cell.secretary2", "", d, map[string]any{"name": "X"}, 404, "not_found"},
			{"secretary2 registers", "POST", "cell.secretary2", "register", d, nil, 404, "not_found"},
			{"secretary2 lineage", "GET", "cell.secretary2", "lineage", a, nil, 404, "not_found"},
			{"secretary2 evaluations", "GET", "cell.secretary2", "evaluations", a, nil, 404, "not_found"},
			{"member edits", "PATCH", mdlMember, "", d, map[string]any{"name": "X"}, 403, "forbidden"},
			{"member registers", "POST", mdlMember, "register", d, nil, 403, "forbidden"},
			{"member deletes", "DELETE", mdlMember, "", d, nil, 403, "forbidden"},
			{"officer edits", "PATCH", mdlOfficer, "", d, map[string]any{"name": "X"}, 403, "forbidden"},
			{"officer registers", "POST", mdlOfficer, "register", d, nil, 403, "forbidden"},
			{"officer starts", "POST", mdlOfficer, "start", a, nil, 403, "forbidden"},
			{"secretary approves", "POST", mdlSec, "approve", r, nil, 403, "forbidden"},
			{"secretary returns", "POST", mdlSec, "return", r, reason, 403, "forbidden"},
			{"inspector approves", "POST", "inspector", "approve", r, nil, 403, "forbidden"},
			{"admin approves its own", "POST", "admin", "approve", adminOwn, nil, 403, "own_submission"},
			{"secretary2 on unknown", "GET", "cell.secretary2", "", mdlModel{ID: uuid.NewString()}, nil, 404, "not_found"},
		} {
			t.Run(c.name, func(t *testing.T) {
				problem(t, e.do(req{Method: c.method, Path: mdlPath(c.m.ID, c.action), User: c.user, Body: c.body}), c.status, c.code)
			})
		}
	})

	// None of the refusals wrote anything.
	if n := e.count("audit_events", ""); n != auditBefore {
		t.Fatalf("refusals wrote %d audit events", n-auditBefore)
	}
	if n, m := e.count("models", ""), e.count("model_evaluations", ""); n != modelsBefore || m != evalsBefore {
		t.Fatalf("refusals wrote models (%d → %d) or evaluations (%d → %d)", modelsBefore, n, evalsBefore, m)
	}

	// A draft never registered is deleted (and audited); the year bounds are inclusive.
	d := at["draft"]
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: mdlPath(d.ID), User: mdlSec, Header: map[string]string{"If-Match": `"1"`}})
	problem(t, e.do(req{Method: "GET", Path: mdlPath(d.ID), User: mdlSec}), http.StatusNotFound, "not_found")
	if n := e.count("audit_events", "action = 'model.delete' AND resource_id = $1", d.ID); n != 1 {
		t.Fatalf("%d delete events", n)
	}
	for _, y := range []int{2016, year + 1} {
		if m := e.mdlCreate(mdlSec, "CB-VP", mdlBody("Năm biên", y)); m.Year != y {
			t.Fatalf("year %d created as %d", y, m.Year)
		}
	}
}
