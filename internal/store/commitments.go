package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"lamtheobac/internal/member"
	"lamtheobac/internal/org"
	"lamtheobac/internal/task"
)

// commitmentRow is a row of commitments, with its member and cell read alongside.
type commitmentRow struct {
	ID             uuid.UUID `gorm:"primaryKey"`
	MemberID       uuid.UUID
	UnitID         uuid.UUID
	UnitPath       string
	BlocID         uuid.UUID
	Year           int
	Status         string
	StatusReason   *string
	Items          []byte
	OnBehalf       bool
	SubmittedAt    *time.Time
	SubmittedBy    *uuid.UUID
	AcceptedAt     *time.Time
	AcceptedBy     *uuid.UUID
	MidYearAt      *time.Time
	YearEndAt      *time.Time
	CellAssessment string
	ProposedClass  *string
	ReviewedAt     *time.Time
	ReviewedBy     *uuid.UUID
	Class          *string
	ClassifiedAt   *time.Time
	ClassifiedBy   *uuid.UUID
	CreatedBy      *uuid.UUID
	Version        int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
	MemberName     string     `gorm:"->;-:migration"`
	MemberUserID   *uuid.UUID `gorm:"->;-:migration"`
	UnitKind       string     `gorm:"->;-:migration"`
	UnitCode       string     `gorm:"->;-:migration"`
	UnitName       string     `gorm:"->;-:migration"`
}

func (commitmentRow) TableName() string { return "commitments" }

func readOnlyCommitmentColumns() []string {
	return []string{"MemberName", "MemberUserID", "UnitKind", "UnitCode", "UnitName"}
}

func classPtr(c *member.Class) *string {
	if c == nil {
		return nil
	}
	s := string(*c)
	return &s
}

func toClass(s *string) *member.Class {
	if s == nil {
		return nil
	}
	c := member.Class(*s)
	return &c
}

func fromCommitment(c member.Commitment) (commitmentRow, error) {
	items, err := json.Marshal(c.Items)
	if err != nil {
		return commitmentRow{}, err
	}
	return commitmentRow{ID: c.ID, MemberID: c.MemberID, UnitID: c.UnitID, UnitPath: c.UnitPath, BlocID: c.BlocID, Year: c.Year,
		Status: string(c.Status), StatusReason: c.StatusReason, Items: items, OnBehalf: c.OnBehalf, SubmittedAt: c.SubmittedAt,
		SubmittedBy: c.SubmittedBy, AcceptedAt: c.AcceptedAt, AcceptedBy: c.AcceptedBy, MidYearAt: c.MidYearAt, YearEndAt: c.YearEndAt,
		CellAssessment: c.CellAssessment, ProposedClass: classPtr(c.ProposedClass), ReviewedAt: c.ReviewedAt, ReviewedBy: c.ReviewedBy,
		Class: classPtr(c.Class), ClassifiedAt: c.ClassifiedAt, ClassifiedBy: c.ClassifiedBy, CreatedBy: c.CreatedBy, Version: c.Version,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}, nil
}

func toCommitment(r commitmentRow) member.Commitment {
	c := member.Commitment{ID: r.ID, MemberID: r.MemberID, MemberName: r.MemberName, MemberUserID: r.MemberUserID, UnitID: r.UnitID,
		Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName}, UnitPath: r.UnitPath, BlocID: r.BlocID,
		Year: r.Year, Status: member.Status(r.Status), StatusReason: r.StatusReason, Items: []member.Item{}, OnBehalf: r.OnBehalf,
		SubmittedAt: r.SubmittedAt, SubmittedBy: r.SubmittedBy, AcceptedAt: r.AcceptedAt, AcceptedBy: r.AcceptedBy, MidYearAt: r.MidYearAt,
		YearEndAt: r.YearEndAt, CellAssessment: r.CellAssessment, ProposedClass: toClass(r.ProposedClass), ReviewedAt: r.ReviewedAt,
		ReviewedBy: r.ReviewedBy, Class: toClass(r.Class), ClassifiedAt: r.ClassifiedAt, ClassifiedBy: r.ClassifiedBy,
		CreatedBy: r.CreatedBy, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	_ = json.Unmarshal(r.Items, &c.Items)
	return c
}

