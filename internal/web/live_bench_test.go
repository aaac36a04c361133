package web

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	neturl "net/url"
	"strconv"
	"syscall"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// BenchmarkLiveState measures the live box every viewer of a running
// session fetches after each update (GET /sitzungen/48/live/stand), with a
// vote open (its count of who has voted is part of the box), over loopback:
// for the public (kept per data version: after a change the first request
// renders, the others get the kept box) and for a logged-in viewer
// (rendered for each request). It reports the processor time per request
// of this process (server and client) besides the wall time.
//
//	go test ./internal/web -run '^$' -bench LiveState -benchtime 2000x -count 3
func BenchmarkLiveState(b *testing.B) {
	ctx := context.Background()
	ts, st, _ := lawServer(b)
	sid, _, d := runningSession(b, st, model.KindDecision, "SL")
	url := ts.URL + "/sitzungen/48/live/stand"
	client := loggedIn(b, ts)
	get := func(c *http.Client, change bool) func(b *testing.B) {
		return func(b *testing.B) {
			c0 := cpuTime()
			n := 0
			for b.Loop() {
				if change && n%100 == 0 {
					// A change every 100 requests: the box of the
					// public is rendered again once.
					if _, err := st.CreatePerson(store.WithActor(ctx, "bench"), model.Person{Name: "Bench " + strconv.Itoa(n), MemberAbbrev: "HB"}); err != nil {
						b.Fatal(err)
					}
				}
				res, err := c.Get(url)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Fatalf("status %d", res.StatusCode)
				}
				n++
			}
			b.ReportMetric(float64((cpuTime()-c0).Microseconds())/float64(n), "cpu-µs/req")
		}
	}
	public := &http.Client{}
	b.Run("ohne Abstimmung/öffentlich", get(public, false))
	b.Run("ohne Abstimmung/öffentlich, Änderung alle 100", get(public, true))
	b.Run("ohne Abstimmung/angemeldet", get(client, false))
	vote, err := st.OpenVote(ctx, sid, d)
	if err != nil {
		b.Fatal(err)
	}
	for _, m := range []string{"Bund", "HE", "BY"} {
		if err := st.CastSessionVote(ctx, vote, m, model.VoteYes, false); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("mit offener Abstimmung/öffentlich", get(public, false))
	b.Run("mit offener Abstimmung/angemeldet", get(client, false))
}

// cpuTime gives the processor time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loggedIn gives a client logged in as the secretariat.
func loggedIn(b *testing.B, ts *httptest.Server) *http.Client {
	b.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(ts.URL+"/anmelden", neturl.Values{"benutzer": {"geschaeftsstelle"}, "passwort": {demo.AccountPassword}})
	if err != nil {
		b.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		b.Fatalf("login: %d", res.StatusCode)
	}
	return c
}
