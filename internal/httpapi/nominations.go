package httpapi

import (
	"context"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"lamtheobac/api"
	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
)

func toAPINomination(ctx context.Context, svc *nomination.Service, n nomination.Nomination) api.Nomination {
	out := api.Nomination{Id: n.ID, Unit: toAPIUnitRef(n.Unit), Year: n.Year, RoundId: n.RoundID, Achievements: n.Achievements,
		PublicSummary: n.PublicSummary, ModelIds: n.ModelIDs, Status: api.NominationStatus(n.Status), StatusReason: n.StatusReason,
		Holder: toAPIUnitRef(n.Holder), Published: n.PublishedAt != nil, PublishedAt: n.PublishedAt, Version: n.Version,
		CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt, AllowedActions: svc.AllowedActions(ctx, n),
		Criteria: make([]api.CriterionAnswer, len(n.Criteria)),
		Subject:  api.SubjectView{Kind: api.SubjectKind(n.Subject.Kind), Name: n.Subject.Name()}}
	for i, a := range n.Criteria {
		ev := a.Evidence
		out.Criteria[i] = api.CriterionAnswer{Code: a.Code, Met: a.Met, Evidence: &ev}
	}
	sv := &out.Subject
	if n.Subject.Unit != nil {
		ref := toAPIUnitRef(*n.Subject.Unit)
		sv.Unit = &ref
	}
	if n.Subject.Kind == nomination.Individual {
		pos, pm, leader := n.Subject.Position, n.Subject.PartyMember, n.Subject.Leader
		sv.Position, sv.PartyMember, sv.Leader = &pos, &pm, &leader
	} else if n.Subject.DepartmentName != "" {
		d := n.Subject.DepartmentName
		sv.DepartmentName = &d
	}
	if m := n.Mentor; m != nil {
		out.Mentor = &api.Monitor{Name: m.Name, UserId: m.UserID}
	}
	if d := n.Decision; d != nil {
		out.Decision = &api.CommendDecision{Number: d.Number, Date: openapi_types.Date{Time: d.Date}, Authority: d.Authority, Form: d.Form}
	}
	if c := n.Consent; c != nil {
		note := c.Note
		out.Consent = &api.Consent{Given: c.Given, Note: &note, RecordedAt: c.RecordedAt}
	}
	if e := n.HonorEntry; e != nil {
		out.HonorEntry = &api.HonorEntryRef{Unit: toAPIUnitRef(e.Unit), Year: e.Year, Number: e.Number}
	}
	return out
}

func (s *Server) nominationOne(ctx context.Context, n nomination.Nomination) api.NominationOneJSONResponse {
	return api.NominationOneJSONResponse{Body: toAPINomination(ctx, s.d.Nominations, n), Headers: api.NominationOneResponseHeaders{ETag: etag(n.Version)}}
}

func toDomainSubject(s *api.Subject) *nomination.Subject {
	if s == nil {
		return nil
	}
	out := &nomination.Subject{Kind: nomination.SubjectKind(s.Kind), UnitID: s.UnitId, DepartmentName: deref(s.DepartmentName),
		FullName: deref(s.FullName), Position: deref(s.Position), PartyMember: deref(s.PartyMember), Leader: deref(s.Leader)}
	return out
}

func toDomainAnswers(as *[]api.CriterionAnswer) *[]nomination.Answer {
	if as == nil {
		return nil
	}
	out := make([]nomination.Answer, len(*as))
	for i, a := range *as {
		out[i] = nomination.Answer{Code: a.Code, Met: a.Met, Evidence: deref(a.Evidence)}
	}
	return &out
}

func toDomainNominationInput(b api.NominationPatch) nomination.Input {
	return nomination.Input{Year: b.Year, RoundID: b.RoundId, Subject: toDomainSubject(b.Subject), Achievements: b.Achievements,
		PublicSummary: b.PublicSummary, ModelIDs: b.ModelIds, Criteria: toDomainAnswers(b.Criteria)}
}

// ListCriteria serves the criteria checklist.
func (s *Server) ListCriteria(ctx context.Context, _ api.ListCriteriaRequestObject) (api.ListCriteriaResponseObject, error) {
	cs := nomination.CriteriaCatalog()
	out := api.ListCriteria200JSONResponse{Items: make([]api.Criterion, len(cs))}
	for i, c := range cs {
		out.Items[i] = api.Criterion{Code: c.Code, Group: api.CriterionGroup(c.Group), Text: c.Text}
	}
	return out, nil
}

