package httpapi

import (
	"bytes"
	"context"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"lamtheobac/api"
	"lamtheobac/internal/standard"
)

func toAPIStandard(ctx context.Context, svc *standard.Service, st standard.Standard) api.Standard {
	out := api.Standard{Id: st.ID, Unit: toAPIUnitRef(st.Unit), Title: st.Title, Subtitle: st.Subtitle, Sector: st.Sector,
		Status: api.StandardStatus(st.Status), Items: make([]api.StandardItem, len(st.Items)), IssuedAt: st.IssuedAt,
		SupersededBy: st.SupersededBy, WithdrawReason: st.WithdrawReason, CommentCount: &st.CommentCount, Version: st.Version,
		CreatedAt: st.CreatedAt, UpdatedAt: st.UpdatedAt, AllowedActions: svc.AllowedActions(ctx, st)}
	for i, it := range st.Items {
		out.Items[i] = api.StandardItem{Id: it.ID, Text: it.Text}
		if it.Relation != "" {
			r := api.StandardRelation(it.Relation)
			out.Items[i].Relation = &r
		}
	}
	if st.ConsultationClosesOn != nil {
		out.ConsultationClosesOn = &openapi_types.Date{Time: *st.ConsultationClosesOn}
	}
	if d := st.Decision; d != nil {
		out.Decision = &api.Decision{Number: d.Number, Date: openapi_types.Date{Time: d.Date}, Signer: d.Signer}
	}
	return out
}

func (s *Server) standardOne(ctx context.Context, st standard.Standard) api.StandardOneJSONResponse {
	return api.StandardOneJSONResponse{Body: toAPIStandard(ctx, s.d.Standards, st), Headers: api.StandardOneResponseHeaders{ETag: etag(st.Version)}}
}

func toDomainItems(in *[]api.StandardItemInput) *[]standard.ItemInput {
	if in == nil {
		return nil
	}
	out := make([]standard.ItemInput, len(*in))
	for i, it := range *in {
		out[i] = standard.ItemInput{ID: it.Id, Text: it.Text}
		if it.Relation != nil {
			out[i].Relation = standard.Relation(*it.Relation)
		}
	}
	return &out
}

// ListStandards lists a unit's (or its subtree's) standards.
func (s *Server) ListStandards(ctx context.Context, r api.ListStandardsRequestObject) (api.ListStandardsResponseObject, error) {
	p := r.Params
	f := standard.Filter{Q: searchText(p.Q), Limit: pageLimit(p.Limit), Cursor: cursorOf(ctx)}
	if p.Status != nil {
		f.Status = standard.Status(*p.Status)
	}
	subtree := p.Scope != nil && *p.Scope == api.ListStandardsParamsScopeSubtree
	list, next, err := s.d.Standards.List(ctx, r.UnitId, subtree, f)
	if err != nil {
		return nil, err
	}
	items := make([]api.Standard, len(list))
	for i, st := range list {
		items[i] = toAPIStandard(ctx, s.d.Standards, st)
	}
	return api.ListStandards200JSONResponse{Items: items, NextCursor: nextCursor(ctx, next)}, nil
}

// CreateStandard drafts a standard.
func (s *Server) CreateStandard(ctx context.Context, r api.CreateStandardRequestObject) (api.CreateStandardResponseObject, error) {
	b := r.Body
	st, err := s.d.Standards.Create(ctx, r.UnitId, standard.Content{Title: &b.Title, Subtitle: b.Subtitle, Sector: b.Sector, Items: toDomainItems(b.Items)})
	if err != nil {
		return nil, err
	}
	return api.CreateStandard201JSONResponse{Body: toAPIStandard(ctx, s.d.Standards, st),
		Headers: api.CreateStandard201ResponseHeaders{ETag: etag(st.Version), Location: "/api/v1/standards/" + st.ID.String()}}, nil
}

// GetStandard returns a standard.
func (s *Server) GetStandard(ctx context.Context, r api.GetStandardRequestObject) (api.GetStandardResponseObject, error) {
	st, err := s.d.Standards.Get(ctx, r.StandardId)
	if err != nil {
		return nil, err
	}
	return api.GetStandard200JSONResponse{StandardOneJSONResponse: s.standardOne(ctx, st)}, nil
}

// UpdateStandard edits a draft.
func (s *Server) UpdateStandard(ctx context.Context, r api.UpdateStandardRequestObject) (api.UpdateStandardResponseObject, error) {
	b := r.Body
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (standard.Standard, error) {
		return s.d.Standards.Update(ctx, r.StandardId, v, standard.Content{Title: b.Title, Subtitle: b.Subtitle, Sector: b.Sector, Items: toDomainItems(b.Items)})
	}, infallible(s.standardOne))
	if err != nil {
		return nil, err
	}
	return api.UpdateStandard200JSONResponse{StandardOneJSONResponse: resp}, nil
}

// DeleteStandard deletes a draft.
func (s *Server) DeleteStandard(ctx context.Context, r api.DeleteStandardRequestObject) (api.DeleteStandardResponseObject, error) {
	if err := removal(r.Params.IfMatch, func(v *int64) error { return s.d.Standards.Delete(ctx, r.StandardId, v) }); err != nil {
		return nil, err
	}
	return api.DeleteStandard204Response{}, nil
}

