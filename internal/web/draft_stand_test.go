package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestDraftMinutesStandFollowsChanges: the 47th session's draft minutes
// are released ("Stand: 08.12.2025"); the secretariat adds a row. The
// public minutes changed, but their Stand — on the page, in the PDF and
// as the OParl File's date, whose modified tells an OParl client to fetch
// them again — stayed the day of the release. Now the Stand is the day
// of the draft's latest change.
func TestDraftMinutesStandFollowsChanges(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	st.SetClock(func() time.Time { return time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC) })
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	if s47.Status != model.StatusMinutesDraft {
		t.Skipf("the demo's 47th session is %s, not a released draft", s47.Status)
	}
	public := client(t, ts, "")
	if _, page := do(t, public, "GET", ts.URL+"/sitzungen/47/protokoll", nil); !strings.Contains(page, "<dt>Stand</dt><dd>"+s47.MinutesStand.German()) {
		t.Fatalf("the draft's Stand before: %s", between(page, "<main", "</h1>"))
	}
	if err := st.SyncOParl(ctx, nil); err != nil {
		t.Fatal(err)
	}
	meeting47 := ts.URL + oparlPathOf(t, ts, st, "meeting", "/sitzungen/47")
	_, meetingBefore := do(t, public, "GET", meeting47, nil)
	items, _ := st.Items(ctx, s47.ID)
	gs := client(t, ts, "geschaeftsstelle")
	if code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/beitraege", ts.URL, items[1].ID), url.Values{"sprecher": {"BSI"}, "punkte": {"Hinweis auf die Haushaltslage"}}); code != http.StatusSeeOther {
		t.Fatalf("a row added to the draft: %d %s", code, between(page, "<main", "</main>"))
	}
	if _, page := do(t, public, "GET", ts.URL+"/sitzungen/47/protokoll", nil); !strings.Contains(page, "<dt>Stand</dt><dd>05.12.2026") || !strings.Contains(page, "Hinweis auf die Haushaltslage") {
		t.Errorf("the public draft after the change: %s", between(page, "<main", "</h1>"))
	}
	if err := st.SyncOParl(ctx, nil); err != nil {
		t.Fatal(err)
	}
	_, meeting := do(t, public, "GET", meeting47, nil)
	if !strings.Contains(meeting, `"date":"2026-12-05"`) || meeting == meetingBefore {
		t.Errorf("the OParl File of the changed draft: %s", between(meeting, `"resultsProtocol"`, "}"))
	}
}
