package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestDraftCommentFormSaysWhoReadsIt: the form "Ihr Kommentar zum
// Entwurf" did not say who reads a comment, though every internal reader
// (the secretariat, all members, advisory members and spokespersons) sees
// it verbatim, the [[…]] passages included. The form says so in a hint
// tied to the field, also when the form comes back refused.
func TestDraftCommentFormSaysWhoReadsIt(t *testing.T) {
	ts, _ := cycleServer(t)
	he := client(t, ts, "hessen")
	hint := `<p class="hint" id="kommentar-hinweis">Ihr Kommentar ist für die Geschäftsstelle und alle Mitglieder, beratenden Mitglieder und Sprecher:innen sichtbar, mit [[…]] markierte Passagen eingeschlossen; nicht öffentlich.</p>`
	code, body := do(t, he, "GET", ts.URL+"/sitzungen/47", nil)
	form := between(body, `action="/sitzungen/47/kommentare"`, "</form>")
	if code != http.StatusOK || !strings.Contains(form, hint) || !strings.Contains(form, `<textarea id="kommentar" name="kommentar" rows="3" required aria-describedby="kommentar-hinweis">`) {
		t.Errorf("the comment form: %d\n%s", code, form)
	}
	code, body = do(t, he, "POST", ts.URL+"/sitzungen/47/kommentare", url.Values{"kommentar": {"  "}})
	form = between(body, `action="/sitzungen/47/kommentare"`, "</form>")
	if code != http.StatusBadRequest || !strings.Contains(form, hint) || !strings.Contains(form, `aria-invalid="true" aria-describedby="kommentar-hinweis kommentar-fehler"`) {
		t.Errorf("the refused comment form: %d\n%s", code, form)
	}
}
