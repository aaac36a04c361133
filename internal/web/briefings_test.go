package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// TestBriefingFMK: the demo's dossier for the Finanzministerkonferenz shows
// and exports (PDF with sources) its key messages, its relevant demo
// decisions, the next dates and the spokespersons; a new version keeps the
// old one, the comparison shows what changed, a stale save is refused, a
// changed key message shows in the briefing; the spokesperson finds the
// current briefing on the personal page.
func TestBriefingFMK(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmk, id := fmkDossier(t, st)
	// The FMK's next dates (the demo's calendar may have more).
	next := model.BerlinDate(time.Now().AddDate(0, 2, 0))
	if _, err := st.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: fmk.ID, Title: "Finanzministerkonferenz", Starts: next, Place: "Berlin", UID: "test-fmk@gremium"}); err != nil {
		t.Fatal(err)
	}
	dates, _ := st.ConferenceDates(ctx, fmk.ID, model.BerlinDate(time.Now()))
	if len(dates) == 0 {
		t.Fatal("no next FMK dates")
	}
	gs := client(t, ts, "geschaeftsstelle")
	path := fmt.Sprintf("%s/briefings/%d", ts.URL, id)
	_, page := do(t, gs, "GET", path, nil)
	for _, want := range []string{"Novellierung des Onlinezugangsgesetzes", "B-2025/27-IT", dates[0].Starts.German(), "Dr. Martin Hagen", "Welche Digitalisierungsthemen"} {
		if !strings.Contains(page, want) {
			t.Errorf("briefing page lacks %q", want)
		}
	}
	pdfText := func(p string) string {
		res, err := gs.Get(p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return pdftest.Words(t, b)
	}
	txt := pdfText(path + "/pdf")
	for _, want := range []string{"Handakte Finanzministerkonferenz", "B-2025/27-IT", "Gemeinsame EfA-Finanzierung", dates[0].Starts.German(), "Quellen",
		"Beschluss B-2025/27-IT des IT-Planungsrats vom 26.06.2025", "Das 2017 erlassene OZG", "Offene Aufträge"} {
		if !strings.Contains(txt, want) {
			t.Errorf("briefing PDF lacks %q:\n%s", want, txt)
		}
	}
	if strings.Contains(txt, "B-2025/26-IT") {
		t.Error("the FMK PDF lists a decision not relevant to the FMK")
	}
	// A new version: the text changes, a key message is dropped.
	b, _ := st.Briefing(ctx, id)
	v1 := b.Latest()
	kms, _ := st.KeyMessages(ctx)
	form := url.Values{"inhalt": {v1.Content + "\nNeu: Steuerverwaltung und ELSTER als Anknüpfungspunkt."}, "leitfragen": {strings.Join(v1.Questions, "\n")},
		"seit": {"2025-01-01"}, "version": {fmt.Sprint(v1.Version)}}
	for _, k := range kms {
		if k.Title == "Novellierung des Onlinezugangsgesetzes" {
			form.Add("kernbotschaft", fmt.Sprint(k.ID))
		}
	}
	if code, body := do(t, gs, "POST", path, form); code != http.StatusSeeOther {
		t.Fatalf("new version: %d %s", code, body)
	}
	if code, _ := do(t, gs, "POST", path, form); code != http.StatusConflict {
		t.Errorf("a save based on the old version: %d", code)
	}
	b, _ = st.Briefing(ctx, id)
	if len(b.Versions) != 2 || b.Versions[0].Content != v1.Content || b.Versions[1].Author != "Geschäftsstelle IT-PLR (FITKO)" {
		t.Fatalf("versions: %+v", b.Versions)
	}
	_, page = do(t, gs, "GET", path+"?von=1&bis=2", nil)
	if !strings.Contains(page, `<p class="diff-add"><span class="visually-hidden">hinzugefügt: </span>Neu: Steuerverwaltung und ELSTER als Anknüpfungspunkt.</p>`) ||
		!strings.Contains(page, `<p class="diff-del"><span class="visually-hidden">entfernt: </span>- Priorisierung innerhalb der OZG-Umsetzung</p>`) {
		t.Errorf("the comparison does not show the changes")
	}
	if _, page := do(t, gs, "GET", path+"?fassung=1", nil); !strings.Contains(page, "Priorisierung innerhalb der OZG-Umsetzung") {
		t.Error("the old version is not kept")
	}
	// A key message changes once, for every briefing that includes it.
	k, _ := st.KeyMessageByTitle(ctx, "Novellierung des Onlinezugangsgesetzes")
	if code, _ := do(t, gs, "POST", ts.URL+"/kernbotschaften", url.Values{"id": {fmt.Sprint(k.ID)}, "version": {fmt.Sprint(k.Version)}, "titel": {k.Title},
		"text": {"- Das OZG-Änderungsgesetz ist in Kraft (Stand 2026)."}}); code != http.StatusSeeOther {
		t.Fatalf("update key message: %d", code)
	}
	if _, page := do(t, gs, "GET", path, nil); !strings.Contains(page, "Das OZG-Änderungsgesetz ist in Kraft") {
		t.Error("the changed key message is not in the briefing")
	}
	// The spokesperson's page shows the current briefing of the FMK.
	if _, page := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(page, fmt.Sprintf(`<a href="/briefings/%d">%s</a> – Finanzministerkonferenz, Stand %s (Fassung 2)`, id, demo.FMKBriefingTitle, model.BerlinDate(time.Now()).German())) {
		t.Error("the spokesperson's page lacks the current FMK briefing")
	}
	// Internal: the FachMK secretariat and the public do not read it.
	if code, _ := do(t, client(t, ts, "fmk"), "GET", path, nil); code != http.StatusForbidden {
		t.Errorf("the FMK secretariat reads the internal briefing: %d", code)
	}
}

