package org

import "slices"

// Kind is the level of a unit.
type Kind string

// The kinds of unit the source documents name (docs/sources.md). The tree is not of fixed
// depth: which kind may hang under which is the one table parentKinds below.
const (
	// Province is a Tỉnh ủy / Thành ủy: an optional root above blocs, which issues the plans
	// the blocs carry out and receives their reports.
	Province Kind = "province"
	// Bloc is a Đảng bộ Khối: a root, or under a province.
	Bloc Kind = "bloc"
	// Committee is a đảng bộ cơ sở (its Đảng ủy): under a bloc or a province.
	Committee Kind = "committee"
	// PartialCommittee is a đảng bộ bộ phận: between a committee and some of its cells.
	PartialCommittee Kind = "partial_committee"
	// BaseCell is a chi bộ cơ sở: directly under a bloc or a province, it is at once the base
	// committee and the cell for every rule (see Is).
	BaseCell Kind = "base_cell"
	// Cell is a chi bộ: under a committee or a partial committee.
	Cell Kind = "cell"
)

// Kinds lists every kind, top-down.
var Kinds = []Kind{Province, Bloc, Committee, PartialCommittee, BaseCell, Cell}

// parentKinds is the table of the tree: the kinds a unit of each kind may have as its parent,
// and whether it may be a root (no parent at all).
var parentKinds = map[Kind]struct {
	root  bool
	under []Kind
}{
	Province:         {root: true},
	Bloc:             {root: true, under: []Kind{Province}},
	Committee:        {under: []Kind{Bloc, Province}},
	PartialCommittee: {under: []Kind{Committee}},
	BaseCell:         {under: []Kind{Bloc, Province}},
	Cell:             {under: []Kind{Committee, PartialCommittee}},
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { _, ok := parentKinds[k]; return ok }

// CanBeRoot reports whether a unit of kind k may stand at the top of a tree.
func (k Kind) CanBeRoot() bool { return parentKinds[k].root }

// ParentKinds lists the kinds a unit of kind k may hang under (none for a province).
func (k Kind) ParentKinds() []Kind { return parentKinds[k].under }

// CanHangUnder reports whether a unit of kind k may have a parent of kind parent.
func (k Kind) CanHangUnder(parent Kind) bool { return slices.Contains(parentKinds[k].under, parent) }

// ChildKinds lists the kinds that may hang under a unit of kind k, in table order.
func (k Kind) ChildKinds() []Kind {
	var out []Kind
	for _, c := range Kinds {
		if c.CanHangUnder(k) {
			out = append(out, c)
		}
	}
	return out
}

// Leaf reports whether nothing may hang under a unit of kind k (cells and base cells): such a
// unit opens no rounds and reviews nobody.
func (k Kind) Leaf() bool { return len(k.ChildKinds()) == 0 }

// Directs reports whether a unit of kind k directs the units below it rather than carrying the
// work out itself (provinces and blocs): coverage figures count the units that carry it out.
func (k Kind) Directs() bool { return k == Province || k == Bloc }

// DefaultChildKind is the kind a new unit under a unit of kind k has when nobody names one (an
// import row without a kind): the most common one (a committee under a bloc, a bloc under a
// province, a cell under a committee or a partial committee); "" under a leaf.
func (k Kind) DefaultChildKind() Kind {
	switch k {
	case Province:
		return Bloc
	case Bloc:
		return Committee
	case Committee, PartialCommittee:
		return Cell
	}
	return ""
}

// Is reports whether a unit of kind k counts as a unit of kind level for rules that name a
// level (report levels): a base cell is both the base committee and the cell. A partial
// committee is neither: it sits between the two (see report's levels for when it reports).
func (k Kind) Is(level Kind) bool {
	return k == level || k == BaseCell && (level == Committee || level == Cell)
}

// IsAny reports whether k.Is(l) for some l in levels.
func (k Kind) IsAny(levels []Kind) bool {
	return slices.ContainsFunc(levels, k.Is)
}
