package web

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestLivePushPagesOwnBox: the pages with a box of their own — the vote
// page, the projector view and the speakers' list of the secretariat's
// live page — open their stream for their page (…/live/ereignisse?ansicht=),
// and its event carries that page's box: the bytes the viewer's own request
// for the box gives, with what its class may see and nothing of another
// class's — a member's own vote and its ballot only in its own box, the
// absent member's box without one. A viewer without the right to a page's
// box gets no stream for it.
func TestLivePushPagesOwnBox(t *testing.T) {
	ctx := context.Background()
	ts, st, srv := lawServer(t)
	sid, item := classFixture(t, st)
	vote, open, err := st.OpenSessionVote(ctx, sid)
	if err != nil || !open {
		t.Fatalf("open vote: %v %v", open, err)
	}
	// Hessen has voted: its vote is its member's alone.
	if err := st.CastSessionVote(ctx, vote.ID, "HE", model.VoteYes, false); err != nil {
		t.Fatal(err)
	}
	top := strconv.FormatInt(item, 10)
	for _, page := range []struct {
		ansicht, box, id string
		views            []liveClassView
		refused          map[string]int // user: status of the stream
	}{
		{"abstimmung", "/abstimmung/stand", `id="abstimmung-stand"`, []liveClassView{
			{"geschaeftsstelle", []string{"Föderale Rahmenarchitektur", "Abgestimmt haben 1 von 16 anwesenden oder vertretenen stimmberechtigten Mitgliedern: HE"},
				[]string{"Stimme für", "bisher", "weder anwesend"}},
			{"hessen", []string{"Stimme für Hessen (bisher: Ja)"},
				[]string{"Stimme für den Bund", "weder anwesend"}},
			{"bund", []string{"Stimme für den Bund"},
				[]string{"bisher", "Stimme für Hessen", "weder anwesend"}},
			{"saarland", []string{"Saarland ist laut Anwesenheitsliste bei diesem Tagesordnungspunkt weder anwesend"},
				[]string{"Stimme für", "bisher"}},
			// The vote page is internal, and so is its box: what is voted on
			// is a proposal (the public's live box says only that a vote runs).
		}, map[string]int{"": http.StatusSeeOther}},
		{"beamer", "/beamer/stand", `id="beamer"`, []liveClassView{
			{"geschaeftsstelle", []string{"Verhandlungslinie Bund", "Abstimmung läuft"}, []string{model.RedactedPlaceholder}},
			{"hessen", []string{"Verhandlungslinie Bund", "Abstimmung läuft"}, []string{model.RedactedPlaceholder}},
		}, map[string]int{"": http.StatusSeeOther}},
		{"redeliste&top=" + top, "/redeliste?top=" + top, `id="redeliste"`, []liveClassView{
			{"geschaeftsstelle", []string{"zurückziehen", `name="top" value="` + top + `"`}, nil},
		}, map[string]int{"": http.StatusSeeOther, "hessen": http.StatusForbidden}},
	} {
		url := ts.URL + "/sitzungen/48/live/ereignisse?ansicht=" + page.ansicht
		for user, want := range page.refused {
			if s := openStream(t, client(t, ts, user), url, nil); s.res.StatusCode != want {
				t.Errorf("%s, %q: stream status %d, want %d", page.ansicht, user, s.res.StatusCode, want)
			}
		}
		clients := make([]*http.Client, len(page.views))
		streams := make([]*sseStream, len(page.views))
		for i, v := range page.views {
			clients[i] = client(t, ts, v.user)
			streams[i] = openStream(t, clients[i], url, nil)
			if streams[i].res.StatusCode != http.StatusOK {
				t.Fatalf("%s, %q: stream status %d", page.ansicht, v.user, streams[i].res.StatusCode)
			}
		}
		waitStreams(t, srv.events, len(page.views))
		srv.events.Publish(sid)
		for i, v := range page.views {
			box := standOf(t, streams[i].next(t))
			if !strings.Contains(box, page.id) {
				t.Errorf("%s, %q: the event carries no box of the page:\n%s", page.ansicht, v.user, box)
			}
			if code, fetched := do(t, clients[i], "GET", ts.URL+"/sitzungen/48"+page.box, nil); code != http.StatusOK || box != fetched {
				t.Errorf("%s, %q: the pushed box differs from its own fetched one (%d):\n%s\n---\n%s", page.ansicht, v.user, code, box, fetched)
			}
			v.check(t, page.ansicht, box)
		}
		for _, s := range streams {
			s.cancel()
		}
		waitStreams(t, srv.events, 0)
	}
	if s := openStream(t, client(t, ts, "hessen"), ts.URL+"/sitzungen/48/live/ereignisse?ansicht=unbekannt", nil); s.res.StatusCode != http.StatusBadRequest {
		t.Errorf("a stream for no page: status %d, want 400", s.res.StatusCode)
	}
}

// TestLiveBoxRefusedIsNoFailure: a box the rules refuse a viewer's class
// (a member on the speakers' list, once its right is gone while its
// stream was open) makes that viewer fetch, as before, but is no failure
// of the server: it was logged as an error for every change.
func TestLiveBoxRefusedIsNoFailure(t *testing.T) {
	ctx := context.Background()
	_, st, srv := lawServer(t)
	var logged bytes.Buffer
	srv.log = slog.New(slog.NewTextHandler(&logged, nil))
	sid, item := classFixture(t, st)
	se, err := st.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	member := &model.User{Role: model.RoleMember, MemberAbbrev: "HE"}
	_, err = srv.renderBoxAs(ctx, se, member, liveView{kind: speakersBox, item: item})
	if !errors.Is(err, errBoxRefused) {
		t.Fatalf("the speakers' box for a member: %v, want errBoxRefused", err)
	}
	srv.liveBoxFailed(sid, err)
	if logged.Len() != 0 {
		t.Errorf("a refused box was logged: %s", logged.String())
	}
	// A box that fails is still logged.
	srv.liveBoxFailed(sid, errors.New("disk on fire"))
	if !strings.Contains(logged.String(), "disk on fire") {
		t.Errorf("a failed box was not logged: %q", logged.String())
	}
}
