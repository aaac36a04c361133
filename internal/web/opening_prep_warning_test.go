package web

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
	"gremium/internal/store"
)

// openingWorld is the demo on 12.03.2026, 09:00 with the 48th session
// convened for that day, its agenda published, and — unless prep is ""
// — the 40th AL-Runde of 19.02.2026 tied to it, brought to status prep
// ("abgesagt" cancels it while planned).
func openingWorld(t *testing.T, prep string) (*httptest.Server, *store.Store) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	st := demotest.StoreWithAccounts(t)
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return time.Date(2026, 3, 12, 9, 0, 0, 0, model.Berlin) }
	st.SetClock(clock)
	srv.SetClock(clock)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s48, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: model.NewDate(2026, 3, 12), StartTime: "10:00",
		Status: model.StatusConvened, AgendaPublished: true})
	if err != nil {
		t.Fatal(err)
	}
	if prep == "" {
		return ts, st
	}
	body, err := st.PreparatoryBody(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	al, err := st.CreateSession(ctx, model.Session{BodyID: body.ID, Number: 40, Date: model.NewDate(2026, 2, 19), Status: model.StatusPlanned, AgendaPublished: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.LinkPreparedSession(ctx, al, s48); err != nil {
		t.Fatal(err)
	}
	if prep == "abgesagt" {
		se, _ := st.Session(ctx, al)
		if err := st.CancelSession(ctx, al, se.Version, "Terminkollision"); err != nil {
			t.Fatal(err)
		}
		return ts, st
	}
	for _, next := range model.SessionStatuses[1:] {
		se, _ := st.Session(ctx, al)
		if se.Status == model.SessionStatus(prep) {
			break
		}
		if err := st.SetSessionStatus(ctx, al, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	return ts, st
}

// openSession48 opens the 48th session from its management page and
// gives the page the notice is shown on.
func openSession48(t *testing.T, ts *httptest.Server, st *store.Store) string {
	t.Helper()
	council, _ := st.BodyByAbbrev(context.Background(), demo.CouncilAbbrev)
	se, _ := st.SessionByNumber(context.Background(), council.ID, 48)
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", url.Values{"version": {fmt.Sprint(se.Version)}, "naechster": {"laufend"}})
	if code != http.StatusSeeOther {
		t.Fatalf("opening the 48th: %d %s", code, between(page, "<main", "</form>"))
	}
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	return between(page, `<div class="notice-box"`, "</div>")
}

// TestOpeningSaysTheALRundeIsUnfinished: the 48th session was opened
// while the 40th AL-Runde that prepares it was still planned or running,
// and the notice said only "Status der 48. Sitzung: laufend". The
// IT-Planungsrat may meet so (a warning, not a refusal), but the
// secretariat learns that its items go in without the AL-Runde's
// recommendations and that one given later takes no effect. An AL-Runde
// that has ended gives no warning.
func TestOpeningSaysTheALRundeIsUnfinished(t *testing.T) {
	for _, c := range []struct {
		prep, want string
	}{
		{"geplant", "Die 40. AL-Runde ist noch nicht beendet."},
		{"einberufen", "Die 40. AL-Runde ist noch nicht beendet."},
		{"laufend", "Die 40. AL-Runde läuft noch."},
		{"beendet", ""},
	} {
		t.Run(c.prep, func(t *testing.T) {
			ts, st := openingWorld(t, c.prep)
			notice := openSession48(t, ts, st)
			if !strings.Contains(notice, "Status der 48. Sitzung: laufend") {
				t.Fatalf("the session was not opened: %q", notice)
			}
			if c.want == "" {
				if strings.Contains(notice, "AL-Runde") {
					t.Errorf("an ended AL-Runde is warned of: %q", notice)
				}
				return
			}
			if !strings.Contains(notice, `role="alert"`) || !strings.Contains(notice, "<strong>"+c.want+"</strong>") ||
				!strings.Contains(notice, "eine nach der Eröffnung beschlossene Empfehlung bleibt ohne Wirkung") {
				t.Errorf("the opening's notice does not warn (%q): %q", c.want, notice)
			}
		})
	}
}

// TestManagePageWarnsBeforeOpeningWithoutALRunde: the management page of
// the convened 48th session offered "Sitzung eröffnen" without a word
// while the AL-Runde that prepares it had not ended, had been cancelled,
// or had never been planned. It warns now beside the button, with the
// way to the fix: the AL-Runde's management page, the written procedure
// of a recommendation, or the AL-Runde's planning. The button stays.
func TestManagePageWarnsBeforeOpeningWithoutALRunde(t *testing.T) {
	for _, c := range []struct {
		prep       string // "" for none planned; the subtest is named "keine" (a "#" in the test's name cuts its database's path)
		want, link string
	}{
		{"einberufen", "<strong>Die 40. AL-Runde ist noch nicht beendet.</strong> Sie bereitet diese Sitzung vor (am 19.02.2026, Status „einberufen“).",
			`<a href="/gremien/al-runde/sitzungen/40/verwaltung">Zur Verwaltung der 40. AL-Runde</a>`},
		{"laufend", "<strong>Die 40. AL-Runde läuft noch.</strong>", `<a href="/gremien/al-runde/sitzungen/40/verwaltung">Zur Verwaltung der 40. AL-Runde (beenden)</a>`},
		{"abgesagt", "<strong>Die 40. AL-Runde ist abgesagt.</strong>", `<a href="/sitzungen/48/empfehlungen#umlauf">Empfehlungen im Umlaufverfahren</a>`},
		{"", "<strong>Keine AL-Runde geplant.</strong> Für die 48. Sitzung ist keine AL-Runde geplant", `<a href="/gremien/al-runde#anstehend">AL-Runde planen</a>`},
		{"beendet", "", ""},
	} {
		t.Run(cmp.Or(c.prep, "keine"), func(t *testing.T) {
			ts, _ := openingWorld(t, c.prep)
			_, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
			box := between(page, `id="vorbereitung-offen"`, "</div>")
			if !strings.Contains(page, `name="naechster" value="laufend"`) {
				t.Fatalf("no button opening the session: %s", between(page, `id="h-status"`, "</section>"))
			}
			if c.want == "" {
				if box != "" {
					t.Errorf("an ended AL-Runde is warned of: %q", box)
				}
				return
			}
			if !strings.Contains(box, c.want) || !strings.Contains(box, c.link) {
				t.Errorf("the warning lacks %q or %q: %q", c.want, c.link, box)
			}
		})
	}
	// Before the session's day its AL-Runde is normally still ahead: the
	// page says when the session opens, and warns of nothing.
	t.Run("vor dem Tag", func(t *testing.T) {
		ts, st := openingWorld(t, "geplant")
		ctx := context.Background()
		council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
		se, _ := st.SessionByNumber(ctx, council.ID, 48)
		se.Date = model.NewDate(2026, 3, 26)
		if err := st.UpdateSession(ctx, se); err != nil {
			t.Fatal(err)
		}
		_, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
		if !strings.Contains(page, `id="eroeffnen-ab"`) || strings.Contains(page, `id="vorbereitung-offen"`) {
			t.Errorf("before the session's day: %s", between(page, `id="h-status"`, "</section>"))
		}
	})
}
