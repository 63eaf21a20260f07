package httpapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime/multipart"
	"os"
	"strconv"

	"lamtheobac/api"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/importer"
	"lamtheobac/internal/limits"
)

// CreateImport implements api.StrictServerInterface.
func (s *Server) CreateImport(ctx context.Context, r api.CreateImportRequestObject) (api.CreateImportResponseObject, error) {
	up, cleanup, err := readUpload(r.Body)
	defer cleanup()
	if err != nil {
		return nil, err
	}
	j, err := s.d.Imports.Submit(ctx, r.UnitId, up)
	if err != nil {
		return nil, err
	}
	return api.CreateImport202JSONResponse{Body: toAPIImportJob(j),
		Headers: api.CreateImport202ResponseHeaders{Location: "/api/v1/imports/" + j.ID.String()}}, nil
}

// readUpload reads the multipart form of an upload. The file is spooled to a temporary file as
// it arrives (the parts may come in any order, and the file may be 256 MiB), never held in memory.
func readUpload(mr *multipart.Reader) (importer.Upload, func(), error) {
	var up importer.Upload
	var tmp *os.File
	cleanup := func() {
		if tmp != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}
	var kind, dryRun *string
	var fields []apperr.FieldError
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return up, cleanup, formError(err)
		}
		switch part.FormName() {
		case "file":
			if tmp != nil {
				fields = append(fields, apperr.FieldError{Field: "/file", Message: "send one file"})
				continue
			}
			if tmp, err = os.CreateTemp("", "lamtheobac-upload-*"); err != nil {
				return up, cleanup, err
			}
			n, err := io.Copy(tmp, io.LimitReader(part, limits.ImportFile+1))
			if err != nil {
				if ae, ok := apperr.As(err); ok { // a body over the route's limit: its 413
					return up, cleanup, ae
				}
				return up, cleanup, apperr.New(apperr.Invalid, "bad_request", "The file could not be received whole.")
			}
			if n > limits.ImportFile {
				return up, cleanup, importer.FileTooLarge()
			}
			up.FileName = part.FileName()
		case "kind", "dry_run":
			b, err := io.ReadAll(io.LimitReader(part, 100))
			if err != nil {
				return up, cleanup, formError(err)
			}
			v := string(bytes.TrimSpace(b))
			if part.FormName() == "kind" {
				kind = &v
			} else {
				dryRun = &v
			}
		default:
			fields = append(fields, apperr.FieldError{Field: "/" + part.FormName(), Message: "is not a field of an upload (file, kind, dry_run)"})
		}
	}
	if tmp == nil {
		fields = append(fields, apperr.FieldError{Field: "/file", Message: "is required"})
	}
	if kind == nil {
		fields = append(fields, apperr.FieldError{Field: "/kind", Message: "is required"})
	} else if up.Kind = importer.Kind(*kind); !up.Kind.Valid() {
		fields = append(fields, apperr.FieldError{Field: "/kind", Message: "must be units, users, models, nominations or members"})
	}
	if dryRun != nil {
		v, err := strconv.ParseBool(*dryRun)
		if err != nil {
			fields = append(fields, apperr.FieldError{Field: "/dry_run", Message: "must be true or false"})
		}
		up.DryRun = v
	}
	if len(fields) > 0 {
		return up, cleanup, &apperr.Error{Kind: apperr.Invalid, Code: "validation", Message: "The request does not match the API contract.", Fields: fields}
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return up, cleanup, err
	}
	up.File = tmp
	return up, cleanup, nil
}

// formError is the answer to a multipart form that cannot be read: the body limit's 413 when
// that is what stopped it, else 400.
func formError(err error) error {
	if ae, ok := apperr.As(err); ok {
		return ae
	}
	return apperr.New(apperr.Invalid, "bad_request", "The multipart form cannot be read.")
}

