package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"lamtheobac/internal/org"
	"lamtheobac/internal/portal"
	"lamtheobac/internal/report"
	"lamtheobac/internal/study"
)

// studyEventRow is a row of study_events with its unit read alongside.
type studyEventRow struct {
	ID            uuid.UUID `gorm:"primaryKey"`
	UnitID        uuid.UUID
	UnitPath      string
	BlocID        uuid.UUID
	Kind          string
	Title         string
	HeldOn        time.Time
	Place         string
	Participants  string
	NominationIDs []byte
	PublicSummary string
	Status        string
	PublishedAt   *time.Time
	PublishedBy   *uuid.UUID
	CreatedBy     *uuid.UUID
	Version       int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
	UnitKind      string `gorm:"->;-:migration"`
	UnitCode      string `gorm:"->;-:migration"`
	UnitName      string `gorm:"->;-:migration"`
}

func (studyEventRow) TableName() string { return "study_events" }

func fromEvent(e study.Event) (studyEventRow, error) {
	ids := e.NominationIDs
	if ids == nil {
		ids = []uuid.UUID{}
	}
	raw, err := json.Marshal(ids)
	return studyEventRow{ID: e.ID, UnitID: e.Unit.ID, UnitPath: e.UnitPath, BlocID: e.BlocID, Kind: string(e.Kind), Title: e.Title,
		HeldOn: e.HeldOn, Place: e.Place, Participants: e.Participants, NominationIDs: raw, PublicSummary: e.PublicSummary,
		Status: string(e.Status), PublishedAt: e.PublishedAt, PublishedBy: e.PublishedBy, CreatedBy: e.CreatedBy, Version: e.Version,
		CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}, err
}

func toEvent(r studyEventRow) study.Event {
	e := study.Event{ID: r.ID, Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName},
		UnitPath: r.UnitPath, BlocID: r.BlocID, Kind: study.EventKind(r.Kind), Title: r.Title, HeldOn: *utcDate(&r.HeldOn),
		Place: r.Place, Participants: r.Participants, PublicSummary: r.PublicSummary, Status: study.EventStatus(r.Status),
		PublishedAt: r.PublishedAt, PublishedBy: r.PublishedBy, CreatedBy: r.CreatedBy, Version: r.Version, CreatedAt: r.CreatedAt,
		UpdatedAt: r.UpdatedAt, NominationIDs: []uuid.UUID{}}
	_ = json.Unmarshal(r.NominationIDs, &e.NominationIDs)
	return e
}

func (s *Store) eventsQuery(ctx context.Context) *gorm.DB {
	return s.db(ctx).Model(&studyEventRow{}).Select("study_events.*, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name").
		Joins("JOIN units u ON u.id = study_events.unit_id")
}

// CreateStudyEvent inserts an event.
func (s *Store) CreateStudyEvent(ctx context.Context, e study.Event) error {
	row, err := fromEvent(e)
	if err != nil {
		return wrap(err, "create study event")
	}
	return wrap(s.db(ctx).Omit(unitRefColumns...).Create(&row).Error, "create study event")
}

// GetStudyEvent returns an event, locking its row when forUpdate.
func (s *Store) GetStudyEvent(ctx context.Context, id uuid.UUID, forUpdate bool) (study.Event, error) {
	row, err := takeByID[studyEventRow](s.eventsQuery(ctx), "study_events", id, forUpdate)
	if err != nil {
		return study.Event{}, wrap(err, "get study event %s", id)
	}
	return toEvent(row), nil
}

// SaveStudyEvent writes an event if its version is still before's.
func (s *Store) SaveStudyEvent(ctx context.Context, before, after study.Event) (study.Event, error) {
	row, err := fromEvent(after)
	if err != nil {
		return after, wrap(err, "save study event %s", after.ID)
	}
	row.Version = before.Version + 1
	if err := updateVersioned(s.db(ctx), &row, after.ID, before.Version, "kind", "title", "held_on", "place", "participants",
		"nomination_ids", "public_summary", "status", "published_at", "published_by", "version", "updated_at"); err != nil {
		return after, wrap(err, "save study event %s", after.ID)
	}
	after.Version = row.Version
	return after, nil
}

