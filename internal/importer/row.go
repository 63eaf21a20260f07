package importer

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
)

// row is one data row being turned into a record, collecting its problems.
type row struct {
	l        layout
	cells    []string
	n        int
	problems []Problem
	formula  bool // CSV only: a cell starting with '=' is a formula, which is never evaluated
}

// get returns the cell of field; a CSV formula is reported once and read as empty.
func (r *row) get(field string) string {
	v := r.l.cell(r.cells, field)
	if r.formula && strings.HasPrefix(v, "=") {
		r.bad(field, "formula", "The cell holds a formula; formulas are never evaluated: export the values.")
		return ""
	}
	if len(v) > maxCell {
		r.bad(field, "too_long", "The cell is longer than 20,000 characters.")
		return ""
	}
	return v
}

// opt returns a pointer to the cell of field, nil when empty.
func (r *row) opt(field string) *string {
	v := r.get(field)
	if v == "" {
		return nil
	}
	return &v
}

// bad records a problem in the column of field.
func (r *row) bad(field, code, message string) {
	for _, p := range r.problems {
		if p.Field == field && p.Code == code {
			return // one problem of a kind per cell is enough
		}
	}
	r.problems = append(r.problems, Problem{Row: r.n, Column: r.l.header[field], Field: field, Code: code, Message: message})
}

// checkExtraCells reports, as one problem of the row, the cells that hold something in a
// column without a header: beyond the header (a separator typed unquoted inside a cell splits
// it and pushes the rest of the row right) or under an empty header cell. They would be lost.
func (r *row) checkExtraCells() {
	var first string
	var cols []string
	for i, c := range r.cells {
		if r.l.reads(i) || blank([]string{c}) {
			continue
		}
		v := []rune(strings.TrimSpace(c))
		if len(v) > 40 {
			v = append(v[:40], '…')
		}
		if first == "" {
			first = columnLetter(i)
		}
		cols = append(cols, columnLetter(i)+" (\""+string(v)+"\")")
	}
	if len(cols) == 0 {
		return
	}
	if n := len(cols); n > 10 {
		cols = append(cols[:10], fmt.Sprintf("and %d more", n-10))
	}
	r.problems = append(r.problems, Problem{Row: r.n, Column: first, Code: CodeExtraCells,
		Message: "The row holds cells in columns that have no header, which would be lost: " + strings.Join(cols, ", ") +
			". A separator inside a cell must be quoted (or use ';' in lists); a column of its own needs a header."})
}

// fail records a domain error: each field error in the column it came from, else a row problem
// whose code says what the caller may not do.
func (r *row) fail(err error, fieldOf func(pointer string) string) error {
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		return err // not about the row: the job fails
	}
	switch {
	case len(ae.Fields) > 0:
		for _, f := range ae.Fields {
			field := fieldOf(f.Field)
			r.bad(field, ae.Code, f.Message)
		}
	case ae.Kind == apperr.NotFound:
		r.bad("unit_code", "unit_outside_subtree", "The unit is not in the subtree you import into, or you cannot read it.")
	case ae.Kind == apperr.Forbidden:
		r.bad("unit_code", "not_permitted", "Your role may not create this record at this unit: "+ae.Message)
	default:
		r.bad("", ae.Code, ae.Message)
	}
	return nil
}

// pointerField maps a JSON pointer of a domain error to an import field through the given
// prefixes, else to the pointer's first segment.
func pointerField(prefixes map[string]string) func(string) string {
	return func(p string) string {
		best := ""
		for prefix := range prefixes {
			if strings.HasPrefix(p, prefix) && len(prefix) > len(best) {
				best = prefix
			}
		}
		if best != "" {
			return prefixes[best]
		}
		seg, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
		return seg
	}
}

// unitCache finds units by code for a job, inside the subtree imported into; it remembers
// misses, and units a units file creates on earlier rows.
type unitCache struct {
	st    Store
	under string
	codes map[string]*org.Unit
}

func newUnitCache(st Store, under string) *unitCache {
	return &unitCache{st: st, under: under, codes: map[string]*org.Unit{}}
}

// find returns the unit with code, reporting a problem on field when it is unknown or outside
// the subtree.
func (c *unitCache) find(ctx context.Context, r *row, field, code string) (org.Unit, bool, error) {
	u, ok := c.codes[code]
	if !ok {
		found, err := c.st.GetUnitByCode(ctx, code)
		switch {
		case errors.Is(err, apperr.ErrNotFound):
		case err != nil:
			return org.Unit{}, false, err
		default:
			u = &found
		}
		c.codes[code] = u
	}
	if u == nil {
		r.bad(field, "unknown_unit", "No unit has the code \""+code+"\".")
		return org.Unit{}, false, nil
	}
	if !strings.HasPrefix(u.Path, c.under) {
		r.bad(field, "unit_outside_subtree", "The unit \""+code+"\" is not in the subtree you import into.")
		return org.Unit{}, false, nil
	}
	return *u, true, nil
}

// taken reports whether a unit with code exists or an earlier row creates it.
func (c *unitCache) taken(ctx context.Context, code string) (bool, error) {
	if u, ok := c.codes[code]; ok {
		return u != nil, nil
	}
	_, err := c.st.GetUnitByCode(ctx, code)
	if errors.Is(err, apperr.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// add remembers a unit an earlier row creates.
func (c *unitCache) add(u org.Unit) { c.codes[u.Code] = &u }
