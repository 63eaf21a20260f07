package nomination

import (
	"slices"

	"lamtheobac/internal/access"
)

// Action is something a caller may do to a nomination.
type Action string

// The actions, as listed in allowed_actions.
const (
	ActUpdate    Action = "update"
	ActDelete    Action = "delete"
	ActSubmit    Action = "submit"
	ActEndorse   Action = "endorse"
	ActReturn    Action = "return"
	ActReject    Action = "reject"
	ActCommend   Action = "commend"
	ActHonor     Action = "honor"
	ActConsent   Action = "consent"
	ActMentor    Action = "set_mentor"
	ActAddNote   Action = "add_note"
	ActPublish   Action = "publish"
	ActUnpublish Action = "unpublish"
)

func allActions() []Action {
	return []Action{ActUpdate, ActDelete, ActSubmit, ActEndorse, ActReturn, ActReject, ActCommend, ActHonor, ActConsent,
		ActMentor, ActAddNote, ActPublish, ActUnpublish}
}

// live are the states in which a nomination is still being nurtured and decided.
func live() []Status { return []Status{Draft, Submitted, Endorsed, Returned, Commended} }

// from is the transition table: the states each action may start from.
func from(a Action) []Status {
	switch a {
	case ActUpdate, ActSubmit:
		return []Status{Draft, Returned}
	case ActDelete:
		return []Status{Draft}
	case ActEndorse, ActReturn, ActReject, ActCommend:
		return []Status{Submitted, Endorsed}
	case ActHonor:
		return []Status{Commended}
	case ActConsent, ActMentor, ActAddNote:
		return append(live(), Honored)
	case ActPublish, ActUnpublish:
		return []Status{Honored}
	}
	return nil
}

// to is the state an action leads to ("" when the state stays).
func to(a Action) Status {
	switch a {
	case ActSubmit:
		return Submitted
	case ActEndorse:
		return Endorsed
	case ActReturn:
		return Returned
	case ActReject:
		return Rejected
	case ActCommend:
		return Commended
	case ActHonor:
		return Honored
	}
	return ""
}

// stateAllows reports whether n's state allows a.
func (n Nomination) stateAllows(a Action) bool {
	if !slices.Contains(from(a), n.Status) {
		return false
	}
	switch a {
	case ActPublish:
		return n.PublishedAt == nil
	case ActUnpublish:
		return n.PublishedAt != nil
	case ActConsent:
		return n.Subject.Kind == Individual
	case ActEndorse: // at the root of the tree (a bloc, or the province above) nobody is further up
		return !(n.Status == Endorsed && access.ParentPath(n.HolderPath) == "")
	}
	return true
}

// owner: the drafters of the nominating unit.
func owner(p *access.Principal, n Nomination) bool {
	return p.Owns(access.ManageNomination, n.UnitPath)
}

// decider: the officers of the unit holding the nomination now (one level at a time: officers
// further up wait until it is forwarded to them); never whoever submitted it.
func decider(p *access.Principal, n Nomination) bool {
	return p.HoldsAt(access.ReviewNomination, n.HolderPath) && !(n.SubmittedBy != nil && p != nil && *n.SubmittedBy == p.ID)
}

// overseer: the officers above the nominating unit (they assign mentors, follow progress).
func overseer(p *access.Principal, n Nomination) bool {
	return p.Can(access.ReviewNomination, access.ParentPath(n.UnitPath))
}

// permits reports whether the principal holds the rights a needs on n.
func permits(p *access.Principal, n Nomination, a Action) bool {
	switch a {
	case ActEndorse, ActReturn, ActReject, ActCommend, ActHonor:
		return decider(p, n)
	case ActConsent:
		return owner(p, n) || decider(p, n)
	case ActMentor:
		return owner(p, n) || overseer(p, n)
	case ActAddNote:
		return owner(p, n) || overseer(p, n) || isMentor(p, n)
	case ActPublish, ActUnpublish:
		return p.HoldsAt(access.PublishContent, n.HolderPath)
	}
	return owner(p, n)
}

func isMentor(p *access.Principal, n Nomination) bool {
	return p != nil && n.Mentor != nil && n.Mentor.UserID != nil && *n.Mentor.UserID == p.ID
}

// AllowedActions lists what the principal may do to n now.
func AllowedActions(p *access.Principal, n Nomination) []string {
	out := []string{}
	for _, a := range allActions() {
		if n.stateAllows(a) && permits(p, n, a) {
			out = append(out, string(a))
		}
	}
	return out
}
