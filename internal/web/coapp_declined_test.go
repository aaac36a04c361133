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
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestDeclinedRegistrationAsksNoCoApplicant: the secretariat declined
// Hessen's registration; Baden-Württemberg still found it under
// "Mitanträge zu bestätigen" and confirmed it, and Hessen's page said
// "Es fehlen noch Antworten auf Mitanträge" under the decline. Now the
// declined registration leaves the co-applicant's list, its answer is
// refused, and the registering office's page waits for no answer.
func TestDeclinedRegistrationAsksNoCoApplicant(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := store.WithActor(context.Background(), "test")
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	item, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: se.ID, Title: "KI-Leitlinien", Goal: model.GoalDecision, Status: model.ItemRegistered,
		RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, &model.Decision{BodyID: council.ID, Kind: model.KindDecision, Scope: model.ScopeAll,
		Title: "KI-Leitlinien", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Leitlinien."}}, Applicants: []string{"HE", "BW", "SN"}},
		store.ConfirmCoApplicants())
	if err != nil {
		t.Fatal(err)
	}
	bw := client(t, ts, "baden-wuerttemberg")
	if _, page := do(t, bw, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(page, "KI-Leitlinien") {
		t.Fatal("the pending co-application is not in BW's list before the decline")
	}
	it, _ := st.Item(ctx, item)
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, item), url.Values{"entscheidung": {"ablehnen"}, "grund": {"Nicht ausreichend unterstützt."}, "version": {fmt.Sprint(it.Version)}}); code != http.StatusOK && code != http.StatusSeeOther {
		t.Fatalf("decline: %d", code)
	}
	if _, page := do(t, bw, "GET", ts.URL+"/mein-bereich", nil); strings.Contains(page, "KI-Leitlinien") {
		t.Errorf("the declined registration is still in BW's co-applications to confirm: %s", page)
	}
	he := client(t, ts, "hessen")
	if _, page := do(t, he, "GET", fmt.Sprintf("%s/anmeldungen/%d", ts.URL, item), nil); strings.Contains(page, "Es fehlen noch Antworten") || strings.Contains(page, "Der Antrag reicht") {
		t.Errorf("Hessen's declined registration still waits for answers: %s", between(page, "<h1", "</form>"))
	}
}