// ListNominations lists a unit's nominations.
func (s *Server) ListNominations(ctx context.Context, r api.ListNominationsRequestObject) (api.ListNominationsResponseObject, error) {
	p := r.Params
	f := nomination.Filter{Year: deref(p.Year), Q: searchText(p.Q), Limit: pageLimit(p.Limit), Cursor: cursorOf(ctx)}
	if p.Status != nil {
		f.Status = nomination.Status(*p.Status)
	}
	scope := "own"
	if p.Scope != nil {
		scope = string(*p.Scope)
	}
	list, next, err := s.d.Nominations.List(ctx, r.UnitId, scope, f)
	if err != nil {
		return nil, err
	}
	items := make([]api.Nomination, len(list))
	for i, n := range list {
		items[i] = toAPINomination(ctx, s.d.Nominations, n)
	}
	return api.ListNominations200JSONResponse{Items: items, NextCursor: nextCursor(ctx, next)}, nil
}

// CreateNomination nominates an exemplar.
func (s *Server) CreateNomination(ctx context.Context, r api.CreateNominationRequestObject) (api.CreateNominationResponseObject, error) {
	b := r.Body
	in := toDomainNominationInput(api.NominationPatch{Year: &b.Year, RoundId: b.RoundId, Subject: &b.Subject, Achievements: b.Achievements,
		PublicSummary: b.PublicSummary, ModelIds: b.ModelIds, Criteria: b.Criteria})
	n, err := s.d.Nominations.Create(ctx, r.UnitId, in)
	if err != nil {
		return nil, err
	}
	return api.CreateNomination201JSONResponse{Body: toAPINomination(ctx, s.d.Nominations, n),
		Headers: api.CreateNomination201ResponseHeaders{ETag: etag(n.Version), Location: "/api/v1/nominations/" + n.ID.String()}}, nil
}

// GetNomination returns a nomination.
func (s *Server) GetNomination(ctx context.Context, r api.GetNominationRequestObject) (api.GetNominationResponseObject, error) {
	n, err := s.d.Nominations.Get(ctx, r.NominationId)
	if err != nil {
		return nil, err
	}
	return api.GetNomination200JSONResponse{NominationOneJSONResponse: s.nominationOne(ctx, n)}, nil
}

// UpdateNomination edits a draft or returned nomination.
func (s *Server) UpdateNomination(ctx context.Context, r api.UpdateNominationRequestObject) (api.UpdateNominationResponseObject, error) {
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (nomination.Nomination, error) {
		return s.d.Nominations.Update(ctx, r.NominationId, v, toDomainNominationInput(*r.Body))
	}, infallible(s.nominationOne))
	if err != nil {
		return nil, err
	}
	return api.UpdateNomination200JSONResponse{NominationOneJSONResponse: resp}, nil
}

// DeleteNomination deletes a draft never submitted.
func (s *Server) DeleteNomination(ctx context.Context, r api.DeleteNominationRequestObject) (api.DeleteNominationResponseObject, error) {
	if err := removal(r.Params.IfMatch, func(v *int64) error { return s.d.Nominations.Delete(ctx, r.NominationId, v) }); err != nil {
		return nil, err
	}
	return api.DeleteNomination204Response{}, nil
}

// SubmitNomination submits to the unit above.
func (s *Server) SubmitNomination(ctx context.Context, r api.SubmitNominationRequestObject) (api.SubmitNominationResponseObject, error) {
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (nomination.Nomination, error) {
		return s.d.Nominations.Submit(ctx, r.NominationId, v)
	}, infallible(s.nominationOne))
	if err != nil {
		return nil, err
	}
	return api.SubmitNomination200JSONResponse{NominationOneJSONResponse: resp}, nil
}

// EndorseNomination forwards one level up.
func (s *Server) EndorseNomination(ctx context.Context, r api.EndorseNominationRequestObject) (api.EndorseNominationResponseObject, error) {
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (nomination.Nomination, error) {
		return s.d.Nominations.Endorse(ctx, r.NominationId, v)
	}, infallible(s.nominationOne))
	if err != nil {
		return nil, err
	}
	return api.EndorseNomination200JSONResponse{NominationOneJSONResponse: resp}, nil
}

// ReturnNomination returns with a reason.
func (s *Server) ReturnNomination(ctx context.Context, r api.ReturnNominationRequestObject) (api.ReturnNominationResponseObject, error) {
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (nomination.Nomination, error) {
		return s.d.Nominations.Return(ctx, r.NominationId, v, r.Body.Reason)
	}, infallible(s.nominationOne))
	if err != nil {
		return nil, err
	}
	return api.ReturnNomination200JSONResponse{NominationOneJSONResponse: resp}, nil
}

