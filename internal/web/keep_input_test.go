package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestNewSessionFormKeepsWhatWasTyped: a refused "Neue Sitzung" showed
// the parsed values again, not what was typed — a number "4x9" came back
// as "0", a date typed as text that is no date came back empty — so the
// secretariat retyped a field it could not see it had got wrong.
func TestNewSessionFormKeepsWhatWasTyped(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"4x9"}, "datum": {"31.02.2027"}, "anmeldeschluss": {"nächste Woche"},
		"beginn": {"09:00"}, "ende": {"13:00"}, "ort": {"Berlin"}, "antrag": {"HE"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("refused form: %d %s", code, between(page, "<main", "</main>"))
	}
	form := between(page, `<form method="post" action="/sitzungen"`, "</form>")
	for _, want := range []string{
		`name="nummer" inputmode="numeric" required value="4x9"`,
		`name="datum" type="date" required value="31.02.2027"`,
		`name="anmeldeschluss" type="date" value="nächste Woche"`,
		`name="ort" value="Berlin"`,
		`name="antrag" value="HE"`,
		"Die Nummer der Sitzung muss eine positive Zahl sein.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("refused form lacks %q:\n%s", want, form)
		}
	}
	// A new form shows the next number and the usual times.
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/neu", nil); !strings.Contains(page, `name="beginn" pattern="[0-2][0-9]:[0-5][0-9]" value="09:00"`) ||
		!strings.Contains(page, `name="nummer" inputmode="numeric" required value="4`) {
		t.Errorf("new form: %s", between(page, `<form method="post" action="/sitzungen"`, "</form>"))
	}
}

// TestStaleProposalKeepsWhatWasTyped: a proposal is named by its sentence
// (minutes.proposalKey), so editing the wording of its contribution gives
// it another key. Confirming the open form then answered 409 "Dieser
// Vorschlag ist bereits bestätigt oder verworfen." — not true — on the
// bare error page, and the text, responsible ones and deadline typed were
// gone. Now the proposals page says that the text changed, shows the form
// as typed, confirming the proposal of the changed sentence, and that
// proposal in the list too; nothing is stored until it is confirmed.
func TestStaleProposalKeepsWhatWasTyped(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	ctx := context.Background()
	f := demoFollowUp(t, st, "wissenschaftlichen Instituts")
	gs := client(t, hs.ts, "geschaeftsstelle")
	sentence := "Bitte an den Bund, dies bis zum 31.03.2027 mit den Ländern zu überprüfen."
	cid, err := st.CreateContribution(ctx, model.Contribution{ItemID: f.ItemID, Speaker: "HE", Points: []string{sentence}})
	if err != nil {
		t.Fatal(err)
	}
	page := hs.ts.URL + "/sitzungen/47/auftragsvorschlaege"
	_, before := do(t, gs, "GET", page, nil)
	form := regexp.MustCompile(`name="schluessel" value="([^"]+)">(?:<input type="hidden" name="zeile" value="([^"]+)">)?\s*<div class="field"><label for="v\d+-text">Auftrag</label><textarea[^>]*>` + regexp.QuoteMeta(sentence)).FindStringSubmatch(before)
	if form == nil {
		t.Fatalf("no proposal of the contribution:\n%s", between(before, "<h1", "</main>"))
	}
	var c model.Contribution
	cs, _ := st.Contributions(ctx, f.ItemID)
	for _, x := range cs {
		if x.ID == cid {
			c = x
		}
	}
	changed := "Bitte an den Bund, dies bis zum 30.04.2027 gemeinsam mit den Ländern zu überprüfen."
	c.Points = []string{changed}
	if err := st.UpdateContribution(ctx, c); err != nil {
		t.Fatal(err)
	}
	typed := url.Values{"schluessel": {form[1]}, "zeile": {form[2]}, "aktion": {"bestaetigen"},
		"text": {"Der Bund prüft mit den Ländern (umformuliert)."}, "verantwortlich": {"Bund, HE"}, "frist": {"2027-05-15"}, "frist_sitzung": {""}}
	code, got := do(t, gs, "POST", page, typed)
	if code != http.StatusConflict || strings.Contains(got, "bereits bestätigt oder verworfen") || !strings.Contains(got, "Der zugrunde liegende Text wurde inzwischen geändert") {
		t.Fatalf("stale confirmation: %d %s", code, between(got, "<main", "</main>"))
	}
	stale := between(got, `<section class="stale-proposal"`, "</section>")
	for _, want := range []string{"Der Bund prüft mit den Ländern (umformuliert).", `value="Bund, HE"`, `value="2027-05-15"`, "„" + changed + "“"} {
		if !strings.Contains(stale, want) {
			t.Errorf("the stale form lacks %q:\n%s", want, stale)
		}
	}
	// The changed sentence's proposal is listed too, as derived.
	if !strings.Contains(between(got, `<ul class="followup-list">`, "</ul>"), changed) {
		t.Errorf("the changed sentence's proposal is not listed:\n%s", between(got, "<main", "</main>"))
	}
	if fs, _ := st.FollowUps(ctx, store.FollowUpFilter{}); strings.Contains(fmt.Sprint(fs), "umformuliert") {
		t.Error("a follow-up stored from the stale form")
	}
	// From a form that does not name its row (the live page's), the
	// typed input is shown for copying.
	fromLive := url.Values{}
	for k, v := range typed {
		fromLive[k] = v
	}
	fromLive.Del("zeile")
	if code, got := do(t, gs, "POST", page, fromLive); code != http.StatusConflict ||
		!strings.Contains(between(got, `<dl class="typed-input"`, "</dl>"), "Der Bund prüft mit den Ländern (umformuliert).") {
		t.Errorf("stale confirmation without its row: %d %s", code, between(got, "<main", "</main>"))
	}
	// The form as shown confirms the changed sentence's proposal.
	next := regexp.MustCompile(`id="geaendert">\s*<input type="hidden" name="schluessel" value="([^"]+)">`).FindStringSubmatch(stale)
	if next == nil {
		t.Fatalf("no form for the changed proposal:\n%s", stale)
	}
	typed.Set("schluessel", next[1])
	if code, got := do(t, gs, "POST", page, typed); code != http.StatusSeeOther {
		t.Fatalf("confirming the changed proposal: %d %s", code, between(got, "<main", "</main>"))
	}
	fs, _ := st.FollowUps(ctx, store.FollowUpFilter{})
	var made bool
	for _, x := range fs {
		made = made || x.Text == "Der Bund prüft mit den Ländern (umformuliert)." && x.DueDate == model.NewDate(2027, 5, 15)
	}
	if !made {
		t.Errorf("no follow-up from the confirmed form: %+v", fs)
	}
	// A proposal confirmed already still says so.
	if code, got := do(t, gs, "POST", page, typed); code != http.StatusConflict || !strings.Contains(got, "bereits bestätigt oder verworfen") {
		t.Errorf("confirmed twice: %d %s", code, between(got, "<main", "</main>"))
	}
}

