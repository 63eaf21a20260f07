package httpapi_test

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"lamtheobac/internal/app"
)

type stFigures struct {
	Unit              nomUnitRef `json:"unit"`
	Units             int        `json:"units"`
	QuartersDue       int        `json:"quarters_due"`
	QuartersMet       int        `json:"quarters_met"`
	SessionsHeld      int        `json:"sessions_held"`
	SessionsPlanned   int        `json:"sessions_planned"`
	SessionsCancelled int        `json:"sessions_cancelled"`
	Present           int        `json:"present"`
	Excused           int        `json:"excused"`
	Absent            int        `json:"absent"`
	AttendanceRate    float64    `json:"attendance_rate"`
	Reflections       int        `json:"reflections"`
}

type stSummary struct {
	From  string      `json:"from"`
	To    string      `json:"to"`
	Total stFigures   `json:"total"`
	Rows  []stFigures `json:"rows"`
}

// stMembers returns CB-VP's demo members by name, as its secretary lists them.
func (e *env) stMembers(code string) map[string]string {
	e.t.Helper()
	var l stList[struct {
		ID       string `json:"id"`
		FullName string `json:"full_name"`
	}]
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.stUnit(code) + "/members", User: "admin"}).Decode(e.t, &l)
	out := map[string]string{}
	for _, m := range l.Items {
		out[m.FullName] = m.ID
	}
	return out
}

func (e *env) stSummary(user, code, query string) stSummary {
	e.t.Helper()
	return call[stSummary](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.stUnit(code) + "/study-summary" + query, User: user})
}

