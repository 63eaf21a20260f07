package httpapi

import (
	"bytes"
	"context"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"lamtheobac/api"
	"lamtheobac/internal/model"
)

func toAPIModel(ctx context.Context, svc *model.Service, m model.Model, figures []model.Series) api.Model {
	out := api.Model{Id: m.ID, Unit: toAPIUnitRef(m.Unit), Name: m.Name, Year: m.Year, Category: api.ModelCategory(m.Category),
		Implementer:     api.Implementer{Kind: api.ImplementerKind(m.Implementer.Kind), Name: m.Implementer.Name},
		LearningContent: m.LearningContent, NecessityText: m.NecessityText, ExpectedResults: m.ExpectedResults,
		Replicability: m.Replicability, Status: api.ModelStatus(m.Status), StatusReason: m.StatusReason, RegisteredAt: m.RegisteredAt,
		CarriedOverFrom: m.CarriedOverFrom, ReplicatedFrom: m.ReplicatedFrom, Version: m.Version, CreatedAt: m.CreatedAt,
		UpdatedAt: m.UpdatedAt, AllowedActions: svc.AllowedActions(ctx, m), NecessityReasons: make([]api.NecessityReason, len(m.NecessityReasons)),
		Measures: toAPIMeasures(m.Measures)}
	for i, r := range m.NecessityReasons {
		out.NecessityReasons[i] = api.NecessityReason(r)
	}
	if m.LatestRating != nil {
		r := api.Rating(*m.LatestRating)
		out.LatestRating = &r
	}
	if m.Reviews != nil {
		reviews := toAPIEvaluations(m.Reviews)
		out.ReviewerEvaluations = &reviews
	}
	out.Figures = toAPIFigureSeries(figures)
	return out
}

func toAPIMeasures(m model.Measures) api.Measures {
	plan := m.Plan
	ms := make([]api.Milestone, len(m.Milestones))
	for i, x := range m.Milestones {
		ms[i] = api.Milestone{Date: openapi_types.Date{Time: x.Date}, Description: x.Description}
	}
	cadence := api.MeasuresEvaluationCadenceQuarterly
	if m.Cadence == model.Monthly {
		cadence = api.MeasuresEvaluationCadenceMonthly
	}
	out := api.Measures{Plan: &plan, Milestones: &ms, EvaluationCadence: &cadence}
	if m.Monitor != nil {
		out.Monitor = &api.Monitor{Name: m.Monitor.Name, UserId: m.Monitor.UserID}
	}
	return out
}

func toDomainMeasures(m *api.Measures) *model.Measures {
	if m == nil {
		return nil
	}
	out := &model.Measures{Plan: deref(m.Plan), Milestones: []model.Milestone{}}
	if m.Milestones != nil {
		for _, x := range *m.Milestones {
			out.Milestones = append(out.Milestones, model.Milestone{Date: x.Date.Time, Description: x.Description})
		}
	}
	if m.Monitor != nil {
		out.Monitor = &model.Monitor{Name: m.Monitor.Name, UserID: m.Monitor.UserId}
	}
	if m.EvaluationCadence != nil {
		out.Cadence = model.Cadence(*m.EvaluationCadence)
	}
	return out
}

func toDomainReasons(rs *[]api.NecessityReason) *[]model.Reason {
	if rs == nil {
		return nil
	}
	out := make([]model.Reason, len(*rs))
	for i, r := range *rs {
		out[i] = model.Reason(r)
	}
	return &out
}

func toDomainImplementer(im *api.Implementer) *model.Implementer {
	if im == nil {
		return nil
	}
	return &model.Implementer{Kind: model.ImplementerKind(im.Kind), Name: im.Name}
}

func toDomainModelInput(b api.ModelPatch) model.Input {
	in := model.Input{Name: b.Name, Year: b.Year, Implementer: toDomainImplementer(b.Implementer), LearningContent: b.LearningContent,
		NecessityReasons: toDomainReasons(b.NecessityReasons), NecessityText: b.NecessityText, Measures: toDomainMeasures(b.Measures),
		ExpectedResults: b.ExpectedResults, Replicability: b.Replicability}
	if b.Category != nil {
		c := model.Category(*b.Category)
		in.Category = &c
	}
	return in
}

