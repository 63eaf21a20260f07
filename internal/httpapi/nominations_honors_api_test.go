package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"lamtheobac/internal/app/apptest"
)

// TestHonorRollConcurrentNumbering honors many nominations at the same unit at once: the roll
// numbers them 1..N without repeats or gaps.
func TestHonorRollConcurrentNumbering(t *testing.T) {
	t.Parallel()
	e, _, year := nomEnv(t)
	prev := year - 1 // the decision's year numbers the roll; DU-SCT has no entry for it yet
	decisionDate := fmt.Sprintf("%d-12-20", prev)

	// Nominated by two cells, held at the same committee: the roll is the holder's, not the cells'.
	e.nomUser("cs.ktat", "Tạ Thị An Toàn", "CB-KTAT", [2]string{"cell_secretary", "CB-KTAT"})
	const n = 8
	noms := make([]nomNomination, n+1)
	for i := range noms {
		owner, cell := "cell.secretary", "CB-VP"
		if i%2 == 1 {
			owner, cell = "cs.ktat", "CB-KTAT"
		}
		d := e.nomCreate(owner, cell, nomBody(year, nomPerson(fmt.Sprintf("Điển Hình Số %02d", i+1), "Chuyên viên", e.units[cell], false), "Vinh danh"))
		noms[i] = e.nomDrive(owner, "committee.officer", d, "commended", decisionDate)
		if noms[i].Holder.Code != "DU-SCT" {
			t.Fatalf("held at %s", noms[i].Holder.Code)
		}
	}
	token := e.token("committee.officer") // issued before the goroutines: e.tokens is a plain map
	honor := func(id string) (int, nomNomination, string) {
		r := httptest.NewRequest("POST", nomPath(id, "honor"), nil)
		r.Header.Set("Authorization", "Bearer "+token)
		w := apptest.Serve(t, e.app.Router, r)
		var out nomNomination
		_ = json.Unmarshal(w.Body.Bytes(), &out)
		return w.Code, out, w.Body.String()
	}

	// N different nominations, plus the last one honored twice at the same instant.
	type result struct {
		id     string
		status int
		n      nomNomination
		body   string
	}
	results := make([]result, n+2)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < n+2; i++ {
		id := noms[min(i, n)].ID
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			st, got, body := honor(id)
			results[i] = result{id, st, got, body}
		}()
	}
	close(start)
	wg.Wait()

	numbers := map[int]string{}
	twice := 0
	for i, r := range results {
		if i >= n {
			if r.status == http.StatusOK {
				twice++
			} else if r.status != http.StatusConflict || !strings.Contains(r.body, "invalid_transition") {
				t.Fatalf("the second honoring of one nomination: %d %s", r.status, r.body)
			} else {
				continue
			}
		} else if r.status != http.StatusOK {
			t.Fatalf("honor %s: %d %s", r.id, r.status, r.body)
		}
		he := r.n.HonorEntry
		if r.n.Status != "honored" || he == nil || he.Unit.Code != "DU-SCT" || he.Year != prev {
			t.Fatalf("honored %s: %s, entry %+v", r.id, r.n.Status, he)
		}
		if other, dup := numbers[he.Number]; dup {
			t.Fatalf("number %d given to both %s and %s", he.Number, other, r.id)
		}
		numbers[he.Number] = r.id
	}
	if twice != 1 {
		t.Fatalf("one nomination was honored %d times at once, want exactly 1", twice)
	}
	for k := 1; k <= n+1; k++ {
		if numbers[k] == "" {
			t.Fatalf("number %d is missing: %v", k, numbers)
		}
	}
	if len(numbers) != n+1 {
		t.Fatalf("numbers %v, want 1..%d", numbers, n+1)
	}
	if got := e.count("honor_roll", "unit_id = $1 AND year = $2", e.units["DU-SCT"], prev); got != n+1 {
		t.Fatalf("%d roll entries, want %d", got, n+1)
	}

	// The roll of the year, in order, and by pages of three.
	rollPath := e.nomUnitPath("DU-SCT", "honor-roll") + "?year=" + strconv.Itoa(prev)
	var roll nomHonorRoll
	e.must(http.StatusOK, req{Method: "GET", Path: rollPath, User: "cell.secretary"}).Decode(t, &roll)
	if len(roll.Items) != n+1 || roll.NextCursor != nil {
		t.Fatalf("roll: %d entries, next %v", len(roll.Items), roll.NextCursor)
	}
	for i, it := range roll.Items {
		if it.Number != i+1 || it.Year != prev || it.Unit.Code != "DU-SCT" || it.NominationID != numbers[i+1] || it.SubjectKind != "individual" ||
			!strings.HasPrefix(it.SubjectName, "Điển Hình Số ") || it.Decision == nil || it.Decision.Date != decisionDate {
			t.Fatalf("roll[%d] = %+v", i, it)
		}
	}
	var paged []int
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > n {
			t.Fatalf("paging does not end")
		}
		var page nomHonorRoll
		path := rollPath + "&limit=3"
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		e.must(http.StatusOK, req{Method: "GET", Path: path, User: "member"}).Decode(t, &page)
		if len(page.Items) > 3 || (page.NextCursor != nil && len(page.Items) != 3) {
			t.Fatalf("page of %d, next %v", len(page.Items), page.NextCursor)
		}
		for _, it := range page.Items {
			paged = append(paged, it.Number)
		}
		if page.NextCursor == nil {
			break
		}
		cursor = *page.NextCursor
	}
	if want := []int{1, 2, 3, 4, 5, 6, 7, 8, 9}; !slices.Equal(paged, want) {
		t.Fatalf("paged numbers %v, want %v", paged, want)
	}

	// The current year's roll of DU-SCT holds only the demo entry; every year together follows
	// (year, number).
	e.must(http.StatusOK, req{Method: "GET", Path: e.nomUnitPath("DU-SCT", "honor-roll") + "?year=" + strconv.Itoa(year), User: "committee.officer"}).Decode(t, &roll)
	if len(roll.Items) != 1 || roll.Items[0].Number != 1 || roll.Items[0].SubjectName != "Nguyễn Thị Thu" {
		t.Fatalf("current roll: %+v", roll.Items)
	}
	e.must(http.StatusOK, req{Method: "GET", Path: e.nomUnitPath("DU-SCT", "honor-roll"), User: "committee.officer"}).Decode(t, &roll)
	var all []string
	for _, it := range roll.Items {
		all = append(all, fmt.Sprintf("%d/%d", it.Year, it.Number))
	}
	var want []string
	for k := 1; k <= n+1; k++ {
		want = append(want, fmt.Sprintf("%d/%d", prev, k))
	}
	want = append(want, fmt.Sprintf("%d/1", year))
	if !slices.Equal(all, want) {
		t.Fatalf("whole roll %q, want %q", all, want)
	}
	problem(t, e.do(req{Method: "GET", Path: e.nomUnitPath("DU-SCT", "honor-roll"), User: "cell.secretary2"}), http.StatusNotFound, "not_found")
}

