package export

// This file renders the framed poster of an ethical standard (chuẩn mực đạo đức) as a
// print-ready PDF.

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/signintech/gopdf"
)

// Errors returned (wrapped) by RenderPoster, besides ErrInvalidFrame.
var (
	// ErrEmptyPoster means the poster has no title or no item to print.
	ErrEmptyPoster = errors.New("poster has no title or no items")
	// ErrPosterTooLong means the text does not fit the frame even at the smallest body size.
	ErrPosterTooLong = errors.New("poster text does not fit the frame")
	// ErrUnprintable means the text holds a character the embedded fonts cannot draw.
	ErrUnprintable = errors.New("poster text has a character the poster font cannot print")
)

// Poster is the content of a framed ethical-standard poster. All fields are plain text; they
// are normalized to Unicode NFC and runs of white space are collapsed before printing.
type Poster struct {
	// UnitName is the issuing party organization, printed upper-cased on top, e.g.
	// "Đảng ủy Sở Công Thương".
	UnitName string
	// Title is the large heading, e.g. "CHUẨN MỰC ĐẠO ĐỨC". Required.
	Title string
	// Subtitle is printed under the title, e.g. "của cán bộ, đảng viên, công chức, viên chức
	// Sở Công Thương theo tư tưởng, đạo đức, phong cách Hồ Chí Minh". May be empty.
	Subtitle string
	// Items are the lines of the standard in order; they are numbered "1.", "2.", … on the
	// poster, and a number already typed at the start of an item ("1. ", "2) ") is dropped.
	// Blank items are skipped; at least one is required.
	Items []string
	// Footer is printed small at the bottom, e.g. "(Ban hành kèm theo Quyết định số
	// 14-QĐ/ĐU ngày 16/4/2022 của Đảng ủy Sở)". May be empty.
	Footer string
}

// RenderPoster writes p as a one-page PDF whose page is exactly the frame f, ready to print
// and hang: a double dark-red border, the unit name, the title, the subtitle, the numbered
// items and the footer. Every size is proportional to the frame, so all frames of the same
// shape look alike. When the items do not fit, their font is made smaller step by step; if
// they do not fit even at the smallest readable size, RenderPoster returns an error wrapping
// ErrPosterTooLong and writes nothing. Text is never cut or drawn outside the border.
func RenderPoster(w io.Writer, p Poster, f Frame) error {
	pdf, l, err := compose(p, f)
	if err != nil {
		return err
	}
	pdf.AddPage()
	if err := l.draw(pdf); err != nil {
		return err
	}
	if _, err := pdf.WriteTo(w); err != nil {
		return fmt.Errorf("write poster: %w", err)
	}
	return nil
}

// compose checks and cleans p, starts a document with the fonts, and lays the poster out.
func compose(p Poster, f Frame) (*gopdf.GoPdf, *layout, error) {
	if err := f.validate(); err != nil {
		return nil, nil, err
	}
	p = cleanPoster(p)
	if p.Title == "" || len(p.Items) == 0 {
		return nil, nil, ErrEmptyPoster
	}

	pw, ph := points(f.WidthCM), points(f.HeightCM)
	pdf, missing, err := startPDF("poster", gopdf.Rect{W: pw, H: ph})
	if err != nil {
		return nil, nil, err
	}
	pdf.SetInfo(gopdf.PdfInfo{Title: p.Title, Subject: p.Subtitle, Author: p.UnitName, Creator: "lamtheobac"})

	l, err := layOut(pdf, p, pw, ph)
	if err != nil {
		return nil, nil, err
	}
	// Every glyph was looked up while measuring, so a missing one is known by now.
	if len(*missing) > 0 {
		return nil, nil, fmt.Errorf("%w: %q", ErrUnprintable, string(*missing))
	}
	return pdf, l, nil
}

// Colours of the poster.
const (
	darkRed rgb = 0xA01414 // border, unit name, title, item numbers: RGB 160, 20, 20
	ink     rgb = 0x191919 // body text
	grey    rgb = 0x464646 // footer
)

