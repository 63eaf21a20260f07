package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/term"

	"lamtheobac/internal/auth"
	"lamtheobac/internal/platform/dbmigrate"
	"lamtheobac/internal/platform/devdb"
	"lamtheobac/internal/seed"
	"lamtheobac/internal/user"
)

func cmdMigrate(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return errors.New("usage: lamtheobac migrate up|down|status")
	}
	e, err := loadEnv(ctx)
	if err != nil {
		return err
	}
	db, err := dbmigrate.Open(e.dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	switch args[0] {
	case "up":
		return dbmigrate.Up(ctx, db)
	case "down":
		return dbmigrate.Down(ctx, db)
	case "status":
		lines, err := dbmigrate.Status(ctx, db)
		for _, l := range lines {
			fmt.Println(l)
		}
		return err
	}
	return fmt.Errorf("unknown migrate command %q", args[0])
}

// loadDevEnv is loadEnv for commands that load made-up data (what), which production refuses.
func loadDevEnv(ctx context.Context, what string) (*env, error) {
	e, err := loadEnv(ctx)
	if err == nil && e.cfg.Production() {
		err = errors.New(what + " is refused in production")
	}
	return e, err
}

const seedUsage = "usage: lamtheobac seed demo | seed synthetic --blocs N [--rand-seed S] [--mixed-shapes]"

func cmdSeed(ctx context.Context, args []string) error {
	if len(args) >= 1 && args[0] == "synthetic" {
		return cmdSeedSynthetic(ctx, args[1:])
	}
	if len(args) != 1 || args[0] != "demo" {
		return errors.New(seedUsage)
	}
	e, err := loadDevEnv(ctx, "demo data")
	if err != nil {
		return err
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := e.app(st)
	if err != nil {
		return err
	}
	return seed.Demo(ctx, a)
}

// cmdSeedSynthetic loads the synthetic national dataset (refused in production, like the demo,
// and refused over an earlier synthetic load) and prints what it wrote.
func cmdSeedSynthetic(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("seed synthetic", flag.ContinueOnError)
	blocs := fs.Int("blocs", 0, "provincial blocs to generate, 1–99 (34: every province)")
	randSeed := fs.Uint64("rand-seed", 1, "random seed: the same seed gives the same dataset")
	mixed := fs.Bool("mixed-shapes", false, "add partial committees (every tenth committee), two base cells per bloc, and a province above the first two blocs")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *blocs < 1 || fs.NArg() > 0 {
		return errors.New(seedUsage)
	}
	e, err := loadDevEnv(ctx, "synthetic data")
	if err != nil {
		return err
	}
	st, err := e.open(ctx) // migrates the schema up
	if err != nil {
		return err
	}
	_ = st.Close()
	pool, err := pgxpool.New(ctx, e.dbURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	started := time.Now()
	sum, err := seed.Synthetic(ctx, pool, seed.SyntheticOptions{Blocs: *blocs, RandSeed: *randSeed, MixedShapes: *mixed, Progress: func(msg string) {
		fmt.Fprintf(os.Stderr, "%7.1fs  %s\n", time.Since(started).Seconds(), msg)
	}})
	if err != nil {
		return err
	}
	var total int64
	for _, t := range sum.Tables {
		fmt.Printf("%-22s %12d\n", t.Table, t.Rows)
		total += t.Rows
	}
	fmt.Printf("%-22s %12d\nelapsed %s\n\nlogins (password %s):\n", "total", total, sum.Elapsed.Round(time.Millisecond), sum.Password)
	for _, l := range sum.Logins {
		fmt.Printf("  %-26s %-18s %s\n", l.Username, l.Role, l.Unit)
	}
	fmt.Println("  every bloc NN, committee MMM and cell KK alike: bNN.officer, bNN.inspector, bNN.cMMM.officer,")
	fmt.Println("  bNN.cMMM.sKK.secretary, bNN.cMMM.sKK.member (units BNN, BNN-CMMM, BNN-CMMM-SKK)")
	return nil
}

func cmdUser(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: lamtheobac user create --username NAME --role admin [--full-name NAME]")
	}
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	username := fs.String("username", "", "login name")
	role := fs.String("role", "admin", "role (only admin: other users are created through the API)")
	fullName := fs.String("full-name", "", "full name (default: the username)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *username == "" || *role != "admin" {
		return errors.New("--username is required and --role must be admin")
	}
	if *fullName == "" {
		*fullName = *username
	}
	password, err := readPassword()
	if err != nil {
		return err
	}
	e, err := loadEnv(ctx)
	if err != nil {
		return err
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := user.NewService(st).CreateAdmin(ctx, user.NewAdmin{Username: *username, FullName: *fullName, Password: password})
	if err != nil {
		return err
	}
	fmt.Printf("created administrator %s (%s)\n", u.Username, u.ID)
	return nil
}

// readPassword prompts on a terminal (twice, without echo) or reads one line from stdin.
func readPassword() (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", errors.New("no password on stdin")
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	fmt.Fprint(os.Stderr, "Password: ")
	p1, err := term.ReadPassword(fd)
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return "", err
	}
	fmt.Fprint(os.Stderr, "Again: ")
	p2, err := term.ReadPassword(fd)
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return "", err
	}
	if string(p1) != string(p2) {
		return "", errors.New("the passwords differ")
	}
	return string(p1), nil
}

func cmdKeygen() error {
	k, err := auth.GenerateKeys()
	if err != nil {
		return err
	}
	pem, err := k.PrivatePEM()
	if err != nil {
		return err
	}
	_, err = os.Stdout.Write(pem)
	return err
}

func cmdDevDB(ctx context.Context) error {
	u, err := devdb.Resolve(ctx, devdb.Options{DatabaseURL: os.Getenv("DATABASE_URL"), Logger: newLogger("info", os.Stderr),
		AllowInstall: true})
	if err != nil {
		return err
	}
	fmt.Println(u)
	return nil
}
