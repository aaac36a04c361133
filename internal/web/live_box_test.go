package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// liveBoxOf fetches the live box of the 48th session with c.
func liveBoxOf(t *testing.T, c *http.Client, base string) (int, string) {
	t.Helper()
	res, err := c.Get(base + "/sitzungen/48/live/stand")
	if err != nil {
		t.Error(err)
		return 0, ""
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Error(err)
	}
	return res.StatusCode, string(b)
}

// liveClassView is what one viewer's live box must and must not show in
// classFixture's session.
type liveClassView struct {
	user       string
	want, deny []string
}

// liveClassViews are the viewers of classFixture: the public, the
// secretariat and three members, Saarland absent. The absent (Saarland,
// and FITKO of the secretariat, not on the attendance list) are not
// offered the floor the store would refuse them, and are told why.
var liveClassViews = []liveClassView{
	{"", []string{"Haushalt", model.RedactedPlaceholder, "Abstimmung läuft"},
		[]string{"Verhandlungslinie", "Das Wort hat", "Wortmeldung", "Jetzt abstimmen"}},
	{"geschaeftsstelle", []string{"Verhandlungslinie Bund", "Föderale IT-Kooperation (Geschäftsstelle) ist laut Anwesenheitsliste bei diesem TOP nicht anwesend"},
		[]string{model.RedactedPlaceholder, "Ihre Wortmeldung", "Jetzt abstimmen", "Wortmeldung (FITKO)"}},
	{"hessen", []string{"Verhandlungslinie Bund", "Ihre Wortmeldung steht auf Platz 1", "Jetzt abstimmen"},
		[]string{model.RedactedPlaceholder, "Wortmeldung (HE)", "Wortmeldung (Bund)"}},
	{"bund", []string{"Verhandlungslinie Bund", "Wortmeldung (Bund)", "Jetzt abstimmen"},
		[]string{model.RedactedPlaceholder, "Ihre Wortmeldung", "Wortmeldung (HE)"}},
	{"saarland", []string{"Verhandlungslinie Bund", "Saarland ist laut Anwesenheitsliste bei diesem TOP nicht anwesend"}, // absent: may not vote nor speak
		[]string{model.RedactedPlaceholder, "Ihre Wortmeldung", "Jetzt abstimmen", "Wortmeldung (SL)"}},
}

// check reports what of the view the box lacks or shows wrongly. The box
// is read without its soft hyphens (hyphenate): a word of a confidential
// passage must be found, or found missing, whatever its joints.
func (v liveClassView) check(t *testing.T, what, box string) {
	t.Helper()
	box = strings.ReplaceAll(box, "\u00ad", "")
	for _, w := range v.want {
		if !strings.Contains(box, w) {
			t.Errorf("%s, %q: no %q in its box:\n%s", what, v.user, w, box)
		}
	}
	for _, w := range v.deny {
		if strings.Contains(box, w) {
			t.Errorf("%s, %q: %q in its box:\n%s", what, v.user, w, box)
		}
	}
}

// classFixture runs the 48th session with Saarland absent and a vote open,
// and calls a TOP 6 with a confidential passage in its title on whose
// speakers' list Hessen stands. It gives the session and TOP 6.
func classFixture(t *testing.T, st *store.Store) (int64, int64) {
	t.Helper()
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindDecision, "SL")
	item, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: "6", Title: "Haushalt ⟦Verhandlungslinie Bund⟧", Position: 4, Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetCurrentItem(ctx, sid, item); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RequestFloor(ctx, sid, item, "HE"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.OpenVote(ctx, sid, d); err != nil {
		t.Fatal(err)
	}
	return sid, item
}

// TestLiveBoxPerClassConcurrent has the public, the secretariat and three
// members fetch the live box at the same time, again and again, right after
// each of several changes: the boxes are kept per viewer class, and each
// viewer must get the box of its own class — the confidential passage of
// the item's title only internally, its own place on the speakers' list,
// the link to vote only for a member present — never another's.
func TestLiveBoxPerClassConcurrent(t *testing.T) {
	ctx := context.Background()
	ts, st, srv := lawServer(t)
	sid, _ := classFixture(t, st)
	clients := make([]*http.Client, len(liveClassViews))
	for i, v := range liveClassViews {
		clients[i] = client(t, ts, v.user)
	}
	for round := range 4 {
		// A change: the kept boxes are stale, and every class renders
		// its own while the others fetch at the same time.
		if _, err := st.CreatePerson(store.WithActor(ctx, "test"), model.Person{Name: "Person " + string(rune('A'+round)), MemberAbbrev: "HB"}); err != nil {
			t.Fatal(err)
		}
		srv.events.Publish(sid)
		var wg sync.WaitGroup
		for i, v := range liveClassViews {
			for range 8 {
				wg.Go(func() {
					code, box := liveBoxOf(t, clients[i], ts.URL)
					if code != http.StatusOK {
						t.Errorf("round %d, %q: status %d", round, v.user, code)
						return
					}
					v.check(t, fmt.Sprintf("round %d", round), box)
				})
			}
		}
		wg.Wait()
	}
}

// TestLiveBoxKeptReadsNoSession holds what a fetch of a kept box — the
// session page's live box, the vote page's, the projector's, the live
// page's speakers' list — costs the store: nothing for the public, the
// login's lookup for a logged-in viewer — not the session
// (SessionByNumber) nor the box's contents again.
func TestLiveBoxKeptReadsNoSession(t *testing.T) {
	ts, st, _ := lawServer(t)
	runningSession(t, st, model.KindDecision, "SL")
	for _, tt := range []struct {
		box, user string
		most      uint64
	}{{"/live/stand", "", 0}, {"/live/stand", "hessen", 1}, {"/live/stand", "geschaeftsstelle", 1},
		{"/abstimmung/stand", "hessen", 1}, {"/beamer/stand", "bund", 1}, {"/redeliste", "geschaeftsstelle", 1}} {
		c := client(t, ts, tt.user)
		least := ^uint64(0)
		for range 3 {
			do(t, c, "GET", ts.URL+"/sitzungen/48"+tt.box, nil) // renders (or is kept already)
			q0 := store.QueryCount()
			if code, _ := do(t, c, "GET", ts.URL+"/sitzungen/48"+tt.box, nil); code != http.StatusOK {
				t.Fatalf("%s, %q: status %d", tt.box, tt.user, code)
			}
			least = min(least, store.QueryCount()-q0)
		}
		if least > tt.most {
			t.Errorf("%s, %q: a kept box cost %d statements, want at most %d", tt.box, tt.user, least, tt.most)
		}
	}
}
