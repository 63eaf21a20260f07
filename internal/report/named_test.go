package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
)

// TestCheckPatch checks the limits of the narrative and the signature block, each refusal
// naming its field.
func TestCheckPatch(t *testing.T) {
	s := func(n int) *string { v := strings.Repeat("ệ", n); return &v }
	list := func(items ...string) *[]string { return &items }
	many := make([]string, 21)
	for i := range many {
		many[i] = "x"
	}
	cases := []struct {
		name  string
		p     Patch
		field string // "" when accepted
	}{
		{"limits met", Patch{NextSteps: s(50000), MissingNote: s(4000), Signature: &SignaturePatch{Name: s(120), Recipients: list(*s(300))}}, ""},
		{"empty patch", Patch{}, ""},
		{"next steps", Patch{NextSteps: s(50001)}, "/next_steps"},
		{"proposals", Patch{Proposals: s(50001)}, "/proposals"},
		{"missing note", Patch{MissingNote: s(4001)}, "/missing_note"},
		{"on behalf", Patch{Signature: &SignaturePatch{OnBehalf: s(121)}}, "/signature/on_behalf"},
		{"title", Patch{Signature: &SignaturePatch{Title: s(121)}}, "/signature/title"},
		{"name", Patch{Signature: &SignaturePatch{Name: s(121)}}, "/signature/name"},
		{"too many recipients", Patch{Signature: &SignaturePatch{Recipients: &many}}, "/signature/recipients"},
		{"empty recipient", Patch{Signature: &SignaturePatch{Recipients: list("Đảng ủy", "")}}, "/signature/recipients/1"},
		{"long recipient", Patch{Signature: &SignaturePatch{Recipients: list(*s(301))}}, "/signature/recipients/0"},
		{"no recipients", Patch{Signature: &SignaturePatch{Recipients: list()}}, ""},
	}
	for _, c := range cases {
		err := checkPatch(c.p)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		ae, ok := apperr.As(err)
		if !ok || ae.Kind != apperr.Unprocessable || len(ae.Fields) != 1 || ae.Fields[0].Field != c.field {
			t.Errorf("%s: %v, want 422 on %s", c.name, err, c.field)
		}
	}
}

// TestDefaultSignature: a cell signs for the chi bộ, the units above for their committee; what
// the unit wrote stays.
func TestDefaultSignature(t *testing.T) {
	cell := DefaultSignature(Signature{}, org.Cell, "Đảng ủy Sở Công Thương")
	if cell.OnBehalf != "T/M CHI BỘ" || cell.Title != "BÍ THƯ" || cell.Name != "" ||
		!slices.Equal(cell.Recipients, []string{"Đảng ủy Sở Công Thương (báo cáo),", "Lưu."}) {
		t.Errorf("cell %+v", cell)
	}
	for _, k := range []org.Kind{org.BaseCell} {
		if got := DefaultSignature(Signature{}, k, "Khối").OnBehalf; got != "T/M CHI BỘ" {
			t.Errorf("%s signs %q", k, got)
		}
	}
	for _, k := range []org.Kind{org.Committee, org.PartialCommittee, org.Bloc} {
		if got := DefaultSignature(Signature{}, k, "Khối").OnBehalf; got != "T/M ĐẢNG ỦY" {
			t.Errorf("%s signs %q", k, got)
		}
	}
	own := Signature{Recipients: []string{"Như trên"}, OnBehalf: "T/M CHI ỦY", Title: "PHÓ BÍ THƯ", Name: "Lê Văn A"}
	if got := DefaultSignature(own, org.Cell, "X"); !slices.Equal(got.Recipients, own.Recipients) || got.OnBehalf != own.OnBehalf ||
		got.Title != own.Title || got.Name != own.Name {
		t.Errorf("kept %+v, got %+v", own, got)
	}
}

// TestQuartersBegun counts the quarters of a round's plan begun by a date.
func TestQuartersBegun(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	h1 := Round{From: d(2026, 1, 1), To: d(2026, 6, 30)}
	two := Round{From: d(2025, 1, 1), To: d(2026, 12, 31)}
	q3 := Round{From: d(2026, 7, 1), To: d(2026, 9, 30)}
	mid := Round{From: d(2026, 2, 15), To: d(2026, 8, 15)} // touches Q1, Q2, Q3
	cases := []struct {
		r     Round
		today time.Time
		want  int
	}{
		{h1, d(2026, 6, 20), 2}, {h1, d(2026, 3, 31), 1}, {h1, d(2026, 4, 1), 2}, {h1, d(2025, 12, 31), 0}, {h1, d(2027, 1, 1), 2},
		{two, d(2026, 6, 20), 6}, {two, d(2027, 3, 1), 8},
		{q3, d(2026, 6, 20), 0}, {q3, d(2026, 7, 1), 1},
		{mid, d(2026, 12, 1), 3},
	}
	for _, c := range cases {
		c.r.Year = c.r.From.Year()
		if got := c.r.QuartersBegun(c.today); got != c.want {
			t.Errorf("%s–%s by %s: %d, want %d", c.r.From.Format(time.DateOnly), c.r.To.Format(time.DateOnly), c.today.Format(time.DateOnly), got, c.want)
		}
	}
}

// TestAttendanceRate: no attendance is no rate, not a zero one.
func TestAttendanceRate(t *testing.T) {
	if _, ok := (Figures{}).AttendanceRate(); ok {
		t.Error("a rate without attendance")
	}
	if r, ok := (Figures{StudyPresent: 3, StudyAttendances: 4}).AttendanceRate(); !ok || r != 0.75 {
		t.Errorf("rate %v %v", r, ok)
	}
	f := NewFigures()
	f.Add(Figures{StudyCells: 2, StudyQuartersDue: 4, StudyQuartersMet: 1, MembersByClass: map[string]int{"good": 2}})
	f.Add(Figures{StudyCells: 1, StudyQuartersDue: 2, StudyQuartersMet: 2, MembersByClass: map[string]int{"good": 1, "excellent": 1}})
	if f.StudyCells != 3 || f.StudyQuartersDue != 6 || f.StudyQuartersMet != 3 || f.MembersByClass["good"] != 3 || f.MembersByClass["excellent"] != 1 {
		t.Errorf("summed %+v", f)
	}
}
