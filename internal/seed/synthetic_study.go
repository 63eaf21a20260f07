package seed

// The study work of the synthetic dataset (issue #20): the bloc's topics (one for the term, one
// each year), each cell's study sessions quarter by quarter from the start of last year to this
// quarter — held with every member's attendance and some reflections, cancelled, or still
// planned, and now and then a quarter without any — and the units' events (honoring on 19/5,
// the 2/9 anniversary, the bloc's quarterly exchanges), all recorded, none published (the
// public feed stays what the benchmarks measured).

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"lamtheobac/internal/org"
	"lamtheobac/internal/study"
	"lamtheobac/internal/vntime"
)

// stopic is a study topic issued by the bloc.
type stopic struct {
	id               uuid.UUID
	title            string
	yearFrom, yearTo int
	createdAt        time.Time
}

// studyTopics are the bloc's topics: the term's (the five model years) and one for each of
// the years sessions are held in.
func (g *synth) studyTopics(t tree) []stopic {
	r := rng(g.o.RandSeed, "study-topics", t.bloc.code)
	last := g.lastYear()
	term := stopic{title: "Chuyên đề toàn khóa: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường",
		yearFrom: last - 4, yearTo: last, createdAt: time.Date(last-4, 1, 10, 2, 0, 0, 0, time.UTC)}
	term.id = newID(r, term.createdAt)
	out := []stopic{term}
	for _, y := range g.commitYears() {
		tp := stopic{title: "Chuyên đề năm " + itoa(y) + ": Xây dựng đội ngũ cán bộ, đảng viên gương mẫu, trách nhiệm, phục vụ nhân dân",
			yearFrom: y, yearTo: y, createdAt: time.Date(y, 1, 5, 2, 0, 0, 0, time.UTC)}
		tp.id = newID(r, tp.createdAt)
		out = append(out, tp)
	}
	return out
}

// ssession is a planned study session of a cell.
type ssession struct {
	id                   uuid.UUID
	topic                stopic
	startsAt             time.Time
	status               study.SessionStatus
	heldOn               *time.Time
	reason               *string
	version              int64
	createdAt, updatedAt time.Time
}

// studyQuarter is a quarter (1–4) of a year in which sessions are held.
type studyQuarter struct{ year, q int }

// studyQuarters are the quarters from the first of last year to this one.
func (g *synth) studyQuarters() []studyQuarter {
	today := vntime.Date(g.o.Now)
	var out []studyQuarter
	for _, y := range g.commitYears() {
		for q := 1; q <= 4; q++ {
			if time.Date(y, time.Month(3*(q-1)+1), 1, 0, 0, 0, 0, time.UTC).After(today) {
				return out
			}
			out = append(out, studyQuarter{y, q})
		}
	}
	return out
}

// cellSessions lays out a cell's sessions of a quarter: none now and then, usually one,
// sometimes two; those begun before Now were held (or cancelled), the later ones are planned,
// and a session not yet scheduled by Now does not exist. The passes write the sessions quarter
// by quarter, every cell's in turn, as a database in service would have received them: a
// quarter's sessions (and their attendance) lie together, not spread over the whole table.
func (g *synth) cellSessions(u *sunit, topics []stopic, sq studyQuarter) []ssession {
	if !u.kind.Is(org.Cell) {
		return nil
	}
	now := g.o.Now
	y, q := sq.year, sq.q
	start := time.Date(y, time.Month(3*(q-1)+1), 1, 0, 0, 0, 0, time.UTC)
	var out []ssession
	r := rng(g.o.RandSeed, "study-sessions", u.code, y, q)
	for range weighted(r, 8, 84, 8) {
		// 14:00 in Vietnam on a day of the quarter.
		at := start.AddDate(0, 0, r.IntN(88)).Add(7*time.Hour + time.Duration(r.IntN(4))*30*time.Minute)
		s := ssession{topic: topics[0], startsAt: at, status: study.Planned, version: 1}
		if r.IntN(3) > 0 {
			for _, tp := range topics[1:] {
				if tp.yearFrom == y {
					s.topic = tp
				}
			}
		}
		s.createdAt = at.AddDate(0, 0, -7-r.IntN(14)).Add(-5 * time.Hour)
		if s.createdAt.After(now) {
			continue
		}
		s.id = newID(r, s.createdAt)
		s.updatedAt = s.createdAt
		switch done := at.Add(3 * time.Hour); {
		case done.After(now):
		case r.IntN(14) == 0:
			s.status, s.version = study.Cancelled, 2
			s.reason = ptr("Trùng lịch hội nghị của cơ quan; chi bộ sẽ bố trí buổi khác.")
			s.updatedAt = at.Add(-20 * time.Hour)
		default:
			held := vntime.Date(at)
			s.status, s.version, s.heldOn = study.Held, 2, &held
			s.updatedAt = at.AddDate(0, 0, 1+r.IntN(3))
		}
		if s.updatedAt.After(now) {
			s.updatedAt = now.Add(-time.Minute)
		}
		out = append(out, s)
	}
	return out
}

