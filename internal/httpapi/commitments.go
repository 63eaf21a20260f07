package httpapi

import (
	"context"
	"time"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"lamtheobac/api"
	"lamtheobac/internal/member"
	"lamtheobac/internal/org"
)

func toAPIClass(c *member.Class) *api.MemberClass {
	if c == nil {
		return nil
	}
	out := api.MemberClass(*c)
	return &out
}

func toAPIAssessment(a *member.Assessment) *api.ItemAssessment {
	if a == nil {
		return nil
	}
	return &api.ItemAssessment{Result: api.ItemResult(a.Result), Comment: a.Comment, Evidence: a.Evidence}
}

func toAPICommitment(ctx context.Context, svc *member.Service, c member.Commitment, now time.Time) api.Commitment {
	out := api.Commitment{Id: c.ID, Member: api.MemberRef{Id: c.MemberID, FullName: c.MemberName}, Unit: toAPIUnitRef(c.Unit), Year: c.Year,
		Status: api.CommitmentStatus(c.Status), StatusReason: c.StatusReason, Items: make([]api.CommitmentItem, len(c.Items)),
		OnBehalf: c.OnBehalf, DueOn: openapi_types.Date{Time: c.DueOn}, Late: c.Late(now), SubmittedAt: c.SubmittedAt, AcceptedAt: c.AcceptedAt,
		MidYearAt: c.MidYearAt, YearEndAt: c.YearEndAt, CellAssessment: c.CellAssessment, ProposedClass: toAPIClass(c.ProposedClass),
		ReviewedAt: c.ReviewedAt, Class: toAPIClass(c.Class), ClassifiedAt: c.ClassifiedAt, Version: c.Version, CreatedAt: c.CreatedAt,
		UpdatedAt: c.UpdatedAt, AllowedActions: svc.CommitmentActions(ctx, c)}
	for i, it := range c.Items {
		item := api.CommitmentItem{Id: it.ID, Kind: api.CommitmentItemKind(it.Kind), StandardItemId: it.StandardItemID, Text: it.Text,
			ModelId: it.ModelID, MidYear: toAPIAssessment(it.MidYear), YearEnd: toAPIAssessment(it.YearEnd)}
		if it.StandardText != "" {
			text := it.StandardText
			item.StandardText = &text
		}
		out.Items[i] = item
	}
	return out
}

func toDomainCommitmentItems(in []api.CommitmentItemInput) []member.ItemInput {
	out := make([]member.ItemInput, len(in))
	for i, it := range in {
		out[i] = member.ItemInput{Kind: member.ItemKind(it.Kind), StandardItemID: it.StandardItemId, Text: it.Text, ModelID: it.ModelId}
	}
	return out
}

func (s *Server) commitmentBody(ctx context.Context, c member.Commitment) api.Commitment {
	return toAPICommitment(ctx, s.d.Members, c, time.Now().UTC())
}

func (s *Server) toAPICommitments(ctx context.Context, list []member.Commitment, next string) api.CommitmentList {
	items := make([]api.Commitment, len(list))
	for i, c := range list {
		items[i] = s.commitmentBody(ctx, c)
	}
	return api.CommitmentList{Items: items, NextCursor: nextCursor(ctx, next)}
}

// ListMemberCommitments lists a member's commitments.
func (s *Server) ListMemberCommitments(ctx context.Context, r api.ListMemberCommitmentsRequestObject) (api.ListMemberCommitmentsResponseObject, error) {
	list, next, err := s.d.Members.MemberCommitments(ctx, r.MemberId, member.CommitmentFilter{Limit: pageLimit(r.Params.Limit), Cursor: cursorOf(ctx)})
	if err != nil {
		return nil, err
	}
	return api.ListMemberCommitments200JSONResponse(s.toAPICommitments(ctx, list, next)), nil
}

