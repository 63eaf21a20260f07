package export

// This file holds what the XLSX workbooks (the report and the forms) share: the page setup
// for printing, cell borders, and the estimates of how text wraps in a cell, from which row
// heights are set.

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// xlsxPage is how a sheet prints: on A4, one page wide and as many tall as it needs, centred,
// "Trang N/M" at the bottom. Margins are in inches.
type xlsxPage struct {
	orientation     string // "portrait" or "landscape"
	side, topBottom float64
}

// The two page setups: the forms' wide tables print landscape, the report portrait.
var (
	formPage   = xlsxPage{orientation: "landscape", side: 0.5, topBottom: 0.6}
	reportPage = xlsxPage{orientation: "portrait", side: 0.6, topBottom: 0.7}
)

// xlsxPageSetup sets the print options of sheet to p.
func xlsxPageSetup(x *excelize.File, sheet string, p xlsxPage) error {
	fit := true
	if err := x.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	a4, orientation, oneWide, anyTall := 9, p.orientation, 1, 0
	if err := x.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &orientation, FitToWidth: &oneWide, FitToHeight: &anyTall,
	}); err != nil {
		return err
	}
	side, topBottom, hf, centered := p.side, p.topBottom, 0.3, true
	if err := x.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &topBottom, Bottom: &topBottom,
		Header: &hf, Footer: &hf, Horizontally: &centered,
	}); err != nil {
		return err
	}
	return x.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&CTrang &P/&N"})
}

// formFontSpec is the font of a cell style, kept because row heights are estimated from it.
type formFontSpec struct {
	size         float64
	bold, italic bool
	underline    string
}

// formStyle is a cell style registered in the workbook, with its font.
type formStyle struct {
	id   int
	font formFontSpec
}

// thinBorder is a thin black line on every side of a cell.
func thinBorder() []excelize.Border {
	return []excelize.Border{
		{Type: "left", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1},
		{Type: "bottom", Color: "000000", Style: 1},
	}
}

// formEm is a rough advance width of r in Times New Roman, in ems.
func formEm(r rune, bold bool) float64 {
	var w float64
	switch {
	case r == ' ':
		w = 0.25
	case unicode.IsUpper(r):
		w = 0.70
	case unicode.IsDigit(r):
		w = 0.5
	case unicode.IsLetter(r):
		w = 0.46
	default:
		w = 0.35
	}
	if bold {
		w *= 1.07
	}
	return w
}

// formLines estimates how many lines text wraps to in a cell width units wide. Spreadsheets
// do not auto-fit merged cells, and LibreOffice does not auto-fit the rows of an XLSX file
// at all, so without an estimate wrapped text would be cut off or overlap on paper. The
// estimate errs on the generous side: a little white space is better than a lost line.
func formLines(text string, width float64, ft formFontSpec) int {
	// The width unit is the digit "0" (0.5 em) of the default font; a cell loses about one
	// unit to its padding.
	unit := 0.5 * formDefaultSize / ft.size // one unit, in ems of this font
	avail := (width - 1) * unit
	space := formEm(' ', ft.bold)
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		n, used := 1, 0.0
		for _, word := range strings.Fields(para) {
			w := 0.0
			for _, r := range word {
				w += formEm(r, ft.bold)
			}
			if used > 0 && used+space+w <= avail {
				used += space + w
				continue
			}
			if used > 0 {
				n++
			}
			for w > avail { // a word longer than the line is broken
				n++
				w -= avail
			}
			used = w
		}
		lines += n
	}
	return lines
}

// formRowHeight is the height in points of a row whose tallest cell has the given lines:
// 1.3 times the font size per line is what Excel gives one line of Times New Roman, rounded
// up to the quarter point Excel itself stores.
func formRowHeight(lines int, ft formFontSpec) float64 {
	return min(formMaxRowHeight, math.Ceil((float64(lines)*ft.size*1.3+4)*4)/4)
}

// formCheckLen reports a cell too long for a spreadsheet.
func formCheckLen(row int, col string, s string) error {
	n := 0
	for _, r := range s {
		n += max(1, utf16.RuneLen(r))
	}
	if n > formMaxCellChars {
		return fmt.Errorf("%w: row %d, %s has %d characters, a spreadsheet cell holds %d",
			ErrInvalidForm, row, col, n, formMaxCellChars)
	}
	return nil
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
