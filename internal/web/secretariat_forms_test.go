package web

// The secretariat's forms on the session day: a refused form shows the
// page again with everything as typed and the reason (nothing typed lost),
// and choices of agenda items can be told apart.

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// checkedRadio is the markup of a checked radio button of a vote grid.
func checkedRadio(id, member, choice string) string {
	return fmt.Sprintf(`id="%s" name="stimme_%s" value="%s" checked`, id, member, choice)
}

// TestRefusedShowOfHandsKeepsTheChoices: a show of hands the live page
// refused (an unknown choice, an absent member) sent the secretariat to an
// error page, and the choices it had set for the 16 other members were
// lost; the live page comes back with the grid as typed and the reason.
func TestRefusedShowOfHandsKeepsTheChoices(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, item, d := runningSession(t, st, model.KindDecision, "SL")
	gs := client(t, ts, "geschaeftsstelle")

	// The one-step show of hands on the proposal.
	form := everyoneBut("ja", "SL", "HE", "BY")
	form.Set("stimme_HE", "enthaltung")
	form.Set("stimme_BY", "vielleicht")
	form.Set("geltung", "zustimmende")
	code, body := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung", ts.URL, d), seenVersion(t, st, d, form))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Die Handzeichen sind nicht gespeichert") || !strings.Contains(body, "vielleicht") {
		t.Fatalf("an unknown choice: %d %s", code, between(body, "<main", "</h1>"))
	}
	grid := fmt.Sprintf("v%d", d)
	for _, want := range []string{checkedRadio(grid+"-HE-enth", "HE", "enthaltung"), checkedRadio(grid+"-NW-ja", "NW", "ja"), checkedRadio(grid+"-Bund-ja", "Bund", "ja"),
		checkedRadio(grid+"-BY-keine", "BY", "keine"), fmt.Sprintf(`id="gz-%d" name="geltung" value="zustimmende" checked`, d), "<details open>", fmt.Sprintf(`id="top-%d"`, item),
		"Enthaltung: HE", "Das Formular unten zeigt sie so wieder"} {
		if !strings.Contains(body, want) {
			t.Errorf("the refused grid lost %s", want)
		}
	}
	if got, _ := st.Decision(ctx, d); got.Status != model.DecisionDraft || len(got.Votes) != 0 {
		t.Errorf("the refused show of hands stored something: %+v", got)
	}
	// The Grüne Liste's grid the same way.
	code, body = do(t, gs, "POST", ts.URL+"/sitzungen/48/gruene-liste", form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Die Handzeichen sind nicht gespeichert") || !strings.Contains(body, "Enthaltung: HE") {
		t.Errorf("the Grüne Liste's refused grid: %d %s", code, between(body, "<main", "</h1>"))
	}

	// The open vote's grid: Saarland is absent, so its hand is refused.
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung/eroeffnen", ts.URL, d), nil); code != http.StatusSeeOther {
		t.Fatalf("open: %d", code)
	}
	v, _, _ := st.OpenSessionVote(ctx, sid)
	form = everyoneBut("nein", "HE")
	form.Set("stimme_HE", "ja")
	code, body = do(t, gs, "POST", fmt.Sprintf("%s/abstimmungen/%d/handzeichen", ts.URL, v.ID), form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "nicht anwesend und nicht vertreten") {
		t.Fatalf("a hand for absent Saarland: %d %s", code, between(body, "<main", "</h1>"))
	}
	for _, want := range []string{checkedRadio("hz-HE-ja", "HE", "ja"), checkedRadio("hz-BW-nein", "BW", "nein"), checkedRadio("hz-TH-nein", "TH", "nein")} {
		if !strings.Contains(body, want) {
			t.Errorf("the refused open-vote grid lost %s", want)
		}
	}
	if got, _, _ := st.OpenSessionVote(ctx, sid); len(got.Votes) != 0 {
		t.Errorf("the refused hands were stored: %v", got.Votes)
	}
	// A vote closed meanwhile: the grid is gone, the choices stay listed.
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/abstimmungen/%d/abbrechen", ts.URL, v.ID), nil); code != http.StatusSeeOther {
		t.Fatalf("cancel: %d", code)
	}
	form.Del("stimme_SL")
	code, body = do(t, gs, "POST", fmt.Sprintf("%s/abstimmungen/%d/handzeichen", ts.URL, v.ID), form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Ja: HE;") || !strings.Contains(body, "Nein: Bund, BW") || !strings.Contains(body, "Das Formular dafür ist nicht mehr da") {
		t.Errorf("hands for a vote closed meanwhile: %d %s", code, between(body, `id="handzeichen-abgelehnt"`, "</div>"))
	}
}

