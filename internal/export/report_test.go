package export

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// sampleReport is a realistic six-month report of a party cell.
func sampleReport() ReportDoc {
	return ReportDoc{
		UnitName:   "Chi bộ Văn phòng",
		ParentName: "Đảng ủy Sở Công Thương",
		Title:      "BÁO CÁO Kết quả thực hiện Chỉ thị 05-CT/TW 6 tháng đầu năm 2026",
		Period:     "Từ 01/01/2026 đến 30/06/2026",
		Date:       time.Date(2026, time.July, 15, 0, 0, 0, 0, time.UTC),
		Status:     "Đã nộp 12/07/2026",
		Tables: []ReportTable{
			{
				Title:   "1. Xây dựng và thực hiện chuẩn mực đạo đức",
				Headers: []string{"STT", "Chuẩn mực", "Số đảng viên đăng ký", "Tự đánh giá đạt", "Tỷ lệ"},
				Rows: [][]string{
					{"1", "Trung thành, tận tụy, trách nhiệm với Đảng và nhân dân", "25", "25", "100%"},
					{"2", "Cần, kiệm, liêm, chính, chí công vô tư", "25", "24", "96%"},
					{"3", "Nói đi đôi với làm; gương mẫu, nêu gương trong công tác và đời sống", "25", "23", "92%"},
					{"4", "Đoàn kết, thân thiện, lắng nghe ý kiến của đồng nghiệp", "25", "25", "100%"},
				},
			},
			{
				Title:   "2. Mô hình, cách làm hay theo tình trạng",
				Headers: []string{"STT", "Tình trạng", "Số lượng", "Ghi chú"},
				Rows: [][]string{
					{"1", "Đăng ký mới", "6", ""},
					{"2", "Đang triển khai", "9", "Trong đó 3 mô hình cấp Sở"},
					{"3", "Đã nghiệm thu, đánh giá", "4", ""},
					{"4", "Được nhân rộng", "2", "Tiết kiệm làm theo lời Bác; Mỗi tuần một việc tốt"},
				},
			},
			{
				Title:   "3. Mô hình theo lĩnh vực",
				Headers: []string{"STT", "Lĩnh vực", "Số mô hình", "Đơn vị thực hiện tiêu biểu"},
				Rows: [][]string{
					{"1", "Cải cách hành chính, chuyển đổi số", "5", "Phòng Quản lý thương mại"},
					{"2", "Tiết kiệm, hỗ trợ; an sinh xã hội", "4", "Công đoàn Sở"},
					{"3", "Phát triển kinh tế, sản xuất kinh doanh", "3", "Phòng Kế hoạch – Tài chính"},
					{"4", "Văn hóa, nếp sống văn minh công sở", "3", "Văn phòng Sở"},
				},
			},
			{
				Title:   "4. Kết quả đánh giá, xếp loại",
				Headers: []string{"Mức xếp loại", "Tập thể", "Cá nhân", "Tỷ lệ cá nhân"},
				Rows: [][]string{
					{"Hoàn thành xuất sắc nhiệm vụ", "1", "5", "20%"},
					{"Hoàn thành tốt nhiệm vụ", "0", "18", "72%"},
					{"Hoàn thành nhiệm vụ", "0", "2", "8%"},
					{"Không hoàn thành nhiệm vụ", "0", "0", "0%"},
				},
			},
			{
				Title:   "5. Đề nghị khen thưởng, tôn vinh",
				Headers: []string{"STT", "Tập thể/ cá nhân", "Thành tích", "Hình thức đề nghị"},
				Rows: [][]string{
					{"1", "Đồng chí Nguyễn Thị Hồng Nhung", "Có mô hình “Mỗi tuần một việc tốt” được nhân rộng trong toàn Đảng bộ", "Giấy khen của Đảng ủy Sở"},
					{"2", "Tổ Công đoàn Văn phòng", "Vận động quỹ hỗ trợ 12 hộ nghèo, gia đình chính sách", "Giấy khen của Giám đốc Sở"},
					{"3", "Đồng chí Trần Văn Dũng", "Sáng kiến số hóa hồ sơ một cửa, rút ngắn 30% thời gian xử lý", "Bằng khen của Ủy ban nhân dân tỉnh"},
				},
			},
		},
		Chart: ReportChart{
			Title: "Biểu đồ: Số mô hình, cách làm hay theo lĩnh vực",
			Bars: []ReportBar{
				{"Cải cách hành chính, chuyển đổi số", 5},
				{"Tiết kiệm, hỗ trợ; an sinh xã hội", 4},
				{"Phát triển kinh tế, sản xuất kinh doanh", 3},
				{"Văn hóa, nếp sống văn minh công sở", 3},
				{"Xây dựng Đảng, chỉnh đốn tổ chức", 2},
				{"Giáo dục, đào tạo, bồi dưỡng", 1},
				{"Bảo vệ môi trường", 1},
				{"Quốc phòng, an ninh; trật tự an toàn xã hội", 0},
			},
		},
		Sections: []ReportSection{
			{"I. Kết quả đạt được", "Chi bộ đã quán triệt đầy đủ Chỉ thị 05-CT/TW và Kết luận 01-KL/TW đến 100% đảng viên; mỗi đảng viên xây dựng kế hoạch cá nhân gắn với nhiệm vụ chuyên môn, được chi ủy phê duyệt và kiểm điểm hằng tháng.\nViệc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh được đưa vào nội dung sinh hoạt chuyên đề hằng quý; các mô hình tiết kiệm, hỗ trợ đồng nghiệp khó khăn tiếp tục được duy trì, lan tỏa rộng rãi.\nTinh thần trách nhiệm, ý thức phục vụ nhân dân của cán bộ, đảng viên được nâng lên; không có đảng viên vi phạm phải xử lý kỷ luật."},
			{"II. Hạn chế", "Một số đảng viên còn lúng túng khi cụ thể hóa nội dung làm theo thành việc làm cụ thể; việc ghi nhận kết quả chưa thường xuyên.\nCông tác tuyên truyền, nhân rộng điển hình tiên tiến có lúc chưa kịp thời, hình thức chưa phong phú."},
			{"III. Bài học kinh nghiệm", "Cấp ủy phải thực sự gương mẫu, người đứng đầu nói đi đôi với làm; nội dung làm theo phải gắn với nhiệm vụ chính trị của đơn vị, dễ nhớ, dễ làm, dễ kiểm tra.\nThường xuyên sơ kết, biểu dương kịp thời những tập thể, cá nhân tiêu biểu để tạo sức lan tỏa."},
			{"IV. Đề xuất, kiến nghị", "Đề nghị Đảng ủy Sở tiếp tục tổ chức tập huấn nghiệp vụ xây dựng mô hình, cách làm hay; hỗ trợ kinh phí nhân rộng các mô hình hiệu quả.\nĐề nghị xem xét khen thưởng các tập thể, cá nhân có thành tích tiêu biểu nêu tại Biểu 5."},
		},
	}
}

