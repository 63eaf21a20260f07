package httpapi_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"

	"lamtheobac/api"
)

// The access matrix walks every operation of the contract × every kind of caller × targets in
// the caller's own unit, below it and elsewhere, and asserts the status the policy of
// the access policy (internal/access/policy.go) implies: 401 without credentials on protected routes, 404 outside the
// caller's read scope, 403 when readable but not permitted, success otherwise.
//
// The columns, in the order of every mxCodes row:
//
//	anon   no token
//	admin  admin, global
//	bloc   bloc.officer at KHOI-CQDN
//	insp   inspector at KHOI-CQDN
//	comm   committee.officer at DU-SCT
//	cs     cell.secretary at CB-VP (DU-SCT)
//	mem    member at CB-VP
//	cs2    cell.secretary2 at CB-BTTP (DU-STP)
//	portal a service client with role portal at KHOI-CQDN
//
// Besides the demo tree the matrix adds MX-BLOC, a second bloc no demo principal belongs to,
// with MX-DU (committee), MX-CB (cell) and a user mx.x.user there, and mx.ql.user at CB-QLTM.
var mxCallers = [...]string{"", "admin", "bloc.officer", "inspector", "committee.officer", "cell.secretary", "member", "cell.secretary2", "portal"}

// mxCodes are the expected statuses, one per column of mxCallers.
type mxCodes [len(mxCallers)]int

// mxRow is one operation on one target, for every caller.
type mxRow struct {
	op     string
	target string
	// build prepares the request for caller (its User is set by the runner), creating fresh
	// fixtures as administrator when the call consumes or mutates something.
	build func(e *env, caller string) req
	want  mxCodes
	// check, when set, runs on the 2xx answers.
	check func(t *testing.T, caller string, got resp)
	// problems, when set, are the problem codes expected of some callers' 4xx answers.
	problems map[string]string
}

func mxCallerName(caller string) string {
	if caller == "" {
		return "anonymous"
	}
	return caller
}

