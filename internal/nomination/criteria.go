package nomination

import (
	"strings"
	"unicode/utf8"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/textnorm"
)

// The checklist below transcribes section II.1 "Xây dựng tiêu chí điển hình tiêu biểu" of
// Kế hoạch số 185-KH/ĐU (Đảng ủy Sở Công Thương) on building, finding, nurturing and spreading
// exemplary models in studying and following Ho Chi Minh's thought, morality and style,
// 2023-2025: 1.1 general criteria, 1.2.1 criteria for collectives, 1.2.2 criteria for
// individuals and the extra paragraph for individuals holding a leading or managing post.

// CriteriaGroup says to whom a criterion applies.
type CriteriaGroup string

const (
	// GeneralCriteria applies to every subject, collective or individual (1.1 Tiêu chí chung).
	GeneralCriteria CriteriaGroup = "general"
	// CollectiveCriteria applies to collectives (1.2.1 Đối với tập thể).
	CollectiveCriteria CriteriaGroup = "collective"
	// IndividualCriteria applies to individuals (1.2.2 Đối với cá nhân).
	IndividualCriteria CriteriaGroup = "individual"
	// LeaderCriteria applies, on top of the individual criteria, to individuals holding a
	// leading or managing post (Đối với cá nhân giữ chức vụ lãnh đạo, quản lý).
	LeaderCriteria CriteriaGroup = "leader"
)

// Criterion is one line of the checklist.
type Criterion struct {
	// Code is the stable id: a group letter (G, C, I or L) followed by the 1-based position
	// within the group, e.g. "G1", "C3", "I2", "L1".
	Code string
	// Group says to whom the criterion applies.
	Group CriteriaGroup
	// Text is the criterion as written in the plan (NFC, trimmed).
	Text string
}

// CriteriaCatalog returns the whole checklist in the order of Kế hoạch 185-KH/ĐU §II.1
// (docs/sources.md): general, collective, individual, leader. Codes are stable ids such as
// "G1", "C1".."C5", "I1".."I3", "L1". Each call returns a new slice the caller may modify.
func CriteriaCatalog() []Criterion {
	return []Criterion{
		{Code: "G1", Group: GeneralCriteria, Text: "Là những tập thể, cá nhân, có thành tích tiêu biểu, xuất sắc, trong thực hiện nhiệm vụ được giao và học tập, làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, là những gương sáng trong công tác, lao động, học tập, hoạt động xã hội, mẫu mực trong sinh hoạt; là nhân tố nổi trội, dẫn đầu trong các phong trào thi đua, gương mẫu chấp hành chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước; có tinh thần tương thân tương ái; tích cực tham gia các hoạt động vì lợi ích chung, vì sự phát triển của cộng đồng, góp phần phát triển kinh tế - xã hội; đảm bảo an ninh chính trị, trật tự an toàn xã hội ở cơ quan, đơn vị."},
		{Code: "C1", Group: CollectiveCriteria, Text: "Triển khai hiệu quả các phong trào thi đua, các cuộc vận động gắn với thực hiện Chỉ thị số 05-CT/TW và chuyên đề toàn khóa nhiệm kỳ Đại hội XIII của Đảng, chuyên đề hằng năm. Tổ chức đăng ký học tập, làm theo tư tưởng, đạo đức, phong cách của Bác tại cơ quan, đơn vị. Không có người mắc các tệ nạn xã hội; thực hiện tốt công tác cải cách hành chính; kịp thời giải quyết những vấn đề bức xúc, nổi cộm của người dân, doanh nghiệp; cơ quan, đơn vị đạt chuẩn văn hóa, chuẩn an toàn về an ninh trật tự; đoàn kết, dân chủ, giữ gìn, phát huy các giá trị truyền thống tốt đẹp của dân tộc."},
		{Code: "C2", Group: CollectiveCriteria, Text: "Triển khai, thực hiện tốt việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với thực hiện Nghị quyết Trung ương 4 (khóa XI, XII) và Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng khóa XIII; thực hiện tốt Kết luận số 14-KL/TW, ngày 22/9/2021 của Bộ Chính trị về chủ trương khuyến khích và bảo vệ cán bộ năng động, sáng tạo vì lợi ích chung."},
		{Code: "C3", Group: CollectiveCriteria, Text: "Triển khai thực hiện có hiệu quả công tác phòng, chống tham nhũng, tiêu cực, thực hành tiết kiệm, chống lãng phí; tích cực tham gia các hoạt động xã hội, từ thiện."},
		{Code: "C4", Group: CollectiveCriteria, Text: "Có sáng kiến, áp dụng tiến bộ khoa học kỹ thuật trong triển khai, thực hiện nhiệm vụ có hiệu quả."},
		{Code: "C5", Group: CollectiveCriteria, Text: "Tổ chức đảng, các tổ chức đoàn thể, cơ quan, đơn vị xếp loại hoàn thành xuất sắc nhiệm vụ được giao trong thời gian bình xét."},
		{Code: "I1", Group: IndividualCriteria, Text: "Hàng năm hoàn thành tốt nhiệm vụ trở lên (là đảng viên phải được công nhận hoàn thành xuất sắc nhiệm vụ); có tinh thần trách nhiệm cao, năng động, sáng tạo; đổi mới tác phong, lề lối làm việc; có sáng kiến áp dụng hiệu quả trong thực hiện nhiệm vụ được giao; gương mẫu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với thực hiện Nghị quyết Trung ương 4 (khóa XI, XII) và Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng Khóa XIII."},
		{Code: "I2", Group: IndividualCriteria, Text: "Không ngừng học tập, tu dưỡng, rèn luyện, trau dồi đạo đức cách mạng, tự giác nêu gương cần, kiệm, liêm, chính, lao động sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm, gắn bó với nhân dân; thực hiện tốt Bản cam kết tu dưỡng, rèn luyện, phấn đấu; Quy định số 37-QĐ/TW của Ban chấp hành Trung ương Đảng về những điều đảng viên không được làm."},
		{Code: "I3", Group: IndividualCriteria, Text: "Là gương điển hình tiêu biểu trong thực hiện phong trào thi đua, các cuộc vận động tại cơ quan, đơn vị. Thực hiện tốt công tác phòng, chống tham nhũng, tiêu cực, tiết kiệm, chống lãng phí; thành viên trong gia đình không vi phạm pháp luật. Được bình xét chiến sỹ thi đua cấp cơ sở trở lên; có sự tin nhiệm cao của lãnh đạo và tập thể nơi làm việc"},
		{Code: "L1", Group: LeaderCriteria, Text: "Ngoài các tiêu chí trên, phải là người luôn nêu cao trách nhiệm người đứng đầu trong việc tổ chức có hiệu quả công tác lãnh đạo, chỉ đạo, điều hành thực hiện tốt nhiệm vụ chính trị của cơ quan, đơn vị; gắn tiêu chí điển hình cá nhân lãnh đạo với tiêu chí điển hình của tập thể nêu tại Mục 1.2.1. Kế hoạch này."},
	}
}

