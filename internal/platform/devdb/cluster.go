package devdb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
)

// minMajor is the oldest Postgres the application supports.
const minMajor = 15

// errNoBinaries means no usable initdb/pg_ctl/postgres set exists on this machine.
var errNoBinaries = errors.New("devdb: no Postgres binaries found")

// binaries is one Postgres installation's bin directory.
type binaries struct {
	dir   string
	major int
}

// findBinaries returns the newest installation of at least minMajor, or the one
// whose major version is want (an existing cluster can only be started by the
// major version that created it).
func findBinaries(ctx context.Context, want int) (binaries, error) {
	var dirs []string
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		// Debian links /usr/bin/pg_ctl to a wrapper and others link to the real
		// bin dir; resolve so initdb and postgres are looked up next to pg_ctl.
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r
		}
		dirs = append(dirs, filepath.Dir(p))
	}
	globbed, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	dirs = append(dirs, globbed...)

	var best binaries
	for _, d := range dirs {
		major := binMajor(ctx, d)
		if major < minMajor {
			continue
		}
		if major == want {
			return binaries{d, major}, nil
		}
		if major > best.major {
			best = binaries{d, major}
		}
	}
	if best.dir == "" {
		return best, errNoBinaries
	}
	return best, nil
}

// binMajor returns the major version of the installation in dir, or 0 if dir
// lacks any of the three programs we need.
func binMajor(ctx context.Context, dir string) int {
	for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return 0
		}
	}
	out, err := exec.CommandContext(ctx, filepath.Join(dir, "pg_ctl"), "--version").Output()
	if err != nil {
		return 0
	}
	// "pg_ctl (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)" or "... 17beta1".
	_, rest, ok := strings.Cut(string(out), "(PostgreSQL) ")
	if !ok {
		return 0
	}
	end := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(rest)
	}
	major, _ := strconv.Atoi(rest[:end])
	return major
}

// wantMajor reads the major version of an existing cluster in dir (0 if none).
func wantMajor(dir string) int {
	b, err := os.ReadFile(filepath.Join(dir, "PG_VERSION"))
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return n
}

// cluster is a private Postgres cluster in a directory we own.
type cluster struct {
	dir   string     // absolute data directory; also holds the unix socket and server.log
	bin   binaries   // the installation that runs it
	runAs *user.User // set when we are root: Postgres refuses to run as root
	log   *slog.Logger
}

// startCluster starts (or reuses) the cluster in dir and returns its admin URL.
func startCluster(ctx context.Context, log *slog.Logger, dir string, port int) (string, error) {
	c, err := newCluster(ctx, log, dir)
	if err != nil {
		return "", err
	}
	return c.start(ctx, port)
}

