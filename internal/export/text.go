package export

// This file holds what the poster and the report PDF share: the embedded fonts, colours and
// text styles, and the text primitives (measure, wrap, balanced, clean).

import (
	"embed"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/signintech/gopdf"
	"golang.org/x/text/unicode/norm"
)

// fontFS holds the DejaVu Serif fonts (see fonts/LICENSE-DejaVu.txt), which cover every
// Vietnamese letter and tone mark. It is a package variable only because //go:embed can
// initialize nothing else; it is read-only, so it is a constant in all but syntax.
//
//go:embed fonts/DejaVuSerif.ttf fonts/DejaVuSerif-Bold.ttf
var fontFS embed.FS

// Font families registered with gopdf, and the files they come from.
const (
	famRegular  = "DejaVuSerif"
	famBold     = "DejaVuSerif-Bold"
	fileRegular = "fonts/DejaVuSerif.ttf"
	fileBold    = "fonts/DejaVuSerif-Bold.ttf"
)

// startPDF starts a document with pages of size page and both fonts registered. Every
// character the fonts lack is appended to the returned slice as text is measured or drawn,
// so that once a document is laid out, a non-empty slice means it cannot be printed (and the
// caller returns ErrUnprintable). what names the document in errors: "poster", "report".
func startPDF(what string, page gopdf.Rect) (*gopdf.GoPdf, *[]rune, error) {
	missing := new([]rune)
	onMissing := func(r rune) {
		if !slices.Contains(*missing, r) {
			*missing = append(*missing, r)
		}
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: page})
	for _, fnt := range []struct{ family, file string }{{famRegular, fileRegular}, {famBold, fileBold}} {
		data, err := fontFS.ReadFile(fnt.file)
		if err != nil {
			return nil, nil, fmt.Errorf("%s font: %w", what, err)
		}
		if data, err = flattenComposites(data); err != nil {
			return nil, nil, fmt.Errorf("%s font %s: %w", what, fnt.family, err)
		}
		if err := pdf.AddTTFFontDataWithOption(fnt.family, data, gopdf.TtfOption{OnGlyphNotFound: onMissing}); err != nil {
			return nil, nil, fmt.Errorf("%s font %s: %w", what, fnt.family, err)
		}
	}
	return pdf, missing, nil
}

// rgb is a colour written 0xRRGGBB, so that colours can be constants.
type rgb uint32

// parts returns the red, green and blue components of c.
func (c rgb) parts() (r, g, b uint8) { return uint8(c >> 16), uint8(c >> 8), uint8(c) }

// style is a font, a size and a colour.
type style struct {
	family string
	size   float64
	color  rgb
}

// balanced wraps text in as few lines as wrap needs at width, but chooses the breaks the way
// a typesetter would (a small optimal line breaking over the word boundaries): for a centred
// heading, lines of even length broken after a comma or semicolon where possible; for body
// text, an even right edge and no word left alone on the last line.
func balanced(pdf *gopdf.GoPdf, text string, st style, width float64, centred bool) ([]string, error) {
	greedy, err := wrap(pdf, text, st, width)
	if err != nil || len(greedy) < 2 {
		return greedy, err
	}
	words := strings.Fields(text)
	n, lines := len(words), len(greedy)
	segW := make([][]float64, n+1) // segW[i][j]: width of words[i:j] set on one line
	for i := range n {
		segW[i] = make([]float64, n+1)
		for j := i + 1; j <= n; j++ {
			if j > i+1 && segW[i][j-1] > width {
				segW[i][j] = math.Inf(1) // longer segments only get wider
				continue
			}
			if segW[i][j], err = measure(pdf, strings.Join(words[i:j], " "), st); err != nil {
				return nil, err
			}
		}
	}
	for i := range n {
		if segW[i][i+1] > width {
			return greedy, nil // a word wider than the line: wrap breaks it
		}
	}
	target, phrase := width, 0.015
	if centred {
		target, phrase = min(width, segW[0][n]/float64(lines)), 0.05
	}
	lineCost := func(i, j int, last bool) float64 {
		w := segW[i][j]
		if w > width {
			return math.Inf(1)
		}
		short := math.Abs(target-w) / target
		switch {
		case last && centred:
			return math.Pow(max(0, short-0.3), 2)
		case last && (j-i < 2 || w < 0.12*width):
			return 0.3 // a widow
		case last:
			return 0
		}
		c := short * short
		if !strings.ContainsAny(words[j-1][len(words[j-1])-1:], ",;:.") {
			c += phrase // a break inside a phrase
		}
		return c
	}
	// cost[k][j]: best cost of setting words[:j] in k lines; from[k][j]: where line k starts.
	cost := make([][]float64, lines+1)
	from := make([][]int, lines+1)
	for k := range cost {
		cost[k] = make([]float64, n+1)
		from[k] = make([]int, n+1)
		for j := range cost[k] {
			cost[k][j] = math.Inf(1)
		}
	}
	cost[0][0] = 0
	for k := 1; k <= lines; k++ {
		for j := k; j <= n; j++ {
			for i := k - 1; i < j; i++ {
				if c := cost[k-1][i] + lineCost(i, j, k == lines); c < cost[k][j] {
					cost[k][j], from[k][j] = c, i
				}
			}
		}
	}
	if math.IsInf(cost[lines][n], 1) {
		return greedy, nil
	}
	out := make([]string, lines)
	for k, j := lines, n; k > 0; k-- {
		i := from[k][j]
		out[k-1] = strings.Join(words[i:j], " ")
		j = i
	}
	return out, nil
}

// wrap breaks text into lines no wider than width, between words; a word longer than a whole
// line is broken between letters so nothing is ever lost or drawn past the edge.
func wrap(pdf *gopdf.GoPdf, text string, st style, width float64) ([]string, error) {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(text) {
		cand := word
		if cur != "" {
			cand = cur + " " + word
		}
		wd, err := measure(pdf, cand, st)
		if err != nil {
			return nil, err
		}
		if wd <= width {
			cur = cand
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		cur = word
		// Break an overlong word.
		for {
			wd, err := measure(pdf, cur, st)
			if err != nil {
				return nil, err
			}
			if wd <= width {
				break
			}
			rs := []rune(cur)
			n := len(rs) - 1
			for n > 1 {
				wd, err := measure(pdf, string(rs[:n]), st)
				if err != nil {
					return nil, err
				}
				if wd <= width {
					break
				}
				n--
			}
			lines = append(lines, string(rs[:n]))
			cur = string(rs[n:])
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines, nil
}

// measure returns the width of text in style st, in points.
func measure(pdf *gopdf.GoPdf, text string, st style) (float64, error) {
	if err := pdf.SetFont(st.family, "", st.size); err != nil {
		return 0, err
	}
	return pdf.MeasureTextWidth(text)
}

// clean returns s in NFC with format characters (zero-width spaces, soft hyphens, BOMs)
// removed and all white space runs, line breaks included, turned into single spaces.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, norm.NFC.String(s))
	return strings.Join(strings.Fields(s), " ")
}
