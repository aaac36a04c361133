package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/model"
)

// TestVerwaltungRecordsHowTheMinutesWereApproved: the approval of the
// 47th session's minutes on the Verwaltung page of the running 48th asks,
// as TOP 00 of the live page does, how they were approved — members
// abstaining and against, "mit Änderungen" and which — each field with
// its label and the hint; a member named who does not vote is refused at
// the field, everything typed kept, nothing approved. Approved with an
// abstention, the 48th session's minutes say so once under TOP 00 ("Ein-
// stimmige Bestätigung des Protokolls der 47. Sitzung, bei Enthaltung
// …"), and the generated line "… wurde genehmigt." does not say it
// again. Before, the Verwaltung's form asked nothing and the minutes said
// only that the minutes were approved.
func TestVerwaltungRecordsHowTheMinutesWereApproved(t *testing.T) {
	ts, st, se, gs := approvalScene(t)
	ctx := context.Background()
	manage := ts.URL + "/sitzungen/48/verwaltung"
	_, page := do(t, gs, "GET", manage, nil)
	block := between(page, `id="genehmigen-47"`, "</form>")
	for _, want := range []string{`name="ergebnis" value="1"`,
		`<label for="genehmigen-47-enthaltung">Enthaltung von</label>`, `id="genehmigen-47-enthaltung" name="enthaltung" value="" aria-describedby="genehmigen-47-ergebnis-hinweis"`,
		`<label for="genehmigen-47-gegen">Gegenstimmen von</label>`, `id="genehmigen-47-gegen" name="gegen" value="" aria-describedby="genehmigen-47-ergebnis-hinweis"`,
		`id="genehmigen-47-geaendert" name="geaendert" value="1"`, `<label for="genehmigen-47-geaendert">`,
		`<label for="genehmigen-47-aenderungen">`, `<textarea id="genehmigen-47-aenderungen" name="aenderungen"`,
		`<p class="hint" id="genehmigen-47-ergebnis-hinweis">`} {
		if !strings.Contains(block, want) {
			t.Fatalf("the Verwaltung's approval lacks %s: %s", want, block)
		}
	}
	form := browserForm(t, page, "/sitzungen/48/genehmigen")
	if form.Get("protokoll") != "47" {
		t.Fatalf("the first approval form is not the 47th's: %v", form)
	}
	_, page = refuseAdvisoryAgainst(t, ts, st, se, gs, form, "Anwesenheitsliste ergänzt")
	block = between(page, `id="genehmigen-47"`, "</form>")
	for _, want := range []string{`<p class="field-error" id="genehmigen-47-gegen-fehler">„DLT“ ist im Gremium`,
		`name="gegen" value="DLT" aria-describedby="genehmigen-47-ergebnis-hinweis genehmigen-47-gegen-fehler" aria-invalid="true"`,
		`name="enthaltung" value="Hessen"`, `name="geaendert" value="1" checked`, ">Anwesenheitsliste ergänzt</textarea>"} {
		if !strings.Contains(block, want) {
			t.Errorf("an advisory member against: the form lacks %s: %s", want, block)
		}
	}
	if box := between(page, `id="genehmigen-47-fehler"`, "</div>"); !strings.Contains(box, "„DLT“") || strings.Contains(box, "Anwesenheit erfassen") {
		t.Errorf("the error box of a refused field: %s", box)
	}

	// The form shown again approves.
	form = browserForm(t, page, "/sitzungen/48/genehmigen")
	form.Set("gegen", "")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", form); code != http.StatusSeeOther {
		t.Fatalf("approved on the Verwaltung: %d %s", code, between(body, `id="genehmigen-47"`, "</form>"))
	}
	if s47, _ := st.SessionByNumber(ctx, se.BodyID, 47); s47.Status != model.StatusMinutesApproved || s47.ApprovedIn != 48 {
		t.Fatalf("the 47th minutes: %q in %d", s47.Status, s47.ApprovedIn)
	}
	const row = "Einstimmige Bestätigung des Protokolls der 47. Sitzung, bei Enthaltung "
	for _, path := range []string{"/sitzungen/48/protokoll", "/sitzungen/48/protokoll.txt"} {
		code, body := do(t, gs, "GET", ts.URL+path, nil)
		if code != http.StatusOK || strings.Count(body, row) != 1 || !strings.Contains(body, "von HE") || !strings.Contains(body, "mit Änderungen: Anwesenheitsliste ergänzt.") {
			t.Errorf("%s (%d) does not say once how the 47th minutes were approved: %d times", path, code, strings.Count(body, row))
		}
		if strings.Contains(body, "Das Protokoll der 47. Sitzung") && strings.Contains(body, "wurde genehmigt.") {
			t.Errorf("%s says the approval twice: %s", path, between(body, "Das Protokoll der 47. Sitzung", "genehmigt."))
		}
	}
}

