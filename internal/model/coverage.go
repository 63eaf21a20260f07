package model

import (
	"context"
	"sort"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/org"
	"lamtheobac/internal/pagecursor"
)

// countingStates are the states in which a model counts toward a unit's yearly model.
func countingStates() []Status { return []Status{Registered, Approved, InProgress, Completed} }

// CoveragePage is one page of the units without a model for a year, with totals.
type CoveragePage struct {
	Year                        int
	Units                       []org.Unit // without a model, tree order
	Next                        string
	Total, WithModel, NoneCount int
}

// Coverage lists, for officers and inspectors, the committees and cells of the subtree of
// unitID without a registered model for year (Hướng dẫn BTG ĐUK 2021–2025 §IV.1,
// docs/sources.md: at least one a year each).
func (s *Service) Coverage(ctx context.Context, unitID uuid.UUID, year, limit int, cursor string) (CoveragePage, error) {
	root, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return CoveragePage{}, err
	}
	if err := access.FromContext(ctx).Authorize(access.ReadCoverage, root.Path); err != nil {
		return CoveragePage{}, err
	}
	units, err := s.store.SubtreeUnits(ctx, root.Path)
	if err != nil {
		return CoveragePage{}, err
	}
	with, err := s.store.UnitsWithModel(ctx, root.Path, year, countingStates())
	if err != nil {
		return CoveragePage{}, err
	}
	after, err := pagecursor.Decode(cursor)
	if err != nil {
		return CoveragePage{}, err
	}
	sort.Slice(units, func(i, j int) bool { return units[i].Path < units[j].Path })
	page := CoveragePage{Year: year, Units: []org.Unit{}}
	for _, u := range units {
		if u.Kind.Directs() {
			continue // provinces and blocs direct; the units under them carry models out
		}
		page.Total++
		if with[u.ID] {
			page.WithModel++
			continue
		}
		page.NoneCount++
		if u.Path <= after {
			continue
		}
		if len(page.Units) == limit {
			if page.Next == "" {
				page.Next = pagecursor.Encode(page.Units[len(page.Units)-1].Path)
			}
			continue
		}
		page.Units = append(page.Units, u)
	}
	return page, nil
}