// commitmentsQuery selects commitments with their member and cell.
func (s *Store) commitmentsQuery(ctx context.Context) *gorm.DB {
	return s.db(ctx).Model(&commitmentRow{}).
		Select("commitments.*, m.full_name AS member_name, m.user_id AS member_user_id, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name").
		Joins("JOIN members m ON m.id = commitments.member_id").
		Joins("JOIN units u ON u.id = commitments.unit_id")
}

// CreateCommitment inserts a commitment (a second one of the member for the year is a
// duplicate) and counts it in its cell's tallies.
func (s *Store) CreateCommitment(ctx context.Context, c member.Commitment) error {
	row, err := fromCommitment(c)
	if err != nil {
		return wrap(err, "create commitment")
	}
	db := s.db(ctx)
	if err := db.Omit(readOnlyCommitmentColumns()...).Create(&row).Error; err != nil {
		return wrap(err, "create commitment")
	}
	return wrap(moveCommitment(db, c, nil, &c), "create commitment")
}

// GetCommitment returns the commitment with id, locking its row when forUpdate.
func (s *Store) GetCommitment(ctx context.Context, id uuid.UUID, forUpdate bool) (member.Commitment, error) {
	row, err := takeByID[commitmentRow](s.commitmentsQuery(ctx), "commitments", id, forUpdate)
	if err != nil {
		return member.Commitment{}, wrap(err, "get commitment %s", id)
	}
	return toCommitment(row), nil
}

// UpdateCommitment writes after if the stored version is still before's, bumps it, and moves
// the commitment's count in its cell's tallies from before's state to after's. The stored
// row at before's version is before (every write bumps the version), so its state is known
// without reading it again.
func (s *Store) UpdateCommitment(ctx context.Context, before, after member.Commitment) error {
	row, err := fromCommitment(after)
	if err != nil {
		return wrap(err, "update commitment")
	}
	row.Version = before.Version + 1
	db := s.db(ctx)
	if err := updateVersioned(db, &row, after.ID, before.Version, "status", "status_reason", "items", "submitted_at", "submitted_by",
		"accepted_at", "accepted_by", "mid_year_at", "year_end_at", "cell_assessment", "proposed_class", "reviewed_at", "reviewed_by",
		"class", "classified_at", "classified_by", "version", "updated_at"); err != nil {
		return wrap(err, "update commitment %s", after.ID)
	}
	return wrap(moveCommitment(db, before, &before, &after), "update commitment %s", after.ID)
}

// DeleteCommitment removes a commitment and its count in its cell's tallies (as the deleted
// row was, whatever the caller read).
func (s *Store) DeleteCommitment(ctx context.Context, id uuid.UUID) error {
	var gone []commitmentRow
	db := s.db(ctx)
	if err := db.Raw(`DELETE FROM commitments WHERE id = ? RETURNING id, unit_id, unit_path, bloc_id, year, status, class`, id).
		Scan(&gone).Error; err != nil {
		return wrap(err, "delete commitment %s", id)
	}
	for _, r := range gone {
		c := toCommitment(r)
		if err := moveCommitment(db, c, &c, nil); err != nil {
			return wrap(err, "delete commitment %s", id)
		}
	}
	return nil
}

// ListCommitments returns a page of commitments: a member's newest first, a unit's in the order
// they were drafted.
func (s *Store) ListCommitments(ctx context.Context, f member.CommitmentFilter) ([]member.Commitment, string, error) {
	q := s.commitmentsQuery(ctx)
	desc := f.MemberID != nil
	switch ids := org.PathIDs(f.UnitPath); {
	case f.MemberID != nil:
		q = q.Where("commitments.member_id = ?", *f.MemberID)
	case f.UnitID != nil:
		q = q.Where("commitments.unit_id = ?", *f.UnitID)
	case len(ids) == 1:
		q = q.Where("commitments.bloc_id = ?", ids[0])
	default:
		q = q.Where("commitments.unit_path LIKE ?", likePrefix(f.UnitPath))
	}
	if f.Year != 0 {
		q = q.Where("commitments.year = ?", f.Year)
	}
	if len(f.Statuses) > 0 {
		states := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			states[i] = string(st)
		}
		q = q.Where("commitments.status IN ?", states)
	}
	q, err := afterID(q, "commitments.id", f.Cursor, desc)
	if err != nil {
		return nil, "", wrap(err, "list commitments")
	}
	order := "commitments.id"
	if desc {
		order += " DESC"
	}
	var rows []commitmentRow
	if err := q.Order(order).Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap(err, "list commitments")
	}
	rows, next := pageByID(rows, f.Limit, func(r commitmentRow) uuid.UUID { return r.ID })
	out := make([]member.Commitment, len(rows))
	for i, r := range rows {
		out[i] = toCommitment(r)
	}
	return out, next, nil
}

