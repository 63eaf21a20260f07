package seed

import (
	"context"
	"strconv"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/app"
	"lamtheobac/internal/org"
	"lamtheobac/internal/report"
	"lamtheobac/internal/vntime"
)

// loadDemoReports opens the H1 round of this year at the bloc, due 15 July, with reports in
// every state: accepted and on time (submitted in early July, through a service whose clock is
// set then), late, returned, being drafted, and missing. Each written report has its next steps;
// CB-VP's is signed (its PDF shows the report form whole: the named models and exemplars with
// their results, "phương hướng, nhiệm vụ" and the signature block).
func loadDemoReports(ctx context.Context, a *app.App, ids map[string]uuid.UUID) error {
	rounds, err := a.Reports.Rounds(ctx, ids["KHOI-CQDN"])
	if err != nil || len(rounds) > 0 {
		return err
	}
	year := vntime.Date(a.Now()).Year()
	due := time.Date(year, 7, 15, 0, 0, 0, 0, time.UTC)
	if due.After(vntime.Date(a.Now())) { // early in the year: last year's H1
		year--
		due = due.AddDate(-1, 0, 0)
	}
	round, err := a.Reports.CreateRound(ctx, ids["KHOI-CQDN"], report.RoundInput{Title: "Báo cáo 6 tháng đầu năm " + itoa(year),
		Year: year, Period: report.H1, DueOn: due, Levels: []org.Kind{org.Cell, org.Committee}})
	if err != nil {
		return err
	}
	reports, _, err := a.Reports.List(ctx, ids["KHOI-CQDN"], true, report.Filter{RoundID: &round.ID, Limit: 50})
	if err != nil {
		return err
	}
	byUnit := map[string]report.Report{}
	for _, r := range reports {
		byUnit[r.Unit.Code] = r
	}
	inJuly := report.NewService(a.Store, a.Standards, func() time.Time { return time.Date(year, 7, 10, 3, 0, 0, 0, time.UTC) })
	narrative := func() report.Patch {
		results := "Chi bộ quán triệt Chỉ thị 05-CT/TW; 100% đảng viên đăng ký làm theo Bác; mô hình được triển khai đúng tiến độ."
		limits := "Một số đảng viên chưa thường xuyên cập nhật kết quả."
		lessons := "Gắn việc làm theo Bác với nhiệm vụ chuyên môn."
		proposals := "Đề nghị Đảng ủy tổ chức tập huấn cách xây dựng mô hình."
		next := "Tiếp tục duy trì, nhân rộng các mô hình \"làm theo Bác\" đã đăng ký; mỗi đảng viên đăng ký ít nhất một việc làm cụ thể trong 6 tháng cuối năm.\n" +
			"Tổ chức sinh hoạt chuyên đề hằng quý; sơ kết, biểu dương điển hình tiêu biểu nhân dịp 2/9."
		return report.Patch{Results: &results, Limitations: &limits, Lessons: &lessons, Proposals: &proposals, NextSteps: &next}
	}
	// CB-VP signs its report as the documents end one: the list of recipients, "T/M CHI BỘ",
	// the secretary's title and name (the others print the defaults of their kind).
	signed := func() report.Patch {
		p := narrative()
		recipients := []string{"Đảng ủy Sở Công Thương (báo cáo),", "Các đảng viên trong chi bộ,", "Lưu: Chi bộ."}
		onBehalf, title, name := "T/M CHI BỘ", "BÍ THƯ", "Phạm Thị Lan"
		p.Signature = &report.SignaturePatch{Recipients: &recipients, OnBehalf: &onBehalf, Title: &title, Name: &name}
		return p
	}
	steps := []struct {
		code string
		do   func(r report.Report) error
	}{
		{"CB-VP", func(r report.Report) error { // on time, signed, then accepted
			if _, err := inJuly.Update(ctx, r.ID, nil, signed()); err != nil {
				return err
			}
			if _, err := inJuly.Submit(ctx, r.ID, nil); err != nil {
				return err
			}
			_, err := inJuly.Accept(ctx, r.ID, nil)
			return err
		}},
		{"CB-QLTM", func(r report.Report) error { // on time, waiting for review
			if _, err := inJuly.Update(ctx, r.ID, nil, narrative()); err != nil {
				return err
			}
			_, err := inJuly.Submit(ctx, r.ID, nil)
			return err
		}},
		{"CB-KTAT", func(r report.Report) error { // late
			if _, err := a.Reports.Update(ctx, r.ID, nil, narrative()); err != nil {
				return err
			}
			_, err := a.Reports.Submit(ctx, r.ID, nil)
			return err
		}},
		{"CB-BTTP", func(r report.Report) error { // returned
			if _, err := inJuly.Update(ctx, r.ID, nil, narrative()); err != nil {
				return err
			}
			if _, err := inJuly.Submit(ctx, r.ID, nil); err != nil {
				return err
			}
			_, err := a.Reports.Return(ctx, r.ID, nil, "Bổ sung số liệu đánh giá mô hình.")
			return err
		}},
		{"CB-HCTP", func(r report.Report) error { // being drafted
			_, err := a.Reports.Update(ctx, r.ID, nil, narrative())
			return err
		}},
		// The deeper shapes (depth.go): the cell under the partial committee is accepted by
		// it, the partial committee then submits to DU-SCT on time, and the base cell reports
		// straight to the bloc, late.
		{"CB-KD1", func(r report.Report) error {
			if _, err := inJuly.Update(ctx, r.ID, nil, narrative()); err != nil {
				return err
			}
			if _, err := inJuly.Submit(ctx, r.ID, nil); err != nil {
				return err
			}
			_, err := inJuly.Accept(ctx, r.ID, nil)
			return err
		}},
		{"DUBP-SCT-KD", func(r report.Report) error {
			if _, err := inJuly.Update(ctx, r.ID, nil, narrative()); err != nil {
				return err
			}
			_, err := inJuly.Submit(ctx, r.ID, nil)
			return err
		}},
		{"CB-CS-BAO", func(r report.Report) error {
			if _, err := a.Reports.Update(ctx, r.ID, nil, narrative()); err != nil {
				return err
			}
			_, err := a.Reports.Submit(ctx, r.ID, nil)
			return err
		}},
	}
	for _, s := range steps {
		r, ok := byUnit[s.code]
		if !ok {
			continue // a unit added to the demo after its round was opened has no report in it
		}
		if err := s.do(r); err != nil {
			return err
		}
	}
	// DU-SCT and DU-STP have not started: missing.
	return loadDemoMultiYearRound(ctx, a, ids)
}

// loadDemoMultiYearRound opens a custom round over the last three years at DU-SCT, as the
// three-year review of Kết luận 01-KL/TW asks: its reports count the models of every year.
func loadDemoMultiYearRound(ctx context.Context, a *app.App, ids map[string]uuid.UUID) error {
	year := vntime.Date(a.Now()).Year()
	from, to := time.Date(year-2, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	_, err := a.Reports.CreateRound(ctx, ids["DU-SCT"], report.RoundInput{
		Title: "Sơ kết 03 năm thực hiện Kết luận 01-KL/TW (" + itoa(year-2) + "–" + itoa(year) + ")",
		Year:  year, Period: report.Custom, From: &from, To: &to, DueOn: to, Levels: []org.Kind{org.Cell}})
	return err
}

func itoa(n int) string { return strconv.Itoa(n) }
