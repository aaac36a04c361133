package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sync"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/relevance"
	"gremium/internal/search"
	"gremium/internal/store"
)

// importFile is one file of `gremium import minutes`: read, its body
// found, parsed, and — after the store step — its session and outcome.
type importFile struct {
	name     string
	text     []byte
	body     model.Body
	doc      minutes.Document
	warnings []minutes.Warning
	err      error // of the parse or the store step

	sessionID int64
	outcome   minutes.Outcome
	stored    minutes.Document // as written (minutes.Written), for its documents and proposals
	// parsed are the follow-up proposals read from the parsed minutes
	// while they are stored (minutes.ParsedProposals), used if the file
	// is stored as a new session; set before early (below) is closed.
	parsed []minutes.Proposal
}

// proposeWhileStoring reads the follow-up proposals of the parsed files
// on another goroutine (another processor) while the files are stored,
// and closes the channel it gives when it is done: for a new session
// they are the proposals read after the store (minutes.ParsedProposals),
// which the import then need not read from the stored minutes. If the
// members cannot be read, no file gets any, and writeDerived reads them
// from the store as for a changed session.
func proposeWhileStoring(ctx context.Context, st *store.Store, files []*importFile) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		members, err := st.Members(ctx)
		if err != nil {
			return
		}
		for _, f := range files {
			f.parsed = minutes.ParsedProposals(members, f.body, f.doc)
			if f.parsed == nil {
				f.parsed = []minutes.Proposal{}
			}
		}
	}()
	return done
}

// label names the file's session as the command's output does: "47.
// Sitzung", "39. Sitzung (AL-Runde)" for a body other than the council.
func (f *importFile) label(council model.Body) string {
	label := fmt.Sprintf("%d. Sitzung", f.doc.Session.Number)
	if f.body.ID != council.ID {
		label += " (" + f.body.Abbrev + ")"
	}
	return label
}

