package httpapi_test

import (
	"github.com/google/uuid"
)

// mxImportRows is the rows of bulk imports.
func mxImportRows(w *mxWorld) []mxRow {
	e, unit, get := w.e, w.unit, w.get
	return []mxRow{
		// ---- imports ------------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		// Uploading needs a role holding over the unit that may create the kind; no workers run
		// here, so jobs stay queued.
		{op: "createImport", target: "models dry run into DU-SCT", want: mxCodes{401, 202, 202, 403, 202, 403, 403, 404, 403},
			build: mxUpload(e, "DU-SCT", "models")},
		{op: "createImport", target: "models into CB-VP", want: mxCodes{401, 202, 202, 403, 202, 202, 403, 404, 403},
			build: mxUpload(e, "CB-VP", "models")},
		{op: "createImport", target: "units into KHOI-CQDN", want: mxCodes{401, 202, 202, 403, 403, 403, 403, 403, 403},
			build: mxUpload(e, "KHOI-CQDN", "units")},
		{op: "createImport", target: "users into CB-VP", want: mxCodes{401, 202, 202, 403, 202, 202, 403, 404, 403},
			build: mxUpload(e, "CB-VP", "users")},
		{op: "createImport", target: "nominations into foreign bloc", want: mxCodes{401, 202, 404, 404, 404, 404, 404, 404, 404},
			build: mxUpload(e, "MX-BLOC", "nominations")},
		{op: "listImports", target: "-", build: get("/api/v1/imports"), want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200}},
		// Everyone reading DU-SCT may filter by it; a cell secretary sees only its own uploads there.
		{op: "listImports", target: "into DU-SCT", build: func(*env, string) req { return req{Method: "GET", Path: "/api/v1/imports?unit=" + unit("DU-SCT")} },
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxCount(map[string]int{"portal": 0, "member": 0})},
		// A job admin uploaded into DU-SCT: its uploader and those reading DU-SCT's audit trail.
		{op: "getImport", target: "admin's job into DU-SCT", want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			build: mxAdminJob(e, "DU-SCT", "")},
		{op: "getImport", target: "unknown id", want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req { return req{Method: "GET", Path: "/api/v1/imports/" + uuid.NewString()} }},
		{op: "listImportProblems", target: "admin's job into DU-SCT", want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			build: mxAdminJob(e, "DU-SCT", "/problems")},
		// Retrying: the uploader or those who could have uploaded it; only a job cut off by a stop.
		{op: "retryImport", target: "admin's interrupted job into DU-SCT", want: mxCodes{401, 202, 202, 403, 202, 404, 404, 404, 404},
			build: mxInterruptedJob(e, "DU-SCT")},
		{op: "retryImport", target: "admin's queued job into DU-SCT", want: mxCodes{401, 409, 409, 403, 409, 404, 404, 404, 404},
			build: func(e *env, c string) req { r := mxAdminJob(e, "DU-SCT", "/retry")(e, c); r.Method = "POST"; return r }},
		{op: "getImportTemplate", target: "models.xlsx", build: get("/api/v1/import-templates/models.xlsx"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200}},
		{op: "getImportTemplate", target: "wages.xlsx", build: get("/api/v1/import-templates/wages.xlsx"),
			want: mxCodes{401, 400, 400, 400, 400, 400, 400, 400, 400}},
	}
}

// mxUpload uploads a one-row dry run of kind into the unit with code.
func mxUpload(e *env, code, kind string) func(*env, string) req {
	return func(e *env, _ string) req {
		body, ct := multipartBody(e.t, upload{kind: kind, name: "a.csv", data: []byte("x\n1\n"), dryRun: true})
		return req{Method: "POST", Path: "/api/v1/units/" + e.units[code].String() + "/imports", Body: body, Content: ct}
	}
}

// mxAdminJob has admin upload a job into the unit with code and GETs suffix of it.
func mxAdminJob(e *env, code, suffix string) func(*env, string) req {
	return func(e *env, _ string) req {
		j := e.submit(upload{user: "admin", unit: code, kind: "models", name: "a.csv", data: []byte("x\n1\n")})
		return req{Method: "GET", Path: "/api/v1/imports/" + j.ID + suffix}
	}
}

// mxInterruptedJob has admin upload a job into the unit with code and leaves it as the sweeper
// leaves a job whose process stopped while running it: failed as interrupted.
func mxInterruptedJob(e *env, code string) func(*env, string) req {
	return func(e *env, _ string) req {
		j := e.submit(upload{user: "admin", unit: code, kind: "models", name: "a.csv", data: []byte("x\n1\n")})
		db, err := e.store.SQL()
		if err != nil {
			e.t.Fatal(err)
		}
		if _, err := db.Exec("UPDATE import_jobs SET state = 'failed', error_code = 'interrupted', attempts = 1 WHERE id = $1", j.ID); err != nil {
			e.t.Fatal(err)
		}
		return req{Method: "POST", Path: "/api/v1/imports/" + j.ID + "/retry"}
	}
}
