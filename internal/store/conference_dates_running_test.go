package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestConferenceDatesKeepTheRunningOne: the coming dates of a FachMK
// (its page, /fachmk/termine, "Mein Bereich", the dossier) are those not
// yet over. Before, a date counted by its first day only: on the second
// day of the FMK's two-day Frühjahrskonferenz, 06.–07.05.2027, it was gone
// from every list of coming dates though the conference was sitting.
func TestConferenceDatesKeepTheRunningOne(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	id := must[int64](t)
	past := id(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: fmk, Title: "Herbstkonferenz 2026", Starts: model.NewDate(2026, 11, 5), Ends: model.NewDate(2026, 11, 6)}))
	running := id(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: fmk, Title: "Frühjahrskonferenz 2027", Starts: model.NewDate(2027, 5, 6), Ends: model.NewDate(2027, 5, 7)}))
	oneDay := id(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: fmk, Title: "Sondersitzung", Starts: model.NewDate(2027, 5, 6)}))
	coming := id(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: fmk, Title: "Herbstkonferenz 2027", Starts: model.NewDate(2027, 11, 4), Ends: model.NewDate(2027, 11, 5)}))
	for _, bodyID := range []int64{fmk, 0} {
		dates := must[[]model.ConferenceDate](t)(s.ConferenceDates(ctx, bodyID, model.NewDate(2027, 5, 7)))
		var got []int64
		for _, d := range dates {
			got = append(got, d.ID)
		}
		if len(got) != 2 || got[0] != running || got[1] != coming {
			t.Errorf("body %d on 07.05.2027: dates %v, want the running %d and the coming %d (not %d nor %d, over)", bodyID, got, running, coming, past, oneDay)
		}
	}
}
