package report

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
	"lamtheobac/internal/vntime"
	"lamtheobac/internal/workflow"
)

// Action is something a caller may do to a report.
type Action string

// The actions, as listed in allowed_actions.
const (
	ActUpdate Action = "update"
	ActSubmit Action = "submit"
	ActAccept Action = "accept"
	ActReturn Action = "return"
)

// transitions is the reports' workflow: which action starts from which states, leads to which
// state, and who may do it — the unit's own drafters write and submit, the officers of the unit
// above accept or return, never what they submitted themselves. Once a round is closed its
// reports are the record: nobody rewrites, submits or sends one back (a returned report could
// never come back), but a report submitted in time may still be accepted (see roundOpen).
var transitions = workflow.Table[Report, Status, Action]{
	Actions: []Action{ActUpdate, ActSubmit, ActAccept, ActReturn},
	Rules: map[Action]workflow.Rule[Report, Status]{
		ActUpdate: {From: []Status{Draft, Returned}, Who: owner, Guarded: roundNotClosed},
		ActSubmit: {From: []Status{Draft, Returned}, To: Submitted, Who: owner, Guarded: roundNotClosed},
		ActAccept: {From: []Status{Submitted}, To: Accepted, Who: decider, Refusal: ownSubmission},
		ActReturn: {From: []Status{Submitted}, To: Returned, Who: decider, Refusal: ownSubmission, Guarded: roundNotClosed},
	},
	State: func(r Report) Status { return r.Status },
}

// owner: the drafters of the reporting unit.
func owner(p *access.Principal, r Report) bool { return p.HoldsAt(access.ManageReport, r.UnitPath) }

// reviewer: the officers of the unit directly above the reporting unit.
func reviewer(p *access.Principal, r Report) bool {
	return p.HoldsAt(access.ReviewReport, access.ParentPath(r.UnitPath))
}

// decider: a reviewer, never whoever submitted the report.
func decider(p *access.Principal, r Report) bool {
	return reviewer(p, r) && !(r.SubmittedBy != nil && p != nil && *r.SubmittedBy == p.ID)
}

// ownSubmission names the refusal of a reviewer deciding on what it submitted itself.
func ownSubmission(p *access.Principal, r Report) error {
	if reviewer(p, r) {
		return apperr.New(apperr.Forbidden, "own_submission", "Nobody reviews what they submitted themselves.")
	}
	return nil
}

// roundNotClosed is what the report itself tells of its round; roundOpen checks it under lock.
func roundNotClosed(r Report) bool { return !r.RoundClosed }

// from lists the states an action may start from.
func from(a Action) []Status { return transitions.Rules[a].From }

// openOnly says whether a needs the round open (the rules Guarded by it).
func openOnly(a Action) bool { return transitions.Rules[a].Guarded != nil }

// AllowedActions lists what the caller may do to r now.
func AllowedActions(p *access.Principal, r Report) []string { return transitions.Allowed(p, r) }

// readable returns a report the caller can read (not portal clients: reports are internal).
func (s *Service) readable(ctx context.Context, id uuid.UUID, forUpdate bool) (Report, error) {
	r, err := s.store.GetReport(ctx, id, forUpdate)
	if err != nil {
		return Report{}, err
	}
	p := access.FromContext(ctx)
	if !p.CanRead(r.UnitPath) || p.OnlyHolds(access.Portal) || p.ReadsOnlyAsAncestor(r.UnitPath) {
		return Report{}, apperr.ErrNotFound // a unit's report is its own and its reviewers'
	}
	return r, nil
}

// Get returns a readable report with its figures: frozen once submitted, live before.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Report, Figures, error) {
	r, err := s.readable(ctx, id, false)
	if err != nil {
		return Report{}, Figures{}, err
	}
	f, err := s.figuresOf(ctx, r)
	return r, f, err
}

// figuresOf returns the frozen figures, or computes them now.
// The round's dates come with the report (RoundFrom, RoundTo), so frozen figures cost no
// statement of their own.
func (s *Service) figuresOf(ctx context.Context, r Report) (Figures, error) {
	round := Round{ID: r.RoundID, From: r.RoundFrom, To: r.RoundTo}
	if r.Figures != nil {
		f := *r.Figures
		if f.Years == nil {
			f.Years = round.Years() // frozen before the figures said which years they cover
		}
		return f, nil
	}
	f, err := s.store.Figures(ctx, r.UnitPath, round.Years(), round.EvaluationSlots(),
		vntime.StartOfDay(round.From), vntime.EndOfDay(round.To))
	if err != nil {
		return Figures{}, err
	}
	f.Years = round.Years()
	f.StudyQuartersDue = f.StudyCells * round.QuartersBegun(vntime.Date(s.now()))
	eff, err := s.standards.EffectiveFor(ctx, r.Unit.ID)
	if err != nil {
		return Figures{}, err
	}
	f.StandardSource = string(eff.Source)
	if eff.Standard != nil && eff.Standard.Decision != nil {
		d := eff.Standard.Decision.Date
		f.StandardIssuedOn = &d
	}
	return f, nil
}

