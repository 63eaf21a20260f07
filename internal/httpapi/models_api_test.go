package httpapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"lamtheobac/internal/app"
)

// Full-stack tests of "làm theo Bác" models: the draft → registered → approved → in_progress →
// completed workflow with its returns and retirements, evaluations and their figures, the
// refusals, carry-over, replication and lineage, coverage, Biểu mẫu 1–3, the catalog and search.
// This file holds their JSON forms and helpers; the tests are in models_<topic>_api_test.go.

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
	base := time.Date(vnYear(), time.June, 15, 3, 0, 0, 0, time.UTC)
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
