package httpapi_test

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/app"
)

// Full-stack tests of periodic reports: rounds opened at the bloc or a committee, cells and
// committees writing and submitting (on time and late), review, consolidation, the status of a
// round, the documents, and the caller's tasks.
// This file holds their JSON forms and helpers; the tests are in reports_<topic>_api_test.go.

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
	year := vnYear()
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
	Years               []int          `json:"years"`
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
	refuse(e.do(req{Method: "POST", Path: rounds("DU-SCT"), User: "committee.officer", Body: rptH1(year, "province")}), 400, "validation")
	refuse(e.do(req{Method: "POST", Path: rounds("DU-SCT"), User: "committee.officer", Body: rptH1(year, "bloc")}), 422, "validation")
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
