package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

func TestQuorumAndApplications(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := lawFixture(t, s)
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Status: model.StatusRunning}))
	d := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: s48, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll, Applicants: []string{"Bund"}}))
	if _, err := s.OpenVote(ctx, s48, d); !errors.Is(err, ErrNoQuorum) {
		t.Errorf("vote without quorum check: %v", err)
	}
	if ok, reason, err := s.SaveAttendance(ctx, s48, attending("HE", "DLT")); err != nil || ok || !strings.Contains(reason, "nicht beschlussfähig") {
		t.Errorf("one voting member present: %v %v %s", ok, err, reason)
	}
	if _, err := s.RecordShowOfHands(ctx, s48, d, votesOf(model.VoteYes, "HE")); !errors.Is(err, ErrNoQuorum) {
		t.Errorf("vote without quorum: %v", err)
	}
	// Nine present make a quorum (the default minimum: the majority of 17).
	if ok, _, err := s.SaveAttendance(ctx, s48, attending(voters[:9]...)); err != nil || !ok {
		t.Fatalf("nine present: %v %v", ok, err)
	}
	att := must[[]model.Attendance](t)(s.Attendance(ctx, s48))
	if len(att) != 9 || att[0].Member != "Bund" || att[0].Presence != model.Present {
		t.Errorf("attendance = %+v", att)
	}
	// … but a Beschluss needs eleven Länder present.
	if _, err := s.OpenVote(ctx, s48, d); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "11 Ländern") {
		t.Errorf("Beschluss with 8 Länder present: %v", err)
	}
	// Applications: the Bund or three Länder.
	for _, tt := range []struct {
		applicants []string
		ok         bool
	}{{[]string{"HE"}, false}, {[]string{"HE", "HH"}, false}, {[]string{"HE", "HH", "BY"}, true}, {[]string{"DLT"}, false}, {[]string{"XX"}, false}, {nil, false}} {
		_, err := s.CreateDecision(ctx, model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll, Applicants: tt.applicants})
		if (err == nil) != tt.ok {
			t.Errorf("applicants %v: %v", tt.applicants, err)
		}
	}
}

func TestSharesFromTheOfficialTable(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "koenigsteiner-schluessel.csv")
	f, err := os.Open(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skipf("table not found: %v", err)
	}
	defer f.Close()
	tables, err := model.ParseShares(f)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := newStore(t)
	ctx := context.Background()
	// Built in: the table of ../shared/data is used without any loading.
	if sh, year, err := s.SharesFor(ctx, 2025); err != nil || year != 2016 || !reflect.DeepEqual(sh, tables[2016]) {
		t.Errorf("built-in table for 2025: %d %v", year, err)
	}
	for y, sh := range tables {
		check(t, s.SaveShares(ctx, y, sh))
	}
	if _, _, err := s.SharesFor(ctx, 2013); !errors.Is(err, ErrNoShares) {
		t.Errorf("2013: %v", err)
	}
	// A newer table loaded later (gremium config ks) is used from its year.
	newer := model.Shares{}
	for k, v := range tables[2016] {
		newer[k] = v
	}
	newer["NW"] = 21.0
	check(t, s.SaveShares(ctx, 2024, newer))
	if sh, year, _ := s.SharesFor(ctx, 2025); year != 2024 || sh["NW"] != 21.0 {
		t.Errorf("2025 after loading 2024: %d %v", year, sh["NW"])
	}
	if ys := must[[]int](t)(s.SharesYears(ctx)); !reflect.DeepEqual(ys, []int{2014, 2015, 2016, 2024}) {
		t.Errorf("years = %v", ys)
	}
	check(t, s.SaveShares(ctx, 2024, tables[2016])) // as before, for the checks below
	sh, year, err := s.SharesFor(ctx, 2025)
	if err != nil || year != 2024 || sh["NW"] != 21.14424 {
		t.Errorf("2025 uses %d: %v %v", year, sh["NW"], err)
	}
	if _, year, _ := s.SharesFor(ctx, 2015); year != 2015 {
		t.Errorf("2015 uses %d", year)
	}
	// The 2014 column sums to 99.97961: normalised, the shares add up to 1.
	sh14, _, _ := s.SharesFor(ctx, 2014)
	var sum float64
	for _, v := range sh14.Normalised() {
		sum += v
	}
	if sum < 0.999999 || sum > 1.000001 {
		t.Errorf("normalised 2014 shares sum to %v", sum)
	}
}

