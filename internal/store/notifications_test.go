package store

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// account creates a user with notification settings: the address on the
// channel and the events.
func account(t *testing.T, s *Store, u model.User, ch model.Channel, addr string, events ...model.Event) int64 {
	t.Helper()
	ctx := context.Background()
	if u.Name == "" {
		u.Name = "Konto " + u.Username
	}
	uid := must[int64](t)(s.CreateUser(ctx, u, "x"))
	set := model.NotificationSettings{UserID: uid, DueDays: 14}
	if ch == model.ChannelEmail {
		set.Email = addr
	} else {
		set.MatrixRoom = addr
	}
	for _, e := range events {
		set.Subscriptions = append(set.Subscriptions, model.Subscription{Event: e, Channel: ch})
	}
	check(t, s.SaveNotificationSettings(ctx, set))
	return uid
}

// queued gives the recipients of the queued notifications of an event,
// sorted.
func queued(t *testing.T, s *Store, e model.Event) []string {
	t.Helper()
	list, _, err := s.Notifications(context.Background(), OutboxFilter{Event: e, Limit: 1000})
	check(t, err)
	var out []string
	for _, n := range list {
		out = append(out, n.Recipient)
	}
	sort.Strings(out)
	return out
}

func TestNotificationSettings(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	fixture(t, s)
	uid := must[int64](t)(s.CreateUser(ctx, model.User{Username: "hessen", Name: "Büro Hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, "x"))
	set := must[model.NotificationSettings](t)(s.NotificationSettings(ctx, uid))
	// Not saved: the defaults of a member office, by e-mail, among them
	// the written procedure (Voreinstellung).
	if set.Saved || set.DueDays != model.DefaultDueDays || !slices.Equal(set.Subscriptions, model.DefaultSubscriptions(model.RoleMember)) ||
		!set.Wants(model.EventProcedureStarted, model.ChannelEmail) || !set.Wants(model.EventProcedureClosing, model.ChannelEmail) {
		t.Fatalf("defaults = %+v", set)
	}
	sub := func(e model.Event, c model.Channel) model.Subscription {
		return model.Subscription{Event: e, Channel: c}
	}
	for _, tc := range []struct {
		name  string
		set   model.NotificationSettings
		class model.Class
	}{
		{"bad e-mail", model.NotificationSettings{Email: "hessen at example", DueDays: 14}, model.ErrInput},
		{"bad room", model.NotificationSettings{MatrixRoom: "#hessen:matrix.org", DueDays: 14}, model.ErrInput},
		{"channel without address", model.NotificationSettings{Email: "a@b.de", DueDays: 14,
			Subscriptions: []model.Subscription{sub(model.EventAgendaPublished, model.ChannelMatrix)}}, model.ErrInput},
		{"event of another role", model.NotificationSettings{Email: "a@b.de", DueDays: 14,
			Subscriptions: []model.Subscription{sub(model.EventDebriefInvitation, model.ChannelEmail)}}, model.ErrRule},
		{"lead time out of range", model.NotificationSettings{DueDays: 0}, model.ErrInput},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.set.UserID = uid
			if err := s.SaveNotificationSettings(ctx, tc.set); model.ClassOf(err) != tc.class || model.ReasonOf(err) == "" {
				t.Errorf("save = %v, want class %v with a German reason", err, tc.class)
			}
		})
	}
	set = model.NotificationSettings{UserID: uid, Email: "hessen@example.org", MatrixRoom: "!abc:matrix.example.org", DueDays: 3,
		Subscriptions: []model.Subscription{sub(model.EventAgendaPublished, model.ChannelEmail), sub(model.EventProcedureClosing, model.ChannelMatrix)}}
	check(t, s.SaveNotificationSettings(ctx, set))
	got := must[model.NotificationSettings](t)(s.NotificationSettings(ctx, uid))
	if !got.Saved || got.Version != 1 || got.DueDays != 3 || !got.Wants(model.EventProcedureClosing, model.ChannelMatrix) || got.Wants(model.EventAgendaPublished, model.ChannelMatrix) {
		t.Fatalf("saved = %+v", got)
	}
	// A second save based on the version read wins, a stale one is refused.
	got.Subscriptions = got.Subscriptions[:1]
	check(t, s.SaveNotificationSettings(ctx, got))
	if err := s.SaveNotificationSettings(ctx, got); !errors.Is(err, model.ErrConflict) {
		t.Errorf("stale save: %v", err)
	}
	if subs := must[[]Subscriber](t)(s.Subscribers(ctx, model.EventProcedureClosing)); len(subs) != 0 {
		t.Errorf("unsubscribed, still %+v", subs)
	}
}

func TestProducersQueueInTheirTransaction(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return clock })
	account(t, s, model.User{Username: "gs", Role: model.RoleSecretariat}, model.ChannelEmail, "gs@fitko.example", model.EventsFor(model.RoleSecretariat)...)
	account(t, s, model.User{Username: "hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "he@example.org", model.EventsFor(model.RoleMember)...)
	account(t, s, model.User{Username: "hamburg", Role: model.RoleMember, MemberAbbrev: "HH"}, model.ChannelMatrix, "!hh:matrix.example", model.EventsFor(model.RoleMember)...)
	account(t, s, model.User{Username: "dlt", Role: model.RoleAdvisory, MemberAbbrev: "DLT"}, model.ChannelEmail, "dlt@example.org", model.EventsFor(model.RoleAdvisory)...)
	off := account(t, s, model.User{Username: "weg", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "weg@example.org", model.EventsFor(model.RoleMember)...)
	bypassStore(t, s, `UPDATE users SET disabled = 1 WHERE id = ?`, off)

	t.Run("agenda published", func(t *testing.T) {
		id := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2026, 6, 18), Place: "Berlin", Status: model.StatusPlanned}))
		must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: id, Number: "1", Title: "Begrüßung", Status: model.ItemAccepted}))
		must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: id, Number: "2", Title: "Haushalt " + model.Redact("vertraulich"), Status: model.ItemAccepted, Position: 1}))
		must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: id, Title: "Nur angemeldet", Status: model.ItemRegistered, Position: 2}))
		se := must[model.Session](t)(s.Session(ctx, id))
		// A refused publication queues nothing.
		stale := se
		stale.AgendaPublished, stale.Version = true, se.Version+5
		if err := s.UpdateSession(ctx, stale); !errors.Is(err, model.ErrConflict) {
			t.Fatalf("stale publication: %v", err)
		}
		if got := queued(t, s, model.EventAgendaPublished); len(got) != 0 {
			t.Fatalf("a refused publication queued %v", got)
		}
		se.AgendaPublished = true
		check(t, s.UpdateSession(ctx, se))
		want := []string{"!hh:matrix.example", "dlt@example.org", "gs@fitko.example", "he@example.org"}
		if got := queued(t, s, model.EventAgendaPublished); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("recipients = %v, want %v", got, want)
		}
		// Unpublishing and publishing again is the same occasion: nothing new.
		se = must[model.Session](t)(s.Session(ctx, id))
		se.AgendaPublished = false
		check(t, s.UpdateSession(ctx, se))
		se.AgendaPublished, se.Version = true, se.Version+1
		check(t, s.UpdateSession(ctx, se))
		list, _, _ := s.Notifications(ctx, OutboxFilter{Event: model.EventAgendaPublished})
		if len(list) != 4 {
			t.Fatalf("%d notifications after publishing twice", len(list))
		}
		body := list[0].Body
		if !strings.Contains(body, "TOP 2  Haushalt [geschwärzt]") || strings.Contains(body, "vertraulich") || strings.Contains(body, "Nur angemeldet") ||
			!strings.Contains(body, "48. Sitzung (IT-Planungsrat) am 18.06.2026, in Berlin") || list[0].Link != "/sitzungen/48" {
			t.Errorf("body = %q, link %q", body, list[0].Link)
		}
	})

	t.Run("minutes released for comment", func(t *testing.T) {
		id := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusEnded}))
		se := must[model.Session](t)(s.Session(ctx, id))
		check(t, s.SetSessionStatus(ctx, id, se.Version, model.StatusMinutesDraft))
		want := "!hh:matrix.example dlt@example.org gs@fitko.example he@example.org"
		if got := strings.Join(queued(t, s, model.EventMinutesForComment), " "); got != want {
			t.Errorf("recipients = %s", got)
		}
	})

	t.Run("written procedure started and closing", func(t *testing.T) {
		deadline := clock.Add(72 * time.Hour)
		pid := must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
			Title: "Umlauf zur Cloud", Applicants: []string{"Bund"}}, Deadline: deadline}))
		want := "!hh:matrix.example dlt@example.org gs@fitko.example he@example.org"
		if got := strings.Join(queued(t, s, model.EventProcedureStarted), " "); got != want {
			t.Errorf("started: recipients = %s", got)
		}
		check(t, s.CastVote(ctx, pid, "HE", model.VoteYes))
		must[[]model.WrittenProcedure](t)(s.CloseDueProcedures(ctx, deadline.Add(-2*time.Hour)))
		// Only the member accounts whose member has not voted.
		if got := strings.Join(queued(t, s, model.EventProcedureClosing), " "); got != "!hh:matrix.example" {
			t.Errorf("closing: recipients = %s", got)
		}
		list, _, _ := s.Notifications(ctx, OutboxFilter{Event: model.EventProcedureClosing})
		if !strings.Contains(list[0].Subject, "“ endet am 05.03.2026, 10:00 Uhr") { // 09:00 UTC is 10:00 in Berlin
			t.Errorf("subject = %q", list[0].Subject)
		}
		// A member office votes in the IT-PLR and in the AL-Runde: every
		// notice names the body that decides.
		if n := list[0]; !strings.Contains(n.Subject, "Umlaufverfahren (IT-PLR)") || !strings.Contains(n.Body, "(Gremium: IT-PLR)") {
			t.Errorf("the reminder does not name the body: %q / %q", n.Subject, n.Body)
		}
		// Who had not voted is the state when the reminder was written (it
		// may wait in the outbox), and says so: before, "Noch keine Stimme
		// abgegeben haben: …" read as now when it went out hours later.
		if n := list[0]; !regexp.MustCompile(`Noch keine Stimme abgegeben hatten am \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr: `).MatchString(n.Body) {
			t.Errorf("the reminder's list does not say when it was taken: %q", n.Body)
		}
		started, _, _ := s.Notifications(ctx, OutboxFilter{Event: model.EventProcedureStarted})
		if n := started[0]; !strings.Contains(n.Subject, "Umlaufverfahren (IT-PLR) gestartet") || !strings.Contains(n.Body, "(Gremium: IT-PLR; Beschluss:") {
			t.Errorf("the notice of the start does not name the body: %q / %q", n.Subject, n.Body)
		}
		// Who may vote follows the body's rules, the list the votes are
		// counted over: the IT-PLR's are the Bund and the Länder, another
		// conference's may be fewer. Before, every notice said "Bund und
		// Länder".
		if n := started[0]; !strings.Contains(n.Body, "Abstimmen können Bund und Länder bis zur Frist") {
			t.Errorf("the IT-PLR's notice of the start: %q", n.Body)
		}
		rules := model.ITPLRRules()
		rules.Voters = []string{"Bund", "HE"}
		other := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyPlanningCouncil, Abbrev: "KoKo", Name: "Koordinierungskonferenz", DecisionPattern: "K-{JJJJ}/{NN}", Rules: rules}))
		must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: other, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
			Title: "Umlauf der Konferenz", Applicants: []string{"Bund"}}, Deadline: deadline}))
		started, _, _ = s.Notifications(ctx, OutboxFilter{Event: model.EventProcedureStarted, Limit: 1000})
		var found bool
		for _, n := range started {
			if strings.Contains(n.Subject, "Umlauf der Konferenz") {
				found = true
				if !strings.Contains(n.Body, "Abstimmen können Bund und Hessen bis zur Frist") || !strings.Contains(n.Body, "Gremium: KoKo") {
					t.Errorf("the other conference's notice of the start: %q", n.Body)
				}
			}
		}
		if !found {
			t.Error("no notice of the other conference's procedure")
		}
		// A procedure that needs the consent of all says so in both
		// notices: a missing vote blocks it (before, they stated only the
		// rule of the kind and "ohne Stimme wird Enthaltung gewertet").
		all := must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
			Title: "Gründungsbeschluss im Umlauf", Applicants: []string{"Bund"}, AllMustConsent: true}, Deadline: deadline}))
		must[[]model.WrittenProcedure](t)(s.CloseDueProcedures(ctx, deadline.Add(-2*time.Hour)))
		for _, event := range []model.Event{model.EventProcedureStarted, model.EventProcedureClosing} {
			list, _, _ := s.Notifications(ctx, OutboxFilter{Event: event, Limit: 1000})
			found = false
			for _, n := range list {
				if n.Link == fmt.Sprintf("/umlaufverfahren/%d", all) {
					found = true
					if !strings.Contains(n.Body, "Zustimmung aller Mitglieder erforderlich") || !strings.Contains(n.Body, "ohne die Zustimmung jedes Mitglieds kommt der Beschluss nicht zustande") {
						t.Errorf("%s of a procedure needing everyone's consent: %q", event, n.Body)
					}
				}
			}
			if !found {
				t.Errorf("no %s of the procedure needing everyone's consent", event)
			}
		}
	})
}

