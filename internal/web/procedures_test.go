package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

func TestWrittenProcedurePages(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	deadline := time.Now().Add(48 * time.Hour)
	form := url.Values{"titel": {"Verlängerung Kooperation"}, "punkte": {"Der IT-Planungsrat verlängert die Kooperation.\nDie FITKO berichtet jährlich."},
		"antrag": {"HE"}, "frist_datum": {model.BerlinDate(deadline).String()}, "frist_zeit": {model.BerlinClock(deadline)}}
	code, body := do(t, gs, "POST", ts.URL+"/umlaufverfahren", form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "nötig ist der Antrag des Bundes oder dreier Länder") {
		t.Fatalf("application by one Land: %d", code)
	}
	form.Set("antrag", "HE, HH, BY")
	res, err := gs.PostForm(ts.URL+"/umlaufverfahren", form)
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("start: %v %d", err, res.StatusCode)
	}
	res.Body.Close()
	loc := res.Header.Get("Location")
	path := strings.SplitN(loc, "?", 2)[0]
	var pid int64
	fmt.Sscanf(path, "/umlaufverfahren/%d", &pid)

	he := client(t, ts, "hessen")
	if _, body := do(t, he, "GET", ts.URL+path, nil); !strings.Contains(body, `name="stimme"`) {
		t.Fatal("Hessen gets no vote form")
	}
	seen := ""
	for _, choice := range []string{"nein", "ja"} {
		if code, _ := do(t, he, "POST", ts.URL+path+"/stimme", url.Values{"stimme": {choice}, "gesehen": {seen}}); code != http.StatusSeeOther {
			t.Fatalf("vote %s: %d", choice, code)
		}
		seen = choice
	}
	if code, _ := do(t, client(t, ts, "bund"), "POST", ts.URL+path+"/stimme", url.Values{"stimme": {"ja"}, "gesehen": {""}}); code != http.StatusSeeOther {
		t.Fatalf("Bund's vote: %d", code)
	}
	if code, _ := do(t, client(t, ts, "dlt"), "POST", ts.URL+path+"/stimme", url.Values{"stimme": {"ja"}}); code != http.StatusForbidden {
		t.Errorf("an advisory member voted: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+path+"/stimme", url.Values{"stimme": {"ja"}}); code != http.StatusForbidden {
		t.Errorf("the secretariat voted: %d", code)
	}
	if code, _ := do(t, client(t, ts, "fmk"), "GET", ts.URL+path, nil); code != http.StatusForbidden {
		t.Errorf("a FachMK secretariat sees the procedure: %d", code)
	}
	_, body = do(t, gs, "GET", ts.URL+path, nil)
	if !strings.Contains(body, "Zwischenstand") || !strings.Contains(body, "bei Enthaltung von") {
		t.Errorf("the secretariat sees no interim count")
	}
	// The reason says "abgelehnt"; the phrase beside it does not again
	// (it read "abgelehnt: … (abgelehnt bei Enthaltung von …)").
	if strings.Contains(body, "(abgelehnt bei") {
		t.Errorf("the interim count says abgelehnt twice: %s", between(body, "Zwischenstand", "</p>"))
	}
	// A member without a vote yet: "noch keine Stimme" (before, "–", which
	// said nothing of what becomes of it).
	if row := between(body, "<th scope=\"row\">Saarland</th>", "</tr>"); !strings.Contains(row, "noch keine Stimme") {
		t.Errorf("the Saarland's row while the procedure is open: %q", row)
	}
	// The other Länder vote through their systems (the store, as the API does).
	for _, m := range []string{"BW", "BY", "BE", "BB", "HB", "HH", "MV", "NI", "NW", "RP", "SN"} {
		if err := st.CastVote(ctx, pid, m, model.VoteYes); err != nil {
			t.Fatal(err)
		}
	}
	// The deadline passes; the closing loop decides.
	closed, err := st.CloseDueProcedures(ctx, deadline.Add(time.Minute))
	if err != nil || len(closed) != 1 {
		t.Fatalf("close: %v %d", err, len(closed))
	}
	p, _ := st.Procedure(ctx, pid)
	d, _ := st.Decision(ctx, p.DecisionID)
	if d.Status != model.DecisionAdopted || !strings.HasSuffix(d.Result, "(Umlaufverfahren)") {
		t.Fatalf("decision = %+v", d)
	}
	// A member that did not vote counts as abstaining (GO § 7 Abs. 4), and
	// its row says so; it read "–".
	if _, page := do(t, he, "GET", ts.URL+path, nil); !strings.Contains(between(page, "<th scope=\"row\">Saarland</th>", "</tr>"), "keine Stimme – als Enthaltung gezählt") {
		t.Errorf("the Saarland's row once closed: %q", between(page, "<th scope=\"row\">Saarland</th>", "</tr>"))
	}
	// The next session's minutes list it.
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if _, err := st.CreateSession(ctx, model.Session{BodyID: itplr.ID, Number: 48, Date: model.BerlinDate(deadline.AddDate(0, 1, 0)), Status: model.StatusPlanned}); err != nil {
		t.Fatal(err)
	}
	// Its minutes layout, internally; the public, which has no minutes of
	// a planned session, sees it on the session page.
	for _, c := range []struct{ account, path string }{{"geschaeftsstelle", "/sitzungen/48/protokoll"}, {"", "/sitzungen/48"}} {
		_, page := do(t, client(t, ts, c.account), "GET", ts.URL+c.path, nil)
		if !strings.Contains(page, "Umlaufverfahren seit der letzten Sitzung") || !strings.Contains(page, d.Label) {
			t.Errorf("%s (%q): the next session does not list the written procedure", c.path, c.account)
		}
	}
	if code, _ := do(t, he, "POST", ts.URL+path+"/stimme", url.Values{"stimme": {"nein"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("vote after the close: %d", code)
	}
}

// TestProcedureSharesWarningPerRole: while the newest Königsteiner-Schlüssel
// table is old, the secretariat reads who loads a newer table and how to
// get it there, with the operator's documentation named — and no command
// line, which it cannot run (before: "(gremium config ks DATEI.csv)"). A
// member's office, which votes but can do nothing about the table, reads
// no warning (before: the fact, as doubt on the vote it casts).
func TestProcedureSharesWarningPerRole(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	deadline := time.Now().Add(48 * time.Hour)
	res, err := gs.PostForm(ts.URL+"/umlaufverfahren", url.Values{"titel": {"Förderung openCode"}, "punkte": {"Der IT-Planungsrat fördert openCode."},
		"antrag": {"Bund"}, "frist_datum": {model.BerlinDate(deadline).String()}, "frist_zeit": {model.BerlinClock(deadline)}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("start: %v", err)
	}
	res.Body.Close()
	path := strings.SplitN(res.Header.Get("Location"), "?", 2)[0]
	for _, user := range []string{"hessen", "bund"} {
		_, body := do(t, client(t, ts, user), "GET", ts.URL+path, nil)
		if strings.Contains(body, "älter als drei Jahre") {
			t.Errorf("%s is warned of the table, which it cannot load", user)
		}
	}
	_, body := do(t, gs, "GET", ts.URL+path, nil)
	if !strings.Contains(body, "Eine neue Tabelle lädt der technische Betrieb von gremium: bitte ihm die aktuelle Tabelle der GWK") ||
		!strings.Contains(body, "docs/operations.md, „Königsteiner Schlüssel laden“") {
		t.Error("the secretariat does not learn who loads a newer table and where the operator's instructions are")
	}
	if strings.Contains(body, "gremium config ks") || strings.Contains(body, "DATEI.csv") {
		t.Error("the secretariat is shown the operator's command line")
	}
}

// TestProcedureWarningLooksLikeOne: the warning about an old
// Königsteiner-Schlüssel table (class "notice-box warning") had no style of
// its own and looked like the green confirmation of a saved vote. In the
// browser its border is not the confirmation's green.
func TestProcedureWarningLooksLikeOne(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	ts, _ := cycleServer(t)
	deadline := time.Now().Add(48 * time.Hour)
	res, err := client(t, ts, "geschaeftsstelle").PostForm(ts.URL+"/umlaufverfahren", url.Values{"titel": {"Förderung openCode"}, "punkte": {"Der IT-Planungsrat fördert openCode."},
		"antrag": {"Bund"}, "frist_datum": {model.BerlinDate(deadline).String()}, "frist_zeit": {model.BerlinClock(deadline)}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("start: %v", err)
	}
	res.Body.Close()
	b := newBrowser(t, ts.URL)
	b.login("geschaeftsstelle") // the warning is the secretariat's (TestProcedureSharesWarningPerRole)
	b.page(strings.SplitN(res.Header.Get("Location"), "?", 2)[0])
	var warning, confirmation string
	b.run("border colours", chromedp.Evaluate(`getComputedStyle(document.querySelector(".notice-box.warning")).borderTopColor`, &warning),
		chromedp.Evaluate(`(() => { const p = document.createElement("div"); p.className = "notice-box"; document.body.append(p); return getComputedStyle(p).borderTopColor })()`, &confirmation))
	if warning == "" || warning == confirmation {
		t.Errorf("the warning's border %q is the confirmation's %q", warning, confirmation)
	}
}

// TestProceduresNameTheirBody: a member office votes in written procedures
// of the IT-PLR and of the AL-Runde; the list, the procedure page with its
// ballot, the own overview and the personal calendar name the body that
// decides. Before, nothing said whether Hessen voted in the IT-PLR or in
// the AL-Runde.
func TestProceduresNameTheirBody(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	alr, err := st.BodyByAbbrev(ctx, "AL-Runde")
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(48 * time.Hour)
	start := func(body model.Body, kind model.DecisionKind, title string) int64 {
		t.Helper()
		id, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: body.ID, Kind: kind, Status: model.DecisionDraft, Scope: model.ScopeAll,
			Title: title, Points: []model.Point{{Text: title + "."}}, Applicants: []string{"Bund"}}, Deadline: deadline})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	plr := start(council, model.KindDecision, "Umlauf im Planungsrat")
	al := start(alr, model.KindRecommendation, "Umlauf in der Runde")
	he := client(t, ts, "hessen")
	_, list := do(t, he, "GET", ts.URL+"/umlaufverfahren", nil)
	for title, body := range map[string]model.Body{"Umlauf im Planungsrat": council, "Umlauf in der Runde": alr} {
		row := list[strings.Index(list, title):]
		row = row[:strings.Index(row, "</tr>")]
		if !strings.Contains(row, ">"+body.Abbrev+"</abbr>") {
			t.Errorf("the list's row of %q does not name %s: %s", title, body.Abbrev, row)
		}
	}
	for id, body := range map[int64]model.Body{plr: council, al: alr} {
		_, page := do(t, he, "GET", fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, id), nil)
		for _, want := range []string{"<title>Umlaufverfahren (" + body.Abbrev + ")", "<dt>Gremium</dt><dd><abbr title=\"" + body.Name + "\">" + body.Abbrev + "</abbr>",
			"Stimme für Hessen im Umlaufverfahren (" + body.Abbrev + ")"} {
			if !strings.Contains(page, want) {
				t.Errorf("procedure %d lacks %q", id, want)
			}
		}
	}
	if _, mine := do(t, he, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(mine, "Umlaufverfahren (<abbr title=\""+alr.Name+"\">AL-Runde</abbr>)") {
		t.Error("the own overview does not name the AL-Runde's procedure's body")
	}
}
