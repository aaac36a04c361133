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

// TestDebriefPointsOutAConferenceAssessedSince: after the debrief was
// sent, a FachMK assessed relevant in a decision profile is not added to
// the pack silently; the debrief page and the secretariat's Mein Bereich
// say that it is missing and how to add it (before: nothing, and "Keine
// Nachbesprechung ist fällig"); ticked and saved, it is in the pack. The
// notice after sending counts one message in the singular (before: "mit 1
// Nachrichten"), and the drafted invitation puts date and place before
// "herzlich ein" (before: "… herzlich ein am 17.07.2025 (Videokonferenz).").
func TestDebriefPointsOutAConferenceAssessedSince(t *testing.T) {
	ts, st := debriefServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	wmk, _ := st.BodyByAbbrev(ctx, "WMK")
	assess := func(seq int, conf model.Body) {
		t.Helper()
		form := url.Values{fmt.Sprintf("relevant_%d", conf.ID): {"ja"}, fmt.Sprintf("grund_%d", conf.ID): {"Finanzierung"}}
		if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, decisionID(t, st, seq)), form); code != http.StatusSeeOther {
			t.Fatalf("profile of %d: %d", seq, code)
		}
	}
	assess(27, fmk)
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: fmk.ID, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}); err != nil {
		t.Fatal(err)
	}
	page47 := ts.URL + "/sitzungen/47/nachbesprechung"
	_, page := do(t, gs, "GET", page47, nil)
	if !strings.Contains(page, "laden wir die Geschäftsstellen der Fachministerkonferenzen am ") || !strings.Contains(page, "(Videokonferenz) herzlich ein.") {
		t.Errorf("the drafted invitation's word order:\n%s", between(page, `name="einladung"`, "</textarea>"))
	}
	send := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Einladung"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HE"}}
	if code, body := postDebrief(t, gs, page47+"/versenden", send); code != http.StatusSeeOther {
		t.Fatalf("send: %d %s", code, body)
	}
	_, page = do(t, gs, "GET", page47, nil)
	if !strings.Contains(page, "Die Einladung liegt mit 1 Nachricht im Postausgang") {
		t.Errorf("the notice after sending to one address:\n%s", between(page, `class="notice-box"`, "</div>"))
	}
	if strings.Contains(page, `id="nb-seither"`) {
		t.Error("a hint before anything was assessed since")
	}

	// The WMK is assessed relevant for B-2025/26-IT after the sending.
	assess(26, wmk)
	_, page = do(t, gs, "GET", page47, nil)
	hint := between(page, `id="nb-seither"`, "</div>")
	for _, want := range []string{wmk.Name + `: <a href="/beschluesse/B-2025/26-IT">B-2025/26-IT</a>`, "Aufnehmen", "Speichern und Einladung versenden",
		// Queued, not delivered: it said "schon versandt".
		"Die Einladung ist schon zum Versand gegeben"} {
		if !strings.Contains(hint, want) {
			t.Errorf("the debrief page's hint lacks %q:\n%s", want, hint)
		}
	}
	row := between(page, "seither als relevant beurteilt)", "</tr>")
	if !strings.Contains(row, fmt.Sprintf(`name="aufnehmen-%d-%d"`, decisionID(t, st, 26), wmk.ID)) || strings.Contains(row, "checked") {
		t.Errorf("the conference assessed since is not offered unticked:\n%s", row)
	}
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	if db, _ := st.DebriefOfSession(ctx, s47.ID); len(db.Entries) != 1 {
		t.Errorf("the pack changed silently: %+v", db.Entries)
	}
	_, mine := do(t, gs, "GET", ts.URL+"/mein-bereich", nil)
	due := between(mine, `id="h-nachbesprechung"`, "</section>")
	if !strings.Contains(due, "Nachbesprechung der 47. Sitzung") || !strings.Contains(due, "nicht in der Nachbesprechung: Beschluss B-2025/26-IT ("+wmk.Name+")") {
		t.Errorf("Mein Bereich does not point out the missing conference:\n%s", due)
	}
	// The FachMK secretariat reads its own pack, without the offer.
	if _, read := do(t, client(t, ts, "fmk"), "GET", page47, nil); strings.Contains(read, wmk.Name) || strings.Contains(read, "nb-seither") {
		t.Error("the FMK secretariat reads the WMK's offered entry")
	}

	// Ticked and saved, it is in the pack and nothing is pointed out.
	db, _ := st.DebriefOfSession(ctx, s47.ID)
	save := url.Values{"version": {fmt.Sprint(db.Version)}, "datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Einladung"},
		"aufnehmen_0": {"1"}, "vorstellung_0": {"HE"}, "aufnehmen_1": {"1"}, "vorstellung_1": {"HH"}}
	if code, body := postDebrief(t, gs, page47, save); code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", code, body)
	}
	if db, _ := st.DebriefOfSession(ctx, s47.ID); len(db.Entries) != 2 {
		t.Errorf("after ticking: %+v", db.Entries)
	}
	if _, page = do(t, gs, "GET", page47, nil); strings.Contains(page, `id="nb-seither"`) {
		t.Error("the hint stays after the conference was added")
	}
	if _, mine = do(t, gs, "GET", ts.URL+"/mein-bereich", nil); strings.Contains(between(mine, `id="h-nachbesprechung"`, "</section>"), "nicht in der Nachbesprechung") {
		t.Error("Mein Bereich still points out the added conference")
	}
}

