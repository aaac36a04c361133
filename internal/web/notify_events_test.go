package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/notify"
	"gremium/internal/store"
)

// subscribe saves the notification settings of user through the
// preferences page: an e-mail address and the events on e-mail.
func subscribe(t *testing.T, ts *httptest.Server, user, email string, events ...model.Event) {
	t.Helper()
	form := url.Values{"version": {"0"}, "email": {email}}
	for _, e := range events {
		form.Add("abo", string(e)+":email")
	}
	if code, body := do(t, client(t, ts, user), "POST", ts.URL+"/benachrichtigungen", form); code != http.StatusSeeOther {
		t.Fatalf("preferences of %s: %d %s", user, code, body)
	}
}

// outboxOf gives the queued messages of an event, by recipient.
func outboxOf(t *testing.T, st *store.Store, e model.Event) map[string][]model.Notification {
	t.Helper()
	list, _, err := st.Notifications(context.Background(), store.OutboxFilter{Event: e, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]model.Notification{}
	for _, n := range list {
		out[n.Recipient] = append(out[n.Recipient], n)
	}
	return out
}

// TestDebriefPresenterHearsOfIt: the member office named to present a
// decision in the debrief saw it only on "Mein Bereich"; now sending the
// invitation tells its subscribed accounts, with the decision, the FachMK,
// the date and the link to where they find it. Sending again after a
// change tells the new presenter, as changed, and the former one that it
// presents no more; an office that did not subscribe hears nothing.
func TestDebriefPresenterHearsOfIt(t *testing.T) {
	ts, st := debriefServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: fmk.ID, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}); err != nil {
		t.Fatal(err)
	}
	subscribe(t, ts, "hamburg", "buero@hh.example", model.EventDebriefPresentation)
	subscribe(t, ts, "hessen", "buero@he.example", model.EventDebriefPresentation)
	subscribe(t, ts, "bayern", "buero@by.example", model.EventAgendaPublished) // switched off

	form := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Einladung"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HH"},
		"aufnehmen_1": {"1"}, "vorstellung_1": {"BY"}}
	if code, body := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung/versenden", form); code != http.StatusSeeOther {
		t.Fatalf("send: %d %s", code, body)
	}
	got := outboxOf(t, st, model.EventDebriefPresentation)
	if len(got) != 1 || len(got["buero@hh.example"]) != 1 {
		t.Fatalf("presenter notices after the first sending: %v", got)
	}
	n := got["buero@hh.example"][0]
	if n.Link != "/mein-bereich#h-vorstellungen" || !strings.Contains(n.Subject, "Vorstellung in der Nachbesprechung der 47. Sitzung") ||
		!strings.Contains(n.Body, "am 10.07.2025 (Videokonferenz)") || !strings.Contains(n.Body, "Ihr Mitglied (HH) stellt dort") ||
		!strings.Contains(n.Body, "B-2025/") || !strings.Contains(n.Body, "für die Finanzministerkonferenz") || strings.Contains(n.Subject, "geändert") {
		t.Errorf("notice %q / %q / %q", n.Subject, n.Body, n.Link)
	}
	// The page it links to lists the presentation.
	if _, page := do(t, client(t, ts, "hamburg"), "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(page, `id="h-vorstellungen"`) {
		t.Error("the link's target has no presentations")
	}

	// Changed: Hessen presents instead of Hamburg, the invitation is sent again.
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	db, err := st.DebriefOfSession(ctx, s47.ID)
	if err != nil {
		t.Fatal(err)
	}
	form.Set("version", fmt.Sprint(db.Version))
	form.Set("vorstellung_0", "HE")
	form.Set("datum", "2025-07-17")
	if code, body := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung/versenden", form); code != http.StatusSeeOther {
		t.Fatalf("send again: %d %s", code, body)
	}
	got = outboxOf(t, st, model.EventDebriefPresentation)
	if len(got["buero@he.example"]) != 1 || len(got["buero@hh.example"]) != 2 || len(got) != 2 {
		t.Fatalf("presenter notices after the second sending: %v", got)
	}
	he := got["buero@he.example"][0]
	if !strings.Contains(he.Subject, "geändert") || !strings.Contains(he.Body, "am 17.07.2025") || !strings.Contains(he.Body, "Ihr Mitglied (HE)") {
		t.Errorf("new presenter's notice %q / %q", he.Subject, he.Body)
	}
	var gone model.Notification
	for _, n := range got["buero@hh.example"] {
		if strings.Contains(n.Subject, "Keine Vorstellung mehr") {
			gone = n
		}
	}
	if !strings.Contains(gone.Body, "stellt dort keinen Beschluss mehr vor") {
		t.Errorf("the former presenter was not told: %v", got["buero@hh.example"])
	}
	// Delivered once each.
	rec := &recordingSender{}
	w := &notify.Worker{Store: st, Senders: map[model.Channel]notify.Sender{model.ChannelEmail: rec}}
	if _, err := w.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := w.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	sent := 0
	for _, n := range rec.sent {
		if n.Event == model.EventDebriefPresentation {
			sent++
		}
	}
	if sent != 3 {
		t.Errorf("%d presenter messages delivered, want 3", sent)
	}
}

