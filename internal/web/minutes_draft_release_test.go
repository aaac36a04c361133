package web

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestMinutesDraftSaysWhetherReleased: after the session had ended and
// before the Geschäftsstelle released the draft for comments, the minutes
// page and the PDF said only "Entwurf: … noch nicht genehmigt". The public
// version then holds only the agenda and the adopted decisions — a reader
// took the missing discussion for none held, and a member office took the
// secretariat's working copy for the draft sent for comments. Page and PDF
// now say alike that the draft is not yet released, and what that means
// for each version; once released, neither says it.
func TestMinutesDraftSaysWhetherReleased(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, item, d := runningSession(t, st, model.KindDecision)
	if _, err := st.RecordShowOfHands(ctx, sid, d, everyVoter(model.VoteYes)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateContribution(ctx, model.Contribution{ItemID: item, Speaker: "HE", Points: []string{"Hessen begrüßt die Rahmenarchitektur."}}); err != nil {
		t.Fatal(err)
	}
	setStatus := func(next model.SessionStatus) {
		t.Helper()
		se, _ := st.Session(ctx, sid)
		if err := st.SetSessionStatus(ctx, sid, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	setStatus(model.StatusEnded)
	readers := map[string]string{"": minutes.UnreleasedPublicNote, "hessen": minutes.UnreleasedInternalNote, "geschaeftsstelle": minutes.UnreleasedInternalNote}
	check := func(released bool) {
		t.Helper()
		for user, note := range readers {
			c := client(t, ts, user)
			code, page := do(t, c, "GET", ts.URL+"/sitzungen/48/protokoll", nil)
			if code != 200 {
				t.Fatalf("%q: minutes page %d", user, code)
			}
			code, pdf := do(t, c, "GET", ts.URL+"/sitzungen/48/protokoll.pdf", nil)
			if code != 200 {
				t.Fatalf("%q: minutes PDF %d", user, code)
			}
			words := pdftest.Words(t, []byte(pdf))
			main := between(page, "<main", "</main>")
			for what, text := range map[string]string{"page": main, "PDF": words} {
				for _, n := range []string{minutes.UnreleasedPublicNote, minutes.UnreleasedInternalNote} {
					says := strings.Contains(text, n)
					if want := !released && n == note; says != want {
						t.Errorf("reader %q, released %v: the %s says %q: %v, want %v", user, released, what, n, says, want)
					}
				}
			}
		}
	}
	check(false)
	setStatus(model.StatusMinutesDraft)
	check(true)
}
