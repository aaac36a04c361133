package web

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

var (
	formInputRE    = regexp.MustCompile(`<input\b[^>]*>`)
	formAttrRE     = regexp.MustCompile(`\b(name|value|type|checked)(?:="([^"]*)")?`)
	formTextareaRE = regexp.MustCompile(`(?s)<textarea\b[^>]*\bname="([^"]*)"[^>]*>(.*?)</textarea>`)
	formSelectRE   = regexp.MustCompile(`(?s)<select\b[^>]*\bname="([^"]*)"[^>]*>(.*?)</select>`)
	formSelectedRE = regexp.MustCompile(`<option value="([^"]*)" selected>`)
)

// browserForm gives what a browser posts of the first form of the page
// whose action is action, as the page shows it: every named input (a
// checkbox only if ticked), select (its option selected, else the first,
// which the pages' selects give the value "") and textarea.
func browserForm(t *testing.T, page, action string) url.Values {
	t.Helper()
	start := strings.Index(page, `<form method="post" action="`+action+`"`)
	if start < 0 {
		t.Fatalf("no form to %s", action)
	}
	form := page[start:]
	form = form[:strings.Index(form, "</form>")]
	out := url.Values{}
	for _, in := range formInputRE.FindAllString(form, -1) {
		attrs := map[string]string{}
		for _, m := range formAttrRE.FindAllStringSubmatch(in, -1) {
			if _, seen := attrs[m[1]]; !seen {
				attrs[m[1]] = html.UnescapeString(m[2])
			}
		}
		name, ok := attrs["name"]
		if !ok {
			continue
		}
		if attrs["type"] == "checkbox" || attrs["type"] == "radio" {
			if _, checked := attrs["checked"]; !checked {
				continue
			}
		}
		out.Add(name, attrs["value"])
	}
	for _, m := range formSelectRE.FindAllStringSubmatch(form, -1) {
		value := ""
		if sel := formSelectedRE.FindStringSubmatch(m[2]); sel != nil {
			value = html.UnescapeString(sel[1])
		}
		out.Add(m[1], value)
	}
	for _, m := range formTextareaRE.FindAllStringSubmatch(form, -1) {
		out.Add(m[1], html.UnescapeString(strings.TrimPrefix(m[2], "\n")))
	}
	return out
}

// debriefRow gives the names of the "Aufnehmen" tick and the presenter
// field of the debrief form's row presenting the decision label to the
// conference conf, as the page names them ("" if the page has no such
// row).
func debriefRow(t *testing.T, page, label, conf string) (tick, presenter string) {
	t.Helper()
	for _, row := range regexp.MustCompile(`(?s)<tr role="row">.*?</tr>`).FindAllString(page, -1) {
		if !strings.Contains(row, ">"+label+" für "+conf+" aufnehmen</label>") {
			continue
		}
		for _, in := range formInputRE.FindAllString(row, -1) {
			name := regexp.MustCompile(`name="([^"]*)"`).FindStringSubmatch(in)
			switch {
			case name == nil:
			case strings.Contains(in, `type="checkbox"`):
				tick = name[1]
			case !strings.Contains(in, `type="hidden"`):
				presenter = name[1]
			}
		}
		if tick == "" || presenter == "" {
			t.Fatalf("the row of %s for %s lacks its fields: %s", label, conf, row)
		}
		return tick, presenter
	}
	return "", ""
}

// rowState gives whether the row of label for conf is ticked on the page
// and its presenter.
func rowState(t *testing.T, page, label, conf string) (ticked bool, presenter string) {
	t.Helper()
	tick, pres := debriefRow(t, page, label, conf)
	if tick == "" {
		t.Fatalf("the page has no row of %s for %s", label, conf)
	}
	f := browserForm(t, page, "/sitzungen/47/nachbesprechung")
	return f.Get(tick) == "1", f.Get(pres)
}

// assess saves the decision profile of decision seq (of 2025) for the
// conference abbrev: relevant "ja" or "nein", the other conferences as
// the profile has them.
func assess(t *testing.T, ts *httptest.Server, st *store.Store, gs *http.Client, seq int, abbrev, relevant string) {
	t.Helper()
	conf, err := st.BodyByAbbrev(context.Background(), abbrev)
	if err != nil {
		t.Fatal(err)
	}
	action := fmt.Sprintf("/steckbrief/%d", decisionID(t, st, seq))
	_, page := do(t, gs, "GET", ts.URL+action, nil)
	form := browserForm(t, page, action)
	form.Set(fmt.Sprintf("relevant_%d", conf.ID), relevant)
	form.Set(fmt.Sprintf("grund_%d", conf.ID), "Begründung")
	if code, body := do(t, gs, "POST", ts.URL+action, form); code != http.StatusSeeOther {
		t.Fatalf("profile of %d for %s: %d %s", seq, abbrev, code, body)
	}
}

