package export

// This file renders Biểu mẫu 1, 2 and 3 of Công văn 364-CV/BTG (docs/sources.md): the
// statistics, registration and introduction forms for "mô hình, cách làm hay" in following
// Hồ Chí Minh's example, as an XLSX workbook laid out like the official paper form, and as a
// plain CSV for scripts.

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// ErrInvalidForm is returned (wrapped, with the reason) when a form cannot be produced from
// its input: a form number other than 1, 2 or 3, impossible years, a missing title, or a
// cell longer than a spreadsheet cell can hold. It is a caller error (HTTP 400), never an I/O
// failure, so handlers can tell the two apart with errors.Is.
var ErrInvalidForm = errors.New("invalid form")

// FormRow is one model line of a form. The STT (số thứ tự) column is not part of it: it is
// numbered 1..n in the order of Form.Rows, so a reordered slice can never print gaps or
// duplicates.
type FormRow struct {
	// Name is "Tên mô hình/ cách làm hay", e.g. "Tiết kiệm làm theo lời Bác".
	Name string
	// Content is "Nội dung": what the model does; may span several lines.
	Content string
	// Implementer is "Tập thể/ cá nhân/ đơn vị thực hiện".
	Implementer string
	// Note is "Ghi chú"; may be empty.
	Note string
}

// Form is one filled Biểu mẫu. Text fields are plain text; they are normalized to Unicode NFC
// and trimmed before they are written, because the forms are compared and merged by other
// units' software, which would otherwise see two spellings of the same Vietnamese word.
type Form struct {
	// Number is the form number: 1, 2 or 3.
	Number int
	// ParentName is the party organization above the unit, e.g. "Đảng bộ Khối các cơ quan
	// và doanh nghiệp tỉnh"; it is printed upper-cased at the top left, as on the paper form.
	ParentName string
	// UnitName is the reporting unit, printed as "Đơn vị: <name>" under ParentName.
	UnitName string
	// Place is the place of the date line, e.g. "Trà Vinh". When empty a dotted blank is
	// printed instead, to be filled in by hand like the rest of an official form.
	Place string
	// Date is the date printed on the right ("Trà Vinh, ngày 19 tháng 02 năm 2024"), taken
	// from its own calendar fields (convert to Asia/Ho_Chi_Minh first). A zero Date prints
	// "ngày … tháng … năm …" for the signer to fill in.
	Date time.Time
	// TitleLines are the centered title lines, usually FormTitle(Number, …); at least one
	// non-blank line is required for the XLSX form.
	TitleLines []string
	// Rows are the models listed in the table, in print order.
	Rows []FormRow
}

// FormTitle returns the official title lines of form n (as in Công văn 364-CV/BTG, with the
// extraction typos corrected). Form 2 registers models for one year and uses only toYear; forms
// 1 and 3 cover the period fromYear-toYear. Form 3's occasion line is not part of the title:
// it names the occasion the unit introduces for (FormOccasionLine), which the years do not
// determine. The document's line breaks are kept where they are
// sensible, because the printed form is compared by eye with the paper one.
func FormTitle(n, fromYear, toYear int) ([]string, error) {
	if n < 1 || n > 3 {
		return nil, fmt.Errorf("%w: form number %d, want 1, 2 or 3", ErrInvalidForm, n)
	}
	if toYear < 1 || toYear > 9999 {
		return nil, fmt.Errorf("%w: year %d out of range", ErrInvalidForm, toYear)
	}
	if n == 1 || n == 3 {
		if fromYear < 1 || fromYear > toYear {
			return nil, fmt.Errorf("%w: period %d-%d is not a range of years", ErrInvalidForm, fromYear, toYear)
		}
	}
	switch n {
	case 1:
		return []string{
			"BIỂU MẪU 1",
			"THỐNG KÊ CÁC MÔ HÌNH, CÁCH LÀM HAY, SÁNG TẠO, HIỆU QUẢ",
			"TRONG HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH",
			fmt.Sprintf("HỒ CHÍ MINH (giai đoạn %d-%d)", fromYear, toYear),
		}, nil
	case 2:
		return []string{
			"BIỂU MẪU 2",
			"ĐĂNG KÝ MÔ HÌNH, CÁCH LÀM HAY, SÁNG TẠO, HIỆU QUẢ",
			"TRONG HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH",
			fmt.Sprintf("HỒ CHÍ MINH NĂM %d", toYear),
		}, nil
	}
	// Form 3. The seed breaks "ĐẠO / ĐỨC" across lines only because of the PDF's width; the
	// lines are rebalanced so that no word is split.
	return []string{
		"BIỂU MẪU 3",
		"GIỚI THIỆU TẬP THỂ, CÁ NHÂN, ĐƠN VỊ CÓ MÔ HÌNH, CÁCH LÀM HAY,",
		"SÁNG TẠO, HIỆU QUẢ TRONG HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG,",
		fmt.Sprintf("ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH GIAI ĐOẠN %d-%d", fromYear, toYear),
	}, nil
}

