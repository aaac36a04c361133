package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gremium/internal/model"
)

// endForm is the form "Sitzung beenden" of the management page for se as
// sent with its confirmation ticked (sitzung_beendet); a test of the end
// refused for open proposals or an open vote adds or removes from it.
func endForm(se model.Session) url.Values {
	return url.Values{"version": {fmt.Sprint(se.Version)}, "naechster": {string(model.StatusEnded)}, "sitzung_beendet": {"ja"}}
}

// endSession ticks the confirmation of "Sitzung beenden" on the
// management page of session number, which the browser shows, and sends
// the form.
func (b *browserRun) endSession(number int) {
	b.t.Helper()
	b.run("confirm the end", chromedp.Click("#sitzung-beendet-ok", chromedp.ByID))
	b.submit(fmt.Sprintf("end %d", number), fmt.Sprintf(`form[action="/sitzungen/%d/status"]`, number))
}

// TestEndingAsksForConfirmation: "Sitzung beenden" ended the session with
// one click, after which it takes no vote, no request to speak and no call
// of an item. The form now has a required checkbox; sent without it (no
// browser check: an old page, a script), the end is refused at the field
// through the box above the form, and the session stays as it was.
func TestEndingAsksForConfirmation(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := runSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	form := between(page, `<form method="post" action="/sitzungen/48/status"`, "</form>")
	if !strings.Contains(form, `<input type="checkbox" id="sitzung-beendet-ok" name="sitzung_beendet" value="ja" required><label for="sitzung-beendet-ok">Die Sitzung ist zu Ende: Danach ist keine Abstimmung`) ||
		!strings.Contains(form, `Sitzung beenden</button>`) {
		t.Errorf("the form that ends the session asks for no confirmation: %s", form)
	}
	unconfirmed := endForm(se)
	unconfirmed.Del("sitzung_beendet")
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", unconfirmed)
	if code != http.StatusUnprocessableEntity {
		t.Errorf("ending without the confirmation: %d, want 422", code)
	}
	const box = `<div class="error-box" role="alert" id="status-fehler" tabindex="-1"><p>Die Sitzung ist nicht beendet:</p>`
	if !strings.Contains(page, box) {
		t.Errorf("no shared box above the form: %s", between(page, `id="h-status"`, "</form>"))
	}
	want := map[string]string{"sitzung-beendet-ok": "Bitte bestätigen Sie, dass die Sitzung zu Ende ist"}
	reasonsAtFields(t, page, box, want)
	reasonsLinked(t, page, box, want)
	summaryLinksResolve(t, page, box)
	refusedTitle(t, page)
	if strings.Contains(between(page, box, "</div>"), "Ihre Eingabe") {
		t.Error("the box says the form shows the input; the status form has nothing typed")
	}
	if now, _ := st.Session(ctx, se.ID); now.Status != model.StatusRunning || now.Version != se.Version {
		t.Fatalf("the refused end changed the session: %s, version %d (was %d)", now.Status, now.Version, se.Version)
	}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", endForm(se)); code != http.StatusSeeOther {
		t.Fatalf("ending with the confirmation: %d %s", code, between(body, `id="h-status"`, "</section>"))
	}
	if now, _ := st.Session(ctx, se.ID); now.Status != model.StatusEnded {
		t.Errorf("the confirmed end left the session %s", now.Status)
	}
}

// sharedBoxOnManage checks that the management page shows the box id in
// the shared "error-summary" (role, focus target, what did not happen,
// the reasons listed, every link leading to the page) and gives the box.
func sharedBoxOnManage(t *testing.T, code int, page, id, what string) string {
	t.Helper()
	open := `<div class="error-box" role="alert" id="` + id + `" tabindex="-1"><p>` + what + `:</p>` + "\n<ul><li>"
	if code < 400 || code >= 500 || !strings.Contains(page, open) {
		t.Errorf("%d, no shared box %q „%s:“: %s", code, id, what, between(page, `class="error-box"`, "</div>"))
		return ""
	}
	if n := strings.Count(page, `id="`+id+`"`); n != 1 {
		t.Errorf("%d elements with the id %s", n, id)
	}
	summaryLinksResolve(t, page, open)
	return between(page, open, "</div>")
}