// TestProcedureResultReachesMembers: a written procedure closed, and the
// member offices learned the result only by opening its page; now its
// subscribers hear it, through both paths — the secretariat's early end
// on the page, the closing loop at the deadline (run twice: one message
// each) — with the result phrase and the link to the decision.
func TestProcedureResultReachesMembers(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	subscribe(t, ts, "hessen", "buero@he.example", model.EventProcedureResult)
	subscribe(t, ts, "geschaeftsstelle", "gs@fitko.example", model.EventProcedureResult)
	subscribe(t, ts, "hamburg", "buero@hh.example", model.EventProcedureStarted) // not the result
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	start := func(title string, deadline time.Time) int64 {
		t.Helper()
		pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
			Scope: model.ScopeAll, Title: title, Applicants: []string{"Bund"}}, Deadline: deadline})
		if err != nil {
			t.Fatal(err)
		}
		return pid
	}
	voteAll := func(pid int64, choice model.VoteChoice) {
		t.Helper()
		for _, m := range itplr.Members() {
			if m.Kind.Votes() {
				if err := st.CastVote(ctx, pid, m.Abbrev, choice); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	gs := client(t, ts, "geschaeftsstelle")

	early := start("Früh beendet", time.Now().Add(72*time.Hour))
	voteAll(early, model.VoteYes)
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/umlaufverfahren/%d/beenden", ts.URL, early), nil); code != http.StatusSeeOther {
		t.Fatalf("early end: %d", code)
	}
	p, _ := st.Procedure(ctx, early)
	d, _ := st.Decision(ctx, p.DecisionID)
	got := outboxOf(t, st, model.EventProcedureResult)
	if len(got) != 2 || len(got["buero@he.example"]) != 1 || len(got["gs@fitko.example"]) != 1 {
		t.Fatalf("after the early end: %v", got)
	}
	n := got["buero@he.example"][0]
	if d.Label == "" || n.Link != "/beschluesse/"+d.Label || !strings.Contains(n.Body, "Ergebnis: "+d.Result+".") || !strings.Contains(n.Subject, "Empfehlung "+d.Label+" ausgesprochen") ||
		!strings.Contains(n.Body, "Die Empfehlung "+d.Label+" ist ausgesprochen.") || !strings.Contains(n.Body, "vorzeitig beendet") {
		// The procedure decides an Empfehlung: the notice names it so
		// (before: "Beschluss … gefasst").
		t.Errorf("notice %q / %q / %q (decision %s %q)", n.Subject, n.Body, n.Link, d.Label, d.Result)
	}
	if _, page := do(t, client(t, ts, "hessen"), "GET", ts.URL+n.Link, nil); !strings.Contains(page, d.Label) {
		t.Error("the link does not lead to the decision")
	}

	deadline := time.Now().Add(time.Hour)
	due := start("Zur Frist", deadline)
	voteAll(due, model.VoteNo)
	loop := &notify.Reminders{Store: st, Now: func() time.Time { return deadline.Add(time.Minute) }}
	for range 2 {
		if _, err := loop.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	got = outboxOf(t, st, model.EventProcedureResult)
	if len(got["buero@he.example"]) != 2 || len(got["gs@fitko.example"]) != 2 || len(got) != 2 {
		t.Fatalf("after the closing loop ran twice: %v", got)
	}
	for _, n := range got["buero@he.example"] {
		if n.Link == fmt.Sprintf("/umlaufverfahren/%d", due) {
			if !strings.Contains(n.Subject, "nicht angenommen") || !strings.Contains(n.Body, "Ergebnis: abgelehnt") {
				t.Errorf("rejected notice %q / %q", n.Subject, n.Body)
			}
		}
	}
}

// TestFollowUpReminderByHand: the secretariat could not remind the
// responsible members of one open follow-up; now "Erinnerung senden" on
// its page queues the message to their subscribed offices, confirms whom
// it reached, and records it in the follow-up's comments and audit log; a
// form sent twice reminds once, a finished follow-up is refused with the
// reason, and a member cannot send it.
func TestFollowUpReminderByHand(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	fid, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items[0].ID, Text: "Bericht zur Cloud-Strategie vorlegen", Responsible: "HE, Hamburg, PG Cloud",
		DueDate: model.NewDate(2026, 9, 30), Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	subscribe(t, ts, "hessen", "buero@he.example", model.EventFollowUpReminder)
	subscribe(t, ts, "hamburg", "buero@hh.example", model.EventFollowUpReminder)
	subscribe(t, ts, "bayern", "buero@by.example", model.EventFollowUpReminder) // not responsible
	gs := client(t, ts, "geschaeftsstelle")
	path := fmt.Sprintf("%s/auftraege/%d", ts.URL, fid)
	view := ts.URL + followUpPathOf(t, st, fid)
	_, page := do(t, gs, "GET", view, nil)
	if !strings.Contains(page, `action="/auftraege/`+fmt.Sprint(fid)+`/erinnerung"`) || !strings.Contains(page, `name="erinnerungen" value="0"`) {
		t.Fatal("no reminder button on the follow-up's page")
	}
	if _, page := do(t, client(t, ts, "hessen"), "GET", view, nil); strings.Contains(page, "/erinnerung\"") {
		t.Error("a member office is offered the reminder")
	}
	if code, _ := do(t, client(t, ts, "hessen"), "POST", path+"/erinnerung", url.Values{"erinnerungen": {"0"}}); code != http.StatusForbidden {
		t.Errorf("a member sent a reminder: %d", code)
	}
	if got := outboxOf(t, st, model.EventFollowUpReminder); len(got) != 0 {
		t.Fatalf("queued before the button: %v", got)
	}

	if code, body := do(t, gs, "POST", path+"/erinnerung", url.Values{"erinnerungen": {"0"}}); code != http.StatusSeeOther {
		t.Fatalf("reminder: %d %s", code, body)
	}
	_, page = do(t, gs, "GET", view, nil)
	if !strings.Contains(page, "Erinnerung gesendet an HH, HE: 2 Nachrichten liegen im Postausgang.") {
		t.Errorf("no confirmation on the page:\n%s", page)
	}
	if !strings.Contains(page, "Erinnerung gesendet an HH, HE (2 Nachrichten).") || !strings.Contains(page, `name="erinnerungen" value="1"`) {
		t.Error("the reminder is not in the follow-up's comments, or the count did not move")
	}
	got := outboxOf(t, st, model.EventFollowUpReminder)
	if len(got) != 2 || len(got["buero@he.example"]) != 1 || len(got["buero@hh.example"]) != 1 {
		t.Fatalf("recipients: %v", got)
	}
	n := got["buero@he.example"][0]
	if n.Link != followUpPathOf(t, st, fid) || !strings.HasPrefix(n.Link, "/auftraege/nr/") || !strings.Contains(n.Subject, "Erinnerung der Geschäftsstelle: Auftrag „Bericht zur Cloud-Strategie vorlegen“") ||
		!strings.Contains(n.Body, "Frist: 30.09.2026.") || !strings.Contains(n.Body, "verantwortlich: HE, Hamburg, PG Cloud") {
		t.Errorf("notice %q / %q / %q", n.Subject, n.Body, n.Link)
	}
	log, err := st.AuditLog(ctx, "follow_up", fid)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range log {
		found = found || e.Action == "remind"
	}
	if !found {
		t.Errorf("no reminder in the audit log: %+v", log)
	}

	// The same form again (a double click, the back button): nothing more.
	code, page := do(t, gs, "POST", path+"/erinnerung", url.Values{"erinnerungen": {"0"}})
	if code != http.StatusConflict || !strings.Contains(page, "Inzwischen wurde bereits an diesen Auftrag erinnert") || !strings.Contains(page, `id="erinnern-fehler"`) {
		t.Errorf("the same form twice: %d\n%s", code, page)
	}
	if got := outboxOf(t, st, model.EventFollowUpReminder); len(got["buero@he.example"]) != 1 {
		t.Errorf("the same form twice queued again: %v", got)
	}
	// A second reminder is a new one.
	if code, _ := do(t, gs, "POST", path+"/erinnerung", url.Values{"erinnerungen": {"1"}}); code != http.StatusSeeOther {
		t.Errorf("second reminder: %d", code)
	}
	if got := outboxOf(t, st, model.EventFollowUpReminder); len(got["buero@he.example"]) != 2 {
		t.Errorf("second reminder not queued: %v", got)
	}

	// Finished: refused with the reason, nothing queued.
	f, _ := st.FollowUp(ctx, fid)
	rep := store.NewFollowUpReport(&model.User{Name: "GS", Role: model.RoleSecretariat}, fid, f.Version, model.FollowUpDone)
	rep.DoneOn, rep.EvidenceText = model.NewDate(2026, 3, 1), "Bericht vorgelegt"
	if err := st.ReportFollowUp(ctx, rep); err != nil {
		t.Fatal(err)
	}
	code, page = do(t, gs, "POST", path+"/erinnerung", url.Values{"erinnerungen": {"2"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Der Auftrag ist „erledigt“; an einen abgeschlossenen Auftrag wird nicht erinnert.") {
		t.Errorf("reminder of a finished follow-up: %d", code)
	}
	if got := outboxOf(t, st, model.EventFollowUpReminder); len(got["buero@he.example"]) != 2 {
		t.Errorf("a finished follow-up was reminded of: %v", got)
	}
	if _, page := do(t, gs, "GET", view, nil); strings.Contains(page, "/erinnerung\"") || !strings.Contains(page, "an einen abgeschlossenen Auftrag wird nicht erinnert") {
		t.Error("the finished follow-up still offers the reminder")
	}

	// No member office receives it: refused, nothing recorded.
	other, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items[0].ID, Text: "Nur Bayern", Responsible: "BY", Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	bayern, _, _ := st.UserLogin(ctx, "bayern")
	set, _ := st.NotificationSettings(ctx, bayern.ID)
	set.Subscriptions = nil
	if err := st.SaveNotificationSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	code, page = do(t, gs, "POST", fmt.Sprintf("%s/auftraege/%d/erinnerung", ts.URL, other), url.Values{"erinnerungen": {"0"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Kein Büro der verantwortlichen Mitglieder (BY)") || strings.Contains(page, "Das Formular zeigt Ihre Eingabe") {
		t.Errorf("reminder nobody receives: %d", code)
	}
	if n, _ := st.FollowUpReminders(ctx, other); n != 0 {
		t.Errorf("a refused reminder was counted: %d", n)
	}
}
