package store

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"gremium/internal/model"
)

// BenchmarkRegistrationsOf: "Mein Bereich"'s registrations of a member who
// registered every tenth of 100,000 agenda items in 10,000 sessions (the
// statement sorts the member's index entries before LIMIT 20; what each
// costs is the session's lookup, docs/performance.md), after ANALYZE as on
// an installation that has run it.
func BenchmarkRegistrationsOf(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	council := must[int64](b)(s.CreateBody(ctx, model.Body{Kind: model.BodyPlanningCouncil, Abbrev: "IT-PLR", Name: "IT-Planungsrat", DecisionPattern: model.DefaultDecisionPattern}))
	const sessions, items = 10_000, 10
	// Written past the store: a history of this size through CreateItem
	// would take minutes.
	check(b, s.inTx(ctx, func(tx *sql.Tx) error {
		for n := 1; n <= sessions; n++ {
			var sid int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO sessions (body_id, number, date, status) VALUES (?, ?, ?, ?) RETURNING id`,
				council, n, fmt.Sprintf("%04d-01-15", 1900+n%120), model.StatusEnded).Scan(&sid); err != nil {
				return err
			}
			for k := 1; k <= items; k++ {
				by := ""
				if (n*items+k)%10 == 0 {
					by = "HE"
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO agenda_items (session_id, number, title, position, status, registered_by) VALUES (?, ?, ?, ?, ?, ?)`,
					sid, fmt.Sprint(k), "Thema", k, model.ItemAccepted, by); err != nil {
					return err
				}
			}
		}
		return nil
	}))
	if _, err := s.db.ExecContext(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	start := processTime()
	for b.Loop() {
		got, err := s.RegistrationsOf(ctx, council, "HE", 20)
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != 20 {
			b.Fatalf("%d registrations, want 20", len(got))
		}
	}
	b.ReportMetric(float64((processTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
