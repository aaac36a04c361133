package web

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// approvalScene is the scene of the tests of the approval of minutes,
// on the live page (TOP 00) and the Verwaltung alike: the 48th session
// running with the 47th session's minutes a draft to approve
// (runSession48), every member present (presentExcept), and the
// Geschäftsstelle's client, which approves.
func approvalScene(t *testing.T) (ts *httptest.Server, st *store.Store, se model.Session, gs *http.Client) {
	t.Helper()
	ts, st = cycleServer(t)
	se = runSession48(t, ts, st)
	presentExcept(t, st, se.ID)
	return ts, st, se, client(t, ts, "geschaeftsstelle")
}

// refuseAdvisoryAgainst sends form, the approval of the 47th session's
// minutes (from the live page or the Verwaltung), with the result typed —
// Hessen abstaining, "mit Änderungen": changes — and the DLT, an
// advisory member, against, and checks what both pages answer: refused
// at the field "gegen" as typed (400, the reason and the value there),
// the 47th minutes still a draft. It gives the form with the result
// typed, the DLT left out, which approves, and the page of the refusal.
func refuseAdvisoryAgainst(t *testing.T, ts *httptest.Server, st *store.Store, se model.Session, gs *http.Client, form url.Values, changes string) (url.Values, string) {
	t.Helper()
	form.Set("ergebnis", "1")
	form.Set("enthaltung", "Hessen")
	form.Set("geaendert", "1")
	form.Set("aenderungen", changes)
	refused := cloneValues(form)
	refused.Set("gegen", "DLT")
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", refused)
	if code != http.StatusBadRequest || !strings.Contains(page, `<p class="field-error" id="genehmigen-47-gegen-fehler">„DLT“ ist im Gremium`) ||
		!strings.Contains(page, `name="gegen" value="DLT"`) {
		t.Errorf("an advisory member against: %d, not refused at the field as typed: %s", code, between(page, `id="genehmigen-47"`, "</form>"))
	}
	if s47, _ := st.SessionByNumber(context.Background(), se.BodyID, 47); s47.Status != model.StatusMinutesDraft {
		t.Fatalf("refused, the 47th minutes are %q", s47.Status)
	}
	return form, page
}

// approvalForm gives the approval form of the minutes of session n as
// the Verwaltung page at manage (a URL) shows it to c: the number, the
// stamp of the minutes shown and the last comment listed.
func approvalForm(t *testing.T, c *http.Client, manage string, n int) url.Values {
	t.Helper()
	code, page := do(t, c, "GET", manage, nil)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d", manage, code)
	}
	return approvalFormOf(t, page, n)
}

// approvalFormOf reads the approval form of the minutes of session n
// from a Verwaltung page.
func approvalFormOf(t *testing.T, page string, n int) url.Values {
	t.Helper()
	block := between(page, `name="protokoll" value="`+strconv.Itoa(n)+`"`, `</form>`)
	if block == "" {
		t.Fatalf("no approval form of the %d. Sitzung on the page", n)
	}
	v := url.Values{"protokoll": {strconv.Itoa(n)}}
	for _, name := range []string{"stand", "kommentar_bis"} {
		// A field the page lacks is not sent, as a browser would not.
		if m := regexp.MustCompile(`name="` + name + `" value="([^"]*)"`).FindStringSubmatch(block); m != nil {
			v.Set(name, html.UnescapeString(m[1]))
		}
	}
	return v
}

// firstContribution gives a contribution of the minutes of session id.
func firstContribution(t *testing.T, st *store.Store, id int64) model.Contribution {
	t.Helper()
	ctx := context.Background()
	items, _ := st.Items(ctx, id)
	for _, it := range items {
		if cs, _ := st.Contributions(ctx, it.ID); len(cs) > 0 {
			return cs[0]
		}
	}
	t.Fatal("no contribution in the minutes")
	return model.Contribution{}
}

