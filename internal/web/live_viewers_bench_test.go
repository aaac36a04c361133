//go:build unix

package web

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	neturl "net/url"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// BenchmarkLiveViewers measures what 2,000 viewers of a running session's
// live box wait for after a change: from the change (the current item is
// set in the store, then published as the handlers do) until each viewer
// holds the new box. All viewers are public and connected over loopback,
// each with its own stream. Sub-benchmarks:
//
//   - Push: the box comes in the event (what public viewers get now).
//   - PushAndFetch: every viewer fetches GET …/live/stand after the event
//     (what logged-in viewers do, and what every viewer did before the box
//     was sent in the event).
//   - PushViewersApart: Push with the viewers in a process of their own,
//     so that "cpu-ms/op" is the server's alone (the latency still
//     includes the viewers' side, which shares the machine).
//   - LoggedIn: every viewer is logged in with a login of its own (the
//     demo's 21 accounts in turn: the secretariat, the members, the
//     advisory, the spokesperson and the FachMK account) and reads its own
//     box from the event; at each change all 2,000 logins are looked up.
//   - LoggedInFetch: every viewer is logged in (the demo's accounts in
//     turn, each login shared by about 2,000/21 streams) and fetches its
//     own box with its cookie after the event (what logged-in viewers did
//     before their box came in the event).
//   - VotePage, Projector: every viewer is logged in with a login of its
//     own (the demo's accounts that may see internal pages, in turn) and
//     watches the vote page (the change: the open vote is cancelled and
//     one on the other proposal opened) or the projector view, whose box
//     comes in the event of the stream opened for the page (?ansicht=).
//   - VotePageFetch, ProjectorFetch: the same viewers fetch the page's box
//     (…/abstimmung/stand, …/beamer/stand) after the event (what the
//     pages did before their box came in the event, and what they do when
//     an event carries none).
//
// Each iteration is one change; the latencies of all viewers in all
// iterations give p50, p99 and max (ms); "drops" counts viewers that did
// not see a change within 30 s; "cpu-ms/op" is the CPU time of the process
// (server and viewers) per change, the figure that does not depend on what
// else runs on the machine; "KiB/viewer" the heap and stacks in use per
// open stream, the server's and the viewer's side together. GREMIUM_LIVE_VIEWERS sets the number of
// viewers (default 2000).
//
//	go test ./internal/web -run '^$' -bench LiveViewers -benchtime 20x -count 1
func BenchmarkLiveViewers(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("GREMIUM_LIVE_VIEWERS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	ts, st, srv := lawServer(b)
	srv.SetStreamLimits(0, 0) // every viewer comes from 127.0.0.1
	sid, _, _ := runningSession(b, st, model.KindDecision)
	var items []int64
	for i, title := range []string{"Benchmarkpunkt A", "Benchmarkpunkt B"} {
		id, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: strconv.Itoa(10 + i), Title: title, Position: 10 + i, Status: model.ItemAccepted})
		if err != nil {
			b.Fatal(err)
		}
		items = append(items, id)
	}
	markers := []string{"Benchmarkpunkt A", "Benchmarkpunkt B"}
	// A proposal on each item, titled like it: the vote page shows the
	// proposal voted on.
	var proposals []int64
	se, err := st.Session(ctx, sid)
	if err != nil {
		b.Fatal(err)
	}
	for i, item := range items {
		id, err := st.CreateDecision(ctx, model.Decision{BodyID: se.BodyID, SessionID: sid, ItemID: item, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
			Title: markers[i], Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt."}}, Applicants: []string{"Bund"}})
		if err != nil {
			b.Fatal(err)
		}
		proposals = append(proposals, id)
	}
	callItem := func(i int) error { return st.SetCurrentItem(ctx, sid, items[i%2]) }
	vote := func(i int) error {
		if v, open, err := st.OpenSessionVote(ctx, sid); err != nil {
			return err
		} else if open {
			if err := st.CancelVote(ctx, v.ID); err != nil {
				return err
			}
		}
		_, err := st.OpenVote(ctx, sid, proposals[i%2])
		return err
	}
	logins := demoLogins(b, ts.URL)
	own := ownLogins(b, st, n, func(model.User) bool { return true })
	internal := ownLogins(b, st, n, func(u model.User) bool { return auth.Can(&u, auth.ViewInternal, "") })
	sessionPage := liveBenchPage{box: "/live/stand"}
	votePage := liveBenchPage{ansicht: "abstimmung", box: "/abstimmung/stand"}
	projector := liveBenchPage{ansicht: "beamer", box: "/beamer/stand"}
	for _, mode := range []struct {
		name         string
		fetch, apart bool
		logins       []string
		page         liveBenchPage
		change       func(i int) error
	}{{"Push", false, false, nil, sessionPage, callItem}, {"PushAndFetch", true, false, nil, sessionPage, callItem},
		{"PushViewersApart", false, true, nil, sessionPage, callItem}, {"LoggedIn", false, false, own, sessionPage, callItem},
		{"LoggedInFetch", true, false, logins, sessionPage, callItem},
		{"Projector", false, false, internal, projector, callItem}, {"ProjectorFetch", true, false, internal, projector, callItem},
		{"VotePage", false, false, internal, votePage, vote}, {"VotePageFetch", true, false, internal, votePage, vote}} {
		b.Run(mode.name, func(b *testing.B) {
			mem0 := inUse()
			var lv *liveViewers
			if mode.apart {
				lv = viewersApart(b, srv, ts.URL, n)
			} else {
				lv = connectViewers(b, srv, ts.URL, n, mode.fetch, mode.logins, mode.page)
			}
			defer lv.close()
			perViewer := float64(inUse()-mem0) / float64(n) / 1024
			var lat []time.Duration
			drops, i := 0, 0
			cpu0 := cpuTime()
			for b.Loop() {
				r := &viewerRound{n: i + 1, marker: markers[i%2], left: make(chan struct{})}
				r.pending.Store(int64(n))
				lv.round.Store(r)
				r.start = time.Now()
				if err := mode.change(i); err != nil {
					b.Fatal(err)
				}
				srv.events.Publish(sid)
				select {
				case <-r.left:
				case <-time.After(30 * time.Second):
				}
				r.mu.Lock()
				lat = append(lat, r.lat...)
				drops += n - len(r.lat)
				r.mu.Unlock()
				i++
			}
			b.StopTimer()
			cpu := cpuTime() - cpu0
			slices.Sort(lat)
			pct := func(p float64) float64 {
				if len(lat) == 0 {
					return 0
				}
				return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
			b.ReportMetric(pct(1), "max-ms")
			b.ReportMetric(float64(drops), "drops")
			b.ReportMetric(float64(n), "viewers")
			if !mode.apart {
				b.ReportMetric(perViewer, "KiB/viewer")
			}
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(max(i, 1)), "cpu-ms/op")
		})
	}
}

// inUse gives the heap and stack memory in use after a collection.
func inUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse + m.StackInuse)
}

