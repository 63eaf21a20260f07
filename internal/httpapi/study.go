package httpapi

import (
	"context"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"lamtheobac/api"
	"lamtheobac/internal/study"
)

func toAPIStudyTopic(ctx context.Context, svc *study.Service, t study.Topic) api.StudyTopic {
	out := api.StudyTopic{Id: t.ID, Unit: toAPIUnitRef(t.Unit), Title: t.Title, YearFrom: t.YearFrom, YearTo: t.YearTo, Summary: t.Summary,
		Links: make([]api.StudyLink, len(t.Links)), Version: t.Version, CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt,
		AllowedActions: []api.StudyTopicAllowedActions{}}
	for i, l := range t.Links {
		out.Links[i] = api.StudyLink{Title: l.Title, Url: l.URL}
	}
	for _, a := range svc.AllowedTopic(ctx, t) {
		out.AllowedActions = append(out.AllowedActions, api.StudyTopicAllowedActions(a))
	}
	return out
}

func toDomainTopic(b api.StudyTopicInput) study.TopicInput {
	in := study.TopicInput{Title: b.Title, YearFrom: b.YearFrom, YearTo: deref(b.YearTo), Summary: deref(b.Summary)}
	if b.Links != nil {
		in.Links = make([]study.Link, len(*b.Links))
		for i, l := range *b.Links {
			in.Links[i] = study.Link{Title: l.Title, URL: l.Url}
		}
	}
	return in
}

// ListStudyTopics lists the topics in force for a unit.
func (s *Server) ListStudyTopics(ctx context.Context, r api.ListStudyTopicsRequestObject) (api.ListStudyTopicsResponseObject, error) {
	list, next, err := s.d.Study.ListTopics(ctx, r.UnitId, deref(r.Params.Year), pageLimit(r.Params.Limit), cursorOf(ctx))
	if err != nil {
		return nil, err
	}
	out := api.ListStudyTopics200JSONResponse{Items: make([]api.StudyTopic, len(list)), NextCursor: nextCursor(ctx, next)}
	for i, t := range list {
		out.Items[i] = toAPIStudyTopic(ctx, s.d.Study, t)
	}
	return out, nil
}

// CreateStudyTopic issues a topic.
func (s *Server) CreateStudyTopic(ctx context.Context, r api.CreateStudyTopicRequestObject) (api.CreateStudyTopicResponseObject, error) {
	t, err := s.d.Study.CreateTopic(ctx, r.UnitId, toDomainTopic(*r.Body))
	if err != nil {
		return nil, err
	}
	return api.CreateStudyTopic201JSONResponse{Body: toAPIStudyTopic(ctx, s.d.Study, t), Headers: api.CreateStudyTopic201ResponseHeaders{ETag: etag(t.Version)}}, nil
}

// GetStudyTopic returns a topic.
func (s *Server) GetStudyTopic(ctx context.Context, r api.GetStudyTopicRequestObject) (api.GetStudyTopicResponseObject, error) {
	t, err := s.d.Study.GetTopic(ctx, r.TopicId)
	if err != nil {
		return nil, err
	}
	return api.GetStudyTopic200JSONResponse{Body: toAPIStudyTopic(ctx, s.d.Study, t), Headers: api.GetStudyTopic200ResponseHeaders{ETag: etag(t.Version)}}, nil
}

// UpdateStudyTopic rewrites a topic.
func (s *Server) UpdateStudyTopic(ctx context.Context, r api.UpdateStudyTopicRequestObject) (api.UpdateStudyTopicResponseObject, error) {
	v, err := ifMatchVersion(r.Params.IfMatch)
	if err != nil {
		return nil, err
	}
	t, err := s.d.Study.UpdateTopic(ctx, r.TopicId, v, toDomainTopic(*r.Body))
	if err != nil {
		return nil, err
	}
	return api.UpdateStudyTopic200JSONResponse{Body: toAPIStudyTopic(ctx, s.d.Study, t), Headers: api.UpdateStudyTopic200ResponseHeaders{ETag: etag(t.Version)}}, nil
}

// DeleteStudyTopic deletes a topic no session studied.
func (s *Server) DeleteStudyTopic(ctx context.Context, r api.DeleteStudyTopicRequestObject) (api.DeleteStudyTopicResponseObject, error) {
	v, err := ifMatchVersion(r.Params.IfMatch)
	if err != nil {
		return nil, err
	}
	if err := s.d.Study.DeleteTopic(ctx, r.TopicId, v); err != nil {
		return nil, err
	}
	return api.DeleteStudyTopic204Response{}, nil
}