// TestBriefingTextSurvivesAnOpenMark: a confidentiality mark left open
// ("[[") in a new briefing, a new version or a key message is refused, and
// the form comes back with the typed text in its field (422,
// TestRefusedBriefingKeepsTheForm). Before, the page said only what was
// wrong and the briefing's text was lost.
func TestBriefingTextSurvivesAnOpenMark(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	bs, _ := st.Briefings(ctx, fmk.ID)
	if len(bs) == 0 {
		t.Fatal("no FMK briefing")
	}
	gs := client(t, ts, "geschaeftsstelle")
	text := "Lage der Finanzministerkonferenz, drei Absätze lang\nVertraulich: [[Haltung des Bundes"
	for what, post := range map[string]struct {
		path string
		form url.Values
	}{
		"new briefing": {"/briefings", url.Values{"titel": {"Handakte Steuer"}, "fachmk": {"FMK"}, "inhalt": {text}}},
		"new version":  {fmt.Sprintf("/briefings/%d", bs[0].ID), url.Values{"version": {"1"}, "inhalt": {text}}},
		"key message":  {"/kernbotschaften", url.Values{"titel": {"Kernbotschaft Steuer"}, "text": {text}}},
	} {
		code, page := do(t, gs, "POST", ts.URL+post.path, post.form)
		if code != http.StatusUnprocessableEntity {
			t.Errorf("%s with an open mark: %d", what, code)
		}
		if !strings.Contains(page, "Vertraulich: [[Haltung des Bundes</textarea>") {
			t.Errorf("%s: the typed text is lost", what)
		}
	}
}

// TestBriefingFollowsTheProfile: the dossier takes a conference's decisions
// as the debrief pack does: the registration named the FMK on B-2025/27-IT,
// but once the profile assesses it "nicht relevant" for the FMK the FMK's
// dossier no longer lists it. Before, the dossier took the register's
// filter (profile or statement) and kept the decision the reporting member
// had ruled out, while the debrief and the spokesperson's area dropped it.
func TestBriefingFollowsTheProfile(t *testing.T) {
	ts, st := cycleServer(t)
	fmk, id := fmkDossier(t, st)
	gs := client(t, ts, "geschaeftsstelle")
	path := fmt.Sprintf("%s/briefings/%d", ts.URL, id)
	if _, page := do(t, gs, "GET", path, nil); !strings.Contains(page, "B-2025/27-IT") {
		t.Fatal("the FMK dossier lacks B-2025/27-IT before the assessment")
	}
	form := url.Values{fmt.Sprintf("relevant_%d", fmk.ID): {"nein"}, fmt.Sprintf("grund_%d", fmk.ID): {"betrifft die Finanzierung der EfA-Leistungen, nicht die Finanzverwaltung"}}
	if code, _ := do(t, client(t, ts, "hessen"), "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, decisionID(t, st, 27)), form); code != http.StatusSeeOther {
		t.Fatalf("Hessen's profile of 27: %d", code)
	}
	if _, page := do(t, gs, "GET", path, nil); strings.Contains(page, "B-2025/27-IT") {
		t.Error("the FMK dossier lists B-2025/27-IT, assessed not relevant for the FMK")
	}
	if _, pack := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil); strings.Contains(pack, "B-2025/27-IT für Finanzministerkonferenz") {
		t.Error("the debrief pack lists B-2025/27-IT for the FMK")
	}
}

// fmkDossier gives the FMK and the id of its one briefing, the demo's
// "Handakte Finanzministerkonferenz".
func fmkDossier(t *testing.T, st *store.Store) (model.Body, int64) {
	t.Helper()
	ctx := context.Background()
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	bs, _ := st.Briefings(ctx, fmk.ID)
	if len(bs) != 1 {
		t.Fatalf("FMK briefings: %+v", bs)
	}
	return fmk, bs[0].ID
}

