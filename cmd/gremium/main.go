// Command gremium runs the gremium server and its administration commands.
//
// Usage:
//
//	gremium <command> [flags]
//
// Commands: serve, migrate, demo, import, export, user, config, audit,
// backup, restore, probe, version. "gremium <command> --help" shows a
// command's flags. Exit codes: 0 success, 1 failure, 2 usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	_ "time/tzdata" // Europe/Berlin also where the system has no zone data

	"gremium/internal/store"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise
// the VCS revision from the build info is shown.
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	ctx = context.WithValue(ctx, processEndsKey{}, true)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"serve", "run the web server (add --demo to load the demo data into an empty database)", runServe},
		{"migrate", "create or upgrade the database schema", runMigrate},
		{"migrate-data", "copy a whole installation between SQLite and PostgreSQL, checked by counts and checksums", runMigrateData},
		{"demo", "add the demo data (IT-PLR sessions 45 to 47, the 39th AL-Runde, FachMK, spokespersons) to the database", runDemo},
		{"import", "import minutes FILE...: import minutes in the published text layout (several files: an archive, in the order of its sessions)", runImport},
		{"export", "export minutes N: write a session's minutes as text or PDF", runExport},
		{"user", "user add|list|token|tokens|revoke|password|disable|enable: manage accounts and API tokens", runUser},
		{"config", "config ks FILE.csv: load Königsteiner-Schlüssel tables", runConfig},
		{"audit", "audit verify|head: check the hash chain of the audit log, print its head", runAudit},
		{"backup", "backup FILE: write the database and documents into a tar archive, also while serving", runBackup},
		{"restore", "restore FILE: restore a backup into an empty data directory", runRestore},
		{"probe", "check that a running server is ready (GET /readyz; the container's health check)", runProbe},
		{"version", "print the version", runVersion},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "gremium – sessions, decisions and FachMK collaboration of the IT-Planungsrat")
	fmt.Fprintln(w, "\nUsage:\n  gremium <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'gremium <command> --help' for the flags of a command.")
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "gremium: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// newFlags makes a flag set for a subcommand that reports usage errors
// instead of exiting.
// onlySub checks that a command with a single subcommand got it: it prints
// the usage for help (exit 0) or anything else (exit 2) and reports whether
// to go on.
func onlySub(args []string, sub, usage string, stdout, stderr io.Writer) (int, bool) {
	if len(args) > 0 && args[0] == sub {
		return exitOK, true
	}
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprintln(stdout, usage)
		return exitOK, false
	}
	fmt.Fprintln(stderr, usage)
	return exitUsage, false
}

func newFlags(name, synopsis string, stdout, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: gremium %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; it gives an exit code and false when the command
// should stop (help was asked for, or the flags were wrong).
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (int, bool) {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK, false
	}
	if err != nil {
		return exitUsage, false // the flag package has printed the error and usage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "gremium %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return exitUsage, false
	}
	return exitOK, true
}

// dataFlag adds the --data flag every database command takes, and
// --database for a PostgreSQL database (openStore reads it).
func dataFlag(fs *flag.FlagSet) *string {
	fs.String("database", os.Getenv("GREMIUM_DATABASE_URL"), "PostgreSQL database `URL` (postgres://user@host/db) instead of SQLite in the data directory; documents stay in the data directory (env GREMIUM_DATABASE_URL)")
	return fs.String("data", envOr("GREMIUM_DATA", "./gremium-data"), "data `directory` holding the SQLite database (env GREMIUM_DATA)")
}

// openStore opens the database of a command: the PostgreSQL database of
// its --database flag, or else SQLite in the data directory dir.
func openStore(ctx context.Context, fs *flag.FlagSet, dir string) (*store.Store, error) {
	var database string
	if f := fs.Lookup("database"); f != nil {
		database = f.Value.String()
	}
	return store.OpenDatabase(ctx, database, dir)
}

// processEndsKey marks the context of the command that main runs: the
// process ends when the command returns (the tests run commands in their
// own process, which goes on).
type processEndsKey struct{}

// closeStore closes the store at the end of a command. When the process
// ends right after, it leaves the connections to the process's end
// (store.CloseAtExit: the write-ahead log checkpointed, the page caches
// not freed one page at a time); a failed checkpoint loses nothing (the
// log stays for the next open) and is reported on stderr.
func closeStore(ctx context.Context, st *store.Store, stderr io.Writer) {
	if ends, _ := ctx.Value(processEndsKey{}).(bool); !ends {
		st.Close()
		return
	}
	if err := st.CloseAtExit(context.WithoutCancel(ctx)); err != nil {
		fmt.Fprintln(stderr, "gremium: closing the database:", err)
	}
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", "version", stdout, stderr)
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	fmt.Fprintln(stdout, "gremium", buildVersion())
	return exitOK
}

func buildVersion() string {
	if version != "dev" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "dev-" + s.Value[:12]
			}
		}
	}
	return version
}
