package httpapi_test

import (
	"bytes"
	"fmt"
	"image/png"
	"maps"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
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
)

// Full-stack tests of periodic reports: rounds opened at the bloc or a committee, cells and
// committees writing and submitting (on time and late), review, consolidation, the status of a
// round, the documents, and the caller's tasks.

// rptClock is a settable clock for the services, ticking one millisecond a call.
type rptClock struct{ base, ticks atomic.Int64 }

func (c *rptClock) now() time.Time {
	return time.Unix(0, c.base.Load()).UTC().Add(time.Duration(c.ticks.Add(1)) * time.Millisecond)
}

func (c *rptClock) set(t time.Time) {
	c.base.Store(t.UnixNano())
	c.ticks.Store(0)
}

// rptHanoi is a wall-clock time in Hà Nội.
func rptHanoi(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, time.FixedZone("ICT", 7*3600))
}

// rptEnv is newEnv on a clock at 10:00 Hà Nội on June 20 of the real year (the demo dates its
// models and nominations by the clock's year; its own H1 round is then last year's).
func rptEnv(t *testing.T) (*env, *rptClock, int) {
	t.Helper()
	c := &rptClock{}
	year := time.Now().Year()
	c.set(rptHanoi(year, time.June, 20, 10, 0, 0))
	return newEnvWith(t, app.Options{Clock: c.now}), c, year
}

type rptUnitRef struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Code string `json:"code"`
	Name string `json:"name"`
}

type rptFigures struct {
	StandardSource      string         `json:"standard_source"`
	ModelsTotal         int            `json:"models_total"`
	ModelsByStatus      map[string]int `json:"models_by_status"`
	ModelsByCategory    map[string]int `json:"models_by_category"`
	EvaluationsTotal    int            `json:"evaluations_total"`
	EvaluationsByRating map[string]int `json:"evaluations_by_rating"`
	NominationsTotal    int            `json:"nominations_total"`
	NominationsByStatus map[string]int `json:"nominations_by_status"`
	Collective          int            `json:"collective_exemplars"`
	Individual          int            `json:"individual_exemplars"`
	Honors              int            `json:"honors"`
}

func rptNewFigures() rptFigures {
	return rptFigures{ModelsByStatus: map[string]int{}, ModelsByCategory: map[string]int{}, EvaluationsByRating: map[string]int{},
		NominationsByStatus: map[string]int{}}
}

// add sums o into f, as the consolidation should (the standard is not summed).
func (f *rptFigures) add(o rptFigures) {
	f.ModelsTotal += o.ModelsTotal
	f.EvaluationsTotal += o.EvaluationsTotal
	f.NominationsTotal += o.NominationsTotal
	f.Collective += o.Collective
	f.Individual += o.Individual
	f.Honors += o.Honors
	for _, p := range []struct{ dst, src map[string]int }{{f.ModelsByStatus, o.ModelsByStatus}, {f.ModelsByCategory, o.ModelsByCategory},
		{f.EvaluationsByRating, o.EvaluationsByRating}, {f.NominationsByStatus, o.NominationsByStatus}} {
		for k, v := range p.src {
			p.dst[k] += v
		}
	}
}

// counts drops the standard and zero entries, for comparing sums.
func (f rptFigures) counts() rptFigures {
	out := rptNewFigures()
	out.add(f)
	for _, m := range []map[string]int{out.ModelsByStatus, out.ModelsByCategory, out.EvaluationsByRating, out.NominationsByStatus} {
		maps.DeleteFunc(m, func(_ string, v int) bool { return v == 0 })
	}
	return out
}

type rptNarrative struct {
	Results     string `json:"results"`
	Limitations string `json:"limitations"`
	Lessons     string `json:"lessons"`
	Proposals   string `json:"proposals"`
}

type rptReport struct {
	ID             string       `json:"id"`
	RoundID        string       `json:"round_id"`
	RoundTitle     string       `json:"round_title"`
	Unit           rptUnitRef   `json:"unit"`
	Status         string       `json:"status"`
	State          string       `json:"state"`
	Figures        rptFigures   `json:"figures"`
	Frozen         bool         `json:"frozen"`
	Narrative      rptNarrative `json:"narrative"`
	MissingNote    *string      `json:"missing_note"`
	StatusReason   *string      `json:"status_reason"`
	SubmittedAt    *time.Time   `json:"submitted_at"`
	DueOn          string       `json:"due_on"`
	Version        int64        `json:"version"`
	AllowedActions []string     `json:"allowed_actions"`
}

