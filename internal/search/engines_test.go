package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

// engineDocs are the documents of TestSearchOnBothEngines.
var engineDocs = []store.SearchDoc{
	{Scope: "t", Kind: "beschluss", URL: "/a", Title: "A", Text: "Die Prüfung der Registermodernisierung durch den Bund."},
	{Scope: "t", Kind: "beschluss", URL: "/b", Title: "B", Text: "Pruefungen der Straße und der digitalen Verwaltung."},
	{Scope: "t", Kind: "top", URL: "/c", Title: "C", Text: "Die Verwaltung digital gestalten, Registermodernisierungen folgen."},
	{Scope: "t", Kind: "protokoll", URL: "/d", Title: "D", Text: "Strassenbau und Brückenprüfung im Land Hessen."},
	{Scope: "t", Kind: "beschluss", URL: "/e", Title: "E", Text: "Portalverbund Portalverbund Portalverbund: Onlinezugang der Länder."},
	{Scope: "t", Kind: "beschluss", URL: "/f", Title: "F", Text: "Ein Portalverbund für Bürgerinnen und Bürger, Onlinezugang im ganzen Land."},
	{Scope: "t", Kind: "beschluss", URL: "/g", Title: "G", Text: "Der Beschluss wird umgesetzt."},
	{Scope: "t", Kind: "top", URL: "/h", Title: "H", Text: "Frühere Beschlüsse und Empfehlungen."},
	{Scope: "t", Kind: "top", URL: "/i", Title: "I", Text: "Informationstechnik für Kommunikationskanäle."},
	// Decision numbers: a decision's own document (its label in title
	// and text, as publicDocs indexes it), a text citing it without the
	// body's marks, one that only has a "B", a "26" and a "2025" apart,
	// and a decision numbered below ten.
	{Scope: "t", Kind: "beschluss", URL: "/j", Title: "B-2025/26-IT", Text: "B-2025/26-IT: Steuerungsgruppe NOOTS – Zusammensetzung."},
	{Scope: "t", Kind: "top", URL: "/k", Title: "K", Text: "Quelle: Entscheidung 2025/26, ferner B-2024/48-IT."},
	{Scope: "t", Kind: "protokoll", URL: "/l", Title: "L", Text: "Anlage B nennt 26 Teilnehmende im Jahr 2025."},
	{Scope: "t", Kind: "beschluss", URL: "/m", Title: "B-2025/01-IT", Text: "B-2025/01-IT: Errichtung eines Gremiums."},
}

