package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestCancelVoteAsksWhenVotesWereCast: "Abstimmung abbrechen" threw the
// votes cast away at once, without asking. With votes cast it asks first,
// naming how many are dropped; without, it cancels at once; votes cast
// after the question was shown ask again.
func TestCancelVoteAsksWhenVotesWereCast(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindDecision, "SL")
	gs := client(t, ts, "geschaeftsstelle")
	open := func() model.SessionVote {
		t.Helper()
		if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung/eroeffnen", ts.URL, d), nil); code != http.StatusSeeOther {
			t.Fatalf("open: %d", code)
		}
		v, ok, _ := st.OpenSessionVote(ctx, sid)
		if !ok {
			t.Fatal("no open vote")
		}
		return v
	}
	hands := func(v model.SessionVote, members ...string) {
		t.Helper()
		form := url.Values{}
		for _, m := range members {
			form.Set("stimme_"+m, "ja")
		}
		if code, body := do(t, gs, "POST", fmt.Sprintf("%s/abstimmungen/%d/handzeichen", ts.URL, v.ID), form); code != http.StatusSeeOther {
			t.Fatalf("hands: %d %s", code, between(body, "<main", "</main>"))
		}
	}

	// No vote cast: cancelled at once.
	v := open()
	cancel := fmt.Sprintf("%s/abstimmungen/%d/abbrechen", ts.URL, v.ID)
	if code, _ := do(t, gs, "POST", cancel, nil); code != http.StatusSeeOther {
		t.Fatalf("cancel without votes: %d", code)
	}

	// Three votes cast: the question, and nothing cancelled.
	v = open()
	cancel = fmt.Sprintf("%s/abstimmungen/%d/abbrechen", ts.URL, v.ID)
	hands(v, "HE", "BY", "NW")
	code, page := do(t, gs, "POST", cancel, nil)
	if code != http.StatusOK || !strings.Contains(page, "3 abgegebene Stimmen werden verworfen; die Abstimmung kann danach neu geöffnet werden.") ||
		!strings.Contains(page, `<input type="hidden" name="stimmen" value="3">`) || !strings.Contains(page, `href="/sitzungen/48/live#abstimmung">Zurück, die Abstimmung läuft weiter</a>`) {
		t.Fatalf("cancel with 3 votes: %d %s", code, between(page, "<main", "</main>"))
	}
	if got, ok, _ := st.OpenSessionVote(ctx, sid); !ok || len(got.Votes) != 3 {
		t.Fatalf("the question cancelled the vote: %v %+v", ok, got)
	}
	// A fourth vote meanwhile: the confirmation for three asks again.
	hands(v, "BW")
	code, page = do(t, gs, "POST", cancel, url.Values{"bestaetigt": {"ja"}, "stimmen": {"3"}})
	if code != http.StatusOK || !strings.Contains(page, "4 abgegebene Stimmen werden verworfen") {
		t.Fatalf("cancel confirmed for fewer votes: %d %s", code, between(page, "<main", "</main>"))
	}
	if _, ok, _ := st.OpenSessionVote(ctx, sid); !ok {
		t.Fatal("a confirmation for 3 votes dropped 4")
	}
	code, _ = do(t, gs, "POST", cancel, url.Values{"bestaetigt": {"ja"}, "stimmen": {"4"}})
	if code != http.StatusSeeOther {
		t.Fatalf("cancel confirmed: %d", code)
	}
	if _, ok, _ := st.OpenSessionVote(ctx, sid); ok {
		t.Error("the confirmed cancel left the vote open")
	}
}