// ListUnitCommitments lists a cell's (or a subtree's) commitments; the service audits the read.
func (s *Server) ListUnitCommitments(ctx context.Context, r api.ListUnitCommitmentsRequestObject) (api.ListUnitCommitmentsResponseObject, error) {
	p := r.Params
	f := member.CommitmentFilter{Year: deref(p.Year), Limit: pageLimit(p.Limit), Cursor: cursorOf(ctx)}
	if p.Status != nil {
		f.Statuses = []member.Status{member.Status(*p.Status)}
	}
	subtree := p.Scope != nil && *p.Scope == api.ListUnitCommitmentsParamsScopeSubtree
	list, next, err := s.d.Members.ListCommitments(ctx, r.UnitId, subtree, f)
	if err != nil {
		return nil, err
	}
	return api.ListUnitCommitments200JSONResponse(s.toAPICommitments(ctx, list, next)), nil
}

// CreateCommitment drafts a member's commitment for a year.
func (s *Server) CreateCommitment(ctx context.Context, r api.CreateCommitmentRequestObject) (api.CreateCommitmentResponseObject, error) {
	c, err := s.d.Members.CreateCommitment(ctx, r.MemberId, r.Body.Year, toDomainCommitmentItems(r.Body.Items))
	if err != nil {
		return nil, err
	}
	return api.CreateCommitment201JSONResponse{Body: s.commitmentBody(ctx, c),
		Headers: api.CreateCommitment201ResponseHeaders{ETag: etag(c.Version), Location: "/api/v1/commitments/" + c.ID.String()}}, nil
}

// GetCommitment returns a commitment.
func (s *Server) GetCommitment(ctx context.Context, r api.GetCommitmentRequestObject) (api.GetCommitmentResponseObject, error) {
	c, err := s.d.Members.GetCommitment(ctx, r.CommitmentId)
	if err != nil {
		return nil, err
	}
	return api.GetCommitment200JSONResponse{Body: s.commitmentBody(ctx, c), Headers: api.GetCommitment200ResponseHeaders{ETag: etag(c.Version)}}, nil
}

// UpdateCommitment replaces the items of a draft or returned commitment.
func (s *Server) UpdateCommitment(ctx context.Context, r api.UpdateCommitmentRequestObject) (api.UpdateCommitmentResponseObject, error) {
	one, err := step(ctx, r.Params.IfMatch, func(v *int64) (member.Commitment, error) {
		return s.d.Members.UpdateCommitment(ctx, r.CommitmentId, v, toDomainCommitmentItems(r.Body.Items))
	}, infallible(s.commitmentAnswer))
	if err != nil {
		return nil, err
	}
	return api.UpdateCommitment200JSONResponse{Body: one.Body, Headers: api.UpdateCommitment200ResponseHeaders{ETag: one.Tag}}, nil
}

// DeleteCommitment deletes a draft.
func (s *Server) DeleteCommitment(ctx context.Context, r api.DeleteCommitmentRequestObject) (api.DeleteCommitmentResponseObject, error) {
	if err := removal(r.Params.IfMatch, func(v *int64) error { return s.d.Members.DeleteCommitment(ctx, r.CommitmentId, v) }); err != nil {
		return nil, err
	}
	return api.DeleteCommitment204Response{}, nil
}

// commitmentOne is a commitment as one-record answers carry it: the body and its ETag.
type commitmentOne struct {
	Body api.Commitment
	Tag  string
}

func (s *Server) commitmentAnswer(ctx context.Context, c member.Commitment) commitmentOne {
	return commitmentOne{Body: s.commitmentBody(ctx, c), Tag: etag(c.Version)}
}

// SubmitCommitment submits a commitment to the cell.
func (s *Server) SubmitCommitment(ctx context.Context, r api.SubmitCommitmentRequestObject) (api.SubmitCommitmentResponseObject, error) {
	one, err := step(ctx, r.Params.IfMatch, func(v *int64) (member.Commitment, error) {
		return s.d.Members.SubmitCommitment(ctx, r.CommitmentId, v)
	}, infallible(s.commitmentAnswer))
	if err != nil {
		return nil, err
	}
	return api.SubmitCommitment200JSONResponse{Body: one.Body, Headers: api.SubmitCommitment200ResponseHeaders{ETag: one.Tag}}, nil
}

