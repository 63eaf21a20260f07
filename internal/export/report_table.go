package export

// The tables of the report PDF: column widths from the text, the shaded header row repeated
// on every page a table runs onto, rows kept whole where a page allows.

import "strings"

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