// TestManageBoxesAreTheSharedSummary: the management page wrote the boxes
// above its refused forms by hand — the status step's, an agenda row's, the
// agenda's, a refused decline's, the upload's — without focus target,
// the reasons joined into one sentence, linked to no field (the decline's
// all to one). Each is now the shared "error-summary" under its id, every
// reason linked to the field the page shows it at, and "Das Formular zeigt
// Ihre Eingabe." only where the form shows what was typed.
func TestManageBoxesAreTheSharedSummary(t *testing.T) {
	t.Run("status", func(t *testing.T) {
		ts, st := cycleServer(t)
		planSession48(t, ts, st)
		gs := client(t, ts, "geschaeftsstelle")
		code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", sessionVersion(t, st, 48))
		box := sharedBoxOnManage(t, code, page, "status-fehler", "Die Tagesordnung ist nicht veröffentlicht")
		if !strings.Contains(box, `<a href="#ohne-nummer-ok">`) || strings.Contains(box, "Ihre Eingabe") {
			t.Errorf("the box does not link the reason to the confirmation: %s", box)
		}
	})
	t.Run("agenda row", func(t *testing.T) {
		ts, st := cycleServer(t)
		s48, _ := planSession48(t, ts, st)
		items, _ := st.Items(context.Background(), s48.ID)
		it := items[0]
		gs := client(t, ts, "geschaeftsstelle")
		code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "nummer": {it.Number}, "titel": {" "}})
		id := fmt.Sprintf("top-%d-fehler", it.ID)
		box := sharedBoxOnManage(t, code, page, id, "Der TOP ist nicht gespeichert")
		if !strings.Contains(box, fmt.Sprintf(`<a href="#titel-%d">`, it.ID)) || !strings.Contains(box, "Das Formular zeigt Ihre Eingabe.") {
			t.Errorf("the row's box: %s", box)
		}
		if !strings.Contains(between(page, fmt.Sprintf(`id="titel-%d"`, it.ID), ">"), `aria-invalid="true" aria-describedby="`+id+`"`) {
			t.Errorf("the title is not marked: %s", between(page, fmt.Sprintf(`id="titel-%d"`, it.ID), ">"))
		}
	})
	t.Run("held agenda", func(t *testing.T) {
		ts, st := cycleServer(t)
		ctx := context.Background()
		se, it, _ := dayOf48(t, ts, st)
		if err := st.SetSessionStatus(ctx, se.ID, se.Version, model.StatusEnded); err != nil {
			t.Fatal(err)
		}
		gs := client(t, ts, "geschaeftsstelle")
		code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/verschieben", ts.URL, it.ID), url.Values{"richtung": {"hoch"}, "version": {fmt.Sprint(it.Version)}})
		box := sharedBoxOnManage(t, code, page, "tagesordnung-fehler", "Der TOP ist nicht verschoben")
		if !strings.Contains(box, "hat stattgefunden") || strings.Contains(box, "href=") || strings.Contains(box, "Ihre Eingabe") {
			t.Errorf("the agenda's box: %s", box)
		}
	})
	t.Run("decline", func(t *testing.T) {
		ts, st := cycleServer(t)
		gs := client(t, ts, "geschaeftsstelle")
		it := pendingRegistration(t, ts, st, client(t, ts, "hessen"), url.Values{"titel": {"Deutschland-Stack"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
		code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)},
			"entscheidung": {"ablehnen"}, "grund": {"Doppelt [[intern]]"}})
		box := sharedBoxOnManage(t, code, page, "anmeldungen-fehler", "Die Anmeldung ist nicht abgelehnt")
		if !strings.Contains(box, fmt.Sprintf(`<a href="#grund-%d">`, it.ID)) || !strings.Contains(box, "Das Formular zeigt Ihre Eingabe.") {
			t.Errorf("the decline's box: %s", box)
		}
	})
	t.Run("upload", func(t *testing.T) {
		ts, st := cycleServer(t)
		planSession48(t, ts, st)
		code, page := uploadTo(t, client(t, ts, "geschaeftsstelle"), ts.URL+"/sitzungen/48/dokumente", map[string]string{"art": "bericht", "top": "drei"}, "falsch.pdf", []byte("kein pdf"))
		box := sharedBoxOnManage(t, code, page, "hochladen-fehler", "Das Dokument ist nicht hochgeladen")
		if !strings.Contains(box, `<a href="#datei">`) || !strings.Contains(box, `<a href="#dok-top">`) || strings.Contains(box, "Ihre Eingabe") {
			t.Errorf("the upload's box: %s", box)
		}
	})
}
