package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gremium/internal/backup"
	"gremium/internal/store"
)

// dataLocation is one side of "gremium migrate-data": a database and the
// data directory that holds its documents.
type dataLocation struct {
	database string // postgres:// URL, or "" for SQLite in dir
	dir      string
}

// parseLocation reads "sqlite:FILE" (FILE is DIR/gremium.db, or the
// directory itself) or a postgres:// URL; dataDir is the documents'
// directory of a PostgreSQL side.
func parseLocation(s, dataDir string) (dataLocation, error) {
	switch {
	case store.IsPostgresURL(s):
		return dataLocation{database: s, dir: dataDir}, nil
	case strings.HasPrefix(s, "sqlite:"):
		file := strings.TrimPrefix(s, "sqlite:")
		if fi, err := os.Stat(file); err == nil && fi.IsDir() {
			return dataLocation{dir: file}, nil
		}
		if filepath.Base(file) != store.DBFileName {
			return dataLocation{}, fmt.Errorf("%s: the SQLite file must be called %s (DIR/%s, its documents in DIR/%s)", s, store.DBFileName, store.DBFileName, backup.DocumentDir)
		}
		return dataLocation{dir: filepath.Dir(file)}, nil
	}
	return dataLocation{}, fmt.Errorf("%q: give sqlite:FILE or a postgres:// URL", s)
}

func (l dataLocation) String() string {
	if l.database != "" {
		return l.database
	}
	return "sqlite:" + filepath.Join(l.dir, store.DBFileName)
}

func runMigrateData(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("migrate-data", "migrate-data --from sqlite:FILE|postgres://… --to postgres://…|sqlite:FILE [--from-data DIR] [--to-data DIR]\n\n"+
		"Copies a whole installation — every row with its id, the audit chain, the uploaded documents — into an empty database,\n"+
		"and checks every table by row count and checksum, the audit head and every document's SHA-256. Stop the servers first.", stdout, stderr)
	from := fs.String("from", "", "the installation to copy: sqlite:DIR/gremium.db or a postgres:// URL")
	to := fs.String("to", "", "the empty database to copy into: a postgres:// URL or sqlite:DIR/gremium.db (created)")
	fromData := fs.String("from-data", "", "data `directory` with the documents when --from is PostgreSQL")
	toData := fs.String("to-data", "", "data `directory` for the documents when --to is PostgreSQL")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	src, err := parseLocation(*from, *fromData)
	if err == nil && *from == "" {
		err = errors.New("--from is required")
	}
	var dst dataLocation
	if err == nil {
		dst, err = parseLocation(*to, *toData)
	}
	if err == nil && (src.dir == "" || dst.dir == "") {
		err = errors.New("a PostgreSQL side needs its data directory for the documents: --from-data or --to-data")
	}
	if err != nil {
		fmt.Fprintln(stderr, "gremium migrate-data:", err)
		return exitUsage
	}
	if err := migrateData(ctx, src, dst, stdout); err != nil {
		fmt.Fprintln(stderr, "gremium migrate-data:", err)
		return exitFail
	}
	return exitOK
}

// migrateData copies the installation src into dst and checks the copy.
func migrateData(ctx context.Context, src, dst dataLocation, stdout io.Writer) error {
	if src.database == "" {
		if _, err := os.Stat(filepath.Join(src.dir, store.DBFileName)); err != nil {
			return fmt.Errorf("no database in %s: %w", src.dir, err)
		}
	}
	from, err := store.OpenDatabase(ctx, src.database, src.dir)
	if err != nil {
		return fmt.Errorf("open %s: %w", src, err)
	}
	defer from.Close()
	to, err := store.OpenDatabase(ctx, dst.database, dst.dir)
	if err != nil {
		return fmt.Errorf("open %s: %w", dst, err)
	}
	defer to.Close()
	rep, err := store.CopyAll(ctx, to, from)
	if err != nil {
		return err
	}
	var rows int64
	for _, t := range rep.Tables {
		rows += t.Rows
	}
	took := rep.Copy + rep.Analyze + rep.Check
	fmt.Fprintf(stdout, "copied %d tables, %d rows from %s to %s in %s (%.0f rows/s; writing %s, statistics %s, checks %s); every table checked by row count and checksum\n",
		len(rep.Tables), rows, src, dst, took.Round(time.Millisecond), float64(rows)/took.Seconds(),
		rep.Copy.Round(time.Millisecond), rep.Analyze.Round(time.Millisecond), rep.Check.Round(time.Millisecond))
	audit, err := to.VerifyAudit(ctx, rep.Head)
	if err != nil {
		return err
	}
	if audit.Problem != nil {
		return fmt.Errorf("audit chain in the copy: entry %d: %s", audit.Problem.EntryID, audit.Problem.Reason)
	}
	fmt.Fprintf(stdout, "audit chain intact: %d entries, head %s (the same as the source's)\n", audit.Entries, rep.Head)
	n, bytes, err := copyDocuments(filepath.Join(src.dir, backup.DocumentDir), filepath.Join(dst.dir, backup.DocumentDir))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "copied %d documents (%d bytes), each checked by its SHA-256\n", n, bytes)
	return nil
}

// copyDocuments copies the document files of one data directory into
// another (unfinished uploads, *.tmp, excepted) and checks each copy's
// SHA-256 against the source's; a document named by its SHA-256 (as
// gremium stores them) must also have that content.
func copyDocuments(from, to string) (n int, size int64, err error) {
	err = filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && path == from {
			return fs.SkipDir
		}
		if err != nil || !d.Type().IsRegular() || strings.HasSuffix(path, ".tmp") {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		target := filepath.Join(to, rel)
		sum, written, err := copyFile(path, target)
		if err != nil {
			return fmt.Errorf("document %s: %w", rel, err)
		}
		want, err := backup.FileSHA256(path)
		if err != nil {
			return err
		}
		if sum != want {
			return fmt.Errorf("document %s: the copy differs from the source", rel)
		}
		if name := filepath.Base(path); len(name) == 64 && name != sum {
			return fmt.Errorf("document %s: its content does not have the SHA-256 it is named by", rel)
		}
		n, size = n+1, size+written
		return nil
	})
	return n, size, err
}

// copyFile copies a file (refusing to replace one) and gives the SHA-256
// of what it wrote, read back from the copy.
func copyFile(from, to string) (string, int64, error) {
	if err := os.MkdirAll(filepath.Dir(to), 0o750); err != nil {
		return "", 0, err
	}
	in, err := os.Open(from)
	if err != nil {
		return "", 0, err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return "", 0, err
	}
	written, err := io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, err
	}
	sum, err := backup.FileSHA256(to)
	return sum, written, err
}
