package model

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/export"
	"lamtheobac/internal/org"
	"lamtheobac/internal/vntime"
)

// FormFile is a requested Biểu mẫu: its number and file format.
type FormFile struct {
	Number int
	Format string // "xlsx" or "csv"
}

// ParseFormFile reads "1.xlsx" … "3.csv".
func ParseFormFile(s string) (FormFile, error) {
	n, ext, ok := strings.Cut(s, ".")
	if !ok || len(n) != 1 || n[0] < '1' || n[0] > '3' || (ext != "xlsx" && ext != "csv") {
		return FormFile{}, &apperr.Error{Kind: apperr.Invalid, Code: "validation", Message: "Unknown form.",
			Fields: []apperr.FieldError{{Field: "/form", Message: "must be 1, 2 or 3 with .xlsx or .csv"}}}
	}
	return FormFile{Number: int(n[0] - '0'), Format: ext}, nil
}

// FormYears are the years a form covers: form 2 one year, forms 1 and 3 a period.
type FormYears struct {
	Year, From, To *int
}

// resolve fills defaults: this year for form 2; the three years before Year for forms 1 and 3.
func (y FormYears) resolve(n, thisYear int) (from, to int, err error) {
	year := thisYear
	if y.Year != nil {
		year = *y.Year
	}
	if n == 2 {
		return year, year, nil
	}
	from, to = year-3, year-1
	if y.From != nil {
		from = *y.From
	}
	if y.To != nil {
		to = *y.To
	}
	if from > to {
		return 0, 0, apperr.Fields("validation", "The period is empty.", apperr.FieldError{Field: "/from_year", Message: "must not be after to_year"})
	}
	return from, to, nil
}

// formStates are the models each form reports: registrations for form 2, models carried out for
// forms 1 and 3.
func formStates(n int) []Status {
	if n == 2 {
		return countingStates()
	}
	return []Status{Approved, InProgress, Completed}
}

// Form fills Biểu mẫu n of Công văn 364-CV/BTG (docs/sources.md) from the models of the unit's
// subtree, as XLSX or CSV; it returns the file and a file name. Form 3 keeps the models whose
// latest evaluation is good or excellent: those worth introducing for commendation.
func (s *Service) Form(ctx context.Context, unitID uuid.UUID, file FormFile, years FormYears) ([]byte, string, error) {
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return nil, "", err
	}
	p := access.FromContext(ctx)
	if !p.HoldsAt(access.ManageModel, u.Path) {
		if err := p.Authorize(access.ReadCoverage, u.Path); err != nil {
			return nil, "", err
		}
	}
	from, to, err := years.resolve(file.Number, vntime.Date(s.now()).Year())
	if err != nil {
		return nil, "", err
	}
	models, _, err := s.store.ListModels(ctx, Filter{UnitPath: u.Path, Statuses: formStates(file.Number), YearFrom: from, YearTo: to, Limit: maxFormRows})
	if err != nil {
		return nil, "", err
	}
	if file.Number == 3 {
		models = slices.DeleteFunc(models, func(m Model) bool {
			return m.LatestRating == nil || (*m.LatestRating != Excellent && *m.LatestRating != Good)
		})
	}
	slices.SortFunc(models, func(a, b Model) int {
		return strings.Compare(a.UnitPath+fmt.Sprint(a.Year)+a.Name, b.UnitPath+fmt.Sprint(b.Year)+b.Name)
	})
	form, err := s.buildForm(ctx, u, file.Number, from, to, models)
	if err != nil {
		return nil, "", err
	}
	var buf bytes.Buffer
	if file.Format == "csv" {
		err = export.WriteFormCSV(&buf, form)
	} else {
		err = export.WriteFormXLSX(&buf, form)
	}
	name := fmt.Sprintf("bieu-mau-%d-%s-%d.%s", file.Number, u.Code, to, file.Format)
	return buf.Bytes(), name, err
}

// maxFormRows bounds a form; a bloc has about 60,000 models over five years.
const maxFormRows = 200000

func (s *Service) buildForm(ctx context.Context, u org.Unit, n, from, to int, models []Model) (export.Form, error) {
	title, err := export.FormTitle(n, from, to)
	if err != nil {
		return export.Form{}, err
	}
	parent := u
	if u.ParentID != nil {
		if parent, err = s.store.GetUnit(ctx, *u.ParentID); err != nil {
			return export.Form{}, err
		}
	}
	f := export.Form{Number: n, ParentName: parent.Name, UnitName: u.Name, Date: vntime.Date(s.now()), TitleLines: title,
		Rows: make([]export.FormRow, len(models))}
	for i, m := range models {
		f.Rows[i] = export.FormRow{Name: m.Name, Content: m.LearningContent, Implementer: implementerLine(m), Note: noteLine(m, n)}
	}
	return f, nil
}

// implementerLine names who carries the model out, and in which unit.
func implementerLine(m Model) string {
	kind := map[ImplementerKind]string{Collective: "Tập thể", Individual: "Cá nhân", WholeUnit: "Đơn vị"}[m.Implementer.Kind]
	if m.Implementer.Kind == WholeUnit || m.Implementer.Name == m.Unit.Name {
		return kind + ": " + m.Unit.Name
	}
	return kind + ": " + m.Implementer.Name + " (" + m.Unit.Name + ")"
}

// noteLine is the form's remark: the year and state for the period forms, the state for form 2.
func noteLine(m Model, n int) string {
	state := map[Status]string{Registered: "đã đăng ký", Approved: "đã duyệt", InProgress: "đang thực hiện", Completed: "đã hoàn thành"}[m.Status]
	if m.ReplicatedFrom != nil {
		state += "; nhân rộng"
	}
	if m.CarriedOverFrom != nil {
		state += "; củng cố, nâng cao từ năm trước"
	}
	if n == 2 {
		return capitalize(state)
	}
	return fmt.Sprintf("Năm %d; %s", m.Year, state)
}

// capitalize upper-cases the first letter (a rune: Vietnamese letters are several bytes).
func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
