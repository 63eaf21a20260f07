package study

import (
	"lamtheobac/internal/access"
	"lamtheobac/internal/workflow"
)

// Action is something a caller may do to a topic, a session or an event.
type Action string

// The actions, as listed in allowed_actions.
const (
	ActUpdate     Action = "update"
	ActDelete     Action = "delete"
	ActRecord     Action = "record"     // a session's minutes: held
	ActAttendance Action = "attendance" // a held session's attendance
	ActReflect    Action = "reflect"    // a member's reflection on a held session
	ActCancel     Action = "cancel"
	ActPublish    Action = "publish"
	ActUnpublish  Action = "unpublish"
)

// topicState is the one state of a topic: a topic has no life cycle, it is in force for its
// years once written, and its issuer edits or deletes it (a topic studied somewhere is kept:
// deleting it is 409 referenced).
type topicState string

const inForce topicState = "in_force"

// owner is the right to write a unit's study records: held at the unit itself.
func owner[T any](path func(T) string) func(*access.Principal, T) bool {
	return func(p *access.Principal, rec T) bool { return p.HoldsAt(access.ManageStudy, path(rec)) }
}

func topicPath(t Topic) string     { return t.UnitPath }
func sessionPath(s Session) string { return s.UnitPath }
func eventPath(e Event) string     { return e.UnitPath }

// Topics is the topics' table.
var Topics = workflow.Table[Topic, topicState, Action]{
	Actions: []Action{ActUpdate, ActDelete},
	Rules: map[Action]workflow.Rule[Topic, topicState]{
		ActUpdate: {From: []topicState{inForce}, Who: owner(topicPath)},
		ActDelete: {From: []topicState{inForce}, Who: owner(topicPath)},
	},
	State: func(Topic) topicState { return inForce },
}

// reflects is who may write a reflection on a session: its unit's secretary (for any member)
// or a member holding their role at the unit (for themselves: the service checks whose).
func reflects(p *access.Principal, s Session) bool {
	return p.HoldsAt(access.ManageStudy, s.UnitPath) || p.HoldsAt(access.WriteReflection, s.UnitPath)
}

// Sessions is the sessions' table: planned → held (minutes recorded; recording again corrects
// them) or cancelled; attendance and reflections once held.
var Sessions = workflow.Table[Session, SessionStatus, Action]{
	Actions: []Action{ActUpdate, ActRecord, ActAttendance, ActReflect, ActCancel, ActDelete},
	Rules: map[Action]workflow.Rule[Session, SessionStatus]{
		ActUpdate:     {From: []SessionStatus{Planned}, Who: owner(sessionPath)},
		ActRecord:     {From: []SessionStatus{Planned, Held}, To: Held, Who: owner(sessionPath)},
		ActAttendance: {From: []SessionStatus{Held}, Who: owner(sessionPath)},
		ActReflect:    {From: []SessionStatus{Held}, Who: reflects},
		ActCancel:     {From: []SessionStatus{Planned}, To: Cancelled, Who: owner(sessionPath)},
		ActDelete:     {From: []SessionStatus{Planned, Cancelled}, Who: owner(sessionPath)},
	},
	State: func(s Session) SessionStatus { return s.Status },
}

// publisher is the right to put an event's public summary on the portal: the officers over the
// unit who hold the publish right (as for exemplars and models).
func publisher(p *access.Principal, e Event) bool { return p.Can(access.PublishContent, e.UnitPath) }

// Events is the events' table: recorded ⇄ published; a published event is unpublished before
// it is edited, so what the portal shows is always what an officer published.
var Events = workflow.Table[Event, EventStatus, Action]{
	Actions: []Action{ActUpdate, ActPublish, ActUnpublish, ActDelete},
	Rules: map[Action]workflow.Rule[Event, EventStatus]{
		ActUpdate: {From: []EventStatus{Recorded}, Who: owner(eventPath)},
		// Nothing to publish without a public summary: 409 like a wrong state.
		ActPublish:   {From: []EventStatus{Recorded}, To: Published, Who: publisher, When: func(e Event) bool { return e.PublicSummary != "" }},
		ActUnpublish: {From: []EventStatus{Published}, To: Recorded, Who: publisher},
		ActDelete:    {From: []EventStatus{Recorded}, Who: owner(eventPath)},
	},
	State: func(e Event) EventStatus { return e.Status },
}