func TestDebriefInvitation(t *testing.T) {
	s, _ := newStore(t)
	s.SetClock(func() time.Time { return time.Date(2025, 7, 1, 9, 0, 0, 0, model.Berlin) }) // the debriefs below lie ahead (model.Debrief.CheckDay)
	ctx := context.Background()
	bodyID, sessionID := fixture(t, s)
	id := must[int64](t)
	fmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"}))
	jmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "JuMiKo", Name: "Justizministerkonferenz"}))
	id(s.CreateContact(ctx, model.Contact{BodyID: fmk, Name: "Geschäftsstelle GMK", Email: "gs@gmk.example"}))
	id(s.CreateContact(ctx, model.Contact{BodyID: fmk, Name: "Vorsitz", Email: "GS@gmk.example"})) // the same address
	id(s.CreateContact(ctx, model.Contact{BodyID: jmk, Name: "Telefon only"}))
	id(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: bodyID, Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}))
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HE", DecisionRef: "B-2022/43-IT"}))
	account(t, s, model.User{Username: "gmk", Role: model.RoleFachMK, ConferenceID: fmk}, model.ChannelMatrix, "!gmk:matrix.example", model.EventDebriefInvitation)
	account(t, s, model.User{Username: "jumiko", Role: model.RoleFachMK, ConferenceID: jmk}, model.ChannelEmail, "jumiko@example.org", model.EventDebriefInvitation)
	account(t, s, model.User{Username: "sprecher-he", Role: model.RoleSpokesperson, MemberAbbrev: "HE"}, model.ChannelEmail, "sprecher@he.example", model.EventDebriefInvitation)
	account(t, s, model.User{Username: "sprecher-hh", Role: model.RoleSpokesperson, MemberAbbrev: "HH"}, model.ChannelEmail, "sprecher@hh.example", model.EventDebriefInvitation)
	account(t, s, model.User{Username: "mitglied", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "ignored@he.example", model.EventAgendaPublished)

	// A decision recorded as taken belongs to a session that has ended.
	se := must[model.Session](t)(s.Session(ctx, sessionID))
	check(t, s.SetSessionStatus(ctx, sessionID, se.Version, model.StatusEnded))
	dec := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll,
		Title: "Gesundheitsdaten", Number: model.DecisionNumber{Year: 2025, Seq: 30}}))
	dbID := id(s.CreateDebrief(ctx, model.Debrief{SessionID: sessionID, Entries: []model.DebriefEntry{{DecisionID: dec, ConferenceID: fmk}}}))
	db := must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID))
	if d := must[model.Delivery](t)(s.DebriefDelivery(ctx, dbID)); d.Total() != 0 || d.Label() != "nicht versandt" {
		t.Fatalf("before sending: %+v", d)
	}

	db.HeldOn, db.Invitation = model.NewDate(2025, 7, 10), "Einladung zur Nachbesprechung am 10.07.2025."
	n := must[DebriefSending](t)(s.SendDebriefInvitation(ctx, db, "Einladung zur Nachbesprechung der 47. Sitzung"))
	list, _, _ := s.Notifications(ctx, OutboxFilter{Event: model.EventDebriefInvitation})
	var got []string
	for _, m := range list {
		got = append(got, m.Recipient)
		if m.Ref != DebriefRef(dbID, 1) || m.Body != db.Invitation || m.State != model.DeliveryWaiting {
			t.Errorf("message = %+v", m)
		}
	}
	sort.Strings(got)
	want := []string{"!gmk:matrix.example", "gs@gmk.example", "sprecher@he.example"}
	if n.Invitations != 3 || n.Withdrawals != 0 || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("queued %+v: %v, want %v", n, got, want)
	}
	saved := must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID))
	if !saved.Sent || saved.HeldOn != db.HeldOn || saved.Invitation != db.Invitation || saved.Version != db.Version+1 {
		t.Errorf("debrief after sending = %+v", saved)
	}
	d := must[model.Delivery](t)(s.DebriefDelivery(ctx, dbID))
	if d.Waiting != 3 || d.Done() || d.Label() != "in Warteschlange (0 von 3 versandt)" {
		t.Errorf("delivery = %+v %q", d, d.Label())
	}
	// The sender hands them over: "versandt".
	for range 3 {
		m, claim, ok, err := s.ClaimNotification(ctx, time.Now(), time.Minute, model.Channels)
		if !ok || err != nil {
			t.Fatal(ok, err)
		}
		check(t, s.NotificationSent(ctx, m.ID, claim, time.Now()))
	}
	if d := must[model.Delivery](t)(s.DebriefDelivery(ctx, dbID)); !d.Done() || d.Label() != "versandt" || d.LastSent.IsZero() {
		t.Errorf("delivery = %+v %q", d, d.Label())
	}
	// A stale form sends nothing.
	if _, err := s.SendDebriefInvitation(ctx, db, "x"); !errors.Is(err, model.ErrConflict) {
		t.Errorf("stale send: %v", err)
	}
	// A debrief for a FachMK without any address is refused and saves nothing.
	saved.Entries = []model.DebriefEntry{{DecisionID: dec, ConferenceID: jmk}}
	saved.Place = "geändert"
	account(t, s, model.User{Username: "x", Role: model.RoleSecretariat}, model.ChannelEmail, "x@fitko.example") // subscribed to nothing
	bypassStore(t, s, `DELETE FROM notification_subscriptions WHERE user_id = (SELECT id FROM users WHERE username = 'jumiko')`)
	if _, err := s.SendDebriefInvitation(ctx, saved, "Einladung"); !errors.Is(err, model.ErrRule) || model.ReasonOf(err) == "" {
		t.Errorf("no address: %v", err)
	}
	if again := must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID)); again.Place == "geändert" || again.Version != saved.Version {
		t.Errorf("a refused sending changed the debrief: %+v", again)
	}
}

