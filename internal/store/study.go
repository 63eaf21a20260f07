package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"lamtheobac/internal/org"
	"lamtheobac/internal/study"
)

var (
	_ study.Store     = (*Store)(nil)
	_ study.TaskStore = (*Store)(nil)
)

// studyTopicRow is a row of study_topics with its unit read alongside.
type studyTopicRow struct {
	ID        uuid.UUID `gorm:"primaryKey"`
	UnitID    uuid.UUID
	UnitPath  string
	BlocID    uuid.UUID
	Title     string
	YearFrom  int
	YearTo    int
	Summary   string
	Links     []byte
	CreatedBy *uuid.UUID
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
	UnitKind  string `gorm:"->;-:migration"`
	UnitCode  string `gorm:"->;-:migration"`
	UnitName  string `gorm:"->;-:migration"`
}

func (studyTopicRow) TableName() string { return "study_topics" }

// unitRefColumns are the columns read alongside every study row from its unit.
var unitRefColumns = []string{"UnitKind", "UnitCode", "UnitName"}

func fromTopic(t study.Topic) (studyTopicRow, error) {
	links, err := json.Marshal(t.Links)
	return studyTopicRow{ID: t.ID, UnitID: t.Unit.ID, UnitPath: t.UnitPath, BlocID: t.BlocID, Title: t.Title, YearFrom: t.YearFrom,
		YearTo: t.YearTo, Summary: t.Summary, Links: links, CreatedBy: t.CreatedBy, Version: t.Version, CreatedAt: t.CreatedAt,
		UpdatedAt: t.UpdatedAt}, err
}

func toTopic(r studyTopicRow) study.Topic {
	t := study.Topic{ID: r.ID, Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName},
		UnitPath: r.UnitPath, BlocID: r.BlocID, Title: r.Title, YearFrom: r.YearFrom, YearTo: r.YearTo, Summary: r.Summary,
		CreatedBy: r.CreatedBy, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Links: []study.Link{}}
	_ = json.Unmarshal(r.Links, &t.Links)
	return t
}

func (s *Store) topicsQuery(ctx context.Context) *gorm.DB {
	return s.db(ctx).Model(&studyTopicRow{}).Select("study_topics.*, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name").
		Joins("JOIN units u ON u.id = study_topics.unit_id")
}

// CreateStudyTopic inserts a study topic.
func (s *Store) CreateStudyTopic(ctx context.Context, t study.Topic) error {
	row, err := fromTopic(t)
	if err != nil {
		return wrap(err, "create study topic")
	}
	return wrap(s.db(ctx).Omit(unitRefColumns...).Create(&row).Error, "create study topic")
}

// GetStudyTopic returns a study topic, locking its row when forUpdate.
func (s *Store) GetStudyTopic(ctx context.Context, id uuid.UUID, forUpdate bool) (study.Topic, error) {
	row, err := takeByID[studyTopicRow](s.topicsQuery(ctx), "study_topics", id, forUpdate)
	if err != nil {
		return study.Topic{}, wrap(err, "get study topic %s", id)
	}
	return toTopic(row), nil
}

// SaveStudyTopic writes a topic's content if its version is still before's.
func (s *Store) SaveStudyTopic(ctx context.Context, before, after study.Topic) (study.Topic, error) {
	row, err := fromTopic(after)
	if err != nil {
		return after, wrap(err, "save study topic %s", after.ID)
	}
	row.Version = before.Version + 1
	if err := updateVersioned(s.db(ctx), &row, after.ID, before.Version, "title", "year_from", "year_to", "summary", "links",
		"version", "updated_at"); err != nil {
		return after, wrap(err, "save study topic %s", after.ID)
	}
	after.Version = row.Version
	return after, nil
}

// DeleteStudyTopic deletes a topic; one that sessions studied is referenced (409).
func (s *Store) DeleteStudyTopic(ctx context.Context, id uuid.UUID) error {
	return wrap(s.db(ctx).Delete(&studyTopicRow{}, "id = ?", id).Error, "delete study topic %s", id)
}

