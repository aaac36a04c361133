package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// sendTwice sends form to path twice by c, as the back button and
// "Absenden" again do, and gives where each send led (both must be
// redirects).
func sendTwice(t *testing.T, c *http.Client, base, path string, form url.Values) [2]string {
	t.Helper()
	if !formKeyPattern.MatchString(form.Get("formular")) {
		t.Fatalf("the form of %s carries no one-time key: %v", path, form)
	}
	var where [2]string
	for i := range where {
		res, err := c.PostForm(base+path, form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("send %d of %s: %d", i+1, path, res.StatusCode)
		}
		where[i] = strings.SplitN(res.Header.Get("Location"), "?", 2)[0]
	}
	if where[0] != where[1] {
		t.Errorf("the form %s sent twice leads to %v, want what the first made", path, where)
	}
	return where
}

// sentAgainSaid checks that the page the second send led to says that
// the form was sent before.
func sentAgainSaid(t *testing.T, c *http.Client, base, where string) {
	t.Helper()
	if _, page := do(t, c, "GET", base+where, nil); !strings.Contains(page, "Dieses Formular wurde bereits abgesendet") {
		t.Errorf("the second send's page says nothing of it: %s", between(page, "<main", "</main>"))
	}
}

// TestProcedureFormSentTwice: "Umlaufverfahren einleiten" sent twice
// started two procedures on the same proposal, both could be adopted and
// gave two decision numbers. Now the second send starts nothing and
// leads to the first procedure; a refused form keeps its key.
func TestProcedureFormSentTwice(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/umlaufverfahren/neu", nil)
	form := postedForm(page, "/umlaufverfahren")
	deadline := time.Now().Add(72 * time.Hour)
	for k, v := range (url.Values{"art": {"beschluss"}, "titel": {"Doppelt eingeleitet"}, "punkte": {"Der IT-Planungsrat beschließt einmal."},
		"antrag": {"HE"}, "frist_datum": {model.BerlinDate(deadline).String()}, "frist_zeit": {model.BerlinClock(deadline)}}) {
		form[k] = v
	}
	// Refused (one Land applies): the form comes back with its key.
	code, refused := do(t, gs, "POST", ts.URL+"/umlaufverfahren", form)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("application by one Land: %d", code)
	}
	if again := postedForm(refused, "/umlaufverfahren"); again.Get("formular") != form.Get("formular") {
		t.Errorf("the refused form's key %q, want the key it was sent with %q", again.Get("formular"), form.Get("formular"))
	}
	form.Set("antrag", "HE, HH, BY")
	where := sendTwice(t, gs, ts.URL, "/umlaufverfahren", form)
	ps, err := st.Procedures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range ps {
		if d, err := st.Decision(ctx, p.DecisionID); err == nil && d.Title == "Doppelt eingeleitet" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d procedures from one form, want 1", n)
	}
	sentAgainSaid(t, gs, ts.URL, where[1])
}

