package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestMemberMovesRegistrationOfCancelledSession: Hessen's pending
// registration of the cancelled 48th, with Bayern's confirmed
// co-application, was to be withdrawn and registered again ("Mein
// Bereich", its page), which asked Bayern again. Now "Mein Bereich" leads
// to the form on its page, which offers the sessions that take
// registrations; a stale form and no choice are refused with the reason
// and move nothing; moved, the registration stands on the 49th's
// management page with Bayern's confirmation, late by the 49th's
// deadline, which the confirmation says. The secretariat moves one from
// the cancelled session's management page.
func TestMemberMovesRegistrationOfCancelledSession(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48 := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	s49 := planSessionOn(t, st, 49, model.BerlinDate(time.Now().AddDate(0, 0, 120)))
	planSessionOn(t, st, 50, model.BerlinDate(time.Now().AddDate(0, 0, 180)))
	s49.RegistrationDeadline = model.BerlinDate(time.Now().AddDate(0, 0, -1)) // set early, passed
	if err := st.UpdateSession(ctx, s49); err != nil {
		t.Fatal(err)
	}
	he, gs := client(t, ts, "hessen"), client(t, ts, "geschaeftsstelle")
	register := func(title string) model.AgendaItem {
		t.Helper()
		if code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {title}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
			"beschlussvorschlag": {"Der IT-Planungsrat beschließt " + title + "."}, "antrag": {"HE, BY, HH"}}); code != http.StatusSeeOther {
			t.Fatalf("registration: %d %s", code, between(page, "<main", "</main>"))
		}
		items, _ := st.Items(ctx, s48.ID)
		return items[len(items)-1]
	}
	it := register("Gemeinsames Register")
	other := register("Zweites Register")
	pending, err := st.PendingCoApplications(ctx, "BY")
	if err != nil || len(pending) != 2 {
		t.Fatalf("Bayern's co-applications: %+v %v", pending, err)
	}
	for _, c := range pending {
		if c.ItemID == it.ID {
			if _, err := st.DecideCoApplication(ctx, c.ID, "BY", model.CoConfirm, c.Fingerprint()); err != nil {
				t.Fatal(err)
			}
		}
	}
	se, _ := st.Session(ctx, s48.ID)
	if err := st.CancelSession(ctx, se.ID, se.Version, "Terminkollision"); err != nil {
		t.Fatal(err)
	}

	path := fmt.Sprintf("%s/anmeldungen/%d", ts.URL, it.ID)
	_, mine := do(t, he, "GET", ts.URL+"/mein-bereich", nil)
	regs := between(mine, `id="h-anmeldungen"`, "</section>")
	if !strings.Contains(regs, fmt.Sprintf(`href="/anmeldungen/%d#verlegen">in eine andere Sitzung verlegen`, it.ID)) || strings.Contains(regs, "neu anmelden") || strings.Contains(regs, "zurückziehen und") {
		t.Errorf("Mein Bereich does not lead to the move: %s", regs)
	}
	if _, sp := do(t, he, "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(between(sp, `id="h-meine"`, "</section>"), fmt.Sprintf(`href="/anmeldungen/%d#verlegen"`, it.ID)) {
		t.Errorf("the session page's own registrations do not lead to the move: %s", between(sp, `id="h-meine"`, "</section>"))
	}
	_, page := do(t, he, "GET", path, nil)
	form := between(page, `id="verlegen"`, "</form>")
	for _, want := range []string{fmt.Sprintf(`action="/anmeldungen/%d/verlegen"`, it.ID), fmt.Sprintf(`name="version" value="%d"`, it.Version),
		`<option value="49">49. Sitzung am ` + s49.Date.German() + ` (Anmeldeschluss ` + s49.RegistrationDeadline.German() + ` vorbei: verspätet)</option>`,
		`<option value="50">50. Sitzung am `} {
		if !strings.Contains(page, want) {
			t.Errorf("the registration's page lacks %s:\n%s", want, between(page, "<main", "</main>"))
		}
	}
	if strings.Contains(form, `value="48"`) || strings.Contains(form, `value="47"`) {
		t.Errorf("the form offers the cancelled or a held session: %s", form)
	}
	if !strings.Contains(between(page, `id="sitzung-abgesagt"`, "</p>"), "verlegen Sie sie") {
		t.Errorf("the cancelled session's note: %s", between(page, `id="sitzung-abgesagt"`, "</p>"))
	}

	unmoved := func(name string) {
		t.Helper()
		if now, _ := st.Item(ctx, it.ID); now.SessionID != s48.ID || now.Version != it.Version {
			t.Errorf("%s moved the registration: %+v", name, now)
		}
	}
	code, page := do(t, he, "POST", path+"/verlegen", url.Values{"version": {fmt.Sprint(it.Version - 1)}, "sitzung": {"49"}})
	if code != http.StatusConflict || !strings.Contains(between(page, `id="anmeldung-fehler"`, "</div>"), "Die Anmeldung wurde inzwischen geändert") ||
		!strings.Contains(page, "Die Anmeldung ist nicht verlegt") || !strings.Contains(page, `<option value="49" selected>`) {
		t.Errorf("a stale form: %d %s", code, between(page, "<main", "</main>"))
	}
	unmoved("a stale form")
	code, page = do(t, he, "POST", path+"/verlegen", url.Values{"version": {fmt.Sprint(it.Version)}, "sitzung": {""}})
	if code != http.StatusBadRequest || !strings.Contains(page, `href="#sitzung"`) || !strings.Contains(between(page, `id="sitzung"`, "</select>"), `aria-invalid="true" aria-describedby="sitzung-fehler sitzung-hinweis"`) {
		t.Errorf("no session chosen: %d %s", code, between(page, "<main", "</main>"))
	}
	unmoved("no session chosen")
	if code, _ := do(t, client(t, ts, "bayern"), "POST", path+"/verlegen", url.Values{"version": {fmt.Sprint(it.Version)}, "sitzung": {"49"}}); code != http.StatusNotFound {
		t.Errorf("Bayern moves Hessen's registration: %d", code)
	}
	unmoved("Bayern")

	if code, page := do(t, he, "POST", path+"/verlegen", url.Values{"version": {fmt.Sprint(it.Version)}, "sitzung": {"49"}}); code != http.StatusSeeOther {
		t.Fatalf("move: %d %s", code, between(page, "<main", "</main>"))
	}
	if now, _ := st.Item(ctx, it.ID); now.SessionID != s49.ID || !now.Late || !now.RegisteredAt.Equal(it.RegisteredAt) {
		t.Errorf("the moved registration: %+v", now)
	}
	if _, page := do(t, he, "GET", path, nil); !strings.Contains(page, "ist aus der abgesagten 48. Sitzung in die 49. Sitzung verlegt; nach Anmeldeschluss der 49. Sitzung") ||
		strings.Contains(page, `id="verlegen"`) {
		t.Errorf("the page after the move: %s", between(page, "<main", "</main>"))
	}
	_, manage := do(t, gs, "GET", ts.URL+"/sitzungen/49/verwaltung", nil)
	row := between(between(manage, `id="h-anmeldungen"`, "</section>"), "Gemeinsames Register", "</tr>")
	if !strings.Contains(row, `<span class="late">verspätet</span>`) || !strings.Contains(row, "<dd>HE, BY (Mitantrag bestätigt), HH (Mitantrag noch nicht bestätigt)</dd>") {
		t.Errorf("the 49th's registration: %s", row)
	}

	// The secretariat, on the cancelled session's management page.
	_, manage = do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	regs = between(manage, `id="h-anmeldungen"`, "</section>")
	if !strings.Contains(regs, fmt.Sprintf(`<select id="verlegen-%d" name="sitzung" required>`, other.ID)) || strings.Contains(regs, "Gemeinsames Register") {
		t.Errorf("the cancelled session's registrations: %s", regs)
	}
	code, _ = do(t, gs, "POST", fmt.Sprintf("%s/anmeldungen/%d/verlegen", ts.URL, other.ID), url.Values{"version": {fmt.Sprint(other.Version)}, "sitzung": {"50"}, "zurueck": {"verwaltung"}})
	if now, _ := st.Item(ctx, other.ID); code != http.StatusSeeOther || now.SessionID == s48.ID || now.Late {
		t.Errorf("the secretariat's move: %d %+v", code, now)
	}
}
