package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestDeclineReasonRefusesMarks: the reason a registration is declined
// with goes as typed to the registering office (its mail, its
// registration's page), which sees every word; "[[…]]" in it is refused at
// the field with the reason of every text that cannot black a passage out
// (model.Unmarked, PublicOnly's wording), the registration stays pending
// and nobody is notified. Before, "Doppelte Anmeldung … [[GEHEIM-R1
// interne Notiz]]" went verbatim into the mail and onto /anmeldungen/{id}.
// The same for the reason a FachMK's request (Anliegen) is declined with,
// which its office reads.
func TestDeclineReasonRefusesMarks(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	it := pendingRegistration(t, ts, st, client(t, ts, "hessen"), url.Values{"titel": {"Deutschland-Stack"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	const typed = "Doppelte Anmeldung [[GEHEIM-R1 interne Notiz]]"
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)},
		"entscheidung": {"ablehnen"}, "grund": {typed}})
	if code != http.StatusBadRequest {
		t.Fatalf("declined with a marked reason: %d, want 400", code)
	}
	reasonsAtFields(t, page, `id="anmeldungen-fehler"`, map[string]string{fmt.Sprintf("grund-%d", it.ID): "vertrauliche Passagen ([[…]]) gibt es hier nicht"})
	if !strings.Contains(between(page, fmt.Sprintf(`<input id="grund-%d"`, it.ID), ">"), `value="Doppelte Anmeldung [[GEHEIM-R1 interne Notiz]]"`) {
		t.Error("the refused reason is not kept as typed")
	}
	if got, _ := st.Item(ctx, it.ID); got.Status != model.ItemRegistered || got.DeclineReason != "" {
		t.Errorf("after the refusal: %s %q", got.Status, got.DeclineReason)
	}
	if list, _, _ := st.Notifications(ctx, store.OutboxFilter{Event: model.EventRegistrationDecided}); len(list) != 0 {
		t.Errorf("a refused decline notified: %+v", list)
	}
	// Without the marks it is declined.
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)},
		"entscheidung": {"ablehnen"}, "grund": {"Doppelte Anmeldung"}}); code != http.StatusSeeOther {
		t.Errorf("declined: %d", code)
	}

	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	id, err := st.SubmitRequest(ctx, model.Request{ConferenceID: fmk.ID, Title: "Grundsteuer digital", SubmittedBy: "fmk", Via: "FachMK-Geschäftsstelle"})
	if err != nil {
		t.Fatal(err)
	}
	q, _ := st.Request(ctx, id)
	code, page = do(t, gs, "POST", fmt.Sprintf("%s/anliegen/%d/status", ts.URL, id), url.Values{"status": {"abgelehnt"}, "version": {fmt.Sprint(q.Version)},
		"begruendung": {"Thema der AL-Runde [[laut BMI]]"}})
	if code != http.StatusBadRequest {
		t.Fatalf("a request declined with a marked reason: %d, want 400", code)
	}
	reasonsAtFields(t, page, `id="anliegen-fehler"`, map[string]string{"an-begruendung": "Die Begründung sieht die FachMK-Geschäftsstelle; vertrauliche Passagen ([[…]]) gibt es hier nicht"})
	if got, _ := st.Request(ctx, id); got.Status == model.RequestDeclined {
		t.Error("the request was declined with a marked reason")
	}
}

// TestRequestTitleInTheTabAsOnThePage: the tab title of a request's page
// said "[geschwärzt]" where the heading shows the marked passage to the
// same reader; both give the text as that reader sees it.
func TestRequestTitleInTheTabAsOnThePage(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	id, err := st.SubmitRequest(ctx, model.Request{ConferenceID: fmk.ID, Title: "Grundsteuer " + model.Redact("nach BMI") + " digital", SubmittedBy: "fmk", Via: "FachMK-Geschäftsstelle"})
	if err != nil {
		t.Fatal(err)
	}
	_, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", fmt.Sprintf("%s/anliegen/%d", ts.URL, id), nil)
	if title := between(page, "<title>", "</title>"); !strings.Contains(title, "Grundsteuer nach BMI digital") || strings.Contains(title, model.RedactedPlaceholder) {
		t.Errorf("tab title %q, the heading shows the passage", title)
	}
}