// sattendance is a member's attendance of a held session and the reflection written on it.
type sattendance struct {
	member     smember
	status     study.AttendanceStatus
	reflection *time.Time // when written, if written
}

// attendance draws the attendance of every member of the cell at a held session, and which of
// those present wrote a reflection.
func (g *synth) attendance(s ssession, members []smember) []sattendance {
	r := rng(g.o.RandSeed, "attendance", s.id)
	out := make([]sattendance, len(members))
	for i, m := range members {
		a := sattendance{member: m, status: []study.AttendanceStatus{study.Present, study.Excused, study.Absent}[weighted(r, 85, 10, 5)]}
		if a.status == study.Present && r.IntN(3) == 0 {
			at := s.startsAt.AddDate(0, 0, 1+r.IntN(10))
			if at.After(g.o.Now) {
				at = g.o.Now.Add(-time.Minute)
			}
			a.reflection = &at
		}
		out[i] = a
	}
	return out
}

// writeStudy writes the bloc's topics, its cells' sessions with their attendance and
// reflections, and the units' events; the held sessions are counted into the book as
// store.Figures counts them (held in the round's period, their attendances and reflections).
func (g *synth) writeStudy(ctx context.Context, tx pgx.Tx, t tree, book figureBook) error {
	topics := g.studyTopics(t)
	if err := g.copy(ctx, tx, "study_topics", []string{"id", "unit_id", "unit_path", "bloc_id", "title", "year_from", "year_to", "summary",
		"links", "created_by", "version", "created_at", "updated_at"}, func(yield func([]any) bool) {
		for _, tp := range topics {
			if !yield([]any{tp.id, t.bloc.id, t.bloc.path, topID(t.bloc), tp.title, tp.yearFrom, tp.yearTo,
				"Tài liệu sinh hoạt chuyên đề do Ban Tuyên giáo ban hành.", []byte("[]"), t.bloc.owner.id, int64(1), tp.createdAt, tp.createdAt}) {
				return
			}
		}
	}); err != nil {
		return err
	}
	if err := g.copy(ctx, tx, "study_sessions", []string{"id", "unit_id", "unit_path", "bloc_id", "topic_id", "starts_at",
		"duration_minutes", "place", "presenter", "agenda", "status", "held_on", "key_points", "cancel_reason", "created_by", "version",
		"created_at", "updated_at"}, func(yield func([]any) bool) {
		for _, sq := range g.studyQuarters() {
			for _, u := range t.units {
				for _, s := range g.cellSessions(u, topics, sq) {
					keyPoints := ""
					if s.status == study.Held {
						keyPoints = "Quán triệt nội dung chuyên đề; mỗi đảng viên liên hệ bản thân và đăng ký việc làm cụ thể."
					}
					if !yield([]any{s.id, u.id, u.path, topID(u), s.topic.id, s.startsAt, 120, "Phòng họp cơ quan", u.owner.name,
						"Giới thiệu chuyên đề; thảo luận; liên hệ thực tiễn.", string(s.status), s.heldOn, keyPoints, s.reason, u.owner.id,
						s.version, s.createdAt, s.updatedAt}) {
						return
					}
				}
			}
		}
	}); err != nil {
		return err
	}
	// The study plan: every cell is due a session each quarter of a round, whatever it held.
	for _, u := range t.units {
		if u.kind.Is(org.Cell) {
			for ri := range g.rounds {
				book.at(ri, u.idx).StudyCells = 1
			}
		}
	}
	// Attendance and reflections are written in one walk each; the book is filled by the first.
	if err := g.copy(ctx, tx, "study_attendance", []string{"session_id", "member_id", "status", "note"}, func(yield func([]any) bool) {
		for _, sq := range g.studyQuarters() {
			for _, u := range t.units {
				members := g.cellMembers(u)
				met := make([]bool, len(g.rounds)) // the cell's quarter sq is met in round ri
				for _, s := range g.cellSessions(u, topics, sq) {
					if s.status != study.Held {
						continue
					}
					att := g.attendance(s, members)
					for ri, rd := range g.rounds {
						if s.heldOn.Before(rd.from) || s.heldOn.After(rd.to) {
							continue
						}
						f := book.at(ri, u.idx)
						f.StudySessionsHeld++
						if !met[ri] { // sessions lie in their quarter: one met per cell and quarter
							met[ri] = true
							f.StudyQuartersMet++
						}
						for _, a := range att {
							f.StudyAttendances++
							if a.status == study.Present {
								f.StudyPresent++
							}
							if a.reflection != nil {
								f.StudyReflections++
							}
						}
					}
					for _, a := range att {
						if !yield([]any{s.id, a.member.id, string(a.status), ""}) {
							return
						}
					}
				}
			}
		}
	}); err != nil {
		return err
	}
	if err := g.copy(ctx, tx, "study_reflections", []string{"session_id", "member_id", "body", "written_by", "created_at", "updated_at"},
		func(yield func([]any) bool) {
			for _, sq := range g.studyQuarters() {
				for _, u := range t.units {
					members := g.cellMembers(u)
					for _, s := range g.cellSessions(u, topics, sq) {
						if s.status != study.Held {
							continue
						}
						for _, a := range g.attendance(s, members) {
							if a.reflection == nil {
								continue
							}
							by := u.owner.id // entered by the secretary for a member without an account
							if a.member.user != nil {
								by = a.member.user.id
							}
							if !yield([]any{s.id, a.member.id, "Qua buổi sinh hoạt, bản thân nhận thức rõ hơn trách nhiệm nêu gương; sẽ áp dụng vào công việc hằng ngày.",
								by, *a.reflection, *a.reflection}) {
								return
							}
						}
					}
				}
			}
		}); err != nil {
		return err
	}
	return g.writeEvents(ctx, tx, t)
}