// nomCoverage is the JSON form of an exemplar coverage page.
type nomCoverage struct {
	Year  int `json:"year"`
	Items []struct {
		Unit       nomUnitRef `json:"unit"`
		Collective int        `json:"collective"`
		Individual int        `json:"individual"`
	} `json:"items"`
	NextCursor *string `json:"next_cursor"`
	Totals     struct {
		Units         int `json:"units"`
		MeetingTarget int `json:"meeting_target"`
		ShortOfTarget int `json:"short_of_target"`
	} `json:"totals"`
}

// nomCoverageRows reads every page of a unit's coverage as user, returning code → "coll/ind".
func (e *env) nomCoverageRows(user, unit string, year, limit int) (map[string]string, nomCoverage) {
	e.t.Helper()
	rows := map[string]string{}
	var first nomCoverage
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 20 {
			e.t.Fatalf("coverage paging does not end")
		}
		path := e.nomUnitPath(unit, "exemplar-coverage") + fmt.Sprintf("?year=%d&limit=%d", year, limit)
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		var c nomCoverage
		e.must(http.StatusOK, req{Method: "GET", Path: path, User: user}).Decode(e.t, &c)
		if pages == 0 {
			first = c
		}
		if len(c.Items) > limit || c.Year != year {
			e.t.Fatalf("page of %d rows for year %d", len(c.Items), c.Year)
		}
		for _, it := range c.Items {
			if _, dup := rows[it.Unit.Code]; dup {
				e.t.Fatalf("%s listed twice", it.Unit.Code)
			}
			rows[it.Unit.Code] = fmt.Sprintf("%d/%d", it.Collective, it.Individual)
		}
		if c.NextCursor == nil {
			break
		}
		cursor = *c.NextCursor
	}
	return rows, first
}

