package seed

// The vocabulary of the synthetic dataset: provinces, agencies, departments, Vietnamese person
// names and the fragments models, evaluations, nominations and reports are written from. Every
// string is NFC (TestSyntheticVocabularyIsNFC checks it), so generated rows need no
// normalization pass — the same text the API would have stored after textnorm.Clean.

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// provinces are the 34 provincial-level units after the 2025 merger (Nghị quyết 202/2025/QH15):
// one synthetic bloc each, in this order; cities first.
func provinces() []string {
	return []string{
		"thành phố Hà Nội", "thành phố Hồ Chí Minh", "thành phố Hải Phòng", "thành phố Đà Nẵng", "thành phố Cần Thơ", "thành phố Huế",
		"tỉnh Nghệ An", "tỉnh Thanh Hóa", "tỉnh Hà Tĩnh", "tỉnh Quảng Trị", "tỉnh Quảng Ngãi", "tỉnh Gia Lai", "tỉnh Khánh Hòa",
		"tỉnh Lâm Đồng", "tỉnh Đắk Lắk", "tỉnh Đồng Nai", "tỉnh Tây Ninh", "tỉnh Vĩnh Long", "tỉnh Đồng Tháp", "tỉnh Cà Mau",
		"tỉnh An Giang", "tỉnh Quảng Ninh", "tỉnh Bắc Ninh", "tỉnh Hưng Yên", "tỉnh Ninh Bình", "tỉnh Phú Thọ", "tỉnh Thái Nguyên",
		"tỉnh Tuyên Quang", "tỉnh Lào Cai", "tỉnh Lạng Sơn", "tỉnh Cao Bằng", "tỉnh Sơn La", "tỉnh Điện Biên", "tỉnh Lai Châu",
	}
}

// provinceOf returns the province of the bloc with 0-based index i and its short name (without
// "tỉnh"/"thành phố"), used in committee names. Past 34 blocs the provinces repeat with a
// "(khối N)" suffix, so names stay distinct.
func provinceOf(i int) (full, short string) {
	ps := provinces()
	full = ps[i%len(ps)]
	short = strings.TrimPrefix(strings.TrimPrefix(full, "thành phố "), "tỉnh ")
	if i >= len(ps) {
		full += " (khối " + strconv.Itoa(i/len(ps)+1) + ")"
	}
	return full, short
}

// blocName is the name of a provincial bloc.
func blocName(i int) string {
	full, _ := provinceOf(i)
	return "Đảng bộ Khối các cơ quan và doanh nghiệp " + full
}

// committeeKind says which list of departments a committee's cells are drawn from.
type committeeKind int

const (
	agencyCommittee committeeKind = iota
	companyCommittee
	hospitalCommittee
	schoolCommittee
)

// agencies are provincial departments and agencies with a base party committee.
func agencies() []string {
	return []string{"Sở Tài chính", "Sở Công Thương", "Sở Tư pháp", "Sở Nội vụ", "Sở Xây dựng", "Sở Y tế", "Sở Giáo dục và Đào tạo",
		"Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Dân tộc và Tôn giáo",
		"Sở Ngoại vụ", "Thanh tra tỉnh", "Văn phòng UBND tỉnh", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Kho bạc Nhà nước khu vực",
		"Thuế tỉnh", "Bảo hiểm xã hội tỉnh", "Ngân hàng Nhà nước chi nhánh tỉnh", "Đài Phát thanh và Truyền hình tỉnh", "Báo tỉnh",
		"Ban Quản lý Khu kinh tế", "Liên minh Hợp tác xã tỉnh", "Chi cục Hải quan khu vực", "Cục Thống kê tỉnh"}
}

// companyName names the j-th business of a bloc: a line of business, a legal form and the
// province, numbered ("số 2") once the combinations run out, so names stay distinct.
func companyName(j int, short string) string {
	forms := []string{"Công ty CP", "Công ty TNHH MTV", "Tổng công ty", "Công ty CP Tập đoàn"}
	trades := []string{"Cấp nước", "Môi trường đô thị", "Xây dựng và Giao thông", "Điện lực", "Dược phẩm", "Vật tư Nông nghiệp",
		"Xổ số kiến thiết", "Thủy lợi", "Lương thực", "Xi măng", "Vận tải", "Du lịch", "Phát triển nhà", "Cao su", "Chè",
		"In và Phát hành sách", "Khoáng sản", "Thương mại và Dịch vụ", "Cảng", "Bia và Nước giải khát"}
	return forms[(j/len(trades))%len(forms)] + " " + trades[j%len(trades)] + " " + short + suffix(j/(len(trades)*len(forms)))
}

