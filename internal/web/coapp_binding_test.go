package web

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// postedForm gives what the page's form posting to action sends: its
// action and its hidden fields (nil if the page has no such form).
func postedForm(page, action string) url.Values {
	i := strings.Index(page, `action="`+action+`"`)
	if i < 0 {
		return nil
	}
	form := page[i:]
	form = form[:strings.Index(form, "</form>")]
	out := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)"`).FindAllStringSubmatch(form, -1) {
		out.Add(m[1], html.UnescapeString(m[2]))
	}
	return out
}

// registerAs posts the registration form of the 48th session as the
// office c and gives the registration's id.
func registerAs(t *testing.T, ts *httptest.Server, c *http.Client, form url.Values) int64 {
	t.Helper()
	_, page := do(t, c, "GET", ts.URL+"/sitzungen/48/anmeldung", nil)
	for k, v := range postedForm(page, "/sitzungen/48/anmeldung") {
		if form.Get(k) == "" {
			form[k] = v
		}
	}
	res, err := c.PostForm(ts.URL+"/sitzungen/48/anmeldung", form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc := res.Header.Get("Location")
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/anmeldungen/"), 10, 64)
	if res.StatusCode != http.StatusSeeOther || err != nil {
		t.Fatalf("registration: %d %q", res.StatusCode, loc)
	}
	return id
}

// coAppFormOf gives the action and fields of the answer form on member's
// "Mein Bereich" for the co-application of member (the only one).
func coAppFormOf(t *testing.T, st *store.Store, page, member string) (string, url.Values) {
	t.Helper()
	pending, err := st.PendingCoApplications(context.Background(), member)
	if err != nil || len(pending) != 1 {
		t.Fatalf("%s's co-applications: %+v %v", member, pending, err)
	}
	action := "/mitantraege/" + strconv.FormatInt(pending[0].ID, 10)
	f := postedForm(page, action)
	if f == nil {
		t.Fatalf("no form to %s on the page: %s", action, between(page, `id="mitantraege"`, "</section>"))
	}
	return action, f
}

// TestCoApplicationConfirmsWhatTheLandSaw: Baden-Württemberg reads
// proposal A on "Mein Bereich"; Hessen withdraws A and registers B with
// the same co-applicants, which got A's ids again; BW's "Mitantrag
// bestätigen" on the page still showing A said "Der Mitantrag ist
// bestätigt" and recorded it for B. Now the answer is refused with the
// reason, and B's co-application waits for BW's answer.
func TestCoApplicationConfirmsWhatTheLandSaw(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he, bw := client(t, ts, "hessen"), client(t, ts, "baden-wuerttemberg")
	reg := func(title, text string) url.Values {
		return url.Values{"titel": {title}, "ziel": {"Beschluss"}, "fachmk": {"keine"}, "beschlussvorschlag": {text}, "antrag": {"HE, BW, NW"}}
	}
	a := registerAs(t, ts, he, reg("Vorschlag A", "Der IT-Planungsrat nimmt den Bericht zur Kenntnis."))
	_, page := do(t, bw, "GET", ts.URL+"/mein-bereich", nil)
	action, seen := coAppFormOf(t, st, page, "BW")
	it, err := st.Item(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if code, _ := do(t, he, "POST", ts.URL+"/anmeldungen/"+strconv.FormatInt(a, 10)+"/zurueckziehen", url.Values{"version": {strconv.Itoa(it.Version)}, "bestaetigt": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("withdrawal: %d", code)
	}
	registerAs(t, ts, he, reg("Vorschlag B", "Der IT-Planungsrat beschließt die verbindliche Anwendung ab 2028."))
	seen.Set("antwort", "bestaetigen")
	code, page := do(t, bw, "POST", ts.URL+action, seen)
	if code == http.StatusSeeOther || !strings.Contains(page, "zurückgezogen") {
		t.Errorf("BW confirms withdrawn A: %d %s", code, between(page, "<main", "</main>"))
	}
	if pending, _ := st.PendingCoApplications(ctx, "BW"); len(pending) != 1 || pending[0].Title != "Vorschlag B" {
		t.Errorf("B's co-application after BW's answer to A: %+v", pending)
	}
}

// TestCoApplicantReadsWhatItSigns: Baden-Württemberg, named as
// co-applicant, saw only the title on "Mein Bereich", and
// /anmeldungen/{id} gave it 404. Now "Mein Bereich" shows the proposal's
// text and links the registration, which BW reads without Hessen's
// actions (title, goal, proposal, applicants and their states), with its
// own answer there; Hamburg, not named, still finds nothing.
func TestCoApplicantReadsWhatItSigns(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he, bw := client(t, ts, "hessen"), client(t, ts, "baden-wuerttemberg")
	id := registerAs(t, ts, he, url.Values{"titel": {"Gemeinsames Register"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt das Register [[mit Kosten von 3 Mio. Euro]]."}, "antrag": {"HE, BW, NW"}})
	path := "/anmeldungen/" + strconv.FormatInt(id, 10)
	_, page := do(t, bw, "GET", ts.URL+"/mein-bereich", nil)
	section := between(page, `id="mitantraege"`, "</section>")
	for _, want := range []string{"Der IT-Planungsrat beschließt das Register", `href="` + path + `"`} {
		if !strings.Contains(section, want) {
			t.Errorf("BW's request to confirm lacks %q: %s", want, section)
		}
	}
	code, page := do(t, bw, "GET", ts.URL+path, nil)
	main := between(page, "<main", "</main>")
	if code != http.StatusOK {
		t.Fatalf("BW reads the registration: %d %s", code, main)
	}
	for _, want := range []string{"Gemeinsames Register", "<dt>Ziel</dt><dd>Beschluss</dd>", "mit Kosten von 3 Mio. Euro",
		"<dd>HE, BW (Mitantrag noch nicht bestätigt), NW (Mitantrag noch nicht bestätigt)</dd>", `name="antwort" value="bestaetigen"`} {
		if !strings.Contains(main, want) {
			t.Errorf("BW's view of the registration lacks %q: %s", want, main)
		}
	}
	for _, not := range []string{"/zurueckziehen\"", "/aendern", "Unterlagen"} {
		if strings.Contains(main, not) {
			t.Errorf("BW's view offers Hessen's %q", not)
		}
	}
	if code, _ := do(t, client(t, ts, "hamburg"), "GET", ts.URL+path, nil); code != http.StatusNotFound {
		t.Errorf("Hamburg, not named, reads the registration: %d", code)
	}
	if code, _ := do(t, client(t, ts, "fmk"), "GET", ts.URL+path, nil); code == http.StatusOK {
		t.Errorf("a FachMK secretariat reads the registration: %d", code)
	}
}

// TestCoApplicationWithdrawnAndSentTwice: after confirming, "Ablehnen"
// said 409 "ist bereits bestätigt. Bitte laden Sie die Seite neu …",
// which no reload could mend, and the same confirmation sent twice (a
// double click) was a conflict too. Now the second confirmation is done,
// "Mein Bereich" lists the confirmed co-application with "Mitantrag
// zurückziehen" while the registration may be changed, the withdrawal
// is audited, and Hessen's page shows it.
func TestCoApplicationWithdrawnAndSentTwice(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he, bw := client(t, ts, "hessen"), client(t, ts, "baden-wuerttemberg")
	id := registerAs(t, ts, he, url.Values{"titel": {"Gemeinsames Register"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt das Register."}, "antrag": {"HE, BW, NW"}})
	_, page := do(t, bw, "GET", ts.URL+"/mein-bereich", nil)
	action, seen := coAppFormOf(t, st, page, "BW")
	seen.Set("antwort", "bestaetigen")
	for i := range 2 {
		if code, page := do(t, bw, "POST", ts.URL+action, seen); code != http.StatusSeeOther {
			t.Fatalf("BW's confirmation %d: %d %s", i+1, code, between(page, "<main", "</main>"))
		}
	}
	_, page = do(t, bw, "GET", ts.URL+"/mein-bereich", nil)
	confirmed := between(page, `id="mitantraege-bestaetigt"`, "</section>")
	withdraw := postedForm(confirmed, action)
	if withdraw == nil || !strings.Contains(confirmed, `value="zurueckziehen"`) {
		t.Fatalf("BW's confirmed co-applications: %s", confirmed)
	}
	decline := url.Values{"antwort": {"ablehnen"}, "fassung": withdraw["fassung"]}
	if code, page := do(t, bw, "POST", ts.URL+action, decline); code != http.StatusUnprocessableEntity || strings.Contains(page, "Bitte laden Sie die Seite neu") || !strings.Contains(page, "zurückziehen") {
		t.Errorf("BW declines what it confirmed: %d %s", code, between(page, "<main", "</main>"))
	}
	withdraw.Set("antwort", "zurueckziehen")
	if code, page := do(t, bw, "POST", ts.URL+action, withdraw); code != http.StatusSeeOther {
		t.Fatalf("BW withdraws: %d %s", code, between(page, "<main", "</main>"))
	}
	if code, _ := do(t, bw, "POST", ts.URL+action, withdraw); code != http.StatusSeeOther {
		t.Errorf("BW withdraws twice: %d, want done", code)
	}
	_, page = do(t, he, "GET", ts.URL+"/anmeldungen/"+strconv.FormatInt(id, 10), nil)
	if !strings.Contains(page, "BW (Mitantrag zurückgezogen)") {
		t.Errorf("Hessen's page: %s", between(page, "<main", "</main>"))
	}
	it, _ := st.Item(context.Background(), id)
	ds, _ := st.Decisions(context.Background(), store.DecisionFilter{ItemID: it.ID})
	entries, err := st.AuditEntries(context.Background(), store.AuditFilter{Entity: "decision", EntityID: ds[0].ID})
	if err != nil || len(entries.Entries) == 0 || entries.Entries[0].Action != "co_withdraw" || entries.Entries[0].Actor != "baden-wuerttemberg" {
		t.Errorf("the audit of the withdrawal: %+v %v", entries.Entries, err)
	}
}

// TestChangedProposalAsksCoApplicantsAgain: Hessen changed its proposal
// from "nimmt … zur Kenntnis" to "… beschließt ihre verbindliche
// Anwendung ab 2028", and Brandenburg stayed "(Mitantrag bestätigt)",
// told nothing. Now Brandenburg is asked again on "Mein Bereich", and
// Hessen reads after the change and on its page that it was.
func TestChangedProposalAsksCoApplicantsAgain(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he, bb := client(t, ts, "hessen"), client(t, ts, "brandenburg")
	reg := url.Values{"titel": {"Standard für Schnittstellen"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat nimmt den Standard zur Kenntnis."}, "antrag": {"HE, BB, BW"}}
	id := registerAs(t, ts, he, reg)
	path := ts.URL + "/anmeldungen/" + strconv.FormatInt(id, 10)
	_, page := do(t, bb, "GET", ts.URL+"/mein-bereich", nil)
	action, seen := coAppFormOf(t, st, page, "BB")
	seen.Set("antwort", "bestaetigen")
	if code, _ := do(t, bb, "POST", ts.URL+action, seen); code != http.StatusSeeOther {
		t.Fatalf("BB confirms: %d", code)
	}
	_, page = do(t, he, "GET", path+"/aendern", nil)
	change := postedForm(page, "/anmeldungen/"+strconv.FormatInt(id, 10)+"/aendern")
	for k, v := range reg {
		change[k] = v
	}
	change.Set("beschlussvorschlag", "Der IT-Planungsrat nimmt den Standard zur Kenntnis und beschließt seine verbindliche Anwendung ab 2028.")
	if code, page := do(t, he, "POST", path+"/aendern", change); code != http.StatusSeeOther {
		t.Fatalf("Hessen's change: %d %s", code, between(page, "<main", "</main>"))
	}
	_, page = do(t, he, "GET", path, nil)
	for _, want := range []string{"BB ist erneut um seinen Mitantrag gebeten", "BB (Mitantrag nach Änderung des Vorschlags erneut erbeten, noch nicht bestätigt)"} {
		if !strings.Contains(page, want) {
			t.Errorf("Hessen's page after the change lacks %q: %s", want, between(page, "<main", "</main>"))
		}
	}
	_, page = do(t, bb, "GET", ts.URL+"/mein-bereich", nil)
	if section := between(page, `id="mitantraege"`, "</section>"); !strings.Contains(section, "verbindliche Anwendung ab 2028") || !strings.Contains(section, "erneut erbeten") {
		t.Errorf("BB is not asked again: %s", section)
	}
	// BB's confirmation of the former text, sent again, is refused and
	// shows the text as it stands.
	code, page := do(t, bb, "POST", ts.URL+action, seen)
	if main := between(page, "<main", "</main>"); code != http.StatusConflict || !strings.Contains(main, "wurde geändert") || !strings.Contains(main, "verbindliche Anwendung ab 2028") {
		t.Errorf("BB confirms the former text: %d %s", code, main)
	}
	// The refusal says once that nothing was stored (before: twice in one
	// sentence, the page's prefix and the store's reason).
	if n := strings.Count(page, "Antwort ist nicht gespeichert"); n != 1 {
		t.Errorf("the refusal says %d times that the answer is not stored", n)
	}
}

// TestRegisteringLandSeesItsApplicationFallShort: after Hamburg declined,
// Hessen's registration had only HE and BY for a Beschluss (the Bund or
// three Länder), and nobody said so before the vote. Now Hessen's page
// and "Mein Bereich" and the secretariat's Verwaltung say it, with the
// rule's own reason.
func TestRegisteringLandSeesItsApplicationFallShort(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he, hh, by := client(t, ts, "hessen"), client(t, ts, "hamburg"), client(t, ts, "bayern")
	id := registerAs(t, ts, he, url.Values{"titel": {"Registermodernisierung"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt die Registermodernisierung."}, "antrag": {"HE, BY, HH"}})
	for _, office := range []struct {
		c      *http.Client
		member string
		answer string
	}{{by, "BY", "bestaetigen"}, {hh, "HH", "ablehnen"}} {
		_, page := do(t, office.c, "GET", ts.URL+"/mein-bereich", nil)
		action, seen := coAppFormOf(t, st, page, office.member)
		seen.Set("antwort", office.answer)
		seen.Set("bestaetigt", "ja") // a decline is confirmed first
		if code, _ := do(t, office.c, "POST", ts.URL+action, seen); code != http.StatusSeeOther {
			t.Fatalf("%s answers: %d", office.member, code)
		}
	}
	const reason = "Beantragt von HE, BY; Mitantrag von HH abgelehnt; nötig ist der Antrag des Bundes oder dreier Länder."
	for _, p := range []struct {
		c    *http.Client
		path string
	}{{he, "/anmeldungen/" + strconv.FormatInt(id, 10)}, {he, "/mein-bereich"}, {client(t, ts, "geschaeftsstelle"), "/sitzungen/48/verwaltung"}} {
		_, page := do(t, p.c, "GET", ts.URL+p.path, nil)
		if !strings.Contains(page, "Der Antrag reicht nicht aus.") || !strings.Contains(page, reason) {
			t.Errorf("%s does not say that the application falls short: %s", p.path, between(page, "<main", "</main>"))
		}
	}
}

// TestRegistrationFormSentTwice: the back button and "Anmelden" again made
// a second, identical registration (/anmeldungen/33 and /34), whose
// co-applicants were asked twice. Now the form carries a one-time key:
// sent again, it leads to the registration made, with a note, and
// nothing is stored or asked twice.
func TestRegistrationFormSentTwice(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he := client(t, ts, "hessen")
	_, page := do(t, he, "GET", ts.URL+"/sitzungen/48/anmeldung", nil)
	form := postedForm(page, "/sitzungen/48/anmeldung")
	for k, v := range (url.Values{"titel": {"Doppelt gesendet"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt."}, "antrag": {"HE, BW, NW"}}) {
		form[k] = v
	}
	var where []string
	for range 2 {
		res, err := he.PostForm(ts.URL+"/sitzungen/48/anmeldung", form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("registration: %d", res.StatusCode)
		}
		where = append(where, res.Header.Get("Location"))
	}
	if where[0] != where[1] {
		t.Errorf("the form sent twice leads to %v, want the one registration", where)
	}
	first, _ := strconv.ParseInt(strings.TrimPrefix(where[0], "/anmeldungen/"), 10, 64)
	it, err := st.Item(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := st.Items(ctx, it.SessionID)
	n := 0
	for _, it := range items {
		if it.Title == "Doppelt gesendet" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d registrations from one form, want 1", n)
	}
	if pending, _ := st.PendingCoApplications(ctx, "BW"); len(pending) != 1 {
		t.Errorf("BW is asked %d times", len(pending))
	}
	if _, page := do(t, he, "GET", ts.URL+where[1], nil); !strings.Contains(page, "bereits") {
		t.Errorf("the second submit's page has no note: %s", between(page, "<main", "</main>"))
	}
}

// TestWithdrawnTwice: withdrawing a withdrawn registration (the back
// button, the form sent again) said "Diesen Tagesordnungspunkt gibt es
// nicht." Now it says that the registration is withdrawn already or
// does not exist.
func TestWithdrawnTwice(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he := client(t, ts, "hessen")
	id := registerAs(t, ts, he, url.Values{"titel": {"Zurückgezogen"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	it, err := st.Item(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	withdraw := url.Values{"version": {strconv.Itoa(it.Version)}, "bestaetigt": {"ja"}}
	path := ts.URL + "/anmeldungen/" + strconv.FormatInt(id, 10) + "/zurueckziehen"
	if code, _ := do(t, he, "POST", path, withdraw); code != http.StatusSeeOther {
		t.Fatalf("withdrawal: %d", code)
	}
	code, page := do(t, he, "POST", path, withdraw)
	if code != http.StatusNotFound || !strings.Contains(page, "Diese Anmeldung ist bereits zurückgezogen oder gibt es nicht.") {
		t.Errorf("withdrawn twice: %d %s", code, between(page, "<main", "</main>"))
	}
}

// TestAdvisoryMemberRegistrationPageSaysWhy: the advisory member (DLT)
// opening or posting the registration form got the generic "Für diese
// Seite oder Aktion fehlt Ihnen die Berechtigung."; now the page gives
// the rule, as the API does, and nothing is stored.
func TestAdvisoryMemberRegistrationPageSaysWhy(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	dlt := client(t, ts, "dlt")
	for _, method := range []string{"GET", "POST"} {
		var form url.Values
		if method == "POST" {
			form = url.Values{"titel": {"E-Akte"}, "ziel": {"Bericht"}, "fachmk": {"keine"}}
		}
		code, page := do(t, dlt, method, ts.URL+"/sitzungen/48/anmeldung", form)
		if code != http.StatusForbidden || !strings.Contains(page, "DLT ist beratendes Mitglied: beratende Mitglieder melden keine Tagesordnungspunkte an") {
			t.Errorf("%s: %d %s", method, code, between(page, "<main", "</main>"))
		}
	}
	se, err := st.SessionByNumber(context.Background(), mustBody(t, st).ID, 48)
	if err != nil {
		t.Fatal(err)
	}
	if items, _ := st.Items(context.Background(), se.ID); slices.ContainsFunc(items, func(it model.AgendaItem) bool { return it.Title == "E-Akte" }) {
		t.Error("stored")
	}
}

// TestCoApplicationDeclineAsksFirst: "Ablehnen" beside "Mitantrag
// bestätigen" declined at once, and a decline cannot be taken back — one
// slip took the Land out of another's application. Now it asks first;
// only the confirmed form declines.
func TestCoApplicationDeclineAsksFirst(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he, bw := client(t, ts, "hessen"), client(t, ts, "baden-wuerttemberg")
	registerAs(t, ts, he, url.Values{"titel": {"Cloud-Strategie"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt die Cloud-Strategie."}, "antrag": {"HE, BW, NW"}})
	_, page := do(t, bw, "GET", ts.URL+"/mein-bereich", nil)
	action, seen := coAppFormOf(t, st, page, "BW")
	seen.Set("antwort", "ablehnen")
	code, page := do(t, bw, "POST", ts.URL+action, seen)
	if code != http.StatusOK || !strings.Contains(page, "Wollen Sie den Mitantrag zu „Cloud-Strategie“ ablehnen, um den Hessen Ihr Mitglied gebeten hat?") || !strings.Contains(page, "Ja, Mitantrag ablehnen") {
		t.Fatalf("decline without confirmation: %d %s", code, between(page, "<main", "</main>"))
	}
	if pending, _ := st.PendingCoApplications(ctx, "BW"); len(pending) != 1 {
		t.Fatalf("declined without confirmation: %+v", pending)
	}
	confirmed := postedForm(page, action)
	if confirmed.Get("bestaetigt") != "ja" || confirmed.Get("antwort") != "ablehnen" || confirmed.Get("fassung") != seen.Get("fassung") {
		t.Fatalf("the confirming form: %v", confirmed)
	}
	if code, page := do(t, bw, "POST", ts.URL+action, confirmed); code != http.StatusSeeOther {
		t.Fatalf("confirmed decline: %d %s", code, between(page, "<main", "</main>"))
	}
	if pending, _ := st.PendingCoApplications(ctx, "BW"); len(pending) != 0 {
		t.Errorf("still pending after the confirmed decline: %+v", pending)
	}
}