// ListTopics lists the topics issued at any of paths (of year, when not 0), the latest years
// first, then newest.
func (s *Store) ListStudyTopics(ctx context.Context, paths []string, year, limit int, cursor string) ([]study.Topic, string, error) {
	q := s.topicsQuery(ctx).Where("study_topics.unit_path IN ?", paths)
	if year != 0 {
		q = q.Where("study_topics.year_from <= ? AND study_topics.year_to >= ?", year, year)
	}
	q, err := afterID(q, "study_topics.id", cursor, true)
	if err != nil {
		return nil, "", wrap(err, "list study topics")
	}
	var rows []studyTopicRow
	if err := q.Order("study_topics.id DESC").Limit(limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap(err, "list study topics")
	}
	rows, next := pageByID(rows, limit, func(r studyTopicRow) uuid.UUID { return r.ID })
	out := make([]study.Topic, len(rows))
	for i, r := range rows {
		out[i] = toTopic(r)
	}
	return out, next, nil
}

// studySessionRow is a row of study_sessions with its unit and topic read alongside.
type studySessionRow struct {
	ID              uuid.UUID `gorm:"primaryKey"`
	UnitID          uuid.UUID
	UnitPath        string
	BlocID          uuid.UUID
	TopicID         uuid.UUID
	StartsAt        time.Time
	DurationMinutes int
	Place           string
	Presenter       string
	Agenda          string
	Status          string
	HeldOn          *time.Time
	KeyPoints       string
	CancelReason    *string
	CreatedBy       *uuid.UUID
	Version         int64
	CreatedAt       time.Time
	UpdatedAt       time.Time
	UnitKind        string `gorm:"->;-:migration"`
	UnitCode        string `gorm:"->;-:migration"`
	UnitName        string `gorm:"->;-:migration"`
	TopicTitle      string `gorm:"->;-:migration"`
}

func (studySessionRow) TableName() string { return "study_sessions" }

func fromSession(x study.Session) studySessionRow {
	return studySessionRow{ID: x.ID, UnitID: x.Unit.ID, UnitPath: x.UnitPath, BlocID: x.BlocID, TopicID: x.TopicID, StartsAt: x.StartsAt,
		DurationMinutes: int(x.Duration / time.Minute), Place: x.Place, Presenter: x.Presenter, Agenda: x.Agenda, Status: string(x.Status),
		HeldOn: x.HeldOn, KeyPoints: x.KeyPoints, CancelReason: x.CancelReason, CreatedBy: x.CreatedBy, Version: x.Version,
		CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt}
}