// CriteriaFor returns the criteria that apply to a subject, in catalog order: general +
// collective for a collective (leader is ignored); general + individual for an individual,
// plus the leader criteria when leader is true.
func CriteriaFor(collective, leader bool) []Criterion {
	all := CriteriaCatalog()
	out := make([]Criterion, 0, len(all))
	for _, c := range all {
		switch c.Group {
		case GeneralCriteria:
		case CollectiveCriteria:
			if !collective {
				continue
			}
		case IndividualCriteria:
			if collective {
				continue
			}
		case LeaderCriteria:
			if collective || !leader {
				continue
			}
		default:
			continue
		}
		out = append(out, c)
	}
	return out
}

// CriterionByCode looks a criterion up by its exact code (e.g. "C3"); it reports false for an
// unknown code.
func CriterionByCode(code string) (Criterion, bool) {
	for _, c := range CriteriaCatalog() {
		if c.Code == code {
			return c, true
		}
	}
	return Criterion{}, false
}

// CriteriaUnmet lists, in catalog order, the codes of the criteria that apply to n's subject and
// that n does not answer as met. Kế hoạch 185-KH/ĐU §II.1 says an exemplar must meet them all:
// every applicable criterion is mandatory, so each one listed here needs a written reason
// before the nomination is submitted or endorsed past it (see RequireCriteriaReason).
func (n Nomination) CriteriaUnmet() []string {
	met := map[string]bool{}
	for _, a := range n.Criteria {
		if a.Met {
			met[a.Code] = true
		}
	}
	out := []string{}
	for _, c := range CriteriaFor(n.Subject.Kind == Collective, n.Subject.Leader) {
		if !met[c.Code] {
			out = append(out, c.Code)
		}
	}
	return out
}

// maxCriteriaReason bounds the written reason for going past unmet criteria.
const maxCriteriaReason = 2000

// RequireCriteriaReason refuses to send n up (submit, endorse) past an unmet criterion without a
// written reason (422 criteria_unmet naming them); the reason, cleaned, is what the history
// records.
func RequireCriteriaReason(n Nomination, reason string) (string, error) {
	reason = textnorm.Clean(reason)
	if utf8.RuneCountInString(reason) > maxCriteriaReason {
		return "", apperr.Fields("validation", "The reason is too long.",
			apperr.FieldError{Field: "/criteria_reason", Message: "must be at most 2000 characters"})
	}
	if unmet := n.CriteriaUnmet(); len(unmet) > 0 && reason == "" {
		return "", apperr.Fields("criteria_unmet", "The nomination does not meet "+strings.Join(unmet, ", ")+
			" (Kế hoạch 185-KH/ĐU §II.1): answer them as met, or give a written reason to go past them.",
			apperr.FieldError{Field: "/criteria_reason", Message: "required while criteria " + strings.Join(unmet, ", ") + " are unmet"})
	}
	return reason, nil
}