type rptRound struct {
	ID      string     `json:"id"`
	Unit    rptUnitRef `json:"unit"`
	Title   string     `json:"title"`
	Year    int        `json:"year"`
	Period  string     `json:"period"`
	From    string     `json:"from"`
	To      string     `json:"to"`
	DueOn   string     `json:"due_on"`
	Levels  []string   `json:"levels"`
	Open    bool       `json:"open"`
	Reports int        `json:"reports"`
}

type rptStatus struct {
	Round rptRound `json:"round"`
	Items []struct {
		Unit        rptUnitRef `json:"unit"`
		ReportID    string     `json:"report_id"`
		State       string     `json:"state"`
		SubmittedAt *time.Time `json:"submitted_at"`
	} `json:"items"`
	NextCursor    *string        `json:"next_cursor"`
	Counts        map[string]int `json:"counts"`
	Expected      int            `json:"expected"`
	RateOnTime    float64        `json:"rate_on_time"`
	RateSubmitted float64        `json:"rate_submitted"`
}

type rptConsolidation struct {
	ReportID string     `json:"report_id"`
	Totals   rptFigures `json:"totals"`
	Children []struct {
		Unit      rptUnitRef    `json:"unit"`
		ReportID  string        `json:"report_id"`
		State     string        `json:"state"`
		Included  bool          `json:"included"`
		Narrative *rptNarrative `json:"narrative"`
	} `json:"children"`
}

type rptTask struct {
	Kind       string     `json:"kind"`
	Title      string     `json:"title"`
	ResourceID string     `json:"resource_id"`
	Unit       rptUnitRef `json:"unit"`
	DueOn      *string    `json:"due_on"`
}

// rptOpen opens a round at unit as user.
func (e *env) rptOpen(user, unit string, body map[string]any) rptRound {
	e.t.Helper()
	var r rptRound
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.units[unit].String() + "/reporting-rounds", User: user,
		Body: body}).Decode(e.t, &r)
	return r
}

// rptH1 is the body of an H1 round due on June 30 of year.
func rptH1(year int, levels ...string) map[string]any {
	return map[string]any{"title": "Sơ kết 6 tháng đầu năm " + strconv.Itoa(year), "year": year, "period": "H1",
		"due_on": fmt.Sprintf("%d-06-30", year), "levels": levels}
}

// rptReports lists a round's reports by unit code (as admin, over the bloc).
func (e *env) rptReports(roundID string) map[string]rptReport {
	e.t.Helper()
	var l struct{ Items []rptReport }
	q := url.Values{"scope": {"subtree"}, "round_id": {roundID}, "limit": {"100"}}
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["KHOI-CQDN"].String() + "/reports?" + q.Encode(),
		User: "admin"}).Decode(e.t, &l)
	out := map[string]rptReport{}
	for _, r := range l.Items {
		if r.RoundID != roundID {
			e.t.Fatalf("report %s of round %s listed for round %s", r.ID, r.RoundID, roundID)
		}
		out[r.Unit.Code] = r
	}
	return out
}

// rptPath is the path of a report, or of one of its actions.
func rptPath(id string, sub ...string) string {
	p := "/api/v1/reports/" + id
	for _, s := range sub {
		if s != "" { // an empty action names the resource itself
			p += "/" + s
		}
	}
	return p
}

// rptGet reads a report as user.
func (e *env) rptGet(user, id string) rptReport {
	e.t.Helper()
	return call[rptReport](e, http.StatusOK, req{Method: "GET", Path: rptPath(id), User: user})
}

// rptStep runs a workflow action on r as user with r's version and checks the new status.
func (e *env) rptStep(user string, r rptReport, action, status string, body any) rptReport {
	e.t.Helper()
	out := call[rptReport](e, http.StatusOK, req{Method: "POST", Path: rptPath(r.ID, action), User: user, Header: ifMatch(r.Version), Body: body})
	if out.Status != status || out.Version != r.Version+1 {
		e.t.Fatalf("%s %s: status %s version %d, want %s and %d", action, r.Unit.Code, out.Status, out.Version, status, r.Version+1)
	}
	return out
}

