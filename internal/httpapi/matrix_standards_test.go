package httpapi_test

import (
	"github.com/google/uuid"
)

// mxStandardRows is the rows of standards: reads first, then writes that issue, supersede and withdraw.
func mxStandardRows(w *mxWorld) []mxRow {
	e, unit, get, stdSCT, stdSCTConsult, stdKhoiDraft, stdVPDraft, stdBTTPDraft, stdSTP, stdMX, onStd, fresh, getStd, adoptFresh, unadoptFresh, stdEdit, stdWithdraw, stdComment, stdPosting := w.e, w.unit, w.get, w.stdSCT, w.stdSCTConsult, w.stdKhoiDraft, w.stdVPDraft, w.stdBTTPDraft, w.stdSTP, w.stdMX, w.onStd, w.fresh, w.getStd, w.adoptFresh, w.unadoptFresh, w.stdEdit, w.stdWithdraw, w.stdComment, w.stdPosting
	return []mxRow{
		// ---- standards: reads ------------------------------------------------------------------------
		// Everyone who can read a standard's unit reads it, its comments, postings and poster,
		// including readers of the unit only as an ancestor (cs and mem read DU-SCT's, cs2 DU-STP's),
		// except drafts: a draft of a unit above does not exist for them (404).
		// Portal clients see only issued standards (others do not exist for them: 404), and never
		// the comments (members' remarks are internal: 403).
		// Reads come first: the writes below issue, supersede and withdraw standards.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getStandard", target: "DU-SCT issued (comm's own, above cs/mem)", build: getStd(stdSCT, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": {"withdraw", "post"}, "committee.officer": {"withdraw", "post"},
				"bloc.officer": mxNone, "inspector": mxNone, "cell.secretary": mxNone, "member": mxNone, "portal": mxNone})},
		{op: "getStandard", target: "DU-SCT in consultation", build: getStd(stdSCTConsult, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxActions(map[string][]string{"admin": {"return_to_draft", "issue", "comment"}, "committee.officer": {"return_to_draft", "issue", "comment"},
				"bloc.officer": {"comment"}, "inspector": {"comment"}, "cell.secretary": {"comment"}, "member": {"comment"}})},
		{op: "getStandard", target: "CB-VP draft", build: getStd(stdVPDraft, ""),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxActions(map[string][]string{"cell.secretary": {"update", "delete", "open_consultation"}, "committee.officer": mxNone, "member": mxNone})},
		{op: "getStandard", target: "KHOI-CQDN draft", build: getStd(stdKhoiDraft, ""),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404},
			check: mxActions(map[string][]string{"bloc.officer": {"update", "delete", "open_consultation"}, "inspector": mxNone, "committee.officer": mxNone})},
		{op: "getStandard", target: "DU-STP issued (above cs2)", build: getStd(stdSTP, ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}, check: mxActions(map[string][]string{"cell.secretary2": mxNone, "portal": mxNone})},
		{op: "getStandard", target: "foreign committee's", build: getStd(stdMX, ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getStandard", target: "unknown id", build: get("/api/v1/standards/" + uuid.NewString()),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// Read only as an ancestor, a unit lists its own standards, not its subtree's.
		{op: "listStandards", target: "DU-SCT subtree", build: get("/api/v1/units/" + unit("DU-SCT") + "/standards?scope=subtree"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxAll(mxStandardsAt(e, map[string][]string{"cell.secretary": {"DU-SCT"}, "member": {"DU-SCT"}, "committee.officer": {"DU-SCT", "CB-VP"}, "portal": {"DU-SCT"}}),
				mxStatusesOnly(map[string]int{"portal": 1}, "issued"))},
		{op: "listStandards", target: "KHOI-CQDN subtree", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/standards?scope=subtree"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			// Readers of the bloc from below see none of its drafts (and it has nothing else).
			check: mxAll(mxStandardsAt(e, map[string][]string{"bloc.officer": {"KHOI-CQDN", "DU-SCT", "CB-VP", "DU-STP", "CB-BTTP", "CB-CS-BAO"}, "portal": {"DU-SCT", "DU-STP", "CB-CS-BAO"}}),
				mxCount(map[string]int{"committee.officer": 0, "cell.secretary": 0, "member": 0, "cell.secretary2": 0}),
				mxStatusesOnly(map[string]int{"portal": 3}, "issued"))},
		// Asking for drafts, a portal client gets none, nor do readers of the bloc from below (its
		// draft is not theirs to see, and they read none of the subtree); the drafters and officers
		// above do.
		{op: "listStandards", target: "KHOI-CQDN subtree, status=draft", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/standards?scope=subtree&status=draft"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxAll(mxCount(map[string]int{"portal": 0, "committee.officer": 0, "cell.secretary": 0, "member": 0, "cell.secretary2": 0}),
				mxStatusesOnly(map[string]int{"admin": 3, "bloc.officer": 3}, "draft"))},
		// CB-BTTP has only a draft: nothing for a portal client.
		{op: "listStandards", target: "CB-BTTP", build: get("/api/v1/units/" + unit("CB-BTTP") + "/standards"),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: mxAll(mxStandardsAt(e, map[string][]string{"cell.secretary2": {"CB-BTTP"}}), mxCount(map[string]int{"portal": 0}))},
		{op: "listStandards", target: "foreign bloc subtree", build: get("/api/v1/units/" + unit("MX-BLOC") + "/standards?scope=subtree"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxStandardsAt(e, map[string][]string{"admin": {"MX-DU"}})},
		{op: "listStandardComments", target: "DU-SCT in consultation", build: getStd(stdSCTConsult, "/comments"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}},
		{op: "listStandardComments", target: "DU-SCT issued", build: getStd(stdSCT, "/comments"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 403}},
		{op: "listStandardComments", target: "DU-STP issued", build: getStd(stdSTP, "/comments"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 403}},
		{op: "listStandardComments", target: "foreign committee's", build: getStd(stdMX, "/comments"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "listStandardPostings", target: "DU-SCT issued", build: getStd(stdSCT, "/postings"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}},
		{op: "listStandardPostings", target: "DU-STP issued", build: getStd(stdSTP, "/postings"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}},
		{op: "listStandardPostings", target: "foreign committee's", build: getStd(stdMX, "/postings"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getStandardPoster", target: "DU-SCT issued", build: getStd(stdSCT, "/poster.pdf?frame=40x60"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}},
		{op: "getStandardPoster", target: "CB-BTTP draft", build: getStd(stdBTTPDraft, "/poster.pdf?frame=40x60"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}},
		{op: "getStandardPoster", target: "foreign committee's", build: getStd(stdMX, "/poster.pdf?frame=40x60"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getEffectiveStandard", target: "CB-VP (adopted DU-SCT's)", build: get("/api/v1/units/" + unit("CB-VP") + "/effective-standard"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxField("source", "adopted")},
		{op: "getEffectiveStandard", target: "DU-SCT (own)", build: get("/api/v1/units/" + unit("DU-SCT") + "/effective-standard"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxField("source", "own")},
		{op: "getEffectiveStandard", target: "CB-BTTP (adopted DU-STP's)", build: get("/api/v1/units/" + unit("CB-BTTP") + "/effective-standard"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}, check: mxField("source", "adopted")},
		{op: "getEffectiveStandard", target: "foreign cell", build: get("/api/v1/units/" + unit("MX-CB") + "/effective-standard"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxField("source", "adopted")},
		{op: "getAdoptedStandard", target: "CB-VP", build: get("/api/v1/units/" + unit("CB-VP") + "/adopted-standard"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}},
		{op: "getAdoptedStandard", target: "CB-BTTP", build: get("/api/v1/units/" + unit("CB-BTTP") + "/adopted-standard"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}},
		{op: "getAdoptedStandard", target: "foreign cell", build: get("/api/v1/units/" + unit("MX-CB") + "/adopted-standard"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		// Coverage: officers and inspectors of the subtree; 403 to other readers, even officers
		// reading the unit as an ancestor.
		{op: "getStandardCoverage", target: "KHOI-CQDN", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/standard-coverage"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403}, check: mxCoverageOf(e.units["KHOI-CQDN"])},
		{op: "getStandardCoverage", target: "DU-SCT", build: get("/api/v1/units/" + unit("DU-SCT") + "/standard-coverage"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}, check: mxCoverageOf(e.units["DU-SCT"])},
		{op: "getStandardCoverage", target: "CB-VP", build: get("/api/v1/units/" + unit("CB-VP") + "/standard-coverage"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}, check: mxCoverageOf(e.units["CB-VP"])},
		{op: "getStandardCoverage", target: "CB-BTTP", build: get("/api/v1/units/" + unit("CB-BTTP") + "/standard-coverage"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 403, 403}, check: mxCoverageOf(e.units["CB-BTTP"])},
		{op: "getStandardCoverage", target: "foreign bloc", build: get("/api/v1/units/" + unit("MX-BLOC") + "/standard-coverage"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxCoverageOf(e.units["MX-BLOC"])},

		// ---- standards: writes -----------------------------------------------------------------------
		// Owners only: the drafter role held at the standard's very unit (bloc officer at a bloc,
		// committee officer at a committee, cell secretary at a cell) or admin; officers above
		// review but do not write (403). Access is checked before the state (409).
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "createStandard", target: "at KHOI-CQDN", want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/units/" + unit("KHOI-CQDN") + "/standards", Body: map[string]any{"title": "Chuẩn mực mới"}}
			}},
		{op: "createStandard", target: "at DU-SCT", want: mxCodes{401, 201, 403, 403, 201, 403, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/units/" + unit("DU-SCT") + "/standards", Body: map[string]any{"title": "Chuẩn mực mới"}}
			}},
		{op: "createStandard", target: "at CB-VP", want: mxCodes{401, 201, 403, 403, 403, 201, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/units/" + unit("CB-VP") + "/standards", Body: map[string]any{"title": "Chuẩn mực mới"}}
			}},
		{op: "createStandard", target: "at CB-BTTP", want: mxCodes{401, 201, 403, 403, 404, 404, 404, 201, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/units/" + unit("CB-BTTP") + "/standards", Body: map[string]any{"title": "Chuẩn mực mới"}}
			}},
		{op: "createStandard", target: "at foreign cell", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/units/" + unit("MX-CB") + "/standards", Body: map[string]any{"title": "Chuẩn mực mới"}}
			}},
		{op: "updateStandard", target: "fresh KHOI-CQDN draft", build: fresh("KHOI-CQDN", "draft", "PATCH", "", stdEdit),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 404, 404}},
		{op: "updateStandard", target: "fresh DU-SCT draft", build: fresh("DU-SCT", "draft", "PATCH", "", stdEdit),
			want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404}},
		{op: "updateStandard", target: "fresh CB-VP draft", build: fresh("CB-VP", "draft", "PATCH", "", stdEdit),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "updateStandard", target: "fresh CB-BTTP draft", build: fresh("CB-BTTP", "draft", "PATCH", "", stdEdit),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "updateStandard", target: "DU-SCT issued (not a draft)", build: onStd(stdSCT, "PATCH", "", stdEdit),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 403}},
		{op: "deleteStandard", target: "fresh DU-SCT draft", build: fresh("DU-SCT", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 204, 404, 404, 404, 404}},
		{op: "deleteStandard", target: "fresh CB-VP draft", build: fresh("CB-VP", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 403, 204, 403, 404, 404}},
		{op: "deleteStandard", target: "fresh CB-BTTP draft", build: fresh("CB-BTTP", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 404, 404, 404, 204, 404}},
		{op: "deleteStandard", target: "fresh foreign cell draft", build: fresh("MX-CB", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 404, 404, 404, 404, 404, 404, 404}},
		{op: "deleteStandard", target: "DU-SCT in consultation (not a draft)", build: onStd(stdSCTConsult, "DELETE", "", nil),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404}},
		{op: "openStandardConsultation", target: "fresh DU-SCT draft", build: fresh("DU-SCT", "draft", "POST", "/open-consultation", mxOpenBody()),
			want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404}},
		{op: "openStandardConsultation", target: "fresh CB-VP draft", build: fresh("CB-VP", "draft", "POST", "/open-consultation", mxOpenBody()),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "openStandardConsultation", target: "fresh CB-BTTP draft", build: fresh("CB-BTTP", "draft", "POST", "/open-consultation", mxOpenBody()),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "openStandardConsultation", target: "DU-SCT issued (not a draft)", build: onStd(stdSCT, "POST", "/open-consultation", mxOpenBody()),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 403}},
		// Comments: every reader of the unit but portal clients, while the consultation is open.
		// Portal clients get 404 on every write to a standard that is not issued: it does not
		// exist for them; on issued ones, 403.
		{op: "createStandardComment", target: "fresh KHOI-CQDN consultation", build: fresh("KHOI-CQDN", "consultation", "POST", "/comments", stdComment),
			want: mxCodes{401, 201, 201, 201, 201, 201, 201, 201, 404}},
		{op: "createStandardComment", target: "fresh DU-SCT consultation", build: fresh("DU-SCT", "consultation", "POST", "/comments", stdComment),
			want: mxCodes{401, 201, 201, 201, 201, 201, 201, 404, 404}},
		{op: "createStandardComment", target: "fresh CB-VP consultation", build: fresh("CB-VP", "consultation", "POST", "/comments", stdComment),
			want: mxCodes{401, 201, 201, 201, 201, 201, 201, 404, 404}},
		{op: "createStandardComment", target: "fresh CB-BTTP consultation", build: fresh("CB-BTTP", "consultation", "POST", "/comments", stdComment),
			want: mxCodes{401, 201, 201, 201, 404, 404, 404, 201, 404}},
		{op: "createStandardComment", target: "DU-SCT issued (closed)", build: onStd(stdSCT, "POST", "/comments", stdComment),
			want: mxCodes{401, 409, 409, 409, 409, 409, 409, 404, 403}},
		// Postings: by the owners of the unit where the standard hangs (its own, or one it is in
		// force for). CB-VP still follows DU-SCT's standard here: no own one is issued there yet.
		{op: "createStandardPosting", target: "fresh DU-SCT issued, at DU-SCT", build: fresh("DU-SCT", "issued", "POST", "/postings", stdPosting("")),
			want: mxCodes{401, 201, 403, 403, 201, 403, 403, 404, 403}},
		{op: "createStandardPosting", target: "fresh DU-SCT issued, at CB-VP", build: fresh("DU-SCT", "issued", "POST", "/postings", stdPosting("CB-VP")),
			want: mxCodes{401, 201, 403, 403, 403, 201, 403, 404, 403}},
		{op: "createStandardPosting", target: "fresh CB-BTTP issued", build: fresh("CB-BTTP", "issued", "POST", "/postings", stdPosting("")),
			want: mxCodes{401, 201, 403, 403, 404, 404, 404, 201, 403}},
		{op: "createStandardPosting", target: "CB-VP draft (not issued)", build: onStd(stdVPDraft, "POST", "/postings", stdPosting("")),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		// Adoption: by the adopting unit's owners, of an issued standard of a unit above it.
		{op: "adoptStandard", target: "CB-VP adopts fresh DU-SCT issued", build: adoptFresh("CB-VP", "DU-SCT"),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 403}},
		{op: "adoptStandard", target: "DU-SCT adopts fresh KHOI-CQDN issued", build: adoptFresh("DU-SCT", "KHOI-CQDN"),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 403}},
		{op: "adoptStandard", target: "CB-BTTP adopts fresh DU-STP issued", build: adoptFresh("CB-BTTP", "DU-STP"),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 403}},
		{op: "adoptStandard", target: "foreign cell adopts fresh foreign issued", build: adoptFresh("MX-CB", "MX-DU"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "adoptStandard", target: "CB-VP adopts DU-SCT in consultation", want: mxCodes{401, 422, 403, 403, 403, 422, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "PUT", Path: "/api/v1/units/" + unit("CB-VP") + "/adopted-standard", Body: map[string]any{"standard_id": stdSCTConsult}}
			}},
		{op: "unadoptStandard", target: "CB-VP, fresh adoption", build: unadoptFresh("CB-VP", "DU-SCT"),
			want: mxCodes{401, 204, 403, 403, 403, 204, 403, 404, 403}},
		{op: "unadoptStandard", target: "CB-BTTP, fresh adoption", build: unadoptFresh("CB-BTTP", "DU-STP"),
			want: mxCodes{401, 204, 403, 403, 404, 404, 404, 204, 403}},
		{op: "returnStandardToDraft", target: "fresh DU-SCT consultation", build: fresh("DU-SCT", "consultation", "POST", "/return-to-draft", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}},
		{op: "returnStandardToDraft", target: "fresh CB-VP consultation", build: fresh("CB-VP", "consultation", "POST", "/return-to-draft", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "returnStandardToDraft", target: "fresh CB-BTTP consultation", build: fresh("CB-BTTP", "consultation", "POST", "/return-to-draft", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "returnStandardToDraft", target: "CB-VP draft (not in consultation)", build: onStd(stdVPDraft, "POST", "/return-to-draft", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		{op: "issueStandard", target: "fresh KHOI-CQDN consultation", build: fresh("KHOI-CQDN", "consultation", "POST", "/issue", mxIssueBody()),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 404}},
		{op: "issueStandard", target: "fresh DU-SCT consultation", build: fresh("DU-SCT", "consultation", "POST", "/issue", mxIssueBody()),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}},
		{op: "issueStandard", target: "fresh CB-VP consultation", build: fresh("CB-VP", "consultation", "POST", "/issue", mxIssueBody()),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "issueStandard", target: "fresh CB-BTTP consultation", build: fresh("CB-BTTP", "consultation", "POST", "/issue", mxIssueBody()),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "issueStandard", target: "CB-VP draft (not in consultation)", build: onStd(stdVPDraft, "POST", "/issue", mxIssueBody()),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		{op: "withdrawStandard", target: "fresh DU-SCT issued", build: fresh("DU-SCT", "issued", "POST", "/withdraw", stdWithdraw),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 403}},
		{op: "withdrawStandard", target: "fresh CB-VP issued", build: fresh("CB-VP", "issued", "POST", "/withdraw", stdWithdraw),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 403}},
		{op: "withdrawStandard", target: "fresh CB-BTTP issued", build: fresh("CB-BTTP", "issued", "POST", "/withdraw", stdWithdraw),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 403}},
		{op: "withdrawStandard", target: "CB-VP draft (not issued)", build: onStd(stdVPDraft, "POST", "/withdraw", stdWithdraw),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
	}
}
