// Package model holds the "làm theo Bác" models: a unit registers them every year (Hướng dẫn
// BTG ĐUK 2021–2025, the Đảng ủy Khối's guidance on models; see docs/sources.md), the unit
// above reviews them, they are evaluated each quarter, half-year and year, carried over into
// the next year, replicated to other units or retired, and reported on the forms Biểu mẫu 1–3
// of Công văn 364-CV/BTG.
package model

import (
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
	"lamtheobac/internal/vntime"
)

// Status is where a model is in its life.
type Status string

// The states of a model.
const (
	Draft      Status = "draft"
	Registered Status = "registered" // submitted to the unit above
	Approved   Status = "approved"
	Returned   Status = "returned" // sent back with a reason, to be edited and registered again
	InProgress Status = "in_progress"
	Completed  Status = "completed"
	Retired    Status = "retired" // no longer suitable (không còn phù hợp)
)

// Reason is why a model is needed (Hướng dẫn BTG ĐUK 2021–2025 §II(2), docs/sources.md).
type Reason string

// The reasons of Hướng dẫn BTG ĐUK 2021–2025 §II(2).
const (
	PoliticalTask        Reason = "political_task"         // a political, production or business task
	OvercomeWeakness     Reason = "overcome_weakness"      // overcome a weakness or a pressing problem
	CareForPeople        Reason = "care_for_people"        // care for the people's life
	SelfCultivation      Reason = "self_cultivation"       // cadres' self-cultivation, serving the people
	ImprovePublicService Reason = "improve_public_service" // renew a public-service activity or workplace culture
	OtherReason          Reason = "other"
)

func (r Reason) valid() bool {
	return slices.Contains([]Reason{PoliticalTask, OvercomeWeakness, CareForPeople, SelfCultivation, ImprovePublicService, OtherReason}, r)
}

// ImplementerKind says who carries a model out.
type ImplementerKind string

// The kinds of implementer.
const (
	Collective ImplementerKind = "collective"
	Individual ImplementerKind = "individual"
	WholeUnit  ImplementerKind = "unit"
)

// Implementer is who carries the model out.
type Implementer struct {
	Kind ImplementerKind `json:"kind"`
	Name string          `json:"name"`
}

// Milestone is a dated step of the plan.
type Milestone struct {
	Date        time.Time `json:"date"` // a civil date
	Description string    `json:"description"`
}

// Monitor is the committee member assigned to follow the model.
type Monitor struct {
	Name   string     `json:"name"`
	UserID *uuid.UUID `json:"user_id,omitempty"`
}

// Cadence is how often a model's running is evaluated.
type Cadence string

// The cadences: each quarter (with the half-year and the year: Hướng dẫn BTG ĐUK 2021–2025
// §II(4), "quý, 6 tháng, năm"), the default; or each month as well, for a model whose plan says
// so (Kế hoạch 185-KH/ĐU §II.4, "định kỳ hằng tháng, quý, năm"; models such as "Mỗi tháng một
// việc tốt" of Công văn 364-CV/BTG run month by month).
const (
	Quarterly Cadence = "quarterly"
	Monthly   Cadence = "monthly"
)

// Measures is how the model is carried out (Hướng dẫn BTG ĐUK 2021–2025 §II(3)): the plan, its
// milestones, who follows it, how often it is evaluated.
type Measures struct {
	Plan       string      `json:"plan"`
	Milestones []Milestone `json:"milestones"`
	Monitor    *Monitor    `json:"monitor,omitempty"`
	// Cadence is how often the unit evaluates the model (/me/tasks asks for each period):
	// empty means Quarterly.
	Cadence Cadence `json:"evaluation_cadence,omitempty"`
}

