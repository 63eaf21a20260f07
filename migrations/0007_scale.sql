-- +goose Up
-- The publication version: one number that moves whenever anything the public routes show
-- changes (a model, standard or nomination published, withdrawn or edited while published, a
-- consent withdrawn, an honor entry, a unit renamed). Public ETags derive from it, so an
-- instance answers a matching If-None-Match with 304 from memory; every instance LISTENs on
-- the channel below to drop its copy when it moves.
CREATE TABLE publication_version (
    id      boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL
);
INSERT INTO publication_version (id, version) VALUES (true, 1);

-- The bump runs as a deferred constraint trigger, at commit: the version row is then the last
-- lock a transaction takes (no deadlock against the rows it changed) and is held only for the
-- commit. Readers see the new version together with the change, and the NOTIFY is delivered
-- after the commit, never before.
-- +goose StatementBegin
CREATE FUNCTION bump_publication_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE publication_version SET version = version + 1;
    -- A constant payload lets Postgres fold the notifications of one transaction into one.
    PERFORM pg_notify('publication_version', '');
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- A trigger's WHEN cannot name OLD on INSERT nor NEW on DELETE, hence one trigger per operation;
-- the WHEN keeps unpublished rows (nearly all writes) from queueing any deferred event.
CREATE CONSTRAINT TRIGGER models_publication_insert AFTER INSERT ON models
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.published_at IS NOT NULL)
    EXECUTE FUNCTION bump_publication_version();
CREATE CONSTRAINT TRIGGER models_publication_update AFTER UPDATE ON models
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.published_at IS NOT NULL OR NEW.published_at IS NOT NULL)
    EXECUTE FUNCTION bump_publication_version();
CREATE CONSTRAINT TRIGGER models_publication_delete AFTER DELETE ON models
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.published_at IS NOT NULL)
    EXECUTE FUNCTION bump_publication_version();
CREATE CONSTRAINT TRIGGER standards_publication_insert AFTER INSERT ON standards
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.published_at IS NOT NULL)
    EXECUTE FUNCTION bump_publication_version();
CREATE CONSTRAINT TRIGGER standards_publication_update AFTER UPDATE ON standards
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.published_at IS NOT NULL OR NEW.published_at IS NOT NULL)
    EXECUTE FUNCTION bump_publication_version();
CREATE CONSTRAINT TRIGGER standards_publication_delete AFTER DELETE ON standards
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.published_at IS NOT NULL)
    EXECUTE FUNCTION bump_publication_version();
CREATE CONSTRAINT TRIGGER nominations_publication_insert AFTER INSERT ON nominations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.published_at IS NOT NULL)
    EXECUTE FUNCTION bump_publication_version();
CREATE CONSTRAINT TRIGGER nominations_publication_update AFTER UPDATE ON nominations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.published_at IS NOT NULL OR NEW.published_at IS NOT NULL)
    EXECUTE FUNCTION bump_publication_version();
CREATE CONSTRAINT TRIGGER nominations_publication_delete AFTER DELETE ON nominations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.published_at IS NOT NULL)
    EXECUTE FUNCTION bump_publication_version();
-- Honor numbers are shown with published exemplars. An entry is written at honoring, before
-- the nomination can be published, so only an entry of an already published one counts.
-- +goose StatementBegin
CREATE FUNCTION bump_publication_version_if_published() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE CONSTRAINT TRIGGER honor_roll_publication AFTER INSERT OR UPDATE OR DELETE ON honor_roll
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION bump_publication_version_if_published();
-- Public items show their unit's code and name, and filter by committee through its path.
CREATE CONSTRAINT TRIGGER units_publication AFTER UPDATE ON units
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.code IS DISTINCT FROM NEW.code
          OR OLD.path IS DISTINCT FROM NEW.path OR OLD.kind IS DISTINCT FROM NEW.kind)
    EXECUTE FUNCTION bump_publication_version();

-- +goose Down
DROP TRIGGER units_publication ON units;
DROP TRIGGER honor_roll_publication ON honor_roll;
DROP TRIGGER nominations_publication_delete ON nominations;
DROP TRIGGER nominations_publication_update ON nominations;
DROP TRIGGER nominations_publication_insert ON nominations;
DROP TRIGGER standards_publication_delete ON standards;
DROP TRIGGER standards_publication_update ON standards;
DROP TRIGGER standards_publication_insert ON standards;
DROP TRIGGER models_publication_delete ON models;
DROP TRIGGER models_publication_update ON models;
DROP TRIGGER models_publication_insert ON models;
DROP FUNCTION bump_publication_version_if_published();
DROP FUNCTION bump_publication_version();
DROP TABLE publication_version;
