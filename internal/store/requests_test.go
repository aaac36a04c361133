package store

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/oparl"
)

// requestFixture gives the fixture with a FachMK, a FachMK secretariat's
// account and the secretariat's account, both subscribed to requests by
// e-mail, and a planned 48th session.
func requestFixture(t *testing.T, s *Store) (conf, session48 int64) {
	t.Helper()
	ctx := context.Background()
	id := must[int64](t)
	bodyID, _ := lawFixture(t, s)
	conf = id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	other := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"}))
	subscribedUsers(t, s, model.EventRequest, model.User{Username: "fmk", Name: "GS FMK", Role: model.RoleFachMK, ConferenceID: conf},
		model.User{Username: "gmk", Name: "GS GMK", Role: model.RoleFachMK, ConferenceID: other},
		model.User{Username: "gs", Name: "FITKO", Role: model.RoleSecretariat})
	session48 = id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 6), Status: model.StatusPlanned}))
	return conf, session48
}

// subscribedUsers creates the accounts, each subscribed to the event by
// e-mail at USERNAME@example.org.
func subscribedUsers(t *testing.T, s *Store, event model.Event, users ...model.User) {
	t.Helper()
	ctx := context.Background()
	for _, u := range users {
		uid := must[int64](t)(s.CreateUser(ctx, u, "x"))
		check(t, s.SaveNotificationSettings(ctx, model.NotificationSettings{UserID: uid, Email: u.Username + "@example.org", DueDays: 7,
			Subscriptions: []model.Subscription{{Event: event, Channel: model.ChannelEmail}}}))
	}
}

// outboxTo gives the subjects of the outbox messages to a recipient.
func outboxTo(t *testing.T, s *Store, recipient string) []string {
	t.Helper()
	msgs, _, err := s.Notifications(context.Background(), OutboxFilter{Limit: 1000})
	check(t, err)
	var out []string
	for _, m := range msgs {
		if m.Recipient == recipient {
			out = append(out, m.Subject)
		}
	}
	return out
}

func TestRequestLifecycle(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "fmk")
	conf, s48 := requestFixture(t, s)
	id := must[int64](t)(s.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: "Digitale Steuerbescheide", Text: "Bitte um Befassung\nmit dem Zeitplan", SubmittedBy: "fmk"}))
	q := must[model.Request](t)(s.Request(ctx, id))
	if q.Status != model.RequestReceived || q.SubmittedBy != "fmk" || q.ReceivedOn.IsZero() {
		t.Fatalf("submitted request: %+v", q)
	}
	if got := outboxTo(t, s, "gs@example.org"); len(got) != 1 || !strings.Contains(got[0], "eingegangen") {
		t.Errorf("secretariat's messages: %v", got)
	}
	if got := outboxTo(t, s, "gmk@example.org"); len(got) != 0 {
		t.Errorf("another FachMK hears of the request: %v", got)
	}
	// Declining needs a reason; a stale version is a conflict.
	if err := s.SetRequestStatus(ctx, id, q.Version, model.RequestDeclined, ""); model.ClassOf(err) != model.ErrInput {
		t.Errorf("declined without reason: %v", err)
	}
	if err := s.SetRequestStatus(ctx, id, q.Version+1, model.RequestInReview, ""); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("stale version: %v", err)
	}
	if err := s.SetRequestStatus(ctx, id, q.Version, model.RequestOnAgenda, ""); model.ClassOf(err) != model.ErrRule {
		t.Errorf("on the agenda without an item: %v", err)
	}
	check(t, s.SetRequestStatus(ctx, id, q.Version, model.RequestInReview, ""))
	q = must[model.Request](t)(s.Request(ctx, id))
	// One action: the registration, linked both ways.
	itemID := must[int64](t)(s.RequestToItem(ctx, id, q.Version, RequestItem{SessionID: s48}))
	q = must[model.Request](t)(s.Request(ctx, id))
	it := must[model.AgendaItem](t)(s.Item(ctx, itemID))
	if q.Status != model.RequestOnAgenda || q.ItemID != itemID || it.Status != model.ItemRegistered || it.Title != "Digitale Steuerbescheide" ||
		len(it.Points) != 2 || !it.Impact.Stated || len(it.Impact.ConferenceIDs) != 1 || it.Impact.ConferenceIDs[0] != conf {
		t.Fatalf("request %+v, item %+v", q, it)
	}
	if back := must[model.Request](t)(s.RequestOfItem(ctx, itemID)); back.ID != id {
		t.Errorf("item links back to request %d", back.ID)
	}
	if _, err := s.RequestToItem(ctx, id, q.Version, RequestItem{SessionID: s48}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("a second registration: %v", err)
	}
	if got := outboxTo(t, s, "fmk@example.org"); len(got) != 3 {
		t.Errorf("submitter's messages: %v", got)
	}
	// The registration is declined: the request follows, with the reason
	// the secretariat gave, which the conference reads (before: a fixed
	// sentence; the reason was for the registering "member", the
	// secretariat itself).
	if _, err := s.DecideRegistration(ctx, itemID, it.Version, false, "Thema zuerst in der AL-Runde beraten"); err != nil {
		t.Fatal(err)
	}
	q = must[model.Request](t)(s.Request(ctx, id))
	if q.Status != model.RequestDeclined || q.Reason != "Die Geschäftsstelle hat die Anmeldung nicht in die Tagesordnung aufgenommen: Thema zuerst in der AL-Runde beraten" || q.Outcome == "" {
		t.Errorf("request after the declined registration: %+v", q)
	}
}

