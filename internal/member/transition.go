package member

import (
	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/workflow"
)

// CAction is something a caller may do to a commitment.
type CAction string

// The actions on a commitment, in the order allowed_actions lists them.
const (
	CActUpdate        CAction = "update"
	CActDelete        CAction = "delete"
	CActSubmit        CAction = "submit"
	CActAccept        CAction = "accept"
	CActReturn        CAction = "return"
	CActAssessMidYear CAction = "assess_mid_year"
	CActAssessYearEnd CAction = "assess_year_end"
	CActReview        CAction = "review"
	CActClassify      CAction = "classify"
)

// author reports who writes a commitment: the member themselves, or, for a member without an
// account, the cell's managers at the cell itself (the secretary enters it on their behalf);
// administrators may do everything, as everywhere (recorded as on the member's behalf).
func author(p *access.Principal, c Commitment) bool {
	if p.IsAdmin() {
		return true
	}
	if c.MemberUserID != nil {
		return p != nil && p.Kind != access.ClientPrincipal && *c.MemberUserID == p.ID
	}
	return p.HoldsAt(access.ManageMembers, c.UnitPath)
}

// self reports whether p is the member the commitment belongs to.
func self(p *access.Principal, c Commitment) bool {
	return p != nil && c.MemberUserID != nil && *c.MemberUserID == p.ID
}

// cellReviewer reports who accepts, returns and reviews a commitment: the cell's own officers
// (its secretary) or the committee directly above (for a cell without a secretary, or the
// secretary's own commitment) — never the member themselves.
func cellReviewer(p *access.Principal, c Commitment) bool {
	return !self(p, c) && (p.HoldsAt(access.ReviewCommitment, c.UnitPath) ||
		p.HoldsAt(access.ReviewCommitment, access.ParentPath(c.UnitPath)))
}

// classifier reports who classifies: the committee directly above the cell.
func classifier(p *access.Principal, c Commitment) bool {
	return !self(p, c) && p.HoldsAt(access.ClassifyMembers, access.ParentPath(c.UnitPath))
}

// ownSubmission names the refusal of a reviewer asked to review their own commitment.
func ownSubmission(p *access.Principal, c Commitment) error {
	if self(p, c) && (p.HoldsAt(access.ReviewCommitment, c.UnitPath) || p.HoldsAt(access.ClassifyMembers, access.ParentPath(c.UnitPath))) {
		return apperr.New(apperr.Forbidden, "own_submission", "Nobody reviews or classifies their own commitment.")
	}
	return nil
}

// Commitments is the workflow of a member's year: draft → submitted → accepted (or returned,
// edited and submitted again) → self-assessed at year end (a mid-year assessment on the way)
// → reviewed by the cell with a proposed class → classified by the committee.
var Commitments = workflow.Table[Commitment, Status, CAction]{
	Actions: []CAction{CActUpdate, CActDelete, CActSubmit, CActAccept, CActReturn, CActAssessMidYear, CActAssessYearEnd,
		CActReview, CActClassify},
	Rules: map[CAction]workflow.Rule[Commitment, Status]{
		CActUpdate: {From: []Status{Draft, Returned}, Who: author},
		CActDelete: {From: []Status{Draft}, Who: author},
		CActSubmit: {From: []Status{Draft, Returned}, To: Submitted, Who: author,
			When: func(c Commitment) bool { return len(c.Items) > 0 }},
		CActAccept:        {From: []Status{Submitted}, To: Accepted, Who: cellReviewer, Refusal: ownSubmission},
		CActReturn:        {From: []Status{Submitted}, To: Returned, Who: cellReviewer, Refusal: ownSubmission},
		CActAssessMidYear: {From: []Status{Accepted}, Who: author},
		CActAssessYearEnd: {From: []Status{Accepted, SelfAssessed}, To: SelfAssessed, Who: author},
		CActReview:        {From: []Status{SelfAssessed, Reviewed}, To: Reviewed, Who: cellReviewer, Refusal: ownSubmission},
		CActClassify:      {From: []Status{Reviewed}, To: Classified, Who: classifier, Refusal: ownSubmission},
	},
	State: func(c Commitment) Status { return c.Status },
}

// CanReadCommitment reports whether p may read c: as the member's personal data.
func CanReadCommitment(p *access.Principal, c Commitment) bool {
	return self(p, c) || p.Can(access.ReadMembers, c.UnitPath)
}
