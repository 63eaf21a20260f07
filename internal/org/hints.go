package org

import (
	"errors"

	"github.com/google/uuid"
	lru "github.com/hashicorp/golang-lru/v2"
)

// ErrPathChanged is a store's answer to a read made on a remembered unit path (PathCheck) when
// the unit no longer has that path, or no longer exists: the caller reads the unit and decides
// again.
var ErrPathChanged = errors.New("org: the unit's path is not the one remembered")

// PathCheck asks a store to confirm, in the statement that reads a list, that Unit still has
// Path: access was decided on a path remembered from an earlier request, and the list is right
// only if that path is still the unit's in the statement's snapshot.
type PathCheck struct {
	Unit uuid.UUID
	Path string
}

// pathHintCapacity bounds the units an instance remembers (a path is about 150 bytes; every
// unit of a large deployment fits).
const pathHintCapacity = 50_000

// PathHints remembers the paths of units read before, so that a list of a unit's records can
// decide access on the remembered path and have the store confirm it in the list's own
// statement (PathCheck) instead of reading the unit first: one round trip instead of two. A
// hint is never trusted alone: a unit renamed keeps its path, and a unit moved (PATCH
// /units/{id}, which rewrites the paths of its subtree) fails the check, after which the caller
// reads the unit and remembers its new path. So no invalidation is needed, on any instance.
type PathHints struct {
	lru *lru.Cache[uuid.UUID, string] // safe for concurrent use
}

// NewPathHints returns an empty set of hints.
func NewPathHints() *PathHints {
	c, _ := lru.New[uuid.UUID, string](pathHintCapacity)
	return &PathHints{lru: c}
}

// Get returns the remembered path of unit id, if any.
func (h *PathHints) Get(id uuid.UUID) (string, bool) {
	if h == nil {
		return "", false
	}
	return h.lru.Get(id)
}

// Put remembers u's path.
func (h *PathHints) Put(u Unit) {
	if h != nil {
		h.lru.Add(u.ID, u.Path)
	}
}

// Forget drops the hint for unit id (it failed its check).
func (h *PathHints) Forget(id uuid.UUID) {
	if h != nil {
		h.lru.Remove(id)
	}
}
