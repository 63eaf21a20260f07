package seed

import (
	"context"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/app"
	"lamtheobac/internal/model"
	"lamtheobac/internal/vntime"
)

// demoModel is a model of the demo: its cell, content, and how far it has gone.
type demoModel struct {
	cell, name, content string
	category            model.Category
	yearsAgo            int
	status              model.Status
	evaluations         []model.EvaluationInput
}

func ptr[T any](v T) *T { return &v }

// demoModels are a few models per demo cell over last year and this year, with names from the
// catalog of Công văn 364-CV/BTG (docs/sources.md).
func demoModels() []demoModel {
	savings := []model.EvaluationInput{
		{Period: model.H1, Awareness: "Đảng viên tự giác tiết kiệm chi tiêu cá nhân.", Attitude: "Tích cực, đồng thuận.",
			Action: "Mỗi đảng viên góp 50.000 đồng/tháng.", Rating: model.Good,
			Metrics: []model.Metric{{Name: "Số tiền tiết kiệm", Unit: "triệu đồng", Baseline: ptr(0.0), Value: 6}, {Name: "Số hộ được hỗ trợ", Unit: "hộ", Baseline: ptr(0.0), Value: 2}}},
		{Period: model.FullYear, Awareness: "Nhận thức rõ ý nghĩa lời Bác dạy về cần, kiệm.", Attitude: "Đoàn kết, chia sẻ.",
			Action: "Hỗ trợ đảng viên khó khăn sửa nhà.", Rating: model.Excellent,
			Metrics: []model.Metric{{Name: "Số tiền tiết kiệm", Unit: "triệu đồng", Baseline: ptr(0.0), Value: 14}, {Name: "Số hộ được hỗ trợ", Unit: "hộ", Baseline: ptr(0.0), Value: 5}}},
	}
	return []demoModel{
		{"CB-VP", "Tiết kiệm làm theo lời Bác", "Học tập tư tưởng Hồ Chí Minh về cần, kiệm, liêm, chính; mỗi đảng viên tiết kiệm hằng tháng để hỗ trợ đồng chí khó khăn.",
			model.SavingsSupport, 1, model.Completed, savings},
		// Reviewed each month (issue #17 item 8): January to March, then the quarter; the bloc's
		// propaganda office evaluates its quality for the quarter (demoReview).
		{"CB-VP", "Nụ cười công sở", "Học tập phong cách gần dân, trọng dân của Bác; tiếp đón người dân, doanh nghiệp niềm nở, tận tình.",
			model.AdminReformService, 0, model.InProgress, append(monthlyEvaluations(), model.EvaluationInput{Period: model.Q1,
				Awareness: "Cán bộ chú trọng văn hóa giao tiếp.", Rating: model.Good,
				Metrics: []model.Metric{{Name: "Phản ánh không hài lòng", Unit: "lượt", Baseline: ptr(6.0), Value: 1}}})},
		{"CB-QLTM", "5 biết", "Biết nghe dân nói, biết nói dân hiểu, biết làm dân tin, biết xin lỗi và biết cảm ơn trong quản lý thương mại.",
			model.AdminReformService, 1, model.Completed, nil},
		{"CB-QLTM", "Mỗi tháng một việc tốt", "Mỗi tháng chi bộ chọn một việc tốt vì cộng đồng.", model.SavingsSupport, 0, model.Registered, nil},
		{"CB-KTAT", "Ngày chủ nhật xanh", "Ra quân vệ sinh môi trường khu dân cư vào chủ nhật cuối tháng.", model.NewRuralCivilizedUrban, 0, model.Draft, nil},
		{"CB-BTTP", "4 không", "Không chậm trễ, không sai sót, không phát sinh thủ tục, không gây phiền hà trong bổ trợ tư pháp.",
			model.AdminReformService, 1, model.Completed, nil},
		{"CB-BTTP", "Ba không", "Không gây phiền hà, không thờ ơ, không nhận hối lộ trong giải quyết thủ tục cho dân.", model.AdminReformService, 0, model.Approved, nil},
	}
}

// monthlyEvaluations are the monthly self-evaluations of the demo's monthly model (the first
// quarter's months; those not begun yet when the demo is loaded are skipped).
func monthlyEvaluations() []model.EvaluationInput {
	return []model.EvaluationInput{
		{Period: model.Month(time.January), Action: "Niêm yết quy tắc giao tiếp tại bộ phận một cửa.", Rating: model.Fair},
		{Period: model.Month(time.February), Action: "Tập huấn kỹ năng tiếp dân cho cán bộ trẻ.", Rating: model.Good},
		{Period: model.Month(time.March), Action: "Không còn phản ánh về thái độ phục vụ.", Rating: model.Good},
	}
}

