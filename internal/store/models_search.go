package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"lamtheobac/internal/model"
)

// rankCursor is a position in a list ordered by (rank, id DESC).
type rankCursor struct {
	Rank int       `json:"r"`
	ID   uuid.UUID `json:"id"`
}

// Search ranks: every word in the name, or not (then at least one word only in the content).
const (
	rankName    = 0
	rankContent = 1
)

// searchModels returns a page of the models matching every word of f.Q in their name or
// content, diacritics and case ignored: those with every word in their name first, then the
// others, each newest first.
//
// Each rank is read by its own query ordered by id alone, rather than by one query ordered by
// (rank, id): with a word that thousands of models contain, that order can only come from
// re-checking and sorting all of them, while id order is a walk down an index that stops at
// the page. The second query runs only when the first leaves room on the page.
func (s *Store) searchModels(ctx context.Context, f model.Filter) ([]model.Model, string, error) {
	var c rankCursor
	if f.Cursor != "" {
		if err := decodeCursor(f.Cursor, &c); err != nil {
			return nil, "", wrap(err, "search models")
		}
	}
	w := newSearchWords(f.Q)
	var rows []modelRow
	if f.Cursor == "" || c.Rank == rankName {
		got, err := s.searchRank(ctx, f, rankName, c, f.Limit+1, w.allInName())
		if err != nil {
			return nil, "", wrap(err, "search models")
		}
		rows = got
	}
	if len(rows) <= f.Limit {
		got, err := s.searchRank(ctx, f, rankContent, c, f.Limit+1-len(rows), w.inContentOnly())
		if err != nil {
			return nil, "", wrap(err, "search models")
		}
		rows = append(rows, got...)
	}
	return modelPage(rows, f.Limit)
}

// searchRank reads up to limit models of one rank, newest first, after the cursor c when it is
// in this rank. The page's ids are found first (an index-only walk or a trigram index scan,
// never reading the wide rows it skips), then only those rows are read with their unit and
// rating.
func (s *Store) searchRank(ctx context.Context, f model.Filter, rank int, c rankCursor, limit int, cond sqlExpr) ([]modelRow, error) {
	ids := filterModels(s.db(ctx).Model(&modelRow{}).Select("models.id"), f).Where(cond.sql, cond.vars...)
	if f.Cursor != "" && c.Rank == rank {
		ids = ids.Where("models.id < ?", c.ID)
	}
	ids = ids.Order("models.id DESC").Limit(limit)
	var rows []modelRow
	err := s.modelsQuery(ctx).Select(fmt.Sprintf("%s, %d AS rank", modelColumns, rank)).
		Where("models.id IN (?)", ids).Order("models.id DESC").Find(&rows).Error
	return rows, translate(err)
}

// sqlExpr is a condition with its parameters.
type sqlExpr struct {
	sql  string
	vars []any
}

// searchWords are the LIKE patterns of a search text's words. Patterns are unaccented by
// f_unaccent in SQL, as the stored columns were, so both sides use the same dictionary.
type searchWords []string

func newSearchWords(q string) searchWords {
	var w searchWords
	for _, word := range strings.Fields(q) {
		w = append(w, "%"+escapeLike(word)+"%")
	}
	return w
}

// each joins with op one condition per word: the word is in one of cols.
func (w searchWords) each(op string, cols ...string) sqlExpr {
	parts := make([]string, len(w))
	var vars []any
	for i, p := range w {
		in := make([]string, len(cols))
		for j, col := range cols {
			in[j] = col + " LIKE f_unaccent(?)"
			vars = append(vars, p)
		}
		parts[i] = "(" + strings.Join(in, " OR ") + ")"
	}
	return sqlExpr{sql: "(" + strings.Join(parts, " "+op+" ") + ")", vars: vars}
}

const (
	nameCol    = "models.name_unaccented"
	contentCol = "models.content_unaccented"
)

// allInName holds for rank 0: every word in the name.
func (w searchWords) allInName() sqlExpr { return w.each("AND", nameCol) }

// inContentOnly holds for rank 1: every word in the name or the content, but not all in the
// name. Then some word is in the content: saying so too lets the planner start from the
// content's trigram index, which it could not from the rest alone.
func (w searchWords) inContentOnly() sqlExpr {
	every, some, name := w.each("AND", nameCol, contentCol), w.each("OR", contentCol), w.allInName()
	return sqlExpr{sql: every.sql + " AND " + some.sql + " AND NOT " + name.sql,
		vars: append(append(every.vars, some.vars...), name.vars...)}
}
