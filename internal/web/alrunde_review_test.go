package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// alRundeVoteWorld is the demo with the 48th IT-PLR session planned two
// months ahead together with the 40th AL-Runde, which runs: every voting
// member is present, and the proposal of its Beschlussempfehlung on the
// 48th session's item "Föderales Datenportal" is put to the vote.
type alRundeVoteWorld struct {
	st     *store.Store
	ts     *httptest.Server
	al     model.Session
	s48    model.Session
	target int64 // the 48th session's item
	rec    int64 // the recommendation
	item   int64 // the AL-Runde's item of the recommendation
	draft  int64 // the proposal voted on
	voteID int64
}

func newALRundeVoteWorld(t *testing.T) alRundeVoteWorld { return newALRundeVoteWorldFor(t, false) }

// newALRundeVoteWorldFor is newALRundeVoteWorld with the recommendation
// proposed for the Grüne Liste when greenList.
func newALRundeVoteWorldFor(t *testing.T, greenList bool) alRundeVoteWorld {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	ts, st, _ := demoAccountsServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	day := model.BerlinDate(time.Now().AddDate(0, 2, 0))
	if code, page := do(t, gs, "POST", ts.URL+"/gremien/al-runde/planung", url.Values{"nummer": {"48"}, "datum": {day.German()}, "ort": {"Berlin"},
		"nummer_vorbereitung": {"40"}}); code != http.StatusSeeOther {
		t.Fatalf("planning: %d %s", code, page)
	}
	council, _ := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	prep, _ := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	s48, err := st.SessionByNumber(ctx, council.ID, 48)
	if err != nil {
		t.Fatal(err)
	}
	title := "Föderales Datenportal"
	target, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: s48.ID, Title: title, Goal: model.GoalDecision, Status: model.ItemRegistered, RegisteredBy: "HE",
		Impact: model.Impact{Stated: true}}, &model.Decision{BodyID: council.ID, Kind: model.KindDecision, Scope: model.ScopeAll, Title: title,
		Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt: " + title + "."}}, Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	it, _ := st.Item(ctx, target)
	it.Status = model.ItemAccepted
	if err := st.UpdateItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	al, err := st.SessionByNumber(ctx, prep.ID, 40)
	if err != nil {
		t.Fatal(err)
	}
	// The AL-Runde's day has come (it opens on its day, not before).
	st.SetClock(func() time.Time { return al.Date.Time().Add(10 * time.Hour) })
	t.Cleanup(func() { st.SetClock(time.Now) })
	publishAgendaForTest(t, st, al.ID)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, _ := st.Session(ctx, al.ID)
		if err := st.SetSessionStatus(ctx, al.ID, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	recID, draft, err := st.ProposeRecommendation(ctx, model.Recommendation{SessionID: al.ID, TargetItemID: target, Kind: model.RecommendAdopt, GreenList: greenList})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := st.Recommendation(ctx, recID)
	if err != nil {
		t.Fatal(err)
	}
	var list []model.Attendance
	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			list = append(list, model.Attendance{Member: m.Abbrev, Presence: model.Present})
		}
	}
	if _, _, err := st.SaveAttendance(ctx, al.ID, list); err != nil {
		t.Fatal(err)
	}
	if err := st.SetCurrentItem(ctx, al.ID, rec.ItemID); err != nil {
		t.Fatal(err)
	}
	voteID, err := st.OpenVote(ctx, al.ID, draft)
	if err != nil {
		t.Fatal(err)
	}
	al, _ = st.Session(ctx, al.ID)
	return alRundeVoteWorld{st: st, ts: ts, al: al, s48: s48, target: target, rec: recID, item: rec.ItemID, draft: draft, voteID: voteID}
}

