package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/org"
)

var _ nomination.Store = (*Store)(nil)

// nominationRow is a row of nominations with its units and honor entry read alongside.
type nominationRow struct {
	ID              uuid.UUID `gorm:"primaryKey"`
	UnitID          uuid.UUID
	UnitPath        string
	BlocID          uuid.UUID
	Year            int
	RoundID         *uuid.UUID
	SubjectKind     string
	SubjectUnitID   *uuid.UUID
	DepartmentName  *string
	PersonName      *string
	PersonPosition  *string
	PartyMember     *bool
	Leader          *bool
	Achievements    string
	PublicSummary   string
	ModelIDs        []byte `gorm:"column:model_ids"`
	Criteria        []byte
	Mentor          []byte
	Status          string
	StatusReason    *string
	HolderUnitID    uuid.UUID
	HolderPath      string
	SubmittedBy     *uuid.UUID
	SubmittedAt     *time.Time
	Decision        []byte
	Consent         []byte
	PublishedAt     *time.Time
	PublishedBy     *uuid.UUID
	PublishedByName *string
	CreatedBy       *uuid.UUID
	Version         int64
	CreatedAt       time.Time
	UpdatedAt       time.Time
	UnitKind        string     `gorm:"->;-:migration"`
	UnitCode        string     `gorm:"->;-:migration"`
	UnitName        string     `gorm:"->;-:migration"`
	HolderKind      string     `gorm:"->;-:migration"`
	HolderCode      string     `gorm:"->;-:migration"`
	HolderName      string     `gorm:"->;-:migration"`
	SubjectUnitKind *string    `gorm:"->;-:migration"`
	SubjectUnitCode *string    `gorm:"->;-:migration"`
	SubjectUnitName *string    `gorm:"->;-:migration"`
	HonorNumber     *int       `gorm:"->;-:migration"`
	HonorYear       *int       `gorm:"->;-:migration"`
	HonorUnitID     *uuid.UUID `gorm:"->;-:migration"`
	HonorUnitCode   *string    `gorm:"->;-:migration"`
	HonorUnitName   *string    `gorm:"->;-:migration"`
	HonorUnitKind   *string    `gorm:"->;-:migration"`
	HonoredAt       *time.Time `gorm:"->;-:migration"`
}

func (nominationRow) TableName() string { return "nominations" }

func readOnlyNominationColumns() []string {
	return []string{"UnitKind", "UnitCode", "UnitName", "HolderKind", "HolderCode", "HolderName", "SubjectUnitKind", "SubjectUnitCode",
		"SubjectUnitName", "HonorNumber", "HonorYear", "HonorUnitID", "HonorUnitCode", "HonorUnitName", "HonorUnitKind", "HonoredAt"}
}

// nominationColumns select a nomination with its units and honor entry, in nominationFields'
// order.
var nominationColumns = columnList("nominations.id", "nominations.unit_id", "nominations.unit_path", "nominations.bloc_id",
	"nominations.year", "nominations.round_id", "nominations.subject_kind", "nominations.subject_unit_id", "nominations.department_name",
	"nominations.person_name", "nominations.person_position", "nominations.party_member", "nominations.leader",
	"nominations.achievements", "nominations.public_summary", "nominations.model_ids", "nominations.criteria", "nominations.mentor",
	"nominations.status", "nominations.status_reason", "nominations.holder_unit_id", "nominations.holder_path",
	"nominations.submitted_by", "nominations.submitted_at", "nominations.decision", "nominations.consent", "nominations.published_at",
	"nominations.published_by", "nominations.published_by_name", "nominations.created_by", "nominations.version",
	"nominations.created_at", "nominations.updated_at",
	"u.kind AS unit_kind", "u.code AS unit_code", "u.name AS unit_name",
	"h.kind AS holder_kind", "h.code AS holder_code", "h.name AS holder_name",
	"su.kind AS subject_unit_kind", "su.code AS subject_unit_code", "su.name AS subject_unit_name",
	"r.number AS honor_number", "r.year AS honor_year", "r.unit_id AS honor_unit_id", "hu.code AS honor_unit_code",
	"hu.name AS honor_unit_name", "hu.kind AS honor_unit_kind", "r.honored_at AS honored_at")

