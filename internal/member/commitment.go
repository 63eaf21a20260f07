package member

import (
	"context"

	"github.com/google/uuid"
)

// CommitmentStore is what the commitments need from persistence.
type CommitmentStore interface {
	// CountCommitments counts the commitments of a member, of every year.
	CountCommitments(ctx context.Context, memberID uuid.UUID) (int, error)
}
