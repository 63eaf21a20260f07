package export

// The periodic report as an XLSX workbook: the figures and the chart on one sheet, the
// narrative on another.

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"
)

// reportXLSXStyles are the cell styles of the XLSX report besides the forms' ones.
type reportXLSXStyles struct {
	formStyles
	caption, status, heading, body, value formStyle
	signer, recipient                     formStyle // the signature block's right and left columns
}

// WriteReportXLSX writes d as an XLSX workbook with two sheets, both set up to print on
// portrait A4 one page wide: ReportSheetMain ("Bao cao") holds the letterhead, the title,
// period and status, one block per table (bold caption, bordered cells) and the chart's data
// as a table with a native bar chart under it; ReportSheetSections ("Noi dung") holds the
// sections, headings bold and one wrapped paragraph per row. Text is stored as strings,
// never formulas. A cell longer than a spreadsheet cell can hold fails with an error
// wrapping ErrInvalidForm. Nothing is written to w on error.
func WriteReportXLSX(w io.Writer, d ReportDoc) (err error) {
	x := excelize.NewFile()
	defer func() {
		if cerr := x.Close(); err == nil {
			err = cerr
		}
	}()
	if err := x.SetSheetName(x.GetSheetName(0), ReportSheetMain); err != nil {
		return err
	}
	if _, err := x.NewSheet(ReportSheetSections); err != nil {
		return err
	}
	if err := x.SetDefaultFont(formFont); err != nil {
		return err
	}
	st, err := newReportXLSXStyles(x)
	if err != nil {
		return err
	}
	for _, sh := range []string{ReportSheetMain, ReportSheetSections} {
		if err := xlsxPageSetup(x, sh, reportPage); err != nil {
			return err
		}
	}
	if err := reportMainSheet(x, d, st); err != nil {
		return err
	}
	if err := reportSectionsSheet(x, d, st); err != nil {
		return err
	}
	x.SetActiveSheet(0)
	if err := x.Write(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

// newReportXLSXStyles registers the forms' styles and the report's own.
func newReportXLSXStyles(x *excelize.File) (reportXLSXStyles, error) {
	fs, err := newFormStyles(x)
	if err != nil {
		return reportXLSXStyles{}, err
	}
	s := reportXLSXStyles{formStyles: fs}
	thin := thinBorder()
	for _, d := range []struct {
		st    *formStyle
		font  formFontSpec
		color string
		style excelize.Style
	}{
		{&s.caption, formFontSpec{size: formFontSize, bold: true}, "", excelize.Style{
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "bottom", WrapText: true}}},
		{&s.status, formFontSpec{size: formFontSize - 1, italic: true}, "444444", excelize.Style{
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.heading, formFontSpec{size: formFontSize + 1, bold: true}, "", excelize.Style{
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "bottom", WrapText: true}}},
		{&s.body, formFontSpec{size: formFontSize + 1}, "", excelize.Style{
			Alignment: &excelize.Alignment{Horizontal: "justify", Vertical: "top", WrapText: true, Indent: 2}}},
		{&s.value, formFontSpec{size: formFontSize}, "", excelize.Style{
			Border: thin, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&s.recipient, formFontSpec{size: formFontSize}, "", excelize.Style{
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}}},
		{&s.signer, formFontSpec{size: formFontSize + 1, bold: true}, "", excelize.Style{
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}},
	} {
		d.style.Font = &excelize.Font{Family: formFont, Size: d.font.size, Bold: d.font.bold, Italic: d.font.italic, Color: d.color}
		id, err := x.NewStyle(&d.style)
		if err != nil {
			return s, err
		}
		*d.st = formStyle{id: id, font: d.font}
	}
	return s, nil
}

// reportColWidths chooses the widths of the main sheet's n columns from the tables' text:
// each column as wide as its longest cell, between 8 and 36 units (headers wrap past 14), and at least 80 units in
// all so that the letterhead and title have room.
func reportColWidths(d ReportDoc, n int, st reportXLSXStyles) []float64 {
	widths := make([]float64, n)
	for j := range widths {
		widths[j] = 8
	}
	for _, t := range d.Tables {
		for j := range t.columns() {
			// Headers wrap rather than widen a column of figures.
			widths[j] = max(widths[j], min(14, xlsxUnits(cellAt(t.Headers, j), st.head.font)))
			for _, r := range t.Rows {
				widths[j] = max(widths[j], min(36, xlsxUnits(cellAt(r, j), st.text.font)))
			}
		}
	}
	total := 0.0
	for _, w := range widths {
		total += w
	}
	if total < 80 {
		for j := range widths {
			widths[j] *= 80 / total
		}
	}
	return widths
}

// reportMainSheet fills ReportSheetMain. The chart's data and its picture start a new printed
// page.
func reportMainSheet(x *excelize.File, d ReportDoc, st reportXLSXStyles) error {
	const sheet = ReportSheetMain
	n := 4
	for _, t := range d.Tables {
		n = max(n, t.columns())
	}
	widths := reportColWidths(d, n, st)
	for j, w := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := x.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	colName := func(j int) string { c, _ := excelize.ColumnNumberToName(j + 1); return c }
	sum := func(a, b int) float64 { // widths of columns a..b
		s := 0.0
		for _, w := range widths[a : b+1] {
			s += w
		}
		return s
	}
	last := n - 1
	row := 0
	// put writes s in the merged columns a..b of the current row with style s, and grows
	// the row to fit it.
	put := func(a, b int, s string, fs formStyle) error {
		if err := formCheckLen(row, colName(a), s); err != nil {
			return err
		}
		from := fmt.Sprintf("%s%d", colName(a), row)
		if b > a {
			if err := x.MergeCell(sheet, from, fmt.Sprintf("%s%d", colName(b), row)); err != nil {
				return err
			}
		}
		if err := x.SetCellStr(sheet, from, s); err != nil {
			return err
		}
		if err := x.SetCellStyle(sheet, from, fmt.Sprintf("%s%d", colName(b), row), fs.id); err != nil {
			return err
		}
		h := formRowHeight(formLines(s, sum(a, b), fs.font), fs.font)
		if cur, err := x.GetRowHeight(sheet, row); err == nil && cur > h && cur != 15 {
			h = cur // 15 is the default height of an untouched row
		}
		return x.SetRowHeight(sheet, row, h)
	}

	parent, unit, party, date := d.letterhead()
	half := n/2 - 1
	row = 1
	if err := put(0, half, parent, st.parent); err != nil {
		return err
	}
	if err := put(half+1, last, party, st.party); err != nil {
		return err
	}
	row = 2
	if err := put(0, half, unit, st.unit); err != nil {
		return err
	}
	if err := put(half+1, last, date, st.date); err != nil {
		return err
	}
	row = 4
	kind, subject := splitTitle(d.Title)
	title := kind
	if subject != "" {
		title += "\n" + subject
	}
	if err := put(0, last, title, st.title); err != nil {
		return err
	}
	if p := clean(d.Period); p != "" {
		row++
		if err := put(0, last, p, st.titleNote); err != nil {
			return err
		}
	}
	if s := clean(d.Status); s != "" {
		row++
		if err := put(0, last, "("+s+")", st.status); err != nil {
			return err
		}
	}

	for _, t := range d.Tables {
		row += 2
		cols := t.columns()
		if title := clean(t.Title); title != "" {
			if err := put(0, last, title, st.caption); err != nil {
				return err
			}
			row++
		}
		if len(t.Headers) > 0 {
			if err := tableRow(x, sheet, row, t.Headers, cols, widths, st.head, st.head); err != nil {
				return err
			}
			row++
		}
		for _, r := range t.Rows {
			if err := tableRow(x, sheet, row, r, cols, widths, st.text, st.num); err != nil {
				return err
			}
			row++
		}
		row--
	}

	// The chart's data, with a native bar chart under it.
	if len(d.Chart.Bars) > 0 {
		row += 2
		// The chart starts a page, so that the picture is not cut in two when printed.
		if len(d.Tables) > 0 {
			if err := x.InsertPageBreak(sheet, fmt.Sprintf("A%d", row)); err != nil {
				return err
			}
		}
		title := clean(d.Chart.Title)
		if title != "" {
			if err := put(0, last, title, st.caption); err != nil {
				return err
			}
			row++
		}
		if err := put(0, last-1, "Nội dung", st.head); err != nil {
			return err
		}
		if err := put(last, last, "Số lượng", st.head); err != nil {
			return err
		}
		headRow := row
		for _, b := range d.Chart.Bars {
			row++
			if err := put(0, last-1, clean(b.Label), st.text); err != nil {
				return err
			}
			cell := fmt.Sprintf("%s%d", colName(last), row)
			var v any = b.Value
			if math.IsNaN(b.Value) || math.IsInf(b.Value, 0) {
				v = formatValue(b.Value)
			}
			if err := x.SetCellValue(sheet, cell, v); err != nil {
				return err
			}
			if err := x.SetCellStyle(sheet, cell, cell, st.value.id); err != nil {
				return err
			}
		}
		ref := func(col string, a, b int) string { return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, col, a, col, b) }
		px := 0.0
		for _, w := range widths {
			px += w*7 + 5
		}
		chart := &excelize.Chart{
			Type: excelize.Bar,
			Series: []excelize.ChartSeries{{
				Name:       fmt.Sprintf("'%s'!$%s$%d", sheet, colName(last), headRow),
				Categories: ref("A", headRow+1, row),
				Values:     ref(colName(last), headRow+1, row),
				Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"A01414"}},
			}},
			Legend:    excelize.ChartLegend{Position: "none"},
			PlotArea:  excelize.ChartPlotArea{ShowVal: true},
			XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Family: formFont, Size: 10, Color: "000000"}},
			YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: excelize.Font{Family: formFont, Size: 10, Color: "000000"}},
			Dimension: excelize.ChartDimension{Width: uint(px), Height: uint(80 + 32*len(d.Chart.Bars))},
		}
		if title != "" {
			chart.Title = excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title,
				Font: &excelize.Font{Family: formFont, Size: 12, Bold: true}}}}
		}
		if err := x.AddChart(sheet, fmt.Sprintf("A%d", row+2), chart); err != nil {
			return fmt.Errorf("report chart: %w", err)
		}
	}
	return nil
}

