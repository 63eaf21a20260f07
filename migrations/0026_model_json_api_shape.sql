-- +goose Up
-- Issue #16. A model's necessity reasons and measures are stored in the API's shape (openapi.yaml's
-- Measures), so that a list passes the stored JSON through to its answer instead of decoding it
-- only to encode it again: a milestone's date as a civil date (YYYY-MM-DD, it was an RFC 3339
-- time at midnight), the cadence always named (quarterly was left out), the plan and the
-- milestones always present, the reasons always a list. model.Measures' MarshalJSON writes this
-- shape for every writer (the store, imports, the synthetic seeder).
-- The default first: the UPDATE leaves deferred trigger events (publication) that an ALTER
-- after it in the same transaction would refuse.
ALTER TABLE models ALTER COLUMN measures SET DEFAULT '{"plan": "", "milestones": [], "evaluation_cadence": "quarterly"}';
UPDATE models SET
    necessity_reasons = CASE WHEN jsonb_typeof(necessity_reasons) = 'array' THEN necessity_reasons ELSE '[]' END,
    measures = jsonb_build_object(
        'plan', CASE WHEN jsonb_typeof(measures -> 'plan') = 'string' THEN measures -> 'plan' ELSE '""' END,
        'milestones', CASE WHEN jsonb_typeof(measures -> 'milestones') = 'array' THEN
            (SELECT coalesce(jsonb_agg(jsonb_build_object('date', left(x ->> 'date', 10),
                    'description', coalesce(x -> 'description', '""')) ORDER BY i), '[]')
                FROM jsonb_array_elements(measures -> 'milestones') WITH ORDINALITY AS t (x, i))
            ELSE '[]' END,
        'evaluation_cadence', coalesce(nullif(measures ->> 'evaluation_cadence', ''), 'quarterly'))
        || CASE WHEN jsonb_typeof(measures -> 'monitor') = 'object' THEN jsonb_build_object('monitor', measures -> 'monitor') ELSE '{}' END;

-- +goose Down
ALTER TABLE models ALTER COLUMN measures SET DEFAULT '{}';
UPDATE models SET measures = (measures - 'evaluation_cadence')
    || CASE WHEN measures ->> 'evaluation_cadence' = 'quarterly' THEN '{}' ELSE jsonb_build_object('evaluation_cadence', measures -> 'evaluation_cadence') END
    || jsonb_build_object('milestones', (SELECT coalesce(jsonb_agg(jsonb_build_object('date', (x ->> 'date') || 'T00:00:00Z',
            'description', x -> 'description') ORDER BY i), '[]')
        FROM jsonb_array_elements(measures -> 'milestones') WITH ORDINALITY AS t (x, i)));
