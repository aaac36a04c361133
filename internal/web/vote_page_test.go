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

// TestVotePageNamesAndMarksTheProposal: the vote page (and the live page)
// names the proposal voted on in German ("Beschlussvorschlag", "Empfehlungsvorschlag", not
// "Beschlusssvorschlag") and shows a confidential passage of its text to
// an internal reader as marked, not with the marks it is stored with:
// the page and the box it refreshes (the box of the stream's event).
func TestVotePageNamesAndMarksTheProposal(t *testing.T) {
	for _, tc := range []struct {
		kind model.DecisionKind
		name string
	}{{model.KindDecision, "Beschlussvorschlag"}, {model.KindRecommendation, "Empfehlungsvorschlag"}} {
		t.Run(tc.name, func(t *testing.T) {
			ts, st, _ := lawServer(t)
			ctx := context.Background()
			_, _, d := runningSession(t, st, tc.kind)
			dec, err := st.Decision(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			dec.Points[0].Text = "Der IT-Planungsrat beschließt die Rahmenarchitektur " + model.RedactOpen + "mit Kosten von 3 Mio. Euro" + model.RedactClose + "."
			if err := st.UpdateDecision(ctx, dec); err != nil {
				t.Fatal(err)
			}
			gs := client(t, ts, "geschaeftsstelle")
			if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung/eroeffnen", ts.URL, d), nil); code != http.StatusSeeOther {
				t.Fatalf("open: %d", code)
			}
			if _, body := do(t, gs, "GET", ts.URL+"/sitzungen/48/live", nil); !strings.Contains(body, "Laufende Abstimmung: "+tc.name+" Föderale Rahmenarchitektur") {
				t.Errorf("the live page does not name the %s voted on", tc.name)
			}
			he := client(t, ts, "hessen")
			for _, path := range []string{"/sitzungen/48/abstimmung", "/sitzungen/48/abstimmung/stand"} {
				_, body := do(t, he, "GET", ts.URL+path, nil)
				if !strings.Contains(body, tc.name+": Föderale Rahmenarchitektur") {
					t.Errorf("%s does not name the %s", path, tc.name)
				}
				if strings.Contains(body, "Beschlusssvorschlag") || strings.Contains(body, model.RedactOpen) {
					t.Errorf("%s: a misspelt name or a passage's marks", path)
				}
				if !strings.Contains(body, markOpen+`mit Kosten von 3 Mio. Euro`+markClose) {
					t.Errorf("%s does not mark the confidential passage", path)
				}
			}
		})
	}
}

// TestVotePageNamesTheMemberBeforeTheVote: while no vote runs, a member's
// vote page says that the ballot will be its member's.
func TestVotePageNamesTheMemberBeforeTheVote(t *testing.T) {
	ts, st, _ := lawServer(t)
	runningSession(t, st, model.KindDecision)
	for _, path := range []string{"/sitzungen/48/abstimmung", "/sitzungen/48/abstimmung/stand"} {
		if _, body := do(t, client(t, ts, "hessen"), "GET", ts.URL+path, nil); !strings.Contains(body, "erscheint sie hier mit dem Stimmzettel für Hessen.") {
			t.Errorf("%s does not name the member the ballot will be for", path)
		}
		if _, body := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+path, nil); !strings.Contains(body, "erscheint sie hier. Ohne JavaScript") {
			t.Errorf("%s names a ballot to the secretariat", path)
		}
	}
}

// TestVotePageNamesASingleProposalOnce: the ballot for one proposal
// carried its name twice, as the section's heading and again as the
// heading of the text right below it (two headings of the same words for
// a screen reader, and at 320 px half a screen). It is named once; the
// Grüne Liste en bloc keeps one heading per item.
func TestVotePageNamesASingleProposalOnce(t *testing.T) {
	ts, st, _ := lawServer(t)
	_, _, d := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung/eroeffnen", ts.URL, d), nil); code != http.StatusSeeOther {
		t.Fatalf("open: %d", code)
	}
	he := client(t, ts, "hessen")
	for _, path := range []string{"/sitzungen/48/abstimmung", "/sitzungen/48/abstimmung/stand"} {
		_, body := do(t, he, "GET", ts.URL+path, nil)
		if n := strings.Count(body, "Beschlussvorschlag: Föderale Rahmenarchitektur"); n != 1 {
			t.Errorf("%s names the proposal %d times", path, n)
		}
		if !strings.Contains(body, `name="stimme"`) {
			t.Errorf("%s lost the ballot", path)
		}
	}
}

