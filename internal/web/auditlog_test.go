package web

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestAuditLogPage checks who may read the audit log, its filters, paging
// and CSV export, and that logins, logouts and failed logins are in it.
func TestAuditLogPage(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()

	// A failed login, then a login and logout of Hessen.
	if code, _ := do(t, client(t, ts, ""), "POST", ts.URL+"/anmelden", url.Values{"benutzer": {"hessen"}, "passwort": {"falsch"}}); code != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", code)
	}
	he := client(t, ts, "hessen")
	if code, _ := do(t, he, "POST", ts.URL+"/abmelden", nil); code != http.StatusSeeOther {
		t.Fatalf("logout: %d", code)
	}
	// A follow-up text a spreadsheet would run as a formula.
	if _, err := st.CreateFollowUp(store.WithActor(ctx, "=HYPERLINK(\"http://evil.example\")"), model.FollowUp{Text: "=1+2", Responsible: "HE", Status: model.FollowUpOpen}); err != nil {
		t.Fatal(err)
	}

	t.Run("who may read it", func(t *testing.T) {
		for _, tt := range []struct {
			user string
			code int
		}{{"", http.StatusSeeOther}, {"hessen", http.StatusForbidden}, {"dlt", http.StatusForbidden}, {"sprecher-hb", http.StatusForbidden}, {"fmk", http.StatusForbidden}} {
			for _, path := range []string{"/aenderungsprotokoll", "/aenderungsprotokoll.csv"} {
				if code, _ := do(t, client(t, ts, tt.user), "GET", ts.URL+path, nil); code != tt.code {
					t.Errorf("%q GET %s = %d, want %d", tt.user, path, code, tt.code)
				}
			}
		}
	})

	gs := client(t, ts, "geschaeftsstelle")
	t.Run("logins", func(t *testing.T) {
		code, page := do(t, gs, "GET", ts.URL+"/aenderungsprotokoll?objekt=login", nil)
		if code != http.StatusOK {
			t.Fatalf("GET: %d", code)
		}
		for _, want := range []string{"Anmeldung fehlgeschlagen", "falsches Passwort, Adresse 127.0.0.1<", ">angemeldet<", ">abgemeldet<", `href="/aenderungsprotokoll"`} {
			if !strings.Contains(page, want) {
				t.Errorf("login entries lack %q", want)
			}
		}
		if strings.Contains(page, "Beschluss ") {
			t.Error("the filter on logins shows other entries")
		}
	})
	t.Run("filters", func(t *testing.T) {
		tests := []struct {
			query, want, not string
			code             int
		}{
			{"wer=hessen", "hessen", ">demo<", http.StatusOK},
			{"objekt=decision&nr=1", "legte Beschluss ", "Beschluss Nr. 2 ", http.StatusOK},
			{"von=01.01.2000&bis=31.12.2000", "Keine Einträge für diese Auswahl", "", http.StatusOK},
			{"von=32.13.2025", "ist kein Datum", "", http.StatusBadRequest},
			{"von=02.01.2025&bis=01.01.2025", "Der Zeitraum endet vor seinem Beginn.", "", http.StatusBadRequest},
			{"nr=5", "Bitte wählen Sie zur Objektnummer die Objektart.", "", http.StatusBadRequest},
			{"objekt=tabelle", "Diese Objektart gibt es nicht.", "", http.StatusBadRequest},
		}
		for _, tt := range tests {
			code, page := do(t, gs, "GET", ts.URL+"/aenderungsprotokoll?"+tt.query, nil)
			if code != tt.code || !strings.Contains(page, tt.want) || (tt.not != "" && strings.Contains(page, tt.not)) {
				t.Errorf("?%s: %d, want %d with %q without %q", tt.query, code, tt.code, tt.want, tt.not)
			}
		}
		// Today's entries, in German dates.
		code, page := do(t, gs, "GET", ts.URL+"/aenderungsprotokoll?von="+model.BerlinDate(time.Now()).German()+"&bis="+model.BerlinDate(time.Now()).German(), nil)
		if code != http.StatusOK || !strings.Contains(page, "Anmeldung fehlgeschlagen") {
			t.Errorf("today's entries: %d", code)
		}
	})
	t.Run("paging", func(t *testing.T) {
		_, first := do(t, gs, "GET", ts.URL+"/aenderungsprotokoll", nil)
		if strings.Contains(first, "Neuere Einträge") || !strings.Contains(first, "Ältere Einträge") {
			t.Fatal("first page: wrong paging links")
		}
		i := strings.Index(first, `rel="next"`)
		href := first[strings.LastIndex(first[:i], `href="`)+6 : i-2]
		href = strings.ReplaceAll(href, "&amp;", "&")
		code, second := do(t, gs, "GET", ts.URL+href, nil)
		if code != http.StatusOK || !strings.Contains(second, "Neuere Einträge") || !strings.Contains(href, "vor=") {
			t.Fatalf("second page %s: %d", href, code)
		}
		if problems := wellFormedProblems(second); len(problems) > 0 {
			t.Errorf("second page not well formed: %v", problems)
		}
	})
	t.Run("chain check", func(t *testing.T) {
		_, page := do(t, gs, "GET", ts.URL+"/aenderungsprotokoll?pruefen=1", nil)
		if !strings.Contains(page, "Die Kette ist intakt") || !strings.Contains(page, "gremium audit verify --head ") {
			t.Error("the chain check does not report an intact chain")
		}
	})
	t.Run("csv", func(t *testing.T) {
		res, err := gs.Get(ts.URL + "/aenderungsprotokoll.csv?objekt=follow_up")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || !strings.Contains(res.Header.Get("Content-Disposition"), "aenderungsprotokoll-") {
			t.Errorf("headers: %v", res.Header)
		}
		r := csv.NewReader(res.Body)
		r.Comma = ';'
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 2 || strings.TrimPrefix(rows[0][0], "\ufeff") != "Nr." || rows[0][9] != "Hash" {
			t.Fatalf("csv = %v", rows)
		}
		found := false
		for _, row := range rows[1:] {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
					t.Errorf("cell %q can run as a formula", cell)
				}
			}
			if row[2] == `'=HYPERLINK("http://evil.example")` && row[4] == "Auftrag" && strings.Contains(row[8], `"text":"=1+2"`) {
				found = true
			}
		}
		if !found {
			t.Errorf("the follow-up's entry is not in the export: %v", rows)
		}
	})
}

