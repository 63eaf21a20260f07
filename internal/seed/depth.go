package seed

import (
	"context"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/app"
	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/org"
	"lamtheobac/internal/standard"
	"lamtheobac/internal/vntime"
)

// The demo's deeper shapes (issue #15): a partial committee under DU-SCT with one cell, and a
// base cell directly under the bloc, each with its users and a record of every domain.

// depthUnits are the units of the deeper shapes, parents first (after demoUnits).
func depthUnits() []demoUnit {
	return []demoUnit{
		{"DUBP-SCT-KD", "Đảng bộ bộ phận Phòng Kinh doanh", "DU-SCT", org.PartialCommittee},
		{"CB-KD1", "Chi bộ Kinh doanh 1", "DUBP-SCT-KD", org.Cell},
		{"CB-CS-BAO", "Chi bộ cơ sở Báo tỉnh", "KHOI-CQDN", org.BaseCell},
	}
}

// depthLogins are the accounts of the deeper shapes: the partial committee's officer, the
// secretary of its cell, and the base cell's secretary.
func depthLogins() []DemoLogin {
	return []DemoLogin{
		{"partial.officer", "Ngô Thị Thảo", "DUBP-SCT-KD", access.CommitteeOfficer},
		{"cell.secretary3", "Đinh Văn Khoa", "CB-KD1", access.CellSecretary},
		{"basecell.secretary", "Bùi Thị Ngọc", "CB-CS-BAO", access.CellSecretary},
	}
}

// loadDemoDepth gives each unit of the deeper shapes a record of every domain, unless CB-KD1
// already has a model: CB-KD1's model approved and a nomination held by its partial committee;
// the partial committee's model registered (waiting for DU-SCT) and its adoption of DU-SCT's
// standard; the base cell's own standard, a model in progress and a nomination endorsed by the
// bloc. Their reports are in the demo round (reports.go).
func loadDemoDepth(ctx context.Context, a *app.App, ids map[string]uuid.UUID) error {
	existing, _, err := a.Models.List(ctx, ids["CB-KD1"], false, model.Filter{Limit: 1})
	if err != nil || len(existing) > 0 {
		return err
	}
	thisYear := vntime.Date(a.Now()).Year()
	models := []struct {
		unit string
		d    demoModel
	}{
		{"CB-KD1", demoModel{name: "Hỗ trợ doanh nghiệp tận tình", content: "Học tập phong cách gần dân của Bác; hướng dẫn doanh nghiệp thủ tục trong ngày.",
			category: model.AdminReformService, status: model.Approved}},
		{"DUBP-SCT-KD", demoModel{name: "Phòng kinh doanh không giấy", content: "Học tập tác phong khoa học của Bác; số hóa hồ sơ kinh doanh.",
			category: model.SavingsSupport, status: model.Registered}},
		{"CB-CS-BAO", demoModel{name: "Mỗi bài báo một việc tốt", content: "Học tập phong cách làm báo của Bác: viết ngắn, dễ hiểu, vì dân.",
			category: model.NewRuralCivilizedUrban, status: model.InProgress}},
	}
	for _, m := range models {
		if _, err := createDemoModel(ctx, a, ids[m.unit], m.d, thisYear); err != nil {
			return err
		}
	}
	year := thisYear
	unit := func(code string) *uuid.UUID { id := ids[code]; return &id }
	nominations := []struct {
		unit    string
		subject nomination.Subject
		target  nomination.Status
	}{
		{"CB-KD1", nomination.Subject{Kind: nomination.Individual, FullName: "Lý Văn Phúc", Position: "Chuyên viên", UnitID: unit("CB-KD1"), PartyMember: true}, nomination.Submitted},
		{"CB-CS-BAO", nomination.Subject{Kind: nomination.Collective, UnitID: unit("CB-CS-BAO")}, nomination.Endorsed},
	}
	for _, d := range nominations {
		subject, summary := d.subject, "Gương mẫu học tập và làm theo Bác trong công việc hằng ngày."
		n, err := a.Nominations.Create(ctx, ids[d.unit], nomination.Input{Year: &year, Subject: &subject, PublicSummary: &summary, Achievements: &summary})
		if err != nil {
			return err
		}
		if _, err := demoAdvance(ctx, a, n, d.target, nomination.Decision{}); err != nil {
			return err
		}
	}
	return depthStandards(ctx, a, ids)
}

// depthStandards has the partial committee adopt DU-SCT's standard (its cell inherits it) and
// the base cell issue its own, as a committee would.
func depthStandards(ctx context.Context, a *app.App, ids map[string]uuid.UUID) error {
	sct, _, err := a.Standards.List(ctx, ids["DU-SCT"], false, standard.Filter{Status: standard.Issued, Limit: 1}) // not the revision in consultation
	if err != nil {
		return err
	}
	if len(sct) > 0 && sct[0].Status == standard.Issued {
		if _, _, err := a.Standards.Adopt(ctx, ids["DUBP-SCT-KD"], sct[0].ID); err != nil {
			return err
		}
	}
	st, err := a.Standards.Create(ctx, ids["CB-CS-BAO"], sctStandard())
	if err != nil {
		return err
	}
	if st, err = a.Standards.OpenConsultation(ctx, st.ID, nil, vntime.Date(a.Now()).AddDate(0, 0, 1)); err != nil {
		return err
	}
	decision := standard.Decision{Number: "03-QĐ/CB", Date: vntime.Date(a.Now()), Signer: "T/M Chi bộ, Bí thư"}
	_, err = a.Standards.Issue(ctx, st.ID, nil, decision)
	return err
}
