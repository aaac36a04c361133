package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestNextSpeakerNoticeNamesSpeaker: when the chair gives the floor to
// the next on the speakers' list, the note names who has it, in the
// nominative as German says it ("Das Wort hat der Bund.", "… das
// Saarland.", "… Hessen."), an advisory member by its name after a
// colon. Before, every turn said "Das Wort hat die nächste Person auf
// der Redeliste."
func TestNextSpeakerNoticeNamesSpeaker(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := runSession48(t, ts, st)
	items, _ := st.Items(ctx, se.ID)
	item := items[0]
	top := strconv.FormatInt(item.ID, 10)
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/aufrufen", ts.URL, item.ID), nil); code != http.StatusSeeOther {
		t.Fatalf("call item: %d", code)
	}
	for _, m := range []string{"Bund", "SL", "HE", "DST"} {
		if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/wortmeldungen", url.Values{"sprecher": {m}, "top": {top}}); code != http.StatusSeeOther {
			t.Fatalf("enter %s: %d", m, code)
		}
	}
	for _, want := range []string{"Das Wort hat der Bund.", "Das Wort hat das Saarland.", "Das Wort hat Hessen.", "Das Wort hat: Deutscher Städtetag.", "Niemand wartet auf der Redeliste."} {
		reqs, err := st.SpeakerRequests(ctx, item.ID)
		if err != nil {
			t.Fatal(err)
		}
		seen := "0"
		if cur := model.ListOf(reqs).Current; cur != nil {
			seen = strconv.FormatInt(cur.ID, 10)
		}
		res, err := gs.PostForm(ts.URL+"/sitzungen/48/redeliste/weiter", url.Values{"top": {top}, "am_wort": {seen}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("next (%s): %d", want, res.StatusCode)
		}
		_, page := do(t, gs, "GET", ts.URL+loc, nil)
		if !strings.Contains(page, want) {
			t.Errorf("after next: want %q in the note; notes: %q", want, noticeText(page))
		}
		if strings.Contains(page, "die nächste Person auf der Redeliste") {
			t.Errorf("the note does not name the speaker (want %q)", want)
		}
	}
}

// noticeText gives the part of a page around "Das Wort hat" or
// "Redeliste" for a failure message.
func noticeText(page string) string {
	for _, k := range []string{"Das Wort hat", "Niemand wartet"} {
		if i := strings.Index(page, k); i >= 0 {
			return page[i:min(len(page), i+120)]
		}
	}
	return ""
}
