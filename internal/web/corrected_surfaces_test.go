package web

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestCorrectedDecisionOnEverySurface: a correction (Berichtigung) of a
// decision showed only on the decision's page. The register list, the
// start page, the Atom feed (text and updated), the JSON API (list and
// decision), OParl (the Paper's name, the AgendaItem's resolutionText) and
// the search kept the text as adopted, so an open-data client or a feed reader never
// learnt of the correction. Every surface now shows the text as last
// corrected — through the publication gate, so a marked passage of the
// correction stays hidden — and the JSON API names the corrections and
// the text as adopted, as the page does.
func TestCorrectedDecisionOnEverySurface(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	ctx := context.Background()
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := st.DecisionByNumber(ctx, council.ID, model.DecisionNumber{Year: 2025, Seq: 30})
	if err != nil {
		t.Fatal(err)
	}
	adoptedTitle := dec.Title
	const title, point, secret = "Kooperation mit der Initiative D21 berichtigt", "Der Berichtigte Beschlusspunkt gilt", "Geheimzusatz"
	gs := client(t, ts, "geschaeftsstelle")
	if code, body := postCorrection(t, gs, ts, st, dec.ID, url.Values{
		"titel": {title}, "punkte": {"1. " + point + " [[" + secret + "]].\n2. Zweiter Punkt."}, "anlass": {"Schreibfehler"}}); code != 303 {
		t.Fatalf("correction: %d %.300s", code, body)
	}

	for _, p := range []string{"/beschluesse", "/beschluesse?jahr=2025", "/"} {
		_, body := get(t, ts, p)
		if !strings.Contains(body, title) || strings.Contains(body, adoptedTitle) {
			t.Errorf("%s: the register shows %q, want the corrected title %q", p, adoptedTitle, title)
		}
	}

	_, body := get(t, ts, "/beschluesse.atom")
	var feed struct {
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(body), &feed); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range feed.Entries {
		if !strings.HasSuffix(e.ID, "/beschluesse/B-2025/30-IT") {
			if !strings.HasSuffix(e.Updated, "+02:00") && !strings.HasSuffix(e.Updated, "+01:00") {
				t.Errorf("feed entry %s: updated %s is not in German time", e.ID, e.Updated)
			}
			continue
		}
		found = true
		updated, err := time.Parse(time.RFC3339, e.Updated)
		if err != nil || !strings.Contains(e.Title, title) || !strings.Contains(e.Summary, point) || time.Since(updated) > time.Hour {
			t.Errorf("feed entry after the correction: title %q, updated %s, summary %.120q", e.Title, e.Updated, e.Summary)
		}
	}
	if !found {
		t.Error("the corrected decision is missing from the feed")
	}

	_, body = get(t, ts, "/api/v1/beschluesse?jahr=2025")
	var list []struct {
		Number string        `json:"nummer"`
		Title  string        `json:"titel"`
		Points []model.Point `json:"punkte"`
	}
	if err := json.Unmarshal([]byte(body), &list); err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		if d.Number == "B-2025/30-IT" && (d.Title != title || len(d.Points) != 2 || !strings.Contains(d.Points[0].Text, point)) {
			t.Errorf("API list: %+v, want the corrected text", d)
		}
	}
	_, body = get(t, ts, "/api/v1/beschluesse/2025/30")
	var one struct {
		Title       string        `json:"titel"`
		Points      []model.Point `json:"punkte"`
		Corrections []struct {
			Version int    `json:"fassung"`
			At      string `json:"am"`
			Reason  string `json:"anlass"`
		} `json:"berichtigungen"`
		Adopted *struct {
			Title string `json:"titel"`
		} `json:"beschlosseneFassung"`
	}
	if err := json.Unmarshal([]byte(body), &one); err != nil {
		t.Fatal(err)
	}
	if one.Title != title || len(one.Points) != 2 || len(one.Corrections) != 1 || one.Corrections[0].Reason != "Schreibfehler" ||
		one.Corrections[0].Version != 1 || one.Adopted == nil || one.Adopted.Title != adoptedTitle {
		t.Errorf("API decision after the correction: %.600s", body)
	}
	if len(one.Corrections) == 0 {
		return
	}
	if at, err := time.Parse(time.RFC3339, one.Corrections[0].At); err != nil || (!strings.HasSuffix(one.Corrections[0].At, "+01:00") && !strings.HasSuffix(one.Corrections[0].At, "+02:00")) || time.Since(at) > time.Hour {
		t.Errorf("API correction time %q: want German time of the correction", one.Corrections[0].At)
	}

	// OParl: the Paper is named by the corrected title; the AgendaItem
	// that embeds the decision gives the corrected text.
	paper := oparlObjectWithWeb(t, ts.URL, "/oparl/v1/body/1/paper", "/beschluesse/B-2025/30-IT")
	if paper["name"] != title {
		t.Errorf("OParl Paper name %q, want %q", paper["name"], title)
	}
	item := oparlObjectWithWeb(t, ts.URL, "/oparl/v1/body/1/agendaItem", "/sitzungen/47#"+anchorFor(t, st, dec.ItemID))
	if text, _ := item["resolutionText"].(string); !strings.Contains(text, point) {
		t.Errorf("OParl AgendaItem resolutionText %q, want the corrected text", text)
	}

	// The search finds the decision by its corrected text.
	if _, body := get(t, ts, "/suche?q=Berichtigte+Beschlusspunkt"); !strings.Contains(body, "B-2025/30-IT") {
		t.Errorf("the search does not find the decision by its corrected text: %.300s", body)
	}

	// The marked passage of the correction is public nowhere.
	if _, body := get(t, ts, "/suche?q="+secret); !strings.Contains(body, "Keine Treffer") {
		t.Errorf("the search finds the marked passage of the correction: %.300s", body)
	}
	for _, p := range []string{"/beschluesse", "/", "/beschluesse.atom", "/api/v1/beschluesse", "/api/v1/beschluesse/2025/30", "/beschluesse/B-2025/30-IT"} {
		if _, body := get(t, ts, p); strings.Contains(body, secret) {
			t.Errorf("%s shows the marked passage of the correction", p)
		}
	}
	for _, o := range []map[string]any{paper, item} {
		if b, _ := json.Marshal(o); strings.Contains(string(b), secret) {
			t.Errorf("OParl shows the marked passage of the correction: %s", b)
		}
	}
	// The minutes and the session page record the decision as adopted and
	// say that it was corrected, with a link to its current text (before,
	// a reader of the minutes could not tell).
	se, err := st.Session(ctx, dec.SessionID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{se.Path() + "/protokoll", se.Path()} {
		_, body := get(t, ts, p)
		if !strings.Contains(body, "Berichtigt am ") || !strings.Contains(body, "geltende Fassung") || !strings.Contains(body, `href="/beschluesse/B-2025/30-IT"`) {
			t.Errorf("%s does not say that B-2025/30-IT was corrected", p)
		}
	}
	_, pdf := get(t, ts, se.Path()+"/protokoll.pdf")
	if text := pdftest.Words(t, []byte(pdf)); !strings.Contains(text, "Berichtigt am ") {
		t.Errorf("the minutes PDF does not say that B-2025/30-IT was corrected:\n%s", text)
	}
}

