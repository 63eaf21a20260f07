package org

import (
	"strings"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
)

// PathIDs splits a materialized path into its unit ids, root first.
func PathIDs(path string) []uuid.UUID {
	parts := strings.Split(strings.TrimSuffix(path, "/"), "/")
	ids := make([]uuid.UUID, 0, len(parts))
	for _, p := range parts {
		if id, err := uuid.Parse(p); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// blocIDs are the roots a non-admin principal can see: those of its roles' trees (a bloc, or
// the province above it).
func blocIDs(p *access.Principal) []uuid.UUID {
	ids := []uuid.UUID{}
	if p == nil {
		return ids
	}
	for _, a := range p.Roles {
		if got := PathIDs(a.UnitPath); len(got) > 0 {
			ids = append(ids, got[0])
		}
	}
	return ids
}

// pathChildrenToward returns, for each role below parentPath, the child of the parent that
// lies on the way down to the role's unit.
func pathChildrenToward(p *access.Principal, parentPath string) []uuid.UUID {
	depth := len(PathIDs(parentPath))
	ids := []uuid.UUID{}
	if p == nil {
		return ids
	}
	for _, a := range p.Roles {
		if !strings.HasPrefix(a.UnitPath, parentPath) || a.UnitPath == parentPath {
			continue
		}
		if got := PathIDs(a.UnitPath); len(got) > depth {
			ids = append(ids, got[depth])
		}
	}
	return ids
}
