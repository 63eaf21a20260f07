package report

import (
	"context"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/org"
	"lamtheobac/internal/pagecursor"
	"lamtheobac/internal/standard"
	"lamtheobac/internal/textnorm"
	"lamtheobac/internal/vntime"
)

// Store is what the reports service needs from persistence.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	audit.Recorder
	GetUnit(ctx context.Context, id uuid.UUID) (org.Unit, error)
	SubtreeUnits(ctx context.Context, path string) ([]org.Unit, error)

	CreateReportingRound(ctx context.Context, r Round) error
	GetReportingRound(ctx context.Context, id uuid.UUID) (Round, error)
	ListReportingRounds(ctx context.Context, unitIDs []uuid.UUID) ([]Round, error)
	CloseReportingRound(ctx context.Context, id uuid.UUID, at time.Time) error
	// RoundOpenLocked tells whether the round is open and holds it so until the transaction ends.
	RoundOpenLocked(ctx context.Context, id uuid.UUID) (bool, error)
	CreateReports(ctx context.Context, rs []Report) error
	GetReport(ctx context.Context, id uuid.UUID, forUpdate bool) (Report, error)
	UpdateReport(ctx context.Context, r Report) error // bumps version; stale → apperr.ErrStale
	ListReports(ctx context.Context, f Filter) ([]Report, string, error)
	// RoundStateCounts counts a round's reports by what their state depends on; a report
	// submitted after dueEnd is late.
	RoundStateCounts(ctx context.Context, roundID uuid.UUID, dueEnd time.Time) ([]StateCount, error)
	// RoundReportsPage returns a round's reports (without figures or narrative) in tree order
	// after the unit path after, those of filter only when set, at most limit (0: all).
	RoundReportsPage(ctx context.Context, roundID uuid.UUID, dueEnd time.Time, filter *StateFilter, after string, limit int) ([]Report, error)
	// ChildReports returns the reports of a round whose units are parentID's children.
	ChildReports(ctx context.Context, roundID, parentID uuid.UUID) ([]Report, error)
	// Figures counts models of the subtree at path registered for any of years, their
	// evaluations of the given slots, and the nominations made and honors given from..to (civil
	// dates).
	Figures(ctx context.Context, path string, years []int, slots []EvaluationSlot, from, to time.Time) (Figures, error)
	// NamedLists reads the models of the subtree at path registered for any of years (not drafts)
	// with their latest rating among slots, and its exemplars nominated from..to and sent on,
	// at most limit of each.
	NamedLists(ctx context.Context, path string, years []int, slots []EvaluationSlot, from, to time.Time, limit int) (NamedLists, error)
	// FreezeNamedLists stores a report's named lists at its submission (replacing earlier ones).
	FreezeNamedLists(ctx context.Context, reportID uuid.UUID, l NamedLists) error
	// FrozenNamedLists reads them back (nil when none are stored).
	FrozenNamedLists(ctx context.Context, reportID uuid.UUID) (*NamedLists, error)
	// DropNamedLists forgets them, when a report is returned.
	DropNamedLists(ctx context.Context, reportID uuid.UUID) error
}

// Standards tells the standard in force for a unit.
type Standards interface {
	EffectiveFor(ctx context.Context, unitID uuid.UUID) (standard.Effective, error)
}

// Filter selects reports for a list.
type Filter struct {
	UnitID   *uuid.UUID
	UnitPath string
	RoundID  *uuid.UUID
	Status   Status
	Limit    int
	Cursor   string
}

// Service runs the reports use cases for the principal in ctx.
type Service struct {
	store     Store
	standards Standards
	now       func() time.Time
}

// NewService returns a Service over store, reading effective standards from standards.
func NewService(store Store, standards Standards, now func() time.Time) *Service {
	return &Service{store: store, standards: standards, now: now}
}

// RoundInput opens a round.
type RoundInput struct {
	Title    string
	Year     int
	Period   Period
	From, To *time.Time // for a custom period
	DueOn    time.Time
	Levels   []org.Kind
}