// mxWorld is what the rows of the access matrix share: the service, the fixtures made before
// any row runs, and the helpers that build requests and checks over them (see newMxWorld).
type mxWorld struct {
	e                   *env
	fx                  *mxFixtures
	portalClientID      string
	portalSecret        string
	clientForm          func(id, secret string) string
	unit                func(code string) string
	uid                 func(code string) *uuid.UUID
	self                func(e *env, caller string) string
	newUnit             func(prefix string) map[string]any
	rename              func() map[string]any
	patchUnit           func(route, code string, body map[string]any) func(*env, string) req
	recode              func(code string) map[string]any
	unarchive           map[string]any
	archiveFresh        func(route string, mk func(e *env) uuid.UUID) func(*env, string) req
	archived            func(t *testing.T, _ string, got resp)
	get                 func(path string) func(*env, string) req
	stdSCT              uuid.UUID
	stdSCTConsult       uuid.UUID
	stdKhoiDraft        uuid.UUID
	stdVPDraft          uuid.UUID
	stdBTTPDraft        uuid.UUID
	stdSTP              uuid.UUID
	stdMX               uuid.UUID
	onStd               func(id uuid.UUID, method, suffix string, body any) func(*env, string) req
	fresh               func(code, status, method, suffix string, body any) func(*env, string) req
	getStd              func(id uuid.UUID, suffix string) func(*env, string) req
	adoptFresh          func(cell, above string) func(*env, string) req
	unadoptFresh        func(cell, above string) func(*env, string) req
	stdEdit             map[string]any
	stdWithdraw         map[string]any
	stdComment          map[string]any
	stdPosting          func(at string) map[string]any
	thisYear            int
	registrar           map[string]string
	mdlVPSavings        uuid.UUID
	mdlVPSmile          uuid.UUID
	mdlQLRegistered     uuid.UUID
	mdlQLReplica        uuid.UUID
	mdlKTDraft          uuid.UUID
	mdlBTTPCompleted    uuid.UUID
	mdlBTTPApproved     uuid.UUID
	mdlSCT              uuid.UUID
	mdlKhoiDraft        uuid.UUID
	mdlVPRetired        uuid.UUID
	mdlMX               uuid.UUID
	onModel             func(id uuid.UUID, method, suffix string, body any) func(*env, string) req
	getMdl              func(id uuid.UUID, suffix string) func(*env, string) req
	freshModelBy        func(code, status, by, method, suffix string, body any) func(*env, string) req
	freshModel          func(code, status, method, suffix string, body any) func(*env, string) req
	replicateFresh      func(code string, into func(e *env) uuid.UUID) func(*env, string) req
	replicateInto       func(code string) func(*env) uuid.UUID
	modelsAt            func(code, query string) func(*env, string) req
	createModelAt       func(code string) func(*env, string) req
	mdlReason           map[string]any
	mdlEdit             map[string]any
	mdlEval             map[string]any
	nextYear            map[string]any
	mdlPublic           []string
	coverage            func(code string) func(*env, string) req
	form                func(code, file string) func(*env, string) req
	formName            func(n int, code string, year int, ext string) string
	xlsx                string
	csv                 string
	nomYear             int
	nomVPHonored        uuid.UUID
	nomVPCommended      uuid.UUID
	nomVPDraft          uuid.UUID
	nomSCTHonored       uuid.UUID
	nomQLEndorsed       uuid.UUID
	nomKTSubmitted      uuid.UUID
	nomBTTPReturned     uuid.UUID
	nomHCTPRejected     uuid.UUID
	nomMX               uuid.UUID
	publish             map[string]any
	unpublish           map[string]any
	publicGet           func(path string) func(*env, string) req
	onNom               func(id uuid.UUID, method, suffix string, body any) func(*env, string) req
	getNom              func(id uuid.UUID, suffix string) func(*env, string) req
	freshNomWith        func(code, kind, status, by string, setup func(e *env, id string), method, suffix string, body any) func(*env, string) req
	freshNomBy          func(code, kind, status, by, method, suffix string, body any) func(*env, string) req
	freshNom            func(code, kind, status, method, suffix string, body any) func(*env, string) req
	asAdmin             func(suffix, method string, body any) func(e *env, id string)
	nominationsAt       func(code, query string) func(*env, string) req
	createNomAt         func(code, subjectUnit string) func(*env, string) req
	roundsAt            func(code string) func(*env, string) req
	createRoundAt       func(code string) func(*env, string) req
	honorRoll           func(code, query string) func(*env, string) req
	exemplarCoverage    func(code string) func(*env, string) req
	nomReason           map[string]any
	nomCommend          map[string]any
	nomEdit             map[string]any
	nomConsent          map[string]any
	nomMentor           map[string]any
	nomNote             map[string]any
	nomDeciding         []string
	nomDecidingAtTop    []string
	nomDrafting         []string
	nomNurturing        []string
	nomMentoring        []string
	rptOpen             func(e *env, code string, levels ...string) string
	rptOf               func(e *env, round, code string) string
	rptNarrative        map[string]any
	rptReason           map[string]any
	onReport            func(id, method, suffix string, body any) func(*env, string) req
	freshReport         func(code, status, by, method, suffix string, body any) func(*env, string) req
	onRound             func(id, method, suffix string) func(*env, string) req
	freshRound          func(code string, closed bool, method, suffix string) func(*env, string) req
	createReportRoundAt func(code string, levels ...string) func(*env, string) req
	reportsAt           func(code, query string) func(*env, string) req
	rptDemo             map[string]string
	rptSCTRound         string
	rptVPDraft          string
	rptMXRound          string
	rptMXCB             string
	rptEdit             map[string]any
	rptDemoRound        string
}

// mxTables are the rows of the matrix, tag by tag, in the order they run: reads of a tag come
// before the writes that change what they read, and the portal rows after the standards
// rows (which list which units have standards).
var mxTables = []func(*mxWorld) []mxRow{
	mxAuthRows,
	mxUnitRows,
	mxDepthRows,
	mxUserRows,
	mxMemberRows,
	mxCommitmentRows,
	mxImportRows,
	mxStandardRows,
	mxModelRows,
	mxPortalReadRows,
	mxNominationRows,
	mxPublicationRows,
	mxReportRows,
	mxInspectionRows,
	mxStudyRows,
	mxCorrectionRows,
}

