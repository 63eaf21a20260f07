-- +goose Up
-- Model contents are indexed outside the write path of models (issue #16, "Imports with
-- realistic rows"). The full-text GIN index of migration 0018 cost ~11 s of backend CPU per
-- 100,000 realistic rows COPYed into models, two thirds of the whole COPY: no bulk write could
-- pass ~6,000 rows/s. The content's words now live in model_search, one row a model, with the
-- GIN index: a single-row write (create, PATCH) fills its row in its own transaction; a bulk
-- import queues its models' ids in model_search_queue (a btree of uuids, cheap to COPY), and a
-- background indexer (store.IndexQueuedModels, run beside the import workers) fills
-- model_search from the queue in batches. Names keep their trigram index on models, so an
-- imported model is found by its name at once and by its content once the indexer ran.
CREATE TABLE model_search (
    model_id uuid PRIMARY KEY REFERENCES models (id) ON DELETE CASCADE,
    words    tsvector NOT NULL
);
-- fastupdate (GIN's default, stated): the indexer's batches append to the pending list, which
-- is merged into the index in bulk.
CREATE INDEX model_search_words_idx ON model_search USING gin (words) WITH (fastupdate = on);
-- The models whose content is not indexed yet. No foreign key: an import COPYs its ids with its
-- models at no cost of checks, and the indexer drops the ids of models deleted since.
CREATE TABLE model_search_queue (
    model_id uuid PRIMARY KEY
);
INSERT INTO model_search (model_id, words)
SELECT id, to_tsvector('public.lamtheobac_unaccent'::regconfig, learning_content) FROM models;
DROP INDEX models_content_words_idx;
ANALYZE model_search;

-- +goose Down
CREATE INDEX models_content_words_idx ON models
    USING gin (to_tsvector('public.lamtheobac_unaccent'::regconfig, learning_content)) WITH (fastupdate = on);
DROP TABLE model_search_queue;
DROP TABLE model_search;
