package report

import (
	"time"
	"unicode/utf8"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
)

// NamedLimit is how many models, and how many exemplars, a report names at most: a bloc's
// report would otherwise print its 60,000 models; past it the document says how many more there
// are (the figures count them all).
const NamedLimit = 300

// NamedModel is a model the report names, with its result in the round.
type NamedModel struct {
	Name        string `json:"name"`
	UnitName    string `json:"unit_name"`
	Implementer string `json:"implementer"`
	Category    string `json:"category"`
	Status      string `json:"status"`
	// Rating is the model's latest evaluation among the round's evaluation periods ("" without).
	Rating string `json:"rating"`
}

// NamedExemplar is an exemplar (a nomination made in the round's period and sent on) the report
// names, with its result.
type NamedExemplar struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"` // collective or individual
	Position string `json:"position"`
	UnitName string `json:"unit_name"`
	Status   string `json:"status"`
	// Decision is the commendation's decision ("Số 12-QĐ/ĐUK ngày 19/05/2026"), "" without.
	Decision string `json:"decision"`
}

// NamedLists are the tables of the report form that list models and exemplars by name: read live
// until submission, frozen with the figures then. More counts those past NamedLimit.
type NamedLists struct {
	Models        []NamedModel    `json:"models"`
	ModelsMore    int             `json:"models_more"`
	Exemplars     []NamedExemplar `json:"exemplars"`
	ExemplarsMore int             `json:"exemplars_more"`
}

// Limits of the texts of the report's narrative and signature block, in characters.
const (
	maxNarrative      = 50000
	maxMissingNote    = 4000
	maxSignatureLine  = 120
	maxRecipients     = 20
	maxRecipientChars = 300
)

// SignaturePatch edits the signature block; nil fields stay, Recipients replaces the list.
type SignaturePatch struct {
	Recipients            *[]string
	OnBehalf, Title, Name *string
}

// checkPatch refuses texts over their limits (422 with a pointer per field).
func checkPatch(p Patch) error {
	var c apperr.Checker
	long := func(s *string, limit int, field string) {
		c.Check(s == nil || utf8.RuneCountInString(*s) <= limit, field, "must be at most "+itoa(limit)+" characters")
	}
	long(p.Results, maxNarrative, "/results")
	long(p.Limitations, maxNarrative, "/limitations")
	long(p.Lessons, maxNarrative, "/lessons")
	long(p.Proposals, maxNarrative, "/proposals")
	long(p.NextSteps, maxNarrative, "/next_steps")
	long(p.MissingNote, maxMissingNote, "/missing_note")
	if sg := p.Signature; sg != nil {
		long(sg.OnBehalf, maxSignatureLine, "/signature/on_behalf")
		long(sg.Title, maxSignatureLine, "/signature/title")
		long(sg.Name, maxSignatureLine, "/signature/name")
		if sg.Recipients != nil {
			c.Check(len(*sg.Recipients) <= maxRecipients, "/signature/recipients", "must list at most "+itoa(maxRecipients)+" recipients")
			for i, r := range *sg.Recipients {
				f := "/signature/recipients/" + itoa(i)
				c.Check(r != "", f, "must not be empty")
				long(&r, maxRecipientChars, f)
			}
		}
	}
	return c.Err()
}

// DefaultSignature fills the empty lines of a signature block for a unit of kind k reporting to
// parent: a cell signs "T/M CHI BỘ", a committee or bloc "T/M ĐẢNG ỦY", its secretary ("BÍ THƯ")
// signing; the report goes to the unit above ("để báo cáo") and a copy is kept ("Lưu"). The
// name, left empty, prints as room for a handwritten one.
func DefaultSignature(s Signature, k org.Kind, parent string) Signature {
	if s.OnBehalf == "" {
		s.OnBehalf = "T/M ĐẢNG ỦY"
		if k.Leaf() {
			s.OnBehalf = "T/M CHI BỘ"
		}
	}
	if s.Title == "" {
		s.Title = "BÍ THƯ"
	}
	if len(s.Recipients) == 0 {
		s.Recipients = []string{parent + " (báo cáo),", "Lưu."}
	}
	return s
}

// QuartersBegun counts the (year, quarter) pairs that overlap the round's dates and have begun by
// the civil date today: the study plan asks each cell for a session in each of them.
func (r Round) QuartersBegun(today time.Time) int {
	n := 0
	for _, y := range r.Years() {
		for q := 0; q < 4; q++ {
			start := time.Date(y, time.Month(3*q+1), 1, 0, 0, 0, 0, time.UTC)
			end := start.AddDate(0, 3, -1)
			if !end.Before(r.From) && !start.After(r.To) && !start.After(today) {
				n++
			}
		}
	}
	return n
}