// oparlObjectWithWeb walks an OParl list to its end and gives the object
// whose web address ends with web.
func oparlObjectWithWeb(t *testing.T, base, list, web string) map[string]any {
	t.Helper()
	for path := list; path != ""; {
		_, body := getPlain(t, base, path)
		var page struct {
			Data  []map[string]any `json:"data"`
			Links struct {
				Next string `json:"next"`
			} `json:"links"`
		}
		if err := json.Unmarshal([]byte(body), &page); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, o := range page.Data {
			if w, _ := o["web"].(string); strings.HasSuffix(w, web) {
				return o
			}
		}
		path = ""
		if page.Links.Next != "" {
			next, err := url.Parse(page.Links.Next)
			if err != nil {
				t.Fatal(err)
			}
			path = next.RequestURI() // ids name the public URL, not the test server's
		}
	}
	t.Fatalf("no object in %s with web %s", list, web)
	return nil
}

// TestMinutesLinkNamesItsVersion: the decision page's link to the minutes
// names the version the reader will see — a member office reads the
// internal one (before, the link said "öffentliche Fassung" and led to
// "Interne Fassung – vertraulich") — and the minutes' free-text rows have
// a row header that says what they are (before: empty headers).
func TestMinutesLinkNamesItsVersion(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	_, public := get(t, ts, "/beschluesse/B-2025/27-IT")
	_, member := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/beschluesse/B-2025/27-IT", nil)
	if !strings.Contains(public, `/protokoll">öffentliche Fassung</a>`) || !strings.Contains(member, `/protokoll">interne Fassung</a>`) {
		t.Error("the decision page's link to the minutes does not name the version its reader sees")
	}
	_, minutes := get(t, ts, "/sitzungen/47/protokoll")
	if strings.Contains(minutes, `<th scope="row"></th>`) {
		t.Error("the minutes have empty row headers")
	}
}