// TestApprovalOfMinutesChangedMeanwhileIsRefused: the approval rendered
// the minutes' text and then approved it in a transaction of its own; a
// row edited in between was frozen with the minutes but missing from the
// text kept as approved. Now the row changed between the rendering and the
// approval (beforeApprovalWrite, another writer) refuses the approval with
// a conflict said at its button, the minutes stay a draft, and the next
// approval keeps the edited text.
func TestApprovalOfMinutesChangedMeanwhileIsRefused(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := runSession48(t, ts, st)
	presentExcept(t, st, se.ID)
	gs := client(t, ts, "geschaeftsstelle")
	s47, _ := st.SessionByNumber(ctx, se.BodyID, 47)
	var row model.Contribution
	items, _ := st.Items(ctx, s47.ID)
	for _, it := range items {
		if cs, _ := st.Contributions(ctx, it.ID); len(cs) > 0 && row.ID == 0 {
			row = cs[0]
		}
	}
	if row.ID == 0 {
		t.Fatal("no contribution in the 47th session's minutes")
	}
	beforeApprovalWrite = func() {
		row.Points = []string{"Zwischen Lesen und Genehmigen geändert."}
		if err := st.UpdateContribution(ctx, row); err != nil {
			t.Error(err)
		}
	}
	t.Cleanup(func() { beforeApprovalWrite = nil })
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", approvalForm(t, gs, ts.URL+"/sitzungen/48/verwaltung", 47))
	beforeApprovalWrite = nil
	if code != http.StatusConflict || !strings.Contains(page, `id="genehmigen-47-fehler"`) ||
		!strings.Contains(page, "Das Protokoll der 47. Sitzung wurde inzwischen geändert") || !strings.Contains(page, "genehmigen Sie erneut") {
		t.Fatalf("approval of minutes changed meanwhile: %d %s", code, between(page, "<main", "</main>"))
	}
	if got, _ := st.Session(ctx, s47.ID); got.Status != model.StatusMinutesDraft {
		t.Fatalf("the 47th's minutes are %q", got.Status)
	}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", approvalFormOf(t, page, 47)); code != http.StatusSeeOther {
		t.Fatalf("approval read again: %d %s", code, between(body, "<main", "</main>"))
	}
	vs, _ := st.MinutesVersions(ctx, s47.ID)
	if len(vs) != 1 || !strings.Contains(vs[0].Text, "Zwischen Lesen und Genehmigen geändert.") {
		t.Errorf("the approved text lacks the edit: %d versions", len(vs))
	}
}
