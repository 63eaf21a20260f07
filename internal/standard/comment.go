package standard

import (
	"context"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/textnorm"
)

// Comment is a member's or officer's remark on a standard in consultation.
type Comment struct {
	ID         uuid.UUID
	StandardID uuid.UUID
	UnitID     uuid.UUID
	BlocID     uuid.UUID
	ItemID     *uuid.UUID
	AuthorID   *uuid.UUID
	AuthorName string
	Text       string
	CreatedAt  time.Time
}

// AddComment records a comment while the consultation is open.
func (s *Service) AddComment(ctx context.Context, standardID uuid.UUID, itemID *uuid.UUID, text string) (Comment, error) {
	text = textnorm.Clean(text)
	var c apperr.Checker
	c.Check(text != "" && utf8.RuneCountInString(text) <= 4000, "/text", "must be 1–4000 characters")
	if err := c.Err(); err != nil {
		return Comment{}, err
	}
	var out Comment
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		st, err := s.flow().Checked(ctx, standardID, nil, ActComment) // locked: a return or issue waits for the comment
		if err != nil {
			return err
		}
		p := access.FromContext(ctx)
		if itemID != nil && !hasItem(st, *itemID) {
			return apperr.Fields("validation", "The item is not part of this standard.", apperr.FieldError{Field: "/item_id", Message: "is not an item of this standard"})
		}
		out = Comment{ID: uuid.Must(uuid.NewV7()), StandardID: st.ID, UnitID: st.UnitID, BlocID: st.BlocID, ItemID: itemID,
			AuthorID: p.ActorID(), AuthorName: p.Name, Text: text, CreatedAt: s.now()}
		if err := s.store.CreateComment(ctx, out); err != nil {
			return err
		}
		id, unitID, bloc := st.ID, st.UnitID, st.BlocID
		return s.store.Record(ctx, audit.Event{Action: "standard.comment", ResourceType: "standard", ResourceID: &id,
			UnitID: &unitID, UnitPath: st.UnitPath, BlocID: &bloc,
			After: map[string]any{"comment_id": out.ID, "item_id": itemID, "text": text}})
	})
	return out, err
}

// Comments lists a readable standard's comments, oldest first.
func (s *Service) Comments(ctx context.Context, standardID uuid.UUID, limit int, cursor string) ([]Comment, string, error) {
	if _, err := s.readable(ctx, standardID, false); err != nil {
		return nil, "", err
	}
	if access.FromContext(ctx).OnlyHolds(access.Portal) {
		return nil, "", apperr.ErrForbidden // members' remarks are internal
	}
	return s.store.ListComments(ctx, standardID, limit, cursor)
}

func hasItem(st Standard, id uuid.UUID) bool {
	for _, it := range st.Items {
		if it.ID == id {
			return true
		}
	}
	return false
}
