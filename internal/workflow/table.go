// Package workflow is the one engine behind every record that moves through states: models,
// nominations, reports, standards, and the domains after them. A domain declares its workflow
// as a Table (which action starts from which states, leads to which state, and who may do it)
// and its persistence as a Flow; the engine runs every change in the same order — load for
// update, rights (403), If-Match (412), state (409), guard, mutate, save, audit — so no domain
// writes that skeleton again, and allowed_actions is read off the same table that refuses.
package workflow

import (
	"slices"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

// Rule is one action of a workflow.
type Rule[T any, S ~string] struct {
	// From lists the states the action may start from.
	From []S
	// To is the state the action leads to; the zero state leaves the state as it is (edits,
	// notes, evaluations).
	To S
	// When, if set, narrows From by what else the record holds (published or not, the kind of
	// subject…): false answers 409 like a wrong state.
	When func(rec T) bool
	// Who says whether the principal holds the rights the action needs on this record.
	Who func(p *access.Principal, rec T) bool
	// Refusal, if set, names a specific 403 when Who says no (for example own_submission for a
	// reviewer of their own submission); nil or a nil answer falls back to the Table's Refusal,
	// then to the generic forbidden.
	Refusal func(p *access.Principal, rec T) error
	// Conflict, if set, names a specific 409 when the state (or When) does not allow the action
	// (not_publishable, consultation_closed…); nil or a nil answer gives invalid_transition.
	Conflict func(rec T) error
	// Guarded, if set, tells from the record alone whether the Flow's Guard would let the action
	// through (a report's round still open): Allowed leaves the action out when it says no, but
	// Check does not refuse on it — the Guard does, under its locks, with its own problem.
	Guarded func(rec T) bool
}

// Table is a domain's workflow: its actions in the order allowed_actions lists them, and the
// rule of each.
type Table[T any, S ~string, A ~string] struct {
	// Actions is every action listed in allowed_actions, in the order clients see them. Rules
	// may hold more: actions a record's representation does not offer (publishing a model is an
	// operation of the portal's tag; the model's allowed_actions never listed it).
	Actions []A
	// Rules holds the rule of each action.
	Rules map[A]Rule[T, S]
	// State reads the record's state.
	State func(rec T) S
	// Refusal, if set, names a specific 403 for any action whose rule has none to give.
	Refusal func(p *access.Principal, rec T) error
}

// Has reports whether a is an action of the table.
func (t Table[T, S, A]) Has(a A) bool {
	_, ok := t.Rules[a]
	return ok
}

// To is the state action a leads to (the zero state when it keeps the state).
func (t Table[T, S, A]) To(a A) S { return t.Rules[a].To }

// StateAllows reports whether rec's state (and its other conditions) allow a.
func (t Table[T, S, A]) StateAllows(rec T, a A) bool {
	r, ok := t.Rules[a]
	if !ok || !slices.Contains(r.From, t.State(rec)) {
		return false
	}
	return r.When == nil || r.When(rec)
}

// Permits reports whether p holds the rights a needs on rec, whatever its state.
func (t Table[T, S, A]) Permits(p *access.Principal, rec T, a A) bool {
	r, ok := t.Rules[a]
	return ok && r.Who != nil && r.Who(p, rec)
}

// Can reports whether p may do a on rec now: the rights and the state both allow it (and the
// rule's Guarded, as far as the record tells).
func (t Table[T, S, A]) Can(p *access.Principal, rec T, a A) bool {
	if g := t.Rules[a].Guarded; g != nil && !g(rec) {
		return false
	}
	return t.StateAllows(rec, a) && t.Permits(p, rec, a)
}

// Allowed lists what p may do to rec now, for the allowed_actions of a response.
func (t Table[T, S, A]) Allowed(p *access.Principal, rec T) []string {
	out := []string{}
	for _, a := range t.Actions {
		if t.Can(p, rec, a) {
			out = append(out, string(a))
		}
	}
	return out
}

// Check applies, in this order, the rights (403), the If-Match version (412) and the state
// (409) for action a on rec at version. The order matters to clients: someone who may not act
// learns nothing about versions or states, and a stale caller reloads before being told the
// state moved on.
func (t Table[T, S, A]) Check(p *access.Principal, rec T, version int64, a A, ifMatch *int64) error {
	r, ok := t.Rules[a]
	if !ok {
		return apperr.New(apperr.Invalid, "unknown_action", "Unknown action.")
	}
	if r.Who == nil || !r.Who(p, rec) {
		for _, refusal := range []func(*access.Principal, T) error{r.Refusal, t.Refusal} {
			if refusal != nil {
				if err := refusal(p, rec); err != nil {
					return err
				}
			}
		}
		return apperr.ErrForbidden
	}
	if ifMatch != nil && *ifMatch != version {
		return apperr.ErrStale
	}
	if !t.StateAllows(rec, a) {
		if r.Conflict != nil {
			if err := r.Conflict(rec); err != nil {
				return err
			}
		}
		return apperr.InvalidTransition(string(t.State(rec)), string(a))
	}
	return nil
}