// TestItemChoicesCanBeToldApart: the "ab TOP"/"bis TOP" lists of the
// attendance page (and "Zu TOP" of the documents) named every item without
// a number "TOP (ohne Nummer)"; each option now carries the number or the
// place and the start of the title, cut at a word.
func TestItemChoicesCanBeToldApart(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, item, _ := runningSession(t, st, model.KindDecision)
	for i, title := range []string{"Bericht der Länder zur Umsetzung der Registermodernisierung in den Kommunen", "Bericht der Länder zur Umsetzung des Onlinezugangsgesetzes"} {
		if _, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Title: title, Position: 10 + i, Status: model.ItemAccepted}); err != nil {
			t.Fatal(err)
		}
	}
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/anwesenheit", nil)
	abBW := between(page, `id="ab-BW"`, "</select>")
	for _, want := range []string{fmt.Sprintf(`<option value="%d">TOP 5 – Föderale Rahmenarchitektur</option>`, item),
		">10. (ohne Nummer) – Bericht der Länder zur Umsetzung der …</option>", ">11. (ohne Nummer) – Bericht der Länder zur Umsetzung des …</option>"} {
		if !strings.Contains(abBW, want) {
			t.Errorf("the list \"ab TOP\" lacks %s:\n%s", want, abBW)
		}
	}
	if strings.Contains(abBW, ">TOP (ohne Nummer)<") {
		t.Error("an item is still named only \"TOP (ohne Nummer)\"")
	}
	_, manage := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if docs := between(manage, `id="dok-top"`, "</select>"); !strings.Contains(docs, ">11. (ohne Nummer) – Bericht der Länder zur Umsetzung des …</option>") {
		t.Errorf("the documents' list of items: %s", docs)
	}
}

// TestConferenceHeadingsBreakAtParts: "Finanzministerkonferenz" broke
// mid-word at 320 px ("Finanzministerkonfe|renz"); headings naming a
// conference carry soft hyphens between the parts of the compound.
func TestConferenceHeadingsBreakAtParts(t *testing.T) {
	ts, st := cycleServer(t)
	const shy = "\u00ad"
	want := "Finanz" + shy + "minister" + shy + "konferenz"
	_, body := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk/FMK", nil)
	if h1 := between(body, "<h1", "</h1>"); !strings.Contains(h1, want) {
		t.Errorf("the conference page's heading: %q", h1)
	}
	_, body = do(t, client(t, ts, "fmk"), "GET", ts.URL+"/anliegen", nil)
	if h1 := between(body, "<h1", "</h1>"); !strings.Contains(h1, want) {
		t.Errorf("the requests page's heading: %q", h1)
	}
	// The FachMK choices of the registration form too (they broke
	// "Gesundheitsministerkonfere|nz" at 320 px).
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	_, body = do(t, client(t, ts, "hessen"), "GET", ts.URL+"/sitzungen/48/anmeldung", nil)
	if !strings.Contains(body, ">Gesundheits"+shy+"minister"+shy+"konferenz</label>") {
		t.Errorf("the registration form's FachMK choices: %q", between(body, `<div class="checks">`, "</fieldset>"))
	}
	// And the affected conferences in the management page's table, a
	// narrow column at 320 px.
	gmk, err := st.BodyByAbbrev(context.Background(), "GMK")
	if err != nil {
		t.Fatal(err)
	}
	if code, page := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Digitale Gesundheitsdienste"}, "ziel": {"Bericht"},
		"fachmk": {"betroffen"}, "fachmk_ids": {fmt.Sprint(gmk.ID)}}); code != http.StatusSeeOther {
		t.Fatalf("registration: %d %s", code, between(page, "<main", "</main>"))
	}
	_, body = do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if !strings.Contains(body, `Betroffene FachMK: </span>Gesundheits`+shy+"minister"+shy+"konferenz") {
		t.Errorf("the management page's affected conferences: %q", between(body, "Digitale Gesundheitsdienste", "</tr>"))
	}
	for in, out := range map[string]string{"Jugend- und Familienministerkonferenz": "Jugend- und Familien" + shy + "minister" + shy + "konferenz",
		"Ministerinnen und Minister": "Ministerinnen und Minister", "E-Justice-Rat": "E-Justice-Rat"} {
		if got := hyphenate(in); got != out {
			t.Errorf("hyphenate(%q) = %q, want %q", in, got, out)
		}
	}
}

