package httpapi_test

import (
	"testing"

	"lamtheobac/internal/importer"
)

// TestImportMembers: a cell's members from a spreadsheet, with the rules of adding each through
// the API; one bad row and nothing is written.
func TestImportMembers(t *testing.T) {
	t.Parallel()
	e := newImportEnv(t, importer.Options{})
	before := e.count("members", "")
	header := []string{"Mã chi bộ", "Họ và tên", "Ngày sinh", "Chức vụ", "Nơi công tác", "Ngày vào Đảng", "Số thẻ đảng viên"}
	j := e.run(upload{user: "cell.secretary", unit: "CB-VP", kind: "members", name: "dang-vien.csv", data: csvOf(",", header,
		[]string{"CB-VP", "Trần Thị Bích", "12/03/1987", "Chuyên viên", "Văn phòng Sở", "19/05/2012", "VP-0201"},
		[]string{"CB-VP", "Lê Quốc Huy", "1993-10-01", "", "", "", ""},
	)})
	if j.State != "succeeded" || j.CreatedCount != 2 {
		t.Fatalf("members: %+v", j)
	}
	if n := e.count("members", "full_name = 'Trần Thị Bích' AND birth_date = '1987-03-12' AND joined_party_on = '2012-05-19' AND party_card_number = 'VP-0201'"); n != 1 {
		t.Fatal("the imported member is not as the file says")
	}
	if n := e.count("audit_events, jsonb_array_elements_text(after->'ids') AS id", "action = 'member.import'"); n != 2 {
		t.Fatalf("the import events name %d members, want 2", n)
	}
	bad := e.run(upload{user: "cell.secretary", unit: "CB-VP", kind: "members", name: "x.csv", data: csvOf(",", header,
		[]string{"CB-VP", "Trùng thẻ", "", "", "", "", "VP-0201"},   // the card is taken
		[]string{"DU-SCT", "Ở đảng ủy", "", "", "", "", ""},         // not a cell (and above the secretary)
		[]string{"CB-VP", "Ngày sai", "31/02/1990", "", "", "", ""}, // no such date
		[]string{"CB-VP", "Vào Đảng khi 10 tuổi", "2000-01-01", "", "", "2010-01-01", ""},
		[]string{"CB-VP", "Thẻ A", "", "", "", "", "VP-0300"},
		[]string{"CB-VP", "Thẻ A lặp", "", "", "", "", "VP-0300"}, // repeats the card of the row above
		[]string{"CB-VP", "Hợp lệ", "", "", "", "", ""},
	)})
	for _, c := range []struct {
		row         int
		field, code string
	}{{2, "party_card_number", "duplicate"}, {3, "unit_code", "unit_outside_subtree"}, {4, "birth_date", "invalid_date"},
		{5, "joined_party_on", "validation"}, {7, "party_card_number", "duplicate"}} {
		if !bad.hasProblem(c.row, c.field, c.code) {
			t.Errorf("no %s on %s at row %d: %+v", c.code, c.field, c.row, bad.Problems)
		}
	}
	if bad.State != "failed" || e.count("members", "") != before+2 {
		t.Fatalf("a file with bad rows wrote members: %+v", bad)
	}
}
