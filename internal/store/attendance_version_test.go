package store

import (
	"context"
	"errors"
	"testing"

	"gremium/internal/model"
)

// TestAttendanceSavedOverItsVersion: a list saved over the version it was
// drawn from is saved; one drawn from a list saved since is refused with
// ErrConflict and leaves the other save as it is (before, the last save
// replaced the list whatever was saved in between).
func TestAttendanceSavedOverItsVersion(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := lawFixture(t, s)
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Status: model.StatusConvened}))
	drawn := model.AttendanceVersion(nil)
	b := attending("HE", "BW")
	b[0].Presence, b[0].Person = model.Represented, "Staatssekretärin Müller"
	if _, _, err := s.SaveAttendanceOver(ctx, s48, drawn, b); err != nil {
		t.Fatalf("tab B: %v", err)
	}
	if _, _, err := s.SaveAttendanceOver(ctx, s48, drawn, attending("HE", "BW")); !errors.Is(err, ErrConflict) {
		t.Errorf("stale save: %v, want ErrConflict", err)
	}
	list, _ := s.Attendance(ctx, s48)
	if he := model.AttendanceFor(list, "HE"); he.Person != "Staatssekretärin Müller" {
		t.Errorf("the stale save changed Hessen's line: %+v", he)
	}
	if _, _, err := s.SaveAttendanceOver(ctx, s48, model.AttendanceVersion(list), attending("HE", "BW")); err != nil {
		t.Errorf("save over the stored version: %v", err)
	}
	if _, _, err := s.SaveAttendanceOver(ctx, s48, "", attending("HE")); !errors.Is(err, ErrConflict) {
		t.Errorf("save without a version: %v, want ErrConflict", err)
	}
}