// TestRefusedAgendaRowAsTyped: an agenda row the store refused (a TOP
// number already used, an emptied title) went to an error page, and the
// number and title typed were lost; the management page comes back with
// that row as typed, the reason in it and the focus on the field.
func TestRefusedAgendaRowAsTyped(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	_, it := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "entscheidung": {"annehmen"}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d %s", code, body)
	}
	it, _ = st.Item(ctx, it.ID)
	row := func(body string) string { return between(body, fmt.Sprintf(`id="top-%d"`, it.ID), "</form>") }
	code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "nummer": {"00"},
		"titel": {"Hessischer Bericht zur [[Registermodernisierung]]"}, "abschnitt": {"0"}, "gruene_liste": {"1"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(row(body), "trägt in dieser Sitzung schon") {
		t.Fatalf("a TOP number used twice: %d %s", code, between(body, "<main", "</h1>"))
	}
	for _, want := range []string{`name="nummer" size="4" value="00" aria-invalid="true"`, `value="Hessischer Bericht zur [[Registermodernisierung]]"`, fmt.Sprintf(`id="gl-%d" name="gruene_liste" value="1" checked`, it.ID)} {
		if !strings.Contains(row(body), want) {
			t.Errorf("the refused row lost %s:\n%s", want, row(body))
		}
	}
	code, body = do(t, gs, "POST", fmt.Sprintf("%s/tops/%d", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "nummer": {"7"}, "titel": {" "}, "abschnitt": {"0"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(row(body), "TOP 7 braucht einen Titel.") ||
		!strings.Contains(row(body), `name="nummer" size="4" value="7">`) || !strings.Contains(row(body), `name="titel" maxlength="300" value=" " aria-invalid="true"`) {
		t.Errorf("an emptied title: %d\n%s", code, row(body))
	}
	if got, _ := st.Item(ctx, it.ID); got.Number != it.Number || got.Title != it.Title || got.Consent {
		t.Errorf("a refused row was stored: %+v", got)
	}
}

// TestAttendanceFromRegistrations: /anwesenheit started empty although the
// member offices had registered who attends; without a recorded list it is
// filled from the registrations (a deputy only: "vertreten" by the deputy;
// several persons: the first who is no deputy), says so per row, and
// stores nothing until the secretariat saves. A recorded list wins.
func TestAttendanceFromRegistrations(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se, _ := planSession48(t, ts, st)
	for _, d := range []model.Delegation{
		{SessionID: se.ID, Member: "HE", Delegates: []model.Delegate{{Name: "Ben Vertreter", Deputy: true}, {Name: "Dr. Anna Beispiel", Function: "CIO des Landes"}}},
		{SessionID: se.ID, Member: "BY", Delegates: []model.Delegate{{Name: "Carla Stellvertreterin", Deputy: true}, {Name: "Dora Zweite", Deputy: true}}},
	} {
		if err := st.SaveDelegation(ctx, d, true); err != nil {
			t.Fatal(err)
		}
	}
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/anwesenheit", nil)
	row := func(page, member string) string {
		return between(page, `id="anw-`+member+`"`, "</tr>")
	}
	rowHead := func(page, member string) string {
		i := strings.Index(page, `id="anw-`+member+`"`)
		j := strings.LastIndex(page[:max(i, 0)], "<tr")
		if i < 0 || j < 0 {
			return ""
		}
		return page[j:i]
	}
	const note = "aus der Anmeldung übernommen – noch nicht gespeichert"
	for _, c := range []struct{ member, presence, person string }{{"HE", "anwesend", "Dr. Anna Beispiel"}, {"BY", "vertreten", "Carla Stellvertreterin"}} {
		if !strings.Contains(row(page, c.member), `value="`+c.presence+`" selected`) || !strings.Contains(row(page, c.member), `value="`+c.person+`"`) ||
			!strings.Contains(rowHead(page, c.member), note) {
			t.Errorf("%s from its registration: %s %s", c.member, rowHead(page, c.member), row(page, c.member))
		}
	}
	if strings.Contains(rowHead(page, "SL"), note) || !strings.Contains(row(page, "SL"), `value="abwesend" selected`) {
		t.Errorf("SL registered nobody: %s", row(page, "SL"))
	}
	if !strings.Contains(page, "2 Zeilen sind aus den Teilnahmemeldungen") {
		t.Error("the page does not say that rows come from the registrations")
	}
	if list, _ := st.Attendance(ctx, se.ID); len(list) != 0 {
		t.Errorf("showing the registrations stored attendance: %+v", list)
	}
	// The recorded list wins: HE saved absent stays absent.
	if _, _, err := st.SaveAttendance(ctx, se.ID, []model.Attendance{{Member: "SL", Presence: model.Present}}); err != nil {
		t.Fatal(err)
	}
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/anwesenheit", nil)
	if strings.Contains(page, note) || !strings.Contains(row(page, "HE"), `value="abwesend" selected`) || !strings.Contains(row(page, "SL"), `value="anwesend" selected`) {
		t.Errorf("the recorded list does not win: %s", row(page, "HE"))
	}
}

// TestRefusedOwnVoteShowsThePage: the neighbours of the show of hands, a
// member's own vote in session and in written procedure, went to an error
// page when refused; the page comes back with the reason and the choice.
func TestRefusedOwnVoteShowsThePage(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindDecision, "SL")
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung/eroeffnen", ts.URL, d), nil); code != http.StatusSeeOther {
		t.Fatalf("open: %d", code)
	}
	v, _, _ := st.OpenSessionVote(ctx, sid)
	code, body := do(t, client(t, ts, "hessen"), "POST", fmt.Sprintf("%s/abstimmungen/%d/stimme", ts.URL, v.ID), url.Values{"stimme": {"vielleicht"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Ihre Stimme „vielleicht“ ist nicht gespeichert") ||
		!strings.Contains(body, `action="/abstimmungen/`) {
		t.Errorf("an unknown choice in session: %d %s", code, between(body, "<main", "</form>"))
	}
	// Written procedure.
	startProcedure(t, ts, gs)
	ps, _ := st.Procedures(ctx)
	code, body = do(t, client(t, ts, "hessen"), "POST", fmt.Sprintf("%s/umlaufverfahren/%d/stimme", ts.URL, ps[0].ID), url.Values{"stimme": {"vielleicht"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Ihre Stimme „vielleicht“ ist nicht gespeichert") ||
		!strings.Contains(body, fmt.Sprintf(`action="/umlaufverfahren/%d/stimme"`, ps[0].ID)) {
		t.Errorf("an unknown choice in written procedure: %d %s", code, between(body, "<main", "</form>"))
	}
	if p, _ := st.Procedure(ctx, ps[0].ID); len(p.Votes) != 0 {
		t.Errorf("the refused vote was stored: %+v", p.Votes)
	}
}

// TestRefusedLiveEntryKeepsWhatWasTyped: a new entry of the live page —
// Wortbeitrag, Beschlussvorschlag, Protokollnotiz, Auftrag, Vermerk — that
// is refused shows the live page again at its item with the form open, as
// typed, and the reason, and stores nothing. Before, each answered with an
// error page ("Nicht möglich … Zur Startseite"): a proposal with an
// application of one Land lost its title and points, a follow-up with a
// deadline that is no date lost its text, in the middle of the session.
func TestRefusedLiveEntryKeepsWhatWasTyped(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, item, _ := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	rows := func() string {
		doc, err := minutes.Load(ctx, st, sid, model.Internal)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, it := range doc.Items() {
			for _, r := range it.Rows {
				out = append(out, fmt.Sprintf("%s %d", r.Kind, r.ID))
			}
		}
		fus, err := st.FollowUps(ctx, store.FollowUpFilter{SessionID: sid})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%s %d", strings.Join(out, "\n"), len(fus))
	}
	before := rows()
	for _, tt := range []struct {
		name, path string
		form       url.Values
		status     int
		reason     string
		typed      []string // in the form as typed
	}{
		{"a proposal applied for by one Land", "beschluesse",
			url.Values{"art": {"empfehlung"}, "titel": {"Geänderte Fassung"}, "antrag": {"HE"}, "punkte": {"Erster Punkt\nZweiter Punkt"}, "alle": {"1"}},
			http.StatusUnprocessableEntity, "nötig ist der Antrag des Bundes oder dreier Länder",
			[]string{`<option value="empfehlung" selected>`, `name="titel" value="Geänderte Fassung"`, `name="antrag" required value="HE"`, ">Erster Punkt\nZweiter Punkt</textarea>", `name="alle" value="1" checked`}},
		{"a proposal with an open mark", "beschluesse",
			url.Values{"art": {"beschluss"}, "antrag": {"Bund"}, "punkte": {"Punkt [[offen"}},
			http.StatusBadRequest, "fehlt das schließende",
			[]string{">Punkt [[offen</textarea>"}},
		{"a follow-up whose deadline is no date", "auftraege",
			url.Values{"text": {"Umsetzungsplan vorlegen"}, "verantwortlich": {"Bund"}, "frist": {"31.02.2027"}, "frist_sitzung": {""}},
			http.StatusBadRequest, "Die Frist ist kein gültiges Datum",
			[]string{`name="text" required value="Umsetzungsplan vorlegen"`, `name="verantwortlich" required value="Bund"`, `name="frist" type="date" value="31.02.2027"`}},
		{"a follow-up without responsible", "auftraege",
			url.Values{"text": {"Bericht nachreichen"}, "verantwortlich": {""}, "frist_sitzung": {"49"}},
			http.StatusBadRequest, "Bitte die verantwortliche Stelle eintragen.",
			[]string{`name="text" required value="Bericht nachreichen"`, `name="frist_sitzung" inputmode="numeric" size="4" value="49"`}},
		{"a contribution without speaker", "beitraege",
			url.Values{"sprecher": {""}, "punkte": {"Begrüßt den Vorschlag"}, "vertraulich": {"1"}},
			http.StatusBadRequest, "braucht die sprechende Stelle",
			[]string{">Begrüßt den Vorschlag</textarea>", `name="vertraulich" value="1" checked`}},
		{"a note with an open mark", "notizen",
			url.Values{"autor": {"Hessen"}, "text": {"HE gibt zu Protokoll [[vertraulich"}},
			http.StatusBadRequest, "fehlt das schließende",
			[]string{`<option value="Hessen" selected>`, ">HE gibt zu Protokoll [[vertraulich</textarea>"}},
		{"an empty remark", "vermerke",
			url.Values{"text": {"  "}, "vertraulich": {"1"}},
			http.StatusBadRequest, "Bitte einen Text eingeben",
			[]string{`id="neu-vv" name="vertraulich" value="1" checked`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/%s", ts.URL, item, tt.path), tt.form)
			if code != tt.status || !strings.Contains(body, tt.reason) || !strings.Contains(body, `id="eintrag-abgelehnt"`) {
				t.Fatalf("%d %s", code, between(body, "<main", "</h1>"))
			}
			if !strings.Contains(body, fmt.Sprintf(`id="top-%d"`, item)) || !strings.Contains(body, "Das Formular zeigt Ihre Eingabe.") {
				t.Errorf("not the live page at the item with the refused form")
			}
			for _, want := range tt.typed {
				if !strings.Contains(body, want) {
					t.Errorf("the refused form lost %q", want)
				}
			}
		})
	}
	if after := rows(); after != before {
		t.Errorf("a refused entry stored something:\n%s\nwas\n%s", after, before)
	}
}

// TestSessionNotOpenedBeforeItsDay: the management page of a session
// planned for a later day says from when it can be opened, without the
// button; "Sitzung eröffnen" sent anyway shows the page again with the
// reason (status 422), and the session stays convened. Before, it opened,
// and its decisions were dated on the planned day, in the future.
func TestSessionNotOpenedBeforeItsDay(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sections, _ := st.Sections(ctx, council.ID)
	day := model.BerlinDate(time.Now().AddDate(0, 0, 16))
	sid, err := st.PlanSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: day, Status: model.StatusPlanned}, itplr.StandardItems(48, sections))
	if err != nil {
		t.Fatal(err)
	}
	se, _ := st.Session(ctx, sid)
	if err := st.SetSessionStatus(ctx, sid, se.Version, model.StatusConvened); err != nil {
		t.Fatal(err)
	}
	se, _ = st.Session(ctx, sid)
	gs := client(t, ts, "geschaeftsstelle")
	// The management page says from when it can be opened instead of
	// offering the button the store refuses (before: "Sitzung eröffnen").
	opensOn := "Eröffnen lässt sich die Sitzung ab ihrem Tag, dem " + day.German()
	if _, body := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil); !strings.Contains(body, opensOn) || strings.Contains(body, `name="naechster" value="laufend"`) {
		t.Errorf("the management page offers to open the session before its day:\n%s", between(body, "<main", "</form>"))
	}
	code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", url.Values{"version": {fmt.Sprint(se.Version)}, "naechster": {"laufend"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "ist für den "+day.German()+" geplant") || !strings.Contains(body, opensOn) {
		t.Fatalf("opened before its day: %d %s", code, between(body, "<main", "</form>"))
	}
	if se, _ = st.Session(ctx, sid); se.Status != model.StatusConvened {
		t.Errorf("status = %s", se.Status)
	}
}

// TestLivePageNamesARejectedProposal: the live page names a rejected
// proposal as the minutes do, "abgelehnter Beschlussvorschlag", without a
// number; it said "Beschluss (ohne Nummer) – abgelehnt".
func TestLivePageNamesARejectedProposal(t *testing.T) {
	ts, st, _ := lawServer(t)
	_, item, d := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	form := everyoneBut("nein")
	form.Set("version", "1")
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung", ts.URL, d), seenVersion(t, st, d, form)); code != http.StatusSeeOther {
		t.Fatalf("show of hands: %d %s", code, between(body, "<main", "</h1>"))
	}
	_, body := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, item), nil)
	if row := between(body, `<p class="speaker">`, "</p>"); !strings.HasPrefix(row, "abgelehnter Beschlussvorschlag ·") {
		t.Errorf("the rejected proposal is named %q", row)
	}
}