func TestRequestFollowsDecision(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	conf, _ := requestFixture(t, s)
	council, err := s.BodyByAbbrev(ctx, "IT-PLR")
	check(t, err)
	s47, err := s.SessionByNumber(ctx, council.ID, 47)
	check(t, err)
	id := must[int64](t)(s.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: "Grundsteuer digital", SubmittedBy: "fmk"}))
	itemID := must[int64](t)(s.RequestToItem(ctx, id, 1, RequestItem{SessionID: s47.ID}))
	it := must[model.AgendaItem](t)(s.Item(ctx, itemID))
	it.Status = model.ItemAccepted
	check(t, s.UpdateItem(ctx, it))
	if q := must[model.Request](t)(s.Request(ctx, id)); q.Status != model.RequestOnAgenda {
		t.Fatalf("accepting the registration changed the request: %+v", q)
	}
	d := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: s47.ID, ItemID: itemID, Kind: model.KindDecision,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Grundsteuer", Points: []model.Point{{Label: "1.", Text: "Der IT-PLR nimmt Kenntnis."}}, Applicants: []string{"Bund"}}))
	if _, err := s.RecordShowOfHands(ctx, s47.ID, d, votesOf(model.VoteYes, append([]string{"Bund"}, laender...)...)); err != nil {
		t.Fatal(err)
	}
	q := must[model.Request](t)(s.Request(ctx, id))
	dec := must[model.Decision](t)(s.Decision(ctx, d))
	if q.Status != model.RequestDone || !strings.Contains(q.Outcome, dec.Label) || dec.Label == "" {
		t.Errorf("request after the decision %q: %+v", dec.Label, q)
	}
}

