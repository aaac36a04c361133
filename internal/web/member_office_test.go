package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestMemberPagesShowMarksAsPassages: a member's office that marked a
// passage confidential ([[…]]) in its registration, and a written
// procedure with a marked title, read the stored marks raw on the internal
// pages — "Umlauf ⟦vertraulich⟧ Test" in "Mein Bereich" and in the browser
// tab, "Punkt zwei ⟦intern⟧" on the session page, the follow-up's text in
// the item's list. Every internal page shows a marked passage as such
// (the mark element) and never the stored mark characters.
func TestMemberPagesShowMarksAsPassages(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 6, 0)))
	gs := client(t, ts, "geschaeftsstelle")
	he := client(t, ts, "hessen")
	if code, body := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Hessischer [[Geheimtitel]] Bericht"},
		"punkte": {"Punkt eins\nPunkt zwei [[Geheimpunkt]]"}, "ziel": {"Beschluss"}, "beschlussvorschlag": {"Der IT-Planungsrat beschließt [[Geheimbeschluss]]."}, "antrag": {"HE, BY, NW"},
		"fachmk": {"keine"}}); code != http.StatusSeeOther {
		t.Fatalf("registration by HE: %d %s", code, between(body, "<main", "</main>"))
	}
	deadline := time.Now().Add(72 * time.Hour)
	res, err := gs.PostForm(ts.URL+"/umlaufverfahren", url.Values{"art": {"beschluss"}, "titel": {"Umlauf [[Geheimumlauf]] Test"}, "punkte": {"Der IT-Planungsrat fördert openCode."},
		"antrag": {"Bund"}, "frist_datum": {model.BerlinDate(deadline).String()}, "frist_zeit": {model.BerlinClock(deadline)}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("start procedure: %v %v", err, res)
	}
	res.Body.Close()
	procedure := strings.SplitN(res.Header.Get("Location"), "?", 2)[0]

	// Registered, not yet accepted: "Mein Bereich" and the session page
	// list the registration.
	pages := map[string][]string{
		"hessen":           {"/mein-bereich", "/sitzungen/48", procedure, "/umlaufverfahren"},
		"geschaeftsstelle": {"/mein-bereich", "/sitzungen/48/verwaltung", procedure},
	}
	check := func(when string) {
		t.Helper()
		for user, paths := range pages {
			c := client(t, ts, user)
			for _, p := range paths {
				code, body := do(t, c, "GET", ts.URL+p, nil)
				if code != http.StatusOK {
					t.Errorf("%s: %s %s: %d", when, user, p, code)
					continue
				}
				for _, mark := range []string{model.RedactOpen, model.RedactClose} {
					if i := strings.Index(body, mark); i >= 0 {
						t.Errorf("%s: %s %s shows the stored mark: …%s…", when, user, p, body[max(0, i-60):min(len(body), i+60)])
						break
					}
				}
			}
		}
	}
	check("registered")

	// Accepted, with a follow-up whose text has a marked passage.
	s48, err := st.SessionByNumber(ctx, mustBody(t, st).ID, 48)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := st.Items(ctx, s48.ID)
	it := items[len(items)-1]
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "entscheidung": {"annehmen"}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d %s", code, between(body, "<main", "</main>"))
	}
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: it.ID, Text: "Bericht zur " + model.Redact("Geheimauftrag") + " vorlegen", Responsible: "HE",
		Status: model.FollowUpOpen}); err != nil {
		t.Fatal(err)
	}
	drafts, err := st.Decisions(ctx, store.DecisionFilter{ItemID: it.ID})
	if err != nil || len(drafts) != 1 {
		t.Fatalf("the registration's proposal: %v %v", drafts, err)
	}
	profile := fmt.Sprintf("/steckbrief/%d", drafts[0].ID)
	pages["hessen"] = append(pages["hessen"], "/auftraege", "/mitglieder/HE/auftraege", profile)
	pages["geschaeftsstelle"] = append(pages["geschaeftsstelle"], "/sitzungen/48/live", fmt.Sprintf("/sitzungen/48/live?top=%d", it.ID))
	pages["dlt"] = []string{"/sitzungen/48", procedure}
	check("on the agenda")

	// The passages are there, marked.
	_, page := do(t, he, "GET", ts.URL+"/sitzungen/48", nil)
	for _, want := range []string{`Punkt zwei ` + markOpen + `Geheimpunkt` + markClose, `Bericht zur ` + markOpen + `Geheimauftrag` + markClose + ` vorlegen`} {
		if !strings.Contains(page, want) {
			t.Errorf("session page lacks %q", want)
		}
	}
	_, page = do(t, he, "GET", ts.URL+procedure, nil)
	if title := between(page, "<title>", "</title>"); title != "Umlaufverfahren (IT-PLR): Umlauf Geheimumlauf Test – gremium" {
		t.Errorf("procedure page title: %q", title)
	}
}

// TestMemberFollowUpsByName: a follow-up that names its member by name
// ("Hessen", as minutes often do) reminds Hessen's office, is in its
// personal calendar and may be reported by it — but "Mein Bereich" said
// "Kein offener Auftrag nennt Sie als verantwortlich", and the member's
// list, the list filtered by the member and its CSV left it out. They all
// match the member by abbreviation and by name.
func TestMemberFollowUpsByName(t *testing.T) {
	ts, st := cycleServer(t)
	byName := followUpOf47(t, st, "Konzept zur Landesanbindung erstellen", "Hessen", 20)
	byAbbrev := followUpOf47(t, st, "Bericht zur Landesanbindung vorlegen", "HE, BY", 30)
	he := client(t, ts, "hessen")
	for _, p := range []string{"/mein-bereich", "/mitglieder/HE/auftraege", "/mitglieder/HE/auftraege?status=ausstehend", "/auftraege?mitglied=HE", "/auftraege.csv?mitglied=HE"} {
		code, body := do(t, he, "GET", ts.URL+p, nil)
		if code != http.StatusOK {
			t.Errorf("%s: %d", p, code)
			continue
		}
		for _, f := range []struct {
			id   int64
			text string
		}{{byName, "Konzept zur Landesanbindung erstellen"}, {byAbbrev, "Bericht zur Landesanbindung vorlegen"}} {
			if !strings.Contains(body, f.text) {
				t.Errorf("%s lacks follow-up %d (%s)", p, f.id, f.text)
			}
		}
	}
	// Bayern's office is named in one of them only.
	_, body := do(t, client(t, ts, "bayern"), "GET", ts.URL+"/mein-bereich", nil)
	if !strings.Contains(body, "Bericht zur Landesanbindung vorlegen") || strings.Contains(body, "Konzept zur Landesanbindung erstellen") {
		t.Errorf("Bayern's follow-ups:\n%s", between(body, `id="h-auftraege"`, "</section>"))
	}
}