// RejectNomination rejects with a reason.
func (s *Server) RejectNomination(ctx context.Context, r api.RejectNominationRequestObject) (api.RejectNominationResponseObject, error) {
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (nomination.Nomination, error) {
		return s.d.Nominations.Reject(ctx, r.NominationId, v, r.Body.Reason)
	}, infallible(s.nominationOne))
	if err != nil {
		return nil, err
	}
	return api.RejectNomination200JSONResponse{NominationOneJSONResponse: resp}, nil
}

// CommendNomination records the commendation decision.
func (s *Server) CommendNomination(ctx context.Context, r api.CommendNominationRequestObject) (api.CommendNominationResponseObject, error) {
	b := r.Body
	d := nomination.Decision{Number: deref(b.DecisionNumber), Authority: deref(b.Authority), Form: deref(b.Form)}
	if b.DecisionDate != nil {
		d.Date = b.DecisionDate.Time
	}
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (nomination.Nomination, error) {
		return s.d.Nominations.Commend(ctx, r.NominationId, v, d)
	}, infallible(s.nominationOne))
	if err != nil {
		return nil, err
	}
	return api.CommendNomination200JSONResponse{NominationOneJSONResponse: resp}, nil
}

// HonorNomination writes it into the honor roll.
func (s *Server) HonorNomination(ctx context.Context, r api.HonorNominationRequestObject) (api.HonorNominationResponseObject, error) {
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (nomination.Nomination, error) {
		return s.d.Nominations.Honor(ctx, r.NominationId, v)
	}, infallible(s.nominationOne))
	if err != nil {
		return nil, err
	}
	return api.HonorNomination200JSONResponse{NominationOneJSONResponse: resp}, nil
}

// RecordNominationConsent records the individual's consent.
func (s *Server) RecordNominationConsent(ctx context.Context, r api.RecordNominationConsentRequestObject) (api.RecordNominationConsentResponseObject, error) {
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (nomination.Nomination, error) {
		return s.d.Nominations.RecordConsent(ctx, r.NominationId, v, r.Body.Given, deref(r.Body.Note))
	}, infallible(s.nominationOne))
	if err != nil {
		return nil, err
	}
	return api.RecordNominationConsent200JSONResponse{NominationOneJSONResponse: resp}, nil
}

// GetNominationHistory lists every decision.
func (s *Server) GetNominationHistory(ctx context.Context, r api.GetNominationHistoryRequestObject) (api.GetNominationHistoryResponseObject, error) {
	events, err := s.d.Nominations.History(ctx, r.NominationId)
	if err != nil {
		return nil, err
	}
	out := api.GetNominationHistory200JSONResponse{Items: make([]api.NominationEvent, len(events))}
	for i, e := range events {
		ev := api.NominationEvent{Action: e.Action, ToStatus: string(e.To), ActorId: e.ActorID, ActorName: e.ActorName, Reason: e.Reason, At: e.At}
		if e.From != nil {
			from := string(*e.From)
			ev.FromStatus = &from
		}
		if e.Holder != nil {
			ref := toAPIUnitRef(*e.Holder)
			ev.Holder = &ref
		}
		out.Items[i] = ev
	}
	return out, nil
}

// SetNominationMentor assigns the mentor.
func (s *Server) SetNominationMentor(ctx context.Context, r api.SetNominationMentorRequestObject) (api.SetNominationMentorResponseObject, error) {
	n, err := s.d.Nominations.SetMentor(ctx, r.NominationId, model.Monitor{Name: r.Body.Name, UserID: r.Body.UserId})
	if err != nil {
		return nil, err
	}
	return api.SetNominationMentor200JSONResponse{NominationOneJSONResponse: s.nominationOne(ctx, n)}, nil
}

func toAPINote(n nomination.Note) api.ProgressNote {
	return api.ProgressNote{Id: n.ID, Period: n.Period, Label: n.Label, Text: n.Text, AuthorName: n.AuthorName, CreatedAt: n.CreatedAt}
}

