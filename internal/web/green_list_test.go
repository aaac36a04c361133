package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestMemberPullsTickedItemFromGreenList: any voting member takes an item
// off the Grüne Liste from its own account, before or in the session
// (docs/session-cycle.md, "Grüne Liste"); the secretariat records a
// member's request. Only items that came there by the AL-Runde's
// recommendation could be pulled: an item the secretariat ticked for the
// list had no way off it but the secretariat's own edit, and the session
// page offered the members nothing. Now the session page offers it for
// every item on the list, the item is treated singly after it, and the
// audit log names the member.
func TestMemberPullsTickedItemFromGreenList(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, it := planSession48(t, ts, st)
	// Only an item with a proposal goes on the Grüne Liste
	// (model.CheckGreenListProposal).
	propose := func() {
		t.Helper()
		if _, err := st.CreateDecision(ctx, model.Decision{BodyID: s48.BodyID, SessionID: s48.ID, ItemID: it.ID, Kind: model.KindDecision, Status: model.DecisionDraft,
			Scope: model.ScopeAll, Title: it.Title, Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat nimmt den Bericht an."}}, Applicants: []string{"Bund"}}); err != nil {
			t.Fatal(err)
		}
	}
	propose()
	onList := func() {
		t.Helper()
		cur, err := st.Item(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		cur.Status, cur.Consent = model.ItemAccepted, true
		if err := st.UpdateItem(ctx, cur); err != nil {
			t.Fatal(err)
		}
	}
	onList()
	pull := fmt.Sprintf("%s/tops/%d/gruene-liste/herausnehmen", ts.URL, it.ID)
	action := fmt.Sprintf(`action="/tops/%d/gruene-liste/herausnehmen"`, it.ID)
	// next puts another registered item on the list: a pulled one does
	// not go back on it (store.checkNotPulled, TestGreenListPulledItemStaysOff).
	next := func(title string) {
		t.Helper()
		if code, body := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {title}, "ziel": {"Bericht"}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
			t.Fatalf("registration %q: %d %s", title, code, body)
		}
		items, err := st.Items(ctx, s48.ID)
		if err != nil {
			t.Fatal(err)
		}
		it = items[len(items)-1]
		propose()
		onList()
		pull = fmt.Sprintf("%s/tops/%d/gruene-liste/herausnehmen", ts.URL, it.ID)
		action = fmt.Sprintf(`action="/tops/%d/gruene-liste/herausnehmen"`, it.ID)
	}
	he, gs := client(t, ts, "hessen"), client(t, ts, "geschaeftsstelle")
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(page, action) {
		t.Fatal("the session page offers Hessen no way to take the item off the Grüne Liste")
	}
	if _, page := do(t, client(t, ts, "dlt"), "GET", ts.URL+"/sitzungen/48", nil); strings.Contains(page, action) {
		t.Error("the session page offers an advisory member to take an item off the Grüne Liste")
	}
	for _, user := range []string{"dlt", ""} {
		if code, _ := do(t, client(t, ts, user), "POST", pull, url.Values{}); code != http.StatusForbidden && code != http.StatusUnauthorized && code != http.StatusSeeOther {
			t.Errorf("%q: %d", user, code)
		}
		if got, _ := st.Item(ctx, it.ID); !got.Consent {
			t.Fatalf("%q took the item off the Grüne Liste", user)
		}
	}
	res, err := he.PostForm(pull, url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("Hessen's pull: %d", res.StatusCode)
	}
	// Back at the item on the session page: its anchor, not its row id.
	if loc, want := res.Header.Get("Location"), "/sitzungen/48#"+anchorFor(t, st, it.ID); loc != want {
		t.Errorf("after the pull: %q, want %q", loc, want)
	}
	lastPull := func() string {
		t.Helper()
		log, err := st.AuditLog(ctx, "agenda_item", it.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i := len(log) - 1; i >= 0; i-- {
			if log[i].Action == "pull" {
				return log[i].Detail
			}
		}
		return ""
	}
	if got, _ := st.Item(ctx, it.ID); got.Consent || lastPull() != "auf Wunsch von HE" {
		t.Errorf("after Hessen's pull: consent %v, audit %q", got.Consent, lastPull())
	}
	if code, body := do(t, he, "POST", pull, url.Values{}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "steht nicht auf der Grünen Liste") {
		t.Errorf("pulling an item not on the list: %d", code)
	}

	// The secretariat records Bayern's request (for another item).
	next("Bericht zur Registermodernisierung")
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(page, action) || !strings.Contains(page, fmt.Sprintf(`<select id="gl-%d" name="mitglied" required>`, it.ID)) {
		t.Fatal("the secretariat cannot record a member's request on the session page")
	}
	if code, body := do(t, gs, "POST", pull, url.Values{"mitglied": {"BY"}}); code != http.StatusSeeOther {
		t.Fatalf("the secretariat's pull for BY: %d %.300s", code, body)
	}
	if got, _ := st.Item(ctx, it.ID); got.Consent || lastPull() != "auf Wunsch von BY" {
		t.Errorf("after Bayern's pull: consent %v, audit %q", got.Consent, lastPull())
	}

	// After the session, the list is decided: nothing leaves it.
	next("Bericht zur Cloud-Strategie")
	publishAgendaForTest(t, st, s48.ID)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning, model.StatusEnded} {
		cur, err := st.Session(ctx, s48.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SetSessionStatus(ctx, s48.ID, cur.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/48", nil); strings.Contains(page, action) {
		t.Error("the session page offers the pull after the session")
	}
	if code, _ := do(t, he, "POST", pull, url.Values{}); code != http.StatusUnprocessableEntity {
		t.Errorf("a pull after the session: %d", code)
	}
	if got, _ := st.Item(ctx, it.ID); !got.Consent {
		t.Error("an item left the Grüne Liste after the session")
	}
}
