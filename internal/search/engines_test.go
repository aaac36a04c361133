package search

import (
	"context"
	"slices"
	"strings"
	"testing"

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
}

// TestSearchOnBothEngines runs one set of queries with their expected hits
// on SQLite and on PostgreSQL: umlauts and ß folded (Prüfung = Pruefung,
// Straße = Strasse), words reduced to their stem (Registermodernisierungen),
// all words required, phrases in order, ranked, with snippets.
func TestSearchOnBothEngines(t *testing.T) {
	queries := []struct {
		q     string
		want  []string // URLs, any order unless first is set
		first string   // the best-ranked hit
	}{
		{q: "Prüfung", want: []string{"/a", "/b"}},
		{q: "Pruefung", want: []string{"/a", "/b"}},
		{q: "PRÜFUNGEN", want: []string{"/a", "/b"}},
		{q: "Straße", want: []string{"/b"}},
		{q: "strasse", want: []string{"/b"}},
		{q: "Registermodernisierungen", want: []string{"/a", "/c"}},
		{q: "digitale Verwaltung", want: []string{"/b", "/c"}},
		{q: `"digitalen Verwaltung"`, want: []string{"/b"}},
		{q: `"Verwaltung digital"`, want: []string{"/c"}},
		{q: "Brückenprüfung Hessen", want: []string{"/d"}},
		{q: "Bruecke", want: nil},
		{q: "Portalverbund Onlinezugang", want: []string{"/e", "/f"}, first: "/e"},
		{q: "Kommune", want: nil},
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
