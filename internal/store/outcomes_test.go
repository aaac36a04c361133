package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestConferenceOutcomes: the outcomes of a FachMK's sessions are recorded
// by its secretariat or a spokesperson in office, checked inside the
// write, corrected with a version, listed newest first from a date on,
// and audited.
func TestConferenceOutcomes(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2025, 11, 20, 23, 30, 0, 0, time.UTC) }) // 21.11. in Berlin
	id := must[int64](t)
	fmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	id(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: bodyID, Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}))
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HE", DecisionRef: "B-2022/43-IT"}))
	// HH announced its resignation, which took effect with the 46th session.
	id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Date: model.NewDate(2025, 3, 27), Status: model.StatusMinutesApproved}))
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HH", DecisionRef: "B-2022/43-IT", StartSession: 40, EndsWithSession: 46}))

	herbst := model.ConferenceOutcome{ConferenceID: fmk, HeldOn: model.NewDate(2025, 11, 21), Meeting: "Herbstkonferenz 2025", Reference: "TOP 7",
		Title: "E-Rechnung in allen Landesverwaltungen", Text: "Die FMK bittet den IT-Planungsrat um [[vertraulich: Zahlen]] einen Bericht.", RecordedBy: "Geschäftsstelle der FMK"}
	oid := id(s.CreateConferenceOutcome(ctx, herbst, ""))
	// The spokesperson in office records too; the one whose function ended does not.
	fruehjahr := model.ConferenceOutcome{ConferenceID: fmk, HeldOn: model.NewDate(2025, 5, 8), Title: "Digitale Steuerverwaltung", RecordedBy: "Sprecher HE"}
	id(s.CreateConferenceOutcome(ctx, fruehjahr, "HE"))
	if _, err := s.CreateConferenceOutcome(ctx, fruehjahr, "HH"); model.ClassOf(err) != model.ErrRule {
		t.Errorf("HH after its resignation: %v, want a rule error", err)
	}
	if _, err := s.CreateConferenceOutcome(ctx, model.ConferenceOutcome{ConferenceID: fmk, HeldOn: model.NewDate(2025, 11, 22), Title: "morgen"}, ""); model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != "datum" {
		t.Errorf("a session still to come (today is 21.11. in Berlin): %v at %q", err, model.FieldOf(err))
	}
	if _, err := s.CreateConferenceOutcome(ctx, model.ConferenceOutcome{ConferenceID: bodyID, HeldOn: model.NewDate(2025, 5, 8), Title: "x"}, ""); model.ClassOf(err) != model.ErrInput {
		t.Errorf("an outcome of the IT-PLR itself: %v", err)
	}
	if _, err := s.CreateConferenceOutcome(ctx, model.ConferenceOutcome{ConferenceID: fmk, HeldOn: model.NewDate(2025, 5, 8)}, ""); model.FieldOf(err) != "titel" {
		t.Errorf("without title: %v at %q", err, model.FieldOf(err))
	}

	all := must[[]model.ConferenceOutcome](t)(s.ConferenceOutcomes(ctx, fmk, model.Date{}, 0))
	if len(all) != 2 || all[0].ID != oid || all[0].Meeting != "Herbstkonferenz 2025" || all[0].Reference != "TOP 7" || all[0].HeldOn != herbst.HeldOn || all[0].Recorded.IsZero() {
		t.Fatalf("outcomes = %+v", all)
	}
	if since := must[[]model.ConferenceOutcome](t)(s.ConferenceOutcomes(ctx, fmk, model.NewDate(2025, 6, 26), 0)); len(since) != 1 || since[0].ID != oid {
		t.Errorf("since the 47th session: %+v", since)
	}

	// A correction needs the version read; a stale one changes nothing.
	got := all[0]
	got.Title, got.RecordedBy = "E-Rechnung: Bericht erbeten", "Sprecher HE"
	check(t, s.UpdateConferenceOutcome(ctx, got, "HE"))
	if err := s.UpdateConferenceOutcome(ctx, got, "HE"); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("stale version: %v", err)
	}
	got.ConferenceID = bodyID // the conference stays
	got.Version++
	check(t, s.UpdateConferenceOutcome(ctx, got, ""))
	now := must[model.ConferenceOutcome](t)(s.ConferenceOutcome(ctx, oid))
	if now.Title != "E-Rechnung: Bericht erbeten" || now.ConferenceID != fmk || now.Version != 3 {
		t.Errorf("after the corrections: %+v", now)
	}
	log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "conference_outcome", oid))
	if len(log) != 3 || log[0].Action != "create" || log[1].Action != "update" {
		t.Errorf("audit = %+v", log)
	}
}