// committeeName names the committee with 0-based index i of a bloc, and says what it is.
func committeeName(i int, short string) (string, committeeKind) {
	ag := agencies()
	switch {
	case i < len(ag):
		return "Đảng ủy " + ag[i], agencyCommittee
	case i%5 == 0:
		hospitals := []string{"Bệnh viện Đa khoa", "Bệnh viện Sản Nhi", "Bệnh viện Y học cổ truyền", "Bệnh viện Phổi", "Bệnh viện Mắt",
			"Bệnh viện Ung bướu", "Bệnh viện Tâm thần", "Trung tâm Kiểm soát bệnh tật"}
		return "Đảng ủy " + hospitals[(i/5)%len(hospitals)] + " " + short + suffix(i/5/len(hospitals)), hospitalCommittee
	case i%7 == 0:
		schools := []string{"Trường Đại học", "Trường Cao đẳng Kỹ thuật", "Trường Cao đẳng Y tế", "Trường Chính trị",
			"Trường Cao đẳng Sư phạm", "Trường Cao đẳng Văn hóa Nghệ thuật"}
		return "Đảng ủy " + schools[(i/7)%len(schools)] + " " + short + suffix(i/7/len(schools)), schoolCommittee
	}
	return "Đảng ủy " + companyName(i, short), companyCommittee
}

// suffix numbers the second and later institutions of the same name: "", " số 2", " số 3"…
func suffix(n int) string {
	if n == 0 {
		return ""
	}
	return " số " + strconv.Itoa(n+1)
}

// cellNames returns n distinct cell names for a committee of kind k, in a random order: the
// departments first, then numbered groups when the departments run out.
func cellNames(r *rand.Rand, k committeeKind, n int) []string {
	var depts []string
	switch k {
	case companyCommittee:
		depts = []string{"Phòng Tổ chức – Hành chính", "Phòng Kế hoạch – Kinh doanh", "Phòng Tài chính – Kế toán", "Phòng Kỹ thuật",
			"Phân xưởng Sản xuất", "Phân xưởng Cơ điện", "Xí nghiệp số 1", "Xí nghiệp số 2", "Đội Thi công", "Chi nhánh Thành phố",
			"Ban Quản lý dự án", "Phòng Vật tư", "Phòng An toàn – Môi trường", "Trạm Kinh doanh", "Đội Vận hành", "Phòng Thị trường"}
	case hospitalCommittee:
		depts = []string{"Khoa Nội tổng hợp", "Khoa Ngoại", "Khoa Nhi", "Khoa Sản", "Khoa Hồi sức cấp cứu", "Khoa Xét nghiệm",
			"Khoa Chẩn đoán hình ảnh", "Khoa Dược", "Khoa Khám bệnh", "Phòng Điều dưỡng", "Phòng Kế hoạch tổng hợp", "Khoa Truyền nhiễm"}
	case schoolCommittee:
		depts = []string{"Khoa Kinh tế", "Khoa Sư phạm", "Khoa Công nghệ thông tin", "Khoa Ngoại ngữ", "Khoa Lý luận chính trị",
			"Phòng Đào tạo", "Phòng Công tác sinh viên", "Thư viện", "Khoa Cơ khí", "Khoa Điện – Điện tử"}
	default:
		depts = []string{"Văn phòng", "Phòng Kế hoạch – Tài chính", "Phòng Tổ chức cán bộ", "Thanh tra", "Phòng Pháp chế",
			"Phòng Quản lý chuyên ngành", "Phòng Tổng hợp", "Phòng Hành chính – Quản trị", "Trung tâm Dịch vụ công",
			"Phòng Cải cách hành chính", "Phòng Kiểm tra", "Trung tâm Thông tin", "Phòng Quản lý đầu tư", "Phòng Nghiệp vụ"}
	}
	r.Shuffle(len(depts), func(i, j int) { depts[i], depts[j] = depts[j], depts[i] })
	out := make([]string, n)
	for i := range out {
		if i < len(depts) {
			out[i] = "Chi bộ " + depts[i]
		} else {
			out[i] = "Chi bộ Tổ công tác số " + strconv.Itoa(i-len(depts)+1)
		}
	}
	return out
}

