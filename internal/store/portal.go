package store

import (
	"context"

	"gorm.io/gorm"

	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/portal"
)

var _ portal.Store = (*Store)(nil)

// publicScope applies a public filter to a query whose unit is joined as u and whose table is t.
func publicScope(q *gorm.DB, t string, f portal.Filter) *gorm.DB {
	if f.BlocID != nil {
		// A bloc under a province shares its root's bloc_id with the rest of the province: the
		// equality keeps the index, the prefix narrows it to the bloc (a no-op for a root).
		q = q.Where(t+".bloc_id = (SELECT b.bloc_id FROM units b WHERE b.id = ?)", *f.BlocID).
			Where(t+".unit_path LIKE (SELECT b.path FROM units b WHERE b.id = ? AND b.kind IN ('province', 'bloc')) || '%'", *f.BlocID)
	}
	if f.CommitteeID != nil {
		q = q.Where(t+".unit_path LIKE (SELECT c.path FROM units c WHERE c.id = ? AND c.kind IN ('committee', 'partial_committee', 'base_cell')) || '%'", *f.CommitteeID)
	}
	return q.Order(t + ".published_at DESC, " + t + ".id DESC").Limit(f.Limit)
}

// PublicExemplars returns published, honored nominations with public fields only; individuals
// only with consent still given.
func (s *Store) PublicExemplars(ctx context.Context, f portal.Filter) ([]portal.Exemplar, error) {
	q := s.nominationsQuery(ctx).Where("nominations.published_at IS NOT NULL AND nominations.status = 'honored'").
		Where("(nominations.subject_kind = 'collective' OR (nominations.consent->>'given')::boolean)")
	if f.Year != 0 {
		q = q.Where("nominations.year = ?", f.Year)
	}
	var rows []nominationRow
	if err := publicScope(q, "nominations", f).Find(&rows).Error; err != nil {
		return nil, wrap(err, "public exemplars")
	}
	out := make([]portal.Exemplar, len(rows))
	for i, r := range rows {
		n := toNomination(r)
		e := portal.Exemplar{ID: n.ID, Kind: string(n.Subject.Kind), Name: n.Subject.Name(), Unit: portal.Unit{Code: n.Unit.Code, Name: n.Unit.Name},
			Year: n.Year, Summary: n.PublicSummary, PublishedAt: *n.PublishedAt}
		if n.Subject.Kind == nomination.Individual && n.Subject.Position != "" {
			pos := n.Subject.Position
			e.Position = &pos
		}
		if d := n.Decision; d != nil {
			c := d.Form + " của " + d.Authority
			e.Commendation = &c
		}
		if n.HonorEntry != nil {
			num := n.HonorEntry.Number
			e.HonorNumber = &num
		}
		out[i] = e
	}
	return out, nil
}

// PublicModels returns published models that are approved or later.
func (s *Store) PublicModels(ctx context.Context, f portal.Filter) ([]portal.Model, error) {
	q := s.modelsQuery(ctx).Where("models.published_at IS NOT NULL AND models.status IN ('approved', 'in_progress', 'completed')")
	if f.Year != 0 {
		q = q.Where("models.year = ?", f.Year)
	}
	var rows []modelRow
	if err := publicScope(q, "models", f).Find(&rows).Error; err != nil {
		return nil, wrap(err, "public models")
	}
	out := make([]portal.Model, len(rows))
	for i, r := range rows {
		out[i] = portal.Model{ID: r.ID, Name: r.Name, Year: r.Year, Category: model.Category(r.Category),
			Unit: portal.Unit{Code: r.UnitCode, Name: r.UnitName}, Content: r.LearningContent, PublishedAt: *r.PublishedAt}
	}
	return out, nil
}

// PublicStandards returns published standards still in force.
func (s *Store) PublicStandards(ctx context.Context, f portal.Filter) ([]portal.Standard, error) {
	q := s.standardsQuery(ctx).Where("standards.published_at IS NOT NULL AND standards.status = 'issued'")
	if f.Year != 0 {
		q = q.Where("extract(year FROM standards.decision_date) = ?", f.Year)
	}
	var rows []standardRow
	if err := publicScope(q, "standards", f).Find(&rows).Error; err != nil {
		return nil, wrap(err, "public standards")
	}
	out := make([]portal.Standard, len(rows))
	for i, r := range rows {
		st := toStandard(r)
		p := portal.Standard{ID: st.ID, Title: st.Title, Subtitle: st.Subtitle, Unit: portal.Unit{Code: r.UnitCode, Name: r.UnitName},
			PublishedAt: *r.PublishedAt, Items: make([]string, len(st.Items))}
		for j, it := range st.Items {
			p.Items[j] = it.Text
		}
		if d := st.Decision; d != nil {
			txt := "Quyết định số " + d.Number + " ngày " + d.Date.Format("02/01/2006")
			p.Decision = &txt
		}
		out[i] = p
	}
	return out, nil
}
