package httpapi_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"lamtheobac/internal/app"
)

// A member's self-assessment tasks through the year (#18): nothing due in spring once the
// commitment is accepted, the first half from 1 June (due 30 June, before the cell's six-month
// report) until it is recorded, the year from 1 December (due 31 December), nothing once the
// year is assessed; the secretary's own accepted commitment alike.
func TestCommitmentsSelfAssessmentTasks(t *testing.T) {
	t.Parallel()
	c := &nomClock{}
	year := vnYear()
	c.set(nomHanoi(year, time.February, 10, 10, 0))
	e := newEnvWith(t, app.Options{Clock: c.now})
	y := strconv.Itoa(year)
	type tk struct {
		Kind       string  `json:"kind"`
		Title      string  `json:"title"`
		ResourceID string  `json:"resource_id"`
		DueOn      *string `json:"due_on"`
	}
	selfAssess := func(user string) []tk {
		t.Helper()
		var list struct {
			Items []tk `json:"items"`
		}
		e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me/tasks", User: user}).Decode(t, &list)
		var out []tk
		for _, it := range list.Items {
			if it.Kind == "self_assess" {
				out = append(out, it)
			}
		}
		return out
	}
	expect := func(when, user, id, due, title string) {
		t.Helper()
		got := selfAssess(user)
		if id == "" {
			if len(got) != 0 {
				t.Fatalf("%s, %s: self-assessment tasks %+v, want none", when, user, got)
			}
			return
		}
		if len(got) != 1 || got[0].ResourceID != id || got[0].DueOn == nil || *got[0].DueOn != due || !strings.Contains(got[0].Title, title) {
			t.Fatalf("%s, %s: self-assessment tasks %+v, want %s due %s (%q)", when, user, got, id, due, title)
		}
	}

	// February: the member writes the commitment, the cell accepts it; nothing to assess yet.
	nam := cmtMember(e, "CB-VP", "Hoàng Văn Nam")
	lan := mxCommitmentOf(e, "CB-VP", "Phạm Thị Lan", year).String() // the secretary's own, accepted by the demo
	cm := call[cmtCommitment](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/members/" + nam + "/commitments", User: "member",
		Body: map[string]any{"year": year, "items": []map[string]any{{"kind": "study", "text": "Học chuyên đề năm."},
			{"kind": "task", "text": "Giải quyết hồ sơ đúng hạn."}}}})
	at := "/api/v1/commitments/" + cm.ID
	call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: at + "/submit", User: "member"})
	expect("February, submitted", "member", "", "", "")
	cm = call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: at + "/accept", User: "cell.secretary"})
	expect("February, accepted", "member", "", "", "")
	expect("February", "cell.secretary", "", "", "")
	c.set(nomHanoi(year, time.May, 31, 23, 0))
	expect("31 May", "member", "", "", "")

	// June: the first half is due on 30 June, until recorded.
	c.set(nomHanoi(year, time.June, 1, 8, 0))
	expect("1 June", "member", cm.ID, y+"-06-30", "6 tháng đầu năm "+y)
	expect("1 June", "cell.secretary", lan, y+"-06-30", "6 tháng đầu năm "+y)
	c.set(nomHanoi(year, time.June, 20, 9, 0))
	cm = call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: at + "/self-assessment", User: "member", Body: map[string]any{
		"period": "mid_year", "items": []map[string]any{{"item_id": cm.Items[0].ID, "result": "partly", "comment": "Đang học."}}}})
	expect("20 June, mid-year recorded", "member", "", "", "")
	c.set(nomHanoi(year, time.November, 30, 16, 0))
	expect("30 November", "member", "", "", "")
	expect("30 November, still not recorded", "cell.secretary", lan, y+"-06-30", "6 tháng đầu năm "+y)

	// December: the year is due on 31 December, for both; once assessed, the cell has it.
	c.set(nomHanoi(year, time.December, 1, 8, 0))
	expect("1 December", "member", cm.ID, y+"-12-31", "Tự đánh giá năm "+y)
	expect("1 December", "cell.secretary", lan, y+"-12-31", "Tự đánh giá năm "+y)
	yearEnd := []map[string]any{}
	for _, it := range cm.Items {
		yearEnd = append(yearEnd, map[string]any{"item_id": it.ID, "result": "done"})
	}
	cm = call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: at + "/self-assessment", User: "member",
		Body: map[string]any{"period": "year_end", "items": yearEnd}})
	if cm.Status != "self_assessed" || cm.Items[0].MidYear == nil {
		t.Fatalf("year end %+v", cm)
	}
	expect("1 December, year assessed", "member", "", "", "")
	var list struct {
		Items []tk `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me/tasks", User: "cell.secretary"}).Decode(t, &list)
	found := false
	for _, it := range list.Items {
		found = found || it.Kind == "review_commitment" && it.ResourceID == cm.ID
	}
	if !found {
		t.Fatalf("the secretary's tasks %+v lack the review of %s", list.Items, cm.ID)
	}
}

// TestCommitmentsLastYearEndInTheFirstQuarter: a commitment accepted last year whose year end
// was never recorded is still asked for, overdue, in the first quarter, beside this year's
// commitment to write; from April it is left to the cell.
func TestCommitmentsLastYearEndInTheFirstQuarter(t *testing.T) {
	t.Parallel()
	c := &nomClock{}
	year := vnYear() - 1
	c.set(nomHanoi(year, time.February, 10, 10, 0))
	e := newEnvWith(t, app.Options{Clock: c.now})
	y := strconv.Itoa(year)
	nam := cmtMember(e, "CB-VP", "Hoàng Văn Nam")
	cm := call[cmtCommitment](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/members/" + nam + "/commitments", User: "member",
		Body: map[string]any{"year": year, "items": []map[string]any{{"kind": "study", "text": "Học chuyên đề năm."}}}})
	at := "/api/v1/commitments/" + cm.ID
	call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: at + "/submit", User: "member"})
	call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: at + "/accept", User: "cell.secretary"})

	type tk struct {
		Kind       string  `json:"kind"`
		Title      string  `json:"title"`
		ResourceID string  `json:"resource_id"`
		DueOn      *string `json:"due_on"`
	}
	own := func() (selfAssess []tk, writes int) {
		t.Helper()
		var list struct {
			Items []tk `json:"items"`
		}
		e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me/tasks", User: "member"}).Decode(t, &list)
		for _, it := range list.Items {
			switch it.Kind {
			case "self_assess":
				selfAssess = append(selfAssess, it)
			case "write_commitment":
				writes++
			}
		}
		return selfAssess, writes
	}

	c.set(nomHanoi(year+1, time.January, 5, 9, 0))
	got, writes := own()
	if len(got) != 1 || got[0].ResourceID != cm.ID || got[0].DueOn == nil || *got[0].DueOn != y+"-12-31" ||
		!strings.Contains(got[0].Title, "Tự đánh giá năm "+y) || writes != 1 {
		t.Fatalf("5 January: self-assessment tasks %+v and %d commitments to write, want last year's year end and this year's commitment", got, writes)
	}
	c.set(nomHanoi(year+1, time.March, 31, 20, 0))
	if got, _ := own(); len(got) != 1 || got[0].ResourceID != cm.ID {
		t.Fatalf("31 March: %+v, want last year's year end still", got)
	}
	c.set(nomHanoi(year+1, time.April, 1, 8, 0))
	if got, _ := own(); len(got) != 0 {
		t.Fatalf("1 April: %+v, want none (left to the cell)", got)
	}
}
