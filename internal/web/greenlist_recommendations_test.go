package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestGreenListRecommendationsPageOffersPullToVoters: the council
// session's page of recommendations offered "Von der Grünen Liste
// nehmen" to every account of a member — the Deutscher Landkreistag, an
// advisory member without a vote, too, whose click ended on "Keine
// Berechtigung" (only a voting member may have an item taken off). It is
// offered to the offices of the voting members now, as on the session
// page; and each button of the list's column names its item for a
// screen reader ("Für die Grüne Liste bestätigen: …", "Von der Grünen
// Liste nehmen: …"), which said the same for every row before.
func TestGreenListRecommendationsPageOffersPullToVoters(t *testing.T) {
	w := newALRundeVoteWorldFor(t, true)
	w.adopt(t)
	page := w.ts.URL + w.s48.Path() + "/empfehlungen"
	pull := fmt.Sprintf(`action="/empfehlungen/%d/herausnehmen"`, w.rec)
	if _, body := do(t, client(t, w.ts, "dlt"), "GET", page, nil); strings.Contains(body, pull) {
		t.Error("the Deutscher Landkreistag, no voting member, is offered to take the item off the Grüne Liste")
	}
	code, body := do(t, client(t, w.ts, "hessen"), "GET", page, nil)
	if code != http.StatusOK || !strings.Contains(body, pull) {
		t.Fatalf("Hessen, a voting member, is not offered the pull: %d", code)
	}
	named := `Von der Grünen Liste nehmen<span class="visually-hidden">: TOP (ohne Nummer) Föderales Datenportal</span></button>`
	if !strings.Contains(body, named) {
		t.Errorf("Hessen's button does not name its item: %s", between(body, pull, "</form>"))
	}
	_, body = do(t, client(t, w.ts, "geschaeftsstelle"), "GET", page, nil)
	for _, want := range []string{named, `Für die Grüne Liste bestätigen<span class="visually-hidden">: TOP (ohne Nummer) Föderales Datenportal</span></button>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the secretariat's column lacks %q: %s", want, between(body, "<tbody>", "</tbody>"))
		}
	}
}

// TestRecommendationFormNamesItsItem: on the AL-Runde's page of
// recommendations each item has a form "Empfehlung vorschlagen" (with
// the tick "ohne Aussprache – für die Grüne Liste"); its group and its
// button said the same for every item, so a screen reader's list of
// buttons or form groups could not tell them apart. Both name the item
// now, as the written procedure's form on the council's page does.
func TestRecommendationFormNamesItsItem(t *testing.T) {
	w := newALRundeVoteWorld(t)
	ctx := context.Background()
	council, err := w.st.Body(ctx, w.s48.BodyID)
	if err != nil {
		t.Fatal(err)
	}
	title := "Zweites Vorhaben"
	id, err := w.st.RegisterItem(ctx, model.AgendaItem{SessionID: w.s48.ID, Title: title, Goal: model.GoalDecision, Status: model.ItemRegistered, RegisteredBy: "HE",
		Impact: model.Impact{Stated: true}}, &model.Decision{BodyID: council.ID, Kind: model.KindDecision, Scope: model.ScopeAll, Title: title,
		Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt."}}, Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	it, _ := w.st.Item(ctx, id)
	it.Status = model.ItemAccepted
	if err := w.st.UpdateItem(store.WithActor(ctx, "test"), it); err != nil {
		t.Fatal(err)
	}
	_, body := do(t, client(t, w.ts, "geschaeftsstelle"), "GET", w.ts.URL+w.al.Path()+"/empfehlungen", nil)
	form := between(body, fmt.Sprintf(`id="empfehlung-%d"`, id), "</form>")
	for _, want := range []string{`<legend>Empfehlung vorschlagen<span class="visually-hidden"> zu Zweites Vorhaben</span></legend>`,
		`Empfehlung vorschlagen<span class="visually-hidden">: Zweites Vorhaben</span></button>`} {
		if !strings.Contains(form, want) {
			t.Errorf("the form lacks %q: %s", want, form)
		}
	}
}

// TestALRundeRecommendationNamesWhoPulled: the AL-Runde's page of
// recommendations said of an item taken off the council's Grüne Liste
// "ausgesprochen (von der Grünen Liste genommen)", not at whose request,
// which the council's page says. It names the member now.
func TestALRundeRecommendationNamesWhoPulled(t *testing.T) {
	w := newALRundeVoteWorldFor(t, true)
	w.adopt(t)
	ctx := store.WithActor(context.Background(), "test")
	rec, err := w.st.Recommendation(ctx, w.rec)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.st.ConfirmGreenList(ctx, rec.ID, rec.Version); err != nil {
		t.Fatal(err)
	}
	if err := w.st.PullFromGreenList(ctx, rec.ID, "Bund"); err != nil {
		t.Fatal(err)
	}
	_, body := do(t, client(t, w.ts, "geschaeftsstelle"), "GET", w.ts.URL+w.al.Path()+"/empfehlungen", nil)
	if want := "<strong>ausgesprochen</strong> (von der Grünen Liste genommen, auf Wunsch des Bundes)"; !strings.Contains(body, want) {
		t.Errorf("the AL-Runde's page lacks %q: %s", want, between(body, fmt.Sprintf(`id="e-%d"`, w.target), "</section>"))
	}
}
