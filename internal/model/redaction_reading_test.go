package model

import (
	"strings"
	"testing"
)

// TestInternalTextReadsTheSourceRedaction: InternalText — the reader's
// text where there is no room for marks: a page's <title>, a notice
// ("Ihre Anmeldung: …"), a refusal's reason — removed the marks and left
// the source tool's English "[REDACTED]" standing, which members took for
// a colleague's text withheld from them; it reads "im Quelldokument
// geschwärzt" now, as the pages, the PDF and the forms do. StripMarks
// keeps the stored text, for what is compared or marked anew.
func TestInternalTextReadsTheSourceRedaction(t *testing.T) {
	for in, want := range map[string]string{
		"einstimmig, bei Enthaltung von " + Redact(SourceRedaction):       "einstimmig, bei Enthaltung von im Quelldokument geschwärzt",
		"von " + Redact(" "+SourceRedaction+" ") + " und " + Redact("HB"): "von  im Quelldokument geschwärzt  und HB",
		"offen " + SourceRedaction:                                        "offen [REDACTED]", // not a marked passage
		Redact("Bericht " + SourceRedaction):                              "Bericht [REDACTED]",
		"ohne Marken":                                                     "ohne Marken",
	} {
		if got := InternalText(in); got != want {
			t.Errorf("InternalText(%q) = %q, want %q", in, got, want)
		}
	}
	if got := StripMarks("von " + Redact(SourceRedaction)); got != "von [REDACTED]" {
		t.Errorf("StripMarks = %q", got)
	}
}

// TestSourceRedactionWithSpaces: a passage the source blacked out with
// spaces inside its marks (⟦ [REDACTED] ⟧) read German on the pages
// (Passage.Shown trimmed it) but English in the forms and the JSON API
// (TypedMarks replaced only the exact form); every reading now gives
// the German phrase with the spaces where they were, and the form sent
// back stores exactly what was stored.
func TestSourceRedactionWithSpaces(t *testing.T) {
	stored := "bei Enthaltung von " + Redact(" "+SourceRedaction+" ") + " und " + Redact(SourceRedaction)
	typed := TypedMarks(stored)
	if want := "bei Enthaltung von [[ im Quelldokument geschwärzt ]] und [[im Quelldokument geschwärzt]]"; typed != want {
		t.Errorf("TypedMarks = %q, want %q", typed, want)
	}
	back, err := ConfidentialMarks(typed)
	if err != nil || back != stored {
		t.Errorf("the form sent back stores %q (%v), want %q", back, err, stored)
	}
	shown := ShownText(stored)
	if strings.Contains(shown, SourceRedaction) || StoredText(shown) != stored {
		t.Errorf("ShownText = %q, read back %q", shown, StoredText(shown))
	}
	var passages []string
	for _, p := range Passages(stored) {
		passages = append(passages, p.Shown())
	}
	if len(passages) != 4 || passages[1] != " im Quelldokument geschwärzt " || passages[3] != SourceRedactionShown {
		t.Errorf("passages shown: %q", passages)
	}
}

// TestShownTextKeepsEverythingElse: the reading changes the text of a
// marked passage that is the marker and nothing else — not the marks,
// not a passage that only contains the word, not the text outside the
// marks, not a nested or unbalanced mark — so that StoredText gives the
// stored text back.
func TestShownTextKeepsEverythingElse(t *testing.T) {
	for _, s := range []string{
		"",
		"offen",
		"[REDACTED] offen",
		Redact("HB") + " " + Redact(""),
		Redact("a " + SourceRedaction),
		"⟦a ⟦[REDACTED]⟧",
		"[REDACTED]⟧ ⟦",
		"⟦⟦[REDACTED]⟧ b⟧",
	} {
		shown := ShownText(s)
		if StoredText(shown) != s {
			t.Errorf("StoredText(ShownText(%q)) = %q (shown %q)", s, StoredText(shown), shown)
		}
		if StripMarks(shown) != InternalText(s) {
			t.Errorf("InternalText(%q) = %q, not the shown text without marks %q", s, InternalText(s), StripMarks(shown))
		}
	}
	if got := ShownText("⟦⟦[REDACTED]⟧ b⟧"); got != "⟦⟦im Quelldokument geschwärzt⟧ b⟧" {
		t.Errorf("nested: %q", got)
	}
}

// FuzzShownTextReadsBack: whatever the marks, the reading changes no
// byte but the source's marker in a passage that is nothing else, and
// StoredText gives the stored text back (unless it already marked a
// passage reading the German phrase, which is the marker's reading).
func FuzzShownTextReadsBack(f *testing.F) {
	f.Add("bei Enthaltung von ⟦[REDACTED]⟧ und ⟦ [REDACTED] ⟧")
	f.Add("⟦a ⟦[REDACTED]⟧ b⟧ [REDACTED]⟧ ⟦")
	f.Add("⟦⟧⟦⟦⟧")
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Contains(s, SourceRedactionShown) {
			return
		}
		shown := ShownText(s)
		if back := StoredText(shown); back != s {
			t.Fatalf("StoredText(ShownText(%q)) = %q", s, back)
		}
		if strings.Count(shown, RedactOpen) != strings.Count(s, RedactOpen) || strings.Count(shown, RedactClose) != strings.Count(s, RedactClose) {
			t.Fatalf("ShownText(%q) = %q changed the marks", s, shown)
		}
		if got := StripMarks(shown); got != InternalText(s) {
			t.Fatalf("InternalText(%q) = %q, want %q", s, InternalText(s), got)
		}
	})
}