// Proportions of the layout, as fractions of the unit u = min(width, height×2/3), which is
// the width for the 2:3 portrait frames of the guide.
const (
	marginFrac     = 0.07   // page edge to outer border (of the width, as asked for)
	borderGap      = 0.009  // outer border to inner border
	outerLineFrac  = 0.0024 // outer border line width
	innerLineFrac  = 0.0008 // inner border line width
	paddingFrac    = 0.045  // inner border to text
	unitSizeFrac   = 0.027
	titleSizeFrac  = 0.066
	subSizeFrac    = 0.029
	footSizeFrac   = 0.019
	bodyMaxFrac    = 0.032 // items start at this size …
	bodyMinFrac    = 0.014 // … and may shrink to this one, no further
	bodyStepFrac   = 0.0005
	bodyLead       = 1.38 // line height / font size of the items
	bodyParaGap    = 0.55 // extra space between items, in body sizes
	headLead       = 1.3
	titleLead      = 1.3  // stacked marks above a capital and a dot below must not touch
	ascentFactor   = 1.02 // room above the baseline for Vietnamese capitals with stacked marks
	descentFactor  = 0.30 // room below the baseline
	minHeadGapFrac = 0.035
	minFootGapFrac = 0.025
)

// placed is one line of text positioned on the page: x is its left edge, y its baseline.
type placed struct {
	text string
	st   style
	x, y float64
}

// rule is a horizontal line.
type rule struct {
	x1, x2, y, width float64
}

// layout is everything drawn on the page.
type layout struct {
	outer, inner gopdf.Rect // sizes of the border rectangles
	outerX       float64    // left/top of the outer border
	innerX       float64
	outerLine    float64
	innerLine    float64
	lines        []placed
	rules        []rule
	diamonds     [][2]float64 // centres of the ornament diamonds
	diamondR     float64
	bodySize     float64
}

