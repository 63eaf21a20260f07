package httpapi

import (
	"bytes"
	"context"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"lamtheobac/api"
	"lamtheobac/internal/inspection"
)

func (s *Server) toAPIPlan(ctx context.Context, p inspection.Plan) api.InspectionPlan {
	out := api.InspectionPlan{Id: p.ID, Unit: toAPIUnitRef(p.Unit), Kind: api.InspectionPlanKind(p.Kind), Title: p.Title,
		Subjects: make([]api.InspectionSubject, len(p.Subjects)), PeriodFrom: openapi_types.Date{Time: p.From}, PeriodTo: openapi_types.Date{Time: p.To},
		Units: make([]api.UnitRef, len(p.Units)), Team: p.Team, Status: api.InspectionPlanStatus(p.Status), Conclusion: p.Conclusion,
		ApprovedAt: p.ApprovedAt, ConcludedAt: p.ConcludedAt, Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
		AllowedActions: s.d.Inspections.AllowedPlan(ctx, p)}
	for i, sub := range p.Subjects {
		out.Subjects[i] = api.InspectionSubject(sub)
	}
	for i, u := range p.Units {
		out.Units[i] = toAPIUnitRef(u.Ref)
	}
	return out
}

func (s *Server) toAPIRec(ctx context.Context, r inspection.Recommendation) api.InspectionRecommendation {
	return api.InspectionRecommendation{Id: r.ID, FindingId: r.FindingID, PlanId: r.PlanID, ResponsibleUnit: toAPIUnitRef(r.ResponsibleUnit),
		Text: r.Text, DueOn: openapi_types.Date{Time: r.DueOn}, Status: api.InspectionRecommendationStatus(r.Status),
		Overdue: r.Overdue(s.d.Inspections.Now()), Response: r.Response, AnsweredAt: r.AnsweredAt, ClosedAt: r.ClosedAt,
		StatusReason: r.StatusReason, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		AllowedActions: s.d.Inspections.AllowedRec(ctx, r)}
}

func (s *Server) toAPIFinding(ctx context.Context, f inspection.Finding) api.InspectionFinding {
	out := api.InspectionFinding{Id: f.ID, PlanId: f.PlanID, Unit: toAPIUnitRef(f.Unit), RecordId: f.RecordID, Summary: f.Summary,
		Rating: api.InspectionRating(f.Rating), Evidence: f.Evidence, Version: f.Version, CreatedAt: f.CreatedAt, UpdatedAt: f.UpdatedAt,
		Recommendations: make([]api.InspectionRecommendation, len(f.Recommendations))}
	if f.RecordKind != nil {
		k := api.InspectionRecordKind(*f.RecordKind)
		out.RecordKind = &k
	}
	for i, r := range f.Recommendations {
		out.Recommendations[i] = s.toAPIRec(ctx, r)
	}
	return out
}

// planInput converts a plan's fields (all of them on a create, those sent on a patch).
func planInput(kind *api.InspectionPlanKind, title *string, subjects *[]api.InspectionSubject, from, to *openapi_types.Date,
	units, team *[]openapi_types.UUID) inspection.PlanInput {
	var in inspection.PlanInput
	if kind != nil {
		k := inspection.Kind(*kind)
		in.Kind = &k
	}
	in.Title = title
	if subjects != nil {
		subs := make([]inspection.Subject, len(*subjects))
		for i, sub := range *subjects {
			subs[i] = inspection.Subject(sub)
		}
		in.Subjects = &subs
	}
	if from != nil {
		in.From = &from.Time
	}
	if to != nil {
		in.To = &to.Time
	}
	in.UnitIDs, in.Team = (*[]uuid.UUID)(units), (*[]uuid.UUID)(team)
	return in
}

// ListInspectionPlans lists the plans a unit owns or that inspect it.
func (s *Server) ListInspectionPlans(ctx context.Context, r api.ListInspectionPlansRequestObject) (api.ListInspectionPlansResponseObject, error) {
	var status inspection.PlanStatus
	if r.Params.Status != nil {
		status = inspection.PlanStatus(*r.Params.Status)
	}
	inspected := r.Params.Role != nil && *r.Params.Role == api.InspectionPlansInspecting
	plans, err := s.d.Inspections.ListPlans(ctx, r.UnitId, inspected, status)
	if err != nil {
		return nil, err
	}
	out := api.ListInspectionPlans200JSONResponse{Items: make([]api.InspectionPlan, len(plans))}
	for i, p := range plans {
		out.Items[i] = s.toAPIPlan(ctx, p)
	}
	return out, nil
}

