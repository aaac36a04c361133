package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
)

// runImport dispatches "gremium import <what>".
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if code, ok := onlySub(args, "minutes", "Usage: gremium import minutes FILE [--session N] [--data DIR]", stdout, stderr); !ok {
		return code
	}
	return runImportMinutes(ctx, args[1:], stdout, stderr)
}

func runImportMinutes(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import minutes", "import minutes FILE [--session N] [--data DIR]", stdout, stderr)
	data := dataFlag(fs)
	session := fs.Int("session", 0, "session `number` to store the minutes as (default: the number in the file's header)")
	file, rest, code, ok := fileArg(fs, args, stdout)
	if !ok {
		return code
	}
	if code, ok := parse(fs, rest, stdout); !ok {
		return code
	}
	f, err := os.Open(file)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		return exitFail
	}
	defer f.Close()
	st, err := openStore(ctx, fs, *data)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		return exitFail
	}
	defer st.Close()
	ctx = store.WithActor(ctx, "import")
	council, err := itplr.Setup(ctx, st)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		return exitFail
	}
	opts, err := minutes.StoredOptions(ctx, st, council.ID)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		return exitFail
	}
	opts.Progress = func(line int) { fmt.Fprintf(stderr, "… %d lines read\n", line) }
	size := int64(0)
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	start := time.Now()
	phase := start
	// progress writes a line on stderr when a phase of the import ends.
	progress := func(what string) {
		now := time.Now()
		fmt.Fprintf(stderr, "… %s in %s (%.1f MB/s of the file so far)\n", what, now.Sub(phase).Round(time.Millisecond),
			float64(size)/1e6/now.Sub(start).Seconds())
		phase = now
	}
	doc, warnings, err := minutes.Parse(bufio.NewReader(f), opts)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		return exitFail
	}
	for _, w := range warnings {
		fmt.Fprintf(stdout, "%s:%s\n", file, w)
	}
	if *session > 0 {
		doc.Session.Number = *session
	}
	progress(fmt.Sprintf("parsed %d bytes", size))
	sessionID, outcome, err := minutes.Save(ctx, st, council.ID, doc)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		if errors.Is(err, store.ErrImmutable) {
			fmt.Fprintln(stderr, "nothing was changed; approved minutes and given decision numbers cannot be changed by an import")
		}
		return exitFail
	}
	progress("stored")
	if outcome != minutes.Unchanged {
		if err := search.IndexSession(ctx, st, sessionID); err != nil {
			fmt.Fprintln(stderr, "gremium import minutes: search index:", err)
			return exitFail
		}
		progress("search index updated")
	}
	items, decisions := 0, 0
	for _, it := range doc.Items() {
		items++
		for _, r := range it.Rows {
			if r.Decision != nil {
				decisions++
			}
		}
	}
	fmt.Fprintf(stdout, "%d. Sitzung: %s (%d items, %d decisions, %d warnings)\n", doc.Session.Number, outcome, items, decisions, len(warnings))
	// Follow-ups the wording proposes, for the secretariat to confirm.
	proposals, err := minutes.StoredProposals(ctx, st, sessionID)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes: follow-up proposals:", err)
		return exitFail
	}
	if len(proposals) > 0 {
		fmt.Fprintf(stdout, "%d proposed follow-ups, to confirm at /sitzungen/%d/auftragsvorschlaege:\n", len(proposals), doc.Session.Number)
		for _, p := range proposals {
			deadline := p.FollowUp().Deadline()
			if deadline == "" {
				deadline = "no deadline"
			}
			fmt.Fprintf(stdout, "  %s (%s): %s [%s; %s]\n", p.ItemLabel, p.Source.Label(), p.Sentence, deadline, p.Responsible)
		}
	}
	return exitOK
}

// fileArg takes the first non-flag argument as the file name, so that it may
// stand before or after the flags.
func fileArg(fs *flag.FlagSet, args []string, stdout io.Writer) (string, []string, int, bool) {
	for i, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			return "", args, exitOK, true
		}
		if len(a) > 0 && a[0] != '-' && (i == 0 || !flagTakesValue(args[i-1])) {
			return a, append(append([]string{}, args[:i]...), args[i+1:]...), exitOK, true
		}
	}
	fs.Usage()
	return "", nil, exitUsage, false
}

func flagTakesValue(a string) bool {
	for _, f := range []string{"-data", "--data", "-session", "--session", "-out", "--out", "-format", "--format"} {
		if a == f {
			return true
		}
	}
	return false
}

// runExport dispatches "gremium export <what>".
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	usage := "Usage: gremium export minutes N [--format text|pdf] [--internal] [--out FILE] [--data DIR]"
	if code, ok := onlySub(args, "minutes", usage, stdout, stderr); !ok {
		return code
	}
	fs := newFlags("export minutes", "export minutes N [--format text|pdf] [--internal] [--out FILE] [--data DIR]", stdout, stderr)
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
	council, err := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	if err != nil {
		fmt.Fprintln(stderr, "gremium export minutes:", err)
		return exitFail
	}
	se, err := st.SessionByNumber(ctx, council.ID, n)
	if err != nil {
		fmt.Fprintf(stderr, "gremium export minutes: session %d: %v\n", n, err)
		return exitFail
	}
	audience := model.Public
	if *internal {
		audience = model.Internal
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