// TestRequestOriginNamed: a request's page names the conference it came
// from (before: "über FachMK-Geschäftsstelle"); the item registered from
// it names that request in the secretariat's Mein Bereich (before:
// "angemeldet von FITKO") and links it from its note on the management
// page (before: "(… /anliegen/2)" as plain text).
func TestRequestOriginNamed(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmk := client(t, ts, "fmk")
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, fmk, "POST", ts.URL+"/anliegen", url.Values{"titel": {"Digitale Grundsteuererklärung"}, "text": {"Bitte um Befassung"}}); code != http.StatusSeeOther {
		t.Fatalf("submit: %d", code)
	}
	fmkBody, _ := st.BodyByAbbrev(ctx, "FMK")
	qs, _ := st.Requests(ctx, fmkBody.ID)
	if len(qs) == 0 {
		t.Fatal("no request")
	}
	q := qs[0]
	path := fmt.Sprintf("%s/anliegen/%d", ts.URL, q.ID)
	for _, c := range []*http.Client{fmk, gs} {
		_, page := do(t, c, "GET", path, nil)
		if dd := between(page, "<dt>Eingegangen am</dt>", "</div>"); !strings.Contains(dd, "von der Geschäftsstelle der "+fmkBody.Name) || strings.Contains(dd, "über") {
			t.Errorf("the request's origin: %s", dd)
		}
	}
	planSession48(t, ts, st)
	if code, body := do(t, gs, "POST", path+"/top", url.Values{"sitzung": {"48"}, "abschnitt": {"0"}, "version": {fmt.Sprint(q.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("register: %d %s", code, body)
	}
	_, mine := do(t, gs, "GET", ts.URL+"/mein-bereich", nil)
	pending := between(mine, `id="h-annehmen"`, "</section>")
	line := between(pending, "Digitale Grundsteuererklärung", "</li>")
	if !strings.Contains(line, fmt.Sprintf(`aus dem <a href="/anliegen/%d">Anliegen der %s</a>`, q.ID, fmkBody.Name)) || strings.Contains(line, "angemeldet von FITKO") {
		t.Errorf("Mein Bereich's line of the registration:\n%s", line)
	}
	_, manage := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if strings.Contains(manage, fmt.Sprintf("/anliegen/%d)", q.ID)) || !strings.Contains(manage, fmt.Sprintf(`<a href="/anliegen/%d">Anliegen der %s vom`, q.ID, fmkBody.Name)) {
		t.Errorf("the note of the registration:\n%s", between(manage, "Digitale Grundsteuererklärung", "</tr>"))
	}
}

// TestAttendanceNoticeSeparatesVoters: the notice after saving the
// attendance counts the voting members apart from the advisory ones, so
// that it is not misread beside the quorum's "15 von 17" (before: "17
// Mitglieder anwesend oder vertreten" with DLT and FITKO among them).
func TestAttendanceNoticeSeparatesVoters(t *testing.T) {
	ts, st, _ := lawServer(t)
	runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	form := everyVoterPresent()
	form.Set("version", drawnAttendance(t, gs, ts.URL+"/sitzungen/48/anwesenheit"))
	form.Set("anwesenheit_SL", "abwesend")
	form.Set("anwesenheit_DLT", "anwesend")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/anwesenheit", form); code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", code, body)
	}
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/anwesenheit", nil)
	if !strings.Contains(page, "Die Anwesenheit ist gespeichert: 16 stimmberechtigte Mitglieder und 1 beratendes Mitglied oder Gast anwesend oder vertreten.") {
		t.Errorf("the notice:\n%s", between(page, `class="notice-box"`, "</div>"))
	}
}

