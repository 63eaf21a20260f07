package httpapi

import (
	"bytes"
	"context"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"lamtheobac/api"
	"lamtheobac/internal/org"
	"lamtheobac/internal/report"
)

func toAPIRound(r report.Round) api.ReportingRound {
	out := api.ReportingRound{Id: r.ID, Unit: toAPIUnitRef(r.Unit), Title: r.Title, Year: r.Year, Period: api.ReportPeriod(r.Period),
		From: openapi_types.Date{Time: r.From}, To: openapi_types.Date{Time: r.To}, DueOn: openapi_types.Date{Time: r.DueOn},
		Open: r.Open(), Reports: r.Reports, CreatedAt: r.CreatedAt, Levels: make([]api.ReportLevel, len(r.Levels))}
	for i, l := range r.Levels {
		out.Levels[i] = api.ReportLevel(l)
	}
	return out
}

// toAPIFigures answers figures, or null where none exist yet (a draft in a list, a consolidation
// with no child included): never zeros that would read as a unit with nothing to report.
func toAPIFigures(fp *report.Figures) *api.ReportFigures {
	if fp == nil {
		return nil
	}
	f := *fp
	years := f.Years
	if years == nil {
		years = []int{}
	}
	out := api.ReportFigures{Years: years, StandardSource: api.StandardSource(f.StandardSource), ModelsTotal: f.ModelsTotal,
		ModelsByStatus: f.ModelsByStatus, ModelsByCategory: f.ModelsByCategory, EvaluationsTotal: f.EvaluationsTotal,
		EvaluationsByRating: f.EvaluationsByRating, NominationsTotal: f.NominationsTotal, NominationsByStatus: f.NominationsByStatus,
		CollectiveExemplars: f.Collective, IndividualExemplars: f.Individual, Honors: f.Honors, InspectionPlans: f.InspectionPlans,
		InspectionFindingsByRating: f.InspectionFindingsByRating, RecommendationsOpen: f.RecommendationsOpen,
		RecommendationsClosed: f.RecommendationsClosed, RecommendationsOverdue: f.RecommendationsOverdue,
		StudySessionsHeld: f.StudySessionsHeld, StudyPresent: f.StudyPresent, StudyAttendances: f.StudyAttendances,
		StudyReflections: f.StudyReflections, StudyCells: f.StudyCells, StudyQuartersDue: f.StudyQuartersDue, StudyQuartersMet: f.StudyQuartersMet}
	if rate, ok := f.AttendanceRate(); ok {
		out.StudyAttendanceRate = &rate
	}
	if out.InspectionFindingsByRating == nil { // figures frozen before inspections were counted
		out.InspectionFindingsByRating = api.Counts{}
	}
	if f.StandardIssuedOn != nil {
		out.StandardIssuedOn = &openapi_types.Date{Time: *f.StandardIssuedOn}
	}
	if f.MembersByClass != nil {
		byClass := api.Counts(f.MembersByClass)
		out.MembersByClass = &byClass
	}
	return &out
}

func toAPINarrative(n report.Narrative) api.Narrative {
	return api.Narrative{Results: n.Results, Limitations: n.Limitations, Lessons: n.Lessons, Proposals: n.Proposals, NextSteps: n.NextSteps}
}

func toAPISignature(s report.Signature) api.ReportSignature {
	out := api.ReportSignature{Recipients: s.Recipients, OnBehalf: s.OnBehalf, Title: s.Title, Name: s.Name}
	if out.Recipients == nil {
		out.Recipients = []string{}
	}
	return out
}

// toAPIReport answers r with figures f (nil: none yet).
func (s *Server) toAPIReport(ctx context.Context, r report.Report, f *report.Figures) api.Report {
	title := r.RoundTitle
	state := r.State()
	return api.Report{Id: r.ID, RoundId: r.RoundID, RoundTitle: &title, Unit: toAPIUnitRef(r.Unit), Status: api.ReportStatus(r.Status),
		State: api.ReportState(state), Figures: toAPIFigures(f), Frozen: r.Figures != nil, Narrative: toAPINarrative(r.Narrative),
		Signature: toAPISignature(r.Signature), MissingNote: r.MissingNote, StatusReason: r.StatusReason, SubmittedAt: r.SubmittedAt, DueOn: &openapi_types.Date{Time: r.DueOn},
		Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, AllowedActions: s.d.Reports.AllowedFor(ctx, r)}
}

func (s *Server) reportOne(ctx context.Context, r report.Report) (api.ReportOneJSONResponse, error) {
	_, f, err := s.d.Reports.Get(ctx, r.ID)
	if err != nil {
		return api.ReportOneJSONResponse{}, err
	}
	return api.ReportOneJSONResponse{Body: s.toAPIReport(ctx, r, &f), Headers: api.ReportOneResponseHeaders{ETag: etag(r.Version)}}, nil
}

