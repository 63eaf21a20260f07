package store

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"unicode"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"

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

// searchModels returns a page of the models matching every word of f.Q in their name (as a
// substring) or content (as a word prefix), diacritics and case ignored: those with every word
// in their name first, then the others, each newest first.
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
		got, err := s.searchRank(ctx, f, rankName, c, f.Limit+1, w.allInName(), nil)
		if err != nil {
			return nil, "", wrap(err, "search models")
		}
		rows = got
	}
	if len(rows) <= f.Limit {
		words, err := s.contentWords(ctx, w)
		if err != nil {
			return nil, "", wrap(err, "search models")
		}
		got, err := s.searchRank(ctx, f, rankContent, c, f.Limit+1-len(rows), w.inContentOnly(), &words)
		if err != nil {
			return nil, "", wrap(err, "search models")
		}
		rows = append(rows, got...)
	}
	return modelPage(rows, f.Limit)
}

// searchRank reads up to limit models of one rank, newest first, after the cursor c when it is
// in this rank. The page's ids are found first (an index-only walk, or the names' trigram or
// the contents' full-text index, never reading the wide rows it skips), then only those rows
// are read with their unit and rating. With words (a join, contentWords), the condition reads
// the contents' words: a model whose content is not indexed yet (imported moments ago, see
// models_search_index.go) is then not found, as it would not be by its content.
func (s *Store) searchRank(ctx context.Context, f model.Filter, rank int, c rankCursor, limit int, cond sqlExpr, words *sqlExpr) ([]modelRow, error) {
	ids := filterModels(s.db(ctx).Model(&modelRow{}).Select("models.id"), f).Where(cond.sql, cond.vars...)
	if words != nil {
		ids = ids.Joins(words.sql, words.vars...)
	}
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

// searchWord is one word of a search text, as each column is searched: names by substring
// (a LIKE pattern, unaccented by f_unaccent in SQL as the stored column was), contents by word
// prefix with full-text search through the unaccent dictionary (a to_tsquery text; empty when
// the word has no letter or digit, and then it is in no content).
type searchWord struct {
	like  string
	words string
}

// searchWords are the words of a search text.
type searchWords []searchWord

func newSearchWords(q string) searchWords {
	var w searchWords
	for _, word := range strings.Fields(q) {
		w = append(w, searchWord{like: "%" + escapeLike(word) + "%", words: prefixQuery(word)})
	}
	return w
}

// prefixQuery is the to_tsquery text of a typed word: each run of letters and digits as a word
// prefix ("tiết" → "tiết:*", "50%_giảm" → "50:* & giảm:*"). Only letters and digits reach
// to_tsquery, so no input can be read as its operators. The word is composed first (NFC), so
// that decomposed diacritics stay inside their letters.
func prefixQuery(word string) string {
	parts := strings.FieldsFunc(norm.NFC.String(word), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
	for i, p := range parts {
		parts[i] = p + ":*"
	}
	return strings.Join(parts, " & ")
}

// nameCol is the unaccented name, with its trigram index on models; contentWords are the
// content's words, with their full-text index, in model_search (migrations/0025_model_search.sql:
// to_tsvector of the content through the unaccent dictionary of 0018).
const (
	nameCol      = "models.name_unaccented"
	contentWords = "model_search.words"
	contentQuery = "to_tsquery('public.lamtheobac_unaccent'::regconfig, ?)"
)

// inName holds when the word is in the name.
func (w searchWord) inName() sqlExpr {
	return sqlExpr{sql: nameCol + " LIKE f_unaccent(?)", vars: []any{w.like}}
}

// inContent holds when the word is in the content.
func (w searchWord) inContent() sqlExpr {
	if w.words == "" {
		return sqlExpr{sql: "false"}
	}
	return sqlExpr{sql: contentWords + " @@ " + contentQuery, vars: []any{w.words}}
}

// join joins conditions with op, in parentheses.
func join(op string, es ...sqlExpr) sqlExpr {
	parts := make([]string, len(es))
	var vars []any
	for i, e := range es {
		parts[i] = "(" + e.sql + ")"
		vars = append(vars, e.vars...)
	}
	return sqlExpr{sql: "(" + strings.Join(parts, " "+op+" ") + ")", vars: vars}
}

// allInName holds for rank 0: every word in the name.
func (w searchWords) allInName() sqlExpr {
	es := make([]sqlExpr, len(w))
	for i, word := range w {
		es[i] = word.inName()
	}
	return join("AND", es...)
}

// anyInContent is the to_tsquery text of "some word of w is in the content" ("" when no word
// has a letter or digit).
func (w searchWords) anyInContent() string {
	var some []string
	for _, word := range w {
		if word.words != "" {
			some = append(some, "("+word.words+")")
		}
	}
	return strings.Join(some, " | ")
}

// inContentOnly holds for rank 1: every word in the name or the content, but not all in the
// name. Then some word is in the content: saying so too, as one query of the words' prefixes,
// lets the planner start from the contents' full-text index, which it could not from the rest
// alone.
func (w searchWords) inContentOnly() sqlExpr {
	every := make([]sqlExpr, len(w))
	for i, word := range w {
		every[i] = join("OR", word.inName(), word.inContent())
	}
	some := w.anyInContent()
	if some == "" {
		return sqlExpr{sql: "false"}
	}
	anyInContent := sqlExpr{sql: contentWords + " @@ " + contentQuery, vars: []any{some}}
	notAllInName := w.allInName()
	notAllInName.sql = "NOT " + notAllInName.sql
	return join("AND", join("AND", every...), anyInContent, notAllInName)
}

// fewMatches is the number of content matches under which rank 1 starts from the contents'
// full-text index (contentWords); an atomic so that tests can try both plans.
var fewMatches atomic.Int64

func init() { fewMatches.Store(2000) }

// contentWords is the join that brings rank 1 the contents' words (model_search).
//
// When few models have a word in their content, the page is found from the full-text index:
// model_search's matches, fenced (OFFSET 0) so that the planner reads them from the GIN index
// and sorts the few it finds. Otherwise the planner is left to walk the models newest first
// and stop at the page, which it does for common words. It cannot tell the two apart itself:
// a word prefix absent from the statistics is estimated at 0.5% of the rows, so with words
// stored (no to_tsvector to pay per row, as in migration 0018) it walked the whole bloc for a
// word no content has (0.8 s over 60,000 models instead of 2 ms from the index). The count
// is taken from the index too and stops at fewMatches.
func (s *Store) contentWords(ctx context.Context, w searchWords) (sqlExpr, error) {
	plain := sqlExpr{sql: "JOIN model_search ON model_search.model_id = models.id"}
	some := w.anyInContent()
	if some == "" {
		return plain, nil
	}
	var n int64
	err := s.db(ctx).Raw("SELECT count(*) FROM (SELECT 1 FROM (SELECT model_id FROM model_search WHERE words @@ "+contentQuery+
		" OFFSET 0) m LIMIT ?) few", some, fewMatches.Load()).Row().Scan(&n)
	if err != nil {
		return sqlExpr{}, translate(err)
	}
	if n >= fewMatches.Load() {
		return plain, nil
	}
	return sqlExpr{sql: "JOIN (SELECT model_id, words FROM model_search WHERE words @@ " + contentQuery +
		" OFFSET 0) model_search ON model_search.model_id = models.id", vars: []any{some}}, nil
}
