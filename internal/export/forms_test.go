package export

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// sampleForm is form n of a provincial bloc's unit, with models from the catalog of Công văn
// 364-CV/BTG (docs/sources.md).
func sampleForm(t testing.TB, n int) Form {
	t.Helper()
	title, err := FormTitle(n, 2021, 2023)
	if err != nil {
		t.Fatal(err)
	}
	return Form{
		Number:     n,
		ParentName: "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh",
		UnitName:   "Chi bộ Sở Công Thương",
		Place:      "Trà Vinh",
		Date:       time.Date(2024, time.February, 19, 9, 0, 0, 0, time.UTC),
		TitleLines: title,
		Rows: []FormRow{
			{
				Name:        "Tiết kiệm làm theo lời Bác",
				Content:     "Phát động tiết kiệm trong cán bộ, đảng viên; trao tặng quà cho hộ gia đình nghèo, có hoàn cảnh khó khăn.",
				Implementer: "Chi bộ Văn phòng Sở",
				Note:        "Nhân rộng năm 2024",
			},
			{
				Name:        "Mỗi tuần một việc tốt",
				Content:     "Mỗi tuần lựa chọn và thực hiện các công trình, phần việc tình nguyện vì cộng đồng.\nPhục vụ nhân dân địa phương.",
				Implementer: "Đoàn Thanh niên Sở",
			},
			{
				Name:        "=1+1",
				Content:     "@SUM(A1:A2)",
				Implementer: "+84 294 3862 000",
				Note:        "-2",
			},
		},
	}
}

