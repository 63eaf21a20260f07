package seed

import (
	"context"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/app"
	"lamtheobac/internal/member"
)

// demoMember is a party member of a demo cell; login names the demo account linked to them.
type demoMember struct {
	cell, name, position, login string
	born, joined                time.Time
	card                        string
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// demoMembers are the members of the demo cells: the demo accounts' own profiles (the
// secretaries and the member of CB-VP) and members who never log in.
func demoMembers() []demoMember {
	return []demoMember{
		{"CB-VP", "Phạm Thị Lan", "Chánh Văn phòng Sở", "cell.secretary", day(1978, 4, 12), day(2004, 5, 19), "VP-0001"},
		{"CB-VP", "Hoàng Văn Nam", "Chuyên viên Văn phòng", "member", day(1990, 9, 2), day(2015, 3, 26), "VP-0002"},
		{"CB-VP", "Đỗ Thị Hạnh", "Kế toán", "", day(1985, 1, 20), day(2012, 2, 3), ""},
		{"CB-VP", "Bùi Quang Vinh", "Văn thư", "", day(1994, 7, 15), day(2020, 12, 22), ""},
		{"CB-QLTM", "Ngô Thanh Sơn", "Trưởng phòng Quản lý thương mại", "", day(1976, 11, 8), day(2001, 9, 2), "QL-0001"},
		{"CB-QLTM", "Lý Thị Thu", "Chuyên viên", "", day(1992, 3, 30), day(2018, 6, 19), ""},
		{"CB-KTAT", "Trịnh Văn Hải", "Trưởng phòng Kỹ thuật an toàn", "", day(1980, 6, 1), day(2006, 1, 6), ""},
		{"CB-BTTP", "Vũ Thị Mai", "Trưởng phòng Bổ trợ tư pháp", "cell.secretary2", day(1982, 2, 14), day(2008, 10, 10), "BT-0001"},
		{"CB-BTTP", "Đặng Minh Khoa", "Chuyên viên", "", day(1995, 8, 25), day(2021, 5, 19), ""},
		{"CB-HCTP", "Mai Văn Tùng", "Chuyên viên Hành chính tư pháp", "", day(1988, 12, 3), day(2013, 7, 27), ""},
	}
}

// loadDemoMembers adds the demo members to cells that have none yet, and returns every demo
// member by name.
func loadDemoMembers(ctx context.Context, a *app.App, ids map[string]uuid.UUID) (map[string]member.Member, error) {
	out := map[string]member.Member{}
	present := map[string]bool{}
	for _, code := range []string{"CB-VP", "CB-QLTM", "CB-KTAT", "CB-BTTP", "CB-HCTP"} {
		id := ids[code]
		list, _, err := a.Store.ListMembers(ctx, member.Filter{UnitID: &id, Limit: 200})
		if err != nil {
			return nil, err
		}
		for _, m := range list {
			out[m.FullName], present[code] = m, true
		}
	}
	for _, d := range demoMembers() {
		if present[d.cell] {
			continue
		}
		in := member.Input{FullName: ptr(d.name), Position: ptr(d.position), Workplace: ptr("Sở Công Thương"),
			BirthDate: ptr(d.born), JoinedPartyOn: ptr(d.joined)}
		if d.cell == "CB-BTTP" || d.cell == "CB-HCTP" {
			in.Workplace = ptr("Sở Tư pháp")
		}
		if d.card != "" {
			in.PartyCardNumber = ptr(d.card)
		}
		if d.login != "" {
			u, err := a.Store.GetUserByUsername(ctx, d.login)
			if err != nil {
				return nil, err
			}
			in.UserID = &u.ID
		}
		m, err := a.Members.Create(ctx, ids[d.cell], in)
		if err != nil {
			return nil, err
		}
		out[m.FullName] = m
	}
	return out, nil
}
