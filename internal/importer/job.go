// Package importer runs bulk imports: a CSV or XLSX file of units, users, models, nominations or members
// is uploaded into a unit's subtree, stored, then validated and applied in the background by a
// small pool of workers. A dry run only validates. A real run is all or nothing: the rows are
// written in one transaction, only when no row has a problem. Jobs live in the database, so any
// replica may run them, and a job cut off by a restart fails cleanly and can be retried.
package importer

import (
	"errors"
	"slices"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/org"
)

// Kind is what a file holds.
type Kind string

// The kinds of import.
const (
	Units       Kind = "units"
	Users       Kind = "users"
	Models      Kind = "models"
	Nominations Kind = "nominations"
	Members     Kind = "members"
)

// Kinds lists every kind of import.
func Kinds() []Kind { return []Kind{Units, Users, Models, Nominations, Members} }

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds(), k) }

// createAction is what a role must be granted to import k at all: rows are then checked one by
// one against the same rules as creating each record through the API.
func (k Kind) createAction() access.Action {
	switch k {
	case Units:
		return access.CreateChild
	case Users:
		return access.ManageUsers
	case Models:
		return access.ManageModel
	case Members:
		return access.ManageMembers
	}
	return access.ManageNomination
}

// State is where a job is.
type State string

// The states of a job.
const (
	Queued     State = "queued"
	Validating State = "validating"
	Applying   State = "applying"
	Succeeded  State = "succeeded"
	Failed     State = "failed"
)

// Failure codes that do not come from the file: the same file may be run again.
const (
	// CodeInterrupted: the service stopped while the job ran; the transaction was rolled back.
	CodeInterrupted = "interrupted"
	// CodeConflict: while writing, a row collided with a change made since validation.
	CodeConflict = "conflict"
	// CodeInternal: the job failed on the service's side (an outage, a bug).
	CodeInternal = "internal"
)

// CodeCorruptFile is the problem (and failure) of a file that is damaged or incomplete: a zip
// that cannot be read through (truncated, a checksum or a declared size that does not hold), a
// sheet that is not well-formed XML, or a stored copy that no longer matches the upload.
const CodeCorruptFile = "corrupt_file"

// CodeExtraCells is the problem of a row holding cells in columns that have no header (beyond
// the header, or under an empty header cell): they would be lost, so the row is refused.
const CodeExtraCells = "extra_cells"

// ErrNotClaimed is returned when a worker writes to a job it no longer holds: its lease
// lapsed and the job was failed (and maybe run again) meanwhile. Nothing of the worker's
// run may then be written.
var ErrNotClaimed = errors.New("importer: the job is no longer held by this worker")

// FileRetention is how long the file of a finished job is kept (to retry it); the job itself,
// with its counts and problems, stays.
const FileRetention = 30 * 24 * time.Hour

// Job is one upload and what became of it.
type Job struct {
	ID           uuid.UUID
	Unit         org.Ref
	UnitPath     string
	BlocID       uuid.UUID
	Kind         Kind
	DryRun       bool
	State        State
	FileName     string
	Format       string
	FileSize     int64
	FileSHA256   string
	ActorID      uuid.UUID
	ActorKind    access.PrincipalKind
	ActorName    string
	RequestID    string
	RowsTotal    *int
	RowsDone     int
	CreatedCount int
	ProblemCount int
	ErrorCode    *string
	ErrorMessage *string
	Attempts     int // also the run's fencing token: a worker writes only while it matches
	// WorkerHeardAt is when the worker running the job was last heard (it renews its lease
	// about every second), by the database's clock; nil before the job first ran.
	WorkerHeardAt *time.Time
	Problems      []Problem // the first ones, when read with them
	CreatedAt     time.Time
	StartedAt     *time.Time
	FinishedAt    *time.Time
}

// Retryable reports whether the job failed without a fault in its file, recently enough that
// the file is still kept.
func (j Job) Retryable() bool {
	return j.State == Failed && j.ErrorCode != nil && (*j.ErrorCode == CodeInterrupted || *j.ErrorCode == CodeConflict || *j.ErrorCode == CodeInternal) &&
		(j.FinishedAt == nil || time.Since(*j.FinishedAt) < FileRetention)
}

// Problem is one thing wrong with the file: at a row (0 for the file as a whole), in a column
// (as headed in the file) mapped to a field.
type Problem struct {
	Row     int
	Column  string
	Field   string
	Code    string
	Message string
}

// Filter selects jobs for a list.
type Filter struct {
	UnitPaths []string   // jobs into these subtrees…
	ActorID   *uuid.UUID // …or uploaded by this principal
	Under     string     // and only into this subtree, when set
	State     State
	Limit     int
	Cursor    string
}
