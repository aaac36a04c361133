package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gremium/internal/model"
)

// TestFollowUpCommentKeepsLineBreaks: a follow-up's comment of several
// lines showed as one run of text — the line breaks the office typed
// were gone. Now they show (white-space: pre-line on the comment's text,
// which stays escaped: a line with markup shows as typed).
func TestFollowUpCommentKeepsLineBreaks(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	f := demoFollowUp(t, st, "Matrix-Protokoll")
	text := "Stand vom Referat:\r\n- Entwurf liegt vor\r\n- <b>Abstimmung</b> folgt"
	if err := st.AddFollowUpComment(context.Background(), model.FollowUpComment{FollowUpID: f.ID, Author: "Büro Hessen", Member: "HE", Text: text}); err != nil {
		t.Fatal(err)
	}
	path := followUpPathOf(t, st, f.ID)
	_, page := do(t, client(t, hs.ts, "geschaeftsstelle"), "GET", hs.ts.URL+path, nil)
	// The browser sent the line breaks as CR LF; HTML reads either.
	got := strings.ReplaceAll(between(page, `<span class="comment-text">`, "</span>"), "\r\n", "\n")
	if !strings.Contains(got, "Entwurf liegt vor\n- &lt;b&gt;Abstimmung&lt;/b&gt; folgt") {
		t.Errorf("the comment's text: %q", got)
	}

	browserTest(t)
	b := newBrowser(t, hs.ts.URL)
	b.login("geschaeftsstelle")
	b.page(path)
	var lines string
	b.run("read the comment", chromedp.Text(`section[aria-labelledby="kommentare"] li .comment-text`, &lines, chromedp.ByQuery))
	if lines != "Stand vom Referat:\n- Entwurf liegt vor\n- <b>Abstimmung</b> folgt" {
		t.Errorf("the comment as the browser shows it: %q", lines)
	}
}
