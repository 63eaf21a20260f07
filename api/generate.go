// Package api holds the code generated from openapi.yaml: the request and response types, the
// Echo strict server interface and the embedded spec. Never edit *.gen.go or openapi.yaml in
// this folder by hand: change ../openapi.yaml and run `go generate ./...`.
package api

import _ "embed"

//go:generate go tool oapi-codegen -config config.yaml ../openapi.yaml
//go:generate cp ../openapi.yaml openapi.yaml

// SpecYAML is the contract as written, served at /openapi.yaml (the generated embedded spec is
// a re-encoding; clients and people prefer the original with its comments and order).
//
//go:embed openapi.yaml
var SpecYAML []byte
