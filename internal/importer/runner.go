package importer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/google/uuid"

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

// errRowsChanged stops the apply transaction: a row valid at validation no longer is.
var errRowsChanged = errors.New("rows changed since validation")

// run validates the job's file and, unless it is a dry run or a row has a problem, applies it,
// holding the job's lease meanwhile. claimed is when the lease was asked for.
func (s *Service) run(ctx context.Context, j Job, claimed time.Time) {
	stopping := ctx // the process stopping
	ctx = audit.WithRequestID(ctx, j.RequestID)
	ctx, lose := context.WithCancelCause(ctx)
	defer lose(nil)
	prog := &progress{state: Validating}
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
	case errors.Is(err, errRowsChanged):
		j.fail(CodeConflict, "While writing, some rows collided with changes made since they were validated (see the problems); nothing was written. Retry it.")
	case errors.As(err, &fe):
		j.fail(fe.code, fe.message)
		j.ProblemCount = max(j.ProblemCount, 1)
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

// runPasses is the job's work: validate everything, then apply in one transaction, which also
// commits the job's success (committed is then true). Otherwise j holds the outcome to write.
func (s *Service) runPasses(ctx context.Context, j *Job, prog *progress) (committed bool, err error) {
	p, err := s.principals.PrincipalFor(ctx, j.ActorKind, j.ActorID)
	if err != nil {
		return false, err
	}
	jobCtx := ctx // the job's own events are the system's, as they always were
	ctx = access.WithPrincipal(ctx, p)
	res, err := s.pass(ctx, *j, nil, prog)
	j.ProblemCount, j.RowsTotal, j.RowsDone, j.CreatedCount = res.problems, &res.rows, res.rows, res.records
	if err != nil {
		return false, err
	}
	if res.problems > 0 {
		j.fail("invalid_rows", fmt.Sprintf("%d problem(s) in the file; nothing was written. Fix the rows and upload the file again.", res.problems))
		return false, nil
	}
	if j.DryRun {
		j.State = Succeeded // created_count says what would be written
		return false, nil
	}
	prog.set(Applying, 0)
	// Clients see the total while it applies; created_count counts only committed records.
	j.State, j.RowsDone, j.CreatedCount = Applying, 0, 0
	if ok, err := s.store.SaveRunningImportJob(ctx, *j); err != nil || !ok {
		return false, cmp.Or(err, ErrNotClaimed)
	}
	err = s.store.ApplyImport(ctx, func(w Writer) error {
		res, err := s.pass(ctx, *j, w, prog)
		j.ProblemCount = res.problems
		if err == nil && res.problems > 0 {
			return errRowsChanged
		}
		if err != nil {
			return err
		}
		done := *j
		now := s.now()
		done.State, done.RowsDone, done.CreatedCount, done.FinishedAt = Succeeded, res.rows, res.records, &now
		if err := w.AddAudit(jobCtx, jobEvent("import.finish", done)); err != nil {
			return err
		}
		return w.FinishJob(ctx, done)
	})
	return err == nil, err
}

// passResult counts what a pass over the file saw.
type passResult struct{ rows, records, problems int }

// pass reads the file through once: it converts every row and, with a writer, writes each
// record and its audit event. Problems are stored as they are found, a batch at a time.
func (s *Service) pass(ctx context.Context, j Job, w Writer, prog *progress) (passResult, error) {
	var res passResult
	sink := &problemSink{st: s.store, job: j.ID, attempt: j.Attempts}
	if w == nil {
		if err := s.store.ClearImportProblems(ctx, j.ID); err != nil {
			return res, err
		}
	}
	f := s.store.ImportFile(ctx, j.ID)
	defer f.Close()
	// The apply pass reads the bytes validation read (the size and digest say so, before an
	// XLSX is opened): its archive was checked then.
	rr, err := openRows(checkedFile(f, j.FileSize, j.FileSHA256), j.Format, w != nil && j.FileSHA256 != "")
	if err != nil {
		return res, sink.fileProblem(ctx, err)
	}
	defer rr.close()
	cells, _, err := rr.next()
	if errors.Is(err, io.EOF) {
		return res, sink.fileProblem(ctx, &fileError{"empty_file", "The file has no rows, not even a header."})
	}
	if err != nil {
		return res, sink.fileProblem(ctx, err)
	}
	l, headerProblems := readHeader(j.Kind, cells)
	if len(headerProblems) > 0 {
		res.problems = len(headerProblems)
		if err := sink.add(ctx, headerProblems...); err != nil {
			return res, err
		}
		if err := sink.flush(ctx); err != nil {
			return res, err
		}
		return res, &fileError{"invalid_header", "The header row does not match the columns of a " + string(j.Kind) + " file: see the problems."}
	}
	conv := newConverter(j.Kind, env{p: access.FromContext(ctx), units: newUnitCache(s.store, j.UnitPath), st: s.store, now: s.now()})
	state := Validating
	if w != nil {
		state = Applying
	}
	for {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		cells, n, err := rr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *rowError
		if errors.As(err, &re) {
			res.rows++
			res.problems++
			if err := sink.add(ctx, Problem{Row: n, Code: re.code, Message: re.message}); err != nil {
				return res, err
			}
			continue
		}
		if err != nil {
			res.problems++
			return res, sink.fileProblem(ctx, err)
		}
		if blank(cells) {
			continue
		}
		res.rows++
		r := &row{l: l, cells: cells, n: n, formula: j.Format == CSV}
		r.checkExtraCells()
		rec, err := conv.convert(ctx, r)
		if err != nil {
			return res, err
		}
		if len(r.problems) > 0 {
			res.problems += len(r.problems)
			if err := sink.add(ctx, r.problems...); err != nil {
				return res, err
			}
		} else if rec != nil {
			res.records++
			if w != nil && res.problems == 0 {
				if err := write(ctx, w, rec, j.ID); err != nil {
					return res, err
				}
			}
		}
		prog.set(state, res.rows)
		if s.opt.AfterRow != nil {
			s.opt.AfterRow(ctx, j.ID, state, res.rows)
		}
	}
	if err := sink.flush(ctx); err != nil {
		return res, err
	}
	if res.rows == 0 && res.problems == 0 {
		res.problems++
		return res, sink.fileProblem(ctx, &fileError{"no_rows", "The file has a header but no data rows."})
	}
	return res, nil
}

// write writes a record and its audit event, naming the job.
func write(ctx context.Context, w Writer, rec record, jobID uuid.UUID) error {
	if err := rec.write(ctx, w); err != nil {
		return err
	}
	e := rec.event()
	e.ImportID = &jobID
	return w.AddAudit(ctx, e)
}

// blank reports whether every cell of a row is empty (spreadsheets keep formatted empty rows).
func blank(cells []string) bool {
	for _, c := range cells {
		if c != "" && !isSpace(c) {
			return false
		}
	}
	return true
}

func isSpace(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\u00a0' {
			return false
		}
	}
	return true
}