// nominationFields are the destinations of nominationColumns in r, in their order.
func nominationFields(r *nominationRow) []any {
	return []any{&r.ID, &r.UnitID, &r.UnitPath, &r.BlocID, &r.Year, &r.RoundID, &r.SubjectKind, &r.SubjectUnitID, &r.DepartmentName,
		&r.PersonName, &r.PersonPosition, &r.PartyMember, &r.Leader, &r.Achievements, &r.PublicSummary, &r.ModelIDs, &r.Criteria,
		&r.Mentor, &r.Status, &r.StatusReason, &r.HolderUnitID, &r.HolderPath, &r.SubmittedBy, &r.SubmittedAt, &r.Decision,
		&r.Consent, &r.PublishedAt, &r.PublishedBy, &r.PublishedByName, &r.CreatedBy, &r.Version, &r.CreatedAt, &r.UpdatedAt,
		&r.UnitKind, &r.UnitCode, &r.UnitName, &r.HolderKind, &r.HolderCode, &r.HolderName, &r.SubjectUnitKind, &r.SubjectUnitCode,
		&r.SubjectUnitName, &r.HonorNumber, &r.HonorYear, &r.HonorUnitID, &r.HonorUnitCode, &r.HonorUnitName, &r.HonorUnitKind,
		&r.HonoredAt}
}

func (s *Store) nominationsQuery(ctx context.Context) *gorm.DB {
	return s.db(ctx).Model(&nominationRow{}).Select(nominationColumns).
		Joins("JOIN units u ON u.id = nominations.unit_id").
		Joins("JOIN units h ON h.id = nominations.holder_unit_id").
		Joins("LEFT JOIN units su ON su.id = nominations.subject_unit_id").
		Joins("LEFT JOIN honor_roll r ON r.nomination_id = nominations.id").
		Joins("LEFT JOIN units hu ON hu.id = r.unit_id")
}

func jsonOrNull(v any, isNil bool) ([]byte, error) {
	if isNil {
		return nil, nil
	}
	return json.Marshal(v)
}

func fromNomination(n nomination.Nomination) (nominationRow, error) {
	r := nominationRow{ID: n.ID, UnitID: n.UnitID, UnitPath: n.UnitPath, BlocID: n.BlocID, Year: n.Year, RoundID: n.RoundID,
		SubjectKind: string(n.Subject.Kind), SubjectUnitID: n.Subject.UnitID, Achievements: n.Achievements, PublicSummary: n.PublicSummary,
		Status: string(n.Status), StatusReason: n.StatusReason, HolderUnitID: n.HolderID, HolderPath: n.HolderPath,
		SubmittedBy: n.SubmittedBy, SubmittedAt: n.SubmittedAt, PublishedAt: n.PublishedAt, PublishedBy: n.PublishedBy,
		PublishedByName: n.PublishedByName, CreatedBy: n.CreatedBy, Version: n.Version, CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt}
	if n.Subject.Kind == nomination.Individual {
		name, pos, pm, leader := n.Subject.FullName, n.Subject.Position, n.Subject.PartyMember, n.Subject.Leader
		r.PersonName, r.PersonPosition, r.PartyMember, r.Leader = &name, &pos, &pm, &leader
	} else if n.Subject.DepartmentName != "" {
		d := n.Subject.DepartmentName
		r.DepartmentName = &d
	}
	var err error
	if r.ModelIDs, err = json.Marshal(n.ModelIDs); err != nil {
		return r, err
	}
	if r.Criteria, err = json.Marshal(n.Criteria); err != nil {
		return r, err
	}
	if r.Mentor, err = jsonOrNull(n.Mentor, n.Mentor == nil); err != nil {
		return r, err
	}
	if r.Decision, err = jsonOrNull(n.Decision, n.Decision == nil); err != nil {
		return r, err
	}
	r.Consent, err = jsonOrNull(n.Consent, n.Consent == nil)
	return r, err
}

