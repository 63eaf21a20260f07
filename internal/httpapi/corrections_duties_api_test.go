package httpapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// dutyTask is a task of /me/tasks with its period.
type dutyTask struct {
	Kind       string     `json:"kind"`
	Title      string     `json:"title"`
	ResourceID string     `json:"resource_id"`
	Unit       nomUnitRef `json:"unit"`
	DueOn      *string    `json:"due_on"`
	Period     *string    `json:"period"`
}

// dutyTasks lists user's tasks of kind, checking that the whole list is soonest due first.
func (e *env) dutyTasks(user, kind string) []dutyTask {
	e.t.Helper()
	var l struct{ Items []dutyTask }
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me/tasks", User: user}).Decode(e.t, &l)
	var out []dutyTask
	for i, tk := range l.Items {
		if i > 0 && tk.DueOn != nil && (l.Items[i-1].DueOn == nil || *l.Items[i-1].DueOn > *tk.DueOn) {
			e.t.Fatalf("%s's tasks are not soonest due first: %+v", user, l.Items)
		}
		if tk.Kind == kind {
			out = append(out, tk)
		}
	}
	return out
}

// dutyKeys writes tasks as "resource:period@due" (only those of resources among ids, when given),
// sorted.
func dutyKeys(ts []dutyTask, ids ...string) []string {
	out := []string{}
	for _, tk := range ts {
		if len(ids) > 0 && !slices.Contains(ids, tk.ResourceID) {
			continue
		}
		p, d := "", ""
		if tk.Period != nil {
			p = *tk.Period
		}
		if tk.DueOn != nil {
			d = *tk.DueOn
		}
		out = append(out, tk.ResourceID+":"+p+"@"+d)
	}
	slices.Sort(out)
	return out
}

func dutyWant(keys ...string) []string {
	out := append([]string{}, keys...)
	slices.Sort(out)
	return out
}

