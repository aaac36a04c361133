package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/model"
)

// waiverVersion gives the version the form "Nachbesprechung entfällt" (or
// its withdrawal) on the debrief page posts; "" when the page has neither.
func waiverVersion(page string) string {
	m := regexp.MustCompile(`action="/sitzungen/\d+/nachbesprechung/entfaellt(?:/zuruecknehmen)?" class="form">\s*<input type="hidden" name="version" value="(\d+)"`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return m[1]
}

// owedIn gives the secretariat's list "Nachbesprechungen fällig" on its
// "Mein Bereich".
func owedIn(t *testing.T, c *http.Client, base string) string {
	t.Helper()
	_, page := do(t, c, "GET", base+"/mein-bereich", nil)
	return between(page, `id="h-nachbesprechung"`, "</section>")
}

// TestDebriefWaiverForm: the secretariat notes on the debrief page that the
// 47th session needs no debrief ("Nachbesprechung entfällt"), with a
// reason. Before, a debrief not sent stayed on "Nachbesprechungen fällig"
// for good, even when the secretariat had decided none was needed. A
// reason missing or too long is refused with the error box above and the
// reason at its field, the text typed kept; the note shows since when,
// who and why, and takes the session off "Mein Bereich" — held, and once
// its minutes are approved; a form opened before the note saves nothing;
// the note is withdrawn (its version checked) and the session is owed
// again, its debrief proposed as before.
func TestDebriefWaiverForm(t *testing.T) {
	ts, st := debriefServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	const path = "/sitzungen/47/nachbesprechung"
	const reason = "Beide Beschlüsse wurden in den Fachministerkonferenzen bereits vorgestellt."

	_, page := do(t, gs, "GET", ts.URL+path, nil)
	form := between(page, `id="nb-entfaellt"`, "</section>")
	for _, want := range []string{`action="/sitzungen/47/nachbesprechung/entfaellt"`, `<label for="nb-grund">Grund</label>`, `id="nb-grund-hinweis"`,
		`aria-describedby="nb-grund-hinweis"`, `maxlength="500"`, "Nachbesprechung entfällt</button>"} {
		if !strings.Contains(form, want) {
			t.Errorf("the form „Nachbesprechung entfällt“ lacks %s:\n%s", want, form)
		}
	}
	if !strings.Contains(owedIn(t, gs, ts.URL), "Nachbesprechung der 47. Sitzung") {
		t.Fatal("the debrief of the 47th session is not owed to begin with")
	}
	version := waiverVersion(page)
	if version == "" {
		t.Fatal("the waiver form posts no version")
	}
	// The rows of the debrief form as shown now, for a save posted after
	// the note (a form left open in another window).
	stale := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Einladung"}}
	for _, m := range regexp.MustCompile(`name="zeile" value="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		stale.Add("zeile", m[1])
		stale.Set("aufnehmen-"+m[1], "1")
	}

	// Refused: no reason, a reason too long — the text typed is kept.
	for _, c := range []struct{ typed, says string }{
		{"   ", "Bitte einen Grund angeben"},
		{strings.Repeat("Zu lang. ", 60), "höchstens 500 sind möglich"},
	} {
		code, page := do(t, gs, "POST", ts.URL+path+"/entfaellt", url.Values{"grund": {c.typed}, "version": {version}})
		if code != http.StatusBadRequest {
			t.Errorf("reason %q: %d, want 400", c.typed, code)
		}
		box := between(page, `id="nb-entfaellt-fehler"`, "</div>")
		if !strings.Contains(box, c.says) || !strings.Contains(box, `href="#nb-grund"`) {
			t.Errorf("the error box of reason %q:\n%s", c.typed, box)
		}
		field := between(page, `<textarea id="nb-grund"`, "</textarea>")
		if !strings.Contains(field, `aria-invalid="true"`) || !strings.Contains(field, `aria-describedby="nb-grund-hinweis nb-grund-fehler"`) ||
			!strings.Contains(field, strings.TrimSpace(c.typed)) {
			t.Errorf("the reason's field after refusing %q:\n%s", c.typed, field)
		}
		if !strings.Contains(page, `id="nb-grund-fehler"`) || !strings.Contains(page, `name="einladung"`) {
			t.Error("the refused page lacks the reason at the field or the debrief form")
		}
		for _, p := range wellFormedProblems(page) {
			t.Errorf("refused page: %s", p)
		}
	}
	if !strings.Contains(owedIn(t, gs, ts.URL), "47. Sitzung") {
		t.Error("a refused note took the debrief off Mein Bereich")
	}

	// Noted.
	if code, body := do(t, gs, "POST", ts.URL+path+"/entfaellt", url.Values{"grund": {reason}, "version": {version}}); code != http.StatusSeeOther {
		t.Fatalf("note the debrief as not needed: %d\n%s", code, between(body, "<main", "</main>"))
	}
	_, page = do(t, gs, "GET", ts.URL+path, nil)
	state := between(page, `id="nb-entfaellt-stand"`, "</p>")
	if want := "Entfällt seit 01.07.2025, 09:00 Uhr (vermerkt von Konto geschaeftsstelle) – Grund: " + reason; !strings.Contains(state, want) {
		t.Errorf("the note reads %q, want %q", state, want)
	}
	if strings.Contains(page, `name="einladung"`) || strings.Contains(page, `action="/sitzungen/47/nachbesprechung/entfaellt"`) ||
		!strings.Contains(page, `action="/sitzungen/47/nachbesprechung/entfaellt/zuruecknehmen"`) || !strings.Contains(page, "Vermerk zurücknehmen") {
		t.Error("the noted debrief's page shows the forms to save and to note, or no withdrawal")
	}
	for _, p := range wellFormedProblems(page) {
		t.Errorf("noted page: %s", p)
	}
	if owed := owedIn(t, gs, ts.URL); strings.Contains(owed, "47. Sitzung") {
		t.Errorf("Mein Bereich still lists the debrief noted as not needed:\n%s", owed)
	}
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	for _, next := range []model.SessionStatus{model.StatusMinutesDraft, model.StatusMinutesApproved} {
		if s47.Status == next {
			continue
		}
		if err := st.SetSessionStatus(ctx, s47.ID, s47.Version, next); err != nil {
			t.Fatal(err)
		}
		s47, _ = st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	}
	if owed := owedIn(t, gs, ts.URL); strings.Contains(owed, "47. Sitzung") {
		t.Errorf("once the minutes are approved Mein Bereich lists the debrief noted as not needed:\n%s", owed)
	}

	// A form opened before the note saves nothing, and says why.
	for _, to := range []string{path, path + "/versenden"} {
		code, page := do(t, gs, "POST", ts.URL+to, stale)
		if code != http.StatusUnprocessableEntity || !strings.Contains(between(page, `id="nb-fehler"`, "</div>"), "Vermerk „Nachbesprechung entfällt“ zurück") {
			t.Errorf("POST %s while noted: %d\n%s", to, code, between(page, "<main", "</main>"))
		}
	}
	if _, err := st.DebriefOfSession(ctx, s47.ID); err == nil {
		t.Error("a form posted while the note stands saved the debrief")
	}

	// Withdrawn: a stale version is refused, the right one makes it owed.
	noted := waiverVersion(page)
	if code, page := do(t, gs, "POST", ts.URL+path+"/entfaellt/zuruecknehmen", url.Values{"version": {version}}); code != http.StatusConflict ||
		!strings.Contains(between(page, `id="nb-entfaellt-fehler"`, "</div>"), "nicht zurückgenommen") {
		t.Errorf("withdrawing with the version before the note: %d\n%s", code, between(page, "<main", "</main>"))
	}
	if code, _ := do(t, gs, "POST", ts.URL+path+"/entfaellt/zuruecknehmen", url.Values{"version": {noted}}); code != http.StatusSeeOther {
		t.Fatalf("withdraw the note: %d", code)
	}
	_, page = do(t, gs, "GET", ts.URL+path, nil)
	if strings.Contains(page, `id="nb-entfaellt-stand"`) || !strings.Contains(page, "Noch nicht gespeichert – Vorschlag.") ||
		!strings.Contains(page, "B-2025/26-IT") || !strings.Contains(page, "B-2025/27-IT") || !strings.Contains(page, `action="/sitzungen/47/nachbesprechung/entfaellt"`) {
		t.Errorf("after the withdrawal the page is not the proposal with the form to note:\n%s", between(page, "<main", "</main>"))
	}
	if owed := owedIn(t, gs, ts.URL); !strings.Contains(owed, "Nachbesprechung der 47. Sitzung") || !strings.Contains(owed, "noch nicht zusammengestellt") {
		t.Errorf("after the withdrawal Mein Bereich does not list the debrief as owed:\n%s", owed)
	}
}

// TestDebriefWaiverReaders: the spokespersons and the FachMK secretariats
// read of a debrief noted as not needed only that none takes place — not
// the secretariat's reason, not the decisions, no PDF — whether the
// debrief was saved or not; withdrawn, they read it as before.
func TestDebriefWaiverReaders(t *testing.T) {
	ts, st := debriefServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	readers := map[string]*http.Client{"sprecher-hb": client(t, ts, "sprecher-hb"), "fmk-geschaeftsstelle": client(t, ts, "fmk-geschaeftsstelle")}
	assessFMKAndWMK(t, ts, st, gs)
	const path = "/sitzungen/47/nachbesprechung"
	const reason = "Vertraulich: Die FMK hat die Vorstellung abgelehnt."
	readNothing := func(when string) {
		t.Helper()
		for name, c := range readers {
			code, page := do(t, c, "GET", ts.URL+path, nil)
			main := between(page, "<main", "</main>")
			if code != http.StatusOK || !strings.Contains(main, "Für diese Sitzung findet keine Nachbesprechung statt.") {
				t.Errorf("%s, %s: %d, the page does not say that no debrief takes place:\n%s", when, name, code, main)
			}
			for _, lack := range []string{"Vertraulich", "abgelehnt", "B-2025/27-IT", "10.07.2025", "geschaeftsstelle"} {
				if strings.Contains(main, lack) {
					t.Errorf("%s, %s reads %q", when, name, lack)
				}
			}
			for _, p := range wellFormedProblems(page) {
				t.Errorf("%s, %s: %s", when, name, p)
			}
			if code, body := do(t, c, "GET", ts.URL+path+".pdf", nil); code != http.StatusNotFound || strings.Contains(body, "Vertraulich") {
				t.Errorf("%s, %s opens the PDF: %d", when, name, code)
			}
			if code, _ := do(t, c, "POST", ts.URL+path+"/entfaellt/zuruecknehmen", url.Values{"version": {"1"}}); code != http.StatusForbidden {
				t.Errorf("%s, %s withdraws the note: %d", when, name, code)
			}
		}
	}
	note := func() {
		t.Helper()
		_, page := do(t, gs, "GET", ts.URL+path, nil)
		if code, _ := do(t, gs, "POST", ts.URL+path+"/entfaellt", url.Values{"grund": {reason}, "version": {waiverVersion(page)}}); code != http.StatusSeeOther {
			t.Fatalf("note: %d", code)
		}
	}
	withdraw := func() {
		t.Helper()
		_, page := do(t, gs, "GET", ts.URL+path, nil)
		if code, _ := do(t, gs, "POST", ts.URL+path+"/entfaellt/zuruecknehmen", url.Values{"version": {waiverVersion(page)}}); code != http.StatusSeeOther {
			t.Fatalf("withdraw: %d", code)
		}
	}
	for name, c := range readers {
		if code, _ := do(t, c, "POST", ts.URL+path+"/entfaellt", url.Values{"grund": {"x"}}); code != http.StatusForbidden {
			t.Errorf("%s notes the debrief as not needed: %d", name, code)
		}
	}
	note()
	readNothing("noted before it was saved")
	withdraw()
	save := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Einladung"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}, "aufnehmen_1": {"1"}, "vorstellung_1": {"HE"}}
	if code, _ := postDebrief(t, gs, ts.URL+path, save); code != http.StatusSeeOther {
		t.Fatalf("save the debrief after the withdrawal: %d", code)
	}
	if _, page := do(t, readers["sprecher-hb"], "GET", ts.URL+path, nil); !strings.Contains(page, "B-2025/27-IT") || strings.Contains(page, "keine Nachbesprechung statt") {
		t.Error("the spokesperson does not read the saved debrief once the note is withdrawn")
	}
	due := func() string {
		t.Helper()
		_, page := do(t, readers["sprecher-hb"], "GET", ts.URL+"/mein-bereich", nil)
		return between(page, "Was ansteht", "</section>")
	}
	if !strings.Contains(due(), "Nachbesprechung der 47. Sitzung") {
		t.Errorf("the spokesperson's „Was ansteht“ does not list the saved debrief:\n%s", due())
	}
	note()
	readNothing("noted once saved")
	// "Was ansteht" of the spokesperson listed the saved debrief although
	// it does not take place.
	if strings.Contains(due(), "Nachbesprechung der 47. Sitzung") {
		t.Errorf("the spokesperson's „Was ansteht“ lists a debrief that does not take place:\n%s", due())
	}
}

// TestDebriefWaiverAfterSending: a debrief whose invitation is sent has no
// form "Nachbesprechung entfällt", and a note posted all the same is
// refused with the reason (the invitation went out; gremium cannot call
// it off), nothing noted.
func TestDebriefWaiverAfterSending(t *testing.T) {
	ts, st := debriefServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	s47, _ := sentDebriefOf47(t, st)
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	if strings.Contains(page, `action="/sitzungen/47/nachbesprechung/entfaellt"`) {
		t.Error("the page of a sent debrief offers to note it as not needed")
	}
	db, err := st.DebriefOfSession(context.Background(), s47.ID)
	if err != nil {
		t.Fatal(err)
	}
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung/entfaellt", url.Values{"grund": {"Doch nicht nötig"}, "version": {fmt.Sprint(db.Version)}})
	box := between(page, `id="nb-entfaellt-fehler"`, "</div>")
	if code != http.StatusUnprocessableEntity || !strings.Contains(box, "bereits versandt") || strings.Contains(box, "href=") {
		t.Errorf("noting a sent debrief: %d\n%s", code, box)
	}
	if w, _, err := st.DebriefWaiverOf(context.Background(), s47.ID); err != nil || w.Set() {
		t.Errorf("the refused note stands: %+v %v", w, err)
	}
}
