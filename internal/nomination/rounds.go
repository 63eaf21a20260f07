package nomination

import (
	"context"
	"sort"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/org"
	"lamtheobac/internal/pagecursor"
	"lamtheobac/internal/textnorm"
	"lamtheobac/internal/vntime"
)

// orgUnit keeps signatures short where units are passed around.
type orgUnit = org.Unit

// Round is an honoring round: a unit calls for nominations from its subtree until a deadline.
type Round struct {
	ID        uuid.UUID
	Unit      org.Ref
	UnitPath  string
	BlocID    uuid.UUID
	Title     string
	Year      int
	Deadline  time.Time // a civil date, inclusive
	CreatedBy *uuid.UUID
	CreatedAt time.Time
}

// Open reports whether nominations are still accepted at instant now.
func (r Round) Open(now time.Time) bool { return !vntime.Passed(r.Deadline, now) }

// CreateRound opens an honoring round at a bloc or committee.
func (s *Service) CreateRound(ctx context.Context, unitID uuid.UUID, title string, year int, deadline time.Time) (Round, error) {
	title = textnorm.Clean(title)
	var c apperr.Checker
	c.Check(title != "" && utf8.RuneCountInString(title) <= 255, "/title", "must be 1–255 characters")
	c.Check(year >= 2016 && year <= vntime.Date(s.now()).Year()+1, "/year", "must be between 2016 and next year")
	c.Check(!deadline.Before(vntime.Date(s.now())), "/nomination_deadline", "cannot be in the past")
	if err := c.Err(); err != nil {
		return Round{}, err
	}
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return Round{}, err
	}
	p := access.FromContext(ctx)
	if err := p.Authorize(access.ReviewNomination, u.Path); err != nil {
		return Round{}, err
	}
	if u.Kind.Leaf() { // nobody nominates to a cell or a base cell: nothing lies under it
		return Round{}, apperr.Fields("round_unit_kind", "Honoring rounds are opened by a unit with units under it.",
			apperr.FieldError{Field: "/unit_id", Message: "must be a province, bloc, committee or partial committee"})
	}
	r := Round{ID: uuid.Must(uuid.NewV7()), Unit: u.Ref(), UnitPath: u.Path, BlocID: u.BlocID, Title: title, Year: year,
		Deadline: deadline, CreatedBy: p.ActorID(), CreatedAt: s.now()}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateRound(ctx, r); err != nil {
			return err
		}
		id, unit, bloc := r.ID, u.ID, u.BlocID
		return s.store.Record(ctx, audit.Event{Action: "honoring_round.create", ResourceType: "honoring_round", ResourceID: &id,
			UnitID: &unit, UnitPath: u.Path, BlocID: &bloc,
			After: map[string]any{"title": title, "year": year, "nomination_deadline": deadline.Format(time.DateOnly)}})
	})
	return r, err
}

// Rounds lists the rounds called by a readable unit and the units above it.
func (s *Service) Rounds(ctx context.Context, unitID uuid.UUID) ([]Round, error) {
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return nil, err
	}
	if !access.FromContext(ctx).CanRead(u.Path) {
		return nil, apperr.ErrNotFound
	}
	return s.store.ListRounds(ctx, org.PathIDs(u.Path))
}

// HonorRoll lists a readable unit's honor roll in order: what the unit decided, or with subtree
// (Kế hoạch 185-KH/ĐU §II.5: each unit writes its honored collectives and people into its own
// roll) everything honored in the unit or below it, whoever decided it.
func (s *Service) HonorRoll(ctx context.Context, unitID uuid.UUID, subtree bool, year, limit int, cursor string) ([]HonorEntry, string, error) {
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return nil, "", err
	}
	if p.OnlyHolds(access.Portal) {
		return nil, "", apperr.ErrForbidden // it names people who never agreed to be published
	}
	return s.store.ListHonorRoll(ctx, u, subtree, year, limit, cursor)
}

// countingStates are the nominations that count toward a unit's exemplars of the year.
func countingStates() []Status { return []Status{Submitted, Endorsed, Commended, Honored} }

// CoverageRow is a unit with its exemplar counts.
type CoverageRow struct {
	Unit                   org.Unit
	Collective, Individual int
}

// CoveragePage is one page of the units short of the target, with totals.
type CoveragePage struct {
	Year                       int
	Rows                       []CoverageRow
	Next                       string
	Units, Meeting, ShortCount int
}

// Coverage lists the committees and cells of a subtree without at least one collective and one
// individual exemplar for the year (Kế hoạch 185-KH/ĐU §II.3, docs/sources.md), for officers
// and inspectors.
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
	counts, err := s.store.ExemplarCounts(ctx, root.Path, year, countingStates())
	if err != nil {
		return CoveragePage{}, err
	}
	after, err := pagecursor.Decode(cursor)
	if err != nil {
		return CoveragePage{}, err
	}
	sort.Slice(units, func(i, j int) bool { return units[i].Path < units[j].Path })
	page := CoveragePage{Year: year, Rows: []CoverageRow{}}
	for _, u := range units {
		if u.Kind.Directs() { // provinces and blocs direct; the units under them nominate
			continue
		}
		page.Units++
		row := CoverageRow{Unit: u, Collective: counts[u.ID][Collective], Individual: counts[u.ID][Individual]}
		if row.Collective > 0 && row.Individual > 0 {
			page.Meeting++
			continue
		}
		page.ShortCount++
		if u.Path <= after {
			continue
		}
		if len(page.Rows) == limit {
			if page.Next == "" {
				page.Next = pagecursor.Encode(page.Rows[len(page.Rows)-1].Unit.Path)
			}
			continue
		}
		page.Rows = append(page.Rows, row)
	}
	return page, nil
}
