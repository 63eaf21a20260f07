package httpapi_test

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Full-stack tests of a member's year: the commitment drafted from the cell's standard, returned
// and resubmitted, accepted, assessed at mid-year and year end, reviewed by the cell, classified
// by the committee, and counted.

// cmtAssessment is a self-assessment of an item.
type cmtAssessment struct {
	Result   string `json:"result"`
	Comment  string `json:"comment"`
	Evidence string `json:"evidence"`
}

// cmtItem is an item of a commitment.
type cmtItem struct {
	ID             string         `json:"id"`
	Kind           string         `json:"kind"`
	StandardItemID *string        `json:"standard_item_id"`
	StandardText   *string        `json:"standard_text"`
	Text           string         `json:"text"`
	ModelID        *string        `json:"model_id"`
	MidYear        *cmtAssessment `json:"mid_year"`
	YearEnd        *cmtAssessment `json:"year_end"`
}

// cmtCommitment is the JSON form of a commitment.
type cmtCommitment struct {
	ID     string `json:"id"`
	Member struct {
		ID       string `json:"id"`
		FullName string `json:"full_name"`
	} `json:"member"`
	Unit           mdlUnitRef `json:"unit"`
	Year           int        `json:"year"`
	Status         string     `json:"status"`
	StatusReason   *string    `json:"status_reason"`
	Items          []cmtItem  `json:"items"`
	OnBehalf       bool       `json:"on_behalf"`
	DueOn          string     `json:"due_on"`
	Late           bool       `json:"late"`
	CellAssessment string     `json:"cell_assessment"`
	ProposedClass  *string    `json:"proposed_class"`
	Class          *string    `json:"class"`
	Version        int64      `json:"version"`
	AllowedActions []string   `json:"allowed_actions"`
}

func (c cmtCommitment) tagVersion() int64 { return c.Version }

// cmtList is a page of commitments.
type cmtList struct {
	Items      []cmtCommitment `json:"items"`
	NextCursor *string         `json:"next_cursor"`
}

// cmtCounts is the progress of a year.
type cmtCounts struct {
	Members      int            `json:"members"`
	Committed    int            `json:"committed"`
	Accepted     int            `json:"accepted"`
	SelfAssessed int            `json:"self_assessed"`
	Reviewed     int            `json:"reviewed"`
	Classified   int            `json:"classified"`
	ByClass      map[string]int `json:"by_class"`
}

// cmtMember returns the id of the demo member named name at cell.
func cmtMember(e *env, cell, name string) string {
	e.t.Helper()
	l := call[mbrList](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units[cell].String() + "/members?q=" + url.QueryEscape(name), User: "admin"})
	if len(l.Items) != 1 {
		e.t.Fatalf("%d members named %s", len(l.Items), name)
	}
	return l.Items[0].ID
}

// cmtStandardLine returns the id of the first line of the standard in force at cell.
func cmtStandardLine(e *env, cell string) string {
	e.t.Helper()
	eff := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units[cell].String() + "/effective-standard", User: "admin"}).JSON(e.t)
	items := eff["standard"].(map[string]any)["items"].([]any)
	return items[0].(map[string]any)["id"].(string)
}