// runImportMinutes imports one or more files of minutes. Every file is
// read and parsed first (side by side, on every processor); a file that
// cannot be read or parsed, or two files of one session, stop the import
// before anything is stored. The files are then stored in the order of
// their sessions (per body, by number), each in a transaction of its own,
// so that minutes approving earlier minutes find them whatever order the
// files were named in; a file the store refuses (approved minutes
// changed, say) is reported and the others are stored all the same.
// After the last file the recommendations are linked (after every session
// is there, so that an AL-Runde and the council session it prepares link
// in either order) and the follow-up proposals read (a new session's on
// the other processor while it is stored). The search documents and
// OParl objects of new sessions are left marked for gremium serve; those
// of changed sessions, or of all with --index, are written at once, in
// one transaction (writeDerived).
func runImportMinutes(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import minutes", "import minutes FILE... [--session N] [--body ABBREV] [--index] [--data DIR]", stdout, stderr)
	data := dataFlag(fs)
	session := fs.Int("session", 0, "session `number` to store the minutes as (default: the number in the file's header; only with one FILE)")
	bodyFlag := fs.String("body", "", "`abbreviation` of the body the minutes are of, e.g. AL-Runde (default: the body each file's header names, else the IT-PLR)")
	index := fs.Bool("index", false, "write the search documents and OParl objects of new sessions in this run (default: gremium serve writes them, within a second of the import while it runs, else when it starts)")
	names, rest, code, ok := fileArgs(fs, args, stdout)
	if !ok {
		return code
	}
	if code, ok := parse(fs, rest, stdout); !ok {
		return code
	}
	if *session > 0 && len(names) > 1 {
		fmt.Fprintln(stderr, "gremium import minutes: --session gives the number of one session; name one FILE with it")
		return exitUsage
	}
	start := time.Now()
	// The word list's lexicon, which the search documents split words
	// with, is built on the other processor while this one reads the files
	// and opens the database (relevance.Prepare) — when the import writes
	// them (--index). Without, only a session the import changes needs
	// it, and builds it when it does.
	if *index {
		go relevance.Prepare()
	}
	files := make([]*importFile, len(names))
	var size int64
	for i, name := range names {
		text, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(stderr, "gremium import minutes:", err)
			return exitFail
		}
		files[i] = &importFile{name: name, text: text}
		size += int64(len(text))
	}
	plural := ""
	if len(files) > 1 {
		plural = "s"
	}
	// One file is parsed with the council's own options while the
	// database is opened (guessParse); parseImports keeps that parse if
	// the stored options read alike.
	var guess *guessedParse
	if len(files) == 1 && *bodyFlag == "" {
		guess = guessParse(files[0])
	}
	var progressMu sync.Mutex
	// progress writes a line on stderr when a step of the import that
	// began at began ends, with the MB/s of the files since the command
	// started. Steps after the store run side by side.
	progress := func(what string, began time.Time) {
		progressMu.Lock()
		defer progressMu.Unlock()
		now := time.Now()
		fmt.Fprintf(stderr, "… %s in %s (%.1f MB/s of the file%s so far)\n", what, now.Sub(began).Round(time.Millisecond),
			float64(size)/1e6/now.Sub(start).Seconds(), plural)
	}
	st, err := openStore(ctx, fs, *data)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		return exitFail
	}
	defer closeStore(ctx, st, stderr)
	progress("opened the database", start)
	ctx = store.WithActor(ctx, "import")
	council, err := itplr.Setup(ctx, st)
	if err != nil {
		fmt.Fprintln(stderr, "gremium import minutes:", err)
		return exitFail
	}
	began := time.Now()
	if code, ok := parseImports(ctx, st, council, files, guess, *bodyFlag, *session, stderr); !ok {
		return code
	}
	for _, f := range files {
		for _, w := range f.warnings {
			fmt.Fprintf(stdout, "%s:%s\n", f.name, w)
		}
	}
	progress(fmt.Sprintf("parsed %d bytes", size), began)
	// One session, one file.
	for i, f := range files {
		for _, g := range files[:i] {
			if f.doc.Session.Number > 0 && g.body.ID == f.body.ID && g.doc.Session.Number == f.doc.Session.Number {
				fmt.Fprintf(stderr, "gremium import minutes: %s and %s are both the minutes of the %s; nothing was stored\n", g.name, f.name, f.label(council))
				return exitFail
			}
		}
	}
	slices.SortStableFunc(files, func(a, b *importFile) int {
		return cmp.Or(cmp.Compare(a.body.ID, b.body.ID), cmp.Compare(a.doc.Session.Number, b.doc.Session.Number))
	})
	var early <-chan struct{}
	if !*index {
		// The new sessions' proposals need not wait for the store.
		early = proposeWhileStoring(ctx, st, files)
	}
	var stored []*importFile
	for _, f := range files {
		began := time.Now()
		// A new session's OParl objects are built after the commit
		// (store.OParlAfterCommit): by this command with --index, next to
		// the search index, else by gremium serve, which writes the search
		// documents too (store.SearchAfterCommit).
		opts := []store.WriteOption{store.OParlAfterCommit}
		if !*index {
			opts = append(opts, store.SearchAfterCommit)
		}
		f.sessionID, f.outcome, f.err = minutes.Save(ctx, st, f.body.ID, f.doc, opts...)
		if f.err != nil {
			fmt.Fprintf(stderr, "gremium import minutes: %s: %v\n", f.name, f.err)
			if errors.Is(f.err, store.ErrImmutable) {
				fmt.Fprintf(stderr, "nothing of %s was changed; approved minutes and given decision numbers cannot be changed by an import\n", f.name)
			}
			continue
		}
		stored = append(stored, f)
		if len(files) > 1 {
			progress("stored the "+f.label(council)+" ("+f.name+")", began)
		} else {
			progress("stored", began)
		}
	}
	failed := len(files) - len(stored)
	if len(stored) == 0 {
		return exitFail
	}
	code = writeDerived(ctx, st, council, stored, early, progress, stdout, stderr)
	if len(files) > 1 {
		counts := map[minutes.Outcome]int{}
		for _, f := range stored {
			counts[f.outcome]++
		}
		fmt.Fprintf(stdout, "%d files: %d created, %d updated, %d unchanged, %d refused (%.1f MB in %s)\n", len(files),
			counts[minutes.Created], counts[minutes.Updated], counts[minutes.Unchanged], failed,
			float64(size)/1e6, time.Since(start).Round(time.Millisecond))
	}
	if failed > 0 {
		return exitFail
	}
	return code
}