// ListNominationNotes lists progress notes.
func (s *Server) ListNominationNotes(ctx context.Context, r api.ListNominationNotesRequestObject) (api.ListNominationNotesResponseObject, error) {
	notes, err := s.d.Nominations.Notes(ctx, r.NominationId)
	if err != nil {
		return nil, err
	}
	out := api.ListNominationNotes200JSONResponse{Items: make([]api.ProgressNote, len(notes))}
	for i, n := range notes {
		out.Items[i] = toAPINote(n)
	}
	return out, nil
}

// CreateNominationNote adds a progress note.
func (s *Server) CreateNominationNote(ctx context.Context, r api.CreateNominationNoteRequestObject) (api.CreateNominationNoteResponseObject, error) {
	n, err := s.d.Nominations.AddNote(ctx, r.NominationId, string(r.Body.Period), r.Body.Label, r.Body.Text)
	if err != nil {
		return nil, err
	}
	return api.CreateNominationNote201JSONResponse(toAPINote(n)), nil
}

// GetHonorRoll lists a unit's honor roll.
func (s *Server) GetHonorRoll(ctx context.Context, r api.GetHonorRollRequestObject) (api.GetHonorRollResponseObject, error) {
	entries, next, err := s.d.Nominations.HonorRoll(ctx, r.UnitId, deref(r.Params.Year), pageLimit(r.Params.Limit), cursorOf(ctx))
	if err != nil {
		return nil, err
	}
	out := api.GetHonorRoll200JSONResponse{Items: make([]api.HonorEntry, len(entries)), NextCursor: nextCursor(ctx, next)}
	for i, e := range entries {
		he := api.HonorEntry{Number: e.Number, Year: e.Year, Unit: toAPIUnitRef(e.Unit), NominationId: e.NominationID,
			SubjectName: e.SubjectName, SubjectKind: api.SubjectKind(e.SubjectKind), HonoredAt: e.HonoredAt}
		if d := e.Decision; d != nil {
			he.Decision = &api.CommendDecision{Number: d.Number, Date: openapi_types.Date{Time: d.Date}, Authority: d.Authority, Form: d.Form}
		}
		out.Items[i] = he
	}
	return out, nil
}

// GetExemplarCoverage lists units short of the exemplar target.
func (s *Server) GetExemplarCoverage(ctx context.Context, r api.GetExemplarCoverageRequestObject) (api.GetExemplarCoverageResponseObject, error) {
	page, err := s.d.Nominations.Coverage(ctx, r.UnitId, r.Params.Year, pageLimit(r.Params.Limit), cursorOf(ctx))
	if err != nil {
		return nil, err
	}
	out := api.GetExemplarCoverage200JSONResponse{Year: page.Year, Items: make([]api.ExemplarCoverageRow, len(page.Rows)), NextCursor: nextCursor(ctx, page.Next)}
	out.Totals.Units, out.Totals.MeetingTarget, out.Totals.ShortOfTarget = page.Units, page.Meeting, page.ShortCount
	for i, row := range page.Rows {
		out.Items[i] = api.ExemplarCoverageRow{Unit: toAPIUnitRef(row.Unit.Ref()), Collective: row.Collective, Individual: row.Individual}
	}
	return out, nil
}

func (s *Server) toAPIRound(r nomination.Round) api.HonoringRound {
	return api.HonoringRound{Id: r.ID, Unit: toAPIUnitRef(r.Unit), Title: r.Title, Year: r.Year,
		NominationDeadline: openapi_types.Date{Time: r.Deadline}, Open: r.Open(s.d.Nominations.Now()), CreatedAt: r.CreatedAt}
}

// ListHonoringRounds lists the rounds at a unit and above it.
func (s *Server) ListHonoringRounds(ctx context.Context, r api.ListHonoringRoundsRequestObject) (api.ListHonoringRoundsResponseObject, error) {
	rounds, err := s.d.Nominations.Rounds(ctx, r.UnitId)
	if err != nil {
		return nil, err
	}
	out := api.ListHonoringRounds200JSONResponse{Items: make([]api.HonoringRound, len(rounds))}
	for i, rd := range rounds {
		out.Items[i] = s.toAPIRound(rd)
	}
	return out, nil
}

// CreateHonoringRound opens an honoring round.
func (s *Server) CreateHonoringRound(ctx context.Context, r api.CreateHonoringRoundRequestObject) (api.CreateHonoringRoundResponseObject, error) {
	rd, err := s.d.Nominations.CreateRound(ctx, r.UnitId, r.Body.Title, r.Body.Year, r.Body.NominationDeadline.Time)
	if err != nil {
		return nil, err
	}
	return api.CreateHonoringRound201JSONResponse(s.toAPIRound(rd)), nil
}
