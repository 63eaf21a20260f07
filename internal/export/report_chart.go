package export

// The horizontal bar chart of the report PDF and its value axis.

import "math"

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
