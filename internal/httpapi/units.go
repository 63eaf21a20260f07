package httpapi

import (
	"context"

	"github.com/google/uuid"

	"lamtheobac/api"
	"lamtheobac/internal/org"
)

// The per-level routes (/blocs, /committees, /cells) share these helpers; the level only
// decides which kind the path's unit must be.

func (s *Server) getUnitOf(ctx context.Context, kind org.Kind, id uuid.UUID) (api.UnitOneJSONResponse, error) {
	u, err := s.d.Units.GetKind(ctx, kind, id)
	if err != nil {
		return api.UnitOneJSONResponse{}, err
	}
	return api.UnitOneJSONResponse{Body: toAPIUnit(ctx, u), Headers: api.UnitOneResponseHeaders{ETag: etag(u.Version)}}, nil
}

func (s *Server) updateUnitOf(ctx context.Context, kind org.Kind, id uuid.UUID, ifMatch *string, body *api.UnitUpdate) (api.UnitOneJSONResponse, error) {
	v, err := ifMatchVersion(ifMatch)
	if err != nil {
		return api.UnitOneJSONResponse{}, err
	}
	u, err := s.d.Units.Update(ctx, kind, id, v, toDomainPatch(body))
	if err != nil {
		return api.UnitOneJSONResponse{}, err
	}
	return api.UnitOneJSONResponse{Body: toAPIUnit(ctx, u), Headers: api.UnitOneResponseHeaders{ETag: etag(u.Version)}}, nil
}

func created(ctx context.Context, u org.Unit) api.UnitCreatedJSONResponse {
	return api.UnitCreatedJSONResponse{Body: toAPIUnit(ctx, u),
		Headers: api.UnitCreatedResponseHeaders{ETag: etag(u.Version), Location: "/api/v1/units/" + u.ID.String()}}
}

func (s *Server) createChildOf(ctx context.Context, kind org.Kind, parent uuid.UUID, body *api.UnitCreate) (api.UnitCreatedJSONResponse, error) {
	u, err := s.d.Units.CreateChild(ctx, kind, parent, org.NewUnit{Code: body.Code, Name: body.Name, Place: deref(body.Place)})
	if err != nil {
		return api.UnitCreatedJSONResponse{}, err
	}
	return created(ctx, u), nil
}

func (s *Server) listChildrenOf(ctx context.Context, kind org.Kind, parent uuid.UUID, f org.Filter) (api.UnitListJSONResponse, error) {
	units, next, err := s.d.Units.ListChildren(ctx, kind, parent, f)
	if err != nil {
		return api.UnitListJSONResponse{}, err
	}
	return api.UnitListJSONResponse(toAPIUnitList(ctx, units, next)), nil
}

// ListBlocs lists the blocs the caller can read.
func (s *Server) ListBlocs(ctx context.Context, r api.ListBlocsRequestObject) (api.ListBlocsResponseObject, error) {
	p := r.Params
	units, next, err := s.d.Units.ListBlocs(ctx, unitFilter(ctx, p.Q, p.IncludeArchived, p.Limit))
	if err != nil {
		return nil, err
	}
	return api.ListBlocs200JSONResponse{UnitListJSONResponse: api.UnitListJSONResponse(toAPIUnitList(ctx, units, next))}, nil
}

// CreateBloc creates a bloc.
func (s *Server) CreateBloc(ctx context.Context, r api.CreateBlocRequestObject) (api.CreateBlocResponseObject, error) {
	u, err := s.d.Units.CreateBloc(ctx, org.NewUnit{Code: r.Body.Code, Name: r.Body.Name, Place: deref(r.Body.Place)})
	if err != nil {
		return nil, err
	}
	return api.CreateBloc201JSONResponse{UnitCreatedJSONResponse: created(ctx, u)}, nil
}

// GetBloc returns a bloc.
func (s *Server) GetBloc(ctx context.Context, r api.GetBlocRequestObject) (api.GetBlocResponseObject, error) {
	resp, err := s.getUnitOf(ctx, org.Bloc, r.BlocId)
	if err != nil {
		return nil, err
	}
	return api.GetBloc200JSONResponse{UnitOneJSONResponse: resp}, nil
}

// UpdateBloc patches a bloc.
func (s *Server) UpdateBloc(ctx context.Context, r api.UpdateBlocRequestObject) (api.UpdateBlocResponseObject, error) {
	resp, err := s.updateUnitOf(ctx, org.Bloc, r.BlocId, r.Params.IfMatch, r.Body)
	if err != nil {
		return nil, err
	}
	return api.UpdateBloc200JSONResponse{UnitOneJSONResponse: resp}, nil
}

// ListCommittees lists a bloc's committees.
func (s *Server) ListCommittees(ctx context.Context, r api.ListCommitteesRequestObject) (api.ListCommitteesResponseObject, error) {
	p := r.Params
	resp, err := s.listChildrenOf(ctx, org.Bloc, r.BlocId, unitFilter(ctx, p.Q, p.IncludeArchived, p.Limit))
	if err != nil {
		return nil, err
	}
	return api.ListCommittees200JSONResponse{UnitListJSONResponse: resp}, nil
}

// CreateCommittee creates a committee in a bloc.
func (s *Server) CreateCommittee(ctx context.Context, r api.CreateCommitteeRequestObject) (api.CreateCommitteeResponseObject, error) {
	resp, err := s.createChildOf(ctx, org.Committee, r.BlocId, r.Body)
	if err != nil {
		return nil, err
	}
	return api.CreateCommittee201JSONResponse{UnitCreatedJSONResponse: resp}, nil
}

