package store

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"lamtheobac/internal/access"
	"lamtheobac/internal/importer"
	"lamtheobac/internal/org"
)

var _ importer.Store = (*Store)(nil)

// importJobRow is a row of import_jobs, with its unit read alongside.
type importJobRow struct {
	ID           uuid.UUID `gorm:"primaryKey"`
	UnitID       uuid.UUID
	UnitPath     string
	BlocID       uuid.UUID
	Kind         string
	DryRun       bool
	State        string
	FileName     string
	FileFormat   string
	FileSize     int64
	FileSha256   string `gorm:"column:file_sha256"`
	ActorID      uuid.UUID
	ActorKind    string
	ActorName    string
	RequestID    string
	RowsTotal    *int
	RowsDone     int
	CreatedCount int
	ProblemCount int
	ErrorCode    *string
	ErrorMessage *string
	Attempts     int
	HeartbeatAt  *time.Time
	LeaseUntil   *time.Time
	CreatedAt    time.Time
	StartedAt    *time.Time
	FinishedAt   *time.Time
	UnitKind     string `gorm:"->;-:migration"`
	UnitCode     string `gorm:"->;-:migration"`
	UnitName     string `gorm:"->;-:migration"`
}

func (importJobRow) TableName() string { return "import_jobs" }

// importJobColumns selects a job with its unit.
const importJobColumns = "import_jobs.*, units.kind AS unit_kind, units.code AS unit_code, units.name AS unit_name"

func (s *Store) importJobs(ctx context.Context) *gorm.DB {
	return s.db(ctx).Model(&importJobRow{}).Select(importJobColumns).Joins("JOIN units ON units.id = import_jobs.unit_id")
}

func toImportJob(r importJobRow) importer.Job {
	return importer.Job{ID: r.ID, Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName},
		UnitPath: r.UnitPath, BlocID: r.BlocID, Kind: importer.Kind(r.Kind), DryRun: r.DryRun, State: importer.State(r.State),
		FileName: r.FileName, Format: r.FileFormat, FileSize: r.FileSize, FileSHA256: r.FileSha256, ActorID: r.ActorID,
		ActorKind: access.PrincipalKind(r.ActorKind), ActorName: r.ActorName, RequestID: r.RequestID, RowsTotal: r.RowsTotal,
		RowsDone: r.RowsDone, CreatedCount: r.CreatedCount, ProblemCount: r.ProblemCount, ErrorCode: r.ErrorCode,
		ErrorMessage: r.ErrorMessage, Attempts: r.Attempts, WorkerHeardAt: r.HeartbeatAt, CreatedAt: r.CreatedAt, StartedAt: r.StartedAt,
		FinishedAt: r.FinishedAt, Problems: []importer.Problem{}}
}

// CreateImportJob inserts a new job.
func (s *Store) CreateImportJob(ctx context.Context, j importer.Job) error {
	row := importJobRow{ID: j.ID, UnitID: j.Unit.ID, UnitPath: j.UnitPath, BlocID: j.BlocID, Kind: string(j.Kind), DryRun: j.DryRun,
		State: string(j.State), FileName: j.FileName, FileFormat: j.Format, FileSize: j.FileSize, FileSha256: j.FileSHA256,
		ActorID: j.ActorID, ActorKind: string(j.ActorKind), ActorName: j.ActorName, RequestID: j.RequestID, CreatedAt: j.CreatedAt}
	return wrap(s.db(ctx).Omit("UnitKind", "UnitCode", "UnitName").Create(&row).Error, "create import job")
}

// SaveImportJob writes a job's file digest, state, counts and outcome.
func (s *Store) SaveImportJob(ctx context.Context, j importer.Job) error {
	return wrap(s.db(ctx).Model(&importJobRow{}).Where("id = ?", j.ID).Updates(jobOutcome(j)).Error, "save import job")
}

