package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// storedText gives everything the store holds for the council's sessions
// 47 and 48 and its decisions, internal version, for a search.
func storedText(t *testing.T, st *store.Store) string {
	t.Helper()
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	var b strings.Builder
	for _, n := range []int{47, 48} {
		se, err := st.SessionByNumber(ctx, itplr.ID, n)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := minutes.Load(ctx, st, se.ID, model.Internal)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%+v", doc)
		for _, it := range doc.Items() {
			for _, r := range it.Rows {
				if r.Decision != nil {
					fmt.Fprintf(&b, "%+v", *r.Decision)
				}
			}
		}
	}
	ds, err := st.Decisions(ctx, store.DecisionFilter{BodyID: itplr.ID})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "%+v", ds)
	return b.String()
}

// TestFormsRefuseUnbalancedMarks posts nested and unbalanced [[…]] in every
// form that takes confidential passages: each answer is the German reason,
// and nothing is stored. Balanced marks are stored as passages.
func TestFormsRefuseUnbalancedMarks(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"48"}, "datum": {"2025-11-20"}, "beginn": {"09:00"}, "ende": {"13:00"}, "ort": {"Berlin"}, "vorsitz": {"MV"}}); code != http.StatusSeeOther {
		t.Fatalf("create session 48: %d %s", code, body)
	}
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	top := items[1].ID
	drafts, err := st.Decisions(ctx, store.DecisionFilter{ItemID: top})
	if err != nil {
		t.Fatal(err)
	}
	// A draft to edit.
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/beschluesse", ts.URL, top), url.Values{"punkte": {"Entwurf."}, "antrag": {"Bund"}}); code != http.StatusSeeOther {
		t.Fatalf("add draft: %d %s", code, body)
	}
	after, _ := st.Decisions(ctx, store.DecisionFilter{ItemID: top})
	if len(after) != len(drafts)+1 {
		t.Fatalf("draft not stored")
	}
	var draft int64
	for _, d := range after {
		if d.Status == model.DecisionDraft && d.Points[0].Text == "Entwurf." {
			draft = d.ID
		}
	}
	nested := "Offen [[a [[b]] SECRET]] offen"
	unclosed := "Offen [[SECRET"
	stray := "SECRET]] offen"
	deadline := url.Values{"frist_datum": {"2099-01-01"}, "frist_zeit": {"12:00"}, "antrag": {"Bund"}}
	with := func(v url.Values, k, val string) url.Values {
		out := url.Values{}
		for kk, vv := range v {
			out[kk] = vv
		}
		out.Set(k, val)
		return out
	}
	registration := url.Values{"mitglied": {"Bund"}, "titel": {"Ein TOP"}, "ziel": {string(model.GoalDecision)}, "fachmk": {"keine"}, "beschlussvorschlag": {"Der Rat beschließt."}}
	tests := []struct {
		name, path string
		form       url.Values
		status     int
	}{
		{"contribution", fmt.Sprintf("/tops/%d/beitraege", top), url.Values{"sprecher": {"HE"}, "punkte": {"Erster Punkt\n" + nested}}, http.StatusBadRequest},
		{"contribution over two points", fmt.Sprintf("/tops/%d/beitraege", top), url.Values{"sprecher": {"HE"}, "punkte": {"[[SECRET\nSECRET]]"}}, http.StatusBadRequest},
		{"note", fmt.Sprintf("/tops/%d/notizen", top), url.Values{"autor": {"Hessen"}, "text": {unclosed}}, http.StatusBadRequest},
		{"remark", fmt.Sprintf("/tops/%d/vermerke", top), url.Values{"text": {stray}}, http.StatusBadRequest},
		{"follow-up", fmt.Sprintf("/tops/%d/auftraege", top), url.Values{"text": {nested}, "verantwortlich": {"FITKO"}}, http.StatusBadRequest},
		{"decision title", fmt.Sprintf("/tops/%d/beschluesse", top), url.Values{"titel": {nested}, "punkte": {"Punkt."}, "antrag": {"Bund"}}, http.StatusBadRequest},
		{"decision points", fmt.Sprintf("/tops/%d/beschluesse", top), url.Values{"punkte": {unclosed}, "antrag": {"Bund"}}, http.StatusBadRequest},
		{"draft title", fmt.Sprintf("/entwuerfe/%d", draft), url.Values{"titel": {stray}, "version": {"1"}}, http.StatusBadRequest},
		{"draft points", fmt.Sprintf("/entwuerfe/%d", draft), url.Values{"punkte": {nested}, "version": {"1"}}, http.StatusBadRequest},
		// The agenda row comes back as typed on its page, as a registration does.
		{"item title", fmt.Sprintf("/tops/%d", top), url.Values{"titel": {nested}, "version": {"1"}}, http.StatusUnprocessableEntity},
		{"registration title", "/sitzungen/48/anmeldung", with(registration, "titel", nested), http.StatusUnprocessableEntity},
		{"registration points", "/sitzungen/48/anmeldung", with(registration, "punkte", unclosed), http.StatusUnprocessableEntity},
		{"registration proposal", "/sitzungen/48/anmeldung", with(registration, "beschlussvorschlag", stray), http.StatusUnprocessableEntity},
		{"procedure title", "/umlaufverfahren", with(with(deadline, "punkte", "Punkt."), "titel", nested), http.StatusUnprocessableEntity},
		{"procedure points", "/umlaufverfahren", with(with(deadline, "titel", "Umlauf"), "punkte", stray), http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := do(t, gs, "POST", ts.URL+tt.path, tt.form)
			page := html.UnescapeString(body)
			if code != tt.status {
				t.Errorf("status %d, want %d: %s", code, tt.status, page)
			}
			if !strings.Contains(page, "Die Markierung vertraulicher Passagen ist unvollständig") && !strings.Contains(page, "dürfen nicht verschachtelt werden") {
				t.Errorf("no German reason in the answer: %s", page)
			}
			// Messages are whole sentences, not "Feld: Satz".
			for _, field := range []string{"Titel: ", "Unterpunkte: ", "Beschlussvorschlag: "} {
				if strings.Contains(page, field+"Die Markierung") || strings.Contains(page, field+"Vertrauliche") {
					t.Errorf("the reason is glued to a field label (%q): %s", field, page)
				}
			}
		})
	}
	if all := storedText(t, st); strings.Contains(all, "SECRET") {
		t.Errorf("a refused form was stored")
	}
	// Balanced marks are stored as passages.
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/notizen", ts.URL, top), url.Values{"autor": {"Hessen"}, "text": {"Offen [[über\nzwei Zeilen]] offen"}}); code != http.StatusSeeOther {
		t.Fatalf("balanced note: %d %s", code, body)
	}
	notes, _ := st.ProtocolNotes(ctx, top)
	if last := notes[len(notes)-1]; last.Text != "Offen ⟦über\nzwei Zeilen⟧ offen" {
		t.Errorf("note stored as %q", last.Text)
	}
}