// TestCorrectedDebriefNoticeCountsWithdrawals: a corrected invitation that
// leaves a conference out tells its addresses the earlier invitation no
// longer applies; the notice after sending counted only the invitations
// ("liegt mit 1 Nachricht im Postausgang"), not the message the dropped
// conference gets.
func TestCorrectedDebriefNoticeCountsWithdrawals(t *testing.T) {
	ts, st := debriefServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	wmk, _ := st.BodyByAbbrev(ctx, "WMK")
	for seq, conf := range map[int]model.Body{27: fmk, 26: wmk} {
		assess(t, ts, st, gs, seq, conf.Abbrev, "ja")
		if _, err := st.CreateContact(ctx, model.Contact{BodyID: conf.ID, Name: "Geschäftsstelle " + conf.Abbrev, Email: "gs@" + strings.ToLower(conf.Abbrev) + ".example"}); err != nil {
			t.Fatal(err)
		}
	}
	page47 := ts.URL + "/sitzungen/47/nachbesprechung"
	send := func(with, without [2]string) string {
		t.Helper()
		_, page := do(t, gs, "GET", page47, nil)
		form := browserForm(t, page, "/sitzungen/47/nachbesprechung")
		tick, presenter := debriefRow(t, page, with[0], with[1])
		form.Set(tick, "1")
		form.Set(presenter, "HE")
		if tick, _ := debriefRow(t, page, without[0], without[1]); tick != "" {
			form.Del(tick)
		}
		form.Set("datum", "2025-07-10")
		form.Set("ort", "Videokonferenz")
		form.Set("einladung", "Einladung")
		if code, body := do(t, gs, "POST", page47+"/versenden", form); code != http.StatusSeeOther {
			t.Fatalf("send: %d %s", code, between(body, "<h1>", "</form>"))
		}
		_, page = do(t, gs, "GET", page47, nil)
		return between(page, `class="notice-box"`, "</div>")
	}
	fmkRow, wmkRow := [2]string{"B-2025/27-IT", fmk.Name}, [2]string{"B-2025/26-IT", wmk.Name}
	if notice := send(fmkRow, wmkRow); !strings.Contains(notice, "Die Einladung liegt mit 1 Nachricht im Postausgang; „versandt“") {
		t.Errorf("the first sending's notice: %s", notice)
	}
	// The FMK's invitation goes out.
	now := time.Date(2025, 7, 1, 12, 0, 0, 0, model.Berlin)
	n, claim, ok, err := st.ClaimNotification(ctx, now, time.Minute, []model.Channel{model.ChannelEmail})
	if err != nil || !ok || n.Recipient != "gs@fmk.example" {
		t.Fatalf("claim: %+v %v %v", n, ok, err)
	}
	if err := st.NotificationSent(ctx, n.ID, claim, now); err != nil {
		t.Fatal(err)
	}
	notice := send(wmkRow, fmkRow)
	if !strings.Contains(notice, "Die Einladung liegt mit 1 Nachricht im Postausgang, dazu 1 Nachricht an Empfänger der früheren Einladung, für die sie nicht mehr gilt; „versandt“") {
		t.Errorf("the corrected sending's notice does not count the withdrawal: %s", notice)
	}
}
