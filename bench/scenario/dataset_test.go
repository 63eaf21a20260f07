package scenario_test

import (
	"context"
	"testing"

	"lamtheobac/internal/app"
	"lamtheobac/internal/seed"
)

// loadDataset loads the data the EXPLAIN test runs over and returns its users' password.
func loadDataset(t *testing.T, a *app.App) string {
	t.Helper()
	t.Skip("needs the synthetic dataset (seed.Synthetic): the demo's tables are far below 10,000 rows")
	if err := seed.Demo(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return seed.DemoPassword
}