func toNomination(r nominationRow) nomination.Nomination {
	n := nomination.Nomination{ID: r.ID, UnitID: r.UnitID, UnitPath: r.UnitPath, BlocID: r.BlocID, Year: r.Year, RoundID: r.RoundID,
		Achievements: r.Achievements, PublicSummary: r.PublicSummary, Status: nomination.Status(r.Status), StatusReason: r.StatusReason,
		HolderID: r.HolderUnitID, HolderPath: r.HolderPath, SubmittedBy: r.SubmittedBy, SubmittedAt: r.SubmittedAt,
		PublishedAt: r.PublishedAt, PublishedBy: r.PublishedBy, PublishedByName: r.PublishedByName, CreatedBy: r.CreatedBy,
		Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, ModelIDs: []uuid.UUID{}, Criteria: []nomination.Answer{},
		Unit:   org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName},
		Holder: org.Ref{ID: r.HolderUnitID, Kind: org.Kind(r.HolderKind), Code: r.HolderCode, Name: r.HolderName}}
	n.Subject = nomination.Subject{Kind: nomination.SubjectKind(r.SubjectKind), UnitID: r.SubjectUnitID, DepartmentName: deref(r.DepartmentName),
		FullName: deref(r.PersonName), Position: deref(r.PersonPosition)}
	if r.PartyMember != nil {
		n.Subject.PartyMember = *r.PartyMember
	}
	if r.Leader != nil {
		n.Subject.Leader = *r.Leader
	}
	if r.SubjectUnitID != nil && r.SubjectUnitCode != nil {
		n.Subject.Unit = &org.Ref{ID: *r.SubjectUnitID, Kind: org.Kind(deref(r.SubjectUnitKind)), Code: *r.SubjectUnitCode, Name: deref(r.SubjectUnitName)}
	}
	_ = json.Unmarshal(r.ModelIDs, &n.ModelIDs)
	_ = json.Unmarshal(r.Criteria, &n.Criteria)
	if len(r.Mentor) > 0 {
		n.Mentor = &model.Monitor{}
		_ = json.Unmarshal(r.Mentor, n.Mentor)
	}
	if len(r.Decision) > 0 {
		n.Decision = &nomination.Decision{}
		_ = json.Unmarshal(r.Decision, n.Decision)
	}
	if len(r.Consent) > 0 {
		n.Consent = &nomination.Consent{}
		_ = json.Unmarshal(r.Consent, n.Consent)
	}
	if r.HonorNumber != nil && r.HonorUnitID != nil {
		n.HonorEntry = &nomination.HonorEntry{NominationID: r.ID, Number: *r.HonorNumber, Year: *r.HonorYear, HonoredAt: *r.HonoredAt,
			Unit: org.Ref{ID: *r.HonorUnitID, Kind: org.Kind(deref(r.HonorUnitKind)), Code: deref(r.HonorUnitCode), Name: deref(r.HonorUnitName)}}
	}
	return n
}

// CreateNomination inserts a nomination.
func (s *Store) CreateNomination(ctx context.Context, n nomination.Nomination) error {
	row, err := fromNomination(n)
	if err != nil {
		return wrap(err, "create nomination")
	}
	return wrap(s.db(ctx).Omit(readOnlyNominationColumns()...).Create(&row).Error, "create nomination")
}

// GetNomination returns a nomination, locking its row when forUpdate.
func (s *Store) GetNomination(ctx context.Context, id uuid.UUID, forUpdate bool) (nomination.Nomination, error) {
	row, err := takeRow(ctx, s, s.nominationsQuery, "nominations", id, forUpdate, nominationFields)
	if err != nil {
		return nomination.Nomination{}, wrap(err, "get nomination %s", id)
	}
	return toNomination(row), nil
}

// UpdateNomination writes n if the stored version is still n.Version, and bumps it.
func (s *Store) UpdateNomination(ctx context.Context, n nomination.Nomination) error {
	row, err := fromNomination(n)
	if err != nil {
		return wrap(err, "update nomination")
	}
	row.Version = n.Version + 1
	return wrap(updateVersioned(s.db(ctx), &row, n.ID, n.Version,
		"year", "round_id", "subject_kind", "subject_unit_id", "department_name", "person_name", "person_position", "party_member",
		"leader", "achievements", "public_summary", "model_ids", "criteria", "mentor", "status", "status_reason", "holder_unit_id",
		"holder_path", "submitted_by", "submitted_at", "decision", "consent", "published_at", "published_by", "published_by_name",
		"version", "updated_at"), "update nomination")
}

// DeleteNomination removes a nomination.
func (s *Store) DeleteNomination(ctx context.Context, id uuid.UUID) error {
	return wrap(s.db(ctx).Delete(&nominationRow{}, "id = ?", id).Error, "delete nomination %s", id)
}