func toSession(r studySessionRow) study.Session {
	return study.Session{ID: r.ID, Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName},
		UnitPath: r.UnitPath, BlocID: r.BlocID, TopicID: r.TopicID, TopicTitle: r.TopicTitle, StartsAt: r.StartsAt.UTC(),
		Duration: time.Duration(r.DurationMinutes) * time.Minute, Place: r.Place, Presenter: r.Presenter, Agenda: r.Agenda,
		Status: study.SessionStatus(r.Status), HeldOn: utcDate(r.HeldOn), KeyPoints: r.KeyPoints, CancelReason: r.CancelReason,
		CreatedBy: r.CreatedBy, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func (s *Store) sessionsQuery(ctx context.Context) *gorm.DB {
	return s.db(ctx).Model(&studySessionRow{}).
		Select("study_sessions.*, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name, t.title AS topic_title").
		Joins("JOIN units u ON u.id = study_sessions.unit_id").Joins("JOIN study_topics t ON t.id = study_sessions.topic_id")
}

// CreateStudySession inserts a study session.
func (s *Store) CreateStudySession(ctx context.Context, x study.Session) error {
	row := fromSession(x)
	db := s.db(ctx)
	if err := db.Omit(append(unitRefColumns, "TopicTitle")...).Create(&row).Error; err != nil {
		return wrap(err, "create study session")
	}
	return wrap(moveSession(db, x.ID, "1"), "create study session")
}

// GetStudySession returns a study session, locking its row when forUpdate.
func (s *Store) GetStudySession(ctx context.Context, id uuid.UUID, forUpdate bool) (study.Session, error) {
	row, err := takeByID[studySessionRow](s.sessionsQuery(ctx), "study_sessions", id, forUpdate)
	if err != nil {
		return study.Session{}, wrap(err, "get study session %s", id)
	}
	return toSession(row), nil
}

// SaveStudySession writes a session if its version is still before's.
func (s *Store) SaveStudySession(ctx context.Context, before, after study.Session) (study.Session, error) {
	row := fromSession(after)
	row.Version = before.Version + 1
	db := s.db(ctx)
	if err := updateVersioned(db, &row, after.ID, before.Version, "topic_id", "starts_at", "duration_minutes", "place",
		"presenter", "agenda", "status", "held_on", "key_points", "cancel_reason", "version", "updated_at"); err != nil {
		return after, wrap(err, "save study session %s", after.ID)
	}
	// The session no longer counts by its state and dates before (its attendance and
	// reflections, which this does not write, as they are), and counts by those after: nothing
	// moves unless the state or the quarter changed.
	if err := moveStudy(db, `m AS (SELECT `+sessionCounts("s", "-1", "b.status", "b.held_on", "b.starts_at")+`
			FROM study_sessions s, (VALUES (?::text, ?::date, ?::timestamptz)) AS b (status, held_on, starts_at) WHERE s.id = ?
		UNION ALL SELECT `+sessionCounts("s", "1", "s.status", "s.held_on", "s.starts_at")+` FROM study_sessions s WHERE s.id = ?)`,
		string(before.Status), before.HeldOn, before.StartsAt, after.ID, after.ID); err != nil {
		return after, wrap(err, "save study session %s", after.ID)
	}
	after.Version = row.Version
	return after, nil
}

// DeleteStudySession deletes a session (its attendance and reflections go with it).
func (s *Store) DeleteStudySession(ctx context.Context, id uuid.UUID) error {
	db := s.db(ctx)
	if err := moveSession(db, id, "-1"); err != nil {
		return wrap(err, "delete study session %s", id)
	}
	return wrap(db.Delete(&studySessionRow{}, "id = ?", id).Error, "delete study session %s", id)
}

// ListStudySessions lists sessions, newest first.
func (s *Store) ListStudySessions(ctx context.Context, f study.SessionFilter) ([]study.Session, string, error) {
	q := s.sessionsQuery(ctx)
	if f.UnitID != nil {
		q = q.Where("study_sessions.unit_id = ?", *f.UnitID)
	} else {
		q = q.Where("study_sessions.unit_path LIKE ?", likePrefix(f.UnitPath))
	}
	if f.Status != "" {
		q = q.Where("study_sessions.status = ?", string(f.Status))
	}
	if f.From != nil {
		q = q.Where("study_sessions.starts_at >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("study_sessions.starts_at <= ?", *f.To)
	}
	q, err := afterID(q, "study_sessions.id", f.Cursor, true)
	if err != nil {
		return nil, "", wrap(err, "list study sessions")
	}
	var rows []studySessionRow
	if err := q.Order("study_sessions.id DESC").Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap(err, "list study sessions")
	}
	rows, next := pageByID(rows, f.Limit, func(r studySessionRow) uuid.UUID { return r.ID })
	out := make([]study.Session, len(rows))
	for i, r := range rows {
		out[i] = toSession(r)
	}
	return out, next, nil
}

// StudyMembers returns the members with ids.
func (s *Store) StudyMembers(ctx context.Context, ids []uuid.UUID) ([]study.Member, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var out []study.Member
	err := s.db(ctx).Raw("SELECT id, unit_id, full_name, user_id FROM members WHERE id IN ?", ids).Scan(&out).Error
	return out, wrap(err, "study members")
}

// attendanceRow is a row of study_attendance.
type attendanceRow struct {
	SessionID  uuid.UUID
	MemberID   uuid.UUID
	Status     string
	Note       string
	MemberName string `gorm:"->;-:migration"`
}

func (attendanceRow) TableName() string { return "study_attendance" }

// ReplaceAttendance replaces a session's attendance rows, and its counts of them by status
// (recounted from the rows this transaction sees: a session's few dozen, under its lock).
func (s *Store) ReplaceAttendance(ctx context.Context, sessionID uuid.UUID, rows []study.Attendance) error {
	db := s.db(ctx)
	if err := db.Exec("DELETE FROM study_attendance WHERE session_id = ?", sessionID).Error; err != nil {
		return wrap(err, "replace attendance %s", sessionID)
	}
	if len(rows) > 0 {
		out := make([]attendanceRow, len(rows))
		for i, r := range rows {
			out[i] = attendanceRow{SessionID: sessionID, MemberID: r.MemberID, Status: string(r.Status), Note: r.Note}
		}
		if err := db.Omit("MemberName").CreateInBatches(&out, 500).Error; err != nil {
			return wrap(err, "replace attendance %s", sessionID)
		}
	}
	// The session's counts, and the differences moved to its unit's tallies when it is held (o is
	// the row before this statement).
	return wrap(moveStudy(db, `o AS (SELECT id, present, excused, absent FROM study_sessions WHERE id = ?),
		c AS (UPDATE study_sessions s SET (present, excused, absent) = (SELECT count(*) FILTER (WHERE a.status = 'present'),
				count(*) FILTER (WHERE a.status = 'excused'), count(*) FILTER (WHERE a.status = 'absent')
				FROM study_attendance a WHERE a.session_id = s.id)
			FROM o WHERE s.id = o.id
			RETURNING s.unit_id, s.unit_path, s.bloc_id, s.status, s.held_on, s.starts_at,
				s.present - o.present AS present, s.excused - o.excused AS excused, s.absent - o.absent AS absent),
		m AS (SELECT unit_id, unit_path, bloc_id, study_tally_date(status, held_on, starts_at) AS day, 0 AS held, 0 AS planned,
			0 AS cancelled, present, excused, absent, 0 AS reflections FROM c WHERE status = 'held')`, sessionID),
		"replace attendance %s", sessionID)
}

// ListAttendance lists a session's attendance by member name.
func (s *Store) ListAttendance(ctx context.Context, sessionID uuid.UUID) ([]study.Attendance, error) {
	var rows []attendanceRow
	err := s.db(ctx).Raw(`SELECT a.session_id, a.member_id, a.status, a.note, coalesce(m.full_name, '') AS member_name
		FROM study_attendance a LEFT JOIN members m ON m.id = a.member_id
		WHERE a.session_id = ? ORDER BY m.full_name COLLATE vi, a.member_id`, sessionID).Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "list attendance %s", sessionID)
	}
	out := make([]study.Attendance, len(rows))
	for i, r := range rows {
		out[i] = study.Attendance{MemberID: r.MemberID, MemberName: r.MemberName, Status: study.AttendanceStatus(r.Status), Note: r.Note}
	}
	return out, nil
}

