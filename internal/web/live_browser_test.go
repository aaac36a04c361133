package web

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"gremium/internal/model"
)

// TestLiveBrowserPushAndFallback: in a real browser, a public viewer's
// live box shows the pushed state without fetching it; when the server
// refuses the stream (the instance limit), the page says so and keeps its
// box current by polling — without a JavaScript error either way.
func TestLiveBrowserPushAndFallback(t *testing.T) {
	ctx := context.Background()
	ts, st, srv := lawServer(t)
	sid, item, _ := runningSession(t, st, model.KindDecision)
	other, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: "6", Title: "Registermodernisierung", Position: 4, Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ts.URL)
	var mu sync.Mutex
	var jsErrors []string
	chromedp.ListenTarget(b.ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			mu.Lock()
			jsErrors = append(jsErrors, e.ExceptionDetails.Error())
			mu.Unlock()
		}
	})
	// Polling every 300 ms instead of 30 s, so the test need not wait.
	b.run("poll interval", chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument("window.gremiumLivePollMs = 300;").Do(ctx)
		return err
	}))

	// Pushed: the box arrives in the event.
	b.page("/sitzungen/48")
	waitStreams(t, srv.events, 1)
	if err := st.SetCurrentItem(ctx, sid, item); err != nil {
		t.Fatal(err)
	}
	srv.events.Publish(sid)
	b.run("pushed box", chromedp.WaitVisible(`//div[@id="live-stand"]//strong[contains(., "Föderale Rahmenarchitektur")]`, chromedp.BySearch))
	if _, metrics := get(t, ts, "/metrics"); strings.Contains(metrics, `route="GET /sitzungen/{nr}/live/stand"`) {
		t.Error("the public viewer fetched the box although the event carried it")
	}

	// Refused: the page polls. Another viewer holds the one place left
	// (whether the browser's old stream has ended yet or not).
	blocker := openStream(t, client(t, ts, ""), ts.URL+"/sitzungen/48/live/ereignisse", nil)
	waitStreams(t, srv.events, 2)
	srv.SetStreamLimits(1, 0)
	b.page("/sitzungen/48")
	b.run("fallback note", chromedp.WaitVisible(`//p[@class="live-fallback"]`, chromedp.BySearch))
	if err := st.SetCurrentItem(ctx, sid, other); err != nil {
		t.Fatal(err)
	}
	// The box carries the title with its soft hyphens (hyphenate): it is
	// read without them.
	b.run("polled box", chromedp.WaitVisible("//div[@id=\"live-stand\"]//strong[contains(translate(., \"\u00ad\", \"\"), \"Registermodernisierung\")]", chromedp.BySearch))
	b.check("/sitzungen/48 (polling)")
	if srv.events.refusedInstance.Load() == 0 {
		t.Error("the browser's stream was not refused")
	}
	blocker.cancel()
	mu.Lock()
	defer mu.Unlock()
	for _, e := range jsErrors {
		t.Errorf("JavaScript error: %s", e)
	}
}