// TestTasksListEvaluationsDue reproduces issue #17 item 6 for models: a model in progress owes
// its evaluations and nobody was told. The unit's drafters now see, for each running model, the
// quarter under way and the one just closed (each month for a monthly model) and the half-year
// from April, each due on the period's last day, until a self-evaluation of the period exists.
func TestTasksListEvaluationsDue(t *testing.T) {
	t.Parallel()
	e, clock, year := nomEnv(t)
	clock.set(nomHanoi(year, time.May, 10, 10, 0))
	d := func(m, day int) string { return fmt.Sprintf("%d-%02d-%02d", year, m, day) }
	quarterly := e.mdlAt("Mô hình đánh giá theo quý", year, "in_progress")
	body := mdlBody("Mỗi tháng một địa chỉ", year)
	body["measures"] = map[string]any{"plan": "Mỗi tháng hỗ trợ một đoàn viên khó khăn.", "evaluation_cadence": "monthly"}
	monthly := e.mdlDriveAs(mdlSec, mdlOfficer, e.mdlCreate(mdlSec, "CB-VP", body), "in_progress")
	cadence := func(id string) any {
		t.Helper()
		ms, _ := e.must(http.StatusOK, req{Method: "GET", Path: mdlPath(id), User: mdlSec}).JSON(t)["measures"].(map[string]any)
		return ms["evaluation_cadence"]
	}
	if got, got2 := cadence(monthly.ID), cadence(quarterly.ID); got != "monthly" || got2 != "quarterly" {
		t.Fatalf("cadences %v, %v", got, got2)
	}
	draft := e.mdlCreate(mdlSec, "CB-VP", mdlBody("Mô hình nháp", year))
	ids := []string{quarterly.ID, monthly.ID, draft.ID}
	q, m := quarterly.ID, monthly.ID
	want := dutyWant(q+":Q1@"+d(3, 31), q+":Q2@"+d(6, 30), q+":H1@"+d(6, 30),
		m+":M04@"+d(4, 30), m+":M05@"+d(5, 31), m+":H1@"+d(6, 30))
	if got := dutyKeys(e.dutyTasks(mdlSec, "evaluate_model"), ids...); !slices.Equal(got, want) {
		t.Fatalf("secretary's evaluations due\n got %v\nwant %v", got, want)
	}
	for _, tk := range e.dutyTasks(mdlSec, "evaluate_model") {
		if tk.ResourceID == q && *tk.Period == "Q1" && (tk.Title != "Đánh giá mô hình “Mô hình đánh giá theo quý” quý I/"+fmt.Sprint(year) ||
			tk.Unit.Code != "CB-VP") {
			t.Errorf("task %+v", tk)
		}
	}
	// The unit's drafters are asked, not its members, the committee above or administrators.
	for _, u := range []string{mdlMember, mdlOfficer, "bloc.officer", "admin", "cell.secretary2"} {
		if got := dutyKeys(e.dutyTasks(u, "evaluate_model"), ids...); len(got) != 0 {
			t.Errorf("%s asked to evaluate CB-VP's models: %v", u, got)
		}
	}
	// A self-evaluation answers the task (whoever records it); a reviewer's does not.
	e.must(http.StatusCreated, req{Method: "POST", Path: mdlPath(q, "evaluations"), User: mdlOfficer, Body: mdlEval("Q1", "good")})
	e.must(http.StatusCreated, req{Method: "POST", Path: mdlPath(m, "evaluations"), User: mdlSec, Body: mdlEval("M05", "good")})
	e.must(http.StatusCreated, req{Method: "POST", Path: mdlPath(m, "reviewer-evaluations"), User: "bloc.officer", Body: mdlEval("M04", "fair")})
	want = dutyWant(q+":Q2@"+d(6, 30), q+":H1@"+d(6, 30), m+":M04@"+d(4, 30), m+":H1@"+d(6, 30))
	if got := dutyKeys(e.dutyTasks(mdlSec, "evaluate_model"), ids...); !slices.Equal(got, want) {
		t.Fatalf("after evaluating Q1 and M05\n got %v\nwant %v", got, want)
	}
	// A completed model owes nothing more; in October the monthly one owes September, October
	// and the year.
	call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(q, "complete"), User: mdlSec, Header: ifMatch(e.mdlGet(mdlSec, q).Version)})
	clock.set(nomHanoi(year, time.October, 2, 10, 0))
	want = dutyWant(m+":M09@"+d(9, 30), m+":M10@"+d(10, 31), m+":year@"+d(12, 31))
	if got := dutyKeys(e.dutyTasks(mdlSec, "evaluate_model"), ids...); !slices.Equal(got, want) {
		t.Fatalf("in October\n got %v\nwant %v", got, want)
	}
}

// TestTasksListRegistration reproduces issue #17 item 6 for the yearly registration: a unit
// with no model registered for the year is asked to register one by the last day of February,
// from 1 January until it registers. DU-SCT has none in the demo; blocs direct and register none.
func TestTasksListRegistration(t *testing.T) {
	t.Parallel()
	e, clock, year := nomEnv(t)
	clock.set(nomHanoi(year, time.January, 20, 10, 0))
	feb := time.Date(year, time.March, 0, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	sct := e.units["DU-SCT"].String()
	got := e.dutyTasks(mdlOfficer, "register_model")
	if len(got) != 1 || got[0].ResourceID != sct || got[0].Unit.Code != "DU-SCT" || got[0].DueOn == nil || *got[0].DueOn != feb ||
		got[0].Title != fmt.Sprintf("Đăng ký mô hình làm theo Bác năm %d", year) || got[0].Period != nil {
		t.Fatalf("committee officer's registration tasks %+v", got)
	}
	// CB-VP runs a model this year, DUBP-SCT-KD registered one; the bloc and admin are asked nothing.
	for _, u := range []string{mdlSec, "partial.officer", "bloc.officer", "admin", mdlMember} {
		if got := e.dutyTasks(u, "register_model"); len(got) != 0 {
			t.Errorf("%s asked to register: %+v", u, got)
		}
	}
	// A draft is not a registration, nor a model of next year; registering is, until it is
	// returned.
	m := e.mdlCreate(mdlOfficer, "DU-SCT", mdlBody("Mô hình Đảng ủy Sở", year))
	e.mdlCreate(mdlOfficer, "DU-SCT", mdlBody("Mô hình năm sau", year+1))
	if got := e.dutyTasks(mdlOfficer, "register_model"); len(got) != 1 {
		t.Fatalf("with a draft: %+v", got)
	}
	m = e.mdlDriveAs(mdlOfficer, "bloc.officer", m, "registered")
	if got := e.dutyTasks(mdlOfficer, "register_model"); len(got) != 0 {
		t.Fatalf("registered, still asked: %+v", got)
	}
	call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(m.ID, "return"), User: "bloc.officer", Header: ifMatch(m.Version),
		Body: map[string]any{"reason": "Chưa cụ thể"}})
	if got := e.dutyTasks(mdlOfficer, "register_model"); len(got) != 1 || got[0].ResourceID != sct {
		t.Fatalf("returned, not asked again: %+v", got)
	}
	// Still asked after February, overdue.
	clock.set(nomHanoi(year, time.April, 2, 10, 0))
	if got := e.dutyTasks(mdlOfficer, "register_model"); len(got) != 1 || *got[0].DueOn != feb {
		t.Fatalf("in April: %+v", got)
	}
}

