package httpapi_test

import (
	"bytes"
	"fmt"
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

// rptSignature is a report's signature block as the API answers it.
type rptSignature struct {
	Recipients []string `json:"recipients"`
	OnBehalf   string   `json:"on_behalf"`
	Title      string   `json:"title"`
	Name       string   `json:"name"`
}

// rptDoc is a report with the parts of the report form #17 item 7 added.
type rptDoc struct {
	ID        string `json:"id"`
	Status    string `json:"status"`
	Version   int64  `json:"version"`
	Narrative struct {
		Results   string `json:"results"`
		NextSteps string `json:"next_steps"`
	} `json:"narrative"`
	Signature rptSignature `json:"signature"`
}

// rptNames reads names with a test-only SQL probe (what the document must list, found
// independently of the service).
func (e *env) rptNames(q string, args ...any) []string {
	e.t.Helper()
	db, err := e.store.SQL()
	if err != nil {
		e.t.Fatal(err)
	}
	rows, err := db.Query(q, args...)
	if err != nil {
		e.t.Fatal(err)
	}
	defer func() { _ = rows.Close() }()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			e.t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// rptPDFText renders a PDF's text with pdftotext (whitespace folded, in drawing order), and its last page as a PNG
// at 60 dpi into dir (kept for a look when LAMTHEOBAC_KEEP_PNG names a directory); "" without
// poppler.
func rptPDFText(t *testing.T, pdf []byte) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if pdftoppm, err := exec.LookPath("pdftoppm"); err == nil {
		out := filepath.Join(dir, "page")
		if keep := os.Getenv("LAMTHEOBAC_KEEP_PNG"); keep != "" {
			out = filepath.Join(keep, "report")
		}
		if b, err := exec.Command(pdftoppm, "-png", "-r", "60", path, out).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, b)
		}
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext not on PATH: the PDF's text is not checked")
		return ""
	}
	// -raw: the text in the order it is drawn, so a cell's wrapped lines stay together.
	out, err := exec.Command(pdftotext, "-raw", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(norm.NFC.String(string(out))), " ")
}

