package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestApprovalPointSkipsCancelledSessions: the standard opening item of a
// new session approves the minutes of the newest session before it that
// is not cancelled, and cancelling a session moves the point of the later
// sessions planned already to the session before it (before, the 49th
// session planned after the cancelled 48th named "Bestätigung des
// Protokolls der 48. Sitzung", minutes that do not exist, and approving
// the 47th's minutes in it was refused). A session planned in a year after
// the recorded chair rotation takes the rotation's next chair (before:
// none).
func TestApprovalPointSkipsCancelledSessions(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	ctx := context.Background()
	council := mustBody(t, st)
	plan := func(nr int, date string) {
		t.Helper()
		if code, body := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {strconv.Itoa(nr)}, "datum": {date}, "beginn": {"09:00"}, "ende": {"13:00"}, "ort": {"Berlin"}}); code != http.StatusSeeOther {
			t.Fatalf("plan %d: %d %s", nr, code, body)
		}
	}
	cancel := func(nr int) {
		t.Helper()
		se, err := st.SessionByNumber(ctx, council.ID, nr)
		if err != nil {
			t.Fatal(err)
		}
		if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/"+strconv.Itoa(nr)+"/absagen", url.Values{"version": {strconv.Itoa(se.Version)}, "grund": {"Terminkollision"}}); code != http.StatusSeeOther {
			t.Fatalf("cancel %d: %d %s", nr, code, body)
		}
	}
	approves := func(nr int) []int {
		t.Helper()
		se, err := st.SessionByNumber(ctx, council.ID, nr)
		if err != nil {
			t.Fatal(err)
		}
		items, err := st.Items(ctx, se.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []int
		for _, it := range items {
			for _, p := range append([]string{it.Title}, it.Points...) {
				if n, ok := model.MinutesApprovalRef(p); ok {
					out = append(out, n)
				}
			}
		}
		return out
	}
	plan(48, "2027-03-25")
	cancel(48)
	plan(49, "2027-06-17")
	if got := approves(49); len(got) != 1 || got[0] != 47 {
		t.Errorf("the 49th after the 48th was cancelled approves %v, want [47]", got)
	}
	plan(50, "2027-11-04")
	plan(51, "2028-03-02")
	cancel(50)
	if got := approves(51); len(got) != 1 || got[0] != 49 {
		t.Errorf("the 51st after the 50th was cancelled approves %v, want [49]", got)
	}
	cancel(49)
	if got := approves(51); len(got) != 1 || got[0] != 47 {
		t.Errorf("the 51st after the 49th was cancelled too approves %v, want [47]", got)
	}
	// The public agenda says so.
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/51", nil); !strings.Contains(page, "Bestätigung des Protokolls der 47. Sitzung") {
		t.Error("the 51st session's page does not name the 47th's minutes")
	}
	// The chair of 2027 continues the rotation recorded up to 2026.
	if se, _ := st.SessionByNumber(ctx, council.ID, 49); se.Chair != "NI" {
		t.Errorf("chair of the 49th session (2027): %q, want NI", se.Chair)
	}
	if se, _ := st.SessionByNumber(ctx, council.ID, 51); se.Chair != "Bund" {
		t.Errorf("chair of the 51st session (2028): %q, want Bund", se.Chair)
	}
}

// TestALRundeMinutesTitle: the AL-Runde's minutes, page and PDF, are
// headed in German grammar (before: "39. Sitzung des
// Abteilungsleiterrunde des IT-Planungsratss").
func TestALRundeMinutesTitle(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	const want = "39. Sitzung der Abteilungsleiterrunde des IT-Planungsrats"
	code, page := do(t, gs, "GET", ts.URL+"/gremien/al-runde/sitzungen/39/protokoll", nil)
	if code != http.StatusOK || !strings.Contains(page, want) || strings.Contains(page, "Planungsratss") {
		t.Errorf("the AL-Runde's minutes page (%d) is not headed %q", code, want)
	}
	code, pdf := do(t, gs, "GET", ts.URL+"/gremien/al-runde/sitzungen/39/protokoll.pdf", nil)
	if text := strings.Join(strings.Fields(pdftest.Text(t, []byte(pdf))), " "); code != http.StatusOK || !strings.Contains(text, want) || strings.Contains(text, "Planungsratss") {
		t.Errorf("the AL-Runde's minutes PDF (%d):\n%s", code, text)
	}
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/protokoll", nil); !strings.Contains(page, "47. Sitzung des IT-Planungsrats") {
		t.Error("the IT-PLR's minutes are not headed \"47. Sitzung des IT-Planungsrats\"")
	}
}
