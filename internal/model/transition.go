package model

import (
	"slices"

	"lamtheobac/internal/access"
)

// Action is something a caller may do to a model.
type Action string

// The actions on a model, as listed in allowed_actions.
const (
	ActUpdate    Action = "update"
	ActDelete    Action = "delete"
	ActRegister  Action = "register"
	ActApprove   Action = "approve"
	ActReturn    Action = "return"
	ActStart     Action = "start"
	ActComplete  Action = "complete"
	ActRetire    Action = "retire"
	ActEvaluate  Action = "evaluate"
	ActCarryOver Action = "carry_over"
	ActReplicate Action = "replicate"
)

func allActions() []Action {
	return []Action{ActUpdate, ActDelete, ActRegister, ActApprove, ActReturn, ActStart, ActComplete, ActRetire,
		ActEvaluate, ActCarryOver, ActReplicate}
}

// from is the transition table: the states each action may start from.
func from(a Action) []Status {
	switch a {
	case ActUpdate, ActRegister:
		return []Status{Draft, Returned}
	case ActDelete:
		return []Status{Draft}
	case ActApprove, ActReturn:
		return []Status{Registered}
	case ActStart:
		return []Status{Approved}
	case ActComplete, ActEvaluate:
		return []Status{InProgress}
	case ActRetire:
		return []Status{Approved, InProgress}
	case ActCarryOver, ActReplicate:
		return []Status{Approved, InProgress, Completed}
	}
	return nil
}

// to is the state an action leads to ("" when it does not change the model's state).
func to(a Action) Status {
	switch a {
	case ActRegister:
		return Registered
	case ActApprove:
		return Approved
	case ActReturn:
		return Returned
	case ActStart:
		return InProgress
	case ActComplete:
		return Completed
	case ActRetire:
		return Retired
	}
	return ""
}

// stateAllows reports whether m's state allows a. Only drafts can be deleted, and nothing
// returns to draft, so what was once registered is always kept.
func (m Model) stateAllows(a Action) bool { return slices.Contains(from(a), m.Status) }

// owner reports owner rights: a drafter held at the model's own unit.
func owner(p *access.Principal, m Model) bool { return p.HoldsAt(access.ManageModel, m.UnitPath) }

// reviewer reports reviewer rights: an officer of the unit directly above the model's, to which
// it was registered (administrators for a bloc's models).
func reviewer(p *access.Principal, m Model) bool {
	return p.HoldsAt(access.ReviewModel, access.ParentPath(m.UnitPath))
}

// permits reports whether the principal holds the rights a needs on m. Nobody reviews their own
// registration.
func permits(p *access.Principal, m Model, a Action) bool {
	switch a {
	case ActApprove, ActReturn:
		return reviewer(p, m) && !(m.RegisteredBy != nil && p != nil && *m.RegisteredBy == p.ID)
	case ActRetire, ActEvaluate:
		return owner(p, m) || reviewer(p, m)
	case ActReplicate:
		return p.CanRead(m.UnitPath) && p.HoldsAny(access.ReplicateModel)
	}
	return owner(p, m)
}

// AllowedActions lists what the principal may do to m now.
func AllowedActions(p *access.Principal, m Model) []string {
	out := []string{}
	for _, a := range allActions() {
		if m.stateAllows(a) && permits(p, m, a) {
			out = append(out, string(a))
		}
	}
	return out
}