// TestAttendanceRefusalAtField: a refused attendance list names the field
// of the member's row it is about (aria-invalid, aria-describedby and the
// reason beside it) and keeps the other rows as typed (before: only a box
// above the list).
func TestAttendanceRefusalAtField(t *testing.T) {
	ts, st, _ := lawServer(t)
	runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	form := url.Values{"anwesenheit_BW": {"anwesend"}, "person_BW": {"Dr. Beate Muster"}, "anwesenheit_HE": {"vertreten"}, "version": {drawnAttendance(t, gs, ts.URL+"/sitzungen/48/anwesenheit")}}
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/anwesenheit", form)
	if code != http.StatusBadRequest && code != http.StatusUnprocessableEntity {
		t.Errorf("represented without a person: %d", code)
	}
	if !strings.Contains(page, `id="per-HE"`) || !strings.Contains(between(page, `id="per-HE"`, "</td>"), `aria-invalid="true" aria-describedby="per-HE-fehler"`) ||
		!strings.Contains(page, `<p class="field-error" id="per-HE-fehler">Für die Vertretung von Hessen bitte die vertretende Person angeben.`) {
		t.Errorf("the reason is not at the person of HE:\n%s", between(page, `id="per-HE"`, "</td>"))
	}
	if n := strings.Count(page, `aria-invalid="true"`); n != 1 {
		t.Errorf("%d fields marked invalid, want 1", n)
	}
	if !strings.Contains(page, `value="Dr. Beate Muster"`) {
		t.Error("the other rows are not kept as typed")
	}
	for _, p := range wellFormedProblems(page) {
		t.Error(p)
	}
}
