package standard

import (
	"time"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/vntime"
	"lamtheobac/internal/workflow"
)

// Action is something a caller may do to a standard.
type Action string

// The actions on a standard, as listed in allowed_actions (publish and unpublish are operations
// of the portal and are not listed).
const (
	ActUpdate           Action = "update"
	ActDelete           Action = "delete"
	ActOpenConsultation Action = "open_consultation"
	ActReturnToDraft    Action = "return_to_draft"
	ActIssue            Action = "issue"
	ActWithdraw         Action = "withdraw"
	ActComment          Action = "comment"
	ActPost             Action = "post"
	ActPublish          Action = "publish"
	ActUnpublish        Action = "unpublish"
)

// allStatuses is every state of a standard.
func allStatuses() []Status { return []Status{Draft, Consultation, Issued, Superseded, Withdrawn} }

// transitions is the standards' workflow at instant now (comments need the consultation still
// open): which action starts from which states, leads to which state, and who may do it — the
// unit's own drafters for everything but commenting, which is open to everyone of the unit's
// read scope but portals, and publishing, which is the officers' over the unit.
func transitions(now time.Time) workflow.Table[Standard, Status, Action] {
	return workflow.Table[Standard, Status, Action]{
		Actions: []Action{ActUpdate, ActDelete, ActOpenConsultation, ActReturnToDraft, ActIssue, ActWithdraw, ActComment, ActPost},
		Rules: map[Action]workflow.Rule[Standard, Status]{
			ActUpdate: {From: []Status{Draft}, Who: owner},
			// Only a draft that never left draft is deleted: one that was put to consultation
			// (and so has a closing date) is kept for the record with its comments.
			ActDelete:           {From: []Status{Draft}, When: func(s Standard) bool { return s.ConsultationClosesOn == nil }, Who: owner},
			ActOpenConsultation: {From: []Status{Draft}, To: Consultation, Who: owner},
			ActReturnToDraft:    {From: []Status{Consultation}, To: Draft, Who: owner},
			ActIssue:            {From: []Status{Consultation}, To: Issued, Who: owner},
			ActWithdraw:         {From: []Status{Issued}, To: Withdrawn, Who: owner},
			ActComment: {From: []Status{Consultation}, Who: commenter,
				When: func(s Standard) bool {
					return s.ConsultationClosesOn == nil || !vntime.Passed(*s.ConsultationClosesOn, now)
				},
				Conflict: func(Standard) error {
					return apperr.New(apperr.Conflict, "consultation_closed", "The standard is not open for comments.")
				}},
			ActPost: {From: []Status{Issued}, Who: owner},
			ActPublish: {From: []Status{Issued}, When: func(s Standard) bool { return s.PublishedAt == nil }, Who: publisher,
				Conflict: func(Standard) error {
					return apperr.New(apperr.Conflict, "not_publishable", "Only what is approved or in force can be published.")
				}},
			ActUnpublish: {From: allStatuses(), When: func(s Standard) bool { return s.PublishedAt != nil }, Who: publisher},
		},
		State: func(s Standard) Status { return s.Status },
	}
}

// owner: the drafters of the standard's own unit.
func owner(p *access.Principal, s Standard) bool { return p.HoldsAt(access.ManageStandard, s.UnitPath) }

// commenter: anyone who reads the unit, but portal clients.
func commenter(p *access.Principal, s Standard) bool {
	return p.CanRead(s.UnitPath) && !p.OnlyHolds(access.Portal)
}

// publisher: an officer whose subtree holds the standard (the approver of its publication).
func publisher(p *access.Principal, s Standard) bool { return p.Can(access.PublishContent, s.UnitPath) }

// AllowedActions lists what the principal may do to s now.
func AllowedActions(p *access.Principal, s Standard, now time.Time) []string {
	return transitions(now).Allowed(p, s)
}
