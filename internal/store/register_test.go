package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestRegisterByConference: the register's FachMK filter finds a decision
// whose agenda item names the conference in its impact statement (a JSON
// list read with json_each on SQLite and json_array_elements_text on
// PostgreSQL; the PostgreSQL form failed without LATERAL).
func TestRegisterByConference(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	// Decisions recorded as adopted belong to a session held before.
	sessionID := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusMinutesDraft}))
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	other := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"}))
	item := must[int64](t)(s.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: sessionID, Title: "Haushalt", Status: model.ItemAccepted,
		Impact: model.Impact{Stated: true, ConferenceIDs: []int64{fmk}}}))
	must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: item, Kind: model.KindDecision,
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: 3}, Title: "Mittel"}))
	for _, c := range []struct {
		conference int64
		want       int
	}{{fmk, 1}, {other, 0}} {
		p, err := s.Register(ctx, RegisterFilter{BodyID: bodyID, ConferenceID: c.conference})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != c.want || len(p.Decisions) != c.want {
			t.Errorf("conference %d: %d decisions (total %d), want %d", c.conference, len(p.Decisions), p.Total, c.want)
		}
	}
}

// TestRegisterByWay: the register's filter "Verfahren" keeps the decisions
// taken after discussion in a session (an item off the Grüne Liste, or no
// item), on the Grüne Liste (the item's consent flag) or in written
// procedure (no session) — in the page, its count and its keyset pages.
func TestRegisterByWay(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	sessionID := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusMinutesDraft}))
	discussed := must[int64](t)(s.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: sessionID, Title: "Aussprache", Status: model.ItemAccepted}))
	consent := must[int64](t)(s.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: sessionID, Title: "Grüne Liste", Status: model.ItemAccepted, Consent: true}))
	adopt := func(seq int, session, item int64) {
		t.Helper()
		must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: session, ItemID: item, Kind: model.KindDecision,
			Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: seq}, Title: fmt.Sprint("Beschluss ", seq)}))
	}
	adopt(1, sessionID, discussed)
	adopt(2, sessionID, consent)
	adopt(3, sessionID, consent)
	adopt(4, 0, 0)         // in written procedure
	adopt(5, sessionID, 0) // in the session, without an item
	for _, c := range []struct {
		way  model.DecisionWay
		want []int
	}{
		{"", []int{5, 4, 3, 2, 1}},
		{model.WayDiscussed, []int{5, 1}},
		{model.WayConsent, []int{3, 2}},
		{model.WayWritten, []int{4}},
	} {
		f := RegisterFilter{BodyID: bodyID, Way: c.way}
		p, err := s.Register(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, d := range p.Decisions {
			got = append(got, d.Number.Seq)
		}
		if !slices.Equal(got, c.want) || p.Total != len(c.want) {
			t.Errorf("way %q: decisions %v (total %d), want %v", c.way, got, p.Total, c.want)
		}
		if n, err := s.RegisterCount(ctx, f); err != nil || n != len(c.want) {
			t.Errorf("way %q: count %d (%v), want %d", c.way, n, err, len(c.want))
		}
		// Keyset pages of one decision each walk the same selection.
		got = nil
		var cur RegisterCursor
		for range 10 {
			page, err := s.RegisterKeyset(ctx, f, cur, 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			got = append(got, page[0].Number.Seq)
			cur = RegisterCursor{Before: page[0].Number}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("way %q: keyset pages %v, want %v", c.way, got, c.want)
		}
	}
	if _, err := s.Register(ctx, RegisterFilter{BodyID: bodyID, Way: "per-los"}); model.ClassOf(err) != model.ErrInput {
		t.Errorf("an unknown way: %v, want an input error", err)
	}
}

// TestFollowUpDecisionsByIDs: the decisions of a list of follow-ups come in
// one query over a JSON list of ids (json_each on SQLite, a LATERAL
// json_array_elements_text on PostgreSQL, where the SQLite form failed).
func TestFollowUpDecisionsByIDs(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	sessionID := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusMinutesDraft}))
	var ids []int64
	for i := range 3 {
		ids = append(ids, must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, Kind: model.KindDecision,
			Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: 10 + i}, Title: "Auftrag"})))
	}
	got, err := s.FollowUpDecisions(ctx, []int64{ids[0], ids[2], 9999})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[ids[0]].ID != ids[0] || got[ids[2]].ID != ids[2] {
		t.Errorf("decisions %v of %v", got, ids)
	}
}

