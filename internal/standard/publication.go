package standard

import (
	"context"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

// inScope returns the standard with id if it lies in the caller's read scope, whatever its
// state: publishing answers 403, not 404, to a reader who may not publish what it cannot see.
func (s *Service) inScope(ctx context.Context, id uuid.UUID, forUpdate bool) (Standard, error) {
	st, err := s.store.GetStandard(ctx, id, forUpdate)
	if err != nil {
		return Standard{}, err
	}
	if !access.FromContext(ctx).CanRead(st.UnitPath) {
		return Standard{}, apperr.ErrNotFound
	}
	return st, nil
}

// SetPublished publishes an issued standard to the portal, or withdraws it (the actions publish
// and unpublish of the transition table). The publishing officer is recorded as the approver.
// Publishing what is published already (or withdrawing what is not) changes nothing and is not
// an error.
func (s *Service) SetPublished(ctx context.Context, id uuid.UUID, published bool) (Standard, error) {
	a := ActUnpublish
	if published {
		a = ActPublish
	}
	f := s.flow()
	f.Load = s.inScope
	st, err := f.Load(ctx, id, false)
	if err != nil {
		return Standard{}, err
	}
	if published == (st.PublishedAt != nil) && f.Permits(access.FromContext(ctx), st, a) && (!published || st.Status == Issued) {
		return st, nil
	}
	return f.Change(ctx, id, nil, a, func(ctx context.Context, st *Standard) error {
		st.PublishedAt, st.PublishedBy, st.PublishedByName = nil, nil, nil
		if published {
			now, p := s.now(), access.FromContext(ctx)
			name := p.Name
			st.PublishedAt, st.PublishedBy, st.PublishedByName = &now, p.ActorID(), &name
		}
		return nil
	})
}
