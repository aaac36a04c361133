package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestProcedureResultNotice: when a written procedure closes, every
// subscribed member office and the secretariat hear the result — adopted
// or not, the phrase the decision keeps, the link to the decision (or to
// the procedure when none was adopted) — on both closing paths: the
// deadline passed (the closing loop, run twice and at once by two
// instances: one message each) and ended early by the secretariat once
// every member voted; and where the consent of all is missing.
func TestProcedureResultNotice(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := lawFixture(t, s)
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	account(t, s, model.User{Username: "gs", Role: model.RoleSecretariat}, model.ChannelEmail, "gs@fitko.example", model.EventsFor(model.RoleSecretariat)...)
	account(t, s, model.User{Username: "hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "he@example.org", model.EventsFor(model.RoleMember)...)
	account(t, s, model.User{Username: "hamburg", Role: model.RoleMember, MemberAbbrev: "HH"}, model.ChannelMatrix, "!hh:matrix.example", model.EventProcedureResult)
	// Switched off: subscribed to the start, not to the result.
	account(t, s, model.User{Username: "saarland", Role: model.RoleMember, MemberAbbrev: "SL"}, model.ChannelEmail, "sl@example.org", model.EventProcedureStarted)
	gmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"}))
	account(t, s, model.User{Username: "gmk", Role: model.RoleFachMK, ConferenceID: gmk}, model.ChannelEmail, "gmk@example.org", model.EventsFor(model.RoleFachMK)...)
	want := "!hh:matrix.example gs@fitko.example he@example.org"

	start := func(title string, allMustConsent bool) int64 {
		t.Helper()
		return must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft,
			Scope: model.ScopeAll, Title: title, Applicants: []string{"Bund"}, AllMustConsent: allMustConsent}, Deadline: now.Add(48 * time.Hour)}))
	}
	results := func(pid int64) []model.Notification {
		t.Helper()
		list, _, err := s.Notifications(ctx, OutboxFilter{Event: model.EventProcedureResult, Limit: 1000})
		check(t, err)
		var out []model.Notification
		for _, n := range list {
			if n.Ref == fmt.Sprintf("umlauf_ergebnis:%d", pid) {
				out = append(out, n)
			}
		}
		return out
	}
	recipients := func(list []model.Notification) string {
		var r []string
		for _, n := range list {
			r = append(r, n.Recipient)
		}
		sort.Strings(r)
		return strings.Join(r, " ")
	}

	t.Run("deadline, closing loop twice and at once", func(t *testing.T) {
		pid := start("Cloud-Strategie im Umlauf", false)
		for _, m := range voters {
			if m != "HE" {
				check(t, s.CastVote(ctx, pid, m, model.VoteYes))
			}
		}
		check(t, s.CastVote(ctx, pid, "HE", model.VoteAbstain))
		if got := results(pid); len(got) != 0 {
			t.Fatalf("a result before the close: %v", recipients(got))
		}
		after := now.Add(49 * time.Hour)
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				if _, err := s.CloseDueProcedures(ctx, after); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		must[[]model.WrittenProcedure](t)(s.CloseDueProcedures(ctx, after.Add(time.Minute)))
		got := results(pid)
		if recipients(got) != want {
			t.Fatalf("recipients = %q, want %q", recipients(got), want)
		}
		p := must[model.WrittenProcedure](t)(s.Procedure(ctx, pid))
		d := must[model.Decision](t)(s.Decision(ctx, p.DecisionID))
		n := got[0]
		if d.Label == "" || n.Link != "/beschluesse/"+d.Label ||
			!strings.Contains(n.Subject, "Umlaufverfahren (IT-PLR) abgeschlossen: „Cloud-Strategie im Umlauf“ – Beschluss "+d.Label+" gefasst") ||
			!strings.Contains(n.Body, "Der Beschluss "+d.Label+" ist gefasst.") ||
			!strings.Contains(n.Body, "Ergebnis: "+d.Result+".") || d.Result != "einstimmig, bei Enthaltung von HE (Umlaufverfahren)" ||
			!strings.Contains(n.Body, "Frist: 04.03.2026, 10:00 Uhr") {
			t.Errorf("notice %q / %q / %q, decision %s %q", n.Subject, n.Body, n.Link, d.Label, d.Result)
		}
	})

	t.Run("ended early by the secretariat", func(t *testing.T) {
		pid := start("Früh beendet", false)
		for _, m := range voters {
			choice := model.VoteNo
			if m == "Bund" {
				choice = model.VoteYes
			}
			check(t, s.CastVote(ctx, pid, m, choice))
		}
		must[model.WrittenProcedure](t)(s.EndProcedureEarly(ctx, pid))
		got := results(pid)
		if recipients(got) != want {
			t.Fatalf("recipients = %q, want %q", recipients(got), want)
		}
		n := got[0]
		if n.Link != fmt.Sprintf("/umlaufverfahren/%d", pid) || !strings.Contains(n.Subject, "– nicht angenommen") ||
			!strings.Contains(n.Body, "Der Beschlussvorschlag ist nicht angenommen.") || !strings.Contains(n.Body, "Ergebnis: abgelehnt bei Gegenstimmen") ||
			!strings.Contains(n.Body, "vorzeitig beendet am 02.03.2026, 10:00 Uhr") {
			t.Errorf("notice %q / %q / %q", n.Subject, n.Body, n.Link)
		}
		// Closing again: the procedure is closed, nothing more is queued.
		must[[]model.WrittenProcedure](t)(s.CloseDueProcedures(ctx, now.Add(72*time.Hour)))
		if got := results(pid); len(got) != 3 {
			t.Errorf("%d messages after the loop ran again", len(got))
		}
	})

	t.Run("consent of all missing", func(t *testing.T) {
		pid := start("Gründung mit Zustimmung aller", true)
		for _, m := range voters {
			if m != "TH" {
				check(t, s.CastVote(ctx, pid, m, model.VoteYes))
			}
		}
		must[[]model.WrittenProcedure](t)(s.CloseDueProcedures(ctx, now.Add(96*time.Hour)))
		got := results(pid)
		if recipients(got) != want {
			t.Fatalf("recipients = %q, want %q", recipients(got), want)
		}
		p := must[model.WrittenProcedure](t)(s.Procedure(ctx, pid))
		n := got[0]
		if !strings.Contains(n.Body, "Der Beschlussvorschlag ist nicht angenommen.") || !strings.Contains(n.Body, "Ergebnis: "+p.Result+".") ||
			!strings.Contains(n.Body, "die Zustimmung aller Mitglieder ist erforderlich; es fehlt die Zustimmung von TH") ||
			n.Link != fmt.Sprintf("/umlaufverfahren/%d", pid) {
			t.Errorf("notice %q / %q, result %q", n.Subject, n.Body, p.Result)
		}
	})
}