// OpenStandardConsultation opens the consultation.
func (s *Server) OpenStandardConsultation(ctx context.Context, r api.OpenStandardConsultationRequestObject) (api.OpenStandardConsultationResponseObject, error) {
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (standard.Standard, error) {
		return s.d.Standards.OpenConsultation(ctx, r.StandardId, v, r.Body.ClosesOn.Time)
	}, infallible(s.standardOne))
	if err != nil {
		return nil, err
	}
	return api.OpenStandardConsultation200JSONResponse{StandardOneJSONResponse: resp}, nil
}

// ReturnStandardToDraft closes the consultation for revision.
func (s *Server) ReturnStandardToDraft(ctx context.Context, r api.ReturnStandardToDraftRequestObject) (api.ReturnStandardToDraftResponseObject, error) {
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (standard.Standard, error) {
		return s.d.Standards.ReturnToDraft(ctx, r.StandardId, v)
	}, infallible(s.standardOne))
	if err != nil {
		return nil, err
	}
	return api.ReturnStandardToDraft200JSONResponse{StandardOneJSONResponse: resp}, nil
}

// IssueStandard issues the standard by decision.
func (s *Server) IssueStandard(ctx context.Context, r api.IssueStandardRequestObject) (api.IssueStandardResponseObject, error) {
	d := standard.Decision{Number: deref(r.Body.DecisionNumber), Signer: deref(r.Body.Signer)}
	if r.Body.DecisionDate != nil {
		d.Date = r.Body.DecisionDate.Time
	}
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (standard.Standard, error) {
		return s.d.Standards.Issue(ctx, r.StandardId, v, d)
	}, infallible(s.standardOne))
	if err != nil {
		return nil, err
	}
	return api.IssueStandard200JSONResponse{StandardOneJSONResponse: resp}, nil
}

// WithdrawStandard withdraws an issued standard.
func (s *Server) WithdrawStandard(ctx context.Context, r api.WithdrawStandardRequestObject) (api.WithdrawStandardResponseObject, error) {
	resp, err := step(ctx, r.Params.IfMatch, func(v *int64) (standard.Standard, error) {
		return s.d.Standards.Withdraw(ctx, r.StandardId, v, r.Body.Reason)
	}, infallible(s.standardOne))
	if err != nil {
		return nil, err
	}
	return api.WithdrawStandard200JSONResponse{StandardOneJSONResponse: resp}, nil
}

func toAPIComment(c standard.Comment) api.StandardComment {
	return api.StandardComment{Id: c.ID, StandardId: c.StandardID, ItemId: c.ItemID, AuthorId: c.AuthorID, AuthorName: c.AuthorName,
		Text: c.Text, CreatedAt: c.CreatedAt}
}

// ListStandardComments lists comments.
func (s *Server) ListStandardComments(ctx context.Context, r api.ListStandardCommentsRequestObject) (api.ListStandardCommentsResponseObject, error) {
	list, next, err := s.d.Standards.Comments(ctx, r.StandardId, pageLimit(r.Params.Limit), cursorOf(ctx))
	if err != nil {
		return nil, err
	}
	items := make([]api.StandardComment, len(list))
	for i, c := range list {
		items[i] = toAPIComment(c)
	}
	return api.ListStandardComments200JSONResponse{Items: items, NextCursor: nextCursor(ctx, next)}, nil
}

// CreateStandardComment comments on a standard in consultation.
func (s *Server) CreateStandardComment(ctx context.Context, r api.CreateStandardCommentRequestObject) (api.CreateStandardCommentResponseObject, error) {
	c, err := s.d.Standards.AddComment(ctx, r.StandardId, r.Body.ItemId, r.Body.Text)
	if err != nil {
		return nil, err
	}
	return api.CreateStandardComment201JSONResponse(toAPIComment(c)), nil
}

func toAPIPosting(p standard.Posting) api.Posting {
	return api.Posting{Id: p.ID, StandardId: p.StandardID, Unit: toAPIUnitRef(p.Unit), Location: p.Location, Frame: api.FrameSize(p.Frame),
		WidthCm: p.WidthCM, HeightCm: p.HeightCM, PostedOn: openapi_types.Date{Time: p.PostedOn}, CreatedAt: p.CreatedAt}
}

// ListStandardPostings lists postings.
func (s *Server) ListStandardPostings(ctx context.Context, r api.ListStandardPostingsRequestObject) (api.ListStandardPostingsResponseObject, error) {
	list, err := s.d.Standards.Postings(ctx, r.StandardId)
	if err != nil {
		return nil, err
	}
	items := make([]api.Posting, len(list))
	for i, p := range list {
		items[i] = toAPIPosting(p)
	}
	return api.ListStandardPostings200JSONResponse{Items: items}, nil
}

