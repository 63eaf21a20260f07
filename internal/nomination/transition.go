package nomination

import (
	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/workflow"
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

// live are the states in which a nomination is still being nurtured and decided.
func live() []Status { return []Status{Draft, Submitted, Endorsed, Returned, Commended} }

// followed are the states in which the nominee is still followed: live, or honored.
func followed() []Status { return append(live(), Honored) }

// deciding are the states in which the unit holding the nomination decides on it.
func deciding() []Status { return []Status{Submitted, Endorsed} }

// transitions is the nominations' workflow, one level at a time: which action starts from which
// states, leads to which state, and who may do it.
var transitions = workflow.Table[Nomination, Status, Action]{
	Actions: []Action{ActUpdate, ActDelete, ActSubmit, ActEndorse, ActReturn, ActReject, ActCommend, ActHonor, ActConsent,
		ActMentor, ActAddNote, ActPublish, ActUnpublish},
	Rules: map[Action]workflow.Rule[Nomination, Status]{
		ActUpdate: {From: []Status{Draft, Returned}, Who: owner},
		// Deleting is the drafters' alone (the generic refusal) and only of what never went up.
		ActDelete: {From: []Status{Draft}, When: func(n Nomination) bool { return n.SubmittedAt == nil }, Who: owner,
			Refusal: func(*access.Principal, Nomination) error { return apperr.ErrForbidden }},
		ActSubmit: {From: []Status{Draft, Returned}, To: Submitted, Who: owner},
		// At the root of the tree (a bloc, or the province above) nobody is further up.
		ActEndorse: {From: deciding(), To: Endorsed, Who: decider,
			When: func(n Nomination) bool { return !(n.Status == Endorsed && access.ParentPath(n.HolderPath) == "") }},
		ActReturn:  {From: deciding(), To: Returned, Who: decider},
		ActReject:  {From: deciding(), To: Rejected, Who: decider},
		ActCommend: {From: deciding(), To: Commended, Who: decider},
		ActHonor:   {From: []Status{Commended}, To: Honored, Who: decider},
		ActConsent: {From: followed(), When: func(n Nomination) bool { return n.Subject.Kind == Individual },
			Who: func(p *access.Principal, n Nomination) bool { return owner(p, n) || decider(p, n) }},
		ActMentor: {From: followed(), Who: func(p *access.Principal, n Nomination) bool { return owner(p, n) || overseer(p, n) }},
		ActAddNote: {From: followed(),
			Who: func(p *access.Principal, n Nomination) bool { return owner(p, n) || overseer(p, n) || isMentor(p, n) }},
		ActPublish:   {From: []Status{Honored}, When: func(n Nomination) bool { return n.PublishedAt == nil }, Who: publisher},
		ActUnpublish: {From: []Status{Honored}, When: func(n Nomination) bool { return n.PublishedAt != nil }, Who: publisher},
	},
	State:   func(n Nomination) Status { return n.Status },
	Refusal: ownSubmission,
}

// owner: the drafters of the nominating unit.
func owner(p *access.Principal, n Nomination) bool {
	return p.HoldsAt(access.ManageNomination, n.UnitPath)
}

// decider: the officers of the unit holding the nomination now (one level at a time: officers
// further up wait until it is forwarded to them); never whoever submitted it.
func decider(p *access.Principal, n Nomination) bool {
	return p.HoldsAt(access.ReviewNomination, n.HolderPath) && !(n.SubmittedBy != nil && p != nil && *n.SubmittedBy == p.ID)
}

// ownSubmission names the refusal of an officer of the holding unit acting on what it submitted.
func ownSubmission(p *access.Principal, n Nomination) error {
	if p.HoldsAt(access.ReviewNomination, n.HolderPath) && n.SubmittedBy != nil && *n.SubmittedBy == p.ID {
		return apperr.New(apperr.Forbidden, "own_submission", "Nobody reviews what they submitted themselves.")
	}
	return nil
}

// overseer: the officers above the nominating unit (they assign mentors, follow progress).
func overseer(p *access.Principal, n Nomination) bool {
	return p.Can(access.ReviewNomination, access.ParentPath(n.UnitPath))
}

// publisher: the officers of the unit holding the nomination (the approvers of its publication).
func publisher(p *access.Principal, n Nomination) bool {
	return p.HoldsAt(access.PublishContent, n.HolderPath)
}

func isMentor(p *access.Principal, n Nomination) bool {
	return p != nil && n.Mentor != nil && n.Mentor.UserID != nil && *n.Mentor.UserID == p.ID
}

// from lists the states an action may start from.
func from(a Action) []Status { return transitions.Rules[a].From }

// AllowedActions lists what the principal may do to n now.
func AllowedActions(p *access.Principal, n Nomination) []string { return transitions.Allowed(p, n) }
