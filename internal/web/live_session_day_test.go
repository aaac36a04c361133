package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// approvingItem gives the item of session id that approves the minutes of
// session n (TOP 00, "Bestätigung des Protokolls der n. Sitzung").
func approvingItem(t *testing.T, st *store.Store, id int64, n int) model.AgendaItem {
	t.Helper()
	items, err := st.Items(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		for _, text := range append([]string{it.Title}, it.Points...) {
			if m, ok := model.MinutesApprovalRef(text); ok && m == n {
				return it
			}
		}
	}
	t.Fatalf("no item approves the minutes of the %d. Sitzung", n)
	return model.AgendaItem{}
}

// postNoFollow sends form with c (which follows no redirect) and gives
// the answer, its body closed.
func postNoFollow(t *testing.T, c *http.Client, u string, form url.Values) *http.Response {
	t.Helper()
	res, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

// TestLivePageEndsTheSession: "Sitzung beenden" was only on the
// Verwaltung page; the secretariat, running the session on the live
// page, had to go there at its end. The live page offers it now, with
// the same required confirmation and the same check: sent without it,
// the live page shows the refusal at the checkbox and the session runs
// on; confirmed, the session ends.
func TestLivePageEndsTheSession(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := runSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/live", nil)
	form := between(page, `<form method="post" action="/sitzungen/48/status"`, "</form>")
	if !strings.Contains(form, `name="zurueck" value="live"`) || !strings.Contains(form, `name="naechster" value="beendet"`) ||
		!strings.Contains(form, `<input type="checkbox" id="sitzung-beendet-ok" name="sitzung_beendet" value="ja" required>`) ||
		!strings.Contains(form, `Sitzung beenden</button>`) {
		t.Fatalf("the live page offers no „Sitzung beenden“ with its confirmation: %q", form)
	}
	sent := endForm(se)
	sent.Set("zurueck", "live")
	sent.Set("offene_vorschlaege", "ja")
	unconfirmed := cloneValues(sent)
	unconfirmed.Del("sitzung_beendet")
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", unconfirmed)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "<h1>Live-Protokoll") {
		t.Errorf("ending from the live page without the confirmation: %d, not the live page: %s", code, between(page, "<h1", "</h1>"))
	}
	if !strings.Contains(page, `<p class="field-error" id="sitzung-beendet-ok-fehler">Bitte bestätigen Sie, dass die Sitzung zu Ende ist`) ||
		!strings.Contains(page, `id="sitzung-beendet-ok" name="sitzung_beendet" value="ja" required aria-invalid="true"`) ||
		!strings.Contains(page, `href="#sitzung-beendet-ok"`) {
		t.Errorf("the refusal is not at the checkbox on the live page: %s", between(page, `id="h-beenden"`, "</form>"))
	}
	if got, _ := st.Session(ctx, se.ID); got.Status != model.StatusRunning {
		t.Errorf("refused, the session is %q", got.Status)
	}
	code, _ = do(t, gs, "POST", ts.URL+"/sitzungen/48/status", sent)
	if got, _ := st.Session(ctx, se.ID); code != http.StatusSeeOther || got.Status != model.StatusEnded {
		t.Errorf("confirmed: %d, the session is %q", code, got.Status)
	}
}