// TestRegistrationReportersAsMembers: Hessen's office typed its reporting
// members as it says them ("he, fitko", "Hessen") and was refused: "Ihr
// eigenes Mitglied (HE) muss zur Berichterstattung gehören" — the
// applicants were read as members, the reporting members only as typed.
// Both are now stored as abbreviations, so the BE column, the register's
// filter and the right to fill in the decision profile find the member.
func TestRegistrationReportersAsMembers(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 6, 0)))
	he := client(t, ts, "hessen")
	for _, typed := range []string{"he, fitko", "Hessen; FITKO"} {
		if code, body := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Bericht " + typed}, "ziel": {"Bericht"},
			"berichterstattung": {typed}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
			t.Errorf("reporting members %q: %d %s", typed, code, between(body, `role="alert"`, "</div>"))
		}
	}
	s48, err := st.SessionByNumber(ctx, mustBody(t, st).ID, 48)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := st.Items(ctx, s48.ID)
	n := 0
	for _, it := range items {
		if strings.HasPrefix(it.Title, "Bericht ") {
			n++
			if strings.Join(it.Reporters, ",") != "HE,FITKO" {
				t.Errorf("%s: reporting members %q", it.Title, it.Reporters)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d registrations stored, want 2", n)
	}
}

// TestMyRegistrationLinksLead: "Mein Bereich" linked a registration that
// waits for the AL-Runde to "/sitzungen/48#top-N", but the session page
// lists a registration not yet on the agenda without that anchor, so the
// link led to the top of the page; the list of registrations linked the
// session only. Every link to a registration leads to it: to the
// registration's own page (/anmeldungen/{id}) — the session page's entry,
// linked since, is plain text that leads nowhere on
// (TestMyRegistrationTitleLeadsToIt).
func TestMyRegistrationLinksLead(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	planSession48(t, ts, st)
	he := client(t, ts, "hessen")
	check := func(when string) {
		t.Helper()
		_, mine := do(t, he, "GET", ts.URL+"/mein-bereich", nil)
		if strings.Contains(mine, `href="/sitzungen/48#`) {
			t.Errorf("%s: Mein Bereich links a registration to the session page's entry", when)
		}
		links := 0
		for _, part := range strings.Split(mine, `href="/anmeldungen/`)[1:] {
			id := part[:strings.IndexAny(part, `"#/`)]
			links++
			if code, _ := do(t, he, "GET", ts.URL+"/anmeldungen/"+id, nil); code != http.StatusOK {
				t.Errorf("%s: Mein Bereich links /anmeldungen/%s, which answers %d", when, id, code)
			}
		}
		if links < 1 {
			t.Errorf("%s: Mein Bereich links no registration:\n%s", when, between(mine, `id="h-anmeldungen"`, "</section>"))
		}
	}
	check("registered")
	s48, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 48)
	items, _ := st.Items(ctx, s48.ID)
	it := items[len(items)-1]
	gs := client(t, ts, "geschaeftsstelle")
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "entscheidung": {"annehmen"}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d %s", code, between(body, "<main", "</main>"))
	}
	check("accepted")
}