// pdfText runs pdftotext on a PDF and returns the text, normalized to NFC with white space
// collapsed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(norm.NFC.String(string(out))), " ")
}

// pdfPages returns the number of pages and the media boxes found in a PDF.
func pdfPages(pdf []byte) (int, []string) {
	boxes := regexp.MustCompile(`/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]`).FindAllStringSubmatch(string(pdf), -1)
	var out []string
	for _, b := range boxes {
		w, _ := strconv.ParseFloat(b[3], 64)
		h, _ := strconv.ParseFloat(b[4], 64)
		out = append(out, fmt.Sprintf("%.0fx%.0f", w, h))
	}
	n := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	return n, out
}

func renderPDF(t *testing.T, d ReportDoc) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteReportPDF(&buf, d); err != nil {
		t.Fatalf("WriteReportPDF: %v", err)
	}
	return buf.Bytes()
}

func TestWriteReportPDF(t *testing.T) {
	d := sampleReport()
	pdf := renderPDF(t, d)
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", pdf[:min(len(pdf), 10)])
	}
	_, boxes := pdfPages(pdf)
	if len(boxes) == 0 {
		t.Fatal("no MediaBox in the PDF")
	}
	for _, b := range boxes {
		if b != "595x842" {
			t.Errorf("page size %s, want A4 595x842", b)
		}
	}
	text := pdfText(t, pdf)
	for _, want := range []string{
		"ĐẢNG ỦY SỞ CÔNG THƯƠNG",
		"Đơn vị: Chi bộ Văn phòng",
		"ĐẢNG CỘNG SẢN VIỆT NAM",
		"ngày 15 tháng 7 năm 2026",
		"BÁO CÁO Kết quả thực hiện Chỉ thị 05-CT/TW 6 tháng đầu năm 2026",
		"Từ 01/01/2026 đến 30/06/2026",
		"Đã nộp 12/07/2026",
		"Số đảng viên đăng ký",              // a table header
		"Hoàn thành xuất sắc nhiệm vụ",      // a table cell
		"Tiết kiệm, hỗ trợ; an sinh xã hội", // a bar label
		"Biểu đồ: Số mô hình, cách làm hay theo lĩnh vực",
		"III. Bài học kinh nghiệm",                                         // a section heading
		"Cấp ủy phải thực sự gương mẫu, người đứng đầu nói đi đôi với làm", // body text
		"không có đảng viên vi phạm phải xử lý kỷ luật",
		"Trang 1/",
	} {
		if !strings.Contains(text, norm.NFC.String(want)) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
}