// reject has every voting member vote Nein by show of hands and closes
// the vote: the proposal is rejected.
// adopt closes the recommendation's vote with every voter's Ja: the
// recommendation is given.
func (w alRundeVoteWorld) adopt(t *testing.T) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	if _, err := w.st.CastShowOfHands(ctx, w.voteID, everyVoter(model.VoteYes)); err != nil {
		t.Fatal(err)
	}
	if out, err := w.st.CloseVote(ctx, w.voteID); err != nil || !out.Tally.Adopted {
		t.Fatalf("the recommendation's vote: %+v %v", out, err)
	}
}

func (w alRundeVoteWorld) reject(t *testing.T) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	votes := everyVoter(model.VoteNo)
	if _, err := w.st.CastShowOfHands(ctx, w.voteID, votes); err != nil {
		t.Fatal(err)
	}
	out, err := w.st.CloseVote(ctx, w.voteID)
	if err != nil {
		t.Fatal(err)
	}
	if out.Tally.Adopted {
		t.Fatalf("adopted: %+v", out.Tally)
	}
}

// TestALRundeVoteHeadedOnce: the proposal of a Beschlussempfehlung is
// titled "Beschlussempfehlung: …"; the vote page headed it "Beschlussvorschlag:
// Beschlussempfehlung: …", the live page "Laufende Abstimmung:
// Beschlussvorschlag Beschlussempfehlung: …", the management page and the
// decision profile named it twice too. Each names it once now; the
// projector, once the vote is closed, as well.
func TestALRundeVoteHeadedOnce(t *testing.T) {
	w := newALRundeVoteWorld(t)
	gs, he := client(t, w.ts, "geschaeftsstelle"), client(t, w.ts, "hessen")
	path := w.ts.URL + w.al.Path()
	twice := regexp.MustCompile(`(Beschlussvorschlag|Empfehlungsvorschlag)(:| –)?\s*(<[^>]*>\s*)*„?Beschlussempfehlung:`)
	for _, p := range []struct {
		c    *http.Client
		url  string
		want string
	}{
		{he, path + "/abstimmung", `<h2 id="h-abst" tabindex="-1">Beschlussempfehlung: Föderales Datenportal</h2>`},
		{gs, path + "/abstimmung", `<h2 id="h-abst" tabindex="-1">Beschlussempfehlung: Föderales Datenportal</h2>`},
		{gs, path + "/live", `Laufende Abstimmung: Beschlussempfehlung: Föderales Datenportal</h2>`},
		{gs, path + "/verwaltung", "Beschlussempfehlung: Föderales Datenportal"},
		{gs, fmt.Sprintf("%s/steckbrief/%d", w.ts.URL, w.draft), "Beschlussempfehlung: Föderales Datenportal"},
	} {
		code, page := do(t, p.c, "GET", p.url, nil)
		// Read without the soft hyphens of the live page's vote heading
		// (hyphenate: "Beschluss|empfehlung").
		page = strings.ReplaceAll(page, "\u00ad", "")
		if code != http.StatusOK || !strings.Contains(page, p.want) {
			t.Errorf("%s: %d, want %q", p.url, code, p.want)
		}
		if m := twice.FindString(page); m != "" {
			t.Errorf("%s names the proposal twice: %q", p.url, m)
		}
	}
	w.reject(t)
	code, page := do(t, gs, "GET", path+"/beamer", nil)
	page = strings.ReplaceAll(page, "\u00ad", "") // the result's title breaks at its joints (hyphenate)
	if code != http.StatusOK || !strings.Contains(page, "<strong>Beschlussempfehlung: Föderales Datenportal</strong>") {
		t.Errorf("projector: %d", code)
	}
	if m := twice.FindString(page); m != "" {
		t.Errorf("the projector names the proposal twice: %q", m)
	}
}