// TestSearchOnBothEngines runs one set of queries with their expected hits
// on SQLite and on PostgreSQL: umlauts and ß folded (Prüfung = Pruefung,
// Straße = Strasse), words reduced to their stem (Registermodernisierungen),
// compounds found by their parts (Register, Modernisierung), all words
// required, phrases in order, ranked, with snippets.
func TestSearchOnBothEngines(t *testing.T) {
	queries := []struct {
		q     string
		want  []string // URLs, any order unless first is set
		first string   // the best-ranked hit
	}{
		{q: "Prüfung", want: []string{"/a", "/b", "/d"}}, // "Brückenprüfung" is "Brücken|prüfung"
		{q: "Pruefung", want: []string{"/a", "/b", "/d"}},
		{q: "PRÜFUNGEN", want: []string{"/a", "/b", "/d"}},
		{q: "Straße", want: []string{"/b", "/d"}}, // "Strassenbau" is "Strassen|bau"
		{q: "strasse", want: []string{"/b", "/d"}},
		{q: "Registermodernisierungen", want: []string{"/a", "/c"}},
		{q: "digitale Verwaltung", want: []string{"/b", "/c"}},
		{q: `"digitalen Verwaltung"`, want: []string{"/b"}},
		{q: `"Verwaltung digital"`, want: []string{"/c"}},
		{q: "Brückenprüfung Hessen", want: []string{"/d"}},
		// A word finds the compounds it is a part of, at their start or
		// end, and the snippet marks the compound.
		{q: "Bruecke", want: []string{"/d"}},
		{q: "Register", want: []string{"/a", "/c"}},
		{q: "Modernisierung", want: []string{"/a", "/c"}},
		{q: "Register Prüfung", want: []string{"/a"}},
		{q: "Portal", want: []string{"/e", "/f"}},
		{q: "Bau", want: []string{"/d"}},
		{q: `"Prüfung der Registermodernisierung"`, want: []string{"/a"}},
		{q: "Portalverbund Onlinezugang", want: []string{"/e", "/f"}, first: "/e"},
		{q: "Kommune", want: nil}, // "Kommunikation" was "Kommun|ikation"
		// A Fugen-s stays with the part before it ("Information|stechnik"
		// found nothing by "Technik").
		{q: "Technik", want: []string{"/i"}},
		{q: "Information", want: []string{"/i"}},
		{q: "Kanal", want: []string{"/i"}},
		// Plurals with an umlaut meet their singular, written either way.
		{q: "Beschlüsse", want: []string{"/g", "/h"}},
		{q: "Beschluesse", want: []string{"/g", "/h"}},
		{q: "Beschluss", want: []string{"/g", "/h"}},
		{q: "Länder", want: []string{"/d", "/e", "/f"}},
		{q: "Land", want: []string{"/d", "/e", "/f"}},
		// Words PostgreSQL's 'german' configuration dropped as stop words
		// are terms like any other, as in SQLite's index.
		{q: "und", want: []string{"/b", "/d", "/f", "/h"}},
		{q: `"Bürgerinnen und Bürger"`, want: []string{"/f"}},
		// A decision number finds the decision and what cites it, with
		// or without the body's marks ("B-", "-IT") and however its
		// sequence is written; its year and sequence must stand together
		// (before, "B-2025/26" found "Anlage B … 26 … 2025" too, and
		// "B-2025/026" and "2025/1" found nothing).
		{q: "B-2025/26", want: []string{"/j", "/k"}, first: "/j"},
		{q: "B-2025/26-IT", want: []string{"/j", "/k"}, first: "/j"},
		{q: "2025/26", want: []string{"/j", "/k"}},
		{q: "2025/26-IT", want: []string{"/j", "/k"}},
		{q: "B-2025/026", want: []string{"/j", "/k"}},
		{q: "b-2025/026-it", want: []string{"/j", "/k"}},
		{q: "Entscheidung 2025/26", want: []string{"/k"}},
		{q: "NOOTS B-2025/26", want: []string{"/j"}},
		{q: `"B-2025/26"`, want: []string{"/j"}},
		{q: "2025/1", want: []string{"/m"}},
		{q: "B-2025/01-IT", want: []string{"/m"}},
		{q: "2025/9", want: nil},
	}
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			st, err := store.OpenDatabase(ctx, eng.Database, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			docs := slices.Clone(engineDocs)
			for i := range docs {
				docs[i].Terms = Terms(docs[i].Title + " " + docs[i].Text)
			}
			if err := st.ReplaceSearchDocs(ctx, "t", docs); err != nil {
				t.Fatal(err)
			}
			for _, c := range queries {
				q, ok := Parse(c.q)
				if !ok {
					t.Fatalf("%q: no words", c.q)
				}
				res, err := Run(ctx, st, q, 1, 10)
				if err != nil {
					t.Fatalf("%q: %v", c.q, err)
				}
				var got []string
				for _, h := range res.Hits {
					got = append(got, h.URL)
					if !strings.Contains(string(h.Snippet), "<mark>") {
						t.Errorf("%q: snippet of %s marks nothing: %s", c.q, h.URL, h.Snippet)
					}
				}
				if c.first != "" && (len(got) == 0 || got[0] != c.first) {
					t.Errorf("%q: ranked %v, want %s first", c.q, got, c.first)
				}
				slices.Sort(got)
				if !slices.Equal(got, c.want) || res.Total != len(c.want) {
					t.Errorf("%q: hits %v (total %d), want %v", c.q, got, res.Total, c.want)
				}
			}
		})
	}
}

// councilStore opens a fresh store of an engine, closed at the test's
// end, with the council's body.
func councilStore(t *testing.T, eng storetest.Engine) (*store.Store, int64) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	st, err := store.OpenDatabase(ctx, eng.Database, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	body, err := st.CreateBody(ctx, model.Body{Kind: model.BodyPlanningCouncil, Abbrev: "IT-PLR", Name: "IT-Planungsrat", DecisionPattern: model.DefaultDecisionPattern})
	if err != nil {
		t.Fatal(err)
	}
	return st, body
}

