package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestConfirmQuestionIsNoSuccessMessage: the close step of a vote asked
// "Noch nicht abgestimmt hat: …. Wollen Sie die Abstimmung trotzdem
// schließen?" in the green box of success messages (notice-box,
// role=status). A question that asks for confirmation stands in the
// warning box, with a word that says so (not the colour alone), as an
// alert; no success box holds it.
func TestConfirmQuestionIsNoSuccessMessage(t *testing.T) {
	w := newALRundeVoteWorldFor(t, false)
	gs := client(t, w.ts, "geschaeftsstelle")
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/abstimmungen/%d/schliessen", w.ts.URL, w.voteID), nil)
	if code != http.StatusOK || !strings.Contains(page, "Wollen Sie die Abstimmung trotzdem schließen?") {
		t.Fatalf("closing without every vote: %d, no confirmation step:\n%s", code, between(page, "<main", "</main>"))
	}
	box := between(page, `<div class="notice-box warning" role="alert"><p><strong>Bitte bestätigen:</strong> Noch nicht abgestimmt`, "</div>")
	if !strings.Contains(box, "Wollen Sie die Abstimmung trotzdem schließen?") {
		t.Errorf("the question is not in the warning box, marked as a request to confirm:\n%s", between(page, "<main", "</main>"))
	}
	for _, success := range []string{`<div class="notice-box" role="status"><p>Noch nicht abgestimmt`, `role="status"><p>Noch nicht`} {
		if strings.Contains(page, success) {
			t.Errorf("the question stands in the success box:\n%s", between(page, "<main", "</main>"))
		}
	}
}
