package access

import (
	"slices"
	"strings"

	"lamtheobac/internal/apperr"
)

// Action is something a principal may do on a unit (or, with an empty path, globally).
type Action string

// The actions of the foundation. Later domains add theirs to grants.
const (
	CreateBloc    Action = "create_bloc"
	CreateChild   Action = "create_child"
	UpdateUnit    Action = "update"
	DeleteUnit    Action = "delete"
	ReadUsers     Action = "read_users"
	ManageUsers   Action = "manage_users"
	ReadAudit     Action = "read_audit"
	ManageClients Action = "manage_clients"

	// ManageStandard is drafting, consulting, issuing and posting a unit's ethical standard,
	// and adopting one from above: owner rights, held at the unit itself (see HoldsAt).
	ManageStandard Action = "manage_standard"
	// ManageModel is drafting, registering, carrying out and evaluating a unit's models: owner
	// rights, held at the unit itself (see HoldsAt).
	ManageModel Action = "manage_model"
	// ReviewModel is approving or returning what child units registered: held above them.
	ReviewModel Action = "review_model"
	// ReplicateModel is creating replicas of a model in units of one's subtree.
	ReplicateModel Action = "replicate_model"
	// ManageNomination is nominating exemplars for a unit: owner rights at the unit itself.
	ManageNomination Action = "manage_nomination"
	// ReviewNomination is deciding on nominations held at one's unit or below: endorse,
	// return, reject, commend, honor.
	ReviewNomination Action = "review_nomination"
	// PublishContent is publishing to the provincial portal (the publisher is the approver).
	PublishContent Action = "publish_content"
	// ManageReportingRound is opening and closing reporting rounds for one's subtree.
	ManageReportingRound Action = "manage_reporting_round"
	// ManageReport is writing and submitting a unit's report: owner rights at the unit itself.
	ManageReport Action = "manage_report"
	// ReviewReport is accepting or returning the reports child units submitted.
	ReviewReport Action = "review_report"
	// ReadCoverage is reading which units of a subtree lack a standard, model or exemplar.
	ReadCoverage Action = "read_coverage"
	// ManageStudy is a unit's study work: issuing its topics (blocs, provinces, committees),
	// scheduling its study sessions, recording their minutes, attendance and reflections, and
	// recording its events: owner rights, held at the unit itself (see HoldsAt).
	ManageStudy Action = "manage_study"
	// WriteReflection is a member writing their own reflection (bài thu hoạch) on a session of
	// the unit where they hold their role.
	WriteReflection Action = "write_reflection"

	// ReadMembers is reading the personal data of the members of a subtree (profiles,
	// commitments, assessments): the officers above them, the cell's secretary and inspectors;
	// a member reads their own without it (internal/member).
	ReadMembers Action = "read_members"
	// ManageMembers is keeping the member profiles of a cell (add, edit, remove, import) and
	// entering a commitment on behalf of a member without an account.
	ManageMembers Action = "manage_members"
	// ReviewCommitment is accepting or returning the members' commitments and recording the
	// cell's review and proposed classification: held at the cell itself (see HoldsAt).
	ReviewCommitment Action = "review_commitment"
	// ClassifyMembers is the committee's confirmation of the members' yearly classification
	// and setting the deadline of the commitments: held at the unit above the cell.
	ClassifyMembers Action = "classify_members"
	// ReadInspection is reading inspection plans, findings and recommendations: on the
	// inspecting side over the owning unit's subtree, on the inspected side over the inspected
	// units once a plan is concluded. Members and portal clients read none (findings are never
	// public).
	ReadInspection Action = "read_inspection"
	// ManageInspection is drafting a unit's inspection plans, recording findings on a plan's
	// team, and following recommendations up (close, reopen): held at the owning unit itself,
	// the one write right inspectors have.
	ManageInspection Action = "manage_inspection"
	// ApproveInspection is approving a unit's inspection plans: its officers, at the unit itself.
	ApproveInspection Action = "approve_inspection"
	// AnswerRecommendation is answering the recommendations a unit is responsible for: its own
	// officers or cell secretary, at the unit itself.
	AnswerRecommendation Action = "answer_recommendation"
)

// grants says which roles permit an action on the units of their subtree.
// Admins may do everything everywhere.
func grants(a Action) []Role {
	switch a {
	case CreateChild, UpdateUnit, DeleteUnit, ManageClients:
		return []Role{BlocOfficer, CommitteeOfficer}
	case ReadUsers:
		return []Role{BlocOfficer, CommitteeOfficer, Inspector, CellSecretary}
	case ManageUsers:
		return []Role{BlocOfficer, CommitteeOfficer, CellSecretary}
	case ReadAudit, ReadCoverage:
		return []Role{BlocOfficer, CommitteeOfficer, Inspector}
	case ReadMembers:
		return []Role{BlocOfficer, CommitteeOfficer, CellSecretary, Inspector}
	case ManageMembers, ReviewCommitment:
		return []Role{BlocOfficer, CommitteeOfficer, CellSecretary}
	case ClassifyMembers:
		return []Role{BlocOfficer, CommitteeOfficer}
	case ManageStandard, ManageModel, ManageNomination, ManageReport, ManageStudy:
		return []Role{BlocOfficer, CommitteeOfficer, CellSecretary}
	case WriteReflection:
		return []Role{Member, CellSecretary}
	case ReviewModel, ReplicateModel, ReviewNomination, PublishContent, ManageReportingRound, ReviewReport, ApproveInspection:
		return []Role{BlocOfficer, CommitteeOfficer}
	case ReadInspection:
		return []Role{BlocOfficer, CommitteeOfficer, Inspector, CellSecretary}
	case AnswerRecommendation:
		return []Role{BlocOfficer, CommitteeOfficer, CellSecretary}
	case ManageInspection:
		return []Role{BlocOfficer, CommitteeOfficer, Inspector}
	}
	return nil // CreateBloc and unknown actions: admins only
}

