package web

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestLiveFollowUpResponsibleAtItsField: a follow-up on the live page
// without "Verantwortlich" (and without its text) is refused with each
// reason at its field, neu-verantw and neu-auftrag, the text typed kept.
// Before, one reason stood above the form only and no field was marked.
func TestLiveFollowUpResponsibleAtItsField(t *testing.T) {
	ts, st, _ := lawServer(t)
	_, item, _ := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/auftraege", ts.URL, item),
		url.Values{"text": {"Bericht zur Rahmenarchitektur"}, "verantwortlich": {" "}})
	field := between(page, `id="neu-verantw"`, "</div>")
	if !strings.Contains(field, `aria-invalid="true" aria-describedby="neu-verantw-fehler"`) || !strings.Contains(field, "verantwortliche Stelle") {
		t.Errorf("the reason is not at neu-verantw:\n%s", field)
	}
	if !strings.Contains(page, `value="Bericht zur Rahmenarchitektur"`) {
		t.Error("the text typed is lost")
	}
	_, page = do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/auftraege", ts.URL, item), url.Values{"text": {""}, "verantwortlich": {""}})
	for _, id := range []string{"neu-auftrag", "neu-verantw"} {
		if !strings.Contains(between(page, `id="`+id+`"`, "</div>"), `aria-describedby="`+id+`-fehler"`) {
			t.Errorf("%s not marked", id)
		}
	}
}
