package httpapi_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"lamtheobac/internal/app"
	"lamtheobac/internal/export"
)

// Full-stack tests of "làm theo Bác" models: the draft → registered → approved → in_progress →
// completed workflow with its returns and retirements, evaluations and their figures, the
// refusals, carry-over, replication and lineage, coverage, Biểu mẫu 1–3, the catalog and search.

// mdlUnitRef is the JSON form of a unit reference.
type mdlUnitRef struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// mdlImplementer is who carries a model out.
type mdlImplementer struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
}

// mdlMilestone is a dated step of a plan.
type mdlMilestone struct {
	Date        string `json:"date"`
	Description string `json:"description"`
}

// mdlMonitor is the committee member following a model.
type mdlMonitor struct {
	Name   string  `json:"name"`
	UserID *string `json:"user_id"`
}

// mdlMeasures is how a model is carried out.
type mdlMeasures struct {
	Plan       *string        `json:"plan"`
	Milestones []mdlMilestone `json:"milestones"`
	Monitor    *mdlMonitor    `json:"monitor"`
}

// mdlPoint is one value of a figure series.
type mdlPoint struct {
	Year   int     `json:"year"`
	Period string  `json:"period"`
	Value  float64 `json:"value"`
}

// mdlSeries is one figure of a model over time.
type mdlSeries struct {
	Name     string     `json:"name"`
	Unit     string     `json:"unit"`
	Baseline *float64   `json:"baseline"`
	Points   []mdlPoint `json:"points"`
}

// mdlModel is the JSON form of a model.
type mdlModel struct {
	ID               string         `json:"id"`
	Unit             mdlUnitRef     `json:"unit"`
	Name             string         `json:"name"`
	Year             int            `json:"year"`
	Category         string         `json:"category"`
	Implementer      mdlImplementer `json:"implementer"`
	LearningContent  string         `json:"learning_content"`
	NecessityReasons []string       `json:"necessity_reasons"`
	NecessityText    string         `json:"necessity_text"`
	Measures         mdlMeasures    `json:"measures"`
	ExpectedResults  string         `json:"expected_results"`
	Replicability    string         `json:"replicability"`
	Status           string         `json:"status"`
	StatusReason     *string        `json:"status_reason"`
	RegisteredAt     *string        `json:"registered_at"`
	CarriedOverFrom  *string        `json:"carried_over_from"`
	ReplicatedFrom   *string        `json:"replicated_from"`
	LatestRating     *string        `json:"latest_rating"`
	Figures          []mdlSeries    `json:"figures"`
	Version          int64          `json:"version"`
	CreatedAt        string         `json:"created_at"`
	UpdatedAt        string         `json:"updated_at"`
	AllowedActions   []string       `json:"allowed_actions"`
}

// mdlList is a page of models.
type mdlList struct {
	Items      []mdlModel `json:"items"`
	NextCursor *string    `json:"next_cursor"`
}

// mdlMetric is a figure of an evaluation.
type mdlMetric struct {
	Name     string   `json:"name"`
	Unit     string   `json:"unit"`
	Baseline *float64 `json:"baseline"`
	Value    float64  `json:"value"`
}

// mdlEvaluation is the JSON form of an evaluation.
type mdlEvaluation struct {
	ID            string      `json:"id"`
	ModelID       string      `json:"model_id"`
	Year          int         `json:"year"`
	Period        string      `json:"period"`
	Awareness     string      `json:"awareness"`
	Attitude      string      `json:"attitude"`
	Action        string      `json:"action"`
	Metrics       []mdlMetric `json:"metrics"`
	Rating        string      `json:"rating"`
	Note          string      `json:"note"`
	EvaluatorName string      `json:"evaluator_name"`
	CreatedAt     string      `json:"created_at"`
}

// mdlRef is a model's short form in a lineage.
type mdlRef struct {
	ID             string     `json:"id"`
	Name           string     `json:"name"`
	Year           int        `json:"year"`
	Status         string     `json:"status"`
	Unit           mdlUnitRef `json:"unit"`
	ReplicatedFrom string     `json:"replicated_from"` // replicas only
}

// mdlLineage is the JSON form of a lineage.
type mdlLineage struct {
	Source      mdlRef   `json:"source"`
	Replicas    []mdlRef `json:"replicas"`
	CarriedFrom []mdlRef `json:"carried_from"`
	CarriedTo   []mdlRef `json:"carried_to"`
}

// mdlCoverage is a page of the units without a model.
type mdlCoverage struct {
	Year       int          `json:"year"`
	Items      []mdlUnitRef `json:"items"`
	NextCursor *string      `json:"next_cursor"`
	Totals     struct {
		Units        int `json:"units"`
		WithModel    int `json:"with_model"`
		WithoutModel int `json:"without_model"`
	} `json:"totals"`
}

const (
	mdlSec     = "cell.secretary"
	mdlOfficer = "committee.officer"
	mdlMember  = "member"
	mdlSavings = "Tiết kiệm làm theo lời Bác" // the completed demo model of CB-VP, last year
)

// newModelEnv is newEnv on a clock fixed at mid-June of the real year (the demo seed dates its
// models by the real year), ticking one millisecond a call so that evaluations keep their order.
// It returns the clock's year.
func newModelEnv(t *testing.T) (*env, int) {
	t.Helper()
	base := time.Date(time.Now().Year(), time.June, 15, 3, 0, 0, 0, time.UTC)
	var ticks atomic.Int64
	clock := func() time.Time { return base.Add(time.Duration(ticks.Add(1)) * time.Millisecond) }
	return newEnvWith(t, app.Options{Clock: clock}), base.Year()
}

// mdlPath is the path of a model, or of one of its sub-resources.
func mdlPath(id string, sub ...string) string {
	p := "/api/v1/models/" + id
	for _, s := range sub {
		if s != "" { // an empty action names the resource itself
			p += "/" + s
		}
	}
	return p
}

// mdlUnitPath is the path of a unit's sub-resource (models, model-coverage, forms/…).
func (e *env) mdlUnitPath(unit, sub string) string {
	return "/api/v1/units/" + e.units[unit].String() + "/" + sub
}

// mdlGet reads a model as user.
func (e *env) mdlGet(user, id string) mdlModel {
	e.t.Helper()
	return call[mdlModel](e, http.StatusOK, req{Method: "GET", Path: mdlPath(id), User: user})
}

