package web

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// sseEvent is one event of a live stream.
type sseEvent struct {
	Name, Data string
}

// sseStream reads the events of one live stream.
type sseStream struct {
	res    *http.Response
	events chan sseEvent
	cancel func()
}

// openStream opens a live stream with the given client and extra headers;
// a refused stream comes back with its status and no events.
func openStream(t testing.TB, c *http.Client, url string, header http.Header) *sseStream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	for k, vs := range header {
		req.Header[k] = vs
	}
	res, err := c.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	s := &sseStream{res: res, events: make(chan sseEvent, 16), cancel: func() { cancel(); res.Body.Close() }}
	t.Cleanup(s.cancel)
	if res.StatusCode != http.StatusOK {
		return s
	}
	go func() {
		defer close(s.events)
		rd := bufio.NewReader(res.Body)
		var ev sseEvent
		for {
			line, err := rd.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\n")
			switch {
			case line == "":
				if ev.Name != "" {
					s.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.Name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.Data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return s
}

// next waits for the next event.
func (s *sseStream) next(t testing.TB) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			t.Fatal("stream ended")
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
	}
	return sseEvent{}
}

// waitStreams waits until the broker counts n open streams (a stream is
// counted once its handler subscribed, which the client cannot see).
func waitStreams(t testing.TB, b *Broker, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for b.Streams() != n {
		if time.Now().After(deadline) {
			t.Fatalf("%d streams open, want %d", b.Streams(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestLivePushCarriesPublicBox: a public viewer gets the new live box in
// the event itself — the same bytes GET …/live/stand gives the public —,
// a logged-in viewer (whose box depends on who looks) only the signal to
// fetch its own.
func TestLivePushCarriesPublicBox(t *testing.T) {
	ctx := context.Background()
	ts, st, srv := lawServer(t)
	sid, item, _ := runningSession(t, st, model.KindDecision)
	url := ts.URL + "/sitzungen/48/live/ereignisse"
	public := openStream(t, client(t, ts, ""), url, nil)
	member := openStream(t, client(t, ts, "hessen"), url, nil)
	if public.res.StatusCode != http.StatusOK || member.res.StatusCode != http.StatusOK {
		t.Fatalf("streams: %d %d", public.res.StatusCode, member.res.StatusCode)
	}
	waitStreams(t, srv.events, 2)
	if err := st.SetCurrentItem(ctx, sid, item); err != nil {
		t.Fatal(err)
	}
	srv.events.Publish(sid)

	ev := public.next(t)
	var data struct {
		Stand string `json:"stand"`
	}
	if ev.Name != "update" || json.Unmarshal([]byte(ev.Data), &data) != nil {
		t.Fatalf("public event %q %q", ev.Name, ev.Data)
	}
	_, want := get(t, ts, "/sitzungen/48/live/stand")
	if data.Stand != want {
		t.Errorf("pushed box differs from the fetched one:\n%s\n---\n%s", data.Stand, want)
	}
	if !strings.Contains(data.Stand, "Aufgerufen: <strong>TOP 5") && !strings.Contains(data.Stand, "Föderale Rahmenarchitektur") {
		t.Errorf("pushed box does not show the called item:\n%s", data.Stand)
	}
	if ev := member.next(t); ev.Name != "update" || ev.Data == "{}" {
		t.Errorf("logged-in viewer got %q %q, want its box", ev.Name, ev.Data)
	}
}

// standOf gives the box an event carries ("" for the bare signal).
func standOf(t *testing.T, ev sseEvent) string {
	t.Helper()
	var data struct {
		Stand string `json:"stand"`
	}
	if ev.Name != "update" || json.Unmarshal([]byte(ev.Data), &data) != nil {
		t.Fatalf("event %q %q", ev.Name, ev.Data)
	}
	return data.Stand
}

// TestLivePushPerLogin: a logged-in viewer's event carries the box its own
// request would get at that moment — the confidential passage, its own
// place on the speakers' list and its right to vote, nothing of another
// viewer's — and once its login has ended (logout), only the bare signal:
// it fetches and is answered as the public.
func TestLivePushPerLogin(t *testing.T) {
	ctx := context.Background()
	ts, st, srv := lawServer(t)
	sid, item := classFixture(t, st)
	url := ts.URL + "/sitzungen/48/live/ereignisse"
	clients := make([]*http.Client, len(liveClassViews))
	streams := make([]*sseStream, len(liveClassViews))
	for i, v := range liveClassViews {
		clients[i] = client(t, ts, v.user)
		streams[i] = openStream(t, clients[i], url, nil)
		waitStreams(t, srv.events, i+1)
	}
	srv.events.Publish(sid)
	for i, v := range liveClassViews {
		box := standOf(t, streams[i].next(t))
		if _, fetched := do(t, clients[i], "GET", ts.URL+"/sitzungen/48/live/stand", nil); box != fetched {
			t.Errorf("%q: the pushed box differs from its own fetched one:\n%s\n---\n%s", v.user, box, fetched)
		}
		v.check(t, "pushed", box)
	}
	// Hessen logs out in another tab; its open stream must not carry an
	// internal box any more.
	if liveClassViews[2].user != "hessen" || liveClassViews[3].user != "bund" {
		t.Fatal("the views changed order")
	}
	if code, _ := do(t, clients[2], "POST", ts.URL+"/abmelden", nil); code != http.StatusSeeOther {
		t.Fatalf("logout: %d", code)
	}
	if _, err := st.RequestFloor(ctx, sid, item, "BY"); err != nil {
		t.Fatal(err)
	}
	srv.events.Publish(sid)
	if box := standOf(t, streams[2].next(t)); box != "" {
		t.Errorf("after the logout the stream carried a box:\n%s", box)
	}
	if box := standOf(t, streams[3].next(t)); !strings.Contains(box, "Redeliste: HE, BY") {
		t.Errorf("bund's box after the change:\n%s", box)
	}
}

// TestLivePushCoalesces: changes that arrive while the box is rendered
// give one more box, and the last box a viewer gets shows the last state.
func TestLivePushCoalesces(t *testing.T) {
	ctx := context.Background()
	ts, st, srv := lawServer(t)
	sid, item, _ := runningSession(t, st, model.KindDecision)
	s := openStream(t, client(t, ts, ""), ts.URL+"/sitzungen/48/live/ereignisse", nil)
	waitStreams(t, srv.events, 1)
	for range 20 {
		srv.events.Publish(sid)
	}
	if err := st.SetCurrentItem(ctx, sid, item); err != nil {
		t.Fatal(err)
	}
	srv.events.Publish(sid)
	deadline := time.After(10 * time.Second)
	for {
		var ev sseEvent
		select {
		case ev = <-s.events:
		case <-deadline:
			t.Fatal("the last state never arrived")
		}
		if strings.Contains(ev.Data, "Föderale Rahmenarchitektur") {
			return
		}
	}
}

// TestStreamLimits: the N+1th stream of one address is refused with 429,
// the N+1th of the instance with 503, both with Retry-After; a viewer who
// leaves frees the place.
func TestStreamLimits(t *testing.T) {
	ts, st, srv := lawServer(t)
	runningSession(t, st, model.KindDecision)
	srv.SetClientIPHeader("X-Forwarded-For")
	srv.SetStreamLimits(3, 2)
	url := ts.URL + "/sitzungen/48/live/ereignisse"
	from := func(addr string) http.Header { return http.Header{"X-Forwarded-For": {addr}} }
	c := &http.Client{}
	a1 := openStream(t, c, url, from("203.0.113.1"))
	openStream(t, c, url, from("203.0.113.1"))
	a3 := openStream(t, c, url, from("203.0.113.1"))
	if a1.res.StatusCode != http.StatusOK {
		t.Fatalf("first stream: %d", a1.res.StatusCode)
	}
	if a3.res.StatusCode != http.StatusTooManyRequests || a3.res.Header.Get("Retry-After") == "" {
		t.Errorf("third stream of one address: %d (Retry-After %q), want 429", a3.res.StatusCode, a3.res.Header.Get("Retry-After"))
	}
	body, _ := io.ReadAll(a3.res.Body)
	if !strings.Contains(string(body), "zu viele Live-Ansichten") {
		t.Errorf("429 without a German reason: %q", body)
	}
	b1 := openStream(t, c, url, from("203.0.113.2"))
	if b1.res.StatusCode != http.StatusOK {
		t.Fatalf("other address: %d", b1.res.StatusCode)
	}
	waitStreams(t, srv.events, 3)
	c1 := openStream(t, c, url, from("203.0.113.3"))
	if c1.res.StatusCode != http.StatusServiceUnavailable || c1.res.Header.Get("Retry-After") == "" {
		t.Errorf("fourth stream of the instance: %d, want 503", c1.res.StatusCode)
	}
	a1.cancel()
	waitStreams(t, srv.events, 2)
	if c2 := openStream(t, c, url, from("203.0.113.3")); c2.res.StatusCode != http.StatusOK {
		t.Errorf("after a viewer left: %d", c2.res.StatusCode)
	}
	if srv.events.refusedAddress.Load() != 1 || srv.events.refusedInstance.Load() != 1 {
		t.Errorf("refused: address %d, instance %d; want 1 and 1", srv.events.refusedAddress.Load(), srv.events.refusedInstance.Load())
	}
}

// livePushLeaks opens a public live stream of a session, publishes a
// change and gives the markers found in the pushed event (TestNoLeaks).
func livePushLeaks(t *testing.T, ls *leakServer, number int, markers []string) []string {
	t.Helper()
	ctx := context.Background()
	council, err := ls.st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	se, err := ls.st.SessionByNumber(ctx, council.ID, number)
	if err != nil {
		t.Fatal(err)
	}
	path := "/sitzungen/" + strconv.Itoa(number) + "/live/ereignisse"
	s := openStream(t, &http.Client{}, ls.ts.URL+path, nil)
	if s.res.StatusCode != http.StatusOK {
		t.Fatalf("live stream of session %d: %d", number, s.res.StatusCode)
	}
	waitStreams(t, ls.srv.events, 1)
	ls.srv.events.Publish(se.ID)
	ev := s.next(t)
	s.cancel()
	waitStreams(t, ls.srv.events, 0)
	if !strings.Contains(ev.Data, "live-stand") {
		t.Errorf("public live event of session %d carries no box: %q", number, ev.Data)
	}
	var leaks []string
	for _, m := range found(markers, ev.Data) {
		leaks = append(leaks, "öffentlich live push GET "+path+": "+m)
	}
	return leaks
}
