package scenario_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"lamtheobac/internal/seed"
)

// loadDataset loads the smallest synthetic bloc whose units, users, models, evaluations,
// nominations, reports, members, commitments and study sessions each pass 10,000 rows (so the planner's choices are the ones it makes
// at scale), and returns its users' password.
func loadDataset(t *testing.T, url string) string {
	t.Helper()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	// 110 committees of 99 cells: 11,001 units and 22,002 reports over the two rounds; two
	// members a cell: 21,780 members, ~43,000 commitments, ~85,000 study sessions, ~150,000
	// attendances (ten a cell would only make the load slower, not the plans different).
	if _, err := seed.Synthetic(ctx, pool, seed.SyntheticOptions{Blocs: 1, RandSeed: 8, CommitteesPerBloc: 110, CellsPerCommittee: 99,
		ModelsPerBloc: 12000, NominationsPerBloc: 12000, MembersPerCell: 2}); err != nil {
		t.Fatal(err)
	}
	return seed.SyntheticPassword
}
