package httpapi

import (
	"context"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"lamtheobac/api"
)

// GetMyTasks lists what the caller must do next.
func (s *Server) GetMyTasks(ctx context.Context, _ api.GetMyTasksRequestObject) (api.GetMyTasksResponseObject, error) {
	tasks, err := s.d.Tasks.Mine(ctx)
	if err != nil {
		return nil, err
	}
	out := api.GetMyTasks200JSONResponse{Items: make([]api.Task, len(tasks))}
	for i, t := range tasks {
		item := api.Task{Kind: api.TaskKind(t.Kind), Title: t.Title, ResourceId: t.ResourceID, Unit: toAPIUnitRef(t.Unit)}
		if t.Period != "" {
			item.Period = &t.Period
		}
		if t.DueOn != nil {
			item.DueOn = &openapi_types.Date{Time: *t.DueOn}
		}
		out.Items[i] = item
	}
	return out, nil
}
