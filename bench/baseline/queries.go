package main

// The statements the service runs for each scenario, copied from what internal/store builds
// (the EXPLAIN test in bench/scenario logs them: go test -v -run TestScenarios ./bench/scenario).

// modelColumns is store.modelColumns: a model, its unit, and its latest rating.
const modelColumns = `models.id, models.unit_id, models.unit_path, models.bloc_id, models.name, models.year, models.category,
	models.implementer_kind, models.implementer_name, models.learning_content, models.necessity_reasons, models.necessity_text,
	models.measures, models.expected_results, models.replicability, models.status, models.status_reason, models.registered_at,
	models.registered_by, models.carried_over_from, models.replicated_from, models.created_by, models.published_at,
	models.published_by, models.published_by_name, models.version, models.created_at, models.updated_at,
	u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name,
	(SELECT e.rating FROM model_evaluations e WHERE e.model_id = models.id ORDER BY e.year DESC,
	CASE e.period WHEN 'year' THEN 6 WHEN 'Q4' THEN 5 WHEN 'Q3' THEN 4 WHEN 'H1' THEN 3 WHEN 'Q2' THEN 2 ELSE 1 END DESC LIMIT 1) AS latest_rating`

const (
	// qModel is store.modelViewSQL: a model, its unit, its latest rating and its evaluations'
	// year, period and metrics as one JSON array (a model's answer carries its figures over
	// time), in one statement.
	qModel = `SELECT ` + modelColumns + `,
  COALESCE((SELECT json_agg(json_build_object('year', e.year, 'period', e.period, 'metrics', e.metrics)
      ORDER BY e.year, e.created_at)
    FROM model_evaluations e WHERE e.model_id = models.id), '[]') AS evaluations
FROM models JOIN units u ON u.id = models.unit_id
WHERE models.id = $1`
	// qUnit is org's unit lookup before a subtree list.
	qUnit = `SELECT * FROM "units" WHERE id = $1 LIMIT 1`
	// qModelsByYear is store.ListModels over a subtree with a year filter.
	qModelsByYear = `SELECT ` + modelColumns + `, 0 AS rank FROM "models" JOIN units u ON u.id = models.unit_id
		WHERE models.unit_path LIKE $1 AND models.year = $2 ORDER BY models.id DESC LIMIT $3`
	// qModelsSearchNames and qModelsSearchContents are store.ListModels over a bloc with a
	// one-word search (store.searchModels): the page's models with the word in their name,
	// newest first, then — when they leave room on the page — those with it only in their
	// content (a word prefix, in model_search: $3 and $4 are "word:*" and "(word:*)"). Each finds the page's ids
	// first, then reads those rows.
	qModelsSearchNames = `SELECT ` + modelColumns + `, 0 AS rank FROM "models" JOIN units u ON u.id = models.unit_id
		WHERE models.id IN (SELECT models.id FROM "models" WHERE models.bloc_id = $1 AND ((models.name_unaccented LIKE f_unaccent($2)))
		ORDER BY models.id DESC LIMIT $3) ORDER BY models.id DESC`
	qModelsSearchContents = `SELECT ` + modelColumns + `, 1 AS rank FROM "models" JOIN units u ON u.id = models.unit_id
		WHERE models.id IN (SELECT models.id FROM "models" JOIN model_search ON model_search.model_id = models.id WHERE models.bloc_id = $1
		AND ((((models.name_unaccented LIKE f_unaccent($2)) OR (model_search.words @@ to_tsquery('public.lamtheobac_unaccent'::regconfig, $3)))))
		AND (model_search.words @@ to_tsquery('public.lamtheobac_unaccent'::regconfig, $4))
		AND (NOT ((models.name_unaccented LIKE f_unaccent($5))))
		ORDER BY models.id DESC LIMIT $6) ORDER BY models.id DESC`
	// qRound is store.GetReportingRound.
	qRound = `SELECT r.*, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name,
		(SELECT count(*) FROM reports x WHERE x.round_id = r.id) AS reports
		FROM reporting_rounds AS r JOIN units u ON u.id = r.unit_id WHERE r.id = $1 ORDER BY r.due_on DESC, r.id`
	// reportColumns is store.reportsQuery (store.reportColumns).
	reportColumns = `SELECT reports.id, reports.round_id, reports.unit_id, reports.unit_path, reports.bloc_id, reports.parent_id,
		reports.status, reports.touched, reports.figures, reports.results, reports.limitations, reports.lessons, reports.proposals,
		reports.missing_note, reports.status_reason, reports.submitted_at, reports.submitted_by, reports.version, reports.created_at,
		reports.updated_at, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name, rr.title AS round_title,
		rr.due_on AS due_on, rr.closed_at IS NOT NULL AS round_closed, rr.from_date AS round_from, rr.to_date AS round_to
		FROM "reports" JOIN units u ON u.id = reports.unit_id JOIN reporting_rounds rr ON rr.id = reports.round_id `
	// qNomination is store.GetNomination (store.nominationColumns and nominationsQuery's joins).
	qNomination = `SELECT nominations.id, nominations.unit_id, nominations.unit_path, nominations.bloc_id, nominations.year,
		nominations.round_id, nominations.subject_kind, nominations.subject_unit_id, nominations.department_name,
		nominations.person_name, nominations.person_position, nominations.party_member, nominations.leader,
		nominations.achievements, nominations.public_summary, nominations.model_ids, nominations.criteria, nominations.mentor,
		nominations.status, nominations.status_reason, nominations.holder_unit_id, nominations.holder_path,
		nominations.submitted_by, nominations.submitted_at, nominations.decision, nominations.consent, nominations.published_at,
		nominations.published_by, nominations.published_by_name, nominations.created_by, nominations.version,
		nominations.created_at, nominations.updated_at, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name,
		h.kind AS holder_kind, h.code AS holder_code, h.name AS holder_name,
		su.kind AS subject_unit_kind, su.code AS subject_unit_code, su.name AS subject_unit_name,
		r.number AS honor_number, r.year AS honor_year, r.unit_id AS honor_unit_id, hu.code AS honor_unit_code,
		hu.name AS honor_unit_name, hu.kind AS honor_unit_kind, r.honored_at AS honored_at
		FROM "nominations" JOIN units u ON u.id = nominations.unit_id JOIN units h ON h.id = nominations.holder_unit_id
		LEFT JOIN units su ON su.id = nominations.subject_unit_id LEFT JOIN honor_roll r ON r.nomination_id = nominations.id
		LEFT JOIN units hu ON hu.id = r.unit_id WHERE nominations.id = $1 LIMIT 1`
	// qStandard is store.GetStandard (store.standardColumns).
	qStandard = `SELECT standards.id, standards.unit_id, standards.unit_path, standards.bloc_id, standards.title, standards.subtitle,
		standards.sector, standards.status, standards.items, standards.consultation_closes_on, standards.decision_number,
		standards.decision_date, standards.signer, standards.issued_at, standards.superseded_by, standards.withdraw_reason,
		standards.created_by, standards.version, standards.created_at, standards.updated_at,
		(SELECT count(*) FROM standard_comments c WHERE c.standard_id = standards.id) AS comment_count,
		standards.published_at, standards.published_by, standards.published_by_name,
		u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name
		FROM "standards" JOIN units u ON u.id = standards.unit_id WHERE standards.id = $1 LIMIT 1`
	// qRoundStateCounts is store.RoundStateCounts; $1 is the end of the due day.
	qRoundStateCounts = `SELECT status, touched, coalesce(submitted_at > $1, false) AS late, count(*) AS n
		FROM reports WHERE round_id = $2 GROUP BY 1, 2, 3`
	// qRoundReportsPage is store.RoundReportsPage, first page (the columns a report's state needs).
	qRoundReportsPage = `SELECT reports.id, reports.round_id, reports.unit_id, reports.unit_path, reports.bloc_id, reports.parent_id,
		reports.status, reports.touched, reports.submitted_at, reports.version, reports.created_at, reports.updated_at,
		u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name, rr.title AS round_title, rr.due_on AS due_on, rr.closed_at IS NOT NULL AS round_closed
		FROM "reports" JOIN units u ON u.id = reports.unit_id JOIN reporting_rounds rr ON rr.id = reports.round_id
		WHERE reports.round_id = $1 ORDER BY reports.unit_path LIMIT $2`
	// qReport is store.GetReport.
	qReport = reportColumns + `WHERE reports.id = $1 LIMIT 1`
	// qChildReports is store.ChildReports.
	qChildReports = reportColumns + `WHERE reports.round_id = $1 AND reports.parent_id = $2 ORDER BY reports.unit_path`
	// qPublicExemplars, qPublicModels and qPublicStandards are the feed's three lists
	// (store.PublicExemplars, PublicModels, PublicStandards).
	qPublicExemplars = `SELECT nominations.*, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name, h.kind AS holder_kind,
		h.code AS holder_code, h.name AS holder_name, su.kind AS subject_unit_kind, su.code AS subject_unit_code, su.name AS subject_unit_name,
		r.number AS honor_number, r.year AS honor_year, r.unit_id AS honor_unit_id, hu.code AS honor_unit_code, hu.name AS honor_unit_name,
		hu.kind AS honor_unit_kind, r.honored_at AS honored_at
		FROM "nominations" JOIN units u ON u.id = nominations.unit_id JOIN units h ON h.id = nominations.holder_unit_id
		LEFT JOIN units su ON su.id = nominations.subject_unit_id LEFT JOIN honor_roll r ON r.nomination_id = nominations.id
		LEFT JOIN units hu ON hu.id = r.unit_id
		WHERE (nominations.published_at IS NOT NULL AND nominations.status = 'honored')
		AND ((nominations.subject_kind = 'collective' OR (nominations.consent->>'given')::boolean))
		ORDER BY nominations.published_at DESC, nominations.id DESC LIMIT $1`
	qPublicModels = `SELECT ` + modelColumns + ` FROM "models" JOIN units u ON u.id = models.unit_id
		WHERE models.published_at IS NOT NULL AND models.status IN ('approved', 'in_progress', 'completed')
		ORDER BY models.published_at DESC, models.id DESC LIMIT $1`
	qPublicStandards = `SELECT standards.*, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name,
		(SELECT count(*) FROM standard_comments c WHERE c.standard_id = standards.id) AS comment_count
		FROM "standards" JOIN units u ON u.id = standards.unit_id
		WHERE standards.published_at IS NOT NULL AND standards.status = 'issued'
		ORDER BY standards.published_at DESC, standards.id DESC LIMIT $1`
	// qUser is the login's account lookup (store.GetUserByUsername).
	qUser = `SELECT * FROM "users" WHERE lower(username) = lower($1) LIMIT 1`
)