func TestDecisionRelevantNotice(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	id := must[int64](t)
	fmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"}))
	other := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "UMK", Name: "Umweltministerkonferenz"}))
	account(t, s, model.User{Username: "gmk", Role: model.RoleFachMK, ConferenceID: fmk}, model.ChannelEmail, "gmk@example.org", model.EventDecisionRelevant)
	account(t, s, model.User{Username: "umk", Role: model.RoleFachMK, ConferenceID: other}, model.ChannelEmail, "umk@example.org", model.EventDecisionRelevant)
	it := id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "5", Title: "Gesundheit", Status: model.ItemAccepted}))
	dec := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: it, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Gesundheitsdaten " + model.Redact("geheim"), Applicants: []string{"Bund"}}))
	check(t, s.SaveAssessments(ctx, dec, profileVersion(t, s, dec), []model.Assessment{{ConferenceID: fmk, Relevant: true, AssessedBy: "HE"}, {ConferenceID: other, Relevant: false}}))
	if got := queued(t, s, model.EventDecisionRelevant); len(got) != 0 {
		t.Fatalf("a draft was announced: %v", got)
	}
	must[VoteOutcome](t)(s.RecordShowOfHands(ctx, sessionID, dec, votesOf(model.VoteYes, voters...)))
	check(t, s.SaveAssessments(ctx, dec, profileVersion(t, s, dec), []model.Assessment{{ConferenceID: fmk, Relevant: true, AssessedBy: "HE"}}))
	list, _, _ := s.Notifications(ctx, OutboxFilter{Event: model.EventDecisionRelevant})
	if len(list) != 1 || list[0].Recipient != "gmk@example.org" || strings.Contains(list[0].Body, "geheim") || !strings.HasPrefix(list[0].Link, "/beschluesse/B-2025/") {
		t.Errorf("notifications = %+v", list)
	}
}

