package httpapi

import (
	"context"

	"lamtheobac/api"
	"lamtheobac/internal/org"
)

// The routes that work at any depth and for any kind (issue #15): the per-level routes stay for
// the common shapes, these serve the rest (provinces, partial committees, base cells).

// CreateRootUnit creates a province or a bloc at the top of a tree.
func (s *Server) CreateRootUnit(ctx context.Context, r api.CreateRootUnitRequestObject) (api.CreateRootUnitResponseObject, error) {
	u, err := s.d.Units.CreateRoot(ctx, org.Kind(r.Body.Kind), org.NewUnit{Code: r.Body.Code, Name: r.Body.Name})
	if err != nil {
		return nil, err
	}
	return api.CreateRootUnit201JSONResponse{UnitCreatedJSONResponse: created(ctx, u)}, nil
}

// CreateUnitChild creates a unit of the kind asked for under the unit in the path.
func (s *Server) CreateUnitChild(ctx context.Context, r api.CreateUnitChildRequestObject) (api.CreateUnitChildResponseObject, error) {
	u, err := s.d.Units.CreateChild(ctx, org.Kind(r.Body.Kind), r.UnitId, org.NewUnit{Code: r.Body.Code, Name: r.Body.Name})
	if err != nil {
		return nil, err
	}
	return api.CreateUnitChild201JSONResponse{UnitCreatedJSONResponse: created(ctx, u)}, nil
}

// ListUnitAncestors lists the units above a readable unit, root first.
func (s *Server) ListUnitAncestors(ctx context.Context, r api.ListUnitAncestorsRequestObject) (api.ListUnitAncestorsResponseObject, error) {
	_, ancestors, err := s.d.Units.GetWithAncestors(ctx, r.UnitId)
	if err != nil {
		return nil, err
	}
	out := api.ListUnitAncestors200JSONResponse{Items: make([]api.UnitRef, len(ancestors))}
	for i, a := range ancestors {
		out.Items[i] = toAPIUnitRef(a.Ref())
	}
	return out, nil
}

// UpdateUnit renames, recodes or archives a unit of any kind.
func (s *Server) UpdateUnit(ctx context.Context, r api.UpdateUnitRequestObject) (api.UpdateUnitResponseObject, error) {
	resp, err := s.updateUnitOf(ctx, "", r.UnitId, r.Params.IfMatch, r.Body)
	if err != nil {
		return nil, err
	}
	return api.UpdateUnit200JSONResponse{UnitOneJSONResponse: resp}, nil
}
