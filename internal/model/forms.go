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

// FormYears are the years a form covers: form 2 one year, forms 1 and 3 a period; Occasion is
// form 3's occasion line (nil: the confirmed list's, else the default for the period).
type FormYears struct {
	Year, From, To *int
	Occasion       *string
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

// Form fills Biểu mẫu n of Công văn 364-CV/BTG (docs/sources.md) from the unit's subtree, as
// XLSX or CSV; it returns the file and a file name. Forms 1 and 2 list the models; form 3 lists
// what the unit's officers confirmed to introduce for commendation for the period (see
// ConfirmIntroduction): 409 introduction_not_confirmed until they have.
func (s *Service) Form(ctx context.Context, unitID uuid.UUID, file FormFile, years FormYears) ([]byte, string, error) {
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return nil, "", err
	}
	if err := authorizeForm(access.FromContext(ctx), u.Path); err != nil {
		return nil, "", err
	}
	from, to, err := years.resolve(file.Number, vntime.Date(s.now()).Year())
	if err != nil {
		return nil, "", err
	}
	var form export.Form
	if file.Number == 3 {
		form, err = s.introductionForm(ctx, u, from, to, years.Occasion)
	} else {
		var models []Model
		models, _, err = s.store.ListModels(ctx, Filter{UnitPath: u.Path, Statuses: formStates(file.Number), YearFrom: from, YearTo: to, Limit: maxFormRows})
		if err != nil {
			return nil, "", err
		}
		slices.SortFunc(models, func(a, b Model) int {
			return strings.Compare(a.UnitPath+fmt.Sprint(a.Year)+a.Name, b.UnitPath+fmt.Sprint(b.Year)+b.Name)
		})
		form, err = s.buildForm(ctx, u, file.Number, from, to, models)
	}
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
	place, err := org.PlaceOf(ctx, s.store, u)
	if err != nil {
		return export.Form{}, err
	}
	f := export.Form{Number: n, ParentName: parent.Name, UnitName: u.Name, Place: place, Date: vntime.Date(s.now()), TitleLines: title,
		Rows: make([]export.FormRow, len(models))}
	for i, m := range models {
		f.Rows[i] = modelRow(m, n)
	}
	return f, nil
}

// modelRow is a model's line of form n.
func modelRow(m Model, n int) export.FormRow {
	return export.FormRow{Name: m.Name, Content: m.LearningContent, Implementer: implementerLine(m), Note: noteLine(m, n)}
}

// introductionForm is Biểu mẫu 3 from the unit's confirmed list: the nominated collectives and
// individuals first, then the models, each in the order the officers confirmed.
func (s *Service) introductionForm(ctx context.Context, u org.Unit, from, to int, occasion *string) (export.Form, error) {
	in, err := s.store.GetIntroduction(ctx, u.ID, from, to)
	if apperr.KindOf(err) == apperr.NotFound {
		return export.Form{}, apperr.New(apperr.Conflict, "introduction_not_confirmed", fmt.Sprintf(
			"No list of collectives, individuals and models to introduce was confirmed for %d–%d: confirm one first (PUT …/introductions).", from, to))
	}
	if err != nil {
		return export.Form{}, err
	}
	noms, err := s.store.IntroducedNominations(ctx, in.NominationIDs)
	if err != nil {
		return export.Form{}, err
	}
	byID := map[uuid.UUID]IntroducedNomination{}
	for _, n := range noms {
		byID[n.ID] = n
	}
	var models []Model
	for _, id := range in.ModelIDs {
		m, err := s.store.GetModel(ctx, id, false)
		if apperr.KindOf(err) == apperr.NotFound {
			continue // deleted since the list was confirmed
		}
		if err != nil {
			return export.Form{}, err
		}
		models = append(models, m)
	}
	f, err := s.buildForm(ctx, u, 3, from, to, models)
	if err != nil {
		return export.Form{}, err
	}
	rows := []export.FormRow{}
	for _, id := range in.NominationIDs {
		if n, ok := byID[id]; ok {
			rows = append(rows, nominationRow(n))
		}
	}
	f.Rows = append(rows, f.Rows...)
	text := export.FormOccasionDefault(from, to)
	switch {
	case occasion != nil:
		text = *occasion
	case in.Occasion != nil:
		text = *in.Occasion
	}
	if line := export.FormOccasionLine(text); line != "" {
		f.TitleLines = append(f.TitleLines, line)
	}
	return f, nil
}

// nominationRow is a nominated exemplar's line of Biểu mẫu 3: the models it carries out, what it
// achieved, who it is, and where its nomination stands.
func nominationRow(n IntroducedNomination) export.FormRow {
	name := strings.Join(n.ModelNames, "; ")
	if name == "" {
		name = "Điển hình tiêu biểu"
	}
	who := "Tập thể: " + n.SubjectName
	if n.SubjectKind == "individual" {
		who = "Cá nhân: " + n.SubjectName
		if n.Position != "" {
			who += ", " + n.Position
		}
	}
	if n.SubjectName != n.UnitName {
		who += " (" + n.UnitName + ")"
	}
	state := map[string]string{"submitted": "đã đề nghị cấp trên", "endorsed": "cấp trên đã tán thành",
		"commended": "đã được khen thưởng", "honored": "đã ghi danh"}[n.Status]
	return export.FormRow{Name: name, Content: n.Achievements, Implementer: who, Note: fmt.Sprintf("Điển hình năm %d; %s", n.Year, state)}
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
