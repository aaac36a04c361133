package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/pdftest"
)

// TestTextBlocksShowAlikeEverywhere: a text of several paragraphs with a
// bulleted list (lines starting with "-" or "•") reads the same on every
// surface: paragraphs as paragraphs, the list as a list with bullets — on
// the briefing page, in the list of key messages and in the briefing's
// PDF, and in the debrief's PDF. Before, the list of key messages showed
// raw dashes, a "•" line was a paragraph, and the PDFs printed the dashes
// as typed.
func TestTextBlocksShowAlikeEverywhere(t *testing.T) {
	ts, st := debriefServer(t)
	ctx := context.Background()
	_, id := fmkDossier(t, st)
	gs := client(t, ts, "geschaeftsstelle")
	k, err := st.KeyMessageByTitle(ctx, "Novellierung des Onlinezugangsgesetzes")
	if err != nil {
		t.Fatal(err)
	}
	text := "Erster Absatz der Botschaft.\n\nZweiter Absatz der Botschaft.\n- Punkt eins\n• Punkt zwei"
	if code, body := do(t, gs, "POST", ts.URL+"/kernbotschaften", url.Values{"id": {fmt.Sprint(k.ID)}, "version": {fmt.Sprint(k.Version)}, "titel": {k.Title}, "text": {text}}); code != http.StatusSeeOther {
		t.Fatalf("update key message: %d %s", code, body)
	}
	want := `<p>Erster Absatz der Botschaft.</p><p>Zweiter Absatz der Botschaft.</p><ul class="text-list"><li>Punkt eins</li><li>Punkt zwei</li></ul>`
	path := fmt.Sprintf("%s/briefings/%d", ts.URL, id)
	for _, p := range []string{path, ts.URL + "/briefings"} {
		if _, page := do(t, gs, "GET", p, nil); !strings.Contains(page, want) {
			at := max(strings.Index(page, "Erster Absatz")-20, 0)
			t.Errorf("%s shows the key message otherwise: %s", p, page[at:min(at+400, len(page))])
		}
	}
	res, err := gs.Get(path + "/pdf")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	txt := pdftest.Text(t, b)
	if !strings.Contains(txt, "• Punkt eins") || !strings.Contains(txt, "• Punkt zwei") || strings.Contains(txt, "- Punkt eins") {
		t.Errorf("briefing PDF shows the list otherwise:\n%s", txt)
	}
	els := pdftest.Elements(t, b)
	var items []string
	for _, e := range els {
		if e.Kind == "LBody" && strings.HasPrefix(e.Text, "Punkt ") {
			items = append(items, e.Text)
		}
	}
	if len(items) != 2 {
		t.Errorf("the PDF's list items: %q", items)
	}
	// The debrief's invitation in its PDF.
	save := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Liebe Kolleginnen und Kollegen,\n\nwir stellen vor:\n- Punkt A\n- Punkt B"},
		"aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}}
	if code, body := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung", save); code != http.StatusSeeOther {
		t.Fatalf("save debrief: %d %s", code, body)
	}
	_, raw := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung.pdf", nil)
	if txt := pdftest.Text(t, []byte(raw)); !strings.Contains(txt, "• Punkt A") || strings.Contains(txt, "- Punkt A") {
		t.Errorf("debrief PDF shows the invitation otherwise:\n%s", txt)
	}
}
