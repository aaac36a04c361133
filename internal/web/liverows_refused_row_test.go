package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestRefusedRowEditShowsTheLivePage: an edit of an existing Wortbeitrag
// or Protokollnotiz sent without JavaScript and refused for its input (an
// unclosed "[[") answered with a bare error page and the text to copy by
// hand; the live page and the row were left behind. It shows the live
// page with the row's form as typed and the reason at the field, as a new
// entry gets.
func TestRefusedRowEditShowsTheLivePage(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	it := items[1]
	cs, _ := st.Contributions(ctx, it.ID)
	c := cs[0]
	noteID, err := st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: it.ID, Author: "Berlin", Text: "Berlin gibt zu Protokoll."})
	if err != nil {
		t.Fatal(err)
	}

	typed := "Erster Punkt\nZweiter Punkt mit [[offener Klammer"
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/beitraege/%d", ts.URL, c.ID), map[string][]string{
		"version": {fmt.Sprint(c.Version)}, "sprecher": {"BSI"}, "punkte": {typed}, "vertraulich": {"1"}})
	form := fmt.Sprintf("beitrag-%d", c.ID)
	if code != http.StatusBadRequest || strings.Contains(page, "Ihre Eingabe, zum Übertragen") || !strings.Contains(page, "<h1>Live-Protokoll") {
		t.Fatalf("refused ON edit: %d %.400s", code, between(page, "<main", "</main>"))
	}
	got := between(page, fmt.Sprintf(`id="%s"`, form), "</form>")
	for _, want := range []string{
		`id="` + form + `-fehler"`, "Die Änderung des Wortbeitrags ist nicht gespeichert",
		`value="BSI"`, "Zweiter Punkt mit [[offener Klammer</textarea>",
		fmt.Sprintf(`id="pk-%d" name="punkte"`, c.ID), fmt.Sprintf(`aria-describedby="pk-%d-fehler"`, c.ID),
		fmt.Sprintf(`<p class="field-error" id="pk-%d-fehler">`, c.ID),
		fmt.Sprintf(`id="vt-%d" name="vertraulich" value="1" checked`, c.ID),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the ON row's form lacks %q:\n%s", want, got)
		}
	}
	if p := wellFormedProblems(page); p != nil {
		t.Errorf("page: %v", p)
	}
	if after, _ := st.Contribution(ctx, c.ID); after.Version != c.Version || strings.Join(after.Points, "\n") != strings.Join(c.Points, "\n") {
		t.Errorf("the refused edit changed the row: %+v", after)
	}

	n, _ := st.ProtocolNote(ctx, noteID)
	code, page = do(t, gs, "POST", fmt.Sprintf("%s/notizen/%d", ts.URL, noteID), map[string][]string{
		"version": {fmt.Sprint(n.Version)}, "text": {"Berlin gibt zu Protokoll: [[die Kosten"}})
	form = fmt.Sprintf("notiz-%d", noteID)
	if code != http.StatusBadRequest || !strings.Contains(page, "<h1>Live-Protokoll") {
		t.Fatalf("refused PN edit: %d %.400s", code, between(page, "<main", "</main>"))
	}
	got = between(page, fmt.Sprintf(`id="%s"`, form), "</form>")
	for _, want := range []string{
		"Die Änderung der Protokollnotiz ist nicht gespeichert", "Berlin gibt zu Protokoll: [[die Kosten</textarea>",
		fmt.Sprintf(`<p class="field-error" id="pn-%d-fehler">`, noteID),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the PN row's form lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, " checked") {
		t.Error("the note's form shows vertraulich ticked although it was not typed so")
	}

	// The autosave keeps its short answer for the save slot.
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/notizen/%d", ts.URL, noteID), strings.NewReader("version="+fmt.Sprint(n.Version)+"&text=%5B%5Bx"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	res, err := gs.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("autosave refused: %d", res.StatusCode)
	}
}