// CreateRound opens a round at a bloc or committee and creates one report for every unit of its
// subtree at the levels that must report.
func (s *Service) CreateRound(ctx context.Context, unitID uuid.UUID, in RoundInput) (Round, error) {
	in.Title = textnorm.Clean(in.Title)
	var c apperr.Checker
	c.Check(in.Title != "" && utf8.RuneCountInString(in.Title) <= 255, "/title", "must be 1–255 characters")
	c.Check(in.Year >= 2016 && in.Year <= vntime.Date(s.now()).Year()+1, "/year", "must be between 2016 and next year")
	from, to, preset := in.Period.dates(in.Year)
	if !preset {
		c.Check(in.Period == Custom, "/period", "must be H1, year, Q1–Q4 or custom")
		c.Check(in.From != nil && in.To != nil && !in.From.After(*in.To), "/from", "a custom period needs from ≤ to")
		if in.From != nil && in.To != nil {
			from, to = *in.From, *in.To
		}
	}
	c.Check(!in.DueOn.Before(from), "/due_on", "cannot be before the period starts")
	for i, k := range in.Levels {
		c.Check(k == org.Cell || k == org.Committee || k == org.Bloc, "/levels/"+itoa(i), "must be bloc, committee or cell")
	}
	if err := c.Err(); err != nil {
		return Round{}, err
	}
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return Round{}, err
	}
	p := access.FromContext(ctx)
	if err := p.Authorize(access.ManageReportingRound, u.Path); err != nil {
		return Round{}, err
	}
	if u.Kind.Leaf() { // nothing under a cell or a base cell reports to it
		return Round{}, apperr.Fields("round_unit_kind", "Reporting rounds are opened by a unit with units under it.",
			apperr.FieldError{Field: "/unit_id", Message: "must be a province, bloc, committee or partial committee"})
	}
	if slices.Contains(in.Levels, org.Bloc) && u.Kind != org.Province {
		return Round{}, apperr.Fields("validation", "Blocs report only in a province's round.",
			apperr.FieldError{Field: "/levels", Message: "bloc is a level only under a province"})
	}
	r := Round{ID: uuid.Must(uuid.NewV7()), Unit: u.Ref(), UnitPath: u.Path, BlocID: u.BlocID, Title: in.Title, Year: in.Year,
		Period: in.Period, From: from, To: to, DueOn: in.DueOn, Levels: in.Levels, CreatedBy: p.ActorID(), CreatedAt: s.now()}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		units, err := s.store.SubtreeUnits(ctx, u.Path)
		if err != nil {
			return err
		}
		var reports []Report
		for _, x := range units {
			if x.ID == u.ID || !reportsAt(x.Kind, in.Levels) {
				continue
			}
			reports = append(reports, Report{ID: uuid.Must(uuid.NewV7()), RoundID: r.ID, Unit: x.Ref(), UnitPath: x.Path, BlocID: x.BlocID,
				ParentID: x.ParentID, Status: Draft, Version: 1, CreatedAt: s.now(), UpdatedAt: s.now()})
		}
		r.Reports = len(reports)
		if err := s.store.CreateReportingRound(ctx, r); err != nil {
			return err
		}
		if err := s.store.CreateReports(ctx, reports); err != nil {
			return err
		}
		id, unit, bloc := r.ID, u.ID, u.BlocID
		return s.store.Record(ctx, audit.Event{Action: "reporting_round.create", ResourceType: "reporting_round", ResourceID: &id,
			UnitID: &unit, UnitPath: u.Path, BlocID: &bloc, After: map[string]any{"title": r.Title, "year": r.Year, "period": r.Period,
				"due_on": r.DueOn.Format(time.DateOnly), "reports": len(reports)}})
	})
	return r, err
}

// Rounds lists the rounds opened at a readable unit and above it (none to portal clients).
func (s *Service) Rounds(ctx context.Context, unitID uuid.UUID) ([]Round, error) {
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return nil, err
	}
	if p.OnlyHolds(access.Portal) {
		return []Round{}, nil // reporting is internal work: the portal sees no rounds
	}
	return s.store.ListReportingRounds(ctx, org.PathIDs(u.Path))
}

// GetRound returns a round whose unit the caller can read (not portal clients).
func (s *Service) GetRound(ctx context.Context, id uuid.UUID) (Round, error) {
	r, err := s.store.GetReportingRound(ctx, id)
	if err != nil {
		return Round{}, err
	}
	if p := access.FromContext(ctx); !p.CanRead(r.UnitPath) || p.OnlyHolds(access.Portal) {
		return Round{}, apperr.ErrNotFound
	}
	return r, nil
}

