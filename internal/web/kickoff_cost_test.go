package web

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestKickoffsReadInOneStatement: the FachMK overview and a conference's
// page judged the kick-off talk of every term in office with one store
// call per distinct start of a term, and read the person of every
// assignment with a statement of its own, so the pages cost more the more
// terms there were (three more terms of other days and persons: four
// statements more). They now read the sessions of all starts and the
// persons of all assignments at once: as many statements as before.
func TestKickoffsReadInOneStatement(t *testing.T) {
	ts, st, _ := demoAccountsServer(t, func(s *Server) { s.SetResponseCache(-1); s.SetStoredPages(false) })
	gs := client(t, ts, "geschaeftsstelle")
	ctx := store.WithActor(context.Background(), "test")
	fmk, err := st.BodyByAbbrev(ctx, "FMK")
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"/fachmk", "/fachmk/FMK"}
	measure := func() map[string]uint64 {
		out := map[string]uint64{}
		for _, p := range paths {
			out[p], _ = clientCost(t, gs, ts.URL+p)
		}
		return out
	}
	before := measure()
	for i, m := range []string{"SL", "SN", "ST"} {
		if _, err := st.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk.ID, Member: m, DecisionRef: "B-2022/43-IT",
			StartOn: model.NewDate(2023, time.Month(3+i), 1)}); err != nil {
			t.Fatal(err)
		}
	}
	after := measure()
	for _, p := range paths {
		if after[p] != before[p] {
			t.Errorf("%s: %d statements; with three more starts of terms %d", p, before[p], after[p])
		}
	}
}