// TestRebuildInBatches: Rebuild reads a body's sessions RebuildBatch at a
// time (keyset paging), never all at once, and still indexes every one —
// the oldest, one on a batch's edge and the newest.
func TestRebuildInBatches(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := store.WithActor(context.Background(), "test")
			st, body := councilStore(t, eng)
			n := 2*RebuildBatch + 5
			titles := map[int]string{1: "Zwiebelturm", n - RebuildBatch: "Kirchturm", n: "Leuchtturm"}
			for k := 1; k <= n; k++ {
				sid, err := st.CreateSession(ctx, model.Session{BodyID: body, Number: k, Date: model.NewDate(2000+k/12, time.Month(1+k%12), 10), Status: model.StatusEnded, AgendaPublished: true})
				if err != nil {
					t.Fatal(err)
				}
				if title, ok := titles[k]; ok {
					if _, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: sid, Number: "1", Title: title, Position: 1, Status: model.ItemAccepted}); err != nil {
						t.Fatal(err)
					}
				}
			}
			store.ResetLargestRead()
			if err := Rebuild(ctx, st, body); err != nil {
				t.Fatal(err)
			}
			if most := store.LargestRead(); most > RebuildBatch {
				t.Errorf("one statement of Rebuild read %d rows (%d sessions); want at most %d", most, n, RebuildBatch)
			}
			for k, title := range titles {
				q, _ := Parse(title)
				res, err := Run(ctx, st, q, 1, 10)
				if err != nil {
					t.Fatal(err)
				}
				if res.Total != 1 || !strings.HasPrefix(res.Hits[0].URL, fmt.Sprintf("/sitzungen/%d#", k)) {
					t.Errorf("%s (session %d) not indexed: %+v", title, k, res.Hits)
				}
			}
		})
	}
}

// TestRebuildClearsTheMark: a fresh database carries the mark "needs
// rebuild"; a rebuild that fails leaves it set, one that indexes
// everything clears it (the mark is cleared last, so a rebuild stopped
// midway is done again at the next start).
func TestRebuildClearsTheMark(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := store.WithActor(context.Background(), "test")
			st, body := councilStore(t, eng)
			sid, err := st.CreateSession(ctx, model.Session{BodyID: body, Number: 1, Date: model.NewDate(2025, time.March, 10), Status: model.StatusEnded, AgendaPublished: true})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: sid, Number: "1", Title: "Zwiebelturm", Position: 1, Status: model.ItemAccepted}); err != nil {
				t.Fatal(err)
			}
			marked := func() bool { return isMarked(t, st) }
			if !marked() {
				t.Fatal("a fresh database is not marked for a rebuild")
			}
			stopped, cancel := context.WithCancel(ctx)
			cancel()
			if err := Rebuild(stopped, st, body); err == nil {
				t.Fatal("a rebuild with a cancelled context did not fail")
			}
			if !marked() {
				t.Error("a failed rebuild cleared the mark")
			}
			if err := Rebuild(ctx, st, body); err != nil {
				t.Fatal(err)
			}
			if marked() {
				t.Error("the mark is still set after a whole rebuild")
			}
			if n, err := st.SearchCount(ctx); err != nil || n == 0 {
				t.Errorf("after the rebuild the index holds %d documents (%v)", n, err)
			}
		})
	}
}

// TestLigaturesFoundAndMarked: minutes imported from a PDF carry the
// typographic ligatures "ﬁ" and "ﬂ" ("Qualiﬁkation", "Einﬂuss"); a reader
// types "Qualifikation" and found nothing, nor did a text typed plainly
// answer a query pasted from the PDF. Index and query write the ligatures
// out alike, on both engines, and the snippet marks the word.
func TestLigaturesFoundAndMarked(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := store.WithActor(context.Background(), "test")
			st, _ := councilStore(t, eng)
			docs := []store.SearchDoc{
				{Kind: "beschluss", URL: "/a", Title: "a", Text: "Die Qualiﬁkation der Fachkräfte (Einﬂuss der Länder)."},
				{Kind: "beschluss", URL: "/b", Title: "b", Text: "Ein Konﬂikt ohne Ligatur: Konflikt."},
			}
			for i := range docs {
				docs[i].Terms = Terms(docs[i].Text)
			}
			if err := st.ReplaceSearchDocs(ctx, "ligatures", docs); err != nil {
				t.Fatal(err)
			}
			for q, want := range map[string]string{"Qualifikation": "/a", "Einfluss": "/a", "Qualiﬁkation": "/a", "Konflikt": "/b", "Konﬂikte": "/b"} {
				query, _ := Parse(q)
				res, err := Run(ctx, st, query, 1, 10)
				if err != nil {
					t.Fatal(err)
				}
				if res.Total != 1 || res.Hits[0].URL != want {
					t.Errorf("%q: %d hits %+v, want %s", q, res.Total, res.Hits, want)
					continue
				}
				if s := string(res.Hits[0].Snippet); !strings.Contains(s, "<mark>") {
					t.Errorf("%q: nothing marked in %s", q, s)
				}
			}
		})
	}
}