// TestRelevantDecisionsSince: a FachMK's "Mein Bereich" lists the decisions
// assessed as relevant for it (the flag is an integer column on both
// engines; PostgreSQL refused it as a bare condition).
func TestRelevantDecisionsSince(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	sessionID := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusMinutesDraft}))
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	gmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"}))
	dec := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, Kind: model.KindDecision,
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: 4}, Title: "Gebühren"}))
	check(t, s.SaveAssessments(ctx, dec, profileVersion(t, s, dec), []model.Assessment{
		{ConferenceID: fmk, Relevant: true, Reason: "Gebühren", AssessedBy: "Geschäftsstelle"},
		{ConferenceID: gmk, Relevant: false, Reason: "nicht betroffen", AssessedBy: "Geschäftsstelle"}}))
	// A corrected decision is named by its corrected text, as in the
	// register (before: the briefing, the debrief pack and Mein Bereich
	// kept the adopted title).
	must[int](t)(s.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: dec, Title: "Gebühren und Entgelte", Reason: "Titel unvollständig"}))
	if got := must[[]RelevantDecision](t)(s.RelevantDecisionsSince(ctx, []int64{fmk}, sessionID, model.Date{})); len(got) != 1 || got[0].Decision.Title != "Gebühren und Entgelte" {
		t.Errorf("the corrected decision: %+v", got)
	}
	for conf, want := range map[int64]int{fmk: 1, gmk: 0} {
		got, err := s.RelevantDecisionsSince(ctx, []int64{conf}, sessionID, model.Date{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != want {
			t.Errorf("conference %d: %d relevant decisions, want %d", conf, len(got), want)
		}
	}
	// Where the profile does not assess a conference, the registration's
	// impact statement counts, as in the debrief pack; an assessment
	// overrides it for its conference only. Before, only profiles
	// counted: the FMK's spokesperson saw no relevant decision of the 47th
	// session although the FMK was stated as affected on item 12, and the
	// secretariat saw no debrief due.
	stated := must[int64](t)(s.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: sessionID, Number: "12", Title: "EfA-Finanzierung",
		Impact: model.Impact{Stated: true, ConferenceIDs: []int64{fmk, gmk}}}))
	byStatement := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: stated, Kind: model.KindDecision,
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: 5}, Title: "EfA-Finanzierung"}))
	overridden := must[int64](t)(s.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: sessionID, Number: "13", Title: "Zahlungsverkehr",
		Impact: model.Impact{Stated: true, ConferenceIDs: []int64{gmk, fmk}}}))
	byProfile := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: overridden, Kind: model.KindDecision,
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: 6}, Title: "Zahlungsverkehr"}))
	check(t, s.SaveAssessments(ctx, byProfile, profileVersion(t, s, byProfile), []model.Assessment{
		{ConferenceID: gmk, Relevant: false, Reason: "nicht betroffen", AssessedBy: "Geschäftsstelle"}}))
	got, err := s.RelevantDecisionsSince(ctx, []int64{fmk, gmk}, sessionID, model.Date{})
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, rd := range got {
		seen = append(seen, fmt.Sprintf("%d/%d/%s", rd.Decision.ID, rd.ConferenceID, rd.Reason))
	}
	want := []string{fmt.Sprintf("%d/%d/%s", byProfile, fmk, ImpactReason), fmt.Sprintf("%d/%d/%s", byStatement, fmk, ImpactReason), fmt.Sprintf("%d/%d/%s", byStatement, gmk, ImpactReason), fmt.Sprintf("%d/%d/Gebühren", dec, fmk)}
	if len(seen) >= 3 {
		slices.Sort(seen[1:3])
	}
	if !slices.Equal(seen, want) {
		t.Errorf("relevant decisions %v, want %v (newest first; the profile overrides the statement)", seen, want)
	}
	// Without session and day: every relevant decision (the dossier's
	// list without a start date).
	if all, err := s.RelevantDecisionsSince(ctx, []int64{fmk}, 0, model.Date{}); err != nil || len(all) != 3 {
		t.Errorf("all relevant decisions of the FMK: %d %v, want 3", len(all), err)
	}
	if later, err := s.RelevantDecisionsSince(ctx, []int64{fmk}, 0, model.NewDate(2099, 1, 1)); err != nil || len(later) != 0 {
		t.Errorf("relevant decisions of the FMK since 2099: %d %v, want 0", len(later), err)
	}
}