// TestBriefingSourcesAndOverdueFollowUps: the briefing PDF gave its
// sources as bare paths ("/beschluesse/B-2025/27-IT") and called every
// source "Beschluss"; an overdue follow-up was not marked in the briefing
// (page and PDF). The sources are absolute URLs of the public address,
// named by the decision's kind, and an overdue follow-up is "überfällig"
// by the follow-up list's rule.
func TestBriefingSourcesAndOverdueFollowUps(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	_, id := fmkDossier(t, st)
	ds, err := st.Decisions(ctx, store.DecisionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var dec model.Decision
	for _, d := range ds {
		if d.Label == "B-2025/27-IT" {
			dec = d
		}
	}
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{DecisionID: dec.ID, Text: "Finanzierungsmodell vorlegen", Responsible: "BY",
		DueDate: model.NewDate(2025, 9, 30), Status: model.FollowUpOpen}); err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	path := fmt.Sprintf("%s/briefings/%d", ts.URL, id)
	_, page := do(t, gs, "GET", path, nil)
	if !strings.Contains(page, `Frist: 30.09.2025 – <span class="overdue-label">überfällig</span>`) {
		t.Error("the briefing page does not mark the overdue follow-up")
	}
	_, pdf := do(t, gs, "GET", path+"/pdf", nil)
	txt := pdftest.Words(t, []byte(pdf))
	for _, want := range []string{"Finanzierungsmodell vorlegen – BY, Frist: 30.09.2025 (überfällig)",
		"des IT-Planungsrats vom 26.06.2025: " + ts.URL + "/beschluesse/B-2025/27-IT",
		ts.URL + "/fachmk/sprecher.csv"} {
		if !strings.Contains(txt, want) {
			t.Errorf("briefing PDF lacks %q:\n%s", want, txt)
		}
	}
	if strings.Contains(txt, ": /beschluesse/") || strings.Contains(txt, "(/fachmk/") {
		t.Error("the briefing PDF gives a bare path as source")
	}
}

// TestSpokespersonCarriesTheBriefingOn: the briefing is a working document
// the spokesperson and their team carry on (concept 5.2): a spokesperson
// in office for its conference gets the form and saves a new version,
// named as its author; a spokesperson of another conference and a member
// office get no form, and their save is refused. Before, only the
// secretariat could.
func TestSpokespersonCarriesTheBriefingOn(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	_, id := fmkDossier(t, st)
	path := fmt.Sprintf("%s/briefings/%d", ts.URL, id)
	hb := client(t, ts, "sprecher-hb") // speaks for the FMK
	_, page := do(t, hb, "GET", path, nil)
	if !strings.Contains(page, `id="fassung"`) {
		t.Fatal("the FMK's spokesperson gets no form for a new version")
	}
	b, _ := st.Briefing(ctx, id)
	v := b.Latest()
	form := url.Values{"inhalt": {v.Content + "\nNachtrag der Sprecherin: Termin mit dem FMK-Vorsitz."}, "leitfragen": {strings.Join(v.Questions, "\n")},
		"seit": {"2025-01-01"}, "version": {fmt.Sprint(v.Version)}}
	if code, body := do(t, hb, "POST", path, form); code != http.StatusSeeOther {
		t.Fatalf("the spokesperson's version: %d %s", code, excerpt(body, "error"))
	}
	b, _ = st.Briefing(ctx, id)
	if got := b.Latest(); got.Version != v.Version+1 || !strings.Contains(got.Content, "Nachtrag der Sprecherin") {
		t.Errorf("after the spokesperson's save: version %d %q", got.Version, got.Content)
	}
	form.Set("version", fmt.Sprint(v.Version+1))
	if code, _ := do(t, client(t, ts, "hessen"), "POST", path, form); code != http.StatusForbidden {
		t.Errorf("a member office saves a version: %d", code)
	}
	if _, page := do(t, client(t, ts, "hessen"), "GET", path, nil); strings.Contains(page, `id="fassung"`) {
		t.Error("a member office gets the form")
	}
	// Another conference's briefing: no form, and the save is refused.
	imk, err := st.BodyByAbbrev(ctx, "IMK")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := st.HoldsFunction(ctx, imk.ID, "HB"); ok {
		t.Fatal("HB speaks for the IMK in the demo")
	}
	otherID, err := st.CreateBriefing(store.WithActor(ctx, "test"), model.Briefing{ConferenceID: imk.ID, Title: "Handakte Innenministerkonferenz"}, model.BriefingVersion{Stand: model.NewDate(2025, 1, 10), Content: "Erste Fassung"})
	if err != nil {
		t.Fatal(err)
	}
	other := fmt.Sprintf("%s/briefings/%d", ts.URL, otherID)
	if _, page := do(t, hb, "GET", other, nil); strings.Contains(page, `id="fassung"`) {
		t.Error("the FMK's spokesperson gets the form of the IMK's briefing")
	}
	form.Set("version", "1")
	if code, _ := do(t, hb, "POST", other, form); code != http.StatusForbidden {
		t.Errorf("the FMK's spokesperson saves the IMK's briefing: %d", code)
	}
}
