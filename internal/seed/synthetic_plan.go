package seed

// The work items of a synthetic unit — models with their evaluations, nominations with their
// history — are planned here from the unit's own random streams. A plan is a pure function of
// (seed, unit, Now), so each COPY pass (models, then evaluations, then nominations, then their
// events) plans the unit again and takes the rows it writes: one unit's plan is in memory at a
// time, never a table. Each plan follows the service that would have written the rows: the
// transition tables of internal/model and internal/nomination decide which states are reached
// through which actions, the version counts those writes, and the times are ordered.

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/org"
	"lamtheobac/internal/vntime"
)

// share is how many of total items the i-th of n units gets: an even split, the remainder
// going to the first units.
func share(total, n, i int) int {
	if n == 0 {
		return 0
	}
	k := total / n
	if i < total%n {
		k++
	}
	return k
}

// smodel is a planned model and its evaluations.
type smodel struct {
	id                           uuid.UUID
	name, learning, necessity    string
	expected, replicability      string
	category                     model.Category
	implKind                     model.ImplementerKind
	implName                     string
	reasons                      []model.Reason
	measures                     model.Measures
	year                         int
	status                       model.Status
	reason                       *string
	registeredAt                 *time.Time
	registeredBy, carriedFrom    *uuid.UUID
	createdBy                    uuid.UUID
	version                      int64
	createdAt, updatedAt         time.Time
	publishedAt                  *time.Time
	publishedBy                  *person
	evals                        []seval
	startedAt, endedAt           time.Time // in progress between these (zero when never started)
	approvedOrLater, everStarted bool
}

// seval is a planned evaluation.
type seval struct {
	id        uuid.UUID
	period    model.Period
	awareness string
	attitude  string
	action    string
	metrics   []model.Metric
	rating    model.Rating
	evaluator person
	createdAt time.Time
}

// modelYears are the five years of models: the current year in Vietnam and the four before.
func (g *synth) lastYear() int { return vntime.Date(g.o.Now).Year() }

