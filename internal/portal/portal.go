// Package portal is what provincial portals see: the exemplars, models and standards an officer
// published, with public fields only, and the publishing of models and standards (nominations
// publish through their own workflow).
package portal

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/model"
	"lamtheobac/internal/standard"
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

// Event is a published study event (internal/study): its public summary and where and when,
// never its participants or the exemplars linked to it.
type Event struct {
	ID          uuid.UUID
	Kind        string // honoring, exchange, anniversary
	Title       string
	HeldOn      time.Time
	Unit        Unit
	Summary     string
	PublishedAt time.Time
}

// Publication is the portal state of a resource.
type Publication struct {
	Published  bool
	At         *time.Time
	ApprovedBy *string
}

// Store is what the portal needs from persistence.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	audit.Recorder
	GetModel(ctx context.Context, id uuid.UUID, forUpdate bool) (model.Model, error)
	GetStandard(ctx context.Context, id uuid.UUID, forUpdate bool) (standard.Standard, error)
	// SetPublication sets or clears (at nil) the publication of a model ("models") or a
	// standard ("standards").
	SetPublication(ctx context.Context, table string, id uuid.UUID, at *time.Time, by *uuid.UUID, byName *string) error
	PublicExemplars(ctx context.Context, f Filter) ([]Exemplar, error)
	PublicModels(ctx context.Context, f Filter) ([]Model, error)
	PublicStandards(ctx context.Context, f Filter) ([]Standard, error)
	// PublicEvents returns the published study events, newest published first.
	PublicEvents(ctx context.Context, f Filter) ([]Event, error)
	VersionStore
}

// Service runs the portal use cases.
type Service struct {
	store Store
	now   func() time.Time
	// Versions is the publication version public ETags derive from.
	Versions *Versions
}

// NewService returns a Service over store whose dates and deadlines follow now.
func NewService(store Store, now func() time.Time) *Service {
	return &Service{store: store, now: now, Versions: NewVersions(store)}
}

// target is what publishing needs to know of a resource.
type target struct {
	table, path string
	id, unitID  uuid.UUID
	bloc        uuid.UUID
	publishable bool
	at          *time.Time
	byName      *string
}

// SetModelPublication publishes an approved (or later) model, or withdraws it.
func (s *Service) SetModelPublication(ctx context.Context, id uuid.UUID, published bool) (Publication, error) {
	m, err := s.store.GetModel(ctx, id, false)
	if err != nil {
		return Publication{}, err
	}
	ok := slices.Contains([]model.Status{model.Approved, model.InProgress, model.Completed}, m.Status)
	return s.set(ctx, target{table: "models", path: m.UnitPath, id: m.ID, unitID: m.UnitID, bloc: m.BlocID, publishable: ok,
		at: m.PublishedAt, byName: m.PublishedByName}, published)
}

// SetStandardPublication publishes an issued standard, or withdraws it.
func (s *Service) SetStandardPublication(ctx context.Context, id uuid.UUID, published bool) (Publication, error) {
	st, err := s.store.GetStandard(ctx, id, false)
	if err != nil {
		return Publication{}, err
	}
	return s.set(ctx, target{table: "standards", path: st.UnitPath, id: st.ID, unitID: st.UnitID, bloc: st.BlocID,
		publishable: st.Status == standard.Issued, at: st.PublishedAt, byName: st.PublishedByName}, published)
}

// set applies the publication rules: an officer over the resource (the approver), a state that
// may be public, and an audit event.
func (s *Service) set(ctx context.Context, t target, published bool) (Publication, error) {
	p := access.FromContext(ctx)
	if err := p.Authorize(access.PublishContent, t.path); err != nil {
		return Publication{}, err
	}
	if published && !t.publishable {
		return Publication{}, apperr.New(apperr.Conflict, "not_publishable", "Only what is approved or in force can be published.")
	}
	if published == (t.at != nil) {
		return Publication{Published: published, At: t.at, ApprovedBy: t.byName}, nil
	}
	out := Publication{Published: published}
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		var by *uuid.UUID
		if published {
			now, name := s.now(), p.Name
			out.At, out.ApprovedBy = &now, &name
			if p.ID != uuid.Nil {
				id := p.ID
				by = &id
			}
		}
		if err := s.store.SetPublication(ctx, t.table, t.id, out.At, by, out.ApprovedBy); err != nil {
			return err
		}
		action := map[bool]string{true: ".publish", false: ".unpublish"}[published]
		id, unit, bloc := t.id, t.unitID, t.bloc
		return s.store.Record(ctx, audit.Event{Action: t.table[:len(t.table)-1] + action, ResourceType: t.table[:len(t.table)-1],
			ResourceID: &id, UnitID: &unit, UnitPath: t.path, BlocID: &bloc, After: map[string]any{"published": published}})
	})
	return out, err
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
