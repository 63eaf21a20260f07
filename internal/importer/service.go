package importer

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/limits"
	"lamtheobac/internal/member"
	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
	"lamtheobac/internal/user"
)

// Store is what imports need from persistence.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	audit.Recorder
	GetUnit(ctx context.Context, id uuid.UUID) (org.Unit, error)
	GetUnitByCode(ctx context.Context, code string) (org.Unit, error)
	UsernameTaken(ctx context.Context, username string) (bool, error)
	// PartyCardTaken reports whether a member holds the party card number.
	PartyCardTaken(ctx context.Context, card string) (bool, error)

	CreateImportJob(ctx context.Context, j Job) error
	AddImportChunk(ctx context.Context, jobID uuid.UUID, seq int, data []byte) error
	// ImportFile streams the stored file of a job, a chunk at a time.
	ImportFile(ctx context.Context, jobID uuid.UUID) io.ReadCloser
	GetImportJob(ctx context.Context, id uuid.UUID, problems int) (Job, error)
	ListImportJobs(ctx context.Context, f Filter) ([]Job, string, error)
	ListImportProblems(ctx context.Context, jobID uuid.UUID, limit int, cursor string) ([]Problem, string, error)
	// ClaimImportJob moves the oldest queued job to validating (a dry run) or applying (its
	// rows are written as they are read) for this worker, counting an attempt and taking a
	// lease on it for lease (by the database's clock); ok is false when none is queued.
	// Workers of every replica claim without waiting on each other.
	ClaimImportJob(ctx context.Context, now time.Time, lease time.Duration) (j Job, ok bool, err error)
	// RenewImportLease records the progress of a running job and extends its lease, if the
	// job is still running its attempt; false when it is not (the lease lapsed and the job
	// was failed meanwhile).
	RenewImportLease(ctx context.Context, id uuid.UUID, attempt int, state State, rowsDone int, lease time.Duration) (bool, error)
	// AddImportProblems stores problems numbered from firstSeq, while the job still runs the
	// attempt; ErrNotClaimed when it does not.
	AddImportProblems(ctx context.Context, jobID uuid.UUID, attempt, firstSeq int, ps []Problem) error
	ClearImportProblems(ctx context.Context, jobID uuid.UUID) error
	// SaveImportJob writes what changes on a job: file size and digest, state, counts, error.
	SaveImportJob(ctx context.Context, j Job) error
	// SaveRunningImportJob writes the same as SaveImportJob, only if the job is still running
	// the attempt j.Attempts; false when it is not.
	SaveRunningImportJob(ctx context.Context, j Job) (bool, error)
	// RequeueImportJob queues a failed job again; false when it is not failed any more.
	RequeueImportJob(ctx context.Context, id uuid.UUID) (bool, error)
	// FailLapsedImportJobs fails, as interrupted and with nothing written, the running jobs
	// whose lease lapsed.
	FailLapsedImportJobs(ctx context.Context, now time.Time) (int, error)
	// ApplyImport runs fn in one transaction whose writes go through the Writer; an error from
	// fn rolls everything back.
	ApplyImport(ctx context.Context, fn func(w Writer) error) error
	// IndexQueuedModels indexes for search the contents of up to limit models that imports
	// wrote (Writer.AddModel queues them), and returns how many it took off the queue; 0 when
	// none is left.
	IndexQueuedModels(ctx context.Context, limit int) (int, error)
}

// Writer writes imported records and their audit events in the apply transaction, in bulk.
type Writer interface {
	AddUnit(ctx context.Context, u org.Unit) error
	AddUser(ctx context.Context, im user.Imported, passwordHash string) error
	AddModel(ctx context.Context, m model.Model) error
	AddNomination(ctx context.Context, n nomination.Nomination) error
	AddMember(ctx context.Context, m member.Member) error
	AddAudit(ctx context.Context, e audit.Event) error
	// FinishJob writes the job's outcome in the same transaction as its rows, so that the rows
	// and the job's success are committed together or not at all; ErrNotClaimed when the job is
	// no longer running the attempt j.Attempts (the transaction is then rolled back).
	FinishJob(ctx context.Context, j Job) error
}

// Principals loads a principal with its roles as they are now: a job runs with the rights its
// uploader has when it runs, not those it had when it uploaded.
type Principals interface {
	PrincipalFor(ctx context.Context, kind access.PrincipalKind, id uuid.UUID) (*access.Principal, error)
}