// CreateInspectionPlan drafts a plan.
func (s *Server) CreateInspectionPlan(ctx context.Context, r api.CreateInspectionPlanRequestObject) (api.CreateInspectionPlanResponseObject, error) {
	b := r.Body
	p, err := s.d.Inspections.CreatePlan(ctx, r.UnitId, planInput(&b.Kind, &b.Title, &b.Subjects, &b.PeriodFrom, &b.PeriodTo, &b.UnitIds, &b.Team))
	if err != nil {
		return nil, err
	}
	return api.CreateInspectionPlan201JSONResponse{Body: s.toAPIPlan(ctx, p), Headers: api.CreateInspectionPlan201ResponseHeaders{ETag: etag(p.Version)}}, nil
}

// GetInspectionPlan returns a plan.
func (s *Server) GetInspectionPlan(ctx context.Context, r api.GetInspectionPlanRequestObject) (api.GetInspectionPlanResponseObject, error) {
	p, err := s.d.Inspections.GetPlan(ctx, r.PlanId)
	if err != nil {
		return nil, err
	}
	return api.GetInspectionPlan200JSONResponse{Body: s.toAPIPlan(ctx, p), Headers: api.GetInspectionPlan200ResponseHeaders{ETag: etag(p.Version)}}, nil
}

// UpdateInspectionPlan edits a draft plan.
func (s *Server) UpdateInspectionPlan(ctx context.Context, r api.UpdateInspectionPlanRequestObject) (api.UpdateInspectionPlanResponseObject, error) {
	return step(ctx, r.Params.IfMatch, func(v *int64) (inspection.Plan, error) {
		return s.d.Inspections.UpdatePlan(ctx, r.PlanId, v, planInput(r.Body.Kind, r.Body.Title, r.Body.Subjects, r.Body.PeriodFrom, r.Body.PeriodTo, r.Body.UnitIds, r.Body.Team))
	},
		infallible(func(ctx context.Context, p inspection.Plan) api.UpdateInspectionPlanResponseObject {
			return api.UpdateInspectionPlan200JSONResponse{Body: s.toAPIPlan(ctx, p), Headers: api.UpdateInspectionPlan200ResponseHeaders{ETag: etag(p.Version)}}
		}))
}

// DeleteInspectionPlan deletes a draft plan.
func (s *Server) DeleteInspectionPlan(ctx context.Context, r api.DeleteInspectionPlanRequestObject) (api.DeleteInspectionPlanResponseObject, error) {
	if err := removal(r.Params.IfMatch, func(v *int64) error { return s.d.Inspections.DeletePlan(ctx, r.PlanId, v) }); err != nil {
		return nil, err
	}
	return api.DeleteInspectionPlan204Response{}, nil
}

// ApproveInspectionPlan approves a draft plan.
func (s *Server) ApproveInspectionPlan(ctx context.Context, r api.ApproveInspectionPlanRequestObject) (api.ApproveInspectionPlanResponseObject, error) {
	return step(ctx, r.Params.IfMatch, func(v *int64) (inspection.Plan, error) { return s.d.Inspections.ApprovePlan(ctx, r.PlanId, v) },
		infallible(func(ctx context.Context, p inspection.Plan) api.ApproveInspectionPlanResponseObject {
			return api.ApproveInspectionPlan200JSONResponse{Body: s.toAPIPlan(ctx, p), Headers: api.ApproveInspectionPlan200ResponseHeaders{ETag: etag(p.Version)}}
		}))
}

// StartInspectionPlan starts an approved plan.
func (s *Server) StartInspectionPlan(ctx context.Context, r api.StartInspectionPlanRequestObject) (api.StartInspectionPlanResponseObject, error) {
	return step(ctx, r.Params.IfMatch, func(v *int64) (inspection.Plan, error) { return s.d.Inspections.StartPlan(ctx, r.PlanId, v) },
		infallible(func(ctx context.Context, p inspection.Plan) api.StartInspectionPlanResponseObject {
			return api.StartInspectionPlan200JSONResponse{Body: s.toAPIPlan(ctx, p), Headers: api.StartInspectionPlan200ResponseHeaders{ETag: etag(p.Version)}}
		}))
}

// ConcludeInspectionPlan concludes a plan in progress.
func (s *Server) ConcludeInspectionPlan(ctx context.Context, r api.ConcludeInspectionPlanRequestObject) (api.ConcludeInspectionPlanResponseObject, error) {
	return step(ctx, r.Params.IfMatch, func(v *int64) (inspection.Plan, error) {
		return s.d.Inspections.ConcludePlan(ctx, r.PlanId, v, r.Body.Conclusion)
	},
		infallible(func(ctx context.Context, p inspection.Plan) api.ConcludeInspectionPlanResponseObject {
			return api.ConcludeInspectionPlan200JSONResponse{Body: s.toAPIPlan(ctx, p), Headers: api.ConcludeInspectionPlan200ResponseHeaders{ETag: etag(p.Version)}}
		}))
}

