package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestPublicMinutesOnlyWhenTheyExist: the public page of a planned session
// (agenda published) offered links to its minutes, and a running session
// showed the banner "Entwurf: Dieses Protokoll ist noch nicht genehmigt",
// though neither has minutes; a decision adopted in the running session
// linked its minutes too. Pages offer minutes once the session has ended;
// the draft's links and its PDF file name say "Entwurf", and the text
// export is labelled as the import layout it is, not as a reading text.
func TestPublicMinutesOnlyWhenTheyExist(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	public := client(t, ts, "")
	sid, _, d := runningSession(t, st, model.KindDecision)
	votes := everyVoter(model.VoteYes)
	if _, err := st.RecordShowOfHands(ctx, sid, d, votes); err != nil {
		t.Fatal(err)
	}
	planned := planSessionOn(t, st, 49, model.NewDate(2026, 6, 25))
	planned.AgendaPublished = true
	if err := st.UpdateSession(ctx, planned); err != nil {
		t.Fatal(err)
	}
	noMinutes := func(path string) {
		t.Helper()
		code, page := do(t, public, "GET", ts.URL+path, nil)
		main := between(page, "<main", "</main>")
		if code != 200 || main == "" {
			t.Fatalf("%s: %d", path, code)
		}
		for _, bad := range []string{"/protokoll\"", "/protokoll.pdf", "/protokoll.txt", "noch nicht genehmigt"} {
			if strings.Contains(main, bad) {
				t.Errorf("%s offers minutes that do not exist: %q in\n%s", path, bad, main)
			}
		}
	}
	noMinutes("/sitzungen/48") // running
	noMinutes("/sitzungen/49") // planned, agenda published
	noMinutes("/beschluesse/B-2026/01-IT")
	if _, page := do(t, public, "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(page, "Föderale Rahmenarchitektur") {
		t.Errorf("the running session's page lacks its agenda")
	}
	if _, page := do(t, public, "GET", ts.URL+"/beschluesse", nil); strings.Contains(page, `href="/sitzungen/48/protokoll"`) {
		t.Errorf("the register links the minutes of the running session")
	}
	// Asked for directly, the minutes of a running or planned session do
	// not exist for the public (they said "Protokoll – Entwurf" before).
	for _, path := range []string{"/sitzungen/48/protokoll", "/sitzungen/48/protokoll.pdf", "/sitzungen/48/protokoll.txt", "/sitzungen/49/protokoll", "/sitzungen/49/protokoll.pdf", "/sitzungen/49/protokoll.txt"} {
		code, page := do(t, public, "GET", ts.URL+path, nil)
		if code != http.StatusNotFound || !strings.Contains(page, "hat noch kein Protokoll") {
			t.Errorf("public %s: %d", path, code)
		}
		if code, _ := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+path, nil); code != http.StatusOK {
			t.Errorf("secretariat %s: %d", path, code)
		}
	}
	// Internally the running session's minutes are recorded: offered.
	if _, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(page, `href="/sitzungen/48/protokoll.pdf"`) {
		t.Errorf("the secretariat's page of the running session does not offer its minutes")
	}

	// The 47th session's minutes are a draft, the 46th's approved.
	for nr, draft := range map[int]bool{47: true, 46: false} {
		_, page := do(t, public, "GET", fmt.Sprintf("%s/sitzungen/%d", ts.URL, nr), nil)
		links := between(page, `<p class="downloads">`, "</p>")
		// The public reads what the text file is, not the operators'
		// command that reads it (it named "gremium import" before).
		if !strings.Contains(links, "/protokoll.pdf") || strings.Contains(links, ">Text<") || !strings.Contains(links, "/protokoll.txt") || strings.Contains(links, "gremium import") || strings.Contains(links, "Import") {
			t.Errorf("session %d: public downloads %q", nr, links)
		}
		for user, want := range map[string]bool{"geschaeftsstelle": true, "hessen": false} {
			_, page := do(t, client(t, ts, user), "GET", fmt.Sprintf("%s/sitzungen/%d", ts.URL, nr), nil)
			if links := between(page, `<p class="downloads">`, "</p>"); strings.Contains(links, "gremium import") != want || !strings.Contains(links, "/protokoll.txt") {
				t.Errorf("session %d, %s: downloads %q, want the import command %v", nr, user, links, want)
			}
		}
		if got := strings.Contains(links, "(Entwurf)"); got != draft {
			t.Errorf("session %d: downloads %q, draft %v, want %v", nr, links, got, draft)
		}
		_, minutesPage := do(t, public, "GET", fmt.Sprintf("%s/sitzungen/%d/protokoll", ts.URL, nr), nil)
		if links := between(minutesPage, `<p class="downloads no-print">`, "</p>"); strings.Contains(links, ">Text<") || !strings.Contains(links, "Textfassung") || !strings.Contains(links, "(maschinenlesbar, mit Formatierungsangaben)") || strings.Contains(links, "gremium import") {
			t.Errorf("minutes %d: downloads %q", nr, links)
		}
		for ext, want := range map[string]string{"pdf": fmt.Sprintf("protokoll-%d.pdf", nr), "txt": fmt.Sprintf("protokoll-%d.txt", nr)} {
			if draft {
				want = strings.Replace(want, ".", "-entwurf.", 1)
			}
			res, _ := get(t, ts, fmt.Sprintf("/sitzungen/%d/protokoll.%s", nr, ext))
			if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="`+want+`"`) {
				t.Errorf("session %d %s: Content-Disposition %q, want %s", nr, ext, cd, want)
			}
		}
	}
	if _, page := do(t, public, "GET", ts.URL+"/sitzungen/47", nil); !strings.Contains(between(page, "<main", "</main>"), "noch nicht genehmigt") {
		t.Errorf("the draft minutes' session page lacks the draft banner")
	}
}

// TestBlankRowNotInPublicMinutes: a contribution put on record without any
// text (the live page's row of a member nobody filled in) showed as "HE:"
// and nothing in the minutes; the page, PDF and text export leave it out,
// for the public and internally, a contribution with text stays, and the
// live page keeps the row to be filled in or deleted. Before, the internal
// page, PDF and text export still printed "SN:" and nothing.
func TestBlankRowNotInPublicMinutes(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	se, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := st.Items(ctx, se.ID)
	item := items[len(items)-1].ID
	paths := []string{"/sitzungen/47/protokoll", "/sitzungen/47/protokoll.pdf", "/sitzungen/47/protokoll.txt"}
	live := fmt.Sprintf("/sitzungen/47/live?top=%d", item)
	readers := map[string]*http.Client{"public": client(t, ts, ""), "internal": client(t, ts, "geschaeftsstelle")}
	text := func(reader, path string) string {
		code, body := do(t, readers[reader], "GET", ts.URL+path, nil)
		if code != http.StatusOK {
			t.Fatalf("%s %s: %d", reader, path, code)
		}
		if strings.HasSuffix(path, ".pdf") {
			body = pdftest.Text(t, []byte(body))
		}
		return body
	}
	before := map[string]int{}
	for reader := range readers {
		for _, p := range paths {
			before[reader+p] = strings.Count(text(reader, p), "SN")
		}
	}
	liveBefore := strings.Count(text("internal", live), "SN")
	for _, c := range []model.Contribution{{ItemID: item, Speaker: "SN"}, {ItemID: item, Speaker: "SN", Points: []string{"  "}}, {ItemID: item, Speaker: "HE", Points: []string{"Hessen stimmt dem Zeitplan zu."}}} {
		if _, err := st.CreateContribution(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for reader := range readers {
		for _, p := range paths {
			body := text(reader, p)
			if n := strings.Count(body, "SN"); n != before[reader+p] {
				t.Errorf("%s %s names SN %d times, %d before the blank rows", reader, p, n, before[reader+p])
			}
			if !strings.Contains(strings.Join(strings.Fields(body), " "), "Hessen stimmt dem Zeitplan zu.") {
				t.Errorf("%s %s lacks the contribution with text", reader, p)
			}
		}
	}
	if n := strings.Count(text("internal", live), "SN"); n <= liveBefore {
		t.Error("the live page lost the blank row, which is still to be filled in")
	}
}

// TestWhollyConfidentialRowShownRedacted: a contribution marked "ganze
// Zeile vertraulich" shows the public its speaker and the redaction (page:
// "[geschwärzt]", PDF: bar and placeholder, text: a black bar), as the
// real minutes do — the text export, like the seed's layout, without the
// speaker); before, the public version lost the row entirely,
// because its emptied content counted as a row nobody filled in
// (Row.Blank). A confidential row that was blank to begin with stays out.
func TestWhollyConfidentialRowShownRedacted(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	se, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := st.Items(ctx, se.ID)
	item := items[len(items)-1].ID
	public := client(t, ts, "")
	text := func(path string) string {
		code, body := do(t, public, "GET", ts.URL+path, nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", path, code)
		}
		if strings.HasSuffix(path, ".pdf") {
			body = pdftest.Text(t, []byte(body))
		}
		return strings.Join(strings.Fields(body), " ")
	}
	paths := map[string]string{"/sitzungen/47/protokoll": model.RedactedPlaceholder, "/sitzungen/47/protokoll.pdf": model.RedactedPlaceholder, "/sitzungen/47/protokoll.txt": "background-color: black"}
	before := map[string][2]int{}
	for p, mark := range paths {
		body := text(p)
		before[p] = [2]int{strings.Count(body, "BB"), strings.Count(body, mark)}
	}
	for _, c := range []model.Contribution{
		{ItemID: item, Speaker: "BB", Points: []string{"Brandenburg nennt Geheimzahlen."}, Confidential: true},
		{ItemID: item, Speaker: "MV", Confidential: true}, // blank: stays out
	} {
		if _, err := st.CreateContribution(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for p, mark := range paths {
		body := text(p)
		if strings.Contains(body, "Geheimzahlen") {
			t.Fatalf("public %s shows the confidential text", p)
		}
		speaker := 1
		if strings.HasSuffix(p, ".txt") {
			speaker = 0
		}
		if n, m := strings.Count(body, "BB"), strings.Count(body, mark); n != before[p][0]+speaker || m != before[p][1]+1 {
			t.Errorf("public %s: BB %d times (before %d), %q %d times (before %d); want the redaction once more", p, n, before[p][0], mark, m, before[p][1])
		}
	}
}
