package store

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"lamtheobac/internal/member"
	"lamtheobac/internal/org"
)

// The members' coverage (issue #18) answers at a bloc of 6,000 cells and 60,000 members: the
// page of cells and their counts are read by key from the cells' tallies, and the subtree's
// totals from its rollups (tallies.go, migrations/0023_tallies.sql): a row, not 60,000.

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
// state and class, from the units' tallies (units without members are absent).
func (s *Store) CountsOfUnits(ctx context.Context, units []uuid.UUID, year int) (map[uuid.UUID]member.Counts, error) {
	out := map[uuid.UUID]member.Counts{}
	if len(units) == 0 {
		return out, nil
	}
	var members []struct {
		UnitID  uuid.UUID
		Members int
	}
	if err := s.db(ctx).Table("member_tallies").Select("unit_id, members").Where("unit_id IN ? AND members <> 0", units).
		Scan(&members).Error; err != nil {
		return nil, wrap(err, "count members")
	}
	for _, r := range members {
		c := out[r.UnitID]
		c.Members = r.Members
		out[r.UnitID] = c
	}
	var rows []commitmentTally
	if err := s.db(ctx).Table("commitment_tallies").Select("unit_id, "+strings.Join(tallyColumns, ", ")).
		Where("unit_id IN ? AND year = ?", units, year).Scan(&rows).Error; err != nil {
		return nil, wrap(err, "count commitments")
	}
	for _, r := range rows {
		if r.total() == 0 {
			continue
		}
		c := out[r.UnitID]
		r.addTo(&c)
		out[r.UnitID] = c
	}
	return out, nil
}

// commitmentTally is a row of commitment_tallies (or a sum of rows).
type commitmentTally struct {
	UnitID                                                                   uuid.UUID
	Draft, Submitted, Returned, Accepted, SelfAssessed, Reviewed             int
	Classified, ClassExcellent, ClassGood, ClassCompleted, ClassNotCompleted int
}

// total is the number of commitments counted.
func (t commitmentTally) total() int {
	return t.Draft + t.Submitted + t.Returned + t.Accepted + t.SelfAssessed + t.Reviewed + t.Classified
}

// addTo counts the tallied commitments into c as addCommitments counts them one by one.
func (t commitmentTally) addTo(c *member.Counts) {
	for st, n := range map[member.Status]int{member.Draft: t.Draft, member.Submitted: t.Submitted, member.Returned: t.Returned,
		member.Accepted: t.Accepted, member.SelfAssessed: t.SelfAssessed, member.Reviewed: t.Reviewed} {
		if n != 0 {
			addCommitments(c, st, nil, n)
		}
	}
	unclassed := t.Classified
	for class, n := range map[member.Class]int{member.Excellent: t.ClassExcellent, member.Good: t.ClassGood,
		member.Completed: t.ClassCompleted, member.NotCompleted: t.ClassNotCompleted} {
		if n != 0 {
			k := string(class)
			addCommitments(c, member.Classified, &k, n)
			unclassed -= n
		}
	}
	if unclassed != 0 {
		addCommitments(c, member.Classified, nil, unclassed)
	}
	if c.ByClass == nil {
		c.ByClass = map[member.Class]int{}
	}
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
// their commitments of year by state and class: the subtree's rollups (one row each), less the
// tallies of its archived cells (found by a partial index; usually none).
func (s *Store) CountClasses(ctx context.Context, path string, year int) (member.Counts, error) {
	out := member.Counts{ByClass: map[member.Class]int{}}
	ids := org.PathIDs(path)
	if len(ids) == 0 {
		return out, nil
	}
	unit := ids[len(ids)-1]
	var n []int
	if err := s.db(ctx).Table("member_rollups").Where("unit_id = ?", unit).Pluck("members", &n).Error; err != nil {
		return out, wrap(err, "count members")
	}
	if len(n) > 0 {
		out.Members = n[0]
	}
	var sum []commitmentTally
	if err := s.db(ctx).Table("commitment_rollups").Select(strings.Join(tallyColumns, ", ")).Where("unit_id = ? AND year = ?", unit, year).
		Scan(&sum).Error; err != nil {
		return out, wrap(err, "count commitments")
	}
	for _, t := range sum {
		t.addTo(&out)
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
