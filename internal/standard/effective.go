package standard

import (
	"context"
	"sort"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/pagecursor"
)

// Source says where a unit's effective standard comes from.
type Source string

// The sources, in order of precedence.
const (
	Own       Source = "own"       // the unit issued it
	Adopted   Source = "adopted"   // the unit adopted one of a unit above
	Inherited Source = "inherited" // the nearest unit above with an issued standard
	None      Source = "none"
)

// Effective is the standard in force for a unit.
type Effective struct {
	Source   Source
	Standard *Standard
	From     *org.Ref // the unit that issued it
}

// tree is what resolving effective standards needs: units by id, issued standards by unit,
// adoptions by unit.
type tree struct {
	units    map[uuid.UUID]org.Unit
	issued   map[uuid.UUID]Standard
	adoption map[uuid.UUID]Adoption
}

// resolve computes the effective standard of u: own, else adopted (following a supersession
// to its unit's current standard; a withdrawn one no longer counts), else the nearest ancestor's.
func (t tree) resolve(u org.Unit) Effective {
	if st, ok := t.issued[u.ID]; ok {
		return t.effective(Own, st)
	}
	if a, ok := t.adoption[u.ID]; ok {
		// The adopting unit follows its source unit: the adopted standard, or the one that
		// superseded it there. Withdrawn without a successor, the adoption no longer counts.
		if st, ok := t.issued[a.StandardUnitID]; ok {
			return t.effective(Adopted, st)
		}
	}
	ids := org.PathIDs(u.Path)
	for i := len(ids) - 2; i >= 0; i-- {
		if st, ok := t.issued[ids[i]]; ok {
			return t.effective(Inherited, st)
		}
	}
	return Effective{Source: None}
}

func (t tree) effective(src Source, st Standard) Effective {
	e := Effective{Source: src, Standard: &st}
	if u, ok := t.units[st.UnitID]; ok {
		ref := u.Ref()
		e.From = &ref
	}
	return e
}

// effectiveFor resolves one unit's effective standard with three small queries.
func (s *Service) effectiveFor(ctx context.Context, u org.Unit) (Effective, error) {
	ids := org.PathIDs(u.Path)
	units, err := s.store.GetUnits(ctx, ids)
	if err != nil {
		return Effective{}, err
	}
	issued, err := s.store.IssuedStandards(ctx, ids, "")
	if err != nil {
		return Effective{}, err
	}
	t := tree{units: map[uuid.UUID]org.Unit{}, issued: map[uuid.UUID]Standard{}, adoption: map[uuid.UUID]Adoption{}}
	for _, x := range units {
		t.units[x.ID] = x
	}
	for _, st := range issued {
		t.issued[st.UnitID] = st
	}
	if a, err := s.store.GetAdoption(ctx, u.ID); err == nil {
		t.adoption[u.ID] = a
	} else if !isNotFound(err) {
		return Effective{}, err
	}
	return t.resolve(u), nil
}

// EffectiveFor returns the standard in force for a readable unit.
func (s *Service) EffectiveFor(ctx context.Context, unitID uuid.UUID) (Effective, error) {
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return Effective{}, err
	}
	if !access.FromContext(ctx).CanRead(u.Path) {
		return Effective{}, apperr.ErrNotFound
	}
	return s.effectiveFor(ctx, u)
}

// CoverageRow is one unit of a coverage report.
type CoverageRow struct {
	Unit          org.Unit
	Effective     Effective
	PendingStatus Status // the unit's own standard in draft or consultation, or ""
}

// CoverageTotals counts the units of a subtree by source.
type CoverageTotals struct {
	Units, Own, Adopted, Inherited, None, Pending int
}

// Coverage reports, for officers and inspectors, where every unit of the subtree of unitID gets
// its standard from, in tree order, with totals over the whole subtree.
func (s *Service) Coverage(ctx context.Context, unitID uuid.UUID) ([]CoverageRow, CoverageTotals, error) {
	root, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return nil, CoverageTotals{}, err
	}
	if err := access.FromContext(ctx).Authorize(access.ReadCoverage, root.Path); err != nil {
		return nil, CoverageTotals{}, err
	}
	units, err := s.store.SubtreeUnits(ctx, root.Path)
	if err != nil {
		return nil, CoverageTotals{}, err
	}
	ancestors := org.PathIDs(root.Path)
	ancestors = ancestors[:len(ancestors)-1]
	above, err := s.store.GetUnits(ctx, ancestors)
	if err != nil {
		return nil, CoverageTotals{}, err
	}
	issued, err := s.store.IssuedStandards(ctx, ancestors, root.Path)
	if err != nil {
		return nil, CoverageTotals{}, err
	}
	adoptions, err := s.store.AdoptionsUnder(ctx, root.Path)
	if err != nil {
		return nil, CoverageTotals{}, err
	}
	pending, err := s.store.PendingStandards(ctx, root.Path)
	if err != nil {
		return nil, CoverageTotals{}, err
	}
	t := tree{units: map[uuid.UUID]org.Unit{}, issued: map[uuid.UUID]Standard{}, adoption: map[uuid.UUID]Adoption{}}
	for _, u := range append(above, units...) {
		t.units[u.ID] = u
	}
	for _, st := range issued {
		t.issued[st.UnitID] = st
	}
	for _, a := range adoptions {
		t.adoption[a.UnitID] = a
	}
	sort.Slice(units, func(i, j int) bool { return units[i].Path < units[j].Path })
	rows := make([]CoverageRow, len(units))
	var tot CoverageTotals
	for i, u := range units {
		rows[i] = CoverageRow{Unit: u, Effective: t.resolve(u), PendingStatus: pending[u.ID]}
		tot.Units++
		switch rows[i].Effective.Source {
		case Own:
			tot.Own++
		case Adopted:
			tot.Adopted++
		case Inherited:
			tot.Inherited++
		default:
			tot.None++
		}
		if rows[i].PendingStatus != "" {
			tot.Pending++
		}
	}
	return rows, tot, nil
}

func isNotFound(err error) bool { return apperr.KindOf(err) == apperr.NotFound }

// CoverageFilter selects and pages coverage rows.
type CoverageFilter struct {
	Source  Source // only rows of this source
	Pending *bool  // only rows with (true) or without (false) a pending own standard
	Limit   int
	Cursor  string // the path of the last row of the previous page
}

// CoveragePage is one page of a coverage report, with totals over the whole subtree.
type CoveragePage struct {
	Rows   []CoverageRow
	Totals CoverageTotals
	Next   string
}

// CoveragePage filters and pages Coverage; rows are in tree order and the cursor is opaque.
func (s *Service) CoveragePage(ctx context.Context, unitID uuid.UUID, f CoverageFilter) (CoveragePage, error) {
	rows, totals, err := s.Coverage(ctx, unitID)
	if err != nil {
		return CoveragePage{}, err
	}
	after, err := pagecursor.Decode(f.Cursor)
	if err != nil {
		return CoveragePage{}, err
	}
	page := CoveragePage{Totals: totals, Rows: []CoverageRow{}}
	for _, r := range rows {
		if r.Unit.Path <= after || (f.Source != "" && r.Effective.Source != f.Source) ||
			(f.Pending != nil && *f.Pending != (r.PendingStatus != "")) {
			continue
		}
		if len(page.Rows) == f.Limit {
			page.Next = pagecursor.Encode(page.Rows[len(page.Rows)-1].Unit.Path)
			break
		}
		page.Rows = append(page.Rows, r)
	}
	return page, nil
}
