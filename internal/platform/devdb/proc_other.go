//go:build !unix

package devdb

import (
	"io/fs"
	"os/exec"
)

// detach is a no-op where process groups do not exist.
func detach(*exec.Cmd) {}

// fileOwner is unknown off Unix; the root-only code that needs it never runs there.
func fileOwner(fs.FileInfo) (uid, gid int, ok bool) { return 0, 0, false }
