package export

// This file renders the honor roll book (sổ ghi danh) of Kế hoạch 185-KH/ĐU §II.5
// (docs/sources.md): every collective and person honored in a unit or below it, as an A4 book
// set with the report's letterhead and the fonts the poster and the report share (text.go).

import (
	"io"
	"strconv"
	"time"
)

// HonorBookEntry is one line of the book.
type HonorBookEntry struct {
	Year        int
	Number      int    // in the roll of the unit that decided it
	SubjectName string // the collective or the person
	SubjectKind string // "Tập thể" or "Cá nhân"
	SubjectUnit string // where the subject sits
	HonoredBy   string // the deciding unit
	Decision    string // "Giấy khen, số 125-QĐ/ĐUK ngày 19/05/2026 của Ban Thường vụ Đảng ủy Khối"; "" when none
	HonoredOn   time.Time
}

// HonorBook is a unit's book.
type HonorBook struct {
	UnitName, ParentName, Place string
	Date                        time.Time // printed on the date line
	Years                       string    // "Năm 2026" or "Các năm"
	Entries                     []HonorBookEntry
}

// WriteHonorBookPDF writes the book as an A4 portrait PDF: the letterhead, the title, and one
// table of the entries (its header repeated on every page it runs onto), numbered in order.
// Errors as WriteReportPDF's; nothing is written to w on error.
func WriteHonorBookPDF(w io.Writer, b HonorBook) error {
	rows := make([][]string, len(b.Entries))
	for i, e := range b.Entries {
		decision := e.Decision
		if decision == "" {
			decision = "—"
		}
		rows[i] = []string{strconv.Itoa(i + 1), e.SubjectKind + ": " + e.SubjectName, e.SubjectUnit, e.HonoredBy + " (số " + strconv.Itoa(e.Number) + "/" + strconv.Itoa(e.Year) + ")",
			decision, e.HonoredOn.Format("02/01/2006")}
	}
	table := ReportTable{Title: "Danh sách tập thể, cá nhân được ghi danh",
		Headers: []string{"STT", "Tập thể, cá nhân", "Đơn vị", "Cấp ghi danh (số trong sổ)", "Quyết định khen thưởng", "Ngày ghi danh"}, Rows: rows}
	if len(rows) == 0 {
		table.Rows = [][]string{{"", "Chưa có tập thể, cá nhân nào được ghi danh.", "", "", "", ""}}
	}
	return WriteReportPDF(w, ReportDoc{UnitName: b.UnitName, ParentName: b.ParentName, Place: b.Place, Date: b.Date,
		Title:  "SỔ GHI DANH điển hình tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
		Period: b.Years, Status: strconv.Itoa(len(b.Entries)) + " tập thể, cá nhân", Tables: []ReportTable{table}})
}
