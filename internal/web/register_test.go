package web

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// addContinuation records session 48 with an item that builds on
// B-2025/26-IT (reported by HB, affecting the FMK) and its adopted decision
// B-2025/40-IT, which has an internal remark in its title and an open order;
// plus a draft that must never be public.
func addContinuation(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	itplr, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	fmk, err := st.BodyByAbbrev(ctx, "FMK")
	if err != nil {
		t.Fatal(err)
	}
	all, err := st.Sections(ctx, itplr.ID)
	sections := model.Topics(all)
	if err != nil || len(sections) == 0 {
		t.Fatalf("sections: %v", err)
	}
	seID, err := st.CreateSession(ctx, model.Session{BodyID: itplr.ID, Number: 48, Date: model.NewDate(2025, 10, 23), Status: model.StatusEnded})
	if err != nil {
		t.Fatal(err)
	}
	itemID, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: seID, SectionID: sections[0].ID, Number: "03", Title: "NOOTS – Fortschreibung",
		Sources: []string{"B-2025/26-IT"}, Reporters: []string{"HB"}, Impact: model.Impact{Stated: true, ConferenceIDs: []int64{fmk.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	decID, err := st.CreateDecision(ctx, model.Decision{BodyID: itplr.ID, SessionID: seID, ItemID: itemID, Kind: model.KindDecision,
		Number: model.DecisionNumber{Year: 2025, Seq: 40}, Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "einstimmig",
		AdoptedOn: model.NewDate(2025, 10, 23), Title: "Fortschreibung NOOTS ⟦Streitpunkt Finanzierung⟧",
		Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat schreibt die Steuerung fort. ⟦Vertraulich: Kostenrahmen 4 Mio.⟧"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{DecisionID: decID, ItemID: itemID, Text: "Bericht zur 50. Sitzung", Responsible: "FITKO", Status: model.FollowUpOpen}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateDecision(ctx, model.Decision{BodyID: itplr.ID, SessionID: seID, ItemID: itemID, Kind: model.KindDecision,
		Status: model.DecisionDraft, Applicants: []string{"Bund"}, Scope: model.ScopeAll, Title: "Geheimer Beschlussvorschlag"}); err != nil {
		t.Fatal(err)
	}
}

func TestRegisterFiltersAndGraph(t *testing.T) {
	ts, st := cycleServer(t)
	addContinuation(t, st)

	_, body := get(t, ts, "/beschluesse/B-2025/26-IT")
	if !strings.Contains(body, "Wird fortgeführt durch") || !strings.Contains(body, `href="/beschluesse/B-2025/40-IT"`) {
		t.Errorf("decision 26 lacks its continuation:\n%s", body)
	}
	_, body = get(t, ts, "/beschluesse/B-2025/40-IT")
	if !strings.Contains(body, "Baut auf") || !strings.Contains(body, `href="/beschluesse/B-2025/26-IT"`) || !strings.Contains(body, "/sitzungen/48/protokoll") {
		t.Errorf("decision 40 lacks its source or minutes link:\n%s", body)
	}

	cases := []struct {
		query      string
		want, lack []string
	}{
		{"", []string{">B-2025/40-IT<", ">B-2025/26-IT<", ">B-2025/27-IT<", ">B-2024/48-IT<", "7 Beschlüsse"}, nil},
		{"?jahr=2025", []string{"B-2025/40-IT", "B-2025/26-IT"}, nil},
		{"?jahr=2024", []string{"B-2024/48-IT", "1 Beschluss"}, []string{"B-2025/26-IT"}},
		{"?jahr=2023", []string{"Keine Beschlüsse für diese Auswahl"}, []string{"B-2025/26-IT"}},
		{"?be=HB", []string{">B-2025/40-IT<"}, []string{"B-2025/27-IT"}},
		{"?be=HE", []string{">B-2025/27-IT<"}, []string{"B-2025/40-IT"}},
		{"?fachmk=FMK", []string{"B-2025/40-IT", "B-2025/27-IT"}, []string{"B-2025/26-IT", "B-2025/30-IT"}}, // 27: the demo states the FMK affected (demo/briefings.go)
		{"?fachmk=GIBTESNICHT", []string{"Keine Fachministerkonferenz „GIBTESNICHT“.", "Gezeigt wird das ganze Register", ">B-2025/40-IT<"}, nil},
		{"?umsetzung=offen", []string{"B-2025/40-IT"}, []string{"B-2025/26-IT"}},
		// The IT-PLR's Empfehlungen are Empfehlungen, not the AL-Runde's
		// Beschlussempfehlungen (the filter offered "Beschlussempfehlung"
		// and counted what it found as "Beschlüsse").
		{"?art=empfehlung", []string{`selected>Empfehlung</option>`, "Keine Empfehlungen für diese Auswahl erfasst."}, []string{"B-2025/40-IT"}},
		// How each was taken: the Grüne Liste of the 46th and 47th
		// sessions, the others after discussion; none in written procedure.
		{"?verfahren=gruene-liste", []string{">B-2025/26-IT<", ">B-2025/27-IT<", ">B-2025/30-IT<", ">B-2025/19-IT<", "4 Beschlüsse"}, []string{"B-2025/40-IT", "B-2024/48-IT"}},
		{"?verfahren=aussprache", []string{">B-2025/40-IT<", ">B-2024/48-IT<", ">B-2025/13-IT<", "3 Beschlüsse"}, []string{"B-2025/26-IT"}},
		{"?verfahren=umlaufverfahren", []string{"Keine Beschlüsse für diese Auswahl"}, []string{"B-2025/26-IT"}},
	}
	for _, c := range cases {
		res, body := get(t, ts, "/beschluesse"+c.query)
		// A FachMK that does not exist: the list without it, with the
		// form and the reason, as a bad request (as its feed and the
		// API), so that made-up values are never kept as rendered pages.
		want := http.StatusOK
		if strings.Contains(c.query, "GIBTESNICHT") {
			want = http.StatusBadRequest
		}
		if res.StatusCode != want {
			t.Errorf("%s: status %d, want %d", c.query, res.StatusCode, want)
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("/beschluesse%s lacks %q", c.query, w)
			}
		}
		for _, l := range c.lack {
			if strings.Contains(body, ">"+l+"<") {
				t.Errorf("/beschluesse%s must not list %q", c.query, l)
			}
		}
	}
	sections, _ := st.Sections(context.Background(), mustBody(t, st).ID)
	topics := model.Topics(sections)
	_, body = get(t, ts, "/beschluesse?thema="+strconv.FormatInt(topics[0].ID, 10))
	if !strings.Contains(body, ">B-2025/40-IT<") {
		t.Errorf("section filter lacks B-2025/40-IT")
	}
	// The topic filter offers the topics (Schwerpunktthemen) and
	// "Übergreifendes", not the steps of a session: "Begrüßung" and
	// "Grüne Liste" were offered before. Asked for in the address, such a
	// section is refused at the topic (400), in the register and in its
	// feed, which show the register with the reason and the form.
	form := between(body, `<select id="f-thema"`, "</select>")
	for _, c := range sections {
		if got, want := strings.Contains(form, ">"+c.Name+"<"), c.Name != "Begrüßung" && c.Name != "Grüne Liste"; got != want {
			t.Errorf("topic filter offers %q: %v, want %v:\n%s", c.Name, got, want, form)
		}
		if c.Topic() {
			continue
		}
		thema := "?thema=" + strconv.FormatInt(c.ID, 10)
		if res, body := get(t, ts, "/beschluesse"+thema); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Kein Schwerpunktthema Nr.") || !strings.Contains(body, `href="#f-thema"`) {
			t.Errorf("/beschluesse%s: %d, want the register with the reason at the topic as a bad request", thema, res.StatusCode)
		}
		if res, feed := get(t, ts, "/beschluesse.atom"+thema); res.StatusCode != http.StatusBadRequest || strings.Contains(feed, "<entry>") {
			t.Errorf("/beschluesse.atom%s: %d, want a bad request without entries", thema, res.StatusCode)
		}
	}
	// A filter in the address that cannot be applied: the register with
	// its filter form and the reason (before: an error page without the
	// form, a dead end for a visitor who typed the address).
	for _, bad := range []string{"?jahr=zwanzig", "?art=gesetz", "?umsetzung=bald", "?seite=0", "?thema=x", "?verfahren=los"} {
		res, body := get(t, ts, "/beschluesse"+bad)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("/beschluesse%s: status %d, want 400", bad, res.StatusCode)
		}
		if !strings.Contains(body, `aria-label="Beschlüsse filtern"`) || !strings.Contains(body, "ließ sich nicht anwenden") || !strings.Contains(body, ">B-2025/40-IT<") {
			t.Errorf("/beschluesse%s: no register with its filter form and the reason", bad)
		}
	}
	// The same for the session list's year and position.
	for _, bad := range []string{"?jahr=zwanzig", "?vor=x"} {
		res, body := get(t, ts, "/sitzungen"+bad)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "ließ sich nicht anwenden") || !strings.Contains(body, `aria-label="Sitzungen nach Jahr"`) {
			t.Errorf("/sitzungen%s: %d, no list with its years and the reason", bad, res.StatusCode)
		}
	}
}

