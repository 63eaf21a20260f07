package httpapi_test

import (
	"net/http"

	"github.com/google/uuid"
)

// mxPortalReadRows is the rows of the public portal reads, before the publication rows publish more.
func mxPortalReadRows(w *mxWorld) []mxRow {
	unit, get, publicGet := w.unit, w.get, w.publicGet
	return []mxRow{
		// ---- portal: public reads --------------------------------------------------------------------
		// No token needed: 200 for everyone, anonymous included; a token, if sent, must be valid.
		// Reads come first: the publication rows below publish more.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listPublicExemplars", target: "-", build: get("/public/exemplars"),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxCount(mxForAll(2))},
		{op: "listPublicExemplars", target: "committee_id=DU-SCT", build: get("/public/exemplars?committee_id=" + unit("DU-SCT")),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxCount(mxForAll(2))},
		{op: "listPublicExemplars", target: "committee_id=DU-STP", build: get("/public/exemplars?committee_id=" + unit("DU-STP")),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxCount(mxForAll(0))},
		{op: "listPublicExemplars", target: "bogus token", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(*env, string) req {
				return req{Method: "GET", Path: "/public/exemplars", Header: map[string]string{"Authorization": "Bearer not-a-token"}}
			}},
		{op: "listPublicModels", target: "-", build: get("/public/models"),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxCount(mxForAll(1))},
		{op: "listPublicModels", target: "bloc_id=foreign bloc", build: get("/public/models?bloc_id=" + unit("MX-BLOC")),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxCount(mxForAll(0))},
		{op: "listPublicStandards", target: "-", build: publicGet("/public/standards"),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxCount(mxForAll(1))},
		{op: "listPublicStandards", target: "committee_id=DU-SCT", build: publicGet("/public/standards?committee_id=" + unit("DU-SCT")),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxCount(mxForAll(0))},
		{op: "getPublicFeed", target: "-", build: publicGet("/public/feed.atom"),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxAtomFeed},
	}
}