// Model is a unit's "làm theo Bác" model for a year.
type Model struct {
	ID               uuid.UUID
	UnitID           uuid.UUID
	Unit             org.Ref // read alongside, for display
	UnitPath         string
	BlocID           uuid.UUID
	Name             string
	Year             int
	Category         Category
	Implementer      Implementer
	LearningContent  string // nội dung học tập Bác
	NecessityReasons []Reason
	NecessityText    string
	Measures         Measures
	ExpectedResults  string
	Replicability    string
	Status           Status
	StatusReason     *string
	RegisteredAt     *time.Time
	RegisteredBy     *uuid.UUID
	CarriedOverFrom  *uuid.UUID
	ReplicatedFrom   *uuid.UUID
	CreatedBy        *uuid.UUID
	LatestRating     *Rating // read alongside, from the newest self-evaluation
	// Reviews are the reviewer evaluations of the level above, in period order: read alongside
	// by Service.Get only (nil elsewhere).
	Reviews         []Evaluation
	PublishedAt     *time.Time
	PublishedBy     *uuid.UUID
	PublishedByName *string // the officer who approved the publication
	Version         int64
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Input is the content of a model as a client writes it; nil fields stay as they are on update.
type Input struct {
	Name             *string
	Year             *int
	Category         *Category
	Implementer      *Implementer
	LearningContent  *string
	NecessityReasons *[]Reason
	NecessityText    *string
	Measures         *Measures
	ExpectedResults  *string
	Replicability    *string
}

// firstYear is when Directive 05-CT/TW was issued (15/5/2016): no model is older.
const firstYear = 2016

// checkYear accepts 2016 to next year, in Vietnam (as the forms' "this year" is).
func checkYear(c *apperr.Checker, field string, year int, now time.Time) {
	next := vntime.Date(now).Year() + 1
	c.Check(year >= firstYear && year <= next, field, "must be between 2016 and next year ("+strconv.Itoa(next)+")")
}

// Normalize cleans the input's text and validates it; creating needs name, year, category
// and implementer.
func (in *Input) Normalize(creating bool, now time.Time) error {
	for _, p := range []*string{in.Name, in.LearningContent, in.NecessityText, in.ExpectedResults, in.Replicability} {
		textnorm.CleanPtr(p)
	}
	var c apperr.Checker
	if creating {
		c.Check(in.Name != nil, "/name", "is required")
		c.Check(in.Year != nil, "/year", "is required")
		c.Check(in.Category != nil, "/category", "is required")
		c.Check(in.Implementer != nil, "/implementer", "is required")
	}
	if in.Name != nil {
		c.Check(*in.Name != "" && utf8.RuneCountInString(*in.Name) <= 500, "/name", "must be 1–500 characters")
	}
	if in.Year != nil {
		checkYear(&c, "/year", *in.Year, now)
	}
	if in.Category != nil {
		c.Check(in.Category.Valid(), "/category", "is not a known group")
	}
	if im := in.Implementer; im != nil {
		im.Name = textnorm.Clean(im.Name)
		c.Check(im.Kind == Collective || im.Kind == Individual || im.Kind == WholeUnit, "/implementer/kind", "must be collective, individual or unit")
		c.Check(im.Name != "" && utf8.RuneCountInString(im.Name) <= 255, "/implementer/name", "must be 1–255 characters")
	}
	if rs := in.NecessityReasons; rs != nil {
		for i, r := range *rs {
			c.Check(r.valid(), "/necessity_reasons/"+strconv.Itoa(i), "is not a known reason")
		}
		*rs = compactReasons(*rs)
	}
	if m := in.Measures; m != nil {
		m.normalize(&c)
	}
	return c.Err()
}

// normalize cleans the measures and checks that milestones are in date order.
func (m *Measures) normalize(c *apperr.Checker) {
	m.Plan = textnorm.Clean(m.Plan)
	if m.Milestones == nil {
		m.Milestones = []Milestone{}
	}
	for i := range m.Milestones {
		ms := &m.Milestones[i]
		ms.Description = textnorm.Clean(ms.Description)
		c.Check(ms.Description != "", "/measures/milestones/"+strconv.Itoa(i)+"/description", "is required")
		if i > 0 {
			c.Check(!ms.Date.Before(m.Milestones[i-1].Date), "/measures/milestones/"+strconv.Itoa(i)+"/date",
				"milestones must be in date order")
		}
	}
	c.Check(m.Cadence == "" || m.Cadence == Quarterly || m.Cadence == Monthly, "/measures/evaluation_cadence", "must be quarterly or monthly")
	if m.Cadence == Quarterly {
		m.Cadence = "" // the default is stored as nothing, as models before cadences were
	}
	if m.Monitor != nil {
		m.Monitor.Name = textnorm.Clean(m.Monitor.Name)
		c.Check(m.Monitor.Name != "", "/measures/monitor/name", "is required")
	}
}

// compactReasons drops repeated reasons, keeping the first order.
func compactReasons(rs []Reason) []Reason {
	out := make([]Reason, 0, len(rs))
	for _, r := range rs {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// apply writes the input onto m.
func (in Input) apply(m *Model) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&m.Name, in.Name)
	set(&m.LearningContent, in.LearningContent)
	set(&m.NecessityText, in.NecessityText)
	set(&m.ExpectedResults, in.ExpectedResults)
	set(&m.Replicability, in.Replicability)
	if in.Year != nil {
		m.Year = *in.Year
	}
	if in.Category != nil {
		m.Category = *in.Category
	}
	if in.Implementer != nil {
		m.Implementer = *in.Implementer
	}
	if in.NecessityReasons != nil {
		m.NecessityReasons = *in.NecessityReasons
	}
	if in.Measures != nil {
		m.Measures = *in.Measures
	}
}

// copyForYear is the draft a carry-over or a replication starts from: the content, not the
// history.
func (m Model) copyForYear(year int) Model {
	c := m
	c.ID, c.Year, c.Status = uuid.Must(uuid.NewV7()), year, Draft
	c.StatusReason, c.RegisteredAt, c.RegisteredBy, c.CarriedOverFrom, c.ReplicatedFrom, c.LatestRating = nil, nil, nil, nil, nil, nil
	c.Reviews = nil
	c.PublishedAt, c.PublishedBy, c.PublishedByName = nil, nil, nil
	c.NecessityReasons = slices.Clone(m.NecessityReasons)
	c.Measures.Milestones = slices.Clone(m.Measures.Milestones)
	for i := range c.Measures.Milestones { // the plan moves with the year
		c.Measures.Milestones[i].Date = c.Measures.Milestones[i].Date.AddDate(year-m.Year, 0, 0)
	}
	c.Version = 1
	return c
}