// modelWith answers with a model and its figures.
func (s *Server) modelWith(ctx context.Context, m model.Model, figures []model.Series) api.ModelOneJSONResponse {
	return api.ModelOneJSONResponse{Body: toAPIModel(ctx, s.d.Models, m, figures), Headers: api.ModelOneResponseHeaders{ETag: etag(m.Version)}}
}

// modelOne answers with a model as a workflow action leaves it (its figures are read by GET).
func (s *Server) modelOne(ctx context.Context, m model.Model) api.ModelOneJSONResponse {
	return s.modelWith(ctx, m, []model.Series{})
}

func (s *Server) toAPIModels(ctx context.Context, ms []model.Model, next string) api.ModelList {
	items := make([]api.Model, len(ms))
	for i, m := range ms {
		items[i] = toAPIModel(ctx, s.d.Models, m, []model.Series{})
	}
	return api.ModelList{Items: items, NextCursor: nextCursor(ctx, next)}
}

// ListModels lists a unit's (or its subtree's) models.
func (s *Server) ListModels(ctx context.Context, r api.ListModelsRequestObject) (api.ListModelsResponseObject, error) {
	p := r.Params
	f := model.Filter{Q: searchText(p.Q), Year: deref(p.Year), ReplicatedFrom: p.ReplicatedFrom, Limit: pageLimit(p.Limit), Cursor: cursorOf(ctx)}
	if p.Status != nil {
		f.Statuses = []model.Status{model.Status(*p.Status)}
	}
	if p.Category != nil {
		f.Category = model.Category(*p.Category)
	}
	subtree := p.Scope != nil && *p.Scope == api.ListModelsParamsScopeSubtree
	list, next, err := s.d.Models.ListStored(ctx, r.UnitId, subtree, f)
	if err != nil {
		return nil, err
	}
	return s.encodeModelList(ctx, list, nextCursor(ctx, next)), nil
}

// CreateModel drafts a model.
func (s *Server) CreateModel(ctx context.Context, r api.CreateModelRequestObject) (api.CreateModelResponseObject, error) {
	b := r.Body
	cat := model.Category(b.Category)
	in := toDomainModelInput(api.ModelPatch{Name: &b.Name, Year: &b.Year, Implementer: &b.Implementer, LearningContent: b.LearningContent,
		NecessityReasons: b.NecessityReasons, NecessityText: b.NecessityText, Measures: b.Measures, ExpectedResults: b.ExpectedResults,
		Replicability: b.Replicability})
	in.Category = &cat
	m, err := s.d.Models.Create(ctx, r.UnitId, in)
	if err != nil {
		return nil, err
	}
	return api.CreateModel201JSONResponse{Body: toAPIModel(ctx, s.d.Models, m, []model.Series{}),
		Headers: api.CreateModel201ResponseHeaders{ETag: etag(m.Version), Location: "/api/v1/models/" + m.ID.String()}}, nil
}

// GetModel returns a model with its figures.
func (s *Server) GetModel(ctx context.Context, r api.GetModelRequestObject) (api.GetModelResponseObject, error) {
	m, figures, err := s.d.Models.Get(ctx, r.ModelId)
	if err != nil {
		return nil, err
	}
	return encodeModelOne(&m, s.d.Models.AllowedActions(ctx, m.Model), figures)
}

// UpdateModel edits a draft or returned model.
func (s *Server) UpdateModel(ctx context.Context, r api.UpdateModelRequestObject) (api.UpdateModelResponseObject, error) {
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (model.Model, error) {
		return s.d.Models.Update(ctx, r.ModelId, v, toDomainModelInput(*r.Body))
	}, infallible(s.modelOne))
	if err != nil {
		return nil, err
	}
	return api.UpdateModel200JSONResponse{ModelOneJSONResponse: resp}, nil
}