func TestCommitmentsWholeYear(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	year := e.app.Now().Year()
	nam := cmtMember(e, "CB-VP", "Hoàng Văn Nam")
	line := cmtStandardLine(e, "CB-VP")
	models := call[mdlList](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/models", User: "admin"})
	model := models.Items[0].ID
	path := "/api/v1/members/" + nam + "/commitments"
	items := []map[string]any{
		{"kind": "standard", "standard_item_id": line, "text": "Đúng giờ, tận tụy với công việc được giao."},
		{"kind": "study", "text": "Học chuyên đề năm về phong cách gần dân."},
	}

	// The committee sets the deadline for its cells.
	deadline := strconv.Itoa(year) + "-04-15"
	e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/units/" + e.units["DU-SCT"].String() + "/commitment-deadlines/" + strconv.Itoa(year),
		User: "committee.officer", Body: map[string]any{"due_on": deadline}})
	problem(t, e.do(req{Method: "PUT", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/commitment-deadlines/" + strconv.Itoa(year),
		User: "cell.secretary", Body: map[string]any{"due_on": deadline}}), http.StatusForbidden, "forbidden")
	problem(t, e.do(req{Method: "PUT", Path: "/api/v1/units/" + e.units["DU-SCT"].String() + "/commitment-deadlines/" + strconv.Itoa(year),
		User: "committee.officer", Body: map[string]any{"due_on": "2001-01-01"}}), http.StatusUnprocessableEntity, "validation")
	dl := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/commitment-deadlines/" + strconv.Itoa(year),
		User: "member"}).JSON(t)
	if dl["due_on"] != deadline || dl["set_at"] != e.units["DU-SCT"].String() {
		t.Fatalf("deadline at the cell: %v", dl)
	}

	// Refusals before anything is written: a line not in force, a model of another cell, someone else's.
	before := e.count("commitments", "")
	p := problem(t, e.do(req{Method: "POST", Path: path, User: "member", Body: map[string]any{"year": year,
		"items": []map[string]any{{"kind": "standard", "standard_item_id": models.Items[0].ID, "text": "x"}}}}),
		http.StatusUnprocessableEntity, "standard_item_not_in_force")
	if errs := p["errors"].([]any); errs[0].(map[string]any)["field"] != "/items/0/standard_item_id" {
		t.Fatalf("errors %v", errs)
	}
	bttp := call[mdlList](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-BTTP"].String() + "/models", User: "admin"})
	problem(t, e.do(req{Method: "POST", Path: path, User: "member", Body: map[string]any{"year": year,
		"items": []map[string]any{{"kind": "task", "text": "x", "model_id": bttp.Items[0].ID}}}}), http.StatusUnprocessableEntity, "validation")
	problem(t, e.do(req{Method: "POST", Path: path, User: "member", Body: map[string]any{"year": 2015, "items": items}}),
		http.StatusUnprocessableEntity, "validation")
	// The member has an account: the secretary does not write for them.
	problem(t, e.do(req{Method: "POST", Path: path, User: "cell.secretary", Body: map[string]any{"year": year, "items": items}}),
		http.StatusForbidden, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: path, User: "cell.secretary2", Body: map[string]any{"year": year, "items": items}}),
		http.StatusNotFound, "not_found")
	if n := e.count("commitments", ""); n != before {
		t.Fatalf("refusals wrote %d commitments", n-before)
	}

	c := call[cmtCommitment](e, http.StatusCreated, req{Method: "POST", Path: path, User: "member", Body: map[string]any{"year": year, "items": items}})
	if c.Status != "draft" || c.OnBehalf || len(c.Items) != 2 || c.Items[0].StandardText == nil || c.DueOn != deadline ||
		c.Member.FullName != "Hoàng Văn Nam" {
		t.Fatalf("drafted %+v", c)
	}
	problem(t, e.do(req{Method: "POST", Path: path, User: "member", Body: map[string]any{"year": year, "items": items}}),
		http.StatusConflict, "duplicate")
	at := "/api/v1/commitments/" + c.ID
	c = call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: at + "/submit", User: "member", Header: ifMatch(c.Version)})
	problem(t, e.do(req{Method: "POST", Path: at + "/accept", User: "member"}), http.StatusForbidden, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: at + "/accept", User: "cell.secretary", Header: ifMatch(1)}), http.StatusPreconditionFailed, "stale_version")
	problem(t, e.do(req{Method: "PATCH", Path: at, User: "member", Body: map[string]any{"items": items}}), http.StatusConflict, "invalid_transition")
	c = call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: at + "/return", User: "cell.secretary",
		Body: map[string]any{"reason": "Bổ sung việc làm cụ thể gắn với mô hình của chi bộ."}})
	if c.Status != "returned" || c.StatusReason == nil {
		t.Fatalf("returned %+v", c)
	}
	items = append(items, map[string]any{"kind": "task", "text": "Tham gia mô hình của chi bộ.", "model_id": model})
	c = call[cmtCommitment](e, http.StatusOK, req{Method: "PATCH", Path: at, User: "member", Header: ifMatch(c.Version), Body: map[string]any{"items": items}})
	c = call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: at + "/submit", User: "member"})
	c = call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: at + "/accept", User: "cell.secretary", Header: ifMatch(c.Version)})
	if c.Status != "accepted" || c.StatusReason != nil || len(c.Items) != 3 || *c.Items[2].ModelID != model {
		t.Fatalf("accepted %+v", c)
	}

	// Mid-year, then year end (every item), by the member.
	c = call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: at + "/self-assessment", User: "member", Body: map[string]any{
		"period": "mid_year", "items": []map[string]any{{"item_id": c.Items[0].ID, "result": "partly", "comment": "Còn chậm hai lần."}}}})
	if c.Status != "accepted" || c.Items[0].MidYear == nil || c.Items[0].MidYear.Result != "partly" || c.Items[1].MidYear != nil {
		t.Fatalf("mid-year %+v", c.Items)
	}
	problem(t, e.do(req{Method: "POST", Path: at + "/self-assessment", User: "member", Body: map[string]any{
		"period": "year_end", "items": []map[string]any{{"item_id": c.Items[0].ID, "result": "done"}}}}), http.StatusUnprocessableEntity, "validation")
	problem(t, e.do(req{Method: "POST", Path: at + "/self-assessment", User: "cell.secretary", Body: map[string]any{
		"period": "mid_year", "items": []map[string]any{{"item_id": c.Items[0].ID, "result": "done"}}}}), http.StatusForbidden, "forbidden")
	yearEnd := []map[string]any{}
	for _, it := range c.Items {
		yearEnd = append(yearEnd, map[string]any{"item_id": it.ID, "result": "done", "evidence": "Biên bản sinh hoạt chi bộ tháng 12."})
	}
	problem(t, e.do(req{Method: "POST", Path: at + "/review", User: "cell.secretary", Body: map[string]any{"assessment": "x", "proposed_class": "good"}}),
		http.StatusConflict, "invalid_transition")
	c = call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: at + "/self-assessment", User: "member", Body: map[string]any{"period": "year_end", "items": yearEnd}})
	if c.Status != "self_assessed" || c.Items[2].YearEnd == nil || c.Items[0].MidYear == nil {
		t.Fatalf("year end %+v", c)
	}

	// The cell reviews; only the committee classifies.
	c = call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: at + "/review", User: "cell.secretary", Body: map[string]any{
		"assessment": "Hoàn thành tốt các việc đã đăng ký.", "proposed_class": "good"}})
	if c.Status != "reviewed" || *c.ProposedClass != "good" {
		t.Fatalf("reviewed %+v", c)
	}
	for _, who := range []string{"cell.secretary", "member", "bloc.officer", "inspector"} {
		problem(t, e.do(req{Method: "POST", Path: at + "/classify", User: who, Body: map[string]any{"class": "excellent"}}), http.StatusForbidden, "forbidden")
	}
	c = call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: at + "/classify", User: "committee.officer", Body: map[string]any{"class": "excellent"}})
	if c.Status != "classified" || *c.Class != "excellent" || len(c.AllowedActions) != 0 {
		t.Fatalf("classified %+v", c)
	}
	if n := e.count("audit_events", "resource_id = $1", c.ID); n != 10 {
		t.Fatalf("%d audit events for the commitment, want 10", n)
	}

	// The member reads their years (last year's is the demo's), newest first; their comrades do not.
	mine := call[cmtList](e, http.StatusOK, req{Method: "GET", Path: path, User: "member"})
	if len(mine.Items) != 2 || mine.Items[0].ID != c.ID || mine.Items[1].Year != year-1 {
		t.Fatalf("own commitments %+v", mine.Items)
	}
	call[cmtCommitment](e, http.StatusOK, req{Method: "GET", Path: at, User: "inspector"})
	problem(t, e.do(req{Method: "GET", Path: at, User: "cell.secretary2"}), http.StatusNotFound, "not_found")

	// Counts: the committee sees its classified member among its members.
	counts := call[cmtCounts](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["DU-SCT"].String() + "/member-classes?year=" + strconv.Itoa(year),
		User: "committee.officer"})
	if counts.Members < 7 || counts.Classified < 1 || counts.ByClass["excellent"] < 1 || counts.Accepted < counts.SelfAssessed ||
		counts.SelfAssessed < counts.Reviewed || counts.Reviewed < counts.Classified {
		t.Fatalf("counts %+v", counts)
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/" + e.units["DU-SCT"].String() + "/member-classes?year=" + strconv.Itoa(year), User: "member"}),
		http.StatusForbidden, "forbidden")
}

