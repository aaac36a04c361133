package web

import (
	"context"
	"fmt"
	"net/http"
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
				if !strings.Contains(body, `<mark class="confidential" title="vertraulich">mit Kosten von 3 Mio. Euro</mark>`) {
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
		if _, body := do(t, client(t, ts, "hessen"), "GET", ts.URL+path, nil); !strings.Contains(body, "erscheint sie hier mit dem Stimmzettel für HE.") {
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
