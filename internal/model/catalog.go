package model

// This file holds the catalog of suggested "làm theo Bác" models: the groups
// (categories) a model can belong to, and the named models each group
// suggests. The text is transcribed from two guidance documents:
//
//   - Công văn số 364-CV/BTG ngày 19/02/2024 của Ban Tuyên giáo Thành ủy
//     Bảo Lộc, phần "Gợi ý một số mô hình “làm theo Bác”" (groups 1–5);
//   - Hướng dẫn kèm Quyết định số 14-QĐ/ĐU ngày 16/4/2022 của Đảng ủy Sở
//     Công Thương về xây dựng chuẩn mực đạo đức và đăng ký mô hình, mục II.2
//     (groups 2.1–2.4).
//
// All strings are NFC-normalised Vietnamese.

// Category is the group a model belongs to (the groups of Hướng dẫn 14-QĐ/ĐU and Công văn
// 364-CV/BTG, docs/sources.md).
type Category string

const (
	// SavingsSupport: tiết kiệm, hỗ trợ cán bộ, đảng viên, người dân khó khăn;
	// an sinh xã hội (Công văn 364-CV/BTG mục 1; Hướng dẫn 14-QĐ/ĐU mục 2.1).
	SavingsSupport Category = "savings_support"
	// NewRuralCivilizedUrban: nông thôn mới, đô thị văn minh
	// (Công văn 364-CV/BTG mục 2).
	NewRuralCivilizedUrban Category = "new_rural_civilized_urban"
	// AdminReformService: cải cách thủ tục hành chính, chuyên môn, nghiệp vụ,
	// thái độ phục vụ (Công văn 364-CV/BTG mục 3; Hướng dẫn 14-QĐ/ĐU mục 2.2).
	AdminReformService Category = "admin_reform_service"
	// EducationEnvironment: môi trường giáo dục, cảnh quan sư phạm, chất lượng
	// giáo dục (Công văn 364-CV/BTG mục 4).
	EducationEnvironment Category = "education_environment"
	// ReligiousTrafficSafety: bà con có đạo, trật tự an toàn giao thông
	// (Công văn 364-CV/BTG mục 5).
	ReligiousTrafficSafety Category = "religious_traffic_safety"
	// WorkplaceEnvironment: môi trường, cảnh quan đơn vị, chất lượng chuyên
	// môn, chăm sóc khách hàng, bệnh nhân, học sinh (Hướng dẫn 14-QĐ/ĐU mục 2.3).
	WorkplaceEnvironment Category = "workplace_environment"
	// SecurityOrder: an sinh, phúc lợi cho cán bộ, chiến sĩ; an ninh chính trị,
	// trật tự an toàn xã hội (Hướng dẫn 14-QĐ/ĐU mục 2.4).
	SecurityOrder Category = "security_order"
	// OtherCategory: Khác.
	OtherCategory Category = "other"
)

// Categories returns every category, in catalog order. The slice is fresh on
// each call.
func Categories() []Category {
	return []Category{
		SavingsSupport,
		NewRuralCivilizedUrban,
		AdminReformService,
		EducationEnvironment,
		ReligiousTrafficSafety,
		WorkplaceEnvironment,
		SecurityOrder,
		OtherCategory,
	}
}

// Valid reports whether c is one of the known categories.
func (c Category) Valid() bool {
	switch c {
	case SavingsSupport, NewRuralCivilizedUrban, AdminReformService,
		EducationEnvironment, ReligiousTrafficSafety, WorkplaceEnvironment,
		SecurityOrder, OtherCategory:
		return true
	}
	return false
}

// Label returns the Vietnamese name of the group, or "" for an unknown
// category.
func (c Category) Label() string {
	switch c {
	case SavingsSupport:
		return "Tiết kiệm, hỗ trợ cán bộ, đảng viên, chiến sĩ và người dân có hoàn cảnh khó khăn; chăm lo an sinh xã hội"
	case NewRuralCivilizedUrban:
		return "Xây dựng nông thôn mới, đô thị văn minh"
	case AdminReformService:
		return "Cải cách thủ tục hành chính, nâng cao hiệu quả công tác chuyên môn, nghiệp vụ, tinh thần, trách nhiệm, thái độ giao tiếp, phục vụ nhân dân"
	case EducationEnvironment:
		return "Xây dựng môi trường giáo dục, cảnh quan sư phạm, nâng cao chất lượng giáo dục trên tất cả các mặt hoạt động"
	case ReligiousTrafficSafety:
		return "Tuyên truyền, vận động bà con có đạo tham gia công tác bảo đảm trật tự an toàn giao thông"
	case WorkplaceEnvironment:
		return "Xây dựng môi trường, cảnh quan đơn vị, nâng cao chất lượng hoạt động chuyên môn; hỗ trợ chăm sóc khách hàng, bệnh nhân, học sinh"
	case SecurityOrder:
		return "Chăm lo an sinh xã hội và phúc lợi xã hội cho cán bộ, chiến sĩ và nhân dân; bảo đảm an ninh chính trị, trật tự an toàn xã hội"
	case OtherCategory:
		return "Khác"
	}
	return ""
}

