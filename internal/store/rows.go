package store

import (
	"time"

	"github.com/google/uuid"
)

// unitRow is a row of units.
type unitRow struct {
	ID        uuid.UUID `gorm:"primaryKey"`
	Kind      string
	Code      string
	Name      string
	Place     string
	ParentID  *uuid.UUID
	BlocID    uuid.UUID
	Path      string
	Archived  bool
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (unitRow) TableName() string { return "units" }

// userRow is a row of users.
type userRow struct {
	ID           uuid.UUID `gorm:"primaryKey"`
	Username     string
	FullName     string
	Email        *string
	UnitID       *uuid.UUID
	UnitPath     string
	PasswordHash string
	Disabled     bool
	Version      int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
	// The token epochs are the database's own (migrations/0010_token_epoch.sql): read, never written.
	TokenEpoch      int64 `gorm:"->"`
	TokensValidFrom int64 `gorm:"->"`
}

func (userRow) TableName() string { return "users" }

// clientRow is a row of clients.
type clientRow struct {
	ID         uuid.UUID `gorm:"primaryKey"`
	ClientID   string
	Name       string
	UnitID     uuid.UUID
	UnitPath   string
	SecretHash string
	Disabled   bool
	CreatedBy  *uuid.UUID
	CreatedAt  time.Time
	// Read, never written, as for users.
	TokenEpoch      int64 `gorm:"->"`
	TokensValidFrom int64 `gorm:"->"`
}

func (clientRow) TableName() string { return "clients" }

// roleRow is a row of role_assignments.
type roleRow struct {
	ID            uuid.UUID `gorm:"primaryKey"`
	PrincipalID   uuid.UUID
	PrincipalKind string
	Role          string
	UnitID        *uuid.UUID
	GrantedBy     *uuid.UUID
	CreatedAt     time.Time
}

func (roleRow) TableName() string { return "role_assignments" }

// auditRow is a row of audit_events.
type auditRow struct {
	ID           uuid.UUID `gorm:"primaryKey"`
	OccurredAt   time.Time
	ActorID      *uuid.UUID
	ActorKind    string
	ActorName    string
	Action       string
	ResourceType string
	ResourceID   *uuid.UUID
	UnitID       *uuid.UUID
	UnitPath     string
	BlocID       *uuid.UUID
	Before       []byte
	After        []byte
	RequestID    string
	ImportID     *uuid.UUID
}

func (auditRow) TableName() string { return "audit_events" }
