package seed

import (
	"context"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/app"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/vntime"
)

// demoNomination is a nomination of the demo and how far it goes.
type demoNomination struct {
	unit    string
	subject nomination.Subject
	summary string
	target  nomination.Status
	publish bool
}

func demoNominations(ids map[string]uuid.UUID) []demoNomination {
	unit := func(code string) *uuid.UUID { id := ids[code]; return &id }
	person := func(name, position, code string) nomination.Subject {
		return nomination.Subject{Kind: nomination.Individual, FullName: name, Position: position, UnitID: unit(code), PartyMember: true}
	}
	return []demoNomination{
		{"CB-VP", person("Nguyễn Thị Thu", "Chuyên viên Văn phòng", "CB-VP"), "Gương mẫu, tận tụy; khởi xướng mô hình \"Tiết kiệm làm theo lời Bác\".", nomination.Honored, true},
		{"DU-SCT", nomination.Subject{Kind: nomination.Collective, UnitID: unit("CB-QLTM")}, "Chi bộ thực hiện hiệu quả mô hình \"5 biết\" trong quản lý thương mại.", nomination.Honored, true},
		{"CB-VP", nomination.Subject{Kind: nomination.Collective, DepartmentName: "Tổ Văn thư - Lưu trữ"}, "Số hóa hồ sơ, phục vụ người dân nhanh chóng.", nomination.Commended, false},
		{"CB-QLTM", person("Trần Văn Bình", "Phó trưởng phòng", "CB-QLTM"), "Tận tụy với doanh nghiệp, không để hồ sơ trễ hạn.", nomination.Endorsed, false},
		{"CB-KTAT", person("Lê Thị Hoa", "Kỹ sư an toàn", "CB-KTAT"), "Kiểm tra an toàn kịp thời, phòng ngừa tai nạn.", nomination.Submitted, false},
		{"CB-BTTP", person("Phạm Minh Đức", "Chuyên viên", "CB-BTTP"), "Hỗ trợ người dân thủ tục bổ trợ tư pháp.", nomination.Returned, false},
		{"CB-HCTP", person("Đỗ Văn Sơn", "Chuyên viên", "CB-HCTP"), "Đề xuất chưa đủ căn cứ.", nomination.Rejected, false},
		{"CB-VP", person("Hoàng Văn Nam", "Chuyên viên", "CB-VP"), "Đang hoàn thiện hồ sơ.", nomination.Draft, false},
	}
}

// loadDemoNominations loads nominations in every state, two honored and published, unless
// CB-VP already has some.
func loadDemoNominations(ctx context.Context, a *app.App, ids map[string]uuid.UUID) error {
	existing, _, err := a.Nominations.List(ctx, ids["CB-VP"], "own", nomination.Filter{Limit: 1})
	if err != nil || len(existing) > 0 {
		return err
	}
	year := vntime.Date(a.Now()).Year()
	decision := nomination.Decision{Number: "125-QĐ/ĐUK", Date: time.Date(year, 5, 19, 0, 0, 0, 0, time.UTC),
		Authority: "Ban Thường vụ Đảng ủy Khối", Form: "Giấy khen"}
	if decision.Date.After(vntime.Date(a.Now())) {
		decision.Date = vntime.Date(a.Now())
	}
	for _, d := range demoNominations(ids) {
		subject, summary := d.subject, d.summary
		answers := demoAnswers(subject, summary)
		n, err := a.Nominations.Create(ctx, ids[d.unit], nomination.Input{Year: &year, Subject: &subject, PublicSummary: &summary,
			Achievements: &summary, Criteria: &answers})
		if err != nil {
			return err
		}
		if n, err = demoAdvance(ctx, a, n, d.target, decision); err != nil {
			return err
		}
		if d.publish {
			if subject.Kind == nomination.Individual {
				if n, err = a.Nominations.RecordConsent(ctx, n.ID, nil, true, "Đồng ý công bố trên cổng thông tin."); err != nil {
					return err
				}
			}
			if _, err = a.Nominations.SetPublished(ctx, n.ID, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// demoShortOf is the demo exemplar sent up short of a criterion, with the reason its unit wrote
// (Kế hoạch 185-KH/ĐU §II.1 I3: chiến sỹ thi đua cơ sở).
const (
	demoShortOf       = "Lê Thị Hoa"
	demoShortOfReason = "Đồng chí chưa được bình xét chiến sỹ thi đua cơ sở do mới chuyển công tác; đề nghị xét thành tích phòng ngừa tai nạn đột xuất."
)

// demoAnswers answers every criterion that applies to the subject as met, with the summary as
// evidence, but I3 for demoShortOf.
func demoAnswers(s nomination.Subject, evidence string) []nomination.Answer {
	var out []nomination.Answer
	for _, c := range nomination.CriteriaFor(s.Kind == nomination.Collective, s.Leader) {
		met := !(s.FullName == demoShortOf && c.Code == "I3")
		a := nomination.Answer{Code: c.Code, Met: met}
		if met {
			a.Evidence = evidence
		}
		out = append(out, a)
	}
	return out
}

// demoAdvance takes a draft to target through the real workflow.
func demoAdvance(ctx context.Context, a *app.App, n nomination.Nomination, target nomination.Status, d nomination.Decision) (nomination.Nomination, error) {
	s, err := a.Nominations, error(nil)
	step := func(f func() (nomination.Nomination, error)) {
		if err == nil {
			n, err = f()
		}
	}
	if target == nomination.Draft {
		return n, nil
	}
	reason := ""
	if len(n.CriteriaUnmet()) > 0 {
		reason = demoShortOfReason
	}
	step(func() (nomination.Nomination, error) { return s.Submit(ctx, n.ID, nil, reason) })
	switch target {
	case nomination.Returned:
		step(func() (nomination.Nomination, error) {
			return s.Return(ctx, n.ID, nil, "Bổ sung minh chứng kết quả công tác.")
		})
	case nomination.Rejected:
		step(func() (nomination.Nomination, error) {
			return s.Reject(ctx, n.ID, nil, "Chưa đáp ứng tiêu chí cá nhân.")
		})
	case nomination.Endorsed:
		step(func() (nomination.Nomination, error) { return s.Endorse(ctx, n.ID, nil, reason) })
	case nomination.Commended, nomination.Honored:
		step(func() (nomination.Nomination, error) { return s.Commend(ctx, n.ID, nil, d) })
		if target == nomination.Honored {
			step(func() (nomination.Nomination, error) { return s.Honor(ctx, n.ID, nil) })
		}
	}
	return n, err
}