// ListInspectionFindings lists the plan's findings the caller may read.
func (s *Server) ListInspectionFindings(ctx context.Context, r api.ListInspectionFindingsRequestObject) (api.ListInspectionFindingsResponseObject, error) {
	fs, err := s.d.Inspections.ListFindings(ctx, r.PlanId)
	if err != nil {
		return nil, err
	}
	out := api.ListInspectionFindings200JSONResponse{Items: make([]api.InspectionFinding, len(fs))}
	for i, f := range fs {
		out.Items[i] = s.toAPIFinding(ctx, f)
	}
	return out, nil
}

// CreateInspectionFinding records a finding.
func (s *Server) CreateInspectionFinding(ctx context.Context, r api.CreateInspectionFindingRequestObject) (api.CreateInspectionFindingResponseObject, error) {
	b := r.Body
	in := inspection.FindingInput{UnitID: b.UnitId, RecordID: b.RecordId, Summary: b.Summary, Rating: inspection.Rating(b.Rating)}
	if b.RecordKind != nil {
		k := inspection.RecordKind(*b.RecordKind)
		in.RecordKind = &k
	}
	if b.Evidence != nil {
		in.Evidence = *b.Evidence
	}
	f, err := s.d.Inspections.CreateFinding(ctx, r.PlanId, in)
	if err != nil {
		return nil, err
	}
	return api.CreateInspectionFinding201JSONResponse{Body: s.toAPIFinding(ctx, f), Headers: api.CreateInspectionFinding201ResponseHeaders{ETag: etag(f.Version)}}, nil
}

// GetInspectionFinding returns a finding.
func (s *Server) GetInspectionFinding(ctx context.Context, r api.GetInspectionFindingRequestObject) (api.GetInspectionFindingResponseObject, error) {
	f, err := s.d.Inspections.GetFinding(ctx, r.FindingId)
	if err != nil {
		return nil, err
	}
	return api.GetInspectionFinding200JSONResponse{Body: s.toAPIFinding(ctx, f), Headers: api.GetInspectionFinding200ResponseHeaders{ETag: etag(f.Version)}}, nil
}

// CreateInspectionRecommendation adds a recommendation to a finding.
func (s *Server) CreateInspectionRecommendation(ctx context.Context, r api.CreateInspectionRecommendationRequestObject) (api.CreateInspectionRecommendationResponseObject, error) {
	b := r.Body
	rec, err := s.d.Inspections.CreateRecommendation(ctx, r.FindingId, inspection.RecommendationInput{Text: b.Text, DueOn: b.DueOn.Time,
		ResponsibleUnitID: b.ResponsibleUnitId})
	if err != nil {
		return nil, err
	}
	return api.CreateInspectionRecommendation201JSONResponse{Body: s.toAPIRec(ctx, rec),
		Headers: api.CreateInspectionRecommendation201ResponseHeaders{ETag: etag(rec.Version)}}, nil
}

// GetInspectionRecommendation returns a recommendation.
func (s *Server) GetInspectionRecommendation(ctx context.Context, r api.GetInspectionRecommendationRequestObject) (api.GetInspectionRecommendationResponseObject, error) {
	rec, err := s.d.Inspections.GetRecommendation(ctx, r.RecommendationId)
	if err != nil {
		return nil, err
	}
	return api.GetInspectionRecommendation200JSONResponse{Body: s.toAPIRec(ctx, rec),
		Headers: api.GetInspectionRecommendation200ResponseHeaders{ETag: etag(rec.Version)}}, nil
}

// AnswerInspectionRecommendation records the responsible unit's answer.
func (s *Server) AnswerInspectionRecommendation(ctx context.Context, r api.AnswerInspectionRecommendationRequestObject) (api.AnswerInspectionRecommendationResponseObject, error) {
	return step(ctx, r.Params.IfMatch, func(v *int64) (inspection.Recommendation, error) {
		return s.d.Inspections.Answer(ctx, r.RecommendationId, v, r.Body.Text)
	},
		infallible(func(ctx context.Context, rec inspection.Recommendation) api.AnswerInspectionRecommendationResponseObject {
			return api.AnswerInspectionRecommendation200JSONResponse{Body: s.toAPIRec(ctx, rec), Headers: api.AnswerInspectionRecommendation200ResponseHeaders{ETag: etag(rec.Version)}}
		}))
}