// Suggestion is a named model of the catalog with what it does.
type Suggestion struct {
	Name        string
	Description string
}

// SuggestionGroup is one group of the catalog.
type SuggestionGroup struct {
	Category    Category
	Label       string
	Source      string // the guidance document and section the group comes from
	Suggestions []Suggestion
}

// Suggestions returns the whole catalog: one group per category except
// OtherCategory, in Categories() order. It is built fresh on each call, so a
// caller may modify the result freely.
//
// Where the source lists several model names sharing one description, each
// name is a separate Suggestion with that description.
func Suggestions() []SuggestionGroup {
	const (
		src003 = "Công văn 364-CV/BTG của Ban Tuyên giáo Thành ủy Bảo Lộc, 2024, phần Gợi ý mô hình, mục "
		src000 = "Hướng dẫn kèm Quyết định 14-QĐ/ĐU của Đảng ủy Sở Công Thương, 2022, mục II."
	)
	// named returns one Suggestion per name, all with the same description.
	named := func(description string, names ...string) []Suggestion {
		out := make([]Suggestion, 0, len(names))
		for _, n := range names {
			out = append(out, Suggestion{Name: n, Description: description})
		}
		return out
	}
	join := func(parts ...[]Suggestion) []Suggestion {
		var out []Suggestion
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	group := func(c Category, source string, s []Suggestion) SuggestionGroup {
		return SuggestionGroup{Category: c, Label: c.Label(), Source: source, Suggestions: s}
	}

	const (
		adminA = "Cải cách thủ tục hành chính."
		adminB = "Nâng cao hiệu quả công tác chuyên môn, nghiệp vụ, tinh thần, trách nhiệm."
	)

	return []SuggestionGroup{
		group(SavingsSupport, src003+"1", join(
			named("Cho cán bộ, đảng viên vay vốn (mượn vốn) không lãi suất để sản xuất, kinh doanh khởi nghiệp phát triển kinh tế gia đình, ổn định cuộc sống, vươn lên thoát nghèo.",
				"Hỗ trợ cán bộ, đảng viên khởi nghiệp (thoát nghèo)",
				"Tiết kiệm (góp vốn) xoay vòng"),
			named("Cất mới, sửa chữa nhà cho cán bộ, đảng viên, đoàn viên, hội viên, chiến sĩ có hoàn cảnh khó khăn về nhà ở.",
				"Mái ấm yêu thương",
				"Ngôi nhà cấp ủy",
				"Mái ấm đồng đội"),
			named("Phát động tiết kiệm trong cán bộ, đảng viên; vận động mạnh thường quân đóng góp, trao tặng các phần quà, tiền mặt,…cho cán bộ, đảng viên, hộ gia đình nghèo, có hoàn cảnh khó khăn, bệnh nhân nghèo, lang thang, cơ nhỡ.",
				"San sẻ yêu thương",
				"Kết nối yêu thương",
				"Quỹ vì bạn nghèo",
				"Quỹ hỗ trợ bệnh nhân nghèo, lang thang, cơ nhỡ",
				"Tiết kiệm làm theo lời Bác",
				"Tiết kiệm hỗ trợ đảng viên gặp khó khăn",
				"Heo đất tiết kiệm"),
			named("Từ nguồn quỹ đóng góp hoặc vận động mạnh thường quân, trao hỗ trợ các phần quà, xe đạp, thẻ BHYT, học bổng cho các em học sinh có điều kiện tiếp bước đến trường.",
				"Đồng hành cùng em đến trường",
				"Hỗ trợ thẻ bảo hiểm y tế",
				"Xe đạp vì đàn em thân yêu"),
			named("Phối hợp địa phương xét chọn học sinh có hoàn cảnh khó khăn, học giỏi, hàng tháng tiến hành trao tặng học bổng.",
				"Đỡ đầu học sinh vượt khó học giỏi",
				"Đỡ đầu học sinh tiếp bước đến trường"),
			named("Mỗi tháng, vận động mạnh thường quân hỗ trợ (tiền, quà, hỗ trợ vốn hoặc vay vốn..) cho 01 trường hợp (đoàn viên, hội viên,..) yếu thế ổn định, phát triển kinh tế.",
				"Mỗi tháng một địa chỉ"),
			named("Hàng tháng hoặc quý phối hợp ngành y tế khám bệnh, tư vấn sức khỏe, cấp phát thuốc miễn phí tận nhà cho các gia đình chính sách, gia đình có công cách mạng, người già neo đơn, người khuyết tật, già yếu,...",
				"Khám bệnh, cấp phát thuốc miễn phí tận nhà"),
			named("Mỗi tuần (ngày, tháng) hoặc ngày thứ bảy, lựa chọn và thực hiện các công trình, phần việc tình nguyện vì cộng đồng, các hoạt động an sinh xã hội,...phục vụ nhân dân địa phương.",
				"Mỗi tuần (ngày, tháng) một việc tốt",
				"Mỗi tuần (ngày, tháng) một việc tốt vì nhân dân",
				"Ngày thứ bảy tình nguyện phục vụ nhân dân"),
			named("Phát động cán bộ, đảng viên, chiến sĩ hoặc vận động mạnh thường quân đóng góp, hàng năm xét hỗ trợ cho gia đình cán bộ, chiến sĩ có hoàn cảnh khó khăn.",
				"Quỹ đồng đội",
				"Tình đồng đội",
				"Đồng hành với cán bộ, chiến sĩ có hoàn cảnh khó khăn",
				"Hỗ trợ cho gia đình quân nhân tại ngũ"),
			named("Mỗi ngày (tuần, tháng,...) lựa chọn và tổ chức cho cán bộ, đảng viên, chiến sĩ học một lời dạy của Bác, thông qua các buổi họp chi bộ, sinh hoạt định kỳ,...để tuyên truyền cho cán bộ, đảng viên, chiến sĩ học tập và noi theo gương Bác.",
				"Mỗi ngày (tuần, tháng,...) học một lời Bác Hồ dạy"),
		)),

		group(NewRuralCivilizedUrban, src003+"2", join(
			named("Hỗ trợ vốn (vay vốn) cho cán bộ, đoàn viên, hội viên phát triển kinh tế thoát nghèo.",
				"Giúp nhau thoát nghèo, xây dựng nông thôn mới"),
			named("Định kỳ, ngày chủ nhật hàng tuần hoặc trong tháng tổ chức ra quân thực hiện các hoạt động xây dựng nông thôn mới, đô thị văn minh tại địa phương, đơn vị.",
				"Ngày chủ nhật xanh"),
			named("Vận động lắp đặt cột cờ, Camera, pano, áp phích, trồng hoa...trên các tuyến đường với các khẩu hiệu tuyên truyền về an toàn giao thông, bảo vệ môi trường, xây dựng nông thôn mới, đô thị văn minh,...",
				"Lắp đặt Camera an ninh",
				"Cột cờ thẳng tắp",
				"Tuyến đường sáng - xanh - sạch đẹp - an toàn",
				"Lắp đặt đèn chiếu sáng",
				"Vận động nhân dân treo ảnh Bác",
				"Tuyến đường hoa",
				"Tuyến đường thân thiện - văn minh"),
		)),

		group(AdminReformService, src003+"3", join(
			// a) Cải cách thủ tục hành chính.
			named(adminA,
				"Chính quyền, công sở thân thiện và trách nhiệm",
				"Nụ cười công sở",
				"Làm việc khoa học, tận tụy, công tâm",
				"Công sở thân thiện vì nhân dân phục vụ",
				"Chính quyền thân thiện"),
			named("Biết nghe dân nói, biết nói dân hiểu, biết làm dân tin, biết xin lỗi và biết cảm ơn.",
				"5 biết"),
			named("Tôn trọng, văn minh, gần gũi.",
				"3 thể hiện"),
			named("Người dân đến làm thủ tục khai sinh cho trẻ dưới 6 tuổi được cán bộ tiếp nhận làm giấy khai sinh trước và trao phiếu hẹn, đến thời gian hẹn cán bộ sẽ đến tận nhà trao thẻ BHYT và sổ hộ khẩu cho người dân.",
				"3 trong 1"),
			named("Không chậm trễ trong giải quyết công việc; không để xảy ra sai sót trong giải quyết công việc; không làm phát sinh thủ tục hành chính (TTHC); không gây phiền hà cho các tổ chức, cá nhân; rút ngắn thời gian cấp giấy phép xây dựng và các thủ tục liên quan,...",
				"4 không"),
			// b) Nâng cao hiệu quả công tác chuyên môn, nghiệp vụ, tinh thần, trách nhiệm.
			named("Chủ động giữ gìn đoàn kết nội bộ; chủ động trau dồi đạo đức cách mạng, công vụ; Chủ động bảo vệ nền tảng tư tưởng của đảng; Chủ động học tập, nghiên cứu nâng cao trình độ năng lực thực tiễn, lý luận chính trị.",
				"4 chủ động"),
			named("Cần gần dân và sát cơ sở; cần học hỏi, lắng nghe ý kiến của dân; cần vận động Nhân dân cùng lo và cùng làm.",
				"Ba cần"),
			// The source reads "Ba nêu" / "Nêu vui vẻ…; nêu xin lỗi…; nên cảm ơn…":
			// an extraction error for "nên" (its third clause keeps "nên").
			named("Nên vui vẻ khi tiếp xúc, phục vụ nhân dân; nên xin lỗi dân khi thấy thiếu sót; nên cảm ơn khi dân góp ý, phê bình.",
				"Ba nên"),
			named("Không gây phiền hà với dân; không thờ ơ thiếu trách nhiệm công việc với dân; không nhận hối lộ, sách nhiễu, tham nhũng với dân.",
				"Ba không"),
			named("3 đúng: đúng giờ, đúng chức trách, nhiệm vụ, đúng chủ trương chính sách, pháp luật; 3 sát: sát cơ sở, sát việc, sát đoàn viên, hội viên (cán bộ, đảng viên).",
				"3 đúng, 3 sát"),
			named(adminB,
				"Trọng dân, gần dân, có trách nhiệm với dân"),
		)),

		group(EducationEnvironment, src003+"4", join(
			named("Xây dựng khuôn viên thư viện với các mảng xanh, không gian tươi mát,...phù hợp với tình hình thực tế của đơn vị, góp phần khơi dậy niềm đam mê đọc sách, tạo sân chơi lành mạnh, bổ ích cho học sinh góp phần nâng cao chất lượng giáo dục của nhà trường.",
				"Thư viện xanh"),
			named("Thông qua các buổi sinh hoạt dưới cờ, mỗi tuần lựa chọn và tuyên truyền các câu chuyện đẹp, góp phần giáo dục đạo đức, lối sống đẹp, có ích để các em học sinh học tập và noi theo.",
				"Mỗi tuần một câu chuyện đẹp"),
			named("Vận động đóng góp các nguồn quỹ hỗ trợ, giúp đỡ cán bộ, đảng viên, học sinh có hoàn cảnh khó khăn.",
				"Người bạn đồng hành"),
			named("Triển khai các hoạt động dạy và học đảm bảo các tiêu chí: Dạy thực chất, Học thực chất, Thi, kiểm tra, đánh giá kết quả thực chất,...",
				"Ba thực chất"),
		)),

		group(ReligiousTrafficSafety, src003+"5", join(
			named("Tuyên truyền, vận động bà con có đạo thực hiện các tiêu chí: không vi phạm tệ nạn xã hội, không tàng trữ, sử dụng ma túy và không vi phạm trật tự an toàn giao thông.",
				"Ba không"),
			named("Tuyên truyền, vận động bà con tín đồ tham gia đảm bảo an toàn giao thông.",
				"Tín đồ các tôn giáo với an toàn giao thông"),
			named("Phối hợp thực hiện duy tu, nâng chất các tuyến đường hư hỏng, xuống cấp để đảm bảo an toàn cho người tham gia giao thông.",
				"Tuyến đường an toàn giao thông"),
		)),

		// Seed 000 names no models, only kinds of model; these suggestions
		// restate its section 2.3 and 2.4 phrasing as descriptive names.
		group(WorkplaceEnvironment, src000+"2.3", join(
			named("Các mô hình xây dựng môi trường, cảnh quan cơ quan, đơn vị.",
				"Xây dựng môi trường, cảnh quan đơn vị"),
			named("Các mô hình nâng cao chất lượng hoạt động chuyên môn của cơ quan, đơn vị.",
				"Nâng cao chất lượng hoạt động chuyên môn"),
			named("Các mô hình hỗ trợ chăm sóc khách hàng, bệnh nhân, học sinh,…",
				"Hỗ trợ chăm sóc khách hàng, bệnh nhân, học sinh"),
			named("Tiết kiệm để hỗ trợ cán bộ, đảng viên, người dân, học sinh có hoàn cảnh khó khăn.",
				"Tiết kiệm hỗ trợ cán bộ, đảng viên, người dân, học sinh có hoàn cảnh khó khăn"),
		)),

		group(SecurityOrder, src000+"2.4", join(
			named("Các mô hình chăm lo an sinh xã hội và phúc lợi xã hội cho cán bộ, chiến sĩ và nhân dân.",
				"Chăm lo an sinh xã hội và phúc lợi xã hội cho cán bộ, chiến sĩ và nhân dân"),
			named("Các mô hình nâng chất chuyên môn, nghiệp vụ.",
				"Nâng chất chuyên môn, nghiệp vụ"),
			named("Phối hợp thực hiện nhiệm vụ bảo đảm an ninh chính trị, trật tự an toàn xã hội.",
				"Phối hợp bảo đảm an ninh chính trị, trật tự an toàn xã hội"),
			named("Phối hợp kiềm chế tội phạm và tệ nạn xã hội.",
				"Kiềm chế tội phạm và tệ nạn xã hội"),
		)),
	}
}