// DeleteModel deletes a draft never registered.
func (s *Server) DeleteModel(ctx context.Context, r api.DeleteModelRequestObject) (api.DeleteModelResponseObject, error) {
	if err := removal(r.Params.IfMatch, func(v *int64) error { return s.d.Models.Delete(ctx, r.ModelId, v) }); err != nil {
		return nil, err
	}
	return api.DeleteModel204Response{}, nil
}

// transition runs one move of the workflow; the six generated handlers below only name it.
func (s *Server) transition(ctx context.Context, id uuid.UUID, a model.Action, ifMatch *string, reason *api.Reason) (api.ModelOneJSONResponse, error) {
	why := ""
	if reason != nil {
		why = reason.Reason
	}
	return step(ctx, ifMatch, func(v *int64) (model.Model, error) { return s.d.Models.Transition(ctx, id, a, v, why) },
		infallible(s.modelOne))
}

// RegisterModel registers a model with the unit above.
func (s *Server) RegisterModel(ctx context.Context, r api.RegisterModelRequestObject) (api.RegisterModelResponseObject, error) {
	resp, err := s.transition(ctx, r.ModelId, model.ActRegister, r.Params.IfMatch, nil)
	if err != nil {
		return nil, err
	}
	return api.RegisterModel200JSONResponse{ModelOneJSONResponse: resp}, nil
}

// ApproveModel approves a registered model.
func (s *Server) ApproveModel(ctx context.Context, r api.ApproveModelRequestObject) (api.ApproveModelResponseObject, error) {
	resp, err := s.transition(ctx, r.ModelId, model.ActApprove, r.Params.IfMatch, nil)
	if err != nil {
		return nil, err
	}
	return api.ApproveModel200JSONResponse{ModelOneJSONResponse: resp}, nil
}

// ReturnModel returns a registered model with a reason.
func (s *Server) ReturnModel(ctx context.Context, r api.ReturnModelRequestObject) (api.ReturnModelResponseObject, error) {
	resp, err := s.transition(ctx, r.ModelId, model.ActReturn, r.Params.IfMatch, r.Body)
	if err != nil {
		return nil, err
	}
	return api.ReturnModel200JSONResponse{ModelOneJSONResponse: resp}, nil
}

// StartModel starts an approved model.
func (s *Server) StartModel(ctx context.Context, r api.StartModelRequestObject) (api.StartModelResponseObject, error) {
	resp, err := s.transition(ctx, r.ModelId, model.ActStart, r.Params.IfMatch, nil)
	if err != nil {
		return nil, err
	}
	return api.StartModel200JSONResponse{ModelOneJSONResponse: resp}, nil
}

// CompleteModel completes a model in progress.
func (s *Server) CompleteModel(ctx context.Context, r api.CompleteModelRequestObject) (api.CompleteModelResponseObject, error) {
	resp, err := s.transition(ctx, r.ModelId, model.ActComplete, r.Params.IfMatch, nil)
	if err != nil {
		return nil, err
	}
	return api.CompleteModel200JSONResponse{ModelOneJSONResponse: resp}, nil
}

// RetireModel retires a model no longer suitable.
func (s *Server) RetireModel(ctx context.Context, r api.RetireModelRequestObject) (api.RetireModelResponseObject, error) {
	resp, err := s.transition(ctx, r.ModelId, model.ActRetire, r.Params.IfMatch, r.Body)
	if err != nil {
		return nil, err
	}
	return api.RetireModel200JSONResponse{ModelOneJSONResponse: resp}, nil
}

func toAPIEvaluation(e model.Evaluation) api.Evaluation {
	out := api.Evaluation{Id: e.ID, ModelId: e.ModelID, Year: e.Year, Period: api.EvaluationPeriod(e.Period), Awareness: e.Awareness,
		Attitude: e.Attitude, Action: e.Action, Rating: api.Rating(e.Rating), Note: e.Note, EvaluatorName: e.EvaluatorName,
		CreatedAt: e.CreatedAt, Metrics: make([]api.Metric, len(e.Metrics)), Kind: api.EvaluationKindSelf}
	if e.Kind == model.ReviewerEvaluation {
		out.Kind = api.EvaluationKindReviewer
	}
	if e.EvaluatorUnit != nil {
		u := toAPIUnitRef(*e.EvaluatorUnit)
		out.EvaluatorUnit = &u
	}
	for i, m := range e.Metrics {
		out.Metrics[i] = api.Metric{Name: m.Name, Unit: m.Unit, Baseline: m.Baseline, Value: m.Value}
	}
	return out
}