// TestMinutesCommentRefusedKeepsText: a comment on the draft minutes that
// was refused — empty, or sent after the minutes were approved meanwhile
// — answered with an error page leading to the start page, and the typed
// comment was gone. The session page comes again with the reason, the
// form with the comment as typed (tied to the reason), or, once the
// minutes are approved, the comment to copy.
func TestMinutesCommentRefusedKeepsText(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	he := client(t, ts, "hessen")
	code, body := do(t, he, "POST", ts.URL+"/sitzungen/47/kommentare", url.Values{"kommentar": {"  "}})
	if code != http.StatusBadRequest || !strings.Contains(body, "Ihr Kommentar ist nicht gespeichert: Bitte einen Kommentar eingeben.") ||
		!strings.Contains(body, `aria-invalid="true" aria-describedby="kommentar-hinweis kommentar-fehler"`) || !strings.Contains(body, `action="/sitzungen/47/kommentare"`) {
		t.Errorf("empty comment: %d\n%s", code, between(body, "<main", "</main>"))
	}
	typed := "Zu TOP 5 bitte den Beitrag von HE ergänzen:\nder Stand der Anbindung."
	code, body = do(t, he, "POST", ts.URL+"/sitzungen/46/kommentare", url.Values{"kommentar": {typed}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Ihr Kommentar ist nicht gespeichert: Kommentare sind nur zum Protokollentwurf möglich") ||
		!strings.Contains(body, `<pre class="kept-input">`+typed+`</pre>`) {
		t.Errorf("comment on approved minutes: %d\n%s", code, between(body, "<main", "</main>"))
	}
	s46, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 46)
	if cs, err := st.Comments(ctx, s46.ID); err != nil || len(cs) != 0 {
		t.Errorf("comments stored on approved minutes: %v %v", cs, err)
	}
}

// TestAdvisoryMemberPageHasNoRegistrations: the Deutscher Landkreistag's
// "Mein Bereich" said "Ihre Anmeldungen zur Tagesordnung – Sie haben keine
// Tagesordnungspunkte angemeldet", though an advisory member registers no
// items (the registration form answers 403). Its page has no such section;
// a member's office keeps it, and no vote either.
func TestAdvisoryMemberPageHasNoRegistrations(t *testing.T) {
	ts, st := cycleServer(t)
	planSession48(t, ts, st)
	code, page := do(t, client(t, ts, "dlt"), "GET", ts.URL+"/mein-bereich", nil)
	if code != http.StatusOK || strings.Contains(page, `id="h-anmeldungen"`) || strings.Contains(page, `id="h-abstimmungen"`) {
		t.Errorf("advisory member's page: %d\n%s", code, between(page, "<main", "</main>"))
	}
	if !strings.Contains(page, `id="h-auftraege"`) {
		t.Error("the advisory member's follow-ups are gone")
	}
	if code, _ := do(t, client(t, ts, "dlt"), "GET", ts.URL+"/sitzungen/48/anmeldung", nil); code != http.StatusForbidden {
		t.Errorf("registration form for DLT: %d", code)
	}
	if _, page := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(page, `id="h-anmeldungen"`) {
		t.Error("Hessen's registrations are gone")
	}
}

// TestRegistrationErrorsTiedToFields: a refused registration listed its
// reasons in one sentence above the form ("Bitte einen Titel angeben. Für
// einen TOP mit dem Ziel Beschluss bitte den Beschlussvorschlag
// eintragen. …"); a screen reader in the field heard nothing of it. Each
// reason now stands at its field, which is marked invalid and described
// by it, and the list above links to the fields; what was typed stays.
func TestRegistrationErrorsTiedToFields(t *testing.T) {
	ts, st := cycleServer(t)
	planSession48(t, ts, st)
	he := client(t, ts, "hessen")
	code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {" "}, "punkte": {"Erster Punkt"}, "ziel": {"Beschluss"},
		"quelle": {"B-2025/13-IT"}, "antrag": {"BY, NW"}, "beschlussvorschlag": {""}, "fachmk": {"betroffen"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("refused registration: %d", code)
	}
	for _, want := range []string{
		`<a href="#titel">Bitte einen Titel angeben.</a>`,
		`<input id="titel" name="titel" required maxlength="300" value=" " aria-invalid="true" aria-describedby="titel-fehler">`,
		`<p class="field-error" id="titel-fehler">Bitte einen Titel angeben.</p>`,
		`aria-invalid="true" aria-describedby="beschlussvorschlag-fehler">`,
		`<p class="field-error" id="beschlussvorschlag-fehler">Für einen TOP mit dem Ziel Beschluss bitte den Beschlussvorschlag eintragen.</p>`,
		`<fieldset id="fachmk" aria-describedby="fachmk-fehler">`,
		`<p class="field-error" id="antrag-fehler">`,
		`Ihr eigenes Mitglied (HE) muss unter den Antragstellenden stehen.`,
		`value="B-2025/13-IT"`, `Erster Punkt</textarea>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("refused form lacks %s", want)
		}
	}
	for _, field := range []string{"quelle", "punkte", "berichterstattung", "ziel"} {
		if strings.Contains(page, `aria-describedby="`+field+`-fehler"`) {
			t.Errorf("field %s is marked invalid", field)
		}
	}
	if problems := wellFormedProblems(page); len(problems) > 0 {
		t.Errorf("refused form: %v", problems)
	}
	// The form as it comes first marks nothing.
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/48/anmeldung", nil); strings.Contains(page, "aria-invalid") || strings.Contains(page, "field-error") {
		t.Error("the empty form marks a field")
	}
}

// TestFollowUpReportConflictKeepsInput: Hessen's office reported a
// follow-up done with its evidence while Bayern's, also responsible, had
// reported it "in Arbeit" a moment before: the answer was the error page
// "Bearbeitungskonflikt … Zur Startseite", and the typed evidence was
// gone. The follow-up's page comes again (409) with the new state, the
// form as typed and the new version, so that sending it again saves it.
func TestFollowUpReportConflictKeepsInput(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	id := followUpOf47(t, st, "Bericht zur Landesanbindung vorlegen", "HE, BY", 20)
	f, _ := st.FollowUp(ctx, id)
	path := fmt.Sprintf("%s/auftraege/%d/stand", ts.URL, id)
	if code, body := do(t, client(t, ts, "bayern"), "POST", path, url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"in_arbeit"}}); code != http.StatusSeeOther {
		t.Fatalf("Bayern's report: %d %s", code, between(body, "<main", "</main>"))
	}
	he := client(t, ts, "hessen")
	typed := url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"erledigt"}, "erledigt_am": {model.BerlinDate(time.Now()).String()},
		"nachweis": {"Bericht an die Staatskanzlei übersandt"}, "kommentar": {"Mit Anlage"}}
	code, page := do(t, he, "POST", path, typed)
	now, _ := st.FollowUp(ctx, id)
	if code != http.StatusConflict || !strings.Contains(page, "Bericht an die Staatskanzlei übersandt</textarea>") || !strings.Contains(page, "Mit Anlage</textarea>") ||
		!strings.Contains(page, fmt.Sprintf(`name="version" value="%d"`, now.Version)) || !strings.Contains(page, "Hier wurde inzwischen gespeichert") {
		t.Fatalf("stale report: %d\n%s", code, between(page, "<main", "</main>"))
	}
	if now.Status != model.FollowUpInProgress {
		t.Errorf("the stale report was saved: %s", now.Status)
	}
	typed.Set("version", fmt.Sprint(now.Version))
	if code, body := do(t, he, "POST", path, typed); code != http.StatusSeeOther {
		t.Fatalf("sent again: %d %s", code, between(body, "<main", "</main>"))
	}
	if done, _ := st.FollowUp(ctx, id); done.Status != model.FollowUpDone || done.EvidenceText != "Bericht an die Staatskanzlei übersandt" {
		t.Errorf("after sending again: %+v", done)
	}
}

// TestPreferencesConflictKeepsInput: an office whose account two people
// use saved its notification settings in one window after saving them in
// another: the answer was the error page "Bearbeitungskonflikt … Zur
// Startseite" and the addresses and ticks typed were lost. The settings
// page comes again (409) as typed, with the stored version, so that
// sending it again saves it.
func TestPreferencesConflictKeepsInput(t *testing.T) {
	ts, _ := cycleServer(t)
	he := client(t, ts, "hessen")
	first := url.Values{"version": {"0"}, "email": {"buero@hessen.example"}, "vorlauf": {"14"}, "abo": {"tagesordnung:email"}}
	if code, body := do(t, he, "POST", ts.URL+"/benachrichtigungen", first); code != http.StatusSeeOther {
		t.Fatalf("first save: %d %s", code, between(body, "<main", "</main>"))
	}
	second := url.Values{"version": {"0"}, "email": {"referat@hessen.example"}, "vorlauf": {"7"}, "abo": {"umlauf_frist:email", "auftrag_faellig:email"}}
	code, page := do(t, he, "POST", ts.URL+"/benachrichtigungen", second)
	if code != http.StatusConflict || !strings.Contains(page, `value="referat@hessen.example"`) || !strings.Contains(page, `name="version" value="1"`) ||
		!strings.Contains(page, `value="umlauf_frist:email" checked`) || !strings.Contains(page, "Hier wurde inzwischen gespeichert") {
		t.Fatalf("stale save: %d\n%s", code, between(page, "<main", "</main>"))
	}
	second.Set("version", "1")
	if code, body := do(t, he, "POST", ts.URL+"/benachrichtigungen", second); code != http.StatusSeeOther {
		t.Fatalf("sent again: %d %s", code, between(body, "<main", "</main>"))
	}
}

// followUpOf47 creates an open follow-up of the 47th session's second item
// for responsible, due in days; it gives its id.
func followUpOf47(t *testing.T, st *store.Store, text, responsible string, days int) int64 {
	t.Helper()
	ctx := context.Background()
	s47, err := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := st.Items(ctx, s47.ID)
	id, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items[1].ID, Text: text, Responsible: responsible,
		DueDate: model.BerlinDate(time.Now().AddDate(0, 0, days)), Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestSecretariatAreaNamesItsOwnFollowUps: the secretariat is no member,
// so its Mein Bereich does not call the follow-ups given to the FITKO
// "Aufträge Ihres Mitglieds"; a member office's still does.
func TestSecretariatAreaNamesItsOwnFollowUps(t *testing.T) {
	ts, _ := cycleServer(t)
	_, sec := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/mein-bereich", nil)
	if !strings.Contains(sec, `<a href="/mitglieder/FITKO/auftraege">Aufträge an die Geschäftsstelle (FITKO)</a>`) || strings.Contains(sec, "Ihres Mitglieds (FITKO)") {
		t.Error("the secretariat's Mein Bereich calls the FITKO its member")
	}
	if _, he := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(he, "Alle Aufträge Ihres Mitglieds (HE)") {
		t.Error("the member office's link to its follow-ups is gone")
	}
}

// TestRegistrationRefusesMadeUpSource: Hessen's office registered an item
// with the source (Quelle) "B-2025/99-IT", a decision gremium does not
// hold, and it was taken and published ("Baut auf B-2025/99-IT"). It is
// refused at its field with what was typed kept; the box above the form
// lists the reasons in the form's order (it listed them backwards: the
// FachMK statement first, the title last).
func TestRegistrationRefusesMadeUpSource(t *testing.T) {
	ts, st := cycleServer(t)
	planSession48(t, ts, st)
	he := client(t, ts, "hessen")
	code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {" "}, "ziel": {"Beschluss"},
		"quelle": {"B-2025/99-IT, Zielbild"}, "beschlussvorschlag": {""}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("refused registration: %d", code)
	}
	for _, want := range []string{
		`value="B-2025/99-IT, Zielbild" aria-invalid="true" aria-describedby="quelle-fehler">`,
		`<p class="field-error" id="quelle-fehler">Der Beschluss B-2025/99-IT ist nicht erfasst.`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("refused form lacks %s\n%s", want, between(page, "<main", "</main>"))
		}
	}
	var order []string
	for _, part := range strings.Split(between(page, `id="anmeldung-fehler"`, "</div>"), `<a href="#`)[1:] {
		order = append(order, part[:strings.Index(part, `"`)])
	}
	if got := strings.Join(order, " "); got != "titel quelle antrag beschlussvorschlag fachmk" {
		t.Errorf("reasons in the order %s, want the form's: titel quelle antrag beschlussvorschlag fachmk", got)
	}
	// A source the register holds and free text are taken.
	code, page = do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Zielbild"}, "ziel": {"Bericht"},
		"quelle": {"B-2025/26-IT, Zielbild Informationssicherheit"}, "fachmk": {"keine"}})
	if code != http.StatusSeeOther {
		t.Errorf("held source: %d\n%s", code, between(page, "<main", "</main>"))
	}
}

