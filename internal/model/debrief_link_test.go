package model

import (
	"strings"
	"testing"
)

// TestDebriefLinkNeedsHTTPS: the link to a debrief's video conference was
// taken with http:// although the reason for a bad link asks for one
// beginning with https://: an unencrypted link to a ministry's video
// conference (its address and often its PIN in the query) is refused at
// the field, saying why; https:// in any case is taken.
func TestDebriefLinkNeedsHTTPS(t *testing.T) {
	day := NewDate(2026, 12, 16)
	for _, link := range []string{"http://meet.example.org/nb47", "HTTP://meet.example.org/nb47", "ftp://meet.example.org/nb47"} {
		errs := ErrorsOf(Debrief{HeldOn: day, Link: link}.CheckSchedule())
		if len(errs) != 1 || FieldOf(errs[0]) != "link" || ClassOf(errs[0]) != ErrInput {
			t.Errorf("%s: %v", link, errs)
			continue
		}
		if r := ReasonOf(errs[0]); !strings.Contains(r, "https://") {
			t.Errorf("%s: the reason does not name https://: %s", link, r)
		}
	}
	if r := ReasonOf(Debrief{HeldOn: day, Link: "http://meet.example.org/nb47"}.CheckSchedule()); !strings.Contains(r, "unverschlüsselt") {
		t.Errorf("an http:// link is not told why it is refused: %s", r)
	}
	for _, link := range []string{"https://meet.example.org/nb47", "HTTPS://meet.example.org/nb47?pin=1"} {
		if err := (Debrief{HeldOn: day, Link: link}).CheckSchedule(); err != nil {
			t.Errorf("%s: %v", link, err)
		}
	}
}
