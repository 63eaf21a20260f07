package member

import (
	"bytes"
	"context"
	"strconv"

	"github.com/google/uuid"

	"lamtheobac/internal/export"
	"lamtheobac/internal/org"
)

// classLabels are the classes as the party's forms write them.
var classLabels = map[Class]string{Excellent: "Hoàn thành xuất sắc nhiệm vụ", Good: "Hoàn thành tốt nhiệm vụ",
	Completed: "Hoàn thành nhiệm vụ", NotCompleted: "Không hoàn thành nhiệm vụ"}

var resultLabels = map[Result]string{Done: "Đã thực hiện", Partly: "Thực hiện một phần", NotDone: "Chưa thực hiện"}

var kindLabels = map[ItemKind]string{StandardItem: "Chuẩn mực đạo đức", StudyItem: "Học tập", TaskItem: "Nhiệm vụ công tác"}

var statusLabels = map[Status]string{Draft: "Dự thảo", Submitted: "Đã nộp chi bộ", Returned: "Chi bộ trả lại", Accepted: "Chi bộ đã chấp nhận",
	SelfAssessed: "Đã tự đánh giá", Reviewed: "Chi bộ đã nhận xét", Classified: "Đã xếp loại"}

// FormPDF prints a readable commitment as the A4 form the member signs: the items with what the
// member will do, the self-assessments, the cell's review and the classification, in the
// party-document layout of the periodic reports (export.WriteReportPDF, Vietnamese typography).
func (s *Service) FormPDF(ctx context.Context, id uuid.UUID) ([]byte, error) {
	c, err := s.readableCommitment(ctx, id, false)
	if err != nil {
		return nil, err
	}
	parent := ""
	if ids := org.PathIDs(c.UnitPath); len(ids) > 1 {
		if u, err := s.store.GetUnit(ctx, ids[len(ids)-2]); err == nil {
			parent = u.Name
		}
	}
	y := strconv.Itoa(c.Year)
	doc := export.ReportDoc{UnitName: c.Unit.Name, ParentName: parent,
		Title:  "BẢN CAM KẾT tu dưỡng, rèn luyện, học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm " + y,
		Period: "Đảng viên: " + c.MemberName, Status: statusLabels[c.Status]}
	if c.SubmittedAt != nil {
		doc.Date = *c.SubmittedAt
	}
	table := export.ReportTable{Title: "Nội dung cam kết và tự đánh giá",
		Headers: []string{"STT", "Loại", "Nội dung đăng ký", "Giữa năm", "Cuối năm"}}
	assessed := func(a *Assessment) string {
		if a == nil {
			return ""
		}
		out := resultLabels[a.Result]
		for _, x := range []string{a.Comment, a.Evidence} {
			if x != "" {
				out += "; " + x
			}
		}
		return out
	}
	for i, it := range c.Items {
		text := it.Text
		if it.StandardText != "" {
			text = it.StandardText + " — " + it.Text
		}
		table.Rows = append(table.Rows, []string{strconv.Itoa(i + 1), kindLabels[it.Kind], text, assessed(it.MidYear), assessed(it.YearEnd)})
	}
	doc.Tables = []export.ReportTable{table}
	if c.CellAssessment != "" {
		review := c.CellAssessment
		if c.ProposedClass != nil {
			review += "\nChi bộ đề nghị xếp loại: " + classLabels[*c.ProposedClass] + "."
		}
		doc.Sections = append(doc.Sections, export.ReportSection{Heading: "Nhận xét, đánh giá của chi bộ", Body: review})
	}
	if c.Class != nil {
		doc.Sections = append(doc.Sections, export.ReportSection{Heading: "Xếp loại đảng viên năm " + y, Body: classLabels[*c.Class] + "."})
	}
	var buf bytes.Buffer
	if err := export.WriteReportPDF(&buf, doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