// TestClosedRegistrationLeadsToNextSession: the registration page of a
// session that takes no more items offered only "Zur Sitzung"; it links
// the next session open for registration, and none when there is none.
func TestClosedRegistrationLeadsToNextSession(t *testing.T) {
	ts, st := cycleServer(t)
	he := client(t, ts, "hessen")
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/47/anmeldung", nil); strings.Contains(page, "/anmeldung\">TOP zur") {
		t.Errorf("a session linked without one open:\n%s", between(page, "<main", "</main>"))
	}
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 6, 0)))
	_, page := do(t, he, "GET", ts.URL+"/sitzungen/47/anmeldung", nil)
	if !strings.Contains(page, `<a href="/sitzungen/48/anmeldung">TOP zur 48. Sitzung am `) {
		t.Errorf("the closed registration lacks the next session's:\n%s", between(page, "<main", "</main>"))
	}
}

// TestReportingMemberSeesProfilesToAssess: Hessen's office reports on
// adopted decisions (BE) whose decision profile (Beschluss-Steckbrief) it
// is to fill in, but its Mein Bereich did not lead there. A section
// "Steckbriefe zu beurteilen" links each profile still to assess; a
// profile once saved leaves it.
func TestReportingMemberSeesProfilesToAssess(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	he := client(t, ts, "hessen")
	_, page := do(t, he, "GET", ts.URL+"/mein-bereich", nil)
	section := between(page, `id="h-steckbriefe"`, "</section>")
	parts := strings.Split(section, `href="/steckbrief/`)
	if len(parts) < 2 {
		t.Fatalf("Hessen's Mein Bereich links no profile to assess:\n%s", between(page, "<main", "</main>"))
	}
	var id int64
	fmt.Sscanf(parts[1], "%d", &id)
	dec, err := st.Decision(ctx, id)
	if err != nil || dec.Status != model.DecisionAdopted {
		t.Fatalf("linked decision %d: %+v %v", id, dec, err)
	}
	it, _ := st.Item(ctx, dec.ItemID)
	if !strings.Contains(strings.Join(it.Reporters, ","), "HE") {
		t.Errorf("linked decision %s reported by %v", dec.Label, it.Reporters)
	}
	if code, body := do(t, he, "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, id), url.Values{"version": {"0"}}); code != http.StatusSeeOther {
		t.Fatalf("save the profile: %d %s", code, between(body, "<main", "</main>"))
	}
	if _, page := do(t, he, "GET", ts.URL+"/mein-bereich", nil); strings.Contains(page, fmt.Sprintf(`href="/steckbrief/%d"`, id)) {
		t.Errorf("the assessed profile is still to assess")
	}
	// Bayern reports on none of them.
	if _, page := do(t, client(t, ts, "bayern"), "GET", ts.URL+"/mein-bereich", nil); strings.Contains(page, fmt.Sprintf(`href="/steckbrief/%d"`, id)) {
		t.Errorf("Bayern is asked to assess %s", dec.Label)
	}
}

