package model

import (
	"strings"
	"testing"
	"time"
)

// TestDebriefWaiver: the secretariat notes "Nachbesprechung entfällt" with
// a reason (required, at most DebriefWaiverReasonMax characters, at the
// form's field), not on a debrief whose invitation is sent nor twice; the
// note is withdrawn only where it stands, and while it stands the debrief
// is neither saved nor sent.
func TestDebriefWaiver(t *testing.T) {
	at := time.Date(2025, 7, 1, 8, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		name   string
		d      Debrief
		reason string
		class  Class
		field  string
		want   string
	}{
		{"empty reason", Debrief{}, "  \n ", ErrInput, DebriefWaiverField, "Bitte einen Grund angeben"},
		{"reason too long", Debrief{}, strings.Repeat("ä", DebriefWaiverReasonMax+1), ErrInput, DebriefWaiverField, "höchstens 500"},
		{"invitation sent", Debrief{Sent: true}, "Bereits in der FMK besprochen", ErrRule, "", "bereits versandt"},
		{"noted already", Debrief{Waiver: DebriefWaiver{Reason: "x", At: at}}, "Bereits in der FMK besprochen", ErrRule, "", "bereits seit 01.07.2025, 10:30 Uhr"},
	} {
		d := c.d
		err := d.Waive(c.reason, "gs", at.Add(time.Hour))
		if ClassOf(err) != c.class || FieldOf(err) != c.field || err == nil || !strings.Contains(ReasonOf(err), c.want) {
			t.Errorf("%s: %v (class %v, field %q), want class %v at %q saying %q", c.name, err, ClassOf(err), FieldOf(err), c.class, c.field, c.want)
		}
		if d.Waiver != c.d.Waiver {
			t.Errorf("%s: a refused note changed the debrief: %+v", c.name, d.Waiver)
		}
	}

	var d Debrief
	if err := d.Waive("  Bereits in der FMK besprochen ", "gs", at); err != nil {
		t.Fatal(err)
	}
	if want := (DebriefWaiver{Reason: "Bereits in der FMK besprochen", By: "gs", At: at}); d.Waiver != want || !d.Waiver.Set() {
		t.Errorf("the note: %+v, want %+v", d.Waiver, want)
	}
	if err := d.Waive(strings.Repeat("ä", DebriefWaiverReasonMax), "gs", at); ClassOf(err) != ErrRule {
		t.Errorf("noting twice: %v", err)
	}
	if err := d.CheckNotWaived(); ClassOf(err) != ErrRule || !strings.Contains(ReasonOf(err), "zuerst den Vermerk") {
		t.Errorf("saving while noted: %v", err)
	}
	if p := d.Waiver.Public(); p.Reason != "" || p.By != "" || !p.Set() {
		t.Errorf("the note as readers see it: %+v, want it set without reason and account", p)
	}
	if r := d.ForConferences(nil); r.Waiver.Reason != "" || r.Waiver.By != "" || !r.Waiver.Set() {
		t.Errorf("the debrief as a spokesperson reads it carries the note %+v, want it without reason and account", r.Waiver)
	}
	if err := d.Unwaive(); err != nil || d.Waiver.Set() {
		t.Fatalf("withdraw the note: %v, %+v", err, d.Waiver)
	}
	if err := d.CheckNotWaived(); err != nil {
		t.Errorf("saving without the note: %v", err)
	}
	if err := d.Unwaive(); ClassOf(err) != ErrRule {
		t.Errorf("withdrawing a note that does not stand: %v", err)
	}
	long := Debrief{}
	if err := long.Waive(strings.Repeat("ä", DebriefWaiverReasonMax), "gs", at); err != nil {
		t.Errorf("a reason of exactly %d characters: %v", DebriefWaiverReasonMax, err)
	}
}
