package seed

import (
	"context"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/app"
	"lamtheobac/internal/inspection"
	"lamtheobac/internal/model"
	"lamtheobac/internal/standard"
	"lamtheobac/internal/vntime"
)

// loadDemoInspection loads, unless KHOI-CQDN already owns a plan, a thematic inspection by the
// bloc of DU-SCT (the bloc's inspector and officer on the team), concluded, with a finding on a
// model of CB-VP, one on DU-SCT's standard and one on DU-SCT itself, and recommendations: one
// past its deadline and still open, one answered, one closed.
func loadDemoInspection(ctx context.Context, a *app.App, ids map[string]uuid.UUID) error {
	existing, err := a.Inspections.ListPlans(ctx, ids["KHOI-CQDN"], false, "")
	if err != nil || len(existing) > 0 {
		return err
	}
	var team []uuid.UUID
	for _, name := range []string{"inspector", "bloc.officer"} {
		u, err := a.Store.GetUserByUsername(ctx, name)
		if err != nil {
			return err
		}
		team = append(team, u.ID)
	}
	models, _, err := a.Models.List(ctx, ids["CB-VP"], false, model.Filter{Limit: 1})
	if err != nil {
		return err
	}
	standards, _, err := a.Standards.List(ctx, ids["DU-SCT"], false, standard.Filter{Status: standard.Issued, Limit: 1})
	if err != nil {
		return err
	}
	today := vntime.Date(a.Now())
	kind, title := inspection.Thematic, "Kiểm tra chuyên đề việc xây dựng chuẩn mực đạo đức và mô hình \"làm theo Bác\""
	subjects := []inspection.Subject{inspection.SubjectStandards, inspection.SubjectModels}
	from, to := time.Date(today.Year()-1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(today.Year()-1, 12, 31, 0, 0, 0, 0, time.UTC)
	units := []uuid.UUID{ids["DU-SCT"]}
	pl, err := a.Inspections.CreatePlan(ctx, ids["KHOI-CQDN"], inspection.PlanInput{Kind: &kind, Title: &title, Subjects: &subjects,
		From: &from, To: &to, UnitIDs: &units, Team: &team})
	if err != nil {
		return err
	}
	if pl, err = a.Inspections.ApprovePlan(ctx, pl.ID, nil); err != nil {
		return err
	}
	if pl, err = a.Inspections.StartPlan(ctx, pl.ID, nil); err != nil {
		return err
	}
	type demoFinding struct {
		unit    string
		kind    *inspection.RecordKind
		record  *uuid.UUID
		rating  inspection.Rating
		summary string
		rec     string
		due     time.Time
	}
	var findings []demoFinding
	if len(models) > 0 {
		k := inspection.RecordModel
		findings = append(findings, demoFinding{"CB-VP", &k, &models[0].ID, inspection.NeedsImprovement,
			"Mô hình được đăng ký và triển khai, nhưng chưa đánh giá hiệu quả định kỳ hằng quý như kế hoạch.",
			"Tổ chức đánh giá hiệu quả mô hình theo quý, lưu biên bản.", today.AddDate(0, 0, -20)})
	}
	if len(standards) > 0 {
		k := inspection.RecordStandard
		findings = append(findings, demoFinding{"DU-SCT", &k, &standards[0].ID, inspection.Good,
			"Chuẩn mực đạo đức được ban hành đúng quy trình, có lấy ý kiến đảng viên và niêm yết tại trụ sở.",
			"Niêm yết chuẩn mực tại các phòng làm việc của chi bộ trực thuộc.", today.AddDate(0, 1, 0)})
	}
	findings = append(findings, demoFinding{"DU-SCT", nil, nil, inspection.Meets,
		"Đảng ủy có kế hoạch thực hiện Chỉ thị 05-CT/TW hằng năm; việc sơ kết 6 tháng còn chậm.",
		"Báo cáo sơ kết 6 tháng đúng hạn.", today.AddDate(0, 0, -5)})
	var recs []uuid.UUID
	for _, d := range findings {
		f, err := a.Inspections.CreateFinding(ctx, pl.ID, inspection.FindingInput{UnitID: ids[d.unit], RecordKind: d.kind, RecordID: d.record,
			Summary: d.summary, Rating: d.rating, Evidence: "Biên bản làm việc của Đoàn kiểm tra."})
		if err != nil {
			return err
		}
		r, err := a.Inspections.CreateRecommendation(ctx, f.ID, inspection.RecommendationInput{Text: d.rec, DueOn: d.due})
		if err != nil {
			return err
		}
		recs = append(recs, r.ID)
	}
	if _, err = a.Inspections.ConcludePlan(ctx, pl.ID, nil, "Đảng ủy Sở Công Thương đã triển khai nghiêm túc Chỉ thị 05-CT/TW; "+
		"cần khắc phục việc đánh giá hiệu quả mô hình và sơ kết đúng hạn."); err != nil {
		return err
	}
	// The first recommendation stays open past its deadline; the second is answered; the third,
	// also past its deadline, is answered and closed.
	if len(recs) > 1 {
		if _, err := a.Inspections.Answer(ctx, recs[1], nil, "Đã niêm yết tại 3/3 chi bộ trực thuộc."); err != nil {
			return err
		}
	}
	last := recs[len(recs)-1]
	if _, err := a.Inspections.Answer(ctx, last, nil, "Đã nộp báo cáo sơ kết."); err != nil {
		return err
	}
	_, err = a.Inspections.Close(ctx, last, nil)
	return err
}
