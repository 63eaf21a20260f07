package nomination

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestCriteriaCatalogCodes(t *testing.T) {
	prefix := map[CriteriaGroup]string{
		GeneralCriteria:    "G",
		CollectiveCriteria: "C",
		IndividualCriteria: "I",
		LeaderCriteria:     "L",
	}
	pattern := regexp.MustCompile(`^([GCIL])([1-9][0-9]*)$`)
	seen := map[string]bool{}
	next := map[CriteriaGroup]int{}
	for _, c := range CriteriaCatalog() {
		if seen[c.Code] {
			t.Errorf("duplicate code %q", c.Code)
		}
		seen[c.Code] = true
		m := pattern.FindStringSubmatch(c.Code)
		if m == nil {
			t.Errorf("code %q does not match %s", c.Code, pattern)
			continue
		}
		p, ok := prefix[c.Group]
		if !ok {
			t.Errorf("%s: unknown group %q", c.Code, c.Group)
			continue
		}
		if m[1] != p {
			t.Errorf("%s: group %q wants prefix %q", c.Code, c.Group, p)
		}
		next[c.Group]++
		if n, _ := strconv.Atoi(m[2]); n != next[c.Group] {
			t.Errorf("%s: want number %d (codes count up from 1 within a group)", c.Code, next[c.Group])
		}
	}
}

func TestCriteriaCatalogGroups(t *testing.T) {
	count := map[CriteriaGroup]int{}
	var order []CriteriaGroup
	for _, c := range CriteriaCatalog() {
		count[c.Group]++
		if len(order) == 0 || order[len(order)-1] != c.Group {
			order = append(order, c.Group)
		}
	}
	want := map[CriteriaGroup]int{GeneralCriteria: 1, CollectiveCriteria: 5, IndividualCriteria: 3, LeaderCriteria: 1}
	for g, n := range want {
		if count[g] == 0 {
			t.Errorf("group %q is empty", g)
		}
		if count[g] != n {
			t.Errorf("group %q: %d criteria, want %d (one per bullet of Kế hoạch 185-KH/ĐU §II.1)", g, count[g], n)
		}
	}
	// The seed's order: 1.1, 1.2.1, 1.2.2, then the leader paragraph; each group contiguous.
	wantOrder := []CriteriaGroup{GeneralCriteria, CollectiveCriteria, IndividualCriteria, LeaderCriteria}
	if !slices.Equal(order, wantOrder) {
		t.Errorf("group order %v, want %v", order, wantOrder)
	}
}

func TestCriteriaCatalogText(t *testing.T) {
	for _, c := range CriteriaCatalog() {
		if c.Text == "" {
			t.Errorf("%s: empty text", c.Code)
		}
		if c.Text != strings.TrimSpace(c.Text) {
			t.Errorf("%s: text not trimmed", c.Code)
		}
		for _, s := range []string{c.Code, string(c.Group), c.Text} {
			if !norm.NFC.IsNormalString(s) {
				t.Errorf("%s: %q is not NFC", c.Code, s)
			}
		}
		// Extraction and markdown leftovers must not survive the transcription.
		for _, bad := range []string{"ƣ", "*", "\n", "\r", "  ", "\u00a0", "\u200b", "\ufffd"} {
			if strings.Contains(c.Text, bad) {
				t.Errorf("%s: text contains %q", c.Code, bad)
			}
		}
		if strings.HasPrefix(c.Text, "-") {
			t.Errorf("%s: text keeps the bullet marker", c.Code)
		}
	}
}

func TestCriteriaCatalogReturnsFreshSlice(t *testing.T) {
	a := CriteriaCatalog()
	a[0].Text = "changed"
	if b := CriteriaCatalog(); b[0].Text == "changed" {
		t.Fatal("CriteriaCatalog shares its backing array between calls")
	}
}

func TestCriteriaCatalogPhrases(t *testing.T) {
	cases := []struct {
		group  CriteriaGroup
		phrase string
	}{
		{GeneralCriteria, "tương thân tương ái"},
		{GeneralCriteria, "an ninh chính trị, trật tự an toàn xã hội"},
		{CollectiveCriteria, "Chỉ thị số 05-CT/TW"},
		{CollectiveCriteria, "tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với thực hiện Nghị quyết Trung ương 4 (khóa XI, XII)"},
		{CollectiveCriteria, "Kết luận số 14-KL/TW"},
		{CollectiveCriteria, "phòng, chống tham nhũng"},
		{CollectiveCriteria, "tiến bộ khoa học kỹ thuật"},
		{CollectiveCriteria, "hoàn thành xuất sắc nhiệm vụ được giao trong thời gian bình xét"},
		{IndividualCriteria, "hoàn thành tốt nhiệm vụ"},
		{IndividualCriteria, "Quy định số 37-QĐ/TW"},
		{IndividualCriteria, "chiến sỹ thi đua cấp cơ sở"},
		{IndividualCriteria, "phòng, chống tham nhũng"},
		{LeaderCriteria, "trách nhiệm người đứng đầu"},
		{LeaderCriteria, "Mục 1.2.1"},
	}
	all := CriteriaCatalog()
	for _, tc := range cases {
		found := slices.ContainsFunc(all, func(c Criterion) bool {
			return c.Group == tc.group && strings.Contains(c.Text, tc.phrase)
		})
		if !found {
			t.Errorf("no %s criterion mentions %q", tc.group, tc.phrase)
		}
	}
	// Phrases that belong to one group only.
	for _, c := range all {
		if c.Group != LeaderCriteria && strings.Contains(c.Text, "người đứng đầu") {
			t.Errorf("%s (%s) mentions the leader's responsibility", c.Code, c.Group)
		}
		if c.Group != IndividualCriteria && strings.Contains(c.Text, "37-QĐ/TW") {
			t.Errorf("%s (%s) mentions Quy định 37-QĐ/TW", c.Code, c.Group)
		}
	}
}

