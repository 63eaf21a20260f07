package importer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"time"

	"lamtheobac/internal/access"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/member"
	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/org"
	"lamtheobac/internal/user"
)

// record is what one valid row becomes.
type record interface {
	write(ctx context.Context, w Writer) error
	event() audit.Event
}

// converter turns the rows of one kind into records, with the rules of creating each through
// the API; its state (units created by earlier rows, usernames seen) lives for one pass.
type converter interface {
	convert(ctx context.Context, r *row) (record, error)
}

// env is what converters share: the principal running the job, the subtree, the clock.
type env struct {
	p     *access.Principal
	units *unitCache
	st    Store
	now   time.Time
}

func newConverter(k Kind, e env) converter {
	switch k {
	case Units:
		return &unitConverter{env: e}
	case Users:
		return &userConverter{env: e, seen: map[string]int{}}
	case Models:
		return &modelConverter{env: e}
	case Members:
		return &memberConverter{env: e, cards: map[string]int{}}
	}
	return &nominationConverter{env: e}
}

// ---- units

type unitRecord struct{ u org.Unit }

func (r unitRecord) write(ctx context.Context, w Writer) error { return w.AddUnit(ctx, r.u) }
func (r unitRecord) event() audit.Event                        { return org.ImportEvent(r.u) }

type unitConverter struct{ env }

var unitFields = pointerField(map[string]string{"/code": "code", "/name": "name", "/parent_id": "parent_code"})

// kindLabels are the words a file may use for each kind in its kind column, besides the kind's
// own name (pick matches both, ignoring case and diacritics).
var kindLabels = map[org.Kind][]string{
	org.Province:         {"Tỉnh ủy", "Thành ủy"},
	org.Bloc:             {"Đảng bộ Khối", "Đảng ủy Khối"},
	org.Committee:        {"Đảng ủy cơ sở", "Đảng ủy", "Đảng bộ cơ sở"},
	org.PartialCommittee: {"Đảng bộ bộ phận", "Đảng ủy bộ phận"},
	org.BaseCell:         {"Chi bộ cơ sở"},
	org.Cell:             {"Chi bộ"},
}

func (c *unitConverter) convert(ctx context.Context, r *row) (record, error) {
	in := org.NewUnit{Code: r.get("code"), Name: r.get("name")}
	parent, ok, err := c.units.find(ctx, r, "parent_code", r.get("parent_code"))
	if err != nil || !ok {
		return nil, err
	}
	// Without a kind the unit is the usual child of its parent; a kind names any other the
	// tree allows there (a base cell under a bloc, a partial committee under a committee).
	kind := parent.Kind.DefaultChildKind()
	if kind == "" {
		r.bad("parent_code", "wrong_parent_kind", "A "+string(parent.Kind)+" has no units under it.")
		return nil, nil
	}
	if s := r.get("kind"); s != "" {
		k, ok := pick(s, kindLabels)
		if !ok || !k.CanHangUnder(parent.Kind) {
			r.bad("kind", "wrong_parent_kind", "Under a "+string(parent.Kind)+" the unit must be one of: "+childKinds(parent.Kind)+".")
			return nil, nil
		}
		kind = k
	}
	u, err := org.NewChild(c.p, parent, kind, in, c.now)
	if err != nil {
		return nil, r.fail(err, unitFields)
	}
	taken, err := c.units.taken(ctx, u.Code)
	if err != nil {
		return nil, err
	}
	if taken {
		r.bad("code", "duplicate", "A unit with the code \""+u.Code+"\" exists already (or an earlier row creates it).")
		return nil, nil
	}
	c.units.add(u)
	return unitRecord{u}, nil
}

// ---- users

type userRecord struct {
	im     user.Imported
	hashes *passwordHashes
}

func (r userRecord) write(ctx context.Context, w Writer) error {
	hash, err := r.hashes.of(r.im.Password)
	if err != nil {
		return err
	}
	return w.AddUser(ctx, r.im, hash)
}

