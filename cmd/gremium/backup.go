package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gremium/internal/backup"
	"gremium/internal/model"
	"gremium/internal/store"
)

// runBackup writes a backup of the data directory: "gremium backup FILE".
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("backup", "backup FILE [--data DIR]\n\nWrites the database and the uploaded documents into the tar archive FILE\n(gzip-compressed if FILE ends in .gz or .tgz), consistent while the server runs.", stdout, stderr)
	data := dataFlag(fs)
	file, rest, code, ok := fileArg(fs, args, stdout)
	if !ok {
		return code
	}
	if code, ok := parse(fs, rest, stdout); !ok {
		return code
	}
	st, err := openExisting(ctx, fs, *data)
	if err != nil {
		fmt.Fprintln(stderr, "gremium backup:", err)
		return exitFail
	}
	defer st.Close()
	res, err := backup.Create(ctx, st, *data, file)
	if err != nil {
		fmt.Fprintln(stderr, "gremium backup:", err)
		return exitFail
	}
	for _, d := range res.Missing {
		fmt.Fprintf(stderr, "gremium backup: warning: document %s is in the database but not in %s\n", d, filepath.Join(*data, backup.DocumentDir))
	}
	m := res.Manifest
	fmt.Fprintf(stdout, "backup %s written: database (schema %d) and %d document file(s) as of %s; audit head %s\n",
		file, m.SchemaVersion, len(m.Files)-1, m.Created.In(model.Berlin).Format("02.01.2006 15:04:05"), orNone(m.AuditHead))
	return exitOK
}

// runRestore restores a backup: "gremium restore FILE".
func runRestore(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("restore", "restore FILE [--data DIR] [--force]\n\nRestores a backup written by 'gremium backup' into the data directory. Stop the server first.", stdout, stderr)
	data := dataFlag(fs)
	force := fs.Bool("force", false, "restore into a data directory that is not empty; its content is moved into a folder vor-wiederherstellung-<time> inside it")
	file, rest, code, ok := fileArg(fs, args, stdout)
	if !ok {
		return code
	}
	if code, ok := parse(fs, rest, stdout); !ok {
		return code
	}
	res, err := backup.Restore(ctx, file, *data, *force)
	if errors.Is(err, backup.ErrNotEmpty) {
		fmt.Fprintf(stderr, "gremium restore: the data directory %s is not empty; restore into an empty one, or add --force to move its content aside\n", *data)
		return exitFail
	}
	if err != nil {
		fmt.Fprintln(stderr, "gremium restore:", err)
		return exitFail
	}
	if res.Aside != "" {
		fmt.Fprintf(stdout, "the former content of %s is in %s\n", *data, res.Aside)
	}
	fmt.Fprintf(stdout, "backup of %s restored into %s: %d files, audit log intact (%d entries, head %s)\n",
		res.Manifest.Created.In(model.Berlin).Format("02.01.2006 15:04:05"), *data, len(res.Manifest.Files), res.Audit.Entries, orNone(res.Manifest.AuditHead))
	return exitOK
}

// runAudit dispatches "gremium audit verify|head".
func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	usage := "Usage: gremium audit verify [--head ID:HASH] [--data DIR]\n       gremium audit head [--data DIR]"
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "verify":
		return runAuditVerify(ctx, args[1:], stdout, stderr)
	case "head":
		fs := newFlags("audit head", "audit head [--data DIR]\n\nPrints the newest audit entry as ID:HASH. Keep it outside the server: 'gremium audit verify --head' proves later that the log up to it is unchanged.", stdout, stderr)
		data := dataFlag(fs)
		if code, ok := parse(fs, args[1:], stdout); !ok {
			return code
		}
		st, err := openExisting(ctx, fs, *data)
		if err != nil {
			fmt.Fprintln(stderr, "gremium audit head:", err)
			return exitFail
		}
		defer st.Close()
		h, err := st.AuditHeadNow(ctx)
		if err != nil {
			fmt.Fprintln(stderr, "gremium audit head:", err)
			return exitFail
		}
		if h.ID == 0 {
			fmt.Fprintln(stderr, "gremium audit head: the audit log is empty")
			return exitFail
		}
		fmt.Fprintln(stdout, h)
		return exitOK
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, usage)
		return exitOK
	}
	fmt.Fprintln(stderr, usage)
	return exitUsage
}

func runAuditVerify(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("audit verify", "audit verify [--head ID:HASH] [--data DIR]\n\nChecks the hash chain of the audit log; exit 1 names the first altered, inserted or deleted entry.", stdout, stderr)
	data := dataFlag(fs)
	headFlag := fs.String("head", "", "a head printed earlier by 'gremium audit head' (ID:HASH or HASH): the log must still contain it unchanged")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	var head store.AuditHead
	if *headFlag != "" {
		var err error
		if head, err = store.ParseAuditHead(*headFlag); err != nil {
			fmt.Fprintln(stderr, "gremium audit verify:", err)
			return exitUsage
		}
	}
	st, err := openExisting(ctx, fs, *data)
	if err != nil {
		fmt.Fprintln(stderr, "gremium audit verify:", err)
		return exitFail
	}
	defer st.Close()
	rep, err := st.VerifyAudit(ctx, head)
	if err != nil {
		fmt.Fprintln(stderr, "gremium audit verify:", err)
		return exitFail
	}
	if p := rep.Problem; p != nil {
		fmt.Fprintf(stdout, "audit log DAMAGED at entry %d (%s): %s\n", p.EntryID, p.Kind, p.Reason)
		return exitFail
	}
	msg := fmt.Sprintf("audit log intact: %d entries, head %s", rep.Entries, rep.Head)
	if head.Hash != "" {
		msg += ", contains the given head"
	}
	fmt.Fprintln(stdout, msg)
	return exitOK
}

// openExisting opens the store of a data directory that must hold a
// database already (checking one must not create an empty one).
func openExisting(ctx context.Context, fs *flag.FlagSet, dir string) (*store.Store, error) {
	if f := fs.Lookup("database"); f != nil && f.Value.String() != "" {
		return openStore(ctx, fs, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, store.DBFileName)); err != nil {
		return nil, fmt.Errorf("no database in %s: %w", dir, err)
	}
	return store.Open(ctx, dir)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