// problemSink stores problems in batches.
type problemSink struct {
	st      Store
	job     uuid.UUID
	attempt int // the run's: a worker that lost the job stores nothing
	seq     int
	buf     []Problem
}

func (p *problemSink) add(ctx context.Context, ps ...Problem) error {
	p.buf = append(p.buf, ps...)
	if len(p.buf) >= 500 {
		return p.flush(ctx)
	}
	return nil
}

func (p *problemSink) flush(ctx context.Context) error {
	if len(p.buf) == 0 {
		return nil
	}
	if err := p.st.AddImportProblems(context.WithoutCancel(ctx), p.job, p.attempt, p.seq, p.buf); err != nil {
		return err
	}
	p.seq += len(p.buf)
	p.buf = p.buf[:0]
	return nil
}

// fileProblem stores a problem of the whole file and returns it as the pass's error, so the
// job fails with its code; other errors pass through.
func (p *problemSink) fileProblem(ctx context.Context, err error) error {
	var fe *fileError
	if !errors.As(err, &fe) {
		return err
	}
	if ferr := p.add(ctx, Problem{Row: 0, Code: fe.code, Message: fe.message}); ferr != nil {
		return ferr
	}
	if ferr := p.flush(ctx); ferr != nil {
		return ferr
	}
	return fe
}