// TestManagePageShowsWhatWasRegistered: the secretariat's table of
// registrations showed title, member, goal and conferences, but not the
// source, the applicants and the decision proposal it judges a
// registration by.
func TestManagePageShowsWhatWasRegistered(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 6, 0)))
	he := client(t, ts, "hessen")
	if code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Cloud-Strategie"}, "ziel": {"Beschluss"},
		"quelle": {"B-2025/26-IT"}, "antrag": {"HE, BY, NW"}, "beschlussvorschlag": {"1. Der IT-Planungsrat beschließt die Cloud-Strategie."}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
		t.Fatalf("registration: %d %s", code, between(page, "<main", "</main>"))
	}
	_, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	table := between(page, `id="h-anmeldungen"`, "</section>")
	for _, want := range []string{"<dt>Quelle</dt><dd>B-2025/26-IT</dd>", "<dt>Antrag von</dt><dd>HE, BY (Mitantrag noch nicht bestätigt), NW (Mitantrag noch nicht bestätigt)</dd>", "1. Der IT-Planungsrat beschließt die Cloud-Strategie."} {
		if !strings.Contains(table, want) {
			t.Errorf("the registrations lack %s:\n%s", want, table)
		}
	}
}

// TestMemberSeesAndWithdrawsItsRegistration: a member office saw of its
// registration only the title and the status: not what it submitted, not
// why the secretariat declined it, and it could not withdraw it. The
// registration leads to its page (with where documents are uploaded);
// the page shows what was submitted and, until the secretariat decides,
// withdraws it after a confirmation; a declined registration shows the
// secretariat's reason (the notification: store TestDecideRegistration).
// Other members do not find the page.
func TestMemberSeesAndWithdrawsItsRegistration(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 6, 0)))
	he := client(t, ts, "hessen")
	register := func(title string) model.AgendaItem {
		t.Helper()
		it := registerDecisionAs(t, ts, st, he, se, title)
		// The confirmation comes on the registration's page (checked for the
		// first: the withdrawal's notice, never shown, is still pending
		// at the second).
		if title != "Cloud-Strategie" {
			return it
		}
		_, page := do(t, he, "GET", fmt.Sprintf("%s/anmeldungen/%d", ts.URL, it.ID), nil)
		if !strings.Contains(page, "Der TOP ist angemeldet.") || !strings.Contains(page, `<a href="/sitzungen/48#h-dok">`) {
			t.Errorf("the confirmation:\n%s", between(page, "<main", "</main>"))
		}
		return it
	}
	it := register("Cloud-Strategie")
	path := fmt.Sprintf("%s/anmeldungen/%d", ts.URL, it.ID)
	_, page := do(t, he, "GET", path, nil)
	for _, want := range []string{"<dt>Quelle</dt><dd>B-2025/26-IT</dd>", "<dt>Antrag von</dt><dd>HE, BY (Mitantrag noch nicht bestätigt), NW (Mitantrag noch nicht bestätigt)</dd>", "Der IT-Planungsrat beschließt die Cloud-Strategie.",
		model.ImpactNoneLabel, `action="/anmeldungen/` + fmt.Sprint(it.ID) + `/zurueckziehen"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the registration's page lacks %s", want)
		}
	}
	if _, mine := do(t, he, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(mine, fmt.Sprintf(`href="/anmeldungen/%d"`, it.ID)) {
		t.Error("Mein Bereich does not lead to the registration")
	}
	// Bayern, named as co-applicant, reads it without Hessen's actions;
	// Hamburg, not named, does not learn of it.
	if code, page := do(t, client(t, ts, "bayern"), "GET", path, nil); code != http.StatusOK || strings.Contains(page, "/zurueckziehen") || strings.Contains(page, "/aendern") {
		t.Errorf("Bayern reads Hessen's registration: %d", code)
	}
	if code, _ := do(t, client(t, ts, "hamburg"), "GET", path, nil); code != http.StatusNotFound {
		t.Errorf("Hamburg reads Hessen's registration: %d", code)
	}
	// Without the confirmation nothing is withdrawn.
	if code, page := do(t, he, "POST", path+"/zurueckziehen", url.Values{"version": {fmt.Sprint(it.Version)}}); code != http.StatusUnprocessableEntity ||
		!strings.Contains(page, `id="bestaetigt-fehler"`) {
		t.Errorf("withdrawal without confirmation: %d %s", code, between(page, "<main", "</main>"))
	}
	if code, page := do(t, he, "POST", path+"/zurueckziehen", url.Values{"version": {fmt.Sprint(it.Version)}, "bestaetigt": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("withdrawal: %d %s", code, between(page, "<main", "</main>"))
	}
	if _, err := st.Item(ctx, it.ID); model.ClassOf(err) != model.ErrNotFound {
		t.Errorf("the withdrawn registration is still there: %v", err)
	}
	if ds, _ := st.Decisions(ctx, store.DecisionFilter{ItemID: it.ID}); len(ds) != 0 {
		t.Errorf("the withdrawn registration's proposal is still there: %+v", ds)
	}
	// Declined with a reason: the member reads it and is notified.
	it = register("Justizcloud")
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "entscheidung": {"ablehnen"},
		"grund": {"Das Thema gehört zuerst in die AL-Runde."}}); code != http.StatusSeeOther {
		t.Fatalf("decline: %d", code)
	}
	_, page = do(t, he, "GET", fmt.Sprintf("%s/anmeldungen/%d", ts.URL, it.ID), nil)
	if !strings.Contains(page, "Grund der Geschäftsstelle: Das Thema gehört zuerst in die AL-Runde.") || strings.Contains(page, "/zurueckziehen") {
		t.Errorf("the declined registration's page:\n%s", between(page, "<main", "</main>"))
	}
	if code, _ := do(t, he, "POST", fmt.Sprintf("%s/anmeldungen/%d/zurueckziehen", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version + 1)}, "bestaetigt": {"ja"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("withdrawal of a declined registration: %d", code)
	}
}

// TestMemberChangesItsRegistration: a member office could view and
// withdraw its pending registration but not change it. Its page leads to
// the registration form filled in as it was sent; a change breaking the
// form's rules (no title, a made-up Quelle) is refused with every reason
// in the form's order and the input kept, nothing stored; a valid change
// is stored with its proposal (here: dropped with the goal Beschluss).
// Another member does not find the form; once the registration deadline
// has passed the page says why it can no longer be changed.
func TestMemberChangesItsRegistration(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 6, 0)))
	he := client(t, ts, "hessen")
	if code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Cloud-Strategie [[Kosten]]"}, "ziel": {"Beschluss"},
		"quelle": {"B-2025/26-IT"}, "antrag": {"HE, BY, NW"}, "beschlussvorschlag": {"1. Der IT-Planungsrat beschließt die Cloud-Strategie."}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
		t.Fatalf("registration: %d %s", code, between(page, "<main", "</main>"))
	}
	items, _ := st.Items(ctx, se.ID)
	it := items[len(items)-1]
	path := fmt.Sprintf("%s/anmeldungen/%d", ts.URL, it.ID)
	if _, page := do(t, he, "GET", path, nil); !strings.Contains(page, fmt.Sprintf(`href="/anmeldungen/%d/aendern"`, it.ID)) {
		t.Errorf("the registration's page does not lead to the change:\n%s", between(page, "<main", "</main>"))
	}
	code, page := do(t, he, "GET", path+"/aendern", nil)
	form := between(page, "<main", "</main>")
	for _, want := range []string{`value="Cloud-Strategie [[Kosten]]"`, `value="B-2025/26-IT"`, `value="HE, BY, NW"`, ">1. Der IT-Planungsrat beschließt die Cloud-Strategie.</textarea>",
		`value="keine" required checked`, fmt.Sprintf(`name="version" value="%d"`, it.Version), fmt.Sprintf(`action="/anmeldungen/%d/aendern"`, it.ID), "Änderung speichern"} {
		if code != http.StatusOK || !strings.Contains(form, want) {
			t.Errorf("the change form (%d) lacks %s:\n%s", code, want, form)
		}
	}
	if code, _ := do(t, client(t, ts, "bayern"), "GET", path+"/aendern", nil); code != http.StatusNotFound {
		t.Errorf("Bayern finds Hessen's change form: %d", code)
	}
	// Refused: every reason in the form's order, the input kept, nothing stored.
	code, page = do(t, he, "POST", path+"/aendern", url.Values{"version": {fmt.Sprint(it.Version)}, "titel": {""}, "ziel": {"Beschluss"},
		"quelle": {"B-2025/99-IT"}, "antrag": {"HE, BY, NW"}, "beschlussvorschlag": {"1. Geändert."}, "fachmk": {"keine"}})
	box := between(page, `id="anmeldung-fehler"`, "</div>")
	if code != http.StatusUnprocessableEntity || !strings.Contains(box, "Die Änderung ist nicht gespeichert") ||
		!strings.Contains(box, `href="#titel"`) || strings.Index(box, `href="#quelle"`) < strings.Index(box, `href="#titel"`) ||
		!strings.Contains(page, `value="B-2025/99-IT"`) || !strings.Contains(page, ">1. Geändert.</textarea>") {
		t.Errorf("the refused change: %d %s", code, between(page, "<main", "</main>"))
	}
	if now, _ := st.Item(ctx, it.ID); now.Version != it.Version || now.Title != it.Title {
		t.Errorf("the refused change was stored: %+v", now)
	}
	// Changed: a report now, without a proposal.
	if code, page := do(t, he, "POST", path+"/aendern", url.Values{"version": {fmt.Sprint(it.Version)}, "titel": {"Cloud-Bericht"}, "ziel": {"Bericht"},
		"quelle": {"B-2025/26-IT"}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
		t.Fatalf("change: %d %s", code, between(page, "<main", "</main>"))
	}
	now, _ := st.Item(ctx, it.ID)
	if now.Title != "Cloud-Bericht" || now.Goal != model.GoalReport || now.Flags.Decision || now.Status != model.ItemRegistered {
		t.Errorf("the changed registration: %+v", now)
	}
	if ds, _ := st.Decisions(ctx, store.DecisionFilter{ItemID: it.ID}); len(ds) != 0 {
		t.Errorf("the report keeps the proposal: %+v", ds)
	}
	if _, page := do(t, he, "GET", path, nil); !strings.Contains(page, "Die Anmeldung ist geändert.") || !strings.Contains(page, "<dd>Cloud-Bericht</dd>") {
		t.Errorf("the page after the change:\n%s", between(page, "<main", "</main>"))
	}
	// After the registration deadline: no change, the page says why.
	se, _ = st.Session(ctx, se.ID)
	se.RegistrationDeadline = model.BerlinDate(time.Now().AddDate(0, 0, -1))
	if err := st.UpdateSession(ctx, se); err != nil {
		t.Fatal(err)
	}
	if _, page := do(t, he, "GET", path, nil); strings.Contains(page, "/aendern") || !strings.Contains(page, "Der Anmeldeschluss der 48. Sitzung") {
		t.Errorf("the page after the deadline:\n%s", between(page, "<main", "</main>"))
	}
	if code, page := do(t, he, "POST", path+"/aendern", url.Values{"version": {fmt.Sprint(now.Version)}, "titel": {"Zu spät"}, "ziel": {"Bericht"}, "fachmk": {"keine"}}); code != http.StatusUnprocessableEntity ||
		!strings.Contains(page, "Die Anmeldung kann nicht geändert werden") {
		t.Errorf("the change after the deadline: %d %s", code, between(page, "<main", "</main>"))
	}
	if later, _ := st.Item(ctx, it.ID); later.Title != "Cloud-Bericht" {
		t.Errorf("changed after the deadline: %+v", later)
	}
}

// registerDecisionAs registers, from the member office's client c, an item
// "title" with a proposal of HE, BY and NW for the decision of session se
// (number 48) through the form, and gives the item stored.
func registerDecisionAs(t *testing.T, ts *httptest.Server, st *store.Store, c *http.Client, se model.Session, title string) model.AgendaItem {
	t.Helper()
	code, page := do(t, c, "POST", fmt.Sprintf("%s/sitzungen/%d/anmeldung", ts.URL, se.Number), url.Values{"titel": {title}, "ziel": {"Beschluss"},
		"quelle": {"B-2025/26-IT"}, "antrag": {"HE, BY, NW"}, "beschlussvorschlag": {"Der IT-Planungsrat beschließt die " + title + "."}, "fachmk": {"keine"}})
	if code != http.StatusSeeOther {
		t.Fatalf("registration: %d %s", code, between(page, "<main", "</main>"))
	}
	items, err := st.Items(context.Background(), se.ID)
	if err != nil || len(items) == 0 {
		t.Fatalf("the session's items: %v", err)
	}
	return items[len(items)-1]
}

// onAgendaItem gives the first item on the agenda of session se.
func onAgendaItem(t *testing.T, st *store.Store, se model.Session) model.AgendaItem {
	t.Helper()
	items, err := st.Items(context.Background(), se.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.OnAgenda() && !it.Deferred() {
			return it
		}
	}
	t.Fatalf("no item on the agenda of the %s", se.Title())
	return model.AgendaItem{}
}

// TestMemberOfficeFindsTheRunningSession: while the secretariat ran the
// 48th session, Hessen's "Mein Bereich" had no word of it and did not
// list the Protokollnotizen Hessen had submitted, and the live page
// answered "Keine Berechtigung" with only the way to the start page.
// Now "Mein Bereich" has a section for the running session with the way
// to the place on its page where a Protokollnotiz is submitted (the
// called item's form) and Hessen's submitted notes with their state; the
// live page sends a member on to the session page. Whoever may not read
// the session page (a FachMK secretariat, the AL-Runde's) is refused as
// before, and the public is asked to log in.
func TestMemberOfficeFindsTheRunningSession(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := runSession48(t, ts, st)
	it := onAgendaItem(t, st, se)
	he, gs := client(t, ts, "hessen"), client(t, ts, "geschaeftsstelle")

	_, mine := do(t, he, "GET", ts.URL+"/mein-bereich", nil)
	sec := between(mine, `id="h-laufend-48"`, "</section>")
	if !strings.Contains(sec, "Laufende Sitzung: 48. Sitzung") || !strings.Contains(sec, `href="/sitzungen/48"`) {
		t.Fatalf("Mein Bereich has no section for the running session: %q", between(mine, "<main", "</main>"))
	}
	if !strings.Contains(sec, `href="/sitzungen/48#h-tagesordnung">Protokollnotiz einreichen`) || !strings.Contains(sec, "keine Protokollnotiz eingereicht") {
		t.Errorf("before an item is called, the section does not lead to the agenda's forms: %q", sec)
	}

	// An item called: the way leads to its form; a note submitted there
	// is listed with its state, and leads back to it.
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/aufrufen", ts.URL, it.ID), url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("calling %s: %d", it.Label(), code)
	}
	const text = "Hessen bittet um eine Übersicht der Kosten (laufende Notiz)."
	if code, body := do(t, he, "POST", ts.URL+"/sitzungen/48/protokollnotizen", url.Values{"top": {fmt.Sprint(it.ID)}, "text": {text}}); code != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", code, between(body, "<main", "</main>"))
	}
	form := fmt.Sprintf("/sitzungen/48#pn-einreichen-%d", it.ID)
	named := it.Label()
	if it.Number == "" {
		named = "„" + it.Title + "“"
	}
	_, mine = do(t, he, "GET", ts.URL+"/mein-bereich", nil)
	sec = between(mine, `id="h-laufend-48"`, "</section>")
	for _, want := range []string{`href="` + form + `">Protokollnotiz zu ` + named + ` einreichen`, "Hessen bittet um eine Übersicht der Kosten (laufende Notiz).",
		`<strong>wartet auf die Geschäftsstelle</strong>`, `href="` + form + `">` + it.Label() + " – " + it.Title + "</a>"} {
		if !strings.Contains(sec, want) {
			t.Errorf("the running session's section lacks %s: %q", want, sec)
		}
	}
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(page, fmt.Sprintf(`id="pn-einreichen-%d"`, it.ID)) {
		t.Errorf("the session page has no place %s leads to", form)
	}
	// Refused: the reason stands beside it.
	subs, err := st.NoteSubmissionsOf(ctx, se.ID, "HE")
	if err != nil || len(subs) != 1 {
		t.Fatalf("Hessen's submissions: %v %+v", err, subs)
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/eingereichte-protokollnotizen/%d/ablehnen", ts.URL, subs[0].ID), url.Values{"version": {fmt.Sprint(subs[0].Version)}, "grund": {"Gehört zu TOP 5."}}); code != http.StatusSeeOther {
		t.Fatalf("refusal: %d", code)
	}
	if _, mine = do(t, he, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(between(mine, `id="h-laufend-48"`, "</section>"), "<strong>abgelehnt: Gehört zu TOP 5.</strong>") {
		t.Errorf("the refusal's reason is not in Mein Bereich: %q", between(mine, `id="h-laufend-48"`, "</section>"))
	}

	// The live page: a member is sent on to the session page.
	live := ts.URL + "/sitzungen/48/live"
	for _, who := range []string{"hessen", "dlt", "fmk"} {
		res, err := client(t, ts, who).Get(live)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/sitzungen/48" {
			t.Errorf("%s opens the live page: %d → %q, want 303 → /sitzungen/48", who, res.StatusCode, res.Header.Get("Location"))
		}
	}
	if code, _ := do(t, gs, "GET", live, nil); code != http.StatusOK {
		t.Errorf("the secretariat's live page: %d", code)
	}
	res, err := client(t, ts, "").Get(live)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/anmelden?weiter=") {
		t.Errorf("the public opens the live page: %d → %q, want the login", res.StatusCode, res.Header.Get("Location"))
	}
	// The AL-Runde's session page is internal: a FachMK secretariat is
	// refused as before.
	if code, _ := do(t, client(t, ts, "fmk"), "GET", ts.URL+"/gremien/al-runde/sitzungen/39/live", nil); code != http.StatusForbidden {
		t.Errorf("a FachMK secretariat opens the AL-Runde's live page: %d, want 403", code)
	}
}

// TestSessionPageLinksOwnRegistrations: the session page listed "Ihre
// Anmeldungen" as plain text; each title leads to the registration's
// page, as in "Mein Bereich".
func TestSessionPageLinksOwnRegistrations(t *testing.T) {
	ts, st := cycleServer(t)
	_, it := planSession48(t, ts, st)
	_, page := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/sitzungen/48", nil)
	sec := between(page, `id="h-meine"`, "</section>")
	if !strings.Contains(sec, fmt.Sprintf(`<li id="anmeldung-%d"><a href="/anmeldungen/%d">Hessischer Bericht</a>`, it.ID, it.ID)) {
		t.Errorf("the registration's title does not lead to its page: %q", sec)
	}
}

// TestSubmittedNoteSaysItsStateOnce: a waiting Protokollnotiz read
// "(eingereicht am 07.12.2026, 10:39 Uhr – eingereicht)". The state says
// what happens: it waits for the Geschäftsstelle.
func TestSubmittedNoteSaysItsStateOnce(t *testing.T) {
	ts, st := cycleServer(t)
	se, it := noteWorld(t, st)
	he := client(t, ts, "hessen")
	if code, _ := do(t, he, "POST", ts.URL+se.Path()+"/protokollnotizen", url.Values{"top": {fmt.Sprint(it.ID)}, "text": {"Hessen stimmt zu (Zustandstext)."}}); code != http.StatusSeeOther {
		t.Fatalf("submit: %d", code)
	}
	_, page := do(t, he, "GET", ts.URL+se.Path(), nil)
	state := between(page, `<span class="note-state">`, "</span>")
	if !strings.Contains(state, "– <strong>wartet auf die Geschäftsstelle</strong>)") || strings.Contains(state, "<strong>eingereicht</strong>") {
		t.Errorf("the note's state: %q", state)
	}
}

// TestRegistrationPageNumbersPointsOnce: the registration's page showed
// its proposal's points with two markers ("› 1. Der IT-Planungsrat …");
// they carry their number only, as on the agenda.
func TestRegistrationPageNumbersPointsOnce(t *testing.T) {
	ts, st := cycleServer(t)
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 6, 0)))
	he := client(t, ts, "hessen")
	if code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Cloud-Strategie"}, "ziel": {"Beschluss"}, "antrag": {"HE, BY, NW"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt die Cloud-Strategie.\nEr bittet um einen Bericht."}}); code != http.StatusSeeOther {
		t.Fatalf("registration: %d %s", code, between(page, "<main", "</main>"))
	}
	items, _ := st.Items(context.Background(), se.ID)
	it := items[len(items)-1]
	_, page := do(t, he, "GET", fmt.Sprintf("%s/anmeldungen/%d", ts.URL, it.ID), nil)
	proposal := between(page, "<dt>Beschlussvorschlag</dt>", "</dd>")
	if !strings.Contains(proposal, `<ol class="decision-points"><li><span class="plabel">1.</span> Der IT-Planungsrat beschließt die Cloud-Strategie.</li><li><span class="plabel">2.</span> Er bittet um einen Bericht.</li></ol>`) {
		t.Errorf("the proposal's points: %q", proposal)
	}
}

// TestNotificationChoicesAreTargetsOnAPhone: at 320 px the checkboxes of
// "Benachrichtigungen" (E-Mail, Matrix per occasion) were 13×13 px and
// their labels hidden, a target far below 24×24 px (WCAG 2.5.8). Each
// choice is at least 24×24 px now, on a phone and on a desk.
func TestNotificationChoicesAreTargetsOnAPhone(t *testing.T) {
	browserTest(t)
	ts, _ := cycleServer(t)
	b := newBrowser(t, ts.URL)
	b.login("hessen")
	for _, width := range []int64{320, 1280} {
		b.run(fmt.Sprintf("viewport %d", width), chromedp.EmulateViewport(width, 900))
		b.page("/benachrichtigungen")
		var small []string
		b.run("checkbox sizes", chromedp.Evaluate(`Array.from(document.querySelectorAll("table.prefs input[type=checkbox]")).
			map(i => { const r = i.getBoundingClientRect(); return i.id + " " + Math.round(r.width) + "×" + Math.round(r.height) + " " + r.width + " " + r.height; }).
			filter(s => { const p = s.split(" "); return Number(p[2]) < 24 || Number(p[3]) < 24; })`, &small))
		if len(small) > 0 {
			t.Errorf("at %d px, choices smaller than 24×24 px: %v", width, small)
		}
		var fits bool
		b.run("scroll width", chromedp.Evaluate(`document.documentElement.scrollWidth <= window.innerWidth`, &fits))
		if !fits {
			t.Errorf("at %d px the page scrolls sideways", width)
		}
	}
}