func toAPIStudySession(ctx context.Context, svc *study.Service, x study.Session) api.StudySession {
	out := api.StudySession{Id: x.ID, Unit: toAPIUnitRef(x.Unit), TopicId: x.TopicID, TopicTitle: x.TopicTitle, StartsAt: x.StartsAt,
		DurationMinutes: int(x.Duration.Minutes()), Place: x.Place, Presenter: x.Presenter, Agenda: x.Agenda,
		Status: api.StudySessionStatus(x.Status), KeyPoints: x.KeyPoints, CancelReason: x.CancelReason, Version: x.Version,
		CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt, AllowedActions: []api.StudySessionAllowedActions{}}
	if x.HeldOn != nil {
		out.HeldOn = &openapi_types.Date{Time: *x.HeldOn}
	}
	for _, a := range svc.AllowedSession(ctx, x) {
		out.AllowedActions = append(out.AllowedActions, api.StudySessionAllowedActions(a))
	}
	return out
}

func toDomainSession(b api.StudySessionInput) study.SessionInput {
	return study.SessionInput{TopicID: b.TopicId, StartsAt: b.StartsAt, Minutes: deref(b.DurationMinutes), Place: deref(b.Place),
		Presenter: deref(b.Presenter), Agenda: deref(b.Agenda)}
}

// ListStudySessions lists a unit's sessions.
func (s *Server) ListStudySessions(ctx context.Context, r api.ListStudySessionsRequestObject) (api.ListStudySessionsResponseObject, error) {
	p := r.Params
	f := study.SessionFilter{From: p.From, To: p.To, Limit: pageLimit(p.Limit), Cursor: cursorOf(ctx)}
	if p.Status != nil {
		f.Status = study.SessionStatus(*p.Status)
	}
	list, next, err := s.d.Study.ListSessions(ctx, r.UnitId, p.Scope != nil && *p.Scope == api.ListStudySessionsParamsScopeSubtree, f)
	if err != nil {
		return nil, err
	}
	out := api.ListStudySessions200JSONResponse{Items: make([]api.StudySession, len(list)), NextCursor: nextCursor(ctx, next)}
	for i, x := range list {
		out.Items[i] = toAPIStudySession(ctx, s.d.Study, x)
	}
	return out, nil
}

// CreateStudySession schedules a session.
func (s *Server) CreateStudySession(ctx context.Context, r api.CreateStudySessionRequestObject) (api.CreateStudySessionResponseObject, error) {
	x, err := s.d.Study.CreateSession(ctx, r.UnitId, toDomainSession(*r.Body))
	if err != nil {
		return nil, err
	}
	return api.CreateStudySession201JSONResponse{Body: toAPIStudySession(ctx, s.d.Study, x),
		Headers: api.CreateStudySession201ResponseHeaders{ETag: etag(x.Version)}}, nil
}

// GetStudySession returns a session.
func (s *Server) GetStudySession(ctx context.Context, r api.GetStudySessionRequestObject) (api.GetStudySessionResponseObject, error) {
	x, err := s.d.Study.GetSession(ctx, r.SessionId)
	if err != nil {
		return nil, err
	}
	return api.GetStudySession200JSONResponse{Body: toAPIStudySession(ctx, s.d.Study, x), Headers: api.GetStudySession200ResponseHeaders{ETag: etag(x.Version)}}, nil
}

// sessionStep runs a change of a session with If-Match and answers the session and its ETag.
func (s *Server) sessionStep(ctx context.Context, ifMatch *string, step func(v *int64) (study.Session, error)) (api.StudySession, string, error) {
	v, err := ifMatchVersion(ifMatch)
	if err != nil {
		return api.StudySession{}, "", err
	}
	x, err := step(v)
	if err != nil {
		return api.StudySession{}, "", err
	}
	return toAPIStudySession(ctx, s.d.Study, x), etag(x.Version), nil
}

// UpdateStudySession reschedules a planned session.
func (s *Server) UpdateStudySession(ctx context.Context, r api.UpdateStudySessionRequestObject) (api.UpdateStudySessionResponseObject, error) {
	body, tag, err := s.sessionStep(ctx, r.Params.IfMatch, func(v *int64) (study.Session, error) {
		return s.d.Study.UpdateSession(ctx, r.SessionId, v, toDomainSession(*r.Body))
	})
	if err != nil {
		return nil, err
	}
	return api.UpdateStudySession200JSONResponse{Body: body, Headers: api.UpdateStudySession200ResponseHeaders{ETag: tag}}, nil
}

