package httpapi

import (
	"context"

	"lamtheobac/api"
	"lamtheobac/internal/model"
)

func toAPIIntroduction(in model.Introduction) api.Introduction {
	return api.Introduction{UnitId: in.UnitID, FromYear: in.FromYear, ToYear: in.ToYear, Occasion: in.Occasion, ModelIds: in.ModelIDs,
		NominationIds: in.NominationIDs, ConfirmedBy: in.ConfirmedBy, ConfirmedAt: in.ConfirmedAt}
}

// GetIntroduction returns the unit's confirmed Biểu mẫu 3 list for a period.
func (s *Server) GetIntroduction(ctx context.Context, r api.GetIntroductionRequestObject) (api.GetIntroductionResponseObject, error) {
	in, err := s.d.Models.GetIntroduction(ctx, r.UnitId, r.Params.FromYear, r.Params.ToYear)
	if err != nil {
		return nil, err
	}
	return api.GetIntroduction200JSONResponse(toAPIIntroduction(in)), nil
}

// ConfirmIntroduction replaces the unit's Biểu mẫu 3 list for a period.
func (s *Server) ConfirmIntroduction(ctx context.Context, r api.ConfirmIntroductionRequestObject) (api.ConfirmIntroductionResponseObject, error) {
	b := r.Body
	in, err := s.d.Models.ConfirmIntroduction(ctx, r.UnitId, model.IntroductionInput{FromYear: b.FromYear, ToYear: b.ToYear,
		Occasion: b.Occasion, ModelIDs: b.ModelIds, NominationIDs: b.NominationIds})
	if err != nil {
		return nil, err
	}
	return api.ConfirmIntroduction200JSONResponse(toAPIIntroduction(in)), nil
}
