package store

import (
	"context"

	"github.com/google/uuid"
)

// The contents' words are indexed in model_search, off the write path of models
// (migrations/0025_model_search.sql): COPY into models pays for no content index.
//
// A model written one at a time (CreateModel, UpdateModel) gets its words in the same
// transaction: searchable at once. A bulk import only queues its models' ids
// (model_search_queue, with the rows, in the same COPY); IndexQueuedModels, run in the
// background beside the import workers, indexes them in batches. Until then such a model is
// found by its name (the names' trigram index stays on models) but not by its content. A model
// written by SQL outside the store is found by content only once its id is queued.

// indexModelSQL writes a model's words; unchanged words (most updates change the status, not
// the content) are not rewritten, so such an update does not touch the GIN index.
const indexModelSQL = `INSERT INTO model_search (model_id, words)
	VALUES (?, to_tsvector('public.lamtheobac_unaccent'::regconfig, ?::text))
	ON CONFLICT (model_id) DO UPDATE SET words = EXCLUDED.words WHERE model_search.words IS DISTINCT FROM EXCLUDED.words`

// indexModel writes the words of one model's content, in ctx's transaction.
func (s *Store) indexModel(ctx context.Context, id uuid.UUID, content string) error {
	return translate(s.db(ctx).Exec(indexModelSQL, id, content).Error)
}

// modelSearchQueueRow is a model whose content an import wrote without indexing it.
type modelSearchQueueRow struct {
	ModelID uuid.UUID
}

func (modelSearchQueueRow) TableName() string { return "model_search_queue" }

// indexQueuedSQL indexes up to ? queued models in one statement, so a batch is all or nothing
// and a crash leaves the queue as it was. Replicas do not wait on each other (SKIP LOCKED on
// the queue). The models are read FOR SHARE: a model being updated or deleted meanwhile is
// waited for rather than indexed from its old content, and its words are those of the version
// that committed; one locked by a longer transaction (SKIP LOCKED) stays queued for the next
// batch. The ids of models deleted since are dropped. Indexing twice is harmless (upsert).
const indexQueuedSQL = `WITH batch AS (
		SELECT model_id FROM model_search_queue ORDER BY model_id LIMIT ? FOR UPDATE SKIP LOCKED
	), locked AS (
		SELECT m.id, m.learning_content FROM models m WHERE m.id IN (SELECT model_id FROM batch)
		ORDER BY m.id FOR SHARE OF m SKIP LOCKED
	), indexed AS (
		INSERT INTO model_search (model_id, words)
		SELECT id, to_tsvector('public.lamtheobac_unaccent'::regconfig, learning_content) FROM locked
		ON CONFLICT (model_id) DO UPDATE SET words = EXCLUDED.words
		RETURNING model_id
	)
	DELETE FROM model_search_queue q USING batch b
	WHERE q.model_id = b.model_id
		AND (b.model_id IN (SELECT model_id FROM indexed) OR NOT EXISTS (SELECT 1 FROM models m WHERE m.id = b.model_id))`

// IndexQueuedModels indexes the contents of up to limit models an import queued, and returns
// how many ids it took off the queue (0: none is left that is not locked by a writer).
func (s *Store) IndexQueuedModels(ctx context.Context, limit int) (int, error) {
	res := s.db(ctx).Exec(indexQueuedSQL, limit)
	if res.Error != nil {
		return 0, wrap(translate(res.Error), "index queued models")
	}
	return int(res.RowsAffected), nil
}
