package standard

import (
	"slices"
	"time"

	"lamtheobac/internal/access"
	"lamtheobac/internal/vntime"
)

// Action is something a caller may do to a standard.
type Action string

// The actions on a standard, as listed in allowed_actions.
const (
	ActUpdate           Action = "update"
	ActDelete           Action = "delete"
	ActOpenConsultation Action = "open_consultation"
	ActReturnToDraft    Action = "return_to_draft"
	ActIssue            Action = "issue"
	ActWithdraw         Action = "withdraw"
	ActComment          Action = "comment"
	ActPost             Action = "post"
)

// allActions in the order allowed_actions lists them.
func allActions() []Action {
	return []Action{ActUpdate, ActDelete, ActOpenConsultation, ActReturnToDraft, ActIssue, ActWithdraw, ActComment, ActPost}
}

// from is the transition table: the states each action may start from.
func from(a Action) []Status {
	switch a {
	case ActUpdate, ActDelete, ActOpenConsultation:
		return []Status{Draft}
	case ActReturnToDraft, ActIssue, ActComment:
		return []Status{Consultation}
	case ActWithdraw, ActPost:
		return []Status{Issued}
	}
	return nil
}

// stateAllows reports whether the standard's state allows a, at instant now (comments also
// need the consultation to be still open).
func (s Standard) stateAllows(a Action, now time.Time) bool {
	if !slices.Contains(from(a), s.Status) {
		return false
	}
	if a == ActComment && s.ConsultationClosesOn != nil && vntime.Passed(*s.ConsultationClosesOn, now) {
		return false
	}
	// Only a draft that never left draft is deleted: one that was put to consultation (and so
	// has a closing date) is kept for the record with its comments.
	if a == ActDelete && s.ConsultationClosesOn != nil {
		return false
	}
	return true
}

// permits reports whether the principal holds the rights a needs on s: the unit's own drafters
// for everything but commenting, which is open to everyone of the unit's read scope but portals.
func permits(p *access.Principal, s Standard, a Action) bool {
	if a == ActComment {
		return p.CanRead(s.UnitPath) && !p.OnlyHolds(access.Portal)
	}
	return p.HoldsAt(access.ManageStandard, s.UnitPath)
}

// AllowedActions lists what the principal may do to s now.
func AllowedActions(p *access.Principal, s Standard, now time.Time) []string {
	out := []string{}
	for _, a := range allActions() {
		if s.stateAllows(a, now) && permits(p, s, a) {
			out = append(out, string(a))
		}
	}
	return out
}
