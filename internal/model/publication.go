package model

import (
	"context"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

// inScope returns the model with id if it lies in the caller's read scope, whatever its state:
// publishing answers 403, not 404, to a reader who may not publish what it cannot see yet.
func (s *Service) inScope(ctx context.Context, id uuid.UUID, forUpdate bool) (Model, error) {
	m, err := s.store.GetModel(ctx, id, forUpdate)
	if err != nil {
		return Model{}, err
	}
	if !access.FromContext(ctx).CanRead(m.UnitPath) {
		return Model{}, apperr.ErrNotFound
	}
	return m, nil
}

// SetPublished publishes an approved (or later) model to the portal, or withdraws it (the
// actions publish and unpublish of the transition table). The publishing officer is recorded as
// the approver. Publishing what is published already (or withdrawing what is not) changes
// nothing and is not an error.
func (s *Service) SetPublished(ctx context.Context, id uuid.UUID, published bool) (Model, error) {
	a := ActUnpublish
	if published {
		a = ActPublish
	}
	f := s.flow()
	f.Load = s.inScope
	m, err := f.Load(ctx, id, false)
	if err != nil {
		return Model{}, err
	}
	if published == (m.PublishedAt != nil) && f.Permits(access.FromContext(ctx), m, a) && (!published || m.publishable()) {
		return m, nil
	}
	return f.Change(ctx, id, nil, a, func(ctx context.Context, m *Model) error {
		m.PublishedAt, m.PublishedBy, m.PublishedByName = nil, nil, nil
		if published {
			now, p := s.now(), access.FromContext(ctx)
			name := p.Name
			m.PublishedAt, m.PublishedBy, m.PublishedByName = &now, p.ActorID(), &name
		}
		return nil
	})
}