// TestOutcomeNotice: a new outcome of a FachMK is announced to the
// Geschäftsstelle and the conference's spokespersons in office — one whose
// resignation has not yet taken effect among them, though a session of the
// AL-Runde with a higher number has been held — not to the account that
// recorded it, not to another conference's spokesperson, and never to a
// role that may not read outcomes; marked passages stay out; a correction
// announces nothing.
func TestOutcomeNotice(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2025, 11, 21, 10, 0, 0, 0, time.UTC) })
	id := must[int64](t)
	fmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	umk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "UMK", Name: "Umweltministerkonferenz"}))
	al := id(s.CreateBody(ctx, model.Body{Kind: model.BodyPreparatory, Abbrev: "AL-Runde", Name: "Abteilungsleiterrunde"}))
	id(s.CreateSession(ctx, model.Session{BodyID: al, Number: 60, Date: model.NewDate(2025, 10, 1), Status: model.StatusEnded}))
	id(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: bodyID, Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}))
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HE", DecisionRef: "B-2022/43-IT"}))
	// HH's resignation takes effect with the IT-PLR's 48th session.
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HH", DecisionRef: "B-2022/43-IT", EndsWithSession: 48}))
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: umk, Member: "Bund", DecisionRef: "B-2022/43-IT"}))
	ev := model.EventOutcomeRecorded
	recorder := account(t, s, model.User{Username: "gs1", Name: "Geschäftsstelle A", Role: model.RoleSecretariat}, model.ChannelEmail, "gs1@example.org", ev)
	account(t, s, model.User{Username: "gs2", Role: model.RoleSecretariat}, model.ChannelEmail, "gs2@example.org", ev)
	account(t, s, model.User{Username: "he", Role: model.RoleSpokesperson, MemberAbbrev: "HE"}, model.ChannelMatrix, "!he:example.org", ev)
	account(t, s, model.User{Username: "hh", Role: model.RoleSpokesperson, MemberAbbrev: "HH"}, model.ChannelEmail, "hh@example.org", ev)
	account(t, s, model.User{Username: "bund", Role: model.RoleSpokesperson, MemberAbbrev: "Bund"}, model.ChannelEmail, "bund@example.org", ev)
	for _, r := range []model.Role{model.RoleFachMK, model.RoleMember, model.RoleAdvisory} {
		if ev.For(r) {
			t.Errorf("role %s may subscribe to the outcomes' notice", r)
		}
	}

	o := model.ConferenceOutcome{ConferenceID: fmk, HeldOn: model.NewDate(2025, 11, 20), Meeting: "Herbstkonferenz 2025", Reference: "TOP 7",
		Title: "E-Rechnung", Text: "Die FMK bittet um " + model.Redact("Zahlen") + " [[vertraulich]] einen Bericht.", RecordedBy: "Geschäftsstelle A", RecorderID: recorder}
	oid := id(s.CreateConferenceOutcome(ctx, o, ""))
	if got := strings.Join(queued(t, s, ev), " "); got != "!he:example.org gs2@example.org hh@example.org" {
		t.Errorf("recipients %q, want the other secretariat account and the FMK's spokespersons in office", got)
	}
	list, _, err := s.Notifications(ctx, OutboxFilter{Event: ev})
	check(t, err)
	for _, n := range list {
		if strings.Contains(n.Subject+n.Body, "Zahlen") || strings.Contains(n.Body, "vertraulich") || n.Link != fmt.Sprintf("/fachmk/FMK#ergebnis-%d", oid) ||
			!strings.HasPrefix(n.Subject, "Ergebnis der Finanzministerkonferenz erfasst: E-Rechnung") ||
			!strings.Contains(n.Body, "Geschäftsstelle A hat ein Ergebnis der Finanzministerkonferenz erfasst") || !strings.Contains(n.Body, "Herbstkonferenz 2025 (Sitzung am 20.11.2025), TOP 7") {
			t.Errorf("message: %+v", n)
		}
	}
	got := must[model.ConferenceOutcome](t)(s.ConferenceOutcome(ctx, oid))
	if got.RecorderID != recorder {
		t.Errorf("recorder %d, want %d", got.RecorderID, recorder)
	}
	got.Title = "E-Rechnung: Bericht erbeten"
	check(t, s.UpdateConferenceOutcome(ctx, got, ""))
	if n := len(queued(t, s, ev)); n != 3 {
		t.Errorf("a correction queued messages: %d in all", n)
	}
}