// rptWrite writes a narrative naming the unit.
func (e *env) rptWrite(user string, r rptReport) rptReport {
	e.t.Helper()
	n := rptNarrativeFor(r.Unit.Code)
	out := call[rptReport](e, http.StatusOK, req{Method: "PATCH", Path: rptPath(r.ID), User: user, Header: ifMatch(r.Version), Body: map[string]any{"results": n.Results,
		"limitations": n.Limitations, "lessons": n.Lessons, "proposals": n.Proposals}})
	if out.Narrative != n || out.Version != r.Version+1 || out.State != "draft" && out.State != "returned" {
		e.t.Fatalf("written: %+v", out)
	}
	return out
}

func rptNarrativeFor(code string) rptNarrative {
	return rptNarrative{Results: "Kết quả của " + code + ": 100% đảng viên đăng ký làm theo Bác.",
		Limitations: "Hạn chế của " + code + ".", Lessons: "Bài học của " + code + ".", Proposals: "Đề xuất của " + code + "."}
}

// rptUser creates a user at unit with role there (as admin) and makes it usable as a caller.
func (e *env) rptUser(username, unit string, roles map[string]string) {
	e.t.Helper()
	var u struct{ ID string }
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users", User: "admin", Body: map[string]any{
		"username": username, "full_name": "Cán bộ " + username, "password": "mat-khau-123", "unit_id": e.units[unit]}}).Decode(e.t, &u)
	for role, at := range roles {
		e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users/" + u.ID + "/roles", User: "admin",
			Body: map[string]any{"role": role, "unit_id": e.units[at]}})
	}
	e.users[username] = uuid.MustParse(u.ID)
}

// rptAudits counts the audit events of action on a resource.
func (e *env) rptAudits(action, id string) int {
	e.t.Helper()
	return e.count("audit_events", "action = $1 AND resource_id = $2", action, id)
}

// rptAllAudits counts the audit events of reports and rounds.
func (e *env) rptAllAudits() int {
	e.t.Helper()
	return e.count("audit_events", "resource_type IN ('report', 'reporting_round')")
}

func (e *env) rptStatus(user, roundID, query string) rptStatus {
	e.t.Helper()
	var s rptStatus
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/reporting-rounds/" + roundID + "/status" + query, User: user}).Decode(e.t, &s)
	return s
}

func (e *env) rptTasks(user string) []rptTask {
	e.t.Helper()
	var l struct{ Items []rptTask }
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me/tasks", User: user}).Decode(e.t, &l)
	return l.Items
}