// personName is a Vietnamese full name: họ (weighted as in the population), tên đệm and tên of
// the same gender.
func personName(r *rand.Rand) string {
	families := []string{"Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan",
		"Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Cao", "Mai", "Thái"}
	var middle, given []string
	if r.IntN(2) == 0 {
		middle = []string{"Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Thanh", "Công", "Đình", "Tiến", "Mạnh"}
		given = []string{"Hùng", "Dũng", "Tuấn", "Nam", "Long", "Hải", "Sơn", "Thắng", "Quân", "Phong", "Cường", "Trung", "Hiếu",
			"Khánh", "Bình", "Toàn", "Đạt", "Huy", "Lâm", "Tùng", "Vinh", "Thành", "Phúc", "Nghĩa"}
	} else {
		middle = []string{"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Hồng", "Phương", "Bích", "Diệu"}
		given = []string{"Lan", "Hương", "Hoa", "Mai", "Linh", "Trang", "Thảo", "Hằng", "Nga", "Yến", "Phương", "Thủy", "Hà",
			"Ngân", "Vân", "Huyền", "Loan", "Dung", "Oanh", "Tâm", "Nhung", "Quỳnh", "Giang", "Hạnh"}
	}
	return pick(r, families) + " " + pick(r, middle) + " " + pick(r, given)
}

// position is an individual exemplar's post; leader says whether it is a leading one (the
// leader criteria of Kế hoạch 185-KH/ĐU then apply).
func position(r *rand.Rand) (string, bool) {
	leaders := []string{"Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng", "Trưởng khoa", "Bí thư chi bộ"}
	staff := []string{"Chuyên viên", "Chuyên viên chính", "Kế toán viên", "Kỹ sư", "Bác sĩ", "Điều dưỡng", "Giảng viên",
		"Công nhân kỹ thuật", "Nhân viên", "Thanh tra viên", "Kiểm soát viên"}
	if r.IntN(4) == 0 {
		return pick(r, leaders), true
	}
	return pick(r, staff), false
}

// learningContent is a model's "nội dung học tập Bác": a quotation-led theme and a focus.
func learningContent(r *rand.Rand) string {
	themes := []string{
		"Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về cần, kiệm, liêm, chính, chí công vô tư",
		"Học tập phong cách quần chúng, dân chủ, nêu gương của Chủ tịch Hồ Chí Minh",
		"Học tập tư tưởng Hồ Chí Minh về thực hành tiết kiệm, chống lãng phí",
		"Làm theo lời Bác dạy: “Việc gì có lợi cho dân, ta phải hết sức làm; việc gì có hại đến dân, ta phải hết sức tránh”",
		"Học tập tinh thần tận tụy phục vụ nhân dân, “trọng dân, gần dân, hiểu dân, học dân, có trách nhiệm với dân”",
		"Học tập phong cách làm việc khoa học, cụ thể, sâu sát cơ sở của Bác",
		"Làm theo lời Bác: “Nói đi đôi với làm”, cán bộ, đảng viên nêu gương trước",
		"Học tập tư tưởng Hồ Chí Minh về đoàn kết, tương thân tương ái",
	}
	focus := []string{
		"gắn với nhiệm vụ chính trị của cơ quan, đơn vị.",
		"trong thực hiện nhiệm vụ chuyên môn hằng ngày.",
		"gắn với chuyên đề toàn khóa và chuyên đề hằng năm.",
		"gắn với Nghị quyết Trung ương 4 khóa XII và Kết luận 21-KL/TW.",
		"trong phục vụ người dân và doanh nghiệp.",
		"gắn với văn hóa công sở và chuẩn mực đạo đức của đơn vị.",
	}
	return pick(r, themes) + " " + pick(r, focus)
}

