package export

// This file holds the periodic report (báo cáo định kỳ) on the work of Directive 05-CT/TW as
// a document (ReportDoc) and what its two renderings share: an A4 PDF with the party-document
// letterhead, bordered tables, a horizontal bar chart and the narrative sections
// (report_pdf.go, report_table.go, report_chart.go), and the same content as an XLSX
// workbook (report_xlsx.go).

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ReportDoc is a periodic report ready to print. Text fields are plain text; they are
// normalized to Unicode NFC before they are written.
type ReportDoc struct {
	UnitName   string           // "Chi bộ Văn phòng", printed "Đơn vị: …" top left
	ParentName string           // "Đảng ủy Sở Công Thương", printed upper-cased top left
	Title      string           // "BÁO CÁO Kết quả thực hiện Chỉ thị 05-CT/TW 6 tháng đầu năm 2026"
	Period     string           // "Từ 01/01/2026 đến 30/06/2026"
	Place      string           // the unit's place, printed before the date ("Trà Vinh, ngày …"); "" leaves a dotted blank
	Date       time.Time        // signing date, printed "…, ngày 15 tháng 7 năm 2026"; zero leaves blanks
	Status     string           // "Đã nộp 12/07/2026" or "Dự thảo", printed small under the title
	Tables     []ReportTable    // the figures, in print order
	Chart      ReportChart      // one bar chart, e.g. models by category; skipped without bars
	Sections   []ReportSection  // the narrative, in print order
	Signature  *ReportSignature // the signature block after the narrative; nil prints none
}

// ReportSignature is the signature block of a party report: "Nơi nhận:" and its list on the
// left; on the right the capacity ("T/M CHI BỘ"), the signer's title ("BÍ THƯ"), room for
// the hand signature, and the signer's name (left blank when empty).
type ReportSignature struct {
	Recipients []string
	OnBehalf   string
	Title      string
	Name       string
}

// recipientLines are the lines under "Nơi nhận:", each led by a dash as the documents print
// them.
func (s ReportSignature) recipientLines() []string {
	var out []string
	for _, r := range s.Recipients {
		if r = clean(r); r != "" {
			out = append(out, "- "+strings.TrimPrefix(strings.TrimPrefix(r, "-"), " "))
		}
	}
	return out
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
	f := Form{ParentName: d.ParentName, UnitName: d.UnitName, Place: d.Place, Date: d.Date}
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