func TestAuditChanges(t *testing.T) {
	got := auditChanges(`{"status":"entwurf","adopted_on":"","stimmen":[{"member_abbrev":"HE","choice":"nein"}]}`,
		`{"status":"beschlossen","adopted_on":"2025-06-26","stimmen":[{"member_abbrev":"HE","choice":"ja"}],"seq":27}`)
	want := []auditChange{{"adopted_on", "(leer)", "2025-06-26"}, {"seq", "", "27"}, {"status", "entwurf", "beschlossen"},
		{"stimmen", "choice=nein member_abbrev=HE", "choice=ja member_abbrev=HE"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("auditChanges = %v\nwant %v", got, want)
	}
}

// TestAuditImportText: an import's entry names the rows it created by
// kind, count and numbers, in German — not as JSON with the tables' names
// (the secretariat read `{"angelegt":{"contribution":[[38,68]]…}}`).
func TestAuditImportText(t *testing.T) {
	got := auditChanges(`{}`, `{"status":"protokoll_entwurf","importiert":{"angelegt":{"contribution":[[38,68]],"decision":[[5,5],[9,10]]},"anzahl":{"contribution":31,"decision":3},"datei":{"bytes":20314,"sha256":"ab12"}}}`)
	var imported string
	for _, c := range got {
		if c.Field == "importiert" {
			imported = c.After
		}
	}
	want := "Datei mit 20314 Bytes, SHA-256 ab12. Angelegt: 3 × Beschluss (Nr. 5, 9–10); 31 × Wortbeitrag (ON) (Nr. 38–68)"
	if imported != want {
		t.Errorf("the import record reads\n%q\nwant\n%q", imported, want)
	}
}

// TestAuditLogNamesObjects: the audit page named each entry's object by
// kind and internal id ("Sitzung 3", "Beschluss 1234"); it names it as the
// secretariat knows it, linked to its page, with the kind and id as a
// detail, and a removed object from the entry's recorded state, marked as
// removed and without a link.
func TestAuditLogNamesObjects(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	council, err := st.BodyByAbbrev(ctx, "IT-PLR")
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 90, Date: model.NewDate(2031, 3, 12), Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	se, err := st.Session(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSession(ctx, id, se.Version); err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/aenderungsprotokoll?objekt=session", nil)
	s47, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<a href="/sitzungen/47">47. Sitzung des IT-Planungsrats (` + s47.Date.German() + `)</a>`,
		fmt.Sprintf(`Sitzung Nr. %d · <a href="/aenderungsprotokoll?nr=%d&amp;objekt=session"`, s47.ID, s47.ID),
		`90. Sitzung des IT-Planungsrats (12.03.2031) <span class="hint">(gelöscht)</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the audit page lacks %s", want)
		}
	}
	if strings.Contains(page, ">Sitzung "+fmt.Sprint(s47.ID)+"</a>") {
		t.Error("the audit page names a session by its internal id")
	}
}

// TestPagesTakeTodayFromTheStoresClock: a page's "today" is the store's
// (store.SetClock), the day its rules check — here the day in the name of
// the audit log's download. Before, the pages read the machine's clock.
func TestPagesTakeTodayFromTheStoresClock(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	st.SetClock(func() time.Time { return time.Date(2030, 1, 15, 9, 0, 0, 0, model.Berlin) })
	t.Cleanup(func() { st.SetClock(time.Now) })
	res, err := client(t, ts, "geschaeftsstelle").Get(ts.URL + "/aenderungsprotokoll.csv")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if got, want := res.Header.Get("Content-Disposition"), `filename="aenderungsprotokoll-2030-01-15.csv"`; !strings.Contains(got, want) {
		t.Errorf("Content-Disposition %q, want %s", got, want)
	}
}