func TestFormTitle(t *testing.T) {
	tests := []struct {
		n, from, to int
		want        []string
	}{
		{1, 2021, 2023, []string{
			"BIỂU MẪU 1",
			"THỐNG KÊ CÁC MÔ HÌNH, CÁCH LÀM HAY, SÁNG TẠO, HIỆU QUẢ",
			"TRONG HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH",
			"HỒ CHÍ MINH (giai đoạn 2021-2023)",
		}},
		{2, 0, 2024, []string{
			"BIỂU MẪU 2",
			"ĐĂNG KÝ MÔ HÌNH, CÁCH LÀM HAY, SÁNG TẠO, HIỆU QUẢ",
			"TRONG HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH",
			"HỒ CHÍ MINH NĂM 2024",
		}},
		{3, 2021, 2023, []string{
			"BIỂU MẪU 3",
			"GIỚI THIỆU TẬP THỂ, CÁ NHÂN, ĐƠN VỊ CÓ MÔ HÌNH, CÁCH LÀM HAY,",
			"SÁNG TẠO, HIỆU QUẢ TRONG HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG,",
			"ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH GIAI ĐOẠN 2021-2023",
		}},
	}
	for _, tt := range tests {
		got, err := FormTitle(tt.n, tt.from, tt.to)
		if err != nil {
			t.Fatalf("FormTitle(%d, %d, %d): %v", tt.n, tt.from, tt.to, err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("FormTitle(%d, %d, %d) =\n%q\nwant\n%q", tt.n, tt.from, tt.to, got, tt.want)
		}
		for _, l := range got {
			if !norm.NFC.IsNormalString(l) {
				t.Errorf("title line %q is not NFC", l)
			}
		}
	}

	for _, bad := range []struct{ n, from, to int }{
		{0, 2021, 2023}, {4, 2021, 2023}, {-1, 2021, 2023},
		{1, 2024, 2023}, {3, 0, 2023}, {2, 0, 0},
	} {
		if got, err := FormTitle(bad.n, bad.from, bad.to); !errors.Is(err, ErrInvalidForm) || got != nil {
			t.Errorf("FormTitle(%d, %d, %d) = %q, %v; want nil, ErrInvalidForm", bad.n, bad.from, bad.to, got, err)
		}
	}
}

// TestFormOccasion checks form 3's occasion line: the document's sentence only for the period
// it was written for (issue #17 item 2: "năm to+1" printed a wrong sentence for other
// periods), any other occasion as given, in one pair of parentheses.
func TestFormOccasion(t *testing.T) {
	if got := FormOccasionLine(FormOccasionDefault(2021, 2023)); got != "(để khen thưởng dịp sơ kết 03 năm thực hiện Kết luận 01-KL/TW năm 2024)" {
		t.Errorf("2021–2023 occasion %q", got)
	}
	for _, p := range [][2]int{{2022, 2024}, {2023, 2025}, {2021, 2022}} {
		if got := FormOccasionDefault(p[0], p[1]); got != "" {
			t.Errorf("%d–%d has a default occasion %q", p[0], p[1], got)
		}
	}
	for in, want := range map[string]string{
		"để khen thưởng dịp tổng kết 05 năm": "(để khen thưởng dịp tổng kết 05 năm)",
		" (để biểu dương dịp 19/5) ":         "(để biểu dương dịp 19/5)",
		"":                                   "",
		"  ":                                 "",
	} {
		if got := FormOccasionLine(in); got != want {
			t.Errorf("FormOccasionLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFormHeaders(t *testing.T) {
	want := []string{"Số thứ tự", "Tên mô hình/ cách làm hay", "Nội dung", "Tập thể/ cá nhân/ đơn vị thực hiện", "Ghi chú"}
	h := FormHeaders()
	if !slices.Equal(h, want) {
		t.Fatalf("FormHeaders() = %q, want %q", h, want)
	}
	h[0] = "changed"
	if FormHeaders()[0] != want[0] {
		t.Error("FormHeaders shares its slice with callers")
	}
}

func TestFormDateLine(t *testing.T) {
	tests := []struct {
		place string
		date  time.Time
		want  string
	}{
		{"Trà Vinh", time.Date(2024, 2, 19, 0, 0, 0, 0, time.UTC), "Trà Vinh, ngày 19 tháng 02 năm 2024"},
		{" Bảo Lộc ", time.Date(2024, 11, 5, 0, 0, 0, 0, time.UTC), "Bảo Lộc, ngày 05 tháng 11 năm 2024"},
		{"Huế", time.Date(2025, 7, 30, 0, 0, 0, 0, time.UTC), "Huế, ngày 30 tháng 7 năm 2025"},
		{"Cần Thơ", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "Cần Thơ, ngày 01 tháng 3 năm 2026"},
		{"", time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), "……………, ngày 02 tháng 01 năm 2024"},
		{"Trà Vinh", time.Time{}, "Trà Vinh, ngày … tháng … năm …"},
	}
	for _, tt := range tests {
		if got := (Form{Place: tt.place, Date: tt.date}).dateLine(); got != tt.want {
			t.Errorf("dateLine(%q, %v) = %q, want %q", tt.place, tt.date, got, tt.want)
		}
	}
}

func TestFormLines(t *testing.T) {
	body := formFontSpec{size: 12}
	long := "Phát động tiết kiệm trong cán bộ, đảng viên; vận động mạnh thường quân đóng góp, trao tặng các phần quà cho hộ gia đình nghèo, có hoàn cảnh khó khăn."
	tests := []struct {
		text     string
		width    float64
		min, max int
	}{
		{"", 50, 1, 1},
		{"Nhân rộng", 20, 1, 1},
		{"Phát động tiết kiệm trong cán bộ, đảng viên", 50, 1, 1},
		{long, 50, 3, 4},
		{long, 20, 7, 10},
		{"Dòng một\nDòng hai\n\nDòng bốn", 50, 4, 4},
		{strings.Repeat("x", 200), 20, 10, 12}, // one unbreakable word
	}
	for _, tt := range tests {
		if got := formLines(tt.text, tt.width, body); got < tt.min || got > tt.max {
			t.Errorf("formLines(%.20q…, %v) = %d, want %d..%d", tt.text, tt.width, got, tt.min, tt.max)
		}
	}
	if a, b := formLines(long, 50, body), formLines(long, 50, formFontSpec{size: 16, bold: true}); b <= a {
		t.Errorf("larger bold text takes %d lines, normal %d; want more", b, a)
	}
	if got := formRowHeight(1000, body); got != 409 {
		t.Errorf("formRowHeight(1000 lines) = %v, want Excel's maximum 409", got)
	}
}

// openXLSX writes f as XLSX and opens the result again.
func openXLSX(t *testing.T, f Form) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteFormXLSX(&buf, f); err != nil {
		t.Fatalf("WriteFormXLSX: %v", err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("OpenReader: %v", err)
	}
	t.Cleanup(func() { _ = x.Close() })
	return x
}

// cellIs asserts the value of one cell.
func cellIs(t *testing.T, x *excelize.File, sheet, ref, want string) {
	t.Helper()
	got, err := x.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatalf("GetCellValue(%s): %v", ref, err)
	}
	if got != want {
		t.Errorf("%s = %q, want %q", ref, got, want)
	}
}

// mergedRanges returns the merged ranges of sheet as "A1:B1" strings.
func mergedRanges(t *testing.T, x *excelize.File, sheet string) []string {
	t.Helper()
	mc, err := x.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range mc {
		out = append(out, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	return out
}

func TestWriteFormXLSX(t *testing.T) {
	for n := 1; n <= 3; n++ {
		t.Run(fmt.Sprint("form", n), func(t *testing.T) {
			f := sampleForm(t, n)
			x := openXLSX(t, f)
			sheet := fmt.Sprintf("Bieu mau %d", n)
			if got := x.GetSheetList(); !slices.Equal(got, []string{sheet}) {
				t.Fatalf("sheets = %q, want [%q]", got, sheet)
			}

			// Header block.
			cellIs(t, x, sheet, "A1", "ĐẢNG BỘ KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH")
			cellIs(t, x, sheet, "A2", "Đơn vị: Chi bộ Sở Công Thương")
			cellIs(t, x, sheet, "D1", "ĐẢNG CỘNG SẢN VIỆT NAM")
			cellIs(t, x, sheet, "D2", "Trà Vinh, ngày 19 tháng 02 năm 2024")

			// Title lines from row 4, then a blank row, then the table header.
			for i, l := range f.TitleLines {
				cellIs(t, x, sheet, fmt.Sprintf("A%d", 4+i), l)
			}
			head := 4 + len(f.TitleLines) + 1
			cellIs(t, x, sheet, fmt.Sprintf("A%d", head-1), "")
			rows, err := x.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if got := rows[head-1]; !slices.Equal(got, FormHeaders()) {
				t.Errorf("row %d = %q, want the headers %q", head, got, FormHeaders())
			}

			// Data rows, STT 1..n, text as given.
			want := [][]string{
				{"1", "Tiết kiệm làm theo lời Bác", f.Rows[0].Content, "Chi bộ Văn phòng Sở", "Nhân rộng năm 2024"},
				{"2", "Mỗi tuần một việc tốt", f.Rows[1].Content, "Đoàn Thanh niên Sở"},
				{"3", "=1+1", "@SUM(A1:A2)", "+84 294 3862 000", "-2"},
			}
			if got := rows[head:]; len(got) != len(want) {
				t.Fatalf("%d data rows, want %d: %q", len(got), len(want), got)
			}
			for i, w := range want {
				if got := rows[head+i]; !slices.Equal(got, w) {
					t.Errorf("row %d = %q, want %q", head+1+i, got, w)
				}
			}
			if typ, _ := x.GetCellType(sheet, fmt.Sprintf("A%d", head+1)); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
				t.Errorf("STT is stored as text (%v), want a number", typ)
			}

			// Formula-looking text stays text: no formula, a string cell.
			for _, col := range []string{"B", "C", "D", "E"} {
				ref := fmt.Sprintf("%s%d", col, head+3)
				if fm, err := x.GetCellFormula(sheet, ref); err != nil || fm != "" {
					t.Errorf("%s has formula %q (%v), want none", ref, fm, err)
				}
				if typ, _ := x.GetCellType(sheet, ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
					t.Errorf("%s has type %v, want a string", ref, typ)
				}
			}

			// Merged header block and titles.
			merged := mergedRanges(t, x, sheet)
			wantMerged := []string{"A1:B1", "D1:E1", "A2:B2", "D2:E2"}
			for i := range f.TitleLines {
				wantMerged = append(wantMerged, fmt.Sprintf("A%d:E%d", 4+i, 4+i))
			}
			slices.Sort(merged)
			slices.Sort(wantMerged)
			if !slices.Equal(merged, wantMerged) {
				t.Errorf("merged = %q, want %q", merged, wantMerged)
			}

			// Styles: bold centered title, bordered wrapped header and data cells.
			style := func(ref string) *excelize.Style {
				t.Helper()
				id, err := x.GetCellStyle(sheet, ref)
				if err != nil {
					t.Fatal(err)
				}
				s, err := x.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			if s := style("A4"); s.Font == nil || !s.Font.Bold || s.Alignment == nil || s.Alignment.Horizontal != "center" {
				t.Errorf("title style = %+v, want bold and centered", s)
			}
			for _, ref := range []string{fmt.Sprintf("C%d", head), fmt.Sprintf("C%d", head+1), fmt.Sprintf("E%d", head+2)} {
				s := style(ref)
				if len(s.Border) != 4 || s.Alignment == nil || !s.Alignment.WrapText {
					t.Errorf("%s style: borders %v, alignment %+v; want 4 borders and wrap text", ref, s.Border, s.Alignment)
				}
			}
			if s := style(fmt.Sprintf("B%d", head)); s.Font == nil || !s.Font.Bold || len(s.Fill.Color) == 0 {
				t.Errorf("table header style = %+v, want bold with a fill", s)
			}

			// Rows are tall enough for their wrapped text (as seen in LibreOffice's PDF):
			// the content of row 1 takes two lines of 12 pt text, that of row 2 three.
			line := 12 * 1.3
			for i, lines := range []float64{2, 3} {
				h, err := x.GetRowHeight(sheet, head+1+i)
				if err != nil || h < lines*line || h > (lines+1.5)*line {
					t.Errorf("height of data row %d = %v (%v), want room for %v lines", i+1, h, err, lines)
				}
			}

			// Layout and print setup.
			for col, want := range map[string]float64{"A": 8, "B": 35, "C": 50, "D": 30, "E": 20} {
				if got, _ := x.GetColWidth(sheet, col); got != want {
					t.Errorf("width of %s = %v, want %v", col, got, want)
				}
			}
			panes, err := x.GetPanes(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if !panes.Freeze || panes.YSplit != head || panes.TopLeftCell != fmt.Sprintf("A%d", head+1) {
				t.Errorf("panes = %+v, want frozen below row %d", panes, head)
			}
			pl, err := x.GetPageLayout(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" ||
				pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
				t.Errorf("page layout = size %v, orientation %v, fit %v×%v; want A4 (9) landscape 1×0",
					deref(pl.Size), deref(pl.Orientation), deref(pl.FitToWidth), deref(pl.FitToHeight))
			}
			props, err := x.GetSheetProps(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if props.FitToPage == nil || !*props.FitToPage {
				t.Error("fit to page is not enabled, so the fit-to-width setting is ignored")
			}
			var printTitles string
			for _, dn := range x.GetDefinedName() {
				if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet {
					printTitles = dn.RefersTo
				}
			}
			if want := fmt.Sprintf("'%s'!$%d:$%d", sheet, head, head); printTitles != want {
				t.Errorf("print titles = %q, want %q", printTitles, want)
			}
		})
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestWriteFormXLSXEmpty(t *testing.T) {
	f := sampleForm(t, 2)
	f.Rows = nil
	f.ParentName, f.UnitName, f.Place, f.Date = "", "", "", time.Time{}
	x := openXLSX(t, f)
	sheet := "Bieu mau 2"
	cellIs(t, x, sheet, "A1", "ĐẢNG BỘ ……………")
	cellIs(t, x, sheet, "A2", "Đơn vị: ……………")
	cellIs(t, x, sheet, "D2", "……………, ngày … tháng … năm …")
	cellIs(t, x, sheet, "A4", "BIỂU MẪU 2")
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	head := 4 + len(f.TitleLines) + 1
	if len(rows) != head {
		t.Fatalf("%d rows, want %d (the header row last): %q", len(rows), head, rows)
	}
	if !slices.Equal(rows[head-1], FormHeaders()) {
		t.Errorf("last row = %q, want the headers", rows[head-1])
	}
}

func TestWriteFormXLSXNormalizes(t *testing.T) {
	f := sampleForm(t, 2)
	nfd := norm.NFD.String("Tiết kiệm làm theo lời Bác")
	if nfd == "Tiết kiệm làm theo lời Bác" {
		t.Fatal("test input is not decomposed")
	}
	f.Rows = []FormRow{{Name: "  " + nfd + "\n", Content: "Nội dung"}}
	x := openXLSX(t, f)
	cellIs(t, x, "Bieu mau 2", "B10", "Tiết kiệm làm theo lời Bác")
	cellIs(t, x, "Bieu mau 2", "A10", "1")
}

func TestWriteFormInvalid(t *testing.T) {
	for _, n := range []int{0, 4} {
		f := sampleForm(t, 2)
		f.Number = n
		if err := WriteFormXLSX(io.Discard, f); !errors.Is(err, ErrInvalidForm) {
			t.Errorf("XLSX of form %d: %v, want ErrInvalidForm", n, err)
		}
		if err := WriteFormCSV(io.Discard, f); !errors.Is(err, ErrInvalidForm) {
			t.Errorf("CSV of form %d: %v, want ErrInvalidForm", n, err)
		}
	}

	f := sampleForm(t, 2)
	f.TitleLines = []string{" ", ""}
	if err := WriteFormXLSX(io.Discard, f); !errors.Is(err, ErrInvalidForm) {
		t.Errorf("XLSX without a title: %v, want ErrInvalidForm", err)
	}

	// A cell over Excel's limit fails instead of being cut, and nothing is written.
	f = sampleForm(t, 2)
	f.Rows[1].Content = strings.Repeat("ệ", 32768)
	var buf bytes.Buffer
	if err := WriteFormXLSX(&buf, f); !errors.Is(err, ErrInvalidForm) || !strings.Contains(err.Error(), "row 2") {
		t.Errorf("XLSX with a %d-character cell: %v, want ErrInvalidForm naming row 2", 32768, err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written for a failed form", buf.Len())
	}
	f.Rows[1].Content = strings.Repeat("ệ", 32767)
	if err := WriteFormXLSX(io.Discard, f); err != nil {
		t.Errorf("XLSX with a cell of exactly the limit: %v", err)
	}
}

func TestWriteFormCSV(t *testing.T) {
	f := sampleForm(t, 2)
	f.Rows = append(f.Rows, FormRow{Name: "  \tTab", Content: norm.NFD.String("Đồng hành cùng em đến trường")})
	var buf bytes.Buffer
	if err := WriteFormCSV(&buf, f); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no UTF-8 BOM: % x", data[:min(len(data), 8)])
	}
	if bytes.Contains(data[3:], []byte("\xEF\xBB\xBF")) {
		t.Error("more than one BOM")
	}
	got, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	want := [][]string{
		FormHeaders(),
		{"1", "Tiết kiệm làm theo lời Bác", f.Rows[0].Content, "Chi bộ Văn phòng Sở", "Nhân rộng năm 2024"},
		{"2", "Mỗi tuần một việc tốt", f.Rows[1].Content, "Đoàn Thanh niên Sở", ""},
		{"3", "'=1+1", "'@SUM(A1:A2)", "'+84 294 3862 000", "'-2"},
		{"4", "Tab", "Đồng hành cùng em đến trường", "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("record %d = %q, want %q", i, got[i], want[i])
		}
	}
	if !strings.Contains(string(data), "\r\n") {
		t.Error("lines do not end in CRLF")
	}
}

func TestFormCSVSafe(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@A1": "'@A1", "\tx": "'\tx", "\rx": "'\rx",
		"": "", "Bác Hồ": "Bác Hồ", "1=1": "1=1", "'=1": "'=1",
	} {
		if got := formCSVSafe(in); got != want {
			t.Errorf("formCSVSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWriteFormSample writes a sample form 2 to $LAMTHEOBAC_FORM_SAMPLE, for looking at the
// result in a spreadsheet or converting it to PDF; it does nothing otherwise.
func TestWriteFormSample(t *testing.T) {
	path := os.Getenv("LAMTHEOBAC_FORM_SAMPLE")
	if path == "" {
		t.Skip("LAMTHEOBAC_FORM_SAMPLE not set")
	}
	f := sampleForm(t, 2)
	f.TitleLines, _ = FormTitle(2, 0, 2024)
	f.Rows = append(f.Rows[:2], FormRow{
		Name:        "Ngày chủ nhật xanh",
		Content:     "Định kỳ, ngày chủ nhật hàng tuần hoặc trong tháng tổ chức ra quân thực hiện các hoạt động xây dựng nông thôn mới, đô thị văn minh tại địa phương, đơn vị.",
		Implementer: "Tập thể cán bộ, đảng viên Chi bộ Sở Công Thương",
		Note:        "Đăng ký mới",
	})
	var buf bytes.Buffer
	if err := WriteFormXLSX(&buf, f); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// bigForm is a form with n rows of realistic length.
func bigForm(b testing.TB, n int) Form {
	f := sampleForm(b, 2)
	f.Rows = make([]FormRow, n)
	for i := range f.Rows {
		f.Rows[i] = FormRow{
			Name:        fmt.Sprintf("Mô hình số %d: Tiết kiệm làm theo lời Bác", i+1),
			Content:     "Phát động tiết kiệm trong cán bộ, đảng viên; vận động mạnh thường quân đóng góp, trao tặng các phần quà cho hộ gia đình nghèo, có hoàn cảnh khó khăn.",
			Implementer: "Chi bộ Văn phòng Sở Công Thương",
			Note:        "Nhân rộng",
		}
	}
	return f
}

func TestWriteFormXLSX10k(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	f := bigForm(t, 10000)
	x := openXLSX(t, f)
	rows, err := x.GetRows("Bieu mau 2")
	if err != nil {
		t.Fatal(err)
	}
	head := 4 + len(f.TitleLines) + 1
	if len(rows) != head+10000 {
		t.Fatalf("%d rows, want %d", len(rows), head+10000)
	}
	if last := rows[len(rows)-1]; last[0] != "10000" || last[1] != f.Rows[9999].Name {
		t.Errorf("last row = %q", last)
	}
}

func BenchmarkWriteFormXLSX10k(b *testing.B) {
	f := bigForm(b, 10000)
	var size int
	for b.Loop() {
		var cw countingWriter
		if err := WriteFormXLSX(&cw, f); err != nil {
			b.Fatal(err)
		}
		size = int(cw)
	}
	b.ReportMetric(float64(size), "bytes/file")
}

func BenchmarkWriteFormCSV10k(b *testing.B) {
	f := bigForm(b, 10000)
	for b.Loop() {
		if err := WriteFormCSV(io.Discard, f); err != nil {
			b.Fatal(err)
		}
	}
}

// countingWriter discards what it is given and counts the bytes.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