// evaluationText returns the awareness, attitude and action findings of an evaluation.
func evaluationText(r *rand.Rand) (awareness, attitude, action string) {
	aw := []string{"Cán bộ, đảng viên nhận thức rõ hơn trách nhiệm nêu gương.", "100% đảng viên nắm được nội dung mô hình.",
		"Nhận thức về thực hành tiết kiệm được nâng lên rõ rệt.", "Đảng viên hiểu sâu hơn lời Bác dạy về phục vụ nhân dân."}
	at := []string{"Tinh thần, thái độ phục vụ chuyển biến tích cực.", "Đảng viên tự giác, chủ động tham gia.",
		"Không khí đoàn kết, gắn bó trong đơn vị được tăng cường.", "Thái độ giao tiếp với người dân văn minh, thân thiện hơn."}
	ac := []string{"Hoàn thành đúng tiến độ các phần việc đã đăng ký.", "Giải quyết hồ sơ trước hạn tăng so với cùng kỳ.",
		"Vận động được nguồn quỹ hỗ trợ các trường hợp khó khăn.", "Triển khai đều đặn theo kế hoạch, có sơ kết rút kinh nghiệm."}
	return pick(r, aw), pick(r, at), pick(r, ac)
}

// metricFor returns a figure an evaluation measures, with its unit.
func metricFor(r *rand.Rand) (name, unit string) {
	ms := [][2]string{{"Số hồ sơ giải quyết đúng hạn", "hồ sơ"}, {"Số tiền tiết kiệm được", "triệu đồng"},
		{"Số lượt người được hỗ trợ", "lượt"}, {"Tỷ lệ người dân hài lòng", "%"}, {"Số phần quà trao tặng", "suất"},
		{"Số buổi sinh hoạt chuyên đề", "buổi"}, {"Số sáng kiến được công nhận", "sáng kiến"}}
	m := ms[r.IntN(len(ms))]
	return m[0], m[1]
}

// achievements is a nomination's internal record of achievements; summary is the short text the
// portal shows.
func achievements(r *rand.Rand, subject string) (achievements, summary string) {
	done := []string{"hoàn thành xuất sắc nhiệm vụ 3 năm liên tục", "có 2 sáng kiến được công nhận cấp tỉnh",
		"tiên phong trong cải cách thủ tục hành chính", "vận động quỹ hỗ trợ hơn 200 triệu đồng cho hộ nghèo",
		"gương mẫu thực hành tiết kiệm, chống lãng phí", "tận tụy phục vụ người bệnh, được nhân dân tin yêu",
		"dẫn đầu phong trào thi đua của đơn vị", "xây dựng mô hình “Dân vận khéo” hiệu quả"}
	a, b := pick(r, done), pick(r, done)
	return subject + " " + a + "; " + b + "; thực hiện tốt Chỉ thị 05-CT/TW và chuẩn mực đạo đức của đơn vị.",
		subject + " " + a + "."
}

// narrative returns the four sections of a periodic report.
func narrative(r *rand.Rand) (results, limitations, lessons, proposals string) {
	res := []string{"Chi bộ quán triệt Chỉ thị 05-CT/TW; 100% đảng viên đăng ký làm theo Bác; các mô hình triển khai đúng tiến độ.",
		"Đơn vị tổ chức học tập chuyên đề năm đầy đủ; nhiều mô hình hay được nhân rộng.",
		"Việc học tập và làm theo Bác gắn với nhiệm vụ chính trị, tạo chuyển biến rõ trong phục vụ nhân dân."}
	lim := []string{"Một số đảng viên chưa thường xuyên cập nhật kết quả.", "Việc sơ kết, đánh giá mô hình có lúc chưa kịp thời.",
		"Tuyên truyền gương điển hình còn hạn chế."}
	les := []string{"Gắn việc làm theo Bác với nhiệm vụ chuyên môn.", "Người đứng đầu phải nêu gương trước.",
		"Phân công theo dõi, đánh giá mô hình cụ thể đến từng đảng viên."}
	pro := []string{"Đề nghị cấp trên tổ chức tập huấn cách xây dựng mô hình.", "Đề nghị biểu dương kịp thời các điển hình.",
		"Đề nghị bổ sung kinh phí cho hoạt động tuyên truyền."}
	return pick(r, res), pick(r, lim), pick(r, les), pick(r, pro)
}

// pick returns a random element of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