// guessedParse is the parse of an import's one file with the council's
// own options (itplr.Sections, itplr.Speakers), begun on another
// processor when the file is read, while the database is opened and set
// up: parseImports keeps it if the stored options of the file's body read
// alike (minutes.Options.SameParse: the parser reads nothing else of
// them), and parses the file again with the stored ones otherwise.
type guessedParse struct {
	opts     minutes.Options
	done     chan struct{} // closed when the fields below are set
	doc      minutes.Document
	warnings []minutes.Warning
	err      error
	lines    []int // the parse's progress, printed if it is kept
}

// guessParse begins the parse of f with the council's own options.
func guessParse(f *importFile) *guessedParse {
	g := &guessedParse{opts: minutes.Options{Sections: itplr.Sections(), Speakers: itplr.Speakers()}, done: make(chan struct{})}
	go func() {
		defer close(g.done)
		o := g.opts
		o.Progress = func(line int) { g.lines = append(g.lines, line) }
		g.doc, g.warnings, g.err = minutes.Parse(bufio.NewReader(bytes.NewReader(f.text)), o)
	}()
	return g
}

// parseImports finds each file's body (named by --body, or by the
// header: "39. Sitzung der AL-Runde", else the council) and parses the
// files side by side (one file: keeps guess where it reads alike). It
// reports every file that cannot be parsed and then tells the caller to
// stop: nothing is stored.
func parseImports(ctx context.Context, st *store.Store, council model.Body, files []*importFile, guess *guessedParse, bodyAbbrev string, session int, stderr io.Writer) (int, bool) {
	var bodies []model.Body
	if bodyAbbrev != "" {
		body, err := st.BodyByAbbrev(ctx, bodyAbbrev)
		if err != nil {
			fmt.Fprintf(stderr, "gremium import minutes: no body %q: %v\n", bodyAbbrev, err)
			return exitUsage, false
		}
		bodies = []model.Body{body}
	} else {
		all, err := st.Bodies(ctx, "")
		if err != nil {
			fmt.Fprintln(stderr, "gremium import minutes:", err)
			return exitFail, false
		}
		bodies = all
	}
	headers := make([]int, len(files))
	opts := map[int64]minutes.Options{}
	for i, f := range files {
		f.body = council
		if bodyAbbrev != "" {
			f.body = bodies[0]
		}
		if b, n, ok := minutes.DetectBody(string(f.text), bodies); ok {
			f.body, headers[i] = b, n
		}
		if _, ok := opts[f.body.ID]; ok {
			continue
		}
		o, err := minutes.StoredOptions(ctx, st, f.body.ID)
		if err != nil {
			fmt.Fprintln(stderr, "gremium import minutes:", err)
			return exitFail, false
		}
		opts[f.body.ID] = o
	}
	var progressMu sync.Mutex
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := range next {
				f := files[i]
				o := opts[f.body.ID]
				o.Progress = func(line int) {
					progressMu.Lock()
					defer progressMu.Unlock()
					if len(files) > 1 {
						fmt.Fprintf(stderr, "… %s: %d lines read\n", f.name, line)
					} else {
						fmt.Fprintf(stderr, "… %d lines read\n", line)
					}
				}
				if guess != nil && len(files) == 1 && guess.opts.SameParse(o) {
					<-guess.done
					for _, line := range guess.lines {
						o.Progress(line)
					}
					f.doc, f.warnings, f.err = guess.doc, guess.warnings, guess.err
				} else {
					f.doc, f.warnings, f.err = minutes.Parse(bufio.NewReader(bytes.NewReader(f.text)), o)
				}
				if f.err != nil {
					continue
				}
				if f.doc.Session.Number == 0 {
					f.doc.Session.Number = headers[i]
				}
				if session > 0 {
					f.doc.Session.Number = session
				}
				sum := sha256.Sum256(f.text)
				f.doc.Source = store.ImportSource{SHA256: hex.EncodeToString(sum[:]), Size: int64(len(f.text))}
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	bad := 0
	for _, f := range files {
		if f.err != nil {
			bad++
			fmt.Fprintf(stderr, "gremium import minutes: %s: %v\n", f.name, f.err)
		}
	}
	if bad > 0 {
		if len(files) > 1 {
			fmt.Fprintf(stderr, "gremium import minutes: %d of %d files could not be read; nothing was stored\n", bad, len(files))
		}
		return exitFail, false
	}
	return exitOK, true
}

// writeDerived writes what follows from the stored files, after their
// commits, on two goroutines (each on a processor of its own where there
// are several). With later, the search documents and OParl objects of new
// sessions are left to gremium serve (store.SearchAfterCommit,
// store.OParlAfterCommit; search.IndexPending, store.SyncOParl): only
// the documents of sessions the import changed are written here, since
// the index must not keep what a change withdrew. later is then the
// channel proposeWhileStoring closes, and a new session's proposals are
// those it read (importFile.parsed); later is nil with --index. One does the writes: the OParl objects the store steps
// left marked (and any backlog an earlier import left by stopping after
// its commit) and the sessions' search documents, in one transaction
// (store.SyncOParlAndSearch: one writer, not two waiting for each other).
// The other, meanwhile, builds the search documents from what was stored
// (for a new session from the parsed document, minutes.Written), then
// reads the follow-up proposals and links the recommendations: the
// writes are the longest of these paths, so the rest is done one after
// the other beside them rather than three ways on two processors, where
// it took processor time from the writes. It prints each file's result
// in the order of the sessions.
func writeDerived(ctx context.Context, st *store.Store, council model.Body, files []*importFile, early <-chan struct{}, progress func(string, time.Time), stdout, stderr io.Writer) int {
	later := early != nil
	if later {
		<-early
	}
	// fromParse: a new session's proposals read while it was stored.
	fromParse := func(f *importFile) bool { return later && f.outcome == minutes.Created && f.parsed != nil }
	type searchDocs struct {
		scopes []store.SearchScope
		err    error
	}
	docs := make(chan searchDocs, 1) // sent once, whatever happens
	var wg sync.WaitGroup
	var writeErr, proposalsErr error
	var marked bool
	proposals := make([][]minutes.Proposal, len(files))
	loaded := time.Now() // the steps after it count from the last store's commit
	wg.Go(func() {
		if later {
			d := <-docs
			if writeErr = d.err; writeErr != nil {
				return
			}
			for _, sc := range d.scopes {
				if writeErr = st.ReplaceSearchDocs(ctx, sc.Scope, sc.Docs); writeErr != nil {
					return
				}
			}
			if len(d.scopes) > 0 {
				progress("search index updated", loaded)
			}
			return
		}
		writeErr = st.SyncOParlAndSearch(ctx, func() ([]store.SearchScope, error) {
			progress("OParl objects built", loaded)
			d := <-docs
			return d.scopes, d.err
		})
		if writeErr == nil {
			progress("search index updated", loaded)
		}
	})
	// The sessions' documents are indexed. An index marked "needs
	// rebuild" (a new database, new terms after an upgrade) is left for
	// `gremium serve`, which rebuilds it next to serving (at a million
	// decisions that takes minutes, too long for an import to wait); the
	// mark stays, so these sessions' documents do not make it pass for
	// whole.
	var d searchDocs
	marked, d.err = st.SearchNeedsRebuild(ctx)
	for _, f := range files {
		if d.err != nil {
			break
		}
		if fromParse(f) {
			continue // nothing of it to read: its documents are the server's
		}
		if f.stored, d.err = minutes.Written(ctx, st, f.sessionID, f.doc, f.outcome); d.err != nil || f.outcome == minutes.Unchanged {
			continue
		}
		if later && f.outcome == minutes.Created {
			continue // written by gremium serve (search.IndexPending)
		}
		var sc store.SearchScope
		if sc, d.err = search.LoadedDocs(f.stored); d.err == nil {
			d.scopes = append(d.scopes, sc)
		}
	}
	docs <- d
	if d.err != nil {
		proposalsErr = d.err
	} else {
		for i, f := range files {
			if fromParse(f) {
				proposals[i] = f.parsed
				continue
			}
			if proposals[i], proposalsErr = minutes.LoadedProposals(ctx, st, f.stored); proposalsErr != nil {
				break
			}
		}
		if proposalsErr == nil {
			progress("follow-up proposals read", loaded)
		}
	}
	began := time.Now()
	linked := make([]int, len(files))
	notes := make([][]string, len(files))
	var err error
	for i, f := range files {
		if linked[i], notes[i], err = linkImported(ctx, st, f.sessionID, f.body, f.doc); err != nil {
			break
		}
	}
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
		fmt.Fprintln(stderr, "gremium import minutes: the search index is marked for a rebuild (a new database, or an upgrade that changed its terms); gremium serve rebuilds it when it starts")
	}
	if created := countCreated(files); later && created > 0 {
		fmt.Fprintf(stderr, "… the search documents and OParl objects of %s are written by gremium serve: within a second if it runs, else when it starts (--index writes them in the import)\n",
			model.Counted(created, "new session", "new sessions"))
	}
	// The report is written in one piece: a write per line (hundreds of
	// proposed follow-ups for a long session) cost a system call each,
	// and on a pipe a wake-up of its reader, at the end of the command.
	out := bufio.NewWriterSize(stdout, 64<<10)
	defer out.Flush()
	stdout = out
	for i, f := range files {
		for _, n := range notes[i] {
			fmt.Fprintf(stdout, "%s: Beschlussempfehlung nicht verknüpft: %s\n", f.name, n)
		}
		if linked[i] > 0 {
			fmt.Fprintf(stdout, "%s verknüpft\n", model.Counted(linked[i], "Beschlussempfehlung", "Beschlussempfehlungen"))
		}
		items, decisions := 0, 0
		for _, it := range f.doc.Items() {
			items++
			for _, r := range it.Rows {
				if r.Decision != nil {
					decisions++
				}
			}
		}
		fmt.Fprintf(stdout, "%s: %s (%d items, %d decisions, %d warnings)\n", f.label(council), f.outcome, items, decisions, len(f.warnings))
		// Follow-ups the wording proposes, for the secretariat to confirm.
		if len(proposals[i]) > 0 {
			fmt.Fprintf(stdout, "%d proposed follow-ups, to confirm at %s/auftragsvorschlaege:\n", len(proposals[i]), model.Session{Number: f.doc.Session.Number, BodySlug: f.body.Preparation.Slug}.Path())
			for _, p := range proposals[i] {
				deadline := p.FollowUp().Deadline()
				if deadline == "" {
					deadline = "no deadline"
				}
				fmt.Fprintf(stdout, "  %s (%s): %s [%s; %s]\n", p.ItemLabel, p.Origin, p.Sentence, deadline, p.Responsible)
			}
		}
	}
	return exitOK
}

// countCreated counts the files stored as new sessions.
func countCreated(files []*importFile) int {
	n := 0
	for _, f := range files {
		if f.outcome == minutes.Created {
			n++
		}
	}
	return n
}
