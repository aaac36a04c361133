package api

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestFollowUpReportCannotProbeIDs: a follow-up of the AL-Runde is
// internal — GET /api/v1/auftraege/{id} answers a FachMK secretariat's
// token 404, as for no follow-up — but its report (POST …/stand) looked
// the follow-up up first and answered 403 where it exists, 404 where not,
// so the token learnt which internal follow-ups exist. An account that
// reports no follow-up is refused before the lookup, the same for every
// id.
func TestFollowUpReportCannotProbeIDs(t *testing.T) {
	ts, st, _, _ := hessenServer(t)
	ctx := store.WithActor(context.Background(), "test")
	prep, err := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	se, err := st.CreateSession(ctx, model.Session{BodyID: prep.ID, Number: 41, Status: model.StatusEnded, Date: model.NewDate(2026, 1, 20), AgendaPublished: true})
	if err != nil {
		t.Fatal(err)
	}
	item, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: se, Number: "01", Title: "Registermodernisierung", Status: model.ItemAccepted, Position: 1})
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: item, Text: "Konzept vorlegen", Responsible: "HE", Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	fmk, _, err := st.UserLogin(ctx, demo.FachMKAccount)
	if err != nil {
		t.Fatal(err)
	}
	token, err := auth.NewAPIToken(ctx, st, fmk.ID, "FMK")
	if err != nil {
		t.Fatal(err)
	}
	if code, _, b := call(t, ts, "GET", fmt.Sprintf("/api/v1/auftraege/%d", id), token, ""); code != http.StatusNotFound {
		t.Fatalf("the FachMK secretariat reads the AL-Runde's follow-up: %d %s", code, b)
	}
	const body = `{"version":1,"stand":"in_arbeit"}`
	kc, _, kb := call(t, ts, "POST", fmt.Sprintf("/api/v1/auftraege/%d/stand", id), token, body)
	uc, _, ub := call(t, ts, "POST", "/api/v1/auftraege/987654/stand", token, body)
	if kc != http.StatusForbidden || uc != kc || string(kb) != string(ub) {
		t.Errorf("report: known %d %s, unknown %d %s", kc, kb, uc, ub)
	}
	if f, err := st.FollowUp(ctx, id); err != nil || f.Status != model.FollowUpOpen {
		t.Errorf("the refused report was stored: %+v %v", f, err)
	}
}
