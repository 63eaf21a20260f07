package importer

import (
	"context"
	"time"
)

// indexBatch is how many queued models the indexer indexes in one statement: a few seconds of
// work at most, and a short transaction (its row locks hold off edits of those models).
const indexBatch = 1000

// index runs the search indexer until ctx ends: it indexes, a batch at a time, the contents of
// the models imports queued (Store.IndexQueuedModels), and then waits for an import of this
// process to commit models, or for Poll to pass (imports of other replicas). A failed batch is
// logged and retried at the next round: the queue is kept until a batch commits, so a stop or
// a crash loses nothing, and indexing a model twice is harmless.
func (s *Service) index(ctx context.Context) {
	for ctx.Err() == nil {
		for ctx.Err() == nil {
			n, err := s.store.IndexQueuedModels(ctx, indexBatch)
			if err != nil {
				if ctx.Err() == nil {
					s.opt.Log.Error("search index: indexing imported models", "err", err)
				}
				break
			}
			if s.opt.AfterIndex != nil {
				s.opt.AfterIndex(n)
			}
			if n == 0 {
				break
			}
		}
		select {
		case <-ctx.Done():
		case <-s.indexWake:
		case <-time.After(s.opt.Poll):
		}
	}
}

// wakeIndexer tells this process's indexer that models were queued.
func (s *Service) wakeIndexer() {
	select {
	case s.indexWake <- struct{}{}:
	default: // already told
	}
}