// ListModelEvaluations lists a model's evaluations.
func (s *Server) ListModelEvaluations(ctx context.Context, r api.ListModelEvaluationsRequestObject) (api.ListModelEvaluationsResponseObject, error) {
	evals, err := s.d.Models.Evaluations(ctx, r.ModelId)
	if err != nil {
		return nil, err
	}
	return api.ListModelEvaluations200JSONResponse{Items: toAPIEvaluations(evals)}, nil
}

// CreateModelEvaluation records the unit's self-evaluation of a model in progress.
func (s *Server) CreateModelEvaluation(ctx context.Context, r api.CreateModelEvaluationRequestObject) (api.CreateModelEvaluationResponseObject, error) {
	e, err := s.d.Models.Evaluate(ctx, r.ModelId, toDomainEvaluation(*r.Body))
	if err != nil {
		return nil, err
	}
	return api.CreateModelEvaluation201JSONResponse(toAPIEvaluation(e)), nil
}

// CreateModelReviewerEvaluation records the level above's evaluation of a model's quality.
func (s *Server) CreateModelReviewerEvaluation(ctx context.Context, r api.CreateModelReviewerEvaluationRequestObject) (api.CreateModelReviewerEvaluationResponseObject, error) {
	e, err := s.d.Models.Appraise(ctx, r.ModelId, toDomainEvaluation(*r.Body))
	if err != nil {
		return nil, err
	}
	return api.CreateModelReviewerEvaluation201JSONResponse(toAPIEvaluation(e)), nil
}

// toDomainEvaluation is an evaluation as the client wrote it.
func toDomainEvaluation(b api.EvaluationInput) model.EvaluationInput {
	in := model.EvaluationInput{Year: b.Year, Period: model.Period(b.Period), Awareness: deref(b.Awareness), Attitude: deref(b.Attitude),
		Action: deref(b.Action), Rating: model.Rating(b.Rating), Note: deref(b.Note)}
	if b.Metrics != nil {
		for _, m := range *b.Metrics {
			in.Metrics = append(in.Metrics, model.Metric{Name: m.Name, Unit: m.Unit, Baseline: m.Baseline, Value: m.Value})
		}
	}
	return in
}

// CarryOverModel copies a model into a later year.
func (s *Server) CarryOverModel(ctx context.Context, r api.CarryOverModelRequestObject) (api.CarryOverModelResponseObject, error) {
	m, err := s.d.Models.CarryOver(ctx, r.ModelId, r.Body.Year)
	if err != nil {
		return nil, err
	}
	return api.CarryOverModel201JSONResponse{Body: toAPIModel(ctx, s.d.Models, m, []model.Series{}),
		Headers: api.CarryOverModel201ResponseHeaders{ETag: etag(m.Version), Location: "/api/v1/models/" + m.ID.String()}}, nil
}

// ReplicateModel creates linked drafts in other units.
func (s *Server) ReplicateModel(ctx context.Context, r api.ReplicateModelRequestObject) (api.ReplicateModelResponseObject, error) {
	ms, err := s.d.Models.Replicate(ctx, r.ModelId, r.Body.UnitIds)
	if err != nil {
		return nil, err
	}
	return api.ReplicateModel201JSONResponse(s.toAPIModels(ctx, ms, "")), nil
}

func toAPIModelRef(m model.Model) api.ModelRef {
	return api.ModelRef{Id: m.ID, Name: m.Name, Year: m.Year, Status: api.ModelStatus(m.Status), Unit: toAPIUnitRef(m.Unit)}
}