// RecordStudySession records the minutes of a held session.
func (s *Server) RecordStudySession(ctx context.Context, r api.RecordStudySessionRequestObject) (api.RecordStudySessionResponseObject, error) {
	m := study.Minutes{KeyPoints: r.Body.KeyPoints}
	if r.Body.HeldOn != nil {
		m.HeldOn = &r.Body.HeldOn.Time
	}
	body, tag, err := s.sessionStep(ctx, r.Params.IfMatch, func(v *int64) (study.Session, error) {
		return s.d.Study.RecordSession(ctx, r.SessionId, v, m)
	})
	if err != nil {
		return nil, err
	}
	return api.RecordStudySession200JSONResponse{Body: body, Headers: api.RecordStudySession200ResponseHeaders{ETag: tag}}, nil
}

// CancelStudySession cancels a planned session.
func (s *Server) CancelStudySession(ctx context.Context, r api.CancelStudySessionRequestObject) (api.CancelStudySessionResponseObject, error) {
	body, tag, err := s.sessionStep(ctx, r.Params.IfMatch, func(v *int64) (study.Session, error) {
		return s.d.Study.CancelSession(ctx, r.SessionId, v, r.Body.Reason)
	})
	if err != nil {
		return nil, err
	}
	return api.CancelStudySession200JSONResponse{Body: body, Headers: api.CancelStudySession200ResponseHeaders{ETag: tag}}, nil
}

// DeleteStudySession deletes a session never held.
func (s *Server) DeleteStudySession(ctx context.Context, r api.DeleteStudySessionRequestObject) (api.DeleteStudySessionResponseObject, error) {
	v, err := ifMatchVersion(r.Params.IfMatch)
	if err != nil {
		return nil, err
	}
	if err := s.d.Study.DeleteSession(ctx, r.SessionId, v); err != nil {
		return nil, err
	}
	return api.DeleteStudySession204Response{}, nil
}

func toAPIAttendance(x study.Session, rows []study.Attendance) api.StudyAttendance {
	out := api.StudyAttendance{SessionId: x.ID, SessionVersion: x.Version, Items: make([]api.StudyAttendanceItem, len(rows))}
	for i, a := range rows {
		name, note := a.MemberName, a.Note
		out.Items[i] = api.StudyAttendanceItem{MemberId: a.MemberID, MemberName: &name, Status: api.StudyAttendanceStatus(a.Status), Note: &note}
	}
	return out
}

// GetStudyAttendance lists a session's attendance.
func (s *Server) GetStudyAttendance(ctx context.Context, r api.GetStudyAttendanceRequestObject) (api.GetStudyAttendanceResponseObject, error) {
	x, rows, err := s.d.Study.Attendance(ctx, r.SessionId)
	if err != nil {
		return nil, err
	}
	return api.GetStudyAttendance200JSONResponse(toAPIAttendance(x, rows)), nil
}

// SetStudyAttendance replaces a held session's attendance.
func (s *Server) SetStudyAttendance(ctx context.Context, r api.SetStudyAttendanceRequestObject) (api.SetStudyAttendanceResponseObject, error) {
	v, err := ifMatchVersion(r.Params.IfMatch)
	if err != nil {
		return nil, err
	}
	in := make([]study.Attendance, len(r.Body.Items))
	for i, a := range r.Body.Items {
		in[i] = study.Attendance{MemberID: a.MemberId, Status: study.AttendanceStatus(a.Status), Note: deref(a.Note)}
	}
	x, rows, err := s.d.Study.SetAttendance(ctx, r.SessionId, v, in)
	if err != nil {
		return nil, err
	}
	return api.SetStudyAttendance200JSONResponse(toAPIAttendance(x, rows)), nil
}

func toAPIReflection(f study.Reflection) api.StudyReflection {
	return api.StudyReflection{SessionId: f.SessionID, MemberId: f.MemberID, MemberName: f.MemberName, Body: f.Body,
		CreatedAt: f.CreatedAt, UpdatedAt: f.UpdatedAt}
}

// ListStudyReflections lists a session's reflections.
func (s *Server) ListStudyReflections(ctx context.Context, r api.ListStudyReflectionsRequestObject) (api.ListStudyReflectionsResponseObject, error) {
	list, err := s.d.Study.Reflections(ctx, r.SessionId)
	if err != nil {
		return nil, err
	}
	out := api.ListStudyReflections200JSONResponse{Items: make([]api.StudyReflection, len(list))}
	for i, f := range list {
		out.Items[i] = toAPIReflection(f)
	}
	return out, nil
}

// WriteStudyReflection writes a member's reflection.
func (s *Server) WriteStudyReflection(ctx context.Context, r api.WriteStudyReflectionRequestObject) (api.WriteStudyReflectionResponseObject, error) {
	f, err := s.d.Study.WriteReflection(ctx, r.SessionId, r.MemberId, r.Body.Body)
	if err != nil {
		return nil, err
	}
	return api.WriteStudyReflection200JSONResponse(toAPIReflection(f)), nil
}
