-- +goose Up
-- Issue #17: corrections found by reading the domains against the source documents.

-- Biểu mẫu 3 (Công văn 364-CV/BTG) introduces the collectives, individuals and models a unit
-- proposes for commendation at an occasion: its officers confirm the list for a period, and the
-- form is printed from it. One list per unit and period; confirming again replaces it.
CREATE TABLE form3_introductions (
    unit_id        uuid NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    from_year      integer NOT NULL,
    to_year        integer NOT NULL CHECK (to_year >= from_year),
    occasion       text,
    model_ids      jsonb NOT NULL DEFAULT '[]',
    nomination_ids jsonb NOT NULL DEFAULT '[]',
    confirmed_by   uuid,
    confirmed_at   timestamptz NOT NULL,
    PRIMARY KEY (unit_id, from_year, to_year)
);

-- A unit's place (địa danh): the forms and reports print it before their date ("Trà Vinh, ngày
-- 15 tháng 7 năm 2026"). Empty: the nearest ancestor's, else a dotted blank.
ALTER TABLE units ADD COLUMN place text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE units DROP COLUMN place;
DROP TABLE form3_introductions;