// TestImportConferenceDates: an iCalendar import is all or none; a known UID
// takes the file's date (a moved session), a UID of another conference
// refuses the whole file.
func TestImportConferenceDates(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	gmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"}))
	spring := model.ConferenceDate{UID: "fmk-1@test", Title: "Frühjahr", Starts: model.NewDate(2099, 5, 6), Place: "München"}
	n, err := s.ImportConferenceDates(ctx, fmk, []model.ConferenceDate{spring})
	if err != nil || n != (DateImport{Added: 1}) {
		t.Fatalf("first import: %+v %v", n, err)
	}
	moved := spring
	moved.Starts = model.NewDate(2099, 5, 7)
	autumn := model.ConferenceDate{UID: "fmk-2@test", Title: "Herbst", Starts: model.NewDate(2099, 11, 4)}
	if n, err = s.ImportConferenceDates(ctx, fmk, []model.ConferenceDate{moved, autumn, autumn}); err != nil || n != (DateImport{Added: 1, Changed: 1, Known: 1}) {
		t.Fatalf("second import: %+v %v", n, err)
	}
	// The GMK's file names the FMK's date: nothing of it is stored.
	other := model.ConferenceDate{UID: "gmk-1@test", Title: "GMK", Starts: model.NewDate(2099, 6, 1)}
	if _, err = s.ImportConferenceDates(ctx, gmk, []model.ConferenceDate{other, spring}); model.ClassOf(err) != model.ErrInput {
		t.Errorf("a UID of another conference: %v", err)
	}
	if ds, _ := s.ConferenceDates(ctx, gmk, model.Date{}); len(ds) != 0 {
		t.Errorf("the refused import stored %d dates", len(ds))
	}
	// A date the rules refuse refuses the file, every such event named
	// (before: an end before the start was stored, the end dropped).
	backwards := model.ConferenceDate{UID: "gmk-2@test", Title: "Rückwärts", Starts: model.NewDate(2099, 6, 2), StartTime: "18:00", EndTime: "09:00"}
	nameless := model.ConferenceDate{UID: "gmk-3@test", Starts: model.NewDate(2099, 6, 9), Ends: model.NewDate(2099, 6, 8)}
	_, err = s.ImportConferenceDates(ctx, gmk, []model.ConferenceDate{other, backwards, nameless})
	if refused := model.ErrorsOf(err); len(refused) != 2 || model.FieldOf(refused[0]) != "datei" ||
		!strings.HasPrefix(model.ReasonOf(refused[0]), "Der Termin „Rückwärts“ am 02.06.2099: Die Endzeit 09:00 Uhr") ||
		model.ReasonOf(refused[1]) != "Der Termin ohne Bezeichnung am 09.06.2099: Das Ende liegt vor dem Beginn." {
		t.Errorf("dates the rules refuse: %v", err)
	}
	if ds, _ := s.ConferenceDates(ctx, gmk, model.Date{}); len(ds) != 0 {
		t.Errorf("the refused import stored %d dates", len(ds))
	}
	ds, _ := s.ConferenceDates(ctx, fmk, model.Date{})
	if len(ds) != 2 || ds[0].Starts != model.NewDate(2099, 5, 7) {
		t.Fatalf("FMK dates after the imports: %+v", ds)
	}
	// The moved date's revision went up, the unchanged one's did not
	// (before: no revision, a subscribed calendar kept the old day); a
	// change by the form raises it again.
	if ds[0].Sequence != 1 || ds[1].Sequence != 0 {
		t.Errorf("revisions after the imports: %d, %d, want 1, 0", ds[0].Sequence, ds[1].Sequence)
	}
	ds[0].Place = "Nürnberg"
	check(t, s.UpdateConferenceDate(ctx, ds[0]))
	if ds, _ = s.ConferenceDates(ctx, fmk, model.Date{}); ds[0].Sequence != 2 {
		t.Errorf("revision after the form's change: %d, want 2", ds[0].Sequence)
	}
}