// Options tune the workers.
type Options struct {
	Workers int // jobs run at once by this process (default 2)
	// Lease is how long a running job stays its worker's without news of it (default 10 s):
	// the worker renews it every Lease/5 or every second, whichever is sooner, and once it
	// lapses the sweeper of any replica fails the job as interrupted.
	Lease time.Duration
	// SweepEvery is how often this process looks for jobs whose lease lapsed (default 2 s).
	SweepEvery time.Duration
	Poll       time.Duration // how often idle workers look for queued jobs of other replicas (default 10 s;
	// an upload wakes this process's workers at once)
	Log *slog.Logger
	// AfterRow, when set, is called after every row a job handles (tests use it to stop a job
	// in the middle of writing, as a crash would).
	AfterRow func(ctx context.Context, jobID uuid.UUID, state State, row int)
	// AfterSweep, when set, is called after every sweep with the number of jobs it failed
	// (tests wait on it to know that a sweep ran).
	AfterSweep func(failed int)
	// AfterIndex, when set, is called after every batch of the search indexer with the number
	// of queued models it took (tests wait on it to know that the indexer ran).
	AfterIndex func(taken int)
}

// Service uploads, runs and reports imports.
type Service struct {
	store      Store
	principals Principals
	now        func() time.Time
	opt        Options
	wake       chan struct{}
	indexWake  chan struct{} // models were queued for the search index (indexer.go)
}

// NewService returns a Service; call Run to start its workers.
func NewService(store Store, principals Principals, now func() time.Time, o Options) *Service {
	if o.Workers <= 0 {
		o.Workers = 2
	}
	if o.Lease <= 0 {
		o.Lease = 10 * time.Second
	}
	if o.SweepEvery <= 0 {
		o.SweepEvery = 2 * time.Second
	}
	if o.Poll <= 0 {
		o.Poll = 10 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	return &Service{store: store, principals: principals, now: now, opt: o, wake: make(chan struct{}, o.Workers),
		indexWake: make(chan struct{}, 1)}
}

// chunkSize is how the file is cut for storage: a row of the chunk table each.
const chunkSize = 1 << 20

// Upload is a file to import.
type Upload struct {
	Kind     Kind
	DryRun   bool
	FileName string
	File     io.Reader
}

// Submit stores the file as a queued job of the unit's subtree and wakes a worker.
func (s *Service) Submit(ctx context.Context, unitID uuid.UUID, up Upload) (Job, error) {
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return Job{}, err
	}
	if !up.Kind.Valid() {
		return Job{}, apperr.Fields("validation", "Unknown kind of import.", apperr.FieldError{Field: "/kind", Message: "must be units, users, models, nominations or members"})
	}
	if !p.CoversSubtree(u.Path) {
		return Job{}, apperr.New(apperr.Forbidden, "forbidden", "Import only into a unit where your role holds: your own unit or one below it.")
	}
	if !p.HoldsAny(up.Kind.createAction()) {
		return Job{}, apperr.New(apperr.Forbidden, "forbidden", "Your roles may not create "+string(up.Kind)+".")
	}
	name := textnorm.Clean(up.FileName)
	if name == "" {
		name = "upload"
	}
	br := bufio.NewReaderSize(up.File, 4096)
	head, _ := br.Peek(8)
	if len(head) == 0 {
		return Job{}, apperr.Fields("empty_file", "The file is empty.", apperr.FieldError{Field: "/file", Message: "is empty"})
	}
	format, err := DetectFormat(name, head)
	if err != nil {
		var fe *fileError
		errors.As(err, &fe)
		return Job{}, apperr.Fields(fe.code, fe.message, apperr.FieldError{Field: "/file", Message: fe.message})
	}
	now := s.now()
	j := Job{ID: uuid.Must(uuid.NewV7()), Unit: u.Ref(), UnitPath: u.Path, BlocID: u.BlocID, Kind: up.Kind, DryRun: up.DryRun,
		State: Queued, FileName: name, Format: format, ActorID: p.ID, ActorKind: p.Kind, ActorName: p.Name,
		RequestID: audit.RequestID(ctx), CreatedAt: now}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateImportJob(ctx, j); err != nil {
			return err
		}
		size, sum, err := s.storeFile(ctx, j.ID, br)
		if err != nil {
			return err
		}
		j.FileSize, j.FileSHA256 = size, sum
		if err := s.store.SaveImportJob(ctx, j); err != nil {
			return err
		}
		return s.store.Record(ctx, jobEvent("import.create", j))
	})
	if err != nil {
		return Job{}, err
	}
	s.poke()
	return j, nil
}

// FileTooLarge is the 413 of a file over limits.ImportFile.
func FileTooLarge() *apperr.Error {
	return apperr.New(apperr.TooLarge, "file_too_large", "The file is larger than "+limits.Format(limits.ImportFile)+": split it into several files.")
}

