package httpapi

import (
	"context"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"lamtheobac/api"
	"lamtheobac/internal/member"
)

func toAPIDate(t *time.Time) *openapi_types.Date {
	if t == nil {
		return nil
	}
	return &openapi_types.Date{Time: *t}
}

func toDomainDate(d *openapi_types.Date) *time.Time {
	if d == nil {
		return nil
	}
	t := d.Time
	return &t
}

func toAPIMember(ctx context.Context, svc *member.Service, m member.Member) api.Member {
	return api.Member{Id: m.ID, Unit: toAPIUnitRef(m.Unit), UserId: m.UserID, FullName: m.FullName, BirthDate: toAPIDate(m.BirthDate),
		Position: m.Position, Workplace: m.Workplace, JoinedPartyOn: toAPIDate(m.JoinedPartyOn), PartyCardNumber: m.PartyCardNumber,
		Version: m.Version, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt, AllowedActions: svc.AllowedActions(ctx, m)}
}

func toDomainMemberInput(b api.MemberPatch) member.Input {
	return member.Input{FullName: b.FullName, BirthDate: toDomainDate(b.BirthDate), Position: b.Position, Workplace: b.Workplace,
		JoinedPartyOn: toDomainDate(b.JoinedPartyOn), PartyCardNumber: b.PartyCardNumber, UserID: b.UserId,
		ClearUser: deref(b.UnlinkUser) && b.UserId == nil}
}

// ListMembers lists a cell's (or a subtree's) members; the service audits the read.
func (s *Server) ListMembers(ctx context.Context, r api.ListMembersRequestObject) (api.ListMembersResponseObject, error) {
	p := r.Params
	f := member.Filter{Q: searchText(p.Q), Limit: pageLimit(p.Limit), Cursor: cursorOf(ctx)}
	subtree := p.Scope != nil && *p.Scope == api.ListMembersParamsScopeSubtree
	list, next, err := s.d.Members.List(ctx, r.UnitId, subtree, f)
	if err != nil {
		return nil, err
	}
	items := make([]api.Member, len(list))
	for i, m := range list {
		items[i] = toAPIMember(ctx, s.d.Members, m)
	}
	return api.ListMembers200JSONResponse{Items: items, NextCursor: nextCursor(ctx, next)}, nil
}

// CreateMember adds a member to a cell.
func (s *Server) CreateMember(ctx context.Context, r api.CreateMemberRequestObject) (api.CreateMemberResponseObject, error) {
	b := r.Body
	in := toDomainMemberInput(api.MemberPatch{FullName: &b.FullName, BirthDate: b.BirthDate, Position: b.Position, Workplace: b.Workplace,
		JoinedPartyOn: b.JoinedPartyOn, PartyCardNumber: b.PartyCardNumber, UserId: b.UserId})
	m, err := s.d.Members.Create(ctx, r.UnitId, in)
	if err != nil {
		return nil, err
	}
	return api.CreateMember201JSONResponse{Body: toAPIMember(ctx, s.d.Members, m),
		Headers: api.CreateMember201ResponseHeaders{ETag: etag(m.Version), Location: "/api/v1/members/" + m.ID.String()}}, nil
}

// GetMember returns a member's profile.
func (s *Server) GetMember(ctx context.Context, r api.GetMemberRequestObject) (api.GetMemberResponseObject, error) {
	m, err := s.d.Members.Get(ctx, r.MemberId)
	if err != nil {
		return nil, err
	}
	return api.GetMember200JSONResponse{Body: toAPIMember(ctx, s.d.Members, m), Headers: api.GetMember200ResponseHeaders{ETag: etag(m.Version)}}, nil
}

// GetMyMember returns the caller's own profile.
func (s *Server) GetMyMember(ctx context.Context, _ api.GetMyMemberRequestObject) (api.GetMyMemberResponseObject, error) {
	m, err := s.d.Members.Mine(ctx)
	if err != nil {
		return nil, err
	}
	return api.GetMyMember200JSONResponse{Body: toAPIMember(ctx, s.d.Members, m), Headers: api.GetMyMember200ResponseHeaders{ETag: etag(m.Version)}}, nil
}

// UpdateMember edits a member's profile.
func (s *Server) UpdateMember(ctx context.Context, r api.UpdateMemberRequestObject) (api.UpdateMemberResponseObject, error) {
	v, err := ifMatchVersion(r.Params.IfMatch)
	if err != nil {
		return nil, err
	}
	m, err := s.d.Members.Update(ctx, r.MemberId, v, toDomainMemberInput(*r.Body))
	if err != nil {
		return nil, err
	}
	return api.UpdateMember200JSONResponse{Body: toAPIMember(ctx, s.d.Members, m), Headers: api.UpdateMember200ResponseHeaders{ETag: etag(m.Version)}}, nil
}

// DeleteMember removes a member entered by mistake.
func (s *Server) DeleteMember(ctx context.Context, r api.DeleteMemberRequestObject) (api.DeleteMemberResponseObject, error) {
	v, err := ifMatchVersion(r.Params.IfMatch)
	if err != nil {
		return nil, err
	}
	if err := s.d.Members.Delete(ctx, r.MemberId, v); err != nil {
		return nil, err
	}
	return api.DeleteMember204Response{}, nil
}
