package store

import (
	"strings"
	"testing"
)

// TestOParlQueriesUseIndexes: the queries an OParl build runs per object
// find their rows through an index (a scan per object made the build of a
// large corpus quadratic).
func TestOParlQueriesUseIndexes(t *testing.T) {
	onlySQLite(t, "SQLite's query plans")
	s, _ := newStore(t)
	for query, index := range map[string]string{
		oparlDecisionByNumber:           "decisions_number",
		oparlDecisionsByNumbers + "(?)": "decisions_number",
		oparlCitingPapers + "(?)":       "item_refs_value",
	} {
		plan := planOf(t, s, query, int64(1), 2025, 3)
		if !strings.Contains(plan, index) {
			t.Errorf("%s\ndoes not use %s:\n%s", query, index, plan)
		}
	}
}
