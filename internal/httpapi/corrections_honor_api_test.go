package httpapi_test

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

type corrHonorEntry struct {
	Number      int         `json:"number"`
	Year        int         `json:"year"`
	Unit        rptUnitRef  `json:"unit"`
	SubjectName string      `json:"subject_name"`
	SubjectUnit *rptUnitRef `json:"subject_unit"`
	Decision    *struct {
		Number string `json:"number"`
	} `json:"decision"`
}

// TestHonorRollOfEveryUnit reproduces issue #17 item 5: an honor decided by the bloc for CB-QLTM
// showed nowhere at CB-QLTM. A unit's roll (scope=subtree) now holds everything honored in it or
// below, saying by whom and by which decision; scope=own stays the register of what it decided.
func TestHonorRollOfEveryUnit(t *testing.T) {
	t.Parallel()
	e, _, _ := rptEnv(t)
	roll := func(user, unit, query string) []corrHonorEntry {
		t.Helper()
		var page struct {
			Items      []corrHonorEntry `json:"items"`
			NextCursor *string          `json:"next_cursor"`
		}
		var all []corrHonorEntry
		path := "/api/v1/units/" + e.units[unit].String() + "/honor-roll?limit=1&" + query
		for p := path; ; {
			e.must(http.StatusOK, req{Method: "GET", Path: p, User: user}).Decode(t, &page)
			all = append(all, page.Items...)
			if page.NextCursor == nil {
				return all
			}
			p = path + "&cursor=" + *page.NextCursor
		}
	}
	names := func(es []corrHonorEntry) []string {
		out := []string{}
		for _, x := range es {
			out = append(out, x.SubjectName)
		}
		slices.Sort(out)
		return out
	}

	// The demo: the bloc honored CB-QLTM (nominated by DU-SCT), DU-SCT honored Nguyễn Thị Thu of CB-VP.
	if got := roll("committee.officer", "CB-QLTM", "scope=own"); len(got) != 0 {
		t.Fatalf("CB-QLTM decided %+v", got)
	}
	qltm := roll("committee.officer", "CB-QLTM", "scope=subtree")
	if len(qltm) != 1 || qltm[0].SubjectName != "Chi bộ Quản lý thương mại" || qltm[0].Unit.Code != "KHOI-CQDN" ||
		qltm[0].SubjectUnit == nil || qltm[0].SubjectUnit.Code != "CB-QLTM" || qltm[0].Decision == nil || qltm[0].Decision.Number != "125-QĐ/ĐUK" {
		t.Fatalf("CB-QLTM's roll %+v", qltm)
	}
	vp := roll("cell.secretary", "CB-VP", "scope=subtree")
	if !slices.Equal(names(vp), []string{"Nguyễn Thị Thu"}) || vp[0].Unit.Code != "DU-SCT" || vp[0].SubjectUnit.Code != "CB-VP" {
		t.Fatalf("CB-VP's roll %+v", vp)
	}
	if got := names(roll("committee.officer", "DU-SCT", "scope=subtree")); !slices.Equal(got, []string{"Chi bộ Quản lý thương mại", "Nguyễn Thị Thu"}) {
		t.Fatalf("DU-SCT's roll %q", got)
	}
	if got := names(roll("committee.officer", "DU-SCT", "")); !slices.Equal(got, []string{"Nguyễn Thị Thu"}) {
		t.Fatalf("DU-SCT's register of its own decisions %q", got)
	}
	if got := roll("cell.secretary2", "CB-BTTP", "scope=subtree"); len(got) != 0 {
		t.Fatalf("CB-BTTP's roll holds others' honors: %+v", got)
	}
	if got := names(roll("bloc.officer", "KHOI-CQDN", "scope=subtree")); !slices.Equal(got, []string{"Chi bộ Quản lý thương mại", "Nguyễn Thị Thu"}) {
		t.Fatalf("the bloc's roll %q", got)
	}

	// Refusals: outside the read scope, a bad scope (portal clients: the access matrix).
	path := "/api/v1/units/" + e.units["CB-QLTM"].String() + "/honor-roll?scope=subtree"
	problem(t, e.do(req{Method: "GET", Path: path, User: "cell.secretary2"}), http.StatusNotFound, "not_found")
	problem(t, e.do(req{Method: "GET", Path: path + "x", User: "committee.officer"}), http.StatusBadRequest, "validation")
}

// TestHonorBookPDF checks the printable sổ ghi danh (issue #17 item 5): CB-QLTM's book names the
// honor the bloc decided for it, with the decision and the unit's place and letterhead, as an A4
// page of Vietnamese text (read back with pdftotext, rendered with pdftoppm).
func TestHonorBookPDF(t *testing.T) {
	t.Parallel()
	e, _, year := rptEnv(t)
	path := "/api/v1/units/" + e.units["CB-QLTM"].String() + "/honor-book.pdf?year=" + strconv.Itoa(year)
	res := e.must(http.StatusOK, req{Method: "GET", Path: path, User: "committee.officer"})
	if ct := res.Header.Get("Content-Type"); ct != "application/pdf" || !bytes.HasPrefix(res.Body, []byte("%PDF-")) {
		t.Fatalf("content type %q", ct)
	}
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="so-ghi-danh-CB-QLTM-`+strconv.Itoa(year)+`.pdf"` {
		t.Fatalf("Content-Disposition %q", cd)
	}
	problem(t, e.do(req{Method: "GET", Path: path, User: "cell.secretary2"}), http.StatusNotFound, "not_found")
	problem(t, e.do(req{Method: "GET", Path: path, User: "member"}), http.StatusNotFound, "not_found")
	problem(t, e.do(req{Method: "GET", Path: path + "0", User: "committee.officer"}), http.StatusBadRequest, "validation")

	dir := t.TempDir()
	file := filepath.Join(dir, "book.pdf")
	if err := os.WriteFile(file, res.Body, 0o600); err != nil {
		t.Fatal(err)
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not on PATH: the book's text is not checked")
	}
	out, err := exec.Command(pdftotext, file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"ĐẢNG ỦY SỞ CÔNG THƯƠNG", "Đơn vị: Chi bộ Quản lý thương mại", "Trà Vinh, ngày", "SỔ GHI DANH",
		"Năm " + strconv.Itoa(year), "Tập thể: Chi bộ Quản lý thương mại", "Đảng bộ Khối các cơ quan và Doanh nghiệp tỉnh", "125-QĐ/ĐUK"} {
		if !strings.Contains(text, want) {
			t.Fatalf("the book lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(text, "Nguyễn Thị Thu") {
		t.Fatalf("CB-QLTM's book names CB-VP's exemplar:\n%s", out)
	}
	if pdftoppm, err := exec.LookPath("pdftoppm"); err == nil {
		if out, err := exec.Command(pdftoppm, "-png", "-r", "30", "-f", "1", "-l", "1", file, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		if pages, _ := filepath.Glob(filepath.Join(dir, "page*.png")); len(pages) != 1 {
			t.Fatalf("rendered %v", pages)
		}
	}
}