// writeEvents writes the events of the bloc and its committees: honoring on 19/5 and the 2/9
// anniversary at every committee, and an exchange each quarter at the bloc, when held by Now.
func (g *synth) writeEvents(ctx context.Context, tx pgx.Tx, t tree) error {
	today := vntime.Date(g.o.Now)
	return g.copy(ctx, tx, "study_events", []string{"id", "unit_id", "unit_path", "bloc_id", "kind", "title", "held_on", "place",
		"participants", "nomination_ids", "public_summary", "status", "created_by", "version", "created_at", "updated_at"},
		func(yield func([]any) bool) {
			for _, u := range t.units {
				if u.kind != org.Committee && u.kind != org.PartialCommittee && u != t.bloc {
					continue
				}
				r := rng(g.o.RandSeed, "study-events", u.code)
				type ev struct {
					kind  study.EventKind
					title string
					on    time.Time
				}
				var evs []ev
				for _, y := range g.commitYears() {
					d := func(m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
					evs = append(evs, ev{study.Honoring, "Biểu dương điển hình học tập và làm theo Bác nhân dịp 19/5/" + itoa(y), d(5, 19)},
						ev{study.Anniversary, "Kỷ niệm Quốc khánh 2/9 và ngày Bác đi xa", d(9, 2)})
					if u == t.bloc {
						for q := range 4 {
							evs = append(evs, ev{study.Exchange, "Tọa đàm, giao lưu điển hình quý " + itoa(q+1) + "/" + itoa(y), d(3*q+2, 15)})
						}
					}
				}
				for _, e := range evs {
					if e.on.After(today) {
						continue
					}
					at := e.on.AddDate(0, 0, 1).Add(time.Duration(2+r.IntN(6)) * time.Hour)
					if at.After(g.o.Now) {
						at = g.o.Now.Add(-time.Minute)
					}
					if !yield([]any{newID(r, at), u.id, u.path, topID(u), string(e.kind), e.title, e.on, "Hội trường cơ quan",
						"Cán bộ, đảng viên và điển hình tiêu biểu của đơn vị", []byte("[]"), "", string(study.Recorded), u.owner.id, int64(1), at, at}) {
						return
					}
				}
			}
		})
}