// seedOccasion is form 3's occasion in Công văn 364-CV/BTG: the period 2021–2023 introduced for
// the three-year review of Kết luận 01-KL/TW, held in 2024.
const seedOccasion = "để khen thưởng dịp sơ kết 03 năm thực hiện Kết luận 01-KL/TW năm 2024"

// FormOccasionDefault is form 3's occasion when the unit names none: the document's sentence
// for the period it was written for (2021–2023), and nothing for any other period, since no
// rule of the documents tells which occasion another period is introduced for.
func FormOccasionDefault(fromYear, toYear int) string {
	if fromYear == 2021 && toYear == 2023 {
		return seedOccasion
	}
	return ""
}

// FormOccasionLine is the printed occasion line, in parentheses as on the form ("" when there
// is no occasion); parentheses the writer typed are not doubled.
func FormOccasionLine(occasion string) string {
	o := strings.TrimSpace(norm.NFC.String(occasion))
	o = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(o, "("), ")"))
	if o == "" {
		return ""
	}
	return "(" + o + ")"
}

// FormHeaders returns the five column headers of the forms' table, as printed on the
// official forms. It returns a fresh slice so callers may modify it.
func FormHeaders() []string {
	return []string{
		"Số thứ tự",
		"Tên mô hình/ cách làm hay",
		"Nội dung",
		"Tập thể/ cá nhân/ đơn vị thực hiện",
		"Ghi chú",
	}
}

// Layout of the XLSX sheet. Columns A–E hold the table; the header block uses A–B on the
// left and D–E on the right, like the two-column letterhead of party documents.
const (
	formRowParent     = 1 // ĐẢNG BỘ … | ĐẢNG CỘNG SẢN VIỆT NAM
	formRowUnit       = 2 // Đơn vị: … | <place>, ngày … tháng … năm …
	formRowTitleFirst = 4 // a blank row separates the header block from the title

	formFont         = "Times New Roman" // the font of Vietnamese administrative documents
	formDefaultSize  = 11.0              // excelize's default font size, which sets the width unit
	formFontSize     = 12.0              // the table's text
	formMaxRowHeight = 409.0             // Excel's limit, in points
	// formMaxCellChars is Excel's limit on the length of a cell, in UTF-16 code units.
	// excelize silently truncates longer text; a cut official form is worse than an error.
	formMaxCellChars = 32767
)

// formColWidths are the widths of columns A–E in Excel character units: STT narrow, the
// content widest, and together about one landscape A4 page.
func formColWidths() [5]float64 { return [5]float64{8, 35, 50, 30, 20} }

// formSheetName is ASCII because some Excel versions and scripts mishandle non-ASCII sheet
// names in formulas and links.
func formSheetName(n int) string { return fmt.Sprintf("Bieu mau %d", n) }

// formText normalizes one piece of user text: NFC (see Form) and trimmed, so that stray
// spaces around a cell do not change what the formula-injection guard sees.
func formText(s string) string { return strings.TrimSpace(norm.NFC.String(s)) }

// formCells returns the five table cells of row i (0-based) as normalized text.
func formCells(i int, r FormRow) [5]string {
	return [5]string{strconv.Itoa(i + 1), formText(r.Name), formText(r.Content), formText(r.Implementer), formText(r.Note)}
}

// validate checks what both writers need.
func (f Form) validate() error {
	if f.Number < 1 || f.Number > 3 {
		return fmt.Errorf("%w: form number %d, want 1, 2 or 3", ErrInvalidForm, f.Number)
	}
	return nil
}

// parentLine is the top-left line. Vietnamese upper-casing is done with x/text so that the
// result does not depend on the caller's capitalization of the organization's name.
func (f Form) parentLine() string {
	p := formText(f.ParentName)
	if p == "" {
		return "ĐẢNG BỘ ……………"
	}
	return cases.Upper(language.Vietnamese).String(p)
}

// unitLine is the line under parentLine; an empty unit leaves the blank of the paper form.
func (f Form) unitLine() string {
	u := formText(f.UnitName)
	if u == "" {
		u = "……………"
	}
	return "Đơn vị: " + u
}