// TestWrittenProcedureAcrossRestart runs a written procedure to its deadline
// with the server stopped in between: exactly one decision is adopted, with
// the next number of its year.
func TestWrittenProcedureAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := testOpen(t, ctx, dir)
	check(t, err)
	bodyID, _ := lawFixture(t, s)
	clock := time.Date(2025, 9, 1, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return clock })
	// Decision 2025/26 exists already: the procedure's decision must be 27.
	must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll,
		Number: model.DecisionNumber{Year: 2025, Seq: 26}}))
	deadline := clock.Add(72 * time.Hour)
	pid := must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Umlauf", Points: []model.Point{{Text: "Der IT-Planungsrat beschließt im Umlaufverfahren."}}, Applicants: []string{"Bund"}}, Deadline: deadline}))
	if _, err := s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll, Applicants: []string{"Bund"}},
		Deadline: clock.Add(-time.Hour)}); err == nil {
		t.Error("a deadline in the past was accepted")
	}
	check(t, s.CastVote(ctx, pid, "Bund", model.VoteYes))
	check(t, s.CastVote(ctx, pid, "HE", model.VoteNo))
	check(t, s.CastVote(ctx, pid, "HE", model.VoteYes)) // changed before the deadline
	for _, l := range laender {
		if l != "HE" && l != "HH" {
			check(t, s.CastVote(ctx, pid, l, model.VoteYes))
		}
	}
	if err := s.CastVote(ctx, pid, "DLT", model.VoteYes); err == nil {
		t.Error("an advisory member voted")
	}
	if _, err := s.EndProcedureEarly(ctx, pid); model.ClassOf(err) != model.ErrRule {
		t.Errorf("ended early while HH has not voted: %v", err)
	}
	log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "procedure", pid))
	var votes []string
	for _, e := range log {
		if e.Action == "vote" {
			votes = append(votes, e.Detail)
		}
	}
	if strings.Join(votes[:3], ";") != "Bund ja;HE nein;HE ja" || len(votes) != 17 {
		t.Errorf("vote log = %v", votes)
	}
	// A day before the deadline the accounts of the members without a vote
	// that asked for it are reminded, once.
	for _, m := range []string{"HE", "HH"} {
		uid := must[int64](t)(s.CreateUser(ctx, model.User{Username: strings.ToLower(m), Name: "Büro " + m, Role: model.RoleMember, MemberAbbrev: m}, "x"))
		check(t, s.SaveNotificationSettings(ctx, model.NotificationSettings{UserID: uid, Email: strings.ToLower(m) + "@example.org", DueDays: 14,
			Subscriptions: []model.Subscription{{Event: model.EventProcedureClosing, Channel: model.ChannelEmail}}}))
	}
	clock = deadline.Add(-12 * time.Hour)
	must[[]model.WrittenProcedure](t)(s.CloseDueProcedures(ctx, clock))
	must[[]model.WrittenProcedure](t)(s.CloseDueProcedures(ctx, clock))
	out, _, err := s.Notifications(ctx, OutboxFilter{Event: model.EventProcedureClosing})
	check(t, err)
	if len(out) != 1 || out[0].Recipient != "hh@example.org" || !strings.Contains(out[0].Body, "Enthaltung") {
		t.Errorf("reminders = %+v", out)
	}
	// The server stops before the deadline …
	check(t, s.Close())
	// … and starts again after it.
	s2, err := testOpen(t, ctx, dir)
	check(t, err)
	defer s2.Close()
	after := deadline.Add(time.Minute)
	s2.SetClock(func() time.Time { return after })
	if err := s2.CastVote(ctx, pid, "HH", model.VoteYes); !errors.Is(err, ErrProcedureClosed) {
		t.Errorf("vote after the deadline: %v", err)
	}
	closed := must[[]model.WrittenProcedure](t)(s2.CloseDueProcedures(ctx, after))
	again := must[[]model.WrittenProcedure](t)(s2.CloseDueProcedures(ctx, after))
	if len(closed) != 1 || len(again) != 0 {
		t.Fatalf("closed %d, then %d", len(closed), len(again))
	}
	p := must[model.WrittenProcedure](t)(s2.Procedure(ctx, pid))
	d := must[model.Decision](t)(s2.Decision(ctx, p.DecisionID))
	// HH did not vote: abstention (GO §7 (4)).
	if d.Status != model.DecisionAdopted || d.Label != "B-2025/27-IT" || d.Result != "einstimmig, bei Enthaltung von HH (Umlaufverfahren)" {
		t.Errorf("decision = %s %s %q", d.Status, d.Label, d.Result)
	}
	adopted := must[[]model.Decision](t)(s2.Decisions(ctx, DecisionFilter{BodyID: bodyID, Year: 2025, Status: model.DecisionAdopted}))
	if len(adopted) != 2 {
		t.Errorf("%d adopted decisions in 2025, want 2", len(adopted))
	}
	between := must[[]model.Decision](t)(s2.ProcedureDecisions(ctx, bodyID, model.SessionEnd(model.NewDate(2025, 6, 26), "", time.Time{}), model.SessionEnd(model.NewDate(2025, 11, 20), "", time.Time{})))
	if len(between) != 1 || between[0].ID != d.ID {
		t.Errorf("procedure decisions between sessions = %+v", between)
	}
}
