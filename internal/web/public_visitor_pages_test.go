package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// TestVisitorCalendarRefusedYearShowsTheCalendar: /sitzungen/kalender?jahr=abc
// answered with the bare error page, where the session list
// (/sitzungen?jahr=abc) answers with its page, the reason and the year it
// shows instead. The calendar does the same now (status 400, the
// calendar of the year it opens on, the reason naming that year).
func TestVisitorCalendarRefusedYearShowsTheCalendar(t *testing.T) {
	ts := demoServer(t)
	for _, q := range []string{"abc", "1800", "99999"} {
		res, page := get(t, ts, "/sitzungen/kalender?jahr="+q)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("?jahr=%s: status %d, want 400", q, res.StatusCode)
		}
		m := regexp.MustCompile(`<h1>Sitzungskalender (\d{4}) `).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("?jahr=%s: no calendar of a year on the page:\n%s", q, between(page, "<main", "</main>"))
		}
		box := between(page, `class="error-box"`, "</div>")
		if !strings.Contains(box, "Die Auswahl in der Adresse ließ sich nicht anwenden: Das Jahr muss eine Zahl von 1900 bis 9999 sein") ||
			!strings.Contains(box, "Gezeigt wird der Sitzungskalender "+m[1]+".") {
			t.Errorf("?jahr=%s: the note does not give the reason and the year shown: %q", q, box)
		}
		if !strings.Contains(page, `href="/sitzungen"`) || !strings.Contains(page, `class="calendar-month"`) {
			t.Errorf("?jahr=%s: the calendar's months and links are missing", q)
		}
	}
	// The list answers as before, and a readable year is no error.
	if res, page := get(t, ts, "/sitzungen?jahr=abc"); res.StatusCode != http.StatusBadRequest || !strings.Contains(page, "Gezeigt werden die Sitzungen") {
		t.Errorf("the list's refusal changed: %d", res.StatusCode)
	}
	if res, page := get(t, ts, "/sitzungen/kalender?jahr=2025"); res.StatusCode != http.StatusOK || strings.Contains(page, "error-box") {
		t.Errorf("calendar 2025: %d", res.StatusCode)
	}
}

// TestVisitorSessionListNamesTheStandOfTheMinutes: the column read
// "Protokoll Stand", a clipped heading, at 1280 px and in the card label
// at 320 px; it reads "Stand des Protokolls".
func TestVisitorSessionListNamesTheStandOfTheMinutes(t *testing.T) {
	ts := demoServer(t)
	_, page := get(t, ts, "/sitzungen?jahr=2025")
	if strings.Contains(page, "Protokoll Stand") {
		t.Errorf("the list still says \"Protokoll Stand\"")
	}
	if !strings.Contains(page, `<th scope="col" role="columnheader">Stand des Protokolls</th>`) ||
		!strings.Contains(page, `<span class="cell-label" aria-hidden="true">Stand des Protokolls: </span>`) {
		t.Errorf("no column \"Stand des Protokolls\" with its cell label")
	}
}

// planUnpublishedSession48 plans the 48th session of the council with
// its standard items and leaves its agenda unpublished: what a visitor
// finds between planning and publication.
func planUnpublishedSession48(t testing.TB, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sections, _ := st.Sections(ctx, council.ID)
	sid, err := st.PlanSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: model.NewDate(2026, 3, 12), Status: model.StatusPlanned},
		itplr.StandardItems(48, sections))
	if err != nil {
		t.Fatal(err)
	}
	if se, err := st.Session(ctx, sid); err != nil || se.AgendaPublished {
		t.Fatalf("fixture: the 48th session's agenda must be unpublished (%v)", err)
	}
}

// TestVisitorRedactionNoteOnlyWithRedactions: the public page of a
// session whose agenda is not published said "Vertrauliche Passagen sind
// als „[geschwärzt]“ gekennzeichnet" above nothing. The note stands only
// where something on the page is blacked out (the 47th session's
// minutes), not on a session without published agenda nor on one whose
// public page blacks out nothing (the 46th); the unpublished agenda is
// named plainly.
func TestVisitorRedactionNoteOnlyWithRedactions(t *testing.T) {
	ts, st, _ := lawServer(t)
	planUnpublishedSession48(t, st)
	const note = "Vertrauliche Passagen sind als „[geschwärzt]“ gekennzeichnet."
	main := func(path string) string {
		t.Helper()
		res, page := get(t, ts, path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", path, res.StatusCode)
		}
		return between(page, "<main", "</main>")
	}
	unpublished := main("/sitzungen/48")
	if strings.Contains(unpublished, "geschwärzt") {
		t.Errorf("the session without published agenda speaks of redactions:\n%s", unpublished)
	}
	if !strings.Contains(unpublished, "<p>Die Tagesordnung ist noch nicht veröffentlicht.") {
		t.Errorf("the session without published agenda does not say that it is not published yet:\n%s", unpublished)
	}
	if page := main("/sitzungen/46"); strings.Contains(page, "geschwärzt") {
		t.Errorf("the 46th session blacks out nothing, but its page speaks of redactions")
	}
	redacted := main("/sitzungen/47")
	if !strings.Contains(redacted, note) || strings.Count(redacted, "[geschwärzt]") < 2 {
		t.Errorf("the 47th session's page blacks out passages but does not explain it (%d times [geschwärzt])", strings.Count(redacted, "[geschwärzt]"))
	}
	// The minutes page and its PDF alike: the public version says what it
	// is, and explains the redactions only where there are any.
	const pdfNote = "vertrauliche Passagen sind geschwärzt"
	for _, c := range []struct {
		session  int
		redacted bool
	}{{46, false}, {47, true}} {
		page := main(fmt.Sprintf("/sitzungen/%d/protokoll", c.session))
		if !strings.Contains(page, "Öffentliche Fassung.") || strings.Contains(page, note) != c.redacted {
			t.Errorf("the public minutes of the %d. session: the note explains redactions %v, want %v", c.session, strings.Contains(page, note), c.redacted)
		}
		_, pdf := get(t, ts, fmt.Sprintf("/sitzungen/%d/protokoll.pdf", c.session))
		text := strings.Join(strings.Fields(pdftest.Text(t, []byte(pdf))), " ")
		if !strings.Contains(text, "Öffentliche Fassung") || strings.Contains(text, pdfNote) != c.redacted {
			t.Errorf("the public PDF of the %d. session: the note explains redactions %v, want %v", c.session, strings.Contains(text, pdfNote), c.redacted)
		}
	}
}

// TestVisitorSessionStatusSaysTheApprovalOnce: the status of an approved
// session read "Protokoll genehmigt, genehmigt in der 47. Sitzung am
// 26.06.2025", and its "Stand" did not say of what. It reads "Protokoll
// genehmigt in der 47. Sitzung am 26.06.2025" and "Stand des Protokolls",
// as the session list names the column.
func TestVisitorSessionStatusSaysTheApprovalOnce(t *testing.T) {
	ts := demoServer(t)
	_, page := get(t, ts, "/sitzungen/46")
	if !strings.Contains(page, "<dt>Status</dt><dd>Protokoll genehmigt in der 47. Sitzung am 26.06.2025</dd>") || strings.Contains(page, "genehmigt, genehmigt") {
		t.Errorf("the status does not say the approval once: %q", between(page, "<dt>Status</dt>", "</div>"))
	}
	if !strings.Contains(page, "<dt>Stand des Protokolls</dt><dd>") {
		t.Errorf("the Stand does not say of what: %q", between(page, `<dl class="meta">`, "</dl>"))
	}
}
