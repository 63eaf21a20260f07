package seed

import (
	"context"

	"lamtheobac/internal/app"
	"lamtheobac/internal/member"
)

// demoCommitment is how far a demo member's commitment of a year has gone.
type demoCommitment struct {
	name     string
	yearsAgo int
	status   member.Status
	class    member.Class // for reviewed (proposed) and classified
}

// demoCommitments put the demo members' years in every state: last year's classified or
// waiting for the committee, this year's from draft to self-assessed; Hoàng Văn Nam (the demo
// member) has this year's still to write.
func demoCommitments() []demoCommitment {
	return []demoCommitment{
		{"Phạm Thị Lan", 1, member.Classified, member.Good},
		{"Hoàng Văn Nam", 1, member.Classified, member.Excellent},
		{"Đỗ Thị Hạnh", 1, member.Classified, member.Completed},
		{"Bùi Quang Vinh", 1, member.Reviewed, member.Good},
		{"Ngô Thanh Sơn", 1, member.Classified, member.Excellent},
		{"Lý Thị Thu", 1, member.Classified, member.NotCompleted},
		{"Vũ Thị Mai", 1, member.Classified, member.Good},
		{"Mai Văn Tùng", 1, member.Reviewed, member.Completed},
		{"Phạm Thị Lan", 0, member.Accepted, ""},
		{"Đỗ Thị Hạnh", 0, member.Submitted, ""},
		{"Bùi Quang Vinh", 0, member.Draft, ""},
		{"Ngô Thanh Sơn", 0, member.SelfAssessed, ""},
		{"Lý Thị Thu", 0, member.Returned, ""},
		{"Trịnh Văn Hải", 0, member.Accepted, ""},
		{"Vũ Thị Mai", 0, member.Submitted, ""},
		{"Đặng Minh Khoa", 0, member.Draft, ""},
	}
}

// loadDemoCommitments writes the demo commitments that do not exist yet, through the workflow.
func loadDemoCommitments(ctx context.Context, a *app.App, members map[string]member.Member) error {
	thisYear := a.Now().Year()
	for _, d := range demoCommitments() {
		m := members[d.name]
		year := thisYear - d.yearsAgo
		have, _, err := a.Store.ListCommitments(ctx, member.CommitmentFilter{MemberID: &m.ID, Year: year, Limit: 1})
		if err != nil {
			return err
		}
		if len(have) > 0 {
			continue
		}
		items, err := demoItems(ctx, a, m)
		if err != nil {
			return err
		}
		c, err := a.Members.CreateCommitment(ctx, m.ID, year, items)
		if err != nil {
			return err
		}
		if err := demoCommitmentFlow(ctx, a, c, d); err != nil {
			return err
		}
	}
	return nil
}

// demoItems are a member's items: the first line of their cell's standard when one is in force,
// a study topic and a task at work.
func demoItems(ctx context.Context, a *app.App, m member.Member) ([]member.ItemInput, error) {
	items := []member.ItemInput{
		{Kind: member.StudyItem, Text: "Học tập chuyên đề năm về tư tưởng, đạo đức, phong cách Hồ Chí Minh; viết bài thu hoạch."},
		{Kind: member.TaskItem, Text: "Hoàn thành đúng hạn, có chất lượng nhiệm vụ chuyên môn được giao."},
	}
	eff, err := a.Standards.EffectiveFor(ctx, m.UnitID)
	if err != nil {
		return nil, err
	}
	if eff.Standard != nil && len(eff.Standard.Items) > 0 {
		id := eff.Standard.Items[0].ID
		items = append([]member.ItemInput{{Kind: member.StandardItem, StandardItemID: &id,
			Text: "Thực hiện nghiêm chuẩn mực đạo đức của đơn vị trong công việc hằng ngày."}}, items...)
	}
	return items, nil
}

// demoCommitmentFlow takes a draft to the state of d.
func demoCommitmentFlow(ctx context.Context, a *app.App, c member.Commitment, d demoCommitment) error {
	steps := []member.Status{member.Submitted, member.Accepted, member.SelfAssessed, member.Reviewed, member.Classified}
	if d.status == member.Draft {
		return nil
	}
	if d.status == member.Returned {
		if _, err := a.Members.SubmitCommitment(ctx, c.ID, nil); err != nil {
			return err
		}
		_, err := a.Members.ReturnCommitment(ctx, c.ID, nil, "Đề nghị nêu cụ thể việc làm, thời gian hoàn thành.")
		return err
	}
	var err error
	for _, st := range steps {
		switch st {
		case member.Submitted:
			c, err = a.Members.SubmitCommitment(ctx, c.ID, nil)
		case member.Accepted:
			c, err = a.Members.AcceptCommitment(ctx, c.ID, nil)
		case member.SelfAssessed:
			c, err = a.Members.SelfAssess(ctx, c.ID, nil, member.YearEnd, demoAssessments(c.Items))
		case member.Reviewed:
			c, err = a.Members.Review(ctx, c.ID, nil, "Đồng chí thực hiện tốt các nội dung đã đăng ký.", d.class)
		case member.Classified:
			c, err = a.Members.Classify(ctx, c.ID, nil, d.class)
		}
		if err != nil || st == d.status {
			return err
		}
	}
	return nil
}

// demoAssessments assess every item as done.
func demoAssessments(items []member.Item) []member.AssessmentInput {
	out := make([]member.AssessmentInput, len(items))
	for i, it := range items {
		out[i] = member.AssessmentInput{ItemID: it.ID, Assessment: member.Assessment{Result: member.Done, Comment: "Hoàn thành.",
			Evidence: "Nhận xét của chi bộ."}}
	}
	return out
}