// mdlCreate drafts a model at unit as user.
func (e *env) mdlCreate(user, unit string, body any) mdlModel {
	e.t.Helper()
	got := e.must(http.StatusCreated, req{Method: "POST", Path: e.mdlUnitPath(unit, "models"), User: user, Body: body})
	var m mdlModel
	got.Decode(e.t, &m)
	if loc := got.Header.Get("Location"); loc != mdlPath(m.ID) {
		e.t.Fatalf("Location %q, want %q", loc, mdlPath(m.ID))
	}
	if tag := got.Header.Get("ETag"); tag != `"1"` || m.Version != 1 || m.Status != "draft" {
		e.t.Fatalf("created: ETag %q, version %d, status %s", tag, m.Version, m.Status)
	}
	return m
}

// mdlBody is the least a model needs.
func mdlBody(name string, year int) map[string]any {
	return map[string]any{"name": name, "year": year, "category": "admin_reform_service",
		"implementer": map[string]any{"kind": "unit", "name": "Toàn chi bộ"}}
}

// mdlEval is an evaluation body.
func mdlEval(period, rating string, metrics ...map[string]any) map[string]any {
	b := map[string]any{"period": period, "rating": rating, "awareness": "Nhận thức chuyển biến.", "attitude": "Tích cực.",
		"action": "Làm theo lời Bác mỗi ngày."}
	if metrics != nil {
		b["metrics"] = metrics
	}
	return b
}

// mdlDriveAs takes a draft to target: owner registers, starts, completes and retires, reviewer
// approves and returns.
func (e *env) mdlDriveAs(owner, reviewer string, m mdlModel, target string) mdlModel {
	e.t.Helper()
	steps := map[string][]string{
		"draft":       {},
		"registered":  {"register"},
		"returned":    {"register", "return"},
		"approved":    {"register", "approve"},
		"in_progress": {"register", "approve", "start"},
		"completed":   {"register", "approve", "start", "complete"},
		"retired":     {"register", "approve", "retire"},
	}[target]
	for _, a := range steps {
		user := owner
		if a == "approve" || a == "return" {
			user = reviewer
		}
		var body any
		if a == "return" || a == "retire" {
			body = map[string]any{"reason": "Lý do " + a}
		}
		m = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(m.ID, a), User: user, Header: ifMatch(m.Version), Body: body})
	}
	if m.Status != target {
		e.t.Fatalf("drove %s to %s, want %s", m.ID, m.Status, target)
	}
	return m
}

// mdlAt drafts a CB-VP model of year and takes it to target.
func (e *env) mdlAt(name string, year int, target string) mdlModel {
	e.t.Helper()
	return e.mdlDriveAs(mdlSec, mdlOfficer, e.mdlCreate(mdlSec, "CB-VP", mdlBody(name, year)), target)
}

// mdlDemo finds a demo model by unit code and name (as admin, over the whole bloc).
func (e *env) mdlDemo(unit, name string) mdlModel {
	e.t.Helper()
	var l mdlList
	e.must(http.StatusOK, req{Method: "GET", Path: e.mdlUnitPath("KHOI-CQDN", "models") + "?scope=subtree&limit=200", User: "admin"}).Decode(e.t, &l)
	for _, m := range l.Items {
		if m.Unit.Code == unit && m.Name == name {
			return m
		}
	}
	e.t.Fatalf("no demo model %q in %s", name, unit)
	return mdlModel{}
}

// mdlFields lists the fields a problem names.
func mdlFields(p map[string]any) []string {
	var out []string
	errs, _ := p["errors"].([]any)
	for _, x := range errs {
		if m, ok := x.(map[string]any); ok {
			f, _ := m["field"].(string)
			out = append(out, f)
		}
	}
	return out
}

// mdlWantFields asserts that a problem names exactly the fields of want.
func mdlWantFields(t *testing.T, p map[string]any, want ...string) {
	t.Helper()
	got := mdlFields(p)
	s1, s2 := slices.Clone(got), slices.Clone(want)
	slices.Sort(s1)
	slices.Sort(s2)
	if !slices.Equal(s1, s2) {
		t.Fatalf("problem names fields %q, want %q\n%v", got, want, p)
	}
}

// mdlAudit lists the audit trail of a model (read by the committee officer at unit), oldest first.
func (e *env) mdlAudit(unit, id string) []apiAuditEvent {
	e.t.Helper()
	l := e.auditEvents(mdlOfficer, unit, "?limit=200&resource_id="+id)
	slices.Reverse(l.Items)
	return l.Items
}

// mdlWantActions asserts each user's allowed_actions on a model.
func (e *env) mdlWantActions(step, id string, want map[string][]string) {
	e.t.Helper()
	for _, user := range []string{mdlSec, mdlOfficer, mdlMember} {
		w, ok := want[user]
		if !ok {
			e.t.Fatalf("%s: no expectation for %s", step, user)
		}
		if got := e.mdlGet(user, id).AllowedActions; !slices.Equal(got, w) {
			e.t.Fatalf("%s: allowed_actions for %s = %q, want %q", step, user, got, w)
		}
	}
}

func mdlF(v float64) *float64 { return &v }

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
		mdlSec: {"complete", "retire", "evaluate", "carry_over"}, mdlOfficer: {"retire", "evaluate", "replicate"}, mdlMember: none})

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
		mdlSec: {"carry_over"}, mdlOfficer: {"replicate"}, mdlMember: none})

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