// TestApprovalApprovesTheStateShown: the approval read the stamp of the
// minutes when "Protokoll genehmigen" was pressed, not when the
// Verwaltung page was shown, so a row edited in between was approved
// unseen. Now the form carries the stamp of the state shown: the edit
// refuses the approval with a conflict at its button, the minutes stay a
// draft, the page shows the current state (a link to the minutes) with
// its stamp, and that form approves the edited text. A form without the
// stamp approves nothing.
func TestApprovalApprovesTheStateShown(t *testing.T) {
	ts, st, se, gs := approvalScene(t)
	ctx := context.Background()
	s47, _ := st.SessionByNumber(ctx, se.BodyID, 47)
	manage := ts.URL + "/sitzungen/48/verwaltung"
	shown := approvalForm(t, gs, manage, 47)

	row := firstContribution(t, st, s47.ID)
	row.Points = []string{"Nach dem Anzeigen der Seite geändert."}
	if err := st.UpdateContribution(ctx, row); err != nil {
		t.Fatal(err)
	}
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", shown)
	if code != http.StatusConflict || !strings.Contains(page, `id="genehmigen-47-fehler"`) ||
		!strings.Contains(page, "Das Protokoll der 47. Sitzung wurde inzwischen geändert") || !strings.Contains(page, `>Protokoll der 47. Sitzung ansehen</a>`) {
		t.Fatalf("approval of minutes changed after the page was shown: %d %s", code, between(page, `id="h-genehmigung"`, "</section>"))
	}
	if got, _ := st.Session(ctx, s47.ID); got.Status != model.StatusMinutesDraft {
		t.Fatalf("the 47th's minutes are %q", got.Status)
	}
	again := approvalFormOf(t, page, 47)
	if again.Get("stand") == shown.Get("stand") {
		t.Fatal("the page shown again carries the stamp of the state before")
	}

	// A form without the stamp (a page from before) approves nothing.
	if code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", url.Values{"protokoll": {"47"}}); code != http.StatusConflict ||
		!strings.Contains(page, "nennt nicht den Stand") {
		t.Errorf("approval without the stamp: %d %s", code, between(page, `id="h-genehmigung"`, "</section>"))
	}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", again); code != http.StatusSeeOther {
		t.Fatalf("approval of the state shown again: %d %s", code, between(body, "<main", "</main>"))
	}
	vs, _ := st.MinutesVersions(ctx, s47.ID)
	if len(vs) != 1 || !strings.Contains(vs[0].Text, "Nach dem Anzeigen der Seite geändert.") {
		t.Errorf("the approved text lacks the edit: %d versions", len(vs))
	}
}

// TestApprovalListsTheCommentsOnTheDraft: the approval's button stood
// without the members' comments on the draft; the secretariat approved
// without seeing them. Now the comments are listed beside it (count,
// text, a link to them; the button describes itself by them), approval
// is not blocked by them, and a comment made after the page was shown
// refuses the approval, the page shown again marking it as new.
func TestApprovalListsTheCommentsOnTheDraft(t *testing.T) {
	ts, st, se, gs := approvalScene(t)
	ctx := context.Background()
	s47, _ := st.SessionByNumber(ctx, se.BodyID, 47)
	manage := ts.URL + "/sitzungen/48/verwaltung"
	_, page := do(t, gs, "GET", manage, nil)
	if block := between(page, `id="genehmigung-47"`, "</form>"); !strings.Contains(block, "Zum Entwurf gibt es keine Kommentare.") ||
		!strings.Contains(block, `aria-describedby="genehmigen-47-kommentare"`) {
		t.Errorf("no comments: %s", block)
	}
	if _, err := st.CreateComment(ctx, store.Comment{SessionID: s47.ID, Author: "Land Hessen", Member: "HE", Text: "Bitte TOP 04 um die Zahlen ergänzen."}); err != nil {
		t.Fatal(err)
	}
	shown := approvalForm(t, gs, manage, 47)
	_, page = do(t, gs, "GET", manage, nil)
	block := between(page, `id="genehmigung-47"`, "</form>")
	if !strings.Contains(block, "Zum Entwurf gibt es einen Kommentar") || !strings.Contains(block, "Bitte TOP 04 um die Zahlen ergänzen.") ||
		!strings.Contains(block, `href="/sitzungen/47#kommentare"`) || strings.Contains(block, "Neu seit dem Laden") {
		t.Errorf("one comment: %s", block)
	}
	if _, err := st.CreateComment(ctx, store.Comment{SessionID: s47.ID, Author: "Freistaat Bayern", Member: "BY", Text: "Der Ort der Sitzung fehlt."}); err != nil {
		t.Fatal(err)
	}
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", shown)
	block = between(page, `id="genehmigung-47"`, "</form>")
	if code != http.StatusConflict || !strings.Contains(block, "Zum Entwurf gibt es 2 Kommentare") ||
		strings.Count(block, "Neu seit dem Laden der Seite") != 1 || !strings.Contains(between(block, "Neu seit dem Laden der Seite", "</li>"), "Der Ort der Sitzung fehlt.") {
		t.Fatalf("approval with a comment made after the page was shown: %d %s", code, block)
	}
	if got, _ := st.Session(ctx, s47.ID); got.Status != model.StatusMinutesDraft {
		t.Fatalf("the 47th's minutes are %q", got.Status)
	}
	// Seen, the comments do not block the approval.
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", approvalFormOf(t, page, 47)); code != http.StatusSeeOther {
		t.Fatalf("approval with the comments seen: %d %s", code, between(body, "<main", "</main>"))
	}
}