// GetCommittee returns a committee.
func (s *Server) GetCommittee(ctx context.Context, r api.GetCommitteeRequestObject) (api.GetCommitteeResponseObject, error) {
	resp, err := s.getUnitOf(ctx, org.Committee, r.CommitteeId)
	if err != nil {
		return nil, err
	}
	return api.GetCommittee200JSONResponse{UnitOneJSONResponse: resp}, nil
}

// UpdateCommittee patches a committee.
func (s *Server) UpdateCommittee(ctx context.Context, r api.UpdateCommitteeRequestObject) (api.UpdateCommitteeResponseObject, error) {
	resp, err := s.updateUnitOf(ctx, org.Committee, r.CommitteeId, r.Params.IfMatch, r.Body)
	if err != nil {
		return nil, err
	}
	return api.UpdateCommittee200JSONResponse{UnitOneJSONResponse: resp}, nil
}

// ListCells lists a committee's cells.
func (s *Server) ListCells(ctx context.Context, r api.ListCellsRequestObject) (api.ListCellsResponseObject, error) {
	p := r.Params
	resp, err := s.listChildrenOf(ctx, org.Committee, r.CommitteeId, unitFilter(ctx, p.Q, p.IncludeArchived, p.Limit))
	if err != nil {
		return nil, err
	}
	return api.ListCells200JSONResponse{UnitListJSONResponse: resp}, nil
}

// CreateCell creates a cell in a committee.
func (s *Server) CreateCell(ctx context.Context, r api.CreateCellRequestObject) (api.CreateCellResponseObject, error) {
	resp, err := s.createChildOf(ctx, org.Cell, r.CommitteeId, r.Body)
	if err != nil {
		return nil, err
	}
	return api.CreateCell201JSONResponse{UnitCreatedJSONResponse: resp}, nil
}

// GetCell returns a cell.
func (s *Server) GetCell(ctx context.Context, r api.GetCellRequestObject) (api.GetCellResponseObject, error) {
	resp, err := s.getUnitOf(ctx, org.Cell, r.CellId)
	if err != nil {
		return nil, err
	}
	return api.GetCell200JSONResponse{UnitOneJSONResponse: resp}, nil
}

// UpdateCell patches a cell.
func (s *Server) UpdateCell(ctx context.Context, r api.UpdateCellRequestObject) (api.UpdateCellResponseObject, error) {
	resp, err := s.updateUnitOf(ctx, org.Cell, r.CellId, r.Params.IfMatch, r.Body)
	if err != nil {
		return nil, err
	}
	return api.UpdateCell200JSONResponse{UnitOneJSONResponse: resp}, nil
}

// GetUnit returns a unit of any level with its ancestors.
func (s *Server) GetUnit(ctx context.Context, r api.GetUnitRequestObject) (api.GetUnitResponseObject, error) {
	u, ancestors, err := s.d.Units.GetWithAncestors(ctx, r.UnitId)
	if err != nil {
		return nil, err
	}
	body := toAPIUnitDetail(ctx, u, ancestors)
	return api.GetUnit200JSONResponse{Body: body, Headers: api.GetUnit200ResponseHeaders{ETag: etag(u.Version)}}, nil
}

// GetUnitByCode finds a unit by code.
func (s *Server) GetUnitByCode(ctx context.Context, r api.GetUnitByCodeRequestObject) (api.GetUnitByCodeResponseObject, error) {
	u, ancestors, err := s.d.Units.GetByCodeWithAncestors(ctx, r.Code)
	if err != nil {
		return nil, err
	}
	body := toAPIUnitDetail(ctx, u, ancestors)
	return api.GetUnitByCode200JSONResponse{Body: body, Headers: api.GetUnitByCode200ResponseHeaders{ETag: etag(u.Version)}}, nil
}

// toAPIUnitDetail is a unit with its ancestors, for the caller in ctx.
func toAPIUnitDetail(ctx context.Context, u org.Unit, ancestors []org.Unit) api.UnitDetail {
	base := toAPIUnit(ctx, u)
	body := api.UnitDetail{Id: base.Id, Kind: base.Kind, Code: base.Code, Name: base.Name, Place: base.Place, ParentId: base.ParentId, Archived: base.Archived,
		Version: base.Version, CreatedAt: base.CreatedAt, UpdatedAt: base.UpdatedAt, AllowedActions: base.AllowedActions,
		Ancestors: make([]api.UnitRef, len(ancestors))}
	for i, a := range ancestors {
		body.Ancestors[i] = toAPIUnitRef(a.Ref())
	}
	return body
}

// DeleteUnit deletes a unit without records.
func (s *Server) DeleteUnit(ctx context.Context, r api.DeleteUnitRequestObject) (api.DeleteUnitResponseObject, error) {
	v, err := ifMatchVersion(r.Params.IfMatch)
	if err != nil {
		return nil, err
	}
	if err := s.d.Units.Delete(ctx, r.UnitId, v); err != nil {
		return nil, err
	}
	return api.DeleteUnit204Response{}, nil
}

// ListUnitChildren lists a unit's direct children.
func (s *Server) ListUnitChildren(ctx context.Context, r api.ListUnitChildrenRequestObject) (api.ListUnitChildrenResponseObject, error) {
	p := r.Params
	resp, err := s.listChildrenOf(ctx, "", r.UnitId, unitFilter(ctx, p.Q, p.IncludeArchived, p.Limit))
	if err != nil {
		return nil, err
	}
	return api.ListUnitChildren200JSONResponse{UnitListJSONResponse: resp}, nil
}