// CloseInspectionRecommendation closes an answered recommendation.
func (s *Server) CloseInspectionRecommendation(ctx context.Context, r api.CloseInspectionRecommendationRequestObject) (api.CloseInspectionRecommendationResponseObject, error) {
	return step(ctx, r.Params.IfMatch, func(v *int64) (inspection.Recommendation, error) {
		return s.d.Inspections.Close(ctx, r.RecommendationId, v)
	},
		infallible(func(ctx context.Context, rec inspection.Recommendation) api.CloseInspectionRecommendationResponseObject {
			return api.CloseInspectionRecommendation200JSONResponse{Body: s.toAPIRec(ctx, rec), Headers: api.CloseInspectionRecommendation200ResponseHeaders{ETag: etag(rec.Version)}}
		}))
}

// ReopenInspectionRecommendation reopens a recommendation with a reason.
func (s *Server) ReopenInspectionRecommendation(ctx context.Context, r api.ReopenInspectionRecommendationRequestObject) (api.ReopenInspectionRecommendationResponseObject, error) {
	return step(ctx, r.Params.IfMatch, func(v *int64) (inspection.Recommendation, error) {
		return s.d.Inspections.Reopen(ctx, r.RecommendationId, v, r.Body.Text)
	},
		infallible(func(ctx context.Context, rec inspection.Recommendation) api.ReopenInspectionRecommendationResponseObject {
			return api.ReopenInspectionRecommendation200JSONResponse{Body: s.toAPIRec(ctx, rec), Headers: api.ReopenInspectionRecommendation200ResponseHeaders{ETag: etag(rec.Version)}}
		}))
}

// ListUnitInspectionRecommendations lists the recommendations a unit's subtree is responsible for.
func (s *Server) ListUnitInspectionRecommendations(ctx context.Context, r api.ListUnitInspectionRecommendationsRequestObject) (api.ListUnitInspectionRecommendationsResponseObject, error) {
	var status inspection.RecStatus
	if r.Params.Status != nil {
		status = inspection.RecStatus(*r.Params.Status)
	}
	recs, err := s.d.Inspections.ListUnitRecommendations(ctx, r.UnitId, status, r.Params.Overdue != nil && *r.Params.Overdue)
	if err != nil {
		return nil, err
	}
	out := api.ListUnitInspectionRecommendations200JSONResponse{Items: make([]api.InspectionRecommendation, len(recs))}
	for i, rec := range recs {
		out.Items[i] = s.toAPIRec(ctx, rec)
	}
	return out, nil
}

// GetInspectionSummary counts a subtree's inspections of a period.
func (s *Server) GetInspectionSummary(ctx context.Context, r api.GetInspectionSummaryRequestObject) (api.GetInspectionSummaryResponseObject, error) {
	sum, err := s.d.Inspections.Summary(ctx, r.UnitId, r.Params.From.Time, r.Params.To.Time)
	if err != nil {
		return nil, err
	}
	return api.GetInspectionSummary200JSONResponse{Unit: toAPIUnitRef(sum.Unit), From: openapi_types.Date{Time: sum.From},
		To: openapi_types.Date{Time: sum.To}, Plans: sum.Plans, PlansByStatus: sum.PlansByStatus, Findings: sum.Findings,
		FindingsByRating: sum.FindingsByRating, Recommendations: sum.Recommendations, RecommendationsOpen: sum.Open,
		RecommendationsAnswered: sum.Answered, RecommendationsClosed: sum.Closed, RecommendationsOverdue: sum.Overdue}, nil
}

// GetInspectionConclusionFile renders the plan's conclusion as PDF or XLSX.
func (s *Server) GetInspectionConclusionFile(ctx context.Context, r api.GetInspectionConclusionFileRequestObject) (api.GetInspectionConclusionFileResponseObject, error) {
	format := "xlsx"
	if r.File == "conclusion.pdf" {
		format = "pdf"
	}
	data, name, err := s.d.Inspections.Document(ctx, r.PlanId, format)
	if err != nil {
		return nil, err
	}
	headers := api.GetInspectionConclusionFile200ResponseHeaders{ContentDisposition: `attachment; filename="` + name + `"`}
	if format == "pdf" {
		return api.GetInspectionConclusionFile200ApplicationpdfResponse{Body: bytes.NewReader(data), ContentLength: int64(len(data)), Headers: headers}, nil
	}
	return api.GetInspectionConclusionFile200ApplicationvndOpenxmlformatsOfficedocumentSpreadsheetmlSheetResponse{Body: bytes.NewReader(data),
		ContentLength: int64(len(data)), Headers: headers}, nil
}
