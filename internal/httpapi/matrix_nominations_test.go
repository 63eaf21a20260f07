package httpapi_test

import (
	"fmt"
	"testing"

	"github.com/google/uuid"
)

// mxNominationRows is the rows of nominations and honoring rounds: reads first, then writes.
func mxNominationRows(w *mxWorld) []mxRow {
	e, unit, get, nomYear, nomVPHonored, nomVPCommended, nomVPDraft, nomSCTHonored, nomQLEndorsed, nomKTSubmitted, nomBTTPReturned, nomHCTPRejected, nomMX, onNom, getNom, freshNomWith, freshNomBy, freshNom, asAdmin, nominationsAt, createNomAt, roundsAt, createRoundAt, honorRoll, exemplarCoverage, nomReason, nomCommend, nomEdit, nomConsent, nomMentor, nomNote, nomDeciding, nomDecidingAtTop, nomDrafting, nomNurturing, nomMentoring := w.e, w.unit, w.get, w.nomYear, w.nomVPHonored, w.nomVPCommended, w.nomVPDraft, w.nomSCTHonored, w.nomQLEndorsed, w.nomKTSubmitted, w.nomBTTPReturned, w.nomHCTPRejected, w.nomMX, w.onNom, w.getNom, w.freshNomWith, w.freshNomBy, w.freshNom, w.asAdmin, w.nominationsAt, w.createNomAt, w.roundsAt, w.createRoundAt, w.honorRoll, w.exemplarCoverage, w.nomReason, w.nomCommend, w.nomEdit, w.nomConsent, w.nomMentor, w.nomNote, w.nomDeciding, w.nomDecidingAtTop, w.nomDrafting, w.nomNurturing, w.nomMentoring
	return []mxRow{
		// ---- nominations: reads ----------------------------------------------------------------------
		// Readable in the nominating unit's read scope, including by readers of the unit only as an
		// ancestor (cs and mem read DU-SCT's); never by portal clients (404: they read what was
		// published, without a token), whose lists are empty. Reads come first: the writes below
		// draft, decide and honor more.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listCriteria", target: "-", build: get("/api/v1/criteria"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: func(t *testing.T, _ string, got resp) {
				if items, _ := got.JSON(t)["items"].([]any); len(items) == 0 {
					t.Error("empty criteria catalog")
				}
			}},
		{op: "listNominations", target: "CB-VP (cs's own)", build: nominationsAt("CB-VP", ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxAll(mxCount(map[string]int{"admin": 3, "bloc.officer": 3, "inspector": 3, "committee.officer": 3, "cell.secretary": 3, "member": 3, "portal": 0}),
				mxRefsAt(e, "unit", map[string][]string{"cell.secretary": {"CB-VP"}, "member": {"CB-VP"}}))},
		// Read only as an ancestor, a unit lists its own nominations, not its subtree's.
		{op: "listNominations", target: "DU-SCT subtree", build: nominationsAt("DU-SCT", "?scope=subtree"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxAll(mxCount(map[string]int{"admin": 7, "bloc.officer": 7, "inspector": 7, "committee.officer": 7, "cell.secretary": 1, "member": 1, "portal": 0}),
				mxRefsAt(e, "unit", map[string][]string{"committee.officer": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "CB-KD1"}, "cell.secretary": {"DU-SCT"}, "member": {"DU-SCT"}}))},
		// Waiting at a unit: only its officers (and inspectors) see them; nothing for the rest.
		{op: "listNominations", target: "DU-SCT held", build: nominationsAt("DU-SCT", "?scope=held"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxAll(mxCount(map[string]int{"admin": 2, "bloc.officer": 2, "inspector": 2, "committee.officer": 2, "cell.secretary": 0, "member": 0, "portal": 0}),
				mxRefsAt(e, "holder", map[string][]string{"admin": {"DU-SCT"}, "committee.officer": {"DU-SCT"}}))},
		{op: "listNominations", target: "KHOI-CQDN held", build: nominationsAt("KHOI-CQDN", "?scope=held"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxAll(mxCount(map[string]int{"admin": 2, "bloc.officer": 2, "inspector": 2, "committee.officer": 0, "cell.secretary": 0, "member": 0, "cell.secretary2": 0, "portal": 0}),
				mxRefsAt(e, "holder", map[string][]string{"bloc.officer": {"KHOI-CQDN"}}))},
		{op: "listNominations", target: "KHOI-CQDN subtree, status=honored", build: nominationsAt("KHOI-CQDN", "?scope=subtree&status=honored"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxCount(map[string]int{"admin": 2, "bloc.officer": 2, "inspector": 2, "committee.officer": 0, "cell.secretary": 0, "portal": 0})},
		{op: "listNominations", target: "CB-BTTP", build: nominationsAt("CB-BTTP", ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}, check: mxCount(map[string]int{"admin": 1, "cell.secretary2": 1, "portal": 0})},
		{op: "listNominations", target: "foreign cell", build: nominationsAt("MX-CB", ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxCount(map[string]int{"admin": 1})},
		{op: "listNominations", target: "unknown unit", build: get("/api/v1/units/" + uuid.NewString() + "/nominations"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// Owners (the drafter role at the nominating unit itself) edit, submit and delete; deciders
		// (the officers of the unit holding it, and admin, never its submitter: nobody skips a
		// level) endorse, return, reject, commend and honor; publishers (the same officers)
		// publish. Officers further up keep only the mentoring.
		{op: "getNomination", target: "CB-VP draft (cs's own)", build: getNom(nomVPDraft, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxActions(map[string][]string{"admin": nomDrafting, "bloc.officer": nomMentoring, "inspector": mxNone,
				"committee.officer": nomMentoring, "cell.secretary": nomDrafting, "member": mxNone})},
		{op: "getNomination", target: "CB-VP honored, published (held at DU-SCT)", build: getNom(nomVPHonored, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxActions(map[string][]string{"admin": append(nomNurturing, "unpublish"), "bloc.officer": nomMentoring,
				"inspector": mxNone, "committee.officer": append(nomNurturing, "unpublish"), "cell.secretary": nomNurturing, "member": mxNone})},
		// Collectives are left unchecked: they are offered "consent", refused with 409 (see the report).
		{op: "getNomination", target: "CB-VP commended (held at DU-SCT)", build: getNom(nomVPCommended, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}, check: mxNominationAt(e, "commended", "DU-SCT")},
		{op: "getNomination", target: "DU-SCT honored (comm's own, held at KHOI-CQDN)", build: getNom(nomSCTHonored, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}, check: mxNominationAt(e, "honored", "KHOI-CQDN")},
		{op: "getNomination", target: "CB-KTAT submitted (held at DU-SCT)", build: getNom(nomKTSubmitted, ""),
			want:  mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			check: mxActions(map[string][]string{"admin": nomDeciding, "bloc.officer": nomMentoring, "inspector": mxNone, "committee.officer": nomDeciding})},
		// Endorsed one level up, it has left the committee officer's hands: only the mentoring remains.
		{op: "getNomination", target: "CB-QLTM endorsed (held at KHOI-CQDN)", build: getNom(nomQLEndorsed, ""),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			// Endorsed at the top of the tree: nobody further up to forward it to.
			check: mxActions(map[string][]string{"admin": nomDecidingAtTop, "bloc.officer": nomDecidingAtTop, "inspector": mxNone,
				"committee.officer": {"set_mentor", "add_note"}})},
		{op: "getNomination", target: "CB-BTTP returned (cs2's own)", build: getNom(nomBTTPReturned, ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404},
			check: mxActions(map[string][]string{"admin": {"update", "submit", "consent", "set_mentor", "add_note"}, "bloc.officer": nomMentoring,
				"inspector": mxNone, "cell.secretary2": {"update", "submit", "consent", "set_mentor", "add_note"}})},
		{op: "getNomination", target: "CB-HCTP rejected", build: getNom(nomHCTPRejected, ""),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404},
			check: mxActions(map[string][]string{"admin": mxNone, "bloc.officer": mxNone, "inspector": mxNone})},
		{op: "getNomination", target: "foreign cell's", build: getNom(nomMX, ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getNomination", target: "unknown id", build: get("/api/v1/nominations/" + uuid.NewString()),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getNominationHistory", target: "CB-VP honored (submit, commend, honor)", build: getNom(nomVPHonored, "/history"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxCount(map[string]int{"admin": 3, "committee.officer": 3, "cell.secretary": 3, "member": 3})},
		{op: "getNominationHistory", target: "CB-BTTP returned (submit, return)", build: getNom(nomBTTPReturned, "/history"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}, check: mxCount(map[string]int{"admin": 2, "cell.secretary2": 2})},
		{op: "getNominationHistory", target: "foreign cell's draft", build: getNom(nomMX, "/history"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxCount(map[string]int{"admin": 0})},
		{op: "getNominationHistory", target: "unknown id", build: get("/api/v1/nominations/" + uuid.NewString() + "/history"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// Progress notes are internal; a nomination does not exist for a portal client (404, where
		// the spec's description says 403: see the report).
		{op: "listNominationNotes", target: "CB-VP honored (one note)", build: getNom(nomVPHonored, "/progress-notes"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxCount(map[string]int{"admin": 1, "inspector": 1, "cell.secretary": 1, "member": 1})},
		{op: "listNominationNotes", target: "DU-SCT honored", build: getNom(nomSCTHonored, "/progress-notes"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}, check: mxCount(map[string]int{"admin": 0})},
		{op: "listNominationNotes", target: "CB-BTTP returned", build: getNom(nomBTTPReturned, "/progress-notes"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}},
		{op: "listNominationNotes", target: "foreign cell's draft", build: getNom(nomMX, "/progress-notes"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		// The honor roll of the unit that honored: DU-SCT honored CB-VP's exemplar, the bloc DU-SCT's.
		// Every reader of the unit, portal clients included (see the report).
		{op: "getHonorRoll", target: "DU-SCT", build: honorRoll("DU-SCT", ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 403}, check: mxHonorRoll(nomVPHonored, 1)},
		{op: "getHonorRoll", target: "DU-SCT, this year", build: honorRoll("DU-SCT", fmt.Sprintf("?year=%d", nomYear)),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 403}, check: mxHonorRoll(nomVPHonored, 1)},
		{op: "getHonorRoll", target: "KHOI-CQDN", build: honorRoll("KHOI-CQDN", ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 403}, check: mxHonorRoll(nomSCTHonored, 1)},
		{op: "getHonorRoll", target: "CB-BTTP", build: honorRoll("CB-BTTP", ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 403}, check: mxHonorRoll(uuid.Nil, 0)},
		{op: "getHonorRoll", target: "foreign bloc", build: honorRoll("MX-BLOC", ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		// Coverage: officers and inspectors of the subtree; 403 to other readers, even officers
		// reading the unit as an ancestor. A nomination counts once submitted: CB-VP has an honored
		// individual and a commended collective; DU-SCT only a collective, CB-QLTM and CB-KTAT only
		// individuals; CB-BTTP's is returned and CB-HCTP's rejected.
		{op: "getExemplarCoverage", target: "KHOI-CQDN", build: exemplarCoverage("KHOI-CQDN"),
			want:  mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403},
			check: mxExemplarCoverage(e, nomYear, nil, []string{"DU-SCT", "CB-QLTM", "CB-KTAT", "DU-STP", "CB-BTTP", "CB-HCTP"}, []string{"KHOI-CQDN", "CB-VP"})},
		{op: "getExemplarCoverage", target: "DU-SCT", build: exemplarCoverage("DU-SCT"),
			want:  mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403},
			check: mxExemplarCoverage(e, nomYear, nil, []string{"DU-SCT", "CB-QLTM", "CB-KTAT"}, []string{"CB-VP", "DU-STP", "CB-BTTP"})},
		{op: "getExemplarCoverage", target: "CB-VP", build: exemplarCoverage("CB-VP"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}, check: mxExemplarCoverage(e, nomYear, &[3]int{1, 1, 0}, nil, []string{"CB-VP"})},
		{op: "getExemplarCoverage", target: "CB-BTTP", build: exemplarCoverage("CB-BTTP"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 403, 403}, check: mxExemplarCoverage(e, nomYear, &[3]int{1, 0, 1}, []string{"CB-BTTP"}, nil)},
		{op: "getExemplarCoverage", target: "foreign bloc", build: exemplarCoverage("MX-BLOC"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxExemplarCoverage(e, nomYear, nil, []string{"MX-CB"}, nil)},
		// Rounds: those called by the unit and the units above it, for every reader of the unit.
		{op: "listHonoringRounds", target: "CB-VP (KHOI-CQDN's and DU-SCT's)", build: roundsAt("CB-VP"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxCount(map[string]int{"admin": 2, "cell.secretary": 2, "member": 2, "portal": 2})},
		{op: "listHonoringRounds", target: "DU-SCT", build: roundsAt("DU-SCT"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxCount(map[string]int{"committee.officer": 2})},
		{op: "listHonoringRounds", target: "CB-BTTP (KHOI-CQDN's)", build: roundsAt("CB-BTTP"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}, check: mxCount(map[string]int{"admin": 1, "cell.secretary2": 1})},
		{op: "listHonoringRounds", target: "foreign bloc", build: roundsAt("MX-BLOC"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxCount(map[string]int{"admin": 0})},

		// ---- nominations: writes ---------------------------------------------------------------------
		// Rights are checked before the If-Match version and the state: 403 before 412 before 409.
		// Portal clients get 404 on every nomination.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "createNomination", target: "at CB-VP, of CB-VP", build: createNomAt("CB-VP", "CB-VP"),
			want: mxCodes{401, 201, 403, 403, 403, 201, 403, 404, 403}, check: mxNominationAt(e, "draft", "CB-VP")},
		{op: "createNomination", target: "at DU-SCT, of CB-QLTM", build: createNomAt("DU-SCT", "CB-QLTM"),
			want: mxCodes{401, 201, 403, 403, 201, 403, 403, 404, 403}},
		{op: "createNomination", target: "at KHOI-CQDN, of CB-HCTP", build: createNomAt("KHOI-CQDN", "CB-HCTP"),
			want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403}},
		{op: "createNomination", target: "at CB-BTTP, of CB-BTTP", build: createNomAt("CB-BTTP", "CB-BTTP"),
			want: mxCodes{401, 201, 403, 403, 404, 404, 404, 201, 403}},
		{op: "createNomination", target: "at foreign cell", build: createNomAt("MX-CB", "MX-CB"),
			want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404}},
		// The subject must belong to the nominating unit's subtree: a sibling cell's person is not.
		{op: "createNomination", target: "at CB-VP, of CB-QLTM (outside its subtree)", build: createNomAt("CB-VP", "CB-QLTM"),
			want:     mxCodes{401, 422, 403, 403, 403, 422, 403, 404, 403},
			problems: map[string]string{"admin": "subject_outside_subtree", "cell.secretary": "subject_outside_subtree", "committee.officer": "forbidden"}},
		{op: "createNomination", target: "at DU-SCT, of CB-BTTP (outside its subtree)", build: createNomAt("DU-SCT", "CB-BTTP"),
			want:     mxCodes{401, 422, 403, 403, 422, 403, 403, 404, 403},
			problems: map[string]string{"committee.officer": "subject_outside_subtree"}},
		{op: "updateNomination", target: "fresh CB-VP draft", build: freshNom("CB-VP", "individual", "draft", "PATCH", "", nomEdit),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "updateNomination", target: "fresh CB-VP returned", build: freshNom("CB-VP", "individual", "returned", "PATCH", "", nomEdit),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "updateNomination", target: "fresh DU-SCT draft", build: freshNom("DU-SCT", "collective", "draft", "PATCH", "", nomEdit),
			want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404}},
		{op: "updateNomination", target: "fresh CB-BTTP draft", build: freshNom("CB-BTTP", "individual", "draft", "PATCH", "", nomEdit),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "updateNomination", target: "CB-VP commended (not editable)", build: onNom(nomVPCommended, "PATCH", "", nomEdit),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}, problems: map[string]string{"cell.secretary": "invalid_transition"}},
		{op: "updateNomination", target: "CB-VP draft, stale If-Match", want: mxCodes{401, 412, 403, 403, 403, 412, 403, 404, 404},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/nominations/" + nomVPDraft.String(), Body: nomEdit, Header: map[string]string{"If-Match": `"0"`}}
			}},
		{op: "updateNomination", target: "CB-VP draft, of CB-QLTM (outside its subtree)", build: onNom(nomVPDraft, "PATCH", "", map[string]any{"subject": mxPerson(e.units["CB-QLTM"])}),
			want: mxCodes{401, 422, 403, 403, 403, 422, 403, 404, 404}, problems: map[string]string{"cell.secretary": "subject_outside_subtree"}},
		{op: "deleteNomination", target: "fresh CB-VP draft", build: freshNom("CB-VP", "individual", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 403, 204, 403, 404, 404}},
		{op: "deleteNomination", target: "fresh DU-SCT draft", build: freshNom("DU-SCT", "collective", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 204, 404, 404, 404, 404}},
		{op: "deleteNomination", target: "fresh CB-BTTP draft", build: freshNom("CB-BTTP", "individual", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 404, 404, 404, 204, 404}},
		{op: "deleteNomination", target: "fresh CB-VP returned (once submitted)", build: freshNom("CB-VP", "individual", "returned", "DELETE", "", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		{op: "deleteNomination", target: "CB-VP commended", build: onNom(nomVPCommended, "DELETE", "", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		// Submitting sends it to the parent unit; a bloc's stays at the bloc.
		{op: "submitNomination", target: "fresh CB-VP draft", build: freshNom("CB-VP", "individual", "draft", "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}, check: mxNominationAt(e, "submitted", "DU-SCT")},
		{op: "submitNomination", target: "fresh CB-VP returned", build: freshNom("CB-VP", "individual", "returned", "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}, check: mxNominationAt(e, "submitted", "DU-SCT")},
		{op: "submitNomination", target: "fresh DU-SCT draft", build: freshNom("DU-SCT", "collective", "draft", "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404}, check: mxNominationAt(e, "submitted", "KHOI-CQDN")},
		{op: "submitNomination", target: "fresh KHOI-CQDN draft", build: freshNom("KHOI-CQDN", "individual", "draft", "POST", "/submit", nil),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 404, 404}, check: mxNominationAt(e, "submitted", "KHOI-CQDN")},
		{op: "submitNomination", target: "fresh CB-BTTP draft", build: freshNom("CB-BTTP", "individual", "draft", "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}, check: mxNominationAt(e, "submitted", "DU-STP")},
		{op: "submitNomination", target: "CB-VP commended (not a draft)", build: onNom(nomVPCommended, "POST", "/submit", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		// Deciding: the officers over the holder. Submitted, CB-VP's is held at DU-SCT: the committee
		// officer decides, the cell secretary who drafted it does not.
		{op: "endorseNomination", target: "fresh CB-VP submitted", build: freshNom("CB-VP", "individual", "submitted", "POST", "/endorse", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxNominationAt(e, "endorsed", "KHOI-CQDN"),
			problems: map[string]string{"cell.secretary": "forbidden"}},
		{op: "endorseNomination", target: "fresh CB-VP submitted by admin", build: freshNomBy("CB-VP", "individual", "submitted", "admin", "POST", "/endorse", nil),
			want: mxCodes{401, 403, 403, 403, 200, 403, 403, 404, 404}, problems: map[string]string{"admin": "own_submission"}},
		{op: "endorseNomination", target: "fresh CB-VP endorsed (held at KHOI-CQDN)", build: freshNom("CB-VP", "individual", "endorsed", "POST", "/endorse", nil),
			want:     mxCodes{401, 409, 409, 403, 403, 403, 403, 404, 404},
			problems: map[string]string{"committee.officer": "forbidden", "bloc.officer": "invalid_transition"}},
		{op: "endorseNomination", target: "fresh DU-SCT submitted (held at KHOI-CQDN)", build: freshNom("DU-SCT", "collective", "submitted", "POST", "/endorse", nil),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "endorseNomination", target: "fresh KHOI-CQDN submitted by bloc.officer", build: freshNomBy("KHOI-CQDN", "individual", "submitted", "bloc.officer", "POST", "/endorse", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 404, 404}, problems: map[string]string{"bloc.officer": "own_submission"}},
		{op: "endorseNomination", target: "fresh CB-BTTP submitted (held at DU-STP)", build: freshNom("CB-BTTP", "individual", "submitted", "POST", "/endorse", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
		// A draft is held at its own unit: the officers over it get past the rights, not the state.
		{op: "endorseNomination", target: "CB-VP draft", build: onNom(nomVPDraft, "POST", "/endorse", nil),
			want: mxCodes{401, 409, 403, 403, 403, 403, 403, 404, 404}, problems: map[string]string{"admin": "invalid_transition", "committee.officer": "forbidden"}},
		{op: "returnNomination", target: "fresh CB-VP submitted", build: freshNom("CB-VP", "individual", "submitted", "POST", "/return", nomReason),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxNominationAt(e, "returned", "CB-VP")},
		{op: "returnNomination", target: "fresh CB-VP endorsed (held at KHOI-CQDN)", build: freshNom("CB-VP", "individual", "endorsed", "POST", "/return", nomReason),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 404, 404}, check: mxNominationAt(e, "returned", "CB-VP")},
		{op: "returnNomination", target: "fresh DU-SCT submitted (held at KHOI-CQDN)", build: freshNom("DU-SCT", "collective", "submitted", "POST", "/return", nomReason),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "returnNomination", target: "fresh CB-BTTP submitted (held at DU-STP)", build: freshNom("CB-BTTP", "individual", "submitted", "POST", "/return", nomReason),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
		{op: "returnNomination", target: "CB-VP honored", build: onNom(nomVPHonored, "POST", "/return", nomReason),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404}},
		{op: "rejectNomination", target: "fresh CB-VP submitted", build: freshNom("CB-VP", "individual", "submitted", "POST", "/reject", nomReason),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxNominationAt(e, "rejected", "DU-SCT")},
		{op: "rejectNomination", target: "fresh DU-SCT submitted (held at KHOI-CQDN)", build: freshNom("DU-SCT", "collective", "submitted", "POST", "/reject", nomReason),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "rejectNomination", target: "fresh CB-BTTP submitted (held at DU-STP)", build: freshNom("CB-BTTP", "individual", "submitted", "POST", "/reject", nomReason),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
		{op: "rejectNomination", target: "CB-HCTP rejected", build: onNom(nomHCTPRejected, "POST", "/reject", nomReason),
			want: mxCodes{401, 409, 403, 403, 404, 404, 404, 404, 404}},
		{op: "commendNomination", target: "fresh CB-VP submitted", build: freshNom("CB-VP", "individual", "submitted", "POST", "/commend", nomCommend),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxNominationAt(e, "commended", "DU-SCT")},
		{op: "commendNomination", target: "fresh CB-VP endorsed (held at KHOI-CQDN)", build: freshNom("CB-VP", "individual", "endorsed", "POST", "/commend", nomCommend),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 404, 404}, check: mxNominationAt(e, "commended", "KHOI-CQDN")},
		{op: "commendNomination", target: "fresh DU-SCT submitted (held at KHOI-CQDN)", build: freshNom("DU-SCT", "collective", "submitted", "POST", "/commend", nomCommend),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "commendNomination", target: "fresh CB-BTTP submitted (held at DU-STP)", build: freshNom("CB-BTTP", "individual", "submitted", "POST", "/commend", nomCommend),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
		{op: "commendNomination", target: "CB-VP draft", build: onNom(nomVPDraft, "POST", "/commend", nomCommend),
			want: mxCodes{401, 409, 403, 403, 403, 403, 403, 404, 404}},
		{op: "honorNomination", target: "fresh CB-VP commended (held at DU-SCT)", build: freshNom("CB-VP", "individual", "commended", "POST", "/honor", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404},
			check: func(t *testing.T, _ string, got resp) {
				entry, _ := got.JSON(t)["honor_entry"].(map[string]any)
				if u, _ := entry["unit"].(map[string]any); u["id"] != unit("DU-SCT") || entry["year"] != float64(nomYear) {
					t.Errorf("honor entry %v, want one of DU-SCT's roll for %d", entry, nomYear)
				}
			}},
		{op: "honorNomination", target: "fresh DU-SCT commended (held at KHOI-CQDN)", build: freshNom("DU-SCT", "collective", "commended", "POST", "/honor", nil),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "honorNomination", target: "fresh CB-BTTP commended (held at DU-STP)", build: freshNom("CB-BTTP", "individual", "commended", "POST", "/honor", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
		{op: "honorNomination", target: "CB-KTAT submitted (not commended)", build: onNom(nomKTSubmitted, "POST", "/honor", nil),
			want: mxCodes{401, 409, 403, 403, 409, 404, 404, 404, 404}},
		// Consent: the owners or the deciders.
		{op: "recordNominationConsent", target: "fresh CB-VP submitted", build: freshNom("CB-VP", "individual", "submitted", "POST", "/consent", nomConsent),
			want: mxCodes{401, 200, 403, 403, 200, 200, 403, 404, 404}},
		{op: "recordNominationConsent", target: "fresh DU-SCT submitted (held at KHOI-CQDN)", build: freshNom("DU-SCT", "individual", "submitted", "POST", "/consent", nomConsent),
			want: mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 404}},
		{op: "recordNominationConsent", target: "fresh CB-BTTP submitted (held at DU-STP)", build: freshNom("CB-BTTP", "individual", "submitted", "POST", "/consent", nomConsent),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "recordNominationConsent", target: "CB-VP commended (a collective)", build: onNom(nomVPCommended, "POST", "/consent", nomConsent),
			want: mxCodes{401, 409, 403, 403, 409, 409, 403, 404, 404}, problems: map[string]string{"cell.secretary": "invalid_transition"}},
		{op: "recordNominationConsent", target: "CB-HCTP rejected", build: onNom(nomHCTPRejected, "POST", "/consent", nomConsent),
			want: mxCodes{401, 409, 403, 403, 404, 404, 404, 404, 404}},
		// Mentor and progress notes: the owners, or the officers over the nominating unit's parent
		// (the mentor too, for notes).
		{op: "setNominationMentor", target: "fresh CB-VP draft", build: freshNom("CB-VP", "individual", "draft", "PUT", "/mentor", nomMentor),
			want: mxCodes{401, 200, 200, 403, 200, 200, 403, 404, 404}},
		{op: "setNominationMentor", target: "fresh DU-SCT draft", build: freshNom("DU-SCT", "collective", "draft", "PUT", "/mentor", nomMentor),
			want: mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 404}},
		{op: "setNominationMentor", target: "fresh KHOI-CQDN draft", build: freshNom("KHOI-CQDN", "individual", "draft", "PUT", "/mentor", nomMentor),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 404, 404}},
		{op: "setNominationMentor", target: "fresh CB-BTTP draft", build: freshNom("CB-BTTP", "individual", "draft", "PUT", "/mentor", nomMentor),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 200, 404}},
		{op: "setNominationMentor", target: "CB-HCTP rejected", build: onNom(nomHCTPRejected, "PUT", "/mentor", nomMentor),
			want: mxCodes{401, 409, 409, 403, 404, 404, 404, 404, 404}},
		{op: "createNominationNote", target: "fresh CB-VP draft", build: freshNom("CB-VP", "individual", "draft", "POST", "/progress-notes", nomNote),
			want: mxCodes{401, 201, 201, 403, 201, 201, 403, 404, 404}},
		{op: "createNominationNote", target: "fresh CB-VP draft mentored by member", want: mxCodes{401, 201, 201, 403, 201, 201, 201, 404, 404},
			build: freshNomWith("CB-VP", "individual", "draft", "", asAdmin("/mentor", "PUT", map[string]any{"name": "Hoàng Văn Nam", "user_id": e.users["member"]}),
				"POST", "/progress-notes", nomNote)},
		{op: "createNominationNote", target: "fresh DU-SCT draft", build: freshNom("DU-SCT", "collective", "draft", "POST", "/progress-notes", nomNote),
			want: mxCodes{401, 201, 201, 403, 201, 404, 404, 404, 404}},
		{op: "createNominationNote", target: "fresh CB-BTTP draft", build: freshNom("CB-BTTP", "individual", "draft", "POST", "/progress-notes", nomNote),
			want: mxCodes{401, 201, 201, 403, 404, 404, 404, 201, 404}},
		{op: "createNominationNote", target: "CB-HCTP rejected", build: onNom(nomHCTPRejected, "POST", "/progress-notes", nomNote),
			want: mxCodes{401, 409, 409, 403, 404, 404, 404, 404, 404}},
		// Creating rounds: bloc and committee officers over the unit; 403 to its other readers, 404
		// outside.
		{op: "createHonoringRound", target: "at DU-SCT", build: createRoundAt("DU-SCT"),
			want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}},
		{op: "createHonoringRound", target: "at KHOI-CQDN", build: createRoundAt("KHOI-CQDN"),
			want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403}},
		{op: "createHonoringRound", target: "at DU-STP", build: createRoundAt("DU-STP"),
			want: mxCodes{401, 201, 201, 403, 404, 404, 404, 403, 403}},
		{op: "createHonoringRound", target: "at foreign bloc", build: createRoundAt("MX-BLOC"),
			want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404}},
	}
}
