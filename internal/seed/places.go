package seed

import (
	"context"

	"github.com/google/uuid"

	"lamtheobac/internal/app"
	"lamtheobac/internal/org"
)

// demoPlace is the demo bloc's place (địa danh): the province of Hướng dẫn BTG ĐUK 2021–2025
// (docs/sources.md). Its committees and cells inherit it, so every demo form and report prints
// "Trà Vinh, ngày …".
const demoPlace = "Trà Vinh"

// loadDemoPlace gives the demo bloc its place unless it has one.
func loadDemoPlace(ctx context.Context, a *app.App, ids map[string]uuid.UUID) error {
	u, err := a.Store.GetUnit(ctx, ids["KHOI-CQDN"])
	if err != nil || u.Place != "" {
		return err
	}
	place := demoPlace
	_, err = a.Units.Update(ctx, org.Bloc, u.ID, nil, org.Patch{Place: &place})
	return err
}