// deadlineRow is a row of commitment_deadlines.
type deadlineRow struct {
	UnitID    uuid.UUID `gorm:"primaryKey"`
	Year      int       `gorm:"primaryKey"`
	DueOn     time.Time
	SetBy     *uuid.UUID
	UpdatedAt time.Time
}

func (deadlineRow) TableName() string { return "commitment_deadlines" }

// CommitmentDeadlines returns the deadlines of year set at units.
func (s *Store) CommitmentDeadlines(ctx context.Context, units []uuid.UUID, year int) (map[uuid.UUID]time.Time, error) {
	var rows []deadlineRow
	if err := s.db(ctx).Where("unit_id IN ? AND year = ?", units, year).Find(&rows).Error; err != nil {
		return nil, wrap(err, "read commitment deadlines")
	}
	out := make(map[uuid.UUID]time.Time, len(rows))
	for _, r := range rows {
		out[r.UnitID] = *civil(&r.DueOn)
	}
	return out, nil
}

// PutCommitmentDeadline sets (or replaces) a unit's deadline of a year.
func (s *Store) PutCommitmentDeadline(ctx context.Context, d member.Deadline) error {
	row := deadlineRow{UnitID: d.UnitID, Year: d.Year, DueOn: d.DueOn, SetBy: d.SetBy, UpdatedAt: time.Now().UTC()}
	return wrap(s.db(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "unit_id"}, {Name: "year"}},
		DoUpdates: clause.AssignmentColumns([]string{"due_on", "set_by", "updated_at"})}).Create(&row).Error, "set commitment deadline")
}

// ModelUnitPath returns the unit path of a model.
func (s *Store) ModelUnitPath(ctx context.Context, id uuid.UUID) (string, error) {
	var paths []string
	if err := s.db(ctx).Table("models").Where("id = ?", id).Pluck("unit_path", &paths).Error; err != nil {
		return "", wrap(err, "get model %s", id)
	}
	if len(paths) == 0 {
		return "", wrap(gormNotFound(), "get model %s", id)
	}
	return paths[0], nil
}

// PendingCommitments finds the commitments in q.Statuses of q.At's cells and of the cells below
// q.Below's units, oldest first.
func (s *Store) PendingCommitments(ctx context.Context, q member.PendingQuery) ([]task.Task, error) {
	if q.At.None() && q.Below.None() {
		return nil, nil
	}
	var f taskFilter
	f.add("c.status IN ?", strs(q.Statuses))
	switch {
	case q.At.Everywhere || q.Below.Everywhere:
	// The cells are found first (by key and units_parent_idx), then their commitments by
	// commitments_unit_idx: an OR across the two joined tables would read every unit.
	case q.At.None():
		f.add("c.unit_id IN (SELECT id FROM units WHERE parent_id IN ?)", q.Below.IDs)
	case q.Below.None():
		f.add("c.unit_id IN ?", q.At.IDs)
	default:
		f.add("c.unit_id IN (SELECT id FROM units WHERE id IN ? OR parent_id IN ?)", q.At.IDs, q.Below.IDs)
	}
	f.notBy("m.user_id", q.NotOf)
	return s.pendingTasks(ctx, `SELECT m.full_name || ' — ' || c.year AS title, c.id, u.id AS unit_id, u.kind AS unit_kind,
			u.code AS unit_code, u.name AS unit_name, NULL::date AS due_on
		FROM commitments c JOIN members m ON m.id = c.member_id JOIN units u ON u.id = c.unit_id`, f.where, "c.updated_at",
		append(f.args, q.Limit)...)
}
