package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"gremium/internal/model"
)

// liveRegion reports whether n is a live region: one that screen readers
// announce when its content changes.
func liveRegion(n *html.Node) bool {
	for _, a := range n.Attr {
		switch {
		case a.Key == "aria-live" && a.Val != "off":
			return true
		case a.Key == "role" && (a.Val == "status" || a.Val == "log" || a.Val == "alert" || a.Val == "timer" || a.Val == "marquee"):
			return true
		}
	}
	return false
}

// clocksInLiveRegions gives the elements of page that count the time
// (data-since, speakers.js) inside a live region, and the live regions
// whose text holds the elapsed minutes.
func clocksInLiveRegions(t *testing.T, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node, inLive bool)
	walk = func(n *html.Node, inLive bool) {
		if n.Type == html.ElementNode {
			if liveRegion(n) {
				if text := nodeText(n); strings.Contains(text, " min") {
					out = append(out, "live region with the speaking time: "+text)
				}
				inLive = true
			}
			for _, a := range n.Attr {
				if a.Key == "data-since" && inLive {
					out = append(out, "data-since inside a live region")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLive)
		}
	}
	walk(doc, false)
	return out
}

func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
	}
	return b.String()
}

// TestSpeakingTimeOutsideLiveRegions: the speaking time, which
// speakers.js counts every second, is in no live region — on the
// projector view, the live page's speakers' list and the session page's
// live box, as pages and as pushed boxes —, while the speaker is. Before,
// the projector's box and the speakers' list were aria-live as a whole:
// a screen reader announced the clock every second.
func TestSpeakingTimeOutsideLiveRegions(t *testing.T) {
	ctx := context.Background()
	ts, st, _ := lawServer(t)
	sid, item, _ := runningSession(t, st, model.KindDecision)
	if err := st.SetCurrentItem(ctx, sid, item); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RequestFloor(ctx, sid, item, "HE"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RequestFloor(ctx, sid, item, "BY"); err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/redeliste/weiter", url.Values{"top": {fmt.Sprint(item)}}); code != http.StatusSeeOther {
		t.Fatalf("next: %d", code)
	}
	for _, path := range []string{"/sitzungen/48/beamer", "/sitzungen/48/beamer/stand", fmt.Sprintf("/sitzungen/48/live?top=%d", item),
		fmt.Sprintf("/sitzungen/48/redeliste?top=%d", item), "/sitzungen/48", "/sitzungen/48/live/stand"} {
		code, page := do(t, gs, "GET", ts.URL+path, nil)
		if code != http.StatusOK || !strings.Contains(page, "Hessen") {
			t.Fatalf("%s: %d, no speaker", path, code)
		}
		for _, p := range clocksInLiveRegions(t, page) {
			t.Errorf("%s: %s", path, p)
		}
		// The speaker is announced: a live region names Hessen.
		doc, _ := html.Parse(strings.NewReader(page))
		if !liveRegionSays(doc, "Hessen") {
			t.Errorf("%s: no live region names the speaker", path)
		}
	}
}

// liveRegionSays reports whether a live region under n holds text.
func liveRegionSays(n *html.Node, text string) bool {
	if n.Type == html.ElementNode && liveRegion(n) && strings.Contains(nodeText(n), text) {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if liveRegionSays(c, text) {
			return true
		}
	}
	return false
}
