package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestProcedureVotesAreLabelled: the written procedure's page showed the
// votes as stored ("ja", "nein", "enthaltung", also "(bisher: ja)" and a
// refused "„vielleicht“"), the decision pages as "Ja", "Nein",
// "Enthaltung"; both now use model.VoteChoice.Label.
func TestProcedureVotesAreLabelled(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Beschriftung", Applicants: []string{"Bund"}}, Deadline: time.Now().Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, pid)
	he := client(t, ts, "hessen")
	if code, _ := do(t, he, "POST", path+"/stimme", url.Values{"stimme": {"ja"}, "gesehen": {""}}); code != http.StatusSeeOther {
		t.Fatalf("Hessen's vote: %d", code)
	}
	if _, page := do(t, he, "GET", path, nil); !strings.Contains(page, "(bisher: Ja)") || !strings.Contains(page, "<td>Ja</td>") {
		t.Errorf("Hessen's own vote:\n%s", between(page, "<h2>Stimmen</h2>", "</table>"))
	}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() && m.Abbrev != "HE" {
			choice := model.VoteNo
			if m.Abbrev == "BY" {
				choice = model.VoteAbstain
			}
			if err := st.CastVote(ctx, pid, m.Abbrev, choice); err != nil {
				t.Fatal(err)
			}
		}
	}
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", path+"/beenden", nil); code != http.StatusSeeOther {
		t.Fatalf("early end: %d", code)
	}
	_, page := do(t, gs, "GET", path, nil)
	votes := between(page, "<h2>Stimmen</h2>", "</table>")
	for _, want := range []string{"<td>Ja</td>", "<td>Nein</td>", "<td>Enthaltung</td>"} {
		if !strings.Contains(votes, want) {
			t.Errorf("the votes lack %s:\n%s", want, votes)
		}
	}
	for _, bad := range []string{"<td>ja</td>", "<td>nein</td>", "<td>enthaltung</td>"} {
		if strings.Contains(votes, bad) {
			t.Errorf("the votes show %s", bad)
		}
	}
}

// TestRequestPageSaysWhereItStands: a request turned into an agenda item
// read "Tagesordnung: angemeldet zur 48. Sitzung … – Anmeldung angemeldet";
// the page now words each state of the registration.
func TestRequestPageSaysWhereItStands(t *testing.T) {
	ts, st := cycleServer(t)
	s48, _ := planSession48(t, ts, st)
	ctx := context.Background()
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	id, err := st.SubmitRequest(ctx, model.Request{ConferenceID: fmk.ID, Title: "Grundsteuer digital", SubmittedBy: "fmk", Via: "FachMK-Geschäftsstelle"})
	if err != nil {
		t.Fatal(err)
	}
	itemID, err := st.RequestToItem(ctx, id, 1, store.RequestItem{SessionID: s48.ID})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("%s/anliegen/%d", ts.URL, id)
	reader := client(t, ts, "fmk")
	_, page := do(t, reader, "GET", path, nil)
	if at := between(page, `<dd id="anliegen-top">`, "</dd>"); strings.Contains(page, "Anmeldung angemeldet") ||
		at != `als TOP zur <a href="/sitzungen/48">48. Sitzung</a> am 20.11.2026 angemeldet; über die Aufnahme entscheidet die Geschäftsstelle` {
		t.Errorf("registered: %q", at)
	}
	it, _ := st.Item(ctx, itemID)
	if _, err := st.DecideRegistration(ctx, itemID, it.Version, true, ""); err != nil {
		t.Fatal(err)
	}
	_, page = do(t, reader, "GET", path, nil)
	if at := between(page, `<dd id="anliegen-top">`, "</dd>"); !strings.HasPrefix(at, `auf der Tagesordnung der <a href="/sitzungen/48">48. Sitzung</a> am 20.11.2026`) {
		t.Errorf("accepted: %q", at)
	}
}