// PutReflection writes a member's reflection on a session, keeping when it was first written,
// and returns that time. A first reflection of the member (an insert, xmax = 0) adds one to the
// session's count and, the session held, to its unit's tallies, in the same statement.
func (s *Store) PutReflection(ctx context.Context, r study.Reflection) (time.Time, error) {
	var created time.Time
	err := s.db(ctx).Raw(`WITH put AS (INSERT INTO study_reflections (session_id, member_id, body, written_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, member_id)
			DO UPDATE SET body = EXCLUDED.body, written_by = EXCLUDED.written_by, updated_at = EXCLUDED.updated_at
			RETURNING session_id, created_at, xmax = 0 AS inserted),
		counted AS (UPDATE study_sessions s SET reflections = s.reflections + 1 FROM put WHERE s.id = put.session_id AND put.inserted
			RETURNING s.unit_id, s.unit_path, s.bloc_id, s.status, s.held_on, s.starts_at),
		m AS (SELECT unit_id, unit_path, bloc_id, study_tally_date(status, held_on, starts_at) AS day, 0 AS held, 0 AS planned,
			0 AS cancelled, 0 AS present, 0 AS excused, 0 AS absent, 1 AS reflections FROM counted WHERE status = 'held'),
		`+studyMoves+`
		SELECT created_at FROM put`, r.SessionID, r.MemberID, r.Body, r.WrittenBy, r.CreatedAt, r.UpdatedAt).Row().Scan(&created)
	return created, wrap(err, "put reflection %s/%s", r.SessionID, r.MemberID)
}

// ListReflections lists a session's reflections by member name.
func (s *Store) ListReflections(ctx context.Context, sessionID uuid.UUID) ([]study.Reflection, error) {
	var out []study.Reflection
	err := s.db(ctx).Raw(`SELECT r.session_id, r.member_id, coalesce(m.full_name, '') AS member_name, r.body, r.written_by,
		r.created_at, r.updated_at
		FROM study_reflections r LEFT JOIN members m ON m.id = r.member_id
		WHERE r.session_id = ? ORDER BY m.full_name COLLATE vi, r.member_id`, sessionID).Scan(&out).Error
	return out, wrap(err, "list reflections %s", sessionID)
}

// NominationsOf returns the status and unit path of the nominations with ids.
func (s *Store) NominationsOf(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]study.NominationRef, error) {
	out := map[uuid.UUID]study.NominationRef{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID       uuid.UUID
		Status   string
		UnitPath string
	}
	if err := s.db(ctx).Raw("SELECT id, status, unit_path FROM nominations WHERE id IN ?", ids).Scan(&rows).Error; err != nil {
		return nil, wrap(err, "nominations of event")
	}
	for _, r := range rows {
		out[r.ID] = study.NominationRef{Status: r.Status, UnitPath: r.UnitPath}
	}
	return out, nil
}
