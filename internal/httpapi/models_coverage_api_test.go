package httpapi_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"lamtheobac/internal/export"
)

func TestModelCoverage(t *testing.T) {
	t.Parallel()
	e, year := newModelEnv(t)
	e.flatTree()
	get := func(user, unit, query string) resp {
		return e.do(req{Method: "GET", Path: e.mdlUnitPath(unit, "model-coverage") + query, User: user})
	}
	cov := func(user, unit, query string) mdlCoverage {
		t.Helper()
		var c mdlCoverage
		res := get(user, unit, query)
		if res.Status != http.StatusOK {
			t.Fatalf("coverage %s%s as %s: %d %s", unit, query, user, res.Status, res.Body)
		}
		res.Decode(t, &c)
		return c
	}
	codes := func(c mdlCoverage) []string {
		out := []string{}
		for _, u := range c.Items {
			out = append(out, u.Code)
		}
		return out
	}
	want := func(c mdlCoverage, units, with int, items ...string) {
		t.Helper()
		if c.Totals.Units != units || c.Totals.WithModel != with || c.Totals.WithoutModel != units-with || !slices.Equal(codes(c), items) {
			t.Fatalf("coverage %+v, want %d units, %d with a model, without %q", c, units, with, items)
		}
	}
	thisYear := "?year=" + strconv.Itoa(year)

	// This year: CB-VP runs one, CB-QLTM registered one, CB-BTTP's is approved; CB-KTAT has only a
	// draft. The bloc itself is not counted.
	c := cov("bloc.officer", "KHOI-CQDN", thisYear)
	if c.Year != year || c.NextCursor != nil {
		t.Fatalf("coverage: %+v", c)
	}
	want(c, 7, 3, "DU-SCT", "CB-KTAT", "DU-STP", "CB-HCTP")
	for _, u := range c.Items {
		if u.ID != e.units[u.Code].String() || u.Name == "" || (u.Kind != "committee" && u.Kind != "cell") {
			t.Fatalf("unit ref %+v", u)
		}
	}
	want(cov("inspector", "KHOI-CQDN", thisYear), 7, 3, "DU-SCT", "CB-KTAT", "DU-STP", "CB-HCTP")
	want(cov(mdlOfficer, "DU-SCT", thisYear), 4, 2, "DU-SCT", "CB-KTAT")
	// Last year: the completed models count; the CB-QLTM replica is only a draft, but CB-QLTM has
	// its own completed model.
	want(cov("bloc.officer", "KHOI-CQDN", "?year="+strconv.Itoa(year-1)), 7, 3, "DU-SCT", "CB-KTAT", "DU-STP", "CB-HCTP")

	// Registering CB-KTAT's draft takes it off the list; returning it puts it back.
	green := e.mdlDemo("CB-KTAT", "Ngày chủ nhật xanh")
	green = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(green.ID, "register"), User: "admin", Header: ifMatch(green.Version)})
	want(cov("bloc.officer", "KHOI-CQDN", thisYear), 7, 4, "DU-SCT", "DU-STP", "CB-HCTP")
	green = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(green.ID, "return"), User: mdlOfficer, Header: ifMatch(green.Version), Body: map[string]any{"reason": "Bổ sung kế hoạch."}})
	want(cov("bloc.officer", "KHOI-CQDN", thisYear), 7, 3, "DU-SCT", "CB-KTAT", "DU-STP", "CB-HCTP")
	green = call[mdlModel](e, http.StatusOK, req{Method: "POST", Path: mdlPath(green.ID, "register"), User: "admin", Header: ifMatch(green.Version)})
	full := cov("bloc.officer", "KHOI-CQDN", thisYear)
	want(full, 7, 4, "DU-SCT", "DU-STP", "CB-HCTP")

	// Paging one unit at a time gives the same units, with the same totals on every page.
	var paged []string
	cursor := ""
	for i := 0; ; i++ {
		q := thisYear + "&limit=1"
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		p := cov("bloc.officer", "KHOI-CQDN", q)
		if len(p.Items) != 1 || p.Totals != full.Totals {
			t.Fatalf("page %d: %+v", i, p)
		}
		paged = append(paged, p.Items[0].Code)
		if p.NextCursor == nil {
			break
		}
		if i > 5 {
			t.Fatal("paging does not end")
		}
		cursor = *p.NextCursor
	}
	if !slices.Equal(paged, codes(full)) {
		t.Fatalf("paged %q, want %q", paged, codes(full))
	}

	// An archived cell is no longer expected to run a model, nor can it get one.
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/cells/" + e.units["CB-HCTP"].String(), User: "bloc.officer",
		Body: map[string]any{"archived": true}})
	want(cov("bloc.officer", "KHOI-CQDN", thisYear), 6, 4, "DU-SCT", "DU-STP")
	problem(t, e.do(req{Method: "POST", Path: e.mdlUnitPath("CB-HCTP", "models"), User: "admin", Body: mdlBody("Chi bộ đã giải thể", year)}),
		http.StatusConflict, "unit_archived")
	smile := e.mdlDemo("CB-VP", "Nụ cười công sở")
	problem(t, e.do(req{Method: "POST", Path: mdlPath(smile.ID, "replications"), User: "bloc.officer",
		Body: map[string]any{"unit_ids": []string{e.units["CB-HCTP"].String()}}}), http.StatusUnprocessableEntity, "not_replicable_here")

	// Refusals.
	problem(t, get(mdlMember, "CB-VP", thisYear), http.StatusForbidden, "forbidden")
	problem(t, get(mdlMember, "KHOI-CQDN", thisYear), http.StatusForbidden, "forbidden")
	problem(t, get(mdlSec, "CB-VP", thisYear), http.StatusForbidden, "forbidden")
	problem(t, get(mdlOfficer, "KHOI-CQDN", thisYear), http.StatusForbidden, "forbidden")
	problem(t, get("cell.secretary2", "DU-SCT", thisYear), http.StatusNotFound, "not_found")
	problem(t, get("bloc.officer", "KHOI-CQDN", ""), http.StatusBadRequest, "validation")
	p := problem(t, get("bloc.officer", "KHOI-CQDN", thisYear+"&cursor="+url.QueryEscape("***")), http.StatusBadRequest, "invalid_cursor")
	mdlWantFields(t, p, "/cursor")
}

