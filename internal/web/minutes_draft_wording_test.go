package web

import (
	"strings"
	"testing"

	"gremium/internal/pdftest"
)

// TestApprovedMinutesSayGenehmigtOnce: the header of approved minutes
// read "Genehmigt: genehmigt in der 47. Sitzung am 26.06.2025" on the
// page, where the PDF reads "Genehmigt: in der 47. Sitzung am
// 26.06.2025". Both now say it once, in the same words.
func TestApprovedMinutesSayGenehmigtOnce(t *testing.T) {
	ts, _, _ := lawServer(t)
	for _, user := range []string{"", "hessen"} {
		c := client(t, ts, user)
		_, page := do(t, c, "GET", ts.URL+"/sitzungen/46/protokoll", nil)
		if dd := between(page, "<dt>Genehmigt</dt><dd>", "</dd>"); dd != "in der 47. Sitzung am 26.06.2025" {
			t.Errorf("reader %q: the page's header says %q beside „Genehmigt“", user, dd)
		}
		_, pdf := do(t, c, "GET", ts.URL+"/sitzungen/46/protokoll.pdf", nil)
		if words := pdftest.Words(t, []byte(pdf)); !strings.Contains(words, "Genehmigt: in der 47. Sitzung am 26.06.2025") {
			t.Errorf("reader %q: the PDF's header lacks „Genehmigt: in der 47. Sitzung am 26.06.2025“:\n%s", user, words)
		}
	}
}

// TestDraftMinutesPageLeadsToTheComments: a member office reading the
// released draft on the minutes page found no word of where to comment
// on it (the form is on the session page). The page now leads there
// those who may comment, and nobody else.
func TestDraftMinutesPageLeadsToTheComments(t *testing.T) {
	ts, _, _ := lawServer(t)
	const link = `href="/sitzungen/47#kommentare"`
	for user, want := range map[string]bool{"hessen": true, "dlt": true, "geschaeftsstelle": true, "": false, "sprecher-he": false} {
		_, page := do(t, client(t, ts, user), "GET", ts.URL+"/sitzungen/47/protokoll", nil)
		if got := strings.Contains(between(page, "<main", "</main>"), link); got != want {
			t.Errorf("reader %q: the draft's page links the comment form: %v, want %v", user, got, want)
		}
	}
	// Approved minutes take no comments.
	_, page := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/sitzungen/46/protokoll", nil)
	if strings.Contains(page, "#kommentare") {
		t.Errorf("the approved minutes' page links a comment form")
	}
}

// TestInternalPDFSaysItIsConfidential: the minutes page of the internal
// version opens with "Interne Fassung – vertraulich. Markierte Passagen
// und gekennzeichnete Zeilen fehlen in der öffentlichen Fassung."; the
// PDF — the copy that is passed on — said so only in its small footer.
// Its header now says it in the page's words.
func TestInternalPDFSaysItIsConfidential(t *testing.T) {
	ts, _, _ := lawServer(t)
	const note = "Interne Fassung – vertraulich. Markierte Passagen und gekennzeichnete Zeilen fehlen in der öffentlichen Fassung."
	for user, want := range map[string]bool{"hessen": true, "": false} {
		c := client(t, ts, user)
		_, page := do(t, c, "GET", ts.URL+"/sitzungen/47/protokoll", nil)
		_, pdf := do(t, c, "GET", ts.URL+"/sitzungen/47/protokoll.pdf", nil)
		first := strings.Join(strings.Fields(pdftest.Pages(t, []byte(pdf))[0]), " ")
		if got := strings.Contains(between(page, "<main", "</main>"), note); got != want {
			t.Errorf("reader %q: the page says %q: %v, want %v", user, note, got, want)
		}
		if got := strings.Contains(first, note); got != want {
			t.Errorf("reader %q: the PDF's first page says %q: %v, want %v", user, note, got, want)
		}
	}
}