// ListNominations returns a page of nominations, newest first.
func (s *Store) ListNominations(ctx context.Context, f nomination.Filter) ([]nomination.Nomination, string, error) {
	q := s.nominationsQuery(ctx)
	switch {
	case f.HolderID != nil:
		q = q.Where("nominations.holder_unit_id = ? AND nominations.status IN ('submitted', 'endorsed', 'commended')", *f.HolderID)
	case f.UnitID != nil:
		q = q.Where("nominations.unit_id = ?", *f.UnitID)
	default:
		q = q.Where("nominations.unit_path LIKE ?", likePrefix(f.UnitPath))
	}
	if f.Status != "" {
		q = q.Where("nominations.status = ?", string(f.Status))
	}
	if f.Year != 0 {
		q = q.Where("nominations.year = ?", f.Year)
	}
	for _, w := range strings.Fields(f.Q) {
		pattern := "%" + escapeLike(w) + "%"
		q = q.Where("f_unaccent(coalesce(nominations.person_name, nominations.department_name, su.name, '') || ' ' || nominations.achievements) LIKE f_unaccent(?)", pattern)
	}
	q, err := afterID(q, "nominations.id", f.Cursor, true)
	if err != nil {
		return nil, "", wrap(err, "list nominations")
	}
	rows, err := scanRows(q.Order("nominations.id DESC").Limit(f.Limit+1), nominationFields)
	if err != nil {
		return nil, "", wrap(err, "list nominations")
	}
	rows, next := pageByID(rows, f.Limit, func(r nominationRow) uuid.UUID { return r.ID })
	out := make([]nomination.Nomination, len(rows))
	for i, r := range rows {
		out[i] = toNomination(r)
	}
	return out, next, nil
}

// eventRow is a row of nomination_events.
type eventRow struct {
	ID           uuid.UUID `gorm:"primaryKey"`
	NominationID uuid.UUID
	Action       string
	FromStatus   *string
	ToStatus     string
	HolderUnitID *uuid.UUID
	ActorID      *uuid.UUID
	ActorName    string
	Reason       *string
	At           time.Time
	HolderKind   *string `gorm:"->;-:migration"`
	HolderCode   *string `gorm:"->;-:migration"`
	HolderName   *string `gorm:"->;-:migration"`
}

func (eventRow) TableName() string { return "nomination_events" }

// AddEvent records a decision in a nomination's history.
func (s *Store) AddEvent(ctx context.Context, e nomination.Event) error {
	row := eventRow{ID: e.ID, NominationID: e.NominationID, Action: e.Action, ToStatus: string(e.To), HolderUnitID: e.HolderID,
		ActorID: e.ActorID, ActorName: e.ActorName, Reason: e.Reason, At: e.At}
	if e.From != nil {
		from := string(*e.From)
		row.FromStatus = &from
	}
	return wrap(s.db(ctx).Omit("HolderKind", "HolderCode", "HolderName").Create(&row).Error, "add event")
}

// ListEvents returns a nomination's history, oldest first.
func (s *Store) ListEvents(ctx context.Context, nominationID uuid.UUID) ([]nomination.Event, error) {
	var rows []eventRow
	err := s.db(ctx).Table("nomination_events AS e").Select("e.*, u.kind AS holder_kind, u.code AS holder_code, u.name AS holder_name").
		Joins("LEFT JOIN units u ON u.id = e.holder_unit_id").Where("e.nomination_id = ?", nominationID).Order("e.at, e.id").Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "list events nominationID=%s", nominationID)
	}
	out := make([]nomination.Event, len(rows))
	for i, r := range rows {
		out[i] = nomination.Event{ID: r.ID, NominationID: r.NominationID, Action: r.Action, To: nomination.Status(r.ToStatus),
			HolderID: r.HolderUnitID, ActorID: r.ActorID, ActorName: r.ActorName, Reason: r.Reason, At: r.At}
		if r.FromStatus != nil {
			from := nomination.Status(*r.FromStatus)
			out[i].From = &from
		}
		if r.HolderUnitID != nil && r.HolderCode != nil {
			out[i].Holder = &org.Ref{ID: *r.HolderUnitID, Kind: org.Kind(deref(r.HolderKind)), Code: *r.HolderCode, Name: deref(r.HolderName)}
		}
	}
	return out, nil
}

// noteRow is a row of nomination_notes.
type noteRow struct {
	ID           uuid.UUID `gorm:"primaryKey"`
	NominationID uuid.UUID
	Period       string
	Label        string
	Text         string
	AuthorID     *uuid.UUID
	AuthorName   string
	CreatedAt    time.Time
}

func (noteRow) TableName() string { return "nomination_notes" }

// AddNote records a progress note.
func (s *Store) AddNote(ctx context.Context, n nomination.Note) error {
	row := noteRow(n)
	return wrap(s.db(ctx).Create(&row).Error, "add note")
}

// ListNotes returns a nomination's progress notes, oldest first.
func (s *Store) ListNotes(ctx context.Context, nominationID uuid.UUID) ([]nomination.Note, error) {
	var rows []noteRow
	if err := s.db(ctx).Where("nomination_id = ?", nominationID).Order("created_at, id").Find(&rows).Error; err != nil {
		return nil, wrap(err, "list notes nominationID=%s", nominationID)
	}
	out := make([]nomination.Note, len(rows))
	for i, r := range rows {
		out[i] = nomination.Note(r)
	}
	return out, nil
}
