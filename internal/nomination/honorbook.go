package nomination

import (
	"bytes"
	"context"
	"fmt"

	"github.com/google/uuid"

	"lamtheobac/internal/export"
	"lamtheobac/internal/org"
	"lamtheobac/internal/vntime"
)

// maxBookEntries bounds a book: a bloc honors some thousands of exemplars over the years.
const maxBookEntries = 20000

// HonorBook renders a readable unit's sổ ghi danh (Kế hoạch 185-KH/ĐU §II.5) as a PDF: everything
// honored in the unit or below it, whoever decided, for one year or all (year 0). The same
// readers as the roll; it returns the file and its name.
func (s *Service) HonorBook(ctx context.Context, unitID uuid.UUID, year int) ([]byte, string, error) {
	entries, _, err := s.HonorRoll(ctx, unitID, true, year, maxBookEntries, "")
	if err != nil {
		return nil, "", err
	}
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return nil, "", err
	}
	parent := u.Name
	if u.ParentID != nil {
		pu, err := s.store.GetUnit(ctx, *u.ParentID)
		if err != nil {
			return nil, "", err
		}
		parent = pu.Name
	}
	place, err := org.PlaceOf(ctx, s.store, u)
	if err != nil {
		return nil, "", err
	}
	b := export.HonorBook{UnitName: u.Name, ParentName: parent, Place: place, Date: vntime.Date(s.now()), Years: "Các năm"}
	if year != 0 {
		b.Years = fmt.Sprintf("Năm %d", year)
	}
	for _, e := range entries {
		line := export.HonorBookEntry{Year: e.Year, Number: e.Number, SubjectName: e.SubjectName, SubjectKind: "Tập thể",
			HonoredBy: e.Unit.Name, HonoredOn: vntime.Date(e.HonoredAt)}
		if e.SubjectKind == Individual {
			line.SubjectKind = "Cá nhân"
		}
		if e.SubjectUnit != nil {
			line.SubjectUnit = e.SubjectUnit.Name
		}
		if d := e.Decision; d != nil {
			line.Decision = fmt.Sprintf("%s, số %s ngày %s của %s", d.Form, d.Number, d.Date.Format("02/01/2006"), d.Authority)
		}
		b.Entries = append(b.Entries, line)
	}
	var buf bytes.Buffer
	if err := export.WriteHonorBookPDF(&buf, b); err != nil {
		return nil, "", err
	}
	name := "so-ghi-danh-" + u.Code
	if year != 0 {
		name += fmt.Sprintf("-%d", year)
	}
	return buf.Bytes(), name + ".pdf", nil
}