// DeleteStudyEvent deletes an event.
func (s *Store) DeleteStudyEvent(ctx context.Context, id uuid.UUID) error {
	return wrap(s.db(ctx).Delete(&studyEventRow{}, "id = ?", id).Error, "delete study event %s", id)
}

// ListStudyEvents lists events, newest first.
func (s *Store) ListStudyEvents(ctx context.Context, f study.EventFilter) ([]study.Event, string, error) {
	q := s.eventsQuery(ctx)
	if f.UnitID != nil {
		q = q.Where("study_events.unit_id = ?", *f.UnitID)
	} else {
		q = q.Where("study_events.unit_path LIKE ?", likePrefix(f.UnitPath))
	}
	if f.Kind != "" {
		q = q.Where("study_events.kind = ?", string(f.Kind))
	}
	if f.From != nil {
		q = q.Where("study_events.held_on >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("study_events.held_on <= ?", *f.To)
	}
	q, err := afterID(q, "study_events.id", f.Cursor, true)
	if err != nil {
		return nil, "", wrap(err, "list study events")
	}
	var rows []studyEventRow
	if err := q.Order("study_events.id DESC").Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap(err, "list study events")
	}
	rows, next := pageByID(rows, f.Limit, func(r studyEventRow) uuid.UUID { return r.ID })
	out := make([]study.Event, len(rows))
	for i, r := range rows {
		out[i] = toEvent(r)
	}
	return out, next, nil
}

// Upcoming returns a unit's sessions (not cancelled) starting from since and its events held
// Upcoming since's civil date in Vietnam, soonest first.
func (s *Store) Upcoming(ctx context.Context, unitID uuid.UUID, since time.Time, limit int) ([]study.Session, []study.Event, error) {
	var srows []studySessionRow
	if err := s.sessionsQuery(ctx).Where("study_sessions.unit_id = ? AND study_sessions.starts_at >= ? AND study_sessions.status <> 'cancelled'",
		unitID, since).Order("study_sessions.starts_at, study_sessions.id").Limit(limit).Find(&srows).Error; err != nil {
		return nil, nil, wrap(err, "upcoming sessions %s", unitID)
	}
	var erows []studyEventRow
	if err := s.eventsQuery(ctx).Where("study_events.unit_id = ? AND study_events.held_on >= ?", unitID, civilDate(since)).
		Order("study_events.held_on, study_events.id").Limit(limit).Find(&erows).Error; err != nil {
		return nil, nil, wrap(err, "upcoming events %s", unitID)
	}
	sessions, events := make([]study.Session, len(srows)), make([]study.Event, len(erows))
	for i, r := range srows {
		sessions[i] = toSession(r)
	}
	for i, r := range erows {
		events[i] = toEvent(r)
	}
	return sessions, events, nil
}

// civilDate is the date instant t falls on in Vietnam (UTC+7 all year), as a date column.
func civilDate(t time.Time) string { return t.In(time.FixedZone("ICT", 7*3600)).Format(time.DateOnly) }

// SetCalendarToken stores the digest of a user's feed token, replacing the one before.
func (s *Store) SetCalendarToken(ctx context.Context, userID uuid.UUID, digest []byte, at time.Time) error {
	err := s.db(ctx).Exec(`INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at`, userID, digest, at).Error
	return wrap(err, "set calendar token %s", userID)
}

// DeleteCalendarToken deletes a user's feed token; false when there was none.
func (s *Store) DeleteCalendarToken(ctx context.Context, userID uuid.UUID) (bool, error) {
	res := s.db(ctx).Exec("DELETE FROM calendar_tokens WHERE user_id = ?", userID)
	return res.RowsAffected > 0, wrap(res.Error, "delete calendar token %s", userID)
}

// CalendarTokenUser is the user whose token has digest.
func (s *Store) CalendarTokenUser(ctx context.Context, digest []byte) (uuid.UUID, error) {
	var ids []uuid.UUID
	if err := s.db(ctx).Raw("SELECT user_id FROM calendar_tokens WHERE token_hash = ?", digest).Scan(&ids).Error; err != nil {
		return uuid.Nil, wrap(err, "calendar token user")
	}
	if len(ids) == 0 {
		return uuid.Nil, wrap(gormNotFound(), "calendar token user")
	}
	return ids[0], nil
}

