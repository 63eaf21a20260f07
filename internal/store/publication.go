package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// The channels the triggers notify: PublicationChannel when the publication version moves
// (migrations/0007_scale.sql), TokenEpochChannel with '<kind>:<id>' (or '*') when a principal's
// token epoch does (migrations/0010_token_epoch.sql).
const (
	PublicationChannel = "publication_version"
	TokenEpochChannel  = "token_epoch"
)

// PublicationVersion returns the current publication version: it moves whenever anything the
// public routes show changes (migrations/0007_scale.sql).
func (s *Store) PublicationVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.db(ctx).Raw("SELECT version FROM publication_version").Row().Scan(&v)
	return v, wrap(err, "publication version")
}

// Listen holds a connection of its own (outside the pool) listening on channels. It calls
// ready once listening, so the caller may trust notifications from then on, and notified for
// every notification; it returns when ctx ends or the connection fails, and the caller must
// then stop trusting anything it cached.
func (s *Store) Listen(ctx context.Context, channels []string, ready func(), notified func(channel, payload string)) error {
	conn, err := pgx.Connect(ctx, s.url)
	if err != nil {
		return fmt.Errorf("store: listen: %w", err)
	}
	defer conn.Close(context.Background())
	for _, ch := range channels {
		if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{ch}.Sanitize()); err != nil {
			return fmt.Errorf("store: listen on %s: %w", ch, err)
		}
	}
	ready()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return fmt.Errorf("store: listen on %s: %w", strings.Join(channels, ", "), err)
		}
		notified(n.Channel, n.Payload)
	}
}