// longTable has 80 rows, enough for several pages.
func longTable() ReportTable {
	long := ReportTable{Title: "Danh sách đảng viên", Headers: []string{"STT", "Họ và tên", "Nội dung làm theo", "Kết quả"}}
	for i := range 80 {
		long.Rows = append(long.Rows, []string{strconv.Itoa(i + 1), fmt.Sprintf("Đảng viên số %d", i+1),
			"Thực hiện tiết kiệm, chống lãng phí; giúp đỡ đồng nghiệp khó khăn, hoàn cảnh đặc biệt", "Đạt"})
	}
	return long
}

func TestWriteReportPDFMultiPage(t *testing.T) {
	d := sampleReport()
	d.Tables = append(d.Tables, longTable())
	pdf := renderPDF(t, d)
	n, _ := pdfPages(pdf)
	if n < 3 {
		t.Fatalf("%d pages for 80 extra rows, want at least 3", n)
	}
	text := pdfText(t, pdf)
	if want := fmt.Sprintf("Trang %d/%d", n, n); !strings.Contains(text, want) {
		t.Errorf("PDF text lacks the last page number %q", want)
	}
	for _, want := range []string{"Đảng viên số 1 ", "Đảng viên số 80 "} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks row %q", want)
		}
	}
	// The header row is repeated on the pages the table runs onto.
	if c := strings.Count(text, "Nội dung làm theo"); c < 2 {
		t.Errorf("table header printed %d times, want it repeated on each page", c)
	}
}

