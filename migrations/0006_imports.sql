-- +goose Up
-- Bulk imports: a spreadsheet uploaded into a unit's subtree, validated and applied in the
-- background, all or nothing. The file itself is kept in the database (in chunks) so that any
-- replica can run or retry the job, also after a restart.
CREATE TABLE import_jobs (
    id             uuid PRIMARY KEY,
    unit_id        uuid NOT NULL REFERENCES units (id),
    unit_path      text NOT NULL,
    bloc_id        uuid NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('units', 'users', 'models', 'nominations')),
    dry_run        boolean NOT NULL,
    state          text NOT NULL CHECK (state IN ('queued', 'validating', 'applying', 'succeeded', 'failed')),
    file_name      text NOT NULL,
    file_format    text NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
    file_size      bigint NOT NULL,
    file_sha256    text NOT NULL,
    -- Who uploaded it: the job runs with that principal's roles as they are when it runs.
    actor_id       uuid NOT NULL,
    actor_kind     text NOT NULL,
    actor_name     text NOT NULL,
    request_id     text NOT NULL DEFAULT '',
    rows_total     integer,          -- known once the file has been read through
    rows_done      integer NOT NULL DEFAULT 0,
    created_count  integer NOT NULL DEFAULT 0,
    problem_count  integer NOT NULL DEFAULT 0,
    error_code     text,
    error_message  text,
    attempts       integer NOT NULL DEFAULT 0,
    heartbeat_at   timestamptz,
    created_at     timestamptz NOT NULL,
    started_at     timestamptz,
    finished_at    timestamptz
);
CREATE INDEX import_jobs_unit_path_idx ON import_jobs (unit_path text_pattern_ops, id DESC);
CREATE INDEX import_jobs_queue_idx ON import_jobs (created_at) WHERE state = 'queued';
CREATE INDEX import_jobs_running_idx ON import_jobs (heartbeat_at) WHERE state IN ('validating', 'applying');

CREATE TABLE import_file_chunks (
    job_id  uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    seq     integer NOT NULL,
    data    bytea NOT NULL,
    PRIMARY KEY (job_id, seq)
);

-- Every problem found in the file: row 0 is the file itself (its format or header).
CREATE TABLE import_problems (
    job_id   uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    seq      integer NOT NULL,
    row_no   integer NOT NULL,
    col      text NOT NULL DEFAULT '',
    field    text NOT NULL DEFAULT '',
    code     text NOT NULL,
    message  text NOT NULL,
    PRIMARY KEY (job_id, seq)
);

-- Records written by an import name the job in their audit event.
ALTER TABLE audit_events ADD COLUMN import_id uuid;

-- +goose Down
ALTER TABLE audit_events DROP COLUMN import_id;
DROP TABLE import_problems;
DROP TABLE import_file_chunks;
DROP TABLE import_jobs;
