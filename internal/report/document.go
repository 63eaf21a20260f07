package report

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/export"
	"lamtheobac/internal/model"
	"lamtheobac/internal/vntime"
)

// Document renders a readable report as "pdf" or "xlsx": the figures as tables, the models by
// category as a chart, and the narrative.
func (s *Service) Document(ctx context.Context, id uuid.UUID, format string) ([]byte, string, error) {
	r, f, err := s.Get(ctx, id)
	if err != nil {
		return nil, "", err
	}
	round, err := s.store.GetReportingRound(ctx, r.RoundID)
	if err != nil {
		return nil, "", err
	}
	parent := r.Unit.Name
	if r.ParentID != nil {
		if pu, err := s.store.GetUnit(ctx, *r.ParentID); err == nil {
			parent = pu.Name
		}
	}
	doc := export.ReportDoc{UnitName: r.Unit.Name, ParentName: parent, Date: vntime.Date(s.now()),
		Title:  "BÁO CÁO " + round.Title,
		Period: "Từ " + round.From.Format("02/01/2006") + " đến " + round.To.Format("02/01/2006"),
		Status: statusLine(r), Tables: figureTables(f),
		Chart: export.ReportChart{Title: "Mô hình \"làm theo Bác\" theo nhóm", Bars: categoryBars(f)},
		Sections: []export.ReportSection{{Heading: "I. Kết quả đạt được", Body: r.Narrative.Results},
			{Heading: "II. Hạn chế", Body: r.Narrative.Limitations}, {Heading: "III. Bài học kinh nghiệm", Body: r.Narrative.Lessons},
			{Heading: "IV. Đề xuất, kiến nghị", Body: r.Narrative.Proposals}}}
	var buf bytes.Buffer
	if format == "pdf" {
		err = export.WriteReportPDF(&buf, doc)
	} else {
		err = export.WriteReportXLSX(&buf, doc)
	}
	return buf.Bytes(), fmt.Sprintf("bao-cao-%s-%s.%s", r.Unit.Code, round.Period, format), err
}

func statusLine(r Report) string {
	switch r.Status {
	case Submitted:
		return "Đã nộp " + r.SubmittedAt.In(vntime.Zone()).Format("02/01/2006")
	case Accepted:
		return "Đã được chấp nhận"
	case Returned:
		return "Bị trả lại để hoàn chỉnh"
	}
	return "Dự thảo"
}

// Vietnamese labels of the figures' keys.
func statusLabel(k string) string {
	labels := map[string]string{"draft": "Dự thảo", "registered": "Đã đăng ký", "approved": "Đã duyệt", "returned": "Trả lại",
		"in_progress": "Đang thực hiện", "completed": "Hoàn thành", "retired": "Loại bỏ", "submitted": "Đã đề nghị",
		"endorsed": "Đã chuyển cấp trên", "rejected": "Không đề nghị", "commended": "Đã khen thưởng", "honored": "Đã tôn vinh",
		"excellent": "Xuất sắc", "good": "Tốt", "fair": "Khá", "poor": "Chưa đạt",
		"own": "Tự xây dựng", "adopted": "Sử dụng chuẩn mực cấp trên", "inherited": "Theo chuẩn mực cấp trên", "none": "Chưa có"}
	if l, ok := labels[k]; ok {
		return l
	}
	return k
}

func countRows(m map[string]int, label func(string) string) [][]string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	rows := make([][]string, 0, len(keys))
	for _, k := range keys {
		rows = append(rows, []string{label(k), strconv.Itoa(m[k])})
	}
	return rows
}