// tableRow writes one bordered table row of cols cells, figures centred with numStyle, and
// sets its height from the wrapped text.
func tableRow(x *excelize.File, sheet string, row int, cells []string, cols int, widths []float64, text, num formStyle) error {
	lines := 1
	for j := range cols {
		col, _ := excelize.ColumnNumberToName(j + 1)
		ref := fmt.Sprintf("%s%d", col, row)
		s := cellAt(cells, j)
		if err := formCheckLen(row, col, s); err != nil {
			return err
		}
		fs := text
		if numeric(s) {
			fs = num
		}
		if s != "" {
			if err := x.SetCellStr(sheet, ref, s); err != nil {
				return err
			}
		}
		if err := x.SetCellStyle(sheet, ref, ref, fs.id); err != nil {
			return err
		}
		lines = max(lines, formLines(s, widths[j], fs.font))
	}
	return x.SetRowHeight(sheet, row, formRowHeight(lines, text.font))
}

// reportSectionsSheet fills ReportSheetSections: the title, then each section's heading and
// its paragraphs, one per row.
func reportSectionsSheet(x *excelize.File, d ReportDoc, st reportXLSXStyles) error {
	const sheet = ReportSheetSections
	const width = 95.0 // two columns of half of it: the signature block uses both
	if err := x.SetColWidth(sheet, "A", "B", width/2); err != nil {
		return err
	}
	row := 0
	put := func(s string, fs formStyle) error {
		row++
		ref := fmt.Sprintf("A%d", row)
		if err := formCheckLen(row, "A", s); err != nil {
			return err
		}
		if err := x.MergeCell(sheet, ref, fmt.Sprintf("B%d", row)); err != nil {
			return err
		}
		if err := x.SetCellStr(sheet, ref, s); err != nil {
			return err
		}
		if err := x.SetCellStyle(sheet, ref, fmt.Sprintf("B%d", row), fs.id); err != nil {
			return err
		}
		// The indent takes about four units of the line.
		return x.SetRowHeight(sheet, row, formRowHeight(formLines(s, width-4, fs.font), fs.font))
	}
	kind, subject := splitTitle(d.Title)
	title := strings.TrimSpace(kind + "\n" + subject)
	if title != "" {
		if err := put(title, st.title); err != nil {
			return err
		}
		row++
	}
	for i, s := range d.Sections {
		if i > 0 {
			row++
		}
		if h := clean(s.Heading); h != "" {
			if err := put(h, st.heading); err != nil {
				return err
			}
		}
		for _, p := range paragraphs(s.Body) {
			if err := put(p, st.body); err != nil {
				return err
			}
		}
	}
	return reportSignatureRows(x, sheet, row+2, width/2, d.Signature, st)
}

