package export

// The PDF of the periodic report: page geometry, the drawing primitives, the letterhead and
// the narrative sections. Its tables are drawn in report_table.go, its chart in
// report_chart.go.

import (
	"fmt"
	"io"
	"strings"

	"github.com/signintech/gopdf"
)

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
	pdf  *gopdf.GoPdf
	y    float64
	sign *signatureBlock // measured before the narrative, drawn after it; nil for none
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
// narrative sections, the signature block and "Trang N/M" at the bottom of every page. Text is set in the
// embedded DejaVu Serif fonts, so every Vietnamese letter prints with its marks; a character
// the fonts lack fails with an error wrapping ErrUnprintable. Nothing is written to w on
// error.
func WriteReportPDF(w io.Writer, d ReportDoc) error {
	pdf, missing, err := startPDF("report", *gopdf.PageSizeA4)
	if err != nil {
		return err
	}
	pdf.SetInfo(gopdf.PdfInfo{Title: clean(d.Title), Subject: clean(d.Period), Author: clean(d.UnitName), Creator: "lamtheobac"})

	r := &reportPDF{pdf: pdf}
	r.newPage()
	steps := []func(ReportDoc) error{r.measureSignature, r.header, r.tables, r.chart, r.sections, r.signature}
	for _, step := range steps {
		if err := step(d); err != nil {
			return err
		}
	}
	if len(*missing) > 0 {
		return fmt.Errorf("report: %w: %q", ErrUnprintable, string(*missing))
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

// sections draws the narrative: bold headings, each kept with the start of its text, and
// the paragraphs wrapped with an indented first line.
func (r *reportPDF) sections(d ReportDoc) error {
	head := style{famBold, repCapSize + 0.5, repInk}
	body := style{famRegular, repBodySize, repInk}
	indent := 1.0 * body.size * 2
	last := lastParagraph(d.Sections)
	for si, s := range d.Sections {
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
		for pi, p := range paras {
			keep := 0.0 // room the signature block needs after the document's last paragraph
			if r.sign != nil && si == last && pi == len(paras)-1 {
				keep = r.sign.height + 0.35*body.size // the space after the paragraph too
			}
			if err := r.paragraph(p, body, indent, keep); err != nil {
				return err
			}
			r.y += 0.35 * body.size
		}
	}
	return nil
}

// lastParagraph is the index of the last section with a paragraph (-1 for none).
func lastParagraph(sections []ReportSection) int {
	for i := len(sections) - 1; i >= 0; i-- {
		if len(paragraphs(sections[i].Body)) > 0 {
			return i
		}
	}
	return -1
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
// last line left-aligned. A page never starts or ends with a lone line of it. keep is the
// height of what must follow the paragraph on its last page (the signature block): when the
// end of the paragraph fits but that does not, its last two lines (or all of it, if cutting
// would leave a lone line) go to the next page with it.
func (r *reportPDF) paragraph(p string, st style, indent, keep float64) error {
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
		atTop := r.y <= repMargin+1e-6 // a fresh page: moving on would gain nothing
		if fit >= left && keep > 0 && !atTop && r.y+float64(left)*lh+keep > repBottom+1e-6 {
			if fit = left - 2; fit < 2 { // a lone first line would stay behind: all of it moves
				r.newPage()
				continue
			}
		}
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