// TestDebriefFormOpenWhileAProfileDropsARow: the debrief form was matched
// to the proposal by position. The secretariat opens it (27 for the FMK,
// 26 for the WMK), leaves out 27 and names BY for 26; meanwhile the
// profile of 27 says the FMK is not concerned after all. The form's ticks
// landed one row off: the debrief was saved without any decision, the
// WMK's dropped silently. Now the rows are matched by their decision and
// conference, and a changed proposal is shown again with 409, the choices
// kept for the rows that remain; nothing is saved. The invitation the form
// had drafted for the old rows is drafted anew.
func TestDebriefFormOpenWhileAProfileDropsARow(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	form := browserForm(t, page, "/sitzungen/47/nachbesprechung")
	tick27, _ := debriefRow(t, page, "B-2025/27-IT", "Finanzministerkonferenz")
	tick26, pres26 := debriefRow(t, page, "B-2025/26-IT", "Wirtschaftsministerkonferenz")
	form.Del(tick27)
	form.Set(tick26, "1")
	form.Set(pres26, "BY")
	form.Set("datum", model.BerlinDate(time.Now().AddDate(0, 0, 14)).String())

	assess(t, ts, st, gs, 27, "FMK", "nein")

	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung", form)
	if code != http.StatusConflict || !strings.Contains(page, debriefChanged) {
		t.Fatalf("the form of a changed proposal: %d %s", code, between(page, "<h1>", "</form>"))
	}
	s47, _ := st.SessionByNumber(context.Background(), mustBody(t, st).ID, 47)
	if db, err := st.DebriefOfSession(context.Background(), s47.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the form of a changed proposal was saved: %+v %v", db, err)
	}
	if tick, _ := debriefRow(t, page, "B-2025/27-IT", "Finanzministerkonferenz"); tick != "" {
		t.Error("the row no longer proposed is shown again")
	}
	if ticked, presenter := rowState(t, page, "B-2025/26-IT", "Wirtschaftsministerkonferenz"); !ticked || presenter != "BY" {
		t.Errorf("the WMK's row comes back as %v %q, not as ticked with BY", ticked, presenter)
	}
	// Saved again as shown, the debrief has what the secretariat chose.
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung", browserForm(t, page, "/sitzungen/47/nachbesprechung")); code != http.StatusSeeOther {
		t.Fatalf("saving the form shown again: %d %s", code, between(body, "<h1>", "</form>"))
	}
	db, err := st.DebriefOfSession(context.Background(), s47.ID)
	if err != nil || len(db.Entries) != 1 || db.Entries[0].DecisionID != decisionID(t, st, 26) || db.Entries[0].Presenter != "BY" {
		t.Errorf("the debrief saved: %+v %v", db, err)
	}
	// The form had shown the invitation drafted for the old rows: it is
	// drafted anew, not kept as if the secretariat had written it (naming
	// 27 for the FMK).
	if db.Invitation != "" {
		t.Errorf("the old draft was kept as the invitation: %s", db.Invitation)
	}
}