// TestTasksListHonoringRounds reproduces issue #17 item 6 for honoring rounds: a round called
// above a unit waits on the units that may nominate until its deadline, until the unit submits
// a nomination to it.
func TestTasksListHonoringRounds(t *testing.T) {
	t.Parallel()
	e, clock, year := nomEnv(t)
	deadline := fmt.Sprintf("%d-06-30", year)
	var bloc, sct struct {
		ID string `json:"id"`
	}
	e.must(http.StatusCreated, req{Method: "POST", Path: e.nomUnitPath("KHOI-CQDN", "honoring-rounds"), User: "bloc.officer",
		Body: map[string]any{"title": "Biểu dương điển hình dịp 2/9", "year": year, "nomination_deadline": deadline}}).Decode(t, &bloc)
	e.must(http.StatusCreated, req{Method: "POST", Path: e.nomUnitPath("DU-SCT", "honoring-rounds"), User: mdlOfficer,
		Body: map[string]any{"title": "Gương sáng Sở Công Thương", "year": year, "nomination_deadline": fmt.Sprintf("%d-06-20", year)}}).Decode(t, &sct)
	rounds := []string{bloc.ID, sct.ID}
	keys := func(user string) []string {
		t.Helper()
		out := []string{}
		for _, tk := range e.dutyTasks(user, "nominate_for_round") {
			if slices.Contains(rounds, tk.ResourceID) {
				out = append(out, tk.ResourceID+"@"+tk.Unit.Code+"@"+*tk.DueOn)
			}
		}
		return out
	}
	want := map[string][]string{
		"bloc.officer":    {},
		mdlOfficer:        {bloc.ID + "@DU-SCT@" + deadline},
		mdlSec:            {sct.ID + "@CB-VP@" + fmt.Sprintf("%d-06-20", year), bloc.ID + "@CB-VP@" + deadline},
		"cell.secretary2": {bloc.ID + "@CB-BTTP@" + deadline},
		mdlMember:         {},
		"admin":           {},
	}
	for u, w := range want {
		if got := keys(u); !slices.Equal(got, w) {
			t.Errorf("%s's rounds %v, want %v", u, got, w)
		}
	}
	// A draft in the round is not an answer; submitting it is.
	n := e.nomCreate(mdlSec, "CB-VP", map[string]any{"year": year, "round_id": bloc.ID,
		"subject": nomDepartment("Tổ văn thư"), "public_summary": "Tận tụy", "achievements": "Số hóa hồ sơ.",
		"criteria": nomAllMet(nomDepartment("Tổ văn thư"))})
	if got := keys(mdlSec); len(got) != 2 {
		t.Fatalf("a draft answered the round: %v", got)
	}
	call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "submit"), User: mdlSec, Header: ifMatch(n.Version)})
	if got := keys(mdlSec); !slices.Equal(got, want[mdlSec][:1]) {
		t.Fatalf("after submitting to the bloc's round: %v", got)
	}
	if got := keys(mdlOfficer); !slices.Equal(got, want[mdlOfficer]) {
		t.Fatalf("CB-VP's nomination answered DU-SCT's duty: %v", got)
	}
	// After its deadline a round asks nothing.
	clock.set(nomHanoi(year, time.June, 21, 10, 0))
	if got := keys(mdlSec); len(got) != 0 {
		t.Fatalf("after DU-SCT's deadline: %v", got)
	}
	clock.set(nomHanoi(year, time.July, 1, 0, 30))
	if got := keys("cell.secretary2"); len(got) != 0 {
		t.Fatalf("after the bloc's deadline: %v", got)
	}
}

