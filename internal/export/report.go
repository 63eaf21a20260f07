package export

// This file renders the periodic report (báo cáo định kỳ) on the work of Directive
// 05-CT/TW: an A4 PDF with the party-document letterhead, bordered tables, a horizontal bar
// chart and the narrative sections, and the same content as an XLSX workbook.

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/signintech/gopdf"
	"github.com/xuri/excelize/v2"
)

// ReportDoc is a periodic report ready to print. Text fields are plain text; they are
// normalized to Unicode NFC before they are written.
type ReportDoc struct {
	UnitName   string          // "Chi bộ Văn phòng", printed "Đơn vị: …" top left
	ParentName string          // "Đảng ủy Sở Công Thương", printed upper-cased top left
	Title      string          // "BÁO CÁO Kết quả thực hiện Chỉ thị 05-CT/TW 6 tháng đầu năm 2026"
	Period     string          // "Từ 01/01/2026 đến 30/06/2026"
	Date       time.Time       // signing date, printed "…, ngày 15 tháng 7 năm 2026"; zero leaves blanks
	Status     string          // "Đã nộp 12/07/2026" or "Dự thảo", printed small under the title
	Tables     []ReportTable   // the figures, in print order
	Chart      ReportChart     // one bar chart, e.g. models by category; skipped without bars
	Sections   []ReportSection // the narrative, in print order
}

// ReportTable is one table of figures. Rows may be shorter than Headers; missing cells print
// empty.
type ReportTable struct {
	Title   string
	Headers []string
	Rows    [][]string
}

// ReportChart is a bar chart; each bar is drawn proportional to the largest value.
type ReportChart struct {
	Title string
	Bars  []ReportBar
}

// ReportBar is one bar of a ReportChart. Negative and non-finite values draw no bar.
type ReportBar struct {
	Label string
	Value float64
}

// ReportSection is one part of the narrative. Body may hold several paragraphs separated by
// "\n".
type ReportSection struct {
	Heading, Body string
}

// Sheet names of the XLSX report.
const (
	ReportSheetMain     = "Bao cao"
	ReportSheetSections = "Noi dung"
)

// letterhead returns the four lines of the header block, built with the forms' rules: the
// parent organization upper-cased, "Đơn vị: …", and the date line with dotted blanks for the
// place (and the date when it is zero).
func (d ReportDoc) letterhead() (parent, unit, party, date string) {
	f := Form{ParentName: d.ParentName, UnitName: d.UnitName, Date: d.Date}
	return f.parentLine(), f.unitLine(), "ĐẢNG CỘNG SẢN VIỆT NAM", f.dateLine()
}

// paragraphs splits a body into cleaned, non-blank paragraphs.
func paragraphs(body string) []string {
	var out []string
	for _, p := range strings.Split(body, "\n") {
		if p = clean(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// splitTitle splits "BÁO CÁO Kết quả …" into the document kind and its subject, printed on
// two lines as party reports are; any other title is returned whole as the first part.
func splitTitle(title string) (kind, subject string) {
	t := clean(title)
	const k = "BÁO CÁO"
	if rest, ok := strings.CutPrefix(t, k+" "); ok && strings.TrimSpace(rest) != "" {
		return k, strings.TrimSpace(rest)
	}
	return t, ""
}

// formatValue prints a chart value the Vietnamese way: "1.250", "12,5".
func formatValue(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("," + frac)
	}
	return b.String()
}

// barValue is the length-bearing value of a bar: 0 for negative and non-finite values.
func barValue(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0
	}
	return v
}

// niceScale returns the end of the value axis and the step of its ticks for values up to
// max: a step of 1, 2 or 5 times a power of ten giving at most 5 intervals. For max <= 0 it
// returns 0, 0: the axis has only its zero.
func niceScale(max float64) (end, step float64) {
	if !(max > 0) || math.IsInf(max, 0) {
		return 0, 0
	}
	mag := math.Pow(10, math.Floor(math.Log10(max/5)))
	for _, m := range []float64{1, 2, 5, 10} {
		step = m * mag
		if step*5 >= max {
			break
		}
	}
	return math.Ceil(max/step-1e-9) * step, step
}

// numeric reports whether a cell holds a short figure ("12", "85,5%", "3/4"), which is
// centred in tables.
func numeric(s string) bool {
	if s == "" || len(s) > 16 {
		return false
	}
	digit := false
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digit = true
		case strings.ContainsRune(".,%/ -+", r):
		default:
			return false
		}
	}
	return digit
}

