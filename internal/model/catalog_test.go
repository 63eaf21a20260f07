package model

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestCategoriesValidAndLabelled(t *testing.T) {
	cats := Categories()
	if len(cats) != 8 {
		t.Fatalf("Categories() has %d entries, want 8", len(cats))
	}
	if cats[0] != SavingsSupport || cats[len(cats)-1] != OtherCategory {
		t.Errorf("Categories() order: got first %q last %q", cats[0], cats[len(cats)-1])
	}
	seen := map[Category]bool{}
	for _, c := range cats {
		if seen[c] {
			t.Errorf("category %q listed twice", c)
		}
		seen[c] = true
		if !c.Valid() {
			t.Errorf("%q.Valid() = false", c)
		}
		if strings.TrimSpace(c.Label()) == "" {
			t.Errorf("%q has an empty Label", c)
		}
		if !norm.NFC.IsNormalString(c.Label()) {
			t.Errorf("%q Label is not NFC", c)
		}
	}
	if got := SavingsSupport.Label(); got != "Tiết kiệm, hỗ trợ cán bộ, đảng viên, chiến sĩ và người dân có hoàn cảnh khó khăn; chăm lo an sinh xã hội" {
		t.Errorf("SavingsSupport.Label() = %q", got)
	}
	if OtherCategory.Label() != "Khác" {
		t.Errorf("OtherCategory.Label() = %q", OtherCategory.Label())
	}
}

func TestCategoryInvalid(t *testing.T) {
	for _, c := range []Category{"bogus", "", "Savings_Support", "savings_support "} {
		if c.Valid() {
			t.Errorf("%q.Valid() = true", c)
		}
		if c.Label() != "" {
			t.Errorf("%q.Label() = %q, want empty", c, c.Label())
		}
	}
}

func TestSuggestionsCoverCategoriesInOrder(t *testing.T) {
	var want []Category
	for _, c := range Categories() {
		if c != OtherCategory {
			want = append(want, c)
		}
	}
	groups := Suggestions()
	if len(groups) != len(want) {
		t.Fatalf("Suggestions() has %d groups, want %d", len(groups), len(want))
	}
	for i, g := range groups {
		if g.Category != want[i] {
			t.Errorf("group %d: category %q, want %q", i, g.Category, want[i])
		}
		if g.Label != g.Category.Label() {
			t.Errorf("group %q: Label %q differs from Category.Label()", g.Category, g.Label)
		}
		if strings.TrimSpace(g.Source) == "" {
			t.Errorf("group %q: empty Source", g.Category)
		}
		if len(g.Suggestions) == 0 {
			t.Errorf("group %q: no suggestions", g.Category)
		}
	}
}

func TestSuggestionsWellFormed(t *testing.T) {
	for _, g := range Suggestions() {
		names := map[string]bool{}
		for i, s := range g.Suggestions {
			if strings.TrimSpace(s.Name) == "" {
				t.Errorf("group %q item %d: empty name", g.Category, i)
			}
			if strings.TrimSpace(s.Description) == "" {
				t.Errorf("group %q item %q: empty description", g.Category, s.Name)
			}
			if names[s.Name] {
				t.Errorf("group %q: duplicate name %q", g.Category, s.Name)
			}
			names[s.Name] = true
			if strings.ContainsAny(s.Name, "“”\"") {
				t.Errorf("group %q: name %q keeps its quote marks", g.Category, s.Name)
			}
			for _, str := range []string{s.Name, s.Description} {
				if str != strings.TrimSpace(str) {
					t.Errorf("group %q: %q has surrounding space", g.Category, str)
				}
				if strings.ContainsAny(str, "\n\t\r") {
					t.Errorf("group %q: %q contains control characters", g.Category, str)
				}
				if strings.Contains(str, "  ") {
					t.Errorf("group %q: %q has a double space", g.Category, str)
				}
			}
		}
	}
}

func TestSuggestionsNFC(t *testing.T) {
	for _, g := range Suggestions() {
		for _, str := range []string{g.Label, g.Source} {
			if !norm.NFC.IsNormalString(str) {
				t.Errorf("group %q: %q is not NFC", g.Category, str)
			}
		}
		for _, s := range g.Suggestions {
			if !norm.NFC.IsNormalString(s.Name) {
				t.Errorf("group %q: name %q is not NFC", g.Category, s.Name)
			}
			if !norm.NFC.IsNormalString(s.Description) {
				t.Errorf("group %q: description of %q is not NFC", g.Category, s.Name)
			}
		}
	}
}

// catalogFind returns the suggestion named name in the group of c.
func catalogFind(t *testing.T, c Category, name string) (Suggestion, bool) {
	t.Helper()
	for _, g := range Suggestions() {
		if g.Category != c {
			continue
		}
		for _, s := range g.Suggestions {
			if s.Name == name {
				return s, true
			}
		}
	}
	return Suggestion{}, false
}

