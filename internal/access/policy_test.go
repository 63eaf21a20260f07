package access

import (
	"testing"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
)

// A small tree: bloc B → committees C1, C2 → cells C1a (under C1), C2a (under C2).
const (
	pathB   = "b/"
	pathC1  = "b/c1/"
	pathC2  = "b/c2/"
	pathC1a = "b/c1/c1a/"
	pathC2a = "b/c2/c2a/"
)

func principal(role Role, path string) *Principal {
	return &Principal{ID: uuid.New(), Kind: UserPrincipal, Roles: []Assignment{{Role: role, UnitPath: path}}}
}

func TestCanRead(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		p    *Principal
		path string
		want bool
	}{
		{"admin reads anything", &Principal{Roles: []Assignment{{Role: Admin}}}, pathC2a, true},
		{"officer reads own unit", principal(CommitteeOfficer, pathC1), pathC1, true},
		{"officer reads child", principal(CommitteeOfficer, pathC1), pathC1a, true},
		{"officer reads parent", principal(CommitteeOfficer, pathC1), pathB, true},
		{"officer does not read sibling", principal(CommitteeOfficer, pathC1), pathC2, false},
		{"officer does not read sibling's child", principal(CommitteeOfficer, pathC1), pathC2a, false},
		{"member reads own cell", principal(Member, pathC1a), pathC1a, true},
		{"member reads committee above", principal(Member, pathC1a), pathC1, true},
		{"member does not read other committee", principal(Member, pathC1a), pathC2, false},
		{"anonymous reads nothing", nil, pathB, false},
		{"prefix of an id is not an ancestor", principal(Member, "b/c1x/"), pathC1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.p.CanRead(c.path); got != c.want {
				t.Fatalf("CanRead(%q) = %v, want %v", c.path, got, c.want)
			}
		})
	}
}

func TestAuthorize(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		p      *Principal
		action Action
		path   string
		want   apperr.Kind // -1 for allowed
	}{
		{"committee officer creates cell in own committee", principal(CommitteeOfficer, pathC1), CreateChild, pathC1, -1},
		{"committee officer cannot create committee in bloc (readable)", principal(CommitteeOfficer, pathC1), CreateChild, pathB, apperr.Forbidden},
		{"committee officer cannot touch other committee (unreadable)", principal(CommitteeOfficer, pathC1), UpdateUnit, pathC2, apperr.NotFound},
		{"bloc officer updates a cell below", principal(BlocOfficer, pathB), UpdateUnit, pathC2a, -1},
		{"inspector reads audit", principal(Inspector, pathB), ReadAudit, pathC1a, -1},
		{"inspector cannot update", principal(Inspector, pathB), UpdateUnit, pathC1, apperr.Forbidden},
		{"secretary manages own cell's users", principal(CellSecretary, pathC1a), ManageUsers, pathC1a, -1},
		{"secretary cannot read audit", principal(CellSecretary, pathC1a), ReadAudit, pathC1a, apperr.Forbidden},
		{"member cannot read users", principal(Member, pathC1a), ReadUsers, pathC1a, apperr.Forbidden},
		{"portal cannot manage clients", principal(Portal, pathB), ManageClients, pathB, apperr.Forbidden},
		{"only admins create blocs", principal(BlocOfficer, pathB), CreateBloc, "", apperr.Forbidden},
		{"admin creates blocs", &Principal{Roles: []Assignment{{Role: Admin}}}, CreateBloc, "", -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantKind(t, c.p.Authorize(c.action, c.path), c.want)
		})
	}
}

func TestCanGrant(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		p    *Principal
		role Role
		path string
		want apperr.Kind // -1 for allowed
	}{
		{"bloc officer grants committee officer below", principal(BlocOfficer, pathB), CommitteeOfficer, pathC1, -1},
		{"bloc officer grants bloc officer at own bloc", principal(BlocOfficer, pathB), BlocOfficer, pathB, -1},
		{"bloc officer cannot grant admin", principal(BlocOfficer, pathB), Admin, "", apperr.Forbidden},
		{"committee officer cannot grant bloc officer", principal(CommitteeOfficer, pathC1), BlocOfficer, pathC1, apperr.Forbidden},
		{"committee officer grants inspector of equal rank", principal(CommitteeOfficer, pathC1), Inspector, pathC1, -1},
		{"committee officer cannot grant outside subtree", principal(CommitteeOfficer, pathC1), Member, pathC2a, apperr.NotFound},
		{"committee officer cannot grant at the bloc above", principal(CommitteeOfficer, pathC1), Member, pathB, apperr.Forbidden},
		{"secretary grants member in own cell", principal(CellSecretary, pathC1a), Member, pathC1a, -1},
		{"secretary cannot grant inspector", principal(CellSecretary, pathC1a), Inspector, pathC1a, apperr.Forbidden},
		{"inspector grants nothing", principal(Inspector, pathB), Member, pathC1a, apperr.Forbidden},
		{"member grants nothing", principal(Member, pathC1a), Member, pathC1a, apperr.Forbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantKind(t, c.p.CanGrant(c.role, c.path), c.want)
		})
	}
}

func TestAllowed(t *testing.T) {
	t.Parallel()
	got := principal(CommitteeOfficer, pathC1).Allowed(pathC1a, UpdateUnit, ReadAudit, ManageClients, CreateBloc)
	want := []string{"update", "read_audit", "manage_clients"}
	if len(got) != len(want) {
		t.Fatalf("Allowed = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Allowed = %v, want %v", got, want)
		}
	}
}

// wantKind asserts err is nil when want is -1, else an error of kind want.
func wantKind(t *testing.T, err error, want apperr.Kind) {
	t.Helper()
	if want == -1 {
		if err != nil {
			t.Fatalf("want allowed, got %v", err)
		}
		return
	}
	if err == nil || apperr.KindOf(err) != want {
		t.Fatalf("want kind %v, got %v", want, err)
	}
}

func TestParentPath(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]string{pathC1a: pathC1, pathC1: pathB, pathB: ""} {
		if got := ParentPath(path); got != want {
			t.Errorf("ParentPath(%q) = %q, want %q", path, got, want)
		}
	}
}