func (r userRecord) event() audit.Event { return user.ImportEvent(r.im) }

// passwordHashes hashes the passwords of imported users when they are written (argon2id is slow
// on purpose, so a dry run skips it). Users without a password share the hash of a random
// secret nobody knows: they cannot log in until a manager sets a password.
type passwordHashes struct{ locked string }

func (h *passwordHashes) of(password string) (string, error) {
	if password != "" {
		return auth.HashPassword(password)
	}
	if h.locked == "" {
		secret := make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return "", err
		}
		locked, err := auth.HashPassword(hex.EncodeToString(secret))
		if err != nil {
			return "", err
		}
		h.locked = locked
	}
	return h.locked, nil
}

type userConverter struct {
	env
	seen   map[string]int // lower-case username → the row that has it
	hashes passwordHashes
}

var userFields = pointerField(map[string]string{"/unit_id": "unit_code"})

func (c *userConverter) convert(ctx context.Context, r *row) (record, error) {
	in := user.NewUser{Username: r.get("username"), FullName: r.get("full_name"), Email: r.opt("email"), Password: r.get("password")}
	unit, ok, err := c.units.find(ctx, r, "unit_code", r.get("unit_code"))
	if err != nil || !ok {
		return nil, err
	}
	role := access.Role(r.get("role"))
	if role != "" && !role.Valid() {
		r.bad("role", "unknown_role", "Unknown role \""+string(role)+"\".")
		return nil, nil
	}
	im, err := user.PrepareImport(c.p, unit, in, role, c.now)
	if err != nil {
		return nil, r.fail(err, userFields)
	}
	key := strings.ToLower(im.User.Username)
	if first, dup := c.seen[key]; dup {
		r.bad("username", "duplicate", "Row "+strconv.Itoa(first)+" has the same username.")
		return nil, nil
	}
	c.seen[key] = r.n
	taken, err := c.st.UsernameTaken(ctx, im.User.Username)
	if err != nil {
		return nil, err
	}
	if taken {
		r.bad("username", "duplicate", "The username \""+im.User.Username+"\" is taken.")
		return nil, nil
	}
	return userRecord{im: im, hashes: &c.hashes}, nil
}

// ---- models

type modelRecord struct{ m model.Model }

func (r modelRecord) write(ctx context.Context, w Writer) error { return w.AddModel(ctx, r.m) }
func (r modelRecord) event() audit.Event                        { return model.ImportEvent(r.m) }

type modelConverter struct{ env }

var modelFields = pointerField(map[string]string{"/implementer": "implementer", "/necessity_reasons": "necessity_reasons",
	"/measures/plan": "plan", "/measures/milestones": "milestones", "/measures/monitor": "monitor", "/measures": "plan"})

var implementerLabels = map[model.ImplementerKind][]string{
	model.Collective: {"Tập thể"}, model.Individual: {"Cá nhân"}, model.WholeUnit: {"Đơn vị"}}

var statusLabels = map[model.Status][]string{model.Draft: {"Nháp"}, model.Registered: {"Đã đăng ký"},
	model.Approved: {"Đã duyệt"}, model.InProgress: {"Đang thực hiện"}, model.Completed: {"Đã hoàn thành", "Hoàn thành"}}