func TestModelCarryOver(t *testing.T) {
	t.Parallel()
	e, year := newModelEnv(t)
	src := e.mdlDemo("CB-VP", mdlSavings)
	if src.Year != year-1 || src.Status != "completed" {
		t.Fatalf("demo savings model: %+v", src)
	}
	carry := func(user, id string, y int) resp {
		return e.do(req{Method: "POST", Path: mdlPath(id, "carry-over"), User: user, Body: map[string]any{"year": y}})
	}

	res := carry(mdlSec, src.ID, year)
	if res.Status != http.StatusCreated {
		t.Fatalf("carry over: %d %s", res.Status, res.Body)
	}
	var c mdlModel
	res.Decode(t, &c)
	if res.Header.Get("Location") != mdlPath(c.ID) || res.Header.Get("ETag") != `"1"` {
		t.Fatalf("carry-over headers: %v", res.Header)
	}
	if c.CarriedOverFrom == nil || *c.CarriedOverFrom != src.ID {
		t.Fatalf("not linked: %+v", c)
	}
	var l mdlList
	e.must(http.StatusOK, req{Method: "GET", Path: e.mdlUnitPath("CB-VP", "models") + "?year=" + strconv.Itoa(year), User: mdlSec}).Decode(t, &l)
	if !slices.ContainsFunc(l.Items, func(m mdlModel) bool { return m.ID == c.ID }) {
		t.Fatalf("the carried-over draft is not listed in %d", year)
	}
	if c.Status != "draft" || c.Year != year || c.Version != 1 || c.ReplicatedFrom != nil || c.RegisteredAt != nil ||
		c.Name != src.Name || c.LearningContent != src.LearningContent || c.Category != src.Category ||
		!slices.Equal(c.NecessityReasons, src.NecessityReasons) || !slices.Equal(c.Measures.Milestones, shiftMilestones(src.Measures.Milestones, year-src.Year)) ||
		c.Implementer != src.Implementer || c.Unit != src.Unit || c.LatestRating != nil || c.ID == src.ID {
		t.Fatalf("carried over: %+v\nfrom %+v", c, src)
	}
	if !slices.Equal(c.AllowedActions, []string{"update", "delete", "register"}) {
		t.Fatalf("carried-over draft offers %q", c.AllowedActions)
	}
	if after := e.mdlGet(mdlSec, src.ID); after.Version != src.Version || after.Status != "completed" {
		t.Fatalf("the source changed: %+v", after)
	}

	// Refusals: the same year again, a year not after, out of range, a draft source, others' rights.
	before := e.count("models", "")
	problem(t, carry(mdlSec, src.ID, year), http.StatusConflict, "duplicate")
	for _, y := range []int{year - 1, year - 2} {
		mdlWantFields(t, problem(t, carry(mdlSec, src.ID, y), http.StatusUnprocessableEntity, "validation"), "/year")
	}
	mdlWantFields(t, problem(t, carry(mdlSec, src.ID, year+2), http.StatusUnprocessableEntity, "validation"), "/year")
	problem(t, carry(mdlSec, c.ID, year+1), http.StatusConflict, "invalid_transition")
	problem(t, carry(mdlOfficer, src.ID, year+1), http.StatusForbidden, "forbidden")
	problem(t, carry(mdlMember, src.ID, year+1), http.StatusForbidden, "forbidden")
	problem(t, carry("cell.secretary2", src.ID, year+1), http.StatusNotFound, "not_found")
	if n := e.count("models", ""); n != before {
		t.Fatalf("refused carry-overs created %d models", n-before)
	}
	// Nor can an edit move the carried copy back to (or before) its source's year.
	for _, y := range []int{src.Year, src.Year - 1} {
		mdlWantFields(t, problem(t, e.do(req{Method: "PATCH", Path: mdlPath(c.ID), User: mdlSec, Header: ifMatch(c.Version), Body: map[string]any{"year": y}}), http.StatusUnprocessableEntity, "validation"), "/year")
	}
	if got := e.mdlGet(mdlSec, c.ID); got.Year != year || got.Version != c.Version {
		t.Fatalf("a refused year edit changed the carried copy: %+v", got)
	}

	// The carried copy goes through its year and is carried on into next year: a chain.
	c = e.mdlDriveAs(mdlSec, mdlOfficer, c, "approved")
	res = e.must(http.StatusCreated, req{Method: "POST", Path: mdlPath(c.ID, "carry-over"), User: mdlSec, Body: map[string]any{"year": year + 1}})
	var next mdlModel
	res.Decode(t, &next)
	if res.Header.Get("Location") != mdlPath(next.ID) || res.Header.Get("ETag") != `"1"` {
		t.Fatalf("carry-over headers: %v", res.Header)
	}
	if next.Year != year+1 || next.Status != "draft" || next.CarriedOverFrom == nil || *next.CarriedOverFrom != c.ID {
		t.Fatalf("carried into next year: %+v", next)
	}

	ref := func(m mdlModel, status string) mdlRef {
		return mdlRef{ID: m.ID, Name: m.Name, Year: m.Year, Status: status, Unit: m.Unit}
	}
	lineage := func(user, id string) mdlLineage {
		var l mdlLineage
		e.must(http.StatusOK, req{Method: "GET", Path: mdlPath(id, "lineage"), User: user}).Decode(t, &l)
		return l
	}
	// From the source: carried to this year, then next year (oldest first); the CB-QLTM replica is
	// not readable by the cell secretary.
	l1 := lineage(mdlSec, src.ID)
	if l1.Source != ref(src, "completed") || len(l1.Replicas) != 0 || len(l1.CarriedFrom) != 0 ||
		!slices.Equal(l1.CarriedTo, []mdlRef{ref(c, "approved"), ref(next, "draft")}) {
		t.Fatalf("lineage of the source: %+v", l1)
	}
	// From the newest: carried from this year, then last year (newest first).
	l2 := lineage(mdlOfficer, next.ID)
	if l2.Source != ref(next, "draft") || len(l2.CarriedTo) != 0 ||
		!slices.Equal(l2.CarriedFrom, []mdlRef{ref(c, "approved"), ref(src, "completed")}) {
		t.Fatalf("lineage of next year's copy: %+v", l2)
	}
	l3 := lineage(mdlMember, c.ID)
	if !slices.Equal(l3.CarriedFrom, []mdlRef{ref(src, "completed")}) || !slices.Equal(l3.CarriedTo, []mdlRef{ref(next, "draft")}) {
		t.Fatalf("lineage of this year's copy: %+v", l3)
	}
	if evs := e.mdlAudit("CB-VP", next.ID); len(evs) != 1 || evs[0].Action != "model.carry_over" || evs[0].After["carried_over_from"] != c.ID {
		t.Fatalf("carry-over audit: %+v", evs)
	}
}

