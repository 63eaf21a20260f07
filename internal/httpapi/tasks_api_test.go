package httpapi_test

import (
	"net/http"
	"slices"
	"testing"
)

// TestMyTasksReviews checks the review side of /me/tasks for models and nominations: a model
// registered waits on the officers of the unit directly above (never its registrar, never the
// level further up), a nomination on the officers of the unit holding it until it is honored,
// undated tasks come after dated ones, models before nominations, each in the order it arrived.
func TestMyTasksReviews(t *testing.T) {
	t.Parallel()
	e, _, year := nomEnv(t)
	// dual drafts at CB-VP and reviews at DU-SCT: its own registrations are never its tasks.
	e.nomUser("tasks.dual", "Cán bộ hai vai", "DU-SCT", [2]string{"cell_secretary", "CB-VP"}, [2]string{"committee_officer", "DU-SCT"})
	tasks := func(user string) []rptTask { t.Helper(); return e.rptTasks(user) }
	keys := func(user, kind string) []string {
		t.Helper()
		out := []string{}
		all := tasks(user)
		for i, tk := range all {
			if i > 0 && all[i-1].DueOn == nil && tk.DueOn != nil {
				t.Fatalf("%s: an undated task before a dated one: %+v", user, all)
			}
			if tk.Kind == kind {
				out = append(out, tk.ResourceID)
			}
		}
		return out
	}
	before := map[string][]string{}
	for _, u := range []string{"admin", "bloc.officer", "committee.officer", "cell.secretary", "tasks.dual"} {
		before[u+" model"], before[u+" nomination"] = keys(u, "review_model"), keys(u, "review_nomination")
	}
	// added is what kind of tasks user has beyond those it had at the start, in order.
	added := func(user, kind string) []string {
		t.Helper()
		return slices.DeleteFunc(keys(user, "review_"+kind), func(id string) bool { return slices.Contains(before[user+" "+kind], id) })
	}

	m1 := e.mdlDriveAs("cell.secretary", "committee.officer", e.mdlCreate("cell.secretary", "CB-VP", mdlBody("Mô hình chờ duyệt 1", year)), "registered")
	m2 := e.mdlDriveAs("tasks.dual", "committee.officer", e.mdlCreate("tasks.dual", "CB-VP", mdlBody("Mô hình chờ duyệt 2", year)), "registered")
	draft := e.mdlCreate("cell.secretary", "CB-VP", mdlBody("Mô hình nháp", year))
	want := map[string][]string{"admin": {m1.ID, m2.ID}, "committee.officer": {m1.ID, m2.ID}, "tasks.dual": {m1.ID},
		"bloc.officer": {}, "cell.secretary": {}}
	for u, w := range want {
		if got := added(u, "model"); !slices.Equal(got, w) {
			t.Errorf("%s's model reviews %v, want %v (draft %s)", u, got, w, draft.ID)
		}
	}
	for _, tk := range tasks("committee.officer") {
		if tk.ResourceID == m1.ID && (tk.Title != "Mô hình chờ duyệt 1" || tk.Unit.Code != "CB-VP" || tk.DueOn != nil) {
			t.Errorf("model task %+v", tk)
		}
	}
	call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(m1.ID, "approve"), User: "committee.officer", Header: ifMatch(m1.Version)})
	if got := added("committee.officer", "model"); !slices.Equal(got, []string{m2.ID}) {
		t.Errorf("model reviews after approving %v, want [%s]", got, m2.ID)
	}

	n := e.nomCreate("cell.secretary", "CB-VP", nomBody(year, nomPerson("Người Được Đề Cử", "Chuyên viên", e.units["CB-VP"], false), "Gương mẫu"))
	n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "submit"), User: "cell.secretary", Header: ifMatch(n.Version)})
	step := func(who, action string, body any, holders ...string) {
		t.Helper()
		if action != "" {
			n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, action), User: who, Header: ifMatch(n.Version), Body: body})
		}
		for _, u := range []string{"admin", "bloc.officer", "committee.officer", "cell.secretary"} {
			wait := u == "admin" || slices.Contains(holders, u)
			if got := added(u, "nomination"); !slices.Equal(got, map[bool][]string{true: {n.ID}, false: {}}[wait]) {
				t.Errorf("%s (%s): %s's nomination reviews %v", action, n.Status, u, got)
			}
		}
	}
	step("", "", nil, "committee.officer")
	all := tasks("committee.officer")
	if i, j := slices.IndexFunc(all, func(tk rptTask) bool { return tk.ResourceID == m2.ID }),
		slices.IndexFunc(all, func(tk rptTask) bool { return tk.ResourceID == n.ID }); i < 0 || j < i {
		t.Errorf("models come before nominations: %+v", all)
	} else if all[j].Title != "Người Được Đề Cử" || all[j].Unit.Code != "CB-VP" {
		t.Errorf("nomination task %+v", all[j])
	}
	step("committee.officer", "endorse", nil, "bloc.officer")
	step("bloc.officer", "commend", nomDecision("01-QĐ/"+n.ID[:8], nomToday(year)), "bloc.officer")
	n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "honor"), User: "bloc.officer", Header: ifMatch(n.Version)})
	if got := added("admin", "nomination"); len(got) != 0 {
		t.Errorf("an honored nomination still waits: %v", got)
	}
}