// layOut places all text, shrinking the items until they fit.
func layOut(pdf *gopdf.GoPdf, p Poster, pw, ph float64) (*layout, error) {
	u := math.Min(pw, ph*2/3)
	l := &layout{}
	margin := marginFrac * pw
	l.outerX = margin
	l.innerX = margin + borderGap*u
	l.outer = gopdf.Rect{W: pw - 2*margin, H: ph - 2*margin}
	l.inner = gopdf.Rect{W: pw - 2*l.innerX, H: ph - 2*l.innerX}
	l.outerLine = outerLineFrac * u
	l.innerLine = innerLineFrac * u

	left := l.innerX + paddingFrac*u
	right := pw - left
	top := l.innerX + paddingFrac*u
	bottom := ph - top
	textW := right - left

	// Header, from the top down.
	y := top
	if p.UnitName != "" {
		st := style{famBold, unitSizeFrac * u, darkRed}
		ls, err := centered(pdf, p.UnitName, st, left, textW, &y, headLead)
		if err != nil {
			return nil, err
		}
		l.lines = append(l.lines, ls...)
		// The short rule under the issuing body, as on Vietnamese official documents.
		rw := 0.22 * u
		y += 0.012 * u
		l.rules = append(l.rules, rule{pw/2 - rw/2, pw/2 + rw/2, y, 0.0012 * u})
		y += 0.035 * u
	}
	{
		st := style{famBold, titleSizeFrac * u, darkRed}
		// A title slightly too wide for one line is made smaller rather than broken.
		for st.size > 0.8*titleSizeFrac*u {
			tw, err := measure(pdf, p.Title, st)
			if err != nil {
				return nil, err
			}
			if tw <= textW {
				break
			}
			st.size -= 0.001 * u
		}
		ls, err := centered(pdf, p.Title, st, left, textW, &y, titleLead)
		if err != nil {
			return nil, err
		}
		l.lines = append(l.lines, ls...)
	}
	if p.Subtitle != "" {
		y += 0.012 * u
		st := style{famRegular, subSizeFrac * u, ink}
		ls, err := centered(pdf, p.Subtitle, st, left+0.04*u, textW-0.08*u, &y, headLead)
		if err != nil {
			return nil, err
		}
		l.lines = append(l.lines, ls...)
	}
	// Ornament: ——— ◆ ———
	y += 0.03 * u
	l.diamondR = 0.008 * u
	l.diamonds = append(l.diamonds, [2]float64{pw / 2, y})
	arm := 0.12 * u
	gap := 0.022 * u
	l.rules = append(l.rules,
		rule{pw/2 - gap - arm, pw/2 - gap, y, 0.0012 * u},
		rule{pw/2 + gap, pw/2 + gap + arm, y, 0.0012 * u})
	headEnd := y + l.diamondR

	// Items: the largest body size at which they fit between header and footer.
	// On a preset frame the items start at bodyMaxFrac of the width; a custom frame wider
	// than 2:3 may start a little larger, as its lines are longer.
	start := min(bodyMaxFrac*pw, 1.25*bodyMaxFrac*u)
	for size := start; size >= bodyMinFrac*u-1e-9; size -= bodyStepFrac * u {
		// The footer stays smaller than the items.
		foot, footTop, err := footerLines(pdf, p.Footer, min(footSizeFrac*u, 0.85*size), left, textW, bottom)
		if err != nil {
			return nil, err
		}
		avail := footTop - headEnd - minHeadGapFrac*u - minFootGapFrac*u
		items, height, err := itemLines(pdf, p.Items, size, bodyParaGap*size, left, textW, avail)
		if err != nil {
			return nil, err
		}
		if items == nil {
			continue // too tall at this size
		}
		// Room to spare: open up the space between items a little.
		if n := len(p.Items); n > 1 && avail > height {
			extra := min((avail-height)*0.4/float64(n-1), 0.5*size)
			// At most 40% of the free space is added, so the block still fits.
			if items, height, err = itemLines(pdf, p.Items, size, bodyParaGap*size+extra, left, textW, math.Inf(1)); err != nil {
				return nil, err
			}
		}
		// Centre the block in the free space, a little above the middle.
		free := avail - height
		y0 := headEnd + minHeadGapFrac*u + free*0.42
		for _, pl := range items {
			pl.y += y0
			l.lines = append(l.lines, pl)
		}
		l.lines = append(l.lines, foot...)
		l.bodySize = size
		return l, nil
	}
	return nil, fmt.Errorf("%w: %d items on a %.4gx%.4g cm frame, even at %.1f pt",
		ErrPosterTooLong, len(p.Items), pw*2.54/72, ph*2.54/72, bodyMinFrac*u)
}

// footerLines sets the footer centred at size (smaller, down to 80%, if that keeps it on one
// line) with its last line ending at bottom, and returns its lines and its top.
func footerLines(pdf *gopdf.GoPdf, footer string, size, left, textW, bottom float64) ([]placed, float64, error) {
	if footer == "" {
		return nil, bottom, nil
	}
	st := style{famRegular, size, grey}
	for st.size > 0.8*size {
		fw, err := measure(pdf, footer, st)
		if err != nil {
			return nil, 0, err
		}
		if fw <= textW {
			break
		}
		st.size -= 0.02 * size
	}
	h := 0.0
	ls, err := centered(pdf, footer, st, left, textW, &h, headLead)
	if err != nil {
		return nil, 0, err
	}
	top := bottom - h
	for k := range ls {
		ls[k].y += top
	}
	return ls, top, nil
}

