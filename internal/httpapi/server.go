package httpapi

import (
	"lamtheobac/api"
)

// Server implements the generated strict server interface; one file per spec tag.
type Server struct {
	d Deps
}

var _ api.StrictServerInterface = (*Server)(nil)
