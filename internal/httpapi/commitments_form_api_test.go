package httpapi_test

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// The commitment prints as the A4 form the member signs: the items, the assessments, the cell's
// review and the class, with every Vietnamese mark.
func TestCommitmentsForm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	nam := mxCommitmentOf(e, "CB-VP", "Hoàng Văn Nam", e.app.Now().Year()-1).String()
	got := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/commitments/" + nam + "/form.pdf", User: "member"})
	if ct := got.Header.Get("Content-Type"); ct != "application/pdf" || !bytes.HasPrefix(got.Body, []byte("%PDF-")) {
		t.Fatalf("content type %q, %d bytes", ct, len(got.Body))
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/commitments/" + nam + "/form.pdf", User: "cell.secretary2"}), http.StatusNotFound, "not_found")
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not on PATH: the PDF's text is not checked")
	}
	path := filepath.Join(t.TempDir(), "form.pdf")
	if err := os.WriteFile(path, got.Body, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(norm.NFC.String(string(out))), " ")
	for _, want := range []string{"BẢN CAM KẾT", "Hoàng Văn Nam", "năm " + strconv.Itoa(e.app.Now().Year()-1), "Chi bộ Văn phòng",
		"Đã thực hiện", "Nhận xét, đánh giá của chi bộ", "Hoàn thành xuất sắc nhiệm vụ"} {
		if !strings.Contains(text, norm.NFC.String(want)) {
			t.Fatalf("the form's text lacks %q:\n%s", want, text)
		}
	}
}
