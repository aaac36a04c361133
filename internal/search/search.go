// Package search owns gremium's German full-text search over the public
// texts: decisions, agenda items and public minutes. Words are lower-cased,
// their transcribed umlauts (ae, oe, ue) read as umlauts, and reduced to
// German Snowball stems (umlauts and ß folded) before indexing and
// querying, so "Pruefung" finds "Prüfung", "Beschlüsse" finds "Beschluss"
// and "Registermodernisierung" finds "Registermodernisierungen"; the parts
// of compound words are indexed after a text's words, so "Register" finds
// "Registermodernisierung" too. Documents are
// built from the public version of the minutes only: nothing confidential
// can reach the index.
package search

import (
	"context"
	"errors"
	"fmt"
	"gremium/internal/lazyre"
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/relevance"
	"gremium/internal/store"
)

var folder = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "Ä", "ae", "Ö", "oe", "Ü", "ue")

// words splits text into words.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// umlauts writes the transcriptions ae, oe, ue as the umlauts they stand
// for (not the ue of "que"), as Snowball's "german2" variant does: the
// stemmer knows umlauts, not their transcriptions. Folded first, the
// plural "Beschlüsse" became "beschluess" and never met "Beschluss"; now
// both, and "Beschluesse", are "beschluss". A word with a real "ae"
// ("Aerosol") is read the same way in the index and in a query, so it
// still finds itself.
var umlauts = strings.NewReplacer("que", "que", "ae", "ä", "oe", "ö", "ue", "ü")

// stemCache holds the index forms of the words met so far (Term and
// PartTerms): the words of a session's minutes repeat, and each is
// stemmed and split once.
type stemCache map[string]stemmed

// stemmed is a word's index form and those of its parts, joined by
// spaces ("" for a word that is not a compound).
type stemmed struct {
	term  string
	parts []string
}

// stemmedWords holds the index forms of words across sessions (a rebuild
// meets the same words in every session, and stemming and splitting them
// again cost a session's reindex a third of its processor time); it keeps
// at most maxStemmedWords words, the first met.
var (
	stemmedWords      sync.Map // word → stemmed
	stemmedWordsCount atomic.Int64
)

// maxStemmedWords bounds stemmedWords (about 100 bytes a word).
const maxStemmedWords = 100_000

// stemWord gives the index forms of a word and of its parts, from
// stemmedWords when it holds them.
func stemWord(word string) stemmed {
	if t, ok := stemmedWords.Load(word); ok {
		return t.(stemmed)
	}
	whole := Term(word)
	t := stemmed{term: whole, parts: partTerms(word, whole)}
	if stemmedWordsCount.Add(1) <= maxStemmedWords {
		stemmedWords.Store(strings.Clone(word), t)
	}
	return t
}

// termWriter builds the index form of texts as Terms gives it for them
// joined by spaces, in one pass over each text: the words are found
// without a slice of them (as words finds them: runs of letters and
// digits; ASCII is classified without decoding) and each is stemmed and
// split once (stems).
type termWriter struct {
	stems stemCache
	b     []byte          // the words' index forms
	parts []byte          // the index forms of the compounds' parts, written after the words
	seen  map[string]bool // the parts written since reset
	words int             // words written since reset
}

// reset starts the next document's terms.
func (w *termWriter) reset() {
	w.b, w.parts, w.words = w.b[:0], w.parts[:0], 0
	clear(w.seen)
}

