package bench

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// BenchmarkInternalPages measures the internal pages, feeds and the JSON
// session list that once read every session of the council (100,000 in
// the 1M corpus), as the logged-in secretariat sees them ("Mein Bereich"
// as the member Hessen), with the response cache and the stored pages
// off: one request per operation, one after the other (ns/op is the time of one page). The corpus is written
// to (the demo accounts, a calendar address, the 48th session running for
// its management page): give GREMIUM_BENCH_DIR a copy of a kept corpus.
func BenchmarkInternalPages(b *testing.B) {
	c := benchCorpus(b)
	ts, st := serveWith(b, c, false, false)
	ctx := store.WithActor(context.Background(), "bench")
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		b.Fatal(err)
	}
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.SessionByNumber(ctx, council.ID, 48); errors.Is(err, store.ErrNotFound) {
		if _, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: model.NewDate(2026, 3, 12), StartTime: "10:00", EndTime: "13:00",
			Place: "Berlin", Status: model.StatusRunning}); err != nil {
			b.Fatal(err)
		}
	} else if err != nil {
		b.Fatal(err)
	}
	u, _, err := st.UserLogin(ctx, "geschaeftsstelle")
	if err != nil {
		b.Fatal(err)
	}
	token, err := auth.NewCalendarToken(ctx, st, u.ID)
	if err != nil {
		b.Fatal(err)
	}
	login := func(account string) *http.Client {
		jar, _ := cookiejar.New(nil)
		client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := client.PostForm(ts.URL+"/anmelden", url.Values{"benutzer": {account}, "passwort": {demo.AccountPassword}})
		if err != nil {
			b.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			b.Fatalf("login of %s: %d", account, res.StatusCode)
		}
		return client
	}
	client := login("geschaeftsstelle")
	qs, err := st.Requests(ctx, 0)
	if err != nil || len(qs) == 0 {
		b.Fatalf("requests: %v", err)
	}
	pages := []struct{ name, path string }{
		{"new procedure", "/umlaufverfahren/neu"},
		{"new session", "/sitzungen/neu"},
		{"running session, management", "/sitzungen/48/verwaltung"},
		{"session 47 (follow-up deadlines)", "/sitzungen/47"},
		{"session calendar, 2025", "/sitzungen/kalender?jahr=2025"},
		{fmt.Sprintf("session calendar, %d (a corpus year)", FirstYear+years/2), fmt.Sprintf("/sitzungen/kalender?jahr=%d", FirstYear+years/2)},
		{"sessions feed", "/sitzungen.ics"},
		{"personal feed", "/kalender/" + token + ".ics"},
		{"follow-ups of a member", "/mitglieder/FITKO/auftraege"},
		{"Mein Bereich, a member (Hessen)", "/mein-bereich"},
		{"FachMK checklist", "/fachmk/FMK/aufgaben"},
		{"request", fmt.Sprintf("/anliegen/%d", qs[0].ID)},
		{"AL-Runde", "/gremien/al-runde"},
		{"JSON sessions", "/api/v1/sitzungen"},
	}
	anonymous := map[string]bool{}
	changeFirst := map[string]bool{}
	if envInt("GREMIUM_BENCH_FOLLOWUPS", 0) == 1 {
		// The follow-up list: once every follow-up (300,000 at 1M) a
		// request, now one page (docs/performance.md, "Follow-up lists at
		// 1M"); a deep page reached by following "Nächste Seite".
		pages = append(pages, struct{ name, path string }{"follow-ups", "/auftraege"},
			struct{ name, path string }{"follow-ups, deep page", deepFollowUpPage(b, client, ts.URL, envInt("GREMIUM_BENCH_FOLLOWUP_PAGE", 50))},
			struct{ name, path string }{"follow-ups, anonymous", "/auftraege"})
		anonymous["follow-ups, anonymous"] = true // the public list
		// The public list's first request after a change (a comment on a
		// follow-up, outside the timer): it pays what is kept per data
		// version, the public count above all.
		pages = append(pages, struct{ name, path string }{"follow-ups, anonymous, after a change", "/auftraege"})
		anonymous["follow-ups, anonymous, after a change"] = true
		changeFirst["follow-ups, anonymous, after a change"] = true
		// The JSON API's follow-ups: once every follow-up of the status
		// with three lookups each, now one page as the list.
		for _, p := range []struct{ name, path string }{
			{"JSON follow-ups", "/api/v1/auftraege"},
			{"JSON follow-ups, open", "/api/v1/auftraege?status=offen"},
			{"JSON follow-ups, done", "/api/v1/auftraege?status=erledigt"},
		} {
			pages = append(pages, p)
			anonymous[p.name] = true
		}
	}
	anon := &http.Client{CheckRedirect: client.CheckRedirect}
	// A member office's "Mein Bereich" lists the follow-ups it owes (655
	// pending ones of Hessen at 1M; once every one, now the most urgent).
	hessen := login("hessen")
	// change comments on a follow-up: a change of the data that leaves
	// every list as it was.
	var commentOn int64
	change := func(b *testing.B) {
		if commentOn == 0 {
			list, err := st.FollowUpPage(ctx, store.FollowUpListQuery{Audience: model.Internal, User: &model.User{Role: model.RoleSecretariat}, CouncilID: council.ID}, nil, false, 1)
			if err != nil || len(list) == 0 {
				b.Fatalf("a follow-up to comment on: %v", err)
			}
			commentOn = list[0].ID
		}
		if err := st.AddFollowUpComment(ctx, model.FollowUpComment{FollowUpID: commentOn, Author: "bench", Text: "Stand"}); err != nil {
			b.Fatal(err)
		}
	}
	for _, p := range pages {
		b.Run(strings.ReplaceAll(p.name, " ", "_"), func(b *testing.B) {
			size := 0
			c := client
			if anonymous[p.name] {
				c = anon
			} else if p.path == "/mein-bereich" {
				c = hessen
			}
			var cpu time.Duration
			for b.Loop() {
				if changeFirst[p.name] {
					b.StopTimer()
					change(b)
					b.StartTimer()
				}
				c0 := CPUTime()
				res, err := c.Get(ts.URL + p.path)
				if err != nil {
					b.Fatal(err)
				}
				n, _ := io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Fatalf("%s: %d", p.path, res.StatusCode)
				}
				size = int(n)
				cpu += CPUTime() - c0
			}
			b.ReportMetric(float64(size), "bytes/page")
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// deepFollowUpPage gives the address of page n of the follow-up list (or
// the last one, if fewer), reached by following its "Nächste Seite" links.
func deepFollowUpPage(b *testing.B, client *http.Client, base string, n int) string {
	b.Helper()
	next := regexp.MustCompile(`href="([^"]*)" rel="next"`)
	path := "/auftraege"
	for range n - 1 {
		res, err := client.Get(base + path)
		if err != nil {
			b.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		m := next.FindSubmatch(page)
		if m == nil {
			break
		}
		path = html.UnescapeString(string(m[1]))
	}
	b.Logf("deep follow-up page: %s", path)
	return path
}