// TestStudyQuarterOfACell walks a quarter of CB-VP: a session on the bloc's topic, held, the
// attendance of its members, their reflections (their own, or entered by the secretary), then
// the figures of the quarter and of the year at the cell and at its committee, and the
// secretaries' tasks.
func TestStudyQuarterOfACell(t *testing.T) {
	t.Parallel()
	now, year := stClock()
	var clock atomic.Pointer[time.Time]
	clock.Store(&now)
	e := newEnvWith(t, app.Options{Clock: func() time.Time { return *clock.Load() }})
	topics := call[stList[stTopic]](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.stUnit("CB-VP") + "/study-topics?year=" + fmt.Sprint(year), User: "cell.secretary"}).Items
	var blocTopic string
	for _, tp := range topics {
		if tp.Unit.Code == "KHOI-CQDN" {
			blocTopic = tp.ID
		}
	}
	x := call[stSession](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("CB-VP") + "/study-sessions", User: "cell.secretary",
		Body: stSessionBody(blocTopic, now.AddDate(0, 0, -5))})
	path := "/api/v1/study-sessions/" + x.ID
	x = call[stSession](e, http.StatusOK, req{Method: "POST", Path: path + "/record", User: "cell.secretary", Body: map[string]any{"key_points": "Liên hệ bản thân."}})

	vp, ql := e.stMembers("CB-VP"), e.stMembers("CB-QLTM")
	lan, nam, hanh, vinh := vp["Phạm Thị Lan"], vp["Hoàng Văn Nam"], vp["Đỗ Thị Hạnh"], vp["Bùi Quang Vinh"]
	if lan == "" || nam == "" || hanh == "" || vinh == "" || ql["Ngô Thanh Sơn"] == "" {
		t.Fatalf("demo members %v %v", vp, ql)
	}
	item := func(id, status string) map[string]any { return map[string]any{"member_id": id, "status": status} }
	// Members of another cell, or named twice, are refused, naming the item; nothing is written.
	p := problem(t, e.do(req{Method: "PUT", Path: path + "/attendance", User: "cell.secretary",
		Body: map[string]any{"items": []any{item(lan, "present"), item(ql["Ngô Thanh Sơn"], "present")}}}), 422, "not_a_member")
	if errs := p["errors"].([]any); len(errs) != 1 || errs[0].(map[string]any)["field"] != "/items/1/member_id" {
		t.Errorf("errors %v", errs)
	}
	problem(t, e.do(req{Method: "PUT", Path: path + "/attendance", User: "cell.secretary",
		Body: map[string]any{"items": []any{item(lan, "present"), item(lan, "absent")}}}), 422, "validation")
	problem(t, e.do(req{Method: "PUT", Path: path + "/attendance", User: "member", Body: map[string]any{"items": []any{}}}), 403, "forbidden")
	problem(t, e.do(req{Method: "PUT", Path: path + "/attendance", User: "cell.secretary", Body: map[string]any{"items": []any{}}, Header: ifMatch(x.Version - 1)}), 412, "stale_version")
	var att struct {
		SessionVersion int64 `json:"session_version"`
		Items          []struct {
			MemberID   string `json:"member_id"`
			MemberName string `json:"member_name"`
			Status     string `json:"status"`
		} `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "PUT", Path: path + "/attendance", User: "cell.secretary", Header: ifMatch(x.Version),
		Body: map[string]any{"items": []any{item(lan, "present"), item(nam, "present"), item(hanh, "present"), item(vinh, "absent")}}}).Decode(t, &att)
	if len(att.Items) != 4 || att.SessionVersion != x.Version+1 {
		t.Fatalf("attendance %+v", att)
	}
	e.must(http.StatusOK, req{Method: "GET", Path: path + "/attendance", User: "member"}).Decode(t, &att)
	if got := att.Items[0]; got.MemberName != "Bùi Quang Vinh" || got.Status != "absent" { // Vietnamese order: B, Đ, H, P
		t.Errorf("first attendance row %+v", got)
	}

	// Reflections: a member writes their own (it is on their tasks until then); the secretary
	// enters anyone's.
	owes := func(user string) []string {
		out := []string{}
		for _, tk := range e.rptTasks(user) {
			if tk.Kind == "write_reflection" {
				out = append(out, tk.ResourceID)
			}
		}
		return out
	}
	if got := owes("member"); !slices.Equal(got, []string{x.ID}) { // the demo's session has their reflection already
		t.Errorf("the member owes reflections on %v, want [%s]", got, x.ID)
	}
	reflect := func(user, memberID, body string) resp {
		return e.do(req{Method: "PUT", Path: path + "/reflections/" + memberID, User: user, Body: map[string]any{"body": body}})
	}
	problem(t, reflect("member", hanh, "Không phải của tôi"), 403, "not_own_reflection")
	problem(t, reflect("cell.secretary2", nam, "x"), 404, "not_found")
	problem(t, reflect("committee.officer", nam, "x"), 403, "forbidden")
	problem(t, reflect("cell.secretary", ql["Ngô Thanh Sơn"], "x"), 404, "not_found")
	problem(t, reflect("member", nam, ""), 400, "validation")
	first := call[stReflection](e, http.StatusOK, req{Method: "PUT", Path: path + "/reflections/" + nam, User: "member", Body: map[string]any{"body": "Bài thu hoạch của tôi"}})
	later := now.Add(time.Hour)
	clock.Store(&later)
	again := call[stReflection](e, http.StatusOK, req{Method: "PUT", Path: path + "/reflections/" + nam, User: "member", Body: map[string]any{"body": "Bài thu hoạch, sửa lại"}})
	call[stReflection](e, http.StatusOK, req{Method: "PUT", Path: path + "/reflections/" + hanh, User: "cell.secretary", Body: map[string]any{"body": "Chị Hạnh viết tay, chi bộ nhập"}})
	if again.Body != "Bài thu hoạch, sửa lại" || !again.CreatedAt.Equal(first.CreatedAt) || !again.UpdatedAt.Equal(later) || again.MemberName != "Hoàng Văn Nam" {
		t.Errorf("rewritten %+v after %+v", again, first)
	}
	if got := owes("member"); len(got) != 0 {
		t.Errorf("the member still owes reflections on %v", got)
	}
	if got := owes("committee.officer"); len(got) != 0 {
		t.Errorf("an officer owes reflections on %v", got)
	}
	refl := call[stList[stReflection]](e, http.StatusOK, req{Method: "GET", Path: path + "/reflections", User: "committee.officer"}).Items
	if len(refl) != 2 || refl[0].MemberName != "Đỗ Thị Hạnh" || refl[1].Body != "Bài thu hoạch, sửa lại" {
		t.Errorf("reflections %+v", refl)
	}

	// The quarter at the cell: the demo's session (2 present, 1 excused, 1 absent, 1 reflection)
	// and ours (3 present, 1 absent, 2 reflections); the demo's planned one on 24 May.
	q2 := e.stSummary("member", "CB-VP", fmt.Sprintf("?year=%d&period=Q2", year))
	want := stFigures{Units: 1, QuartersDue: 1, QuartersMet: 1, SessionsHeld: 2, SessionsPlanned: 1, Present: 5, Excused: 1, Absent: 2, Reflections: 3}
	got := q2.Total
	got.Unit, got.AttendanceRate = nomUnitRef{}, 0
	if got != want || math.Abs(q2.Total.AttendanceRate-5.0/8) > 1e-9 || q2.From != fmt.Sprintf("%d-04-01", year) || q2.To != fmt.Sprintf("%d-06-30", year) {
		t.Errorf("Q2 at CB-VP %+v (%s–%s), want %+v at 5/8", q2.Total, q2.From, q2.To, want)
	}
	if len(q2.Rows) != 1 || q2.Rows[0].Unit.Code != "CB-VP" {
		t.Errorf("rows %+v", q2.Rows)
	}
	if q1 := e.stSummary("cell.secretary", "CB-VP", fmt.Sprintf("?year=%d&period=Q1", year)).Total; q1.QuartersDue != 1 || q1.QuartersMet != 0 || q1.SessionsHeld != 0 {
		t.Errorf("Q1 at CB-VP %+v", q1)
	}
	// The year at the committee: four cells (CB-KD1 through the partial committee), two quarters
	// begun, one met.
	sct := e.stSummary("committee.officer", "DU-SCT", fmt.Sprintf("?year=%d", year))
	if sct.Total.Units != 4 || sct.Total.QuartersDue != 8 || sct.Total.QuartersMet != 1 || sct.Total.SessionsHeld != 2 || sct.Total.Reflections != 3 {
		t.Errorf("the year at DU-SCT %+v", sct.Total)
	}
	codes := []string{}
	for _, r := range sct.Rows {
		codes = append(codes, r.Unit.Code)
	}
	if !slices.Equal(codes, []string{"DU-SCT", "CB-KTAT", "CB-QLTM", "CB-VP", "DUBP-SCT-KD"}) || sct.Rows[3].Present != 5 || sct.Rows[1].QuartersDue != 2 ||
		sct.Rows[4].Units != 1 || sct.Rows[4].QuartersDue != 2 {
		t.Errorf("rows at DU-SCT %v %+v", codes, sct.Rows)
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/" + e.stUnit("DU-SCT") + "/study-summary?year=" + fmt.Sprint(year), User: "cell.secretary"}), 403, "forbidden")
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/" + e.stUnit("DU-SCT") + "/study-summary", User: "admin"}), 400, "validation")

	// The counts flow into the figures of the cells' H1 reports.
	round := e.rptOpen("committee.officer", "DU-SCT", rptH1(year, "cell", "committee"))
	var reports struct {
		Items []struct {
			ID   string     `json:"id"`
			Unit nomUnitRef `json:"unit"`
		} `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.stUnit("DU-SCT") + "/reports?scope=subtree&round_id=" + round.ID, User: "committee.officer"}).Decode(t, &reports)
	for _, r := range reports.Items {
		var rep struct {
			Figures map[string]any `json:"figures"`
		}
		e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/reports/" + r.ID, User: "committee.officer"}).Decode(t, &rep)
		got := fmt.Sprint(rep.Figures["study_sessions_held"], rep.Figures["study_present"], rep.Figures["study_attendances"], rep.Figures["study_reflections"])
		want := map[string]string{"CB-VP": "2 5 8 3", "CB-QLTM": "0 0 0 0", "CB-KTAT": "0 0 0 0", "CB-KD1": "0 0 0 0", "DUBP-SCT-KD": "0 0 0 0"}[r.Unit.Code]
		if got != want {
			t.Errorf("%s's H1 study figures %s, want %s", r.Unit.Code, got, want)
		}
	}
	if len(reports.Items) != 5 { // the cells below the committee that opened it, and the partial committee between
		t.Errorf("%d reports in the round", len(reports.Items))
	}

	// Tasks: CB-VP held its session this quarter; CB-BTTP has not, due on the quarter's last day.
	hasHold := func(user, cell string) (bool, *string) {
		for _, tk := range e.rptTasks(user) {
			if tk.Kind == "hold_study_session" && tk.ResourceID == e.stUnit(cell) {
				return true, tk.DueOn
			}
		}
		return false, nil
	}
	if ok, _ := hasHold("cell.secretary", "CB-VP"); ok {
		t.Error("CB-VP's secretary is asked to hold a session held this quarter")
	}
	if ok, due := hasHold("cell.secretary2", "CB-BTTP"); !ok || due == nil || *due != fmt.Sprintf("%d-06-30", year) {
		t.Errorf("CB-BTTP's task: %v, due %v", ok, due)
	}
	if ok, _ := hasHold("committee.officer", "CB-BTTP"); ok {
		t.Error("a committee officer is given a cell's session to hold")
	}
}

// stReflection is a reflection as the API answers it.
type stReflection struct {
	MemberID   string    `json:"member_id"`
	MemberName string    `json:"member_name"`
	Body       string    `json:"body"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}
