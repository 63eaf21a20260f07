package httpapi_test

import (
	"bytes"
	"fmt"
	"image/png"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

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
	// The demo's own rounds (its multi-year review) add tasks of their own: only this test's count.
	ours := map[string]bool{later.ID: true, sooner.ID: true}
	for _, id := range []string{later.ID, sooner.ID} {
		for _, r := range e.rptReports(id) {
			ours[r.ID] = true
		}
	}

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
			if tk.Kind == kind && (!strings.HasSuffix(kind, "_report") || ours[tk.ResourceID]) {
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