func figureTables(f Figures) []export.ReportTable {
	standard := []string{"Nguồn chuẩn mực đạo đức", statusLabel(f.StandardSource)}
	if f.StandardIssuedOn != nil {
		standard[1] += ", ban hành ngày " + f.StandardIssuedOn.Format("02/01/2006")
	}
	catLabel := func(k string) string { return model.Category(k).Label() }
	return []export.ReportTable{
		{Title: "1. Chuẩn mực đạo đức", Headers: []string{"Nội dung", "Kết quả"}, Rows: [][]string{standard}},
		{Title: "2. Mô hình theo trạng thái (tổng " + strconv.Itoa(f.ModelsTotal) + ")", Headers: []string{"Trạng thái", "Số lượng"},
			Rows: countRows(f.ModelsByStatus, statusLabel)},
		{Title: "3. Mô hình theo nhóm", Headers: []string{"Nhóm mô hình", "Số lượng"}, Rows: countRows(f.ModelsByCategory, catLabel)},
		{Title: "4. Đánh giá hiệu quả mô hình trong kỳ (tổng " + strconv.Itoa(f.EvaluationsTotal) + ")", Headers: []string{"Xếp loại", "Số lượt"},
			Rows: countRows(f.EvaluationsByRating, statusLabel)},
		{Title: "5. Điển hình tiêu biểu", Headers: []string{"Nội dung", "Số lượng"}, Rows: append(countRows(f.NominationsByStatus, statusLabel),
			[]string{"Điển hình tập thể", strconv.Itoa(f.Collective)}, []string{"Điển hình cá nhân", strconv.Itoa(f.Individual)},
			[]string{"Được ghi danh (sổ ghi danh)", strconv.Itoa(f.Honors)})},
		{Title: "6. Kiểm tra, giám sát", Headers: []string{"Nội dung", "Số lượng"}, Rows: append([][]string{
			{"Cuộc kiểm tra trong kỳ", strconv.Itoa(f.InspectionPlans)}},
			append(countRows(f.InspectionFindingsByRating, inspectionRatingLabel),
				[]string{"Kiến nghị chưa hoàn thành", strconv.Itoa(f.RecommendationsOpen)},
				[]string{"Kiến nghị đã hoàn thành", strconv.Itoa(f.RecommendationsClosed)},
				[]string{"Kiến nghị quá hạn", strconv.Itoa(f.RecommendationsOverdue)})...)},
	}
}

// inspectionRatingLabel names the ratings of inspection findings ("good" is rated "Tốt" for a
// finding as for an evaluation; the others are the inspection's own).
func inspectionRatingLabel(k string) string {
	if l, ok := map[string]string{"meets": "Kết quả kiểm tra: Đạt", "needs_improvement": "Kết quả kiểm tra: Cần khắc phục", "violation": "Kết quả kiểm tra: Vi phạm", "good": "Kết quả kiểm tra: Tốt"}[k]; ok {
		return l
	}
	return k
}

func categoryBars(f Figures) []export.ReportBar {
	bars := []export.ReportBar{}
	for _, c := range model.Categories() {
		bars = append(bars, export.ReportBar{Label: c.Label(), Value: float64(f.ModelsByCategory[string(c)])})
	}
	return bars
}

// StatusDocument renders a round's status as a spreadsheet, for officers and inspectors.
func (s *Service) StatusDocument(ctx context.Context, id uuid.UUID) ([]byte, string, error) {
	st, err := s.Status(ctx, id, "", 0, "")
	if err != nil {
		return nil, "", err
	}
	rows := make([][]string, len(st.Rows))
	for i, row := range st.Rows {
		submitted := ""
		if row.Report.SubmittedAt != nil {
			submitted = row.Report.SubmittedAt.In(vntime.Zone()).Format("02/01/2006 15:04")
		}
		rows[i] = []string{strconv.Itoa(i + 1), row.Report.Unit.Code, row.Report.Unit.Name, stateLabel(row.State), submitted}
	}
	doc := export.ReportDoc{UnitName: st.Round.Unit.Name, ParentName: st.Round.Unit.Name, Date: vntime.Date(s.now()),
		Title:  "TÌNH HÌNH BÁO CÁO " + st.Round.Title,
		Period: "Hạn nộp " + st.Round.DueOn.Format("02/01/2006"),
		Status: fmt.Sprintf("Đúng hạn %.0f%%; đã nộp %.0f%%", st.RateOnTime*100, st.RateSubmitted*100),
		Tables: []export.ReportTable{{Title: "Tình hình nộp báo cáo", Headers: []string{"STT", "Mã", "Đơn vị", "Tình trạng", "Ngày nộp"}, Rows: rows}}}
	var buf bytes.Buffer
	err = export.WriteReportXLSX(&buf, doc)
	return buf.Bytes(), "tinh-hinh-bao-cao-" + st.Round.ID.String()[:8] + ".xlsx", err
}

func stateLabel(s State) string {
	return map[State]string{Missing: "Chưa báo cáo", Drafting: "Đang soạn", OnTime: "Đã nộp đúng hạn", Late: "Nộp trễ hạn",
		SentBack: "Bị trả lại", Confirmed: "Đã chấp nhận"}[s]
}

// AllowedFor lists what the caller may do to r (for responses).
func (s *Service) AllowedFor(ctx context.Context, r Report) []string {
	return AllowedActions(access.FromContext(ctx), r)
}