// CanRead reports whether the unit at path is in the principal's read scope: its roles'
// subtrees and the ancestors of its roles' units (a cell reads what its committee issued).
func (p *Principal) CanRead(path string) bool {
	if p == nil {
		return false
	}
	for _, a := range p.Roles {
		if a.covers(path) || a.above(path) {
			return true
		}
	}
	return false
}

// Can reports whether the principal may do action on the unit at path.
func (p *Principal) Can(action Action, path string) bool {
	if p == nil {
		return false
	}
	for _, a := range p.Roles {
		if a.Role == Admin {
			return true
		}
		if path == "" || !a.covers(path) {
			continue
		}
		for _, r := range grants(action) {
			if r == a.Role {
				return true
			}
		}
	}
	return false
}

// Authorize is Can as an error: 404 outside the read scope, 403 when readable but not permitted.
func (p *Principal) Authorize(action Action, path string) error {
	if path != "" && !p.CanRead(path) {
		return apperr.ErrNotFound
	}
	if !p.Can(action, path) {
		return apperr.ErrForbidden
	}
	return nil
}

// Allowed lists the actions among candidates that the principal may do on the unit at path,
// for the allowed_actions field of responses.
func (p *Principal) Allowed(path string, candidates ...Action) []string {
	out := make([]string, 0, len(candidates))
	for _, c := range candidates {
		if p.Can(c, path) {
			out = append(out, string(c))
		}
	}
	return out
}

// CanGrant checks that the principal may grant role at the unit at path: it must manage users
// there through a role of at least the same rank, held at or above that unit.
func (p *Principal) CanGrant(role Role, path string) error {
	if p == nil {
		return apperr.ErrUnauthenticated
	}
	if role == Admin {
		if p.IsAdmin() {
			return nil
		}
		return apperr.New(apperr.Forbidden, "grant_above_own_role", "Only administrators can grant the admin role.")
	}
	if !p.CanRead(path) {
		return apperr.ErrNotFound
	}
	for _, a := range p.Roles {
		if a.Role == Admin {
			return nil
		}
		if !a.covers(path) || rank(a.Role) < rank(role) {
			continue
		}
		for _, r := range grants(ManageUsers) {
			if r == a.Role {
				return nil
			}
		}
	}
	return apperr.New(apperr.Forbidden, "grant_above_own_role", "You can grant only roles at or below your own, inside your subtree.")
}

// CoversSubtree reports whether a role of the principal holds over the unit at path (and so
// over everything below it), as opposed to path being readable only as an ancestor.
func (p *Principal) CoversSubtree(path string) bool {
	if p == nil {
		return false
	}
	for _, a := range p.Roles {
		if a.covers(path) {
			return true
		}
	}
	return false
}

// AuthorizeOwner is owner rights as an error: 404 outside the read scope, 403 unless the
// principal holds action at exactly that unit (HoldsAt: officers above review a unit's records
// but do not write them).
func (p *Principal) AuthorizeOwner(action Action, path string) error {
	if !p.CanRead(path) {
		return apperr.ErrNotFound
	}
	if !p.HoldsAt(action, path) {
		return apperr.ErrForbidden
	}
	return nil
}

// OnlyHolds reports whether every role of the principal is r (e.g. a portal client).
func (p *Principal) OnlyHolds(r Role) bool {
	if p == nil {
		return false
	}
	for _, a := range p.Roles {
		if a.Role != r {
			return false
		}
	}
	return len(p.Roles) > 0
}

// HoldsAny reports whether the principal has a role granting action somewhere (admins always):
// enough to offer the action, whose target is checked when it is done.
func (p *Principal) HoldsAny(action Action) bool {
	if p == nil {
		return false
	}
	for _, a := range p.Roles {
		if a.Role == Admin || slices.Contains(grants(action), a.Role) {
			return true
		}
	}
	return false
}

// ParentPath is the path of the parent of the unit at path, "" for a root: reviewing a unit's
// submissions and deciding its fate are rights held there.
func ParentPath(path string) string {
	trimmed := strings.TrimSuffix(path, "/")
	i := strings.LastIndex(trimmed, "/")
	if i < 0 {
		return ""
	}
	return trimmed[:i+1]
}

// ReadsOnlyAsAncestor reports whether the principal reads the unit at path only because it lies
// above one of its roles (a cell reading its committee): such readers see what the unit issued
// or approved, never its drafts or internal records.
func (p *Principal) ReadsOnlyAsAncestor(path string) bool {
	return p.CanRead(path) && !p.CoversSubtree(path)
}

// HoldsAt reports whether the principal holds, at exactly the unit at path, a role granting
// action (or is an administrator): decisions on what a unit received are taken by that unit's
// own officers, not by officers further up skipping a level.
func (p *Principal) HoldsAt(action Action, path string) bool {
	if p == nil {
		return false
	}
	for _, a := range p.Roles {
		if a.Role == Admin || (a.UnitPath == path && slices.Contains(grants(action), a.Role)) {
			return true
		}
	}
	return false
}