// weighted picks an index with the given weights.
func weighted(r *rand.Rand, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := r.IntN(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// modelTarget draws where a model of a year that is age years old has got to: this year's are
// spread over the whole workflow, older ones mostly completed or retired.
func modelTarget(r *rand.Rand, age int) model.Status {
	states := []model.Status{model.Draft, model.Registered, model.Returned, model.Approved, model.InProgress, model.Completed, model.Retired}
	if age == 0 {
		return states[weighted(r, 14, 14, 7, 12, 46, 0, 7)]
	}
	return states[weighted(r, 3, 2, 3, 4, 8, 70, 10)]
}

// unitModels plans the n models of unit u: years spread over five, some carried over from the
// unit's model of the year before (củng cố, nâng cao), names and content from the catalog.
func (g *synth) unitModels(u *sunit, n int) []smodel {
	if n == 0 {
		return nil
	}
	r := rng(g.o.RandSeed, "models", u.code)
	last := g.lastYear()
	years := make([]int, n)
	for i := range years {
		years[i] = last - 4 + r.IntN(5)
	}
	slices.Sort(years)
	groups := model.Suggestions()
	reasons := []model.Reason{model.PoliticalTask, model.OvercomeWeakness, model.CareForPeople, model.SelfCultivation, model.ImprovePublicService}
	out := make([]smodel, 0, n)
	carried := map[uuid.UUID]bool{}
	for _, y := range years {
		var m smodel
		src := -1
		if r.IntN(10) < 4 {
			for j := range out {
				if out[j].year == y-1 && out[j].approvedOrLater && out[j].status != model.Retired && !carried[out[j].id] {
					src = j
					break
				}
			}
		}
		if src >= 0 {
			// model.copyForYear: the content, not the history; the plan moves with the year.
			s := out[src]
			m = smodel{name: s.name, learning: s.learning, necessity: s.necessity, expected: s.expected, replicability: s.replicability,
				category: s.category, implKind: s.implKind, implName: s.implName, reasons: s.reasons, carriedFrom: &out[src].id}
			m.measures = model.Measures{Plan: s.measures.Plan, Monitor: s.measures.Monitor, Milestones: make([]model.Milestone, len(s.measures.Milestones))}
			for i, ms := range s.measures.Milestones {
				m.measures.Milestones[i] = model.Milestone{Date: ms.Date.AddDate(1, 0, 0), Description: ms.Description}
			}
			carried[s.id] = true
		} else {
			grp := groups[r.IntN(len(groups))]
			sug := pick(r, grp.Suggestions)
			m = smodel{name: sug.Name, category: grp.Category, necessity: sug.Description, learning: learningContent(r)}
			if r.IntN(20) == 0 {
				m.category = model.OtherCategory
				m.name = pick(r, []string{"Dân vận khéo", "Đảng viên gương mẫu nơi cư trú", "Sinh hoạt chi bộ kiểu mẫu", "Chuyển đổi số vì dân"})
			}
			switch k := r.IntN(10); {
			case k < 4:
				m.implKind, m.implName = model.WholeUnit, "Toàn "+lowerFirst(unitWord(u))
			case k < 8:
				m.implKind, m.implName = model.Collective, "Tập thể "+u.name
			default:
				m.implKind, m.implName = model.Individual, personName(r)
			}
			m.reasons = []model.Reason{pick(r, reasons)}
			if r.IntN(2) == 0 {
				if second := pick(r, reasons); second != m.reasons[0] {
					m.reasons = append(m.reasons, second)
				}
			}
			m.expected = "Tạo chuyển biến rõ nét về nhận thức và hành động của cán bộ, đảng viên; mô hình được duy trì thường xuyên."
			m.replicability = pick(r, []string{"Có thể nhân rộng ra các chi bộ trong Đảng bộ.", "Phù hợp nhân rộng ở các cơ quan hành chính.",
				"Cần điều chỉnh theo đặc thù từng đơn vị trước khi nhân rộng."})
			m.measures = model.Measures{Plan: "Xây dựng kế hoạch, phân công đảng viên phụ trách, sơ kết 6 tháng và tổng kết cuối năm.",
				Milestones: []model.Milestone{
					{Date: time.Date(y, 3, 31, 0, 0, 0, 0, time.UTC), Description: "Ban hành kế hoạch, phân công thực hiện"},
					{Date: time.Date(y, 6, 30, 0, 0, 0, 0, time.UTC), Description: "Sơ kết 6 tháng"},
					{Date: time.Date(y, 12, 15, 0, 0, 0, 0, time.UTC), Description: "Tổng kết, đánh giá hiệu quả"}},
				Monitor: &model.Monitor{Name: u.reviewer().name}}
		}
		m.year = y
		g.planModelFlow(r, u, &m, modelTarget(r, last-y))
		out = append(out, m)
	}
	return out
}

// unitWord is how a unit calls itself in "Toàn chi bộ", "Toàn Đảng bộ".
func unitWord(u *sunit) string {
	if u.kind == org.Cell || u.kind == org.BaseCell {
		return "Chi bộ"
	}
	return "Đảng bộ"
}

// lowerFirst lowercases an ASCII first letter ("Chi bộ" → "chi bộ").
func lowerFirst(s string) string {
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}

// planModelFlow walks m to target through the actions model.Service allows (register, approve
// or return, start, complete or retire), stamping times, actors and the version (one per write),
// then plans its evaluations and publication.
func (g *synth) planModelFlow(r *rand.Rand, u *sunit, m *smodel, target model.Status) {
	now := g.o.Now
	startMonth := 1
	if m.carriedFrom != nil {
		startMonth = 1 // a carry-over is drafted when the new year's registration opens
	}
	endMonth := 3
	if m.year == g.lastYear() { // this year's are still arriving
		endMonth = max(1, min(int(vntime.Date(now).Month())-1, 10))
	}
	steps := map[model.Status]int{model.Draft: 1, model.Registered: 2, model.Returned: 3, model.Approved: 3, model.InProgress: 4,
		model.Completed: 5, model.Retired: 5}[target]
	ts := timeline(r, dayIn(r, m.year, startMonth, endMonth), steps, 2, 20, now)
	m.createdAt, m.updatedAt, m.createdBy, m.version, m.status = ts[0], ts[len(ts)-1], u.owner.id, int64(steps), target
	m.id = newID(r, m.createdAt)
	if steps >= 2 {
		m.registeredAt, m.registeredBy = &ts[1], &u.owner.id
	}
	switch target {
	case model.Returned:
		m.reason = ptr(pick(r, []string{"Đề nghị bổ sung chỉ tiêu đánh giá cụ thể.", "Nội dung học tập chưa gắn với nhiệm vụ chuyên môn.",
			"Kế hoạch chưa phân công người theo dõi."}))
	case model.Completed, model.Retired:
		// Completion comes with the year-end review; retirement any time after the start.
		end := dayIn(r, m.year+1, 1, 1)
		if target == model.Retired {
			end = ts[3].AddDate(0, 1+r.IntN(6), 0)
			m.reason = ptr(pick(r, []string{"Mô hình không còn phù hợp với nhiệm vụ mới của đơn vị.", "Đơn vị sắp xếp lại tổ chức bộ máy.",
				"Đã lồng ghép vào mô hình khác của Đảng bộ."}))
		}
		if end.After(now) {
			end = now.Add(-time.Minute)
		}
		if end.After(ts[3]) {
			m.updatedAt = end
		}
	}
	m.approvedOrLater = slices.Contains([]model.Status{model.Approved, model.InProgress, model.Completed, model.Retired}, target)
	m.everStarted = steps >= 4 && target != model.Approved
	if m.everStarted {
		m.startedAt, m.endedAt = ts[3], m.updatedAt
		if target == model.InProgress {
			m.endedAt = now
		}
		g.planEvaluations(r, u, m)
	}
	if slices.Contains([]model.Status{model.Approved, model.InProgress, model.Completed}, target) && r.IntN(25) == 0 {
		at := ts[2].AddDate(0, 0, 5+r.IntN(60))
		if at.After(now) {
			at = now.Add(-time.Minute)
		}
		officer := u.bloc.owner
		m.publishedAt, m.publishedBy = &at, &officer
	}
}

// periodEnd is the last civil date of an evaluation period of year.
func periodEnd(p model.Period, year int) time.Time {
	switch p {
	case model.Q1:
		return time.Date(year, 3, 31, 0, 0, 0, 0, time.UTC)
	case model.Q2, model.H1:
		return time.Date(year, 6, 30, 0, 0, 0, 0, time.UTC)
	case model.Q3:
		return time.Date(year, 9, 30, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
}

// planEvaluations records some periods of a model while it was in progress (the only state
// model.ActEvaluate allows): each a few days after the period ends, by the owner or the reviewer.
func (g *synth) planEvaluations(r *rand.Rand, u *sunit, m *smodel) {
	if r.IntN(10) < 4 {
		return // many models are never evaluated in the system
	}
	patterns := [][]model.Period{{model.H1, model.FullYear}, {model.Q1, model.Q2, model.Q3, model.Q4, model.FullYear},
		{model.Q2, model.H1, model.Q4, model.FullYear}, {model.FullYear}, {model.H1}, {model.Q1, model.H1, model.Q3}}
	ratings := []model.Rating{model.Excellent, model.Good, model.Fair, model.Poor}
	for _, p := range pick(r, patterns) {
		at := vntime.StartOfDay(periodEnd(p, m.year)).AddDate(0, 0, 1+r.IntN(8)).Add(time.Duration(2+r.IntN(8)) * time.Hour).UTC()
		if !at.After(m.startedAt) || !at.Before(m.endedAt) {
			continue
		}
		e := seval{id: newID(r, at), period: p, rating: ratings[weighted(r, 25, 45, 22, 8)], createdAt: at, evaluator: u.owner}
		if r.IntN(10) < 3 {
			e.evaluator = u.reviewer()
		}
		e.awareness, e.attitude, e.action = evaluationText(r)
		name, unit := metricFor(r)
		base := float64(5 + r.IntN(50))
		e.metrics = []model.Metric{{Name: name, Unit: unit, Baseline: ptr(base), Value: base + float64(r.IntN(40))}}
		m.evals = append(m.evals, e)
	}
}

// snom is a planned nomination with its history.
type snom struct {
	id                        uuid.UUID
	year                      int
	subject                   nomination.Subject
	achievements, summary     string
	modelIDs                  []uuid.UUID
	criteria                  []nomination.Answer
	status                    nomination.Status
	reason                    *string
	holder                    *sunit
	submittedBy               *uuid.UUID
	submittedAt               *time.Time
	decision                  *nomination.Decision
	consent                   *nomination.Consent
	publishedAt               *time.Time
	publishedBy               *person
	createdBy                 uuid.UUID
	version                   int64
	createdAt, updatedAt      time.Time
	events                    []nomination.Event
	honoredAt                 time.Time // zero unless honored
	subjectName, departmentNm string
}

// nominationTarget draws where a nomination has got to.
func nominationTarget(r *rand.Rand) nomination.Status {
	states := []nomination.Status{nomination.Draft, nomination.Submitted, nomination.Returned, nomination.Rejected, nomination.Endorsed,
		nomination.Commended, nomination.Honored}
	return states[weighted(r, 14, 14, 9, 10, 12, 12, 29)]
}

// unitNominations plans the n nominations of unit u. A cell nominates its members and itself or
// one of its teams; a committee nominates its cells, its departments and its people. models are
// the unit's planned models, which a nomination may cite.
func (g *synth) unitNominations(u *sunit, n int, models []smodel) []snom {
	if n == 0 {
		return nil
	}
	r := rng(g.o.RandSeed, "nominations", u.code)
	last := g.lastYear()
	out := make([]snom, 0, n)
	for range n {
		var s snom
		s.year = last - 4 + r.IntN(5)
		if r.IntN(100) < 60 {
			pos, leader := position(r)
			s.subject = nomination.Subject{Kind: nomination.Individual, FullName: personName(r), Position: pos, PartyMember: r.IntN(10) < 8,
				Leader: leader, UnitID: &u.id}
			if u.kind == org.Committee && len(u.children) > 0 && r.IntN(2) == 0 {
				s.subject.UnitID = &pick(r, u.children).id
			}
			s.subjectName = s.subject.FullName
		} else {
			switch {
			case u.kind == org.Committee && len(u.children) > 0 && r.IntN(2) == 0:
				c := pick(r, u.children)
				s.subject = nomination.Subject{Kind: nomination.Collective, UnitID: &c.id}
				s.subjectName = c.name
			case r.IntN(3) == 0:
				s.departmentNm = pick(r, []string{"Tổ Một cửa", "Tổ Công đoàn", "Tổ Kỹ thuật", "Tổ Tiếp dân", "Đoàn Thanh niên cơ sở",
					"Tổ Nữ công", "Tổ Chuyển đổi số"})
				s.subject = nomination.Subject{Kind: nomination.Collective, DepartmentName: s.departmentNm}
				s.subjectName = s.departmentNm
			default:
				s.subject = nomination.Subject{Kind: nomination.Collective, UnitID: &u.id}
				s.subjectName = u.name
			}
		}
		s.achievements, s.summary = achievements(r, s.subjectName)
		if r.IntN(10) < 3 {
			s.summary = "" // written later, if ever: publishing needs it
		}
		for _, c := range nomination.CriteriaFor(s.subject.Kind == nomination.Collective, s.subject.Leader) {
			s.criteria = append(s.criteria, nomination.Answer{Code: c.Code, Met: r.IntN(10) < 9,
				Evidence: pick(r, []string{"Quyết định công nhận hoàn thành xuất sắc nhiệm vụ", "Biên bản bình xét của chi bộ",
					"Báo cáo thành tích có xác nhận của thủ trưởng", ""})})
		}
		s.modelIDs = []uuid.UUID{}
		for _, m := range models {
			if m.year == s.year && m.approvedOrLater && r.IntN(2) == 0 {
				s.modelIDs = append(s.modelIDs, m.id)
				break
			}
		}
		g.planNominationFlow(r, u, &s, nominationTarget(r))
		out = append(out, s)
	}
	return out
}

// planNominationFlow walks s to target one level at a time, as nomination.Service does: submit
// to the parent; the holder's officers endorse (forward up), return, reject or commend; honor
// writes the roll of the holder. Each write bumps the version and each transition leaves an
// event; consent and publication bump the version without an event.
func (g *synth) planNominationFlow(r *rand.Rand, u *sunit, s *snom, target nomination.Status) {
	now := g.o.Now
	endMonth := 9
	if s.year == g.lastYear() {
		endMonth = max(1, min(int(vntime.Date(now).Month())-1, 9))
	}
	var actions []nomination.Action
	parentHolds := u.parent != nil && u.parent.kind != org.Bloc // a cell's nomination can climb once more
	endorseFirst := parentHolds && r.IntN(2) == 0
	switch target {
	case nomination.Submitted:
		actions = []nomination.Action{nomination.ActSubmit}
	case nomination.Returned:
		actions = []nomination.Action{nomination.ActSubmit, nomination.ActReturn}
	case nomination.Endorsed:
		actions = []nomination.Action{nomination.ActSubmit, nomination.ActEndorse}
	case nomination.Rejected, nomination.Commended, nomination.Honored:
		actions = []nomination.Action{nomination.ActSubmit}
		if endorseFirst {
			actions = append(actions, nomination.ActEndorse)
		}
		if target == nomination.Rejected {
			actions = append(actions, nomination.ActReject)
		} else {
			actions = append(actions, nomination.ActCommend)
		}
		if target == nomination.Honored {
			actions = append(actions, nomination.ActHonor)
		}
	}
	ts := timeline(r, dayIn(r, s.year, 2, endMonth), len(actions)+1, 5, 40, now)
	s.createdAt, s.createdBy, s.version, s.status, s.holder = ts[0], u.owner.id, 1, nomination.Draft, u
	s.id = newID(r, s.createdAt)
	for i, a := range actions {
		at := ts[i+1]
		from, actor := s.status, s.holder.owner
		var reason *string
		switch a {
		case nomination.ActSubmit:
			actor = u.owner
			s.status, s.submittedAt, s.submittedBy, s.holder = nomination.Submitted, &at, &u.owner.id, u.parent
		case nomination.ActEndorse:
			s.status = nomination.Endorsed
			if s.holder.parent != nil {
				s.holder = s.holder.parent
			}
		case nomination.ActReturn:
			reason = ptr(pick(r, []string{"Đề nghị bổ sung minh chứng thành tích.", "Thành tích chưa tiêu biểu so với tiêu chí.",
				"Hồ sơ thiếu xác nhận của thủ trưởng đơn vị."}))
			s.status, s.holder = nomination.Returned, u
		case nomination.ActReject:
			reason = ptr(pick(r, []string{"Chưa đủ tiêu chí điển hình tiêu biểu.", "Trùng với đề nghị của đơn vị khác."}))
			s.status = nomination.Rejected
		case nomination.ActCommend:
			s.status = nomination.Commended
			form, suffix := "Giấy khen", "QĐ/ĐU"
			if s.holder.kind == org.Bloc {
				form, suffix = "Bằng khen", "QĐ/ĐUK"
			}
			s.decision = &nomination.Decision{Number: itoa(10+r.IntN(490)) + "-" + suffix, Date: vntime.Date(at),
				Authority: s.holder.name, Form: form}
		case nomination.ActHonor:
			s.status, s.honoredAt = nomination.Honored, at
		}
		s.reason = reason
		s.version++
		holderID := s.holder.id
		s.events = append(s.events, nomination.Event{ID: newID(r, at), NominationID: s.id, Action: string(a), From: &from, To: s.status,
			HolderID: &holderID, ActorID: &actor.id, ActorName: actor.name, Reason: reason, At: at})
	}
	s.updatedAt = ts[len(ts)-1]
	if target != nomination.Honored {
		return
	}
	// Consent (individuals) and publication come after honoring, by the holder's officers.
	publish := s.summary != "" && r.IntN(2) == 0
	after := func() time.Time {
		t := s.updatedAt.AddDate(0, 0, 1+r.IntN(10))
		if !t.Before(now) { // halfway to now: still after the last write, never in the future
			t = s.updatedAt.Add(now.Sub(s.updatedAt) / 2)
		}
		return t
	}
	if s.subject.Kind == nomination.Individual && (publish || r.IntN(3) == 0) {
		at := after()
		s.consent = &nomination.Consent{Given: true, RecordedAt: at, RecordedBy: s.holder.owner.name}
		s.version, s.updatedAt = s.version+1, at
	}
	if publish {
		at := after()
		officer := s.holder.owner
		s.publishedAt, s.publishedBy = &at, &officer
		s.version, s.updatedAt = s.version+1, at
	}
}