// The secretary writes for a member without an account, recorded as such; the member's comrades
// do not see it, and a draft can be deleted.
func TestCommitmentsOnBehalf(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	year := e.app.Now().Year() + 1
	hanh := cmtMember(e, "CB-VP", "Đỗ Thị Hạnh")
	path := "/api/v1/members/" + hanh + "/commitments"
	body := map[string]any{"year": year, "items": []map[string]any{{"kind": "task", "text": "Hoàn thành báo cáo tài chính đúng hạn."}}}
	problem(t, e.do(req{Method: "POST", Path: path, User: "member", Body: body}), http.StatusNotFound, "not_found")
	problem(t, e.do(req{Method: "POST", Path: path, User: "committee.officer", Body: body}), http.StatusForbidden, "forbidden")
	c := call[cmtCommitment](e, http.StatusCreated, req{Method: "POST", Path: path, User: "cell.secretary", Body: body})
	if !c.OnBehalf || c.DueOn != strconv.Itoa(year)+"-03-31" {
		t.Fatalf("on behalf %+v", c)
	}
	if len(c.AllowedActions) != 3 {
		t.Fatalf("allowed %v", c.AllowedActions)
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/commitments/" + c.ID, User: "member"}), http.StatusNotFound, "not_found")
	// An empty commitment cannot be submitted.
	c = call[cmtCommitment](e, http.StatusOK, req{Method: "PATCH", Path: "/api/v1/commitments/" + c.ID, User: "cell.secretary",
		Body: map[string]any{"items": []any{}}})
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/commitments/" + c.ID + "/submit", User: "cell.secretary"}), http.StatusConflict, "invalid_transition")
	list := call[cmtList](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/commitments?year=" + strconv.Itoa(year),
		User: "cell.secretary"})
	if len(list.Items) != 1 || e.count("audit_events", "action = 'commitment.list'") != 1 {
		t.Fatalf("list %+v", list.Items)
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-VP"].String() + "/commitments", User: "member"}), http.StatusForbidden, "forbidden")
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/commitments/" + c.ID, User: "cell.secretary", Header: ifMatch(c.Version)})
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/commitments/" + c.ID, User: "cell.secretary"}), http.StatusNotFound, "not_found")
	// The member's earlier years are kept: the profile cannot be removed.
	problem(t, e.do(req{Method: "DELETE", Path: "/api/v1/members/" + hanh, User: "cell.secretary"}), http.StatusConflict, "member_has_commitments")
}

// /me/tasks: the member's commitment to write, the secretary's commitments to accept and years
// to review (never their own), the committee's members to classify.
func TestCommitmentsTasks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	year := e.app.Now().Year()
	mine := func(user string) map[string][]string {
		t.Helper()
		var list struct {
			Items []struct {
				Kind       string  `json:"kind"`
				Title      string  `json:"title"`
				ResourceID string  `json:"resource_id"`
				DueOn      *string `json:"due_on"`
			} `json:"items"`
		}
		e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me/tasks", User: user}).Decode(t, &list)
		out := map[string][]string{}
		for _, it := range list.Items {
			out[it.Kind] = append(out[it.Kind], it.ResourceID)
		}
		return out
	}
	nam := cmtMember(e, "CB-VP", "Hoàng Văn Nam")
	hanh := mxCommitmentOf(e, "CB-VP", "Đỗ Thị Hạnh", year).String()
	son := mxCommitmentOf(e, "CB-QLTM", "Ngô Thanh Sơn", year).String()
	lan := mxCommitmentOf(e, "CB-VP", "Phạm Thị Lan", year).String()
	vinh := mxCommitmentOf(e, "CB-VP", "Bùi Quang Vinh", year-1).String()
	tung := mxCommitmentOf(e, "CB-HCTP", "Mai Văn Tùng", year-1).String()
	check := func(user, kind string, want ...string) {
		t.Helper()
		got := mine(user)[kind]
		if len(got) != len(want) {
			t.Fatalf("%s's %s: %v, want %v", user, kind, got, want)
		}
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Fatalf("%s's %s: %v, want %v", user, kind, got, want)
			}
		}
	}
	check("member", "write_commitment", nam)
	check("cell.secretary", "review_commitment", hanh) // her own accepted commitment is not hers to review
	if time.Now().Month() >= time.June {               // her accepted commitment's self-assessment is due from June (TestCommitmentsSelfAssessmentTasks)
		check("cell.secretary", "self_assess", lan)
	} else {
		check("cell.secretary", "self_assess")
	}
	check("committee.officer", "review_commitment", hanh, son)
	check("committee.officer", "classify_member", vinh)
	check("cell.secretary2", "review_commitment") // her own submitted one waits on the committee
	check("admin", "classify_member", vinh, tung)

	// Once the member drafts it, the task names the commitment; once submitted, it waits on the cell.
	c := call[cmtCommitment](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/members/" + nam + "/commitments", User: "member",
		Body: map[string]any{"year": year, "items": []map[string]any{{"kind": "study", "text": "Học chuyên đề."}}}})
	check("member", "write_commitment", c.ID)
	call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: "/api/v1/commitments/" + c.ID + "/submit", User: "member"})
	check("member", "write_commitment")
	check("cell.secretary", "review_commitment", hanh, c.ID)
}

