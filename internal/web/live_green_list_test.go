package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestLivePageShowsTheGreenList: on the session's day the live page, the
// secretariat's desk, showed neither the AL-Runde's recommendation of the
// item before it nor that the item stood on the Grüne Liste or had been
// taken off it (at whose request), and the en-bloc box said only how many
// proposals it would adopt, not which. It shows all three now.
func TestLivePageShowsTheGreenList(t *testing.T) {
	w := newALRundeVoteWorldFor(t, true)
	ctx := store.WithActor(context.Background(), "test")
	if _, err := w.st.CastShowOfHands(ctx, w.voteID, everyVoter(model.VoteYes)); err != nil {
		t.Fatal(err)
	}
	if out, err := w.st.CloseVote(ctx, w.voteID); err != nil || !out.Tally.Adopted {
		t.Fatalf("the recommendation: %v %+v", err, out.Tally)
	}
	rec, err := w.st.Recommendation(ctx, w.rec)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.st.ConfirmGreenList(ctx, rec.ID, rec.Version); err != nil {
		t.Fatal(err)
	}
	gs := client(t, w.ts, "geschaeftsstelle")
	live := fmt.Sprintf("%s%s/live?top=%d", w.ts.URL, w.s48.Path(), w.target)
	code, page := do(t, gs, "GET", live, nil)
	if code != http.StatusOK {
		t.Fatalf("live page: %d", code)
	}
	item := between(page, fmt.Sprintf(`<h2 id="top-%d">`, w.target), "</p>\n")
	if !strings.Contains(page, "Auf der Grünen Liste: wird mit ihr en bloc beschlossen.") {
		t.Errorf("the item is not said to stand on the Grüne Liste: %s", item)
	}
	if !strings.Contains(page, `<p class="recommendation"><strong>Beschlussempfehlung der`) {
		t.Error("the AL-Runde's recommendation is not shown on the live page")
	}
	box := between(page, `<section aria-label="Grüne Liste"`, "</section>")
	if !strings.Contains(box, fmt.Sprintf(`/live?top=%d"`, w.target)) {
		t.Errorf("the en-bloc box does not name its items: %s", box)
	}
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/gruene-liste/herausnehmen", w.ts.URL, w.target), url.Values{"mitglied": {"HE"}}); code != http.StatusSeeOther {
		t.Fatalf("pull: %d %s", code, between(body, "<main", "</main>"))
	}
	_, page = do(t, gs, "GET", live, nil)
	if strings.Contains(page, "Auf der Grünen Liste: wird mit ihr en bloc beschlossen.") {
		t.Error("a pulled item is still said to stand on the list")
	}
	if !strings.Contains(page, "von der Grünen Liste genommen (auf Wunsch von HE)") {
		t.Errorf("the pull is not shown on the live page: %s", between(page, `<p class="recommendation">`, "</p>"))
	}
}
