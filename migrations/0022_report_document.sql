-- +goose Up
-- The six-month and yearly report as the documents print it (#17 item 7): the unit's next steps
-- (phương hướng, nhiệm vụ) and the signature block (nơi nhận, T/M cấp ủy, chức vụ, họ tên), written
-- by the unit with its narrative; and the models and exemplars named in it, frozen at submission
-- with the figures (in a table of their own, so that lists of reports do not read them).
ALTER TABLE reports ADD COLUMN next_steps text NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN signature jsonb NOT NULL DEFAULT '{}';

CREATE TABLE report_named_lists (
    report_id  uuid PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    lists      jsonb NOT NULL,
    frozen_at  timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE report_named_lists;
ALTER TABLE reports DROP COLUMN signature;
ALTER TABLE reports DROP COLUMN next_steps;