func TestModelReplicationLineage(t *testing.T) {
	t.Parallel()
	e, year := newModelEnv(t)
	src := e.mdlDemo("CB-VP", mdlSavings)
	demoReplica := e.mdlDemo("CB-QLTM", mdlSavings)
	if demoReplica.ReplicatedFrom == nil || *demoReplica.ReplicatedFrom != src.ID || demoReplica.Status != "draft" {
		t.Fatalf("demo replica: %+v", demoReplica)
	}
	replicate := func(user, id string, units ...string) resp {
		ids := make([]string, len(units))
		for i, u := range units {
			if id, ok := e.units[u]; ok {
				ids[i] = id.String()
			} else {
				ids[i] = u
			}
		}
		return e.do(req{Method: "POST", Path: mdlPath(id, "replications"), User: user, Body: map[string]any{"unit_ids": ids}})
	}

	var out mdlList
	res := replicate(mdlOfficer, src.ID, "CB-KTAT")
	if res.Status != http.StatusCreated {
		t.Fatalf("replicate: %d %s", res.Status, res.Body)
	}
	res.Decode(t, &out)
	if len(out.Items) != 1 {
		t.Fatalf("replicated: %s", res.Body)
	}
	ktat := out.Items[0]
	if got := e.mdlDemo("CB-KTAT", mdlSavings); got.ID != ktat.ID {
		t.Fatalf("the replica is not listed in CB-KTAT: %+v", got)
	}
	if ktat.ReplicatedFrom == nil || *ktat.ReplicatedFrom != src.ID || ktat.Status != "draft" || ktat.Year != src.Year ||
		ktat.LearningContent != src.LearningContent || ktat.CarriedOverFrom != nil || ktat.Unit.Code != "CB-KTAT" {
		t.Fatalf("replica in CB-KTAT: %+v", ktat)
	}

	// Refusals.
	before := e.count("models", "")
	problem(t, replicate(mdlOfficer, src.ID, "CB-KTAT"), http.StatusConflict, "already_replicated")
	mdlWantFields(t, problem(t, replicate(mdlOfficer, src.ID, "CB-BTTP"), http.StatusNotFound, "unit_not_found"), "/unit_ids/0")
	mdlWantFields(t, problem(t, replicate(mdlOfficer, src.ID, uuid.NewString()), http.StatusNotFound, "unit_not_found"), "/unit_ids/0")
	smile := e.mdlDemo("CB-VP", "Nụ cười công sở")
	// All or nothing: the second unit is outside the subtree, so CB-QLTM gets nothing either.
	mdlWantFields(t, problem(t, replicate(mdlOfficer, smile.ID, "CB-QLTM", "CB-BTTP"), http.StatusNotFound, "unit_not_found"), "/unit_ids/1")
	mdlWantFields(t, problem(t, replicate(mdlOfficer, smile.ID, "CB-VP"), http.StatusUnprocessableEntity, "not_replicable_here"), "/unit_ids/0")
	problem(t, replicate(mdlSec, src.ID, "CB-KTAT"), http.StatusForbidden, "forbidden")
	problem(t, replicate(mdlMember, smile.ID, "CB-QLTM"), http.StatusForbidden, "forbidden")
	problem(t, replicate("cell.secretary2", src.ID, "CB-BTTP"), http.StatusNotFound, "not_found")
	problem(t, replicate(mdlOfficer, e.mdlDemo("CB-KTAT", "Ngày chủ nhật xanh").ID, "CB-VP"), http.StatusConflict, "invalid_transition")
	problem(t, replicate(mdlOfficer, src.ID), http.StatusBadRequest, "validation")
	if n := e.count("models", ""); n != before {
		t.Fatalf("refused replications created %d models", n-before)
	}

	// The CB-KTAT replica is approved, then replicated on by the bloc into the other committee.
	ktat = e.mdlDriveAs("admin", mdlOfficer, ktat, "approved")
	res = replicate("bloc.officer", ktat.ID, "CB-HCTP")
	if res.Status != http.StatusCreated {
		t.Fatalf("replicate the replica: %d %s", res.Status, res.Body)
	}
	res.Decode(t, &out)
	if len(out.Items) != 1 || out.Items[0].Unit.Code != "CB-HCTP" || out.Items[0].ReplicatedFrom == nil ||
		*out.Items[0].ReplicatedFrom != ktat.ID || out.Items[0].Status != "draft" {
		t.Fatalf("replicated into CB-HCTP: %s", res.Body)
	}
	hctp := out.Items[0]
	if evs := e.auditEvents("bloc.officer", "CB-HCTP", "?resource_id="+hctp.ID).Items; len(evs) != 1 || evs[0].Action != "model.replicate" {
		t.Fatalf("replication audit: %+v", evs)
	}

	// The replicated_from filter lists the direct replicas.
	list := func(user, unit, id string) []string {
		var l mdlList
		e.must(http.StatusOK, req{Method: "GET", Path: e.mdlUnitPath(unit, "models") + "?scope=subtree&replicated_from=" + id, User: user}).Decode(t, &l)
		var out []string
		for _, m := range l.Items {
			if m.ReplicatedFrom == nil || *m.ReplicatedFrom != id {
				t.Fatalf("listed %+v, not a replica of %s", m, id)
			}
			out = append(out, m.Unit.Code)
		}
		slices.Sort(out)
		return out
	}
	if got := list("bloc.officer", "KHOI-CQDN", src.ID); !slices.Equal(got, []string{"CB-KTAT", "CB-QLTM"}) {
		t.Fatalf("replicas of the source: %q", got)
	}
	if got := list(mdlOfficer, "DU-SCT", src.ID); !slices.Equal(got, []string{"CB-KTAT", "CB-QLTM"}) {
		t.Fatalf("replicas of the source in DU-SCT: %q", got)
	}
	if got := list("bloc.officer", "KHOI-CQDN", ktat.ID); !slices.Equal(got, []string{"CB-HCTP"}) {
		t.Fatalf("replicas of the replica: %q", got)
	}
	if got := list(mdlOfficer, "DU-SCT", ktat.ID); len(got) != 0 {
		t.Fatalf("the committee officer sees replicas outside its subtree: %q", got)
	}

	// Lineage from any member of the family gives the source and every readable replica with its
	// state, in creation order.
	rep := func(m mdlModel, status, from string) mdlRef {
		return mdlRef{ID: m.ID, Name: m.Name, Year: m.Year, Status: status, Unit: m.Unit, ReplicatedFrom: from}
	}
	wantSource := mdlRef{ID: src.ID, Name: src.Name, Year: src.Year, Status: "completed", Unit: src.Unit}
	all := []mdlRef{rep(demoReplica, "draft", src.ID), rep(ktat, "approved", src.ID), rep(hctp, "draft", ktat.ID)}
	for _, c := range []struct {
		user, from string
		want       []mdlRef
	}{
		{"bloc.officer", hctp.ID, all},
		{"bloc.officer", src.ID, all},
		{"inspector", ktat.ID, all},
		{mdlOfficer, ktat.ID, all[:2]},
		{mdlOfficer, demoReplica.ID, all[:2]},
	} {
		var l mdlLineage
		e.must(http.StatusOK, req{Method: "GET", Path: mdlPath(c.from, "lineage"), User: c.user}).Decode(t, &l)
		if l.Source != wantSource || !slices.Equal(l.Replicas, c.want) {
			t.Fatalf("lineage from %s as %s:\n%+v\nwant source %+v replicas %+v", c.from, c.user, l, wantSource, c.want)
		}
	}
	problem(t, e.do(req{Method: "GET", Path: mdlPath(hctp.ID, "lineage"), User: mdlOfficer}), http.StatusNotFound, "not_found")
	if hctp.Year != year-1 {
		t.Fatalf("a replica keeps its source's year: %d", hctp.Year)
	}
}