func (c *modelConverter) convert(ctx context.Context, r *row) (record, error) {
	in := model.Input{Name: r.opt("name"), LearningContent: r.opt("learning_content"), NecessityText: r.opt("necessity_text"),
		ExpectedResults: r.opt("expected_results"), Replicability: r.opt("replicability")}
	if y, ok := parseYear(r.get("year")); ok {
		in.Year = &y
	} else {
		r.bad("year", "invalid_year", "The year must be a number such as 2024.")
	}
	if s := r.get("category"); s != "" {
		cat, ok := pick(s, categoryLabels())
		if !ok {
			r.bad("category", "unknown_category", "Unknown group \""+s+"\": use a code or a group name of the catalog.")
		}
		in.Category = &cat
	}
	in.Implementer = c.implementer(r)
	if s := r.get("necessity_reasons"); s != "" {
		reasons := []model.Reason{}
		for _, part := range splitList(strings.ReplaceAll(s, ",", ";")) {
			reasons = append(reasons, model.Reason(part))
		}
		in.NecessityReasons = &reasons
	}
	in.Measures = c.measures(r)
	status := model.Draft
	if s := r.get("status"); s != "" {
		st, ok := pick(s, statusLabels)
		if !ok {
			r.bad("status", "unknown_status", "Unknown status \""+s+"\".")
		}
		status = st
	}
	unit, ok, err := c.units.find(ctx, r, "unit_code", r.get("unit_code"))
	if err != nil || !ok || len(r.problems) > 0 {
		return nil, err
	}
	if in.Implementer != nil && in.Implementer.Name == "" {
		in.Implementer.Name = unit.Name
	}
	m, err := model.PrepareImport(c.p, unit, in, status, c.now)
	if err != nil {
		return nil, r.fail(err, modelFields)
	}
	return modelRecord{m}, nil
}

// implementer reads "Cá nhân: Nguyễn Văn A" (as the forms print it) or a bare kind, with the
// name from its own column when given.
func (c *modelConverter) implementer(r *row) *model.Implementer {
	s := r.get("implementer")
	if s == "" {
		return nil
	}
	kindText, name, _ := strings.Cut(s, ":")
	kind, ok := pick(kindText, implementerLabels)
	if !ok {
		r.bad("implementer", "unknown_implementer", "Write Tập thể, Cá nhân or Đơn vị (collective, individual, unit), optionally followed by \": name\".")
		return nil
	}
	im := &model.Implementer{Kind: kind, Name: strings.TrimSpace(name)}
	if n := r.get("implementer_name"); n != "" {
		im.Name = n
	}
	return im
}

// measures reads the plan, the milestones ("date: what", one per line) and the monitor.
func (c *modelConverter) measures(r *row) *model.Measures {
	ms := &model.Measures{Plan: r.get("plan"), Milestones: []model.Milestone{}}
	for _, entry := range splitList(r.get("milestones")) {
		date, what, found := strings.Cut(entry, ":")
		d, ok := parseDate(date)
		if !found || !ok {
			r.bad("milestones", "invalid_date", "Each milestone is \"dd/mm/yyyy: what\" or \"yyyy-mm-dd: what\"; \""+entry+"\" is not.")
			continue
		}
		ms.Milestones = append(ms.Milestones, model.Milestone{Date: d, Description: what})
	}
	if name := r.get("monitor"); name != "" {
		ms.Monitor = &model.Monitor{Name: name}
	}
	return ms
}

// categoryLabels accepts a group's code or its Vietnamese name (built once: the catalog is
// fixed).
var categoryLabels = sync.OnceValue(func() map[model.Category][]string {
	out := map[model.Category][]string{}
	for _, c := range model.Categories() {
		out[c] = []string{c.Label()}
	}
	return out
})

// ---- nominations

type nominationRecord struct{ n nomination.Nomination }

func (r nominationRecord) write(ctx context.Context, w Writer) error {
	return w.AddNomination(ctx, r.n)
}
func (r nominationRecord) event() audit.Event { return nomination.ImportEvent(r.n) }

type nominationConverter struct{ env }

var nominationFields = pointerField(map[string]string{"/subject/kind": "subject_kind", "/subject/unit_id": "subject_unit_code",
	"/subject/department_name": "department_name", "/subject/full_name": "full_name", "/subject/position": "position",
	"/subject": "subject_kind"})

var subjectLabels = map[nomination.SubjectKind][]string{nomination.Collective: {"Tập thể"}, nomination.Individual: {"Cá nhân"}}