// TestReportNextStepsAndSignature walks #17 item 7: the unit writes its next steps and the
// signature block in its draft (If-Match; refused past their limits, once submitted, or stale),
// and the PDF and XLSX print the report form: the figures, the models and exemplars by name with
// their results, the narrative ending with "phương hướng, nhiệm vụ", and the signature block.
func TestReportNextStepsAndSignature(t *testing.T) {
	t.Parallel()
	e, _, year := rptEnv(t)
	round := e.rptOpen("bloc.officer", "KHOI-CQDN", rptH1(year, "cell", "committee"))
	reports := e.rptReports(round.ID)
	vp := e.rptWrite("cell.secretary", reports["CB-VP"])
	path := rptPath(vp.ID)
	audits := e.rptAllAudits()
	refuse := func(got resp, status int, code, field string) {
		t.Helper()
		p := problem(t, got, status, code)
		if field != "" {
			errs, _ := p["errors"].([]any)
			if len(errs) != 1 || errs[0].(map[string]any)["field"] != field {
				t.Errorf("errors %v, want one on %s", p["errors"], field)
			}
		}
		if n := e.rptAllAudits(); n != audits {
			t.Fatalf("a refusal wrote %d audit events", n-audits)
		}
	}
	patch := func(user string, version int64, body map[string]any) resp {
		return e.do(req{Method: "PATCH", Path: path, User: user, Header: ifMatch(version), Body: body})
	}

	// Too long: the contract's 400 naming the field (a blank recipient is the service's 422); a stale If-Match 412; nothing written.
	long := func(n int) string { return strings.Repeat("ư", n) }
	refuse(patch("cell.secretary", vp.Version, map[string]any{"next_steps": long(50001)}), 400, "validation", "/next_steps")
	refuse(patch("cell.secretary", vp.Version, map[string]any{"results": long(50001)}), 400, "validation", "/results")
	refuse(patch("cell.secretary", vp.Version, map[string]any{"signature": map[string]any{"name": long(121)}}), 400, "validation", "/signature/name")
	refuse(patch("cell.secretary", vp.Version, map[string]any{"signature": map[string]any{"on_behalf": long(121)}}), 400, "validation", "/signature/on_behalf")
	many := make([]string, 21)
	for i := range many {
		many[i] = fmt.Sprintf("Nơi nhận %d", i)
	}
	refuse(patch("cell.secretary", vp.Version, map[string]any{"signature": map[string]any{"recipients": many}}), 400, "validation", "/signature/recipients")
	refuse(patch("cell.secretary", vp.Version, map[string]any{"signature": map[string]any{"recipients": []string{"Đảng ủy Sở", "  "}}}), 422, "validation", "/signature/recipients/1")
	refuse(patch("cell.secretary", vp.Version, map[string]any{"signature": map[string]any{"recipients": []string{long(301)}}}), 400, "validation", "/signature/recipients/0")
	refuse(patch("cell.secretary", vp.Version, map[string]any{"signature": map[string]any{"rank": "x"}}), 400, "validation", "")
	refuse(patch("cell.secretary", vp.Version-1, map[string]any{"next_steps": "Cũ"}), 412, "stale_version", "")
	refuse(patch("member", vp.Version, map[string]any{"next_steps": "Không phải người soạn"}), 403, "forbidden", "")
	if got := call[rptDoc](e, http.StatusOK, req{Method: "GET", Path: path, User: "cell.secretary"}); got.Version != vp.Version ||
		got.Narrative.NextSteps != "" || got.Signature.Name != "" || got.Signature.Recipients == nil {
		t.Fatalf("refusals changed the report: %+v", got)
	}

	next := "Tiếp tục nhân rộng mô hình \"Văn phòng thân thiện\".\nMỗi đảng viên đăng ký ít nhất một việc làm theo Bác trong 6 tháng cuối năm."
	sign := rptSignature{Recipients: []string{"Đảng ủy Sở Công Thương (báo cáo),", "Các đảng viên trong chi bộ,", "Lưu: Chi bộ."},
		OnBehalf: "T/M CHI BỘ", Title: "BÍ THƯ", Name: "Phạm Thị Lan"}
	var got rptDoc
	e.must(http.StatusOK, req{Method: "PATCH", Path: path, User: "cell.secretary", Header: ifMatch(vp.Version),
		Body: map[string]any{"next_steps": next, "signature": sign}}).Decode(t, &got)
	if got.Narrative.NextSteps != next || !slices.Equal(got.Signature.Recipients, sign.Recipients) || got.Signature.OnBehalf != sign.OnBehalf ||
		got.Signature.Name != sign.Name || got.Version != vp.Version+1 || got.Narrative.Results != rptNarrativeFor("CB-VP").Results {
		t.Fatalf("written: %+v", got)
	}
	// A signature patch changes only what it names.
	e.must(http.StatusOK, req{Method: "PATCH", Path: path, User: "cell.secretary", Header: ifMatch(got.Version),
		Body: map[string]any{"signature": map[string]any{"title": "PHÓ BÍ THƯ"}}}).Decode(t, &got)
	if got.Signature.Title != "PHÓ BÍ THƯ" || got.Signature.Name != sign.Name || len(got.Signature.Recipients) != 3 || got.Narrative.NextSteps != next {
		t.Fatalf("after a title-only patch: %+v", got)
	}
	if n := e.rptAudits("report.update", vp.ID); n < 3 {
		t.Errorf("%d report.update events", n)
	}

	// Submitted: the named lists are frozen with the figures, and nothing is edited any more.
	sub := e.rptStep("cell.secretary", e.rptGet("cell.secretary", vp.ID), "submit", "submitted", nil)
	if n := e.count("report_named_lists", "report_id = $1", vp.ID); n != 1 {
		t.Fatalf("%d frozen named lists", n)
	}
	audits = e.rptAllAudits()
	refuse(patch("cell.secretary", sub.Version, map[string]any{"next_steps": "Sửa sau khi nộp"}), 409, "invalid_transition", "")
	refuse(patch("cell.secretary", sub.Version, map[string]any{"signature": map[string]any{"name": "Người khác"}}), 409, "invalid_transition", "")

	// What the document must name, read independently: CB-VP's models of the year (not drafts)
	// and its exemplars nominated in the half-year and sent on.
	vpPath := e.rptNames(`SELECT path FROM units WHERE code = 'CB-VP'`)[0]
	models := e.rptNames(`SELECT name FROM models WHERE unit_path LIKE $1 || '%' AND year = $2 AND status <> 'draft' ORDER BY name`, vpPath, year)
	exemplars := e.rptNames(`SELECT COALESCE(CASE WHEN n.subject_kind = 'individual' THEN n.person_name END, NULLIF(n.department_name, ''), su.name)
		FROM nominations n LEFT JOIN units su ON su.id = n.subject_unit_id WHERE n.unit_path LIKE $1 || '%'
		AND n.created_at BETWEEN $2 AND $3 AND n.status IN ('submitted', 'endorsed', 'commended', 'honored')`,
		vpPath, fmt.Sprintf("%d-01-01T00:00:00+07:00", year), fmt.Sprintf("%d-06-30T23:59:59.999+07:00", year))
	if len(models) == 0 {
		t.Fatal("the demo gives CB-VP no model this year")
	}
	if f := sub.Figures; f.Collective+f.Individual != len(exemplars) {
		t.Fatalf("the figures count %d exemplars, the probe finds %v", f.Collective+f.Individual, exemplars)
	}

	file := func(id, name string) []byte {
		return e.must(http.StatusOK, req{Method: "GET", Path: rptPath(id, "files", name), User: "committee.officer"}).Body
	}
	if text := rptPDFText(t, file(vp.ID, "report.pdf")); text != "" {
		wants := []string{"Tỷ lệ dự sinh hoạt", "8. Đánh giá, xếp loại đảng viên", "9. Danh sách mô hình", "Tên mô hình",
			"10. Danh sách điển hình tiêu biểu", "IV. Đề xuất, kiến nghị", "V. Phương hướng, nhiệm vụ",
			"Tiếp tục nhân rộng mô hình \"Văn phòng thân thiện\".", "Nơi nhận:", "- Đảng ủy Sở Công Thương (báo cáo),", "- Lưu: Chi bộ.",
			"T/M CHI BỘ", "PHÓ BÍ THƯ", "Phạm Thị Lan"}
		wants = append(wants, models...)
		wants = append(wants, exemplars...)
		at := -1
		for i, want := range wants {
			k := strings.Index(text, norm.NFC.String(want))
			if k < 0 {
				t.Fatalf("the PDF's text lacks %q:\n%s", want, text)
			}
			if i < 7 && k < at { // the form's order: tables, then the narrative's last parts
				t.Errorf("%q before what precedes it", want)
			}
			at = max(at, k)
		}
		// The signature block closes the document: the signer's name after the next steps.
		if strings.LastIndex(text, "Phạm Thị Lan") < strings.Index(text, "V. Phương hướng, nhiệm vụ") {
			t.Errorf("the signature is not after the next steps")
		}
	}

	x, err := excelize.OpenReader(bytes.NewReader(file(vp.ID, "report.xlsx")))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	cell := func(sheet, ref string) string {
		v, err := x.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// The narrative's sheet ends with the signature block: Nơi nhận in column A, the signer in B.
	rows, err := x.GetRows("Noi dung")
	if err != nil {
		t.Fatal(err)
	}
	head := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Nơi nhận:" {
			head = i + 1
		}
	}
	if head < 0 || cell("Noi dung", fmt.Sprintf("B%d", head)) != "T/M CHI BỘ" || cell("Noi dung", fmt.Sprintf("B%d", head+1)) != "PHÓ BÍ THƯ" ||
		cell("Noi dung", fmt.Sprintf("A%d", head+1)) != "- Đảng ủy Sở Công Thương (báo cáo)," || cell("Noi dung", fmt.Sprintf("A%d", head+3)) != "- Lưu: Chi bộ." {
		t.Fatalf("signature block at row %d of %q", head, rows)
	}
	var name, nextHead bool
	for i, r := range rows {
		if len(r) > 1 && r[1] == "Phạm Thị Lan" && i+1 > head+1 {
			name = true
		}
		if len(r) > 0 && r[0] == "V. Phương hướng, nhiệm vụ" && i+1 < head && slices.Contains(rows[i+1], "Tiếp tục nhân rộng mô hình \"Văn phòng thân thiện\".") {
			nextHead = true
		}
	}
	if !name || !nextHead {
		t.Errorf("signer's name %v, next steps %v in %q", name, nextHead, rows)
	}
	// The main sheet: the models' table by name with their results, the exemplars' table.
	main, err := x.GetRows("Bao cao")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for i, r := range main {
		if len(r) >= 5 && r[0] == "STT" && r[1] == "Tên mô hình" && r[4] == "Kết quả đánh giá" {
			for _, m := range main[i+1 : i+1+len(models)] {
				found[m[1]] = true
				if len(m) < 5 || m[4] == "" || m[3] == "" {
					t.Errorf("model row without status or result: %q", m)
				}
			}
		}
		if len(r) >= 6 && r[1] == "Tập thể, cá nhân" && r[5] == "Quyết định khen thưởng" {
			found["exemplars"] = true
		}
	}
	for _, m := range models {
		if !found[m] {
			t.Errorf("the spreadsheet's models table lacks %q: %q", m, main)
		}
	}
	if !found["exemplars"] {
		t.Errorf("no exemplars table in %q", main)
	}

	// A draft never signed prints the defaults of its kind: the committee's "T/M ĐẢNG ỦY".
	x2, err := excelize.OpenReader(bytes.NewReader(file(reports["DU-SCT"].ID, "report.xlsx")))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x2.Close() }()
	rows, _ = x2.GetRows("Noi dung")
	flat := fmt.Sprint(rows)
	for _, want := range []string{"T/M ĐẢNG ỦY", "BÍ THƯ", "- Đảng bộ Khối các cơ quan và Doanh nghiệp tỉnh (báo cáo),", "- Lưu."} {
		if !strings.Contains(flat, want) {
			t.Errorf("DU-SCT's unsigned draft lacks %q: %s", want, flat)
		}
	}

	// Returned, the lists thaw with the figures.
	e.rptStep("committee.officer", sub, "return", "returned", map[string]any{"reason": "Bổ sung."})
	if n := e.count("report_named_lists", "report_id = $1", vp.ID); n != 0 {
		t.Fatalf("%d frozen named lists after the return", n)
	}
}

