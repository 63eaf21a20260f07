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
	if err := seed.Demo(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return seed.DemoPassword
}
