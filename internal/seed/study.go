package seed

import (
	"context"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/app"
	"lamtheobac/internal/member"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/study"
	"lamtheobac/internal/vntime"
)

// loadDemoStudy issues this year's topic at the bloc, has CB-VP hold a session on it this
// quarter (minutes, attendance of its demo members, a reflection) and plan the next one two
// weeks ahead, and records the committee's honoring ceremony on 19/5 with the honored
// exemplars of its subtree. Nothing is written when the bloc has topics already.
func loadDemoStudy(ctx context.Context, a *app.App, ids map[string]uuid.UUID, members map[string]member.Member) error {
	topics, _, err := a.Study.ListTopics(ctx, ids["KHOI-CQDN"], 0, 1, "")
	if err != nil || len(topics) > 0 {
		return err
	}
	now := a.Now()
	today := vntime.Date(now)
	year := today.Year()
	topic, err := a.Study.CreateTopic(ctx, ids["KHOI-CQDN"], study.TopicInput{
		Title:    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về phát huy tinh thần tự lực, tự cường, khát vọng phát triển đất nước",
		YearFrom: year,
		Summary:  "Chuyên đề năm " + itoa(year) + " theo hướng dẫn của Ban Tuyên giáo Trung ương; các chi bộ sinh hoạt chuyên đề ít nhất mỗi quý một lần.",
		Links:    []study.Link{{Title: "Tài liệu chuyên đề", URL: "https://example.vn/tai-lieu/chuyen-de-" + itoa(year) + ".pdf"}},
	})
	if err != nil {
		return err
	}
	if _, err := a.Study.CreateTopic(ctx, ids["DU-SCT"], study.TopicInput{Title: "Phong cách làm việc khoa học, sâu sát cơ sở",
		YearFrom: year, Summary: "Chuyên đề riêng của Đảng ủy Sở Công Thương."}); err != nil {
		return err
	}
	// This quarter's session, on its first day at 8:00 in Vietnam: held, with its minutes.
	q := study.QuarterOf(today)
	first := time.Date(year, time.Month(3*(q-1)+1), 1, 8, 0, 0, 0, vntime.Zone())
	held, err := a.Study.CreateSession(ctx, ids["CB-VP"], study.SessionInput{TopicID: topic.ID, StartsAt: first,
		Place: "Phòng họp tầng 2, Văn phòng Sở", Presenter: "Đồng chí Bí thư Chi bộ",
		Agenda: "1. Quán triệt nội dung chuyên đề.\n2. Liên hệ thực tế của Văn phòng.\n3. Đăng ký việc làm theo."})
	if err != nil {
		return err
	}
	if _, err := a.Study.RecordSession(ctx, held.ID, nil, study.Minutes{
		KeyPoints: "Chi bộ thống nhất 3 việc làm theo: giải quyết hồ sơ đúng hẹn, tiết kiệm văn phòng phẩm, giữ gìn phòng làm việc gọn gàng."}); err != nil {
		return err
	}
	if err := demoAttendance(ctx, a, held.ID, members); err != nil {
		return err
	}
	// The next one in two weeks, within the year of the topic (late December: on the 31st).
	next := now.Add(14 * 24 * time.Hour).Truncate(time.Hour)
	if vntime.Date(next).Year() != year {
		next = time.Date(year, 12, 31, 8, 0, 0, 0, vntime.Zone())
	}
	if _, err := a.Study.CreateSession(ctx, ids["CB-VP"], study.SessionInput{TopicID: topic.ID, StartsAt: next,
		Place: "Hội trường Sở", Presenter: "Báo cáo viên Đảng ủy Khối", Agenda: "Sinh hoạt chuyên đề kỳ tiếp theo."}); err != nil {
		return err
	}
	return demoEvent(ctx, a, ids, year)
}

// demoEvent records DU-SCT's honoring ceremony of 19/5 with the honored exemplars of its
// subtree and a public summary, left for an officer to publish (the demo's public feed stays
// the exemplars the portal tests expect).
func demoEvent(ctx context.Context, a *app.App, ids map[string]uuid.UUID, year int) error {
	noms, _, err := a.Nominations.List(ctx, ids["DU-SCT"], "subtree", nomination.Filter{Status: nomination.Honored, Limit: 10})
	if err != nil {
		return err
	}
	var honored []uuid.UUID
	for _, n := range noms {
		honored = append(honored, n.ID)
	}
	_, err = a.Study.CreateEvent(ctx, ids["DU-SCT"], study.EventInput{Kind: study.Honoring, Title: "Biểu dương điển hình tiêu biểu nhân kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh",
		HeldOn: time.Date(year, 5, 19, 0, 0, 0, 0, time.UTC), Place: "Hội trường Sở Công Thương",
		Participants:  "Ban Thường vụ Đảng ủy, bí thư các chi bộ, các điển hình được biểu dương.",
		NominationIDs: honored,
		PublicSummary: "Đảng ủy Sở Công Thương biểu dương các tập thể, cá nhân tiêu biểu trong học tập và làm theo Bác."})
	return err
}

// demoAttendance records CB-VP's demo members at the session (two present, one excused, one
// absent) and the member Hoàng Văn Nam's reflection.
func demoAttendance(ctx context.Context, a *app.App, sessionID uuid.UUID, members map[string]member.Member) error {
	var rows []study.Attendance
	for name, st := range map[string]study.AttendanceStatus{"Phạm Thị Lan": study.Present, "Hoàng Văn Nam": study.Present,
		"Đỗ Thị Hạnh": study.Excused, "Bùi Quang Vinh": study.Absent} {
		if m, ok := members[name]; ok {
			rows = append(rows, study.Attendance{MemberID: m.ID, Status: st})
		}
	}
	if _, _, err := a.Study.SetAttendance(ctx, sessionID, nil, rows); err != nil {
		return err
	}
	nam, ok := members["Hoàng Văn Nam"]
	if !ok {
		return nil
	}
	_, err := a.Study.WriteReflection(ctx, sessionID, nam.ID,
		"Qua chuyên đề, tôi nhận thức rõ hơn tinh thần tự lực, tự cường; tôi đăng ký giải quyết hồ sơ đúng hẹn và tiết kiệm văn phòng phẩm.")
	return err
}
