package web

import (
	"strings"
	"testing"
)

// TestAdvisoryMemberReadsNoContactLog: an advisory member (the DLT) read
// the spokespersons' contact log on every conference page — who was met,
// what was said, what the spokesperson means to do next. The log is the
// members' working record of their spokesperson functions
// (model.SeesSpokespersonContacts): a member office and the Geschäftsstelle
// read it, the advisory member no longer.
func TestAdvisoryMemberReadsNoContactLog(t *testing.T) {
	ts, _ := cycleServer(t)
	const section = `id="gespraeche"`
	for user, sees := range map[string]bool{"geschaeftsstelle": true, "hessen": true, "dlt": false} {
		_, page := do(t, client(t, ts, user), "GET", ts.URL+"/fachmk/FMK", nil)
		if strings.Contains(page, section) != sees {
			t.Errorf("%s reads the contact log on /fachmk/FMK: %v, want %v", user, !sees, sees)
		}
	}
}