// mdlXLSX opens an XLSX answer and returns its only sheet's name.
func mdlXLSX(t *testing.T, res resp) (*excelize.File, string) {
	t.Helper()
	if res.Status != http.StatusOK {
		t.Fatalf("form: %d %s", res.Status, res.Body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("content type %q", ct)
	}
	x, err := excelize.OpenReader(bytes.NewReader(res.Body))
	if err != nil {
		t.Fatalf("open xlsx: %v", err)
	}
	t.Cleanup(func() { _ = x.Close() })
	sheets := x.GetSheetList()
	if len(sheets) != 1 {
		t.Fatalf("sheets %q", sheets)
	}
	return x, sheets[0]
}

// mdlCell reads one cell.
func mdlCell(t *testing.T, x *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := x.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// mdlTable returns the rows of the form's table: from the header row (found by its first cell)
// to the end, each as its five cells.
func mdlTable(t *testing.T, x *excelize.File, sheet string) (header []string, rows [][]string) {
	t.Helper()
	all, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range all {
		if len(r) > 0 && r[0] == export.FormHeaders()[0] {
			for _, d := range all[i+1:] {
				row := make([]string, 5)
				copy(row, d)
				rows = append(rows, row)
			}
			return r, rows
		}
	}
	t.Fatalf("no table header in %q", all)
	return nil, nil
}

func TestModelForms(t *testing.T) {
	t.Parallel()
	e, year := newModelEnv(t)
	form := func(user, unit, file, query string) resp {
		return e.do(req{Method: "GET", Path: e.mdlUnitPath(unit, "forms/"+file) + query, User: user})
	}

	// Form 2 data: the demo's "Nụ cười công sở" (in progress, CB-VP) and "Mỗi tháng một việc tốt"
	// (registered, CB-QLTM), plus a registered model of an individual; drafts stay off.
	ind := e.mdlCreate(mdlSec, "CB-VP", map[string]any{"name": "Văn thư số hóa", "year": year, "category": "workplace_environment",
		"implementer": map[string]any{"kind": "individual", "name": "Đồng chí Trần Thị Bình"}, "learning_content": "Học Bác đức tính cần mẫn."})
	e.mdlDriveAs(mdlSec, mdlOfficer, ind, "registered")
	e.mdlCreate(mdlSec, "CB-VP", mdlBody("Bản nháp không lên biểu", year))

	res := form(mdlOfficer, "DU-SCT", "2.xlsx", "")
	x, sheet := mdlXLSX(t, res)
	if cd := res.Header.Get("Content-Disposition"); cd != fmt.Sprintf(`attachment; filename="bieu-mau-2-DU-SCT-%d.xlsx"`, year) {
		t.Fatalf("Content-Disposition %q", cd)
	}
	if got := mdlCell(t, x, sheet, "A1"); got != "ĐẢNG BỘ KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH" {
		t.Fatalf("A1 %q", got)
	}
	if got := mdlCell(t, x, sheet, "A2"); got != "Đơn vị: Đảng ủy Sở Công Thương" {
		t.Fatalf("A2 %q", got)
	}
	if got := mdlCell(t, x, sheet, "D2"); !strings.HasSuffix(got, fmt.Sprintf("ngày 15 tháng 6 năm %d", year)) {
		t.Fatalf("the date line %q is not the service's date", got)
	}
	if got := mdlCell(t, x, sheet, "A4"); !strings.Contains(got, "BIỂU MẪU 2") {
		t.Fatalf("title %q", got)
	}
	if got := mdlCell(t, x, sheet, "A7"); got != fmt.Sprintf("HỒ CHÍ MINH NĂM %d", year) {
		t.Fatalf("title year line %q", got)
	}
	header, rows := mdlTable(t, x, sheet)
	if !slices.Equal(header, export.FormHeaders()) {
		t.Fatalf("header %q", header)
	}
	wantRows := [][]string{
		{"1", "Nụ cười công sở", "Học tập phong cách gần dân, trọng dân của Bác; tiếp đón người dân, doanh nghiệp niềm nở, tận tình.",
			"Đơn vị: Chi bộ Văn phòng", "Đang thực hiện"},
		{"2", "Văn thư số hóa", "Học Bác đức tính cần mẫn.", "Cá nhân: Đồng chí Trần Thị Bình (Chi bộ Văn phòng)", "Đã đăng ký"},
		{"3", "Mỗi tháng một việc tốt", "Mỗi tháng chi bộ chọn một việc tốt vì cộng đồng.", "Đơn vị: Chi bộ Quản lý thương mại", "Đã đăng ký"},
		// The deeper shapes: the cell under the partial committee, and the partial committee.
		{"4", "Hỗ trợ doanh nghiệp tận tình", "Học tập phong cách gần dân của Bác; hướng dẫn doanh nghiệp thủ tục trong ngày.", "Đơn vị: Chi bộ Kinh doanh 1", "Đã duyệt"},
		{"5", "Phòng kinh doanh không giấy", "Học tập tác phong khoa học của Bác; số hóa hồ sơ kinh doanh.", "Đơn vị: Đảng bộ bộ phận Phòng Kinh doanh", "Đã đăng ký"},
	}
	if len(rows) != len(wantRows) {
		t.Fatalf("form 2 rows %q", rows)
	}
	for i := range wantRows {
		if !slices.Equal(rows[i], wantRows[i]) {
			t.Fatalf("form 2 row %d: %q\nwant %q", i, rows[i], wantRows[i])
		}
	}
	// Form 2 of last year lists last year's models: the completed ones count, the CB-QLTM replica
	// (a draft) does not.
	x, sheet = mdlXLSX(t, form(mdlOfficer, "DU-SCT", "2.xlsx", "?year="+strconv.Itoa(year-1)))
	if _, rows := mdlTable(t, x, sheet); len(rows) != 2 || rows[0][1] != mdlSavings || rows[1][1] != "5 biết" {
		t.Fatalf("form 2 of last year: %q", rows)
	}

	// Form 1 for this year covers the three years before it: approved or later only.
	old := e.mdlAt("Ba năm trước", year-3, "approved")
	e.mdlAt("Bốn năm trước", year-4, "approved")
	e.mdlAt("Ba năm trước, bị trả lại", year-3, "returned")
	x, sheet = mdlXLSX(t, form(mdlOfficer, "DU-SCT", "1.xlsx", "?year="+strconv.Itoa(year)))
	if got := mdlCell(t, x, sheet, "A4"); got != "BIỂU MẪU 1" {
		t.Fatalf("form 1 title %q", got)
	}
	if got := mdlCell(t, x, sheet, "A7"); got != fmt.Sprintf("HỒ CHÍ MINH (giai đoạn %d-%d)", year-3, year-1) {
		t.Fatalf("form 1 period %q", got)
	}
	_, rows = mdlTable(t, x, sheet)
	var names, notes []string
	for _, r := range rows {
		names, notes = append(names, r[1]), append(notes, r[4])
	}
	if !slices.Equal(names, []string{old.Name, mdlSavings, "5 biết"}) {
		t.Fatalf("form 1 names %q", names)
	}
	if !slices.Equal(notes, []string{fmt.Sprintf("Năm %d; đã duyệt", year-3), fmt.Sprintf("Năm %d; đã hoàn thành", year-1),
		fmt.Sprintf("Năm %d; đã hoàn thành", year-1)}) {
		t.Fatalf("form 1 notes %q", notes)
	}

	// Form 3 is what the unit's officers confirmed to introduce (issue #17 item 2), never guessed
	// from ratings: an excellent model nobody introduced stays off, and nothing prints before
	// the officers confirm a list for the period.
	rated := func(name string, y int, ratings ...string) mdlModel {
		m := e.mdlAt(name, y, "in_progress")
		for i, r := range ratings {
			e.must(http.StatusCreated, req{Method: "POST", Path: mdlPath(m.ID, "evaluations"), User: mdlSec, Body: mdlEval([]string{"Q1", "H1", "year"}[i], r)})
		}
		return m
	}
	better := rated("Tốt lên", year-2, "poor", "good")
	rated("Xuất sắc, không giới thiệu", year-1, "excellent")
	problem(t, form(mdlOfficer, "DU-SCT", "3.csv", ""), http.StatusConflict, "introduction_not_confirmed")
	var noms struct{ Items []nomNomination }
	e.must(http.StatusOK, req{Method: "GET", Path: e.mdlUnitPath("DU-SCT", "nominations") + "?scope=subtree&limit=100", User: mdlOfficer}).Decode(t, &noms)
	var thu, qltm nomNomination
	for _, n := range noms.Items {
		switch n.Subject.Name {
		case "Nguyễn Thị Thu":
			thu = n
		case "Chi bộ Quản lý thương mại":
			qltm = n
		}
	}
	if thu.ID == "" || qltm.ID == "" {
		t.Fatalf("the demo's nominations: %+v", noms.Items)
	}
	savings := e.mdlDemo("CB-VP", mdlSavings)
	period := fmt.Sprintf("?from_year=%d&to_year=%d", year-2, year)
	intro := map[string]any{"from_year": year - 2, "to_year": year, "nomination_ids": []string{qltm.ID, thu.ID},
		"model_ids": []string{better.ID, savings.ID}}
	introPath := e.mdlUnitPath("DU-SCT", "introductions")
	var got struct {
		ModelIDs      []string `json:"model_ids"`
		NominationIDs []string `json:"nomination_ids"`
		Occasion      *string  `json:"occasion"`
	}
	e.must(http.StatusOK, req{Method: "PUT", Path: introPath, User: mdlOfficer, Body: intro}).Decode(t, &got)
	if !slices.Equal(got.ModelIDs, []string{better.ID, savings.ID}) || !slices.Equal(got.NominationIDs, []string{qltm.ID, thu.ID}) || got.Occasion != nil {
		t.Fatalf("confirmed %+v", got)
	}
	e.must(http.StatusOK, req{Method: "GET", Path: introPath + period, User: "inspector"}).Decode(t, &got)
	if len(got.ModelIDs) != 2 {
		t.Fatalf("read back %+v", got)
	}
	res = form(mdlOfficer, "DU-SCT", "3.csv", period)
	if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("form 3 csv: %d %q %s", res.Status, res.Header.Get("Content-Type"), res.Body)
	}
	if cd := res.Header.Get("Content-Disposition"); cd != fmt.Sprintf(`attachment; filename="bieu-mau-3-DU-SCT-%d.csv"`, year) {
		t.Fatalf("Content-Disposition %q", cd)
	}
	body, ok := bytes.CutPrefix(res.Body, []byte("\uFEFF"))
	if !ok {
		t.Fatal("the CSV starts without a byte order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], export.FormHeaders()) {
		t.Fatalf("csv header %q", recs)
	}
	wantCSV := [][]string{
		{"1", "Điển hình tiêu biểu", qltm.Achievements, "Tập thể: Chi bộ Quản lý thương mại (Đảng ủy Sở Công Thương)", fmt.Sprintf("Điển hình năm %d; đã ghi danh", year)},
		{"2", "Điển hình tiêu biểu", thu.Achievements, "Cá nhân: Nguyễn Thị Thu, Chuyên viên Văn phòng (Chi bộ Văn phòng)", fmt.Sprintf("Điển hình năm %d; đã ghi danh", year)},
		{"3", "Tốt lên", "", "Đơn vị: Chi bộ Văn phòng", fmt.Sprintf("Năm %d; đang thực hiện", year-2)},
		{"4", mdlSavings, savings.LearningContent, "Đơn vị: Chi bộ Văn phòng", fmt.Sprintf("Năm %d; đã hoàn thành", year-1)},
	}
	if len(recs)-1 != len(wantCSV) {
		t.Fatalf("form 3 rows %q", recs[1:])
	}
	for i, w := range wantCSV {
		if !slices.Equal(recs[i+1], w) {
			t.Fatalf("form 3 row %d: %q\nwant %q", i, recs[i+1], w)
		}
	}
	// No occasion line for this period unless one is given; given, it prints in parentheses.
	x, sheet = mdlXLSX(t, form("inspector", "DU-SCT", "3.xlsx", period))
	if got := mdlCell(t, x, sheet, "A4"); got != "BIỂU MẪU 3" {
		t.Fatalf("form 3 title %q", got)
	}
	if got := mdlCell(t, x, sheet, "A8"); strings.Contains(got, "khen thưởng") {
		t.Fatalf("form 3 of %d–%d prints the 2021–2023 occasion %q", year-2, year, got)
	}
	if _, rows := mdlTable(t, x, sheet); len(rows) != 4 || rows[2][1] != "Tốt lên" {
		t.Fatalf("form 3 xlsx rows %q", rows)
	}
	occasion := fmt.Sprintf("để khen thưởng dịp tổng kết Kết luận 01-KL/TW năm %d", year+1)
	x, sheet = mdlXLSX(t, form("inspector", "DU-SCT", "3.xlsx", period+"&occasion="+url.QueryEscape(occasion)))
	if got := mdlCell(t, x, sheet, "A8"); got != "("+occasion+")" {
		t.Fatalf("form 3 occasion line %q", got)
	}
	// Refusals: a member and another committee's secretary may not confirm; a model outside the
	// period or a draft nomination is named.
	problem(t, e.do(req{Method: "PUT", Path: introPath, User: mdlSec, Body: intro}), http.StatusForbidden, "forbidden")
	problem(t, e.do(req{Method: "GET", Path: e.mdlUnitPath("CB-VP", "introductions") + period, User: "cell.secretary2"}), http.StatusNotFound, "not_found")
	problem(t, e.do(req{Method: "GET", Path: e.mdlUnitPath("DU-SCT", "introductions") + "?from_year=2021&to_year=2023", User: mdlOfficer}), http.StatusNotFound, "not_found")
	bad := map[string]any{"from_year": year - 1, "to_year": year, "model_ids": []string{better.ID}, "nomination_ids": []string{}}
	p := problem(t, e.do(req{Method: "PUT", Path: introPath, User: mdlOfficer, Body: bad}), http.StatusUnprocessableEntity, "validation")
	mdlWantFields(t, p, "/model_ids/0")
	problem(t, e.do(req{Method: "PUT", Path: introPath, User: mdlOfficer, Body: map[string]any{"from_year": year, "to_year": year - 1,
		"model_ids": []string{}, "nomination_ids": []string{}}}), http.StatusUnprocessableEntity, "validation")

	// The cell secretary gets its own cell's forms, with its committee above.
	x, sheet = mdlXLSX(t, form(mdlSec, "CB-VP", "2.xlsx", ""))
	if got := mdlCell(t, x, sheet, "A1"); got != "ĐẢNG ỦY SỞ CÔNG THƯƠNG" {
		t.Fatalf("cell form A1 %q", got)
	}
	if _, rows := mdlTable(t, x, sheet); len(rows) != 2 || rows[0][1] != "Nụ cười công sở" || rows[1][1] != "Văn thư số hóa" {
		t.Fatalf("cell form rows %q", rows)
	}

	// Refusals.
	problem(t, form(mdlMember, "CB-VP", "2.xlsx", ""), http.StatusForbidden, "forbidden")
	problem(t, form(mdlSec, "DU-SCT", "2.xlsx", ""), http.StatusForbidden, "forbidden")
	problem(t, form("cell.secretary2", "CB-VP", "2.xlsx", ""), http.StatusNotFound, "not_found")
	for _, f := range []string{"4.xlsx", "2.pdf", "2"} {
		problem(t, form(mdlOfficer, "DU-SCT", f, ""), http.StatusBadRequest, "validation")
	}
	p = problem(t, form(mdlOfficer, "DU-SCT", "1.xlsx", fmt.Sprintf("?from_year=%d&to_year=%d", year-1, year-3)),
		http.StatusUnprocessableEntity, "validation")
	mdlWantFields(t, p, "/from_year")
}

func TestModelSuggestions(t *testing.T) {
	t.Parallel()
	e, _ := newModelEnv(t)
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/model-suggestions"}), http.StatusUnauthorized, "unauthenticated")
	var cat struct {
		Groups []struct {
			Category    string `json:"category"`
			Label       string `json:"label"`
			Source      string `json:"source"`
			Suggestions []struct {
				Name        string `json:"name"`
				Description string `json:"description"`
			} `json:"suggestions"`
		} `json:"groups"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/model-suggestions", User: mdlMember}).Decode(t, &cat)
	var cats []string
	found := ""
	for _, g := range cat.Groups {
		cats = append(cats, g.Category)
		if g.Label == "" || g.Source == "" || len(g.Suggestions) == 0 {
			t.Fatalf("group %s: %+v", g.Category, g)
		}
		for _, s := range g.Suggestions {
			if s.Name == "" || !norm.NFC.IsNormalString(s.Name) || !norm.NFC.IsNormalString(s.Description) {
				t.Fatalf("suggestion %+v", s)
			}
			if s.Name == mdlSavings {
				found = g.Category
			}
		}
	}
	want := []string{"savings_support", "new_rural_civilized_urban", "admin_reform_service", "education_environment",
		"religious_traffic_safety", "workplace_environment", "security_order"}
	if !slices.Equal(cats, want) {
		t.Fatalf("groups %q, want %q", cats, want)
	}
	if found != "savings_support" {
		t.Fatalf("%q is in group %q", mdlSavings, found)
	}
}

func TestModelSearch(t *testing.T) {
	t.Parallel()
	e, year := newModelEnv(t)
	savings := e.mdlDemo("CB-VP", mdlSavings)
	// The name match is created before the content-only match, so that newest-first alone would
	// put them the other way round.
	byName := e.mdlCreate(mdlSec, "CB-VP", mdlBody("Làm theo Bác: gọn gàng công sở", year))
	inContent := e.mdlCreate(mdlSec, "CB-VP", map[string]any{"name": "Sổ tay công vụ", "year": year, "category": "other",
		"implementer": map[string]any{"kind": "unit", "name": "Toàn chi bộ"}, "learning_content": "Học tập và làm theo Bác về tác phong."})
	e.mdlCreate(mdlSec, "CB-VP", map[string]any{"name": "Làm sạch hồ sơ", "year": year, "category": "other",
		"implementer": map[string]any{"kind": "unit", "name": "Toàn chi bộ"}, "learning_content": "Theo lời dạy của Người."})
	want := []string{byName.ID, savings.ID, inContent.ID}

	search := func(q, extra string) mdlList {
		var l mdlList
		e.must(http.StatusOK, req{Method: "GET", Path: e.mdlUnitPath("CB-VP", "models") + "?q=" + url.QueryEscape(q) + extra, User: mdlSec}).Decode(t, &l)
		return l
	}
	ids := func(l mdlList) []string {
		out := []string{}
		for _, m := range l.Items {
			out = append(out, m.ID)
		}
		return out
	}
	for _, q := range []string{"lam theo bac", "LÀM THEO BÁC", norm.NFD.String("Làm theo Bác"), "  bác   THEO lam "} {
		t.Run(q, func(t *testing.T) {
			if got := ids(search(q, "")); !slices.Equal(got, want) {
				t.Fatalf("q=%q found %q, want %q (name match, savings, content match)", q, got, want)
			}
		})
	}
	// Paging keeps the ranking.
	var paged []string
	cursor := ""
	for i := 0; i < 5; i++ {
		extra := "&limit=1"
		if cursor != "" {
			extra += "&cursor=" + url.QueryEscape(cursor)
		}
		l := search("lam theo bac", extra)
		paged = append(paged, ids(l)...)
		if l.NextCursor == nil {
			break
		}
		cursor = *l.NextCursor
	}
	if !slices.Equal(paged, want) {
		t.Fatalf("paged search %q, want %q", paged, want)
	}
	if got := ids(search("lam theo bac", "&year="+strconv.Itoa(year-1))); !slices.Equal(got, []string{savings.ID}) {
		t.Fatalf("search last year: %q", got)
	}
	if got := ids(search("khong co mo hinh nao", "")); len(got) != 0 {
		t.Fatalf("search for nothing: %q", got)
	}
	// In the committee's subtree the CB-QLTM replica is found too.
	var l mdlList
	e.must(http.StatusOK, req{Method: "GET", Path: e.mdlUnitPath("DU-SCT", "models") + "?scope=subtree&q=tiet%20kiem", User: mdlOfficer}).Decode(t, &l)
	var units []string
	for _, m := range l.Items {
		units = append(units, m.Unit.Code)
	}
	slices.Sort(units)
	if !slices.Equal(units, []string{"CB-QLTM", "CB-VP"}) {
		t.Fatalf("subtree search in %q", units)
	}
}
