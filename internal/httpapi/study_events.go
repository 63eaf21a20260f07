package httpapi

import (
	"bytes"
	"context"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"lamtheobac/api"
	"lamtheobac/internal/study"
)

func toAPIStudyEvent(ctx context.Context, svc *study.Service, e study.Event) api.StudyEvent {
	out := api.StudyEvent{Id: e.ID, Unit: toAPIUnitRef(e.Unit), Kind: api.StudyEventKind(e.Kind), Title: e.Title,
		HeldOn: openapi_types.Date{Time: e.HeldOn}, Place: e.Place, Participants: e.Participants, NominationIds: e.NominationIDs,
		PublicSummary: e.PublicSummary, Status: api.StudyEventStatus(e.Status), PublishedAt: e.PublishedAt, Version: e.Version,
		CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt, AllowedActions: []api.StudyEventAllowedActions{}}
	for _, a := range svc.AllowedEvent(ctx, e) {
		out.AllowedActions = append(out.AllowedActions, api.StudyEventAllowedActions(a))
	}
	return out
}

func toDomainEvent(b api.StudyEventInput) study.EventInput {
	in := study.EventInput{Kind: study.EventKind(b.Kind), Title: b.Title, HeldOn: b.HeldOn.Time, Place: deref(b.Place),
		Participants: deref(b.Participants), PublicSummary: deref(b.PublicSummary)}
	if b.NominationIds != nil {
		in.NominationIDs = *b.NominationIds
	}
	return in
}

// ListStudyEvents lists a unit's events.
func (s *Server) ListStudyEvents(ctx context.Context, r api.ListStudyEventsRequestObject) (api.ListStudyEventsResponseObject, error) {
	p := r.Params
	f := study.EventFilter{Limit: pageLimit(p.Limit), Cursor: cursorOf(ctx)}
	if p.Kind != nil {
		f.Kind = study.EventKind(*p.Kind)
	}
	if p.From != nil {
		f.From = &p.From.Time
	}
	if p.To != nil {
		f.To = &p.To.Time
	}
	list, next, err := s.d.Study.ListEvents(ctx, r.UnitId, p.Scope != nil && *p.Scope == api.ListStudyEventsParamsScopeSubtree, f)
	if err != nil {
		return nil, err
	}
	out := api.ListStudyEvents200JSONResponse{Items: make([]api.StudyEvent, len(list)), NextCursor: nextCursor(ctx, next)}
	for i, e := range list {
		out.Items[i] = toAPIStudyEvent(ctx, s.d.Study, e)
	}
	return out, nil
}

// CreateStudyEvent records an event.
func (s *Server) CreateStudyEvent(ctx context.Context, r api.CreateStudyEventRequestObject) (api.CreateStudyEventResponseObject, error) {
	e, err := s.d.Study.CreateEvent(ctx, r.UnitId, toDomainEvent(*r.Body))
	if err != nil {
		return nil, err
	}
	return api.CreateStudyEvent201JSONResponse{Body: toAPIStudyEvent(ctx, s.d.Study, e), Headers: api.CreateStudyEvent201ResponseHeaders{ETag: etag(e.Version)}}, nil
}

// GetStudyEvent returns an event.
func (s *Server) GetStudyEvent(ctx context.Context, r api.GetStudyEventRequestObject) (api.GetStudyEventResponseObject, error) {
	e, err := s.d.Study.GetEvent(ctx, r.EventId)
	if err != nil {
		return nil, err
	}
	return api.GetStudyEvent200JSONResponse{Body: toAPIStudyEvent(ctx, s.d.Study, e), Headers: api.GetStudyEvent200ResponseHeaders{ETag: etag(e.Version)}}, nil
}

// eventStep runs a change of an event with If-Match and answers the event and its ETag.
func (s *Server) eventStep(ctx context.Context, ifMatch *string, step func(v *int64) (study.Event, error)) (api.StudyEvent, string, error) {
	v, err := ifMatchVersion(ifMatch)
	if err != nil {
		return api.StudyEvent{}, "", err
	}
	e, err := step(v)
	if err != nil {
		return api.StudyEvent{}, "", err
	}
	return toAPIStudyEvent(ctx, s.d.Study, e), etag(e.Version), nil
}

// UpdateStudyEvent rewrites an unpublished event.
func (s *Server) UpdateStudyEvent(ctx context.Context, r api.UpdateStudyEventRequestObject) (api.UpdateStudyEventResponseObject, error) {
	body, tag, err := s.eventStep(ctx, r.Params.IfMatch, func(v *int64) (study.Event, error) {
		return s.d.Study.UpdateEvent(ctx, r.EventId, v, toDomainEvent(*r.Body))
	})
	if err != nil {
		return nil, err
	}
	return api.UpdateStudyEvent200JSONResponse{Body: body, Headers: api.UpdateStudyEvent200ResponseHeaders{ETag: tag}}, nil
}

