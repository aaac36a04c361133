package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// kickoffDueScenario plans IT-PLR sessions in 2031 and three terms for the
// UMK: HH from 01.12.2030 (due with the 60th session on 20.01.2031, which
// has passed on 01.03.2031), HB from 10.01.2031 (the 60th, then the 63rd on
// 01.04.2031: the special 61st, the cancelled 62nd and the AL-Runde's
// session in between do not count) and HE from 20.02.2031 (only the 63rd
// is planned after it: not scheduled). It gives the day the pages are
// looked at.
func kickoffDueScenario(t *testing.T, st *store.Store) time.Time {
	t.Helper()
	ctx := context.Background()
	council := mustBodyAbbrev(t, st, demo.CouncilAbbrev)
	prep := mustBodyAbbrev(t, st, itplr.PrepAbbrev)
	umk := mustBodyAbbrev(t, st, "UMK")
	plan := func(body int64, n int, on model.Date, kind model.SessionKind) int64 {
		t.Helper()
		se := model.Session{BodyID: body, Number: n, Date: on, Status: model.StatusPlanned, Kind: kind}
		if kind == model.SessionSpecial {
			se.Applicants = []string{"Bund"}
		}
		id, err := st.CreateSession(ctx, se)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	plan(council.ID, 59, model.NewDate(2030, 12, 10), model.SessionRegular)
	plan(council.ID, 60, model.NewDate(2031, 1, 20), model.SessionRegular)
	plan(council.ID, 61, model.NewDate(2031, 2, 5), model.SessionSpecial)
	cancelled := plan(council.ID, 62, model.NewDate(2031, 2, 10), model.SessionRegular)
	se, err := st.Session(ctx, cancelled)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CancelSession(ctx, cancelled, se.Version, "Terminkollision"); err != nil {
		t.Fatal(err)
	}
	plan(prep.ID, 70, model.NewDate(2031, 2, 12), model.SessionRegular)
	plan(council.ID, 63, model.NewDate(2031, 4, 1), model.SessionRegular)
	for member, start := range map[string]model.Date{"HH": model.NewDate(2030, 12, 1), "HB": model.NewDate(2031, 1, 10), "HE": model.NewDate(2031, 2, 20)} {
		if _, err := st.CreateAssignment(ctx, model.Assignment{ConferenceID: umk.ID, Member: member, DecisionRef: demo.SpokespersonDecision, StartOn: start}); err != nil {
			t.Fatal(err)
		}
	}
	return time.Date(2031, 3, 1, 10, 0, 0, 0, model.Berlin)
}

// TestKickoffDueThroughThePages: the kick-off column of the overview
// /fachmk (Geschäftsstelle), the conference page and the spokesperson's
// Mein Bereich say by when the kick-off talk is due — the second regular
// IT-PLR session after the term's start — or since when it is overdue, or
// that the session is not planned yet; internal like the contacts. The
// contact form offers the guiding questions for kick-off talks.
func TestKickoffDueThroughThePages(t *testing.T) {
	ts, st, srv := cycleServerOf(t)
	now := kickoffDueScenario(t, st)
	srv.SetClock(func() time.Time { return now })
	hh := "überfällig seit 21.01.2031"
	hb := "fällig bis 01.04.2031"
	gs := client(t, ts, "geschaeftsstelle")
	// The overview says it in a few words (model.KickoffState.ShortLabel).
	for path, he := range map[string]string{"/fachmk": "fällig, Sitzung noch nicht terminiert", "/fachmk/UMK": "fällig bis zur 2. Sitzung nach Amtsantritt, noch nicht terminiert"} {
		_, page := do(t, gs, "GET", ts.URL+path, nil)
		if !strings.Contains(page, "<strong>"+hh+"</strong>") || !strings.Contains(page, hb) || strings.Contains(page, "<strong>"+hb) || !strings.Contains(page, he) {
			t.Errorf("%s lacks the due days of the kick-off talks:\n%s", path, between(page, "<main", "</main>"))
		}
		if path == "/fachmk/UMK" && !strings.Contains(page, "<strong>"+hh+"</strong> (60. Sitzung des IT-Planungsrats am 20.01.2031)") {
			t.Errorf("the conference page does not name the session HH's talk was due by")
		}
	}
	// The form offers the concept's guiding questions beside the topics,
	// not in them.
	_, page := do(t, gs, "GET", ts.URL+"/fachmk/UMK", nil)
	form := between(page, `<details id="gespraech-neu"`, "</form>")
	if !strings.Contains(form, `<details class="kickoff-questions"><summary>Leitfragen für Auftaktgespräche</summary>`) ||
		!strings.Contains(form, "<li>"+model.KickoffGuidingQuestions[0]+"</li>") || !strings.Contains(form, `name="themen" rows="4" required></textarea>`) {
		t.Errorf("the contact form lacks the guiding questions beside an empty topics field:\n%s", form)
	}
	if _, page := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(page, "noch nicht geführt, "+hb+"</strong> (63. Sitzung des IT-Planungsrats am 01.04.2031)") {
		t.Errorf("HB's Mein Bereich lacks the due day of the UMK kick-off talk:\n%s", between(page, `id="h-mk"`, "</main>"))
	}
	for _, who := range []string{"fmk-geschaeftsstelle", ""} {
		if code, page := do(t, client(t, ts, who), "GET", ts.URL+"/fachmk/UMK", nil); code != http.StatusOK || strings.Contains(page, "fällig") {
			t.Errorf("%q reads the kick-off due days: %d", who, code)
		}
	}
}

// TestKickoffDueNotKnownBeforeTheRecords: the demo's spokespersons were
// named on 10.11.2022, before the recorded sessions (45th to 47th, from
// 14.11.2024) begin, so the second session after the start cannot be
// counted. The pages said "überfällig seit 28.03.2025 – fällig bis zur 2.
// Sitzung nach dem Amtsantritt am 10.11.2022", taking the second recorded
// session (the 46th, 27.03.2025) for the due one, and "Was ansteht" listed
// the talk as overdue on that day. Then they said only that the due
// session cannot be told — four years into the term, neither overdue nor a
// day. The due session is the 46th or an earlier one, and the 46th has
// passed: they say "überfällig", open since the start, and name no
// session nor day it fell overdue on (model.KickoffState.OverdueBeforeRecords):
// the 46th is only the second session the records hold, and "spätestens
// zur 46. Sitzung am 27.03.2025" read as if that had been the deadline.
func TestKickoffDueNotKnownBeforeTheRecords(t *testing.T) {
	ts, _, srv := cycleServerOf(t)
	srv.SetClock(func() time.Time { return time.Date(2026, 12, 2, 10, 0, 0, 0, model.Berlin) })
	overdue := "überfällig (fällig war es zur 2. Sitzung nach dem Amtsantritt am 10.11.2022)"
	_, page := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/mein-bereich", nil)
	if card := between(page, `id="h-mk"`, "</main>"); !strings.Contains(card, "noch nicht geführt, "+overdue) || strings.Contains(card, "überfällig seit") {
		t.Errorf("HB's Mein Bereich does not say that the talk is overdue since the start:\n%s", card)
	}
	if due := between(page, "Was ansteht", "</section>"); strings.Contains(due, "überfällig seit") {
		t.Errorf("Was ansteht dates the kick-off talk overdue by a session not known to be its due one:\n%s", due)
	}
	gs := client(t, ts, "geschaeftsstelle")
	_, page = do(t, gs, "GET", ts.URL+"/fachmk/FMK", nil)
	if list := between(page, `class="kickoffs"`, "</ul>"); !strings.Contains(list, "<strong>"+overdue+"</strong>") || strings.Contains(list, "überfällig seit") {
		t.Errorf("the conference page:\n%s", list)
	}
	_, page = do(t, gs, "GET", ts.URL+"/fachmk", nil)
	if main := between(page, "<main", "</main>"); strings.Contains(main, "überfällig seit") || !strings.Contains(main, "<strong>überfällig, offen seit 10.11.2022</strong>") {
		t.Errorf("the overview:\n%s", main)
	}
}