// viewerRound is one change the viewers wait for.
type viewerRound struct {
	n      int
	marker string
	start  time.Time
	mu     sync.Mutex
	lat    []time.Duration
	// pending counts the viewers still waiting; left closes at 0.
	pending atomic.Int64
	left    chan struct{}
}

// seen records that a viewer holds the new box.
func (r *viewerRound) seen() { r.seenAt(time.Now()) }

// seenAt records that a viewer held the new box at t.
func (r *viewerRound) seenAt(t time.Time) {
	d := t.Sub(r.start)
	r.mu.Lock()
	r.lat = append(r.lat, d)
	r.mu.Unlock()
	if r.pending.Add(-1) == 0 {
		close(r.left)
	}
}

// liveViewers are the open streams of a benchmark.
type liveViewers struct {
	round  atomic.Pointer[viewerRound]
	cancel func()
	wg     sync.WaitGroup
	tr     *http.Transport
}

// liveBenchPage is the page the viewers of a benchmark watch: the stream's
// ansicht= ("": the session page) and the address of its box below the
// session's.
type liveBenchPage struct {
	ansicht, box string
}

// connectViewers opens n streams of the 48th session's page pg, public
// or, where logins are given, viewer i with the cookie
// logins[i%len(logins)]; each viewer reads its events, fetches the page's
// box after each one if fetch is set, and reports when it holds the box of
// the current round.
func connectViewers(b *testing.B, srv *Server, base string, n int, fetch bool, logins []string, pg liveBenchPage) *liveViewers {
	b.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	lv := &liveViewers{cancel: cancel, tr: &http.Transport{MaxIdleConnsPerHost: n, MaxConnsPerHost: 0, IdleConnTimeout: time.Minute}}
	streams := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 0}}
	fetcher := &http.Client{Transport: lv.tr}
	sem := make(chan struct{}, 64) // connect 64 at a time
	errs := make(chan error, n)
	for i := range n {
		cookie := ""
		if len(logins) > 0 {
			cookie = logins[i%len(logins)]
		}
		sem <- struct{}{}
		lv.wg.Go(func() {
			stream := base + "/sitzungen/48/live/ereignisse"
			if pg.ansicht != "" {
				stream += "?ansicht=" + pg.ansicht
			}
			req, _ := http.NewRequestWithContext(ctx, "GET", stream, nil)
			if cookie != "" {
				req.Header.Set("Cookie", cookie)
			}
			res, err := streams.Do(req)
			<-sem
			if err != nil {
				errs <- err
				return
			}
			defer res.Body.Close()
			if res.StatusCode != http.StatusOK {
				errs <- fmt.Errorf("stream: %d", res.StatusCode)
				return
			}
			lv.watch(ctx, bufio.NewReader(res.Body), fetcher, base+"/sitzungen/48"+pg.box, fetch, cookie)
		})
	}
	deadline := time.Now().Add(2 * time.Minute)
	for srv.events.Streams() < n {
		select {
		case err := <-errs:
			cancel()
			b.Fatal(err)
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			b.Fatalf("only %d of %d streams open", srv.events.Streams(), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return lv
}

// watch is one viewer of the box at boxURL; cookie is its login ("" for
// the public).
func (lv *liveViewers) watch(ctx context.Context, rd *bufio.Reader, fetcher *http.Client, boxURL string, fetch bool, cookie string) {
	last := 0
	var data strings.Builder
	for {
		line, err := rd.ReadString('\n')
		if err != nil {
			return
		}
		switch {
		case strings.HasPrefix(line, "data: "):
			data.WriteString(line[len("data: ") : len(line)-1])
			continue
		case line != "\n" || data.Len() == 0:
			continue
		}
		box := data.String()
		data.Reset()
		r := lv.round.Load()
		if r == nil || r.n == last {
			continue
		}
		if fetch {
			req, _ := http.NewRequestWithContext(ctx, "GET", boxURL, nil)
			if cookie != "" {
				req.Header.Set("Cookie", cookie)
			}
			res, err := fetcher.Do(req)
			if err != nil {
				return
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			box = string(body)
		}
		if strings.Contains(box, r.marker) {
			last = r.n
			r.seen()
		}
	}
}

// demoLogins logs every demo account in once and gives the Cookie header
// of each login.
func demoLogins(b *testing.B, base string) []string {
	b.Helper()
	var out []string
	for _, u := range demo.Accounts() {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := c.PostForm(base+"/anmelden", neturl.Values{"benutzer": {u.Username}, "passwort": {demo.AccountPassword}})
		if err != nil {
			b.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			b.Fatalf("login %s: %d", u.Username, res.StatusCode)
		}
		at, _ := neturl.Parse(base)
		var parts []string
		for _, c := range jar.Cookies(at) {
			parts = append(parts, c.String())
		}
		out = append(out, strings.Join(parts, "; "))
	}
	return out
}

// ownLogins gives the Cookie headers of n logins, one for each viewer, of
// the demo's accounts that pass keep, in turn (made in the store: n
// password checks would take minutes).
func ownLogins(b *testing.B, st *store.Store, n int, keep func(model.User) bool) []string {
	b.Helper()
	ctx := context.Background()
	var accounts []model.User
	for _, u := range demo.Accounts() {
		if keep(u) {
			accounts = append(accounts, u)
		}
	}
	out := make([]string, n)
	for i := range out {
		u, _, err := st.UserLogin(ctx, accounts[i%len(accounts)].Username)
		if err != nil {
			b.Fatal(err)
		}
		token := rand.Text()
		sum := sha256.Sum256([]byte(token))
		if err := st.CreateLoginSession(ctx, store.NewLogin{TokenHash: hex.EncodeToString(sum[:]), UserID: u.ID, Expires: time.Now().Add(24 * time.Hour)}); err != nil {
			b.Fatal(err)
		}
		out[i] = auth.CookieName + "=" + token
	}
	return out
}

// close ends every stream.
func (lv *liveViewers) close() {
	lv.cancel()
	lv.wg.Wait()
	if lv.tr != nil {
		lv.tr.CloseIdleConnections()
	}
}

// viewersApart runs n viewers in a process of their own
// (TestLiveViewersProcess), so that the process's CPU time is the
// server's. The viewers' process reports "A|B UNIXNANO" when a viewer
// holds a new box.
func viewersApart(b *testing.B, srv *Server, base string, n int) *liveViewers {
	b.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestLiveViewersProcess$", "-test.bench=^$", "-test.count=1")
	cmd.Env = append(os.Environ(), "GREMIUM_LIVE_VIEWERS_URL="+base+"/sitzungen/48/live/ereignisse", "GREMIUM_LIVE_VIEWERS="+strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	lv := &liveViewers{}
	lv.cancel = func() { stdin.Close(); cancel() }
	lv.wg.Go(func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			marker, at, ok := strings.Cut(sc.Text(), " ")
			ns, err := strconv.ParseInt(at, 10, 64)
			if !ok || err != nil {
				continue
			}
			r := lv.round.Load()
			if r != nil && strings.HasSuffix(r.marker, " "+marker) && ns >= r.start.UnixNano() {
				r.seenAt(time.Unix(0, ns))
			}
		}
		cmd.Wait()
	})
	deadline := time.Now().Add(2 * time.Minute)
	for srv.events.Streams() < n {
		if time.Now().After(deadline) {
			lv.close()
			b.Fatalf("only %d of %d streams open", srv.events.Streams(), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return lv
}

// TestLiveViewersProcess is no test of its own: it is the viewers'
// process of BenchmarkLiveViewers/PushViewersApart and runs only from
// there (GREMIUM_LIVE_VIEWERS_URL set). It opens the streams, prints
// "A|B UNIXNANO" whenever a viewer's box shows the other item, and ends
// when its standard input closes.
func TestLiveViewersProcess(t *testing.T) {
	url := os.Getenv("GREMIUM_LIVE_VIEWERS_URL")
	if url == "" {
		t.Skip("the viewers' process of BenchmarkLiveViewers; it runs only from there")
	}
	n, _ := strconv.Atoi(os.Getenv("GREMIUM_LIVE_VIEWERS"))
	lines := make(chan string, n)
	go func() {
		w := bufio.NewWriter(os.Stdout)
		for l := range lines {
			w.WriteString(l)
			if len(lines) == 0 {
				w.Flush()
			}
		}
	}()
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 0}}
	sem := make(chan struct{}, 64)
	for range n {
		sem <- struct{}{}
		go func() {
			res, err := client.Get(url)
			<-sem
			if err != nil {
				t.Error(err)
				return
			}
			defer res.Body.Close()
			rd := bufio.NewReader(res.Body)
			last := ""
			for {
				line, err := rd.ReadString('\n')
				if err != nil {
					return
				}
				if !strings.HasPrefix(line, "data: ") {
					continue
				}
				now := time.Now().UnixNano()
				marker := ""
				switch {
				case strings.Contains(line, "Benchmarkpunkt A"):
					marker = "A"
				case strings.Contains(line, "Benchmarkpunkt B"):
					marker = "B"
				}
				if marker != "" && marker != last {
					last = marker
					lines <- marker + " " + strconv.FormatInt(now, 10) + "\n"
				}
			}
		}()
	}
	io.Copy(io.Discard, os.Stdin)
}
