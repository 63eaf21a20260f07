package seed

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/org"
	"lamtheobac/internal/report"
	"lamtheobac/internal/vntime"
)

// roundDef is a reporting round every synthetic bloc opens for its cells and committees.
type roundDef struct {
	key          string
	title        string
	year         int
	period       report.Period
	from, to     time.Time // civil dates of the period
	due          time.Time // civil date
	createdAt    time.Time
	evalPeriods  []string // the evaluation periods the report period includes (report.Period.evaluationPeriods)
	fromI, untoI time.Time
}

// reportRounds are the two rounds of the dataset: last year's annual report and the latest
// half-year report whose due date is well past, so on-time, late and missing reports all exist.
func reportRounds(now time.Time) []roundDef {
	today := vntime.Date(now)
	annual := today.Year() - 1
	if today.Before(time.Date(annual+1, 2, 15, 0, 0, 0, 0, time.UTC)) {
		annual--
	}
	h1 := today.Year()
	if today.Before(time.Date(h1, 8, 15, 0, 0, 0, 0, time.UTC)) {
		h1--
	}
	d := func(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	rounds := []roundDef{
		{key: "annual", title: "Báo cáo tổng kết năm " + itoa(annual) + " thực hiện Chỉ thị 05-CT/TW", year: annual, period: report.FullYear,
			from: d(annual, 1, 1), to: d(annual, 12, 31), due: d(annual+1, 1, 15), createdAt: d(annual, 11, 20).Add(2 * time.Hour),
			evalPeriods: []string{"Q1", "Q2", "H1", "Q3", "Q4", "year"}},
		{key: "h1", title: "Báo cáo sơ kết 6 tháng đầu năm " + itoa(h1) + " thực hiện Chỉ thị 05-CT/TW", year: h1, period: report.H1,
			from: d(h1, 1, 1), to: d(h1, 6, 30), due: d(h1, 7, 15), createdAt: d(h1, 6, 5).Add(2 * time.Hour),
			evalPeriods: []string{"Q1", "Q2", "H1"}},
	}
	for i := range rounds {
		rounds[i].fromI, rounds[i].untoI = vntime.StartOfDay(rounds[i].from), vntime.EndOfDay(rounds[i].to)
	}
	return rounds
}

// within reports whether t is in the round's period, as store.Figures compares created_at and
// honored_at (BETWEEN the first and the last instant of the period in Vietnam).
func (rd roundDef) within(t time.Time) bool { return !t.Before(rd.fromI) && !t.After(rd.untoI) }

// figureBook holds, per round and per unit of a bloc, the figures of what the unit itself owns;
// reports add a committee's cells to its own. It is the same count store.Figures makes, kept
// while the rows are written instead of queried afterwards.
type figureBook [][]*report.Figures

func newFigureBook(rounds, units int) figureBook {
	b := make(figureBook, rounds)
	for i := range b {
		b[i] = make([]*report.Figures, units)
	}
	return b
}

func (b figureBook) at(round, unit int) *report.Figures {
	if b[round][unit] == nil {
		f := report.NewFigures()
		b[round][unit] = &f
	}
	return b[round][unit]
}

// subtree returns the figures of u and everything below it for a round.
func (b figureBook) subtree(round int, u *sunit) report.Figures {
	f := report.NewFigures()
	f.Add(*b.at(round, u.idx))
	for _, c := range u.children {
		f.Add(b.subtree(round, c))
	}
	return f
}

// shonor is an entry of an honor roll, numbered once the bloc's nominations are all planned.
type shonor struct {
	nominationID uuid.UUID
	unit         *sunit // the nominating unit
	holder       *sunit // whose roll
	year         int
	at           time.Time
	subjectName  string
	subjectKind  nomination.SubjectKind
	decision     []byte
}

// workUnits are the units that own models and nominations: committees and cells.
func workUnits(t tree) []*sunit { return t.units[1:] }

// writeWork writes the bloc's models, evaluations, nominations and their history, honor rolls,
// and reporting rounds with their reports.
func (g *synth) writeWork(ctx context.Context, tx pgx.Tx, t tree) error {
	units := workUnits(t)
	nModels := func(i int) int { return share(g.o.ModelsPerBloc, len(units), i) }
	nNoms := func(i int) int { return share(g.o.NominationsPerBloc, len(units), i) }
	book := newFigureBook(len(g.rounds), len(t.units))
	if err := g.copy(ctx, tx, "models", modelCols(), func(yield func([]any) bool) {
		for i, u := range units {
			for _, m := range g.unitModels(u, nModels(i)) {
				for ri, rd := range g.rounds {
					if rd.year == m.year {
						f := book.at(ri, u.idx)
						f.ModelsTotal++
						f.ModelsByStatus[string(m.status)]++
						if m.status != model.Draft {
							f.ModelsByCategory[string(m.category)]++
						}
					}
				}
				if !yield(modelRow(u, m)) {
					return
				}
			}
		}
	}); err != nil {
		return err
	}
	// A dataset is searchable once loaded: its contents' words are indexed here, in its
	// transaction, rather than queued for the service's indexer (store/models_search_index.go).
	if _, err := tx.Exec(ctx, `INSERT INTO model_search (model_id, words)
		SELECT id, to_tsvector('public.lamtheobac_unaccent'::regconfig, learning_content) FROM models WHERE bloc_id = $1`,
		t.bloc.id); err != nil {
		return fmt.Errorf("index the models' contents: %w", err)
	}
	if err := g.copy(ctx, tx, "model_evaluations", []string{"id", "model_id", "unit_id", "bloc_id", "year", "period", "awareness",
		"attitude", "action", "metrics", "rating", "note", "evaluator_id", "evaluator_name", "created_at"}, func(yield func([]any) bool) {
		for i, u := range units {
			for _, m := range g.unitModels(u, nModels(i)) {
				for _, e := range m.evals {
					for ri, rd := range g.rounds {
						if rd.year == m.year && slices.Contains(rd.evalPeriods, string(e.period)) {
							f := book.at(ri, u.idx)
							f.EvaluationsTotal++
							f.EvaluationsByRating[string(e.rating)]++
						}
					}
					if !yield([]any{e.id, m.id, u.id, u.root.id, m.year, string(e.period), e.awareness, e.attitude, e.action,
						mustJSON(e.metrics), string(e.rating), "", e.evaluator.id, e.evaluator.name, e.createdAt}) {
						return
					}
				}
			}
		}
	}); err != nil {
		return err
	}
	var honors []shonor
	if err := g.copy(ctx, tx, "nominations", nominationCols(), func(yield func([]any) bool) {
		for i, u := range units {
			for _, n := range g.unitNominations(u, nNoms(i), g.unitModels(u, nModels(i))) {
				for ri, rd := range g.rounds {
					if rd.within(n.createdAt) {
						f := book.at(ri, u.idx)
						f.NominationsTotal++
						f.NominationsByStatus[string(n.status)]++
						if slices.Contains([]nomination.Status{nomination.Submitted, nomination.Endorsed, nomination.Commended, nomination.Honored}, n.status) {
							if n.subject.Kind == nomination.Collective {
								f.Collective++
							} else {
								f.Individual++
							}
						}
					}
				}
				if n.status == nomination.Honored {
					honors = append(honors, shonor{nominationID: n.id, unit: u, holder: n.holder, year: n.decision.Date.Year(), at: n.honoredAt,
						subjectName: n.subjectName, subjectKind: n.subject.Kind, decision: mustJSON(n.decision)})
				}
				if !yield(nominationRow(u, n)) {
					return
				}
			}
		}
	}); err != nil {
		return err
	}
	if err := g.copy(ctx, tx, "nomination_events", []string{"id", "nomination_id", "action", "from_status", "to_status", "holder_unit_id",
		"actor_id", "actor_name", "reason", "at"}, func(yield func([]any) bool) {
		for i, u := range units {
			for _, n := range g.unitNominations(u, nNoms(i), g.unitModels(u, nModels(i))) {
				for _, e := range n.events {
					if !yield([]any{e.ID, e.NominationID, e.Action, (*string)(e.From), string(e.To), e.HolderID, e.ActorID, e.ActorName, e.Reason, e.At}) {
						return
					}
				}
			}
		}
	}); err != nil {
		return err
	}
	if err := g.writeHonors(ctx, tx, t, honors, book); err != nil {
		return err
	}
	if err := g.writeInspections(ctx, tx, t, book); err != nil {
		return err
	}
	if err := g.writeMembers(ctx, tx, t, book); err != nil { // synthetic_members.go
		return err
	}
	if err := g.writeStudy(ctx, tx, t, book); err != nil { // synthetic_study.go
		return err
	}
	return g.writeReports(ctx, tx, t, book)
}

func modelCols() []string {
	return []string{"id", "unit_id", "unit_path", "bloc_id", "name", "year", "category", "implementer_kind", "implementer_name",
		"learning_content", "necessity_reasons", "necessity_text", "measures", "expected_results", "replicability", "status", "status_reason",
		"registered_at", "registered_by", "carried_over_from", "replicated_from", "created_by", "version", "created_at", "updated_at",
		"published_at", "published_by", "published_by_name"}
}

// modelRow is m as store.CreateModel/UpdateModel and portal publication leave it.
func modelRow(u *sunit, m smodel) []any {
	var pubBy *uuid.UUID
	var pubName *string
	if m.publishedBy != nil {
		pubBy, pubName = &m.publishedBy.id, &m.publishedBy.name
	}
	return []any{m.id, u.id, u.path, u.root.id, m.name, m.year, string(m.category), string(m.implKind), m.implName, m.learning,
		mustJSON(m.reasons), m.necessity, mustJSON(m.measures), m.expected, m.replicability, string(m.status), m.reason, m.registeredAt,
		m.registeredBy, m.carriedFrom, nil, m.createdBy, m.version, m.createdAt, m.updatedAt, m.publishedAt, pubBy, pubName}
}

func nominationCols() []string {
	return []string{"id", "unit_id", "unit_path", "bloc_id", "year", "round_id", "subject_kind", "subject_unit_id", "department_name",
		"person_name", "person_position", "party_member", "leader", "achievements", "public_summary", "model_ids", "criteria", "mentor",
		"status", "status_reason", "holder_unit_id", "holder_path", "submitted_by", "submitted_at", "decision", "consent", "published_at",
		"published_by", "published_by_name", "created_by", "version", "created_at", "updated_at"}
}

// nominationRow is n as store.CreateNomination/UpdateNomination leave it: the person's columns
// only for individuals, department_name only for a named department, NULL jsonb when unset.
func nominationRow(u *sunit, n snom) []any {
	var dept, name, pos *string
	var member, leader *bool
	if n.subject.Kind == nomination.Individual {
		name, pos, member, leader = &n.subject.FullName, &n.subject.Position, &n.subject.PartyMember, &n.subject.Leader
	} else if n.subject.DepartmentName != "" {
		dept = &n.subject.DepartmentName
	}
	var decision, consent any
	if n.decision != nil {
		decision = mustJSON(n.decision)
	}
	if n.consent != nil {
		consent = mustJSON(n.consent)
	}
	var pubBy *uuid.UUID
	var pubName *string
	if n.publishedBy != nil {
		pubBy, pubName = &n.publishedBy.id, &n.publishedBy.name
	}
	return []any{n.id, u.id, u.path, u.root.id, n.year, nil, string(n.subject.Kind), n.subject.UnitID, dept, name, pos, member, leader,
		n.achievements, n.summary, mustJSON(n.modelIDs), mustJSON(n.criteria), nil, string(n.status), n.reason, n.holder.id,
		n.holder.path, n.submittedBy, n.submittedAt, decision, consent, n.publishedAt, pubBy, pubName, n.createdBy, n.version,
		n.createdAt, n.updatedAt}
}

// writeHonors numbers the bloc's honored nominations per holder and year in the order they were
// honored — 1..N without gaps, as NextHonorNumber's counter gives them — and writes the rolls and
// the counters that continue them.
func (g *synth) writeHonors(ctx context.Context, tx pgx.Tx, t tree, honors []shonor, book figureBook) error {
	slices.SortFunc(honors, func(a, b shonor) int {
		if a.holder.idx != b.holder.idx {
			return a.holder.idx - b.holder.idx
		}
		if a.year != b.year {
			return a.year - b.year
		}
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return strings.Compare(a.nominationID.String(), b.nominationID.String())
	})
	for _, h := range honors {
		for ri, rd := range g.rounds {
			if rd.within(h.at) {
				book.at(ri, h.unit.idx).Honors++
			}
		}
	}
	r := rng(g.o.RandSeed, "honors", t.bloc.code)
	if err := g.copy(ctx, tx, "honor_roll", []string{"id", "unit_id", "unit_path", "bloc_id", "year", "number", "nomination_id",
		"subject_name", "subject_kind", "decision", "honored_at"}, func(yield func([]any) bool) {
		number := 0
		for i, h := range honors {
			if i == 0 || h.holder != honors[i-1].holder || h.year != honors[i-1].year {
				number = 0
			}
			number++
			if !yield([]any{newID(r, h.at), h.holder.id, h.holder.path, h.holder.root.id, h.year, number, h.nominationID, h.subjectName,
				string(h.subjectKind), h.decision, h.at}) {
				return
			}
		}
	}); err != nil {
		return err
	}
	return g.copy(ctx, tx, "honor_roll_counters", []string{"unit_id", "year", "last"}, func(yield func([]any) bool) {
		for i, h := range honors {
			if i+1 < len(honors) && honors[i+1].holder == h.holder && honors[i+1].year == h.year {
				continue
			}
			first := i
			for first > 0 && honors[first-1].holder == h.holder && honors[first-1].year == h.year {
				first--
			}
			if !yield([]any{h.holder.id, h.year, i - first + 1}) {
				return
			}
		}
	})
}

// writeReports opens the rounds at the bloc for its cells and committees — one report per unit,
// as report.Service.CreateRound creates them — and moves each report to a drawn state, as the
// report workflow would have: a submitted report carries its frozen figures, a committee that
// submits before all its cells are accepted names them in missing_note.
func (g *synth) writeReports(ctx context.Context, tx pgx.Tx, t tree, book figureBook) error {
	ids := make([]uuid.UUID, len(g.rounds))
	if err := g.copy(ctx, tx, "reporting_rounds", []string{"id", "unit_id", "unit_path", "bloc_id", "title", "year", "period", "from_date",
		"to_date", "due_on", "levels", "closed_at", "created_by", "created_at"}, func(yield func([]any) bool) {
		for i, rd := range g.rounds {
			ids[i] = newID(rng(g.o.RandSeed, "round", t.bloc.code, rd.key), rd.createdAt)
			levels := mustJSON([]org.Kind{org.Cell, org.Committee})
			if !yield([]any{ids[i], t.bloc.id, t.bloc.path, t.bloc.root.id, rd.title, rd.year, string(rd.period), rd.from, rd.to, rd.due, levels,
				nil, t.bloc.owner.id, rd.createdAt}) {
				return
			}
		}
	}); err != nil {
		return err
	}
	return g.copy(ctx, tx, "reports", []string{"id", "round_id", "unit_id", "unit_path", "bloc_id", "parent_id", "status", "touched",
		"figures", "results", "limitations", "lessons", "proposals", "missing_note", "status_reason", "submitted_at", "submitted_by",
		"version", "created_at", "updated_at"}, func(yield func([]any) bool) {
		for ri, rd := range g.rounds {
			for _, u := range workUnits(t) {
				if !yield(g.reportRow(ri, rd, ids[ri], u, book)) {
					return
				}
			}
		}
	})
}

// reportState draws the state of u's report in a round; the same draw serves the unit's own
// row and its parent's missing_note.
func (g *synth) reportState(rd roundDef, u *sunit) report.State {
	r := rng(g.o.RandSeed, "report-state", rd.key, u.code)
	states := []report.State{report.Missing, report.Drafting, report.OnTime, report.Late, report.Confirmed, report.SentBack}
	return states[weighted(r, 8, 10, 22, 10, 40, 10)]
}

// reportRow is u's report in round ri, moved to its drawn state.
func (g *synth) reportRow(ri int, rd roundDef, roundID uuid.UUID, u *sunit, book figureBook) []any {
	r := rng(g.o.RandSeed, "report", rd.key, u.code)
	state := g.reportState(rd, u)
	now := g.o.Now
	clamp := func(t time.Time) time.Time {
		if t.After(now) {
			return now.Add(-time.Minute)
		}
		return t
	}
	id := newID(r, rd.createdAt)
	var (
		status                   = report.Draft
		touched                  bool
		figures                  any
		res, lim, les, pro       string
		missing, reason          *string
		submittedAt              *time.Time
		submittedBy              *uuid.UUID
		version                  = int64(1)
		updated                  = rd.createdAt
		late                     = state == report.Late || (state != report.OnTime && r.IntN(5) == 0)
		submitted, decided, sent bool
	)
	switch state {
	case report.Drafting:
		touched, version = true, 2
		res, lim, les, pro = narrative(r)
		updated = clamp(vntime.StartOfDay(rd.due).AddDate(0, 0, -5-r.IntN(20)).Add(time.Duration(2+r.IntN(8)) * time.Hour).UTC())
	case report.OnTime, report.Late, report.Confirmed, report.SentBack:
		submitted, decided, sent = true, state == report.Confirmed || state == report.SentBack, state == report.SentBack
	}
	if submitted {
		touched, version = true, 3
		res, lim, les, pro = narrative(r)
		at := vntime.StartOfDay(rd.due).AddDate(0, 0, -r.IntN(10)).Add(time.Duration(2+r.IntN(8)) * time.Hour).UTC()
		if late {
			at = vntime.EndOfDay(rd.due).AddDate(0, 0, 1+r.IntN(20)).Add(-time.Duration(10+r.IntN(8)) * time.Hour).UTC()
		}
		at = clamp(at)
		submittedAt, submittedBy, updated, status = &at, &u.owner.id, at, report.Submitted
		var notAccepted []string
		for _, c := range u.children {
			if g.reportState(rd, c) != report.Confirmed {
				notAccepted = append(notAccepted, c.code)
			}
		}
		if len(notAccepted) > 0 {
			missing = ptr("Chưa có báo cáo được duyệt của: " + strings.Join(notAccepted, ", ") + ".")
		}
		f := book.subtree(ri, u)
		// Due as the service freezes it at submission: the cells times the quarters begun by then.
		f.StudyQuartersDue = f.StudyCells * report.Round{From: rd.from, To: rd.to}.QuartersBegun(vntime.Date(at))
		figures = mustJSON(f)
		if decided {
			updated, version, status = clamp(at.AddDate(0, 0, 1+r.IntN(5))), 4, report.Accepted
		}
		if sent {
			status, figures = report.Returned, nil
			reason = ptr(pick(r, []string{"Đề nghị bổ sung số liệu mô hình và đánh giá cụ thể.", "Phần hạn chế, nguyên nhân chưa sát thực tế.",
				"Đề nghị bổ sung danh sách điển hình được biểu dương."}))
		}
	}
	return []any{id, roundID, u.id, u.path, u.root.id, &u.parent.id, string(status), touched, figures, res, lim, les, pro, missing,
		reason, submittedAt, submittedBy, version, rd.createdAt, updated}
}