// storeFile copies the upload into chunks, refusing it past limits.ImportFile.
func (s *Service) storeFile(ctx context.Context, jobID uuid.UUID, r io.Reader) (int64, string, error) {
	h := sha256.New()
	buf := make([]byte, chunkSize)
	var size int64
	for seq := 0; ; seq++ {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			size += int64(n)
			if size > limits.ImportFile {
				return 0, "", FileTooLarge()
			}
			h.Write(buf[:n])
			if err := s.store.AddImportChunk(ctx, jobID, seq, buf[:n]); err != nil {
				return 0, "", err
			}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return size, hex.EncodeToString(h.Sum(nil)), nil
		}
		if err != nil {
			return 0, "", err
		}
	}
}

// poke wakes an idle worker, if any.
func (s *Service) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// readable returns the job if the caller uploaded it or reads the audit trail of its unit.
func (s *Service) readable(ctx context.Context, id uuid.UUID, problems int) (Job, error) {
	j, err := s.store.GetImportJob(ctx, id, problems)
	if err != nil {
		return Job{}, err
	}
	p := access.FromContext(ctx)
	if p == nil || (p.ID != j.ActorID && !p.Can(access.ReadAudit, j.UnitPath)) {
		return Job{}, apperr.ErrNotFound
	}
	return j, nil
}

// firstProblems is how many problems a job is shown with.
const firstProblems = 100

// Get returns a job with its first problems.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Job, error) {
	return s.readable(ctx, id, firstProblems)
}

// Problems pages through every problem of a job.
func (s *Service) Problems(ctx context.Context, id uuid.UUID, limit int, cursor string) ([]Problem, string, error) {
	if _, err := s.readable(ctx, id, 0); err != nil {
		return nil, "", err
	}
	return s.store.ListImportProblems(ctx, id, limit, cursor)
}

// List returns the jobs the caller uploaded and those of the subtrees whose audit trail it
// reads, newest first; with unitID, only those into that unit's subtree.
func (s *Service) List(ctx context.Context, unitID *uuid.UUID, f Filter) ([]Job, string, error) {
	p := access.FromContext(ctx)
	if unitID != nil {
		u, _, err := org.ReadableUnit(ctx, s.store, *unitID)
		if err != nil {
			return nil, "", err
		}
		f.Under = u.Path
	}
	id := p.ID
	f.ActorID = &id
	if p.IsAdmin() {
		f.UnitPaths = []string{""} // every subtree
	} else {
		for _, a := range p.Roles {
			if a.UnitPath != "" && p.Can(access.ReadAudit, a.UnitPath) {
				f.UnitPaths = append(f.UnitPaths, a.UnitPath)
			}
		}
	}
	return s.store.ListImportJobs(ctx, f)
}

// Retry queues again a job that failed without a fault in its file; the uploader or those
// who could have uploaded it may.
func (s *Service) Retry(ctx context.Context, id uuid.UUID) (Job, error) {
	j, err := s.readable(ctx, id, 0)
	if err != nil {
		return Job{}, err
	}
	p := access.FromContext(ctx)
	if p.ID != j.ActorID && !p.Can(j.Kind.createAction(), j.UnitPath) {
		return Job{}, apperr.ErrForbidden
	}
	if !j.Retryable() {
		return Job{}, apperr.New(apperr.Conflict, "not_retryable", "Only a job that failed without a fault in its file runs again: fix the file and upload it again.")
	}
	var queued Job
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		ok, err := s.store.RequeueImportJob(ctx, id)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.New(apperr.Conflict, "not_retryable", "The job is no longer failed.")
		}
		if err := s.store.ClearImportProblems(ctx, id); err != nil {
			return err
		}
		// Read inside the transaction: the answer is the job as queued, before any worker
		// (which cannot claim it until the commit) moves it on.
		if queued, err = s.store.GetImportJob(ctx, id, 0); err != nil {
			return err
		}
		return s.store.Record(ctx, jobEvent("import.retry", j))
	})
	if err != nil {
		return Job{}, err
	}
	s.poke()
	return queued, nil
}

// jobEvent is the audit event of something done to a job.
func jobEvent(action string, j Job) audit.Event {
	id, unitID, bloc := j.ID, j.Unit.ID, j.BlocID
	return audit.Event{Action: action, ResourceType: "import", ResourceID: &id, UnitID: &unitID, UnitPath: j.UnitPath, BlocID: &bloc,
		After: map[string]any{"kind": j.Kind, "dry_run": j.DryRun, "file_name": j.FileName, "file_size": j.FileSize,
			"file_sha256": j.FileSHA256, "state": j.State, "created_count": j.CreatedCount, "problem_count": j.ProblemCount}}
}