// TestTasksListProgressNotes reproduces issue #17 item 6 for mentors: the mentor of an exemplar
// is asked for a progress note each month (Kế hoạch 185-KH/ĐU §II.4), due on its last day, until
// one is written that month; a rejected nomination is no longer followed.
func TestTasksListProgressNotes(t *testing.T) {
	t.Parallel()
	e, clock, year := nomEnv(t)
	n := e.nomCreate(mdlSec, "CB-VP", nomBody(year, nomPerson("Trần Thị Mai", "Chuyên viên", e.units["CB-VP"], false), "Gương mẫu"))
	n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "submit"), User: mdlSec, Header: ifMatch(n.Version)})
	notes := func(user string) []string {
		t.Helper()
		return dutyKeys(e.dutyTasks(user, "write_progress_note"), n.ID)
	}
	if got := notes(mdlMember); len(got) != 0 {
		t.Fatalf("no mentor yet: %v", got)
	}
	e.must(http.StatusOK, req{Method: "PUT", Path: nomPath(n.ID, "mentor"), User: mdlOfficer,
		Body: map[string]any{"name": "Đảng viên kèm cặp", "user_id": e.users[mdlMember]}})
	if got, w := notes(mdlMember), dutyWant(n.ID+":M06@"+fmt.Sprintf("%d-06-30", year)); !slices.Equal(got, w) {
		t.Fatalf("mentor's notes %v, want %v", got, w)
	}
	for _, tk := range e.dutyTasks(mdlMember, "write_progress_note") {
		if tk.ResourceID == n.ID && (!strings.Contains(tk.Title, "Trần Thị Mai") || tk.Unit.Code != "CB-VP") {
			t.Errorf("task %+v", tk)
		}
	}
	for _, u := range []string{mdlSec, mdlOfficer, "admin"} {
		if got := notes(u); len(got) != 0 {
			t.Errorf("%s asked for the mentor's note: %v", u, got)
		}
	}
	e.must(http.StatusCreated, req{Method: "POST", Path: nomPath(n.ID, "progress-notes"), User: mdlMember,
		Body: map[string]any{"period": "monthly", "label": fmt.Sprintf("%d-06", year), "text": "Hoàn thành tốt nhiệm vụ tháng."}})
	if got := notes(mdlMember); len(got) != 0 {
		t.Fatalf("after June's note: %v", got)
	}
	clock.set(nomHanoi(year, time.July, 3, 10, 0))
	if got, w := notes(mdlMember), dutyWant(n.ID+":M07@"+fmt.Sprintf("%d-07-31", year)); !slices.Equal(got, w) {
		t.Fatalf("in July %v, want %v", got, w)
	}
	n = e.nomGet(mdlOfficer, n.ID)
	call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "reject"), User: mdlOfficer, Header: ifMatch(n.Version),
		Body: map[string]any{"reason": "Chưa đủ tiêu chuẩn"}})
	if got := notes(mdlMember); len(got) != 0 {
		t.Fatalf("a rejected nomination still asks for notes: %v", got)
	}
}