// TestDebriefInvitationOpenWhileAProfileAddsARow: the same for sending.
// The secretariat opens the saved debrief (27 for the FMK, 26 for the
// WMK) and names BY for 26; meanwhile 26 is assessed relevant for the FMK
// too, and 30 for the WMK, rows the form did not show. "Speichern und
// Einladung versenden" with the old form is refused with 409 — no
// invitation queued, the debrief as it was — and the form shows the new
// rows beside the choices made; sent again, the invitation has them.
func TestDebriefInvitationOpenWhileAProfileAddsARow(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	for _, abbrev := range []string{"FMK", "WMK"} {
		conf, _ := st.BodyByAbbrev(ctx, abbrev)
		if _, err := st.CreateContact(ctx, model.Contact{BodyID: conf.ID, Name: "Geschäftsstelle " + abbrev, Email: strings.ToLower(abbrev) + "@example.org"}); err != nil {
			t.Fatal(err)
		}
	}
	day := model.BerlinDate(time.Now().AddDate(0, 0, 14)).String()
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	first := browserForm(t, page, "/sitzungen/47/nachbesprechung")
	first.Set("datum", day)
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung", first); code != http.StatusSeeOther {
		t.Fatalf("first save: %d %s", code, between(body, "<h1>", "</form>"))
	}
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	saved, err := st.DebriefOfSession(ctx, s47.ID)
	if err != nil || len(saved.Entries) != 2 {
		t.Fatalf("first save: %+v %v", saved, err)
	}
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	form := browserForm(t, page, "/sitzungen/47/nachbesprechung")
	_, pres26 := debriefRow(t, page, "B-2025/26-IT", "Wirtschaftsministerkonferenz")
	form.Set(pres26, "BY")

	assess(t, ts, st, gs, 26, "FMK", "ja")
	assess(t, ts, st, gs, 30, "WMK", "ja")

	queued := func() int {
		msgs, _, err := st.Notifications(ctx, store.OutboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range msgs {
			if strings.HasSuffix(m.Recipient, "@example.org") {
				n++
			}
		}
		return n
	}
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung/versenden", form)
	if code != http.StatusConflict || !strings.Contains(page, debriefChanged) {
		t.Fatalf("sending the form of a changed proposal: %d %s", code, between(page, "<h1>", "</form>"))
	}
	if n := queued(); n != 0 {
		t.Errorf("the form of a changed proposal queued %d invitations", n)
	}
	if db, _ := st.DebriefOfSession(ctx, s47.ID); db.Version != saved.Version || db.Sent {
		t.Errorf("the form of a changed proposal changed the debrief: %+v", db)
	}
	if ticked, presenter := rowState(t, page, "B-2025/26-IT", "Wirtschaftsministerkonferenz"); !ticked || presenter != "BY" {
		t.Errorf("the WMK's row comes back as %v %q, not as ticked with BY", ticked, presenter)
	}
	if ticked, _ := rowState(t, page, "B-2025/27-IT", "Finanzministerkonferenz"); !ticked {
		t.Error("the FMK's row comes back unticked")
	}
	for _, row := range [][2]string{{"B-2025/26-IT", "Finanzministerkonferenz"}, {"B-2025/30-IT", "Wirtschaftsministerkonferenz"}} {
		if ticked, _ := rowState(t, page, row[0], row[1]); ticked {
			t.Errorf("the new row %s for %s is ticked, not offered", row[0], row[1])
		}
	}
	again := browserForm(t, page, "/sitzungen/47/nachbesprechung")
	tick30, _ := debriefRow(t, page, "B-2025/30-IT", "Wirtschaftsministerkonferenz")
	again.Set(tick30, "1")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung/versenden", again); code != http.StatusSeeOther {
		t.Fatalf("sending the form shown again: %d %s", code, between(body, "<h1>", "</form>"))
	}
	db, err := st.DebriefOfSession(ctx, s47.ID)
	got := map[[2]int64]string{}
	for _, e := range db.Entries {
		got[[2]int64{e.DecisionID, e.ConferenceID}] = e.Presenter
	}
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	wmk, _ := st.BodyByAbbrev(ctx, "WMK")
	want := map[[2]int64]string{{decisionID(t, st, 27), fmk.ID}: "HE", {decisionID(t, st, 26), wmk.ID}: "BY", {decisionID(t, st, 30), wmk.ID}: got[[2]int64{decisionID(t, st, 30), wmk.ID}]}
	if err != nil || !db.Sent || len(got) != 3 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the debrief sent: %v (want %v) %v", got, want, err)
	}
	// The invitation is drafted for the rows sent.
	if !strings.Contains(db.Invitation, "B-2025/30-IT") || !strings.Contains(db.Invitation, "(Vorstellung: Bayern)") {
		t.Errorf("the invitation sent is the old draft: %s", db.Invitation)
	}
	if n := queued(); n != 2 {
		t.Errorf("%d invitations queued, not 2", n)
	}
}