func TestCriteriaFor(t *testing.T) {
	groupsOf := func(cs []Criterion) map[CriteriaGroup]int {
		m := map[CriteriaGroup]int{}
		for _, c := range cs {
			m[c.Group]++
		}
		return m
	}
	all := CriteriaCatalog()
	total := groupsOf(all)
	cases := []struct {
		name               string
		collective, leader bool
		want               []CriteriaGroup
	}{
		{"collective", true, false, []CriteriaGroup{GeneralCriteria, CollectiveCriteria}},
		{"collective, leader ignored", true, true, []CriteriaGroup{GeneralCriteria, CollectiveCriteria}},
		{"individual", false, false, []CriteriaGroup{GeneralCriteria, IndividualCriteria}},
		{"leader", false, true, []CriteriaGroup{GeneralCriteria, IndividualCriteria, LeaderCriteria}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := CriteriaFor(tc.collective, tc.leader)
			counts := groupsOf(got)
			want := map[CriteriaGroup]int{}
			for _, g := range tc.want {
				want[g] = total[g]
			}
			if len(counts) != len(want) {
				t.Errorf("groups %v, want %v", counts, want)
			}
			for g, n := range want {
				if counts[g] != n {
					t.Errorf("group %q: %d criteria, want all %d", g, counts[g], n)
				}
			}
			// Catalog order is kept.
			var want2 []Criterion
			for _, c := range all {
				if slices.Contains(tc.want, c.Group) {
					want2 = append(want2, c)
				}
			}
			if !slices.Equal(got, want2) {
				t.Errorf("CriteriaFor(%v, %v) does not keep catalog order", tc.collective, tc.leader)
			}
		})
	}
	if got := CriteriaFor(false, true); !slices.ContainsFunc(got, func(c Criterion) bool { return c.Group == LeaderCriteria }) {
		t.Error("CriteriaFor(false, true) has no leader criterion")
	}
}

func TestCriterionByCode(t *testing.T) {
	for _, want := range CriteriaCatalog() {
		got, ok := CriterionByCode(want.Code)
		if !ok || got != want {
			t.Errorf("CriterionByCode(%q) = %+v, %v; want %+v, true", want.Code, got, ok, want)
		}
	}
	for _, code := range []string{"", "G0", "C6", "I4", "L2", "X1", "c1", " C1", "C1 ", "C01"} {
		if got, ok := CriterionByCode(code); ok || got != (Criterion{}) {
			t.Errorf("CriterionByCode(%q) = %+v, %v; want zero, false", code, got, ok)
		}
	}
}

// TestCriteriaUnmet checks issue #17 item 4's rule: every criterion that applies is mandatory;
// going past an unmet one takes a written reason.
func TestCriteriaUnmet(t *testing.T) {
	met := func(codes ...string) []Answer {
		var out []Answer
		for _, c := range codes {
			out = append(out, Answer{Code: c, Met: true})
		}
		return out
	}
	person := Subject{Kind: Individual, FullName: "A"}
	leader := Subject{Kind: Individual, FullName: "B", Leader: true}
	group := Subject{Kind: Collective, DepartmentName: "Tổ C"}
	for _, tt := range []struct {
		name    string
		n       Nomination
		want    []string
		reasonN bool // a reason is needed
	}{
		{"individual, nothing answered", Nomination{Subject: person}, []string{"G1", "I1", "I2", "I3"}, true},
		{"individual, G1 and I1 answered unmet", Nomination{Subject: person, Criteria: []Answer{{Code: "G1"}, {Code: "I1"}, {Code: "I2", Met: true}, {Code: "I3", Met: true}}}, []string{"G1", "I1"}, true},
		{"individual, all met", Nomination{Subject: person, Criteria: met("G1", "I1", "I2", "I3")}, []string{}, false},
		{"leader, L1 missing", Nomination{Subject: leader, Criteria: met("G1", "I1", "I2", "I3")}, []string{"L1"}, true},
		{"collective, all met", Nomination{Subject: group, Criteria: met("G1", "C1", "C2", "C3", "C4", "C5")}, []string{}, false},
		{"collective, individual answers do not count", Nomination{Subject: group, Criteria: met("G1", "I1", "I2", "I3")}, []string{"C1", "C2", "C3", "C4", "C5"}, true},
	} {
		got := tt.n.CriteriaUnmet()
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: unmet %q, want %q", tt.name, got, tt.want)
		}
		_, err := RequireCriteriaReason(tt.n, "  ")
		if (err != nil) != tt.reasonN {
			t.Errorf("%s: blank reason gives %v", tt.name, err)
		}
		if r, err := RequireCriteriaReason(tt.n, "  Thành tích đột xuất. "); err != nil || r != "Thành tích đột xuất." {
			t.Errorf("%s: with a reason: %q, %v", tt.name, r, err)
		}
	}
	if _, err := RequireCriteriaReason(Nomination{Subject: person}, strings.Repeat("x", 2001)); err == nil {
		t.Error("a reason of 2001 characters is accepted")
	}
}
