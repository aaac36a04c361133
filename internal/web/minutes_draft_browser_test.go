package web

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestMinutesDraftNotesInBrowser: the minutes page of a session whose
// draft is not yet released (the public's, a member office's, the
// Geschäftsstelle's) and of the released draft (with the way to the
// comment form) pass axe and fit 320 px.
func TestMinutesDraftNotesInBrowser(t *testing.T) {
	browserTest(t)
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, item, d := runningSession(t, st, model.KindDecision)
	if _, err := st.RecordShowOfHands(ctx, sid, d, everyVoter(model.VoteYes)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateContribution(ctx, model.Contribution{ItemID: item, Speaker: "HE", Points: []string{"Hessen begrüßt die Rahmenarchitektur ⟦unter Vorbehalt⟧."}}); err != nil {
		t.Fatal(err)
	}
	se, _ := st.Session(ctx, sid)
	if err := st.SetSessionStatus(ctx, sid, se.Version, model.StatusEnded); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ts.URL)
	look := func(name, path, text string) {
		t.Helper()
		b.visited = map[string]bool{} // axe on each reader's page
		b.page(path)
		if !pageShows(t, b, "main", text) {
			t.Errorf("%s: the page does not say %q", name, text)
		}
		b.shot(name + "-1280")
		noSidewaysScroll(t, b, name)
	}
	look("entwurf-unfreigegeben-oeffentlich", "/sitzungen/48/protokoll", "Bis zur Freigabe durch die Geschäftsstelle")
	b.login("hessen")
	look("entwurf-unfreigegeben-mitglied", "/sitzungen/48/protokoll", "Die Geschäftsstelle bearbeitet ihn noch")
	look("entwurf-freigegeben-mitglied", "/sitzungen/47/protokoll", "Kommentar zum Protokollentwurf schreiben")
	look("genehmigt-mitglied", "/sitzungen/46/protokoll", "in der 47. Sitzung am 26.06.2025")
}
