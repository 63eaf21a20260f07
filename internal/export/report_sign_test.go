package export

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// pdfPageText is the text of page n of a PDF (whitespace folded).
func pdfPageText(t *testing.T, pdf []byte, n int) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(norm.NFC.String(string(out))), " ")
}

// TestReportSignatureBlock: the signature block prints after the narrative, whole on one page
// however little room the narrative leaves and never alone on it (the narrative's last lines go
// with it), with the recipients dashed; without one nothing is
// printed; the XLSX puts it under the narrative, recipients in A and the signer in B.
func TestReportSignatureBlock(t *testing.T) {
	sign := &ReportSignature{Recipients: []string{"Đảng ủy Sở Công Thương (báo cáo),", "- Lưu: Chi bộ."}, OnBehalf: "T/M CHI BỘ", Title: "BÍ THƯ", Name: "Phạm Thị Lan"}
	d := sampleReport()
	d.Signature = sign
	for extra := 0; extra < 40; extra += 3 { // push the block across the page's end
		long := d
		long.Sections = append(append([]ReportSection{}, d.Sections...), ReportSection{Heading: "V. Phương hướng, nhiệm vụ",
			Body: strings.Repeat("Tiếp tục thực hiện.\n", extra)})
		pdf := renderPDF(t, long)
		n, _ := pdfPages(pdf)
		last := pdfPageText(t, pdf, n)
		for _, want := range []string{"Nơi nhận:", "- Đảng ủy Sở Công Thương (báo cáo),", "- Lưu: Chi bộ.", "T/M CHI BỘ", "BÍ THƯ", "Phạm Thị Lan"} {
			if !strings.Contains(last, want) {
				t.Fatalf("with %d more lines the last page (%d) lacks %q: %s", extra, n, want, last)
			}
		}
		if body := last[:strings.Index(last, "Nơi nhận:")]; extra > 0 && !strings.Contains(body, "Tiếp tục thực hiện.") {
			t.Fatalf("with %d more lines the signature stands alone on the last page (%d): %s", extra, n, last)
		}
		if strings.Contains(last, "- - Lưu") {
			t.Fatalf("a recipient dashed twice: %s", last)
		}
	}
	plain := sampleReport()
	if text := pdfText(t, renderPDF(t, plain)); strings.Contains(text, "Nơi nhận") {
		t.Errorf("a report without a signature prints one: %s", text)
	}

	var buf bytes.Buffer
	if err := WriteReportXLSX(&buf, d); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	rows, err := x.GetRows(ReportSheetSections)
	if err != nil {
		t.Fatal(err)
	}
	at := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Nơi nhận:" {
			at = i
		}
	}
	if at < 0 || rows[at][1] != "T/M CHI BỘ" || rows[at+1][0] != "- Đảng ủy Sở Công Thương (báo cáo)," || rows[at+1][1] != "BÍ THƯ" ||
		rows[at+2][0] != "- Lưu: Chi bộ." || rows[at+3][1] != "Phạm Thị Lan" {
		t.Fatalf("signature rows from %d: %q", at, rows)
	}
	if h, _ := x.GetRowHeight(ReportSheetSections, at+3); h < 40 {
		t.Errorf("no room to sign: row %d is %v high", at+3, h)
	}
}
