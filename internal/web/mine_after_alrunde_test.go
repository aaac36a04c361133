package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestMyPageSaysWhatTheALRundeGave: Hessen's "Mein Bereich" said of its
// registration "… – wartet auf die Beschlussempfehlung der 40. AL-Runde am
// …" after that AL-Runde had ended, whether it gave no recommendation for
// the item or gave one. Once the AL-Runde is over the item leaves the list
// "Anmeldungen vor der AL-Runde" and stands under "Anmeldungen nach der
// AL-Runde": with the recommendation given, in its wording, or saying that
// the AL-Runde gave none and the item goes to the council without one.
func TestMyPageSaysWhatTheALRundeGave(t *testing.T) {
	const title = "Föderales Datenportal"
	mine := func(t *testing.T, w alRundeVoteWorld) (before, after string) {
		t.Helper()
		code, page := do(t, client(t, w.ts, "hessen"), "GET", w.ts.URL+"/mein-bereich", nil)
		if code != http.StatusOK {
			t.Fatalf("mein-bereich: %d", code)
		}
		return between(page, `id="h-al-runde"`, "</section>"), between(page, `id="h-nach-al-runde"`, "</section>")
	}
	end := func(t *testing.T, w alRundeVoteWorld) {
		t.Helper()
		ctx := context.Background()
		se, _ := w.st.Session(ctx, w.al.ID)
		if err := w.st.SetSessionStatus(ctx, w.al.ID, se.Version, model.StatusEnded); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("none given", func(t *testing.T) {
		w := newALRundeVoteWorldFor(t, false)
		// While the AL-Runde sits, the item waits for it.
		if before, _ := mine(t, w); !strings.Contains(before, title) || !strings.Contains(before, "wartet auf die Beschlussempfehlung der 40. AL-Runde") {
			t.Errorf("while the AL-Runde sits, the item does not wait for it:\n%s", before)
		}
		w.reject(t)
		end(t, w)
		before, after := mine(t, w)
		if strings.Contains(before, title) {
			t.Errorf("the item still waits for the ended AL-Runde:\n%s", before)
		}
		if !strings.Contains(after, title) || !strings.Contains(after, "Die 40. AL-Runde am "+w.al.Date.German()+" hat zu diesem TOP keine Beschlussempfehlung gegeben.") ||
			!strings.Contains(after, "Der TOP geht ohne Beschlussempfehlung in die 48. Sitzung.") {
			t.Errorf("the page does not say that the AL-Runde gave no recommendation:\n%s", after)
		}
	})
	t.Run("given", func(t *testing.T) {
		w := newALRundeVoteWorldFor(t, true)
		ctx := context.Background()
		if _, err := w.st.CastShowOfHands(ctx, w.voteID, everyVoter(model.VoteYes)); err != nil {
			t.Fatal(err)
		}
		if out, err := w.st.CloseVote(ctx, w.voteID); err != nil || !out.Tally.Adopted {
			t.Fatalf("closing: %+v %v", out, err)
		}
		end(t, w)
		before, after := mine(t, w)
		if strings.Contains(before, title) {
			t.Errorf("the item still waits for the ended AL-Runde:\n%s", before)
		}
		want := "Beschlussempfehlung der 40. AL-Runde vom " + w.al.Date.German() + ":</strong> Annahme wie vorgeschlagen, ohne Aussprache (Grüne Liste) – für die Grüne Liste vorgeschlagen"
		if !strings.Contains(after, title) || !strings.Contains(after, want) {
			t.Errorf("the page does not give the recommendation %q:\n%s", want, after)
		}
	})
}