// TestExemplarCoverage checks the units short of one collective and one individual exemplar.
func TestExemplarCoverage(t *testing.T) {
	t.Parallel()
	e, _, year := nomEnv(t)
	e.flatTree()
	wantTotals := func(c nomCoverage, units, meeting, short int) {
		t.Helper()
		if c.Totals.Units != units || c.Totals.MeetingTarget != meeting || c.Totals.ShortOfTarget != short {
			t.Fatalf("totals %+v, want %d units, %d meeting, %d short", c.Totals, units, meeting, short)
		}
	}
	wantRows := func(got, want map[string]string) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("rows %v, want %v", got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("rows %v, want %v", got, want)
			}
		}
	}

	// The demo: CB-VP has an honored individual and a commended department; DU-SCT an honored
	// collective; CB-QLTM an endorsed and CB-KTAT a submitted individual; CB-BTTP's is returned,
	// CB-HCTP's rejected (neither counts); DU-STP has none. Drafts never count.
	demo := map[string]string{"DU-SCT": "1/0", "CB-QLTM": "0/1", "CB-KTAT": "0/1", "DU-STP": "0/0", "CB-BTTP": "0/0", "CB-HCTP": "0/0"}
	for _, limit := range []int{100, 2} {
		rows, c := e.nomCoverageRows("bloc.officer", "KHOI-CQDN", year, limit)
		wantRows(rows, demo)
		wantTotals(c, 7, 1, 6)
	}
	rows, c := e.nomCoverageRows("inspector", "KHOI-CQDN", year, 100)
	wantRows(rows, demo)
	rows, c = e.nomCoverageRows("committee.officer", "DU-SCT", year, 100)
	wantRows(rows, map[string]string{"DU-SCT": "1/0", "CB-QLTM": "0/1", "CB-KTAT": "0/1"})
	wantTotals(c, 4, 1, 3)
	rows, c = e.nomCoverageRows("bloc.officer", "KHOI-CQDN", year-1, 100)
	if len(rows) != 7 || c.Totals.MeetingTarget != 0 {
		t.Fatalf("last year: %v %+v", rows, c.Totals)
	}
	for _, u := range []string{"member", "cell.secretary", "committee.officer"} {
		problem(t, e.do(req{Method: "GET", Path: e.nomUnitPath("KHOI-CQDN", "exemplar-coverage") + fmt.Sprintf("?year=%d", year), User: u}),
			http.StatusForbidden, "forbidden")
	}
	problem(t, e.do(req{Method: "GET", Path: e.nomUnitPath("DU-STP", "exemplar-coverage") + fmt.Sprintf("?year=%d", year), User: "committee.officer"}),
		http.StatusNotFound, "not_found")
	if got := e.do(req{Method: "GET", Path: e.nomUnitPath("KHOI-CQDN", "exemplar-coverage"), User: "bloc.officer"}); got.Status != http.StatusBadRequest {
		t.Fatalf("coverage without a year: %d", got.Status)
	}

	// CB-BTTP resubmits its returned individual and nominates a department.
	duc := e.nomFind("CB-BTTP", "Phạm Minh Đức")
	if duc.Status != "returned" {
		t.Fatalf("demo returned nomination is %s", duc.Status)
	}
	call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(duc.ID, "submit"), User: "cell.secretary2", Header: ifMatch(duc.Version)})
	rows, c = e.nomCoverageRows("bloc.officer", "KHOI-CQDN", year, 100)
	if rows["CB-BTTP"] != "0/1" {
		t.Fatalf("CB-BTTP after the resubmission: %q", rows["CB-BTTP"])
	}
	wantTotals(c, 7, 1, 6)
	dept := e.nomCreate("cell.secretary2", "CB-BTTP", nomBody(year, nomDepartment("Tổ Công chứng"), "Tổ tiêu biểu"))
	rows, _ = e.nomCoverageRows("bloc.officer", "KHOI-CQDN", year, 100)
	if rows["CB-BTTP"] != "0/1" {
		t.Fatalf("a draft counted: CB-BTTP %q", rows["CB-BTTP"])
	}
	call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(dept.ID, "submit"), User: "cell.secretary2", Header: ifMatch(dept.Version)})
	rows, c = e.nomCoverageRows("bloc.officer", "KHOI-CQDN", year, 100)
	delete(demo, "CB-BTTP")
	wantRows(rows, demo)
	wantTotals(c, 7, 2, 5)
	// A nomination for another year does not count for this one.
	other := e.nomCreate("committee.officer", "DU-SCT", nomBody(year-1, nomPerson("Năm Trước", "Chuyên viên", e.units["DU-SCT"], false), "Năm trước"))
	call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(other.ID, "submit"), User: "committee.officer", Header: ifMatch(other.Version)})
	rows, _ = e.nomCoverageRows("bloc.officer", "KHOI-CQDN", year, 100)
	if rows["DU-SCT"] != "1/0" {
		t.Fatalf("last year's nomination counted this year: DU-SCT %q", rows["DU-SCT"])
	}
}