// columns returns the number of columns of table t.
func (t ReportTable) columns() int {
	n := len(t.Headers)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	return n
}

// cell returns cell j of row r, cleaned, or "" past its end.
func cellAt(r []string, j int) string {
	if j < len(r) {
		return clean(r[j])
	}
	return ""
}

// ---------------------------------------------------------------------------------------
// PDF

// Page geometry and type sizes of the PDF report, in points.
const (
	repPageW     = 595.28 // A4
	repPageH     = 841.89
	repMargin    = 56.69 // 2 cm
	repFootY     = repPageH - 28.35
	repBodySize  = 11.5
	repHeadSize  = 10.5 // letterhead
	repTitleSize = 15.0
	repSubSize   = 12.5
	repCapSize   = 11.5 // table and chart captions, section headings
	repCellSize  = 9.5
	repLead      = 1.4 // line height / font size
	repCellPadX  = 4.0
	repCellPadY  = 3.0
	repBarH      = 11.0
)

// Colours of the PDF report.
const (
	repInk    rgb = 0x000000
	repGrey   rgb = 0x555555
	repShade  rgb = 0xD9D9D9
	repRule   rgb = 0x000000
	repGrid   rgb = 0xCCCCCC
	repBar    rgb = 0xA01414 // the poster's dark red
	repStatus rgb = 0x444444
)

// reportPDF is the state of a PDF report being drawn: the document and the top of the free
// space on the current page.
type reportPDF struct {
	pdf *gopdf.GoPdf
	y   float64
}

const (
	repLeft   = repMargin
	repRight  = repPageW - repMargin
	repBottom = repPageH - repMargin
	repWidth  = repRight - repLeft
)

// lineH is the height of one line of text at size.
func lineH(size float64) float64 { return repLead * size }

// baseline is where the baseline of a line whose box starts at top goes: room above for the
// stacked marks of Vietnamese capitals, below for descenders and dots.
func baseline(top, size float64) float64 { return top + (repLead-1)/2*size + 0.95*size }

// newPage starts a page and moves to its top.
func (r *reportPDF) newPage() {
	r.pdf.AddPage()
	r.y = repMargin
}

// ensure starts a new page unless h points fit under the current position.
func (r *reportPDF) ensure(h float64) {
	if r.y+h > repBottom+1e-6 {
		r.newPage()
	}
}

// text draws one line with its box top at top and its left edge at x.
func (r *reportPDF) text(s string, st style, x, top float64) error {
	if err := r.pdf.SetFont(st.family, "", st.size); err != nil {
		return err
	}
	r.pdf.SetTextColor(st.color.parts())
	r.pdf.SetXY(x, baseline(top, st.size))
	if err := r.pdf.Text(s); err != nil {
		return fmt.Errorf("draw report text: %w", err)
	}
	return nil
}

// textIn draws s aligned in [x, x+w]: align is 'l', 'c' or 'r'.
func (r *reportPDF) textIn(s string, st style, x, w, top float64, align byte) error {
	if align != 'l' {
		tw, err := measure(r.pdf, s, st)
		if err != nil {
			return err
		}
		if align == 'c' {
			x += (w - tw) / 2
		} else {
			x += w - tw
		}
	}
	return r.text(s, st, x, top)
}

