package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestNewContactPreselectsTheKickoffOnlyWhileOwed: the spokesperson's
// form for a new contact preselected "Auftaktgespräch" also after the
// kick-off talk was logged, inviting a second one. Now it preselects the
// kick-off only while it is owed, and "Gespräch" after.
func TestNewContactPreselectsTheKickoffOnlyWhileOwed(t *testing.T) {
	ts, _ := cycleServer(t)
	hb := client(t, ts, "sprecher-hb")
	selected := func() string {
		t.Helper()
		_, page := do(t, hb, "GET", ts.URL+"/fachmk/FMK", nil)
		return between(between(page, `id="gespraech-neu-art"`, "</select>"), `<option value="`, `" selected>`)
	}
	if got := selected(); !strings.HasSuffix(got, "auftakt") {
		t.Errorf("while the kick-off is owed the form preselects %q", got)
	}
	yesterday := model.BerlinDate(time.Now().AddDate(0, 0, -1)).String()
	if code, body := do(t, hb, "POST", ts.URL+"/fachmk/FMK/gespraeche", url.Values{"art": {"auftakt"}, "datum": {yesterday},
		"mit": {"Vorsitz der FMK"}, "themen": {"Kommunikationskanal aufgebaut"}}); code != http.StatusSeeOther {
		t.Fatalf("log the kick-off: %d %s", code, body)
	}
	if got := selected(); !strings.HasSuffix(got, "gespraech") {
		t.Errorf("after the kick-off the form preselects %q", got)
	}
}
