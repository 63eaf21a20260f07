// Command lamtheobac is the service and its tools in one binary:
//
//	lamtheobac serve [--demo]          migrate, (load demo data,) and serve the API
//	lamtheobac migrate up|down|status  manage the database schema
//	lamtheobac seed demo               load the demo organization (never in production)
//	lamtheobac seed synthetic --blocs N [--rand-seed S] [--mixed-shapes]   a national-size dataset (never in production)
//	lamtheobac user create --username NAME --role admin   the first administrator
//	lamtheobac keygen                  print a new Ed25519 signing key (PEM)
//	lamtheobac devdb                   print the admin URL of the development Postgres
//	lamtheobac import FILE --kind K --unit CODE [--dry-run] [--json]   upload a file to import, as a service client
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

const usage = `usage: lamtheobac <command> [flags]

commands:
  serve [--demo]                         migrate, optionally load demo data, and serve the API
  migrate up|down|status                 manage the database schema
  seed demo                              load the demo organization (refused in production)
  seed synthetic --blocs N [--rand-seed S] [--mixed-shapes]
                                         load a synthetic dataset: per bloc 300 committees, 6,000
                                         cells, 60,000 models, 30,000 nominations, 2 report rounds
                                         (refused in production and over an earlier load)
  user create --username NAME --role admin [--full-name NAME]
                                         create an administrator; password from a prompt or stdin
  keygen                                 print a new Ed25519 signing key (PKCS#8 PEM)
  devdb                                  print the admin URL of the development Postgres
  import FILE --kind units|users|models|nominations --unit CODE [--dry-run] [--json]
         [--idempotency-key KEY]         upload a CSV/XLSX file to import into the unit's subtree
                                         and follow the job, as a service client (LAMTHEOBAC_URL,
                                         LAMTHEOBAC_CLIENT_ID, LAMTHEOBAC_CLIENT_SECRET); exits
                                         non-zero when refused or failed
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "lamtheobac:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return fmt.Errorf("no command")
	}
	switch args[0] {
	case "serve":
		return cmdServe(ctx, args[1:])
	case "migrate":
		return cmdMigrate(ctx, args[1:])
	case "seed":
		return cmdSeed(ctx, args[1:])
	case "user":
		return cmdUser(ctx, args[1:])
	case "keygen":
		return cmdKeygen()
	case "devdb":
		return cmdDevDB(ctx)
	case "import":
		return cmdImport(ctx, args[1:])
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