// TestRequestReachesItsSpokespersons: a request reaches the spokespersons
// in office for its conference who subscribed (concept 2.1: they take the
// FachMK's requests to the IT-PLR), not those of another conference.
// Before, a spokesperson could not subscribe to requests at all.
func TestRequestReachesItsSpokespersons(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "fmk")
	conf, _ := requestFixture(t, s)
	id := must[int64](t)
	council := must[model.Body](t)(s.BodyByAbbrev(ctx, "IT-PLR"))
	gmk := must[model.Body](t)(s.BodyByAbbrev(ctx, "GMK"))
	id(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: council.ID, Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}))
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: conf, Member: "HB", DecisionRef: "B-2022/43-IT"}))
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: gmk.ID, Member: "NI", DecisionRef: "B-2022/43-IT"}))
	subscribedUsers(t, s, model.EventRequest, model.User{Username: "sprecher-hb", Name: "Sprecher HB", Role: model.RoleSpokesperson, MemberAbbrev: "HB"},
		model.User{Username: "sprecher-ni", Name: "Sprecher NI", Role: model.RoleSpokesperson, MemberAbbrev: "NI"})
	id(s.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: "Digitale Steuerbescheide", SubmittedBy: "fmk"}))
	if got := outboxTo(t, s, "sprecher-hb@example.org"); len(got) != 1 || !strings.Contains(got[0], "Digitale Steuerbescheide") {
		t.Errorf("the FMK's spokesperson: %v", got)
	}
	if got := outboxTo(t, s, "sprecher-ni@example.org"); len(got) != 0 {
		t.Errorf("the GMK's spokesperson hears of the FMK's request: %v", got)
	}
}

// TestResignationIsAnnounced: announcing a resignation records when it
// takes effect and, in the same transaction, announces it to the members
// (concept 1.2: the Land "muss es dies den restlichen
// IT-Planungsratsmitgliedern ankündigen") and to the conference's own
// secretariat, not another conference's; a stale version announces
// nothing. Before, the resignation was recorded and nobody was told.
func TestResignationIsAnnounced(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "gs")
	conf, _ := requestFixture(t, s)
	id := must[int64](t)
	council := must[model.Body](t)(s.BodyByAbbrev(ctx, "IT-PLR"))
	id(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: council.ID, Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}))
	th := id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: conf, Member: "TH", DecisionRef: "B-2022/43-IT"}))
	subscribedUsers(t, s, model.EventResignation, model.User{Username: "hessen", Name: "Büro HE", Role: model.RoleMember, MemberAbbrev: "HE"},
		model.User{Username: "fmk2", Name: "GS FMK", Role: model.RoleFachMK, ConferenceID: conf},
		model.User{Username: "gmk2", Name: "GS GMK", Role: model.RoleFachMK, ConferenceID: must[model.Body](t)(s.BodyByAbbrev(ctx, "GMK")).ID})
	if _, err := s.AnnounceResignation(ctx, th, 2, model.NewDate(2025, 9, 1)); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("stale version: %v", err)
	}
	if got := outboxTo(t, s, "hessen@example.org"); len(got) != 0 {
		t.Fatalf("announced though refused: %v", got)
	}
	next := must[int](t)(s.NextRegularSession(ctx, council.ID))
	a := must[model.Assignment](t)(s.AnnounceResignation(ctx, th, 1, model.NewDate(2025, 9, 1)))
	if a.EndsWithSession != next || a.ResignationOn != model.NewDate(2025, 9, 1) {
		t.Errorf("assignment after the announcement: %+v (next regular session %d)", a, next)
	}
	for _, to := range []string{"hessen@example.org", "fmk2@example.org"} {
		if got := outboxTo(t, s, to); len(got) != 1 || !strings.Contains(got[0], "zurück") {
			t.Errorf("announcement to %s: %v", to, got)
		}
	}
	if got := outboxTo(t, s, "gmk2@example.org"); len(got) != 0 {
		t.Errorf("another conference's secretariat hears of it: %v", got)
	}
	if _, err := s.AnnounceResignation(ctx, th, a.Version, model.NewDate(2025, 9, 2)); model.ClassOf(err) != model.ErrRule {
		t.Errorf("announced twice: %v", err)
	}
}

