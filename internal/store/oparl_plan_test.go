package store

import (
	"context"
	"strings"
	"testing"
)

// TestOParlQueriesUseIndexes: the queries an OParl build runs per object
// find their rows through an index (a scan per object made the build of a
// large corpus quadratic).
func TestOParlQueriesUseIndexes(t *testing.T) {
	onlySQLite(t, "SQLite's query plans")
	s, _ := newStore(t)
	ctx := context.Background()
	for query, index := range map[string]string{
		oparlDecisionByNumber:           "decisions_number",
		oparlDecisionsByNumbers + "(?)": "decisions_number",
		oparlCitingPapers + "(?)":       "item_refs_value",
	} {
		rows, err := s.db.QueryContext(ctx, `EXPLAIN QUERY PLAN `+query, int64(1), 2025, 3)
		if err != nil {
			t.Fatal(err)
		}
		var plan strings.Builder
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan.WriteString(detail + "\n")
		}
		rows.Close()
		if !strings.Contains(plan.String(), index) {
			t.Errorf("%s\ndoes not use %s:\n%s", query, index, plan.String())
		}
	}
}