// ListImports implements api.StrictServerInterface.
func (s *Server) ListImports(ctx context.Context, r api.ListImportsRequestObject) (api.ListImportsResponseObject, error) {
	f := importer.Filter{State: importer.State(deref(r.Params.State)), Limit: pageLimit(r.Params.Limit), Cursor: cursorOf(ctx)}
	jobs, next, err := s.d.Imports.List(ctx, r.Params.Unit, f)
	if err != nil {
		return nil, err
	}
	items := make([]api.ImportJob, len(jobs))
	for i, j := range jobs {
		items[i] = toAPIImportJob(j)
	}
	return api.ListImports200JSONResponse{Items: items, NextCursor: nextCursor(ctx, next)}, nil
}

// GetImport implements api.StrictServerInterface.
func (s *Server) GetImport(ctx context.Context, r api.GetImportRequestObject) (api.GetImportResponseObject, error) {
	j, err := s.d.Imports.Get(ctx, r.ImportId)
	if err != nil {
		return nil, err
	}
	return api.GetImport200JSONResponse(toAPIImportJob(j)), nil
}

// ListImportProblems implements api.StrictServerInterface.
func (s *Server) ListImportProblems(ctx context.Context, r api.ListImportProblemsRequestObject) (api.ListImportProblemsResponseObject, error) {
	ps, next, err := s.d.Imports.Problems(ctx, r.ImportId, pageLimit(r.Params.Limit), cursorOf(ctx))
	if err != nil {
		return nil, err
	}
	return api.ListImportProblems200JSONResponse{Items: toAPIProblems(ps), NextCursor: nextCursor(ctx, next)}, nil
}

// RetryImport implements api.StrictServerInterface.
func (s *Server) RetryImport(ctx context.Context, r api.RetryImportRequestObject) (api.RetryImportResponseObject, error) {
	j, err := s.d.Imports.Retry(ctx, r.ImportId)
	if err != nil {
		return nil, err
	}
	return api.RetryImport202JSONResponse(toAPIImportJob(j)), nil
}

// GetImportTemplate implements api.StrictServerInterface.
func (s *Server) GetImportTemplate(_ context.Context, r api.GetImportTemplateRequestObject) (api.GetImportTemplateResponseObject, error) {
	data, name, err := importer.Template(r.File)
	if err != nil {
		return nil, err
	}
	return api.GetImportTemplate200ApplicationvndOpenxmlformatsOfficedocumentSpreadsheetmlSheetResponse{Body: bytes.NewReader(data),
		ContentLength: int64(len(data)), Headers: api.GetImportTemplate200ResponseHeaders{ContentDisposition: `attachment; filename="` + name + `"`}}, nil
}

func toAPIImportJob(j importer.Job) api.ImportJob {
	out := api.ImportJob{Id: j.ID, Unit: toAPIUnitRef(j.Unit), Kind: api.ImportKind(j.Kind), DryRun: j.DryRun, State: api.ImportState(j.State),
		FileName: j.FileName, FileFormat: api.ImportJobFileFormat(j.Format), FileSize: j.FileSize, ActorName: j.ActorName,
		RowsTotal: j.RowsTotal, RowsDone: j.RowsDone, CreatedCount: j.CreatedCount, ProblemCount: j.ProblemCount,
		Problems: toAPIProblems(j.Problems), Retryable: j.Retryable(), Attempts: j.Attempts, CreatedAt: j.CreatedAt,
		StartedAt: j.StartedAt, FinishedAt: j.FinishedAt, WorkerHeardAt: j.WorkerHeardAt,
	}
	if j.ErrorCode != nil {
		out.Error = &struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		}{Code: *j.ErrorCode, Message: deref(j.ErrorMessage)}
	}
	return out
}

func toAPIProblems(ps []importer.Problem) []api.ImportProblem {
	out := make([]api.ImportProblem, len(ps))
	for i, p := range ps {
		out[i] = api.ImportProblem{Row: p.Row, Code: p.Code, Message: p.Message}
		if p.Column != "" {
			out[i].Column = &p.Column
		}
		if p.Field != "" {
			out[i].Field = &p.Field
		}
	}
	return out
}
