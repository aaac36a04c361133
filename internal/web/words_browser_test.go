package web

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gremium/internal/model"
)

// midWordBreaksJS lists the places where the text of the elements matched
// by %s breaks to a new line between two letters without a soft hyphen
// there ("Tagesordnu|ng"): the characters' boxes of each text node, a
// letter whose box starts a lower line than its letter before (the last
// box of a character: the first one after a break also has an empty one
// at the end of the line before).
const midWordBreaksJS = `(() => {
  const bad = [];
  for (const el of document.querySelectorAll(%q)) {
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const t = n.textContent;
      let top = null, prev = "";
      for (let i = 0; i < t.length; i++) {
        const ch = t[i];
        if (ch === "\u00ad") { prev = ch; continue; }
        const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
        const box = Array.from(r.getClientRects()).filter(b => b.width > 0).pop();
        if (!box) { prev = ch; continue; }
        if (top !== null && box.top > top + 2 && /\p{L}/u.test(ch) && /\p{L}/u.test(prev)) {
          bad.push(t.slice(Math.max(0, i - 12), i).replaceAll("\u00ad", "") + "|" + t.slice(i, i + 6).replaceAll("\u00ad", ""));
        }
        top = box.top; prev = ch;
      }
    }
  }
  return bad.join("; ");
})()`

// midWordBreaks gives the mid-word breaks (midWordBreaksJS) of the
// current page's elements matched by selector at 320 px; "" if none.
func midWordBreaks(t *testing.T, b *browserRun, selector string) string {
	t.Helper()
	var bad string
	b.run("mid-word breaks at 320 px", chromedp.EmulateViewport(320, 800), chromedp.Evaluate(fmt.Sprintf(midWordBreaksJS, selector), &bad))
	b.run("back to 1280 px", chromedp.EmulateViewport(1280, 1000))
	return bad
}

// TestNarrowLabelsBreakAtJoints: at 320 px the events of the notification
// settings broke mid-syllable ("Tagesordnu|ng veröffentlic|ht",
// "Umlaufverfa|hren": the column could shrink to any width) and the FachMK
// checkboxes of the registration form too ("Gesundheitsministerkonfere|nz");
// they break at spaces and at the joints of compounds now (hyphenate).
func TestNarrowLabelsBreakAtJoints(t *testing.T) {
	browserTest(t)
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	b := newBrowser(t, ts.URL)
	b.login("hessen")
	for _, tc := range []struct{ path, selector string }{
		{"/benachrichtigungen", "table.prefs tbody th"},
		{"/sitzungen/48/anmeldung", "#fachmk .checks label"},
	} {
		b.page(tc.path)
		var form bool
		b.run("the page's form", chromedp.Evaluate(fmt.Sprintf(`document.querySelectorAll(%q).length > 0`, tc.selector), &form))
		if !form {
			t.Fatalf("%s has no %s", tc.path, tc.selector)
		}
		if bad := midWordBreaks(t, b, tc.selector); bad != "" {
			t.Errorf("%s at 320 px breaks mid-word: %s", tc.path, bad)
		}
		noSidewaysScroll(t, b, "worte"+strings.ReplaceAll(tc.path, "/", "-"))
	}
}