func TestSuggestionsKnownEntries(t *testing.T) {
	cases := []struct {
		cat      Category
		name     string
		descPart string // substring the description must contain, if set
	}{
		{SavingsSupport, "Tiết kiệm làm theo lời Bác", "tiết kiệm trong cán bộ"},
		{SavingsSupport, "Mỗi tháng một địa chỉ", "vận động mạnh thường quân"},
		{SavingsSupport, "Ngôi nhà cấp ủy", "sửa chữa nhà"},
		{SavingsSupport, "Mái ấm đồng đội", "sửa chữa nhà"},
		{SavingsSupport, "Đỡ đầu học sinh vượt khó học giỏi", "học bổng"},
		{SavingsSupport, "Mỗi ngày (tuần, tháng,...) học một lời Bác Hồ dạy", "học một lời dạy của Bác"},
		{NewRuralCivilizedUrban, "Ngày chủ nhật xanh", "ngày chủ nhật"},
		{NewRuralCivilizedUrban, "Cột cờ thẳng tắp", "cột cờ"},
		{AdminReformService, "5 biết", "Biết nghe dân nói"},
		{AdminReformService, "Nụ cười công sở", "thủ tục hành chính"},
		{AdminReformService, "Chính quyền, công sở thân thiện và trách nhiệm", ""},
		{AdminReformService, "3 thể hiện", "Tôn trọng"},
		{AdminReformService, "3 trong 1", "khai sinh"},
		{AdminReformService, "4 không", "Không chậm trễ"},
		{AdminReformService, "4 chủ động", "đoàn kết nội bộ"},
		{AdminReformService, "Ba cần", "gần dân"},
		{AdminReformService, "Ba nên", "nên xin lỗi dân"},
		{AdminReformService, "Ba không", "hối lộ"},
		{AdminReformService, "3 đúng, 3 sát", "đúng giờ"},
		{AdminReformService, "Trọng dân, gần dân, có trách nhiệm với dân", ""},
		{EducationEnvironment, "Thư viện xanh", "đọc sách"},
		{EducationEnvironment, "Ba thực chất", "Dạy thực chất"},
		{ReligiousTrafficSafety, "Tín đồ các tôn giáo với an toàn giao thông", "an toàn giao thông"},
		{ReligiousTrafficSafety, "Ba không", "ma túy"},
		{WorkplaceEnvironment, "Xây dựng môi trường, cảnh quan đơn vị", "cảnh quan"},
		{SecurityOrder, "Phối hợp bảo đảm an ninh chính trị, trật tự an toàn xã hội", "an ninh chính trị"},
	}
	for _, tc := range cases {
		s, ok := catalogFind(t, tc.cat, tc.name)
		if !ok {
			t.Errorf("%q not found in group %q", tc.name, tc.cat)
			continue
		}
		if tc.descPart != "" && !strings.Contains(s.Description, tc.descPart) {
			t.Errorf("%q: description %q does not mention %q", tc.name, s.Description, tc.descPart)
		}
	}
	// Models belong to one group only.
	if _, ok := catalogFind(t, NewRuralCivilizedUrban, "Tiết kiệm làm theo lời Bác"); ok {
		t.Error("Tiết kiệm làm theo lời Bác found in the wrong group")
	}
}

func TestSuggestionsSharedDescription(t *testing.T) {
	a, okA := catalogFind(t, SavingsSupport, "Mái ấm yêu thương")
	b, okB := catalogFind(t, SavingsSupport, "Ngôi nhà cấp ủy")
	if !okA || !okB {
		t.Fatal("Mái ấm yêu thương / Ngôi nhà cấp ủy missing")
	}
	if a.Description != b.Description {
		t.Errorf("names of one bullet should share a description: %q vs %q", a.Description, b.Description)
	}
}

func TestSuggestionsFreshEachCall(t *testing.T) {
	first := Suggestions()
	origCat := first[0].Category
	origLabel := first[0].Label
	origName := first[0].Suggestions[0].Name
	origLen := len(first[0].Suggestions)

	first[0].Category = OtherCategory
	first[0].Label = "changed"
	first[0].Suggestions[0].Name = "changed"
	first[0].Suggestions = first[0].Suggestions[:1]
	first = append(first[:1], first[2:]...)
	_ = first

	second := Suggestions()
	if second[0].Category != origCat || second[0].Label != origLabel {
		t.Errorf("mutating one result changed the next: %q %q", second[0].Category, second[0].Label)
	}
	if second[0].Suggestions[0].Name != origName || len(second[0].Suggestions) != origLen {
		t.Errorf("mutating one result's suggestions changed the next: %q, %d items", second[0].Suggestions[0].Name, len(second[0].Suggestions))
	}
	if second[1].Category != NewRuralCivilizedUrban {
		t.Errorf("second[1].Category = %q after mutating a previous result", second[1].Category)
	}

	cats := Categories()
	cats[0] = "bogus"
	if Categories()[0] != SavingsSupport {
		t.Error("Categories() is not fresh on each call")
	}
}