func toAPIModelRefs(ms []model.Model) []api.ModelRef {
	out := make([]api.ModelRef, len(ms))
	for i, m := range ms {
		out[i] = toAPIModelRef(m)
	}
	return out
}

// GetModelLineage returns a model's replication family and carry-over chain.
func (s *Server) GetModelLineage(ctx context.Context, r api.GetModelLineageRequestObject) (api.GetModelLineageResponseObject, error) {
	l, err := s.d.Models.Lineage(ctx, r.ModelId)
	if err != nil {
		return nil, err
	}
	out := api.GetModelLineage200JSONResponse{Source: toAPIModelRef(l.Source), Replicas: make([]api.ModelReplica, len(l.Replicas)),
		CarriedFrom: toAPIModelRefs(l.CarriedFrom), CarriedTo: toAPIModelRefs(l.CarriedTo)}
	for i, m := range l.Replicas {
		out.Replicas[i] = api.ModelReplica{Id: m.ID, Name: m.Name, Year: m.Year, Status: api.ModelStatus(m.Status),
			Unit: toAPIUnitRef(m.Unit), ReplicatedFrom: deref(m.ReplicatedFrom)}
	}
	return out, nil
}

// ListModelSuggestions serves the catalog of suggested models.
func (s *Server) ListModelSuggestions(ctx context.Context, _ api.ListModelSuggestionsRequestObject) (api.ListModelSuggestionsResponseObject, error) {
	groups := model.Suggestions()
	out := api.ListModelSuggestions200JSONResponse{Groups: make([]api.SuggestionGroup, len(groups))}
	for i, g := range groups {
		sg := api.SuggestionGroup{Category: api.ModelCategory(g.Category), Label: g.Label, Source: g.Source,
			Suggestions: make([]api.Suggestion, len(g.Suggestions))}
		for j, x := range g.Suggestions {
			sg.Suggestions[j] = api.Suggestion{Name: x.Name, Description: x.Description}
		}
		out.Groups[i] = sg
	}
	return out, nil
}

// GetModelCoverage lists the units without a model for a year.
func (s *Server) GetModelCoverage(ctx context.Context, r api.GetModelCoverageRequestObject) (api.GetModelCoverageResponseObject, error) {
	page, err := s.d.Models.Coverage(ctx, r.UnitId, r.Params.Year, pageLimit(r.Params.Limit), cursorOf(ctx))
	if err != nil {
		return nil, err
	}
	out := api.GetModelCoverage200JSONResponse{Year: page.Year, Items: make([]api.UnitRef, len(page.Units)), NextCursor: nextCursor(ctx, page.Next)}
	out.Totals.Units, out.Totals.WithModel, out.Totals.WithoutModel = page.Total, page.WithModel, page.NoneCount
	for i, u := range page.Units {
		out.Items[i] = toAPIUnitRef(u.Ref())
	}
	return out, nil
}

// GetModelForm fills Biểu mẫu 1, 2 or 3 as XLSX or CSV.
func (s *Server) GetModelForm(ctx context.Context, r api.GetModelFormRequestObject) (api.GetModelFormResponseObject, error) {
	file, err := model.ParseFormFile(r.Form)
	if err != nil {
		return nil, err
	}
	p := r.Params
	data, name, err := s.d.Models.Form(ctx, r.UnitId, file, model.FormYears{Year: p.Year, From: p.FromYear, To: p.ToYear, Occasion: p.Occasion})
	if err != nil {
		return nil, err
	}
	headers := api.GetModelForm200ResponseHeaders{ContentDisposition: `attachment; filename="` + name + `"`}
	if file.Format == "csv" {
		return api.GetModelForm200TextcsvResponse{Body: bytes.NewReader(data), ContentLength: int64(len(data)), Headers: headers}, nil
	}
	return api.GetModelForm200ApplicationvndOpenxmlformatsOfficedocumentSpreadsheetmlSheetResponse{Body: bytes.NewReader(data),
		ContentLength: int64(len(data)), Headers: headers}, nil
}