// TestDemoReportIsSigned: the demo's H1 round shows the report form whole at CB-VP: next steps,
// the signature block, the named lists frozen at submission, all in its PDF.
func TestDemoReportIsSigned(t *testing.T) {
	t.Parallel()
	e, _, _ := rptEnv(t)
	var rounds struct{ Items []rptRound }
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["KHOI-CQDN"].String() + "/reporting-rounds", User: "admin"}).Decode(t, &rounds)
	i := slices.IndexFunc(rounds.Items, func(r rptRound) bool { return strings.HasPrefix(r.Title, "Báo cáo 6 tháng đầu năm") })
	if i < 0 {
		t.Fatalf("no demo H1 round in %+v", rounds.Items)
	}
	vp := e.rptReports(rounds.Items[i].ID)["CB-VP"]
	got := call[rptDoc](e, http.StatusOK, req{Method: "GET", Path: rptPath(vp.ID), User: "cell.secretary"})
	if got.Status != "accepted" || got.Narrative.NextSteps == "" || got.Signature.Name != "Phạm Thị Lan" || got.Signature.OnBehalf != "T/M CHI BỘ" ||
		len(got.Signature.Recipients) != 3 {
		t.Fatalf("the demo's CB-VP report %+v", got)
	}
	if n := e.count("report_named_lists", "report_id = $1", vp.ID); n != 1 {
		t.Fatalf("%d frozen named lists", n)
	}
	pdf := e.must(http.StatusOK, req{Method: "GET", Path: rptPath(vp.ID, "files", "report.pdf"), User: "cell.secretary"}).Body
	if text := rptPDFText(t, pdf); text != "" {
		for _, want := range []string{"9. Danh sách mô hình", "10. Danh sách điển hình tiêu biểu", "V. Phương hướng, nhiệm vụ", "Nơi nhận:",
			"- Lưu: Chi bộ.", "T/M CHI BỘ", "BÍ THƯ", "Phạm Thị Lan"} {
			if !strings.Contains(text, want) {
				t.Errorf("the demo report's PDF lacks %q:\n%s", want, text)
			}
		}
	}
}
