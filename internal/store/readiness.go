package store

import (
	"context"
	"fmt"

	"lamtheobac/internal/platform/dbmigrate"
)

// MigrationsCurrent says whether every migration this build knows has been applied, for the
// readiness check: a replica must not take traffic over a schema older than its code.
func (s *Store) MigrationsCurrent(ctx context.Context) (bool, error) {
	db, err := s.SQL()
	if err != nil {
		return false, fmt.Errorf("store: migrations current: %w", err)
	}
	pending, err := dbmigrate.Pending(ctx, db)
	if err != nil {
		return false, fmt.Errorf("store: migrations current: %w", err)
	}
	return !pending, nil
}
