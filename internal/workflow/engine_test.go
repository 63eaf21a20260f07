package workflow

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

// doc is a tiny record for the engine's tests: drafted by its author, reviewed by anyone else.
type doc struct {
	ID      uuid.UUID
	State   string
	Author  uuid.UUID
	Locked  bool
	Version int64
	Text    string
}

const (
	edit    = "edit"
	submit  = "submit"
	approve = "approve"
	remove  = "delete"
)

var (
	author   = &access.Principal{ID: uuid.New(), Name: "author"}
	reviewer = &access.Principal{ID: uuid.New(), Name: "reviewer"}
)

func isAuthor(p *access.Principal, d doc) bool { return p != nil && p.ID == d.Author }

var docs = Table[doc, string, string]{
	Actions: []string{edit, remove, submit, approve},
	Rules: map[string]Rule[doc, string]{
		edit:   {From: []string{"draft"}, Who: isAuthor, When: func(d doc) bool { return !d.Locked }},
		remove: {From: []string{"draft"}, Who: isAuthor},
		submit: {From: []string{"draft"}, To: "submitted", Who: isAuthor},
		approve: {From: []string{"submitted"}, To: "approved",
			Who: func(p *access.Principal, d doc) bool { return p != nil && !isAuthor(p, d) },
			Refusal: func(p *access.Principal, d doc) error {
				if isAuthor(p, d) {
					return apperr.New(apperr.Forbidden, "own_submission", "Nobody reviews their own.")
				}
				return nil
			}},
	},
	State: func(d doc) string { return d.State },
}

func code(err error) string {
	var e *apperr.Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestCheckOrderRightsVersionState(t *testing.T) {
	v := func(i int64) *int64 { return &i }
	draft := doc{State: "draft", Author: author.ID, Version: 3}
	submitted := doc{State: "submitted", Author: author.ID, Version: 3}
	cases := []struct {
		name    string
		p       *access.Principal
		rec     doc
		a       string
		ifMatch *int64
		want    string
	}{
		{"owner edits a draft", author, draft, edit, v(3), ""},
		{"no If-Match is not a precondition", author, draft, edit, nil, ""},
		{"stale version", author, draft, edit, v(2), "stale_version"},
		{"rights come before the version", reviewer, draft, edit, v(2), "forbidden"},
		{"the version comes before the state", author, submitted, edit, v(2), "stale_version"},
		{"wrong state", author, submitted, edit, v(3), "invalid_transition"},
		{"When narrows the state", author, doc{State: "draft", Author: author.ID, Locked: true}, edit, nil, "invalid_transition"},
		{"a specific refusal", author, submitted, approve, nil, "own_submission"},
		{"the generic refusal when Refusal has nothing to say", nil, submitted, approve, nil, "forbidden"},
		{"reviewer approves", reviewer, submitted, approve, v(3), ""},
		{"unknown action", author, draft, "fly", nil, "unknown_action"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := code(docs.Check(c.p, c.rec, c.rec.Version, c.a, c.ifMatch))
			if got != c.want {
				t.Fatalf("Check = %q, want %q", got, c.want)
			}
		})
	}
}

func TestAllowedFollowsTheTable(t *testing.T) {
	draft := doc{State: "draft", Author: author.ID}
	submitted := doc{State: "submitted", Author: author.ID}
	cases := []struct {
		p    *access.Principal
		rec  doc
		want []string
	}{
		{author, draft, []string{edit, remove, submit}},
		{reviewer, draft, []string{}},
		{author, submitted, []string{}},
		{reviewer, submitted, []string{approve}},
		{author, doc{State: "draft", Author: author.ID, Locked: true}, []string{remove, submit}},
	}
	for _, c := range cases {
		if got := docs.Allowed(c.p, c.rec); !slices.Equal(got, c.want) {
			t.Errorf("Allowed(%s, %s) = %v, want %v", c.p.Name, c.rec.State, got, c.want)
		}
	}
	if docs.To(submit) != "submitted" || docs.To(edit) != "" || !docs.Has(approve) || docs.Has("fly") {
		t.Fatal("To/Has do not read the table")
	}
}

// memory is an in-memory store for the Flow's tests: one map, transactions that roll back.
type memory struct {
	rows   map[uuid.UUID]doc
	audits []string
}

