package member

import (
	"bytes"
	"context"
	"math"
	"strconv"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/export"
	"lamtheobac/internal/org"
	"lamtheobac/internal/pagecursor"
)

// CoverageStore reads the cells of a subtree and counts a year's commitments.
type CoverageStore interface {
	// CoverageCells returns, in tree order (paths in byte order), at most limit of the units of
	// the subtree at path that hold members and are not archived, those after the path after.
	CoverageCells(ctx context.Context, path, after string, limit int) ([]org.Unit, error)
	// CountsOfUnits counts the members and the commitments of year of each of the units (units
	// without members are absent).
	CountsOfUnits(ctx context.Context, units []uuid.UUID, year int) (map[uuid.UUID]Counts, error)
}

// CoverageRow is one cell of a coverage report.
type CoverageRow struct {
	Unit   org.Unit
	Counts Counts
}

// CoveragePage is a page of the cells of a subtree in tree order, with totals over all of it.
type CoveragePage struct {
	Root   org.Unit // the unit the totals are of
	Rows   []CoverageRow
	Totals Counts
	Next   string
}

// Coverage reports, for those who read the members of a subtree, how far each cell's members
// went in year: members, with a commitment, accepted, self-assessed, reviewed, classified (the
// completeness of the report rounds, per cell), paged in tree order. Only the page's cells are
// read and counted one by one; the totals are the subtree's aggregates (CountClasses), so a
// page at a bloc of 6,000 cells costs what a page at a committee does, plus two index scans.
func (s *Service) Coverage(ctx context.Context, unitID uuid.UUID, year, limit int, cursor string) (CoveragePage, error) {
	root, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return CoveragePage{}, err
	}
	if !p.Can(access.ReadMembers, root.Path) {
		return CoveragePage{}, apperr.ErrForbidden
	}
	after, err := pagecursor.Decode(cursor)
	if err != nil {
		return CoveragePage{}, err
	}
	units, err := s.store.CoverageCells(ctx, root.Path, after, limit+1)
	if err != nil {
		return CoveragePage{}, err
	}
	page := CoveragePage{Root: root, Rows: []CoverageRow{}}
	if len(units) > limit {
		units = units[:limit]
		page.Next = pagecursor.Encode(units[len(units)-1].Path)
	}
	ids := make([]uuid.UUID, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	counts, err := s.store.CountsOfUnits(ctx, ids, year)
	if err != nil {
		return CoveragePage{}, err
	}
	for _, u := range units {
		c := counts[u.ID]
		if c.ByClass == nil {
			c.ByClass = map[Class]int{}
		}
		page.Rows = append(page.Rows, CoverageRow{Unit: u, Counts: c})
	}
	if page.Totals, err = s.store.CountClasses(ctx, root.Path, year); err != nil {
		return CoveragePage{}, err
	}
	return page, nil
}

// CoverageXLSX is the whole coverage of year in a subtree as a spreadsheet (the cells, then the
// totals), for offices that consolidate by hand; and its file name.
func (s *Service) CoverageXLSX(ctx context.Context, unitID uuid.UUID, year int) ([]byte, string, error) {
	page, err := s.Coverage(ctx, unitID, year, math.MaxInt32, "")
	if err != nil {
		return nil, "", err
	}
	y := strconv.Itoa(year)
	t := export.ReportTable{Title: "Đảng viên đăng ký, tự đánh giá và xếp loại năm " + y,
		Headers: []string{"Chi bộ", "Đảng viên", "Đã đăng ký", "Được chấp nhận", "Đã tự đánh giá", "Chi bộ đã nhận xét", "Đã xếp loại",
			"Hoàn thành xuất sắc", "Hoàn thành tốt", "Hoàn thành", "Không hoàn thành"}}
	row := func(name string, c Counts) []string {
		out := []string{name}
		for _, n := range []int{c.Members, c.Committed, c.Accepted, c.SelfAssessed, c.Reviewed, c.Classified,
			c.ByClass[Excellent], c.ByClass[Good], c.ByClass[Completed], c.ByClass[NotCompleted]} {
			out = append(out, strconv.Itoa(n))
		}
		return out
	}
	for _, r := range page.Rows {
		t.Rows = append(t.Rows, row(r.Unit.Name, r.Counts))
	}
	t.Rows = append(t.Rows, row("Tổng cộng", page.Totals))
	doc := export.ReportDoc{UnitName: page.Root.Name, Title: "Tiến độ đăng ký, đánh giá, xếp loại đảng viên năm " + y,
		Date: s.now(), Tables: []export.ReportTable{t}}
	var buf bytes.Buffer
	if err := export.WriteReportXLSX(&buf, doc); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), "dang-vien-" + page.Root.Code + "-" + y + ".xlsx", nil
}