// SaveRunningImportJob writes the same, only while the job still runs the attempt j.Attempts:
// a worker whose lease lapsed (and whose job was failed, maybe run again) writes nothing.
func (s *Store) SaveRunningImportJob(ctx context.Context, j importer.Job) (bool, error) {
	out := jobOutcome(j)
	out["heartbeat_at"] = gorm.Expr("now()") // the worker is heard as it writes
	if j.State == importer.Succeeded || j.State == importer.Failed {
		out["lease_until"] = nil
	}
	res := s.db(ctx).Model(&importJobRow{}).Where("id = ? AND attempts = ? AND state IN ('validating', 'applying')", j.ID, j.Attempts).
		Updates(out)
	return res.RowsAffected == 1, wrap(res.Error, "save running import job")
}

// jobOutcome is what SaveImportJob writes.
func jobOutcome(j importer.Job) map[string]any {
	return map[string]any{
		"file_size": j.FileSize, "file_sha256": j.FileSHA256, "state": string(j.State), "rows_total": j.RowsTotal,
		"rows_done": j.RowsDone, "created_count": j.CreatedCount, "problem_count": j.ProblemCount, "error_code": j.ErrorCode,
		"error_message": j.ErrorMessage, "finished_at": j.FinishedAt}
}

// AddImportChunk stores one piece of a job's file.
func (s *Store) AddImportChunk(ctx context.Context, jobID uuid.UUID, seq int, data []byte) error {
	return wrap(s.db(ctx).Exec("INSERT INTO import_file_chunks (job_id, seq, data) VALUES (?, ?, ?)", jobID, seq, data).Error, "add import chunk jobID=%s", jobID)
}

// chunkReader reads a stored file one chunk (1 MiB) at a time, so only one is in memory.
type chunkReader struct {
	ctx  context.Context
	s    *Store
	job  uuid.UUID
	seq  int
	buf  []byte
	done bool
}

// ImportFile streams the stored file of a job.
func (s *Store) ImportFile(ctx context.Context, jobID uuid.UUID) io.ReadCloser {
	return &chunkReader{ctx: ctx, s: s, job: jobID}
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.done {
			return 0, io.EOF
		}
		var data []byte
		// Read outside any transaction in ctx: the apply transaction runs on its own connection.
		err := c.s.gdb.WithContext(c.ctx).Raw("SELECT data FROM import_file_chunks WHERE job_id = ? AND seq = ?", c.job, c.seq).Row().Scan(&data)
		if errors.Is(err, sql.ErrNoRows) {
			c.done = true
			continue
		}
		if err != nil {
			return 0, translate(err)
		}
		c.buf, c.seq = data, c.seq+1
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

func (c *chunkReader) Close() error { c.buf, c.done = nil, true; return nil }

// GetImportJob returns a job with its first problems.
func (s *Store) GetImportJob(ctx context.Context, id uuid.UUID, problems int) (importer.Job, error) {
	var row importJobRow
	if err := s.importJobs(ctx).Where("import_jobs.id = ?", id).Take(&row).Error; err != nil {
		return importer.Job{}, wrap(err, "get import job %s", id)
	}
	j := toImportJob(row)
	if problems > 0 {
		ps, _, err := s.ListImportProblems(ctx, id, problems, "")
		if err != nil {
			return importer.Job{}, wrap(err, "get import job %s", id)
		}
		j.Problems = ps
	}
	return j, nil
}

// ListImportJobs lists jobs newest first.
func (s *Store) ListImportJobs(ctx context.Context, f importer.Filter) ([]importer.Job, string, error) {
	q := s.importJobs(ctx)
	visible := s.db(ctx).Where("import_jobs.actor_id = ?", f.ActorID)
	for _, p := range f.UnitPaths {
		visible = visible.Or("import_jobs.unit_path LIKE ?", likePrefix(p))
	}
	q = q.Where(visible)
	if f.Under != "" {
		q = q.Where("import_jobs.unit_path LIKE ?", likePrefix(f.Under))
	}
	if f.State != "" {
		q = q.Where("import_jobs.state = ?", string(f.State))
	}
	q, err := afterID(q, "import_jobs.id", f.Cursor, true)
	if err != nil {
		return nil, "", wrap(err, "list import jobs")
	}
	var rows []importJobRow
	if err := q.Order("import_jobs.id DESC").Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap(err, "list import jobs")
	}
	rows, next := pageByID(rows, f.Limit, func(r importJobRow) uuid.UUID { return r.ID })
	out := make([]importer.Job, len(rows))
	for i, r := range rows {
		out[i] = toImportJob(r)
	}
	return out, next, nil
}

