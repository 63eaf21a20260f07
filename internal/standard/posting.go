package standard

import (
	"context"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
	"lamtheobac/internal/vntime"
)

// Frame is a poster frame of Hướng dẫn 14-QĐ/ĐU (docs/sources.md): the three usual sizes or a
// custom one.
type Frame string

// The frame sizes.
const (
	Frame40x60  Frame = "40x60"
	Frame50x75  Frame = "50x75"
	Frame60x90  Frame = "60x90"
	FrameCustom Frame = "custom"
)

// size returns a preset frame's width and height in cm.
func (f Frame) size() (w, h float64, ok bool) {
	switch f {
	case Frame40x60:
		return 40, 60, true
	case Frame50x75:
		return 50, 75, true
	case Frame60x90:
		return 60, 90, true
	}
	return 0, 0, false
}

// Posting records that a standard hangs somewhere, in a frame, since a date.
type Posting struct {
	ID         uuid.UUID
	StandardID uuid.UUID
	Unit       org.Ref
	BlocID     uuid.UUID
	Location   string
	Frame      Frame
	WidthCM    float64
	HeightCM   float64
	PostedOn   time.Time
	CreatedBy  *uuid.UUID
	CreatedAt  time.Time
}

// NewPosting is the input for recording a posting.
type NewPosting struct {
	UnitID   *uuid.UUID // where it hangs; nil for the standard's own unit
	Location string
	Frame    Frame
	WidthCM  *float64
	HeightCM *float64
	PostedOn time.Time
}

// AddPosting records a posting of an issued standard, by the owners of the unit where it hangs;
// that unit must be the standard's own or one the standard is in force for.
func (s *Service) AddPosting(ctx context.Context, standardID uuid.UUID, in NewPosting) (Posting, error) {
	in.Location = textnorm.Clean(in.Location)
	var c apperr.Checker
	c.Check(in.Location != "" && utf8.RuneCountInString(in.Location) <= 255, "/location", "must be 1–255 characters")
	c.Check(!in.PostedOn.After(vntime.Date(s.now())), "/posted_on", "cannot be in the future")
	w, h, preset := in.Frame.size()
	if !preset {
		c.Check(in.Frame == FrameCustom, "/frame", "must be 40x60, 50x75, 60x90 or custom")
		c.Check(in.WidthCM != nil && in.HeightCM != nil, "/width_cm", "a custom frame needs width_cm and height_cm")
		if in.WidthCM != nil && in.HeightCM != nil {
			w, h = *in.WidthCM, *in.HeightCM
			c.Check(w >= 10 && w <= 300 && h >= 10 && h <= 300, "/width_cm", "sizes must be 10–300 cm")
		}
	}
	if err := c.Err(); err != nil {
		return Posting{}, err
	}
	var out Posting
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		st, err := s.readable(ctx, standardID, false)
		if err != nil {
			return err
		}
		unit, err := s.store.GetUnit(ctx, st.UnitID)
		if err != nil {
			return err
		}
		if in.UnitID != nil && *in.UnitID != st.UnitID {
			if unit, err = s.store.GetUnit(ctx, *in.UnitID); err != nil {
				return err
			}
		}
		p := access.FromContext(ctx)
		if err := p.AuthorizeOwner(access.ManageStandard, unit.Path); err != nil {
			return err
		}
		if !transitions(s.now()).StateAllows(st, ActPost) {
			return apperr.InvalidTransition(string(st.Status), string(ActPost))
		}
		if unit.ID != st.UnitID {
			eff, err := s.effectiveFor(ctx, unit)
			if err != nil {
				return err
			}
			if eff.Standard == nil || eff.Standard.ID != st.ID {
				return apperr.Fields("not_in_force", "This standard is not the one in force for that unit.",
					apperr.FieldError{Field: "/unit_id", Message: "the standard is not in force there"})
			}
		}
		out = Posting{ID: uuid.Must(uuid.NewV7()), StandardID: st.ID, Unit: unit.Ref(), BlocID: unit.BlocID, Location: in.Location,
			Frame: in.Frame, WidthCM: w, HeightCM: h, PostedOn: in.PostedOn, CreatedBy: p.ActorID(), CreatedAt: s.now()}
		if err := s.store.CreatePosting(ctx, out); err != nil {
			return err
		}
		id, unitID, bloc := st.ID, unit.ID, unit.BlocID
		return s.store.Record(ctx, audit.Event{Action: "standard.post", ResourceType: "standard", ResourceID: &id,
			UnitID: &unitID, UnitPath: unit.Path, BlocID: &bloc,
			After: map[string]any{"posting_id": out.ID, "location": out.Location, "frame": out.Frame, "width_cm": w, "height_cm": h,
				"posted_on": out.PostedOn.Format(time.DateOnly)}})
	})
	return out, err
}

// Postings lists where a readable standard hangs.
func (s *Service) Postings(ctx context.Context, standardID uuid.UUID) ([]Posting, error) {
	if _, err := s.readable(ctx, standardID, false); err != nil {
		return nil, err
	}
	return s.store.ListPostings(ctx, standardID)
}
