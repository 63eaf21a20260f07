package report

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/export"
	"lamtheobac/internal/model"
	"lamtheobac/internal/org"
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
	u, err := s.store.GetUnit(ctx, r.Unit.ID)
	if err != nil {
		return nil, "", err
	}
	place, err := org.PlaceOf(ctx, s.store, u)
	if err != nil {
		return nil, "", err
	}
	named, err := s.namedListsOf(ctx, r, false)
	if err != nil {
		return nil, "", err
	}
	sign := DefaultSignature(r.Signature, u.Kind, parent)
	doc := export.ReportDoc{UnitName: r.Unit.Name, ParentName: parent, Place: place, Date: vntime.Date(s.now()),
		Title:  "BÁO CÁO " + round.Title,
		Period: "Từ " + round.From.Format("02/01/2006") + " đến " + round.To.Format("02/01/2006"),
		Status: statusLine(r), Tables: append(figureTables(f), namedTables(named)...),
		Chart: export.ReportChart{Title: "Mô hình \"làm theo Bác\" theo nhóm", Bars: categoryBars(f)},
		Sections: []export.ReportSection{{Heading: "I. Kết quả đạt được", Body: r.Narrative.Results},
			{Heading: "II. Hạn chế", Body: r.Narrative.Limitations}, {Heading: "III. Bài học kinh nghiệm", Body: r.Narrative.Lessons},
			{Heading: "IV. Đề xuất, kiến nghị", Body: r.Narrative.Proposals},
			{Heading: "V. Phương hướng, nhiệm vụ", Body: r.Narrative.NextSteps}},
		Signature: &export.ReportSignature{Recipients: sign.Recipients, OnBehalf: sign.OnBehalf, Title: sign.Title, Name: sign.Name}}
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
		{Title: "7. Sinh hoạt chuyên đề", Headers: []string{"Nội dung", "Số lượng"}, Rows: [][]string{
			{"Buổi sinh hoạt chuyên đề đã tổ chức", strconv.Itoa(f.StudySessionsHeld)},
			{"Chi bộ có sinh hoạt chuyên đề theo kế hoạch (lượt chi bộ – quý đạt / phải thực hiện)",
				strconv.Itoa(f.StudyQuartersMet) + " / " + strconv.Itoa(f.StudyQuartersDue)},
			{"Lượt đảng viên có mặt / lượt điểm danh", strconv.Itoa(f.StudyPresent) + " / " + strconv.Itoa(f.StudyAttendances)},
			{"Tỷ lệ dự sinh hoạt", attendanceRate(f)},
			{"Bài thu hoạch", strconv.Itoa(f.StudyReflections)}}},
		{Title: "8. Đánh giá, xếp loại đảng viên năm " + yearsLabel(f.Years), Headers: []string{"Mức xếp loại", "Số đảng viên"},
			Rows: classRows(f.MembersByClass)},
	}
}

// attendanceRate prints the study attendance rate ("87,5%"), "–" with no attendance recorded.
func attendanceRate(f Figures) string {
	rate, ok := f.AttendanceRate()
	if !ok {
		return "–"
	}
	return strings.Replace(strconv.FormatFloat(rate*100, 'f', 1, 64), ".", ",", 1) + "%"
}

// memberClasses are the classes of party members, in the order of the documents, with their
// labels.
var memberClasses = []struct{ key, label string }{{"excellent", "Hoàn thành xuất sắc nhiệm vụ"}, {"good", "Hoàn thành tốt nhiệm vụ"},
	{"completed", "Hoàn thành nhiệm vụ"}, {"not_completed", "Không hoàn thành nhiệm vụ"}}

// classRows is a row per class (zeros included, so the table reads as the form) and the total.
func classRows(m map[string]int) [][]string {
	rows, total := [][]string{}, 0
	for _, c := range memberClasses {
		rows = append(rows, []string{c.label, strconv.Itoa(m[c.key])})
		total += m[c.key]
	}
	return append(rows, []string{"Tổng số đảng viên được xếp loại", strconv.Itoa(total)})
}

// yearsLabel prints the years counted: "2026", "2025–2026".
func yearsLabel(ys []int) string {
	switch len(ys) {
	case 0:
		return ""
	case 1:
		return strconv.Itoa(ys[0])
	}
	return strconv.Itoa(ys[0]) + "–" + strconv.Itoa(ys[len(ys)-1])
}

// namedTables are the report form's lists by name: the models with their results, then the
// exemplars with theirs, each with a closing line when more exist than it names. The models'
// group is left to table 3: its labels are long enough to crowd the results out of the page.
func namedTables(l NamedLists) []export.ReportTable {
	models := export.ReportTable{Title: "9. Danh sách mô hình \"làm theo Bác\" và kết quả",
		Headers: []string{"STT", "Tên mô hình", "Tập thể, cá nhân thực hiện", "Tình trạng", "Kết quả đánh giá"}}
	for i, m := range l.Models {
		rating := "Chưa đánh giá"
		if m.Rating != "" {
			rating = statusLabel(m.Rating)
		}
		who := m.Implementer
		if m.UnitName != "" && m.UnitName != m.Implementer {
			who += " (" + m.UnitName + ")"
		}
		models.Rows = append(models.Rows, []string{strconv.Itoa(i + 1), m.Name, who, statusLabel(m.Status), rating})
	}
	if len(l.Models) == 0 {
		models.Rows = append(models.Rows, []string{"", "Không có mô hình trong kỳ"})
	}
	if l.ModelsMore > 0 {
		models.Rows = append(models.Rows, []string{"", "… và " + strconv.Itoa(l.ModelsMore) + " mô hình khác (đã tính trong số liệu)"})
	}
	exemplars := export.ReportTable{Title: "10. Danh sách điển hình tiêu biểu và kết quả",
		Headers: []string{"STT", "Tập thể, cá nhân", "Loại", "Đơn vị", "Kết quả", "Quyết định khen thưởng"}}
	for i, e := range l.Exemplars {
		kind, name := "Tập thể", e.Name
		if e.Kind == "individual" {
			kind = "Cá nhân"
			if e.Position != "" {
				name += ", " + e.Position
			}
		}
		exemplars.Rows = append(exemplars.Rows, []string{strconv.Itoa(i + 1), name, kind, e.UnitName, statusLabel(e.Status), e.Decision})
	}
	if len(l.Exemplars) == 0 {
		exemplars.Rows = append(exemplars.Rows, []string{"", "Không có điển hình trong kỳ"})
	}
	if l.ExemplarsMore > 0 {
		exemplars.Rows = append(exemplars.Rows, []string{"", "… và " + strconv.Itoa(l.ExemplarsMore) + " điển hình khác (đã tính trong số liệu)"})
	}
	return []export.ReportTable{models, exemplars}
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