// TestLivePageEndReturnsToTheLivePage: ended from the live page, the
// secretariat is back on it (the minutes are kept there until approved),
// not on the Verwaltung.
func TestLivePageEndReturnsToTheLivePage(t *testing.T) {
	ts, st := cycleServer(t)
	se := runSession48(t, ts, st)
	sent := endForm(se)
	sent.Set("zurueck", "live")
	sent.Set("offene_vorschlaege", "ja")
	resp := postNoFollow(t, client(t, ts, "geschaeftsstelle"), ts.URL+"/sitzungen/48/status", sent)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/sitzungen/48/live" {
		t.Errorf("ended from the live page: %d to %q, want 303 to /sitzungen/48/live", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// TestLivePageApprovesMinutesAtTop00: the approval of the 47th session's
// minutes was only on the Verwaltung page, not at TOP 00 ("Bestätigung
// des Protokolls der 47. Sitzung") where it is decided. The live page at
// that item offers it now, with the stamp of the minutes shown, and
// returns to the item; refused (the stamp garbled), it shows the reason
// there and the minutes stay a draft.
func TestLivePageApprovesMinutesAtTop00(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := runSession48(t, ts, st)
	presentExcept(t, st, se.ID)
	gs := client(t, ts, "geschaeftsstelle")
	top := approvingItem(t, st, se.ID, 47)
	at := fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, top.ID)
	_, page := do(t, gs, "GET", at, nil)
	if !strings.Contains(page, `Protokoll der 47. Sitzung genehmigen</button>`) {
		t.Fatalf("TOP 00 on the live page offers no approval of the 47th minutes: %s", between(page, `class="live-item"`, "<h3>"))
	}
	form := approvalFormOf(t, page, 47)
	if form.Get("stand") == "" {
		t.Fatal("the approval on the live page carries no stamp")
	}
	if !strings.Contains(page, fmt.Sprintf(`name="top" value="%d"`, top.ID)) || !strings.Contains(page, `<input type="hidden" name="zurueck" value="live">`) {
		t.Errorf("the approval does not say to come back to the live page")
	}
	form.Set("zurueck", "live")
	form.Set("top", fmt.Sprint(top.ID))

	garbled := cloneValues(form)
	garbled.Set("stand", "kein Stand")
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", garbled)
	if code != http.StatusConflict || !strings.Contains(page, "<h1>Live-Protokoll") ||
		!strings.Contains(between(page, `id="genehmigen-47-fehler"`, "</div>"), "das Protokoll ist nicht genehmigt") {
		t.Errorf("a refused approval from the live page: %d, box %q", code, between(page, `id="genehmigen-47-fehler"`, "</div>"))
	}
	s47, _ := st.SessionByNumber(ctx, se.BodyID, 47)
	if s47.Status != model.StatusMinutesDraft {
		t.Errorf("refused, the 47th minutes are %q", s47.Status)
	}

	resp := postNoFollow(t, gs, ts.URL+"/sitzungen/48/genehmigen", form)
	want := fmt.Sprintf("/sitzungen/48/live?top=%d#top-%d", top.ID, top.ID)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
		t.Errorf("approved from the live page: %d to %q, want %q", resp.StatusCode, resp.Header.Get("Location"), want)
	}
	if s47, _ = st.SessionByNumber(ctx, se.BodyID, 47); s47.Status != model.StatusMinutesApproved {
		t.Errorf("approved, the 47th minutes are %q", s47.Status)
	}
}

// consentItem48 puts a proposal on the 48th session's item it, ticks it
// for the Grüne Liste, opens the session with every member present and
// gives the proposal.
func consentItem48(t *testing.T, st *store.Store, s48 model.Session, it model.AgendaItem) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := st.CreateDecision(ctx, model.Decision{BodyID: s48.BodyID, SessionID: s48.ID, ItemID: it.ID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: it.Title, Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat nimmt den Bericht an."}}, Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	cur, err := st.Item(ctx, it.ID)
	if err != nil {
		t.Fatal(err)
	}
	cur.Status, cur.Consent = model.ItemAccepted, true
	if err := st.UpdateItem(ctx, cur); err != nil {
		t.Fatal(err)
	}
	publishAgendaForTest(t, st, s48.ID)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, err := st.Session(ctx, s48.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SetSessionStatus(ctx, s48.ID, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	presentExcept(t, st, s48.ID)
	return id
}

func votersAll(choice model.VoteChoice) map[string]model.VoteChoice {
	votes := map[string]model.VoteChoice{}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			votes[m.Abbrev] = choice
		}
	}
	return votes
}

// TestConsentNoteAfterTheVote: after the Grüne Liste was adopted en bloc,
// its item on the live page still said „wird mit ihr en bloc
// beschlossen“. It says now that it was, with the decision's number; an
// item of the list whose proposal was voted on singly and rejected says
// that.
func TestConsentNoteAfterTheVote(t *testing.T) {
	note := func(page string) string { return between(page, `<p class="consent-note">`, "</p>") }
	t.Run("en bloc", func(t *testing.T) {
		ts, st := cycleServer(t)
		s48, it := planSession48(t, ts, st)
		consentItem48(t, st, s48, it)
		gs := client(t, ts, "geschaeftsstelle")
		at := fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, it.ID)
		if _, page := do(t, gs, "GET", at, nil); note(page) != "Auf der Grünen Liste: wird mit ihr en bloc beschlossen." {
			t.Errorf("before the vote: %q", note(page))
		}
		out, err := st.RecordShowOfHands(context.Background(), s48.ID, 0, votersAll(model.VoteYes))
		if err != nil || len(out.Decisions) != 1 {
			t.Fatalf("the en-bloc vote: %+v %v", out, err)
		}
		want := "Auf der Grünen Liste: mit ihr en bloc beschlossen (" + out.Decisions[0].Label + ")."
		if _, page := do(t, gs, "GET", at, nil); note(page) != want {
			t.Errorf("after the en-bloc vote: %q, want %q", note(page), want)
		}
	})
	t.Run("rejected singly", func(t *testing.T) {
		ts, st := cycleServer(t)
		s48, it := planSession48(t, ts, st)
		draft := consentItem48(t, st, s48, it)
		if out, err := st.RecordShowOfHands(context.Background(), s48.ID, draft, votersAll(model.VoteNo)); err != nil || out.Tally.Adopted {
			t.Fatalf("the single vote: %+v %v", out, err)
		}
		_, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, it.ID), nil)
		if got := note(page); got != "Auf der Grünen Liste: einzeln abgestimmt und abgelehnt." {
			t.Errorf("after the single vote rejected it: %q", got)
		}
	})
}

