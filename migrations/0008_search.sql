-- +goose Up
-- Model search (issue #8). The unaccented name and content are stored once, when a row is
-- written, instead of being recomputed by f_unaccent for every row a search re-checks, and
-- the trigram indexes move onto them.
ALTER TABLE models
    ADD COLUMN name_unaccented    text GENERATED ALWAYS AS (f_unaccent(name)) STORED,
    ADD COLUMN content_unaccented text GENERATED ALWAYS AS (f_unaccent(learning_content)) STORED;
DROP INDEX models_name_search_idx;
DROP INDEX models_content_search_idx;
CREATE INDEX models_name_search_idx ON models USING gin (name_unaccented gin_trgm_ops);
CREATE INDEX models_content_search_idx ON models USING gin (content_unaccented gin_trgm_ops);
-- A bloc's models newest first, with what a search tests: a page of a common word is a walk
-- down this index that stops after the page (index-only: no heap visit for the rows it skips),
-- instead of re-checking and sorting every match; a rare word still goes through the trigram
-- indexes. Whole-bloc lists without a search walk it too.
CREATE INDEX models_bloc_idx ON models (bloc_id, id) INCLUDE (name_unaccented, content_unaccented);
-- The table was rewritten: give the planner its statistics now rather than at autovacuum's
-- leisure (the visibility map that index-only scans need comes with the next vacuum).
ANALYZE models;

-- +goose Down
DROP INDEX models_bloc_idx;
DROP INDEX models_content_search_idx;
DROP INDEX models_name_search_idx;
ALTER TABLE models DROP COLUMN content_unaccented, DROP COLUMN name_unaccented;
CREATE INDEX models_name_search_idx ON models USING gin (f_unaccent(name) gin_trgm_ops);
CREATE INDEX models_content_search_idx ON models USING gin (f_unaccent(learning_content) gin_trgm_ops);
