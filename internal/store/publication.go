package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// publicationChannel is the channel the migration 0007 triggers notify when the publication
// version moves.
const publicationChannel = "publication_version"

// PublicationVersion returns the current publication version: it moves whenever anything the
// public routes show changes (migrations/0007_scale.sql).
func (s *Store) PublicationVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.db(ctx).Raw("SELECT version FROM publication_version").Row().Scan(&v)
	return v, translate(err)
}

// ListenPublications holds a connection of its own (outside the pool) listening for publication
// version changes. It calls ready once listening, so the caller may trust notifications from
// then on, and changed for every notification; it returns when ctx ends or the connection
// fails, and the caller must then stop trusting anything it cached.
func (s *Store) ListenPublications(ctx context.Context, ready, changed func()) error {
	conn, err := pgx.Connect(ctx, s.url)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+publicationChannel); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	ready()
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return fmt.Errorf("listen: %w", err)
		}
		changed()
	}
}
