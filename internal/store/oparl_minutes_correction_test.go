package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/oparl"
)

// TestOParlFileFollowsACorrection: a correction of approved minutes kept
// a new version of them, but the OParl File of the minutes stayed as
// approved — the same content, the same modified time — so a client
// polling with modified_since never fetched the corrected minutes. Now
// the File names the version and takes the correction's day as its date,
// and its modified time (and its Meeting's) moves in the correction's
// transaction.
func TestOParlFileFollowsACorrection(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	clk := &testClock{}
	clk.set(berlin(2025, 11, 20, 10, 0))
	s.SetClock(clk.now)
	bodyID, s47 := lawFixture(t, s)
	voters := []string{"Bund", "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV"}
	it47 := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "01", Title: "Dachmarke"}))
	row := must[int64](t)(s.CreateContribution(ctx, model.Contribution{ItemID: it47, Speaker: "HE", Points: []string{"wie gelesen"}}))
	toDraftMinutes(t, s, s47)

	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 20), Status: model.StatusRunning, AgendaPublished: true}))
	top00 := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Number: "00", Title: "Begrüßung", Position: 1,
		Points: []string{"Feststellung der Beschlussfähigkeit", "Bestätigung des Protokolls der 47. Sitzung"}}))
	if ok, reason, err := s.SaveAttendance(ctx, s48, attending(voters...)); err != nil || !ok {
		t.Fatalf("quorum: %v %v %s", ok, err, reason)
	}
	check(t, s.SetCurrentItem(ctx, s48, top00))
	check(t, s.ApproveMinutes(ctx, s47, 48, "wie gelesen", must[MinutesStamp](t)(s.MinutesStamp(ctx, s47))))
	file, ok := oparlObjectOf(t, s, oparl.KindFile, s47)
	if !ok || file.deleted {
		t.Fatal("no File of the approved minutes")
	}
	meeting, _ := oparlObjectOf(t, s, oparl.KindMeeting, s47)
	if strings.Contains(file.obj["name"].(string), "berichtigt") {
		t.Errorf("the approved minutes' File names a version: %v", file.obj["name"])
	}

	corrected := clk.set(berlin(2025, 11, 20, 14, 30))
	c := must[int64](t)(s.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: row, After: "berichtigt", Reason: "Tippfehler"}))
	must[int](t)(s.ApproveMinutesCorrection(ctx, c, 48, "berichtigt", must[MinutesStamp](t)(s.MinutesStamp(ctx, s47))))
	after, _ := oparlObjectOf(t, s, oparl.KindFile, s47)
	if after.id != file.id || after.obj["modified"] != oparl.Time(corrected) || after.obj["created"] != file.obj["created"] ||
		after.obj["name"] != file.obj["name"].(string)+", Fassung 2 (berichtigt am 20.11.2025)" || after.obj["date"] != "2025-11-20" {
		t.Errorf("the File after the correction: %v (before: %v)", after.obj, file.obj)
	}
	if m, _ := oparlObjectOf(t, s, oparl.KindMeeting, s47); m.obj["modified"] != oparl.Time(corrected) || m.obj["modified"] == meeting.obj["modified"] {
		t.Errorf("the Meeting after the correction: modified %v (before %v)", m.obj["modified"], meeting.obj["modified"])
	}
}
