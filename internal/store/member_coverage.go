package store

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"lamtheobac/internal/member"
	"lamtheobac/internal/org"
)

// The members' coverage (issue #18) answers at a bloc of 6,000 cells and 60,000 members: the
// page of cells and their counts are read by key, and the subtree's totals are two aggregates
// over covering indexes (migrations/0020_member_scale.sql) that never read the commitments'
// heap, whose rows carry the items and assessments.

// memberKinds are the kinds of unit that hold members, as SQL values.
func memberKinds() []string {
	var out []string
	for _, k := range org.Kinds {
		if member.HoldsMembers(k) {
			out = append(out, string(k))
		}
	}
	return out
}

// subtreeOf restricts q to the rows of the subtree at path: a root's subtree by its bloc_id
// (the root is every row's bloc), any other by the path prefix.
func subtreeOf(q *gorm.DB, table, path string) *gorm.DB {
	if ids := org.PathIDs(path); len(ids) == 1 {
		return q.Where(table+".bloc_id = ?", ids[0])
	}
	return q.Where(table+".unit_path LIKE ?", likePrefix(path))
}

// CoverageCells returns, in tree order (paths in byte order), at most limit of the units of
// the subtree at path that hold members and are not archived, those after the path after.
func (s *Store) CoverageCells(ctx context.Context, path, after string, limit int) ([]org.Unit, error) {
	q := s.db(ctx).Where("path LIKE ? AND kind IN ? AND NOT archived", likePrefix(path), memberKinds())
	if after != "" {
		q = q.Where("path ~>~ ?", after) // the byte order of units_path_idx (text_pattern_ops)
	}
	var rows []unitRow
	if err := q.Order("path USING ~<~").Limit(limit).Find(&rows).Error; err != nil {
		return nil, wrap(err, "coverage cells")
	}
	out := make([]org.Unit, len(rows))
	for i, r := range rows {
		out[i] = toUnit(r)
	}
	return out, nil
}

// CountsOfUnits counts the members of each of the units and their commitments of year by
// state and class (units without members are absent).
func (s *Store) CountsOfUnits(ctx context.Context, units []uuid.UUID, year int) (map[uuid.UUID]member.Counts, error) {
	out := map[uuid.UUID]member.Counts{}
	if len(units) == 0 {
		return out, nil
	}
	var members []struct {
		UnitID uuid.UUID
		N      int
	}
	if err := s.db(ctx).Table("members").Select("unit_id, count(*) AS n").Where("unit_id IN ?", units).
		Group("unit_id").Scan(&members).Error; err != nil {
		return nil, wrap(err, "count members")
	}
	for _, r := range members {
		c := out[r.UnitID]
		c.Members = r.N
		out[r.UnitID] = c
	}
	var rows []struct {
		UnitID uuid.UUID
		Status string
		Class  *string
		N      int
	}
	if err := s.db(ctx).Table("commitments").Select("unit_id, status, class, count(*) AS n").Where("unit_id IN ? AND year = ?", units, year).
		Group("unit_id, status, class").Scan(&rows).Error; err != nil {
		return nil, wrap(err, "count commitments")
	}
	for _, r := range rows {
		c := out[r.UnitID]
		addCommitments(&c, member.Status(r.Status), r.Class, r.N)
		out[r.UnitID] = c
	}
	return out, nil
}

// addCommitments counts n commitments in state st (with class, once classified) into c: each
// counts in every stage it went through.
func addCommitments(c *member.Counts, st member.Status, class *string, n int) {
	if c.ByClass == nil {
		c.ByClass = map[member.Class]int{}
	}
	c.Committed += n
	switch st {
	case member.Classified:
		c.Classified += n
		if class != nil {
			c.ByClass[member.Class(*class)] += n
		}
		fallthrough
	case member.Reviewed:
		c.Reviewed += n
		fallthrough
	case member.SelfAssessed:
		c.SelfAssessed += n
		fallthrough
	case member.Accepted:
		c.Accepted += n
	}
}

// CountClasses counts the members of the cells (not archived) of the subtree at path and
// their commitments of year by state and class: the whole subtree's counts, from index-only
// scans, less those of its archived cells (found by a partial index; usually none).
func (s *Store) CountClasses(ctx context.Context, path string, year int) (member.Counts, error) {
	out := member.Counts{ByClass: map[member.Class]int{}}
	var n int64
	if err := subtreeOf(s.db(ctx).Table("members"), "members", path).Count(&n).Error; err != nil {
		return out, wrap(err, "count members")
	}
	out.Members = int(n)
	var rows []struct {
		Status string
		Class  *string
		N      int
	}
	if err := subtreeOf(s.db(ctx).Table("commitments"), "commitments", path).Where("commitments.year = ?", year).
		Select("status, class, count(*) AS n").Group("status, class").Scan(&rows).Error; err != nil {
		return out, wrap(err, "count commitments")
	}
	for _, r := range rows {
		addCommitments(&out, member.Status(r.Status), r.Class, r.N)
	}
	var archived []uuid.UUID
	if err := s.db(ctx).Table("units").Where("path LIKE ? AND archived", likePrefix(path)).Pluck("id", &archived).Error; err != nil {
		return out, wrap(err, "count members")
	}
	gone, err := s.CountsOfUnits(ctx, archived, year)
	if err != nil {
		return out, err
	}
	for _, c := range gone {
		out.Members -= c.Members
		out.Committed -= c.Committed
		out.Accepted -= c.Accepted
		out.SelfAssessed -= c.SelfAssessed
		out.Reviewed -= c.Reviewed
		out.Classified -= c.Classified
		for k, v := range c.ByClass {
			if out.ByClass[k] -= v; out.ByClass[k] == 0 {
				delete(out.ByClass, k)
			}
		}
	}
	return out, nil
}
