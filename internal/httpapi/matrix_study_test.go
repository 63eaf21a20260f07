package httpapi_test

import (
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// mxStudyRows is the rows of study topics, sessions, attendance, reflections, events, the
// figures and the calendar feed. Topics are issued by the officers of a bloc or committee for
// their own unit and read by every reader of it (units below study them), never by portal
// clients; sessions and events belong to their unit's drafters and are read by those whose roles
// cover the unit; events are published by the officers over the unit with the publish right.
func mxStudyRows(w *mxWorld) []mxRow {
	e, unit, get := w.e, w.unit, w.get
	now := time.Now().UTC()
	year := now.Year()
	admin := func(e *env, method, path string, body any) map[string]any {
		e.t.Helper()
		return e.do(req{Method: method, Path: path, User: "admin", Body: body}).JSON(e.t)
	}
	// Topics span the years around now, so that a session an hour ago is in force whatever the
	// time zone makes of the turn of a year.
	topicBody := func(title string) map[string]any {
		return map[string]any{"title": title, "year_from": year - 1, "year_to": year + 1}
	}
	topic := func(e *env, code string) string {
		e.t.Helper()
		return admin(e, "POST", "/api/v1/units/"+unit(code)+"/study-topics", topicBody("Chuyên đề ma trận"))["id"].(string)
	}
	sctTopic, mxTopic := topic(e, "DU-SCT"), topic(e, "MX-DU")
	sessionBody := func(topicID string) map[string]any {
		return map[string]any{"topic_id": topicID, "starts_at": now.Add(-time.Hour).Format(time.RFC3339), "place": "Phòng họp"}
	}
	// session schedules a session at a cell as admin, held when held is set.
	session := func(e *env, code, topicID string, held bool) string {
		e.t.Helper()
		id := admin(e, "POST", "/api/v1/units/"+unit(code)+"/study-sessions", sessionBody(topicID))["id"].(string)
		if held {
			admin(e, "POST", "/api/v1/study-sessions/"+id+"/record", map[string]any{"key_points": "Nội dung chính"})
		}
		return id
	}
	vpMembers := e.stMembers("CB-VP")
	vpHeld, vpPlanned, mxHeld := session(e, "CB-VP", sctTopic, true), session(e, "CB-VP", sctTopic, false), session(e, "MX-CB", mxTopic, true)
	// The demo member's reflection on it, so that it waits on nobody in the rows of /me/tasks.
	admin(e, "PUT", "/api/v1/study-sessions/"+vpHeld+"/reflections/"+vpMembers["Hoàng Văn Nam"], map[string]any{"body": "Bài thu hoạch"})
	eventBody := map[string]any{"kind": "exchange", "title": "Giao lưu", "held_on": now.Format(time.DateOnly), "public_summary": "Tóm tắt công khai"}
	event := func(e *env, code string, published bool) string {
		e.t.Helper()
		id := admin(e, "POST", "/api/v1/units/"+unit(code)+"/events", eventBody)["id"].(string)
		if published {
			admin(e, "POST", "/api/v1/events/"+id+"/publish", nil)
		}
		return id
	}
	// Published events are on the public feed, which the portal rows read before these run:
	// the published ones here are made when their row runs.
	mxEvent := event(e, "MX-DU", false)

	on := func(path, method string, body any) func(*env, string) req {
		return func(*env, string) req { return req{Method: method, Path: path, Body: body} }
	}
	// fresh makes a new record as admin for each caller, then acts on it.
	fresh := func(mk func(e *env) string, prefix, suffix, method string, body any) func(*env, string) req {
		return func(e *env, _ string) req { return req{Method: method, Path: prefix + mk(e) + suffix, Body: body} }
	}
	newTopic := func(code string) func(e *env) string { return func(e *env) string { return topic(e, code) } }
	newSession := func(code string, held bool) func(e *env) string {
		return func(e *env) string { return session(e, code, sctTopic, held) }
	}
	newEvent := func(code string, published bool) func(e *env) string {
		return func(e *env) string { return event(e, code, published) }
	}
	// withToken issues a calendar token to user and asks for the feed of code with it (the
	// caller's own bearer token, if any, changes nothing: the feed token decides).
	withToken := func(user, code, suffix string) func(*env, string) req {
		return func(e *env, _ string) req {
			tok := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/me/calendar-token", User: user}).JSON(e.t)["token"].(string)
			return req{Method: "GET", Path: "/api/v1/units/" + unit(code) + "/calendar.ics?token=" + tok + suffix}
		}
	}
	// ownToken issues the caller a token first, so that there is one to revoke.
	ownToken := func(e *env, caller string) req {
		if caller != "" && caller != "portal" {
			e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/me/calendar-token", User: caller})
		}
		return req{Method: "DELETE", Path: "/api/v1/me/calendar-token"}
	}
	topics := func(code string) string { return "/api/v1/units/" + unit(code) + "/study-topics" }
	sessions := func(code string) string { return "/api/v1/units/" + unit(code) + "/study-sessions" }
	events := func(code string) string { return "/api/v1/units/" + unit(code) + "/events" }
	summary := func(code string) string {
		return "/api/v1/units/" + unit(code) + "/study-summary?year=" + strconv.Itoa(year)
	}
	st, sess, ev := "/api/v1/study-topics/", "/api/v1/study-sessions/", "/api/v1/events/"
	noneForPortal := mxCount(map[string]int{"portal": 0})
	planned := map[string]any{"key_points": "Đã tổ chức"}
	return []mxRow{
		{op: "listStudyTopics", target: "CB-VP (the bloc's, DU-SCT's)", build: get(topics("CB-VP")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: noneForPortal},
		{op: "listStudyTopics", target: "foreign cell", build: get(topics("MX-CB")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxCount(map[string]int{"admin": 1})},
		{op: "listStudyTopics", target: "unknown unit", build: get("/api/v1/units/" + uuid.NewString() + "/study-topics"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "createStudyTopic", target: "DU-SCT", build: on(topics("DU-SCT"), "POST", topicBody("Chuyên đề mới")),
			want: mxCodes{401, 201, 403, 403, 201, 403, 403, 404, 403}},
		{op: "createStudyTopic", target: "CB-VP (a cell issues none)", build: on(topics("CB-VP"), "POST", topicBody("Chuyên đề mới")),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 403}, problems: map[string]string{"cell.secretary": "topic_issuer"}},
		{op: "createStudyTopic", target: "foreign committee", build: on(topics("MX-DU"), "POST", topicBody("Chuyên đề mới")),
			want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getStudyTopic", target: "DU-SCT's", build: get(st + sctTopic),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxActions(map[string][]string{"admin": {"update", "delete"}, "committee.officer": {"update", "delete"}, "bloc.officer": mxNone, "cell.secretary": mxNone})},
		{op: "getStudyTopic", target: "foreign", build: get(st + mxTopic), want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getStudyTopic", target: "unknown id", build: get(st + uuid.NewString()), want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateStudyTopic", target: "DU-SCT's", build: fresh(newTopic("DU-SCT"), st, "", "PUT", topicBody("Sửa")),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}},
		{op: "updateStudyTopic", target: "foreign", build: on(st+mxTopic, "PUT", topicBody("Sửa")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "deleteStudyTopic", target: "DU-SCT's", build: fresh(newTopic("DU-SCT"), st, "", "DELETE", nil),
			want: mxCodes{401, 204, 403, 403, 204, 403, 403, 404, 404}},
		{op: "deleteStudyTopic", target: "studied (referenced)", build: on(st+sctTopic, "DELETE", nil),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404}, problems: map[string]string{"admin": "referenced"}},

		{op: "listStudySessions", target: "CB-VP", build: get(sessions("CB-VP")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: noneForPortal},
		{op: "listStudySessions", target: "DU-SCT subtree (none from below)", build: get(sessions("DU-SCT") + "?scope=subtree"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxCount(map[string]int{"cell.secretary": 0, "member": 0, "portal": 0})},
		{op: "listStudySessions", target: "foreign cell", build: get(sessions("MX-CB")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxCount(map[string]int{"admin": 1})},
		{op: "createStudySession", target: "CB-VP", build: on(sessions("CB-VP"), "POST", sessionBody(sctTopic)),
			want: mxCodes{401, 201, 403, 403, 403, 201, 403, 404, 403}},
		{op: "createStudySession", target: "foreign cell", build: on(sessions("MX-CB"), "POST", sessionBody(mxTopic)),
			want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getStudySession", target: "CB-VP planned", build: get(sess + vpPlanned),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxActions(map[string][]string{"admin": {"update", "record", "cancel", "delete"}, "cell.secretary": {"update", "record", "cancel", "delete"},
				"committee.officer": mxNone, "member": mxNone, "inspector": mxNone})},
		{op: "getStudySession", target: "CB-VP held", build: get(sess + vpHeld),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxActions(map[string][]string{"cell.secretary": {"record", "attendance", "reflect"}, "member": {"reflect"}, "bloc.officer": mxNone})},
		{op: "getStudySession", target: "foreign", build: get(sess + mxHeld), want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getStudySession", target: "unknown id", build: get(sess + uuid.NewString()), want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateStudySession", target: "CB-VP planned", build: fresh(newSession("CB-VP", false), sess, "", "PUT", sessionBody(sctTopic)),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "updateStudySession", target: "CB-VP held", build: on(sess+vpHeld, "PUT", sessionBody(sctTopic)),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		{op: "deleteStudySession", target: "CB-VP planned", build: fresh(newSession("CB-VP", false), sess, "", "DELETE", nil),
			want: mxCodes{401, 204, 403, 403, 403, 204, 403, 404, 404}},
		{op: "recordStudySession", target: "CB-VP planned", build: fresh(newSession("CB-VP", false), sess, "/record", "POST", planned),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "recordStudySession", target: "foreign", build: on(sess+mxHeld+"/record", "POST", planned),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "cancelStudySession", target: "CB-VP planned", build: fresh(newSession("CB-VP", false), sess, "/cancel", "POST", map[string]any{"reason": "Hoãn"}),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "cancelStudySession", target: "CB-VP held", build: on(sess+vpHeld+"/cancel", "POST", map[string]any{"reason": "Hoãn"}),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		{op: "getStudyAttendance", target: "CB-VP held", build: get(sess + vpHeld + "/attendance"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}},
		{op: "getStudyAttendance", target: "foreign", build: get(sess + mxHeld + "/attendance"), want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "setStudyAttendance", target: "CB-VP held", build: fresh(newSession("CB-VP", true), sess, "/attendance", "PUT", map[string]any{"items": []any{}}),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "setStudyAttendance", target: "CB-VP planned", build: on(sess+vpPlanned+"/attendance", "PUT", map[string]any{"items": []any{}}),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		{op: "listStudyReflections", target: "CB-VP held", build: get(sess + vpHeld + "/reflections"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}},
		{op: "listStudyReflections", target: "foreign", build: get(sess + mxHeld + "/reflections"), want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "writeStudyReflection", target: "CB-VP held, the member's own", build: fresh(newSession("CB-VP", true), sess, "/reflections/"+vpMembers["Hoàng Văn Nam"], "PUT", map[string]any{"body": "Bài thu hoạch"}),
			want: mxCodes{401, 200, 403, 403, 403, 200, 200, 404, 404}},
		{op: "writeStudyReflection", target: "CB-VP held, another member", build: fresh(newSession("CB-VP", true), sess, "/reflections/"+vpMembers["Đỗ Thị Hạnh"], "PUT", map[string]any{"body": "Bài thu hoạch"}),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}, problems: map[string]string{"member": "not_own_reflection"}},
		{op: "writeStudyReflection", target: "CB-VP held, unknown member", build: on(sess+vpHeld+"/reflections/"+uuid.NewString(), "PUT", map[string]any{"body": "Bài thu hoạch"}),
			want: mxCodes{401, 404, 403, 403, 403, 404, 404, 404, 404}},

		{op: "getStudySummary", target: "CB-VP", build: get(summary("CB-VP")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 403}},
		{op: "getStudySummary", target: "DU-SCT (403 from below)", build: get(summary("DU-SCT") + "&period=H1"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}},
		{op: "getStudySummary", target: "foreign", build: get(summary("MX-BLOC")), want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},

		{op: "listStudyEvents", target: "DU-SCT (none from below)", build: get(events("DU-SCT")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxCount(map[string]int{"cell.secretary": 0, "portal": 0})},
		{op: "listStudyEvents", target: "foreign", build: get(events("MX-DU")), want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "createStudyEvent", target: "CB-VP", build: on(events("CB-VP"), "POST", eventBody),
			want: mxCodes{401, 201, 403, 403, 403, 201, 403, 404, 403}},
		{op: "createStudyEvent", target: "DU-SCT", build: on(events("DU-SCT"), "POST", eventBody),
			want: mxCodes{401, 201, 403, 403, 201, 403, 403, 404, 403}},
		{op: "getStudyEvent", target: "DU-SCT published", build: fresh(newEvent("DU-SCT", true), ev, "", "GET", nil),
			want:  mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			check: mxActions(map[string][]string{"admin": {"unpublish"}, "bloc.officer": {"unpublish"}, "committee.officer": {"unpublish"}, "inspector": mxNone})},
		{op: "getStudyEvent", target: "foreign", build: get(ev + mxEvent), want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateStudyEvent", target: "CB-VP recorded", build: fresh(newEvent("CB-VP", false), ev, "", "PUT", eventBody),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "updateStudyEvent", target: "DU-SCT published", build: fresh(newEvent("DU-SCT", true), ev, "", "PUT", eventBody),
			want: mxCodes{401, 409, 403, 403, 409, 404, 404, 404, 404}},
		{op: "deleteStudyEvent", target: "CB-VP recorded", build: fresh(newEvent("CB-VP", false), ev, "", "DELETE", nil),
			want: mxCodes{401, 204, 403, 403, 403, 204, 403, 404, 404}},
		{op: "publishStudyEvent", target: "CB-VP recorded", build: fresh(newEvent("CB-VP", false), ev, "/publish", "POST", nil),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 404}},
		{op: "publishStudyEvent", target: "foreign", build: fresh(newEvent("MX-DU", false), ev, "/publish", "POST", nil),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "unpublishStudyEvent", target: "CB-VP published", build: fresh(newEvent("CB-VP", true), ev, "/unpublish", "POST", nil),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 404}},

		{op: "getUnitCalendar", target: "CB-VP with its member's token", build: withToken("member", "CB-VP", ""),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{op: "getUnitCalendar", target: "CB-BTTP with CB-VP's member's token", build: withToken("member", "CB-BTTP", ""),
			want: mxCodes{404, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getUnitCalendar", target: "a made-up token", build: get("/api/v1/units/" + unit("CB-VP") + "/calendar.ics?token=" + uuid.NewString()),
			want: mxCodes{404, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "issueCalendarToken", target: "self", build: on("/api/v1/me/calendar-token", "POST", nil),
			want: mxCodes{401, 201, 201, 201, 201, 201, 201, 201, 403}, problems: map[string]string{"portal": "users_only"}},
		{op: "revokeCalendarToken", target: "self", build: ownToken,
			want: mxCodes{401, 204, 204, 204, 204, 204, 204, 204, 404}},
	}
}
