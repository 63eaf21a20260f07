// Package portal is what provincial portals see: the exemplars, models and standards an officer
// published, with public fields only. It only reads: publishing is an action of each domain's
// workflow (publish and unpublish in the transition tables of nomination, model and standard).
package portal

import (
	"context"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/model"
)

// Filter narrows a public list.
type Filter struct {
	BlocID      *uuid.UUID
	CommitteeID *uuid.UUID
	Year        int
	Limit       int
}

// Unit is a unit as the public sees it.
type Unit struct{ Code, Name string }

// Exemplar is a published, honored nomination: public fields only.
type Exemplar struct {
	ID           uuid.UUID
	Kind         string
	Name         string
	Position     *string
	Unit         Unit
	Year         int
	Summary      string
	Commendation *string
	HonorNumber  *int
	PublishedAt  time.Time
}

// Model is a published model: public fields only.
type Model struct {
	ID          uuid.UUID
	Name        string
	Year        int
	Category    model.Category
	Unit        Unit
	Content     string
	PublishedAt time.Time
}

// Standard is a published standard in force: public fields only.
type Standard struct {
	ID          uuid.UUID
	Title       string
	Subtitle    string
	Items       []string
	Unit        Unit
	Decision    *string
	PublishedAt time.Time
}

// Store is what the portal needs from persistence.
type Store interface {
	PublicExemplars(ctx context.Context, f Filter) ([]Exemplar, error)
	PublicModels(ctx context.Context, f Filter) ([]Model, error)
	PublicStandards(ctx context.Context, f Filter) ([]Standard, error)
	VersionStore
}

// Service runs the portal use cases.
type Service struct {
	store Store
	// Versions is the publication version public ETags derive from.
	Versions *Versions
}

// NewService returns a Service over store.
func NewService(store Store) *Service {
	return &Service{store: store, Versions: NewVersions(store)}
}

// Exemplars lists published exemplars, newest first.
func (s *Service) Exemplars(ctx context.Context, f Filter) ([]Exemplar, error) {
	return s.store.PublicExemplars(ctx, f)
}

// Models lists published models, newest first.
func (s *Service) Models(ctx context.Context, f Filter) ([]Model, error) {
	return s.store.PublicModels(ctx, f)
}

// Standards lists published standards in force, newest first.
func (s *Service) Standards(ctx context.Context, f Filter) ([]Standard, error) {
	return s.store.PublicStandards(ctx, f)
}