// TestNestedMarksOnPublicPages: texts stored with nested, unclosed or stray
// marks (before the forms refused them, or imported) show nothing marked on
// the public session page and minutes.
func TestNestedMarksOnPublicPages(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	it := items[1]
	if _, err := st.CreateContribution(ctx, model.Contribution{ItemID: it.ID, Speaker: "HE", Points: []string{"Offen ⟦a ⟦b⟧ SECRET⟧ offen", "SECRET⟧ danach"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: it.ID, Author: "Hessen", Text: "Notiz ⟦⟦SECRET⟧ SECRET⟧ offen"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: it.ID, Text: "Auftrag ⟦a ⟦b⟧ SECRET⟧", Responsible: "FITKO", Status: model.FollowUpOpen}); err != nil {
		t.Fatal(err)
	}
	// An item as imported with such a title (a held session's items are
	// no longer renamed).
	if _, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: s47.ID, Number: "99", Title: it.Title + " ⟦x ⟦y⟧ SECRET⟧", Position: 99, Status: model.ItemAccepted}); err != nil {
		t.Fatal(err)
	}
	public := client(t, ts, "")
	for _, path := range []string{"/sitzungen/47", "/sitzungen/47/protokoll", "/sitzungen/47/protokoll.txt"} {
		t.Run(path, func(t *testing.T) {
			code, body := do(t, public, "GET", ts.URL+path, nil)
			if code != http.StatusOK {
				t.Fatalf("%d", code)
			}
			if strings.Contains(body, "SECRET") || strings.Contains(body, model.RedactClose) {
				t.Errorf("public page shows a confidential passage")
			}
			if !strings.Contains(body, "Offen [geschwärzt] offen") {
				t.Errorf("public page lacks the public part of the contribution")
			}
		})
	}
	// The internal version marks the nested passage as one.
	gs := client(t, ts, "geschaeftsstelle")
	_, body := do(t, gs, "GET", ts.URL+"/sitzungen/47/protokoll", nil)
	if !strings.Contains(body, `Offen `+markOpen+`a b SECRET`+markClose+` offen`) {
		t.Errorf("internal minutes do not mark the nested passage as one")
	}
}
