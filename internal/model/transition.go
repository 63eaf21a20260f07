package model

import (
	"slices"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/workflow"
)

// Action is something a caller may do to a model.
type Action string

// The actions on a model, as listed in allowed_actions (publish and unpublish are operations of
// the portal and are not listed).
const (
	ActUpdate   Action = "update"
	ActDelete   Action = "delete"
	ActRegister Action = "register"
	ActApprove  Action = "approve"
	ActReturn   Action = "return"
	ActStart    Action = "start"
	ActComplete Action = "complete"
	ActRetire   Action = "retire"
	ActEvaluate Action = "evaluate"
	// ActAppraise is the level above's evaluation of a model's quality (a reviewer evaluation).
	ActAppraise  Action = "appraise"
	ActCarryOver Action = "carry_over"
	ActReplicate Action = "replicate"
	ActPublish   Action = "publish"
	ActUnpublish Action = "unpublish"
)

// allStatuses is every state of a model.
func allStatuses() []Status {
	return []Status{Draft, Registered, Approved, Returned, InProgress, Completed, Retired}
}

// transitions is the models' workflow: which action starts from which states, leads to which
// state, and who may do it. Only drafts can be deleted, and nothing returns to draft, so what
// was once registered is always kept.
var transitions = workflow.Table[Model, Status, Action]{
	Actions: []Action{ActUpdate, ActDelete, ActRegister, ActApprove, ActReturn, ActStart, ActComplete, ActRetire,
		ActEvaluate, ActAppraise, ActCarryOver, ActReplicate},
	Rules: map[Action]workflow.Rule[Model, Status]{
		ActUpdate:   {From: []Status{Draft, Returned}, Who: owner},
		ActDelete:   {From: []Status{Draft}, Who: owner},
		ActRegister: {From: []Status{Draft, Returned}, To: Registered, Who: owner},
		ActApprove:  {From: []Status{Registered}, To: Approved, Who: decider, Refusal: ownRegistration},
		ActReturn:   {From: []Status{Registered}, To: Returned, Who: decider, Refusal: ownRegistration},
		ActStart:    {From: []Status{Approved}, To: InProgress, Who: owner},
		ActComplete: {From: []Status{InProgress}, To: Completed, Who: owner},
		ActRetire:   {From: []Status{Approved, InProgress}, To: Retired, Who: ownerOrReviewer},
		ActEvaluate: {From: []Status{InProgress}, Who: ownerOrReviewer},
		// The level above surveys what is carried out or done; the unit's own officers evaluate
		// themselves (evaluate), never as reviewers.
		ActAppraise:  {From: []Status{InProgress, Completed}, Who: appraiser},
		ActCarryOver: {From: []Status{Approved, InProgress, Completed}, Who: owner},
		ActReplicate: {From: []Status{Approved, InProgress, Completed},
			Who: func(p *access.Principal, m Model) bool {
				return p.CanRead(m.UnitPath) && p.HoldsAny(access.ReplicateModel)
			}},
		// Publishing: an officer over the model's unit (the approver), once approved and while
		// it is not retired; withdrawing whenever published.
		ActPublish: {From: publicStates(), When: func(m Model) bool { return m.PublishedAt == nil }, Who: publisher,
			Conflict: func(Model) error {
				return apperr.New(apperr.Conflict, "not_publishable", "Only what is approved or in force can be published.")
			}},
		ActUnpublish: {From: allStatuses(), When: func(m Model) bool { return m.PublishedAt != nil }, Who: publisher},
	},
	State: func(m Model) Status { return m.Status },
}

// owner reports owner rights: a drafter held at the model's own unit.
func owner(p *access.Principal, m Model) bool { return p.HoldsAt(access.ManageModel, m.UnitPath) }

// reviewer reports reviewer rights: an officer of the unit directly above the model's, to which
// it was registered (administrators for a bloc's models).
func reviewer(p *access.Principal, m Model) bool {
	return p.HoldsAt(access.ReviewModel, access.ParentPath(m.UnitPath))
}

// decider reports who approves or returns m: its reviewer, never whoever registered it.
func decider(p *access.Principal, m Model) bool {
	return reviewer(p, m) && !(m.RegisteredBy != nil && p != nil && *m.RegisteredBy == p.ID)
}

// ownRegistration names the refusal of a reviewer deciding on what it registered itself.
func ownRegistration(p *access.Principal, m Model) error {
	if reviewer(p, m) {
		return apperr.New(apperr.Forbidden, "own_submission", "Nobody reviews what they registered themselves.")
	}
	return nil
}

// appraiser reports who records a reviewer evaluation of m: an officer of any unit above the
// model's (the bloc's propaganda office as well as the committee directly above).
func appraiser(p *access.Principal, m Model) bool {
	parent := access.ParentPath(m.UnitPath)
	return parent != "" && p.Can(access.ReviewModel, parent)
}

func ownerOrReviewer(p *access.Principal, m Model) bool { return owner(p, m) || reviewer(p, m) }

// publisher reports who publishes m to the portal: an officer whose subtree holds it.
func publisher(p *access.Principal, m Model) bool { return p.Can(access.PublishContent, m.UnitPath) }

// from lists the states an action may start from.
func from(a Action) []Status { return transitions.Rules[a].From }

// publishable reports whether m's state may be public at all.
func (m Model) publishable() bool { return slices.Contains(publicStates(), m.Status) }

// AllowedActions lists what the principal may do to m now.
func AllowedActions(p *access.Principal, m Model) []string { return transitions.Allowed(p, m) }
