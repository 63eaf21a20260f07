package seed

import (
	"context"
	"github.com/google/uuid"
	"time"

	"lamtheobac/internal/app"
	"lamtheobac/internal/standard"
	"lamtheobac/internal/vntime"
)

// sctStandard is the standard of Đảng ủy Sở Công Thương at the end of its Hướng dẫn 14-QĐ/ĐU
// (docs/sources.md), issued by Quyết định 14-QĐ/ĐU of 16/4/2022 (the published text's PDF
// extraction wrote "ƣ" for "ư"; fixed here).
func sctStandard() standard.Content {
	title := "Chuẩn mực đạo đức"
	subtitle := "của cán bộ, đảng viên, công chức, viên chức Sở Công Thương theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
	items := []standard.ItemInput{
		{Text: "Tuyệt đối trung thành với Đảng, với Tổ quốc và lợi ích của Nhân dân, hết lòng phục vụ Nhân dân.", Relation: standard.FatherlandParty},
		{Text: "Nêu cao ý thức tổ chức kỷ luật, trách nhiệm, tận tụy, sáng tạo trong thực hiện nhiệm vụ; nắm vững quy định nhà nước, nắm chắc tình hình cơ sở, nâng cao chất lượng tham mưu.", Relation: standard.Work},
		{Text: "Nâng cao tính đoàn kết, chống chủ nghĩa cá nhân, xây dựng cơ quan ngày càng vững mạnh.", Relation: standard.Comrades},
		{Text: "Trung thực, khiêm tốn, tự giác, liêm khiết, tiết kiệm.", Relation: standard.Self},
		{Text: "Gương mẫu, thẳng thắn, chân tình, trao đổi, hợp tác và giúp đỡ nhau trong công việc và đời sống.", Relation: standard.Comrades},
	}
	return standard.Content{Title: &title, Subtitle: &subtitle, Items: &items}
}

// demoStandards issues the Sở Công Thương standard at DU-SCT and has CB-VP adopt it, unless
// DU-SCT already has a standard.
func demoStandards(ctx context.Context, a *app.App, committee, cell string, unitIDs map[string]uuid.UUID) error {
	existing, _, err := a.Standards.List(ctx, unitIDs[committee], false, standard.Filter{Limit: 1})
	if err != nil || len(existing) > 0 {
		return err
	}
	st, err := a.Standards.Create(ctx, unitIDs[committee], sctStandard())
	if err != nil {
		return err
	}
	if st, err = a.Standards.OpenConsultation(ctx, st.ID, nil, vntime.Date(a.Now()).AddDate(0, 0, 1)); err != nil {
		return err
	}
	decision := standard.Decision{Number: "14-QĐ/ĐU", Date: time.Date(2022, 4, 16, 0, 0, 0, 0, time.UTC), Signer: "T/M Đảng ủy Sở, Bí thư"}
	if st, err = a.Standards.Issue(ctx, st.ID, nil, decision); err != nil {
		return err
	}
	if _, _, err = a.Standards.Adopt(ctx, unitIDs[cell], st.ID); err != nil {
		return err
	}
	return demoConsultation(ctx, a, unitIDs[committee])
}

// demoConsultation opens a revision of the committee's standard for comment for two weeks: its
// members and those of its cells (the demo's member at CB-VP) find it in /me/tasks
// (comment_standard, issue #17 item 6).
func demoConsultation(ctx context.Context, a *app.App, committee uuid.UUID) error {
	c := sctStandard()
	title := "Chuẩn mực đạo đức (dự thảo sửa đổi, bổ sung)"
	c.Title = &title
	items := append(*c.Items, standard.ItemInput{Text: "Gần dân, trọng dân, hướng dẫn doanh nghiệp tận tình, giải quyết thủ tục đúng hẹn.",
		Relation: standard.Work})
	c.Items = &items
	st, err := a.Standards.Create(ctx, committee, c)
	if err != nil {
		return err
	}
	_, err = a.Standards.OpenConsultation(ctx, st.ID, nil, vntime.Date(a.Now()).AddDate(0, 0, 14))
	return err
}