// TestRejectedResultNotStyledAdopted: a rejected proposal's result was
// styled as an adopted one (class "result", green) in the AL-Runde's
// minutes, on its session page and its live page, and framed green on the
// projector. It is marked rejected now, and the words say it too.
func TestRejectedResultNotStyledAdopted(t *testing.T) {
	w := newALRundeVoteWorld(t)
	w.reject(t)
	gs := client(t, w.ts, "geschaeftsstelle")
	path := w.ts.URL + w.al.Path()
	line := regexp.MustCompile(`<p class="(result[^"]*)">Ergebnis: ([^<]*)`)
	for _, u := range []string{path + "/protokoll", path, path + "/live?top=" + fmt.Sprint(w.item)} {
		code, page := do(t, gs, "GET", u, nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", u, code)
		}
		found := line.FindAllStringSubmatch(page, -1)
		if len(found) == 0 {
			t.Errorf("%s shows no result", u)
		}
		for _, m := range found {
			if m[1] != "result rejected" || !strings.Contains(m[2], "abgelehnt") {
				t.Errorf("%s: rejected result shown as %q: %q", u, m[1], m[2])
			}
		}
	}
	code, page := do(t, gs, "GET", path+"/beamer", nil)
	if code != http.StatusOK || !strings.Contains(page, `<div class="beamer-result rejected">`) || !strings.Contains(page, "Abgelehnt") {
		t.Errorf("projector: %d, the rejection not marked", code)
	}
	// An adopted result keeps its look.
	d, err := w.st.Decision(context.Background(), w.draft)
	if err != nil {
		t.Fatal(err)
	}
	adopted := d
	adopted.Status, adopted.Result = model.DecisionAdopted, "einstimmig"
	if adopted.Rejected() || adopted.RejectionUnsaid() || !d.Rejected() {
		t.Errorf("Rejected: adopted %v, rejected %v", adopted.Rejected(), d.Rejected())
	}
	// A rejection recorded by its counts alone is said in words.
	d.Result = "Ja: 3, Nein: 14"
	if !d.RejectionUnsaid() {
		t.Error("a result without the word is not said to be a rejection")
	}
}

// TestGreenListPullNamesNoMemberInAdvance: the secretariat records at
// whose request an item leaves the Grüne Liste. The select "auf Wunsch
// von" had the Bund chosen in advance (on the session page and on the
// page of recommendations), so a pull sent as it stood put a wish of the
// Bund on record. It has no member chosen now; a pull without one is
// refused with the reason at the select, and the item stays on the list.
func TestGreenListPullNamesNoMemberInAdvance(t *testing.T) {
	w := newALRundeVoteWorldFor(t, true)
	ctx := store.WithActor(context.Background(), "test")
	votes := everyVoter(model.VoteYes)
	if _, err := w.st.CastShowOfHands(ctx, w.voteID, votes); err != nil {
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
	onList := func() bool {
		t.Helper()
		it, err := w.st.Item(ctx, w.target)
		if err != nil {
			t.Fatal(err)
		}
		return it.Consent
	}
	for _, f := range []struct{ page, select_, post string }{
		{w.s48.Path(), fmt.Sprintf("gl-%d", w.target), fmt.Sprintf("/tops/%d/gruene-liste/herausnehmen", w.target)},
		{w.s48.Path() + "/empfehlungen", fmt.Sprintf("m-%d", w.rec), fmt.Sprintf("/empfehlungen/%d/herausnehmen", w.rec)},
	} {
		code, page := do(t, gs, "GET", w.ts.URL+f.page, nil)
		sel := regexp.MustCompile(`<select id="` + f.select_ + `"[^>]*>(.*?)</select>`).FindStringSubmatch(page)
		if code != http.StatusOK || sel == nil {
			t.Fatalf("%s: %d, no select %s", f.page, code, f.select_)
		}
		if !strings.HasPrefix(sel[1], `<option value="" selected>`) || strings.Count(sel[1], " selected") != 1 || !strings.Contains(sel[0], " required") {
			t.Errorf("%s: the select chooses a member in advance or is not required: %s", f.page, sel[0])
		}
		code, page = do(t, gs, "POST", w.ts.URL+f.post, url.Values{})
		if code != http.StatusBadRequest || !strings.Contains(page, "Bitte das Mitglied wählen, auf dessen Wunsch der TOP von der Grünen Liste genommen wird.") ||
			!strings.Contains(page, `aria-describedby="`+f.select_+`-fehler"`) || !strings.Contains(page, `href="#`+f.select_+`"`) {
			t.Errorf("%s without a member: %d\n%s", f.post, code, page)
		}
		if !onList() {
			t.Fatalf("%s without a member took the item off the Grüne Liste", f.post)
		}
	}
	// A member named is recorded.
	if code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/gruene-liste/herausnehmen", w.ts.URL, w.target), url.Values{"mitglied": {"BY"}}); code != http.StatusSeeOther {
		t.Fatalf("pull for BY: %d %.300s", code, page)
	}
	if onList() {
		t.Error("the item is still on the Grüne Liste")
	}
}