// TestCorrectionReasonMarksBecomePassages: the occasion of a decision's
// correction was stored as typed, its "[[…]]" shown to the public
// verbatim; migration 00560 turns such marks stored before into
// confidential passages (the form now converts them as it does the
// title's).
func TestCorrectionReasonMarksBecomePassages(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	sessionID := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusMinutesDraft}))
	dec := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, Kind: model.KindDecision,
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: 5}, Title: "Gebühren"}))
	for i, reason := range []string{"Hinweis", "Schreibfehler"} {
		// Each a new title: a correction that changes nothing is refused.
		must[int](t)(s.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: dec, Title: "Gebühren und Entgelte" + strings.Repeat(" der Länder", i), Reason: reason}))
	}
	// An occasion as stored before: typed marks (the store now converts
	// them itself).
	bypassStore(t, s, `UPDATE decision_corrections SET reason = ? WHERE decision_id = ? AND version = 1`, "Hinweis von [[BY]] zum Titel", dec)
	// The migration again, as on a database that stored these before it.
	p, err := s.provider()
	check(t, err)
	// Migrations are no user's change: not audited, either way (the
	// way down restores rows, such as the quorum finding of 01160).
	bypassAudit(t, s, func() error { _, err := p.DownTo(ctx, 559); return err })
	bypassAudit(t, s, func() error { _, err := p.Up(ctx); return err })
	got := must[model.Decision](t)(s.Decision(ctx, dec))
	if len(got.Corrections) != 2 || got.Corrections[0].Reason != "Hinweis von "+model.Redact("BY")+" zum Titel" || got.Corrections[1].Reason != "Schreibfehler" {
		t.Errorf("the occasions after migration 00560: %+v", got.Corrections)
	}
	if public, _ := model.Public.Decision(got); strings.Contains(public.Corrections[0].Reason, "BY") {
		t.Errorf("the public reads %q", public.Corrections[0].Reason)
	}
	// The store turns typed marks of an occasion into passages itself,
	// whoever calls it.
	must[int](t)(s.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: dec, Title: "Gebühren", Reason: "laut [[HE]]"}))
	if got := must[model.Decision](t)(s.Decision(ctx, dec)); got.Corrections[2].Reason != "laut "+model.Redact("HE") {
		t.Errorf("an occasion stored with typed marks: %q", got.Corrections[2].Reason)
	}
}

// TestCorrectionGivesEveryReason: a correction of a decision without a
// title or points whose occasion's marks are not balanced was refused
// for the missing title alone (the form checked the marks itself, and
// the store looked at them only after its other rules); the occasion's
// reason came on the next try. The store gives both at once, each at its
// field, and keeps nothing.
func TestCorrectionGivesEveryReason(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	dec := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, Kind: model.KindDecision,
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: 5}, Title: "Gebühren"}))
	_, err := s.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: dec, Reason: "laut [[HE"})
	fields := map[string]bool{}
	for _, e := range model.ErrorsOf(err) {
		if model.ClassOf(e) == model.ErrInput {
			fields[model.FieldOf(e)] = true
		}
	}
	if len(fields) != 2 || !fields["titel"] || !fields["anlass"] {
		t.Errorf("refused at %v (%v), want titel and anlass", fields, err)
	}
	if got := must[model.Decision](t)(s.Decision(ctx, dec)); len(got.Corrections) != 0 {
		t.Errorf("a refused correction was kept: %+v", got.Corrections)
	}
}

// TestTwoConferenceDatesOnOneDay: a FachMK may meet twice on one day (a
// morning and an evening session); the second date was refused, its
// generated UID (conference and day) taken by the first, with the
// misleading "Jemand anderes hat inzwischen gespeichert". Each gets a UID
// of its own; the first keeps the form it always had.
func TestTwoConferenceDatesOnOneDay(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	day := model.NewDate(2027, 3, 2)
	for _, times := range [][2]string{{"09:00", "12:00"}, {"14:00", "17:00"}, {"18:00", "20:00"}} {
		must[int64](t)(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: fmk, Title: "Sitzung " + times[0], Starts: day, StartTime: times[0], EndTime: times[1]}))
	}
	dates := must[[]model.ConferenceDate](t)(s.ConferenceDates(ctx, fmk, model.Date{}))
	uids := map[string]bool{}
	for _, d := range dates {
		uids[d.UID] = true
	}
	if len(dates) != 3 || len(uids) != 3 || !uids[fmt.Sprintf("fachmk-%d-2027-03-02@gremium", fmk)] {
		t.Errorf("three dates on one day: %+v", dates)
	}
}

