package web

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// runSession48 plans the 48th session (with its standard item "Bestätigung
// des Protokolls der 47. Sitzung"), convenes and opens it.
func runSession48(t *testing.T, ts *httptest.Server, st *store.Store) model.Session {
	t.Helper()
	s48, _ := planSession48(t, ts, st)
	publishAgendaForTest(t, st, s48.ID)
	gs := client(t, ts, "geschaeftsstelle")
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, _ := st.Session(context.Background(), s48.ID)
		if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", url.Values{"version": {strconv.Itoa(se.Version)}, "naechster": {string(next)}}); code != http.StatusSeeOther {
			t.Fatalf("48 → %s: %d %s", next, code, body)
		}
	}
	se, _ := st.Session(context.Background(), s48.ID)
	return se
}

// approved47 runs the 48th session, approves the 47th's minutes in it and
// gives the 47th session and a contribution of it that is not
// confidential, to be corrected.
func approved47(t *testing.T, ts *httptest.Server, st *store.Store) (model.Session, model.Contribution) {
	t.Helper()
	ctx := context.Background()
	s48 := runSession48(t, ts, st)
	presentExcept(t, st, s48.ID) // the approval needs the quorum
	gs := client(t, ts, "geschaeftsstelle")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", approvalForm(t, gs, ts.URL+"/sitzungen/48/verwaltung", 47)); code != http.StatusSeeOther {
		t.Fatalf("approve 47: %d %s", code, body)
	}
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	var c model.Contribution
	for _, it := range items {
		if cs, _ := st.Contributions(ctx, it.ID); len(cs) > 0 && !cs[0].Confidential && c.ID == 0 {
			c = cs[0]
		}
	}
	if c.ID == 0 {
		t.Fatal("no contribution in the 47th session")
	}
	return s47, c
}

