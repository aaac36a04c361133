package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestRefusedBriefingKeepsTheForm: a new briefing, a new version and a key
// message that gremium refuses come back as the form, as typed (title,
// FachMK, ticked key messages, guiding questions, date, text), 422, with
// every reason at its field and all of them linked above the form; the
// date's reason asks for no format on a date picker. Before, the error
// page "Eingabe nicht möglich" (400) gave one reason and lost the rest of
// what was typed.
func TestRefusedBriefingKeepsTheForm(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	kms, err := st.KeyMessages(ctx)
	if err != nil || len(kms) == 0 {
		t.Fatal("no key messages", err)
	}
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	bs, _ := st.Briefings(ctx, fmk.ID)
	if len(bs) == 0 {
		t.Fatal("no FMK briefing")
	}
	kb := fmt.Sprint(kms[0].ID)
	gs := client(t, ts, "geschaeftsstelle")
	checkField := func(what, page, id string) {
		t.Helper()
		if !strings.Contains(page, `id="`+id+`-fehler"`) || !strings.Contains(page, `href="#`+id+`"`) {
			t.Errorf("%s: no reason at %s, or not linked above the form", what, id)
		}
		if !strings.Contains(page, `aria-describedby="`+id+`-fehler"`) {
			t.Errorf("%s: field %s not marked", what, id)
		}
	}

	// A new briefing.
	form := url.Values{"titel": {""}, "fachmk": {"FMK"}, "kernbotschaft": {kb}, "leitfragen": {"Welche Frage zuerst?"},
		"seit": {"2026-13-45"}, "inhalt": {"Inhalt [[offen"}}
	code, page := do(t, gs, "POST", ts.URL+"/briefings", form)
	if code != http.StatusUnprocessableEntity {
		t.Errorf("new briefing: %d, want 422", code)
	}
	for _, id := range []string{"br-titel", "br-inhalt", "br-seit"} {
		checkField("new briefing", page, id)
	}
	for _, want := range []string{`<option value="FMK" selected>`, `id="br-kb-` + kb + `" name="kernbotschaft" value="` + kb + `" checked`,
		"Welche Frage zuerst?", `value="2026-13-45"`, "Inhalt [[offen"} {
		if !strings.Contains(page, want) {
			t.Errorf("new briefing: the form lacks %q", want)
		}
	}
	if strings.Contains(page, "TT.MM.JJJJ") {
		t.Error("new briefing: the date picker's reason asks for TT.MM.JJJJ")
	}

	// A new version.
	form = url.Values{"version": {"1"}, "kernbotschaft": {kb}, "leitfragen": {"Welche Frage zuerst?"}, "seit": {"2026-13-45"}, "inhalt": {"Neu [[offen"}}
	code, page = do(t, gs, "POST", fmt.Sprintf("%s/briefings/%d", ts.URL, bs[0].ID), form)
	if code != http.StatusUnprocessableEntity {
		t.Errorf("new version: %d, want 422", code)
	}
	for _, id := range []string{"bf-inhalt", "bf-seit"} {
		checkField("new version", page, id)
	}
	for _, want := range []string{`id="bf-kb-` + kb + `" name="kernbotschaft" value="` + kb + `" checked`, "Welche Frage zuerst?", `value="2026-13-45"`, "Neu [[offen"} {
		if !strings.Contains(page, want) {
			t.Errorf("new version: the form lacks %q", want)
		}
	}

	// A key message, new and changed.
	code, page = do(t, gs, "POST", ts.URL+"/kernbotschaften", url.Values{"version": {"0"}, "titel": {""}, "text": {"Text [[offen"}})
	if code != http.StatusUnprocessableEntity {
		t.Errorf("new key message: %d, want 422", code)
	}
	for _, id := range []string{"kb-titel", "kb-text"} {
		checkField("new key message", page, id)
	}
	if !strings.Contains(page, "Text [[offen") {
		t.Error("new key message: the text is lost")
	}
	code, page = do(t, gs, "POST", ts.URL+"/kernbotschaften", url.Values{"id": {kb}, "version": {fmt.Sprint(kms[0].Version)}, "titel": {""}, "text": {"Geändert [[offen"}})
	if code != http.StatusUnprocessableEntity {
		t.Errorf("changed key message: %d, want 422", code)
	}
	for _, id := range []string{"kb-titel-" + kb, "kb-text-" + kb} {
		checkField("changed key message", page, id)
	}
	if !strings.Contains(page, "Geändert [[offen") {
		t.Error("changed key message: the text is lost")
	}
}