// ListReportingRounds lists rounds at a unit and above.
func (s *Server) ListReportingRounds(ctx context.Context, r api.ListReportingRoundsRequestObject) (api.ListReportingRoundsResponseObject, error) {
	rounds, err := s.d.Reports.Rounds(ctx, r.UnitId)
	if err != nil {
		return nil, err
	}
	out := api.ListReportingRounds200JSONResponse{Items: make([]api.ReportingRound, len(rounds))}
	for i, rd := range rounds {
		out.Items[i] = toAPIRound(rd)
	}
	return out, nil
}

// CreateReportingRound opens a round.
func (s *Server) CreateReportingRound(ctx context.Context, r api.CreateReportingRoundRequestObject) (api.CreateReportingRoundResponseObject, error) {
	b := r.Body
	in := report.RoundInput{Title: b.Title, Year: b.Year, Period: report.Period(b.Period), DueOn: b.DueOn.Time}
	if b.From != nil {
		in.From = &b.From.Time
	}
	if b.To != nil {
		in.To = &b.To.Time
	}
	for _, l := range b.Levels {
		in.Levels = append(in.Levels, org.Kind(l))
	}
	rd, err := s.d.Reports.CreateRound(ctx, r.UnitId, in)
	if err != nil {
		return nil, err
	}
	return api.CreateReportingRound201JSONResponse(toAPIRound(rd)), nil
}

// GetReportingRound returns a round.
func (s *Server) GetReportingRound(ctx context.Context, r api.GetReportingRoundRequestObject) (api.GetReportingRoundResponseObject, error) {
	rd, err := s.d.Reports.GetRound(ctx, r.RoundId)
	if err != nil {
		return nil, err
	}
	return api.GetReportingRound200JSONResponse(toAPIRound(rd)), nil
}

// CloseReportingRound closes a round.
func (s *Server) CloseReportingRound(ctx context.Context, r api.CloseReportingRoundRequestObject) (api.CloseReportingRoundResponseObject, error) {
	rd, err := s.d.Reports.CloseRound(ctx, r.RoundId)
	if err != nil {
		return nil, err
	}
	return api.CloseReportingRound200JSONResponse(toAPIRound(rd)), nil
}

// GetReportingRoundStatus reports completeness and timeliness.
func (s *Server) GetReportingRoundStatus(ctx context.Context, r api.GetReportingRoundStatusRequestObject) (api.GetReportingRoundStatusResponseObject, error) {
	var only report.State
	if r.Params.State != nil {
		only = report.State(*r.Params.State)
	}
	st, err := s.d.Reports.Status(ctx, r.RoundId, only, pageLimit(r.Params.Limit), cursorOf(ctx))
	if err != nil {
		return nil, err
	}
	out := api.GetReportingRoundStatus200JSONResponse{Round: toAPIRound(st.Round), Items: make([]api.RoundStatusRow, len(st.Rows)),
		Counts: api.Counts{}, Expected: st.Round.Reports, RateOnTime: st.RateOnTime, RateSubmitted: st.RateSubmitted,
		NextCursor: nextCursor(ctx, st.Next)}
	for k, v := range st.Counts {
		out.Counts[string(k)] = v
	}
	for i, row := range st.Rows {
		id := row.Report.ID
		out.Items[i] = api.RoundStatusRow{Unit: toAPIUnitRef(row.Report.Unit), ReportId: &id, State: api.ReportState(row.State),
			SubmittedAt: row.Report.SubmittedAt}
	}
	return out, nil
}

// GetReportingRoundStatusXLSX serves the status as a spreadsheet.
func (s *Server) GetReportingRoundStatusXLSX(ctx context.Context, r api.GetReportingRoundStatusXLSXRequestObject) (api.GetReportingRoundStatusXLSXResponseObject, error) {
	data, name, err := s.d.Reports.StatusDocument(ctx, r.RoundId)
	if err != nil {
		return nil, err
	}
	return api.GetReportingRoundStatusXLSX200ApplicationvndOpenxmlformatsOfficedocumentSpreadsheetmlSheetResponse{Body: bytes.NewReader(data),
		ContentLength: int64(len(data)), Headers: api.GetReportingRoundStatusXLSX200ResponseHeaders{ContentDisposition: `attachment; filename="` + name + `"`}}, nil
}

// ListReports lists reports.
func (s *Server) ListReports(ctx context.Context, r api.ListReportsRequestObject) (api.ListReportsResponseObject, error) {
	p := r.Params
	f := report.Filter{RoundID: p.RoundId, Limit: pageLimit(p.Limit), Cursor: cursorOf(ctx)}
	if p.Status != nil {
		f.Status = report.Status(*p.Status)
	}
	list, next, err := s.d.Reports.List(ctx, r.UnitId, p.Scope != nil && *p.Scope == api.ListReportsParamsScopeSubtree, f)
	if err != nil {
		return nil, err
	}
	items := make([]api.Report, len(list))
	for i, rep := range list {
		items[i] = s.toAPIReport(ctx, rep, rep.Figures) // frozen figures only, null before; GET computes live ones
	}
	return api.ListReports200JSONResponse{Items: items, NextCursor: nextCursor(ctx, next)}, nil
}

