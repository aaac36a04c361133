package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestNoticeWarningComesFromItsKind: the management page styled a notice
// as a warning when its text held the words of the acceptance warning
// (cut at a constant), so a notice signed before, or any notice that
// quotes those words (an item's title), was shown as an alert. Now a
// notice carries its kind, signed with its text: an old notice with the
// warning's words is no warning, and a signed notice whose kind is
// changed is not shown at all.
func TestNoticeWarningComesFromItsKind(t *testing.T) {
	ts, _, srv := cycleServerOf(t)
	gs := client(t, ts, "geschaeftsstelle")
	sg, err := srv.signer(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(ts.URL)
	page := func(value string) string {
		t.Helper()
		gs.Jar.SetCookies(u, []*http.Cookie{{Name: noticeCookie, Value: value, Path: "/"}})
		code, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/verwaltung", nil)
		if code != http.StatusOK {
			t.Fatalf("management page: %d", code)
		}
		return page
	}
	const words = "„Achtung, der Antrag reicht noch nicht aus: Test“: auf der Tagesordnung."
	// A notice signed the old way, without a kind, with the warning's words.
	if p := page(sg.Sign("hinweis", words, noticeTTL)); strings.Contains(p, `role="alert"`) || strings.Contains(p, `class="notice-warning"`) {
		t.Errorf("an old notice with the warning's words is shown as a warning: %s", between(p, `<div class="notice-box"`, "</div>"))
	}
	// An information quoting the warning's words stays an information.
	if p := page(signNotice(sg, notice{Kind: noticeInfo, Text: words})); !strings.Contains(p, `<div class="notice-box" role="status"><p>`+words+`</p></div>`) {
		t.Errorf("an information with the warning's words: %s", between(p, `<div class="notice-box"`, "</div>"))
	}
	// A warning is shown as one, from its kind.
	warn := notice{Kind: noticeWarning, Text: "„Test“: auf der Tagesordnung.", Lead: "Achtung:", Warning: "Es fehlt etwas."}
	p := page(signNotice(sg, warn))
	if box := between(p, `<div class="notice-box"`, "</div>"); box != ` role="alert"><p>„Test“: auf der Tagesordnung.</p><p class="notice-warning"><strong>Achtung:</strong> Es fehlt etwas.</p>` {
		t.Errorf("a warning: %s", box)
	}
	// The kind is signed: a warning turned into an information (or back)
	// by editing the cookie is not shown.
	for _, forged := range []struct{ from, to notice }{
		{warn, notice{Kind: noticeInfo, Text: warn.Text, Lead: warn.Lead, Warning: warn.Warning}},
		{notice{Kind: noticeInfo, Text: "Gespeichert."}, notice{Kind: noticeWarning, Text: "Gespeichert."}},
	} {
		signed := signNotice(sg, forged.from)
		mac := signed[strings.LastIndexByte(signed, '.'):]
		other := signNotice(sg, forged.to)
		if p := page(other[:strings.LastIndexByte(other, '.')] + mac); strings.Contains(p, `class="notice-box"`) {
			t.Errorf("a notice of kind %s made %s is shown: %s", forged.from.Kind, forged.to.Kind, between(p, `<div class="notice-box"`, "</div>"))
		}
	}
	// A warning taken by another page is shown there in full, as a
	// warning: every page shows the notice with one partial (before, the
	// others showed it as one paragraph of information, from a second
	// field of the view).
	gs.Jar.SetCookies(u, []*http.Cookie{{Name: noticeCookie, Value: signNotice(sg, warn), Path: "/"}})
	if _, p := do(t, gs, "GET", ts.URL+"/sitzungen", nil); between(p, `<div class="notice-box"`, "</div>") != ` role="alert"><p>„Test“: auf der Tagesordnung.</p><p class="notice-warning"><strong>Achtung:</strong> Es fehlt etwas.</p>` {
		t.Errorf("the warning on another page: %s", between(p, `<div class="notice-box"`, "</div>"))
	}
}
