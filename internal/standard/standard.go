// Package standard holds ethical standards (chuẩn mực đạo đức): a unit drafts one, puts it to
// its members for comment, issues it by decision, posts it in frames; a cell may instead adopt
// a standard of a unit above it, and otherwise inherits the nearest one.
package standard

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
)

// Status is where a standard is in its life.
type Status string

// The states of a standard.
const (
	Draft        Status = "draft"
	Consultation Status = "consultation"
	Issued       Status = "issued"
	Superseded   Status = "superseded"
	Withdrawn    Status = "withdrawn"
)

// Relation tags an item with the relation of Hướng dẫn 14-QĐ/ĐU §II.1.1 (docs/sources.md) it
// speaks to.
type Relation string

// The five relations of Hướng dẫn 14-QĐ/ĐU.
const (
	FatherlandParty Relation = "fatherland_party" // Đối với Tổ quốc, với Đảng
	People          Relation = "people"           // Đối với Nhân dân
	Comrades        Relation = "comrades"         // Đối với đồng chí, đồng nghiệp
	Self            Relation = "self"             // Đối với bản thân
	Work            Relation = "work"             // Đối với công việc
)

// Valid reports whether r is empty or one of the five relations.
func (r Relation) Valid() bool {
	switch r {
	case "", FatherlandParty, People, Comrades, Self, Work:
		return true
	}
	return false
}

// Item is one line of a standard.
type Item struct {
	ID       uuid.UUID `json:"id"`
	Text     string    `json:"text"`
	Relation Relation  `json:"relation,omitempty"`
}

// Decision is the issuing decision: number (e.g. 14-QĐ/ĐU), date and signer.
type Decision struct {
	Number string
	Date   time.Time // a civil date
	Signer string
}

// Standard is a unit's ethical standard.
type Standard struct {
	ID                   uuid.UUID
	UnitID               uuid.UUID
	Unit                 org.Ref // read alongside, for display
	UnitPath             string
	BlocID               uuid.UUID
	Title                string
	Subtitle             string
	Sector               *string // a vertical sector's standard recorded by this unit
	Status               Status
	Items                []Item
	ConsultationClosesOn *time.Time
	Decision             *Decision
	IssuedAt             *time.Time
	SupersededBy         *uuid.UUID
	WithdrawReason       *string
	CreatedBy            *uuid.UUID
	CommentCount         int
	PublishedAt          *time.Time
	PublishedBy          *uuid.UUID
	PublishedByName      *string // the officer who approved the publication
	Version              int64
	CreatedAt            time.Time
	UpdatedAt            time.Time
}

// maxItems bounds a standard's length: Hướng dẫn 14-QĐ/ĐU asks for short, memorable standards.
const maxItems = 30

// Content is the editable content of a standard, for create and update.
type Content struct {
	Title    *string
	Subtitle *string
	Sector   *string // "" clears it
	Items    *[]ItemInput
}

// ItemInput is an item as sent by a client; ID keeps an existing item.
type ItemInput struct {
	ID       *uuid.UUID
	Text     string
	Relation Relation
}

// Normalize cleans the text and validates it; creating needs a title.
func (c *Content) Normalize(creating bool) error {
	textnorm.CleanPtr(c.Title)
	textnorm.CleanPtr(c.Subtitle)
	textnorm.CleanPtr(c.Sector)
	var ch apperr.Checker
	if creating {
		ch.Check(c.Title != nil, "/title", "is required")
	}
	if c.Title != nil {
		ch.Check(*c.Title != "" && utf8.RuneCountInString(*c.Title) <= 255, "/title", "must be 1–255 characters")
	}
	if c.Subtitle != nil {
		ch.Check(utf8.RuneCountInString(*c.Subtitle) <= 500, "/subtitle", "must be at most 500 characters")
	}
	if c.Sector != nil {
		ch.Check(utf8.RuneCountInString(*c.Sector) <= 255, "/sector", "must be at most 255 characters")
	}
	if c.Items != nil {
		items := *c.Items
		ch.Check(len(items) <= maxItems, "/items", "must have at most 30 lines")
		seen := map[uuid.UUID]bool{}
		for i := range items {
			items[i].Text = textnorm.Clean(items[i].Text)
			ptr := "/items/" + strconv.Itoa(i)
			ch.Check(items[i].Text != "" && utf8.RuneCountInString(items[i].Text) <= 1000, ptr+"/text", "must be 1–1000 characters")
			ch.Check(items[i].Relation.Valid(), ptr+"/relation", "must be one of fatherland_party, people, comrades, self, work")
			if id := items[i].ID; id != nil {
				ch.Check(!seen[*id], ptr+"/id", "appears twice")
				seen[*id] = true
			}
		}
	}
	return ch.Err()
}

// apply writes the content onto s, keeping the ids of items that name an existing one.
func (c Content) apply(s *Standard) error {
	if c.Title != nil {
		s.Title = *c.Title
	}
	if c.Subtitle != nil {
		s.Subtitle = *c.Subtitle
	}
	if c.Sector != nil {
		s.Sector = c.Sector
		if *c.Sector == "" {
			s.Sector = nil
		}
	}
	if c.Items == nil {
		return nil
	}
	existing := map[uuid.UUID]bool{}
	for _, it := range s.Items {
		existing[it.ID] = true
	}
	items := make([]Item, len(*c.Items))
	for i, in := range *c.Items {
		id := uuid.Must(uuid.NewV7())
		if in.ID != nil {
			if !existing[*in.ID] {
				return apperr.Fields("validation", "An item id does not belong to this standard.",
					apperr.FieldError{Field: "/items/" + strconv.Itoa(i) + "/id", Message: "is not an item of this standard"})
			}
			id = *in.ID
		}
		items[i] = Item{ID: id, Text: in.Text, Relation: in.Relation}
	}
	s.Items = items
	return nil
}
