package importer

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
)

// Run starts the workers, the sweeper of jobs whose lease lapsed and the search indexer of the
// models imports write (indexer.go), and returns when ctx ends and every one has stopped. A job
// running when ctx ends is rolled back and failed as interrupted.
func (s *Service) Run(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Add(s.opt.Workers + 2)
	go func() { defer wg.Done(); s.sweep(ctx) }()
	go func() { defer wg.Done(); s.index(ctx) }()
	for i := 0; i < s.opt.Workers; i++ {
		go func() { defer wg.Done(); s.work(ctx) }()
	}
	wg.Wait()
}

// work claims and runs queued jobs until ctx ends.
func (s *Service) work(ctx context.Context) {
	for ctx.Err() == nil {
		asked := time.Now() // the lease runs from no earlier than this
		j, ok, err := s.store.ClaimImportJob(ctx, s.now(), s.opt.Lease)
		if err != nil && ctx.Err() == nil {
			s.opt.Log.Error("import: claiming a job", "err", err)
		}
		if ok {
			s.run(ctx, j, asked)
			continue
		}
		select {
		case <-ctx.Done():
		case <-s.wake:
		case <-time.After(s.opt.Poll):
		}
	}
}

// run reads the job's file through once, validating every row and, unless it is a dry run,
// writing it in the apply transaction, holding the job's lease meanwhile. claimed is when the lease was asked for.
func (s *Service) run(ctx context.Context, j Job, claimed time.Time) {
	stopping := ctx // the process stopping
	ctx = audit.WithRequestID(ctx, j.RequestID)
	ctx, lose := context.WithCancelCause(ctx)
	defer lose(nil)
	prog := &progress{state: Validating}
	if !j.DryRun {
		prog.state = Applying // the claim moved it there: rows are written as they are read
	}
	release := s.holdLease(ctx, lose, j, prog, claimed)
	committed, err := s.runPasses(ctx, &j, prog)
	release()
	if committed {
		if j.Kind == Models && !j.DryRun {
			s.wakeIndexer() // the models' contents are queued for the search index
		}
		return // the outcome was committed with the rows
	}
	if errors.Is(err, ErrNotClaimed) || errors.Is(context.Cause(ctx), ErrNotClaimed) {
		s.opt.Log.Warn("import: the job's lease lapsed while it ran: it was failed as interrupted, nothing of this run is written", "job", j.ID)
		return
	}
	// The outcome is written even when ctx ended: that is how a stop becomes "interrupted".
	bg := context.WithoutCancel(ctx)
	now := s.now()
	j.FinishedAt = &now
	var fe *fileError
	switch {
	case err == nil:
	case stopping.Err() != nil:
		j.fail(CodeInterrupted, InterruptedMessage)
	case errors.As(err, &fe):
		j.fail(fe.code, fe.message)
		j.ProblemCount = max(j.ProblemCount, 1)
	case apperr.KindOf(err) == apperr.Conflict:
		// A row checked against the data as it was collided, at its write or the commit, with
		// a change made meanwhile (a code or username taken by someone else).
		j.fail(CodeConflict, "While writing, some rows collided with changes made meanwhile; nothing was written. Retry it.")
	case apperr.KindOf(err) == apperr.Unauthenticated:
		j.fail("uploader_gone", "The account that uploaded the file is disabled or deleted; nothing was written.")
	default:
		s.opt.Log.Error("import: job failed", "job", j.ID, "err", err)
		j.fail(CodeInternal, "The job failed on our side; nothing was written. Retry it later or tell the administrators.")
	}
	if j.State == Failed {
		j.CreatedCount = 0 // nothing was written, whatever rows were valid
	}
	err = s.store.InTx(bg, func(ctx context.Context) error {
		ok, err := s.store.SaveRunningImportJob(ctx, j)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNotClaimed
		}
		return s.store.Record(ctx, jobEvent("import.finish", j))
	})
	switch {
	case errors.Is(err, ErrNotClaimed):
		s.opt.Log.Warn("import: the job's lease lapsed before its outcome was written: it was failed as interrupted", "job", j.ID)
	case err != nil:
		s.opt.Log.Error("import: recording the outcome", "job", j.ID, "err", err)
	}
}

// InterruptedMessage is the message of a job failed as interrupted, by its worker or a sweeper.
const InterruptedMessage = "The service stopped while the job ran; nothing was written. Retry it."

// fail marks the job failed with code.
func (j *Job) fail(code, message string) {
	j.State, j.ErrorCode, j.ErrorMessage = Failed, &code, &message
}

// errHasProblems rolls the apply transaction back: a row has a problem, so nothing is written.
var errHasProblems = errors.New("a row has a problem")

// runPasses is the job's work: one read of the file that validates every row and, in a real
// run, writes it in the apply transaction as it goes, committing the job's success with the
// rows (committed is then true). At the first problem the transaction is rolled back and the
// read goes on without writing, to list every problem of the file; a clean file is read once.
// Otherwise j holds the outcome to write.
func (s *Service) runPasses(ctx context.Context, j *Job, prog *progress) (committed bool, err error) {
	p, err := s.principals.PrincipalFor(ctx, j.ActorKind, j.ActorID)
	if err != nil {
		return false, err
	}
	jobCtx := ctx // the job's own events are the system's, as they always were
	ctx = access.WithPrincipal(ctx, p)
	sc, err := s.openScan(ctx, *j, prog)
	defer sc.close()
	if err != nil {
		sc.counts(j)
		return false, err
	}
	if !j.DryRun {
		err = s.store.ApplyImport(ctx, func(w Writer) error {
			if err := sc.read(ctx, w); err != nil {
				return err
			}
			if sc.res.problems > 0 {
				return errHasProblems
			}
			done := *j
			now := s.now()
			done.State, done.RowsTotal, done.RowsDone, done.CreatedCount, done.ProblemCount, done.FinishedAt =
				Succeeded, &sc.res.rows, sc.res.rows, sc.res.records, 0, &now
			if err := w.AddAudit(jobCtx, jobEvent("import.finish", done)); err != nil {
				return err
			}
			return w.FinishJob(ctx, done)
		})
		if err == nil {
			return true, nil
		}
		if !errors.Is(err, errHasProblems) {
			sc.counts(j)
			return false, err
		}
		// Rolled back: the rest of the file is only validated, to list every problem.
		sc.state = Validating
		prog.set(Validating, sc.res.rows)
	}
	err = sc.read(ctx, nil)
	sc.counts(j)
	if err != nil {
		return false, err
	}
	if sc.res.problems > 0 {
		j.fail("invalid_rows", fmt.Sprintf("%d problem(s) in the file; nothing was written. Fix the rows and upload the file again.", sc.res.problems))
		return false, nil
	}
	j.State = Succeeded // a dry run: created_count says what would be written
	return false, nil
}
