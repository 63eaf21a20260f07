package inspection

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/export"
	"lamtheobac/internal/vntime"
)

// Document renders the plan's conclusion (kết luận kiểm tra) as "pdf" or "xlsx": the
// conclusion's text, the findings by rating as a chart, and a table of findings and
// recommendations for each inspected unit. The inspecting side gets it at any time (a draft of
// the conclusion while in progress); the inspected side once the plan is concluded, with the
// findings on its own units only, and 404 before.
func (s *Service) Document(ctx context.Context, planID uuid.UUID, format string) ([]byte, string, error) {
	pl, err := s.readablePlan(ctx, planID, false)
	if err != nil {
		return nil, "", err
	}
	if !inspecting(access.FromContext(ctx), pl) && pl.Status != Concluded {
		return nil, "", apperr.ErrNotFound
	}
	findings, err := s.ListFindings(ctx, planID)
	if err != nil {
		return nil, "", err
	}
	doc := conclusionDoc(pl, findings, s.now())
	var buf bytes.Buffer
	if format == "pdf" {
		err = export.WriteReportPDF(&buf, doc)
	} else {
		err = export.WriteReportXLSX(&buf, doc)
	}
	return buf.Bytes(), fmt.Sprintf("ket-luan-kiem-tra-%s-%s.%s", pl.Unit.Code, pl.From.Format("2006"), format), err
}

// conclusionDoc lays the conclusion out as a report document.
func conclusionDoc(pl Plan, findings []Finding, now time.Time) export.ReportDoc {
	status := "Dự thảo kết luận (đoàn kiểm tra đang làm việc)"
	date := time.Time{}
	if pl.Status == Concluded && pl.ConcludedAt != nil {
		status, date = "Đã kết luận ngày "+pl.ConcludedAt.In(vntime.Zone()).Format("02/01/2006"), vntime.Date(*pl.ConcludedAt)
	}
	kind := "Kiểm tra chuyên đề"
	if pl.Kind == Yearly {
		kind = "Kiểm tra theo chương trình năm"
	}
	// The owning unit issues the conclusion; its inspection team signs it.
	doc := export.ReportDoc{UnitName: "Đoàn kiểm tra", ParentName: pl.Unit.Name, Date: date,
		Title:  "KẾT LUẬN KIỂM TRA: " + pl.Title,
		Period: kind + ", thời kỳ từ " + pl.From.Format("02/01/2006") + " đến " + pl.To.Format("02/01/2006"),
		Status: status}
	byRating := map[Rating]int{}
	for _, f := range findings {
		byRating[f.Rating]++
	}
	for _, r := range Ratings() {
		doc.Chart.Bars = append(doc.Chart.Bars, export.ReportBar{Label: ratingLabel(r), Value: float64(byRating[r])})
	}
	doc.Chart.Title = "Kết quả kiểm tra theo mức đánh giá"
	// One table per unit with findings, in tree order (the findings come sorted by unit path).
	var t *export.ReportTable
	for _, f := range findings {
		if t == nil || t.Title != f.Unit.Code+" — "+f.Unit.Name {
			doc.Tables = append(doc.Tables, export.ReportTable{Title: f.Unit.Code + " — " + f.Unit.Name,
				Headers: []string{"STT", "Nội dung kiểm tra", "Đánh giá", "Kiến nghị", "Đơn vị thực hiện", "Thời hạn", "Tình trạng"}})
			t = &doc.Tables[len(doc.Tables)-1]
		}
		n := strconv.Itoa(len(t.Rows) + 1)
		finding := f.Summary
		if f.Evidence != "" {
			finding += " (" + f.Evidence + ")"
		}
		if len(f.Recommendations) == 0 {
			t.Rows = append(t.Rows, []string{n, finding, ratingLabel(f.Rating), "", "", "", ""})
		}
		for i, r := range f.Recommendations {
			row := []string{"", "", "", r.Text, r.ResponsibleUnit.Name, r.DueOn.Format("02/01/2006"), recLabel(r, now)}
			if i == 0 {
				row[0], row[1], row[2] = n, finding, ratingLabel(f.Rating)
			}
			t.Rows = append(t.Rows, row)
		}
	}
	doc.Sections = []export.ReportSection{{Heading: "I. Kết luận", Body: pl.Conclusion}}
	return doc
}

func ratingLabel(r Rating) string {
	switch r {
	case Good:
		return "Tốt"
	case Meets:
		return "Đạt"
	case NeedsImprovement:
		return "Cần khắc phục"
	case Violation:
		return "Vi phạm"
	}
	return string(r)
}

func recLabel(r Recommendation, now time.Time) string {
	label := map[RecStatus]string{Open: "Chưa thực hiện", Answered: "Đã báo cáo kết quả", Closed: "Đã hoàn thành"}[r.Status]
	if r.Overdue(now) {
		label += " (quá hạn)"
	}
	return label
}
