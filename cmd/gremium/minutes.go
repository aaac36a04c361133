package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// runImport dispatches "gremium import <what>".
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if code, ok := onlySub(args, "minutes", "Usage: gremium import minutes FILE... [--session N] [--body ABBREV] [--index] [--data DIR]", stdout, stderr); !ok {
		return code
	}
	return runImportMinutes(ctx, args[1:], stdout, stderr)
}

// linkImported ties an imported session to the session it prepares (for
// a preparatory body) and links the recommendations its items record.
func linkImported(ctx context.Context, st *store.Store, sessionID int64, body model.Body, doc minutes.Document) (int, []string, error) {
	if body.Preparation.PreparesID != 0 {
		if err := linkPrepared(ctx, st, sessionID, body); err != nil {
			return 0, nil, err
		}
	}
	return minutes.LinkRecommendations(ctx, st, sessionID, doc)
}

// fileArg takes the first non-flag argument as the file name, so that it may
// stand before or after the flags.
func fileArg(fs *flag.FlagSet, args []string, stdout io.Writer) (string, []string, int, bool) {
	for i, a := range args {
		if isHelp(a) {
			return "", args, exitOK, true
		}
		if isFileArg(fs, args, i) {
			return a, append(append([]string{}, args[:i]...), args[i+1:]...), exitOK, true
		}
	}
	fs.Usage()
	return "", nil, exitUsage, false
}

// fileArgs takes every non-flag argument as a file name (fileArg's rule,
// for a command that takes several files), and gives the other arguments
// for the flags.
func fileArgs(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, []string, int, bool) {
	var files, rest []string
	for i, a := range args {
		if isHelp(a) {
			return nil, args, exitOK, true
		}
		if isFileArg(fs, args, i) {
			files = append(files, a)
		} else {
			rest = append(rest, a)
		}
	}
	if len(files) == 0 {
		fs.Usage()
		return nil, nil, exitUsage, false
	}
	return files, rest, exitOK, true
}

// isHelp tells whether an argument asks for a command's usage.
func isHelp(a string) bool { return a == "-h" || a == "--help" || a == "-help" }

// isFileArg tells whether args[i] is a file name: no flag, and not the
// value of the flag of fs before it.
func isFileArg(fs *flag.FlagSet, args []string, i int) bool {
	a := args[i]
	return len(a) > 0 && a[0] != '-' && (i == 0 || !flagTakesValue(fs, args[i-1]))
}

// flagTakesValue tells whether the argument a is a flag of fs that takes
// the next argument as its value: defined in fs, not boolean, and not
// given as "--flag=value".
func flagTakesValue(fs *flag.FlagSet, a string) bool {
	name := strings.TrimLeft(a, "-")
	if name == a || strings.Contains(name, "=") {
		return false
	}
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

// runExport dispatches "gremium export <what>".
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	usage := "Usage: gremium export minutes N [--format text|pdf] [--internal] [--body ABBREV] [--out FILE] [--data DIR]"
	if code, ok := onlySub(args, "minutes", usage, stdout, stderr); !ok {
		return code
	}
	fs := newFlags("export minutes", "export minutes N [--format text|pdf] [--internal] [--body ABBREV] [--out FILE] [--data DIR]", stdout, stderr)
	bodyFlag := fs.String("body", itplr.CouncilAbbrev, "`abbreviation` of the body whose session it is, e.g. AL-Runde")
	data := dataFlag(fs)
	format := fs.String("format", "text", "`format`: text (the published layout) or pdf")
	internal := fs.Bool("internal", false, "include confidential passages (default: the public, redacted version)")
	out := fs.String("out", "", "write to `file` instead of standard output")
	number, rest, code, ok := fileArg(fs, args[1:], stdout)
	if !ok {
		return code
	}
	if code, ok := parse(fs, rest, stdout); !ok {
		return code
	}
	var n int
	if _, err := fmt.Sscanf(number, "%d", &n); err != nil || n <= 0 {
		fmt.Fprintf(stderr, "gremium export minutes: %q is no session number\n", number)
		return exitUsage
	}
	if *format != "text" && *format != "pdf" {
		fmt.Fprintf(stderr, "gremium export minutes: unknown format %q (text or pdf)\n", *format)
		return exitUsage
	}
	st, err := openStore(ctx, fs, *data)
	if err != nil {
		fmt.Fprintln(stderr, "gremium export minutes:", err)
		return exitFail
	}
	defer st.Close()
	body, err := st.BodyByAbbrev(ctx, *bodyFlag)
	if err != nil {
		fmt.Fprintln(stderr, "gremium export minutes:", err)
		return exitFail
	}
	se, err := st.SessionByNumber(ctx, body.ID, n)
	if err != nil {
		fmt.Fprintf(stderr, "gremium export minutes: session %d: %v\n", n, err)
		return exitFail
	}
	audience := model.Public
	if *internal {
		audience = model.Internal
	} else if !audience.SeesSession(se) {
		fmt.Fprintf(stderr, "gremium export minutes: the minutes of the %s are internal; export them with --internal\n", se.Title())
		return exitFail
	}
	doc, err := minutes.Load(ctx, st, se.ID, audience)
	if err != nil {
		fmt.Fprintln(stderr, "gremium export minutes:", err)
		return exitFail
	}
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(stderr, "gremium export minutes:", err)
			return exitFail
		}
		defer f.Close()
		w = f
	}
	if *format == "pdf" {
		err = minutes.WritePDF(w, doc)
	} else {
		err = minutes.Export(w, doc)
	}
	if err != nil {
		fmt.Fprintln(stderr, "gremium export minutes:", err)
		return exitFail
	}
	return exitOK
}

// linkPrepared ties an imported session of a preparatory body to the
// session it prepares, when it is tied to none: the prepared body's first
// session after it.
func linkPrepared(ctx context.Context, st *store.Store, sessionID int64, body model.Body) error {
	if _, err := st.PreparedSession(ctx, sessionID); !errors.Is(err, store.ErrNotFound) {
		return err
	}
	se, err := st.Session(ctx, sessionID)
	if err != nil || se.Date.IsZero() {
		return err
	}
	next, err := st.FirstSessionAfter(ctx, body.Preparation.PreparesID, se.Date)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	return st.LinkPreparedSession(ctx, sessionID, next.ID)
}
