package minutes

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"gremium/internal/itplr"
	"gremium/internal/model"
)

func seedOrSkip(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seeds", "000_d83e092d3fe92c21.txt"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("seed minutes missing in CI: %v", err)
		}
		t.Skipf("seed minutes not found (%v)", err)
	}
	return b
}

// words gives the words of a text that carry content.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// TestNothingIsDropped checks that every word of every input line ends up in
// the parsed document, or that a warning names the line.
func TestNothingIsDropped(t *testing.T) {
	src := seedOrSkip(t)
	doc, warnings, err := Parse(bytes.NewReader(src), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	fmt.Fprintf(&all, "%+v ", doc.Session)
	all.WriteString(doc.Session.Date.German() + " " + doc.Session.MinutesStand.German() + " ")
	for _, sec := range doc.Sections {
		all.WriteString(sec.Name + " ")
		for _, it := range sec.Items {
			fmt.Fprintf(&all, "%+v ", it.AgendaItem)
			for _, r := range it.Rows {
				fmt.Fprintf(&all, "%s %v %s ", r.Speaker, r.Points, r.Text)
				if r.Decision != nil {
					fmt.Fprintf(&all, "%+v ", *r.Decision)
				}
			}
		}
	}
	have := map[string]bool{}
	for _, w := range words(model.InternalText(all.String())) {
		have[w] = true
	}
	warned := map[int]bool{}
	for _, w := range warnings {
		warned[w.Line] = true
	}
	// Words of the layout itself, not of the content.
	layout := map[string]bool{"TOP": true, "Ziel": true, "Quelle": true, "BE": true, "Thema": true, "ON": true, "BV": true, "PN": true,
		"Diskussion": true, "Protokollnotiz": true, "Protokoll": true, "IT": true, "Planungsratssitzung": true, "Zeitlicher": true, "Ablauf": true,
		"Uhr": true, "Ort": true, "Stand": true, "Datum": true, "illegible": true, "REDACTED": true}
	for i, line := range strings.Split(string(src), "\n") {
		if warned[i+1] || strings.Contains(line, "checkbox") || blackedOut(line) {
			continue
		}
		for _, w := range words(html.UnescapeString(tagPattern.ReplaceAllString(line, " "))) {
			if !have[w] && !layout[w] {
				t.Errorf("line %d: %q is neither in the document nor in a warning", i+1, w)
			}
		}
	}
}

// FuzzParse feeds arbitrary text to the parser: it must never panic, every
// text keeps balanced confidentiality marks, what it exports must parse
// again, and its public version shows no mark.
func FuzzParse(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seeds", "000_d83e092d3fe92c21.txt")); err == nil {
		f.Add(string(b))
	}
	f.Add("47. Sitzung\nDatum: 26.06.2025\nGrüne Liste\nTOP\tThema\tZiel\tQuelle\tBE\n08\tA › B\tBeschluss\tB-2025/13-IT\tHH\nBV\tBeschluss B-2025/26-IT <ol> 1. Der X. 2. Die Y.\t\t\t\n")
	f.Add("ON\tDiskussion HE: › a. HH: › b\t\t\t\n\t<p>c</p> <p>BY:</p> <p>➤ d</p>\t\t\t\n[illegible]\n")
	f.Add("\t<p>2. Der IT-Planungsrat</p>\t\t\t\nPN\tProtokollnotiz (Berlin) [REDACTED]\t\t\t\n\tDer Beschluss wird einstimmig, bei Enthaltung von [REDACTED] beschlossen.\t\t\t\n")
	f.Add("Ort: ⟦Geheimort\nTOP\tÜbergreifendes\tZiel\tQuelle\tBE\n03\t<p>Thema ⟦a ⟦b⟧ c⟧</p>\tBeschluss\t⟦Q⟧\tHE⟧\n" +
		"ON\t<p>HE:</p> <ul><li>offen ⟦x</li><li>y</li></ul>\t\t\t\nPN\t<p>Protokollnotiz (⟦Berlin⟧)</p> <p>z⟧ offen</p>\t\t\t\n" +
		"BV\t<p>Beschluss B-2026/04-IT⟦</p> <ol><li>1. ⟦a. 2. B⟧</li></ol> <p>Stimmen: ⟦HE⟧ ja</p>\t\t\t\n")
	f.Add("TOP\tÜbergreifendes\tZiel\tQuelle\tBE\n04\t<p>Cloud</p>\tBeschluss\t\tHE\n" +
		"\t<p class=\"vertagung\">Vertagt aus der 47. Sitzung; vertagt auf die 49. Sitzung – Grund: ⟦Kosten offen</p>\t\t\t\n" +
		"\t<p class=\"vertagung\">vertagt irgendwann</p>\t\t\t\n")
	f.Add("39. Sitzung der AL-Runde\nTOP\tÜbergreifendes\tZiel\tQuelle\tBE\n01\t<p>Cloud</p>\tBeschluss\t\tHE\n" +
		"BV\t<p>Beschlussempfehlung BE-2026/02-AL (zu einer Empfehlung)</p> <ol><li>a</li></ol> <p>Ausgesprochen am: 02.03.2026</p>\t\t\t\n" +
		"BV\t<p>Beschlussempfehlung (ohne Nummer)</p> <p>Abgelehnt am: kein Datum</p>\t\t\t\n")
	// A decision before the discussion (moved behind it, discussionFirst).
	f.Add("TOP\tÜbergreifendes\tZiel\tQuelle\tBE\n05\t<p>Plan</p>\tBeschluss\t\tHE\n" +
		"BV\t<p>Beschlussvorschlag</p> <ol><li>1. Der Plan.</li></ol>\t\t\t\n\t<div class=\"vermerk\">vorab</div>\t\t\t\n" +
		"ON\t<p>HE:</p> <ul><li>a</li></ul>\t\t\t\n[illegible]\nON\t<p>BY:</p> <ul><li>b</li></ul>\t\t\t\nPN\t<p>Protokollnotiz (Hessen)</p> <p>c</p>\t\t\t\n")
	f.Fuzz(func(t *testing.T, in string) {
		doc, _, err := Parse(strings.NewReader(in), testOptions())
		if err != nil {
			return // only overlong lines fail, and they fail cleanly
		}
		for _, it := range doc.Items() {
			texts := append([]string{it.Title, it.Deferral.Reason}, it.Points...)
			for _, r := range it.Rows {
				texts = append(append(texts, r.Text), r.Points...)
				if d := r.Decision; d != nil {
					texts = append(texts, d.Title, d.Result)
					for _, pt := range d.Points {
						texts = append(texts, pt.Text)
					}
				}
			}
			for _, s := range texts {
				if problem, _ := model.CheckMarks(s); problem != model.MarksOK {
					t.Fatalf("text %q of %s kept with unbalanced marks: %v", s, it.Label(), problem)
				}
			}
		}
		var buf bytes.Buffer
		if err := Export(&buf, doc); err != nil {
			t.Fatalf("export: %v", err)
		}
		if _, _, err := Parse(&buf, testOptions()); err != nil {
			t.Fatalf("export does not parse: %v", err)
		}
		// Nothing marked reaches the public version.
		buf.Reset()
		if err := Export(&buf, Redacted(doc, model.Public)); err != nil {
			t.Fatalf("public export: %v", err)
		}
		if public := buf.String(); model.HasRedaction(public) {
			t.Fatalf("public export shows a confidentiality mark:\n%s", public)
		}
	})
}

// testOptions gives the parser the IT-Planungsrat's reference data.
func testOptions() Options {
	return Options{Sections: itplr.Sections(), Speakers: itplr.Speakers()}
}
