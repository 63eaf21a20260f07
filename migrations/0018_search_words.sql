-- +goose Up
-- Model search that does not cap bulk writes (issue #16). With realistic contents (three to five
-- sentences, ~450 characters), the trigram index on the unaccented content took ~300 entries a
-- row and made a plain COPY into models several times slower, while finding little: Vietnamese
-- syllables are two to four letters, so their trigrams are in most contents ("hiem co" rechecked
-- 64,000 of 100,000 rows). Contents are now searched by word with full-text search through an
-- unaccent dictionary (a few dozen entries a row, a page of a rare word in milliseconds); names,
-- short, keep their trigram index and substring matching. The covering index keeps the name
-- only: with the content in it, a model whose content passed ~8 KB could not be stored at all
-- (index row size), and every row wrote its content twice.
CREATE TEXT SEARCH CONFIGURATION public.lamtheobac_unaccent (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION public.lamtheobac_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.simple;
DROP INDEX models_bloc_idx;
DROP INDEX models_content_search_idx;
ALTER TABLE models DROP COLUMN content_unaccented;
-- fastupdate (GIN's default, stated): a write appends its entries to the pending list, which
-- is merged into the index in bulk.
CREATE INDEX models_content_words_idx ON models
    USING gin (to_tsvector('public.lamtheobac_unaccent'::regconfig, learning_content)) WITH (fastupdate = on);
CREATE INDEX models_bloc_idx ON models (bloc_id, id) INCLUDE (name_unaccented);
ANALYZE models;

-- +goose Down
DROP INDEX models_bloc_idx;
DROP INDEX models_content_words_idx;
ALTER TABLE models ADD COLUMN content_unaccented text GENERATED ALWAYS AS (f_unaccent(learning_content)) STORED;
CREATE INDEX models_content_search_idx ON models USING gin (content_unaccented gin_trgm_ops);
CREATE INDEX models_bloc_idx ON models (bloc_id, id) INCLUDE (name_unaccented, content_unaccented);
DROP TEXT SEARCH CONFIGURATION public.lamtheobac_unaccent;
ANALYZE models;
