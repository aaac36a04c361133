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
)

// TestPublicStandIgnoresInternalChanges: the 47th session's draft minutes
// are released ("Stand: 08.12.2025"). The secretariat adds a decision
// proposal on the live page (never public), and later changes only the
// words inside a confidential passage of a Protokollnotiz. Before, each
// moved the one Stand of the minutes to the day of the change — on the
// public page, in the PDF and the text, as the OParl File's date, and so
// every public ETag: the public learned that, and on which day, something
// confidential changed. Now the public version keeps its Stand (and its
// bytes) until it changes itself; the internal version shows the day of
// its latest change.
func TestPublicStandIgnoresInternalChanges(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	day := func(d int) { st.SetClock(func() time.Time { return time.Date(2026, 12, d, 10, 0, 0, 0, time.UTC) }) }
	day(5)
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	if s47.Status != model.StatusMinutesDraft {
		t.Skipf("the demo's 47th session is %s, not a released draft", s47.Status)
	}
	released := "Stand: " + s47.MinutesStand.German()
	public := client(t, ts, "")
	gs := client(t, ts, "geschaeftsstelle")
	get := func(c *http.Client, path string) (string, string) {
		t.Helper()
		res, err := c.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
		return string(b), res.Header.Get("ETag")
	}
	surfaces := []string{"/sitzungen/47/protokoll", "/sitzungen/47/protokoll.txt", "/sitzungen/47/protokoll.pdf", "/sitzungen/47", "/sitzungen"}
	if err := st.SyncOParl(ctx, nil); err != nil {
		t.Fatal(err)
	}
	meeting47 := oparlPathOf(t, ts, st, "meeting", "/sitzungen/47")
	snapshot := func() map[string]string {
		t.Helper()
		if err := st.SyncOParl(ctx, nil); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, p := range surfaces {
			_, etag := get(public, p)
			out[p] = etag
		}
		out["oparl"], _ = get(public, meeting47)
		return out
	}
	unchanged := func(step string, before map[string]string) {
		t.Helper()
		after := snapshot()
		for k, v := range before {
			switch {
			case after[k] == v:
			case k == "oparl":
				t.Errorf("%s: the public OParl Meeting changed; its File: %s (was %s)", step,
					between(after[k], `"resultsProtocol"`, "}"), between(v, `"resultsProtocol"`, "}"))
			default:
				t.Errorf("%s: the ETag of the public %s changed (%s, was %s)", step, k, after[k], v)
			}
		}
	}
	if text, _ := get(public, "/sitzungen/47/protokoll.txt"); !strings.Contains(text, released) {
		t.Fatalf("the released draft's text: %s", text[:min(len(text), 300)])
	}
	before := snapshot()
	items, _ := st.Items(ctx, s47.ID)
	if code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/beschluesse", ts.URL, items[1].ID),
		url.Values{"titel": {"Vorschlag zur Haushaltslage"}, "punkte": {"Der IT-Planungsrat nimmt die Haushaltslage zur Kenntnis."}, "art": {"beschluss"}, "antrag": {"Bund"}}); code != http.StatusSeeOther {
		t.Fatalf("a proposal added to the draft: %d %s", code, between(page, "<main", "</main>"))
	}
	if text, _ := get(public, "/sitzungen/47/protokoll.txt"); !strings.Contains(text, released) {
		t.Errorf("the public text after a proposal was added: %s", between(text, "Datum", "TOP"))
	}
	unchanged("a proposal added", before)
	if page, _ := get(gs, "/sitzungen/47/protokoll"); !strings.Contains(page, "<dt>Stand</dt><dd>05.12.2026") {
		t.Errorf("the internal Stand after the proposal: %s", between(page, "<dl class=\"meta\">", "</dl>"))
	}

	// A note with a confidential passage is a public change (its public
	// words and the blacked-out passage show).
	noteID, err := st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: items[1].ID, Author: "Berlin",
		Text: "Berlin gibt zu Protokoll: " + model.Redact("die Kosten betragen 3 Mio. Euro") + "."})
	if err != nil {
		t.Fatal(err)
	}
	if text, _ := get(public, "/sitzungen/47/protokoll.txt"); !strings.Contains(text, "Stand: 05.12.2026") {
		t.Errorf("the public text after a public note: %s", between(text, "Datum", "TOP"))
	}
	day(7)
	before = snapshot()
	edit := func(text string) {
		t.Helper()
		n, _ := st.ProtocolNote(ctx, noteID)
		code, page := do(t, gs, "POST", fmt.Sprintf("%s/notizen/%d", ts.URL, noteID), url.Values{"version": {fmt.Sprint(n.Version)}, "text": {text}})
		if code != http.StatusSeeOther && code != http.StatusOK {
			t.Fatalf("note edited to %q: %d %s", text, code, between(page, "<main", "</main>"))
		}
	}
	edit("Berlin gibt zu Protokoll: [[die Kosten betragen 4 Mio. Euro]].")
	if got, _ := st.ProtocolNote(ctx, noteID); !strings.Contains(got.Text, "4 Mio.") {
		t.Fatalf("the note was not changed: %q", got.Text)
	}
	unchanged("only the confidential passage changed", before)
	if page, _ := get(gs, "/sitzungen/47/protokoll"); !strings.Contains(page, "<dt>Stand</dt><dd>07.12.2026") {
		t.Errorf("the internal Stand after the confidential change: %s", between(page, "<dl class=\"meta\">", "</dl>"))
	}
	if text, _ := get(gs, "/sitzungen/47/protokoll.txt"); !strings.Contains(text, "Stand: 07.12.2026") {
		t.Errorf("the internal text's Stand after the confidential change: %s", between(text, "Datum", "TOP"))
	}

	// A change of the public words moves the public Stand, and the OParl
	// File's date with it.
	day(8)
	edit("Berlin gibt ausdrücklich zu Protokoll: [[die Kosten betragen 4 Mio. Euro]].")
	if text, _ := get(public, "/sitzungen/47/protokoll.txt"); !strings.Contains(text, "Stand: 08.12.2026") {
		t.Errorf("the public text after a public change: %s", between(text, "Datum", "TOP"))
	}
	if err := st.SyncOParl(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if meeting, _ := get(public, meeting47); !strings.Contains(meeting, `"date":"2026-12-08"`) {
		t.Errorf("the OParl File after a public change: %s", between(meeting, `"resultsProtocol"`, "}"))
	}
}