// studySums are the sums of the study counts of a unit's rows of the quarters asked (zeros for
// none), unitsHeld the SQL of its units with a session held.
func studySums(unitsHeld string) string {
	return `coalesce(sum(held), 0) AS held, coalesce(sum(planned), 0) AS planned, coalesce(sum(cancelled), 0) AS cancelled,
		coalesce(` + unitsHeld + `, 0) AS units_held, coalesce(sum(present), 0) AS present, coalesce(sum(excused), 0) AS excused,
		coalesce(sum(absent), 0) AS absent, coalesce(sum(reflections), 0) AS reflections`
}

// StudyFigures sums the study work of the subtree at path in the quarters of year: a row for
// the unit's own sessions and one per unit directly below it (not archived, by name), zeros
// included. One statement over counts kept per unit and quarter (tallies.go,
// migrations/0028_study_tallies.sql): the unit's own tallies and, for each unit below, its
// subtree's rollups and cells, read a child at a time (a probe of the key each, where a join
// would read the quarter's rows of every unit). A session counts in the quarter of the day it
// was held or, not held, of the day it was scheduled for in Vietnam; a quarter met is a unit
// and quarter with a session held.
func (s *Store) StudyFigures(ctx context.Context, path string, year int, quarters []int) ([]study.Figures, error) {
	unitID := pathUnit(path)
	var rows []struct {
		ID                                  uuid.UUID
		Kind, Code, Name                    string
		Cells, Held, Planned, Cancelled     int
		UnitsHeld, Present, Excused, Absent int
		Reflections                         int
	}
	err := s.db(ctx).Raw(`SELECT u.id, u.kind, u.code, u.name, (u.kind IN ('cell', 'base_cell') AND NOT u.archived)::int AS cells, t.*
		FROM units u, LATERAL (SELECT `+studySums("count(*) FILTER (WHERE held > 0)")+` FROM study_tallies
			WHERE unit_id = u.id AND year = @year AND quarter IN @quarters) t
		WHERE u.id = @unit
		UNION ALL
		(SELECT c.id, c.kind, c.code, c.name, coalesce((SELECT cells FROM cell_rollups WHERE unit_id = c.id), 0), r.*
		FROM units c, LATERAL (SELECT `+studySums("sum(units_held)")+` FROM study_rollups
			WHERE unit_id = c.id AND year = @year AND quarter IN @quarters) r
		WHERE c.parent_id = @unit AND NOT c.archived ORDER BY c.name COLLATE vi, c.id)`,
		map[string]any{"unit": unitID, "year": year, "quarters": quarters}).Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "study figures %s", path)
	}
	out := make([]study.Figures, len(rows))
	for i, r := range rows {
		out[i] = study.Figures{Unit: org.Ref{ID: r.ID, Kind: org.Kind(r.Kind), Code: r.Code, Name: r.Name}, Units: r.Cells,
			SessionsHeld: r.Held, SessionsPlanned: r.Planned, SessionsCancelled: r.Cancelled, QuartersMet: r.UnitsHeld,
			Present: r.Present, Excused: r.Excused, Absent: r.Absent, Reflections: r.Reflections}
	}
	return out, nil
}

// UnitsWithoutSession returns those of units that hold sessions (cells), are not archived and
// UnitsWithoutSession no session from..to, in name order.
func (s *Store) UnitsWithoutSession(ctx context.Context, units []uuid.UUID, from, to time.Time, limit int) ([]org.Ref, error) {
	if len(units) == 0 {
		return nil, nil
	}
	var rows []struct {
		ID         uuid.UUID
		Kind, Code string
		Name       string
	}
	err := s.db(ctx).Raw(`SELECT u.id, u.kind, u.code, u.name FROM units u
		WHERE u.id IN ? AND u.kind IN ('cell', 'base_cell') AND NOT u.archived
		AND NOT EXISTS (SELECT 1 FROM study_sessions s WHERE s.unit_id = u.id AND s.status = 'held' AND s.held_on BETWEEN ? AND ?)
		ORDER BY u.name COLLATE vi, u.id LIMIT ?`, units, from, to, limit).Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "units without study session")
	}
	out := make([]org.Ref, len(rows))
	for i, r := range rows {
		out[i] = org.Ref{ID: r.ID, Kind: org.Kind(r.Kind), Code: r.Code, Name: r.Name}
	}
	return out, nil
}

