-- +goose Up
-- One bump of the publication version per transaction is enough: the version only has to move,
-- and every deferred trigger of the transaction fires at the same commit. Bumping once per row
-- made a bulk write (the synthetic seed's 34 blocs, a large import of published records) update
-- the one version row hundreds of thousands of times at commit, each update walking the chain
-- of the ones before: minutes. A transaction-local setting remembers the bump.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION bump_publication_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('lamtheobac.publication_bumped', true) = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('lamtheobac.publication_bumped', 'on', true);
    UPDATE publication_version SET version = version + 1;
    -- A constant payload lets Postgres fold the notifications of one transaction into one.
    PERFORM pg_notify('publication_version', '');
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION bump_publication_version_if_published() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids uuid[] := ARRAY[]::uuid[];
BEGIN
    IF current_setting('lamtheobac.publication_bumped', true) = 'on' THEN
        RETURN NULL; -- already moved in this transaction: no need to look the nomination up
    END IF;
    IF TG_OP <> 'INSERT' THEN ids := ids || OLD.nomination_id; END IF;
    IF TG_OP <> 'DELETE' THEN ids := ids || NEW.nomination_id; END IF;
    IF EXISTS (SELECT 1 FROM nominations n WHERE n.id = ANY (ids) AND n.published_at IS NOT NULL) THEN
        PERFORM set_config('lamtheobac.publication_bumped', 'on', true);
        UPDATE publication_version SET version = version + 1;
        PERFORM pg_notify('publication_version', '');
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION bump_publication_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE publication_version SET version = version + 1;
    PERFORM pg_notify('publication_version', '');
    RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION bump_publication_version_if_published() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids uuid[] := ARRAY[]::uuid[];
BEGIN
    IF TG_OP <> 'INSERT' THEN ids := ids || OLD.nomination_id; END IF;
    IF TG_OP <> 'DELETE' THEN ids := ids || NEW.nomination_id; END IF;
    IF EXISTS (SELECT 1 FROM nominations n WHERE n.id = ANY (ids) AND n.published_at IS NOT NULL) THEN
        UPDATE publication_version SET version = version + 1;
        PERFORM pg_notify('publication_version', '');
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
