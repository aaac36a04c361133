package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// TestRequestConfidentialPassagesOnOParlAndMinutesPDF: the confidential
// passages of a FachMK's request ([[…]]) stay off the public agenda, its
// JSON and the search (TestRequestConfidentialPassagesStayOffThePublicAgenda);
// they stay off the neighbour surfaces of the item made of it as well —
// its OParl AgendaItem, the Paper and Consultation of the decision taken
// on it (named after the item: title and its one point), and the public
// minutes PDF of the session (and its page and text beside it) — while
// the public part of the title and the text stands there. The
// secretariat's PDF shows the passage, so it is on record.
func TestRequestConfidentialPassagesOnOParlAndMinutesPDF(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	q := submittedRequest(t, ts, st, "Grundsteuer [[Sachsen]]", "Bitte um Befassung, [[Land X blockiert]] den Zeitplan")
	s48, _ := planSession48(t, ts, st)
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/anliegen/%d/top", ts.URL, q.ID), url.Values{"sitzung": {"48"}, "abschnitt": {"0"}, "version": {fmt.Sprint(q.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("register: %d %.300s", code, body)
	}
	q, _ = st.Request(ctx, q.ID)
	it, _ := st.Item(ctx, q.ItemID)
	it.Status = model.ItemAccepted
	if err := st.UpdateItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	s48, _ = st.Session(ctx, s48.ID)
	s48.AgendaPublished = true
	if err := st.UpdateSession(ctx, s48); err != nil {
		t.Fatal(err)
	}
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, _ := st.Session(ctx, s48.ID)
		if err := st.SetSessionStatus(ctx, s48.ID, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	presentExcept(t, st, s48.ID)
	// A proposal without a title is named after its item (minutes.
	// DecisionTitle: the title and its one point, marks and all).
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/beschluesse", ts.URL, it.ID), url.Values{"punkte": {"Der IT-Planungsrat bittet die FITKO um einen Bericht."}, "antrag": {"Bund"}}); code != http.StatusSeeOther {
		t.Fatalf("proposal: %d %.300s", code, body)
	}
	ds, _ := st.ItemDecisions(ctx, it.ID)
	if len(ds) != 1 || !strings.Contains(ds[0].Title, "Land X blockiert") {
		t.Fatalf("the proposal on the item: %+v", ds)
	}
	adoptUnanimously(t, st, s48.ID, ds[0].ID)
	d, _ := st.Decision(ctx, ds[0].ID)
	if d.Label == "" {
		t.Fatalf("not adopted: %+v", d)
	}
	se, _ := st.Session(ctx, s48.ID)
	if err := st.SetSessionStatus(ctx, s48.ID, se.Version, model.StatusEnded); err != nil {
		t.Fatal(err)
	}

	secrets := []string{"Sachsen", "Land X", "blockiert", "[[", "]]", "⟦", "⟧"}
	leaks := func(where, text string, public ...string) {
		t.Helper()
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s shows %q of the confidential passages:\n%s", where, s, text)
			}
		}
		for _, p := range public {
			if !strings.Contains(text, p) {
				t.Errorf("%s lacks the public %q:\n%s", where, p, text)
			}
		}
	}
	// OParl: the AgendaItem, the Paper and its Consultation (embedded in
	// the Paper and on its own).
	item := oparlObjectWithWeb(t, ts.URL, "/oparl/v1/body/1/agendaItem", "/sitzungen/48#"+anchorFor(t, st, it.ID))
	b, _ := json.Marshal(item)
	leaks("the OParl AgendaItem", string(b), "Grundsteuer", "Der IT-Planungsrat bittet die FITKO um einen Bericht.")
	paper := oparlObjectWithWeb(t, ts.URL, "/oparl/v1/body/1/paper", "/beschluesse/"+d.Label)
	b, _ = json.Marshal(paper)
	leaks("the OParl Paper", string(b), "Grundsteuer", "den Zeitplan")
	cons, _ := paper["consultation"].([]any)
	if len(cons) != 1 {
		t.Fatalf("the Paper's consultation: %v", paper["consultation"])
	}
	consID, _ := cons[0].(map[string]any)["id"].(string)
	u, err := url.Parse(consID)
	if err != nil || consID == "" {
		t.Fatalf("the consultation's id %q: %v", consID, err)
	}
	res, body := getPlain(t, ts.URL, u.RequestURI())
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d", u.RequestURI(), res.StatusCode)
	}
	leaks("the OParl Consultation", body, "Beschlussfassung")

	// The minutes PDF of the session: the public's without the passages,
	// the secretariat's with them.
	pdfText := func(c *http.Client) string {
		t.Helper()
		code, pdf := do(t, c, "GET", ts.URL+"/sitzungen/48/protokoll.pdf", nil)
		if code != http.StatusOK {
			t.Fatalf("minutes PDF: %d", code)
		}
		return pdftest.Words(t, []byte(pdf))
	}
	leaks("the public minutes PDF", pdfText(client(t, ts, "")), "Grundsteuer", "Bitte um Befassung,", "den Zeitplan", "Der IT-Planungsrat bittet die FITKO um einen Bericht.", d.Label)
	// And the minutes' other public forms beside the PDF.
	for _, p := range []string{"/sitzungen/48/protokoll", "/sitzungen/48/protokoll.txt"} {
		code, body := do(t, client(t, ts, ""), "GET", ts.URL+p, nil)
		if code != http.StatusOK {
			t.Fatalf("public %s: %d", p, code)
		}
		leaks("public "+p, body, "Grundsteuer", "den Zeitplan")
	}
	if text := pdfText(gs); !strings.Contains(text, "Land X blockiert") || !strings.Contains(text, "Sachsen") {
		t.Errorf("the secretariat's minutes PDF lacks the marked passages:\n%s", text)
	}
}

// submittedRequest submits a request (Anliegen) as the FMK's account with
// the title and text, and gives it as stored: found among the FMK's
// requests by the title's first word.
func submittedRequest(t *testing.T, ts *httptest.Server, st *store.Store, title, text string) model.Request {
	t.Helper()
	if code, body := do(t, client(t, ts, "fmk"), "POST", ts.URL+"/anliegen", url.Values{"titel": {title}, "text": {text}}); code != http.StatusSeeOther {
		t.Fatalf("submit: %d %.300s", code, body)
	}
	ctx := context.Background()
	fmkBody, _ := st.BodyByAbbrev(ctx, "FMK")
	qs, _ := st.Requests(ctx, fmkBody.ID)
	var q model.Request
	for _, x := range qs {
		if strings.HasPrefix(x.Title, strings.Fields(title)[0]) {
			q = x
		}
	}
	if q.ID == 0 {
		t.Fatal("the request is not stored")
	}
	return q
}