func TestMigrationKeepsOldOutbox(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	p, err := s.provider()
	check(t, err)
	// Back to the schema before the delivering outbox, with messages in it.
	_, err = p.DownTo(ctx, 44)
	check(t, err)
	_, err = s.db.ExecContext(ctx, `INSERT INTO outbox (kind, recipients, subject, body, created_at, sent_at) VALUES
		('einladung', '["gs@gmk.example","Geschäftsstelle UMK"]', 'Einladung', 'Text', '2025-07-01T10:00:00Z', ''),
		('erinnerung', '["HH"]', 'Erinnerung', 'Text', '2025-07-02T10:00:00Z', '')`)
	check(t, err)
	check(t, s.Migrate(ctx))
	list, total, err := s.Notifications(ctx, OutboxFilter{})
	check(t, err)
	if total != 3 {
		t.Fatalf("%d rows after the migration", total)
	}
	for _, n := range list {
		if n.State != model.DeliveryCancelled || n.LastError == "" || n.Channel != model.ChannelEmail {
			t.Errorf("migrated row = %+v", n)
		}
	}
	if list[0].Event != model.EventProcedureClosing || list[2].Event != model.EventDebriefInvitation {
		t.Errorf("events = %s, %s", list[0].Event, list[2].Event)
	}
}