// mxPublicationRows is the rows of publishing nominations, models and standards on the portal.
func mxPublicationRows(w *mxWorld) []mxRow {
	fx, stdVPDraft, onStd, fresh, thisYear, registrar, mdlKTDraft, mdlSCT, mdlVPRetired, onModel, freshModel, nomVPHonored, nomVPCommended, publish, unpublish, onNom, freshNomWith, freshNom, asAdmin, nomConsent := w.fx, w.stdVPDraft, w.onStd, w.fresh, w.thisYear, w.registrar, w.mdlKTDraft, w.mdlSCT, w.mdlVPRetired, w.onModel, w.freshModel, w.nomVPHonored, w.nomVPCommended, w.publish, w.unpublish, w.onNom, w.freshNomWith, w.freshNom, w.asAdmin, w.nomConsent
	return []mxRow{
		// ---- portal: publishing ----------------------------------------------------------------------
		// Nominations: officers over the unit holding it, only honored ones, individuals only with
		// consent. Models and standards: officers over their unit (404 outside the read scope, 403
		// to other readers: portal clients too), only approved-or-later models and issued standards.
		// Publishing what is published already changes nothing.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "setNominationPublication", target: "fresh CB-VP honored collective (held at DU-SCT)", build: freshNom("CB-VP", "collective", "honored", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxPublished(true)},
		{op: "setNominationPublication", target: "fresh DU-SCT honored collective (held at KHOI-CQDN)", build: freshNom("DU-SCT", "collective", "honored", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 404, 404}, check: mxPublished(true)},
		{op: "setNominationPublication", target: "fresh CB-BTTP honored collective (held at DU-STP)", build: freshNom("CB-BTTP", "collective", "honored", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}, check: mxPublished(true)},
		{op: "setNominationPublication", target: "fresh CB-VP honored individual, no consent", build: freshNom("CB-VP", "individual", "honored", "PUT", "/publication", publish),
			want:     mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404},
			problems: map[string]string{"admin": "consent_missing", "bloc.officer": "forbidden", "committee.officer": "consent_missing"}},
		{op: "setNominationPublication", target: "fresh CB-VP honored individual, consenting", want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404},
			build: freshNomWith("CB-VP", "individual", "honored", registrar["CB-VP"], asAdmin("/consent", "POST", nomConsent), "PUT", "/publication", publish),
			check: mxPublished(true)},
		{op: "setNominationPublication", target: "CB-VP honored, published already", build: onNom(nomVPHonored, "PUT", "/publication", publish),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxPublished(true)},
		{op: "setNominationPublication", target: "fresh CB-VP honored collective, published: withdraw", want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404},
			build: freshNomWith("CB-VP", "collective", "honored", registrar["CB-VP"], asAdmin("/publication", "PUT", publish), "PUT", "/publication", unpublish),
			check: mxPublished(false)},
		{op: "setNominationPublication", target: "CB-VP commended (not honored)", build: onNom(nomVPCommended, "PUT", "/publication", publish),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404}, problems: map[string]string{"committee.officer": "invalid_transition"}},
		{op: "setNominationPublication", target: "unknown id", build: onNom(uuid.New(), "PUT", "/publication", publish),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "setModelPublication", target: "fresh CB-VP approved", build: freshModel("CB-VP", "approved", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}, check: mxPublished(true)},
		{op: "setModelPublication", target: "fresh DU-SCT approved", build: freshModel("DU-SCT", "approved", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}, check: mxPublished(true)},
		{op: "setModelPublication", target: "fresh KHOI-CQDN approved", build: freshModel("KHOI-CQDN", "approved", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 403}, check: mxPublished(true)},
		{op: "setModelPublication", target: "fresh CB-BTTP in progress", build: freshModel("CB-BTTP", "in_progress", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 403, 403}, check: mxPublished(true)},
		{op: "setModelPublication", target: "fresh foreign cell approved", build: freshModel("MX-CB", "approved", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "setModelPublication", target: "fresh CB-VP approved, published: withdraw", want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403},
			build: func(e *env, _ string) req {
				id := fx.model(e, e.units["CB-VP"], thisYear, "approved", registrar["CB-VP"]).String()
				e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + id + "/publication", User: "admin", Body: publish})
				return req{Method: "PUT", Path: "/api/v1/models/" + id + "/publication", Body: unpublish}
			},
			check: mxPublished(false)},
		{op: "setModelPublication", target: "DU-SCT approved, published already", build: onModel(mdlSCT, "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}, check: mxPublished(true)},
		{op: "setModelPublication", target: "CB-KTAT draft (not publishable)", build: onModel(mdlKTDraft, "PUT", "/publication", publish),
			want: mxCodes{401, 409, 409, 403, 409, 404, 404, 404, 403}, problems: map[string]string{"admin": "not_publishable", "committee.officer": "not_publishable"}},
		{op: "setModelPublication", target: "CB-VP retired (not publishable)", build: onModel(mdlVPRetired, "PUT", "/publication", publish),
			want: mxCodes{401, 409, 409, 403, 409, 403, 403, 404, 403}},
		{op: "setModelPublication", target: "unknown id", build: onModel(uuid.New(), "PUT", "/publication", publish),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "setStandardPublication", target: "fresh DU-SCT issued", build: fresh("DU-SCT", "issued", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}, check: mxPublished(true)},
		{op: "setStandardPublication", target: "fresh CB-VP issued", build: fresh("CB-VP", "issued", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}, check: mxPublished(true)},
		{op: "setStandardPublication", target: "fresh KHOI-CQDN issued", build: fresh("KHOI-CQDN", "issued", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 403}, check: mxPublished(true)},
		{op: "setStandardPublication", target: "fresh CB-BTTP issued", build: fresh("CB-BTTP", "issued", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 403, 403}, check: mxPublished(true)},
		{op: "setStandardPublication", target: "fresh foreign committee issued", build: fresh("MX-DU", "issued", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "setStandardPublication", target: "fresh DU-SCT issued, published: withdraw", want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403},
			build: func(e *env, _ string) req {
				id := fx.standard(e, e.units["DU-SCT"], "issued").String()
				e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/standards/" + id + "/publication", User: "admin", Body: publish})
				return req{Method: "PUT", Path: "/api/v1/standards/" + id + "/publication", Body: unpublish}
			},
			check: mxPublished(false)},
		{op: "setStandardPublication", target: "CB-VP draft (not publishable)", build: onStd(stdVPDraft, "PUT", "/publication", publish),
			want: mxCodes{401, 409, 409, 403, 409, 403, 403, 404, 403}, problems: map[string]string{"admin": "not_publishable", "committee.officer": "not_publishable"}},
		{op: "setStandardPublication", target: "unknown id", build: onStd(uuid.New(), "PUT", "/publication", publish),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
	}
}
