package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"lamtheobac/internal/member"
	"lamtheobac/internal/org"
)

var _ member.Store = (*Store)(nil)

// memberRow is a row of members, with its cell read alongside.
type memberRow struct {
	ID              uuid.UUID `gorm:"primaryKey"`
	UnitID          uuid.UUID
	UnitPath        string
	BlocID          uuid.UUID
	UserID          *uuid.UUID
	FullName        string
	BirthDate       *time.Time
	Position        string
	Workplace       string
	JoinedPartyOn   *time.Time
	PartyCardNumber *string
	CreatedBy       *uuid.UUID
	Version         int64
	CreatedAt       time.Time
	UpdatedAt       time.Time
	UnitKind        string `gorm:"->;-:migration"`
	UnitCode        string `gorm:"->;-:migration"`
	UnitName        string `gorm:"->;-:migration"`
}

func (memberRow) TableName() string { return "members" }

func fromMember(m member.Member) memberRow {
	return memberRow{ID: m.ID, UnitID: m.UnitID, UnitPath: m.UnitPath, BlocID: m.BlocID, UserID: m.UserID, FullName: m.FullName,
		BirthDate: m.BirthDate, Position: m.Position, Workplace: m.Workplace, JoinedPartyOn: m.JoinedPartyOn,
		PartyCardNumber: m.PartyCardNumber, CreatedBy: m.CreatedBy, Version: m.Version, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt}
}

func toMember(r memberRow) member.Member {
	return member.Member{ID: r.ID, UnitID: r.UnitID, UnitPath: r.UnitPath, BlocID: r.BlocID, UserID: r.UserID, FullName: r.FullName,
		BirthDate: civil(r.BirthDate), Position: r.Position, Workplace: r.Workplace, JoinedPartyOn: civil(r.JoinedPartyOn),
		PartyCardNumber: r.PartyCardNumber, CreatedBy: r.CreatedBy, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName}}
}

// civil keeps a date column a civil date at UTC midnight, whatever zone the driver read it in.
func civil(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return &d
}

// readOnlyMemberColumns are joined in by queries and never written.
func readOnlyMemberColumns() []string { return []string{"UnitKind", "UnitCode", "UnitName"} }

// membersQuery selects members with their cell.
func (s *Store) membersQuery(ctx context.Context) *gorm.DB {
	return s.db(ctx).Model(&memberRow{}).
		Select("members.*, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name").
		Joins("JOIN units u ON u.id = members.unit_id")
}

// CreateMember inserts a member and counts it in its cell's tally.
func (s *Store) CreateMember(ctx context.Context, m member.Member) error {
	row := fromMember(m)
	db := s.db(ctx)
	if err := db.Omit(readOnlyMemberColumns()...).Create(&row).Error; err != nil {
		return wrap(err, "create member")
	}
	return wrap(bumpMembers(db, m.UnitID, m.UnitPath, m.BlocID, 1), "create member")
}

// GetMember returns the member with id, locking its row when forUpdate.
func (s *Store) GetMember(ctx context.Context, id uuid.UUID, forUpdate bool) (member.Member, error) {
	row, err := takeByID[memberRow](s.membersQuery(ctx), "members", id, forUpdate)
	if err != nil {
		return member.Member{}, wrap(err, "get member %s", id)
	}
	return toMember(row), nil
}

// MemberOfUser returns the member linked to the user account.
func (s *Store) MemberOfUser(ctx context.Context, userID uuid.UUID) (member.Member, error) {
	var row memberRow
	if err := s.membersQuery(ctx).Where("members.user_id = ?", userID).Take(&row).Error; err != nil {
		return member.Member{}, wrap(err, "get member of user %s", userID)
	}
	return toMember(row), nil
}

// UpdateMember writes m if the stored version is still m.Version, and bumps it.
func (s *Store) UpdateMember(ctx context.Context, m member.Member) error {
	row := fromMember(m)
	row.Version = m.Version + 1
	return wrap(updateVersioned(s.db(ctx), &row, m.ID, m.Version, "user_id", "full_name", "birth_date", "position",
		"workplace", "joined_party_on", "party_card_number", "version", "updated_at"), "update member %s", m.ID)
}

// DeleteMember removes a member and its count in its cell's tally. (A member never changes
// cell: UpdateMember does not write unit_id.)
func (s *Store) DeleteMember(ctx context.Context, id uuid.UUID) error {
	var gone []memberRow
	db := s.db(ctx)
	if err := db.Raw("DELETE FROM members WHERE id = ? RETURNING id, unit_id, unit_path, bloc_id", id).Scan(&gone).Error; err != nil {
		return wrap(err, "delete member %s", id)
	}
	for _, r := range gone {
		if err := bumpMembers(db, r.UnitID, r.UnitPath, r.BlocID, -1); err != nil {
			return wrap(err, "delete member %s", id)
		}
	}
	return nil
}

// ListMembers returns a page of members in id order (the order they were added).
func (s *Store) ListMembers(ctx context.Context, f member.Filter) ([]member.Member, string, error) {
	q := s.membersQuery(ctx)
	switch ids := org.PathIDs(f.UnitPath); {
	case f.UnitID != nil:
		q = q.Where("members.unit_id = ?", *f.UnitID)
	case len(ids) == 1:
		q = q.Where("members.bloc_id = ?", ids[0]) // a bloc's subtree is its members
	default:
		q = q.Where("members.unit_path LIKE ?", likePrefix(f.UnitPath))
	}
	if f.Q != "" {
		q = q.Where("f_unaccent(members.full_name) LIKE f_unaccent(?)", "%"+escapeLike(f.Q)+"%")
	}
	q, err := afterID(q, "members.id", f.Cursor, false)
	if err != nil {
		return nil, "", wrap(err, "list members")
	}
	var rows []memberRow
	if err := q.Order("members.id").Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap(err, "list members")
	}
	rows, next := pageByID(rows, f.Limit, func(r memberRow) uuid.UUID { return r.ID })
	out := make([]member.Member, len(rows))
	for i, r := range rows {
		out[i] = toMember(r)
	}
	return out, next, nil
}

// UserExists reports whether a user account with id exists.
func (s *Store) UserExists(ctx context.Context, id uuid.UUID) (bool, error) {
	var n int64
	err := s.db(ctx).Model(&userRow{}).Where("id = ?", id).Count(&n).Error
	return n > 0, wrap(err, "find user %s", id)
}

// CountCommitments counts the commitments of a member.
func (s *Store) CountCommitments(ctx context.Context, memberID uuid.UUID) (int, error) {
	var n int64
	err := s.db(ctx).Table("commitments").Where("member_id = ?", memberID).Count(&n).Error
	return int(n), wrap(err, "count commitments of member %s", memberID)
}

// PartyCardTaken reports whether a member holds the party card number.
func (s *Store) PartyCardTaken(ctx context.Context, card string) (bool, error) {
	var n int64
	err := s.db(ctx).Model(&memberRow{}).Where("party_card_number = ?", card).Count(&n).Error
	return n > 0, wrap(err, "find party card")
}