// reportSignatureRows writes the signature block from row on: "Nơi nhận:" and its list in
// column A, the capacity, the title, a tall empty row for the hand signature and the name in
// column B, centred and bold.
func reportSignatureRows(x *excelize.File, sheet string, row int, width float64, s *ReportSignature, st reportXLSXStyles) error {
	if s == nil {
		return nil
	}
	at := func(col string, r int, text string, fs formStyle) error {
		ref := fmt.Sprintf("%s%d", col, r)
		if err := formCheckLen(r, col, text); err != nil {
			return err
		}
		if err := x.SetCellStr(sheet, ref, text); err != nil {
			return err
		}
		if err := x.SetCellStyle(sheet, ref, ref, fs.id); err != nil {
			return err
		}
		h := formRowHeight(formLines(text, width, fs.font), fs.font)
		if cur, err := x.GetRowHeight(sheet, r); err == nil && cur > h && cur != 15 {
			h = cur
		}
		return x.SetRowHeight(sheet, r, h)
	}
	left := s.recipientLines()
	if len(left) > 0 {
		if err := at("A", row, "Nơi nhận:", st.caption); err != nil {
			return err
		}
		for i, l := range left {
			if err := at("A", row+1+i, l, st.recipient); err != nil {
				return err
			}
		}
	}
	if err := at("B", row, clean(s.OnBehalf), st.signer); err != nil {
		return err
	}
	if err := at("B", row+1, clean(s.Title), st.signer); err != nil {
		return err
	}
	// Room to sign: the rows under the title, the tallest where no recipient is listed.
	nameRow := max(row+5, row+2+len(left))
	if len(left) < 3 {
		if err := x.SetRowHeight(sheet, row+2, 60); err != nil {
			return err
		}
		nameRow = row + 3
	}
	if n := clean(s.Name); n != "" {
		return at("B", nameRow, n, st.signer)
	}
	return nil
}