// GetReport returns a report with its figures.
func (s *Server) GetReport(ctx context.Context, r api.GetReportRequestObject) (api.GetReportResponseObject, error) {
	rep, f, err := s.d.Reports.Get(ctx, r.ReportId)
	if err != nil {
		return nil, err
	}
	return api.GetReport200JSONResponse{ReportOneJSONResponse: api.ReportOneJSONResponse{Body: s.toAPIReport(ctx, rep, &f),
		Headers: api.ReportOneResponseHeaders{ETag: etag(rep.Version)}}}, nil
}

// UpdateReport writes the narrative.
func (s *Server) UpdateReport(ctx context.Context, r api.UpdateReportRequestObject) (api.UpdateReportResponseObject, error) {
	b := r.Body
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (report.Report, error) {
		return s.d.Reports.Update(ctx, r.ReportId, v, report.Patch{Results: b.Results, Limitations: b.Limitations, Lessons: b.Lessons,
			Proposals: b.Proposals, NextSteps: b.NextSteps, MissingNote: b.MissingNote, Signature: signaturePatch(b.Signature)})
	}, s.reportOne)
	if err != nil {
		return nil, err
	}
	return api.UpdateReport200JSONResponse{ReportOneJSONResponse: resp}, nil
}

func signaturePatch(p *api.ReportSignaturePatch) *report.SignaturePatch {
	if p == nil {
		return nil
	}
	return &report.SignaturePatch{Recipients: p.Recipients, OnBehalf: p.OnBehalf, Title: p.Title, Name: p.Name}
}

// SubmitReport submits a report.
func (s *Server) SubmitReport(ctx context.Context, r api.SubmitReportRequestObject) (api.SubmitReportResponseObject, error) {
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (report.Report, error) { return s.d.Reports.Submit(ctx, r.ReportId, v) }, s.reportOne)
	if err != nil {
		return nil, err
	}
	return api.SubmitReport200JSONResponse{ReportOneJSONResponse: resp}, nil
}

// AcceptReport accepts a report.
func (s *Server) AcceptReport(ctx context.Context, r api.AcceptReportRequestObject) (api.AcceptReportResponseObject, error) {
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (report.Report, error) { return s.d.Reports.Accept(ctx, r.ReportId, v) }, s.reportOne)
	if err != nil {
		return nil, err
	}
	return api.AcceptReport200JSONResponse{ReportOneJSONResponse: resp}, nil
}

// ReturnReport returns a report with a reason.
func (s *Server) ReturnReport(ctx context.Context, r api.ReturnReportRequestObject) (api.ReturnReportResponseObject, error) {
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (report.Report, error) {
		return s.d.Reports.Return(ctx, r.ReportId, v, deref(r.Body.Reason))
	}, s.reportOne)
	if err != nil {
		return nil, err
	}
	return api.ReturnReport200JSONResponse{ReportOneJSONResponse: resp}, nil
}

// GetConsolidatedReport sums the children's figures.
func (s *Server) GetConsolidatedReport(ctx context.Context, r api.GetConsolidatedReportRequestObject) (api.GetConsolidatedReportResponseObject, error) {
	total, children, err := s.d.Reports.Consolidated(ctx, r.ReportId)
	if err != nil {
		return nil, err
	}
	out := api.GetConsolidatedReport200JSONResponse{ReportId: r.ReportId, Children: make([]api.ChildReport, len(children))}
	for i, c := range children {
		if c.Included {
			out.Totals = toAPIFigures(&total) // a sum of what was sent up, once something was
		}
		id, narrative := c.Report.ID, toAPINarrative(c.Report.Narrative)
		out.Children[i] = api.ChildReport{Unit: toAPIUnitRef(c.Report.Unit), ReportId: &id, State: api.ReportState(c.Report.State()),
			Included: c.Included, Narrative: &narrative}
	}
	return out, nil
}

// GetReportFile renders the report as PDF or XLSX.
func (s *Server) GetReportFile(ctx context.Context, r api.GetReportFileRequestObject) (api.GetReportFileResponseObject, error) {
	format := "xlsx"
	if r.File == "report.pdf" {
		format = "pdf"
	}
	data, name, err := s.d.Reports.Document(ctx, r.ReportId, format)
	if err != nil {
		return nil, err
	}
	headers := api.GetReportFile200ResponseHeaders{ContentDisposition: `attachment; filename="` + name + `"`}
	if format == "pdf" {
		return api.GetReportFile200ApplicationpdfResponse{Body: bytes.NewReader(data), ContentLength: int64(len(data)), Headers: headers}, nil
	}
	return api.GetReportFile200ApplicationvndOpenxmlformatsOfficedocumentSpreadsheetmlSheetResponse{Body: bytes.NewReader(data),
		ContentLength: int64(len(data)), Headers: headers}, nil
}