func rptNear(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

var (
	rptCells      = []string{"CB-VP", "CB-QLTM", "CB-KTAT", "CB-BTTP", "CB-HCTP"}
	rptCommittees = []string{"DU-SCT", "DU-STP"}
)

// TestReportRoundFlow walks a round at the bloc from opening to the bloc's acceptance: cells
// writing and submitting on time and late, a return and resubmission, committees submitting
// (refused while a cell is not accepted, or with a missing_note), consolidation, and figures
// live before submission and frozen after.
func TestReportRoundFlow(t *testing.T) {
	t.Parallel()
	e, clock, year := rptEnv(t)

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

// TestReportRefusals checks the rules of the workflow; no refusal writes an audit event.
func TestReportRefusals(t *testing.T) {
	t.Parallel()
	e, _, year := rptEnv(t)
	round := e.rptOpen("bloc.officer", "KHOI-CQDN", rptH1(year, "cell", "committee"))
	reports := e.rptReports(round.ID)
	audits := e.rptAllAudits()
	refuse := func(got resp, status int, code string) {
		t.Helper()
		problem(t, got, status, code)
		if n := e.rptAllAudits(); n != audits {
			t.Fatalf("refusal wrote %d audit events", n-audits)
		}
	}
	ok := func() { audits = e.rptAllAudits() }
	rounds := func(unit string) string { return "/api/v1/units/" + e.units[unit].String() + "/reporting-rounds" }

	// Opening a round: at a cell 422; without rights 403; outside one's subtree 404.
	roundsBefore := e.count("reporting_rounds", "")
	refuse(e.do(req{Method: "POST", Path: rounds("CB-VP"), User: "bloc.officer", Body: rptH1(year, "cell")}), 422, "round_unit_kind")
	refuse(e.do(req{Method: "POST", Path: rounds("DU-SCT"), User: "cell.secretary", Body: rptH1(year, "cell")}), 403, "forbidden")
	refuse(e.do(req{Method: "POST", Path: rounds("KHOI-CQDN"), User: "committee.officer", Body: rptH1(year, "cell")}), 403, "forbidden")
	refuse(e.do(req{Method: "POST", Path: rounds("DU-SCT"), User: "cell.secretary2", Body: rptH1(year, "cell")}), 404, "not_found")
	refuse(e.do(req{Method: "POST", Path: rounds("DU-SCT"), User: "committee.officer", Body: rptH1(year, "bloc")}), 400, "validation")
	bad := rptH1(year, "cell")
	bad["due_on"] = fmt.Sprintf("%d-12-31", year-1)
	refuse(e.do(req{Method: "POST", Path: rounds("DU-SCT"), User: "committee.officer", Body: bad}), 422, "validation")
	if n := e.count("reporting_rounds", ""); n != roundsBefore {
		t.Fatalf("refused openings stored %d rounds", n-roundsBefore)
	}

	vp := reports["CB-VP"]
	// A member reads but does not write; an officer above reviews but does not write either.
	e.rptGet("member", vp.ID)
	refuse(e.do(req{Method: "PATCH", Path: rptPath(vp.ID), User: "member", Header: ifMatch(vp.Version), Body: map[string]any{"results": "x"}}), 403, "forbidden")
	refuse(e.do(req{Method: "PATCH", Path: rptPath(vp.ID), User: "committee.officer", Header: ifMatch(vp.Version), Body: map[string]any{"results": "x"}}), 403, "forbidden")
	refuse(e.do(req{Method: "POST", Path: rptPath(vp.ID, "submit"), User: "member", Header: ifMatch(vp.Version)}), 403, "forbidden")
	// Outside one's subtree the report does not exist.
	refuse(e.do(req{Method: "GET", Path: rptPath(vp.ID), User: "cell.secretary2"}), 404, "not_found")
	refuse(e.do(req{Method: "PATCH", Path: rptPath(vp.ID), User: "cell.secretary2", Header: ifMatch(vp.Version), Body: map[string]any{"results": "x"}}), 404, "not_found")
	// A stale If-Match.
	refuse(e.do(req{Method: "PATCH", Path: rptPath(vp.ID), User: "cell.secretary", Header: ifMatch(vp.Version + 3), Body: map[string]any{"results": "x"}}), 412, "stale_version")
	refuse(e.do(req{Method: "POST", Path: rptPath(vp.ID, "submit"), User: "cell.secretary", Header: ifMatch(vp.Version + 3)}), 412, "stale_version")
	// Accepting or returning a draft.
	refuse(e.do(req{Method: "POST", Path: rptPath(vp.ID, "accept"), User: "committee.officer", Header: ifMatch(vp.Version)}), 409, "invalid_transition")

	vp = e.rptStep("cell.secretary", e.rptWrite("cell.secretary", vp), "submit", "submitted", nil)
	ok()
	// A submitted report cannot be edited or submitted again.
	refuse(e.do(req{Method: "PATCH", Path: rptPath(vp.ID), User: "cell.secretary", Header: ifMatch(vp.Version), Body: map[string]any{"results": "x"}}), 409, "invalid_transition")
	refuse(e.do(req{Method: "PATCH", Path: rptPath(vp.ID), User: "cell.secretary", Body: map[string]any{"results": "x"}}), 409, "invalid_transition")
	refuse(e.do(req{Method: "POST", Path: rptPath(vp.ID, "submit"), User: "cell.secretary", Header: ifMatch(vp.Version)}), 409, "invalid_transition")
	// Returning: a reason is required (422 when empty; a missing body is 400).
	refuse(e.do(req{Method: "POST", Path: rptPath(vp.ID, "return"), User: "committee.officer", Header: ifMatch(vp.Version), Body: map[string]any{}}), 422, "validation")
	refuse(e.do(req{Method: "POST", Path: rptPath(vp.ID, "return"), User: "committee.officer", Header: ifMatch(vp.Version), Body: map[string]any{"reason": ""}}), 422, "validation")
	refuse(e.do(req{Method: "POST", Path: rptPath(vp.ID, "return"), User: "committee.officer", Header: ifMatch(vp.Version)}), 400, "validation")
	// The cell's secretary does not review its own report; another committee's cell secretary cannot see it.
	refuse(e.do(req{Method: "POST", Path: rptPath(vp.ID, "accept"), User: "cell.secretary", Header: ifMatch(vp.Version)}), 403, "forbidden")
	refuse(e.do(req{Method: "POST", Path: rptPath(vp.ID, "accept"), User: "cell.secretary2", Header: ifMatch(vp.Version)}), 404, "not_found")
	refuse(e.do(req{Method: "POST", Path: rptPath(vp.ID, "return"), User: "cell.secretary2", Header: ifMatch(vp.Version), Body: map[string]any{"reason": "Không"}}), 404, "not_found")
	refuse(e.do(req{Method: "POST", Path: rptPath(vp.ID, "accept"), User: "committee.officer", Header: ifMatch(vp.Version - 1)}), 412, "stale_version")
	if got := e.rptGet("admin", vp.ID); got.Status != "submitted" || got.Version != vp.Version {
		t.Fatalf("refusals changed the report: %+v", got)
	}

	// Nobody reviews what they submitted: a drafter of CB-QLTM who is also an officer of DU-SCT.
	e.rptUser("dual", "CB-QLTM", map[string]string{"cell_secretary": "CB-QLTM", "committee_officer": "DU-SCT"})
	ok()
	qltm := e.rptStep("dual", e.rptWrite("dual", reports["CB-QLTM"]), "submit", "submitted", nil)
	ok()
	if got := e.rptGet("dual", qltm.ID); !slices.Equal(got.AllowedActions, []string{}) {
		t.Fatalf("the submitter may %v", got.AllowedActions)
	}
	refuse(e.do(req{Method: "POST", Path: rptPath(qltm.ID, "accept"), User: "dual", Header: ifMatch(qltm.Version)}), 403, "own_submission")
	refuse(e.do(req{Method: "POST", Path: rptPath(qltm.ID, "return"), User: "dual", Header: ifMatch(qltm.Version), Body: map[string]any{"reason": "Tự trả"}}), 403, "own_submission")
	// Another officer accepts it; the dual user reviews the other cells.
	e.rptStep("committee.officer", qltm, "accept", "accepted", nil)
	ok()

	// Closing: only the officers of the unit that opened the round; then no writing or submission.
	bttp := e.rptWrite("cell.secretary2", reports["CB-BTTP"])
	ok()
	close := "/api/v1/reporting-rounds/" + round.ID + "/close"
	refuse(e.do(req{Method: "POST", Path: close, User: "committee.officer"}), 403, "forbidden")
	refuse(e.do(req{Method: "POST", Path: close, User: "inspector"}), 403, "forbidden")
	var closed rptRound
	e.must(http.StatusOK, req{Method: "POST", Path: close, User: "bloc.officer"}).Decode(t, &closed)
	if closed.Open || closed.ID != round.ID {
		t.Fatalf("closed round %+v", closed)
	}
	if n := e.rptAudits("reporting_round.close", round.ID); n != 1 {
		t.Fatalf("%d reporting_round.close events", n)
	}
	ok()
	refuse(e.do(req{Method: "POST", Path: close, User: "bloc.officer"}), 409, "round_closed")
	refuse(e.do(req{Method: "POST", Path: rptPath(bttp.ID, "submit"), User: "cell.secretary2", Header: ifMatch(bttp.Version)}), 409, "round_closed")
	refuse(e.do(req{Method: "PATCH", Path: rptPath(bttp.ID), User: "cell.secretary2", Header: ifMatch(bttp.Version), Body: map[string]any{"results": "Viết lại sau khi khóa đợt"}}), 409, "round_closed")
	if got := e.rptGet("cell.secretary2", bttp.ID); got.Status != "draft" || got.Version != bttp.Version || got.Frozen ||
		got.Narrative.Results == "Viết lại sau khi khóa đợt" || !slices.Equal(got.AllowedActions, []string{}) {
		t.Fatalf("a closed round's report changed or still offers actions: %+v", got)
	}
	var r rptRound
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/reporting-rounds/" + round.ID, User: "cell.secretary2"}).Decode(t, &r)
	if r.Open {
		t.Fatal("the round reads as open")
	}
}

// TestReportFiles renders a report as PDF (checked as an image and as text) and as a spreadsheet.
func TestReportFiles(t *testing.T) {
	t.Parallel()
	e, _, year := rptEnv(t)
	round := e.rptOpen("bloc.officer", "KHOI-CQDN", rptH1(year, "cell"))
	vp := e.rptStep("cell.secretary", e.rptWrite("cell.secretary", e.rptReports(round.ID)["CB-VP"]), "submit", "submitted", nil)
	file := func(name string) resp {
		return e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/reports/" + vp.ID + "/files/" + name, User: "committee.officer"})
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/reports/" + vp.ID + "/files/report.pdf", User: "cell.secretary2"}), 404, "not_found")

	pdf := file("report.pdf")
	if ct := pdf.Header.Get("Content-Type"); ct != "application/pdf" || !bytes.HasPrefix(pdf.Body, []byte("%PDF-")) {
		t.Fatalf("content type %q, body %q…", ct, pdf.Body[:min(16, len(pdf.Body))])
	}
	if cd := pdf.Header.Get("Content-Disposition"); cd != `attachment; filename="bao-cao-CB-VP-H1.pdf"` {
		t.Fatalf("Content-Disposition %q", cd)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(path, pdf.Body, 0o600); err != nil {
		t.Fatal(err)
	}
	if pdftoppm, err := exec.LookPath("pdftoppm"); err != nil {
		t.Log("pdftoppm not on PATH: the PDF is not rendered")
	} else {
		if out, err := exec.Command(pdftoppm, "-png", "-r", "30", "-f", "1", "-l", "1", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
		if len(pages) != 1 {
			t.Fatalf("rendered %v", pages)
		}
		raw, err := os.ReadFile(pages[0])
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		dark := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if r, g, bl, _ := img.At(x, y).RGBA(); (r+g+bl)/3 < 0x8000 {
					dark++
				}
			}
		}
		// A4 at 30 dpi is about 248×351 pixels; a page of text and tables inks a good share of it.
		if len(raw) <= 5*1024 || b.Dx() < 200 || b.Dy() < 300 || dark < b.Dx()*b.Dy()/100 {
			t.Fatalf("page 1: %d bytes, %v, %d dark pixels", len(raw), b, dark)
		}
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not on PATH: the PDF's text is not checked")
	} else {
		out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(norm.NFC.String(string(out))), " ")
		for _, want := range []string{"BÁO CÁO", "Chi bộ Văn phòng", "ĐẢNG ỦY SỞ CÔNG THƯƠNG", rptNarrativeFor("CB-VP").Results, "Kết quả đạt được"} {
			if !strings.Contains(text, norm.NFC.String(want)) {
				t.Fatalf("the PDF's text lacks %q:\n%s", want, text)
			}
		}
	}

	xl := file("report.xlsx")
	if ct := xl.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("content type %q", ct)
	}
	if cd := xl.Header.Get("Content-Disposition"); cd != `attachment; filename="bao-cao-CB-VP-H1.xlsx"` {
		t.Fatalf("Content-Disposition %q", cd)
	}
	x, err := excelize.OpenReader(bytes.NewReader(xl.Body))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	var all []string
	for _, sh := range x.GetSheetList() {
		rows, err := x.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			all = append(all, row...)
		}
	}
	flat := strings.Join(all, "\n")
	for _, want := range []string{"BÁO CÁO", "Chi bộ Văn phòng", rptNarrativeFor("CB-VP").Proposals, "Mô hình theo nhóm"} {
		if !strings.Contains(flat, want) {
			t.Fatalf("the spreadsheet lacks %q", want)
		}
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/reports/" + vp.ID + "/files/report.doc", User: "committee.officer"}), 400, "validation")
}

// TestReportTasks checks /me/tasks: reports to write, soonest due first, and reports to review,
// each gone once done.
func TestReportTasks(t *testing.T) {
	t.Parallel()
	e, _, year := rptEnv(t)
	later := e.rptOpen("bloc.officer", "KHOI-CQDN", map[string]any{"title": "Báo cáo 6 tháng (khối)", "year": year, "period": "H1",
		"due_on": fmt.Sprintf("%d-07-31", year), "levels": []string{"cell"}})
	sooner := e.rptOpen("committee.officer", "DU-SCT", map[string]any{"title": "Báo cáo 6 tháng (đảng ủy)", "year": year, "period": "H1",
		"due_on": fmt.Sprintf("%d-06-30", year), "levels": []string{"cell"}})
	vpLater, vpSooner := e.rptReports(later.ID)["CB-VP"], e.rptReports(sooner.ID)["CB-VP"]

	byKind := func(user, kind string) []rptTask {
		t.Helper()
		var out []rptTask
		tasks := e.rptTasks(user)
		for i, tk := range tasks {
			if i > 0 && tasks[i-1].DueOn != nil && tk.DueOn != nil && *tk.DueOn < *tasks[i-1].DueOn {
				t.Fatalf("%s's tasks are not soonest first: %+v", user, tasks)
			}
			if i > 0 && tasks[i-1].DueOn == nil && tk.DueOn != nil {
				t.Fatalf("%s's undated tasks come before dated ones: %+v", user, tasks)
			}
			if tk.Kind == kind {
				out = append(out, tk)
			}
		}
		return out
	}
	ids := func(ts []rptTask) []string {
		out := []string{}
		for _, tk := range ts {
			out = append(out, tk.ResourceID)
		}
		return out
	}

	// The secretary writes both, the one due sooner first (the demo's CB-VP report is accepted).
	w := byKind("cell.secretary", "write_report")
	if !slices.Equal(ids(w), []string{vpSooner.ID, vpLater.ID}) || *w[0].DueOn != fmt.Sprintf("%d-06-30", year) ||
		w[0].Title != sooner.Title || w[0].Unit.Code != "CB-VP" {
		t.Fatalf("write tasks %+v", w)
	}
	if r := byKind("committee.officer", "review_report"); slices.Contains(ids(r), vpSooner.ID) {
		t.Fatalf("a draft to review: %+v", r)
	}

	// Submitted: the officer reviews it and the secretary no longer writes it.
	vpSooner = e.rptStep("cell.secretary", e.rptWrite("cell.secretary", vpSooner), "submit", "submitted", nil)
	if w := byKind("cell.secretary", "write_report"); !slices.Equal(ids(w), []string{vpLater.ID}) {
		t.Fatalf("write tasks after submitting %+v", w)
	}
	r := byKind("committee.officer", "review_report")
	i := slices.IndexFunc(r, func(tk rptTask) bool { return tk.ResourceID == vpSooner.ID })
	if i < 0 || r[i].Unit.Code != "CB-VP" || r[i].DueOn == nil || *r[i].DueOn != fmt.Sprintf("%d-06-30", year) {
		t.Fatalf("review tasks %+v", r)
	}
	if r := byKind("cell.secretary2", "review_report"); len(r) != 0 {
		t.Fatalf("a cell secretary reviews %+v", r)
	}

	// Returned: back to the secretary; resubmitted and accepted: gone for both.
	vpSooner = e.rptStep("committee.officer", vpSooner, "return", "returned", map[string]any{"reason": "Bổ sung."})
	if w := byKind("cell.secretary", "write_report"); !slices.Equal(ids(w), []string{vpSooner.ID, vpLater.ID}) {
		t.Fatalf("write tasks after the return %+v", w)
	}
	if r := byKind("committee.officer", "review_report"); slices.Contains(ids(r), vpSooner.ID) {
		t.Fatalf("a returned report to review: %+v", r)
	}
	vpSooner = e.rptStep("cell.secretary", vpSooner, "submit", "submitted", nil)
	e.rptStep("committee.officer", vpSooner, "accept", "accepted", nil)
	if r := byKind("committee.officer", "review_report"); slices.Contains(ids(r), vpSooner.ID) {
		t.Fatalf("an accepted report to review: %+v", r)
	}
	if w := byKind("cell.secretary", "write_report"); !slices.Equal(ids(w), []string{vpLater.ID}) {
		t.Fatalf("write tasks at the end %+v", w)
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/me/tasks"}), 401, "unauthenticated")
}
