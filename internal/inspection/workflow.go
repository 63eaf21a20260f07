package inspection

import (
	"slices"
	"strings"
	"time"

	"lamtheobac/internal/access"
	"lamtheobac/internal/vntime"
	"lamtheobac/internal/workflow"
)

// PlanAction is something a caller may do to a plan.
type PlanAction string

// The actions on a plan, in the order allowed_actions lists them.
const (
	ActUpdate     PlanAction = "update"
	ActDelete     PlanAction = "delete"
	ActApprove    PlanAction = "approve"
	ActStart      PlanAction = "start"
	ActConclude   PlanAction = "conclude"
	ActAddFinding PlanAction = "add_finding"
)

// drafter holds the owning unit's ManageInspection at the unit itself (its officers and
// inspectors; admins).
func drafter(p *access.Principal, pl Plan) bool {
	return p.HoldsAt(access.ManageInspection, pl.UnitPath)
}

// approver holds the owning unit's ApproveInspection at the unit itself (its officers).
func approver(p *access.Principal, pl Plan) bool {
	return p.HoldsAt(access.ApproveInspection, pl.UnitPath)
}

// onTeam reports whether p is named on the plan's team and still holds the owning unit's
// ManageInspection (a team member whose role was revoked writes nothing more); admins count as
// members of every team.
func onTeam(p *access.Principal, pl Plan) bool {
	return drafter(p, pl) && (p.IsAdmin() || slices.Contains(pl.Team, p.ID))
}

// PlanTable is the plan's workflow: draft → approved → in_progress → concluded.
var PlanTable = workflow.Table[Plan, PlanStatus, PlanAction]{
	Actions: []PlanAction{ActUpdate, ActDelete, ActApprove, ActStart, ActConclude, ActAddFinding},
	Rules: map[PlanAction]workflow.Rule[Plan, PlanStatus]{
		ActUpdate:     {From: []PlanStatus{Draft}, Who: drafter},
		ActDelete:     {From: []PlanStatus{Draft}, Who: drafter},
		ActApprove:    {From: []PlanStatus{Draft}, To: Approved, Who: approver},
		ActStart:      {From: []PlanStatus{Approved}, To: InProgress, Who: func(p *access.Principal, pl Plan) bool { return onTeam(p, pl) || approver(p, pl) }},
		ActConclude:   {From: []PlanStatus{InProgress}, To: Concluded, Who: func(p *access.Principal, pl Plan) bool { return onTeam(p, pl) || approver(p, pl) }},
		ActAddFinding: {From: []PlanStatus{InProgress}, Who: onTeam},
	},
	State: func(pl Plan) PlanStatus { return pl.Status },
}

// RecAction is something a caller may do to a recommendation.
type RecAction string

// The actions on a recommendation, in the order allowed_actions lists them.
const (
	ActAnswer RecAction = "answer"
	ActClose  RecAction = "close"
	ActReopen RecAction = "reopen"
)

// follower holds ManageInspection at the inspecting unit itself: its officers and inspectors
// close and reopen what their plans recommended.
func follower(p *access.Principal, r Recommendation) bool {
	return p.HoldsAt(access.ManageInspection, r.PlanUnitPath)
}

// RecTable is the recommendation's follow-up: open → answered → closed, reopened from answered
// (an answer that does not satisfy) or closed (the problem came back).
var RecTable = workflow.Table[Recommendation, RecStatus, RecAction]{
	Actions: []RecAction{ActAnswer, ActClose, ActReopen},
	Rules: map[RecAction]workflow.Rule[Recommendation, RecStatus]{
		ActAnswer: {From: []RecStatus{Open}, To: Answered, When: func(r Recommendation) bool { return r.PlanStatus == Concluded },
			Who: func(p *access.Principal, r Recommendation) bool {
				return p.HoldsAt(access.AnswerRecommendation, r.ResponsibleUnitPath)
			}},
		ActClose:  {From: []RecStatus{Answered}, To: Closed, Who: follower},
		ActReopen: {From: []RecStatus{Answered, Closed}, To: Open, Who: follower},
	},
	State: func(r Recommendation) RecStatus { return r.Status },
}

// Overdue reports whether r is past its deadline (end of day in Asia/Ho_Chi_Minh) and not closed.
func (r Recommendation) Overdue(now time.Time) bool {
	return r.Status != Closed && vntime.Passed(r.DueOn, now)
}

// readsAt reports whether p reads inspections at the unit at path (a role over it granting
// ReadInspection: not members, not portal clients).
func readsAt(p *access.Principal, path string) bool { return p.Can(access.ReadInspection, path) }

// readsUnder reports whether p reads inspections at the unit at path or at a unit below it
// (a cell secretary under an inspected committee).
func readsUnder(p *access.Principal, path string) bool {
	if readsAt(p, path) {
		return true
	}
	if p == nil {
		return false
	}
	for _, a := range p.Roles {
		if a.UnitPath != "" && strings.HasPrefix(a.UnitPath, path) && readsAt(p, a.UnitPath) {
			return true
		}
	}
	return false
}

// inspecting reports whether p reads the plan from the inspecting side: over its owning unit.
func inspecting(p *access.Principal, pl Plan) bool { return readsAt(p, pl.UnitPath) }

// planVisible reports whether p may read the plan: the inspecting side always; the readers of
// an inspected unit (or of a unit below one) once approved — they are told they are inspected.
func planVisible(p *access.Principal, pl Plan) bool {
	if inspecting(p, pl) {
		return true
	}
	if pl.Status == Draft {
		return false
	}
	return slices.ContainsFunc(pl.Units, func(u InspectedUnit) bool { return readsUnder(p, u.Path) })
}

// findingVisible reports whether p may read a finding on the unit at path of plan pl: the
// inspecting side always, the inspected side once the plan is concluded and only over the
// finding's unit.
func findingVisible(p *access.Principal, pl Plan, path string) bool {
	return inspecting(p, pl) || (pl.Status == Concluded && readsAt(p, path))
}

// recVisible reports whether p may read r: as its finding, or as the responsible unit.
func recVisible(p *access.Principal, r Recommendation) bool {
	if readsAt(p, r.PlanUnitPath) {
		return true
	}
	return r.PlanStatus == Concluded && (readsAt(p, r.FindingUnitPath) || readsAt(p, r.ResponsibleUnitPath))
}
