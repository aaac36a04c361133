package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestEndProcedureEarlyRefusedShowsThePage: a click on "jetzt beenden"
// before every member has voted (a page drawn earlier, a double click) is
// refused on the procedure's page with the reason, not on a bare error
// page whose only link leads home.
func TestEndProcedureEarlyRefusedShowsThePage(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	deadline := time.Now().Add(48 * time.Hour)
	form := url.Values{"titel": {"Verlängerung Kooperation"}, "punkte": {"Der IT-Planungsrat verlängert die Kooperation."},
		"antrag": {"HE, HH, BY"}, "frist_datum": {model.BerlinDate(deadline).String()}, "frist_zeit": {model.BerlinClock(deadline)}}
	res, err := gs.PostForm(ts.URL+"/umlaufverfahren", form)
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("start: %v %d", err, res.StatusCode)
	}
	res.Body.Close()
	var pid int64
	fmt.Sscanf(strings.SplitN(res.Header.Get("Location"), "?", 2)[0], "/umlaufverfahren/%d", &pid)
	if code, _ := do(t, client(t, ts, "hessen"), "POST", fmt.Sprintf("%s/umlaufverfahren/%d/stimme", ts.URL, pid), url.Values{"stimme": {"ja"}, "gesehen": {""}}); code != http.StatusSeeOther {
		t.Fatalf("Hessen's vote: %d", code)
	}
	code, body := do(t, gs, "POST", fmt.Sprintf("%s/umlaufverfahren/%d/beenden", ts.URL, pid), nil)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("early end before all voted: %d", code)
	}
	if !strings.Contains(body, "Stimmen</h2>") || !strings.Contains(body, "Zwischenstand") {
		t.Errorf("the refusal is not the procedure's page: %.600s", body)
	}
	if p := wellFormedProblems(body); p != nil {
		t.Errorf("the refused procedure page: %v", p)
	}
	box := between(body, `id="beenden-fehlerliste"`, "</div>")
	if !strings.Contains(box, "nicht vorzeitig beenden") || !strings.Contains(box, "wenn alle") || !strings.Contains(box, "(bisher 1)") {
		t.Errorf("the reason on the page: %q", box)
	}
	if strings.Contains(body, "Ihre Stimme") && strings.Contains(body, "ist nicht gespeichert") {
		t.Errorf("the refusal reads as a refused vote")
	}
}
