package web

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"gremium/internal/demo"
)

// TestConfidentialMarksPrintAndAreRead: a confidential passage of an
// internal page was told apart by its yellow background alone — lost on
// paper (backgrounds are not printed) and to screen readers (which do not
// read title) — and the footer's notice "Interne Ansicht: … nicht zur
// Weitergabe bestimmt" was left off the printout. Now the passage carries
// the words "vertraulich: … (Ende vertraulich)" in the page's text (not
// made by CSS, which a screen reader then heard twice), read out on screen and
// printed with a border round it, and the footer's notice is printed. On
// screen a dashed line under the passage tells it apart without its
// colour (before, a reader who does not see the yellow saw nothing).
func TestConfidentialMarksPrintAndAreRead(t *testing.T) {
	browserTest(t)
	ts, _ := cycleServer(t)
	ctx := newWindow(t, sharedChromium(t))
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/anmelden"),
		chromedp.SendKeys("#benutzer", "hessen", chromedp.ByID),
		chromedp.SendKeys("#passwort", demo.AccountPassword, chromedp.ByID),
		chromedp.Submit(`form[action="/anmelden"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`form[action="/abmelden"]`, chromedp.ByQuery),
		chromedp.Navigate(ts.URL+"/sitzungen/47"),
		chromedp.WaitVisible("main mark.confidential", chromedp.ByQuery),
	); err != nil {
		t.Fatalf("internal page of the 47th session: %v", err)
	}
	const look = `JSON.stringify((() => {
		const m = document.querySelector("main mark.confidential"), hs = m.querySelectorAll(":scope > .visually-hidden");
		const f = document.querySelector("footer.site"), p = f.querySelector("p"), n = f.querySelector("nav");
		return {before: hs.length ? hs[0].textContent : "", after: hs.length ? hs[hs.length-1].textContent : "", beforeWidth: hs.length ? getComputedStyle(hs[0]).width : "",
			cssWords: getComputedStyle(m, "::before").content + getComputedStyle(m, "::after").content, border: getComputedStyle(m).borderTopStyle, underline: getComputedStyle(m).borderBottomStyle,
			footer: getComputedStyle(f).display !== "none" && getComputedStyle(p).display !== "none" ? p.textContent : "", footerNav: getComputedStyle(n).display};
	})())`
	type looks struct{ Before, After, BeforeWidth, CSSWords, Border, Underline, Footer, FooterNav string }
	read := func(what string) looks {
		t.Helper()
		var out string
		if err := chromedp.Run(ctx, chromedp.Evaluate(look, &out)); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		var l looks
		if err := json.Unmarshal([]byte(out), &l); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return l
	}
	screen := read("on screen")
	if screen.Before != "vertraulich: " || screen.After != " (Ende vertraulich)" || screen.BeforeWidth != "1px" {
		t.Errorf("on screen, the passage is not marked in words of the page's text for screen readers (out of sight): %+v", screen)
	}
	// Words made by CSS alone are lost without styles (WCAG F87), and
	// beside the text's own words a screen reader heard them twice.
	if strings.Contains(screen.CSSWords, "vertraulich") {
		t.Errorf("style.css still adds the words: %+v", screen)
	}
	if screen.Underline != "dashed" {
		t.Errorf("on screen, the passage is told apart by its colour alone (no dashed line under it): %+v", screen)
	}
	// What a screen reader gets: the words are in the accessibility tree.
	var nodes []*accessibility.Node
	if err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) (err error) {
		nodes, err = accessibility.GetFullAXTree().Do(ctx)
		return err
	})); err != nil {
		t.Fatal(err)
	}
	var said []string
	for _, n := range nodes {
		var s string
		if n.Name != nil && json.Unmarshal(n.Name.Value, &s) == nil && strings.Contains(s, "vertraulich") {
			said = append(said, s)
		}
	}
	if all := strings.Join(said, "|"); !strings.Contains(all, "vertraulich:") || !strings.Contains(all, "(Ende vertraulich)") || strings.Contains(all, "vertraulich: vertraulich:") {
		t.Errorf("the accessibility tree does not say once where the passage starts and ends: %q", said)
	}
	if err := chromedp.Run(ctx, emulation.SetEmulatedMedia().WithMedia("print")); err != nil {
		t.Fatal(err)
	}
	printed := read("printed")
	if printed.Before != "vertraulich: " || printed.BeforeWidth == "1px" || printed.Border != "solid" {
		t.Errorf("printed, the passage is not marked in words and with a border: %+v", printed)
	}
	if !strings.Contains(printed.Footer, "Interne Ansicht") || printed.FooterNav != "none" {
		t.Errorf("printed, the footer's notice is missing (or its links are printed): %+v", printed)
	}
}