// The committee's classification feeds the periodic reports: the figures count the members
// classified for the round's year, by class, in the cell's report and in its committee's.
func TestCommitmentsCountInReports(t *testing.T) {
	t.Parallel()
	e, _, year := rptEnv(t)
	son := mxCommitmentOf(e, "CB-QLTM", "Ngô Thanh Sơn", year).String()
	c := call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: "/api/v1/commitments/" + son + "/review", User: "committee.officer",
		Body: map[string]any{"assessment": "Hoàn thành tốt.", "proposed_class": "good"}})
	call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: "/api/v1/commitments/" + c.ID + "/classify", User: "committee.officer",
		Body: map[string]any{"class": "good"}})
	round := e.rptOpen("bloc.officer", "KHOI-CQDN", rptH1(year, "cell", "committee"))
	reports := e.rptReports(round.ID)
	for code, want := range map[string]int{"CB-QLTM": 1, "DU-SCT": 1, "CB-VP": 0} {
		got := e.do(req{Method: "GET", Path: rptPath(reports[code].ID), User: "admin"}).JSON(t)
		byClass, _ := got["figures"].(map[string]any)["members_by_class"].(map[string]any)
		if n, _ := byClass["good"].(float64); int(n) != want || len(byClass) > want {
			t.Errorf("%s: members_by_class %v, want %d good", code, byClass, want)
		}
	}
}

