package search

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

func indexed(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err := Rebuild(ctx, st, itplr.ID); err != nil {
		t.Fatal(err)
	}
	return st
}

func search(t *testing.T, st *store.Store, q string) Result {
	t.Helper()
	query, ok := Parse(q)
	if !ok {
		t.Fatalf("query %q has no words", q)
	}
	res, err := Run(context.Background(), st, query, 1, 50)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func urls(r Result) string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.URL)
	}
	return strings.Join(out, " ")
}

func TestFolding(t *testing.T) {
	for _, pair := range [][2]string{{"Prüfung", "Pruefung"}, {"Registermodernisierung", "Registermodernisierungen"}, {"Größe", "groesse"}, {"Länder", "LAENDER"}} {
		if Term(pair[0]) != Term(pair[1]) {
			t.Errorf("%s → %s, %s → %s", pair[0], Term(pair[0]), pair[1], Term(pair[1]))
		}
	}
}

func TestSearchStemmingFoldingPhrases(t *testing.T) {
	st := indexed(t)
	// Stemming: the plural finds the singular in the minutes.
	if r := search(t, st, "Registermodernisierungen"); r.Total == 0 || !strings.Contains(urls(r), "/sitzungen/47/protokoll#p-top-") {
		t.Errorf("Registermodernisierungen: %d hits", r.Total)
	}
	// Umlaut folding both ways: "überprüfen" is in TOP 00.
	a, b := search(t, st, "ueberpruefen"), search(t, st, "überprüfen")
	if a.Total == 0 || a.Total != b.Total || urls(a) != urls(b) {
		t.Errorf("folding: %d vs %d hits", a.Total, b.Total)
	}
	// Decisions are found, with a snippet marking the match.
	r := search(t, st, "Steuerungsgruppe NOOTS")
	if !strings.Contains(urls(r), "/beschluesse/B-2025/26-IT") {
		t.Errorf("decision 26 not found: %s", urls(r))
	}
	for _, h := range r.Hits {
		if h.URL == "/beschluesse/B-2025/26-IT" && !strings.Contains(string(h.Snippet), "<mark>Steuerungsgruppe</mark>") {
			t.Errorf("snippet = %s", h.Snippet)
		}
	}
	// Phrases: words in this order only.
	if r := search(t, st, `"Gemeinsame EfA-Finanzierung"`); r.Total == 0 {
		t.Error("phrase not found")
	}
	if r := search(t, st, `"Finanzierung gemeinsame"`); r.Total != 0 {
		t.Errorf("reversed phrase found %d hits", r.Total)
	}
	// The quotation marks a German keyboard types (the search form's hint
	// shows „…“) make a phrase as "…" does: „Finanzierung gemeinsame“ was
	// read as two words and found what the reversed phrase does not.
	straight := search(t, st, `"Gemeinsame EfA"`)
	for _, q := range []string{`„Gemeinsame EfA“`, `“Gemeinsame EfA”`, `»Gemeinsame EfA«`, `«Gemeinsame EfA»`, `＂Gemeinsame EfA＂`} {
		if r := search(t, st, q); r.Total != straight.Total || urls(r) != urls(straight) {
			t.Errorf("%s: %d hits, %q as a phrase: %d", q, r.Total, `"Gemeinsame EfA"`, straight.Total)
		}
	}
	if r := search(t, st, `„Finanzierung gemeinsame“`); r.Total != 0 {
		t.Errorf("reversed phrase in German quotation marks found %d hits", r.Total)
	}
	// All words must occur.
	if r := search(t, st, "Justizcloud Steuerungsgruppe"); r.Total != 0 {
		t.Errorf("unrelated words together: %d hits", r.Total)
	}
	if _, ok := Parse(`"" -- !`); ok {
		t.Error("a query without words was accepted")
	}
}

