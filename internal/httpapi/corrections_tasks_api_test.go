package httpapi_test

import (
	"net/http"
	"slices"
	"testing"
)

// TestTasksListOpenConsultations reproduces issue #17 item 6 (first part): a member whose
// allowed_actions on a standard held "comment" had an empty /me/tasks. The consultations of the
// caller's units and of the units above them are now listed with their closing date.
func TestTasksListOpenConsultations(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	comments := func(user string) []rptTask {
		t.Helper()
		var out []rptTask
		for _, tk := range e.rptTasks(user) {
			if tk.Kind == "comment_standard" {
				out = append(out, tk)
			}
		}
		return out
	}
	// The demo opens a revision of DU-SCT's standard for comment for two weeks: its member at
	// CB-VP and the committee's officers are asked; CB-BTTP, under DU-STP, is not.
	demo := comments("member")
	if len(demo) != 1 || demo[0].Unit.Code != "DU-SCT" || demo[0].DueOn == nil || *demo[0].DueOn != stdDay(14) ||
		demo[0].Title != "Chuẩn mực đạo đức (dự thảo sửa đổi, bổ sung)" {
		t.Fatalf("the demo's consultation in the member's tasks: %+v", demo)
	}
	if got := comments("committee.officer"); len(got) != 1 || got[0].ResourceID != demo[0].ResourceID {
		t.Fatalf("the demo's consultation in the committee officer's tasks: %+v", got)
	}
	if got := comments("cell.secretary2"); len(got) != 0 {
		t.Fatalf("CB-BTTP asked about DU-SCT's consultation: %+v", got)
	}
	vp := e.stdConsulting("cell.secretary", "CB-VP", "Chuẩn mực đạo đức Chi bộ Văn phòng", "Trung thành, gương mẫu.")
	if !slices.Contains(e.stdGet("member", vp.ID).AllowedActions, "comment") {
		t.Fatalf("the member may not comment: %v", e.stdGet("member", vp.ID).AllowedActions)
	}
	got := slices.DeleteFunc(comments("member"), func(tk rptTask) bool { return tk.ResourceID == demo[0].ResourceID })
	if len(got) != 1 || got[0].ResourceID != vp.ID || got[0].Unit.Code != "CB-VP" || got[0].DueOn == nil || *got[0].DueOn != stdDay(7) ||
		got[0].Title != "Chuẩn mực đạo đức Chi bộ Văn phòng" {
		t.Fatalf("member's comment tasks %+v", got)
	}
	// Another committee's cell and the committee above are not asked to comment on a cell's standard.
	if got := comments("cell.secretary2"); len(got) != 0 {
		t.Fatalf("CB-BTTP asked to comment: %+v", got)
	}
	if got := comments("committee.officer"); len(got) != 1 || got[0].ResourceID != demo[0].ResourceID {
		t.Fatalf("the committee asked to comment on its cell's standard: %+v", got)
	}
	// The committee's consultation reaches its cells' members.
	sct := e.stdConsulting("committee.officer", "DU-SCT", "Chuẩn mực đạo đức Đảng ủy Sở", "Tận tụy phục vụ nhân dân.")
	ids := []string{}
	for _, tk := range comments("member") {
		ids = append(ids, tk.ResourceID)
	}
	slices.Sort(ids)
	want := []string{vp.ID, sct.ID, demo[0].ResourceID}
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Fatalf("member's comment tasks %v, want %v", ids, want)
	}
	if got := comments("cell.secretary2"); len(got) != 0 {
		t.Fatalf("CB-BTTP's secretary (under DU-STP) asked about DU-SCT's standard: %+v", got)
	}
	// Back to draft, the consultation is no longer a task.
	call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(vp.ID, "return-to-draft"), User: "cell.secretary", Header: ifMatch(vp.Version)})
	if got := comments("member"); len(got) != 2 || !slices.ContainsFunc(got, func(tk rptTask) bool { return tk.ResourceID == sct.ID }) ||
		slices.ContainsFunc(got, func(tk rptTask) bool { return tk.ResourceID == vp.ID }) {
		t.Fatalf("member's comment tasks after CB-VP's returned to draft: %+v", got)
	}
}
