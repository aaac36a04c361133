package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// TestPublicationGateCases: the leaks found in issue 12, one by one, each
// on the surface where it was found (the no-leak test covers them all
// together). Each failed before the publication gate.
func TestPublicationGateCases(t *testing.T) {
	ls := newLeakServer(t, nil)
	public := client(t, ls.ts, "")
	get := func(t *testing.T, path string) string {
		t.Helper()
		res, err := public.Get(ls.ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b := readAll(res)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
		if strings.HasSuffix(path, ".pdf") {
			return pdftest.Text(t, []byte(b))
		}
		return b
	}
	p := ls.planted

	t.Run("minutes PDF and text of a planned session with unpublished agenda", func(t *testing.T) {
		// The public finds no minutes of a planned or convened session (404).
		for _, path := range []string{"/sitzungen/48/protokoll.pdf", "/sitzungen/48/protokoll.txt", "/sitzungen/48/protokoll", "/sitzungen/50/protokoll.txt"} {
			res, err := public.Get(ls.ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			body := readAll(res)
			res.Body.Close()
			if res.StatusCode != http.StatusNotFound || strings.Contains(body, carrier) || strings.Contains(body, p.proposalTitle) {
				t.Errorf("%s: %d, or it shows the unpublished agenda", path, res.StatusCode)
			}
		}
		for _, path := range []string{"/sitzungen/48"} {
			body := get(t, path)
			if strings.Contains(body, carrier) || strings.Contains(body, p.proposalTitle) {
				t.Errorf("%s shows the unpublished agenda", path)
			}
		}
	})

	t.Run("proposals and rejected proposals not in the public minutes", func(t *testing.T) {
		for _, path := range []string{"/sitzungen/47/protokoll.pdf", "/sitzungen/47/protokoll.txt", "/sitzungen/47/protokoll", "/sitzungen/47", "/sitzungen/50"} {
			body := get(t, path)
			for _, m := range []string{p.draft47, p.rejected47, leakMark + "PublishedAgendaProposal" + leakEnd, "Beschlussvorschlag"} {
				if strings.Contains(body, m) {
					t.Errorf("%s shows %q", path, m)
				}
			}
		}
		// Internally a proposal is a Beschlussvorschlag without number.
		_, page := do(t, client(t, ls.ts, "hessen"), "GET", ls.ts.URL+"/sitzungen/47", nil)
		for _, want := range []string{"Beschlussvorschlag", leakMark + "ProposalPoint47" + leakEnd, "abgelehnter Beschlussvorschlag", leakMark + "RejectedPoint" + leakEnd} {
			if !strings.Contains(page, want) {
				t.Errorf("internal session page lacks %q", want)
			}
		}
	})

	t.Run("draft minutes are marked Entwurf, approved ones not", func(t *testing.T) {
		for _, path := range []string{"/sitzungen/47/protokoll.pdf", "/sitzungen/47/protokoll.txt", "/sitzungen/47/protokoll", "/sitzungen/47"} {
			if body := get(t, path); !strings.Contains(body, "Entwurf") || !strings.Contains(body, "noch nicht genehmigt") {
				t.Errorf("%s of the 47th session (Protokoll im Entwurf) is not marked Entwurf", path)
			}
		}
		for _, path := range []string{"/sitzungen/46/protokoll.pdf", "/sitzungen/46/protokoll.txt", "/sitzungen/46/protokoll"} {
			if body := get(t, path); strings.Contains(body, "noch nicht genehmigt") {
				t.Errorf("%s of the 46th session (approved) is marked Entwurf", path)
			}
		}
	})

	t.Run("the running session shows its agenda and adopted decisions, not its minutes", func(t *testing.T) {
		body := get(t, "/sitzungen/49")
		if !strings.Contains(body, carrier+" laufend") {
			t.Error("the agenda of the running session is not shown")
		}
		if strings.Contains(body, leakMark+"RunningContribution"+leakEnd) {
			t.Error("the running session shows its minutes rows before they are released")
		}
	})

	t.Run("debrief invitation and PDF carry the public title only", func(t *testing.T) {
		ls.sendDebrief(t)
		out, _, err := ls.st.Notifications(context.Background(), store.OutboxFilter{Event: model.EventDebriefInvitation})
		if err != nil || len(out) == 0 {
			t.Fatalf("outbox: %v %v", out, err)
		}
		msg := out[0]
		if strings.Contains(msg.Body, p.debriefTitle) || !strings.Contains(msg.Body, carrier+" "+model.RedactedPlaceholder) {
			t.Errorf("invitation to %s:\n%s", msg.Recipient, msg.Body)
		}
		if strings.ContainsAny(msg.Body, model.RedactOpen+model.RedactClose) {
			t.Error("the invitation carries confidentiality marks")
		}
		_, pdf := do(t, client(t, ls.ts, "geschaeftsstelle"), "GET", ls.ts.URL+"/sitzungen/47/nachbesprechung.pdf", nil)
		if text := pdftest.Text(t, []byte(pdf)); strings.Contains(text, p.debriefTitle) || !strings.Contains(text, model.RedactedPlaceholder) {
			t.Errorf("debrief PDF:\n%s", text)
		}
	})

	t.Run("follow-ups in the JSON API only with their adopted decision or released minutes", func(t *testing.T) {
		body := get(t, "/api/v1/auftraege")
		for _, m := range []string{"FollowUpOfProposal", "FollowUpAgenda", "RunningFollowUp"} {
			if strings.Contains(body, leakMark+m+leakEnd) {
				t.Errorf("follow-up %s is public", m)
			}
		}
		if !strings.Contains(body, carrier+" "+model.RedactedPlaceholder) || !strings.Contains(body, `"beschluss":"B-2025/95-IT"`) {
			t.Errorf("the follow-up of the adopted decision is missing or unredacted:\n%s", body)
		}
	})

	t.Run("a pending registration's profile only for the members it names and the secretariat", func(t *testing.T) {
		path := ls.ts.URL + "/steckbrief/" + strconv.FormatInt(p.registrationProposal, 10)
		// Hessen registered it, the Bund is the proposal's applicant; the
		// DLT is not named.
		for user, want := range map[string]int{"hessen": http.StatusOK, "geschaeftsstelle": http.StatusOK, "bund": http.StatusOK, "dlt": http.StatusNotFound} {
			code, body := do(t, client(t, ls.ts, user), "GET", path, nil)
			if code != want {
				t.Errorf("%s: %d, want %d", user, code, want)
			}
			if want != http.StatusOK && strings.Contains(body, leakMark+"Registration") {
				t.Errorf("%s sees the registration", user)
			}
		}
	})

	t.Run("OParl and the JSON API show no agenda before it is public", func(t *testing.T) {
		body, err := ls.st.OParlBodyID(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/api/v1/sitzungen/48", "/oparl/v1/body/" + strconv.FormatInt(body, 10) + "/agendaItem", oparlPathOf(t, ls.ts, ls.st, "meeting", "/sitzungen/48")} {
			if body := get(t, path); strings.Contains(body, leakMark+"AgendaTitle"+leakEnd) || strings.Contains(body, p.proposalTitle) {
				t.Errorf("%s shows the unpublished agenda", path)
			}
		}
	})
}