// block draws text wrapped to [x, x+w] from the current position, moving to a new page
// between lines as needed; centred lines are balanced like headings.
func (r *reportPDF) block(s string, st style, x, w float64, centred bool) error {
	ls, err := balanced(r.pdf, s, st, w, centred)
	if err != nil {
		return err
	}
	align := byte('l')
	if centred {
		align = 'c'
	}
	for _, l := range ls {
		r.ensure(lineH(st.size))
		if err := r.textIn(l, st, x, w, r.y, align); err != nil {
			return err
		}
		r.y += lineH(st.size)
	}
	return nil
}

// WriteReportPDF writes d as an A4 portrait PDF: the letterhead, the title, period and
// status, the tables (header row repeated on each page they run onto), the bar chart, the
// narrative sections and "Trang N/M" at the bottom of every page. Text is set in the
// embedded DejaVu Serif fonts, so every Vietnamese letter prints with its marks; a character
// the fonts lack fails with an error wrapping ErrUnprintable. Nothing is written to w on
// error.
func WriteReportPDF(w io.Writer, d ReportDoc) error {
	var missing []rune
	onMissing := func(r rune) {
		if !slices.Contains(missing, r) {
			missing = append(missing, r)
		}
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: *gopdf.PageSizeA4})
	for _, fnt := range []struct{ family, file string }{{famRegular, fileRegular}, {famBold, fileBold}} {
		data, err := fontFS.ReadFile(fnt.file)
		if err != nil {
			return fmt.Errorf("report font: %w", err)
		}
		if data, err = flattenComposites(data); err != nil {
			return fmt.Errorf("report font %s: %w", fnt.family, err)
		}
		if err := pdf.AddTTFFontDataWithOption(fnt.family, data, gopdf.TtfOption{OnGlyphNotFound: onMissing}); err != nil {
			return fmt.Errorf("report font %s: %w", fnt.family, err)
		}
	}
	pdf.SetInfo(gopdf.PdfInfo{Title: clean(d.Title), Subject: clean(d.Period), Author: clean(d.UnitName), Creator: "lamtheobac"})

	r := &reportPDF{pdf: pdf}
	r.newPage()
	steps := []func(ReportDoc) error{r.header, r.tables, r.chart, r.sections}
	for _, step := range steps {
		if err := step(d); err != nil {
			return err
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("report: %w: %q", ErrUnprintable, string(missing))
	}
	// Page numbers, now that the number of pages is known.
	n := pdf.GetNumberOfPages()
	foot := style{famRegular, 9, repGrey}
	for i := 1; i <= n; i++ {
		if err := pdf.SetPage(i); err != nil {
			return err
		}
		if err := r.textIn(fmt.Sprintf("Trang %d/%d", i, n), foot, repLeft, repWidth, repFootY-lineH(foot.size), 'c'); err != nil {
			return err
		}
	}
	if _, err := pdf.WriteTo(w); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// header draws the letterhead, the title, the period and the status.
func (r *reportPDF) header(d ReportDoc) error {
	parent, unit, party, date := d.letterhead()
	leftW := 0.44 * repWidth
	rightX, rightW := repLeft+0.46*repWidth, 0.54*repWidth
	top := r.y

	// Left: the parent organization and the unit, with a short rule under them.
	r.y = top
	if err := r.block(parent, style{famRegular, repHeadSize, repInk}, repLeft, leftW, true); err != nil {
		return err
	}
	if err := r.block(unit, style{famBold, repHeadSize, repInk}, repLeft, leftW, true); err != nil {
		return err
	}
	leftEnd := r.y + 3
	r.pdf.SetStrokeColor(repRule.parts())
	r.pdf.SetLineWidth(0.6)
	r.pdf.Line(repLeft+leftW/2-30, leftEnd, repLeft+leftW/2+30, leftEnd)

	// Right: the party's name underlined, then the place and date.
	r.y = top
	partySt := style{famBold, repHeadSize, repInk}
	pw, err := measure(r.pdf, party, partySt)
	if err != nil {
		return err
	}
	if err := r.textIn(party, partySt, rightX, rightW, r.y, 'c'); err != nil {
		return err
	}
	ux := rightX + (rightW-pw)/2
	uy := baseline(r.y, repHeadSize) + 2.2
	r.pdf.SetLineWidth(0.6)
	r.pdf.Line(ux, uy, ux+pw, uy)
	r.y += lineH(repHeadSize) + 4
	if err := r.block(date, style{famRegular, repHeadSize, repInk}, rightX, rightW, true); err != nil {
		return err
	}
	r.y = max(r.y, leftEnd) + 22

	kind, subject := splitTitle(d.Title)
	if kind != "" {
		size := repTitleSize
		if subject == "" {
			size = repSubSize + 1
		}
		if err := r.block(kind, style{famBold, size, repInk}, repLeft, repWidth, true); err != nil {
			return err
		}
	}
	if subject != "" {
		if err := r.block(subject, style{famBold, repSubSize, repInk}, repLeft+20, repWidth-40, true); err != nil {
			return err
		}
	}
	if p := clean(d.Period); p != "" {
		r.y += 2
		if err := r.block(p, style{famRegular, repBodySize, repInk}, repLeft, repWidth, true); err != nil {
			return err
		}
	}
	if s := clean(d.Status); s != "" {
		if err := r.block("("+s+")", style{famRegular, 9, repStatus}, repLeft, repWidth, true); err != nil {
			return err
		}
	}
	// A short rule closes the header, as under the title of official documents.
	r.y += 4
	r.pdf.SetStrokeColor(repRule.parts())
	r.pdf.SetLineWidth(0.6)
	r.pdf.Line(repPageW/2-40, r.y, repPageW/2+40, r.y)
	r.y += 14
	return nil
}

// caption draws a bold caption left-aligned, kept on the page with at least minNext points
// of what follows it.
func (r *reportPDF) caption(s string, minNext float64) error {
	st := style{famBold, repCapSize, repInk}
	ls, err := wrap(r.pdf, s, st, repWidth)
	if err != nil {
		return err
	}
	r.ensure(float64(len(ls))*lineH(st.size) + minNext)
	return r.block(s, st, repLeft, repWidth, false)
}

// tableWidths shares repWidth among the columns of t: each gets at least its longest word
// (so words are not broken when avoidable), and the rest goes to the columns with the most
// text.
func (r *reportPDF) tableWidths(t ReportTable, n int, head, body style) ([]float64, error) {
	minW := make([]float64, n)
	natW := make([]float64, n)
	see := func(j int, s string, st style) error {
		for _, word := range strings.Fields(s) {
			wd, err := measure(r.pdf, word, st)
			if err != nil {
				return err
			}
			minW[j] = max(minW[j], min(wd, 0.3*repWidth))
		}
		wd, err := measure(r.pdf, s, st)
		if err != nil {
			return err
		}
		natW[j] = max(natW[j], wd)
		return nil
	}
	for j := range n {
		if err := see(j, cellAt(t.Headers, j), head); err != nil {
			return nil, err
		}
		for _, row := range t.Rows {
			if err := see(j, cellAt(row, j), body); err != nil {
				return nil, err
			}
		}
	}
	pad := 2*repCellPadX + 0.5
	sumMin, sumNat := 0.0, 0.0
	for j := range n {
		minW[j] += pad
		natW[j] = max(natW[j]+pad, minW[j])
		sumMin += minW[j]
		sumNat += natW[j]
	}
	out := make([]float64, n)
	switch {
	case sumNat <= repWidth: // everything fits on one line: spread the spare room
		for j := range n {
			out[j] = natW[j] + (repWidth-sumNat)*natW[j]/sumNat
		}
	case sumMin >= repWidth: // even the longest words do not fit: shrink them all
		for j := range n {
			out[j] = repWidth * minW[j] / sumMin
		}
	default:
		// Columns narrower than a fair share of the room left keep their natural width, so
		// short names and figures stay on one line; the others share the rest.
		fixed := make([]bool, n)
		room, open := repWidth, n
		for changed := true; changed && open > 0; {
			changed = false
			for j := range n {
				if !fixed[j] && natW[j] <= room/float64(open) {
					fixed[j], out[j], changed = true, natW[j], true
					room -= natW[j]
					open--
				}
			}
		}
		openMin, openWant := 0.0, 0.0
		for j := range n {
			if !fixed[j] {
				openMin += minW[j]
				openWant += natW[j] - minW[j]
			}
		}
		for j := range n {
			switch {
			case fixed[j]:
			case room <= openMin || openWant <= 0:
				out[j] = minW[j] * room / openMin
			default:
				out[j] = minW[j] + (room-openMin)*(natW[j]-minW[j])/openWant
			}
		}
	}
	return out, nil
}

// tables draws every table.
func (r *reportPDF) tables(d ReportDoc) error {
	for _, t := range d.Tables {
		if err := r.table(t); err != nil {
			return err
		}
	}
	return nil
}

// wrappedRow is a table row wrapped into its cells' lines.
type wrappedRow struct {
	cells [][]string
	align []byte
	lines int
}

// table draws one table: its caption, the shaded header row, and the rows; a row that does
// not fit the page goes to the next one under a repeated header row, and only a row taller
// than a whole page is cut, between lines.
func (r *reportPDF) table(t ReportTable) error {
	n := t.columns()
	if n == 0 {
		if title := clean(t.Title); title != "" {
			return r.caption(title, 0)
		}
		return nil
	}
	head := style{famBold, repCellSize, repInk}
	body := style{famRegular, repCellSize, repInk}
	widths, err := r.tableWidths(t, n, head, body)
	if err != nil {
		return err
	}
	wrapRow := func(cells []string, st style, isHead bool) (wrappedRow, error) {
		wr := wrappedRow{cells: make([][]string, n), align: make([]byte, n), lines: 1}
		for j := range n {
			s := cellAt(cells, j)
			ls, err := wrap(r.pdf, s, st, widths[j]-2*repCellPadX)
			if err != nil {
				return wr, err
			}
			wr.cells[j] = ls
			wr.lines = max(wr.lines, len(ls))
			switch {
			case isHead || numeric(s):
				wr.align[j] = 'c'
			default:
				wr.align[j] = 'l'
			}
		}
		return wr, nil
	}
	rowH := func(lines int) float64 { return float64(lines)*lineH(repCellSize) + 2*repCellPadY }

	var hdr *wrappedRow
	if len(t.Headers) > 0 {
		h, err := wrapRow(t.Headers, head, true)
		if err != nil {
			return err
		}
		hdr = &h
	}
	hdrH := 0.0
	if hdr != nil {
		hdrH = rowH(hdr.lines)
	}
	first := rowH(1)
	if len(t.Rows) > 0 {
		if w, err := wrapRow(t.Rows[0], body, false); err == nil {
			first = rowH(w.lines)
		}
	}
	if title := clean(t.Title); title != "" {
		r.y += 4
		if err := r.caption(title, hdrH+min(first, 120)); err != nil {
			return err
		}
		r.y += 3
	} else {
		r.ensure(hdrH + min(first, 120))
	}
	drawHeader := func() error {
		if hdr == nil {
			return nil
		}
		return r.drawRow(*hdr, 0, hdr.lines, widths, head, true)
	}
	if err := drawHeader(); err != nil {
		return err
	}
	for _, row := range t.Rows {
		wr, err := wrapRow(row, body, false)
		if err != nil {
			return err
		}
		from := 0
		for from < wr.lines {
			fit := int((repBottom - r.y - 2*repCellPadY + 1e-6) / lineH(repCellSize))
			left := wr.lines - from
			// Move the row on when it does not fit here but would on a new page, or when
			// not even one line fits.
			if fit < left && (fit < 1 || rowH(left) <= repBottom-repMargin-hdrH) {
				r.newPage()
				if err := drawHeader(); err != nil {
					return err
				}
				continue
			}
			k := min(fit, left)
			if err := r.drawRow(wr, from, from+k, widths, body, false); err != nil {
				return err
			}
			from += k
		}
	}
	r.y += 10
	return nil
}

// drawRow draws lines [from, to) of row wr at the current position, with its borders, and
// moves below it.
func (r *reportPDF) drawRow(wr wrappedRow, from, to int, widths []float64, st style, shade bool) error {
	h := float64(to-from)*lineH(st.size) + 2*repCellPadY
	x := repLeft
	r.pdf.SetStrokeColor(repRule.parts())
	r.pdf.SetLineWidth(0.5)
	for j, w := range widths {
		style := "D"
		if shade {
			r.pdf.SetFillColor(repShade.parts())
			style = "FD"
		}
		r.pdf.RectFromUpperLeftWithStyle(x, r.y, w, h, style)
		for k := from; k < to && k < len(wr.cells[j]); k++ {
			top := r.y + repCellPadY + float64(k-from)*lineH(st.size)
			if err := r.textIn(wr.cells[j][k], st, x+repCellPadX, w-2*repCellPadX, top, wr.align[j]); err != nil {
				return err
			}
		}
		x += w
	}
	r.y += h
	return nil
}

// chartRow is one bar with its wrapped label.
type chartRow struct {
	label []string
	value float64
	text  string
	h     float64
}

// chart draws the horizontal bar chart: labels on the left, bars from a vertical axis
// proportional to the value axis, each value printed at its bar's end, ticks along the
// bottom. A chart taller than the rest of the page continues on the next one with its axes.
func (r *reportPDF) chart(d ReportDoc) error {
	c := d.Chart
	if len(c.Bars) == 0 {
		return nil
	}
	lab := style{famRegular, repCellSize, repInk}
	val := style{famBold, repCellSize, repInk}
	tick := style{famRegular, 8, repGrey}

	maxV, labelW, valueW := 0.0, 0.0, 0.0
	for _, b := range c.Bars {
		maxV = max(maxV, barValue(b.Value))
		wd, err := measure(r.pdf, clean(b.Label), lab)
		if err != nil {
			return err
		}
		labelW = max(labelW, wd)
		if wd, err = measure(r.pdf, formatValue(b.Value), val); err != nil {
			return err
		}
		valueW = max(valueW, wd)
	}
	labelW = min(labelW, 0.42*repWidth)
	end, step := niceScale(maxV)
	axisX := repLeft + labelW + 8
	plotW := repRight - axisX - valueW - 6
	rows := make([]chartRow, len(c.Bars))
	for i, b := range c.Bars {
		ls, err := balanced(r.pdf, clean(b.Label), lab, labelW, true)
		if err != nil {
			return err
		}
		if len(ls) == 0 {
			ls = []string{""}
		}
		rows[i] = chartRow{label: ls, value: barValue(b.Value), text: formatValue(b.Value),
			h: max(float64(len(ls))*lineH(lab.size), repBarH) + 6}
	}
	tickH := lineH(tick.size) + 4

	total := tickH + 8
	for _, row := range rows {
		total += row.h
	}
	title := clean(c.Title)
	r.y += 4
	if title != "" {
		if err := r.caption(title, min(total, repBottom-repMargin-40)); err != nil {
			return err
		}
	} else {
		r.ensure(min(total, repBottom-repMargin))
	}
	r.y += 6

	for i := 0; i < len(rows); {
		// The rows that fit on this page, at least one.
		j, h := i, 0.0
		for j < len(rows) && (j == i || r.y+h+rows[j].h+tickH <= repBottom) {
			h += rows[j].h
			j++
		}
		if j == i+1 && r.y+h+tickH > repBottom && r.y > repMargin+1 {
			r.newPage()
			continue
		}
		top := r.y
		// Grid lines at the ticks, then the bars over them.
		r.pdf.SetLineWidth(0.4)
		r.pdf.SetStrokeColor(repGrid.parts())
		if step > 0 {
			for v := step; v <= end+step/2; v += step {
				x := axisX + plotW*v/end
				r.pdf.Line(x, top, x, top+h)
			}
		}
		y := top
		for _, row := range rows[i:j] {
			lt := y + (row.h-float64(len(row.label))*lineH(lab.size))/2
			for k, l := range row.label {
				if err := r.textIn(l, lab, repLeft, labelW, lt+float64(k)*lineH(lab.size), 'r'); err != nil {
					return err
				}
			}
			bw := 0.0
			if end > 0 {
				bw = plotW * row.value / end
			}
			by := y + (row.h-repBarH)/2
			if bw > 0 {
				r.pdf.SetFillColor(repBar.parts())
				r.pdf.SetStrokeColor(repBar.parts())
				r.pdf.SetLineWidth(0.3)
				r.pdf.RectFromUpperLeftWithStyle(axisX, by, bw, repBarH, "FD")
			}
			vt := y + (row.h-lineH(val.size))/2
			if err := r.text(row.text, val, axisX+bw+4, vt); err != nil {
				return err
			}
			y += row.h
		}
		// The axes and the tick labels.
		r.pdf.SetStrokeColor(repInk.parts())
		r.pdf.SetLineWidth(0.8)
		r.pdf.Line(axisX, top, axisX, y)
		r.pdf.Line(axisX, y, axisX+plotW, y)
		r.pdf.SetLineWidth(0.5)
		ticks := []float64{0}
		if step > 0 {
			for v := step; v <= end+step/2; v += step {
				ticks = append(ticks, v)
			}
		}
		for _, v := range ticks {
			x := axisX
			if end > 0 {
				x += plotW * v / end
			}
			r.pdf.Line(x, y, x, y+3)
			s := formatValue(v)
			tw, err := measure(r.pdf, s, tick)
			if err != nil {
				return err
			}
			if err := r.text(s, tick, x-tw/2, y+3); err != nil {
				return err
			}
		}
		r.y = y + tickH
		i = j
		if i < len(rows) {
			r.newPage()
		}
	}
	r.y += 12
	return nil
}

// sections draws the narrative: bold headings, each kept with the start of its text, and
// the paragraphs wrapped with an indented first line.
func (r *reportPDF) sections(d ReportDoc) error {
	head := style{famBold, repCapSize + 0.5, repInk}
	body := style{famRegular, repBodySize, repInk}
	indent := 1.0 * body.size * 2
	for _, s := range d.Sections {
		paras := paragraphs(s.Body)
		if h := clean(s.Heading); h != "" {
			r.y += 6
			ls, err := wrap(r.pdf, h, head, repWidth)
			if err != nil {
				return err
			}
			r.ensure(float64(len(ls))*lineH(head.size) + min(float64(len(paras)), 2)*lineH(body.size))
			if err := r.block(h, head, repLeft, repWidth, false); err != nil {
				return err
			}
			r.y += 2
		}
		for _, p := range paras {
			if err := r.paragraph(p, body, indent); err != nil {
				return err
			}
			r.y += 0.35 * body.size
		}
	}
	return nil
}

// paraLine is one line of a paragraph: its words and their widths, where it starts, how
// wide it may be, and whether it is justified.
type paraLine struct {
	words   []string
	widths  []float64
	x, w    float64
	justify bool
}

// paragraph draws p justified to the text width, its first line indented by indent and its
// last line left-aligned. A page never starts or ends with a lone line of it.
func (r *reportPDF) paragraph(p string, st style, indent float64) error {
	words := strings.Fields(p)
	space, err := measure(r.pdf, " ", st)
	if err != nil {
		return err
	}
	var lines []paraLine
	for len(words) > 0 {
		l := paraLine{x: repLeft, w: repWidth}
		if len(lines) == 0 {
			l.x, l.w = repLeft+indent, repWidth-indent
		}
		// The longest run of words that fits.
		used := 0.0
		for len(l.words) < len(words) {
			wd, err := measure(r.pdf, words[len(l.words)], st)
			if err != nil {
				return err
			}
			next := used + wd
			if len(l.words) > 0 {
				next += space
			}
			if next > l.w && len(l.words) > 0 {
				break
			}
			l.words = append(l.words, words[len(l.words)])
			l.widths = append(l.widths, wd)
			used = next
		}
		n := len(l.words)
		if used > l.w { // one word wider than the line: wrap breaks it between letters
			parts, err := wrap(r.pdf, words[0], st, l.w)
			if err != nil {
				return err
			}
			for _, part := range parts {
				lines = append(lines, paraLine{words: []string{part}, widths: []float64{0}, x: l.x, w: l.w})
				l.x, l.w = repLeft, repWidth
			}
			words = words[1:]
			continue
		}
		l.justify = n > 1 && n < len(words)
		lines = append(lines, l)
		words = words[n:]
	}

	lh := lineH(st.size)
	for i := 0; i < len(lines); {
		fit := int((repBottom - r.y + 1e-6) / lh)
		left := len(lines) - i
		if fit < left {
			if left-fit == 1 && left > 2 {
				fit-- // do not leave the last line alone
			}
			if fit < 2 && left > 1 { // nor the first one
				r.newPage()
				continue
			}
		}
		k := max(1, min(fit, left))
		for _, l := range lines[i : i+k] {
			if err := r.drawParaLine(l, st, space); err != nil {
				return err
			}
		}
		i += k
		if i < len(lines) {
			r.newPage()
		}
	}
	return nil
}

// drawParaLine draws one line of a paragraph at the current position and moves below it.
func (r *reportPDF) drawParaLine(l paraLine, st style, space float64) error {
	r.ensure(lineH(st.size))
	gap := space
	if l.justify {
		total := 0.0
		for _, wd := range l.widths {
			total += wd
		}
		if g := (l.w - total) / float64(len(l.words)-1); g < 4*space {
			gap = g // justified, unless that leaves holes
		}
	}
	x := l.x
	for k, word := range l.words {
		if err := r.text(word, st, x, r.y); err != nil {
			return err
		}
		x += l.widths[k] + gap
	}
	r.y += lineH(st.size)
	return nil
}

// ---------------------------------------------------------------------------------------
// XLSX

// reportXLSXStyles are the cell styles of the XLSX report besides the forms' ones.
type reportXLSXStyles struct {
	formStyles
	caption, status, heading, body, value formStyle
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
		if err := reportPageSetup(x, sh); err != nil {
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
	thin := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1},
		{Type: "bottom", Color: "000000", Style: 1},
	}
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

// reportPageSetup sets portrait A4, one page wide, centred, with page numbers.
func reportPageSetup(x *excelize.File, sheet string) error {
	fit := true
	if err := x.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	a4, portrait, oneWide, anyTall := 9, "portrait", 1, 0
	if err := x.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &portrait, FitToWidth: &oneWide, FitToHeight: &anyTall,
	}); err != nil {
		return err
	}
	side, topBottom, hf, centered := 0.6, 0.7, 0.3, true
	if err := x.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &topBottom, Bottom: &topBottom,
		Header: &hf, Footer: &hf, Horizontally: &centered,
	}); err != nil {
		return err
	}
	return x.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&CTrang &P/&N"})
}

// xlsxUnits is the width of s on one line in spreadsheet width units (see formLines).
func xlsxUnits(s string, ft formFontSpec) float64 {
	unit := 0.5 * formDefaultSize / ft.size
	w := 0.0
	for _, p := range strings.Split(s, "\n") {
		pw := 0.0
		for _, r := range p {
			pw += formEm(r, ft.bold)
		}
		w = max(w, pw)
	}
	return w/unit + 1.5
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
	const width = 95.0
	if err := x.SetColWidth(sheet, "A", "A", width); err != nil {
		return err
	}
	row := 0
	put := func(s string, fs formStyle) error {
		row++
		ref := fmt.Sprintf("A%d", row)
		if err := formCheckLen(row, "A", s); err != nil {
			return err
		}
		if err := x.SetCellStr(sheet, ref, s); err != nil {
			return err
		}
		if err := x.SetCellStyle(sheet, ref, ref, fs.id); err != nil {
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
	return nil
}
