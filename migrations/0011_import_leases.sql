-- +goose Up
-- A running import job is held by its worker on a short lease that the worker renews every
-- second or so; a job whose lease lapsed (its process died, or lost the database) is failed as
-- interrupted by the sweeper of any replica within seconds, and never while its worker still
-- renews. heartbeat_at stays: it is when the worker was last heard (worker_heard_at).
-- Both are written with the database's clock, so the replicas' clocks need not agree.
ALTER TABLE import_jobs ADD COLUMN lease_until timestamptz;
-- Jobs running while this migrates keep the minute a heartbeat used to be given.
UPDATE import_jobs SET lease_until = COALESCE(heartbeat_at, started_at, created_at) + interval '1 minute'
    WHERE state IN ('validating', 'applying');

-- +goose Down
ALTER TABLE import_jobs DROP COLUMN lease_until;
