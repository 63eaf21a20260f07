package workflow

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
)

// Flow binds a Table to the storage of its records. Every field is required but Guard and Saved
// (optional hooks) and Delete (needed only by Remove).
type Flow[T any, S ~string, A ~string] struct {
	Table[T, S, A]
	// Kind names the record in audit actions ("model" → "model.approve") and in wrapped errors.
	Kind string
	// InTx runs fn in one transaction: a change is loaded, checked, saved and audited at once.
	InTx func(ctx context.Context, fn func(ctx context.Context) error) error
	// Load returns the record as the caller in ctx may read it (apperr.ErrNotFound outside its
	// read scope), locked for update when forUpdate.
	Load func(ctx context.Context, id uuid.UUID, forUpdate bool) (T, error)
	// Version reads the record's optimistic-lock version (what If-Match names).
	Version func(rec T) int64
	// SetState moves the record to state.
	SetState func(rec *T, state S)
	// Save writes after if the stored version is still before's (apperr.ErrStale otherwise),
	// and returns the record as saved (version moved on, updated_at set).
	Save func(ctx context.Context, before, after T) (T, error)
	// Delete removes the record (for Remove).
	Delete func(ctx context.Context, rec T) error
	// Audit records action (Kind + "." + the action) with the record before and after (after is
	// nil for a removal).
	Audit func(ctx context.Context, action string, before T, after *T) error
	// Guard, if set, runs after the checks and before the mutation, inside the transaction:
	// conditions that need other rows locked (a round still open…). It answers a problem.
	Guard func(ctx context.Context, rec T, a A) error
	// Saved, if set, runs after a change is saved and before it is audited, inside the
	// transaction: what a domain records beside the audit (a nomination's decision history).
	Saved func(ctx context.Context, a A, before, after T) error
}

// Mutation changes a record during a transition, after the engine has checked it and before it
// moves the state and saves. It may read and write other rows through ctx's transaction.
type Mutation[T any] func(ctx context.Context, rec *T) error

// Change runs action a on the record id for the caller in ctx: load for update, check rights,
// If-Match and state, guard, mutate, move to the rule's state, save, audit — all in one
// transaction. mutate may be nil (a bare transition).
func (f Flow[T, S, A]) Change(ctx context.Context, id uuid.UUID, ifMatch *int64, a A, mutate Mutation[T]) (T, error) {
	var out T
	err := f.InTx(ctx, func(ctx context.Context) error {
		before, err := f.Checked(ctx, id, ifMatch, a)
		if err != nil {
			return err
		}
		after := before
		if mutate != nil {
			if err := mutate(ctx, &after); err != nil {
				return err
			}
		}
		if to := f.To(a); to != "" {
			f.SetState(&after, to)
		}
		saved, err := f.Save(ctx, before, after)
		if err != nil {
			return fmt.Errorf("workflow: save %s after %s: %w", f.Kind, a, err)
		}
		out = saved
		if f.Saved != nil {
			if err := f.Saved(ctx, a, before, saved); err != nil {
				return err
			}
		}
		return f.Audit(ctx, f.Kind+"."+string(a), before, &saved)
	})
	return out, err
}

// Remove runs action a as a removal of the record id: the same checks as Change, then Delete
// and an audit record with nothing after.
func (f Flow[T, S, A]) Remove(ctx context.Context, id uuid.UUID, ifMatch *int64, a A) error {
	return f.InTx(ctx, func(ctx context.Context) error {
		rec, err := f.Checked(ctx, id, ifMatch, a)
		if err != nil {
			return err
		}
		if err := f.Delete(ctx, rec); err != nil {
			return fmt.Errorf("workflow: delete %s: %w", f.Kind, err)
		}
		return f.Audit(ctx, f.Kind+"."+string(a), rec, nil)
	})
}

// Checked loads the record for update and applies Check and Guard, as Change does, without
// changing the record: for actions that write other records under its lock (an evaluation of a
// model, a comment on a standard). Call it inside InTx.
func (f Flow[T, S, A]) Checked(ctx context.Context, id uuid.UUID, ifMatch *int64, a A) (T, error) {
	rec, err := f.Load(ctx, id, true)
	if err != nil {
		return rec, err
	}
	if err := f.Check(access.FromContext(ctx), rec, f.Version(rec), a, ifMatch); err != nil {
		return rec, err
	}
	if f.Guard != nil {
		if err := f.Guard(ctx, rec, a); err != nil {
			return rec, err
		}
	}
	return rec, nil
}

// AllowedIn lists what the caller in ctx may do to rec now.
func (f Flow[T, S, A]) AllowedIn(ctx context.Context, rec T) []string {
	return f.Allowed(access.FromContext(ctx), rec)
}