// TestALRundeLiveNamesTheRecommendation: on the AL-Runde's live page the
// form for a new entry said „Beschlussempfehlung (BE)“, but the saved
// draft read „Beschlussvorschlag: Titel“, „Beschlusspunkte“ and
// „Handzeichen zum Beschlussvorschlag“. It names the recommendation now;
// the IT-PLR's page keeps its words.
func TestALRundeLiveNamesTheRecommendation(t *testing.T) {
	w := newALRundeVoteWorld(t)
	if err := w.st.CancelVote(store.WithActor(context.Background(), "test"), w.voteID); err != nil {
		t.Fatal(err)
	}
	_, page := do(t, client(t, w.ts, "geschaeftsstelle"), "GET", fmt.Sprintf("%s%s/live?top=%d", w.ts.URL, w.al.Path(), w.item), nil)
	draft := between(page, `class="decision-edit"`, "</details>")
	for _, want := range []string{"Beschlussempfehlung: Titel</label>", "Punkte der Empfehlung (einer je Zeile)</label>", "<legend>Handzeichen zur Beschlussempfehlung</legend>"} {
		if !strings.Contains(draft, want) {
			t.Errorf("the AL-Runde's draft lacks %q", want)
		}
	}
	for _, wrong := range []string{"Beschlussvorschlag", "Beschlusspunkte"} {
		if strings.Contains(draft, wrong) {
			t.Errorf("the AL-Runde's draft says %q", wrong)
		}
	}
}

// TestLiveInlineSelectsAtAPhone: at 320 px the live page's select
// „Wortmeldung eintragen für“ was 19 px high, below the 24 px a target
// needs (WCAG 2.2, 2.5.8); every select of an inline form is checked.
func TestLiveInlineSelectsAtAPhone(t *testing.T) {
	browserTest(t)
	ts, st := cycleServer(t)
	se := runSession48(t, ts, st)
	presentExcept(t, st, se.ID)
	top := approvingItem(t, st, se.ID, 47)
	if err := st.SetCurrentItem(context.Background(), se.ID, top.ID); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ts.URL)
	b.run("phone viewport", chromedp.EmulateViewport(320, 900))
	b.login("geschaeftsstelle")
	b.page("/sitzungen/48/live")
	var low string
	b.run("select heights", chromedp.Evaluate(`(() => { const s = Array.from(document.querySelectorAll("form.inline select")); if (!s.some(e => e.id === "wm-sprecher")) return "no #wm-sprecher";
		return s.filter(e => e.getBoundingClientRect().height < 24).map(e => e.id + ": " + Math.round(e.getBoundingClientRect().height) + " px").join("; "); })()`, &low))
	if low != "" {
		t.Errorf("selects of inline forms on the live page lower than 24 px at 320 px: %s", low)
	}
	b.shot("live-selects-320")
}