// AcceptCommitment accepts a submitted commitment.
func (s *Server) AcceptCommitment(ctx context.Context, r api.AcceptCommitmentRequestObject) (api.AcceptCommitmentResponseObject, error) {
	one, err := step(ctx, r.Params.IfMatch, func(v *int64) (member.Commitment, error) {
		return s.d.Members.AcceptCommitment(ctx, r.CommitmentId, v)
	}, infallible(s.commitmentAnswer))
	if err != nil {
		return nil, err
	}
	return api.AcceptCommitment200JSONResponse{Body: one.Body, Headers: api.AcceptCommitment200ResponseHeaders{ETag: one.Tag}}, nil
}

// ReturnCommitment returns a submitted commitment with a reason.
func (s *Server) ReturnCommitment(ctx context.Context, r api.ReturnCommitmentRequestObject) (api.ReturnCommitmentResponseObject, error) {
	one, err := step(ctx, r.Params.IfMatch, func(v *int64) (member.Commitment, error) {
		return s.d.Members.ReturnCommitment(ctx, r.CommitmentId, v, r.Body.Reason)
	}, infallible(s.commitmentAnswer))
	if err != nil {
		return nil, err
	}
	return api.ReturnCommitment200JSONResponse{Body: one.Body, Headers: api.ReturnCommitment200ResponseHeaders{ETag: one.Tag}}, nil
}

// SelfAssessCommitment records the member's self-assessment.
func (s *Server) SelfAssessCommitment(ctx context.Context, r api.SelfAssessCommitmentRequestObject) (api.SelfAssessCommitmentResponseObject, error) {
	in := make([]member.AssessmentInput, len(r.Body.Items))
	for i, it := range r.Body.Items {
		in[i] = member.AssessmentInput{ItemID: it.ItemId, Assessment: member.Assessment{Result: member.Result(it.Result),
			Comment: deref(it.Comment), Evidence: deref(it.Evidence)}}
	}
	one, err := step(ctx, r.Params.IfMatch, func(v *int64) (member.Commitment, error) {
		return s.d.Members.SelfAssess(ctx, r.CommitmentId, v, member.Period(r.Body.Period), in)
	}, infallible(s.commitmentAnswer))
	if err != nil {
		return nil, err
	}
	return api.SelfAssessCommitment200JSONResponse{Body: one.Body, Headers: api.SelfAssessCommitment200ResponseHeaders{ETag: one.Tag}}, nil
}

// ReviewCommitment records the cell's review and proposed class.
func (s *Server) ReviewCommitment(ctx context.Context, r api.ReviewCommitmentRequestObject) (api.ReviewCommitmentResponseObject, error) {
	one, err := step(ctx, r.Params.IfMatch, func(v *int64) (member.Commitment, error) {
		return s.d.Members.Review(ctx, r.CommitmentId, v, r.Body.Assessment, member.Class(r.Body.ProposedClass))
	}, infallible(s.commitmentAnswer))
	if err != nil {
		return nil, err
	}
	return api.ReviewCommitment200JSONResponse{Body: one.Body, Headers: api.ReviewCommitment200ResponseHeaders{ETag: one.Tag}}, nil
}

// ClassifyCommitment records the committee's classification.
func (s *Server) ClassifyCommitment(ctx context.Context, r api.ClassifyCommitmentRequestObject) (api.ClassifyCommitmentResponseObject, error) {
	one, err := step(ctx, r.Params.IfMatch, func(v *int64) (member.Commitment, error) {
		return s.d.Members.Classify(ctx, r.CommitmentId, v, member.Class(r.Body.Class))
	}, infallible(s.commitmentAnswer))
	if err != nil {
		return nil, err
	}
	return api.ClassifyCommitment200JSONResponse{Body: one.Body, Headers: api.ClassifyCommitment200ResponseHeaders{ETag: one.Tag}}, nil
}

func toAPIDeadline(year int, due time.Time, at *uuid.UUID) api.CommitmentDeadline {
	return api.CommitmentDeadline{Year: year, DueOn: openapi_types.Date{Time: due}, SetAt: at}
}