// TestProcedureClosesOnTheBerlinDate: a written procedure whose deadline is
// half past midnight in Berlin (still the evening before in UTC) is decided
// on the Berlin date, whatever the server's zone.
func TestProcedureClosesOnTheBerlinDate(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := lawFixture(t, s)
	clock := time.Date(2025, 9, 1, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return clock })
	deadline := time.Date(2025, 9, 3, 22, 30, 0, 0, time.UTC) // 04.09.2025, 00:30 in Berlin
	pid := must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Mitternacht", Applicants: []string{"Bund"}}, Deadline: deadline}))
	for _, m := range voters {
		check(t, s.CastVote(ctx, pid, m, model.VoteYes))
	}
	must[[]model.WrittenProcedure](t)(s.CloseDueProcedures(ctx, deadline.Add(time.Minute)))
	p := must[model.WrittenProcedure](t)(s.Procedure(ctx, pid))
	d := must[model.Decision](t)(s.Decision(ctx, p.DecisionID))
	if d.AdoptedOn != model.NewDate(2025, 9, 4) {
		t.Errorf("adopted on %s, want 04.09.2025 (Berlin)", d.AdoptedOn.German())
	}
}

// TestDebriefInvitationNeedsItsDay: an invitation without the debrief's
// day is refused, and so is a debrief dated before its session (saved or
// sent), each at the date (model.DebriefDateField: the store names the
// debrief's field, not the id a web page gives its input, "nb-datum",
// which it named before); a corrected invitation replaces the one before — its messages
// still waiting are not sent. Before, an invitation "x" went out without
// a day, a debrief on 01.06.2025 for the session of 26.06.2025 was saved,
// and the wrong invitation and the corrected one were both sent.
func TestDebriefInvitationNeedsItsDay(t *testing.T) {
	s, _ := newStore(t)
	s.SetClock(func() time.Time { return time.Date(2025, 7, 1, 9, 0, 0, 0, model.Berlin) }) // the debriefs below lie ahead (model.Debrief.CheckDay)
	ctx := context.Background()
	bodyID, sessionID := fixture(t, s)
	id := must[int64](t)
	gmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"}))
	id(s.CreateContact(ctx, model.Contact{BodyID: gmk, Name: "Geschäftsstelle GMK", Email: "gs@gmk.example"}))
	se := must[model.Session](t)(s.Session(ctx, sessionID))
	check(t, s.SetSessionStatus(ctx, sessionID, se.Version, model.StatusEnded))
	dec := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll,
		Title: "Gesundheitsdaten", Number: model.DecisionNumber{Year: 2025, Seq: 30}}))
	entries := []model.DebriefEntry{{DecisionID: dec, ConferenceID: gmk}}
	before := se.Date.Time().AddDate(0, 0, -25)
	if _, err := s.CreateDebrief(ctx, model.Debrief{SessionID: sessionID, HeldOn: model.BerlinDate(before), Entries: entries}); model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != model.DebriefDateField {
		t.Errorf("a debrief before its session: %v (at %q)", err, model.FieldOf(err))
	}
	dbID := id(s.CreateDebrief(ctx, model.Debrief{SessionID: sessionID, Entries: entries}))
	db := must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID))
	db.Invitation = "x"
	if _, err := s.SendDebriefInvitation(ctx, db, "Einladung"); model.ClassOf(err) != model.ErrInput || model.FieldOf(err) != model.DebriefDateField {
		t.Errorf("an invitation without a day: %v (at %q)", err, model.FieldOf(err))
	}
	db.HeldOn = model.BerlinDate(before)
	if _, err := s.SendDebriefInvitation(ctx, db, "Einladung"); model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != model.DebriefDateField {
		t.Errorf("an invitation to a day before the session: %v (at %q)", err, model.FieldOf(err))
	}
	if err := s.UpdateDebrief(ctx, db); model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != model.DebriefDateField {
		t.Errorf("a saved debrief moved before its session: %v (at %q)", err, model.FieldOf(err))
	}
	if list, _, _ := s.Notifications(ctx, OutboxFilter{Event: model.EventDebriefInvitation}); len(list) != 0 {
		t.Fatalf("refused, yet queued: %+v", list)
	}
	db.HeldOn, db.Invitation = model.BerlinDate(se.Date.Time().AddDate(0, 0, 14)), "Einladung zum falschen Ort"
	must[DebriefSending](t)(s.SendDebriefInvitation(ctx, db, "Einladung"))
	db = must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID))
	db.Invitation = "Einladung, berichtigt"
	must[DebriefSending](t)(s.SendDebriefInvitation(ctx, db, "Einladung (berichtigt)"))
	list, _, _ := s.Notifications(ctx, OutboxFilter{Event: model.EventDebriefInvitation})
	for _, m := range list {
		first := m.Ref == DebriefRef(dbID, 1)
		if first && m.State != model.DeliveryCancelled || !first && m.State != model.DeliveryWaiting {
			t.Errorf("%s (%s): %s", m.Ref, m.Body, m.State)
		}
	}
	if len(list) != 2 {
		t.Errorf("%d messages, want the first and the corrected one", len(list))
	}
}
