package httpapi

import (
	"context"
	"strconv"
	"strings"

	"lamtheobac/api"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
)

// defaultLimit and maxLimit bound list pages (the spec enforces the maximum too).
const (
	defaultLimit = 50
	maxLimit     = 200
)

// pageLimit returns the requested page size or the default.
func pageLimit(l *int) int {
	if l == nil || *l < 1 {
		return defaultLimit
	}
	return min(*l, maxLimit)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// searchText cleans a q parameter like stored text, so it matches what was stored.
func searchText(q *string) string { return textnorm.Clean(deref(q)) }

// etag is a version's entity tag (GET answers extend it with a body hash, see conditionalGET).
func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// ifMatchVersion parses If-Match into the version it names; nil means "no precondition".
// An unparseable tag can never match, so it is a 412 like any stale one.
func ifMatchVersion(h *string) (*int64, error) {
	if h == nil || strings.TrimSpace(*h) == "" || strings.TrimSpace(*h) == "*" {
		return nil, nil
	}
	t := strings.Trim(strings.TrimPrefix(strings.TrimSpace(*h), "W/"), `"`)
	t, _, _ = strings.Cut(t, "-") // a GET's tag is "<version>-<body hash>"
	v, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		return nil, apperr.ErrStale
	}
	return &v, nil
}

func toAPIUnit(ctx context.Context, u org.Unit) api.Unit {
	return api.Unit{Id: u.ID, Kind: api.UnitKind(u.Kind), Code: u.Code, Name: u.Name, Place: u.Place, ParentId: u.ParentID, Archived: u.Archived,
		Version: u.Version, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt, AllowedActions: org.AllowedActions(ctx, u)}
}

func toAPIUnitRef(r org.Ref) api.UnitRef {
	return api.UnitRef{Id: r.ID, Kind: api.UnitKind(r.Kind), Code: r.Code, Name: r.Name}
}

func toAPIUnitList(ctx context.Context, units []org.Unit, next string) api.UnitList {
	items := make([]api.Unit, len(units))
	for i, u := range units {
		items[i] = toAPIUnit(ctx, u)
	}
	return api.UnitList{Items: items, NextCursor: nextCursor(ctx, next)}
}

// unitFilter builds a list filter from the shared list parameters.
func unitFilter(ctx context.Context, q *string, archived *bool, limit *int) org.Filter {
	return org.Filter{Q: searchText(q), IncludeArchived: deref(archived), Limit: pageLimit(limit), Cursor: cursorOf(ctx)}
}

func toDomainPatch(b *api.UnitUpdate) org.Patch {
	return org.Patch{Code: b.Code, Name: b.Name, Place: b.Place, Archived: b.Archived}
}
