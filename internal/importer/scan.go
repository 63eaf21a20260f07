package importer

import (
	"context"
	"errors"
	"io"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
)

// passResult counts what the read of a file saw.
type passResult struct{ rows, records, problems int }

// scan is the one read of a job's file: it converts every row and stores the problems it
// finds, a batch at a time; while it is given a writer and has found no problem, it also
// writes each record, with the import's audit events. It can be stopped after a row and
// taken up again at the next one (runPasses does so to roll the writes back at the first
// problem and go on validating).
type scan struct {
	s     *Service
	j     Job
	prog  *progress
	state State // what the job is doing, as AfterRow and the lease renewals report it
	sink  *problemSink
	f     io.Closer
	rr    rowReader
	l     layout
	conv  converter
	audit *importAudit
	res   passResult
	eof   bool
}

// openScan clears the problems of an earlier attempt, opens the job's stored file (read back
// checked against the upload's size and digest; an XLSX's archive checked through before a
// row is read) and reads its header. The scan it returns is to be closed, even with an error.
func (s *Service) openScan(ctx context.Context, j Job, prog *progress) (*scan, error) {
	st, _ := prog.get()
	sc := &scan{s: s, j: j, prog: prog, state: st, sink: &problemSink{st: s.store, job: j.ID, attempt: j.Attempts},
		audit: newImportAudit(j)}
	if err := s.store.ClearImportProblems(ctx, j.ID); err != nil {
		return sc, err
	}
	f := s.store.ImportFile(ctx, j.ID)
	sc.f = f
	rr, err := openRows(checkedFile(f, j.FileSize, j.FileSHA256), j.Format, false)
	if err != nil {
		return sc, sc.sink.fileProblem(ctx, err)
	}
	sc.rr = rr
	cells, _, err := rr.next()
	if errors.Is(err, io.EOF) {
		return sc, sc.sink.fileProblem(ctx, &fileError{"empty_file", "The file has no rows, not even a header."})
	}
	if err != nil {
		return sc, sc.sink.fileProblem(ctx, err)
	}
	l, headerProblems := readHeader(j.Kind, cells)
	if len(headerProblems) > 0 {
		sc.res.problems = len(headerProblems)
		if err := sc.sink.add(ctx, headerProblems...); err != nil {
			return sc, err
		}
		if err := sc.sink.flush(ctx); err != nil {
			return sc, err
		}
		return sc, &fileError{"invalid_header", "The header row does not match the columns of a " + string(j.Kind) + " file: see the problems."}
	}
	sc.l = l
	sc.conv = newConverter(j.Kind, env{p: access.FromContext(ctx), units: newUnitCache(s.store, j.UnitPath), st: s.store, now: s.now()})
	return sc, nil
}

// close releases the file.
func (sc *scan) close() {
	if sc.rr != nil {
		sc.rr.close()
	}
	if sc.f != nil {
		sc.f.Close()
	}
}

// counts sets the job's counts to what the scan saw.
func (sc *scan) counts(j *Job) {
	rows := sc.res.rows
	j.ProblemCount, j.RowsTotal, j.RowsDone, j.CreatedCount = sc.res.problems, &rows, rows, sc.res.records
}

// read reads on from where the scan stands. With a writer it writes every record until a row
// has a problem, and returns right after that row (the caller rolls the writes back and reads
// on without one); without, it reads to the end, storing every problem.
func (sc *scan) read(ctx context.Context, w Writer) error {
	if sc.eof {
		return nil
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		if w != nil && sc.res.problems > 0 {
			return nil
		}
		cells, n, err := sc.rr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *rowError
		if errors.As(err, &re) {
			sc.res.rows++
			sc.res.problems++
			if err := sc.sink.add(ctx, Problem{Row: n, Code: re.code, Message: re.message}); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			sc.res.problems++
			return sc.sink.fileProblem(ctx, err)
		}
		if blank(cells) {
			continue
		}
		sc.res.rows++
		r := &row{l: sc.l, cells: cells, n: n, formula: sc.j.Format == CSV}
		r.checkExtraCells()
		rec, err := sc.conv.convert(ctx, r)
		if err != nil {
			return err
		}
		if len(r.problems) > 0 {
			sc.res.problems += len(r.problems)
			if err := sc.sink.add(ctx, r.problems...); err != nil {
				return err
			}
		} else if rec != nil {
			sc.res.records++
			if w != nil {
				if err := rec.write(ctx, w); err != nil {
					return err
				}
				if err := sc.audit.add(ctx, w, rec.event(), n); err != nil {
					return err
				}
			}
		}
		sc.prog.set(sc.state, sc.res.rows)
		if sc.s.opt.AfterRow != nil {
			sc.s.opt.AfterRow(ctx, sc.j.ID, sc.state, sc.res.rows)
		}
	}
	sc.eof = true
	if err := sc.sink.flush(ctx); err != nil {
		return err
	}
	if sc.res.rows == 0 && sc.res.problems == 0 {
		sc.res.problems++
		return sc.sink.fileProblem(ctx, &fileError{"no_rows", "The file has a header but no data rows."})
	}
	if w != nil && sc.res.problems == 0 {
		return sc.audit.flush(ctx, w)
	}
	return nil
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
