package httpapi

import (
	"bytes"
	"context"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"lamtheobac/api"
	"lamtheobac/internal/portal"
)

// publicCache lets portals and proxies keep public answers for a few minutes.
const publicCache = "public, max-age=300"

// maxPublic bounds a public list: portals show the newest.
const maxPublic = 500

func publicFilter(bloc, committee *openapi_types.UUID, year *int) portal.Filter {
	return portal.Filter{BlocID: bloc, CommitteeID: committee, Year: deref(year), Limit: maxPublic}
}

func publicUnit(u portal.Unit) api.PublicUnit { return api.PublicUnit{Code: u.Code, Name: u.Name} }

// ListPublicExemplars serves published exemplars.
func (s *Server) ListPublicExemplars(ctx context.Context, r api.ListPublicExemplarsRequestObject) (api.ListPublicExemplarsResponseObject, error) {
	p := r.Params
	list, err := s.d.Portal.Exemplars(ctx, publicFilter(p.BlocId, p.CommitteeId, p.Year))
	if err != nil {
		return nil, err
	}
	items := make([]api.PublicExemplar, len(list))
	for i, e := range list {
		items[i] = api.PublicExemplar{Id: e.ID, Kind: api.SubjectKind(e.Kind), Name: e.Name, Position: e.Position, Unit: publicUnit(e.Unit),
			Year: e.Year, Summary: e.Summary, Commendation: e.Commendation, HonorNumber: e.HonorNumber, PublishedAt: e.PublishedAt}
	}
	return api.ListPublicExemplars200JSONResponse{Body: api.PublicExemplarList{Items: items},
		Headers: api.ListPublicExemplars200ResponseHeaders{ETag: publicTagOf(ctx), CacheControl: publicCache}}, nil
}

// ListPublicModels serves published models.
func (s *Server) ListPublicModels(ctx context.Context, r api.ListPublicModelsRequestObject) (api.ListPublicModelsResponseObject, error) {
	p := r.Params
	list, err := s.d.Portal.Models(ctx, publicFilter(p.BlocId, p.CommitteeId, p.Year))
	if err != nil {
		return nil, err
	}
	items := make([]api.PublicModel, len(list))
	for i, m := range list {
		items[i] = api.PublicModel{Id: m.ID, Name: m.Name, Year: m.Year, Category: m.Category.Label(), Unit: publicUnit(m.Unit),
			Content: m.Content, PublishedAt: m.PublishedAt}
	}
	return api.ListPublicModels200JSONResponse{Body: api.PublicModelList{Items: items},
		Headers: api.ListPublicModels200ResponseHeaders{ETag: publicTagOf(ctx), CacheControl: publicCache}}, nil
}

// ListPublicStandards serves published standards in force.
func (s *Server) ListPublicStandards(ctx context.Context, r api.ListPublicStandardsRequestObject) (api.ListPublicStandardsResponseObject, error) {
	p := r.Params
	list, err := s.d.Portal.Standards(ctx, publicFilter(p.BlocId, p.CommitteeId, p.Year))
	if err != nil {
		return nil, err
	}
	items := make([]api.PublicStandard, len(list))
	for i, st := range list {
		items[i] = api.PublicStandard{Id: st.ID, Title: st.Title, Subtitle: st.Subtitle, Items: st.Items, Unit: publicUnit(st.Unit),
			Decision: st.Decision, PublishedAt: st.PublishedAt}
	}
	return api.ListPublicStandards200JSONResponse{Body: api.PublicStandardList{Items: items},
		Headers: api.ListPublicStandards200ResponseHeaders{ETag: publicTagOf(ctx), CacheControl: publicCache}}, nil
}

// GetPublicFeed serves the Atom feed of everything published.
func (s *Server) GetPublicFeed(ctx context.Context, r api.GetPublicFeedRequestObject) (api.GetPublicFeedResponseObject, error) {
	p := r.Params
	atom, err := s.d.Portal.Feed(ctx, publicFilter(p.BlocId, p.CommitteeId, p.Year), s.d.PublicBaseURL)
	if err != nil {
		return nil, err
	}
	return api.GetPublicFeed200ApplicationatomXmlResponse{Body: bytes.NewReader(atom), ContentLength: int64(len(atom)),
		Headers: api.GetPublicFeed200ResponseHeaders{ETag: publicTagOf(ctx), CacheControl: publicCache}}, nil
}

// publication is the portal state of a record: published at, approved by.
func publication(at *time.Time, by *string) api.Publication {
	return api.Publication{Published: at != nil, PublishedAt: at, ApprovedBy: by}
}

// SetModelPublication publishes or withdraws a model.
func (s *Server) SetModelPublication(ctx context.Context, r api.SetModelPublicationRequestObject) (api.SetModelPublicationResponseObject, error) {
	m, err := s.d.Models.SetPublished(ctx, r.ModelId, r.Body.Published)
	if err != nil {
		return nil, err
	}
	return api.SetModelPublication200JSONResponse(publication(m.PublishedAt, m.PublishedByName)), nil
}

// SetStandardPublication publishes or withdraws a standard.
func (s *Server) SetStandardPublication(ctx context.Context, r api.SetStandardPublicationRequestObject) (api.SetStandardPublicationResponseObject, error) {
	st, err := s.d.Standards.SetPublished(ctx, r.StandardId, r.Body.Published)
	if err != nil {
		return nil, err
	}
	return api.SetStandardPublication200JSONResponse(publication(st.PublishedAt, st.PublishedByName)), nil
}

// SetNominationPublication publishes or withdraws an honored nomination.
func (s *Server) SetNominationPublication(ctx context.Context, r api.SetNominationPublicationRequestObject) (api.SetNominationPublicationResponseObject, error) {
	n, err := s.d.Nominations.SetPublished(ctx, r.NominationId, r.Body.Published)
	if err != nil {
		return nil, err
	}
	return api.SetNominationPublication200JSONResponse(publication(n.PublishedAt, n.PublishedByName)), nil
}