// TestVotePageShowsTheClosedVotesResult: after the secretariat closes the
// vote, the member's ballot page (the page and its live box) kept "Ihre
// Stimme ist gespeichert. Sie können sie ändern, bis …" above "Zurzeit
// läuft keine Abstimmung", with no result. The notice stands in the box
// while the vote is open and leaves with it; the closed vote's result
// (the phrase by the rules) links the decision. An advisory member is
// told it does not vote.
func TestVotePageShowsTheClosedVotesResult(t *testing.T) {
	ts, st, _ := lawServer(t)
	sid, _, d := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	v := openVoteByPage(t, ts, st, gs, sid, d)
	if _, body := do(t, client(t, ts, "dlt"), "GET", ts.URL+"/sitzungen/48/abstimmung", nil); !strings.Contains(body, "DLT ist beratendes Mitglied") || !strings.Contains(body, "stimmen aber nicht ab") {
		t.Error("the advisory member's ballot page does not say it does not vote")
	}
	he := client(t, ts, "hessen")
	if code, _ := do(t, he, "POST", fmt.Sprintf("%s/abstimmungen/%d/stimme", ts.URL, v.ID), url.Values{"stimme": {"enthaltung"}, "gesehen": {""}}); code != http.StatusSeeOther {
		t.Fatalf("Hessen's vote: %d", code)
	}
	const saved = "Sie können sie ändern"
	// The notice stands in the live box's part held while the vote runs.
	_, body := do(t, he, "GET", ts.URL+"/sitzungen/48/abstimmung", nil)
	if !strings.Contains(body, fmt.Sprintf(`id="abst-hinweis" data-live-key="%d" data-live-hold="1"><div class="notice-box" role="status"><p>Ihre Stimme ist gespeichert. %s`, v.ID, saved)) {
		t.Error("the notice of the vote saved does not stand in the held part of the ballot")
	}
	// Voted again, and the vote closed before the page is shown.
	if code, _ := do(t, he, "POST", fmt.Sprintf("%s/abstimmungen/%d/stimme", ts.URL, v.ID), url.Values{"stimme": {"enthaltung"}, "gesehen": {"enthaltung"}}); code != http.StatusSeeOther {
		t.Fatalf("Hessen's vote: %d", code)
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/abstimmungen/%d/handzeichen", ts.URL, v.ID), everyoneBut("ja", "HE")); code != http.StatusSeeOther {
		t.Fatalf("show of hands: %d", code)
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/abstimmungen/%d/schliessen", ts.URL, v.ID), nil); code != http.StatusSeeOther {
		t.Fatalf("close: %d", code)
	}
	for _, path := range []string{"/sitzungen/48/abstimmung", "/sitzungen/48/abstimmung/stand"} {
		_, body := do(t, he, "GET", ts.URL+path, nil)
		if strings.Contains(body, saved) {
			t.Errorf("%s: the closed vote's page says the vote can be changed", path)
		}
		if !strings.Contains(body, "Zurzeit läuft keine Abstimmung") || !strings.Contains(body, "Ergebnis der letzten Abstimmung") ||
			!strings.Contains(body, `<a href="/beschluesse/B-2026/01-IT">B-2026/01-IT</a>`) || !strings.Contains(body, "einstimmig, bei Enthaltung von HE") {
			t.Errorf("%s does not show the closed vote's result with its decision:\n%s", path, body)
		}
	}
}

// TestClosingAVoteWithSilentMembersAsksFirst: one click on "Abstimmung
// schließen" closed the vote while present members had not voted yet —
// they count as abstaining. The secretariat is asked first, with their
// names; the vote stays open until it confirms.
func TestClosingAVoteWithSilentMembersAsksFirst(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	v := openVoteByPage(t, ts, st, gs, sid, d)
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/abstimmungen/%d/handzeichen", ts.URL, v.ID), everyoneBut("ja", "HE", "SL")); code != http.StatusSeeOther {
		t.Fatalf("show of hands: %d", code)
	}
	closeURL := fmt.Sprintf("%s/abstimmungen/%d/schliessen", ts.URL, v.ID)
	code, body := do(t, gs, "POST", closeURL, nil)
	if code != http.StatusOK || !strings.Contains(body, "Noch nicht abgestimmt haben: Hessen und Saarland.") || !strings.Contains(body, `name="bestaetigt" value="ja"`) {
		t.Fatalf("closing with silent members: %d, no confirmation naming them:\n%s", code, body)
	}
	if _, open, _ := st.OpenSessionVote(ctx, sid); !open {
		t.Fatal("the vote was closed before the secretariat confirmed")
	}
	if code, _ := do(t, gs, "POST", closeURL, url.Values{"bestaetigt": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("confirmed close: %d", code)
	}
	dec, err := st.Decision(ctx, d)
	if err != nil || dec.Status != model.DecisionAdopted || !strings.Contains(dec.Result, "ohne Stimmabgabe von HE und SL") {
		t.Fatalf("after the confirmed close: %v %q, %v", dec.Status, dec.Result, err)
	}
}

// TestOpenVoteClickedTwice: "Abstimmung eröffnen" clicked twice opens one
// vote; the second click leads to the running vote with the reason as the
// live page's note. Before, it answered 409 with a stale-form message
// ("Hier wurde inzwischen gespeichert …") and a link to the form for
// opening, which the page no longer shows while the vote runs.
func TestOpenVoteClickedTwice(t *testing.T) {
	ts, st, _ := lawServer(t)
	sid, _, d := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	v := openVoteByPage(t, ts, st, gs, sid, d)
	res, err := gs.PostForm(fmt.Sprintf("%s/entwuerfe/%d/abstimmung/eroeffnen", ts.URL, d), nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/sitzungen/48/live?") || !strings.HasSuffix(loc, "#abstimmung") {
		t.Fatalf("the second click: %d %s", res.StatusCode, loc)
	}
	_, page := do(t, gs, "GET", ts.URL+loc, nil)
	if !strings.Contains(page, "In dieser Sitzung läuft bereits eine Abstimmung") || !strings.Contains(page, `id="abstimmung"`) || strings.Contains(page, "Hier wurde inzwischen gespeichert") {
		t.Errorf("the live page after the second click does not say a vote runs:\n%s", between(page, "<main", `id="redeliste"`))
	}
	if now, open, _ := st.OpenSessionVote(context.Background(), sid); !open || now.ID != v.ID {
		t.Errorf("the vote open after the second click: %+v %v, want %d", now, open, v.ID)
	}
}
