-- +goose Up
-- The organization at any depth (issue #15): provinces above blocs, partial committees between
-- a committee and its cells, base cells directly under a bloc or a province. Which kind may hang
-- under which is decided in one place, internal/org/kinds.go; the database keeps only what a
-- row can say about itself: its kind is known, only provinces and blocs are roots, and a
-- province is always one.
--
-- Existing data is already a valid tree of the new kinds (bloc → committee → cell), so nothing
-- is rewritten: the constraints are replaced, checked against the rows in place, and no path,
-- bloc_id or id changes.
--
-- bloc_id (on units and every table that copies it) keeps its meaning of "the root of the
-- unit's tree": the first id of path. For a unit under a province, the province included, that
-- is the province's id, whether or not a bloc lies between; for the trees of today, the bloc.
-- A whole tree's records stay one indexed equality on bloc_id, and a subtree one prefix scan on
-- path, whatever the depth. The new check holds every unit to it.
ALTER TABLE units DROP CONSTRAINT units_kind_check;
ALTER TABLE units DROP CONSTRAINT units_check;
ALTER TABLE units ADD CONSTRAINT units_kind_check
    CHECK (kind IN ('province', 'bloc', 'committee', 'partial_committee', 'base_cell', 'cell'));
ALTER TABLE units ADD CONSTRAINT units_root_check
    CHECK ((parent_id IS NOT NULL OR kind IN ('province', 'bloc')) AND (kind <> 'province' OR parent_id IS NULL));
ALTER TABLE units ADD CONSTRAINT units_root_path_check
    CHECK (left(path, 37) = bloc_id::text || '/');

-- +goose Down
-- Only a tree of the three old kinds goes back: refuse (rather than lose units) otherwise. The
-- old checks would refuse too, but with a bare check violation; this says what stands in the
-- way and what to do. Goose runs each migration in a transaction, so a refusal changes nothing.
-- +goose StatementBegin
DO $$
DECLARE
    n bigint;
BEGIN
    SELECT count(*) INTO n FROM units
     WHERE kind NOT IN ('bloc', 'committee', 'cell') OR (kind = 'bloc' AND parent_id IS NOT NULL);
    IF n > 0 THEN
        RAISE EXCEPTION 'migration 0012 down refused: % unit(s) are provinces, partial committees or base cells, or blocs under a province, which the tree of three kinds (bloc, committee, cell) cannot hold; delete or move them first', n
            USING ERRCODE = 'check_violation';
    END IF;
END
$$;
-- +goose StatementEnd
ALTER TABLE units DROP CONSTRAINT units_root_path_check;
ALTER TABLE units DROP CONSTRAINT units_root_check;
ALTER TABLE units DROP CONSTRAINT units_kind_check;
ALTER TABLE units ADD CONSTRAINT units_kind_check CHECK (kind IN ('bloc', 'committee', 'cell'));
ALTER TABLE units ADD CONSTRAINT units_check CHECK ((kind = 'bloc') = (parent_id IS NULL));
