// Package migrations holds the goose SQL migrations, embedded in the binary so that `serve`
// and `migrate` need no files next to them.
package migrations

import "embed"

// FS is the embedded set of NNNN_name.sql migrations.
//
//go:embed *.sql
var FS embed.FS
