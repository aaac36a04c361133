package web

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRegisterPDFRendersBounded: eight register PDFs at once took 288 MB
// (about 30 MB each while made), over the memory budget of 200 MB: every
// request rendered at once. Now an instance renders SetPDFRenders' number
// at a time; with two renders held, a third request waits and, when none
// ends in time, is answered 503 with Retry-After and a German page; once
// the renders end, the next is made. A refused filter is answered 400 at
// once, without a wait.
func TestRegisterPDFRendersBounded(t *testing.T) {
	ts, _, srv := cycleServerOf(t, func(s *Server) { s.SetPDFRenders(2) })
	entered, release := make(chan struct{}, 8), make(chan struct{})
	g := srv.pdfGate()
	if cap(g.slots) != 2 {
		t.Fatalf("the gate has %d slots, want 2", cap(g.slots))
	}
	g.wait = 50 * time.Millisecond
	g.held = func() {
		entered <- struct{}{}
		<-release
	}
	// Fails the test instead of hanging when a render never starts.
	await := func(what string) {
		t.Helper()
		select {
		case <-entered:
		case <-time.After(time.Minute):
			t.Fatalf("%s never started", what)
		}
	}
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i := range codes {
		wg.Go(func() {
			res, _ := get(t, ts, "/beschluesse.pdf?jahr=2025")
			codes[i] = res.StatusCode
		})
		await("render " + string(rune('1'+i)))
	}
	res, body := get(t, ts, "/beschluesse.pdf")
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" ||
		!strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, "zu viele PDF-Dateien") {
		t.Errorf("a third PDF while two are made: %d, Retry-After %q, %s, want 503 with the German page:\n%.400s",
			res.StatusCode, res.Header.Get("Retry-After"), res.Header.Get("Content-Type"), between(body, "<main", "</main>"))
	}
	if res, _ := get(t, ts, "/beschluesse.pdf?umsetzung=bald"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("a refused filter while two are made: %d, want 400 at once", res.StatusCode)
	}
	close(release)
	wg.Wait()
	if codes[0] != http.StatusOK || codes[1] != http.StatusOK {
		t.Errorf("the two renders held: %v, want 200", codes)
	}
	res, _ = get(t, ts, "/beschluesse.pdf")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("after the renders ended: %d %s, want the PDF", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

// TestRenderGateWaits: a request that finds every slot taken waits for
// one to free (not refused at once), is refused when its request ends
// first, and a gate without a limit lets every request through.
func TestRenderGateWaits(t *testing.T) {
	g := newRenderGate(1, time.Hour)
	leave, ok := g.enter(context.Background())
	if !ok {
		t.Fatal("the first request did not get the free slot")
	}
	got := make(chan bool)
	go func() {
		l, ok := g.enter(context.Background())
		if ok {
			l()
		}
		got <- ok
	}()
	leave()
	if !<-got {
		t.Error("the waiting request was refused although the slot freed")
	}
	leave, _ = g.enter(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, ok := g.enter(ctx); ok {
		t.Error("a request that ended got a slot that was taken")
	}
	leave()
	free := newRenderGate(0, 0)
	for range 10 {
		if _, ok := free.enter(context.Background()); !ok {
			t.Fatal("a gate without a limit refused")
		}
	}
}
