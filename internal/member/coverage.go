package member

import (
	"context"
	"sort"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/pagecursor"
)

// CoverageStore counts a year's commitments per cell of a subtree.
type CoverageStore interface {
	SubtreeUnits(ctx context.Context, path string) ([]org.Unit, error)
	// CountsByUnit counts the members and the commitments of year of each cell of the subtree at
	// path (cells without members are absent).
	CountsByUnit(ctx context.Context, path string, year int) (map[uuid.UUID]Counts, error)
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
// completeness of the report rounds, per cell), paged in tree order.
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
	units, err := s.store.SubtreeUnits(ctx, root.Path)
	if err != nil {
		return CoveragePage{}, err
	}
	counts, err := s.store.CountsByUnit(ctx, root.Path, year)
	if err != nil {
		return CoveragePage{}, err
	}
	sort.Slice(units, func(i, j int) bool { return units[i].Path < units[j].Path })
	page := CoveragePage{Root: root, Rows: []CoverageRow{}, Totals: Counts{ByClass: map[Class]int{}}}
	for _, u := range units {
		if !HoldsMembers(u.Kind) {
			continue
		}
		c := counts[u.ID]
		if c.ByClass == nil {
			c.ByClass = map[Class]int{}
		}
		page.Totals.add(c)
		if u.Path <= after || page.Next != "" {
			continue
		}
		if len(page.Rows) == limit {
			page.Next = pagecursor.Encode(page.Rows[len(page.Rows)-1].Unit.Path)
			continue
		}
		page.Rows = append(page.Rows, CoverageRow{Unit: u, Counts: c})
	}
	return page, nil
}

// add sums o into c.
func (c *Counts) add(o Counts) {
	c.Members += o.Members
	c.Committed += o.Committed
	c.Accepted += o.Accepted
	c.SelfAssessed += o.SelfAssessed
	c.Reviewed += o.Reviewed
	c.Classified += o.Classified
	for k, v := range o.ByClass {
		c.ByClass[k] += v
	}
}
