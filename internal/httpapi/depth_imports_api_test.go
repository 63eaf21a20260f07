package httpapi_test

import (
	"testing"

	"lamtheobac/internal/importer"
)

// TestImportUnitsOfAnyKind imports the deeper shapes by code: a partial committee (named in the
// kind column, in Vietnamese) with a cell under it (no kind: the usual child), a base cell under
// the bloc, and an officer held at the partial committee; kinds the tree does not allow there
// are row problems, and nothing of a failed file is written.
func TestImportUnitsOfAnyKind(t *testing.T) {
	t.Parallel()
	e := newImportEnv(t, importer.Options{})
	j := e.run(upload{user: "bloc.officer", unit: "KHOI-CQDN", kind: "units", name: "don-vi.csv", data: csvOf(",",
		[]string{"Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Cấp"},
		[]string{"IK-BP1", "Đảng bộ bộ phận Phòng 1", "DU-SCT", "Đảng bộ bộ phận"},
		[]string{"IK-CB1", "Chi bộ Tổ 1", "IK-BP1", ""},
		[]string{"IK-CS1", "Chi bộ cơ sở Đài Phát thanh", "KHOI-CQDN", "Chi bộ cơ sở"},
	)})
	if j.State != "succeeded" || j.CreatedCount != 3 {
		t.Fatalf("units: %+v", j)
	}
	for code, kind := range map[string]string{"IK-BP1": "partial_committee", "IK-CB1": "cell", "IK-CS1": "base_cell"} {
		if n := e.count("units", "code = $1 AND kind = $2", code, kind); n != 1 {
			t.Errorf("%s is not a %s", code, kind)
		}
	}
	if n := e.count("units", "code = 'IK-CB1' AND parent_id = (SELECT id FROM units WHERE code = 'IK-BP1')"); n != 1 {
		t.Error("the cell is not under the imported partial committee")
	}
	users := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "users", name: "u.csv", data: csvOf(",",
		[]string{"username", "full_name", "unit_code", "role"},
		[]string{"ik.bp", "Trương Văn Hải", "IK-BP1", "committee_officer"},
	)})
	if users.State != "succeeded" || e.count("role_assignments", "role = 'committee_officer' AND unit_id = (SELECT id FROM units WHERE code = 'IK-BP1')") != 1 {
		t.Fatalf("an officer of the imported partial committee: %+v", users)
	}

	before := e.count("units", "")
	bad := e.run(upload{user: "bloc.officer", unit: "KHOI-CQDN", kind: "units", name: "x.csv", data: csvOf(",",
		[]string{"code", "name", "parent_code", "kind"},
		[]string{"IK-X1", "Bộ phận dưới Khối", "KHOI-CQDN", "partial_committee"}, // only under a committee
		[]string{"IK-X2", "Chi bộ dưới chi bộ cơ sở", "IK-CS1", ""},              // nothing under a base cell
		[]string{"IK-X3", "Tỉnh ủy dưới Khối", "KHOI-CQDN", "Tỉnh ủy"},           // a province is a root
		[]string{"IK-X4", "Chi bộ đúng", "IK-BP1", "cell"},
	)})
	for _, c := range []struct {
		row         int
		field, code string
	}{{2, "kind", "wrong_parent_kind"}, {3, "parent_code", "wrong_parent_kind"}, {4, "kind", "wrong_parent_kind"}} {
		if !bad.hasProblem(c.row, c.field, c.code) {
			t.Errorf("no %s on %s at row %d: %+v", c.code, c.field, c.row, bad.Problems)
		}
	}
	if bad.State != "failed" || e.count("units", "") != before {
		t.Fatalf("a file with problems wrote units: %+v", bad)
	}
}