// newCluster finds binaries, picks the OS user to run as and prepares dir so
// that user can use it. It does not start anything.
func newCluster(ctx context.Context, log *slog.Logger, dir string) (*cluster, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	bin, err := findBinaries(ctx, wantMajor(abs))
	if err != nil {
		return nil, err
	}
	c := &cluster{dir: abs, bin: bin, log: log}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, err
	}
	if err := os.Mkdir(abs, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, err
	}
	if os.Geteuid() == 0 {
		if err := c.dropPrivileges(ctx); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// start reuses a running cluster or initializes and starts one, preferring
// port when it is free.
func (c *cluster) start(ctx context.Context, port int) (string, error) {
	if p, ok := c.running(ctx); ok {
		c.log.Info("devdb: reusing running private cluster", "dir", c.dir, "port", p)
		return adminURL(p), nil
	}
	if wantMajor(c.dir) == 0 {
		if err := c.initdb(ctx); err != nil {
			return "", err
		}
	}
	port = freePort(port)
	c.log.Info("devdb: starting private Postgres cluster", "dir", c.dir, "port", port, "version", c.bin.major)
	logFile := filepath.Join(c.dir, "server.log")
	out, err := c.run(ctx, "pg_ctl", "start", "-D", c.dir, "-l", logFile, "-w", "-t", "60",
		"-o", fmt.Sprintf("-p %d", port))
	if err != nil {
		// Another process may have started it between our check and now.
		if p, ok := c.running(ctx); ok {
			return adminURL(p), nil
		}
		tail, _ := os.ReadFile(logFile)
		if len(tail) > 2000 {
			tail = tail[len(tail)-2000:]
		}
		return "", fmt.Errorf("devdb: pg_ctl start: %w\n%s\n%s", err, out, tail)
	}
	u := adminURL(port)
	if err := checkAdmin(ctx, u); err != nil {
		return "", fmt.Errorf("devdb: private cluster started but not usable: %w", err)
	}
	return u, nil
}

// stop shuts the cluster down without waiting for clients to disconnect.
func (c *cluster) stop(ctx context.Context) error {
	out, err := c.run(ctx, "pg_ctl", "stop", "-D", c.dir, "-m", "fast", "-w")
	if err != nil {
		return fmt.Errorf("devdb: pg_ctl stop: %w\n%s", err, out)
	}
	return nil
}

// running reports whether the cluster is up, and on which port.
func (c *cluster) running(ctx context.Context) (int, bool) {
	if wantMajor(c.dir) == 0 {
		return 0, false
	}
	if _, err := c.run(ctx, "pg_ctl", "status", "-D", c.dir); err != nil {
		return 0, false
	}
	// postmaster.pid line 4 is the port the server listens on.
	b, err := os.ReadFile(filepath.Join(c.dir, "postmaster.pid"))
	if err != nil {
		return 0, false
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) < 4 {
		return 0, false
	}
	p, err := strconv.Atoi(strings.TrimSpace(lines[3]))
	return p, err == nil
}

// initdb creates the cluster. Trust auth is acceptable because the server only
// listens on 127.0.0.1 and a socket inside the data directory, and it holds
// development data only.
func (c *cluster) initdb(ctx context.Context) error {
	c.log.Info("devdb: initializing private Postgres cluster", "dir", c.dir)
	base := []string{"-D", c.dir, "--auth=trust", "--username=postgres", "--encoding=UTF8"}
	out, err := c.run(ctx, "initdb", append(base[:len(base):len(base)], "--locale=C.UTF-8")...)
	if err != nil {
		// Some minimal images lack the C.UTF-8 locale.
		c.log.Warn("devdb: initdb with C.UTF-8 failed, retrying with --no-locale", "output", string(out))
		if out, err = c.run(ctx, "initdb", append(base, "--no-locale")...); err != nil {
			return fmt.Errorf("devdb: initdb: %w\n%s", err, out)
		}
	}
	sockets := c.dir
	if len(sockets)+len("/.s.PGSQL.65535") > 107 { // sun_path limit; fall back to TCP only
		c.log.Warn("devdb: data dir path too long for a unix socket; TCP only", "dir", c.dir)
		sockets = ""
	}
	// fsync and friends are off: this cluster is disposable and tests create
	// and drop many databases, which is slow with durable writes.
	conf := fmt.Sprintf(`
# Added by lamtheobac devdb: a disposable development cluster.
listen_addresses = '127.0.0.1'
unix_socket_directories = '%s'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
`, strings.ReplaceAll(sockets, "'", "''"))
	f, err := os.OpenFile(filepath.Join(c.dir, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(conf); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// freePort returns preferred if nothing listens on it, else any free port.
func freePort(preferred int) int {
	for _, addr := range []string{fmt.Sprintf("127.0.0.1:%d", preferred), "127.0.0.1:0"} {
		if l, err := net.Listen("tcp", addr); err == nil {
			p := l.Addr().(*net.TCPAddr).Port
			l.Close()
			return p
		}
	}
	return preferred
}

// adminURL is the superuser URL of a private cluster on port.
func adminURL(port int) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
}