// dateLine is the place-and-date line of party documents. Day numbers below 10 and the
// months 1 and 2 are written with a leading zero, as the rules for administrative documents
// require, so that nobody can turn "tháng 1" into "tháng 11" by hand.
func (f Form) dateLine() string {
	place := formText(f.Place)
	if place == "" {
		place = "……………"
	}
	if f.Date.IsZero() {
		return place + ", ngày … tháng … năm …"
	}
	y, m, d := f.Date.Date()
	month := strconv.Itoa(int(m))
	if m <= time.February {
		month = "0" + month
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", place, d, month, y)
}

// titleLines returns the non-blank, normalized title lines.
func (f Form) titleLines() []string {
	var out []string
	for _, l := range f.TitleLines {
		if l = formText(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// formStyles are the cell styles of the XLSX form, created once per workbook.
type formStyles struct {
	parent, unit, party, date formStyle // header block
	title, titleNote          formStyle // title lines; titleNote for the "(để khen thưởng …)" line
	head                      formStyle // table header
	num, text                 formStyle // data cells: STT, and text
}

// newFormStyles registers the styles in x. The header block follows party documents: the
// parent organization plain, the unit bold, "ĐẢNG CỘNG SẢN VIỆT NAM" bold and underlined,
// the date line italic.
func newFormStyles(x *excelize.File) (formStyles, error) {
	var s formStyles
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	thin := thinBorder()
	large, larger := formFontSize+1, formFontSize+2
	for _, d := range []struct {
		st    *formStyle
		font  formFontSpec
		style excelize.Style
	}{
		{&s.parent, formFontSpec{size: large}, excelize.Style{Alignment: center}},
		{&s.unit, formFontSpec{size: large, bold: true}, excelize.Style{Alignment: center}},
		{&s.party, formFontSpec{size: large, bold: true, underline: "single"}, excelize.Style{Alignment: center}},
		{&s.date, formFontSpec{size: large, italic: true}, excelize.Style{Alignment: center}},
		{&s.title, formFontSpec{size: larger, bold: true}, excelize.Style{Alignment: center}},
		{&s.titleNote, formFontSpec{size: large, italic: true}, excelize.Style{Alignment: center}},
		{&s.head, formFontSpec{size: formFontSize, bold: true}, excelize.Style{
			Alignment: center, Border: thin,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
		}},
		{&s.num, formFontSpec{size: formFontSize}, excelize.Style{
			Border: thin, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"},
		}},
		{&s.text, formFontSpec{size: formFontSize}, excelize.Style{
			Border: thin, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true},
		}},
	} {
		d.style.Font = &excelize.Font{
			Family: formFont, Size: d.font.size, Bold: d.font.bold, Italic: d.font.italic, Underline: d.font.underline,
		}
		id, err := x.NewStyle(&d.style)
		if err != nil {
			return s, err
		}
		*d.st = formStyle{id: id, font: d.font}
	}
	return s, nil
}

// WriteFormXLSX writes f as a one-sheet XLSX workbook laid out like the paper form: the
// header block, the title, and the bordered table, set up to print on landscape A4 pages one
// page wide with the table header repeated on every page. The rows are written with
// excelize's stream writer, which spills the sheet to a temporary file past 16 MB, so large
// forms stay in bounded memory; excelize still assembles the compressed file in memory
// before copying it to w (about 25 bytes a row). Nothing is written to w on error. Text is
// stored as inline strings, never as formulas, so "=…" in user text cannot run; it is kept
// verbatim (no "'" prefix, which would print).
func WriteFormXLSX(w io.Writer, f Form) (err error) {
	if err := f.validate(); err != nil {
		return err
	}
	titles := f.titleLines()
	if len(titles) == 0 {
		return fmt.Errorf("%w: form %d has no title", ErrInvalidForm, f.Number)
	}
	x := excelize.NewFile()
	defer func() {
		// Close removes the stream writer's temporary files.
		if cerr := x.Close(); err == nil {
			err = cerr
		}
	}()
	sheet := formSheetName(f.Number)
	if err := x.SetSheetName(x.GetSheetName(0), sheet); err != nil {
		return err
	}
	if err := formPageSetup(x, sheet); err != nil {
		return err
	}
	st, err := newFormStyles(x)
	if err != nil {
		return err
	}
	headRow := formRowTitleFirst + len(titles) + 1
	if err := formWriteSheet(x, sheet, f, titles, headRow, st); err != nil {
		return err
	}
	// Repeat the table header on every printed page of a long form.
	if err := x.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, headRow, headRow),
		Scope:    sheet,
	}); err != nil {
		return err
	}
	if err := x.Write(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

// formPageSetup sets the sheet-level print options. It must run before the stream writer is
// created: the stream writer copies the sheet properties when it starts.
func formPageSetup(x *excelize.File, sheet string) error {
	if err := x.SetDefaultFont(formFont); err != nil {
		return err
	}
	return xlsxPageSetup(x, sheet, formPage)
}

// formWriteSheet streams the cells of the sheet, top to bottom as the stream writer requires.
func formWriteSheet(x *excelize.File, sheet string, f Form, titles []string, headRow int, st formStyles) error {
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	widths := formColWidths()
	// excelize prepends each new column, and Excel wants them in ascending order: go right
	// to left.
	for i := len(widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return err
		}
	}
	// Freeze everything down to the table header, so it stays in view while scrolling.
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: headRow, TopLeftCell: fmt.Sprintf("A%d", headRow+1), ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}

	cell := func(s formStyle, v any) excelize.Cell { return excelize.Cell{StyleID: s.id, Value: v} }
	merge := func(from, to string, row int) error {
		return sw.MergeCell(fmt.Sprintf("%s%d", from, row), fmt.Sprintf("%s%d", to, row))
	}
	left, right := widths[0]+widths[1], widths[3]+widths[4]
	total := left + widths[2] + right

	// Header block: two rows, left block over A–B and right block over D–E.
	for _, h := range []struct {
		row      int
		l, r     string
		lst, rst formStyle
	}{
		{formRowParent, f.parentLine(), "ĐẢNG CỘNG SẢN VIỆT NAM", st.parent, st.party},
		{formRowUnit, f.unitLine(), f.dateLine(), st.unit, st.date},
	} {
		height := max(
			formRowHeight(formLines(h.l, left, h.lst.font), h.lst.font),
			formRowHeight(formLines(h.r, right, h.rst.font), h.rst.font))
		if err := sw.SetRow(fmt.Sprintf("A%d", h.row),
			[]any{cell(h.lst, h.l), nil, nil, cell(h.rst, h.r)}, excelize.RowOpts{Height: height}); err != nil {
			return err
		}
		if err := merge("A", "B", h.row); err != nil {
			return err
		}
		if err := merge("D", "E", h.row); err != nil {
			return err
		}
	}

	// Title lines, each merged across the table's width.
	for i, t := range titles {
		row := formRowTitleFirst + i
		style := st.title
		if strings.HasPrefix(t, "(") {
			style = st.titleNote
		}
		height := formRowHeight(formLines(t, total, style.font), style.font)
		if err := sw.SetRow(fmt.Sprintf("A%d", row), []any{cell(style, t)}, excelize.RowOpts{Height: height}); err != nil {
			return err
		}
		if err := merge("A", "E", row); err != nil {
			return err
		}
	}

	// Table header ("Số thứ tự" wraps in the narrow STT column).
	heads := FormHeaders()
	hv := make([]any, len(heads))
	lines := 1
	for i, h := range heads {
		hv[i] = cell(st.head, h)
		lines = max(lines, formLines(h, widths[i], st.head.font))
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", headRow), hv,
		excelize.RowOpts{Height: formRowHeight(lines, st.head.font)}); err != nil {
		return err
	}

	// Data rows. A cell too long fails the whole form here, before anything has reached the
	// caller's writer (the workbook is only written after Flush). One slice is reused:
	// SetRow encodes the values at once.
	vals := make([]any, 5)
	for i, r := range f.Rows {
		c := formCells(i, r)
		vals[0] = cell(st.num, i+1)
		lines := 1
		for j := 1; j < 5; j++ {
			if err := formCheckLen(i+1, heads[j], c[j]); err != nil {
				return err
			}
			if c[j] == "" {
				vals[j] = cell(st.text, nil) // keep the border on empty cells
				continue
			}
			vals[j] = cell(st.text, c[j])
			lines = max(lines, formLines(c[j], widths[j], st.text.font))
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", headRow+1+i), vals,
			excelize.RowOpts{Height: formRowHeight(lines, st.text.font)}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// WriteFormCSV writes f's table as UTF-8 CSV for scripts: a byte order mark (without it,
// Excel on Windows decodes the file in the ANSI code page and garbles Vietnamese), the five
// headers, then one line per row with its STT. The header block and title are left out
// because a CSV reader expects a header line first. Cells that a spreadsheet would run as a
// formula (starting with = + - @, tab or carriage return) are prefixed with "'".
func WriteFormCSV(w io.Writer, f Form) error {
	if err := f.validate(); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // RFC 4180, and what Excel writes itself
	if err := cw.Write(FormHeaders()); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	rec := make([]string, 5)
	for i, r := range f.Rows {
		for j, v := range formCells(i, r) {
			rec[j] = formCSVSafe(v)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// formCSVSafe defuses CSV formula injection (OWASP): a spreadsheet opening the CSV treats a
// cell starting with one of these characters as a formula, and the quote makes it text.
func formCSVSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