// TestSearchFindsUnnumberedDecisionsAndUnplacedText: the index left out
// decisions without number (a Kenntnisnahme, older sessions: they have no
// page) and text of the minutes not assigned to a decision ("nicht
// zugeordneter Text"), so neither was found. Both are now words of the
// item's minutes document, on both engines, written alike by the import
// (IndexLoaded) and by Rebuild; a redacted passage of either stays out,
// and an illegible part adds no words.
func TestSearchFindsUnnumberedDecisionsAndUnplacedText(t *testing.T) {
	queries := []struct {
		q    string
		want []string
	}{
		{q: "Lagebericht", want: []string{"/sitzungen/48/protokoll#p-top-7"}},
		{q: "Kenntnisnahme", want: []string{"/sitzungen/48/protokoll#p-top-7"}},
		{q: "Seitenumbruchfragment", want: []string{"/sitzungen/48/protokoll#p-top-7"}},
		{q: "Geheimwort", want: nil},
		{q: "illegible", want: nil},
		// A running session has no minutes page yet: its decision
		// without number is not a hit that would lead nowhere.
		{q: "Zwischenstand", want: nil},
	}
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			st, council := councilStore(t, eng)
			ctx := store.WithActor(context.Background(), "test")
			items := []store.MinutesItem{{Item: model.AgendaItem{Number: "7", Title: "Bericht zur Lage", Position: 1, Status: model.ItemAccepted},
				Decisions: []model.Decision{{BodyID: council, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll,
					Result: "einstimmig", AdoptedOn: model.NewDate(2026, 3, 12), Title: "Kenntnisnahme",
					Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat nimmt den Lagebericht zur Kenntnis " + model.Redact("Geheimwort") + "."}}, Position: 1}},
				Remarks: []model.Remark{{Kind: model.RemarkRaw, Text: "Ein Seitenumbruchfragment ohne Zuordnung.", Position: 2},
					{Kind: model.RemarkIllegible, Text: "[illegible]", Position: 3}}}}
			id, err := st.SaveMinutes(ctx, council, model.Session{Number: 48, Date: model.NewDate(2026, 3, 12), Status: model.StatusMinutesDraft}, items, nil, store.ImportSource{})
			if err != nil {
				t.Fatal(err)
			}
			running := []store.MinutesItem{{Item: model.AgendaItem{Number: "1", Title: "Laufender Punkt", Position: 1, Status: model.ItemAccepted},
				Decisions: []model.Decision{{BodyID: council, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll,
					AdoptedOn: model.NewDate(2026, 6, 18), Title: "Zwischenstand zur Kenntnis genommen", Position: 1}}}}
			if _, err := st.SaveMinutes(ctx, council, model.Session{Number: 49, Date: model.NewDate(2026, 6, 18), Status: model.StatusRunning}, running, nil, store.ImportSource{}); err != nil {
				t.Fatal(err)
			}
			its, err := st.Items(ctx, id)
			if err != nil || len(its) != 1 {
				t.Fatalf("items: %v %v", its, err)
			}
			internal, err := minutes.Load(ctx, st, id, model.Internal)
			if err != nil {
				t.Fatal(err)
			}
			for _, path := range []string{"import", "rebuild"} {
				var err error
				if path == "import" {
					err = IndexLoaded(ctx, st, internal)
				} else {
					err = Rebuild(ctx, st, council)
				}
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range queries {
					q, _ := Parse(c.q)
					res, err := Run(ctx, st, q, 1, 10)
					if err != nil {
						t.Fatal(err)
					}
					var got, want []string
					for _, h := range res.Hits {
						got = append(got, h.URL)
					}
					want = append(want, c.want...) // TOP 7's anchor, not the row id (model.ItemAnchors)
					if !slices.Equal(got, want) {
						t.Errorf("%s: %q: hits %v, want %v", path, c.q, got, want)
					}
				}
			}
		})
	}
}