// importProblemRow is a row of import_problems.
type importProblemRow struct {
	JobID   uuid.UUID
	Seq     int
	RowNo   int
	Col     string
	Field   string
	Code    string
	Message string
}

func (importProblemRow) TableName() string { return "import_problems" }

// seqCursor is a position in a job's problems.
type seqCursor struct {
	Seq int `json:"s"`
}

// ListImportProblems pages through a job's problems in file order.
func (s *Store) ListImportProblems(ctx context.Context, jobID uuid.UUID, limit int, cursor string) ([]importer.Problem, string, error) {
	q := s.db(ctx).Where("job_id = ?", jobID)
	if cursor != "" {
		var c seqCursor
		if err := decodeCursor(cursor, &c); err != nil {
			return nil, "", wrap(err, "list import problems jobID=%s", jobID)
		}
		q = q.Where("seq > ?", c.Seq)
	}
	var rows []importProblemRow
	if err := q.Order("seq").Limit(limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap(err, "list import problems jobID=%s", jobID)
	}
	next := ""
	if len(rows) > limit {
		rows = rows[:limit]
		next = encodeCursor(seqCursor{Seq: rows[len(rows)-1].Seq})
	}
	out := make([]importer.Problem, len(rows))
	for i, r := range rows {
		out[i] = importer.Problem{Row: r.RowNo, Column: r.Col, Field: r.Field, Code: r.Code, Message: r.Message}
	}
	return out, next, nil
}

// AddImportProblems stores problems numbered from firstSeq, only while the job runs the
// attempt: a worker whose lease lapsed must not mix its problems into the job's next run.
func (s *Store) AddImportProblems(ctx context.Context, jobID uuid.UUID, attempt, firstSeq int, ps []importer.Problem) error {
	for len(ps) > 0 {
		batch := ps[:min(len(ps), 500)]
		var values strings.Builder
		args := make([]any, 0, len(batch)*7+2)
		for i, p := range batch {
			if i > 0 {
				values.WriteString(", ")
			}
			values.WriteString("(?::uuid, ?::integer, ?::integer, ?, ?, ?, ?)")
			args = append(args, jobID, firstSeq+i, p.Row, p.Column, p.Field, p.Code, p.Message)
		}
		args = append(args, jobID, attempt)
		res := s.gdb.WithContext(ctx).Exec(`INSERT INTO import_problems (job_id, seq, row_no, col, field, code, message)
			SELECT * FROM (VALUES `+values.String()+`) AS v
			WHERE EXISTS (SELECT 1 FROM import_jobs WHERE id = ? AND attempts = ? AND state IN ('validating', 'applying'))`, args...)
		if res.Error != nil {
			return wrap(res.Error, "add import problems jobID=%s", jobID)
		}
		if res.RowsAffected == 0 {
			return importer.ErrNotClaimed
		}
		ps, firstSeq = ps[len(batch):], firstSeq+len(batch)
	}
	return nil
}

// ClearImportProblems forgets a job's problems before it runs again.
func (s *Store) ClearImportProblems(ctx context.Context, jobID uuid.UUID) error {
	return wrap(s.db(ctx).Where("job_id = ?", jobID).Delete(&importProblemRow{}).Error, "clear import problems jobID=%s", jobID)
}