func (m *memory) flow() Flow[doc, string, string] {
	return Flow[doc, string, string]{
		Table: docs,
		Kind:  "doc",
		InTx: func(ctx context.Context, fn func(context.Context) error) error {
			saved := map[uuid.UUID]doc{}
			for k, v := range m.rows {
				saved[k] = v
			}
			n := len(m.audits)
			if err := fn(ctx); err != nil {
				m.rows, m.audits = saved, m.audits[:n]
				return err
			}
			return nil
		},
		Load: func(_ context.Context, id uuid.UUID, _ bool) (doc, error) {
			d, ok := m.rows[id]
			if !ok {
				return d, apperr.ErrNotFound
			}
			return d, nil
		},
		Version:  func(d doc) int64 { return d.Version },
		SetState: func(d *doc, s string) { d.State = s },
		Save: func(_ context.Context, before, after doc) (doc, error) {
			if m.rows[before.ID].Version != before.Version {
				return after, apperr.ErrStale
			}
			after.Version++
			m.rows[after.ID] = after
			return after, nil
		},
		Delete: func(_ context.Context, d doc) error { delete(m.rows, d.ID); return nil },
		Audit: func(_ context.Context, action string, _ doc, _ *doc) error {
			m.audits = append(m.audits, action)
			return nil
		},
		Guard: func(_ context.Context, d doc, a string) error {
			if a == approve && d.Text == "" {
				return apperr.New(apperr.Conflict, "empty", "Nothing to approve.")
			}
			return nil
		},
	}
}

func TestFlowChangeSavesMovesAndAudits(t *testing.T) {
	id := uuid.New()
	m := &memory{rows: map[uuid.UUID]doc{id: {ID: id, State: "draft", Author: author.ID, Version: 1}}}
	f := m.flow()
	as := func(p *access.Principal) context.Context { return access.WithPrincipal(context.Background(), p) }

	got, err := f.Change(as(author), id, nil, edit, func(_ context.Context, d *doc) error { d.Text = "hello"; return nil })
	if err != nil || got.Text != "hello" || got.Version != 2 || got.State != "draft" {
		t.Fatalf("edit = %+v, %v", got, err)
	}
	// A failing mutation leaves nothing behind: no state change, no audit.
	_, err = f.Change(as(author), id, nil, submit, func(context.Context, *doc) error { return errors.New("boom") })
	if err == nil || m.rows[id].State != "draft" || len(m.audits) != 1 {
		t.Fatalf("failed mutation left %+v, audits %v", m.rows[id], m.audits)
	}
	got, err = f.Change(as(author), id, nil, submit, nil)
	if err != nil || got.State != "submitted" || got.Version != 3 {
		t.Fatalf("submit = %+v, %v", got, err)
	}
	if _, err := f.Change(as(author), id, nil, approve, nil); code(err) != "own_submission" {
		t.Fatalf("own approval = %v", err)
	}
	if _, err := f.Change(as(reviewer), id, nil, approve, nil); err != nil {
		t.Fatalf("approve = %v", err)
	}
	if !slices.Equal(m.audits, []string{"doc.edit", "doc.submit", "doc.approve"}) {
		t.Fatalf("audits = %v", m.audits)
	}
	if _, err := f.Change(as(reviewer), uuid.New(), nil, approve, nil); !errors.Is(err, apperr.ErrNotFound) {
		t.Fatalf("missing record = %v", err)
	}
}

func TestFlowGuardAndRemove(t *testing.T) {
	id, other := uuid.New(), uuid.New()
	m := &memory{rows: map[uuid.UUID]doc{
		id:    {ID: id, State: "submitted", Author: author.ID, Version: 1},
		other: {ID: other, State: "draft", Author: author.ID, Version: 4},
	}}
	f := m.flow()
	ctx := access.WithPrincipal(context.Background(), reviewer)
	if _, err := f.Change(ctx, id, nil, approve, nil); code(err) != "empty" || m.rows[id].State != "submitted" {
		t.Fatalf("guard = %v, state %s", err, m.rows[id].State)
	}
	own := access.WithPrincipal(context.Background(), author)
	stale := int64(3)
	if err := f.Remove(own, other, &stale, remove); code(err) != "stale_version" {
		t.Fatalf("stale remove = %v", err)
	}
	if err := f.Remove(own, other, nil, remove); err != nil || len(m.rows) != 1 || m.audits[0] != "doc.delete" {
		t.Fatalf("remove = %v, rows %d, audits %v", err, len(m.rows), m.audits)
	}
}