func TestWriteReportPDFZeroChart(t *testing.T) {
	d := ReportDoc{
		Title: "BÁO CÁO Thử biểu đồ",
		Chart: ReportChart{Title: "Không có mô hình", Bars: []ReportBar{{"Lĩnh vực thứ nhất", 0}, {"Lĩnh vực thứ hai", 0}}},
	}
	text := pdfText(t, renderPDF(t, d))
	for _, want := range []string{"Lĩnh vực thứ nhất", "Lĩnh vực thứ hai", "Không có mô hình"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
}

func TestWriteReportPDFUnprintable(t *testing.T) {
	d := sampleReport()
	d.Sections = append(d.Sections, ReportSection{"Ghi chú", "Biểu tượng \U0001F600"})
	var buf bytes.Buffer
	err := WriteReportPDF(&buf, d)
	if !errors.Is(err, ErrUnprintable) {
		t.Fatalf("err = %v, want ErrUnprintable", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written on error", buf.Len())
	}
}

func TestNiceScaleAndFormat(t *testing.T) {
	for _, tt := range []struct{ max, end, step float64 }{
		{0, 0, 0}, {-3, 0, 0}, {3, 3, 1}, {5, 5, 1}, {7, 8, 2}, {23, 25, 5}, {1250, 1500, 500},
	} {
		end, step := niceScale(tt.max)
		if end != tt.end || step != tt.step {
			t.Errorf("niceScale(%v) = %v, %v; want %v, %v", tt.max, end, step, tt.end, tt.step)
		}
	}
	for v, want := range map[float64]string{0: "0", 5: "5", 1250: "1.250", 12.5: "12,5", -1234567.25: "-1.234.567,25"} {
		if got := formatValue(v); got != want {
			t.Errorf("formatValue(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestWriteReportXLSX(t *testing.T) {
	d := sampleReport()
	var buf bytes.Buffer
	if err := WriteReportXLSX(&buf, d); err != nil {
		t.Fatalf("WriteReportXLSX: %v", err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); len(got) != 2 || got[0] != "Bao cao" || got[1] != "Noi dung" {
		t.Fatalf("sheets = %q, want [Bao cao Noi dung]", got)
	}
	rows, err := x.GetRows("Bao cao")
	if err != nil {
		t.Fatal(err)
	}
	find := func(rows [][]string, want string) (int, int, bool) {
		for i, r := range rows {
			for j, c := range r {
				if c == want {
					return i, j, true
				}
			}
		}
		return 0, 0, false
	}
	if v, _ := x.GetCellValue("Bao cao", "A1"); v != "ĐẢNG ỦY SỞ CÔNG THƯƠNG" {
		t.Errorf("A1 = %q", v)
	}
	if v, _ := x.GetCellValue("Bao cao", "A4"); v != "BÁO CÁO\nKết quả thực hiện Chỉ thị 05-CT/TW 6 tháng đầu năm 2026" {
		t.Errorf("title A4 = %q", v)
	}
	i, j, ok := find(rows, "Số đảng viên đăng ký")
	if !ok {
		t.Fatal("table header \"Số đảng viên đăng ký\" not found")
	}
	// The data cell under it, in the same column.
	if got := rows[i+2][j]; got != "25" {
		t.Errorf("cell under the header, row 2 = %q, want 25", got)
	}
	if _, _, ok := find(rows, "Đồng chí Nguyễn Thị Hồng Nhung"); !ok {
		t.Error("data cell \"Đồng chí Nguyễn Thị Hồng Nhung\" not found")
	}
	// The chart's data: the label is also in table 3, so look under the chart's caption.
	c, _, ok := find(rows, "Biểu đồ: Số mô hình, cách làm hay theo lĩnh vực")
	if !ok {
		t.Fatal("chart caption not found")
	}
	if i, _, ok := find(rows[c:], "Tiết kiệm, hỗ trợ; an sinh xã hội"); !ok || rows[c+i][len(rows[c+i])-1] != "4" {
		t.Errorf("chart data row for \"Tiết kiệm, hỗ trợ; an sinh xã hội\" missing or without value 4")
	}
	sec, err := x.GetRows("Noi dung")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok := find(sec, "II. Hạn chế"); !ok {
		t.Error("section heading not found")
	}
	body := "Thường xuyên sơ kết, biểu dương kịp thời những tập thể, cá nhân tiêu biểu để tạo sức lan tỏa."
	if _, _, ok := find(sec, body); !ok {
		t.Errorf("section body %q not found", body)
	}
}

// TestReportSample writes the sample report to REPORT_SAMPLE_DIR, for looking at it.
func TestReportSample(t *testing.T) {
	dir := os.Getenv("REPORT_SAMPLE_DIR")
	if dir == "" {
		t.Skip("REPORT_SAMPLE_DIR not set")
	}
	d := sampleReport()
	if err := os.WriteFile(filepath.Join(dir, "report.pdf"), renderPDF(t, d), 0o644); err != nil {
		t.Fatal(err)
	}
	long := d
	long.Tables = append([]ReportTable{longTable()}, d.Tables...)
	if err := os.WriteFile(filepath.Join(dir, "report-long.pdf"), renderPDF(t, long), 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteReportXLSX(&buf, d); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.xlsx"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
