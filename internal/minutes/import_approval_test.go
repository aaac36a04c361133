package minutes_test

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/demo/demotest"
	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// demoCouncil is the demo's store with its council (the IT-Planungsrat)
// and a context acting as actor.
func demoCouncil(t *testing.T, actor string) (context.Context, *store.Store, model.Body) {
	t.Helper()
	ctx := store.WithActor(context.Background(), actor)
	st := demotest.Store(t)
	council, err := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	return ctx, st, council
}

// TestImportApprovesWhatItRead: importing the minutes of the 92nd session,
// whose TOP 00 approves the draft minutes of the 91st, rendered the 91st's
// text (approvalOf) and approved it in the store's transaction unchecked:
// a row of the 91st edited in between was frozen with the minutes but
// missing from the text kept as approved. Now the import is refused with
// a conflict, nothing stored, and imported again it approves the text
// with the edit.
func TestImportApprovesWhatItRead(t *testing.T) {
	ctx, st, body := demoCouncil(t, "test")
	s91 := recordedLive(t, st, body.ID, 91, model.StatusMinutesDraft)
	rows, err := st.SessionRows(ctx, s91)
	if err != nil {
		t.Fatal(err)
	}
	var row model.Contribution
	for _, cs := range rows.Contributions {
		if len(cs) > 0 && row.ID == 0 {
			row = cs[0]
		}
	}
	if row.ID == 0 {
		t.Fatal("no contribution in the 91st session's minutes")
	}
	const edit = "Zwischen Lesen und Import geändert."
	doc := minutes.Document{Audience: model.Internal,
		Session: model.Session{Number: 92, Date: model.NewDate(2027, 3, 20), StartTime: "10:00", EndTime: "12:00", Place: "Berlin"},
		Sections: []minutes.Section{{Name: "Begrüßung", Items: []minutes.Item{{AgendaItem: model.AgendaItem{Number: "00", Title: "Begrüßung",
			Points: []string{"Bestätigung des Protokolls der 91. Sitzung"}, Status: model.ItemAccepted}}}}}}
	unset := minutes.SetAfterApprovalRead(func() {
		row.Points = []string{edit}
		if err := st.UpdateContribution(ctx, row); err != nil {
			t.Error(err)
		}
	})
	_, _, err = minutes.Save(ctx, st, body.ID, doc)
	unset()
	if model.ClassOf(err) != model.ErrConflict || !strings.Contains(model.ReasonOf(err), "Das Protokoll der 91. Sitzung wurde inzwischen geändert") {
		t.Errorf("import approving minutes changed after they were read: %v", err)
	}
	if se, err := st.Session(ctx, s91); err != nil || se.Status != model.StatusMinutesDraft {
		t.Errorf("the 91st's minutes are %q (%v)", se.Status, err)
	}
	if _, err := st.SessionByNumber(ctx, body.ID, 92); err == nil {
		t.Error("the refused import left the 92nd session")
	}
	if _, _, err := minutes.Save(ctx, st, body.ID, doc); err != nil {
		t.Fatal(err)
	}
	vs, err := st.MinutesVersions(ctx, s91)
	if err != nil || len(vs) != 1 || !strings.Contains(vs[0].Text, edit) {
		t.Errorf("the approved text lacks the edit: %d versions, %v", len(vs), err)
	}
}
