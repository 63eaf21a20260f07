//go:build unix

package devdb

import (
	"io/fs"
	"os/exec"
	"syscall"
)

// detach puts cmd (and the postmaster it may spawn) in its own process group,
// so Ctrl-C in the terminal that ran `make run` does not kill the shared
// development cluster along with the app.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// fileOwner returns the numeric owner of fi.
func fileOwner(fi fs.FileInfo) (uid, gid int, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return int(st.Uid), int(st.Gid), true
}