// List lists a unit's (or its subtree's) reports.
func (s *Service) List(ctx context.Context, unitID uuid.UUID, subtree bool, f Filter) ([]Report, string, error) {
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return nil, "", err
	}
	if p.OnlyHolds(access.Portal) || p.ReadsOnlyAsAncestor(u.Path) {
		return []Report{}, "", nil
	}
	if subtree && p.CoversSubtree(u.Path) {
		f.UnitPath = u.Path
	} else {
		f.UnitID = &u.ID
	}
	return s.store.ListReports(ctx, f)
}

// flow binds the transition table to the reports' storage: every change of a report runs
// through it (load for update, 403, 412, 409, the round still open, mutate, save, audit).
func (s *Service) flow() workflow.Flow[Report, Status, Action] {
	return workflow.Flow[Report, Status, Action]{
		Table:    transitions,
		Kind:     "report",
		InTx:     s.store.InTx,
		Load:     s.readable,
		Version:  func(r Report) int64 { return r.Version },
		SetState: func(r *Report, to Status) { r.Status = to },
		Save: func(ctx context.Context, _, after Report) (Report, error) {
			after.UpdatedAt = s.now()
			if err := s.store.UpdateReport(ctx, after); err != nil {
				return after, err
			}
			after.Version++
			return after, nil
		},
		Audit: func(ctx context.Context, action string, before Report, after *Report) error {
			rid, unit, bloc := after.ID, after.Unit.ID, after.BlocID
			return s.store.Record(ctx, audit.Event{Action: action, ResourceType: "report", ResourceID: &rid, UnitID: &unit,
				UnitPath: after.UnitPath, BlocID: &bloc, Before: snapshot(before), After: snapshot(*after)})
		},
		Guard: s.roundOpen,
	}
}

// roundOpen refuses what needs the round open once it is closed, holding the round open until
// the change commits (a closing waits for it).
func (s *Service) roundOpen(ctx context.Context, r Report, a Action) error {
	if !openOnly(a) {
		return nil
	}
	open, err := s.store.RoundOpenLocked(ctx, r.RoundID)
	if err != nil {
		return err
	}
	if !open {
		return apperr.New(apperr.Conflict, "round_closed", "The reporting round is closed.")
	}
	return nil
}

// Patch is an edit of the narrative and the signature block; nil fields stay.
type Patch struct {
	Results, Limitations, Lessons, Proposals, NextSteps, MissingNote *string
	Signature                                                        *SignaturePatch
}

// Update writes the narrative and the signature block of a draft or returned report (422 for a
// text over its limit, before anything is read).
func (s *Service) Update(ctx context.Context, id uuid.UUID, ifMatch *int64, p Patch) (Report, error) {
	for _, f := range []*string{p.Results, p.Limitations, p.Lessons, p.Proposals, p.NextSteps, p.MissingNote} {
		textnorm.CleanPtr(f)
	}
	if sg := p.Signature; sg != nil {
		for _, f := range []*string{sg.OnBehalf, sg.Title, sg.Name} {
			textnorm.CleanPtr(f)
		}
		if sg.Recipients != nil {
			rs := make([]string, len(*sg.Recipients))
			for i, r := range *sg.Recipients {
				rs[i] = textnorm.Clean(r)
			}
			sg.Recipients = &rs
		}
	}
	if err := checkPatch(p); err != nil {
		return Report{}, err
	}
	return s.flow().Change(ctx, id, ifMatch, ActUpdate, func(_ context.Context, r *Report) error {
		set := func(dst *string, src *string) {
			if src != nil {
				*dst = *src
			}
		}
		set(&r.Narrative.Results, p.Results)
		set(&r.Narrative.Limitations, p.Limitations)
		set(&r.Narrative.Lessons, p.Lessons)
		set(&r.Narrative.Proposals, p.Proposals)
		set(&r.Narrative.NextSteps, p.NextSteps)
		if sg := p.Signature; sg != nil {
			set(&r.Signature.OnBehalf, sg.OnBehalf)
			set(&r.Signature.Title, sg.Title)
			set(&r.Signature.Name, sg.Name)
			if sg.Recipients != nil {
				r.Signature.Recipients = *sg.Recipients
			}
		}
		if p.MissingNote != nil {
			r.MissingNote = p.MissingNote
		}
		r.Touched = true
		return nil
	})
}

