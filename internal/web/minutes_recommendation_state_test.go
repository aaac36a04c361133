package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/pdftest"
)

// TestMinutesSurfacesSayItemTakenOffGreenList: an item the AL-Runde
// recommended for the Grüne Liste, taken off it at Hessen's wish, reads
// the same in the minutes' HTML, PDF and text export. The HTML said
// "… ohne Aussprache (Grüne Liste) – von der Grünen Liste genommen (auf
// Wunsch von HE)", the PDF and the text only "… ohne Aussprache (Grüne
// Liste)": recommended for the list yet voted on singly, with no reason.
func TestMinutesSurfacesSayItemTakenOffGreenList(t *testing.T) {
	w := newALRundeVoteWorldFor(t, true)
	ctx := context.Background()
	if _, err := w.st.CastShowOfHands(ctx, w.voteID, everyVoter("ja")); err != nil {
		t.Fatal(err)
	}
	if out, err := w.st.CloseVote(ctx, w.voteID); err != nil || !out.Tally.Adopted {
		t.Fatalf("closing: %+v %v", out, err)
	}
	if err := w.st.PullFromGreenList(ctx, w.rec, "HE"); err != nil {
		t.Fatal(err)
	}
	const want = "Annahme wie vorgeschlagen, ohne Aussprache (Grüne Liste) – von der Grünen Liste genommen (auf Wunsch von HE)"
	gs := client(t, w.ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", w.ts.URL+"/sitzungen/48/protokoll", nil)
	tags := regexp.MustCompile(`<[^>]*>`)
	if p := html.UnescapeString(tags.ReplaceAllString(between(page, `<p class="recommendation">`, "</p>"), "")); !strings.Contains(p, want) {
		t.Errorf("the HTML minutes say %q, want %q", p, want)
	}
	_, pdf := do(t, gs, "GET", w.ts.URL+"/sitzungen/48/protokoll.pdf", nil)
	if text := pdftest.Words(t, []byte(pdf)); !strings.Contains(text, want) {
		t.Errorf("the PDF minutes lack %q:\n%s", want, text)
	}
	_, text := do(t, gs, "GET", w.ts.URL+"/sitzungen/48/protokoll.txt", nil)
	if !strings.Contains(html.UnescapeString(text), want) {
		t.Errorf("the text export lacks %q:\n%s", want, text)
	}
}
