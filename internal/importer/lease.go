package importer

import (
	"context"
	"sync"
	"time"
)

// A running job is held by its worker on a lease (Options.Lease) that the worker renews, with
// the job's progress, several times per lease. When a process dies, its leases lapse and the
// sweeper of any replica fails their jobs as interrupted within seconds; a job whose worker
// still renews is never taken. A worker that cannot renew for a whole lease gives its job up,
// and every write of a run is fenced by the job's attempt number, so a worker that was
// presumed dead (frozen, cut off from the database) cannot write anything once its job was
// failed, nor the outcome of a run that is not its own.

// sweep fails jobs whose lease lapsed, at start and then every SweepEvery.
func (s *Service) sweep(ctx context.Context) {
	t := time.NewTicker(s.opt.SweepEvery)
	defer t.Stop()
	for {
		n, err := s.store.FailLapsedImportJobs(ctx, s.now())
		switch {
		case err != nil && ctx.Err() == nil:
			s.opt.Log.Error("import: failing jobs whose lease lapsed", "err", err)
		case n > 0:
			s.opt.Log.Warn("import: jobs whose worker stopped being heard were failed as interrupted", "jobs", n)
		}
		if err == nil && s.opt.AfterSweep != nil {
			s.opt.AfterSweep(n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// renewEvery is how often a worker renews its lease and writes its job's progress.
func (s *Service) renewEvery() time.Duration { return min(s.opt.Lease/5, time.Second) }

// holdLease renews the lease of job j, with its progress, until the returned func is called.
// When the job turns out to be no longer this worker's, or the lease could not be renewed for
// a whole lease (since claimed, when it was asked for), it cancels ctx with ErrNotClaimed
// through lose: the run stops, writing nothing.
func (s *Service) holdLease(ctx context.Context, lose context.CancelCauseFunc, j Job, p *progress, claimed time.Time) func() {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(s.renewEvery())
		defer t.Stop()
		held := claimed // the lease in the database runs at least until held + Lease
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			asked := time.Now()
			st, rows := p.get()
			ok, err := s.store.RenewImportLease(ctx, j.ID, j.Attempts, st, rows, s.opt.Lease)
			switch {
			case ctx.Err() != nil:
				return
			case err == nil && ok:
				held = asked
			case err == nil:
				lose(ErrNotClaimed)
				return
			default:
				s.opt.Log.Warn("import: renewing the lease of a job", "job", j.ID, "err", err)
				if time.Since(held) >= s.opt.Lease {
					lose(ErrNotClaimed) // a sweeper may already have failed it
					return
				}
			}
		}
	}()
	return func() { cancel(); <-done }
}

// progress is what the lease renewals report of a running job.
type progress struct {
	mu    sync.Mutex
	state State
	rows  int
}

func (p *progress) set(st State, rows int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.state, p.rows = st, rows
}

func (p *progress) get() (State, int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.state, p.rows
}
