package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestRegistrationSaysWhatBecameOfIt: a member office's registration page
// said "angenommen" after the session as before it, whatever the session
// made of the item. Once the session is held it says what became of it:
// the decision taken (with its number, linked, and its result), the
// proposal rejected, the item deferred (to which session, and why), the
// proposal not decided, the item dealt with without a decision, a
// registration the secretariat did not take up. Before the session ends
// it says nothing of the kind. A co-applicant reads the same.
func TestRegistrationSaysWhatBecameOfIt(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, _ := runningSession(t, st, model.KindDecision)
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sections, _ := st.Sections(ctx, council.ID)
	if _, err := st.PlanSession(ctx, model.Session{BodyID: council.ID, Number: 49, Date: model.NewDate(2026, 6, 18), Status: model.StatusPlanned}, itplr.StandardItems(49, sections)); err != nil {
		t.Fatal(err)
	}
	item := func(title string, goal model.Goal, status model.ItemStatus, pos int) int64 {
		t.Helper()
		id, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: fmt.Sprint(pos), Title: title, Goal: goal, Position: 10 + pos, Status: status, RegisteredBy: "HE"})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	proposal := func(it int64, title string) int64 {
		t.Helper()
		d, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: sid, ItemID: it, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
			Title: title, Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt " + title + "."}}, Applicants: []string{"Bund"}})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	adopted := item("Cloud-Strategie", model.GoalDecision, model.ItemAccepted, 6)
	adoptUnanimously(t, st, sid, proposal(adopted, "Cloud-Strategie"))
	rejected := item("Registermodernisierung", model.GoalDecision, model.ItemAccepted, 7)
	if _, err := st.RecordShowOfHands(ctx, sid, proposal(rejected, "Registermodernisierung"), everyVoter(model.VoteNo)); err != nil {
		t.Fatal(err)
	}
	undecided := item("Datenlabore", model.GoalDecision, model.ItemAccepted, 8)
	proposal(undecided, "Datenlabore")
	noted := item("Bericht der FITKO", model.GoalNoting, model.ItemAccepted, 9)
	pending := item("Nachzügler", model.GoalNoting, model.ItemRegistered, 10)
	deferred := item("Portalverbund", model.GoalDecision, model.ItemAccepted, 11)
	it, _ := st.Item(ctx, deferred)
	if _, _, err := st.DeferItem(ctx, store.Deferral{ItemID: deferred, Version: it.Version, Target: 49, Reason: "Unterlagen fehlen"}); err != nil {
		t.Fatal(err)
	}
	he := client(t, ts, "hessen")
	page := func(id int64) string {
		t.Helper()
		_, body := do(t, he, "GET", fmt.Sprintf("%s/anmeldungen/%d", ts.URL, id), nil)
		return between(body, "<main", "</main>")
	}
	if body := page(adopted); strings.Contains(body, "Ergebnis in der") {
		t.Errorf("the outcome is told before the session ended:\n%s", body)
	}
	se, _ := st.Session(ctx, sid)
	if err := st.SetSessionStatus(ctx, sid, se.Version, model.StatusEnded); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		id   int64
		want []string
	}{
		{adopted, []string{"Ergebnis in der 48. Sitzung", `Der Beschluss <a href="/beschluesse/B-2026/01-IT">B-2026/01-IT</a> ist gefasst`, "einstimmig"}},
		{rejected, []string{"Der Beschlussvorschlag ist abgelehnt", "Ergebnis:"}},
		{undecided, []string{"Über den Beschlussvorschlag wurde in der Sitzung nicht entschieden."}},
		{noted, []string{"Der Tagesordnungspunkt wurde in der Sitzung behandelt (Ziel: Kenntnisnahme); ein Beschluss war nicht beantragt."}},
		{pending, []string{"Die Geschäftsstelle hat die Anmeldung nicht in die Tagesordnung aufgenommen; die Sitzung hat ohne sie stattgefunden."}},
		{deferred, []string{`Vertagt auf die <a href="/sitzungen/49">49. Sitzung</a>`, "Grund: Unterlagen fehlen"}},
	} {
		body := page(tc.id)
		for _, want := range tc.want {
			if !strings.Contains(body, want) {
				t.Errorf("registration %d lacks %q:\n%s", tc.id, want, between(body, "Stand:", "</dl>"))
			}
		}
	}
	// "Mein Bereich" says the same in its list of the office's
	// registrations (it said "angenommen" after the session as before).
	_, mine := do(t, he, "GET", ts.URL+"/mein-bereich", nil)
	list := between(mine, `id="h-anmeldungen"`, "</section>")
	for _, want := range []string{`Der Beschluss <a href="/beschluesse/B-2026/01-IT">B-2026/01-IT</a> ist gefasst.`,
		`Vertagt auf die <a href="/sitzungen/49">49. Sitzung</a>.`, "Über den Beschlussvorschlag wurde in der Sitzung nicht entschieden."} {
		if !strings.Contains(list, want) {
			t.Errorf("Mein Bereich's list of registrations lacks %q:\n%s", want, list)
		}
	}
	// A co-applicant (the Bund, named among the proposal's applicants)
	// reads the same on its read-only page of the registration.
	_, body := do(t, client(t, ts, "bund"), "GET", fmt.Sprintf("%s/anmeldungen/%d", ts.URL, adopted), nil)
	if !strings.Contains(body, "<h1>Mitantrag") || !strings.Contains(body, `Der Beschluss <a href="/beschluesse/B-2026/01-IT">B-2026/01-IT</a> ist gefasst`) {
		t.Errorf("the co-applicant's page of the registration does not say what became of it:\n%s", between(body, "<main", "</main>"))
	}
}
