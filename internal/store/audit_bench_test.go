package store

import (
	"context"
	"fmt"
	"testing"

	"gremium/internal/model"
)

// BenchmarkSaveMinutes stores the minutes of a 200-item session (1,000
// contributions, 200 protocol notes, 200 decisions) in one transaction, as
// an import does; every row is written with its audit entry. Each round
// stores a new session.
func BenchmarkSaveMinutes(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	bodyID, err := s.CreateBody(ctx, model.Body{Kind: model.BodyPlanningCouncil, Abbrev: "IT-PLR", Name: "IT-Planungsrat", DecisionPattern: model.DefaultDecisionPattern, QuorumMin: 2})
	if err != nil {
		b.Fatal(err)
	}
	for i, m := range []model.Member{{Abbrev: "Bund", Name: "Bund", Kind: model.MemberBund}, {Abbrev: "HE", Name: "Hessen", Kind: model.MemberLand}} {
		m.Position = i
		if _, err := s.CreateMember(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
	items := make([]MinutesItem, 200)
	rows := 0
	for i := range items {
		mi := MinutesItem{Item: model.AgendaItem{Number: fmt.Sprint(i + 1), Title: fmt.Sprintf("Tagesordnungspunkt %d mit einem Titel üblicher Länge", i+1),
			Points: []string{"Bericht", "Beschlussvorschlag"}, Position: i + 1}}
		for c := range 5 {
			mi.Contributions = append(mi.Contributions, model.Contribution{Position: c + 1, Speaker: "HE",
				Points: []string{"HE berichtet über den Stand der Umsetzung und bittet die Länder um Rückmeldung bis zur nächsten Sitzung."}})
		}
		mi.Notes = []model.ProtocolNote{{Position: 6, Author: "Bund", Text: "Der Bund weist darauf hin, dass die Finanzierung gesichert ist."}}
		mi.Decisions = []model.Decision{{Position: 7, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "einstimmig",
			Number: model.DecisionNumber{Year: 2025, Seq: i + 1}, Title: "Beschluss", Points: []model.Point{{Text: "Der IT-Planungsrat nimmt den Bericht zur Kenntnis."}}}}
		items[i] = mi
		rows += 1 + 5 + 1 + 1
	}
	b.ResetTimer()
	for n := range b.N {
		for i := range items {
			items[i].Decisions[0].Number.Year = 2000 + n%25
			items[i].Decisions[0].Number.Seq = n/25*200 + i + 1
		}
		se := model.Session{Number: n + 1, Date: model.NewDate(2025, 6, 26), Place: "Berlin", Chair: "Bund"}
		if _, err := s.SaveMinutes(ctx, bodyID, se, items, nil, ImportSource{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkVerifyAudit verifies a chain of 200,000 entries (written
// directly, chained as the store chains them, with a typical before/after).
func BenchmarkVerifyAudit(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const n = 200_000
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	stmt, err := tx.Prepare(`INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail, old_values, new_values, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	prev := ""
	for i := int64(1); i <= n; i++ {
		e := auditRow{ID: i, At: "2025-06-26T10:00:00.000000000Z", Actor: "geschaeftsstelle", Action: "update", Entity: "contribution", EntityID: i,
			Before: `{"points":"[\"HE berichtet über den Stand.\"]","version":1}`, After: `{"points":"[\"HE berichtet über den Stand der Umsetzung.\"]","version":2}`, PrevHash: prev}
		e.Hash = entryHash(e)
		if _, err := stmt.Exec(e.ID, e.At, e.Actor, e.Action, e.Entity, e.EntityID, e.Detail, e.Before, e.After, e.PrevHash, e.Hash); err != nil {
			b.Fatal(err)
		}
		prev = e.Hash
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		rep, err := s.VerifyAudit(ctx, AuditHead{})
		if err != nil || rep.Problem != nil || rep.Entries != n {
			b.Fatalf("%+v %v", rep, err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "entries/s")
}

// BenchmarkUpdateFollowUp is one interactive edit: a follow-up's text
// changed, one transaction with its audit entry.
func BenchmarkUpdateFollowUp(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	id, err := s.CreateFollowUp(ctx, model.FollowUp{Text: "Auftrag", Responsible: "HE", Status: model.FollowUpOpen})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for n := range b.N {
		f, err := s.FollowUp(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		f.Text = fmt.Sprintf("Auftrag, Fassung %d", n)
		if err := s.UpdateFollowUp(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
}
