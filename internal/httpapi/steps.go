package httpapi

import "context"

// step runs the workflow action of a handler: it reads the version If-Match names (a tag that
// can never match is a 412), runs the action with it, and makes the operation's answer from the
// record the action returns. Every handler of a workflow action (update, submit, approve…) of
// every domain goes through it; the rights, the version and the state are the domain's
// transition table's to check (internal/workflow).
func step[T, R any](ctx context.Context, ifMatch *string, act func(v *int64) (T, error), answer func(context.Context, T) (R, error)) (R, error) {
	var none R
	v, err := ifMatchVersion(ifMatch)
	if err != nil {
		return none, err
	}
	rec, err := act(v)
	if err != nil {
		return none, err
	}
	return answer(ctx, rec)
}

// infallible adapts an answer that cannot fail to step.
func infallible[T, R any](one func(context.Context, T) R) func(context.Context, T) (R, error) {
	return func(ctx context.Context, rec T) (R, error) { return one(ctx, rec), nil }
}

// removal is step for an action that deletes its record: nothing is left to answer with.
func removal(ifMatch *string, act func(v *int64) error) error {
	v, err := ifMatchVersion(ifMatch)
	if err != nil {
		return err
	}
	return act(v)
}
