package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestProcedureDecisionDateOnceAndSession: the page of a decision taken
// in written procedure gave its day twice ("Ausgesprochen am 07.12.2026"
// and "Gefasst: im Umlaufverfahren am 07.12.2026") and did not say where
// it is recorded. It gives the day once, with the procedure, and links
// the session whose minutes list it under "Umlaufverfahren seit der
// letzten Sitzung" (the next one, planned after the procedure), whose
// page does list it there.
func TestProcedureDecisionDateOnceAndSession(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	d := adoptInWrittenProcedure(t, st, "Empfehlung im Umlauf")
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	sessions, err := st.Sessions(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The next session, planned after the procedure closed.
	next := sessions[0].Number + 1
	if _, err := st.CreateSession(store.WithActor(ctx, "test"), model.Session{BodyID: council.ID, Number: next,
		Date: model.BerlinDate(time.Now().AddDate(0, 2, 0)), Place: "Berlin", Status: model.StatusPlanned}); err != nil {
		t.Fatal(err)
	}
	if sessions, err = st.Sessions(ctx, council.ID); err != nil {
		t.Fatal(err)
	}
	// The session whose minutes list it, as the minutes read it.
	listedIn := 0
	for _, se := range sessions {
		after, until, err := st.ProcedurePeriod(ctx, se)
		if err != nil {
			t.Fatal(err)
		}
		ds, err := st.ProcedureDecisions(ctx, council.ID, after, until)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range ds {
			if x.ID == d.ID {
				listedIn = se.Number
			}
		}
	}
	if listedIn != next {
		t.Fatalf("the decision is listed in the minutes of session %d, want the planned %d.", listedIn, next)
	}
	for _, who := range []string{"", "hessen", "geschaeftsstelle"} {
		code, page := do(t, client(t, ts, who), "GET", ts.URL+decisionURL(d.Label), nil)
		meta := between(page, `<dl class="meta">`, `</dl>`)
		if code != http.StatusOK || meta == "" {
			t.Fatalf("%q: decision page %d", who, code)
		}
		if n := strings.Count(meta, d.AdoptedOn.German()); n != 1 {
			t.Errorf("%q: the day %s stands %d times: %s", who, d.AdoptedOn.German(), n, meta)
		}
		if want := "<dt>Ausgesprochen</dt><dd>im Umlaufverfahren am " + d.AdoptedOn.German() + "</dd>"; !strings.Contains(meta, want) {
			t.Errorf("%q: not %q: %s", who, want, meta)
		}
		if want := fmt.Sprintf(`<a href="/sitzungen/%d#h-umlauf">%d. Sitzung</a>, aufgeführt unter „Umlaufverfahren seit der letzten Sitzung“`, next, next); !strings.Contains(meta, want) {
			t.Errorf("%q: no link to the session whose minutes list it (%s): %s", who, want, meta)
		}
		if strings.Contains(meta, "/sitzungen/0") {
			t.Errorf("%q: links session 0: %s", who, meta)
		}
		_, session := do(t, client(t, ts, who), "GET", fmt.Sprintf("%s/sitzungen/%d", ts.URL, next), nil)
		if section := between(session, `id="h-umlauf"`, `</section>`); !strings.Contains(section, decisionURL(d.Label)) {
			t.Errorf("%q: the %d. session's page does not list %s under h-umlauf: %.400s", who, next, d.Label, section)
		}
	}
}