// TestVerwaltungOffersTheWrittenProcedureForACorrection: on the
// Verwaltung page of the running 48th session a proposed correction of
// the approved 47th minutes is offered, beside "Berichtigung genehmigen",
// "im Umlaufverfahren genehmigen": the start form, that correction
// chosen. Once a procedure runs on it, the page says so with a link to it
// instead (and offers no approval in the session, which the store would
// refuse); another correction of those minutes says it waits for that
// procedure; the start form opened for the correction again says why it
// is not offered. Approved by the procedure, the minutes list the
// correction "genehmigt im Umlaufverfahren am …". Before, the Verwaltung
// offered no written procedure, and the minutes said "genehmigt am …".
func TestVerwaltungOffersTheWrittenProcedureForACorrection(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s47, c := approved47(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	first, err := st.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: c.ID, After: "Im Umlauf berichtigt.", Reason: "Wiedergabe ungenau"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := st.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: otherContribution(t, st, s47.ID, c.ID), After: "Zweite.", Reason: "Tippfehler"})
	if err != nil {
		t.Fatal(err)
	}
	manage := func() string {
		t.Helper()
		code, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
		if code != http.StatusOK {
			t.Fatalf("Verwaltung: %d", code)
		}
		return between(page, `<h2 id="h-berichtigungen-gen">`, "</section>")
	}
	link := func(id int64) string {
		return fmt.Sprintf(`<a href="/umlaufverfahren/neu?berichtigung=%d" id="berichtigung-%d-umlaufverfahren">im Umlaufverfahren genehmigen<span class="visually-hidden">: Protokoll der 47. Sitzung, Wortbeitrag</span></a>`, id, id)
	}
	list := manage()
	for _, id := range []int64{first, second} {
		if !strings.Contains(list, link(id)) {
			t.Errorf("the Verwaltung offers no written procedure for correction %d: %s", id, list)
		}
	}

	code, page := do(t, gs, "GET", fmt.Sprintf("%s/umlaufverfahren/neu?berichtigung=%d", ts.URL, first), nil)
	f := browserForm(t, page, "/umlaufverfahren")
	if code != http.StatusOK || f.Get("berichtigung") != fmt.Sprint(first) || f.Get("titel") != "Genehmigung einer Berichtigung des Protokolls der 47. Sitzung" {
		t.Fatalf("the start form from the Verwaltung: %d %v", code, f)
	}
	f.Set("antrag", "Bund")
	if code, body := do(t, gs, "POST", ts.URL+"/umlaufverfahren", f); code != http.StatusSeeOther {
		t.Fatalf("start: %d %s", code, body)
	}
	ps, _ := st.Procedures(ctx)
	if len(ps) != 1 {
		t.Fatalf("procedures: %d", len(ps))
	}
	pid := ps[0].ID

	list = manage()
	item := func(reason string) string {
		t.Helper()
		for _, li := range strings.Split(list, "<li>") {
			if strings.Contains(li, "Grund: "+reason) {
				return li
			}
		}
		t.Fatalf("the Verwaltung lists no correction %q: %s", reason, list)
		return ""
	}
	if !strings.Contains(item("Wiedergabe ungenau"), fmt.Sprintf(`Wird im Umlaufverfahren <a href="/umlaufverfahren/%d">„Genehmigung einer Berichtigung des Protokolls der 47. Sitzung“</a> genehmigt`, pid)) ||
		strings.Contains(list, fmt.Sprintf("berichtigung=%d", first)) || strings.Contains(list, fmt.Sprintf(`action="/protokollberichtigungen/%d/genehmigen"`, first)) {
		t.Errorf("the correction in procedure on the Verwaltung: %s", list)
	}
	if !strings.Contains(item("Tippfehler"), fmt.Sprintf(`id="berichtigung-%d-umlauf">Wartet, bis das Umlaufverfahren <a href="/umlaufverfahren/%d">`, second, pid)) ||
		strings.Contains(list, fmt.Sprintf("berichtigung=%d", second)) || !strings.Contains(list, fmt.Sprintf(`aria-describedby="berichtigung-%d-umlauf"`, second)) {
		t.Errorf("the other correction of those minutes on the Verwaltung: %s", list)
	}
	_, page = do(t, gs, "GET", fmt.Sprintf("%s/umlaufverfahren/neu?berichtigung=%d", ts.URL, first), nil)
	if note := between(page, `id="berichtigung-nicht-angeboten"`, "</div>"); !strings.Contains(note, "wird bereits im Umlaufverfahren genehmigt") || !strings.Contains(note, fmt.Sprintf(`<a href="/umlaufverfahren/%d">`, pid)) {
		t.Errorf("the start form opened again for the correction: %s", note)
	}

	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			if err := st.CastVote(ctx, pid, m.Abbrev, model.VoteYes); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := st.EndProcedureEarly(ctx, pid); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/sitzungen/47/protokoll", "/sitzungen/47/live"} {
		_, page := do(t, gs, "GET", ts.URL+path, nil)
		if corr := between(page, `<h2 id="h-berichtigungen">`, "</section>"); !strings.Contains(corr, "genehmigt im Umlaufverfahren am ") {
			t.Errorf("%s does not say the correction was approved by written procedure: %s", path, corr)
		}
	}
	if list := manage(); !strings.Contains(list, link(second)) {
		t.Errorf("after the procedure the other correction is offered no written procedure: %s", list)
	}
}
