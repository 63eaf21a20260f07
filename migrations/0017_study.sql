-- +goose Up
-- Study topics (chuyên đề): issued by a bloc, a province or a committee for a year or a term,
-- in force for the issuing unit and every unit below it (units.path prefix).
CREATE TABLE study_topics (
    id          uuid PRIMARY KEY,
    unit_id     uuid NOT NULL REFERENCES units (id),
    unit_path   text NOT NULL,
    bloc_id     uuid NOT NULL,
    title       text NOT NULL,
    year_from   integer NOT NULL,
    year_to     integer NOT NULL,
    summary     text NOT NULL DEFAULT '',
    links       jsonb NOT NULL DEFAULT '[]',
    created_by  uuid,
    version     bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (year_to >= year_from)
);
CREATE INDEX study_topics_path_idx ON study_topics (unit_path text_pattern_ops, year_to);

-- Study sessions (sinh hoạt chuyên đề): a unit schedules one on a topic in force for it, then
-- records the minutes' key points once held.
CREATE TABLE study_sessions (
    id               uuid PRIMARY KEY,
    unit_id          uuid NOT NULL REFERENCES units (id),
    unit_path        text NOT NULL,
    bloc_id          uuid NOT NULL,
    topic_id         uuid NOT NULL REFERENCES study_topics (id),
    starts_at        timestamptz NOT NULL,
    duration_minutes integer NOT NULL,
    place            text NOT NULL DEFAULT '',
    presenter        text NOT NULL DEFAULT '',
    agenda           text NOT NULL DEFAULT '',
    status           text NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
    held_on          date,
    key_points       text NOT NULL DEFAULT '',
    cancel_reason    text,
    created_by       uuid,
    version          bigint NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX study_sessions_unit_idx ON study_sessions (unit_id, starts_at);
CREATE INDEX study_sessions_path_idx ON study_sessions (unit_path text_pattern_ops, starts_at);
CREATE INDEX study_sessions_topic_idx ON study_sessions (topic_id);

-- Attendance of a held session, one row per member of the unit (a member with attendance or
-- reflections on record is kept: deleting the profile is refused as referenced).
CREATE TABLE study_attendance (
    session_id uuid NOT NULL REFERENCES study_sessions (id) ON DELETE CASCADE,
    member_id  uuid NOT NULL REFERENCES members (id),
    status     text NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
    note       text NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, member_id)
);

-- Reflections (bài thu hoạch): what a member learned and will apply, written by the member or
-- entered by the secretary.
CREATE TABLE study_reflections (
    session_id  uuid NOT NULL REFERENCES study_sessions (id) ON DELETE CASCADE,
    member_id   uuid NOT NULL REFERENCES members (id),
    body        text NOT NULL,
    written_by  uuid,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, member_id)
);

-- Events: honoring ceremonies (19/5), exchanges and gatherings, anniversaries (2/9).
CREATE TABLE study_events (
    id              uuid PRIMARY KEY,
    unit_id         uuid NOT NULL REFERENCES units (id),
    unit_path       text NOT NULL,
    bloc_id         uuid NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('honoring', 'exchange', 'anniversary')),
    title           text NOT NULL,
    held_on         date NOT NULL,
    place           text NOT NULL DEFAULT '',
    participants    text NOT NULL DEFAULT '',
    nomination_ids  jsonb NOT NULL DEFAULT '[]',
    public_summary  text NOT NULL DEFAULT '',
    status          text NOT NULL CHECK (status IN ('recorded', 'published')),
    published_at    timestamptz,
    published_by    uuid,
    created_by      uuid,
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX study_events_unit_idx ON study_events (unit_id, held_on);
CREATE INDEX study_events_path_idx ON study_events (unit_path text_pattern_ops, held_on);

-- Published events are in the public feed: their publication moves the publication version
-- (migrations/0007_scale.sql), as models', standards' and exemplars' do.
CREATE CONSTRAINT TRIGGER study_events_publication_insert AFTER INSERT ON study_events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.published_at IS NOT NULL)
    EXECUTE FUNCTION bump_publication_version();
CREATE CONSTRAINT TRIGGER study_events_publication_update AFTER UPDATE ON study_events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.published_at IS NOT NULL OR NEW.published_at IS NOT NULL)
    EXECUTE FUNCTION bump_publication_version();
CREATE CONSTRAINT TRIGGER study_events_publication_delete AFTER DELETE ON study_events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.published_at IS NOT NULL)
    EXECUTE FUNCTION bump_publication_version();

-- Calendar feed tokens: one per user, stored as a SHA-256 digest; deleting the row revokes it.
CREATE TABLE calendar_tokens (
    user_id     uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash  bytea NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE calendar_tokens;
DROP TRIGGER study_events_publication_delete ON study_events;
DROP TRIGGER study_events_publication_update ON study_events;
DROP TRIGGER study_events_publication_insert ON study_events;
DROP TABLE study_events;
DROP TABLE study_reflections;
DROP TABLE study_attendance;
DROP TABLE study_sessions;
DROP TABLE study_topics;