// TestMinutesCommentFormSentTwice: a comment on the draft minutes sent
// twice (the back button, a double click) was stored twice. Now the
// second send stores nothing and leads to the comments, saying so.
func TestMinutesCommentFormSentTwice(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	he := client(t, ts, "hessen")
	_, page := do(t, he, "GET", ts.URL+"/sitzungen/47", nil)
	form := postedForm(page, "/sitzungen/47/kommentare")
	form.Set("kommentar", "Bitte TOP 3 nur einmal prüfen.")
	where := sendTwice(t, he, ts.URL, "/sitzungen/47/kommentare", form)
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	se, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := st.Comments(ctx, se.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cs {
		if c.Text == "Bitte TOP 3 nur einmal prüfen." {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d comments from one form, want 1", n)
	}
	sentAgainSaid(t, he, ts.URL, where[1])
	// The same key sent by another account stores nothing for it.
	by := client(t, ts, "bund")
	if code, _ := do(t, by, "POST", ts.URL+"/sitzungen/47/kommentare", form); code != http.StatusConflict {
		t.Errorf("another account's send of the key: %d, want 409", code)
	}
	// A new page gives a new key: the next comment is stored.
	_, page = do(t, he, "GET", ts.URL+"/sitzungen/47", nil)
	if next := postedForm(page, "/sitzungen/47/kommentare"); next.Get("formular") == form.Get("formular") {
		t.Error("the page gives the same key again")
	}
}

// TestFollowUpCommentFormSentTwice: a comment on a follow-up sent twice
// was stored twice. Now the second send stores nothing and leads to the
// comments, saying so.
func TestFollowUpCommentFormSentTwice(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	f := demoFollowUp(t, st, "Matrix-Protokoll")
	he := client(t, hs.ts, "hessen")
	path := fmt.Sprintf("/auftraege/%d/kommentare", f.ID)
	_, page := do(t, he, "GET", hs.ts.URL+followUpPathOf(t, st, f.ID), nil)
	form := postedForm(page, path)
	form.Set("kommentar", "Hessen meldet einmal.")
	before, err := st.FollowUpComments(context.Background(), f.ID)
	if err != nil {
		t.Fatal(err)
	}
	where := sendTwice(t, he, hs.ts.URL, path, form)
	if after, _ := st.FollowUpComments(context.Background(), f.ID); len(after) != len(before)+1 {
		t.Errorf("%d comments from one form, want 1", len(after)-len(before))
	}
	sentAgainSaid(t, he, hs.ts.URL, where[1])
}

// TestRequestFormSentTwice: a FachMK secretariat's request (Anliegen)
// sent twice was submitted twice, and the secretariat was told twice.
// Now the second send stores nothing and leads to the first request.
func TestRequestFormSentTwice(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmk := client(t, ts, "fmk")
	_, page := do(t, fmk, "GET", ts.URL+"/anliegen", nil)
	form := postedForm(page, "/anliegen")
	form.Set("titel", "Einmal eingereicht")
	form.Set("text", "Bitte um Befassung")
	where := sendTwice(t, fmk, ts.URL, "/anliegen", form)
	body, _ := st.BodyByAbbrev(ctx, "FMK")
	qs, err := st.Requests(ctx, body.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, q := range qs {
		if q.Title == "Einmal eingereicht" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d requests from one form, want 1", n)
	}
	sentAgainSaid(t, fmk, ts.URL, where[1])
}

// TestContactFormsSentTwice: a FachMK's contact (Ansprechperson) and a
// spokesperson's logged talk sent twice were stored twice. Now the
// second send stores nothing and leads to the conference's page.
func TestContactFormsSentTwice(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmkBody, _ := st.BodyByAbbrev(ctx, "FMK")

	own := client(t, ts, "fmk")
	_, page := do(t, own, "GET", ts.URL+"/fachmk/FMK", nil)
	form := postedForm(page, "/fachmk/FMK/kontakte")
	form.Set("name", "Dr. Einmal Eingetragen")
	form.Set("email", "einmal@fmk.example")
	where := sendTwice(t, own, ts.URL, "/fachmk/FMK/kontakte", form)
	cs, err := st.Contacts(ctx, fmkBody.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cs {
		if c.Name == "Dr. Einmal Eingetragen" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d contacts from one form, want 1", n)
	}
	sentAgainSaid(t, own, ts.URL, where[1])

	hb := client(t, ts, "sprecher-hb")
	_, page = do(t, hb, "GET", ts.URL+"/fachmk/FMK", nil)
	form = postedForm(page, "/fachmk/FMK/gespraeche")
	form.Set("art", "gespraech")
	form.Set("datum", model.BerlinDate(time.Now().AddDate(0, 0, -1)).String())
	form.Set("mit", "Vorsitz der FMK")
	form.Set("themen", "Einmal besprochen")
	where = sendTwice(t, hb, ts.URL, "/fachmk/FMK/gespraeche", form)
	talks, err := st.SpokespersonContacts(ctx, fmkBody.ID)
	if err != nil {
		t.Fatal(err)
	}
	n = 0
	for _, c := range talks {
		if c.Topics == "Einmal besprochen" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d talks from one form, want 1", n)
	}
	sentAgainSaid(t, hb, ts.URL, where[1])
}

// TestLiveEntryFormsSentTwice: on the live page a new contribution, a
// follow-up, a protocol note or a remark sent twice (a double click, the back button) were stored
// twice — two identical rows in the public minutes, two follow-ups with
// their reminders. Now the second send stores nothing and says so.
func TestLiveEntryFormsSentTwice(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	it := items[1]
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/47/live?top=%d", ts.URL, it.ID), nil)
	before, _ := st.Contributions(ctx, it.ID)
	on := postedForm(page, fmt.Sprintf("/tops/%d/beitraege", it.ID))
	on.Set("sprecher", "BSI")
	on.Set("punkte", "Hinweis auf die Haushaltslage")
	where := sendTwice(t, gs, ts.URL, fmt.Sprintf("/tops/%d/beitraege", it.ID), on)
	if after, _ := st.Contributions(ctx, it.ID); len(after) != len(before)+1 {
		t.Errorf("%d contributions from one form, want 1", len(after)-len(before))
	}
	sentAgainSaid(t, gs, ts.URL, where[1])

	followUps, _ := st.FollowUps(ctx, store.FollowUpFilter{ItemID: it.ID})
	fu := postedForm(page, fmt.Sprintf("/tops/%d/auftraege", it.ID))
	fu.Set("text", "Bericht zur Haushaltslage vorlegen")
	fu.Set("verantwortlich", "FITKO")
	sendTwice(t, gs, ts.URL, fmt.Sprintf("/tops/%d/auftraege", it.ID), fu)
	if after, _ := st.FollowUps(ctx, store.FollowUpFilter{ItemID: it.ID}); len(after) != len(followUps)+1 {
		t.Errorf("%d follow-ups from one form, want 1", len(after)-len(followUps))
	}
	notes, _ := st.ProtocolNotes(ctx, it.ID)
	pn := postedForm(page, fmt.Sprintf("/tops/%d/notizen", it.ID))
	pn.Set("autor", "HE")
	pn.Set("text", "Hessen bittet um Prüfung der Kosten.")
	sendTwice(t, gs, ts.URL, fmt.Sprintf("/tops/%d/notizen", it.ID), pn)
	if after, _ := st.ProtocolNotes(ctx, it.ID); len(after) != len(notes)+1 {
		t.Errorf("%d protocol notes from one form, want 1", len(after)-len(notes))
	}
	remarks, _ := st.Remarks(ctx, it.ID)
	vm := postedForm(page, fmt.Sprintf("/tops/%d/vermerke", it.ID))
	vm.Set("text", "Die Sitzung wird für zehn Minuten unterbrochen.")
	sendTwice(t, gs, ts.URL, fmt.Sprintf("/tops/%d/vermerke", it.ID), vm)
	if after, _ := st.Remarks(ctx, it.ID); len(after) != len(remarks)+1 {
		t.Errorf("%d remarks from one form, want 1", len(after)-len(remarks))
	}
	// A decision proposal sent twice was two proposals: two votes to
	// hold, and a second adoption with its own number.
	drafts := func() int {
		ds, _ := st.Decisions(ctx, store.DecisionFilter{ItemID: it.ID, Status: model.DecisionDraft})
		return len(ds)
	}
	proposals := drafts()
	bv := postedForm(page, fmt.Sprintf("/tops/%d/beschluesse", it.ID))
	bv.Set("antrag", "Bund")
	bv.Set("punkte", "Der IT-Planungsrat nimmt den Bericht zur Haushaltslage zur Kenntnis.")
	where = sendTwice(t, gs, ts.URL, fmt.Sprintf("/tops/%d/beschluesse", it.ID), bv)
	if n := drafts() - proposals; n != 1 {
		t.Errorf("%d decision proposals from one form, want 1", n)
	}
	sentAgainSaid(t, gs, ts.URL, where[1])
}