func TestModelCoverage(t *testing.T) {
	t.Parallel()
	e, year := newModelEnv(t)
	get := func(user, unit, query string) resp {
		return e.do(req{Method: "GET", Path: e.mdlUnitPath(unit, "model-coverage") + query, User: user})
	}
	cov := func(user, unit, query string) mdlCoverage {
		t.Helper()
		var c mdlCoverage
		res := get(user, unit, query)
		if res.Status != http.StatusOK {
			t.Fatalf("coverage %s%s as %s: %d %s", unit, query, user, res.Status, res.Body)
		}
		res.Decode(t, &c)
		return c
	}
	codes := func(c mdlCoverage) []string {
		out := []string{}
		for _, u := range c.Items {
			out = append(out, u.Code)
		}
		return out
	}
	want := func(c mdlCoverage, units, with int, items ...string) {
		t.Helper()
		if c.Totals.Units != units || c.Totals.WithModel != with || c.Totals.WithoutModel != units-with || !slices.Equal(codes(c), items) {
			t.Fatalf("coverage %+v, want %d units, %d with a model, without %q", c, units, with, items)
		}
	}
	thisYear := "?year=" + strconv.Itoa(year)

	// This year: CB-VP runs one, CB-QLTM registered one, CB-BTTP's is approved; CB-KTAT has only a
	// draft. The bloc itself is not counted.
	c := cov("bloc.officer", "KHOI-CQDN", thisYear)
	if c.Year != year || c.NextCursor != nil {
		t.Fatalf("coverage: %+v", c)
	}
	want(c, 7, 3, "DU-SCT", "CB-KTAT", "DU-STP", "CB-HCTP")
	for _, u := range c.Items {
		if u.ID != e.units[u.Code].String() || u.Name == "" || (u.Kind != "committee" && u.Kind != "cell") {
			t.Fatalf("unit ref %+v", u)
		}
	}
	want(cov("inspector", "KHOI-CQDN", thisYear), 7, 3, "DU-SCT", "CB-KTAT", "DU-STP", "CB-HCTP")
	want(cov(mdlOfficer, "DU-SCT", thisYear), 4, 2, "DU-SCT", "CB-KTAT")
	// Last year: the completed models count; the CB-QLTM replica is only a draft, but CB-QLTM has
	// its own completed model.
	want(cov("bloc.officer", "KHOI-CQDN", "?year="+strconv.Itoa(year-1)), 7, 3, "DU-SCT", "CB-KTAT", "DU-STP", "CB-HCTP")

	// Registering CB-KTAT's draft takes it off the list; returning it puts it back.
	green := e.mdlDemo("CB-KTAT", "Ngày chủ nhật xanh")
	green = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(green.ID, "register"), User: "admin", Header: ifMatch(green.Version)})
	want(cov("bloc.officer", "KHOI-CQDN", thisYear), 7, 4, "DU-SCT", "DU-STP", "CB-HCTP")
	green = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(green.ID, "return"), User: mdlOfficer, Header: ifMatch(green.Version), Body: map[string]any{"reason": "Bổ sung kế hoạch."}})
	want(cov("bloc.officer", "KHOI-CQDN", thisYear), 7, 3, "DU-SCT", "CB-KTAT", "DU-STP", "CB-HCTP")
	green = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(green.ID, "register"), User: "admin", Header: ifMatch(green.Version)})
	full := cov("bloc.officer", "KHOI-CQDN", thisYear)
	want(full, 7, 4, "DU-SCT", "DU-STP", "CB-HCTP")

	// Paging one unit at a time gives the same units, with the same totals on every page.
	var paged []string
	cursor := ""
	for i := 0; ; i++ {
		q := thisYear + "&limit=1"
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		p := cov("bloc.officer", "KHOI-CQDN", q)
		if len(p.Items) != 1 || p.Totals != full.Totals {
			t.Fatalf("page %d: %+v", i, p)
		}
		paged = append(paged, p.Items[0].Code)
		if p.NextCursor == nil {
			break
		}
		if i > 5 {
			t.Fatal("paging does not end")
		}
		cursor = *p.NextCursor
	}
	if !slices.Equal(paged, codes(full)) {
		t.Fatalf("paged %q, want %q", paged, codes(full))
	}

	// An archived cell is no longer expected to run a model, nor can it get one.
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/cells/" + e.units["CB-HCTP"].String(), User: "bloc.officer",
		Body: map[string]any{"archived": true}})
	want(cov("bloc.officer", "KHOI-CQDN", thisYear), 6, 4, "DU-SCT", "DU-STP")
	problem(t, e.do(req{Method: "POST", Path: e.mdlUnitPath("CB-HCTP", "models"), User: "admin", Body: mdlBody("Chi bộ đã giải thể", year)}),
		http.StatusConflict, "unit_archived")
	smile := e.mdlDemo("CB-VP", "Nụ cười công sở")
	problem(t, e.do(req{Method: "POST", Path: mdlPath(smile.ID, "replications"), User: "bloc.officer",
		Body: map[string]any{"unit_ids": []string{e.units["CB-HCTP"].String()}}}), http.StatusUnprocessableEntity, "not_replicable_here")

	// Refusals.
	problem(t, get(mdlMember, "CB-VP", thisYear), http.StatusForbidden, "forbidden")
	problem(t, get(mdlMember, "KHOI-CQDN", thisYear), http.StatusForbidden, "forbidden")
	problem(t, get(mdlSec, "CB-VP", thisYear), http.StatusForbidden, "forbidden")
	problem(t, get(mdlOfficer, "KHOI-CQDN", thisYear), http.StatusForbidden, "forbidden")
	problem(t, get("cell.secretary2", "DU-SCT", thisYear), http.StatusNotFound, "not_found")
	problem(t, get("bloc.officer", "KHOI-CQDN", ""), http.StatusBadRequest, "validation")
	p := problem(t, get("bloc.officer", "KHOI-CQDN", thisYear+"&cursor="+url.QueryEscape("***")), http.StatusBadRequest, "invalid_cursor")
	mdlWantFields(t, p, "/cursor")
}

