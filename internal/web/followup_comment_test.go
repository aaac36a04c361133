package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestRefusedFollowUpCommentKeepsTheForm: a member office's comment on a
// follow-up that is refused — empty, or with a confidential mark left
// open — came back as an error page, and the comment form on the
// follow-up's page was empty again. The page now comes back with the
// reason above the form and at the field, the comment as typed in it, and
// nothing stored.
func TestRefusedFollowUpCommentKeepsTheForm(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	f := demoFollowUp(t, st, "Matrix-Protokoll")
	he := client(t, hs.ts, "hessen")
	path := fmt.Sprintf("%s/auftraege/%d/kommentare", hs.ts.URL, f.ID)
	before, err := st.FollowUpComments(context.Background(), f.ID)
	if err != nil {
		t.Fatal(err)
	}
	typed := "Hessen hat den Entwurf [[mit Kosten abgestimmt.\nRückmeldung folgt."
	for _, tc := range []struct {
		text, reason string
	}{
		{typed, "schließende"},
		{"   ", "Ein Kommentar braucht einen Text."},
	} {
		code, page := do(t, he, "POST", path, url.Values{"kommentar": {tc.text}})
		main := between(page, "<main", "</main>")
		if code != http.StatusBadRequest || !strings.Contains(main, fmt.Sprintf(`action="/auftraege/%d/kommentare"`, f.ID)) || !strings.Contains(main, tc.reason) {
			t.Errorf("refused comment %q: %d, want 400, the follow-up's page with the reason\n%s", tc.text, code, main)
			continue
		}
		if !strings.Contains(main, `id="kommentieren-fehler"`) || !strings.Contains(main, `aria-invalid="true" aria-describedby="kommentar-fehler"`) {
			t.Errorf("refused comment %q: the reason is not above the form and at the field\n%s", tc.text, main)
		}
	}
	_, page := do(t, he, "POST", path, url.Values{"kommentar": {typed}})
	if !strings.Contains(page, `name="kommentar" rows="2"`) || !strings.Contains(page, ">"+typed+"</textarea>") {
		t.Errorf("the typed comment is not kept in the form\n%s", between(page, `id="kommentare"`, "</section>"))
	}
	if after, _ := st.FollowUpComments(context.Background(), f.ID); len(after) != len(before) {
		t.Errorf("a refused comment was stored: %+v", after)
	}
}
