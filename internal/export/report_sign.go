package export

// The signature block of the report PDF, as party documents end: "Nơi nhận:" with its list
// on the left, the capacity, the signer's title, room to sign and the name on the right, the
// whole block kept on one page.

// signature draws d.Signature under the narrative (nothing without one).
func (r *reportPDF) signature(d ReportDoc) error {
	s := d.Signature
	if s == nil {
		return nil
	}
	head := style{famBold, repBodySize - 0.5, repInk}
	item := style{famRegular, repBodySize - 1.5, repInk}
	sign := style{famBold, repBodySize, repInk}
	leftW := 0.46 * repWidth
	rightX, rightW := repLeft+0.48*repWidth, 0.52*repWidth
	const room = 62.0 // for the hand signature (and the seal)

	// Measure both columns to keep the block together.
	var left []string
	for _, l := range s.recipientLines() {
		ls, err := wrap(r.pdf, l, item, leftW)
		if err != nil {
			return err
		}
		left = append(left, ls...)
	}
	var right [][]string
	for _, l := range []string{clean(s.OnBehalf), clean(s.Title)} {
		ls, err := balanced(r.pdf, l, sign, rightW, true)
		if err != nil {
			return err
		}
		right = append(right, ls)
	}
	leftH := lineH(head.size) + float64(len(left))*lineH(item.size)
	rightH := room + lineH(sign.size)
	for _, ls := range right {
		rightH += float64(len(ls)) * lineH(sign.size)
	}
	r.y += 14
	r.ensure(max(leftH, rightH))
	top := r.y

	if len(left) > 0 {
		if err := r.text("Nơi nhận:", head, repLeft, r.y); err != nil {
			return err
		}
		r.y += lineH(head.size)
		for _, l := range left {
			if err := r.text(l, item, repLeft, r.y); err != nil {
				return err
			}
			r.y += lineH(item.size)
		}
	}
	leftEnd := r.y

	r.y = top
	for _, ls := range right {
		for _, l := range ls {
			if err := r.textIn(l, sign, rightX, rightW, r.y, 'c'); err != nil {
				return err
			}
			r.y += lineH(sign.size)
		}
	}
	r.y += room
	if n := clean(s.Name); n != "" {
		if err := r.textIn(n, sign, rightX, rightW, r.y, 'c'); err != nil {
			return err
		}
	}
	r.y = max(r.y+lineH(sign.size), leftEnd)
	return nil
}
