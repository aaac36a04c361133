package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestMinutesFrozenDuringWrittenProcedure: the secretariat started a
// written procedure on the 47th session's draft minutes, changed a row
// while it ran (accepted), all voted yes, and the approved minutes showed
// the change. Now the change is refused with the reason naming the
// procedure, the live page says why, the procedure page links the text
// sent, and after the approval that text is the approved version and the
// minutes show no change.
func TestMinutesFrozenDuringWrittenProcedure(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	s47, err := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	if err != nil || s47.Status != model.StatusMinutesDraft {
		t.Fatalf("47: %v %s", err, s47.Status)
	}
	_, c := contributionOf(t, st, s47.ID)

	deadline := model.BerlinDate(time.Now().AddDate(0, 0, 7)).String()
	code, body := do(t, gs, "POST", ts.URL+"/umlaufverfahren", url.Values{"protokoll": {"47"}, "antrag": {"Bund"}, "art": {"beschluss"},
		"frist_datum": {deadline}, "frist_zeit": {"12:00"}, "stand": procedureStartForm(t, gs, ts.URL, "", "47")["stand"]})
	if code != http.StatusSeeOther {
		t.Fatalf("start: %d %s", code, body)
	}
	ps, _ := st.Procedures(ctx)
	p := ps[len(ps)-1]

	// The edit the reviewer made is refused, with the reason.
	edit := url.Values{"version": {strconv.Itoa(c.Version)}, "punkte": {"NACHTRÄGLICH GEÄNDERT WÄHREND DES UMLAUFS"}}
	code, body = do(t, gs, "POST", fmt.Sprintf("%s/beitraege/%d", ts.URL, c.ID), edit)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "im Umlaufverfahren „Bestätigung des Protokolls der 47. Sitzung“") {
		t.Fatalf("edit during the procedure: %d %s", code, body)
	}
	code, _ = do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/beitraege", ts.URL, c.ItemID), url.Values{"sprecher": {"HE"}, "punkte": {"x"}})
	if code != http.StatusUnprocessableEntity {
		t.Errorf("new row during the procedure: %d", code)
	}
	if code, live := do(t, gs, "GET", ts.URL+"/sitzungen/47/live", nil); code != http.StatusOK || !strings.Contains(live, fmt.Sprintf(`<a href="/umlaufverfahren/%d">Umlaufverfahren`, p.ID)) {
		t.Errorf("the live page does not say that the minutes are in a procedure: %d", code)
	}
	_, page := do(t, gs, "GET", fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, p.ID), nil)
	if !strings.Contains(page, fmt.Sprintf(`href="/umlaufverfahren/%d/protokoll"`, p.ID)) {
		t.Error("the procedure page does not link the text sent")
	}
	code, sent := do(t, gs, "GET", fmt.Sprintf("%s/umlaufverfahren/%d/protokoll", ts.URL, p.ID), nil)
	if code != http.StatusOK || sent != p.MinutesText || !strings.Contains(sent, "47. Sitzung des IT-Planungsrats") {
		t.Errorf("the text sent: %d %.80q", code, sent)
	}
	if code, _ := do(t, client(t, ts, ""), "GET", fmt.Sprintf("%s/umlaufverfahren/%d/protokoll", ts.URL, p.ID), nil); code == http.StatusOK {
		t.Error("the public reads the internal text sent")
	}

	voters, _ := st.VotingMembers(ctx)
	for _, m := range voters {
		if err := st.CastVote(ctx, p.ID, m.Abbrev, model.VoteYes); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.EndProcedureEarly(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, minutes := do(t, gs, "GET", ts.URL+"/sitzungen/47/protokoll", nil); strings.Contains(minutes, "NACHTRÄGLICH") {
		t.Error("the approved minutes show the edit")
	}
	_, page = do(t, gs, "GET", fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, p.ID), nil)
	m := regexp.MustCompile(`href="/sitzungen/47/protokoll/fassungen/(\d+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the procedure page does not link the approved version")
	}
	if _, v := do(t, gs, "GET", ts.URL+"/sitzungen/47/protokoll/fassungen/"+m[1], nil); v != sent {
		t.Error("the approved version is not the text sent")
	}
}

// contributionOf gives an item of the session and its first contribution
// that is not confidential.
func contributionOf(t *testing.T, st *store.Store, sessionID int64) (model.AgendaItem, model.Contribution) {
	t.Helper()
	items, _ := st.Items(context.Background(), sessionID)
	for _, it := range items {
		if cs, _ := st.Contributions(context.Background(), it.ID); len(cs) > 0 && !cs[0].Confidential {
			return it, cs[0]
		}
	}
	t.Fatal("no contribution")
	return model.AgendaItem{}, model.Contribution{}
}

// TestProcedureOrderProposedWithTheNextMinutes: an order in a decision
// taken by written procedure was proposed nowhere. It is proposed on the
// proposals page of the session whose minutes list the procedure, and
// confirmed there it is a follow-up of the decision.
func TestProcedureOrderProposedWithTheNextMinutes(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	body := mustBody(t, st)
	if _, err := st.CreateSession(ctx, model.Session{BodyID: body.ID, Number: 48, Date: model.BerlinDate(time.Now().AddDate(0, 3, 0)), Place: "Berlin", Status: model.StatusPlanned}); err != nil {
		t.Fatal(err)
	}
	order := "Die FITKO wird gebeten, bis zum 30.06.2027 einen Umsetzungsplan vorzulegen."
	code, page := do(t, gs, "POST", ts.URL+"/umlaufverfahren", url.Values{"titel": {"Umsetzungsplan"}, "punkte": {"Der IT-Planungsrat beschließt den Rahmen.\n" + order},
		"antrag": {"Bund"}, "art": {"beschluss"}, "frist_datum": {model.BerlinDate(time.Now().AddDate(0, 0, 7)).String()}, "frist_zeit": {"12:00"}})
	if code != http.StatusSeeOther {
		t.Fatalf("start: %d %s", code, page)
	}
	ps, _ := st.Procedures(ctx)
	p := ps[len(ps)-1]
	voters, _ := st.VotingMembers(ctx)
	for _, m := range voters {
		if err := st.CastVote(ctx, p.ID, m.Abbrev, model.VoteYes); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.EndProcedureEarly(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/auftragsvorschlaege", nil)
	m := regexp.MustCompile(`<h2>Umlaufverfahren: Beschluss (B-\d{4}/\d+-IT)</h2>[\s\S]*?name="schluessel" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil || !strings.Contains(page, order) {
		t.Fatalf("the order is not proposed with the 48th session's minutes:\n%s", page)
	}
	code, _ = do(t, gs, "POST", ts.URL+"/sitzungen/48/auftragsvorschlaege", url.Values{"schluessel": {m[2]}, "aktion": {"bestaetigen"},
		"text": {order}, "verantwortlich": {"FITKO"}, "frist": {"2027-06-30"}})
	if code != http.StatusSeeOther {
		t.Fatalf("confirm: %d", code)
	}
	d, _ := st.Decision(ctx, p.DecisionID)
	fs, _ := st.FollowUps(ctx, store.FollowUpFilter{DecisionID: d.ID})
	if len(fs) != 1 || fs[0].DueDate != model.NewDate(2027, 6, 30) {
		t.Fatalf("follow-ups of %s: %+v", m[1], fs)
	}
	if _, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/auftragsvorschlaege", nil); strings.Contains(page, m[2]) {
		t.Error("proposed again after it was confirmed")
	}
}