func TestRegisterFeedAndNoLeak(t *testing.T) {
	ts, st := cycleServer(t)
	addContinuation(t, st)
	res, feed := get(t, ts, "/beschluesse.atom")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	var parsed struct {
		Entries []struct {
			Title string `xml:"title"`
			ID    string `xml:"id"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(feed), &parsed); err != nil {
		t.Fatalf("feed is not XML: %v", err)
	}
	if len(parsed.Entries) != 7 || !strings.HasSuffix(parsed.Entries[0].ID, "/beschluesse/B-2025/40-IT") {
		t.Errorf("feed entries: %+v", parsed.Entries)
	}
	_, filtered := get(t, ts, "/beschluesse.atom?be=HB")
	if strings.Contains(filtered, "B-2025/27-IT") || !strings.Contains(filtered, "B-2025/40-IT") {
		t.Errorf("filtered feed:\n%s", filtered)
	}
	_, list := get(t, ts, "/beschluesse")
	_, page := get(t, ts, "/beschluesse/B-2025/40-IT")
	for name, out := range map[string]string{"feed": feed, "list": list, "page": page} {
		for _, secret := range []string{"Streitpunkt", "Kostenrahmen", "Vertraulich", "Geheimer Beschlussvorschlag", "⟦"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s leaks %q", name, secret)
			}
		}
	}
	if !strings.Contains(page, "Fortschreibung NOOTS") || !strings.Contains(page, "schreibt die Steuerung fort") {
		t.Errorf("public text of decision 40 missing")
	}
}

// Public pages and API answers carry validators and answer 304 while
// nothing changed; the validator is the ETag alone (no Last-Modified,
// TestInternalChangeLeavesPublicAnswers).
func TestPublicCaching(t *testing.T) {
	ts, st := cycleServer(t)
	for _, path := range []string{"/beschluesse", "/beschluesse/B-2025/26-IT", "/api/v1/beschluesse", "/oparl/v1/body", "/beschluesse.atom"} {
		res, _ := get(t, ts, path)
		etag := res.Header.Get("ETag")
		if res.StatusCode != 200 || etag == "" || res.Header.Get("Last-Modified") != "" {
			t.Errorf("%s: %d, ETag %q, Last-Modified %q", path, res.StatusCode, etag, res.Header.Get("Last-Modified"))
			continue
		}
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		req.Header.Set("If-None-Match", etag)
		again, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		again.Body.Close()
		if again.StatusCode != http.StatusNotModified {
			t.Errorf("%s with current ETag: %d", path, again.StatusCode)
		}
	}
	res, _ := get(t, ts, "/beschluesse/B-2025/26-IT")
	before := res.Header.Get("ETag")
	addContinuation(t, st)
	res, _ = get(t, ts, "/beschluesse/B-2025/26-IT")
	if res.Header.Get("ETag") == before {
		t.Error("the decision page changed (continuation) but kept its ETag")
	}
}

// FuzzParseRegisterQuery feeds arbitrary query strings to the register's
// filter: an accepted filter has a valid kind, implementation state and a
// page whose offset does not overflow, and reads back unchanged from the
// address it gives for its links; a refused one has a German message.
//
//	go test ./internal/web -run '^$' -fuzz FuzzParseRegisterQuery -fuzztime 20s
func FuzzParseRegisterQuery(f *testing.F) {
	for _, seed := range []string{"", "jahr=2025&fachmk=FMK&be=HE", "thema=3&art=empfehlung&umsetzung=offen&seite=2", "jahr=zwanzig",
		"seite=0", "seite=9223372036854775807", "art=x", "umsetzung=nie", "fachmk=+IMK+&be=%20", "jahr=%2B2025", "thema=-1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := parseRegisterQuery(v)
		if err != nil {
			if msg := model.ReasonOf(err); !strings.HasSuffix(msg, ".") {
				t.Fatalf("parseRegisterQuery(%q): message %q is no sentence", raw, msg)
			}
			return
		}
		if q.Page < 1 || (q.Page-1)*RegisterPerPage < 0 || (q.Page-1)*RegisterPerPage/RegisterPerPage != q.Page-1 {
			t.Fatalf("parseRegisterQuery(%q): page %d gives no valid offset", raw, q.Page)
		}
		switch q.Kind {
		case "", model.KindDecision, model.KindRecommendation:
		default:
			t.Fatalf("parseRegisterQuery(%q): kind %q", raw, q.Kind)
		}
		switch q.FollowUps {
		case "", model.ImplementationOpen, model.ImplementationProgress, model.ImplementationDone:
		default:
			t.Fatalf("parseRegisterQuery(%q): follow-up state %q", raw, q.FollowUps)
		}
		link := q.Query()
		if q.Page > 1 {
			link += "&seite=" + strconv.Itoa(q.Page)
		}
		back, err := url.ParseQuery(link)
		if err != nil {
			t.Fatalf("link %q of %q: %v", link, raw, err)
		}
		again, err := parseRegisterQuery(back)
		if err != nil || again != q {
			t.Fatalf("parseRegisterQuery(%q) = %+v, but its link %q reads as %+v, %v", raw, q, link, again, err)
		}
		if q.Active() != (q.Query() != "") {
			t.Fatalf("Active() disagrees with Query() %q", q.Query())
		}
	})
}

// An internal change — a comment on draft minutes, a new API token —
// leaves every public answer as it was: the same bytes, the same
// validators, no time that moves with it. Before, Last-Modified was the
// time of the newest audit entry, OParl's ETag carried the store's page
// generation and the calendars' DTSTAMP the last change, so a visitor
// could read when (and how often) the secretariat worked on internal
// matters.
func TestInternalChangeLeavesPublicAnswers(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	paths := []string{"/", "/beschluesse", "/beschluesse/B-2025/26-IT", "/api/v1/beschluesse",
		"/oparl/v1/body", "/beschluesse.atom", "/sitzungen.ics", "/fachmk/termine.ics"}
	type answer struct{ etag, modified, body string }
	read := func() map[string]answer {
		out := map[string]answer{}
		for _, p := range paths {
			res, body := get(t, ts, p)
			if res.StatusCode != 200 {
				t.Fatalf("%s: %d", p, res.StatusCode)
			}
			out[p] = answer{res.Header.Get("ETag"), res.Header.Get("Last-Modified"), body}
		}
		return out
	}
	before := read()
	// The audit log's clock has a resolution of a second or finer; wait
	// past it so that a time taken from the change would differ.
	time.Sleep(1100 * time.Millisecond)
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	sessions, err := st.Sessions(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	commented := false
	for _, se := range sessions {
		if _, err := st.CreateComment(ctx, store.Comment{SessionID: se.ID, Author: "geschaeftsstelle", Member: "HE", Text: "Intern: bitte TOP 3 prüfen."}); err == nil {
			commented = true
			break
		}
	}
	u, _, err := st.UserLogin(ctx, "hessen")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateAPIToken(ctx, strings.Repeat("ab", 32), u.ID, "Fachverfahren", time.Now().Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if !commented {
		t.Fatal("no session took a comment on its draft minutes")
	}
	after := read()
	for _, p := range paths {
		if before[p] != after[p] {
			t.Errorf("%s changed with an internal change:\n ETag %q → %q\n Last-Modified %q → %q\n body same: %v",
				p, before[p].etag, after[p].etag, before[p].modified, after[p].modified, before[p].body == after[p].body)
		}
	}
}
