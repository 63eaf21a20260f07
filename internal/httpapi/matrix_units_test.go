package httpapi_test

import (
	"github.com/google/uuid"
)

// mxUnitRows is the rows of blocs, committees, cells, units of any level and the audit trail.
func mxUnitRows(w *mxWorld) []mxRow {
	e, fx, unit, newUnit, rename, patchUnit, recode, unarchive, archiveFresh, archived, get := w.e, w.fx, w.unit, w.newUnit, w.rename, w.patchUnit, w.recode, w.unarchive, w.archiveFresh, w.archived, w.get
	return []mxRow{
		// ---- blocs ---------------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listBlocs", target: "-", build: get("/api/v1/blocs"), want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxListed(map[string][]string{"bloc.officer": {"KHOI-CQDN"}, "inspector": {"KHOI-CQDN"}, "committee.officer": {"KHOI-CQDN"},
				"cell.secretary": {"KHOI-CQDN"}, "member": {"KHOI-CQDN"}, "cell.secretary2": {"KHOI-CQDN"}, "portal": {"KHOI-CQDN"}})},
		{op: "createBloc", target: "new bloc", want: mxCodes{401, 201, 403, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req { return req{Method: "POST", Path: "/api/v1/blocs", Body: newUnit("MX-NB")} }},
		{op: "getBloc", target: "KHOI-CQDN (own bloc or above)", build: get("/api/v1/blocs/" + unit("KHOI-CQDN")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxActions(map[string][]string{"admin": mxAllBlocActions, "bloc.officer": mxOwnBlocActions, "inspector": mxReader,
				"committee.officer": mxNone, "cell.secretary": mxNone, "member": mxNone, "cell.secretary2": mxNone, "portal": mxNone})},
		{op: "getBloc", target: "foreign bloc", build: get("/api/v1/blocs/" + unit("MX-BLOC")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getBloc", target: "a committee id (wrong level)", build: get("/api/v1/blocs/" + unit("DU-SCT")),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateBloc", target: "KHOI-CQDN", want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/blocs/" + unit("KHOI-CQDN"), Body: rename()}
			}},
		{op: "updateBloc", target: "foreign bloc", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/blocs/" + unit("MX-BLOC"), Body: rename()}
			}},
		// Recoding or archiving a bloc is for administrators only, not its own officers.
		{op: "updateBloc", target: "KHOI-CQDN: code", build: patchUnit("/api/v1/blocs/", "KHOI-CQDN", recode("KHOI-CQDN")),
			want: mxCodes{401, 200, 403, 403, 403, 403, 403, 403, 403}},
		{op: "updateBloc", target: "KHOI-CQDN: archived=false", build: patchUnit("/api/v1/blocs/", "KHOI-CQDN", unarchive),
			want: mxCodes{401, 200, 403, 403, 403, 403, 403, 403, 403}},
		{op: "listCommittees", target: "KHOI-CQDN", build: get("/api/v1/blocs/" + unit("KHOI-CQDN") + "/committees"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			// Readable only as an ancestor: just the way down to the caller's own units.
			check: mxListed(map[string][]string{"committee.officer": {"DU-SCT"}, "cell.secretary": {"DU-SCT"}, "member": {"DU-SCT"}, "cell.secretary2": {"DU-STP"}})},
		{op: "listCommittees", target: "foreign bloc", build: get("/api/v1/blocs/" + unit("MX-BLOC") + "/committees"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "createCommittee", target: "in KHOI-CQDN", want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/blocs/" + unit("KHOI-CQDN") + "/committees", Body: newUnit("MX-C")}
			}},
		{op: "createCommittee", target: "in foreign bloc", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/blocs/" + unit("MX-BLOC") + "/committees", Body: newUnit("MX-C")}
			}},

		// ---- committees ----------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getCommittee", target: "DU-SCT (comm's own, cs's parent)", build: get("/api/v1/committees/" + unit("DU-SCT")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": mxAllBlocActions, "bloc.officer": mxAllBlocActions, "inspector": mxReader,
				"committee.officer": mxOwnBlocActions, "cell.secretary": mxNone, "member": mxNone, "portal": mxNone})},
		{op: "getCommittee", target: "DU-STP (other committee)", build: get("/api/v1/committees/" + unit("DU-STP")),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: mxActions(map[string][]string{"cell.secretary2": mxNone, "inspector": mxReader})},
		{op: "getCommittee", target: "foreign bloc's committee", build: get("/api/v1/committees/" + unit("MX-DU")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getCommittee", target: "a cell id (wrong level)", build: get("/api/v1/committees/" + unit("CB-VP")),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateCommittee", target: "DU-SCT", want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/committees/" + unit("DU-SCT"), Body: rename()}
			}},
		{op: "updateCommittee", target: "DU-STP", want: mxCodes{401, 200, 200, 403, 404, 404, 404, 403, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/committees/" + unit("DU-STP"), Body: rename()}
			}},
		{op: "updateCommittee", target: "foreign bloc's committee", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/committees/" + unit("MX-DU"), Body: rename()}
			}},
		// Recoding and archiving a committee need the right at its bloc: not its own officers.
		{op: "updateCommittee", target: "DU-SCT: code", build: patchUnit("/api/v1/committees/", "DU-SCT", recode("DU-SCT")),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 404, 403}},
		{op: "updateCommittee", target: "DU-SCT: archived=false", build: patchUnit("/api/v1/committees/", "DU-SCT", unarchive),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 404, 403}},
		{op: "updateCommittee", target: "DU-SCT: name and code", want: mxCodes{401, 200, 200, 403, 403, 403, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/committees/" + unit("DU-SCT"), Body: map[string]any{"name": fx.next("Tên mới"), "code": "DU-SCT"}}
			}},
		{op: "updateCommittee", target: "DU-STP: code", build: patchUnit("/api/v1/committees/", "DU-STP", recode("DU-STP")),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 403, 403}},
		{op: "updateCommittee", target: "fresh committee in KHOI-CQDN: code, archived=true", check: archived,
			build: archiveFresh("/api/v1/committees/", func(e *env) uuid.UUID { return fx.committee(e, e.units["KHOI-CQDN"]) }),
			want:  mxCodes{401, 200, 200, 403, 404, 404, 404, 404, 403}},
		{op: "listCells", target: "DU-SCT", build: get("/api/v1/committees/" + unit("DU-SCT") + "/cells"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxListed(map[string][]string{"cell.secretary": {"CB-VP"}, "member": {"CB-VP"}})},
		{op: "listCells", target: "DU-STP", build: get("/api/v1/committees/" + unit("DU-STP") + "/cells"),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: mxListed(map[string][]string{"cell.secretary2": {"CB-BTTP"}})},
		{op: "createCell", target: "in DU-SCT", want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/committees/" + unit("DU-SCT") + "/cells", Body: newUnit("MX-CB")}
			}},
		{op: "createCell", target: "in DU-STP", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 403, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/committees/" + unit("DU-STP") + "/cells", Body: newUnit("MX-CB")}
			}},
		{op: "createCell", target: "in foreign bloc's committee", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/committees/" + unit("MX-DU") + "/cells", Body: newUnit("MX-CB")}
			}},

		// ---- cells ---------------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getCell", target: "CB-VP (cs's and mem's own)", build: get("/api/v1/cells/" + unit("CB-VP")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": mxAllCellActions, "bloc.officer": mxAllCellActions, "inspector": mxReader,
				"committee.officer": mxAllCellActions, "cell.secretary": {"read_users", "manage_users"}, "member": mxNone, "portal": mxNone})},
		{op: "getCell", target: "CB-QLTM (sibling cell)", build: get("/api/v1/cells/" + unit("CB-QLTM")),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 200}},
		{op: "getCell", target: "CB-BTTP (other committee's cell)", build: get("/api/v1/cells/" + unit("CB-BTTP")),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: mxActions(map[string][]string{"cell.secretary2": {"read_users", "manage_users"}})},
		{op: "getCell", target: "foreign bloc's cell", build: get("/api/v1/cells/" + unit("MX-CB")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getCell", target: "a committee id (wrong level)", build: get("/api/v1/cells/" + unit("DU-SCT")),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateCell", target: "CB-VP", want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/cells/" + unit("CB-VP"), Body: rename()}
			}},
		{op: "updateCell", target: "CB-QLTM", want: mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/cells/" + unit("CB-QLTM"), Body: rename()}
			}},
		{op: "updateCell", target: "CB-BTTP", want: mxCodes{401, 200, 200, 403, 404, 404, 404, 403, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/cells/" + unit("CB-BTTP"), Body: rename()}
			}},
		{op: "updateCell", target: "foreign bloc's cell", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/cells/" + unit("MX-CB"), Body: rename()}
			}},
		// Recoding and archiving a cell need the right at its committee.
		{op: "updateCell", target: "CB-VP: code", build: patchUnit("/api/v1/cells/", "CB-VP", recode("CB-VP")),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}},
		{op: "updateCell", target: "CB-VP: archived=false", build: patchUnit("/api/v1/cells/", "CB-VP", unarchive),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}},
		{op: "updateCell", target: "CB-BTTP: archived=false", build: patchUnit("/api/v1/cells/", "CB-BTTP", unarchive),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 403, 403}},
		{op: "updateCell", target: "fresh cell in DU-SCT: code, archived=true", check: archived,
			build: archiveFresh("/api/v1/cells/", func(e *env) uuid.UUID { return fx.cell(e, e.units["DU-SCT"]) }),
			want:  mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 403}},

		// ---- units of any level --------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getUnit", target: "KHOI-CQDN", build: get("/api/v1/units/" + unit("KHOI-CQDN")),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxActions(map[string][]string{"admin": mxAllBlocActions, "bloc.officer": mxOwnBlocActions, "inspector": mxReader, "committee.officer": mxNone, "portal": mxNone})},
		{op: "getUnit", target: "DU-SCT", build: get("/api/v1/units/" + unit("DU-SCT")),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": mxAllBlocActions, "bloc.officer": mxAllBlocActions, "committee.officer": mxOwnBlocActions, "cell.secretary": mxNone})},
		{op: "getUnit", target: "CB-VP", build: get("/api/v1/units/" + unit("CB-VP")),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"committee.officer": mxAllCellActions, "cell.secretary": {"read_users", "manage_users"}, "member": mxNone})},
		{op: "getUnit", target: "CB-QLTM", build: get("/api/v1/units/" + unit("CB-QLTM")),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 200}},
		{op: "getUnit", target: "DU-STP", build: get("/api/v1/units/" + unit("DU-STP")),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}},
		{op: "getUnit", target: "CB-BTTP", build: get("/api/v1/units/" + unit("CB-BTTP")),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}},
		{op: "getUnit", target: "foreign bloc", build: get("/api/v1/units/" + unit("MX-BLOC")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getUnit", target: "unknown id", build: get("/api/v1/units/" + uuid.NewString()),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// By code: the same read rules as by id.
		{op: "getUnitByCode", target: "CB-VP", build: get("/api/v1/unit-by-code/CB-VP"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxField("code", "CB-VP")},
		{op: "getUnitByCode", target: "CB-QLTM", build: get("/api/v1/unit-by-code/CB-QLTM"),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 200}},
		{op: "getUnitByCode", target: "foreign bloc", build: get("/api/v1/unit-by-code/MX-BLOC"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getUnitByCode", target: "unknown code", build: get("/api/v1/unit-by-code/KHONG-CO"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "deleteUnit", target: "fresh cell in DU-SCT", want: mxCodes{401, 204, 204, 403, 204, 404, 404, 404, 403},
			build: func(e *env, _ string) req {
				return req{Method: "DELETE", Path: "/api/v1/units/" + fx.cell(e, e.units["DU-SCT"]).String()}
			}},
		{op: "deleteUnit", target: "fresh cell in DU-STP", want: mxCodes{401, 204, 204, 403, 404, 404, 404, 404, 403},
			build: func(e *env, _ string) req {
				return req{Method: "DELETE", Path: "/api/v1/units/" + fx.cell(e, e.units["DU-STP"]).String()}
			}},
		{op: "deleteUnit", target: "fresh committee in KHOI-CQDN", want: mxCodes{401, 204, 204, 403, 404, 404, 404, 404, 403},
			build: func(e *env, _ string) req {
				return req{Method: "DELETE", Path: "/api/v1/units/" + fx.committee(e, e.units["KHOI-CQDN"]).String()}
			}},
		{op: "deleteUnit", target: "fresh cell in foreign bloc", want: mxCodes{401, 204, 404, 404, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req {
				return req{Method: "DELETE", Path: "/api/v1/units/" + fx.cell(e, e.units["MX-DU"]).String()}
			}},
		// Access is decided before the records: only those who may delete learn it has some.
		// Deleting needs the right one level up: not the unit's own officers.
		{op: "deleteUnit", target: "CB-VP (has users)", want: mxCodes{401, 409, 409, 403, 409, 403, 403, 404, 403},
			build: func(*env, string) req { return req{Method: "DELETE", Path: "/api/v1/units/" + unit("CB-VP")} }},
		{op: "deleteUnit", target: "DU-SCT (comm's own; has cells)", want: mxCodes{401, 409, 409, 403, 403, 403, 403, 404, 403},
			build: func(*env, string) req { return req{Method: "DELETE", Path: "/api/v1/units/" + unit("DU-SCT")} }},
		{op: "deleteUnit", target: "KHOI-CQDN (bloc's own; has committees)", want: mxCodes{401, 409, 403, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req { return req{Method: "DELETE", Path: "/api/v1/units/" + unit("KHOI-CQDN")} }},
		{op: "listUnitChildren", target: "KHOI-CQDN", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/children"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxListed(map[string][]string{"committee.officer": {"DU-SCT"}, "member": {"DU-SCT"}, "cell.secretary2": {"DU-STP"}})},
		{op: "listUnitChildren", target: "DU-SCT", build: get("/api/v1/units/" + unit("DU-SCT") + "/children"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxListed(map[string][]string{"cell.secretary": {"CB-VP"}, "member": {"CB-VP"}})},
		{op: "listUnitChildren", target: "CB-VP (a leaf)", build: get("/api/v1/units/" + unit("CB-VP") + "/children"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxListed(map[string][]string{"admin": {}, "cell.secretary": {}, "member": {}})},
		{op: "listUnitChildren", target: "DU-STP", build: get("/api/v1/units/" + unit("DU-STP") + "/children"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}},
		{op: "listUnitChildren", target: "foreign bloc", build: get("/api/v1/units/" + unit("MX-BLOC") + "/children"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},

		// ---- audit ---------------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listAuditEvents", target: "KHOI-CQDN", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/audit-events"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403}},
		{op: "listAuditEvents", target: "DU-SCT", build: get("/api/v1/units/" + unit("DU-SCT") + "/audit-events?action=unit.create"),
			want:  mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403},
			check: mxItemsNotAt(e, "unit_id", map[string][]string{"committee.officer": mxOutsideSCT, "inspector": mxOutsideSCT})},
		{op: "listAuditEvents", target: "CB-VP", build: get("/api/v1/units/" + unit("CB-VP") + "/audit-events"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}},
		{op: "listAuditEvents", target: "DU-STP", build: get("/api/v1/units/" + unit("DU-STP") + "/audit-events?action=unit.create"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 403, 403},
			// Other committees' and blocs' events are not part of DU-STP's trail.
			check: mxItemsNotAt(e, "unit_id", map[string][]string{"inspector": mxOutsideSTP, "admin": mxOutsideSTP, "bloc.officer": mxOutsideSTP})},
		{op: "listAuditEvents", target: "foreign bloc", build: get("/api/v1/units/" + unit("MX-BLOC") + "/audit-events"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		// The whole trail is a global action: administrators only, 403 (nothing to hide) to the rest.
		{op: "listAllAuditEvents", target: "-", build: get("/api/v1/audit-events"),
			want: mxCodes{401, 200, 403, 403, 403, 403, 403, 403, 403}},
		{op: "listAllAuditEvents", target: "resource_id=foreign bloc", build: get("/api/v1/audit-events?resource_id=" + unit("MX-BLOC")),
			want:  mxCodes{401, 200, 403, 403, 403, 403, 403, 403, 403},
			check: mxItemsWhere(e, "resource_id", map[string][]string{"admin": {"MX-BLOC"}})},
	}
}
