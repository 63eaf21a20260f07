package httpapi_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/app"
	"lamtheobac/internal/importer"
	"lamtheobac/internal/store"
)

// testLease is the lease of the jobs in these tests: short, so that nothing waits a minute.
const testLease = time.Second

// silentLog keeps the warnings of a worker that cannot renew out of the test output.
var silentLog = slog.New(slog.NewTextHandler(io.Discard, nil))

// unreachableStore is the store as a process sees it once it lost the database (or froze):
// after cut, its lease renewals no longer arrive. Everything else goes through, so that what
// the process does when it comes back is checked against the database.
type unreachableStore struct {
	*store.Store
	cut atomic.Bool
}

func (s *unreachableStore) RenewImportLease(ctx context.Context, id uuid.UUID, attempt int, state importer.State, rows int, lease time.Duration) (bool, error) {
	if s.cut.Load() {
		return false, errors.New("connection refused")
	}
	return s.Store.RenewImportLease(ctx, id, attempt, state, rows, lease)
}

// TestImportWorkerDiesMidApply: a worker that stops being heard in the middle of writing (its
// process froze, or lost the database) has its job failed as interrupted by another instance
// within a few leases — counts reset, no row written, when its worker was last heard kept —
// and the job retried runs to success there. When the frozen worker comes back, it writes
// nothing: not its rows, not its outcome over the job's new run.
func TestImportWorkerDiesMidApply(t *testing.T) {
	t.Parallel()
	// e is instance B: its sweeper and workers start once A has the job.
	e := newEnvWith(t, app.Options{Imports: importer.Options{Lease: testLease, SweepEvery: 20 * time.Millisecond, Poll: 20 * time.Millisecond}})

	// Instance A, over the same database, with one worker that freezes at row 500 of the apply.
	st := &unreachableStore{Store: e.store}
	died, thaw := make(chan struct{}), make(chan struct{})
	var once sync.Once
	hook := func(ctx context.Context, _ uuid.UUID, state importer.State, row int) {
		if state == importer.Applying && row == 500 {
			once.Do(func() {
				st.cut.Store(true)
				close(died)
				<-thaw
			})
		}
	}
	a := importer.NewService(st, e.app.Auth, e.app.Now, importer.Options{Workers: 1, Lease: testLease, SweepEvery: time.Hour,
		Poll: 20 * time.Millisecond, AfterRow: hook, Log: silentLog})
	actx, stopA := context.WithCancel(context.Background())
	aDone := make(chan struct{})
	go func() { a.Run(actx); close(aDone) }()
	var thawOnce sync.Once
	release := func() { thawOnce.Do(func() { close(thaw) }) }
	t.Cleanup(func() { release(); stopA(); <-aDone })

	job := e.submit(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "a.csv", data: modelRows("DU-SCT", "DIE", 3000)})
	<-died
	startImports(t, e)
	j := e.waitJob("committee.officer", job.ID)
	if j.State != "failed" || j.Error == nil || j.Error.Code != "interrupted" || !j.Retryable || j.Attempts != 1 {
		t.Fatalf("the frozen worker's job: %+v", j)
	}
	if n := e.countModels("DIE"); n != 0 || j.CreatedCount != 0 {
		t.Fatalf("%d rows of an interrupted job exist, created_count %d: both must be 0", n, j.CreatedCount)
	}
	id := uuid.MustParse(job.ID)
	failed, err := e.store.GetImportJob(context.Background(), id, 0)
	if err != nil {
		t.Fatal(err)
	}
	if failed.WorkerHeardAt == nil || failed.FinishedAt == nil {
		t.Fatalf("when its worker was last heard is not kept: %+v", failed)
	}
	// Seconds, not the minute a heartbeat used to be given (the lease is 1 s here).
	if gap := failed.FinishedAt.Sub(*failed.WorkerHeardAt); gap > 10*time.Second {
		t.Fatalf("failed %v after its worker was last heard", gap)
	}

	// Retried, it runs on B to the end.
	e.must(http.StatusAccepted, req{Method: "POST", Path: "/api/v1/imports/" + job.ID + "/retry", User: "committee.officer"})
	j = e.waitJob("committee.officer", job.ID)
	if j.State != "succeeded" || j.CreatedCount != 3000 || j.Attempts != 2 {
		t.Fatalf("after the retry: %+v %+v", j, j.Error)
	}

	// A's first run may write nothing any more: its outcome and its rows are fenced by the attempt.
	stale := failed
	stale.State, stale.ErrorCode, stale.ErrorMessage = importer.Failed, nil, nil
	if ok, err := e.store.SaveRunningImportJob(context.Background(), stale); err != nil || ok {
		t.Fatalf("the first run's outcome overwrote the second run's: %v %v", ok, err)
	}
	err = e.store.ApplyImport(context.Background(), func(w importer.Writer) error { return w.FinishJob(context.Background(), stale) })
	if !errors.Is(err, importer.ErrNotClaimed) {
		t.Fatalf("the first run committed its success: %v", err)
	}
	late := []importer.Problem{{Row: 2, Code: "late", Message: "a problem of the first run"}}
	if err := e.store.AddImportProblems(context.Background(), id, 1, 0, late); !errors.Is(err, importer.ErrNotClaimed) {
		t.Fatalf("the first run stored a problem into the second: %v", err)
	}
	// A comes back and goes on from row 500: it gives the job up and writes nothing.
	release()
	stopA()
	<-aDone
	if n := e.countModels("DIE"); n != 3000 {
		t.Fatalf("%d rows after the frozen worker came back, want 3000", n)
	}
	if j = e.waitJob("committee.officer", job.ID); j.State != "succeeded" || j.Attempts != 2 || j.CreatedCount != 3000 {
		t.Fatalf("after the frozen worker came back: %+v", j)
	}
}

