package export

// The signature block of the report PDF, as party documents end: "Nơi nhận:" with its list
// on the left, the capacity, the signer's title, room to sign and the name on the right, the
// whole block kept on one page, and never alone on it: the narrative's last lines go with it.

// signatureBlock is the signature block measured: its two columns' lines and the height it
// needs, so the narrative can keep its last lines on the block's page.
type signatureBlock struct {
	left   []string   // "Nơi nhận:"'s list, wrapped
	right  [][]string // the capacity and the title, each balanced over its lines
	name   string
	height float64 // from the end of the narrative to the block's last line
}

// Styles and geometry of the signature block.
var (
	signHead  = style{famBold, repBodySize - 0.5, repInk}
	signItem  = style{famRegular, repBodySize - 1.5, repInk}
	signStyle = style{famBold, repBodySize, repInk}
)

const (
	signGap  = 14.0 // between the narrative and the block
	signRoom = 62.0 // for the hand signature (and the seal)
)

// measureSignature lays out d.Signature (nil without one) before anything is drawn: sections
// needs its height to keep the narrative's last lines with it.
func (r *reportPDF) measureSignature(d ReportDoc) error {
	s := d.Signature
	if s == nil {
		return nil
	}
	leftW, rightW := 0.46*repWidth, 0.52*repWidth
	b := &signatureBlock{name: clean(s.Name)}
	for _, l := range s.recipientLines() {
		ls, err := wrap(r.pdf, l, signItem, leftW)
		if err != nil {
			return err
		}
		b.left = append(b.left, ls...)
	}
	for _, l := range []string{clean(s.OnBehalf), clean(s.Title)} {
		ls, err := balanced(r.pdf, l, signStyle, rightW, true)
		if err != nil {
			return err
		}
		b.right = append(b.right, ls)
	}
	leftH := lineH(signHead.size) + float64(len(b.left))*lineH(signItem.size)
	rightH := signRoom + lineH(signStyle.size)
	for _, ls := range b.right {
		rightH += float64(len(ls)) * lineH(signStyle.size)
	}
	b.height = signGap + max(leftH, rightH)
	r.sign = b
	return nil
}

// signature draws the measured block under the narrative. sections has kept the narrative's
// last lines on the page the block goes to, so a page never holds the signature alone.
func (r *reportPDF) signature(ReportDoc) error {
	b := r.sign
	if b == nil {
		return nil
	}
	rightX, rightW := repLeft+0.48*repWidth, 0.52*repWidth
	r.y += signGap
	r.ensure(b.height - signGap)
	top := r.y

	if len(b.left) > 0 {
		if err := r.text("Nơi nhận:", signHead, repLeft, r.y); err != nil {
			return err
		}
		r.y += lineH(signHead.size)
		for _, l := range b.left {
			if err := r.text(l, signItem, repLeft, r.y); err != nil {
				return err
			}
			r.y += lineH(signItem.size)
		}
	}
	leftEnd := r.y

	r.y = top
	for _, ls := range b.right {
		for _, l := range ls {
			if err := r.textIn(l, signStyle, rightX, rightW, r.y, 'c'); err != nil {
				return err
			}
			r.y += lineH(signStyle.size)
		}
	}
	r.y += signRoom
	if b.name != "" {
		if err := r.textIn(b.name, signStyle, rightX, rightW, r.y, 'c'); err != nil {
			return err
		}
	}
	r.y = max(r.y+lineH(signStyle.size), leftEnd)
	return nil
}