// PublishStudyEvent publishes an event's public summary.
func (s *Server) PublishStudyEvent(ctx context.Context, r api.PublishStudyEventRequestObject) (api.PublishStudyEventResponseObject, error) {
	body, tag, err := s.eventStep(ctx, r.Params.IfMatch, func(v *int64) (study.Event, error) { return s.d.Study.PublishEvent(ctx, r.EventId, v) })
	if err != nil {
		return nil, err
	}
	return api.PublishStudyEvent200JSONResponse{Body: body, Headers: api.PublishStudyEvent200ResponseHeaders{ETag: tag}}, nil
}

// UnpublishStudyEvent takes an event off the portal.
func (s *Server) UnpublishStudyEvent(ctx context.Context, r api.UnpublishStudyEventRequestObject) (api.UnpublishStudyEventResponseObject, error) {
	body, tag, err := s.eventStep(ctx, r.Params.IfMatch, func(v *int64) (study.Event, error) { return s.d.Study.UnpublishEvent(ctx, r.EventId, v) })
	if err != nil {
		return nil, err
	}
	return api.UnpublishStudyEvent200JSONResponse{Body: body, Headers: api.UnpublishStudyEvent200ResponseHeaders{ETag: tag}}, nil
}

// DeleteStudyEvent deletes an unpublished event.
func (s *Server) DeleteStudyEvent(ctx context.Context, r api.DeleteStudyEventRequestObject) (api.DeleteStudyEventResponseObject, error) {
	v, err := ifMatchVersion(r.Params.IfMatch)
	if err != nil {
		return nil, err
	}
	if err := s.d.Study.DeleteEvent(ctx, r.EventId, v); err != nil {
		return nil, err
	}
	return api.DeleteStudyEvent204Response{}, nil
}

func toAPIStudyFigures(f study.Figures) api.StudyFigures {
	return api.StudyFigures{Unit: toAPIUnitRef(f.Unit), Units: f.Units, QuartersDue: f.QuartersDue, QuartersMet: f.QuartersMet,
		SessionsHeld: f.SessionsHeld, SessionsPlanned: f.SessionsPlanned, SessionsCancelled: f.SessionsCancelled, Present: f.Present,
		Excused: f.Excused, Absent: f.Absent, AttendanceRate: f.AttendanceRate(), Reflections: f.Reflections}
}

// GetStudySummary answers the study figures of a unit for a period.
func (s *Server) GetStudySummary(ctx context.Context, r api.GetStudySummaryRequestObject) (api.GetStudySummaryResponseObject, error) {
	period := study.FullYear
	if r.Params.Period != nil {
		period = study.Period(*r.Params.Period)
	}
	sum, err := s.d.Study.Summarize(ctx, r.UnitId, r.Params.Year, period)
	if err != nil {
		return nil, err
	}
	out := api.GetStudySummary200JSONResponse{Unit: toAPIUnitRef(sum.Unit), Year: sum.Year, Period: api.StudyPeriod(sum.Period),
		From: openapi_types.Date{Time: sum.From}, To: openapi_types.Date{Time: sum.To}, Total: toAPIStudyFigures(sum.Total),
		Rows: make([]api.StudyFigures, len(sum.Rows))}
	for i, f := range sum.Rows {
		out.Rows[i] = toAPIStudyFigures(f)
	}
	return out, nil
}

// IssueCalendarToken gives the caller a new calendar feed token.
func (s *Server) IssueCalendarToken(ctx context.Context, _ api.IssueCalendarTokenRequestObject) (api.IssueCalendarTokenResponseObject, error) {
	t, err := s.d.Study.IssueCalendarToken(ctx)
	if err != nil {
		return nil, err
	}
	return api.IssueCalendarToken201JSONResponse{Token: t.Token, CreatedAt: t.CreatedAt}, nil
}

// RevokeCalendarToken revokes the caller's calendar feed token.
func (s *Server) RevokeCalendarToken(ctx context.Context, _ api.RevokeCalendarTokenRequestObject) (api.RevokeCalendarTokenResponseObject, error) {
	if err := s.d.Study.RevokeCalendarToken(ctx); err != nil {
		return nil, err
	}
	return api.RevokeCalendarToken204Response{}, nil
}

// GetUnitCalendar serves a unit's coming sessions and events as iCalendar, for a feed token.
func (s *Server) GetUnitCalendar(ctx context.Context, r api.GetUnitCalendarRequestObject) (api.GetUnitCalendarResponseObject, error) {
	data, err := s.d.Study.Calendar(ctx, r.Params.Token, r.UnitId, s.d.PublicBaseURL)
	if err != nil {
		return nil, err
	}
	return api.GetUnitCalendar200TextcalendarResponse{Body: bytes.NewReader(data), ContentLength: int64(len(data))}, nil
}
