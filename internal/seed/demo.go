// Package seed loads data: the demo organization that `make run` serves (never in production),
// through the services, and a synthetic national dataset for load tests (synthetic*.go), written
// with COPY.
package seed

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/app"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/user"
)

// DemoPassword is the password of every demo user.
const DemoPassword = "demo12345"

// demoUnit is one unit of the demo tree; parent "" for the root (the province).
type demoUnit struct {
	code, name, parent string
	kind               org.Kind
}

// DemoProvince is the code of the demo's province, the root above its bloc (issue #15): the
// Tỉnh ủy that issues the plans the bloc carries out and receives its reports.
const DemoProvince = "TU-TRAVINH"

// demoUnits is the demo tree of the foundation issue under its province, parents first, then
// its deeper shapes.
func demoUnits() []demoUnit {
	return append([]demoUnit{
		{DemoProvince, "Đảng bộ tỉnh Trà Vinh", "", org.Province},
		{"KHOI-CQDN", "Đảng bộ Khối các cơ quan và Doanh nghiệp tỉnh", DemoProvince, org.Bloc},
		{"DU-SCT", "Đảng ủy Sở Công Thương", "KHOI-CQDN", org.Committee},
		{"CB-VP", "Chi bộ Văn phòng", "DU-SCT", org.Cell},
		{"CB-QLTM", "Chi bộ Quản lý thương mại", "DU-SCT", org.Cell},
		{"CB-KTAT", "Chi bộ Kỹ thuật an toàn", "DU-SCT", org.Cell},
		{"DU-STP", "Đảng ủy Sở Tư pháp", "KHOI-CQDN", org.Committee},
		{"CB-BTTP", "Chi bộ Bổ trợ tư pháp", "DU-STP", org.Cell},
		{"CB-HCTP", "Chi bộ Hành chính tư pháp", "DU-STP", org.Cell},
	}, depthUnits()...)
}

// DemoLogin is one demo account: its username, name, home unit and role.
type DemoLogin struct {
	Username, FullName, Unit string
	Role                     access.Role
}

// DemoLogins lists the demo accounts, printed by `make run`.
func DemoLogins() []DemoLogin {
	return append([]DemoLogin{
		{"admin", "Quản trị hệ thống", "KHOI-CQDN", access.Admin},
		{"province.officer", "Thạch Thị Sa Phol", DemoProvince, access.BlocOfficer},
		{"bloc.officer", "Nguyễn Thị Hồng", "KHOI-CQDN", access.BlocOfficer},
		{"inspector", "Trần Văn Kiểm", "KHOI-CQDN", access.Inspector},
		{"committee.officer", "Lê Minh Tuấn", "DU-SCT", access.CommitteeOfficer},
		{"cell.secretary", "Phạm Thị Lan", "CB-VP", access.CellSecretary},
		{"member", "Hoàng Văn Nam", "CB-VP", access.Member},
		{"cell.secretary2", "Vũ Thị Mai", "CB-BTTP", access.CellSecretary},
	}, depthLogins()...)
}

// systemAdmin is the principal the seed acts as, so its changes are checked and audited like
// anyone's.
func systemAdmin() *access.Principal {
	return &access.Principal{ID: uuid.Nil, Kind: access.UserPrincipal, Name: "seed", Roles: []access.Assignment{{Role: access.Admin}}}
}

// DemoOptions changes what the demo loads.
type DemoOptions struct {
	// WithoutProvince loads the demo as it was before it had a province, its bloc the root of
	// the tree: for the tests written for a bloc with nobody above it (whose every holder,
	// count and ancestor list says so). The province has tests of its own.
	WithoutProvince bool
}

// Demo loads the demo organization, its province included. It is idempotent: what exists
// already is left alone, so running it again gives the same state. A database loaded before
// the province existed keeps its bloc as the root (a unit is never moved under a new parent):
// there, neither the province nor its officer is created.
func Demo(ctx context.Context, a *app.App) error { return DemoWith(ctx, a, DemoOptions{}) }

// DemoWith is Demo with options.
func DemoWith(ctx context.Context, a *app.App, o DemoOptions) error {
	ctx = access.WithPrincipal(ctx, systemAdmin())
	legacy, err := legacyDemo(ctx, a)
	if err != nil {
		return err
	}
	noProvince := legacy || o.WithoutProvince
	ids := map[string]uuid.UUID{}
	for _, d := range demoUnits() {
		if noProvince && d.code == DemoProvince {
			continue
		}
		if noProvince && d.parent == DemoProvince {
			d.parent = ""
		}
		u, err := a.Store.GetUnitByCode(ctx, d.code)
		if isNotFound(err) {
			in := org.NewUnit{Code: d.code, Name: d.name}
			if d.parent == "" {
				u, err = a.Units.CreateRoot(ctx, d.kind, in)
			} else {
				u, err = a.Units.CreateChild(ctx, d.kind, ids[d.parent], in)
			}
		}
		if err != nil {
			return err
		}
		ids[d.code] = u.ID
	}
	for _, l := range DemoLogins() {
		if noProvince && l.Unit == DemoProvince {
			continue
		}
		if err := ensureUser(ctx, a, l, ids[l.Unit]); err != nil {
			return err
		}
	}
	if err := loadDemoPlace(ctx, a, ids); err != nil {
		return err
	}
	if err := demoStandards(ctx, a, "DU-SCT", "CB-VP", ids); err != nil {
		return err
	}
	if err := loadDemoModels(ctx, a, ids); err != nil {
		return err
	}
	if err := loadDemoNominations(ctx, a, ids); err != nil {
		return err
	}
	members, err := loadDemoMembers(ctx, a, ids)
	if err != nil {
		return err
	}
	if err := loadDemoCommitments(ctx, a, members); err != nil {
		return err
	}
	if err := loadDemoDepth(ctx, a, ids); err != nil {
		return err
	}
	if err := loadDemoIntroduction(ctx, a, ids); err != nil {
		return err
	}
	if err := loadDemoReports(ctx, a, ids); err != nil {
		return err
	}
	if err := loadDemoInspection(ctx, a, ids); err != nil {
		return err
	}
	return loadDemoStudy(ctx, a, ids, members)
}

// legacyDemo reports whether the demo was loaded before it had a province: its bloc exists,
// as a root, and the province does not.
func legacyDemo(ctx context.Context, a *app.App) (bool, error) {
	if _, err := a.Store.GetUnitByCode(ctx, DemoProvince); !isNotFound(err) {
		return false, err
	}
	bloc, err := a.Store.GetUnitByCode(ctx, "KHOI-CQDN")
	if isNotFound(err) {
		return false, nil
	}
	return err == nil && bloc.ParentID == nil, err
}

func ensureUser(ctx context.Context, a *app.App, l DemoLogin, unitID uuid.UUID) error {
	u, err := a.Store.GetUserByUsername(ctx, l.Username)
	if isNotFound(err) {
		u, err = a.Users.Create(ctx, user.NewUser{Username: l.Username, FullName: l.FullName, Password: DemoPassword, UnitID: unitID})
	}
	if err != nil {
		return err
	}
	for _, r := range u.Roles {
		if r.Role == l.Role {
			return nil
		}
	}
	var at *uuid.UUID
	if l.Role != access.Admin {
		at = &unitID
	}
	_, err = a.Users.Grant(ctx, u.ID, l.Role, at)
	return err
}

func isNotFound(err error) bool {
	return err != nil && errors.Is(err, apperr.ErrNotFound)
}
