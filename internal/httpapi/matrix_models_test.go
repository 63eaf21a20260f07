package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/google/uuid"
)

// mxModelRows is the rows of models: reads first, then writes.
func mxModelRows(w *mxWorld) []mxRow {
	e, fx, unit, get, thisYear, registrar, mdlVPSavings, mdlVPSmile, mdlQLRegistered, mdlQLReplica, mdlKTDraft, mdlBTTPCompleted, mdlBTTPApproved, mdlSCT, mdlKhoiDraft, mdlVPRetired, mdlMX, onModel, getMdl, freshModelBy, freshModel, replicateFresh, replicateInto, modelsAt, createModelAt, mdlReason, mdlEdit, mdlEval, nextYear, mdlPublic, coverage, form, formName, xlsx, csv := w.e, w.fx, w.unit, w.get, w.thisYear, w.registrar, w.mdlVPSavings, w.mdlVPSmile, w.mdlQLRegistered, w.mdlQLReplica, w.mdlKTDraft, w.mdlBTTPCompleted, w.mdlBTTPApproved, w.mdlSCT, w.mdlKhoiDraft, w.mdlVPRetired, w.mdlMX, w.onModel, w.getMdl, w.freshModelBy, w.freshModel, w.replicateFresh, w.replicateInto, w.modelsAt, w.createModelAt, w.mdlReason, w.mdlEdit, w.mdlEval, w.nextYear, w.mdlPublic, w.coverage, w.form, w.formName, w.xlsx, w.csv
	return []mxRow{
		// ---- models: reads ---------------------------------------------------------------------------
		// Every reader of a model's unit reads it, its evaluations and its lineage, including readers
		// of the unit only as an ancestor (cs and mem read DU-SCT's and KHOI-CQDN's models). Portal
		// clients see only approved, in-progress and completed models: others do not exist for them
		// (404). Reads come first: the writes below draft, register, approve and replicate models.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listModels", target: "CB-VP (cs's own)", build: modelsAt("CB-VP", ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxAll(mxStandardsAt(e, map[string][]string{"cell.secretary": {"CB-VP"}, "member": {"CB-VP"}, "portal": {"CB-VP"}}),
				mxCount(map[string]int{"admin": 3, "cell.secretary": 3, "member": 3, "portal": 2}),
				mxStatusesOnly(map[string]int{"portal": 2}, mdlPublic...))},
		// Read only as an ancestor, a unit lists its own models, not its subtree's.
		{op: "listModels", target: "DU-SCT subtree", build: modelsAt("DU-SCT", "?scope=subtree&limit=100"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxAll(mxStandardsAt(e, map[string][]string{"committee.officer": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "DUBP-SCT-KD", "CB-KD1"},
				"cell.secretary": {"DU-SCT"}, "member": {"DU-SCT"}, "portal": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KD1"}}),
				mxCount(map[string]int{"committee.officer": 10, "cell.secretary": 1, "member": 1, "portal": 5}),
				mxStatusesOnly(map[string]int{"portal": 5}, mdlPublic...))},
		// Asking for drafts, a portal client gets none, nor do readers of the bloc from below: they
		// see only its approved, in-progress, completed and retired models.
		{op: "listModels", target: "KHOI-CQDN subtree, status=draft", build: modelsAt("KHOI-CQDN", "?scope=subtree&status=draft"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxAll(mxCount(map[string]int{"admin": 3, "bloc.officer": 3, "inspector": 3, "portal": 0,
				"committee.officer": 0, "cell.secretary": 0, "member": 0, "cell.secretary2": 0}),
				mxStatusesOnly(map[string]int{"admin": 3}, "draft"))},
		// CB-VP's savings model has one replica, a draft at CB-QLTM.
		{op: "listModels", target: "KHOI-CQDN subtree, replicated_from=CB-VP savings",
			build: modelsAt("KHOI-CQDN", "?scope=subtree&replicated_from="+mdlVPSavings.String()),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxCount(map[string]int{"admin": 1, "bloc.officer": 1, "inspector": 1, "committee.officer": 0, "cell.secretary": 0, "portal": 0})},
		{op: "listModels", target: "CB-BTTP", build: modelsAt("CB-BTTP", ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}, check: mxCount(map[string]int{"cell.secretary2": 2, "portal": 2})},
		{op: "listModels", target: "foreign cell", build: modelsAt("MX-CB", ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxCount(map[string]int{"admin": 1})},
		{op: "listModels", target: "unknown unit", build: get("/api/v1/units/" + uuid.NewString() + "/models"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// Owners (the drafter role at the model's very unit) write; reviewers (officers of the unit
		// above, admin for a bloc's) approve, return, retire and evaluate; officers of any unit above
		// appraise (a reviewer evaluation) what runs or is done; bloc and committee officers
		// replicate what they read.
		{op: "getModel", target: "CB-VP in progress (cs's own)", build: getMdl(mdlVPSmile, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": {"complete", "retire", "evaluate", "appraise", "carry_over", "replicate"},
				"bloc.officer": {"appraise", "replicate"}, "inspector": mxNone, "committee.officer": {"retire", "evaluate", "appraise", "replicate"},
				"cell.secretary": {"complete", "retire", "evaluate", "carry_over"}, "member": mxNone, "portal": mxNone})},
		{op: "getModel", target: "CB-VP completed", build: getMdl(mdlVPSavings, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": {"appraise", "carry_over", "replicate"}, "bloc.officer": {"appraise", "replicate"},
				"inspector": mxNone, "committee.officer": {"appraise", "replicate"}, "cell.secretary": {"carry_over"}, "member": mxNone, "portal": mxNone})},
		{op: "getModel", target: "CB-VP retired", build: getMdl(mdlVPRetired, ""),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxActions(map[string][]string{"admin": mxNone, "committee.officer": mxNone, "cell.secretary": mxNone})},
		// Registered by the seed, not by any caller: its reviewers (the committee directly above,
		// and admin) may approve or return it; the bloc, two levels up, skips no level.
		{op: "getModel", target: "CB-QLTM registered (sibling cell)", build: getMdl(mdlQLRegistered, ""),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			check: mxActions(map[string][]string{"admin": {"approve", "return"}, "bloc.officer": mxNone, "inspector": mxNone,
				"committee.officer": {"approve", "return"}})},
		{op: "getModel", target: "CB-QLTM draft replica", build: getMdl(mdlQLReplica, ""),
			want:  mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			check: mxActions(map[string][]string{"admin": {"update", "delete", "register"}, "bloc.officer": mxNone, "committee.officer": mxNone})},
		{op: "getModel", target: "CB-KTAT draft", build: getMdl(mdlKTDraft, ""),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404}},
		{op: "getModel", target: "DU-SCT approved (comm's own, above cs/mem)", build: getMdl(mdlSCT, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": {"start", "retire", "carry_over", "replicate"}, "bloc.officer": {"retire", "replicate"},
				"inspector": mxNone, "committee.officer": {"start", "retire", "carry_over", "replicate"}, "cell.secretary": mxNone,
				"member": mxNone, "portal": mxNone})},
		{op: "getModel", target: "KHOI-CQDN draft (bloc's own)", build: getMdl(mdlKhoiDraft, ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404},
			check: mxActions(map[string][]string{"admin": {"update", "delete", "register"}, "bloc.officer": {"update", "delete", "register"},
				"inspector": mxNone, "committee.officer": mxNone, "cell.secretary2": mxNone})},
		{op: "getModel", target: "CB-BTTP approved (cs2's own)", build: getMdl(mdlBTTPApproved, ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: mxActions(map[string][]string{"admin": {"start", "retire", "carry_over", "replicate"}, "bloc.officer": {"replicate"},
				"inspector": mxNone, "cell.secretary2": {"start", "retire", "carry_over"}, "portal": mxNone})},
		{op: "getModel", target: "foreign cell's", build: getMdl(mdlMX, ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getModel", target: "unknown id", build: get("/api/v1/models/" + uuid.NewString()),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// Evaluations are internal assessments: portals read the model, not its evaluations.
		{op: "listModelEvaluations", target: "CB-VP completed (two evaluations)", build: getMdl(mdlVPSavings, "/evaluations"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 403},
			check: mxCount(map[string]int{"admin": 2, "committee.officer": 2, "cell.secretary": 2, "member": 2})},
		{op: "listModelEvaluations", target: "CB-QLTM registered", build: getMdl(mdlQLRegistered, "/evaluations"),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404}, check: mxCount(map[string]int{"admin": 0})},
		{op: "listModelEvaluations", target: "CB-BTTP completed", build: getMdl(mdlBTTPCompleted, "/evaluations"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 403}},
		{op: "listModelEvaluations", target: "foreign cell's", build: getMdl(mdlMX, "/evaluations"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		// Replicas are listed only where the caller reads them (cs and mem do not read CB-QLTM).
		// Portal clients are left unchecked: they are shown the draft replica (see the report).
		{op: "getModelLineage", target: "CB-VP completed (a source)", build: getMdl(mdlVPSavings, "/lineage"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxLineage(mdlVPSavings, map[string]int{"admin": 1, "bloc.officer": 1, "committee.officer": 1, "cell.secretary": 0, "member": 0})},
		{op: "getModelLineage", target: "CB-QLTM draft replica", build: getMdl(mdlQLReplica, "/lineage"),
			want:  mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			check: mxLineage(mdlVPSavings, map[string]int{"admin": 1, "committee.officer": 1})},
		{op: "getModelLineage", target: "foreign cell's", build: getMdl(mdlMX, "/lineage"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxLineage(mdlMX, map[string]int{"admin": 0})},
		{op: "getModelLineage", target: "unknown id", build: get("/api/v1/models/" + uuid.NewString() + "/lineage"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "listModelSuggestions", target: "-", build: get("/api/v1/model-suggestions"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: func(t *testing.T, _ string, got resp) {
				if groups, _ := got.JSON(t)["groups"].([]any); len(groups) != 7 {
					t.Errorf("%d suggestion groups, want 7", len(groups))
				}
			}},
		// Coverage: officers and inspectors of the subtree; 403 to other readers, even officers
		// reading the unit as an ancestor. A model counts once registered: CB-VP (in progress),
		// CB-QLTM (registered), DU-SCT and CB-BTTP (approved) have one this year, CB-KTAT only a draft.
		{op: "getModelCoverage", target: "KHOI-CQDN", build: coverage("KHOI-CQDN"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403},
			check: mxAll(mxModelCoverage(thisYear, nil), mxItemsNotAt(e, "id", map[string][]string{"admin": {"KHOI-CQDN", "DU-SCT", "CB-VP", "CB-QLTM", "CB-BTTP"},
				"bloc.officer": {"KHOI-CQDN", "DU-SCT", "CB-VP", "CB-QLTM", "CB-BTTP"}, "inspector": {"MX-BLOC", "MX-DU", "MX-CB"}}))},
		{op: "getModelCoverage", target: "DU-SCT", build: coverage("DU-SCT"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403},
			check: mxAll(mxModelCoverage(thisYear, nil), mxItemsNotAt(e, "id", map[string][]string{"committee.officer": {"DU-SCT", "CB-VP", "CB-QLTM", "DU-STP", "CB-HCTP"}}),
				// Earlier rows leave fresh cells in DU-SCT: CB-KTAT is among the units listed, not alone.
				func(t *testing.T, _ string, got resp) {
					for _, it := range got.JSON(t)["items"].([]any) {
						if it.(map[string]any)["id"] == unit("CB-KTAT") {
							return
						}
					}
					t.Errorf("CB-KTAT (only a draft) not listed: %s", got.Body)
				})},
		{op: "getModelCoverage", target: "CB-VP", build: coverage("CB-VP"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}, check: mxModelCoverage(thisYear, &[3]int{1, 1, 0})},
		{op: "getModelCoverage", target: "CB-BTTP", build: coverage("CB-BTTP"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 403, 403}, check: mxModelCoverage(thisYear, &[3]int{1, 1, 0})},
		{op: "getModelCoverage", target: "foreign bloc", build: coverage("MX-BLOC"),
			want:  mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			check: mxAll(mxModelCoverage(thisYear, nil), mxItemsNotAt(e, "id", map[string][]string{"admin": {"MX-BLOC", "MX-CB"}}))},
		// Forms: the unit's owners, and officers and inspectors of its subtree (ReadCoverage); 403 to
		// other readers (members, portal clients, officers reading the unit as an ancestor).
		{op: "getModelForm", target: "KHOI-CQDN 2.xlsx", build: form("KHOI-CQDN", "2.xlsx"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403}, check: mxFormFile(formName(2, "KHOI-CQDN", thisYear, "xlsx"), xlsx)},
		{op: "getModelForm", target: "DU-SCT 2.xlsx", build: form("DU-SCT", "2.xlsx"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}, check: mxFormFile(formName(2, "DU-SCT", thisYear, "xlsx"), xlsx)},
		{op: "getModelForm", target: "CB-VP 2.xlsx", build: form("CB-VP", "2.xlsx"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 404, 403}, check: mxFormFile(formName(2, "CB-VP", thisYear, "xlsx"), xlsx)},
		{op: "getModelForm", target: "CB-VP 1.csv", build: form("CB-VP", "1.csv"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 404, 403}, check: mxFormFile(formName(1, "CB-VP", thisYear-1, "csv"), csv)},
		{op: "getModelForm", target: "CB-BTTP 1.csv", build: form("CB-BTTP", "1.csv"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 403}, check: mxFormFile(formName(1, "CB-BTTP", thisYear-1, "csv"), csv)},
		{op: "getModelForm", target: "foreign cell 2.xlsx", build: form("MX-CB", "2.xlsx"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},

		// ---- models: writes --------------------------------------------------------------------------
		// Rights are checked before the If-Match version and the state: 403 before 409. Portal
		// clients get 404 on models they do not see (drafts, registered, returned), 403 on others.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "createModel", target: "at KHOI-CQDN", build: createModelAt("KHOI-CQDN"),
			want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403}},
		{op: "createModel", target: "at DU-SCT", build: createModelAt("DU-SCT"),
			want: mxCodes{401, 201, 403, 403, 201, 403, 403, 404, 403}},
		{op: "createModel", target: "at CB-VP", build: createModelAt("CB-VP"),
			want: mxCodes{401, 201, 403, 403, 403, 201, 403, 404, 403}},
		{op: "createModel", target: "at CB-BTTP", build: createModelAt("CB-BTTP"),
			want: mxCodes{401, 201, 403, 403, 404, 404, 404, 201, 403}},
		{op: "createModel", target: "at foreign cell", build: createModelAt("MX-CB"),
			want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateModel", target: "fresh KHOI-CQDN draft", build: freshModel("KHOI-CQDN", "draft", "PATCH", "", mdlEdit),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 404, 404}},
		{op: "updateModel", target: "fresh DU-SCT draft", build: freshModel("DU-SCT", "draft", "PATCH", "", mdlEdit),
			want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404}},
		{op: "updateModel", target: "fresh CB-VP draft", build: freshModel("CB-VP", "draft", "PATCH", "", mdlEdit),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "updateModel", target: "fresh CB-VP returned", build: freshModel("CB-VP", "returned", "PATCH", "", mdlEdit),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "updateModel", target: "fresh CB-BTTP draft", build: freshModel("CB-BTTP", "draft", "PATCH", "", mdlEdit),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "updateModel", target: "CB-VP in progress (not editable)", build: onModel(mdlVPSmile, "PATCH", "", mdlEdit),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 403}, problems: map[string]string{"cell.secretary": "invalid_transition"}},
		{op: "deleteModel", target: "fresh DU-SCT draft", build: freshModel("DU-SCT", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 204, 404, 404, 404, 404}},
		{op: "deleteModel", target: "fresh CB-VP draft", build: freshModel("CB-VP", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 403, 204, 403, 404, 404}},
		{op: "deleteModel", target: "fresh CB-BTTP draft", build: freshModel("CB-BTTP", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 404, 404, 404, 204, 404}},
		{op: "deleteModel", target: "fresh foreign cell draft", build: freshModel("MX-CB", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 404, 404, 404, 404, 404, 404, 404}},
		{op: "deleteModel", target: "fresh CB-VP returned (once registered)", build: freshModel("CB-VP", "returned", "DELETE", "", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		{op: "deleteModel", target: "CB-VP in progress", build: onModel(mdlVPSmile, "DELETE", "", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 403}},
		{op: "registerModel", target: "fresh KHOI-CQDN draft", build: freshModel("KHOI-CQDN", "draft", "POST", "/register", nil),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 404, 404}},
		{op: "registerModel", target: "fresh DU-SCT draft", build: freshModel("DU-SCT", "draft", "POST", "/register", nil),
			want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404}},
		{op: "registerModel", target: "fresh CB-VP draft", build: freshModel("CB-VP", "draft", "POST", "/register", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "registerModel", target: "fresh CB-VP returned", build: freshModel("CB-VP", "returned", "POST", "/register", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "registerModel", target: "fresh CB-BTTP draft", build: freshModel("CB-BTTP", "draft", "POST", "/register", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		// CB-QLTM has no demo drafter: only admin owns its models.
		{op: "registerModel", target: "CB-QLTM registered (not a draft)", build: onModel(mdlQLRegistered, "POST", "/register", nil),
			want: mxCodes{401, 409, 403, 403, 403, 404, 404, 404, 404}},
		// Review: the officers of the unit above (committee officers review their cells', bloc
		// officers their committees' and cells'), admin for a bloc's; never a unit's own drafters.
		{op: "approveModel", target: "fresh CB-VP registered", build: freshModel("CB-VP", "registered", "POST", "/approve", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, problems: map[string]string{"cell.secretary": "forbidden"}},
		{op: "approveModel", target: "fresh DU-SCT registered", build: freshModel("DU-SCT", "registered", "POST", "/approve", nil),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "approveModel", target: "fresh CB-BTTP registered", build: freshModel("CB-BTTP", "registered", "POST", "/approve", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
		{op: "approveModel", target: "fresh KHOI-CQDN registered", build: freshModel("KHOI-CQDN", "registered", "POST", "/approve", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 404, 404}},
		// Admin owns and reviews everything: what it registered, it may not approve or return. No
		// other caller both owns and reviews a model (owners hold their role at the model's unit,
		// reviewers above it).
		{op: "approveModel", target: "fresh CB-VP registered by admin", build: freshModelBy("CB-VP", "registered", "admin", "POST", "/approve", nil),
			want: mxCodes{401, 403, 403, 403, 200, 403, 403, 404, 404}, problems: map[string]string{"admin": "own_submission"}},
		{op: "approveModel", target: "CB-VP in progress (not registered)", build: onModel(mdlVPSmile, "POST", "/approve", nil),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 403}, problems: map[string]string{"committee.officer": "invalid_transition"}},
		{op: "returnModel", target: "fresh CB-VP registered", build: freshModel("CB-VP", "registered", "POST", "/return", mdlReason),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}},
		{op: "returnModel", target: "fresh DU-SCT registered", build: freshModel("DU-SCT", "registered", "POST", "/return", mdlReason),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "returnModel", target: "fresh CB-BTTP registered", build: freshModel("CB-BTTP", "registered", "POST", "/return", mdlReason),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
		{op: "returnModel", target: "fresh DU-SCT registered by admin", build: freshModelBy("DU-SCT", "registered", "admin", "POST", "/return", mdlReason),
			want: mxCodes{401, 403, 200, 403, 403, 404, 404, 404, 404}, problems: map[string]string{"admin": "own_submission", "committee.officer": "forbidden"}},
		{op: "returnModel", target: "CB-VP in progress (not registered)", build: onModel(mdlVPSmile, "POST", "/return", mdlReason),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 403}},
		{op: "startModel", target: "fresh DU-SCT approved", build: freshModel("DU-SCT", "approved", "POST", "/start", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 403}},
		{op: "startModel", target: "fresh CB-VP approved", build: freshModel("CB-VP", "approved", "POST", "/start", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 403}},
		{op: "startModel", target: "fresh CB-BTTP approved", build: freshModel("CB-BTTP", "approved", "POST", "/start", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 403}},
		{op: "startModel", target: "CB-VP in progress (not approved)", build: onModel(mdlVPSmile, "POST", "/start", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 403}},
		{op: "completeModel", target: "fresh DU-SCT in progress", build: freshModel("DU-SCT", "in_progress", "POST", "/complete", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 403}},
		{op: "completeModel", target: "fresh CB-VP in progress", build: freshModel("CB-VP", "in_progress", "POST", "/complete", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 403}},
		{op: "completeModel", target: "fresh CB-BTTP in progress", build: freshModel("CB-BTTP", "in_progress", "POST", "/complete", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 403}},
		{op: "completeModel", target: "CB-VP completed (not in progress)", build: onModel(mdlVPSavings, "POST", "/complete", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 403}},
		// Retiring and evaluating: the owners or the reviewers.
		{op: "retireModel", target: "fresh KHOI-CQDN approved", build: freshModel("KHOI-CQDN", "approved", "POST", "/retire", mdlReason),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 403}},
		{op: "retireModel", target: "fresh DU-SCT approved", build: freshModel("DU-SCT", "approved", "POST", "/retire", mdlReason),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}},
		{op: "retireModel", target: "fresh CB-VP in progress", build: freshModel("CB-VP", "in_progress", "POST", "/retire", mdlReason),
			want: mxCodes{401, 200, 403, 403, 200, 200, 403, 404, 403}},
		{op: "retireModel", target: "fresh CB-BTTP in progress", build: freshModel("CB-BTTP", "in_progress", "POST", "/retire", mdlReason),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 403}},
		{op: "retireModel", target: "CB-VP completed (not retirable)", build: onModel(mdlVPSavings, "POST", "/retire", mdlReason),
			want: mxCodes{401, 409, 403, 403, 409, 409, 403, 404, 403}},
		{op: "createModelEvaluation", target: "fresh DU-SCT in progress", build: freshModel("DU-SCT", "in_progress", "POST", "/evaluations", mdlEval),
			want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}},
		{op: "createModelEvaluation", target: "fresh CB-VP in progress", build: freshModel("CB-VP", "in_progress", "POST", "/evaluations", mdlEval),
			want: mxCodes{401, 201, 403, 403, 201, 201, 403, 404, 403}},
		{op: "createModelEvaluation", target: "fresh CB-BTTP in progress", build: freshModel("CB-BTTP", "in_progress", "POST", "/evaluations", mdlEval),
			want: mxCodes{401, 201, 403, 403, 404, 404, 404, 201, 403}},
		// Reviewer evaluations (issue #17 item 8): the officers of any unit above the model's unit
		// (the committee above, the bloc two levels up, admin); the unit's own officers and
		// everyone else readable 403, outside the ancestors 404.
		{op: "createModelReviewerEvaluation", target: "fresh CB-VP in progress", build: freshModel("CB-VP", "in_progress", "POST", "/reviewer-evaluations", mdlEval),
			want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}},
		{op: "createModelReviewerEvaluation", target: "fresh CB-VP completed", build: freshModel("CB-VP", "completed", "POST", "/reviewer-evaluations", mdlEval),
			want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}},
		{op: "createModelReviewerEvaluation", target: "fresh DU-SCT in progress (comm's own)", build: freshModel("DU-SCT", "in_progress", "POST", "/reviewer-evaluations", mdlEval),
			want: mxCodes{401, 201, 201, 403, 403, 403, 403, 404, 403}},
		{op: "createModelReviewerEvaluation", target: "fresh CB-BTTP in progress", build: freshModel("CB-BTTP", "in_progress", "POST", "/reviewer-evaluations", mdlEval),
			want: mxCodes{401, 201, 201, 403, 404, 404, 404, 403, 403}},
		{op: "createModelReviewerEvaluation", target: "CB-BTTP approved (not running)", build: onModel(mdlBTTPApproved, "POST", "/reviewer-evaluations", mdlEval),
			want: mxCodes{401, 409, 409, 403, 404, 404, 404, 403, 403}, problems: map[string]string{"admin": "invalid_transition", "cell.secretary2": "forbidden"}},
		{op: "createModelReviewerEvaluation", target: "foreign cell's", build: onModel(mdlMX, "POST", "/reviewer-evaluations", mdlEval),
			want: mxCodes{401, 409, 404, 404, 404, 404, 404, 404, 404}},
		{op: "createModelReviewerEvaluation", target: "unknown id", build: onModel(uuid.New(), "POST", "/reviewer-evaluations", mdlEval),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// The demo evaluated CB-VP's model in progress for Q1 already.
		{op: "createModelEvaluation", target: "CB-VP in progress, Q1 again", want: mxCodes{401, 409, 403, 403, 409, 409, 403, 404, 403},
			build:    onModel(mdlVPSmile, "POST", "/evaluations", map[string]any{"period": "Q1", "rating": "fair"}),
			problems: map[string]string{"admin": "duplicate", "cell.secretary": "duplicate", "member": "forbidden"}},
		{op: "createModelEvaluation", target: "CB-VP completed (not in progress)", build: onModel(mdlVPSavings, "POST", "/evaluations", mdlEval),
			want: mxCodes{401, 409, 403, 403, 409, 409, 403, 404, 403}, problems: map[string]string{"admin": "invalid_transition", "bloc.officer": "forbidden"}},
		// Carrying over: the owners, into a later year up to next year, once per year.
		{op: "carryOverModel", target: "fresh DU-SCT approved", build: freshModel("DU-SCT", "approved", "POST", "/carry-over", nextYear),
			want: mxCodes{401, 201, 403, 403, 201, 403, 403, 404, 403}},
		{op: "carryOverModel", target: "fresh CB-VP approved", build: freshModel("CB-VP", "approved", "POST", "/carry-over", nextYear),
			want: mxCodes{401, 201, 403, 403, 403, 201, 403, 404, 403}},
		{op: "carryOverModel", target: "fresh CB-BTTP completed", build: freshModel("CB-BTTP", "completed", "POST", "/carry-over", nextYear),
			want: mxCodes{401, 201, 403, 403, 404, 404, 404, 201, 403}},
		{op: "carryOverModel", target: "fresh CB-VP approved, carried over already", want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 403},
			problems: map[string]string{"admin": "duplicate", "cell.secretary": "duplicate"},
			build: func(e *env, _ string) req {
				id := fx.model(e, e.units["CB-VP"], thisYear, "approved", registrar["CB-VP"]).String()
				e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/models/" + id + "/carry-over", User: "admin", Body: nextYear})
				return req{Method: "POST", Path: "/api/v1/models/" + id + "/carry-over", Body: nextYear}
			}},
		{op: "carryOverModel", target: "CB-VP in progress, into its own year", build: onModel(mdlVPSmile, "POST", "/carry-over", map[string]any{"year": thisYear}),
			want: mxCodes{401, 422, 403, 403, 403, 422, 403, 404, 403}},
		{op: "carryOverModel", target: "CB-KTAT draft", build: onModel(mdlKTDraft, "POST", "/carry-over", nextYear),
			want: mxCodes{401, 409, 403, 403, 403, 404, 404, 404, 404}},
		// Replicating: a reader of the model holding a bloc or committee officer role, into units of
		// its subtree (404 for a unit outside it, as for the committee officer into CB-BTTP).
		{op: "replicateModel", target: "fresh CB-VP approved into CB-QLTM", build: replicateFresh("CB-VP", replicateInto("CB-QLTM")),
			want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}},
		{op: "replicateModel", target: "fresh CB-VP approved into a fresh DU-SCT cell",
			build: replicateFresh("CB-VP", func(e *env) uuid.UUID { return fx.cell(e, e.units["DU-SCT"]) }),
			want:  mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}},
		{op: "replicateModel", target: "fresh DU-SCT approved into CB-VP", build: replicateFresh("DU-SCT", replicateInto("CB-VP")),
			want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}},
		{op: "replicateModel", target: "fresh CB-VP approved into CB-BTTP", build: replicateFresh("CB-VP", replicateInto("CB-BTTP")),
			want: mxCodes{401, 201, 201, 403, 404, 403, 403, 404, 403}, problems: map[string]string{"committee.officer": "unit_not_found"}},
		{op: "replicateModel", target: "fresh CB-BTTP approved into CB-HCTP", build: replicateFresh("CB-BTTP", replicateInto("CB-HCTP")),
			want: mxCodes{401, 201, 201, 403, 404, 404, 404, 403, 403}},
		{op: "replicateModel", target: "fresh KHOI-CQDN approved into DU-STP", build: replicateFresh("KHOI-CQDN", replicateInto("DU-STP")),
			want: mxCodes{401, 201, 201, 403, 404, 403, 403, 403, 403}, problems: map[string]string{"committee.officer": "unit_not_found"}},
		{op: "replicateModel", target: "CB-VP completed into CB-VP (its own unit)", build: onModel(mdlVPSavings, "POST", "/replications", map[string]any{"unit_ids": []uuid.UUID{e.units["CB-VP"]}}),
			want: mxCodes{401, 422, 422, 403, 422, 403, 403, 404, 403}, problems: map[string]string{"admin": "not_replicable_here"}},
		{op: "replicateModel", target: "CB-VP completed into CB-QLTM (replicated already)", build: onModel(mdlVPSavings, "POST", "/replications", map[string]any{"unit_ids": []uuid.UUID{e.units["CB-QLTM"]}}),
			want: mxCodes{401, 409, 409, 403, 409, 403, 403, 404, 403}, problems: map[string]string{"committee.officer": "already_replicated"}},
		{op: "replicateModel", target: "CB-QLTM registered (not approved)", build: onModel(mdlQLRegistered, "POST", "/replications", map[string]any{"unit_ids": []uuid.UUID{e.units["CB-KTAT"]}}),
			want: mxCodes{401, 409, 409, 403, 409, 404, 404, 404, 404}, problems: map[string]string{"bloc.officer": "invalid_transition"}},
	}
}
