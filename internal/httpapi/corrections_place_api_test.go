package httpapi_test

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnitPlaceOnDocuments reproduces issue #17 item 3: forms printed "……………, ngày … tháng
// … năm" because units had no place. A unit now has a place (địa danh), printed before the date
// of its forms and reports; a unit without one prints its nearest ancestor's.
func TestUnitPlaceOnDocuments(t *testing.T) {
	t.Parallel()
	e, _, year := rptEnv(t)
	unit := func(code, user string) map[string]any {
		return e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units[code].String(), User: user}).JSON(t)
	}
	if got := unit("KHOI-CQDN", "admin")["place"]; got != "Trà Vinh" {
		t.Fatalf("the demo bloc's place %v", got)
	}
	if got := unit("CB-VP", "cell.secretary")["place"]; got != "" {
		t.Fatalf("CB-VP's own place %v, want empty (it inherits)", got)
	}
	dateLine := func(code, user string) string {
		t.Helper()
		x, sheet := mdlXLSX(t, e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units[code].String() + "/forms/2.xlsx", User: user}))
		return mdlCell(t, x, sheet, "D2")
	}
	if got := dateLine("CB-VP", "cell.secretary"); !strings.HasPrefix(got, "Trà Vinh, ngày 20 tháng 6 năm ") {
		t.Fatalf("CB-VP's form date line %q: the bloc's place is not inherited", got)
	}

	// The committee's officer names its place; its cells print it, the sibling committee keeps
	// the bloc's.
	sct := unit("DU-SCT", "committee.officer")
	got := call[map[string]any](e, http.StatusOK, req{Method: "PATCH", Path: "/api/v1/committees/" + e.units["DU-SCT"].String(), User: "committee.officer",
		Header: map[string]string{"If-Match": fmt.Sprintf(`"%v"`, sct["version"])}, Body: map[string]any{"place": "  Càng Long  "}})
	if got["place"] != "Càng Long" {
		t.Fatalf("patched place %v", got["place"])
	}
	if got := dateLine("CB-VP", "cell.secretary"); !strings.HasPrefix(got, "Càng Long, ngày 20 tháng 6 năm ") {
		t.Fatalf("CB-VP's form date line %q after its committee named its place", got)
	}
	if got := dateLine("CB-BTTP", "cell.secretary2"); !strings.HasPrefix(got, "Trà Vinh, ngày") {
		t.Fatalf("CB-BTTP's form date line %q", got)
	}
	// A cell created with its own place prints it.
	created := call[map[string]any](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/committees/" + e.units["DU-SCT"].String() + "/cells",
		User: "committee.officer", Body: map[string]any{"code": "CB-NEW", "name": "Chi bộ Mới", "place": "Duyên Hải"}})
	if created["place"] != "Duyên Hải" {
		t.Fatalf("created %v", created)
	}

	// The report PDF prints the place with its date.
	round := e.rptOpen("bloc.officer", "KHOI-CQDN", rptH1(year, "cell"))
	vp := e.rptReports(round.ID)["CB-VP"]
	pdf := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/reports/" + vp.ID + "/files/report.pdf", User: "cell.secretary"})
	if pdftotext, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not on PATH: the PDF's text is not checked")
	} else {
		path := filepath.Join(t.TempDir(), "r.pdf")
		if err := os.WriteFile(path, pdf.Body, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), "Càng Long, ngày 20 tháng 6") || strings.Contains(string(out), "……………, ngày") {
			t.Fatalf("the report's date line lacks the place:\n%s", out)
		}
	}

	// Refusals: a place too long, and a member naming the place.
	problem(t, e.do(req{Method: "PATCH", Path: "/api/v1/committees/" + e.units["DU-SCT"].String(), User: "committee.officer",
		Body: map[string]any{"place": strings.Repeat("ệ", 101)}}), http.StatusBadRequest, "validation")
	problem(t, e.do(req{Method: "PATCH", Path: "/api/v1/cells/" + e.units["CB-VP"].String(), User: "member",
		Body: map[string]any{"place": "Trà Cú"}}), http.StatusForbidden, "forbidden")
	if got := unit("CB-VP", "cell.secretary")["place"]; got != "" {
		t.Fatalf("a refused PATCH wrote the place %v", got)
	}
}
