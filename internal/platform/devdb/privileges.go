package devdb

// Postgres refuses to run as root, so when we are root every Postgres program
// runs as an unprivileged user that owns the data directory.

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
)

// dropPrivileges chooses the user Postgres runs as and hands it the data
// directory. A directory already owned by a non-root user keeps that owner,
// so a cluster created without root is never taken away from its creator.
func (c *cluster) dropPrivileges(ctx context.Context) error {
	fi, err := os.Stat(c.dir)
	if err != nil {
		return err
	}
	if uid, _, ok := fileOwner(fi); ok && uid != 0 {
		if u, err := user.LookupId(strconv.Itoa(uid)); err == nil {
			c.runAs = u
		}
	}
	if c.runAs == nil {
		if c.runAs, err = unprivilegedUser(ctx, c.log); err != nil {
			return err
		}
		uid, _ := strconv.Atoi(c.runAs.Uid)
		gid, _ := strconv.Atoi(c.runAs.Gid)
		c.log.Info("devdb: handing data directory to unprivileged user", "dir", c.dir, "user", c.runAs.Username)
		if err := chownR(c.dir, uid, gid); err != nil {
			return err
		}
	}
	return grantSearch(c.log, filepath.Dir(c.dir))
}

// run executes one of the Postgres programs, as c.runAs when set. Output is
// returned rather than streamed so stdout stays clean for callers that print
// the URL.
func (c *cluster) run(ctx context.Context, prog string, args ...string) ([]byte, error) {
	path := filepath.Join(c.bin.dir, prog)
	var cmd *exec.Cmd
	switch {
	case c.runAs == nil:
		cmd = exec.CommandContext(ctx, path, args...)
	case hasCommand("runuser"):
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", c.runAs.Username, "--", path}, args...)...)
	default:
		cmd = exec.CommandContext(ctx, "su", "-s", "/bin/sh", c.runAs.Username, "-c", shellQuote(path, args...))
	}
	cmd.Dir = "/" // the unprivileged user may not be able to enter our working directory
	detach(cmd)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	c.log.Debug("devdb: ran", "prog", prog, "args", args, "err", err, "output", out.String())
	return out.Bytes(), err
}

// unprivilegedUser returns "postgres" (made by distribution packages) or a
// system user "lamtheobac", creating the latter if needed.
func unprivilegedUser(ctx context.Context, log *slog.Logger) (*user.User, error) {
	for _, name := range []string{"postgres", "lamtheobac"} {
		if u, err := user.Lookup(name); err == nil {
			return u, nil
		}
	}
	log.Info("devdb: creating system user lamtheobac to run Postgres (it refuses to run as root)")
	out, err := exec.CommandContext(ctx, "useradd", "--system", "--user-group", "--no-create-home",
		"--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", "lamtheobac").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("devdb: useradd lamtheobac: %w\n%s", err, out)
	}
	return user.Lookup("lamtheobac")
}

// chownR gives the whole tree at dir to uid:gid.
func chownR(dir string, uid, gid int) error {
	return filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, gid)
	})
}

// grantSearch adds o+x (enter, not list) to dir and its ancestors where
// missing, so the unprivileged user can reach the data directory even when it
// lives below a private directory such as /root or a test's temp dir.
func grantSearch(log *slog.Logger, dir string) error {
	for p := dir; ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		if fi.Mode().Perm()&0o001 == 0 {
			mode := fi.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
			log.Info("devdb: granting search permission so Postgres can reach its data directory", "dir", p)
			if err := os.Chmod(p, mode|0o001); err != nil {
				return err
			}
		}
		if parent := filepath.Dir(p); parent == p {
			return nil
		}
	}
}

// hasCommand reports whether name is on PATH.
func hasCommand(name string) bool {
	_, err := exec.LookPath(name)
	return err == nil
}

// shellQuote builds a /bin/sh command line for su, which only takes a string.
func shellQuote(prog string, args ...string) string {
	parts := make([]string, 0, len(args)+1)
	for _, s := range append([]string{prog}, args...) {
		parts = append(parts, "'"+strings.ReplaceAll(s, "'", `'\''`)+"'")
	}
	return "exec " + strings.Join(parts, " ")
}
