package search

import (
	"math/rand/v2"
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/minutes/minutestest"
	"gremium/internal/model"
)

// TestTermWriterIsTerms checks the one-pass term writer the index uses
// against Terms of the texts joined by spaces: on every text of synthetic
// minutes, on edge cases (empty texts, separators only, digits of other
// scripts, invalid UTF-8, combining marks) and on random strings.
func TestTermWriterIsTerms(t *testing.T) {
	var cases [][]string
	doc := minutestest.Synthetic(60, 40, 2030)
	for _, it := range doc.Items() {
		cases = append(cases, []string{it.Label(), it.Title, strings.Join(it.Points, " ")})
		for _, r := range it.Rows {
			cases = append(cases, []string{r.Speaker + ": " + strings.Join(r.Points, " "), r.Text})
			if d := r.Decision; d != nil {
				cases = append(cases, []string{d.Label, d.Title, d.Result})
			}
		}
	}
	cases = append(cases,
		nil, []string{""}, []string{"", ""}, []string{" ", "–"}, []string{"", "Wort"}, []string{"Wort", ""},
		[]string{"Prüfungen", "PRÜFUNG", "Pruefung", "Beschlüsse", "Straße"},
		[]string{"B-2025/26-IT.12", "§ 3 Abs. 2", "٣٤ ١٢", "x\xffy", "\xff", "e\u0301té", "ǅemal İstanbul"},
		[]string{"ends with word", "starts"}, []string{"a", "b"}, []string{"Ωμέγα 12ab 3.4"}, []string{"Qualiﬁkation Einﬂussnahme ﬀ ﬅ"},
	)
	rnd := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "Z", "ä", "Ü", "ß", "0", "9", " ", ".", "-", "„", "“", "\xff", "\u0301", "٣", "ǅ", "\t", "é", "K"}
	for range 20000 {
		var texts []string
		for range rnd.IntN(4) {
			var b strings.Builder
			for range rnd.IntN(12) {
				b.WriteString(alphabet[rnd.IntN(len(alphabet))])
			}
			texts = append(texts, b.String())
		}
		cases = append(cases, texts)
	}
	tw := termWriter{stems: stemCache{}}
	for _, texts := range cases {
		tw.reset()
		for _, s := range texts {
			tw.add(s)
		}
		if got, want := tw.String(), Terms(strings.Join(texts, " ")); got != want {
			t.Fatalf("terms of %q: %q, Terms gives %q", texts, got, want)
		}
	}
}

// BenchmarkPublicDocs measures the documents of a synthetic session of 900
// items (the size of the import benchmark's file) as the import and a
// rebuild build them: the public minutes' texts and their terms, the
// compounds' parts included.
//
//	go test ./internal/search -run '^$' -bench PublicDocs -benchmem
func BenchmarkPublicDocs(b *testing.B) {
	doc := minutes.Redacted(minutestest.Synthetic(60, 900, 2030), model.Public)
	var terms int
	for b.Loop() {
		sc := publicDocs(doc)
		terms = 0
		for _, d := range sc.Docs {
			terms += strings.Count(d.Terms, " ") + 1
		}
	}
	b.ReportMetric(float64(terms), "terms")
}