// TestFirstRecorderKept: a FachMK outcome and a spokesperson's contact
// keep who recorded them first through a correction; the migration 986
// reads them from the audit log's entry of the creation for records
// corrected before (and from the record itself if never corrected).
func TestFirstRecorderKept(t *testing.T) {
	ctx := context.Background()
	// Without the audit guard: the migration rewrites rows, as migrations do.
	s, err := testOpen(t, ctx, t.TempDir())
	check(t, err)
	defer s.Close()
	bodyID, _ := fixture(t, s)
	id := must[int64](t)
	fmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	id(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: bodyID, Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}))
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HE", DecisionRef: "B-2022/43-IT"}))
	oid := id(s.CreateConferenceOutcome(ctx, model.ConferenceOutcome{ConferenceID: fmk, HeldOn: model.NewDate(2025, 5, 8), Title: "E-Rechnung", RecordedBy: "Geschäftsstelle der FMK"}, ""))
	untouched := id(s.CreateConferenceOutcome(ctx, model.ConferenceOutcome{ConferenceID: fmk, HeldOn: model.NewDate(2025, 5, 8), Title: "Steuern", RecordedBy: "Sprecher HE"}, "HE"))
	cid := id(s.CreateSpokespersonContact(ctx, model.SpokespersonContact{ConferenceID: fmk, Member: "HE", Kind: model.ContactKickoff, HeldOn: model.NewDate(2025, 5, 8),
		With: "Vorsitz der FMK", Topics: "Auftakt", RecordedBy: "Sprecher HE"}, "HE"))
	o := must[model.ConferenceOutcome](t)(s.ConferenceOutcome(ctx, oid))
	o.Title, o.RecordedBy = "E-Rechnung: Bericht erbeten", "Sprecher HE"
	check(t, s.UpdateConferenceOutcome(ctx, o, "HE"))
	c := must[model.SpokespersonContact](t)(s.SpokespersonContact(ctx, cid))
	c.Topics, c.RecordedBy = "Auftakt, berichtigt", "Geschäftsstelle IT-PLR"
	check(t, s.UpdateSpokespersonContact(ctx, c, ""))
	kept := func(when string) {
		t.Helper()
		o := must[model.ConferenceOutcome](t)(s.ConferenceOutcome(ctx, oid))
		if o.FirstRecordedBy != "Geschäftsstelle der FMK" || o.FirstRecorded.IsZero() || o.RecordedBy != "Sprecher HE" {
			t.Errorf("%s: outcome first recorded by %q at %v, last by %q", when, o.FirstRecordedBy, o.FirstRecorded, o.RecordedBy)
		}
		if u := must[model.ConferenceOutcome](t)(s.ConferenceOutcome(ctx, untouched)); u.FirstRecordedBy != "Sprecher HE" || !u.FirstRecorded.Equal(u.Recorded) {
			t.Errorf("%s: an outcome never corrected: first %q at %v, recorded at %v", when, u.FirstRecordedBy, u.FirstRecorded, u.Recorded)
		}
		c := must[model.SpokespersonContact](t)(s.SpokespersonContact(ctx, cid))
		if c.FirstRecordedBy != "Sprecher HE" || c.FirstRecorded.IsZero() || c.RecordedBy != "Geschäftsstelle IT-PLR" {
			t.Errorf("%s: contact first recorded by %q at %v, last by %q", when, c.FirstRecordedBy, c.FirstRecorded, c.RecordedBy)
		}
	}
	kept("written")
	reapplyMigration(t, s, 986)
	kept("after the migration")
}