// TestImportLiveWorkerKeepsItsJob: a worker that renews its lease keeps its job however long
// it runs: another instance sweeping many times over meanwhile never fails it.
func TestImportLiveWorkerKeepsItsJob(t *testing.T) {
	t.Parallel()
	swept := make(chan struct{}, 1) // B has swept since this was last drained
	e := newEnvWith(t, app.Options{Imports: importer.Options{Lease: testLease, SweepEvery: 10 * time.Millisecond, Poll: 20 * time.Millisecond,
		AfterSweep: func(int) {
			select {
			case swept <- struct{}{}:
			default:
			}
		}}})

	// Instance A runs the job and stalls at row 100 of the apply, its lease renewed meanwhile.
	stalled, resume := make(chan struct{}), make(chan struct{})
	var once sync.Once
	hook := func(_ context.Context, _ uuid.UUID, state importer.State, row int) {
		if state == importer.Applying && row == 100 {
			once.Do(func() { close(stalled); <-resume })
		}
	}
	a := newEnvSharing(t, e, app.Options{Imports: importer.Options{Workers: 1, Lease: testLease, Poll: 20 * time.Millisecond, AfterRow: hook}})
	startImports(t, a)
	var resumeOnce sync.Once
	t.Cleanup(func() { resumeOnce.Do(func() { close(resume) }) })

	job := e.submit(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "a.csv", data: modelRows("DU-SCT", "LIVE", 1000)})
	<-stalled
	startImports(t, e)
	id := uuid.MustParse(job.ID)
	heard := func() importer.Job {
		got, err := e.store.GetImportJob(context.Background(), id, 0)
		if err != nil || got.WorkerHeardAt == nil {
			t.Fatalf("job %+v: %v", got, err)
		}
		return got
	}
	// Wait until A has renewed for three leases (a lease not renewed would have lapsed twice
	// over), then for two more sweeps of B.
	first := *heard().WorkerHeardAt
	for {
		got := heard()
		if got.State != importer.Applying {
			t.Fatalf("the live worker's job was taken: %+v", got)
		}
		if got.WorkerHeardAt.Sub(first) > 3*testLease {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case <-swept: // a sweep that may have begun before: drained
	default:
	}
	<-swept
	<-swept // this one began after the three leases
	if got := heard(); got.State != importer.Applying || got.ErrorCode != nil || got.Attempts != 1 {
		t.Fatalf("the live worker's job was taken: %+v", got)
	}
	resumeOnce.Do(func() { close(resume) })
	j := e.waitJob("committee.officer", job.ID)
	if j.State != "succeeded" || j.CreatedCount != 1000 || j.Attempts != 1 {
		t.Fatalf("the live worker's job: %+v", j)
	}
	if n := e.countModels("LIVE"); n != 1000 {
		t.Fatalf("%d rows, want 1000", n)
	}
}
