package seed

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"lamtheobac/internal/inspection"
	"lamtheobac/internal/org"
	"lamtheobac/internal/vntime"
)

// splan is a synthetic inspection plan with its findings.
type splan struct {
	id         uuid.UUID
	owner      *sunit
	team       person
	kind       inspection.Kind
	title      string
	year       int
	units      []*sunit
	status     inspection.PlanStatus
	createdAt  time.Time
	concludeAt *time.Time
	findings   []sfinding
}

// sfinding is a finding with its one recommendation.
type sfinding struct {
	id, recID uuid.UUID
	unit      *sunit
	rating    inspection.Rating
	due       time.Time
	recStatus inspection.RecStatus
}

// inspectionPlans lays out the bloc's inspections: for each of the last three years, a yearly
// plan of every committee over its cells (findings on two of them) and a thematic plan of the
// bloc's inspector over ten of its committees. Past years' plans are concluded, with their
// recommendations open, answered or closed; this year's are in progress, their recommendations
// open.
func (g *synth) inspectionPlans(t tree) []splan {
	today := vntime.Date(g.o.Now)
	var out []splan
	for y := today.Year() - 2; y <= today.Year(); y++ {
		for _, cm := range t.units {
			if cm.kind != org.Committee && cm != t.bloc {
				continue
			}
			r := rng(g.o.RandSeed, "inspection", cm.code, y)
			p := splan{owner: cm, team: cm.owner, kind: inspection.Yearly, year: y, status: inspection.Concluded,
				title: "Kiểm tra việc thực hiện Chỉ thị 05-CT/TW năm " + itoa(y)}
			p.createdAt = time.Date(y, 2, 1+r.IntN(20), 2, 0, 0, 0, time.UTC)
			if p.createdAt.AddDate(0, 3, 0).After(g.o.Now) {
				continue // nothing is dated after the run: this year's plans start once the findings could exist
			}
			if cm == t.bloc {
				p.team, p.kind = cm.extra, inspection.Thematic
				p.title = "Kiểm tra chuyên đề xây dựng mô hình \"làm theo Bác\" năm " + itoa(y)
				for i := 0; i < 10 && i < len(cm.children); i++ {
					p.units = append(p.units, cm.children[r.IntN(len(cm.children))])
				}
			} else if len(cm.children) > 0 {
				p.units = []*sunit{cm.children[r.IntN(len(cm.children))], cm.children[r.IntN(len(cm.children))]}
			}
			p.units = uniqueUnits(p.units)
			if len(p.units) == 0 {
				continue
			}
			p.id = newID(r, p.createdAt)
			if y == today.Year() {
				p.status = inspection.InProgress
			} else {
				at := time.Date(y, 11, 1+r.IntN(28), 3, 0, 0, 0, time.UTC)
				p.concludeAt = &at
			}
			for _, u := range p.units {
				f := sfinding{unit: u, rating: inspection.Ratings()[weighted(r, 25, 45, 25, 5)], recStatus: inspection.Open,
					due: time.Date(y, 12, 1+r.IntN(31), 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(120))}
				f.id, f.recID = newID(r, p.createdAt.AddDate(0, 3, 0)), newID(r, p.createdAt.AddDate(0, 3, 0))
				if p.status == inspection.Concluded {
					f.recStatus = []inspection.RecStatus{inspection.Open, inspection.Answered, inspection.Closed}[weighted(r, 25, 20, 55)]
				}
				p.findings = append(p.findings, f)
			}
			out = append(out, p)
		}
	}
	return out
}