// ClaimImportJob takes the oldest queued job; SKIP LOCKED lets every worker of every replica
// claim a different one without waiting. The lease is counted by the database's clock, as the
// sweepers of every replica read it.
func (s *Store) ClaimImportJob(ctx context.Context, now time.Time, lease time.Duration) (importer.Job, bool, error) {
	var claimed []struct{ ID uuid.UUID }
	res := s.gdb.WithContext(ctx).Raw(`UPDATE import_jobs SET state = CASE WHEN dry_run THEN 'validating' ELSE 'applying' END, attempts = attempts + 1, heartbeat_at = now(),
		lease_until = now() + ? * interval '1 second', started_at = ?, rows_done = 0, rows_total = NULL, created_count = 0,
		problem_count = 0, error_code = NULL, error_message = NULL, finished_at = NULL
		WHERE id = (SELECT id FROM import_jobs WHERE state = 'queued' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
		RETURNING id`, lease.Seconds(), now).Scan(&claimed)
	if res.Error != nil {
		return importer.Job{}, false, wrap(res.Error, "claim import job")
	}
	if len(claimed) == 0 {
		return importer.Job{}, false, nil
	}
	j, err := s.GetImportJob(ctx, claimed[0].ID, 0)
	return j, err == nil, wrap(err, "claim import job")
}

// RenewImportLease records a running job's state and rows done, and extends its lease, while
// the job still runs the worker's attempt.
func (s *Store) RenewImportLease(ctx context.Context, id uuid.UUID, attempt int, state importer.State, rowsDone int, lease time.Duration) (bool, error) {
	res := s.gdb.WithContext(ctx).Exec(`UPDATE import_jobs SET state = ?, rows_done = ?, heartbeat_at = now(),
		lease_until = now() + ? * interval '1 second'
		WHERE id = ? AND attempts = ? AND state IN ('validating', 'applying')`, string(state), rowsDone, lease.Seconds(), id, attempt)
	return res.RowsAffected == 1, wrap(res.Error, "renew import lease %s", id)
}

// RequeueImportJob queues a failed job again.
func (s *Store) RequeueImportJob(ctx context.Context, id uuid.UUID) (bool, error) {
	res := s.db(ctx).Model(&importJobRow{}).Where("id = ? AND state = 'failed'", id).
		Updates(map[string]any{"state": "queued", "error_code": nil, "error_message": nil, "finished_at": nil,
			"rows_done": 0, "problem_count": 0, "created_count": 0, "lease_until": nil, "heartbeat_at": nil})
	return res.RowsAffected == 1, wrap(res.Error, "requeue import job %s", id)
}

// FailLapsedImportJobs fails the running jobs whose lease lapsed: their process died or lost
// the database, and with it their transaction, so nothing of theirs was written and created
// counts nothing. A job claimed by a version without leases is given a minute from its last
// heartbeat, as that version gave it.
func (s *Store) FailLapsedImportJobs(ctx context.Context, now time.Time) (int, error) {
	res := s.gdb.WithContext(ctx).Exec(`UPDATE import_jobs SET state = 'failed', error_code = ?, error_message = ?, finished_at = ?,
		created_count = 0, lease_until = NULL
		WHERE state IN ('validating', 'applying')
		AND COALESCE(lease_until, heartbeat_at + interval '1 minute', started_at + interval '1 minute') < now()`,
		importer.CodeInterrupted, importer.InterruptedMessage, now)
	return int(res.RowsAffected), wrap(res.Error, "fail lapsed import jobs")
}

// UsernameTaken reports whether a user has the username, in any letter case.
func (s *Store) UsernameTaken(ctx context.Context, username string) (bool, error) {
	var n int64
	err := s.db(ctx).Model(&userRow{}).Where("lower(username) = ?", strings.ToLower(username)).Limit(1).Count(&n).Error
	return n > 0, wrap(err, "username taken")
}