// TestRequestMarksReachTheItemAsMarks: a request's passages in [[…]] are
// confidential on the agenda item made of it. A request stored with its
// marks as typed (as the form stored every request before migration
// 00800) gives an item whose passages are marks, and the migration turns
// the typed marks of stored requests, and of items already made of them,
// into marks. Before, "[[…]]" went onto the public agenda as typed.
func TestRequestMarksReachTheItemAsMarks(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "fmk")
	conf, s48 := requestFixture(t, s)
	// Texts written before, and the migration: no audit entries (the
	// guard is told so).
	t.Cleanup(func() { s.db.Exec(`DELETE FROM test_changes`) })
	submit := func(title, text string) int64 {
		t.Helper()
		id := must[int64](t)(s.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: "Anliegen", SubmittedBy: "fmk"}))
		// As the form stored it before: the marks as typed.
		if _, err := s.db.ExecContext(ctx, `UPDATE requests SET title = ?, text = ? WHERE id = ?`, title, text, id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	public := func(it model.AgendaItem) string {
		pub := model.Public.Item(it)
		return pub.Title + "\n" + strings.Join(pub.Points, "\n")
	}
	id := submit("Steuerbescheide [[Land X]]", "Bitte um Befassung\n[[Land X blockiert]]\nZeitplan [[offen")
	itemID := must[int64](t)(s.RequestToItem(ctx, id, 1, RequestItem{SessionID: s48}))
	it := must[model.AgendaItem](t)(s.Item(ctx, itemID))
	if got := public(it); strings.Contains(got, "Land X") || strings.Contains(got, "[[") || strings.Contains(got, "offen") || !strings.Contains(got, "Bitte um Befassung") {
		t.Errorf("the public item of a request with typed marks:\n%s", got)
	}
	// An item made before, with the marks as typed; and a request not
	// yet on the agenda.
	if _, err := s.db.ExecContext(ctx, `UPDATE agenda_items SET title = ?, points = ? WHERE id = ?`, "Steuerbescheide [[Land X]]", `["Bitte um Befassung","[[Land X blockiert]]"]`, itemID); err != nil {
		t.Fatal(err)
	}
	waiting := submit("Register [[intern]]", "[[nur intern]] und öffentlich")
	check(t, s.MarkSearchRebuilt(ctx))
	up := migrationUp(t, s, "00800_request_confidential_marks.sql")
	if _, err := s.db.ExecContext(ctx, up); err != nil {
		t.Fatal(err)
	}
	it = must[model.AgendaItem](t)(s.Item(ctx, itemID))
	if got := public(it); strings.Contains(got, "Land X") || strings.Contains(got, "[[") || !strings.Contains(got, "Bitte um Befassung") {
		t.Errorf("the public item after the migration:\n%s", got)
	}
	q := must[model.Request](t)(s.Request(ctx, waiting))
	if q.Title != "Register ⟦intern⟧" || q.Text != "⟦nur intern⟧ und öffentlich" || q.Version != 2 {
		t.Errorf("the request after the migration: %q %q version %d", q.Title, q.Text, q.Version)
	}
	if marked := must[bool](t)(s.SearchNeedsRebuild(ctx)); !marked {
		t.Error("the search index is not marked for a rebuild")
	}
}

