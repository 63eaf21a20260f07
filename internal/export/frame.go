package export

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Frame limits, in centimetres, for each side of a custom frame.
const (
	// MinFrameSideCM is the smallest accepted frame side.
	MinFrameSideCM = 10
	// MaxFrameSideCM is the largest accepted frame side.
	MaxFrameSideCM = 300
)

// ErrInvalidFrame is returned (wrapped) by ParseFrame and RenderPoster for a frame that is
// malformed or whose sides are outside [MinFrameSideCM, MaxFrameSideCM].
var ErrInvalidFrame = errors.New("invalid frame size")

// Frame is the inside size of the frame a poster is printed for, in centimetres, width first.
// Hướng dẫn 14-QĐ/ĐU (docs/sources.md, "Kích thước khung") names the portrait sizes 40x60,
// 50x75 and 60x90; any other size between MinFrameSideCM and MaxFrameSideCM per side is a
// custom frame.
type Frame struct {
	WidthCM, HeightCM float64
}

// ParseFrame parses a frame size written "WxH" in centimetres: the presets "40x60", "50x75",
// "60x90" or any custom size such as "42x59.4". The separator may be "x", "X" or "×", spaces
// around the numbers and a trailing "cm" are ignored. Each side must lie between
// MinFrameSideCM and MaxFrameSideCM; anything else is an error wrapping ErrInvalidFrame.
func ParseFrame(s string) (Frame, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.TrimSpace(strings.TrimSuffix(t, "cm"))
	t = strings.ReplaceAll(t, "×", "x")
	w, h, ok := strings.Cut(t, "x")
	if !ok {
		return Frame{}, fmt.Errorf("%w: %q: want WxH in cm, e.g. 60x90", ErrInvalidFrame, s)
	}
	wcm, err1 := parseSide(w)
	hcm, err2 := parseSide(h)
	if err1 != nil || err2 != nil {
		return Frame{}, fmt.Errorf("%w: %q: want WxH in cm, e.g. 60x90", ErrInvalidFrame, s)
	}
	f := Frame{WidthCM: wcm, HeightCM: hcm}
	if err := f.validate(); err != nil {
		return Frame{}, err
	}
	return f, nil
}

// parseSide parses one side of a frame: a plain decimal number, optionally followed by "cm".
func parseSide(s string) (float64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "cm"))
	if s == "" || strings.ContainsAny(s, "+-eEnNiI_") { // no signs, exponents, NaN, Inf or 1_0
		return 0, errors.New("not a plain number")
	}
	return strconv.ParseFloat(s, 64)
}

// validate reports whether both sides are finite and within the accepted range.
func (f Frame) validate() error {
	for _, v := range []float64{f.WidthCM, f.HeightCM} {
		if math.IsNaN(v) || v < MinFrameSideCM || v > MaxFrameSideCM {
			return fmt.Errorf("%w: %gx%g cm: each side must be %d–%d cm",
				ErrInvalidFrame, f.WidthCM, f.HeightCM, MinFrameSideCM, MaxFrameSideCM)
		}
	}
	return nil
}

// String returns the frame as "WxH" in centimetres, e.g. "60x90", the form ParseFrame reads.
func (f Frame) String() string {
	return strconv.FormatFloat(f.WidthCM, 'f', -1, 64) + "x" + strconv.FormatFloat(f.HeightCM, 'f', -1, 64)
}

// points converts centimetres to PDF points (1 pt = 1/72 inch).
func points(cm float64) float64 { return cm * 72 / 2.54 }
