package scenario_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"lamtheobac/internal/seed"
)

// loadDataset loads the smallest synthetic bloc whose units, users, models, evaluations,
// nominations and reports each pass 10,000 rows (so the planner's choices are the ones it makes
// at scale), and returns its users' password.
func loadDataset(t *testing.T, url string) string {
	t.Helper()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	// 110 committees of 99 cells: 11,001 units and 22,002 reports over the two rounds.
	if _, err := seed.Synthetic(ctx, pool, seed.SyntheticOptions{Blocs: 1, RandSeed: 8, CommitteesPerBloc: 110, CellsPerCommittee: 99,
		ModelsPerBloc: 12000, NominationsPerBloc: 12000}); err != nil {
		t.Fatal(err)
	}
	return seed.SyntheticPassword
}