// Submit freezes the figures and sends the report up (the flow refuses it once the round is closed). A unit with child
// reports in the round submits only when they are all accepted, or with a note naming the missing.
func (s *Service) Submit(ctx context.Context, id uuid.UUID, ifMatch *int64) (Report, error) {
	return s.flow().Change(ctx, id, ifMatch, ActSubmit, func(ctx context.Context, r *Report) error {
		children, err := s.children(ctx, *r)
		if err != nil {
			return err
		}
		var missing []string
		for _, c := range children {
			if c.Status != Accepted {
				missing = append(missing, c.Unit.Code)
			}
		}
		if len(missing) > 0 && (r.MissingNote == nil || *r.MissingNote == "") {
			return apperr.Fields("children_not_accepted", "Reports not yet accepted: "+strings.Join(missing, ", ")+
				". Accept them, or name them in missing_note.", apperr.FieldError{Field: "/missing_note", Message: "required while child reports are not accepted"})
		}
		f, err := s.figuresOf(ctx, *r)
		if err != nil {
			return err
		}
		named, err := s.namedListsOf(ctx, *r, true)
		if err != nil {
			return err
		}
		if err := s.store.FreezeNamedLists(ctx, r.ID, named); err != nil {
			return err
		}
		now := s.now()
		r.Figures, r.SubmittedAt, r.SubmittedBy, r.StatusReason, r.Touched = &f, &now, access.FromContext(ctx).ActorID(), nil, true
		return nil
	})
}

// Accept accepts a submitted report.
func (s *Service) Accept(ctx context.Context, id uuid.UUID, ifMatch *int64) (Report, error) {
	return s.flow().Change(ctx, id, ifMatch, ActAccept, nil)
}

// Return sends a submitted report back with a reason; its figures thaw until it is submitted again.
func (s *Service) Return(ctx context.Context, id uuid.UUID, ifMatch *int64, reason string) (Report, error) {
	reason = textnorm.Clean(reason)
	if reason == "" {
		return Report{}, apperr.Fields("validation", "A reason is required.", apperr.FieldError{Field: "/reason", Message: "is required"})
	}
	return s.flow().Change(ctx, id, ifMatch, ActReturn, func(ctx context.Context, r *Report) error {
		r.StatusReason, r.Figures = &reason, nil
		return s.store.DropNamedLists(ctx, r.ID) // they thaw with the figures
	})
}

// children returns the reports of the child units in the same round.
func (s *Service) children(ctx context.Context, r Report) ([]Report, error) {
	out, err := s.store.ChildReports(ctx, r.RoundID, r.Unit.ID)
	if out == nil && err == nil {
		out = []Report{}
	}
	return out, err
}

// ChildReport is a child's report in a consolidation.
type ChildReport struct {
	Report   Report
	Included bool // submitted or accepted: its frozen figures are in the totals
}

// Consolidated sums the frozen figures of the children's submitted or accepted reports and lists
// their narratives.
func (s *Service) Consolidated(ctx context.Context, id uuid.UUID) (Figures, []ChildReport, error) {
	r, err := s.readable(ctx, id, false)
	if err != nil {
		return Figures{}, nil, err
	}
	if !access.FromContext(ctx).CoversSubtree(r.UnitPath) {
		// The children's narratives belong to the officers over them, not to readers from below.
		return Figures{}, nil, apperr.ErrForbidden
	}
	children, err := s.children(ctx, r)
	if err != nil {
		return Figures{}, nil, err
	}
	total := NewFigures()
	out := make([]ChildReport, len(children))
	for i, c := range children {
		included := (c.Status == Submitted || c.Status == Accepted) && c.Figures != nil
		if included {
			total.Add(*c.Figures)
		}
		out[i] = ChildReport{Report: c, Included: included}
	}
	return total, out, nil
}

// namedListsOf returns the report's named lists: those frozen at submission, or read now (live
// only: what a submission is about to freeze).
func (s *Service) namedListsOf(ctx context.Context, r Report, live bool) (NamedLists, error) {
	if !live && r.Figures != nil {
		l, err := s.store.FrozenNamedLists(ctx, r.ID)
		if err != nil || l != nil {
			if l == nil {
				return NamedLists{}, err
			}
			return *l, err
		}
		// Submitted before the lists were frozen: read them now.
	}
	round, err := s.store.GetReportingRound(ctx, r.RoundID)
	if err != nil {
		return NamedLists{}, err
	}
	return s.store.NamedLists(ctx, r.UnitPath, round.Years(), round.EvaluationSlots(),
		vntime.StartOfDay(round.From), vntime.EndOfDay(round.To), NamedLimit)
}

func snapshot(r Report) map[string]any {
	return map[string]any{"id": r.ID, "round_id": r.RoundID, "unit_id": r.Unit.ID, "status": r.Status, "narrative": r.Narrative, "signature": r.Signature,
		"missing_note": r.MissingNote, "status_reason": r.StatusReason, "figures": r.Figures, "version": r.Version}
}

// Now is the service's clock.
func (s *Service) Now() time.Time { return s.now() }