// demoReview is the bloc's reviewer evaluation of the monthly model's first quarter, recorded
// by an officer of the bloc's propaganda office (Hướng dẫn BTG ĐUK 2021–2025 §IV.3).
func demoReview(ctx context.Context, a *app.App, m model.Model, bloc uuid.UUID) error {
	u, err := a.Store.GetUnit(ctx, bloc)
	if err != nil {
		return err
	}
	office := &access.Principal{ID: uuid.Nil, Kind: access.UserPrincipal, Name: "Ban Tuyên giáo Đảng ủy Khối",
		Roles: []access.Assignment{{Role: access.BlocOfficer, UnitID: u.ID, UnitPath: u.Path}}}
	_, err = a.Models.Appraise(access.WithPrincipal(ctx, office), m.ID, model.EvaluationInput{Period: model.Q1, Rating: model.Good,
		Awareness: "Khảo sát tại bộ phận một cửa: cán bộ nắm vững quy tắc giao tiếp.",
		Action:    "Tỷ lệ người dân hài lòng tăng; cần nhân rộng sang các chi bộ có giao dịch với dân.",
		Note:      "Đoàn khảo sát của Ban Tuyên giáo Đảng ủy Khối."})
	return err
}

// demoModelFlow are the actions that take a draft to each state.
func demoModelFlow(target model.Status) []model.Action {
	switch target {
	case model.Registered:
		return []model.Action{model.ActRegister}
	case model.Approved:
		return []model.Action{model.ActRegister, model.ActApprove}
	case model.InProgress:
		return []model.Action{model.ActRegister, model.ActApprove, model.ActStart}
	case model.Completed:
		return []model.Action{model.ActRegister, model.ActApprove, model.ActStart}
	}
	return nil
}

// loadDemoModels loads the demo models unless CB-VP already has some, and replicates CB-VP's
// completed savings model into CB-QLTM.
func loadDemoModels(ctx context.Context, a *app.App, ids map[string]uuid.UUID) error {
	existing, _, err := a.Models.List(ctx, ids["CB-VP"], false, model.Filter{Limit: 1})
	if err != nil || len(existing) > 0 {
		return err
	}
	thisYear := vntime.Date(a.Now()).Year()
	var savings uuid.UUID
	for _, d := range demoModels() {
		m, err := createDemoModel(ctx, a, ids[d.cell], d, thisYear)
		if err != nil {
			return err
		}
		if d.name == "Tiết kiệm làm theo lời Bác" {
			savings = m.ID
		}
		if d.name == "Nụ cười công sở" {
			if err := demoReview(ctx, a, m, ids["KHOI-CQDN"]); err != nil {
				return err
			}
		}
	}
	_, err = a.Models.Replicate(ctx, savings, []uuid.UUID{ids["CB-QLTM"]})
	return err
}

// createDemoModel creates d at the unit unitID and takes it through the real workflow to its
// state, with its evaluations.
func createDemoModel(ctx context.Context, a *app.App, unitID uuid.UUID, d demoModel, thisYear int) (model.Model, error) {
	year := thisYear - d.yearsAgo
	cadence := model.Quarterly
	for _, ev := range d.evaluations {
		if ev.Period.Monthly() {
			cadence = model.Monthly
		}
	}
	m, err := a.Models.Create(ctx, unitID, model.Input{Name: &d.name, Year: &year, Category: &d.category,
		Implementer: &model.Implementer{Kind: model.WholeUnit, Name: "Toàn chi bộ"}, LearningContent: &d.content,
		NecessityReasons: &[]model.Reason{model.SelfCultivation, model.CareForPeople},
		Measures: &model.Measures{Plan: "Triển khai trong sinh hoạt chi bộ hằng tháng.", Milestones: []model.Milestone{
			{Date: time.Date(year, 3, 31, 0, 0, 0, 0, time.UTC), Description: "Quán triệt, đăng ký"},
			{Date: time.Date(year, 6, 30, 0, 0, 0, 0, time.UTC), Description: "Sơ kết 6 tháng"},
			{Date: time.Date(year, 12, 15, 0, 0, 0, 0, time.UTC), Description: "Tổng kết năm"}},
			Monitor: &model.Monitor{Name: "Đồng chí phó bí thư chi bộ"}, Cadence: cadence},
		ExpectedResults: ptr("Tạo chuyển biến rõ nét trong nhận thức và hành động."),
		Replicability:   ptr("Dễ thực hiện, có thể nhân rộng ở các chi bộ khác.")})
	if err != nil {
		return m, err
	}
	for _, act := range demoModelFlow(d.status) {
		if m, err = a.Models.Transition(ctx, m.ID, act, nil, ""); err != nil {
			return m, err
		}
	}
	for _, ev := range d.evaluations {
		if from, _ := ev.Period.Dates(year); from.After(vntime.Date(a.Now())) {
			continue // a period not begun yet is not evaluated
		}
		ev.Year = &year
		if _, err := a.Models.Evaluate(ctx, m.ID, ev); err != nil {
			return m, err
		}
	}
	if d.status == model.Completed {
		return a.Models.Transition(ctx, m.ID, model.ActComplete, nil, "")
	}
	return m, nil
}