func uniqueUnits(us []*sunit) []*sunit {
	seen := map[*sunit]bool{}
	out := us[:0]
	for _, u := range us {
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}

// writeInspections writes the bloc's inspections and counts them into the book as
// store.Figures does: the plans of a unit whose period (its year) overlaps the round, their
// findings by rating, their recommendations open (or answered), closed, and overdue at the end
// of the round's period.
func (g *synth) writeInspections(ctx context.Context, tx pgx.Tx, t tree, book figureBook) error {
	plans := g.inspectionPlans(t)
	for ri, rd := range g.rounds {
		end := rd.to.AddDate(0, 0, 1)
		if today := vntime.Date(g.o.Now); today.Before(end) {
			end = today
		}
		for _, p := range plans {
			from, to := time.Date(p.year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(p.year, 12, 31, 0, 0, 0, 0, time.UTC)
			if from.After(rd.to) || to.Before(rd.from) || p.owner == t.bloc {
				continue
			}
			f := book.at(ri, p.owner.idx)
			f.InspectionPlans++
			for _, fd := range p.findings {
				f.InspectionFindingsByRating[string(fd.rating)]++
				if fd.recStatus == inspection.Closed {
					f.RecommendationsClosed++
					continue
				}
				f.RecommendationsOpen++
				if fd.due.Before(end) {
					f.RecommendationsOverdue++
				}
			}
		}
	}
	if err := g.copy(ctx, tx, "inspection_plans", []string{"id", "unit_id", "unit_path", "bloc_id", "kind", "title", "subjects",
		"period_from", "period_to", "team", "status", "conclusion", "approved_by", "approved_at", "concluded_by", "concluded_at",
		"created_by", "version", "created_at", "updated_at"}, func(yield func([]any) bool) {
		for _, p := range plans {
			conclusion, updated := "", p.createdAt.AddDate(0, 1, 0)
			if p.concludeAt != nil {
				conclusion, updated = "Đơn vị đã triển khai nghiêm túc; cần khắc phục các hạn chế đã nêu.", *p.concludeAt
			}
			approved := p.createdAt.Add(24 * time.Hour)
			var concludedBy *uuid.UUID
			if p.concludeAt != nil {
				concludedBy = &p.team.id
			}
			if !yield([]any{p.id, p.owner.id, p.owner.path, t.bloc.root.id, string(p.kind), p.title, mustJSON([]string{"models", "standards"}),
				time.Date(p.year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(p.year, 12, 31, 0, 0, 0, 0, time.UTC), mustJSON([]uuid.UUID{p.team.id}),
				string(p.status), conclusion, p.owner.owner.id, approved, concludedBy, p.concludeAt, p.team.id, int64(4), p.createdAt, updated}) {
				return
			}
		}
	}); err != nil {
		return err
	}
	if err := g.copy(ctx, tx, "inspection_plan_units", []string{"plan_id", "unit_id", "unit_path"}, func(yield func([]any) bool) {
		for _, p := range plans {
			for _, u := range p.units {
				if !yield([]any{p.id, u.id, u.path}) {
					return
				}
			}
		}
	}); err != nil {
		return err
	}
	if err := g.copy(ctx, tx, "inspection_findings", []string{"id", "plan_id", "unit_id", "unit_path", "bloc_id", "summary", "rating",
		"evidence", "created_by", "version", "created_at", "updated_at"}, func(yield func([]any) bool) {
		for _, p := range plans {
			for _, f := range p.findings {
				at := p.createdAt.AddDate(0, 3, 0)
				if !yield([]any{f.id, p.id, f.unit.id, f.unit.path, t.bloc.root.id, "Kết quả kiểm tra việc xây dựng mô hình và niêm yết chuẩn mực.",
					string(f.rating), "Biên bản làm việc của đoàn kiểm tra.", p.team.id, int64(1), at, at}) {
					return
				}
			}
		}
	}); err != nil {
		return err
	}
	return g.copy(ctx, tx, "inspection_recommendations", []string{"id", "finding_id", "plan_id", "responsible_unit_id",
		"responsible_unit_path", "bloc_id", "text", "due_on", "status", "response", "answered_at", "answered_by", "closed_at",
		"created_by", "version", "created_at", "updated_at"}, func(yield func([]any) bool) {
		for _, p := range plans {
			for _, f := range p.findings {
				at := p.createdAt.AddDate(0, 3, 0)
				var response *string
				var answeredAt, closedAt *time.Time
				var answeredBy *uuid.UUID
				updated := at
				if f.recStatus != inspection.Open {
					a := p.concludeAt.AddDate(0, 0, 20)
					response, answeredAt, answeredBy, updated = ptr("Đã khắc phục, có biên bản kèm theo."), &a, &f.unit.owner.id, a
				}
				if f.recStatus == inspection.Closed {
					c := answeredAt.AddDate(0, 0, 7)
					closedAt, updated = &c, c
				}
				if !yield([]any{f.recID, f.id, p.id, f.unit.id, f.unit.path, t.bloc.root.id, "Khắc phục hạn chế đã nêu trong kết luận.", f.due,
					string(f.recStatus), response, answeredAt, answeredBy, closedAt, p.team.id, int64(1), at, updated}) {
					return
				}
			}
		}
	})
}
