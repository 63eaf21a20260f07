package org

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

// TestKindTable checks every (child, parent) pair against the tree the documents describe.
func TestKindTable(t *testing.T) {
	allowed := map[[2]Kind]bool{
		{Bloc, Province}:              true,
		{Committee, Bloc}:             true,
		{Committee, Province}:         true,
		{PartialCommittee, Committee}: true,
		{BaseCell, Bloc}:              true,
		{BaseCell, Province}:          true,
		{Cell, Committee}:             true,
		{Cell, PartialCommittee}:      true,
	}
	for _, child := range Kinds {
		for _, parent := range Kinds {
			if got, want := child.CanHangUnder(parent), allowed[[2]Kind{child, parent}]; got != want {
				t.Errorf("%s under %s: %v, want %v", child, parent, got, want)
			}
		}
	}
	roots := []Kind{}
	for _, k := range Kinds {
		if k.CanBeRoot() {
			roots = append(roots, k)
		}
	}
	if !slices.Equal(roots, []Kind{Province, Bloc}) {
		t.Errorf("roots %v, want province and bloc", roots)
	}
	if Kind("district").Valid() || !BaseCell.Valid() {
		t.Error("Valid does not follow the table")
	}
}

// TestKindLevels checks the derived rules: leaves, default children, what a kind counts as.
func TestKindLevels(t *testing.T) {
	cases := []struct {
		k             Kind
		leaf, directs bool
		child         Kind
		is            []Kind
	}{
		{Province, false, true, Bloc, []Kind{Province}},
		{Bloc, false, true, Committee, []Kind{Bloc}},
		{Committee, false, false, Cell, []Kind{Committee}},
		{PartialCommittee, false, false, Cell, []Kind{PartialCommittee}},
		{BaseCell, true, false, "", []Kind{BaseCell, Committee, Cell}},
		{Cell, true, false, "", []Kind{Cell}},
	}
	for _, c := range cases {
		if c.k.Leaf() != c.leaf || c.k.Directs() != c.directs || c.k.DefaultChildKind() != c.child {
			t.Errorf("%s: leaf %v directs %v default child %q", c.k, c.k.Leaf(), c.k.Directs(), c.k.DefaultChildKind())
		}
		if c.child != "" && !c.child.CanHangUnder(c.k) {
			t.Errorf("%s: default child %s is not allowed under it", c.k, c.child)
		}
		var is []Kind
		for _, l := range Kinds {
			if c.k.Is(l) {
				is = append(is, l)
			}
		}
		slices.Sort(is)
		want := slices.Clone(c.is)
		slices.Sort(want)
		if !slices.Equal(is, want) {
			t.Errorf("%s counts as %v, want %v", c.k, is, want)
		}
	}
	if !BaseCell.IsAny([]Kind{Cell}) || Cell.IsAny([]Kind{Committee, Bloc}) {
		t.Error("IsAny does not follow Is")
	}
}

// TestNewChildFollowsTable builds a child of every kind under every kind as an administrator:
// only the table's pairs succeed, the others are 422 wrong_parent_kind, and paths and the
// root id carry down.
func TestNewChildFollowsTable(t *testing.T) {
	admin := &access.Principal{Roles: []access.Assignment{{Role: access.Admin}}}
	now := time.Now()
	for _, pk := range Kinds {
		parent := Unit{ID: uuid.New(), Kind: pk, BlocID: uuid.New()}
		parent.Path = parent.BlocID.String() + "/" + parent.ID.String() + "/"
		for _, k := range Kinds {
			u, err := NewChild(admin, parent, k, NewUnit{Code: "X-1", Name: "x"}, now)
			if k.CanHangUnder(pk) {
				if err != nil || u.Path != parent.Path+u.ID.String()+"/" || u.BlocID != parent.BlocID || *u.ParentID != parent.ID {
					t.Errorf("%s under %s: %v %+v", k, pk, err, u)
				}
				continue
			}
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Code != "wrong_parent_kind" {
				t.Errorf("%s under %s: %v, want wrong_parent_kind", k, pk, err)
			}
		}
	}
}