// TestOneFunctionPerMemberAndConference: a member that speaks for a
// FachMK cannot be assigned to it a second time while its function is
// active or ends with a session not yet held; another member can, and
// so can the same member for another conference. Before, Bremen was
// assigned twice and listed twice as "aktiv".
func TestOneFunctionPerMemberAndConference(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "gs")
	conf, _ := requestFixture(t, s)
	id := must[int64](t)
	council := must[model.Body](t)(s.BodyByAbbrev(ctx, "IT-PLR"))
	id(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: council.ID, Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}))
	th := id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: conf, Member: "TH", DecisionRef: "B-2022/43-IT"}))
	_, err := s.CreateAssignment(ctx, model.Assignment{ConferenceID: conf, Member: "TH", DecisionRef: "B-2022/43-IT"})
	if model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != "mitglied" || !strings.Contains(model.ReasonOf(err), "Land TH ist bereits Sprecher:in") {
		t.Errorf("TH a second time: %v (at %q)", err, model.FieldOf(err))
	}
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: conf, Member: "HE", DecisionRef: "B-2022/43-IT"}))
	gmk := must[model.Body](t)(s.BodyByAbbrev(ctx, "GMK")).ID
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: gmk, Member: "TH", DecisionRef: "B-2022/43-IT"}))
	// Announced, the function still runs until its session.
	a := must[model.Assignment](t)(s.AnnounceResignation(ctx, th, 1, model.NewDate(2025, 9, 1)))
	if _, err := s.CreateAssignment(ctx, model.Assignment{ConferenceID: conf, Member: "TH", DecisionRef: "B-2022/43-IT"}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("TH again while its function ends with session %d: %v", a.EndsWithSession, err)
	}
	if n := len(must[[]model.Assignment](t)(s.Assignments(ctx, conf))); n != 2 {
		t.Errorf("%d assignments of the conference, want 2", n)
	}
}

// TestRequestMarksMendedInOParl: the OParl AgendaItem of an item made of
// a request before migration 00800 (its marks stored as typed, "[[…]]")
// carried the passage as its name; the migration mends the item, and the
// backlog sync of gremium serve's start builds its object again, so the
// name keeps only the public part of the title. TestRequestMarksReachTheItemAsMarks
// checks the item itself, not its OParl object.
func TestRequestMarksMendedInOParl(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "fmk")
	conf, s48 := requestFixture(t, s)
	t.Cleanup(func() { s.db.Exec(`DELETE FROM test_changes`) })
	id := must[int64](t)(s.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: "Steuerbescheide", Text: "Bitte um Befassung", SubmittedBy: "fmk"}))
	itemID := must[int64](t)(s.RequestToItem(ctx, id, 1, RequestItem{SessionID: s48}))
	it := must[model.AgendaItem](t)(s.Item(ctx, itemID))
	it.Status = model.ItemAccepted
	check(t, s.UpdateItem(ctx, it))
	se := must[model.Session](t)(s.Session(ctx, s48))
	se.AgendaPublished = true
	check(t, s.UpdateSession(ctx, se))
	name := func() string {
		t.Helper()
		var raw []byte
		check(t, s.db.QueryRowContext(ctx, `SELECT json FROM oparl_objects WHERE kind = ? AND src = ? AND deleted = 0`, oparl.KindAgendaItem, itemID).Scan(&raw))
		var o struct{ Name string }
		check(t, json.Unmarshal(raw, &o))
		return o.Name
	}
	if got := name(); got != "Steuerbescheide" {
		t.Fatalf("the AgendaItem's name: %q", got)
	}
	// As RequestToItem stored requests and items before the migration:
	// the marks as typed; the object built from them names the passage.
	_, err := s.db.ExecContext(ctx, `UPDATE requests SET title = ?, text = ? WHERE id = ?`, "Steuerbescheide [[Land X]]", "[[Land X blockiert]]", id)
	check(t, err)
	_, err = s.db.ExecContext(ctx, `UPDATE agenda_items SET title = ?, points = ? WHERE id = ?`, "Steuerbescheide [[Land X]]", `["[[Land X blockiert]]"]`, itemID)
	check(t, err)
	check(t, s.SyncOParl(ctx, nil))
	if got := name(); !strings.Contains(got, "Land X") {
		t.Fatalf("the AgendaItem built from typed marks: %q", got)
	}
	_, err = s.db.ExecContext(ctx, migrationUp(t, s, "00800_request_confidential_marks.sql"))
	check(t, err)
	check(t, s.SyncOParl(ctx, nil))
	if got := name(); strings.Contains(got, "Land X") || strings.Contains(got, "[[") || strings.Contains(got, "⟦") || !strings.Contains(got, "Steuerbescheide") {
		t.Errorf("the AgendaItem after the migration and the sync: %q", got)
	}
}