func (c *nominationConverter) convert(ctx context.Context, r *row) (record, error) {
	subject := &nomination.Subject{DepartmentName: r.get("department_name"), FullName: r.get("full_name"), Position: r.get("position")}
	in := nomination.Input{Subject: subject, Achievements: r.opt("achievements"), PublicSummary: r.opt("public_summary")}
	if y, ok := parseYear(r.get("year")); ok {
		in.Year = &y
	} else {
		r.bad("year", "invalid_year", "The year must be a number such as 2024.")
	}
	kind, ok := pick(r.get("subject_kind"), subjectLabels)
	if !ok {
		r.bad("subject_kind", "unknown_subject_kind", "Write Tập thể or Cá nhân (collective, individual).")
	}
	subject.Kind = kind
	for field, dst := range map[string]*bool{"party_member": &subject.PartyMember, "leader": &subject.Leader} {
		v, ok := parseBool(r.get(field))
		if !ok {
			r.bad(field, "invalid_boolean", "Write Có or Không (yes or no).")
		}
		*dst = v
	}
	unit, ok, err := c.units.find(ctx, r, "unit_code", r.get("unit_code"))
	if err != nil || !ok {
		return nil, err
	}
	var subjectUnit *org.Unit
	if code := r.get("subject_unit_code"); code != "" {
		su, ok, err := c.units.find(ctx, r, "subject_unit_code", code)
		if err != nil || !ok {
			return nil, err
		}
		subjectUnit = &su
	} else if kind == nomination.Individual {
		subjectUnit = &unit // a person works in the nominating unit unless the file says otherwise
	}
	if len(r.problems) > 0 {
		return nil, nil
	}
	n, err := nomination.PrepareImport(c.p, unit, in, subjectUnit, c.now)
	if err != nil {
		return nil, r.fail(err, nominationFields)
	}
	return nominationRecord{n}, nil
}

// ---- members

type memberRecord struct{ m member.Member }

func (r memberRecord) write(ctx context.Context, w Writer) error { return w.AddMember(ctx, r.m) }
func (r memberRecord) event() audit.Event                        { return member.ImportEvent(r.m) }

type memberConverter struct {
	env
	cards map[string]int // party card number → the row that has it
}

var memberFields = pointerField(map[string]string{})

func (c *memberConverter) convert(ctx context.Context, r *row) (record, error) {
	in := member.Input{FullName: r.opt("full_name"), Position: r.opt("position"), Workplace: r.opt("workplace"),
		PartyCardNumber: r.opt("party_card_number")}
	for field, dst := range map[string]**time.Time{"birth_date": &in.BirthDate, "joined_party_on": &in.JoinedPartyOn} {
		if s := r.get(field); s != "" {
			d, ok := parseDate(s)
			if !ok {
				r.bad(field, "invalid_date", "Write the date as dd/mm/yyyy or yyyy-mm-dd.")
				continue
			}
			*dst = &d
		}
	}
	unit, ok, err := c.units.find(ctx, r, "unit_code", r.get("unit_code"))
	if err != nil || !ok || len(r.problems) > 0 {
		return nil, err
	}
	m, err := member.PrepareImport(c.p, unit, in, c.now)
	if err != nil {
		return nil, r.fail(err, memberFields)
	}
	if card := m.PartyCardNumber; card != nil {
		if first, dup := c.cards[*card]; dup {
			r.bad("party_card_number", "duplicate", "Row "+strconv.Itoa(first)+" has the same party card number.")
			return nil, nil
		}
		c.cards[*card] = r.n
		taken, err := c.st.PartyCardTaken(ctx, *card)
		if err != nil {
			return nil, err
		}
		if taken {
			r.bad("party_card_number", "duplicate", "A member holds the party card number \""+*card+"\" already.")
			return nil, nil
		}
	}
	return memberRecord{m}, nil
}

// childKinds lists the kinds the tree allows under a unit of kind k, for messages.
func childKinds(k org.Kind) string {
	out := ""
	for i, c := range k.ChildKinds() {
		if i > 0 {
			out += ", "
		}
		out += string(c)
	}
	return out
}