// TestConflictGuardedAndTableRefusal checks the table's finer answers: a rule's own 409, an
// action left out of Allowed but refused by the Guard, and a refusal shared by every rule.
func TestConflictGuardedAndTableRefusal(t *testing.T) {
	tbl := Table[doc, string, string]{
		Actions: []string{edit, submit},
		Rules: map[string]Rule[doc, string]{
			edit: {From: []string{"draft"}, Who: isAuthor,
				Conflict: func(doc) error { return apperr.New(apperr.Conflict, "frozen", "Frozen.") }},
			submit:   {From: []string{"draft"}, To: "submitted", Who: isAuthor, Guarded: func(d doc) bool { return !d.Locked }},
			"hidden": {From: []string{"draft"}, Who: isAuthor},
		},
		State: func(d doc) string { return d.State },
		Refusal: func(p *access.Principal, d doc) error {
			if p == reviewer {
				return apperr.New(apperr.Forbidden, "not_yours", "Not yours.")
			}
			return nil
		},
	}
	if got := code(tbl.Check(author, doc{State: "submitted", Author: author.ID}, 0, edit, nil)); got != "frozen" {
		t.Fatalf("Conflict = %q", got)
	}
	if got := code(tbl.Check(author, doc{State: "submitted", Author: author.ID}, 0, submit, nil)); got != "invalid_transition" {
		t.Fatalf("no Conflict = %q", got)
	}
	if got := code(tbl.Check(reviewer, doc{State: "draft", Author: author.ID}, 0, edit, nil)); got != "not_yours" {
		t.Fatalf("table refusal = %q", got)
	}
	if got := code(tbl.Check(nil, doc{State: "draft", Author: author.ID}, 0, edit, nil)); got != "forbidden" {
		t.Fatalf("table refusal with nothing to say = %q", got)
	}
	locked := doc{State: "draft", Author: author.ID, Locked: true}
	if got := tbl.Allowed(author, locked); !slices.Equal(got, []string{edit}) {
		t.Fatalf("Allowed with Guarded false = %v", got)
	}
	if err := tbl.Check(author, locked, 0, submit, nil); err != nil {
		t.Fatalf("Guarded is not Check's to refuse: %v", err)
	}
	if got := tbl.Allowed(author, doc{State: "draft", Author: author.ID}); !slices.Equal(got, []string{edit, submit}) {
		t.Fatalf("an action of Rules but not of Actions is listed: %v", got)
	}
	if !tbl.Can(author, doc{State: "draft", Author: author.ID}, "hidden") {
		t.Fatal("an action of Rules only is still an action")
	}
}

// TestFlowSavedAndChecked checks the Saved hook (after the save, before the audit, rolled back
// with the change) and Checked (the checks of Change without a write).
func TestFlowSavedAndChecked(t *testing.T) {
	id := uuid.New()
	m := &memory{rows: map[uuid.UUID]doc{id: {ID: id, State: "draft", Author: author.ID, Version: 1}}}
	f := m.flow()
	var saved []string
	f.Saved = func(_ context.Context, a string, before, after doc) error {
		saved = append(saved, a+":"+before.State+"→"+after.State)
		if after.Text == "refuse" {
			return errors.New("history refused")
		}
		return nil
	}
	ctx := access.WithPrincipal(context.Background(), author)
	if _, err := f.Change(ctx, id, nil, submit, func(_ context.Context, d *doc) error { d.Text = "refuse"; return nil }); err == nil ||
		m.rows[id].State != "draft" || len(m.audits) != 0 {
		t.Fatalf("a failing Saved left %+v, audits %v, err %v", m.rows[id], m.audits, err)
	}
	if _, err := f.Change(ctx, id, nil, submit, nil); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(saved, []string{"submit:draft→submitted", "submit:draft→submitted"}) || !slices.Equal(m.audits, []string{"doc.submit"}) {
		t.Fatalf("saved %v, audits %v", saved, m.audits)
	}
	err := f.InTx(ctx, func(ctx context.Context) error {
		d, err := f.Checked(ctx, id, nil, edit)
		if code(err) != "invalid_transition" || d.ID != id {
			t.Fatalf("Checked = %+v, %v", d, err)
		}
		_, err = f.Checked(access.WithPrincipal(ctx, reviewer), id, nil, approve)
		return err
	})
	if code(err) != "empty" || m.rows[id].Version != 2 {
		t.Fatalf("Checked with the guard = %v, version %d", err, m.rows[id].Version)
	}
}