// TestApprovedMinutesReadOnlyAndCorrected: after approval the live page
// of the 47th session had every edit form, and its autosave answered with
// a whole error page; a correction meant pasting the full minutes as text.
// Now the page is read-only with a banner, an autosave gets a short
// message, and a correction is one row with its reason, approved in the
// next running session, shown with its diff and kept as a new version.
func TestApprovedMinutesReadOnlyAndCorrected(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s47, c := approved47(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	if s47.Status != model.StatusMinutesApproved {
		t.Fatalf("47: %s", s47.Status)
	}

	// The live page is read-only.
	code, live := do(t, gs, "GET", ts.URL+"/sitzungen/47/live", nil)
	if code != http.StatusOK || !strings.Contains(live, "wurde in der 48. Sitzung am") || strings.Contains(live, "<textarea") || strings.Contains(live, "hx-post") {
		t.Fatalf("live page of approved minutes: %d, banner %v, textarea %v", code, strings.Contains(live, "wurde in der 48. Sitzung am"), strings.Contains(live, "<textarea"))
	}
	if p := wellFormedProblems(live); p != nil {
		t.Fatalf("read-only page: %v", p)
	}
	if _, att := do(t, gs, "GET", ts.URL+"/sitzungen/47/anwesenheit", nil); strings.Contains(att, "<form method=\"post\" action=\"/sitzungen/47/anwesenheit\"") || !strings.Contains(att, "ist genehmigt") {
		t.Error("the attendance of approved minutes is still a form")
	}
	if !strings.Contains(live, fmt.Sprintf("/sitzungen/47/berichtigen?art=ON&amp;zeile=%d", c.ID)) {
		t.Fatal("no correction link at the row")
	}

	// An autosave from a page opened before the approval: a short message,
	// never a page.
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/beitraege/%d", ts.URL, c.ID), strings.NewReader(url.Values{"version": {strconv.Itoa(c.Version)}, "punkte": {"neu"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	res, err := gs.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	buf := new(strings.Builder)
	buf.Write(raw)
	if res.StatusCode == http.StatusOK || strings.Contains(buf.String(), "<html") || strings.Contains(buf.String(), "<main") || !strings.Contains(buf.String(), "genehmigt") {
		t.Fatalf("autosave on approved minutes: %d %s", res.StatusCode, buf.String())
	}
	// And a plain add form is refused with the reason (no 409 page that
	// htmx would paste).
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/beitraege", ts.URL, c.ItemID), url.Values{"sprecher": {"HE"}, "punkte": {"x"}}); code != http.StatusUnprocessableEntity {
		t.Fatalf("add to approved minutes: %d", code)
	}

	// The correction form shows the row's text; a correction without a
	// reason is refused and keeps the typed text.
	code, form := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/47/berichtigen?art=ON&zeile=%d", ts.URL, c.ID), nil)
	if code != http.StatusOK || !strings.Contains(form, strings.Split(c.Points[0], "⟦")[0][:10]) {
		t.Fatalf("correction form: %d", code)
	}
	corrected := "Der Bund berichtet ausführlich über den Stand. [[Vertraulicher Zusatz]]"
	post := url.Values{"art": {"ON"}, "zeile": {strconv.FormatInt(c.ID, 10)}, "text": {corrected}}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/47/berichtigungen", post); code != http.StatusUnprocessableEntity || !strings.Contains(body, "ausführlich") {
		t.Fatalf("correction without reason: %d", code)
	}
	// The reason is public with the approved correction; its [[…]] are
	// confidential like the text's (before, they reached the public
	// minutes verbatim).
	post.Set("grund", "Der Beitrag war unvollständig wiedergegeben [[laut Büro BY]].")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/47/berichtigungen", post); code != http.StatusSeeOther {
		t.Fatalf("propose correction: %d %s", code, body)
	}
	// Proposed: internal history with the diff; the public sees nothing yet.
	if _, live := do(t, gs, "GET", ts.URL+"/sitzungen/47/live", nil); !strings.Contains(live, "<ins>") || !strings.Contains(live, "zur Genehmigung vorgeschlagen") {
		t.Error("the proposed correction is not shown with its diff")
	}
	pub := client(t, ts, "")
	if _, body := do(t, pub, "GET", ts.URL+"/sitzungen/47/protokoll", nil); strings.Contains(body, "unvollständig wiedergegeben") {
		t.Error("the public sees a proposed correction")
	}
	// Approved in the running 48th session.
	if _, m47 := do(t, gs, "GET", ts.URL+"/sitzungen/47/verwaltung", nil); !strings.Contains(m47, "Protokoll: <strong>genehmigt") {
		t.Error("the management page does not name the minutes' stage")
	} else if strings.Contains(m47, "<textarea") || strings.Contains(m47, `action="/tops/`) || strings.Contains(m47, `/dokumente"`) || wellFormedProblems(m47) != nil {
		t.Errorf("the management page of approved minutes still has edit forms: %v", wellFormedProblems(m47))
	}
	_, manage := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	list, _ := st.MinutesCorrections(ctx, s47.ID)
	if len(list) != 1 || !strings.Contains(manage, fmt.Sprintf("/protokollberichtigungen/%d/genehmigen", list[0].ID)) {
		t.Fatalf("the running session does not offer the correction for approval: %+v", list)
	}
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/protokollberichtigungen/%d/genehmigen", ts.URL, list[0].ID), correctionApprovalForm(t, gs, "", manage, list[0].ID)); code != http.StatusSeeOther {
		t.Fatalf("approve correction: %d %s", code, body)
	}
	versions, _ := st.MinutesVersions(ctx, s47.ID)
	if len(versions) != 2 || !strings.Contains(versions[1].Text, "ausführlich") || strings.Contains(versions[0].Text, "ausführlich") {
		t.Fatalf("versions after the correction: %d", len(versions))
	}
	// Public: corrected text and diff, the confidential addition redacted.
	_, body := do(t, pub, "GET", ts.URL+"/sitzungen/47/protokoll", nil)
	if !strings.Contains(body, "unvollständig wiedergegeben") || !strings.Contains(body, "<ins>") || !strings.Contains(body, "Fassung 2") {
		t.Error("the public minutes do not show the approved correction with its diff")
	}
	if strings.Contains(body, "laut Büro BY") || strings.Contains(body, "[[") {
		t.Error("the public minutes show the confidential part of the correction's reason")
	}
	if strings.Contains(body, "Vertraulicher Zusatz") {
		t.Fatal("the confidential passage of the correction reached the public page")
	}
	// The PDF, the document that is passed around, says so too: the
	// correction with its stage and reason, and its footer the version
	// (before, it printed the corrected text without a word).
	for reader, c := range map[string]*http.Client{"public": pub, "internal": gs} {
		_, raw := do(t, c, "GET", ts.URL+"/sitzungen/47/protokoll.pdf", nil)
		text := pdftest.Words(t, []byte(raw))
		pdftest.Check(t, []byte(raw))
		if u := pdftest.Unmarked(t, []byte(raw)); len(u) > 0 {
			t.Errorf("the %s minutes PDF paints outside its tags: %v", reader, u)
		}
		for _, want := range []string{"Berichtigungen", "genehmigt in der 48. Sitzung", "(Fassung 2)", "unvollständig wiedergegeben", "berichtigt (Fassung 2)"} {
			if !strings.Contains(text, want) {
				t.Errorf("the %s minutes PDF lacks %q", reader, want)
			}
		}
		if reader == "public" && (strings.Contains(text, "laut Büro BY") || strings.Contains(text, "Vertraulicher Zusatz")) {
			t.Error("the public PDF shows the confidential part of the correction")
		}
	}
	// A correction needs a running later session.
	if _, err := st.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: c.ID, After: "noch einmal", Reason: "x"}); err != nil {
		t.Fatal(err)
	}
	list, _ = st.MinutesCorrections(ctx, s47.ID)
	if _, err := st.ApproveMinutesCorrection(ctx, list[1].ID, 47, "text", minutesStamp(t, st, s47.ID)); model.ClassOf(err) != model.ErrRule {
		t.Fatalf("approval by the corrected session itself: %v", err)
	}
}

// TestCorrectionGivesEveryReasonAtItsField: the correction form of
// approved minutes said one reason at a time and at no field: a
// correction without reason whose text was also unchanged named only the
// missing reason; sent again with a reason, it named the text. Both now
// stand at their fields at once.
func TestCorrectionGivesEveryReasonAtItsField(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s47, c := approved47(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	// The text as the form offers it, sent back unchanged.
	_, form := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/47/berichtigen?art=ON&zeile=%d", ts.URL, c.ID), nil)
	area := between(form, `<textarea id="ber-text"`, "</textarea>")
	text := html.UnescapeString(area[strings.Index(area, ">")+1:])
	if text == "" {
		t.Fatal("the form offers no text")
	}
	post := url.Values{"art": {"ON"}, "zeile": {strconv.FormatInt(c.ID, 10)}, "text": {text}, "grund": {" "}}
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/47/berichtigungen", post)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("%d", code)
	}
	reasonsAtFields(t, page, `<div class="error-box" role="alert">`, map[string]string{
		"ber-grund": "Eine Berichtigung braucht einen Grund.",
		"ber-text":  "Der berichtigte Text ist derselbe wie bisher",
	})
	if list, _ := st.MinutesCorrections(ctx, s47.ID); len(list) != 0 {
		t.Errorf("a refused correction was stored: %+v", list)
	}
}