// add appends the terms of text.
func (w *termWriter) add(text string) {
	start := -1 // where the current word began, -1 between words
	for i := 0; i < len(text); {
		ch, size := text[i], 1
		var word bool
		if ch < utf8.RuneSelf {
			word = 'a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			w.term(text[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		w.term(text[start:])
	}
}

// term appends the index form of one word, and those of its parts not
// written yet to the parts written after the words.
func (w *termWriter) term(word string) {
	t, ok := w.stems[word]
	if !ok {
		t = stemWord(word)
		w.stems[word] = t
	}
	if w.words > 0 {
		w.b = append(w.b, ' ')
	}
	w.words++
	w.b = append(w.b, t.term...)
	for _, p := range t.parts {
		if w.seen[p] {
			continue
		}
		if w.seen == nil {
			w.seen = map[string]bool{}
		}
		w.seen[p] = true
		if len(w.parts) > 0 {
			w.parts = append(w.parts, ' ')
		}
		w.parts = append(w.parts, p...)
	}
}

// String gives the terms written since reset.
func (w *termWriter) String() string {
	if len(w.parts) == 0 {
		return string(w.b)
	}
	return string(w.b) + " " + string(w.parts)
}

// Term gives the index form of one word: ligatures written out
// (relevance.Unligate: "Qualiﬁkation" from a PDF is "Qualifikation", as a
// reader types it), lower-cased, stemmed by the
// German Snowball stemmer (whose last step writes ä, ö, ü as a, o, u and
// ß as ss), so "Prüfung", "Pruefung" and "PRÜFUNGEN" are one term.
func Term(word string) string {
	return folder.Replace(relevance.Stem(umlauts.Replace(strings.ToLower(relevance.Unligate(word)))))
}

// PartTerms gives the index forms of the parts of a compound word
// ("Registermodernisierung": "regist", "modernisier"), split as the FachMK
// proposals split words (relevance.Parts), or nil for a word that is not
// a compound. A part whose index form is shorter than minPartTerm, or is
// the whole word's, is left out.
func PartTerms(word string) []string {
	return partTerms(word, "")
}

// partTerms is PartTerms for a word whose index form is whole, or "" when
// it is not known yet.
func partTerms(word, whole string) []string {
	if len(word) < 2*minPartTerm {
		return nil // too short for two parts
	}
	parts := relevance.Parts(relevance.Unligate(word))
	if len(parts) < 2 {
		return nil
	}
	if whole == "" {
		whole = Term(word)
	}
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if t := Term(p); len(t) >= minPartTerm && t != whole {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// minPartTerm is the shortest index form of a compound's part that is
// indexed: shorter ones ("ab", "an") would find nearly every document.
const minPartTerm = 3

// Terms gives the index form of a text: the index forms of its words in
// their order, then those of the parts of its compound words, each part
// once, in the order the compounds come. Placed after the words, the
// parts let a word find the compounds it is part of ("Register" finds
// "Registermodernisierung", so does "Modernisierung"), while a phrase
// still matches the text's words as they stand next to each other. Once
// per text, they weigh a text that uses the word itself above one that
// only has it in compounds, and add little to the index: every part of
// every compound, as often as the compounds occur, made a rebuild of the
// index take 60 % more processor time (docs/performance.md).
func Terms(text string) string {
	ws := words(text)
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		out = append(out, Term(w))
	}
	seen := map[string]bool{}
	for _, w := range ws {
		for _, p := range PartTerms(w) {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return strings.Join(out, " ")
}

// Query is a parsed search: words and "phrases".
type Query struct {
	Raw     string
	Parts   [][]string // each part: one word, or the words of a phrase (index form)
	Match   string     // the FTS5 expression
	termSet map[string]bool
}

// MaxQuery is the longest query in characters that a search page takes:
// what anyone types or pastes (a decision's title), far from the length at
// which reading the words alone costs the server seconds.
const MaxQuery = 300

// quotes writes the quotation marks people type for a phrase as the
// straight double quote: German keyboards and phones give „…“ (the search
// form's own hint shows them), books and Swiss texts »…« or «…», and
// pasted text “…” or the full-width ＂. Single quotes stay what they are,
// apostrophes mostly.
var quotes = strings.NewReplacer("„", `"`, "“", `"`, "”", `"`, "»", `"`, "«", `"`, "＂", `"`)

// Parse reads a query as users type it: words (all must occur) and phrases in
// double quotes (any of the quotation marks above); a decision number is
// the phrase of its year and sequence (queryGroups). It gives false for a
// query without words.
func Parse(q string) (Query, bool) {
	out := Query{Raw: q, termSet: map[string]bool{}}
	var exprs []string
	inPhrase := false
	for i, chunk := range strings.Split(quotes.Replace(q), `"`) {
		inPhrase = i%2 == 1
		groups := queryGroups(chunk, inPhrase)
		if inPhrase {
			var part []string
			for _, g := range groups {
				part = append(part, g...)
			}
			if len(part) == 0 {
				continue
			}
			groups = [][]string{part}
		}
		for _, part := range groups {
			for _, t := range part {
				out.termSet[t] = true
			}
			out.Parts = append(out.Parts, part)
			exprs = append(exprs, `"`+strings.Join(part, " ")+`"`)
		}
	}
	if len(exprs) == 0 {
		return out, false
	}
	out.Match = "terms : (" + strings.Join(exprs, " AND ") + ")"
	return out, true
}

// numberInQuery finds a decision number in a query as people write it
// (model.ParseDecisionRef): year and sequence, not inside a longer number.
var numberInQuery = lazyre.New(`((?:19|20)\d\d)/(\d{1,6})(?:[^0-9]|$)`)

// bodyMarkBefore and bodyMarkAfter are the letters a body's numbering
// puts before and after a decision number ("B-2025/26-IT",
// "BE-2026/01-AL"): up to four letters joined to it by a hyphen.
var (
	bodyMarkBefore = lazyre.New(`(?:^|[^\p{L}\p{N}])(\p{L}{1,4})-$`)
	bodyMarkAfter  = lazyre.New(`^-\p{L}{1,4}(?:[^\p{L}\p{N}]|$)`)
)

// queryGroups gives the index forms of the words of one chunk of a query,
// grouped as they must match: each word on its own, and a decision
// number ("B-2025/26-IT", "2025/026") as the phrase of its year and
// sequence, the sequence written with at least two digits as the
// numbers' labels write it (model.FormatDecisionNumber: 2025/1 is
// B-2025/01-IT). Outside a phrase the body's marks around a number (the
// "B-" and "-IT") are left out, so that the number is found with or
// without them, as a label ("B-2025/26-IT") and as a text cites it
// ("Beschluss 2025/26"); before, "B-2025/026" found nothing and
// "B-2025/26" any text with a "B", a "2025" and a "26" anywhere. In a
// phrase (inPhrase) every word stays, in its order.
func queryGroups(chunk string, inPhrase bool) [][]string {
	var out [][]string
	plain := func(text string) {
		for _, w := range words(text) {
			out = append(out, []string{Term(w)})
		}
	}
	at := 0 // the start of the text not yet read
	for from := 0; from < len(chunk); {
		loc := numberInQuery.FindStringSubmatchIndex(chunk[from:])
		if loc == nil {
			break
		}
		yearStart, seqStart, seqEnd := from+loc[2], from+loc[4], from+loc[5]
		from = seqEnd
		seq, _ := strconv.Atoi(chunk[seqStart:seqEnd])
		if (yearStart > 0 && isDigit(chunk[yearStart-1])) || seq == 0 {
			continue // part of a longer number, or no decision's
		}
		before := chunk[at:yearStart]
		if m := bodyMarkBefore.FindStringSubmatchIndex(before); m != nil && !inPhrase {
			before = before[:m[2]]
		}
		plain(before)
		out = append(out, []string{Term(chunk[yearStart : seqStart-1]), fmt.Sprintf("%02d", seq)})
		at = seqEnd
		if m := bodyMarkAfter.FindStringIndex(chunk[seqEnd:]); m != nil && !inPhrase {
			at = seqEnd + len(strings.TrimRightFunc(chunk[seqEnd:seqEnd+m[1]], func(r rune) bool { return !unicode.IsLetter(r) }))
		}
	}
	plain(chunk[at:])
	return out
}

// isDigit reports whether the byte is an ASCII digit.
func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// Hit is one search result.
type Hit struct {
	Kind    string
	URL     string
	Title   string
	Date    model.Date    // zero if the document has none
	Snippet template.HTML // the text around the first match, matches in <mark>
}

// Result is one page of hits.
type Result struct {
	Query Query
	Hits  []Hit
	Total int
	// Capped says that more than Total documents match; the hits are then
	// the most recently indexed first, not ranked (store.SearchCap).
	Capped  bool
	Page    int
	PerPage int
}

// Pages gives the number of pages.
func (r Result) Pages() int { return (r.Total + r.PerPage - 1) / r.PerPage }

// Run searches and gives page (from 1) of the hits.
func Run(ctx context.Context, st *store.Store, q Query, page, perPage int) (Result, error) {
	if page < 1 {
		page = 1
	}
	docs, total, capped, err := st.Search(ctx, q.Parts, perPage, (page-1)*perPage)
	if err != nil {
		return Result{}, err
	}
	res := Result{Query: q, Total: total, Capped: capped, Page: page, PerPage: perPage}
	for _, d := range docs {
		date, _ := model.ParseDate(d.Date) // stored by us as ISO date or ""
		res.Hits = append(res.Hits, Hit{Kind: d.Kind, URL: d.URL, Title: d.Title, Date: date, Snippet: Snippet(d.Text, q, 28)})
	}
	return res, nil
}

// Snippet gives about n words of text around the first word that matches the
// query, HTML-escaped, with the matching words in <mark>: the words alone,
// not the punctuation around them ("(<mark>Register</mark>)," — the mark
// took in brackets, commas and quotes before), each word of a field on its
// own ("<mark>NOOTS</mark>-Staatsvertrag").
func Snippet(text string, q Query, n int) template.HTML {
	out, _ := snippet(text, q, n)
	return out
}

// snippet is Snippet, and tells whether a word matched.
func snippet(text string, q Query, n int) (template.HTML, bool) {
	type tok struct {
		s     string
		spans [][2]int // the matching words' byte ranges in s
	}
	var toks []tok
	found := map[string]bool{}
	for _, f := range strings.Fields(text) {
		t := tok{s: f}
		for _, sp := range wordSpans(f) {
			if term := stemWord(f[sp[0]:sp[1]]).term; q.termSet[term] {
				t.spans, found[term] = append(t.spans, sp), true
			}
		}
		toks = append(toks, t)
	}
	if len(found) < len(q.termSet) {
		// A term not met as a word may be part of a compound (Terms
		// indexes the parts): "Register" marks "Registermodernisierung".
		for i := range toks {
			if len(toks[i].spans) > 0 {
				continue
			}
			for _, sp := range wordSpans(toks[i].s) {
				if slices.ContainsFunc(stemWord(toks[i].s[sp[0]:sp[1]]).parts, func(p string) bool { return q.termSet[p] }) {
					toks[i].spans = append(toks[i].spans, sp)
				}
			}
		}
	}
	first := slices.IndexFunc(toks, func(t tok) bool { return len(t.spans) > 0 })
	matched := first >= 0
	start := 0
	if first > n/3 {
		start = first - n/3
	}
	end := min(len(toks), start+n)
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	for i := start; i < end; i++ {
		if i > start {
			b.WriteByte(' ')
		}
		at := 0
		for _, sp := range toks[i].spans {
			b.WriteString(html.EscapeString(toks[i].s[at:sp[0]]))
			b.WriteString("<mark>" + html.EscapeString(toks[i].s[sp[0]:sp[1]]) + "</mark>")
			at = sp[1]
		}
		b.WriteString(html.EscapeString(toks[i].s[at:]))
	}
	if end < len(toks) {
		b.WriteString(" …")
	}
	return template.HTML(b.String()), matched
}

// wordSpans gives the byte ranges of the words of s, as words finds them
// (runs of letters and digits).
func wordSpans(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

// IndexSession (re)indexes the public texts of a session: its decisions, its
// agenda items and its minutes rows, as far as the publication gate shows
// them to the public (minutes.Load for model.Public): nothing of an
// unpublished agenda, minutes rows once released, adopted decisions only.
// A numbered decision is a document of its own (its page); one without
// number, and text not assigned to a decision, are words of the item's
// minutes document.
func IndexSession(ctx context.Context, st *store.Store, sessionID int64) error {
	doc, err := minutes.Load(ctx, st, sessionID, model.Public)
	if err != nil {
		return err
	}
	return indexPublic(ctx, st, doc)
}

// IndexLoaded is IndexSession with the session's minutes loaded already
// for the internal audience (minutes.Load with model.Internal), as the
// import loads them once for the index and the follow-up proposals; the
// index holds what the public sees of them (minutes.Redacted).
func IndexLoaded(ctx context.Context, st *store.Store, internal minutes.Document) error {
	sc, err := LoadedDocs(internal)
	if err != nil {
		return err
	}
	return st.ReplaceSearchDocs(ctx, sc.Scope, sc.Docs)
}

// LoadedDocs gives the documents IndexLoaded writes for the session's
// minutes loaded for the internal audience, without writing them: the
// import builds them while its OParl objects are built and writes both
// in one transaction (store.SyncOParlAndSearch).
func LoadedDocs(internal minutes.Document) (store.SearchScope, error) {
	if internal.Audience != model.Internal {
		return store.SearchScope{}, fmt.Errorf("search: index of session %d: the minutes were loaded for %v, not the internal audience", internal.Session.ID, internal.Audience)
	}
	return publicDocs(minutes.Redacted(internal, model.Public)), nil
}

// indexPublic replaces the documents of a session by those of its public
// minutes doc.
func indexPublic(ctx context.Context, st *store.Store, doc minutes.Document) error {
	sc := publicDocs(doc)
	return st.ReplaceSearchDocs(ctx, sc.Scope, sc.Docs)
}

// publicDocs gives the documents of a session from its public minutes
// doc.
func publicDocs(doc minutes.Document) store.SearchScope {
	sessionID := doc.Session.ID
	se := doc.Session
	// The words of a session's minutes repeat: each is stemmed once.
	tw := termWriter{stems: stemCache{}}
	terms := func(texts ...string) string {
		tw.reset()
		for _, t := range texts {
			tw.add(t)
		}
		return tw.String()
	}
	var docs []store.SearchDoc
	// An item is found at its anchor on the session page and in the
	// minutes (model.ItemAnchors), never at its row id.
	anchors := doc.Anchors()
	for _, it := range doc.Items() {
		anchor := anchors[it.ID]
		title := strings.TrimSpace(it.Label() + " " + it.Title)
		body := strings.Join(it.Points, " ")
		// The spokespersons' reports under "Reporting FachMK" stand on the
		// public session page once its agenda is published, as the public
		// sees them (Audience.Reports): they are found as the item's text.
		for _, rep := range it.Reports {
			body = strings.TrimSpace(body + " Bericht " + rep.Conference + ": " + rep.Text)
		}
		// The Quelle (the earlier decisions or papers the item builds on,
		// public like its title) finds the item too; the text shows it
		// after its label, which is no term of the item.
		text, sources := body, strings.Join(it.Sources, ", ")
		if sources != "" {
			text = strings.TrimSpace(body + " Quelle: " + sources)
		}
		docs = append(docs, store.SearchDoc{Kind: "top", URL: fmt.Sprintf("/sitzungen/%d#%s", se.Number, anchor),
			Title: fmt.Sprintf("%s – %d. Sitzung", title, se.Number), Text: text, Date: se.Date.String(), Terms: terms(title, body, sources)})
		var rows []string
		for _, r := range it.Rows {
			switch {
			case !model.Public.SeesRow(r.Confidential):
				continue // its content is not public
			case r.Decision != nil:
				d := r.Decision.Corrected() // found by its text as last corrected, as its page shows it
				if !d.Public() {
					continue
				}
				text := DecisionText(d)
				if d.Label == "" {
					// Without a number it has no page: it is found in the
					// minutes of its item, as the minutes show it.
					rows = append(rows, strings.TrimSpace(d.ProposalLabel()+": "+strings.TrimSpace(d.Title+" "+text)))
					continue
				}
				docs = append(docs, store.SearchDoc{Kind: "beschluss", URL: "/beschluesse/" + d.Label, Title: d.DisplayTitle(), Text: text,
					Date: d.AdoptedOn.String(), Terms: terms(d.Label, d.Title, text)})
			case r.Kind == minutes.RowDiscussion:
				rows = append(rows, r.Speaker+": "+strings.Join(r.Points, " "))
			case r.Kind == minutes.RowNote:
				rows = append(rows, r.NoteLabel()+": "+r.Text)
			case r.RemarkKind == model.RemarkText, r.RemarkKind == model.RemarkRaw:
				// Free text, and text of the source not assigned to a
				// decision (nicht zugeordneter Text); an illegible part
				// has no words.
				rows = append(rows, r.Text)
			}
		}
		if len(rows) > 0 && doc.HasMinutes() { // the page it links to exists (not while the session runs)
			text := strings.Join(rows, " ")
			docs = append(docs, store.SearchDoc{Kind: "protokoll", URL: fmt.Sprintf("/sitzungen/%d/protokoll#%s%s", se.Number, model.MinutesAnchorPrefix, anchor),
				Title: fmt.Sprintf("Protokoll %s – %d. Sitzung", title, se.Number), Text: text, Date: se.Date.String(), Terms: terms(text)})
		}
	}
	return store.SearchScope{Scope: fmt.Sprintf("session:%d", sessionID), Docs: docs}
}

// IndexDecision (re)indexes a decision taken outside a session (written
// procedure).
func IndexDecision(ctx context.Context, st *store.Store, id int64) error {
	sc, err := decisionDocs(ctx, st, id)
	if err != nil {
		return err
	}
	return st.ReplaceSearchDocs(ctx, sc.Scope, sc.Docs)
}

// decisionDocs gives the documents of a decision taken outside a session.
func decisionDocs(ctx context.Context, st *store.Store, id int64) (store.SearchScope, error) {
	d, err := st.Decision(ctx, id)
	if err != nil {
		return store.SearchScope{}, err
	}
	var docs []store.SearchDoc
	if d, public := model.Public.Decision(d); public && d.Label != "" {
		d = d.Corrected() // found by its text as last corrected, as its page shows it
		text := DecisionText(d)
		title := d.DisplayTitle()
		docs = append(docs, store.SearchDoc{Kind: "beschluss", URL: "/beschluesse/" + d.Label, Title: title, Text: text, Date: d.AdoptedOn.String(),
			Terms: Terms(d.Label + " " + title + " " + text)})
	}
	return store.SearchScope{Scope: fmt.Sprintf("decision:%d", id), Docs: docs}, nil
}

// rebuildBatch writes the documents of a batch of sessions or decisions
// (docs builds one's) in one transaction (store.RebuildSearchScopes). The
// server serves beside a rebuild: if the data changed while the batch was
// read, the batch is read again, and if it keeps changing, each is
// indexed on its own as a change indexes it (one by one, each read just
// before it is written).
func rebuildBatch(ctx context.Context, st *store.Store, ids []int64, docs func(int64) (store.SearchScope, error), one func(context.Context, *store.Store, int64) error) error {
	const attempts = 3
	for range attempts {
		gen, err := st.PageGeneration(ctx)
		if err != nil {
			return err
		}
		scopes := make([]store.SearchScope, 0, len(ids))
		for _, id := range ids {
			sc, err := docs(id)
			if err != nil {
				return err
			}
			scopes = append(scopes, sc)
		}
		err = st.RebuildSearchScopes(ctx, gen, scopes)
		if !errors.Is(err, store.ErrConflict) {
			return err
		}
	}
	for _, id := range ids {
		if err := one(ctx, st, id); err != nil {
			return err
		}
	}
	return nil
}

// RebuildBatch is how many sessions Rebuild reads at a time.
const RebuildBatch = 200

// Rebuild indexes everything of a body. It walks the body's sessions
// RebuildBatch at a time down the (body, number) index (keyset paging), so
// that a body with 100,000 sessions is never read at once. Having written
// the last documents it clears the index's mark "needs rebuild"
// (store.MarkSearchRebuilt); a rebuild that fails or stops midway leaves
// the mark set, and the next start rebuilds again.
func Rebuild(ctx context.Context, st *store.Store, bodyID int64) error {
	return rebuild(ctx, st, bodyID, nil)
}

// RebuildMarked rebuilds the index as Rebuild does if it carries the mark
// "needs rebuild" (store.SearchNeedsRebuild), and tells whether it did.
// Instances on one database rebuild one at a time (store.WithSearchRebuild):
// one that waited finds the mark cleared and does nothing. progress, if
// set, gets the number of sessions indexed after each batch. `gremium
// serve` runs it next to serving: until it clears the mark the search
// page says that hits may be missing (web, searchPage).
func RebuildMarked(ctx context.Context, st *store.Store, bodyID int64, progress func(sessions int)) (rebuilt bool, err error) {
	err = st.WithSearchRebuild(ctx, func(ctx context.Context) error {
		need, err := st.SearchNeedsRebuild(ctx)
		if err != nil || !need {
			return err
		}
		rebuilt = true
		return rebuild(ctx, st, bodyID, progress)
	})
	return rebuilt, err
}

func rebuild(ctx context.Context, st *store.Store, bodyID int64, progress func(sessions int)) error {
	done := 0
	for before := 0; ; {
		sessions, err := st.SessionsBefore(ctx, bodyID, before, RebuildBatch)
		if err != nil {
			return err
		}
		ids := make([]int64, len(sessions))
		for i, se := range sessions {
			ids[i] = se.ID
		}
		if err := rebuildBatch(ctx, st, ids, func(id int64) (store.SearchScope, error) {
			doc, err := minutes.Load(ctx, st, id, model.Public)
			return publicDocs(doc), err
		}, IndexSession); err != nil {
			return err
		}
		done += len(sessions)
		if progress != nil {
			progress(done)
		}
		if len(sessions) < RebuildBatch {
			break
		}
		before = sessions[len(sessions)-1].Number
	}
	ps, err := st.Procedures(ctx)
	if err != nil {
		return err
	}
	for batch := range slices.Chunk(ps, RebuildBatch) {
		ids := make([]int64, len(batch))
		for i, p := range batch {
			ids[i] = p.DecisionID
		}
		if err := rebuildBatch(ctx, st, ids, func(id int64) (store.SearchScope, error) {
			return decisionDocs(ctx, st, id)
		}, IndexDecision); err != nil {
			return err
		}
	}
	if err := st.MarkSearchRebuilt(ctx); err != nil {
		return err
	}
	// The rebuild's many transactions left many segments of the index.
	_, err = st.OptimizeSearch(ctx)
	return err
}