// TestCorrectionThatChangesNothingIsRefused: a correction with the
// decision's current points (the form's "1. …" lines) or its current title
// changes nothing and is refused at its field, nothing kept; before, it
// was kept as a new version ("Berichtigt 1-mal"). A correction of the
// points alone keeps the title as last corrected (before: as adopted).
func TestCorrectionThatChangesNothingIsRefused(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	dec := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll,
		Number: model.DecisionNumber{Year: 2025, Seq: 5}, Title: "Gebühren",
		Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Gebühren."}, {Label: "2.", Text: "Er bittet FITKO um die Umsetzung."}}}))
	same := model.NumberedPoints([]string{"1. Der IT-Planungsrat beschließt die Gebühren.", "2. Er bittet FITKO um die Umsetzung."})
	for _, c := range []model.DecisionCorrection{
		{DecisionID: dec, Points: same, Reason: "Schreibfehler"},
		{DecisionID: dec, Title: "Gebühren", Reason: "Schreibfehler"},
	} {
		if _, err := s.CorrectDecision(ctx, c); model.ClassOf(err) != model.ErrInput || !strings.Contains(model.ReasonOf(err), "ändert nichts") {
			t.Errorf("%+v: %v, want refused", c, err)
		}
	}
	if got := must[model.Decision](t)(s.Decision(ctx, dec)); len(got.Corrections) != 0 {
		t.Fatalf("a correction that changes nothing was kept: %+v", got.Corrections)
	}
	must[int](t)(s.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: dec, Title: "Gebühren und Entgelte", Reason: "Titel unvollständig"}))
	changed := model.NumberedPoints([]string{"1. Der IT-Planungsrat beschließt die Gebühren.", "2. Er bittet FITKO um die Umsetzung bis 2027."})
	must[int](t)(s.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: dec, Points: changed, Reason: "Frist ergänzt"}))
	if title, points := must[model.Decision](t)(s.Decision(ctx, dec)).Current(); title != "Gebühren und Entgelte" || len(points) != 2 || points[1].Text != changed[1].Text {
		t.Errorf("after correcting the points: %q %+v", title, points)
	}
	if _, err := s.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: dec, Title: "Gebühren und Entgelte", Points: changed, Reason: "nochmal"}); model.ClassOf(err) != model.ErrInput {
		t.Errorf("the last corrected text again: %v, want refused", err)
	}
}

// TestImportRemovesDatesGone: a date published by an earlier import that
// the file now gives as cancelled or not public is removed (audited, as
// DeleteConferenceDate removes one), in the same transaction as the rest;
// a UID of another conference's date is passed over, not removed.
func TestImportRemovesDatesGone(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	gmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"}))
	spring := model.ConferenceDate{UID: "fmk-1@test", Title: "Frühjahr", Starts: model.NewDate(2099, 5, 6)}
	evening := model.ConferenceDate{UID: "fmk-2@test", Title: "Kamingespräch", Starts: model.NewDate(2099, 5, 6), StartTime: "19:00"}
	if _, err := s.ImportConferenceDates(ctx, fmk, []model.ConferenceDate{spring, evening}); err != nil {
		t.Fatal(err)
	}
	health := model.ConferenceDate{UID: "gmk-1@test", Title: "GMK", Starts: model.NewDate(2099, 6, 1)}
	if _, err := s.ImportConferenceDates(ctx, gmk, []model.ConferenceDate{health}); err != nil {
		t.Fatal(err)
	}
	n, err := s.ImportConferenceDates(ctx, fmk, []model.ConferenceDate{spring}, "fmk-2@test", "gmk-1@test", "unbekannt@test")
	if err != nil || n != (DateImport{Known: 1, Removed: 1}) {
		t.Fatalf("import with gone dates: %+v %v", n, err)
	}
	if ds, _ := s.ConferenceDates(ctx, fmk, model.Date{}); len(ds) != 1 || ds[0].UID != "fmk-1@test" {
		t.Errorf("the FMK's dates after the import: %+v", ds)
	}
	if ds, _ := s.ConferenceDates(ctx, gmk, model.Date{}); len(ds) != 1 {
		t.Errorf("another conference's date was removed: %+v", ds)
	}
	var removed int
	if err := s.rd.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE action = 'remove' AND entity = 'conference_date'`).Scan(&removed); err != nil || removed != 1 {
		t.Errorf("audited removals: %d %v", removed, err)
	}
}
