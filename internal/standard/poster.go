package standard

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/export"
)

// DefaultFrame is the poster size when none is asked for: the largest frame of Hướng dẫn
// 14-QĐ/ĐU (docs/sources.md).
const DefaultFrame = "60x90"

// Poster renders a readable standard as a print-ready PDF at the frame's size. A standard that
// was never issued is marked as a draft, one no longer in force says so, so neither can be
// mistaken for the text in force.
func (s *Service) Poster(ctx context.Context, id uuid.UUID, frame string) ([]byte, error) {
	if frame == "" {
		frame = DefaultFrame
	}
	f, err := export.ParseFrame(frame)
	if err != nil {
		return nil, &apperr.Error{Kind: apperr.Invalid, Code: "validation", Message: "The frame size is not valid.",
			Fields: []apperr.FieldError{{Field: "/frame", Message: "must be 40x60, 50x75, 60x90 or WxH in cm (10–300 each)"}}, Err: err}
	}
	st, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	p := export.Poster{UnitName: st.Unit.Name, Title: strings.ToUpper(st.Title), Subtitle: st.Subtitle}
	for _, it := range st.Items {
		p.Items = append(p.Items, it.Text)
	}
	switch {
	case st.Decision == nil:
		p.Footer = "DỰ THẢO — chưa ban hành"
	case st.Status == Issued:
		p.Footer = fmt.Sprintf("(Ban hành kèm theo Quyết định số %s ngày %s)", st.Decision.Number, st.Decision.Date.Format("02/01/2006"))
	default: // superseded or withdrawn: say it no longer applies, so an old print is not mistaken for it
		p.Footer = fmt.Sprintf("(Quyết định số %s ngày %s — nay không còn hiệu lực)", st.Decision.Number, st.Decision.Date.Format("02/01/2006"))
	}
	if len(p.Items) == 0 {
		return nil, apperr.New(apperr.Conflict, "standard_empty", "The standard has no lines to print yet.")
	}
	var buf bytes.Buffer
	if err := export.RenderPoster(&buf, p, f); err != nil {
		if errors.Is(err, export.ErrPosterTooLong) {
			return nil, apperr.Fields("poster_too_long", "The standard is too long to print readably in a frame of this shape; shorten it or choose a taller frame.",
				apperr.FieldError{Field: "/frame", Message: "the standard does not fit this frame's shape"})
		}
		return nil, err
	}
	return buf.Bytes(), nil
}