// CreateStandardPosting records a posting.
func (s *Server) CreateStandardPosting(ctx context.Context, r api.CreateStandardPostingRequestObject) (api.CreateStandardPostingResponseObject, error) {
	b := r.Body
	p, err := s.d.Standards.AddPosting(ctx, r.StandardId, standard.NewPosting{UnitID: b.UnitId, Location: b.Location,
		Frame: standard.Frame(b.Frame), WidthCM: b.WidthCm, HeightCM: b.HeightCm, PostedOn: b.PostedOn.Time})
	if err != nil {
		return nil, err
	}
	return api.CreateStandardPosting201JSONResponse(toAPIPosting(p)), nil
}

// GetStandardPoster renders the poster PDF.
func (s *Server) GetStandardPoster(ctx context.Context, r api.GetStandardPosterRequestObject) (api.GetStandardPosterResponseObject, error) {
	pdf, err := s.d.Standards.Poster(ctx, r.StandardId, deref(r.Params.Frame))
	if err != nil {
		return nil, err
	}
	return api.GetStandardPoster200ApplicationpdfResponse{Body: bytes.NewReader(pdf), ContentLength: int64(len(pdf))}, nil
}

func (s *Server) toAPIAdoption(ctx context.Context, a standard.Adoption, st standard.Standard) api.Adoption {
	return api.Adoption{UnitId: a.UnitID, Standard: toAPIStandard(ctx, s.d.Standards, st), AdoptedAt: a.AdoptedAt}
}

// GetAdoptedStandard returns a unit's adoption.
func (s *Server) GetAdoptedStandard(ctx context.Context, r api.GetAdoptedStandardRequestObject) (api.GetAdoptedStandardResponseObject, error) {
	a, st, err := s.d.Standards.GetAdoption(ctx, r.UnitId)
	if err != nil {
		return nil, err
	}
	return api.GetAdoptedStandard200JSONResponse(s.toAPIAdoption(ctx, a, st)), nil
}

// AdoptStandard adopts a standard of a unit above.
func (s *Server) AdoptStandard(ctx context.Context, r api.AdoptStandardRequestObject) (api.AdoptStandardResponseObject, error) {
	a, st, err := s.d.Standards.Adopt(ctx, r.UnitId, r.Body.StandardId)
	if err != nil {
		return nil, err
	}
	return api.AdoptStandard200JSONResponse(s.toAPIAdoption(ctx, a, st)), nil
}

// UnadoptStandard removes the adoption.
func (s *Server) UnadoptStandard(ctx context.Context, r api.UnadoptStandardRequestObject) (api.UnadoptStandardResponseObject, error) {
	if err := s.d.Standards.Unadopt(ctx, r.UnitId); err != nil {
		return nil, err
	}
	return api.UnadoptStandard204Response{}, nil
}

// GetEffectiveStandard returns the standard in force for a unit.
func (s *Server) GetEffectiveStandard(ctx context.Context, r api.GetEffectiveStandardRequestObject) (api.GetEffectiveStandardResponseObject, error) {
	e, err := s.d.Standards.EffectiveFor(ctx, r.UnitId)
	if err != nil {
		return nil, err
	}
	out := api.GetEffectiveStandard200JSONResponse{Source: api.StandardSource(e.Source)}
	if e.Standard != nil {
		st := toAPIStandard(ctx, s.d.Standards, *e.Standard)
		out.Standard = &st
	}
	if e.From != nil {
		ref := toAPIUnitRef(*e.From)
		out.FromUnit = &ref
	}
	return out, nil
}

// GetStandardCoverage reports where each unit of a subtree gets its standard from.
func (s *Server) GetStandardCoverage(ctx context.Context, r api.GetStandardCoverageRequestObject) (api.GetStandardCoverageResponseObject, error) {
	p := r.Params
	f := standard.CoverageFilter{Pending: p.Pending, Limit: pageLimit(p.Limit), Cursor: cursorOf(ctx)}
	if p.Source != nil {
		f.Source = standard.Source(*p.Source)
	}
	page, err := s.d.Standards.CoveragePage(ctx, r.UnitId, f)
	if err != nil {
		return nil, err
	}
	out := api.GetStandardCoverage200JSONResponse{Items: make([]api.StandardCoverageRow, len(page.Rows)), NextCursor: nextCursor(ctx, page.Next)}
	t := page.Totals
	out.Totals.Units, out.Totals.Own, out.Totals.Adopted, out.Totals.Inherited, out.Totals.None, out.Totals.Pending =
		t.Units, t.Own, t.Adopted, t.Inherited, t.None, t.Pending
	for i, row := range page.Rows {
		item := api.StandardCoverageRow{Unit: toAPIUnitRef(row.Unit.Ref()), Source: api.StandardSource(row.Effective.Source)}
		if row.Effective.Standard != nil {
			item.StandardId = &row.Effective.Standard.ID
		}
		if row.Effective.From != nil {
			ref := toAPIUnitRef(*row.Effective.From)
			item.FromUnit = &ref
		}
		if row.PendingStatus != "" {
			ps := api.StandardCoverageRowPendingStatus(row.PendingStatus)
			item.PendingStatus = &ps
		}
		out.Items[i] = item
	}
	return out, nil
}