// TestALRundeAttendanceFormSeatsBundAndLaender: the AL-Runde's attendance
// form offered a row for every advisory member, and its session page then
// listed them "abwesend"; the AL-Runde is the round of Bund and Länder.
// Both have the voting members only now; the IT-PLR's form keeps the
// advisory members.
func TestALRundeAttendanceFormSeatsBundAndLaender(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "GET", ts.URL+"/gremien/al-runde/sitzungen/39/anwesenheit", nil)
	if code != http.StatusOK || !strings.Contains(page, `name="anwesenheit_HE"`) || strings.Contains(page, `name="anwesenheit_DLT"`) || strings.Contains(page, `name="anwesenheit_BfDI"`) {
		t.Errorf("the AL-Runde's attendance form: %d, rows of advisory members or none for HE", code)
	}
	if code, body := do(t, gs, "POST", ts.URL+"/gremien/al-runde/sitzungen/39/anwesenheit", url.Values{"anwesenheit_HE": {"anwesend"}, "anwesenheit_DLT": {"anwesend"}, "version": {postedForm(page, "/gremien/al-runde/sitzungen/39/anwesenheit").Get("version")}}); code != http.StatusSeeOther {
		t.Fatalf("saving the AL-Runde's attendance: %d %.300s", code, body)
	}
	_, page = do(t, gs, "GET", ts.URL+"/gremien/al-runde/sitzungen/39", nil)
	if !strings.Contains(page, `id="h-anwesenheit"`) || strings.Contains(page, "Deutscher Landkreistag") || strings.Contains(page, "Deutscher Städtetag") {
		t.Error("the AL-Runde's session page lists advisory members in its attendance")
	}
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/anwesenheit", nil); !strings.Contains(page, `name="anwesenheit_DLT"`) {
		t.Error("the IT-PLR's attendance form lost the advisory members")
	}
}

// TestALRundeBallotShowsTheProposal: the AL-Runde's ballot on a
// recommendation showed "Beschlussempfehlung: … – Annahme wie
// vorgeschlagen" and not what was proposed; it quotes the proposal the
// recommendation is about.
func TestALRundeBallotShowsTheProposal(t *testing.T) {
	w := newALRundeVoteWorld(t)
	he := client(t, w.ts, "hessen")
	code, page := do(t, he, "GET", w.ts.URL+w.al.Path()+"/abstimmung", nil)
	if code != http.StatusOK || !strings.Contains(page, "Der Beschlussvorschlag, um den es geht") ||
		!strings.Contains(page, "Der IT-Planungsrat beschließt: Föderales Datenportal.") {
		t.Errorf("the ballot does not quote the proposal: %d %s", code, between(page, `id="abstimmung-stand"`, `id="abst-zahl"`))
	}
	// The live update of the box carries it too.
	if _, state := do(t, he, "GET", w.ts.URL+w.al.Path()+"/abstimmung/stand", nil); !strings.Contains(state, "Der IT-Planungsrat beschließt: Föderales Datenportal.") {
		t.Error("the pushed ballot lacks the proposal")
	}
}
