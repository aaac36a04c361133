package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
)

// runImport dispatches "gremium import <what>".
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if code, ok := onlySub(args, "minutes", "Usage: gremium import minutes FILE [--session N] [--body ABBREV] [--data DIR]", stdout, stderr); !ok {
		return code
	}
	return runImportMinutes(ctx, args[1:], stdout, stderr)
}

func runImportMinutes(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import minutes", "import minutes FILE [--session N] [--body ABBREV] [--data DIR]", stdout, stderr)
	data := dataFlag(fs)
	session := fs.Int("session", 0, "session `number` to store the minutes as (default: the number in the file's header)")
	bodyFlag := fs.String("body", "", "`abbreviation` of the body the minutes are of, e.g. AL-Runde (default: the body the header names, else the IT-PLR)")
	file, rest, code, ok := fileArg(fs, args, stdout)
	if !ok {
		return code
	}
	if code, ok := parse(fs, rest, stdout); !ok {
		return code
	}
	start := time.Now()
	var size int64
	var progressMu sync.Mutex
	// progress writes a line on stderr when a step of the import that
	// began at began ends, with the MB/s of the file since the command
	// started. Steps after the store run side by side.
	progress := func(what string, began time.Time) {
		progressMu.Lock()
		defer progressMu.Unlock()
		now := time.Now()
		fmt.Fprintf(stderr, "… %s in %s (%.1f MB/s of the file so far)\n", what, now.Sub(began).Round(time.Millisecond),
			float64(size)/1e6/now.Sub(start).Seconds())
	}
	text, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		return exitFail
	}
	st, err := openStore(ctx, fs, *data)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		return exitFail
	}
	defer closeStore(ctx, st, stderr)
	size = int64(len(text))
	progress("opened the database", start)
	ctx = store.WithActor(ctx, "import")
	council, err := itplr.Setup(ctx, st)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		return exitFail
	}
	// The body: named by --body, or by the header ("39. Sitzung der
	// AL-Runde"), else the council.
	body, headerNumber := council, 0
	if *bodyFlag != "" {
		if body, err = st.BodyByAbbrev(ctx, *bodyFlag); err != nil {
			fmt.Fprintf(stderr, "gremium import minutes: no body %q: %v\n", *bodyFlag, err)
			return exitUsage
		}
		if b, n, ok := minutes.DetectBody(string(text), []model.Body{body}); ok && b.ID == body.ID {
			headerNumber = n
		}
	} else if all, err := st.Bodies(ctx, ""); err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		return exitFail
	} else if b, n, ok := minutes.DetectBody(string(text), all); ok {
		body, headerNumber = b, n
	}
	opts, err := minutes.StoredOptions(ctx, st, body.ID)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		return exitFail
	}
	opts.Progress = func(line int) { fmt.Fprintf(stderr, "… %d lines read\n", line) }
	began := time.Now()
	doc, warnings, err := minutes.Parse(bufio.NewReader(bytes.NewReader(text)), opts)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		return exitFail
	}
	for _, w := range warnings {
		fmt.Fprintf(stdout, "%s:%s\n", file, w)
	}
	if doc.Session.Number == 0 {
		doc.Session.Number = headerNumber
	}
	if *session > 0 {
		doc.Session.Number = *session
	}
	sum := sha256.Sum256(text)
	doc.Source = store.ImportSource{SHA256: hex.EncodeToString(sum[:]), Size: size}
	progress(fmt.Sprintf("parsed %d bytes", size), began)
	began = time.Now()
	// A new session's OParl objects are built after the commit, next to
	// the search index (store.OParlAfterCommit).
	sessionID, outcome, err := minutes.Save(ctx, st, body.ID, doc, store.OParlAfterCommit)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		if errors.Is(err, store.ErrImmutable) {
			fmt.Fprintln(stderr, "nothing was changed; approved minutes and given decision numbers cannot be changed by an import")
		}
		return exitFail
	}
	progress("stored", began)
	// After the commit, on three goroutines (each on a processor of its
	// own where there are several): the writes — the OParl objects Save
	// left marked (and any backlog an earlier import left by stopping
	// after its commit) and the session's search documents, in one
	// transaction (store.SyncOParlAndSearch: one writer, not two waiting
	// for each other); the documents and the follow-up proposals, built
	// from what Save stored (for a new session from the parsed document,
	// minutes.Written) while the objects are built; and the linking of
	// recommendations.
	type searchDocs struct {
		sc  store.SearchScope
		ok  bool
		err error
	}
	docs := make(chan searchDocs, 1) // sent once, whatever happens
	var wg sync.WaitGroup
	var writeErr, proposalsErr error
	var marked bool
	var proposals []minutes.Proposal
	loaded := time.Now() // the steps after it count from the store's commit
	wg.Go(func() {
		writeErr = st.SyncOParlAndSearch(ctx, func() (store.SearchScope, bool, error) {
			progress("OParl objects built", loaded)
			d := <-docs
			return d.sc, d.ok, d.err
		})
		if writeErr == nil {
			progress("search index updated", loaded)
		}
	})
	wg.Go(func() {
		stored, err := minutes.Written(ctx, st, sessionID, doc, outcome)
		// The session's documents are indexed. An index marked "needs
		// rebuild" (new terms after an upgrade) is left for `gremium
		// serve`, which rebuilds it next to serving (at a million
		// decisions that takes minutes, too long for an import to wait);
		// the mark stays, so this session's documents do not make it
		// pass for whole.
		if err == nil {
			marked, err = st.SearchNeedsRebuild(ctx)
		}
		var d searchDocs
		if d.err = err; err == nil && outcome != minutes.Unchanged {
			d.sc, d.err = search.LoadedDocs(stored)
			d.ok = d.err == nil
		}
		docs <- d
		if err != nil {
			proposalsErr = err
			return
		}
		if proposals, proposalsErr = minutes.LoadedProposals(ctx, st, stored); proposalsErr == nil {
			progress("follow-up proposals read", loaded)
		}
	})
	began = time.Now()
	linked, notes, err := linkImported(ctx, st, sessionID, body, doc)
	if err == nil {
		progress("recommendations linked", began)
	}
	wg.Wait()
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		return exitFail
	}
	if writeErr != nil {
		// The minutes are committed; their marks wait for the next sync.
		fmt.Fprintln(stderr, "gremium import minutes: the minutes are stored, but their OParl objects and search documents were not written (the next import or the start of gremium serve builds the OParl objects):", writeErr)
		return exitFail
	}
	if proposalsErr != nil {
		fmt.Fprintln(stderr, "gremium import minutes: follow-up proposals:", proposalsErr)
		return exitFail
	}
	if marked {
		fmt.Fprintln(stderr, "gremium import minutes: the search index is marked for a rebuild (after an upgrade); gremium serve rebuilds it at its next start")
	}
	for _, n := range notes {
		fmt.Fprintf(stdout, "%s: Beschlussempfehlung nicht verknüpft: %s\n", file, n)
	}
	if linked > 0 {
		fmt.Fprintf(stdout, "%s verknüpft\n", model.Counted(linked, "Beschlussempfehlung", "Beschlussempfehlungen"))
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
	label := fmt.Sprintf("%d. Sitzung", doc.Session.Number)
	if body.ID != council.ID {
		label += " (" + body.Abbrev + ")"
	}
	fmt.Fprintf(stdout, "%s: %s (%d items, %d decisions, %d warnings)\n", label, outcome, items, decisions, len(warnings))
	// Follow-ups the wording proposes, for the secretariat to confirm.
	if len(proposals) > 0 {
		fmt.Fprintf(stdout, "%d proposed follow-ups, to confirm at %s/auftragsvorschlaege:\n", len(proposals), model.Session{Number: doc.Session.Number, BodySlug: body.Preparation.Slug}.Path())
		for _, p := range proposals {
			deadline := p.FollowUp().Deadline()
			if deadline == "" {
				deadline = "no deadline"
			}
			fmt.Fprintf(stdout, "  %s (%s): %s [%s; %s]\n", p.ItemLabel, p.Origin, p.Sentence, deadline, p.Responsible)
		}
	}
	return exitOK
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
	for _, f := range []string{"-data", "--data", "-session", "--session", "-out", "--out", "-format", "--format", "-body", "--body"} {
		if a == f {
			return true
		}
	}
	return false
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
