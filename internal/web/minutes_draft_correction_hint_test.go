package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestCorrectionFormHintIsTiedToItsFields: the correction form's hint
// (confidential passages in [[…]], a correction becomes a new version)
// stood below the fields, tied to neither: a screen reader moving from
// field to field never heard how to mark a passage. It stands above
// them now, and both name it (aria-describedby); refused, a field is
// described by its reason, as every refused form's field is.
func TestCorrectionFormHintIsTiedToItsFields(t *testing.T) {
	ts, _, _ := lawServer(t)
	c := client(t, ts, "geschaeftsstelle")
	_, frozen := do(t, c, "GET", ts.URL+"/sitzungen/46/live", nil)
	m := regexp.MustCompile(`berichtigen\?art=ON&amp;zeile=(\d+)`).FindStringSubmatch(frozen)
	if m == nil {
		t.Fatal("no row to correct on the approved minutes")
	}
	describedBy := func(page, id string) string {
		t.Helper()
		tag := regexp.MustCompile(`<(?:textarea|input) id="` + id + `"[^>]*>`).FindString(page)
		return regexp.MustCompile(`aria-describedby="([^"]*)"`).FindStringSubmatch(tag + `aria-describedby=""`)[1]
	}
	_, form := do(t, c, "GET", ts.URL+"/sitzungen/46/berichtigen?art=ON&zeile="+m[1], nil)
	if !strings.Contains(form, `id="ber-hinweis"`) {
		t.Fatalf("the hint has no id")
	}
	for _, id := range []string{"ber-text", "ber-grund"} {
		if got := describedBy(form, id); got != "ber-hinweis" {
			t.Errorf("%s is described by %q, want the hint", id, got)
		}
	}
	// Refused (no reason given): the reason at the field; the hint,
	// above the fields now, is read before them.
	code, refused := do(t, c, "POST", ts.URL+"/sitzungen/46/berichtigungen", url.Values{"art": {"ON"}, "zeile": {m[1]}, "text": {"Berichtigter Punkt."}, "grund": {""}})
	if code != 422 {
		t.Fatalf("a correction without reason: %d", code)
	}
	if got := describedBy(refused, "ber-grund"); got != "ber-grund-fehler" {
		t.Errorf("the refused reason field is described by %q", got)
	}
	if got := describedBy(refused, "ber-text"); got != "ber-hinweis" {
		t.Errorf("the text field beside a refused reason is described by %q", got)
	}
}