// Coverage pages through the cells of a subtree in tree order, with totals over all of them.
func TestCommitmentsCoverage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	last := strconv.Itoa(e.app.Now().Year() - 1)
	type row struct {
		Unit       mdlUnitRef     `json:"unit"`
		Members    int            `json:"members"`
		Committed  int            `json:"committed"`
		Classified int            `json:"classified"`
		ByClass    map[string]int `json:"by_class"`
	}
	var page struct {
		Items      []row   `json:"items"`
		NextCursor *string `json:"next_cursor"`
		Totals     row     `json:"totals"`
	}
	path := "/api/v1/units/" + e.units["KHOI-CQDN"].String() + "/member-coverage?limit=3&year=" + last
	e.must(http.StatusOK, req{Method: "GET", Path: path, User: "inspector"}).Decode(t, &page)
	if len(page.Items) != 3 || page.NextCursor == nil || page.Totals.Members != 10 || page.Totals.Committed != 8 || page.Totals.Classified != 6 ||
		page.Totals.ByClass["excellent"] != 2 || page.Totals.Unit.Code != "KHOI-CQDN" {
		t.Fatalf("first page %+v", page)
	}
	seen, qltm := []string{}, 0
	take := func() {
		for _, r := range page.Items {
			seen = append(seen, r.Unit.Code)
			if r.Unit.Code == "CB-QLTM" {
				qltm++
				if r.Members != 2 || r.Classified != 2 || r.ByClass["not_completed"] != 1 {
					t.Fatalf("CB-QLTM %+v", r)
				}
			}
		}
	}
	take()
	for pages := 1; page.NextCursor != nil; pages++ {
		if pages > 5 {
			t.Fatal("the pages do not end")
		}
		next := *page.NextCursor
		page.Items, page.NextCursor = nil, nil
		e.must(http.StatusOK, req{Method: "GET", Path: path + "&cursor=" + url.QueryEscape(next), User: "inspector"}).Decode(t, &page)
		take()
	}
	if qltm != 1 {
		t.Fatalf("CB-QLTM listed %d times", qltm)
	}
	// Every cell of the bloc, at any depth: CB-KD1 under the partial committee, and the base cell
	// CB-CS-BAO (a cell for every rule).
	if len(seen) != 7 || !slices.Contains(seen, "CB-KD1") || !slices.Contains(seen, "CB-CS-BAO") || page.NextCursor != nil {
		t.Fatalf("cells %v, next %v", seen, page.NextCursor)
	}
	problem(t, e.do(req{Method: "GET", Path: path + "&cursor=bm9wZQ", User: "inspector"}), http.StatusBadRequest, "invalid_cursor")

	// The same as a spreadsheet: every cell, then the totals.
	file := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["DU-SCT"].String() + "/member-coverage.xlsx?year=" + last, User: "committee.officer"})
	if cd := file.Header.Get("Content-Disposition"); cd != `attachment; filename="dang-vien-DU-SCT-`+last+`.xlsx"` {
		t.Fatalf("Content-Disposition %q", cd)
	}
	wb, err := excelize.OpenReader(bytes.NewReader(file.Body))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.GetRows(wb.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(func() []string {
		out := []string{}
		for _, r := range rows {
			out = append(out, strings.Join(r, "|"))
		}
		return out
	}(), "\n")
	for _, want := range []string{"Chi bộ Văn phòng|4|4|4|4|4|3|1|1|1|0", "Tổng cộng|7|6|6|6|6|5|2|1|1|1"} {
		if !strings.Contains(flat, want) {
			t.Fatalf("the spreadsheet lacks %q:\n%s", want, flat)
		}
	}

	// An archived cell leaves the rows and the totals (its members and their years are kept):
	// the totals are the bloc's aggregates less the archived cell's, as member-classes counts.
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/cells/" + e.units["CB-QLTM"].String(), User: "bloc.officer",
		Body: map[string]any{"archived": true}})
	page.Items, page.NextCursor = nil, nil
	e.must(http.StatusOK, req{Method: "GET", Path: strings.Replace(path, "limit=3", "limit=50", 1), User: "inspector"}).Decode(t, &page)
	classes := call[cmtCounts](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["KHOI-CQDN"].String() + "/member-classes?year=" + last,
		User: "inspector"})
	if len(page.Items) != 6 || page.Totals.Members != 8 || page.Totals.Committed != 6 || page.Totals.Classified != 4 ||
		page.Totals.ByClass["not_completed"] != 0 || classes.Members != 8 || classes.Classified != 4 {
		t.Fatalf("after archiving CB-QLTM: %+v; member classes %+v", page, classes)
	}
	for _, r := range page.Items {
		if r.Unit.Code == "CB-QLTM" {
			t.Fatalf("the archived cell is listed: %+v", page.Items)
		}
	}
}