// mdlXLSX opens an XLSX answer and returns its only sheet's name.
func mdlXLSX(t *testing.T, res resp) (*excelize.File, string) {
	t.Helper()
	if res.Status != http.StatusOK {
		t.Fatalf("form: %d %s", res.Status, res.Body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("content type %q", ct)
	}
	x, err := excelize.OpenReader(bytes.NewReader(res.Body))
	if err != nil {
		t.Fatalf("open xlsx: %v", err)
	}
	t.Cleanup(func() { _ = x.Close() })
	sheets := x.GetSheetList()
	if len(sheets) != 1 {
		t.Fatalf("sheets %q", sheets)
	}
	return x, sheets[0]
}

// mdlCell reads one cell.
func mdlCell(t *testing.T, x *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := x.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// mdlTable returns the rows of the form's table: from the header row (found by its first cell)
// to the end, each as its five cells.
func mdlTable(t *testing.T, x *excelize.File, sheet string) (header []string, rows [][]string) {
	t.Helper()
	all, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range all {
		if len(r) > 0 && r[0] == export.FormHeaders()[0] {
			for _, d := range all[i+1:] {
				row := make([]string, 5)
				copy(row, d)
				rows = append(rows, row)
			}
			return r, rows
		}
	}
	t.Fatalf("no table header in %q", all)
	return nil, nil
}

func TestModelForms(t *testing.T) {
	t.Parallel()
	e, year := newModelEnv(t)
	form := func(user, unit, file, query string) resp {
		return e.do(req{Method: "GET", Path: e.mdlUnitPath(unit, "forms/"+file) + query, User: user})
	}

	// Form 2 data: the demo's "Nụ cười công sở" (in progress, CB-VP) and "Mỗi tháng một việc tốt"
	// (registered, CB-QLTM), plus a registered model of an individual; drafts stay off.
	ind := e.mdlCreate(mdlSec, "CB-VP", map[string]any{"name": "Văn thư số hóa", "year": year, "category": "workplace_environment",
		"implementer": map[string]any{"kind": "individual", "name": "Đồng chí Trần Thị Bình"}, "learning_content": "Học Bác đức tính cần mẫn."})
	e.mdlDriveAs(mdlSec, mdlOfficer, ind, "registered")
	e.mdlCreate(mdlSec, "CB-VP", mdlBody("Bản nháp không lên biểu", year))

	res := form(mdlOfficer, "DU-SCT", "2.xlsx", "")
	x, sheet := mdlXLSX(t, res)
	if cd := res.Header.Get("Content-Disposition"); cd != fmt.Sprintf(`attachment; filename="bieu-mau-2-DU-SCT-%d.xlsx"`, year) {
		t.Fatalf("Content-Disposition %q", cd)
	}
	if got := mdlCell(t, x, sheet, "A1"); got != "ĐẢNG BỘ KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH" {
		t.Fatalf("A1 %q", got)
	}
	if got := mdlCell(t, x, sheet, "A2"); got != "Đơn vị: Đảng ủy Sở Công Thương" {
		t.Fatalf("A2 %q", got)
	}
	if got := mdlCell(t, x, sheet, "D2"); !strings.HasSuffix(got, fmt.Sprintf("ngày 15 tháng 6 năm %d", year)) {
		t.Fatalf("the date line %q is not the service's date", got)
	}
	if got := mdlCell(t, x, sheet, "A4"); !strings.Contains(got, "BIỂU MẪU 2") {
		t.Fatalf("title %q", got)
	}
	if got := mdlCell(t, x, sheet, "A7"); got != fmt.Sprintf("HỒ CHÍ MINH NĂM %d", year) {
		t.Fatalf("title year line %q", got)
	}
	header, rows := mdlTable(t, x, sheet)
	if !slices.Equal(header, export.FormHeaders()) {
		t.Fatalf("header %q", header)
	}
	wantRows := [][]string{
		{"1", "Nụ cười công sở", "Học tập phong cách gần dân, trọng dân của Bác; tiếp đón người dân, doanh nghiệp niềm nở, tận tình.",
			"Đơn vị: Chi bộ Văn phòng", "Đang thực hiện"},
		{"2", "Văn thư số hóa", "Học Bác đức tính cần mẫn.", "Cá nhân: Đồng chí Trần Thị Bình (Chi bộ Văn phòng)", "Đã đăng ký"},
		{"3", "Mỗi tháng một việc tốt", "Mỗi tháng chi bộ chọn một việc tốt vì cộng đồng.", "Đơn vị: Chi bộ Quản lý thương mại", "Đã đăng ký"},
	}
	if len(rows) != len(wantRows) {
		t.Fatalf("form 2 rows %q", rows)
	}
	for i := range wantRows {
		if !slices.Equal(rows[i], wantRows[i]) {
			t.Fatalf("form 2 row %d: %q\nwant %q", i, rows[i], wantRows[i])
		}
	}
	// Form 2 of last year lists last year's models: the completed ones count, the CB-QLTM replica
	// (a draft) does not.
	x, sheet = mdlXLSX(t, form(mdlOfficer, "DU-SCT", "2.xlsx", "?year="+strconv.Itoa(year-1)))
	if _, rows := mdlTable(t, x, sheet); len(rows) != 2 || rows[0][1] != mdlSavings || rows[1][1] != "5 biết" {
		t.Fatalf("form 2 of last year: %q", rows)
	}

	// Form 1 for this year covers the three years before it: approved or later only.
	old := e.mdlAt("Ba năm trước", year-3, "approved")
	e.mdlAt("Bốn năm trước", year-4, "approved")
	e.mdlAt("Ba năm trước, bị trả lại", year-3, "returned")
	x, sheet = mdlXLSX(t, form(mdlOfficer, "DU-SCT", "1.xlsx", "?year="+strconv.Itoa(year)))
	if got := mdlCell(t, x, sheet, "A4"); got != "BIỂU MẪU 1" {
		t.Fatalf("form 1 title %q", got)
	}
	if got := mdlCell(t, x, sheet, "A7"); got != fmt.Sprintf("HỒ CHÍ MINH (giai đoạn %d-%d)", year-3, year-1) {
		t.Fatalf("form 1 period %q", got)
	}
	_, rows = mdlTable(t, x, sheet)
	var names, notes []string
	for _, r := range rows {
		names, notes = append(names, r[1]), append(notes, r[4])
	}
	if !slices.Equal(names, []string{old.Name, mdlSavings, "5 biết"}) {
		t.Fatalf("form 1 names %q", names)
	}
	if !slices.Equal(notes, []string{fmt.Sprintf("Năm %d; đã duyệt", year-3), fmt.Sprintf("Năm %d; đã hoàn thành", year-1),
		fmt.Sprintf("Năm %d; đã hoàn thành", year-1)}) {
		t.Fatalf("form 1 notes %q", notes)
	}

	// Form 3 keeps the models whose latest evaluation is good or excellent.
	rated := func(name string, y int, ratings ...string) mdlModel {
		m := e.mdlAt(name, y, "in_progress")
		for i, r := range ratings {
			e.must(http.StatusCreated, req{Method: "POST", Path: mdlPath(m.ID, "evaluations"), User: mdlSec, Body: mdlEval([]string{"Q1", "H1", "year"}[i], r)})
		}
		return m
	}
	rated("Tốt lên", year-2, "poor", "good")
	rated("Xấu đi", year-1, "excellent", "fair")
	rated("Kém", year-2, "poor")
	rated("Chưa đánh giá", year-1)
	res = form(mdlOfficer, "DU-SCT", "3.csv", "")
	if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("form 3 csv: %d %q %s", res.Status, res.Header.Get("Content-Type"), res.Body)
	}
	if cd := res.Header.Get("Content-Disposition"); cd != fmt.Sprintf(`attachment; filename="bieu-mau-3-DU-SCT-%d.csv"`, year-1) {
		t.Fatalf("Content-Disposition %q", cd)
	}
	body, ok := bytes.CutPrefix(res.Body, []byte("\uFEFF"))
	if !ok {
		t.Fatal("the CSV starts without a byte order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], export.FormHeaders()) {
		t.Fatalf("csv header %q", recs)
	}
	wantCSV := [][]string{
		{"1", "Tốt lên", "", "Đơn vị: Chi bộ Văn phòng", fmt.Sprintf("Năm %d; đang thực hiện", year-2)},
		{"2", mdlSavings, e.mdlDemo("CB-VP", mdlSavings).LearningContent, "Đơn vị: Chi bộ Văn phòng", fmt.Sprintf("Năm %d; đã hoàn thành", year-1)},
	}
	if len(recs)-1 != len(wantCSV) {
		t.Fatalf("form 3 rows %q", recs[1:])
	}
	for i, w := range wantCSV {
		if !slices.Equal(recs[i+1], w) {
			t.Fatalf("form 3 row %d: %q\nwant %q", i, recs[i+1], w)
		}
	}
	x, sheet = mdlXLSX(t, form("inspector", "DU-SCT", "3.xlsx", ""))
	if got := mdlCell(t, x, sheet, "A4"); got != "BIỂU MẪU 3" {
		t.Fatalf("form 3 title %q", got)
	}
	if _, rows := mdlTable(t, x, sheet); len(rows) != 2 || rows[0][1] != "Tốt lên" {
		t.Fatalf("form 3 xlsx rows %q", rows)
	}

	// The cell secretary gets its own cell's forms, with its committee above.
	x, sheet = mdlXLSX(t, form(mdlSec, "CB-VP", "2.xlsx", ""))
	if got := mdlCell(t, x, sheet, "A1"); got != "ĐẢNG ỦY SỞ CÔNG THƯƠNG" {
		t.Fatalf("cell form A1 %q", got)
	}
	if _, rows := mdlTable(t, x, sheet); len(rows) != 2 || rows[0][1] != "Nụ cười công sở" || rows[1][1] != "Văn thư số hóa" {
		t.Fatalf("cell form rows %q", rows)
	}

	// Refusals.
	problem(t, form(mdlMember, "CB-VP", "2.xlsx", ""), http.StatusForbidden, "forbidden")
	problem(t, form(mdlSec, "DU-SCT", "2.xlsx", ""), http.StatusForbidden, "forbidden")
	problem(t, form("cell.secretary2", "CB-VP", "2.xlsx", ""), http.StatusNotFound, "not_found")
	for _, f := range []string{"4.xlsx", "2.pdf", "2"} {
		problem(t, form(mdlOfficer, "DU-SCT", f, ""), http.StatusBadRequest, "validation")
	}
	p := problem(t, form(mdlOfficer, "DU-SCT", "1.xlsx", fmt.Sprintf("?from_year=%d&to_year=%d", year-1, year-3)),
		http.StatusUnprocessableEntity, "validation")
	mdlWantFields(t, p, "/from_year")
}

func TestModelSuggestions(t *testing.T) {
	t.Parallel()
	e, _ := newModelEnv(t)
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/model-suggestions"}), http.StatusUnauthorized, "unauthenticated")
	var cat struct {
		Groups []struct {
			Category    string `json:"category"`
			Label       string `json:"label"`
			Source      string `json:"source"`
			Suggestions []struct {
				Name        string `json:"name"`
				Description string `json:"description"`
			} `json:"suggestions"`
		} `json:"groups"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/model-suggestions", User: mdlMember}).Decode(t, &cat)
	var cats []string
	found := ""
	for _, g := range cat.Groups {
		cats = append(cats, g.Category)
		if g.Label == "" || g.Source == "" || len(g.Suggestions) == 0 {
			t.Fatalf("group %s: %+v", g.Category, g)
		}
		for _, s := range g.Suggestions {
			if s.Name == "" || !norm.NFC.IsNormalString(s.Name) || !norm.NFC.IsNormalString(s.Description) {
				t.Fatalf("suggestion %+v", s)
			}
			if s.Name == mdlSavings {
				found = g.Category
			}
		}
	}
	want := []string{"savings_support", "new_rural_civilized_urban", "admin_reform_service", "education_environment",
		"religious_traffic_safety", "workplace_environment", "security_order"}
	if !slices.Equal(cats, want) {
		t.Fatalf("groups %q, want %q", cats, want)
	}
	if found != "savings_support" {
		t.Fatalf("%q is in group %q", mdlSavings, found)
	}
}

func TestModelSearch(t *testing.T) {
	t.Parallel()
	e, year := newModelEnv(t)
	savings := e.mdlDemo("CB-VP", mdlSavings)
	// The name match is created before the content-only match, so that newest-first alone would
	// put them the other way round.
	byName := e.mdlCreate(mdlSec, "CB-VP", mdlBody("Làm theo Bác: gọn gàng công sở", year))
	inContent := e.mdlCreate(mdlSec, "CB-VP", map[string]any{"name": "Sổ tay công vụ", "year": year, "category": "other",
		"implementer": map[string]any{"kind": "unit", "name": "Toàn chi bộ"}, "learning_content": "Học tập và làm theo Bác về tác phong."})
	e.mdlCreate(mdlSec, "CB-VP", map[string]any{"name": "Làm sạch hồ sơ", "year": year, "category": "other",
		"implementer": map[string]any{"kind": "unit", "name": "Toàn chi bộ"}, "learning_content": "Theo lời dạy của Người."})
	want := []string{byName.ID, savings.ID, inContent.ID}

	search := func(q, extra string) mdlList {
		var l mdlList
		e.must(http.StatusOK, req{Method: "GET", Path: e.mdlUnitPath("CB-VP", "models") + "?q=" + url.QueryEscape(q) + extra, User: mdlSec}).Decode(t, &l)
		return l
	}
	ids := func(l mdlList) []string {
		out := []string{}
		for _, m := range l.Items {
			out = append(out, m.ID)
		}
		return out
	}
	for _, q := range []string{"lam theo bac", "LÀM THEO BÁC", norm.NFD.String("Làm theo Bác"), "  bác   THEO lam "} {
		t.Run(q, func(t *testing.T) {
			if got := ids(search(q, "")); !slices.Equal(got, want) {
				t.Fatalf("q=%q found %q, want %q (name match, savings, content match)", q, got, want)
			}
		})
	}
	// Paging keeps the ranking.
	var paged []string
	cursor := ""
	for i := 0; i < 5; i++ {
		extra := "&limit=1"
		if cursor != "" {
			extra += "&cursor=" + url.QueryEscape(cursor)
		}
		l := search("lam theo bac", extra)
		paged = append(paged, ids(l)...)
		if l.NextCursor == nil {
			break
		}
		cursor = *l.NextCursor
	}
	if !slices.Equal(paged, want) {
		t.Fatalf("paged search %q, want %q", paged, want)
	}
	if got := ids(search("lam theo bac", "&year="+strconv.Itoa(year-1))); !slices.Equal(got, []string{savings.ID}) {
		t.Fatalf("search last year: %q", got)
	}
	if got := ids(search("khong co mo hinh nao", "")); len(got) != 0 {
		t.Fatalf("search for nothing: %q", got)
	}
	// In the committee's subtree the CB-QLTM replica is found too.
	var l mdlList
	e.must(http.StatusOK, req{Method: "GET", Path: e.mdlUnitPath("DU-SCT", "models") + "?scope=subtree&q=tiet%20kiem", User: mdlOfficer}).Decode(t, &l)
	var units []string
	for _, m := range l.Items {
		units = append(units, m.Unit.Code)
	}
	slices.Sort(units)
	if !slices.Equal(units, []string{"CB-QLTM", "CB-VP"}) {
		t.Fatalf("subtree search in %q", units)
	}
}

// TestModelYearInVietnam: "this year" and "next year" are Hà Nội's, like every date of the
// service: at 01:00 on 1 January in Hà Nội (still 31 December in UTC) the new year has begun
// for registrations as it has for the forms.
func TestModelYearInVietnam(t *testing.T) {
	t.Parallel()
	// The demo seed runs on the real time (it dates consultations by it); then the clock moves to
	// the evening of 31 December, UTC, of the same year.
	var now atomic.Pointer[time.Time]
	real := time.Now().UTC()
	now.Store(&real)
	e := newEnvWith(t, app.Options{Clock: func() time.Time { return *now.Load() }})
	utcYear := real.Year()
	newYearsEve := time.Date(utcYear, time.December, 31, 18, 0, 0, 0, time.UTC)
	now.Store(&newYearsEve)
	vnYear := utcYear + 1

	if m := e.mdlCreate(mdlSec, "CB-VP", mdlBody("Đăng ký cho năm sau", vnYear+1)); m.Year != vnYear+1 {
		t.Fatalf("created for %d", m.Year)
	}
	p := problem(t, e.do(req{Method: "POST", Path: e.mdlUnitPath("CB-VP", "models"), User: mdlSec, Body: mdlBody("Quá xa", vnYear+2)}),
		http.StatusUnprocessableEntity, "validation")
	mdlWantFields(t, p, "/year")
	if d, _ := p["errors"].([]any)[0].(map[string]any)["message"].(string); !strings.Contains(d, strconv.Itoa(vnYear+1)) {
		t.Fatalf("the message %q does not name next year %d", d, vnYear+1)
	}

	res := e.do(req{Method: "GET", Path: e.mdlUnitPath("CB-VP", "forms/2.xlsx"), User: mdlSec})
	x, sheet := mdlXLSX(t, res)
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, fmt.Sprintf("-%d.xlsx", vnYear)) {
		t.Fatalf("form 2 defaults to %q, want the year %d", cd, vnYear)
	}
	if got := mdlCell(t, x, sheet, "D2"); !strings.HasSuffix(got, fmt.Sprintf("ngày 01 tháng 01 năm %d", vnYear)) {
		t.Fatalf("date line %q", got)
	}
}

// shiftMilestones moves milestones by years: a carried-over plan keeps its calendar in the new year.
func shiftMilestones(ms []mdlMilestone, years int) []mdlMilestone {
	out := make([]mdlMilestone, len(ms))
	for i, m := range ms {
		d, err := time.Parse(time.DateOnly, m.Date)
		if err != nil {
			return nil
		}
		out[i] = mdlMilestone{Date: d.AddDate(years, 0, 0).Format(time.DateOnly), Description: m.Description}
	}
	return out
}
