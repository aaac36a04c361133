package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestStaleWithdrawLeavesNewRegistration: Hessen withdraws its newest
// registration in one tab and registers another; the withdraw form of the
// first, still open in a second tab, is sent. The engines gave the new
// registration the withdrawn one's id (and version 1), so the stale form
// withdrew the new registration. Ids are never given twice now: the stale
// form finds nothing, and the new registration stays.
func TestStaleWithdrawLeavesNewRegistration(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 6, 0)))
	he := client(t, ts, "hessen")
	register := func(title string) model.AgendaItem { return registerDecisionAs(t, ts, st, he, se, title) }
	withdraw := func(it model.AgendaItem) int {
		t.Helper()
		code, _ := do(t, he, "POST", fmt.Sprintf("%s/anmeldungen/%d/zurueckziehen", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "bestaetigt": {"ja"}})
		return code
	}
	first := register("Cloud-Strategie")
	if code := withdraw(first); code != http.StatusSeeOther {
		t.Fatalf("withdrawal: %d", code)
	}
	second := register("Justizcloud")
	if second.ID == first.ID {
		t.Errorf("the new registration took the withdrawn one's id %d", first.ID)
	}
	if code := withdraw(first); code == http.StatusSeeOther {
		t.Errorf("the stale withdraw form was accepted")
	}
	if it, err := st.Item(ctx, second.ID); err != nil || it.Title != "Justizcloud" {
		t.Errorf("the new registration after the stale withdraw form: %+v %v", it, err)
	}
}
