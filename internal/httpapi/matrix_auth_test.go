package httpapi_test

import (
	"net/http"
	"testing"

	"lamtheobac/internal/seed"
)

// mxAuthRows is the rows of the operations every caller may call (health, keys) and of authentication.
func mxAuthRows(w *mxWorld) []mxRow {
	e, fx, portalClientID, portalSecret, clientForm, get := w.e, w.fx, w.portalClientID, w.portalSecret, w.clientForm, w.get
	return []mxRow{
		// ---- ops: public -------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getHealthz", target: "-", build: get("/healthz"), want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{op: "getReadyz", target: "-", build: get("/readyz"), want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{op: "getJWKS", target: "-", build: get("/.well-known/jwks.json"), want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}},

		// ---- auth: public, answered on the credentials in the body -------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "login", target: "valid demo credentials", want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"username": "member", "password": seed.DemoPassword}}
			}},
		{op: "login", target: "wrong password", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(e *env, _ string) req {
				// A fresh account each time, so the failures never add up to a lockout.
				_, name := fx.account(e, e.units["CB-VP"])
				return req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"username": name, "password": "not-the-password"}}
			}},
		{op: "login", target: "unknown user", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"username": fx.next("nobody"), "password": "whatever1"}}
			}},
		{op: "refreshToken", target: "bogus token", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]any{"refresh_token": "bogus-" + fx.next("r")}}
			}},
		{op: "refreshToken", target: "fresh token of member", want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200},
			build: func(e *env, _ string) req {
				tok := e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/auth/login",
					Body: map[string]any{"username": "member", "password": seed.DemoPassword}}).JSON(e.t)
				return req{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]any{"refresh_token": tok["refresh_token"]}}
			}},
		{op: "logout", target: "bogus token", want: mxCodes{204, 204, 204, 204, 204, 204, 204, 204, 204},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/logout", Body: map[string]any{"refresh_token": "bogus-" + fx.next("r")}}
			}},
		{op: "clientToken", target: "portal, right secret", want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/token", Body: clientForm(portalClientID, portalSecret), Content: "application/x-www-form-urlencoded"}
			}},
		{op: "clientToken", target: "portal, wrong secret", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/token", Body: clientForm(portalClientID, "wrong-secret"), Content: "application/x-www-form-urlencoded"}
			}},
		{op: "clientToken", target: "unknown client", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/token", Body: clientForm("cl_unknown", portalSecret), Content: "application/x-www-form-urlencoded"}
			}},
		{op: "getMe", target: "self", build: get("/api/v1/me"), want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: func(t *testing.T, caller string, got resp) {
				if id := got.JSON(t)["id"]; id != e.users[caller].String() {
					t.Errorf("me.id = %v, want %s", id, e.users[caller])
				}
			}},
	}
}