// studyReportFigures adds to a report's figures the study sessions of the subtree (LIKE
// prefix) held from..to (civil dates), their attendances and their reflections, and the cells
// and quarters of the study plan.
func (s *Store) studyReportFigures(ctx context.Context, f *report.Figures, prefix, from, to string) error {
	if err := s.db(ctx).Raw(`SELECT count(*) AS held, coalesce(sum(s.present), 0) AS present,
		coalesce(sum(s.present + s.excused + s.absent), 0) AS attendances, coalesce(sum(s.reflections), 0) AS reflections
		FROM study_sessions s WHERE s.unit_path LIKE ? AND s.status = 'held' AND s.held_on BETWEEN ? AND ?`, prefix, from, to).
		Row().Scan(&f.StudySessionsHeld, &f.StudyPresent, &f.StudyAttendances, &f.StudyReflections); err != nil {
		return err
	}
	// The plan: every cell of the subtree, and the (cell, year, quarter) pairs with a session held
	// at the cell in the period (the quarters due are counted by the report service).
	return s.db(ctx).Raw(`SELECT (SELECT count(*) FROM units u WHERE u.path LIKE ? AND u.kind IN ('cell', 'base_cell') AND NOT u.archived),
		(SELECT count(DISTINCT (s.unit_id, extract(year FROM s.held_on), extract(quarter FROM s.held_on)))
			FROM study_sessions s JOIN units u ON u.id = s.unit_id
			WHERE s.unit_path LIKE ? AND s.status = 'held' AND s.held_on BETWEEN ? AND ? AND u.kind IN ('cell', 'base_cell'))`,
		prefix, prefix, from, to).Row().Scan(&f.StudyCells, &f.StudyQuartersMet)
}

// PublicEvents returns the published study events with their public fields only.
func (s *Store) PublicEvents(ctx context.Context, f portal.Filter) ([]portal.Event, error) {
	q := s.eventsQuery(ctx).Where("study_events.status = 'published' AND study_events.published_at IS NOT NULL")
	if f.Year != 0 {
		q = q.Where("extract(year FROM study_events.held_on) = ?", f.Year)
	}
	var rows []studyEventRow
	if err := publicScope(q, "study_events", f).Find(&rows).Error; err != nil {
		return nil, wrap(err, "public events")
	}
	out := make([]portal.Event, len(rows))
	for i, r := range rows {
		out[i] = portal.Event{ID: r.ID, Kind: r.Kind, Title: r.Title, HeldOn: *utcDate(&r.HeldOn), Unit: portal.Unit{Code: r.UnitCode, Name: r.UnitName},
			Summary: r.PublicSummary, PublishedAt: *r.PublishedAt}
	}
	return out, nil
}

// ReflectionsToWrite returns the sessions of units held from..to on which the member profile
// ReflectionsToWrite to userID (a member of the session's unit) has written no reflection.
func (s *Store) ReflectionsToWrite(ctx context.Context, userID uuid.UUID, units []uuid.UUID, from, to time.Time, limit int) ([]study.Session, error) {
	var rows []studySessionRow
	err := s.sessionsQuery(ctx).Joins("JOIN members m ON m.unit_id = study_sessions.unit_id AND m.user_id = ?", userID).
		Where("study_sessions.unit_id IN ? AND study_sessions.status = 'held' AND study_sessions.held_on BETWEEN ? AND ?", units, from, to).
		Where("NOT EXISTS (SELECT 1 FROM study_reflections r WHERE r.session_id = study_sessions.id AND r.member_id = m.id)").
		Order("study_sessions.held_on, study_sessions.id").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, wrap(err, "reflections to write %s", userID)
	}
	out := make([]study.Session, len(rows))
	for i, r := range rows {
		out[i] = toSession(r)
	}
	return out, nil
}