// GetCommitmentDeadline returns the deadline in force at a unit.
func (s *Server) GetCommitmentDeadline(ctx context.Context, r api.GetCommitmentDeadlineRequestObject) (api.GetCommitmentDeadlineResponseObject, error) {
	due, at, err := s.d.Members.Deadline(ctx, r.UnitId, r.Year)
	if err != nil {
		return nil, err
	}
	return api.GetCommitmentDeadline200JSONResponse(toAPIDeadline(r.Year, due, at)), nil
}

// SetCommitmentDeadline sets a unit's deadline of a year.
func (s *Server) SetCommitmentDeadline(ctx context.Context, r api.SetCommitmentDeadlineRequestObject) (api.SetCommitmentDeadlineResponseObject, error) {
	due, at, err := s.d.Members.SetDeadline(ctx, r.UnitId, r.Year, r.Body.DueOn.Time)
	if err != nil {
		return nil, err
	}
	return api.SetCommitmentDeadline200JSONResponse(toAPIDeadline(r.Year, due, at)), nil
}

// GetMemberClassCounts reports a year's progress and classes in a subtree.
func (s *Server) GetMemberClassCounts(ctx context.Context, r api.GetMemberClassCountsRequestObject) (api.GetMemberClassCountsResponseObject, error) {
	u, c, err := s.d.Members.ClassCounts(ctx, r.UnitId, r.Params.Year)
	if err != nil {
		return nil, err
	}
	return api.GetMemberClassCounts200JSONResponse(toAPIClassCounts(u.Ref(), r.Params.Year, c)), nil
}

func toAPIClassCounts(u org.Ref, year int, c member.Counts) api.MemberClassCounts {
	out := api.MemberClassCounts{Unit: toAPIUnitRef(u), Year: year, Members: c.Members, Committed: c.Committed,
		Accepted: c.Accepted, SelfAssessed: c.SelfAssessed, Reviewed: c.Reviewed, Classified: c.Classified}
	out.ByClass.Excellent, out.ByClass.Good = c.ByClass[member.Excellent], c.ByClass[member.Good]
	out.ByClass.Completed, out.ByClass.NotCompleted = c.ByClass[member.Completed], c.ByClass[member.NotCompleted]
	return out
}

// GetMemberCoverage reports a year's progress per cell of a subtree.
func (s *Server) GetMemberCoverage(ctx context.Context, r api.GetMemberCoverageRequestObject) (api.GetMemberCoverageResponseObject, error) {
	page, err := s.d.Members.Coverage(ctx, r.UnitId, r.Params.Year, pageLimit(r.Params.Limit), cursorOf(ctx))
	if err != nil {
		return nil, err
	}
	out := api.MemberCoverage{Items: make([]api.MemberClassCounts, len(page.Rows)), NextCursor: nextCursor(ctx, page.Next),
		Totals: toAPIClassCounts(page.Root.Ref(), r.Params.Year, page.Totals)}
	for i, row := range page.Rows {
		out.Items[i] = toAPIClassCounts(row.Unit.Ref(), r.Params.Year, row.Counts)
	}
	return api.GetMemberCoverage200JSONResponse(out), nil
}

// GetNomineeClassifications shows a nominee's last classifications to the nomination's reviewers.
func (s *Server) GetNomineeClassifications(ctx context.Context, r api.GetNomineeClassificationsRequestObject) (api.GetNomineeClassificationsResponseObject, error) {
	m, classes, err := s.d.Members.NomineeClassifications(ctx, r.NominationId)
	if err != nil {
		return nil, err
	}
	out := api.NomineeClassifications{Classifications: make([]struct {
		Class api.MemberClass `json:"class"`
		Year  int             `json:"year"`
	}, len(classes))}
	for i, c := range classes {
		out.Classifications[i].Class, out.Classifications[i].Year = api.MemberClass(c.Class), c.Year
	}
	if m != nil {
		out.Member = &api.MemberRef{Id: m.ID, FullName: m.FullName}
	}
	return api.GetNomineeClassifications200JSONResponse(out), nil
}