// TestSearchNeverLeaks: nothing confidential is in the index, and a
// confidential row added to a session is not found after reindexing.
func TestSearchNeverLeaks(t *testing.T) {
	st := indexed(t)
	ctx := context.Background()
	for _, q := range []string{"REDACTED", "geschwärzt Inhalt liegt nicht vor", "vollständig"} {
		if r := search(t, st, q); r.Total != 0 {
			t.Errorf("%q: %d hits in public search", q, r.Total)
		}
	}
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	if _, err := st.CreateContribution(ctx, model.Contribution{ItemID: items[1].ID, Position: 99, Speaker: "HE", Points: []string{"Geheimprojekt Zebrafisch"}, Confidential: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateContribution(ctx, model.Contribution{ItemID: items[1].ID, Position: 100, Speaker: "HH", Points: []string{"Offenes Projekt mit ⟦Decknamen Okapi⟧ im Text"}}); err != nil {
		t.Fatal(err)
	}
	// Indexed by IndexSession, and by IndexLoaded from the internal
	// minutes as the import loads them.
	indexers := map[string]func() error{
		"IndexSession": func() error { return IndexSession(ctx, st, s47.ID) },
		"IndexLoaded": func() error {
			doc, err := minutes.Load(ctx, st, s47.ID, model.Internal)
			if err != nil {
				return err
			}
			return IndexLoaded(ctx, st, doc)
		},
	}
	for name, index := range indexers {
		if err := index(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, secret := range []string{"Zebrafisch", "Okapi", "Decknamen"} {
			if r := search(t, st, secret); r.Total != 0 {
				t.Errorf("%s: confidential %q found", name, secret)
			}
		}
		if r := search(t, st, `"Offenes Projekt mit"`); r.Total != 1 || strings.Contains(string(r.Hits[0].Snippet), "Okapi") {
			t.Errorf("%s: public part of the row: %d hits", name, r.Total)
		}
	}
	// Minutes loaded for another audience are refused.
	public, err := minutes.Load(ctx, st, s47.ID, model.Public)
	if err != nil {
		t.Fatal(err)
	}
	if err := IndexLoaded(ctx, st, public); err == nil {
		t.Error("IndexLoaded took the public minutes")
	}
}

// TestSearchNestedMarks: nested, unclosed and stray confidentiality marks
// in minutes rows and decisions give the index no confidential word, and the
// snippets of the public part show none.
func TestSearchNestedMarks(t *testing.T) {
	st := indexed(t)
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	it := items[1]
	if _, err := st.CreateContribution(ctx, model.Contribution{ItemID: it.ID, Position: 99, Speaker: "HE",
		Points: []string{"Offenes Vorhaben ⟦Deck ⟦namen⟧ Wombat⟧ bleibt", "Kosten ⟦Tapir ohne Ende"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: it.ID, Position: 100, Author: "Hessen", Text: "Quokka⟧ Hinweis offen"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateDecision(ctx, model.Decision{BodyID: itplr.ID, SessionID: s47.ID, ItemID: it.ID, Kind: model.KindDecision,
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: 90}, AdoptedOn: s47.Date,
		Title: "Vorhaben ⟦⟦Ozelot⟧ Ozelot⟧", Result: "einstimmig ⟦x ⟦y⟧ Ozelot⟧",
		Points: []model.Point{{Label: "1.", Text: "Der Rat nimmt das Vorhaben ⟦Lemur ⟦Lemur⟧ Lemur⟧ zur Kenntnis."}}}); err != nil {
		t.Fatal(err)
	}
	if err := IndexSession(ctx, st, s47.ID); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"Wombat", "Deck", "namen", "Tapir", "Quokka", "Ozelot", "Lemur"} {
		if r := search(t, st, secret); r.Total != 0 {
			t.Errorf("confidential %q found: %s", secret, urls(r))
		}
	}
	for _, q := range []string{"Offenes Vorhaben", "Hinweis offen", "Rat nimmt Vorhaben Kenntnis"} {
		r := search(t, st, q)
		if r.Total == 0 {
			t.Errorf("%q: the public part is not found", q)
		}
		for _, h := range r.Hits {
			for _, secret := range []string{"Wombat", "Tapir", "Quokka", "Ozelot", "Lemur", "⟦", "⟧"} {
				if strings.Contains(string(h.Snippet)+h.Title, secret) {
					t.Errorf("%q: hit %s shows %q: %s %s", q, h.URL, secret, h.Title, h.Snippet)
				}
			}
		}
	}
}

func TestPagination(t *testing.T) {
	st := indexed(t)
	q, _ := Parse("IT-Planungsrat")
	all, _ := Run(context.Background(), st, q, 1, 100)
	if all.Total < 6 {
		t.Fatalf("only %d hits", all.Total)
	}
	p1, _ := Run(context.Background(), st, q, 1, 3)
	p2, _ := Run(context.Background(), st, q, 2, 3)
	if len(p1.Hits) != 3 || len(p2.Hits) != 3 || p1.Hits[0].URL == p2.Hits[0].URL || p1.Pages() != (all.Total+2)/3 {
		t.Errorf("pages: %d %d, pages %d", len(p1.Hits), len(p2.Hits), p1.Pages())
	}
}

// A query matching more than store.SearchCap documents gives the most
// recently indexed first and says so, on both engines (PostgreSQL takes
// the number of a single word's documents from search_index_lexemes and
// counts nothing).
func TestCap(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			testCap(t, eng.Database)
		})
	}
}

func testCap(t *testing.T, database string) {
	ctx := context.Background()
	st, err := store.OpenDatabase(ctx, database, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var docs []store.SearchDoc
	for i := 0; i < store.SearchCap+20; i++ {
		text := fmt.Sprintf("Haushalt Nummer %d", i)
		if i == 3 {
			// The best match, but indexed first: outside the ranked set.
			text = "Haushalt Haushalt Haushalt"
		}
		docs = append(docs, store.SearchDoc{Kind: "beschluss", URL: fmt.Sprintf("/beschluesse/%d", i), Title: "Haushalt", Text: text, Terms: Terms(text)})
	}
	if err := st.ReplaceSearchDocs(ctx, "test", docs); err != nil {
		t.Fatal(err)
	}
	q, _ := Parse("haushalt")
	r, err := Run(ctx, st, q, 1, 10)
	if err != nil || !r.Capped || r.Total != store.SearchCap || len(r.Hits) != 10 {
		t.Fatalf("capped search: %v, capped %v, total %d, %d hits", err, r.Capped, r.Total, len(r.Hits))
	}
	if want := fmt.Sprintf("/beschluesse/%d", store.SearchCap+19); r.Hits[0].URL != want {
		t.Errorf("first hit %s, want the newest %s", r.Hits[0].URL, want)
	}
	last, err := Run(ctx, st, q, r.Pages(), 10)
	if err != nil || len(last.Hits) == 0 || len(last.Hits) > 10 {
		t.Errorf("last page: %d hits, %v", len(last.Hits), err)
	}
	few, _ := Parse("Nummer 7")
	if r, _ := Run(ctx, st, few, 1, 10); r.Capped || r.Total == 0 {
		t.Errorf("a narrow query is not capped: %+v", r.Total)
	}
	// Two words in nearly every document: counted up to the cap.
	both, _ := Parse("Haushalt Nummer")
	if r, err := Run(ctx, st, both, 1, 10); err != nil || !r.Capped || r.Total != store.SearchCap || len(r.Hits) != 10 {
		t.Errorf("two broad words: %v, capped %v, total %d, %d hits", err, r.Capped, r.Total, len(r.Hits))
	}
	// Indexed again with fewer documents, the word is counted anew.
	if err := st.ReplaceSearchDocs(ctx, "test", docs[:5]); err != nil {
		t.Fatal(err)
	}
	if r, err := Run(ctx, st, q, 1, 10); err != nil || r.Capped || r.Total != 5 || len(r.Hits) != 5 || r.Hits[0].URL != "/beschluesse/3" {
		t.Errorf("after re-indexing: %v, capped %v, total %d, %d hits", err, r.Capped, r.Total, len(r.Hits))
	}
	if r, err := Run(ctx, st, few, 1, 10); err != nil || r.Total != 0 {
		t.Errorf("a word no longer indexed: %v, total %d", err, r.Total)
	}
	// Ranked pages, and a page past the last, keep the number of matches.
	for _, c := range []struct{ page, hits int }{{1, 2}, {3, 1}, {4, 0}} {
		if r, err := Run(ctx, st, q, c.page, 2); err != nil || r.Capped || r.Total != 5 || len(r.Hits) != c.hits {
			t.Errorf("page %d of 2 hits: %v, capped %v, total %d, %d hits", c.page, err, r.Capped, r.Total, len(r.Hits))
		}
	}
}

// FuzzParse feeds arbitrary search queries (the ?q= of /suche) to the
// query parser and runs them on a real FTS5 index: no query may make the
// search fail (a syntax error would be a 500), and a snippet holds no markup
// but <mark>.
//
//	go test ./internal/search -run '^$' -fuzz FuzzParse -fuzztime 20s
func FuzzParse(f *testing.F) {
	for _, seed := range []string{"", "Prüfung", `"Steuerungsgruppe NOOTS" Beschluss`, `„Steuerungsgruppe NOOTS“ »EfA«`, `"`, `„`, `a"b"c"`, "NEAR(a b)", "a OR b NOT c", "* ^ : ( ) -", "<script>", "ÄÖÜß 2025/26", "B-2025/026-IT", `„B-2025/26“ x-2025/1-y`, "2025/0 12025/26 2025/26/27", "Ä-2025/26-Ü."} {
		f.Add(seed)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	text := `Der IT-Planungsrat <b>beschließt</b> die "Prüfung" & mehr: NEAR(a b) OR * ^ 2025/26`
	if err := st.ReplaceSearchDocs(ctx, "fuzz", []store.SearchDoc{{Kind: "beschluss", URL: "/x", Title: "x", Text: text, Terms: Terms(text)}}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		query, ok := Parse(q)
		if !ok {
			if query.Match != "" {
				t.Fatalf("Parse(%q) gives no words but the expression %q", q, query.Match)
			}
			return
		}
		if len(query.Parts) == 0 {
			t.Fatalf("Parse(%q) has words but no parts", q)
		}
		for _, part := range query.Parts {
			for _, term := range part {
				if term == "" || strings.ContainsAny(term, `" `) {
					t.Fatalf("Parse(%q): term %q would break the expression %s", q, term, query.Match)
				}
			}
		}
		if _, err := Run(ctx, st, query, 1, 10); err != nil {
			t.Fatalf("search %q (%s): %v", q, query.Match, err)
		}
		snippet := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(string(Snippet(text+" "+q, query, 28)))
		if strings.ContainsAny(snippet, "<>") {
			t.Fatalf("snippet for %q holds markup: %s", q, snippet)
		}
	})
}

// TestSnippetMarksWordsOnly: the mark took in the punctuation around a
// word ("<mark>(Register),</mark>") and a whole field of words joined by a
// hyphen; it marks the matching words alone, ligatures read as their
// letters.
func TestSnippetMarksWordsOnly(t *testing.T) {
	for _, c := range []struct{ text, q, want string }{
		{"Der Bericht (Register), „Prüfung“.", "Register Prüfung", "Der Bericht (<mark>Register</mark>), „<mark>Prüfung</mark>“."},
		{"Der NOOTS-Staatsvertrag gilt.", "NOOTS", "Der <mark>NOOTS</mark>-Staatsvertrag gilt."},
		{"Zur Registermodernisierung: ja.", "Register", "Zur <mark>Registermodernisierung</mark>: ja."},
		{"Die Qualiﬁkation, der Einﬂuss.", "Qualifikation Einfluss", "Die <mark>Qualiﬁkation</mark>, der <mark>Einﬂuss</mark>."},
		{"A & B <c> Prüfung!", "Prüfung", "A &amp; B &lt;c&gt; <mark>Prüfung</mark>!"},
	} {
		q, _ := Parse(c.q)
		if got := string(Snippet(c.text, q, 28)); got != c.want {
			t.Errorf("Snippet(%q, %q) = %s, want %s", c.text, c.q, got, c.want)
		}
	}
}
