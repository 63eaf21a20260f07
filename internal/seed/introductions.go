package seed

import (
	"context"
	"fmt"
	"slices"

	"github.com/google/uuid"

	"lamtheobac/internal/app"
	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/vntime"
)

// loadDemoIntroduction confirms DU-SCT's Biểu mẫu 3 list for the last three years: the honored
// exemplars of its subtree and CB-VP's completed savings model, introduced for commendation at
// this year's 19/5 (unless a list is already confirmed).
func loadDemoIntroduction(ctx context.Context, a *app.App, ids map[string]uuid.UUID) error {
	year := vntime.Date(a.Now()).Year()
	if _, err := a.Models.GetIntroduction(ctx, ids["DU-SCT"], year-2, year); err == nil {
		return nil
	}
	noms, _, err := a.Nominations.List(ctx, ids["DU-SCT"], "subtree", nomination.Filter{Status: nomination.Honored, Limit: 50})
	if err != nil {
		return err
	}
	in := model.IntroductionInput{FromYear: year - 2, ToYear: year}
	for _, n := range noms {
		in.NominationIDs = append(in.NominationIDs, n.ID)
	}
	slices.SortFunc(in.NominationIDs, func(a, b uuid.UUID) int { return slices.Compare(a[:], b[:]) })
	models, _, err := a.Models.List(ctx, ids["CB-VP"], false, model.Filter{Statuses: []model.Status{model.Completed}, Limit: 10})
	if err != nil {
		return err
	}
	for _, m := range models {
		in.ModelIDs = append(in.ModelIDs, m.ID)
	}
	occasion := fmt.Sprintf("để khen thưởng dịp kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh 19/5/%d", year)
	in.Occasion = &occasion
	_, err = a.Models.ConfirmIntroduction(ctx, ids["DU-SCT"], in)
	return err
}