// mxOperations maps every operation of the spec to its method and path pattern.
type mxOperation struct {
	id, method string
	path       *regexp.Regexp
}

func mxSpecOperations(t *testing.T) []mxOperation {
	t.Helper()
	spec, err := api.GetSwagger()
	if err != nil {
		t.Fatal(err)
	}
	param := regexp.MustCompile(`\\\{[^}]*\\\}`)
	var ops []mxOperation
	for path, item := range spec.Paths.Map() {
		re := regexp.MustCompile("^" + param.ReplaceAllString(regexp.QuoteMeta(path), `[^/]+`) + "$")
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				t.Errorf("%s %s has no operationId", method, path)
				continue
			}
			// The generator's embedded spec capitalizes operation ids (GetUnit); the table uses
			// them as openapi.yaml spells them (getUnit).
			id := strings.ToLower(op.OperationID[:1]) + op.OperationID[1:]
			ops = append(ops, mxOperation{id: id, method: method, path: re})
		}
	}
	return ops
}

func TestAccessMatrix(t *testing.T) {
	t.Parallel()
	w := newMxWorld(t)
	e := w.e
	var rows []mxRow
	for _, table := range mxTables {
		rows = append(rows, table(w)...)
	}

	// Every operation of the spec has rows, every row names an operation of the spec, and each
	// row's request really is that operation.
	ops := mxSpecOperations(t)
	inSpec := map[string]bool{}
	for _, op := range ops {
		inSpec[op.id] = true
	}
	inTable := map[string]bool{}
	for _, r := range rows {
		inTable[r.op] = true
		if !inSpec[r.op] {
			t.Errorf("table row %s/%s names an operation that is not in the spec", r.op, r.target)
		}
	}
	for _, op := range ops {
		if !inTable[op.id] {
			t.Errorf("operation %s (%s) has no row in the access matrix", op.id, op.method)
		}
	}
	opOf := func(method, path string) string {
		path, _, _ = strings.Cut(path, "?")
		for _, op := range ops {
			if op.method == method && op.path.MatchString(path) {
				return op.id
			}
		}
		return ""
	}

	cases := 0
	for _, r := range rows {
		for i, caller := range mxCallers {
			want := r.want[i]
			cases++
			t.Run(r.op+"/"+r.target+"/"+mxCallerName(caller), func(t *testing.T) {
				se := *e // same service and maps; failures belong to this subtest
				se.t = t
				rq := r.build(&se, caller)
				rq.User = caller
				if got := opOf(rq.Method, rq.Path); got != r.op {
					t.Fatalf("row %s builds %s %s, which is operation %q", r.op, rq.Method, rq.Path, got)
				}
				got := se.do(rq)
				if got.Status != want {
					t.Errorf("%s %s as %s: status %d, want %d\n%s", rq.Method, rq.Path, mxCallerName(caller), got.Status, want, got.Body)
					return
				}
				if got.Status >= 400 && got.Status < 500 {
					if ct := got.Header.Get("Content-Type"); ct != "application/problem+json" {
						t.Errorf("status %d with content type %q, want application/problem+json", got.Status, ct)
					}
					p := got.JSON(t)
					if p["status"] != float64(got.Status) || p["code"] == "" || p["code"] == nil {
						t.Errorf("incomplete problem: %s", got.Body)
					}
					if code, ok := r.problems[caller]; ok && p["code"] != code {
						t.Errorf("problem code %v, want %q: %s", p["code"], code, got.Body)
					}
				}
				if got.Status < 300 && r.check != nil {
					r.check(t, caller, got)
				}
			})
		}
	}
	t.Logf("access matrix: %d operations, %d rows, %d cases", len(ops), len(rows), cases)
}
