package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestLiveMinutesTickOnlyTakenDecisions: a session run live in gremium
// with a rejected proposal (TOP 5: only 10 Länder vote yes) and one never
// voted on (TOP 6). Its minutes — internal and public, page and text
// export — tick "Beschluss" for neither. Before, the internal minutes
// said "Beschluss: ja" for both (the box is recorded when the proposal is
// put on the item) while the public ones said "nein".
func TestLiveMinutesTickOnlyTakenDecisions(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, rejectedItem, d := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	votes := everyoneBut("ja", "HB", "BW", "ST", "SH", "TH", "NI")
	for _, m := range []string{"HB", "BW", "ST", "SH", "TH", "NI"} {
		votes.Set("stimme_"+m, "nein")
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung", ts.URL, d), seenVersion(t, st, d, votes)); code != http.StatusSeeOther {
		t.Fatalf("show of hands: %d", code)
	}
	if got, _ := st.Decision(ctx, d); got.Status != model.DecisionRejected {
		t.Fatalf("the proposal was not rejected: %s %q", got.Status, got.Result)
	}
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	unvotedItem, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: "6", Title: "Nicht abgestimmt", Position: 4, Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: sid, ItemID: unvotedItem, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Nie abgestimmt", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt nichts."}}, Applicants: []string{"Bund"}}); err != nil {
		t.Fatal(err)
	}
	for _, next := range []model.SessionStatus{model.StatusEnded, model.StatusMinutesDraft} {
		se, _ := st.Session(ctx, sid)
		if err := st.SetSessionStatus(ctx, sid, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	if it, _ := st.Item(ctx, rejectedItem); !it.Flags.Decision {
		t.Fatal("the box Beschluss is not recorded on the item; the test proves nothing")
	}
	const noDecision = `Beschluss<span class="visually-hidden">: nein</span>`
	const decision = `Beschluss<span class="visually-hidden">: ja</span>`
	for _, c := range []struct {
		who    string
		client *http.Client
	}{{"geschaeftsstelle", gs}, {"public", client(t, ts, "")}} {
		_, page := do(t, c.client, "GET", ts.URL+"/sitzungen/48/protokoll", nil)
		for _, id := range []int64{rejectedItem, unvotedItem} {
			top := between(page, `id="p-`+anchorFor(t, st, id)+`"`, "</tbody>")
			if top == "" || strings.Contains(top, decision) || !strings.Contains(top, noDecision) {
				t.Errorf("%s: the minutes of item %d tick Beschluss or show no box: %s", c.who, id, top)
			}
		}
		_, text := do(t, c.client, "GET", ts.URL+"/sitzungen/48/protokoll.txt", nil)
		if strings.Contains(text, `<input checked="" type="checkbox"/> Beschluss `) {
			t.Errorf("%s: the text export ticks Beschluss:\n%s", c.who, text)
		}
	}
}