// TestDebriefDateNotGoneBy: a debrief dated before today was saved and its
// invitation sent, to a day gone by. Now the date is refused at its field
// (422), the form as typed; a saved debrief whose day has passed may be
// saved again unchanged (its record corrected), not sent.
func TestDebriefDateNotGoneBy(t *testing.T) {
	today := model.NewDate(2025, 7, 20)
	var clock atomic.Int64 // the server's time, changed between requests
	clock.Store(time.Date(2025, 7, 20, 0, 30, 0, 0, model.Berlin).Unix())
	ts, st, _ := cycleServerOf(t, func(s *Server) {
		s.st.SetClock(func() time.Time { return time.Unix(clock.Load(), 0) })
	})
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: fmk.ID, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}); err != nil {
		t.Fatal(err)
	}
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	if !strings.Contains(page, `name="datum" type="date" value=""`) {
		t.Error("the form proposes the day two weeks after the session, gone by")
	}
	form := browserForm(t, page, "/sitzungen/47/nachbesprechung")
	form.Set("datum", "2025-07-19")
	form.Set("einladung", "Meine Einladung")
	box := `<div class="error-box" role="alert" id="nb-fehler" tabindex="-1">`
	for _, path := range []string{"/sitzungen/47/nachbesprechung", "/sitzungen/47/nachbesprechung/versenden"} {
		code, page := do(t, gs, "POST", ts.URL+path, form)
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("%s with yesterday's date: %d", path, code)
		}
		reasonsAtFields(t, page, box, map[string]string{"nb-datum": "Der Termin 19.07.2025 liegt in der Vergangenheit"})
		if !strings.Contains(page, `value="2025-07-19"`) || !strings.Contains(page, ">Meine Einladung</textarea>") {
			t.Errorf("%s: the refused debrief does not show what was typed", path)
		}
		if _, err := st.DebriefOfSession(ctx, s47.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("%s: a debrief dated yesterday was saved: %v", path, err)
		}
	}
	// Today is a day to meet.
	form.Set("datum", today.String())
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung", form); code != http.StatusSeeOther {
		t.Fatalf("saved for today: %d %s", code, between(body, "<h1>", "</form>"))
	}
	// The next day the debrief's date has passed: saved unchanged it
	// stays (its record corrected), sent it would invite to a day gone by.
	clock.Store(time.Date(2025, 7, 21, 9, 0, 0, 0, model.Berlin).Unix())
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	form = browserForm(t, page, "/sitzungen/47/nachbesprechung")
	form.Set("ort", "Berlin")
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung/versenden", form)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("sent for yesterday: %d", code)
	}
	reasonsAtFields(t, page, box, map[string]string{"nb-datum": "Der Termin 20.07.2025 liegt in der Vergangenheit"})
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung", form); code != http.StatusSeeOther {
		t.Fatalf("saved unchanged after its day: %d %s", code, between(body, "<h1>", "</form>"))
	}
	db, err := st.DebriefOfSession(ctx, s47.ID)
	if err != nil || db.Sent || db.HeldOn != today || db.Place != "Berlin" {
		t.Errorf("the debrief after its day: %+v %v", db, err)
	}
	form.Set("datum", "2025-07-19")
	form.Set("version", fmt.Sprint(db.Version)) // the form as read after the save (a stale one is a conflict)
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung", form); code != http.StatusUnprocessableEntity {
		t.Errorf("moved to another day gone by: %d", code)
	}
}

// postDebrief posts form to the debrief form's address u (or its
// "/versenden") as a browser does after ticking rows by their place on
// the page as it is now: "aufnehmen_i" and "vorstellung_i" in form stand
// for the tick and the presenter of the page's i-th row, named by its
// decision and conference, and the rows the page shows go with them
// ("zeile").
func postDebrief(t *testing.T, c *http.Client, u string, form url.Values) (int, string) {
	t.Helper()
	_, page := do(t, c, "GET", strings.TrimSuffix(u, "/versenden"), nil)
	out := url.Values{}
	for k, v := range form {
		out[k] = v
	}
	for i, m := range regexp.MustCompile(`name="zeile" value="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		out.Add("zeile", m[1])
		for _, f := range []string{"aufnehmen", "vorstellung"} {
			if v, ok := form[fmt.Sprintf("%s_%d", f, i)]; ok {
				out.Del(fmt.Sprintf("%s_%d", f, i))
				out[f+"-"+m[1]] = v
			}
		}
	}
	return do(t, c, "POST", u, out)
}

// debriefServer is cycleServer on the first of July 2025, after the 47th
// session and before its debrief's day (the tests' debriefs are dated
// July 2025; one dated before today is refused). The clock is the
// store's, which the pages follow: the store refuses the day gone by.
func debriefServer(t *testing.T) (*httptest.Server, *store.Store) {
	t.Helper()
	ts, st, _ := cycleServerOf(t, func(s *Server) {
		s.st.SetClock(func() time.Time { return time.Date(2025, 7, 1, 9, 0, 0, 0, model.Berlin) })
	})
	return ts, st
}

// sentDebriefOf47 saves and sends the debrief of the 47th session: the FMK
// (with a contact address) hears decision B-2025/27-IT, presented by
// Hessen, 14 days after the session. It gives the session and the FMK.
func sentDebriefOf47(t *testing.T, st *store.Store) (model.Session, model.Body) {
	t.Helper()
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, "IT-PLR")
	s47, _ := st.SessionByNumber(ctx, council.ID, 47)
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: fmk.ID, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateDebrief(ctx, model.Debrief{SessionID: s47.ID, HeldOn: model.BerlinDate(s47.Date.Time().AddDate(0, 0, 14)), Place: "Videokonferenz",
		Entries: []model.DebriefEntry{{DecisionID: decisionID(t, st, 27), ConferenceID: fmk.ID, Presenter: "HE"}}}); err != nil {
		t.Fatal(err)
	}
	db, err := st.DebriefOfSession(ctx, s47.ID)
	if err != nil {
		t.Fatal(err)
	}
	db.Invitation = "Einladung zur Nachbesprechung."
	if _, err := st.SendDebriefInvitation(ctx, db, "Einladung"); err != nil {
		t.Fatal(err)
	}
	return s47, fmk
}