// CloseRound stops submissions to a round.
func (s *Service) CloseRound(ctx context.Context, id uuid.UUID) (Round, error) {
	var out Round
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		r, err := s.GetRound(ctx, id)
		if err != nil {
			return err
		}
		if !access.FromContext(ctx).HoldsAt(access.ManageReportingRound, r.UnitPath) {
			return apperr.ErrForbidden // the officers of the unit that opened it close it
		}
		if !r.Open() {
			return apperr.New(apperr.Conflict, "round_closed", "The round is already closed.")
		}
		now := s.now()
		if err := s.store.CloseReportingRound(ctx, id, now); err != nil {
			return err
		}
		r.ClosedAt, out = &now, r
		out.ClosedAt = &now
		rid, unit, bloc := r.ID, r.Unit.ID, r.BlocID
		return s.store.Record(ctx, audit.Event{Action: "reporting_round.close", ResourceType: "reporting_round", ResourceID: &rid,
			UnitID: &unit, UnitPath: r.UnitPath, BlocID: &bloc})
	})
	return out, err
}

// StatusRow is one unit of a round's status.
type StatusRow struct {
	Report Report
	State  State
}

// RoundStatus is the completeness and timeliness of a round.
type RoundStatus struct {
	Round                     Round
	Rows                      []StatusRow
	Counts                    map[State]int
	RateOnTime, RateSubmitted float64
	Next                      string // the cursor of the next page of rows
}

// Status reports the units' states in a round, for the officers and inspectors over it: the
// counts and rates over every unit, the rows (those in state only, when set) a page at a time in
// tree order (every row when limit is 0). The database counts and pages: a bloc's round has
// 6,000 reports.
func (s *Service) Status(ctx context.Context, id uuid.UUID, only State, limit int, cursor string) (RoundStatus, error) {
	r, err := s.GetRound(ctx, id)
	if err != nil {
		return RoundStatus{}, err
	}
	if err := access.FromContext(ctx).Authorize(access.ReadCoverage, r.UnitPath); err != nil {
		return RoundStatus{}, err
	}
	after, err := pagecursor.Decode(cursor)
	if err != nil {
		return RoundStatus{}, err
	}
	dueEnd := vntime.EndOfDay(r.DueOn) // submitted after it: late
	counts, err := s.store.RoundStateCounts(ctx, id, dueEnd)
	if err != nil {
		return RoundStatus{}, err
	}
	st := RoundStatus{Round: r, Rows: []StatusRow{}, Counts: map[State]int{}}
	n, onTime, submitted := 0, 0, 0
	for _, c := range counts {
		state := StateOf(c.Status, c.Touched, c.Late)
		st.Counts[state] += c.N
		n += c.N
		if state == OnTime || (state == Confirmed && !c.Late) {
			onTime += c.N
		}
		if c.Status != Draft { // a returned report was sent
			submitted += c.N
		}
	}
	if n > 0 {
		st.RateOnTime, st.RateSubmitted = float64(onTime)/float64(n), float64(submitted)/float64(n)
	}
	var filter *StateFilter
	if only != "" {
		f := only.Filter()
		filter = &f
	}
	fetch := 0
	if limit > 0 {
		fetch = limit + 1 // one more tells whether a next page exists
	}
	reports, err := s.store.RoundReportsPage(ctx, id, dueEnd, filter, after, fetch)
	if err != nil {
		return RoundStatus{}, err
	}
	if limit > 0 && len(reports) > limit {
		reports = reports[:limit]
		st.Next = pagecursor.Encode(reports[limit-1].UnitPath)
	}
	for _, rep := range reports {
		st.Rows = append(st.Rows, StatusRow{Report: rep, State: rep.State()})
	}
	return st, nil
}

func itoa(i int) string { return strconv.Itoa(i) }

// reportsAt says whether a unit of kind k reports in a round for levels. A level names a tier,
// not one kind (org.Kind.Is: a base cell is both a committee and a cell). A partial committee
// reports when both the cells under it and the committee above it do, so that consolidation
// goes one level at a time with none skipped; in a round of committees only (or cells only) it
// has nothing to consolidate or nobody to report to, and stays out.
func reportsAt(k org.Kind, levels []org.Kind) bool {
	if k == org.PartialCommittee {
		return slices.Contains(levels, org.Committee) && slices.Contains(levels, org.Cell)
	}
	return k.IsAny(levels)
}