// itemLines lays out the numbered items at body size size, paraGap apart, from y = 0, and returns the
// lines and the height of the block, or no lines as soon as the block gets taller than avail.
func itemLines(pdf *gopdf.GoPdf, items []string, size, paraGap, left, textW, avail float64) ([]placed, float64, error) {
	num := style{famBold, size, darkRed}
	body := style{famRegular, size, ink}
	// The hanging indent is the widest label plus a space, the same for every item.
	indent := 0.0
	for i := range items {
		wd, err := measure(pdf, label(i), num)
		if err != nil {
			return nil, 0, err
		}
		indent = math.Max(indent, wd)
	}
	indent += 0.55 * size
	var out []placed
	y := 0.0
	for i, it := range items {
		if i > 0 {
			y += paraGap
		}
		ls, err := balanced(pdf, it, body, textW-indent, false)
		if err != nil {
			return nil, 0, err
		}
		for j, s := range ls {
			base := y + ascentFactor*size + float64(j)*bodyLead*size
			if j == 0 {
				out = append(out, placed{label(i), num, left, base})
			}
			out = append(out, placed{s, body, left + indent, base})
		}
		y += ascentFactor*size + float64(len(ls)-1)*bodyLead*size + descentFactor*size
		if y > avail {
			return nil, y, nil
		}
	}
	return out, y, nil
}

// label is the number printed before item i (0-based).
func label(i int) string { return fmt.Sprintf("%d.", i+1) }

// centered wraps text to width and centres each line in [left, left+width]; *y is the top of
// the block on entry and its bottom on return.
func centered(pdf *gopdf.GoPdf, text string, st style, left, width float64, y *float64, lead float64) ([]placed, error) {
	ls, err := balanced(pdf, text, st, width, true)
	if err != nil {
		return nil, err
	}
	out := make([]placed, 0, len(ls))
	for j, s := range ls {
		wd, err := measure(pdf, s, st)
		if err != nil {
			return nil, err
		}
		base := *y + ascentFactor*st.size + float64(j)*lead*st.size
		out = append(out, placed{s, st, left + (width-wd)/2, base})
	}
	*y += ascentFactor*st.size + float64(len(ls)-1)*lead*st.size + descentFactor*st.size
	return out, nil
}

// draw paints the layout on the current page.
func (l *layout) draw(pdf *gopdf.GoPdf) error {
	pdf.SetStrokeColor(darkRed.parts())
	pdf.SetFillColor(darkRed.parts())
	pdf.SetLineWidth(l.outerLine)
	pdf.RectFromUpperLeft(l.outerX, l.outerX, l.outer.W, l.outer.H)
	pdf.SetLineWidth(l.innerLine)
	pdf.RectFromUpperLeft(l.innerX, l.innerX, l.inner.W, l.inner.H)
	for _, r := range l.rules {
		pdf.SetLineWidth(r.width)
		pdf.Line(r.x1, r.y, r.x2, r.y)
	}
	for _, d := range l.diamonds {
		x, y, r := d[0], d[1], l.diamondR
		pdf.Polygon([]gopdf.Point{{X: x, Y: y - r}, {X: x + r, Y: y}, {X: x, Y: y + r}, {X: x - r, Y: y}}, "F")
	}
	for _, pl := range l.lines {
		if err := pdf.SetFont(pl.st.family, "", pl.st.size); err != nil {
			return err
		}
		pdf.SetTextColor(pl.st.color.parts())
		pdf.SetXY(pl.x, pl.y)
		if err := pdf.Text(pl.text); err != nil {
			return fmt.Errorf("draw poster text: %w", err)
		}
	}
	return nil
}

// stripNumber removes a number typed at the start of an item ("1. ", "12) "), which the
// poster prints itself. "1.5 triệu" or "3-5 ngày" are left alone.
func stripNumber(s string) string {
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i+1 >= len(s) || (s[i] != '.' && s[i] != ')') || s[i+1] != ' ' {
		return s
	}
	return strings.TrimSpace(s[i+1:])
}

// cleanPoster normalizes every text of p: NFC, invisible format characters removed, white
// space collapsed, the unit name upper-cased, typed item numbers and blank items dropped.
func cleanPoster(p Poster) Poster {
	out := Poster{
		UnitName: strings.ToUpper(clean(p.UnitName)),
		Title:    clean(p.Title),
		Subtitle: clean(p.Subtitle),
		Footer:   clean(p.Footer),
	}
	for _, it := range p.Items {
		it = clean(it)
		it = stripNumber(it)
		if it != "" {
			out.Items = append(out.Items, it)
		}
	}
	return out
}
