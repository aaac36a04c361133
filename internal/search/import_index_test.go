package search

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/minutes/minutestest"
	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

// TestImportIndexEqualsRebuild imports minutes as `gremium import minutes`
// does — the search documents from the parsed document
// (minutes.Written), the follow-up proposals from the same — and checks,
// on both engines, that the index then holds exactly what Rebuild of the
// same data writes (every document's scope, kind, URL, title, text, date
// and terms: the publication gate decides the same), and that the
// proposals are those read from the stored minutes. The seed minutes
// (confidential passages, an unnumbered decision) and a synthetic session
// of 120 items.
func TestImportIndexEqualsRebuild(t *testing.T) {
	var texts [][]byte
	if b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seeds", "000_d83e092d3fe92c21.txt")); err == nil {
		texts = append(texts, b)
	} else if os.Getenv("CI") == "true" {
		t.Fatalf("seed minutes missing in CI: %v", err)
	}
	var synthetic bytes.Buffer
	if err := minutes.Export(&synthetic, minutestest.Synthetic(60, 120, 2030)); err != nil {
		t.Fatal(err)
	}
	texts = append(texts, synthetic.Bytes())
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := store.WithActor(context.Background(), "import")
			st, err := store.OpenDatabase(ctx, eng.Database, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			council, err := itplr.Setup(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			opts, err := minutes.StoredOptions(ctx, st, council.ID)
			if err != nil {
				t.Fatal(err)
			}
			var proposals [][]minutes.Proposal
			var ids []int64
			for _, text := range texts {
				doc, _, err := minutes.Parse(bytes.NewReader(text), opts)
				if err != nil {
					t.Fatal(err)
				}
				id, outcome, err := minutes.Save(ctx, st, council.ID, doc, store.OParlAfterCommit)
				if err != nil {
					t.Fatal(err)
				}
				stored, err := minutes.Written(ctx, st, id, doc, outcome)
				if err != nil {
					t.Fatal(err)
				}
				if err := IndexLoaded(ctx, st, stored); err != nil {
					t.Fatal(err)
				}
				ps, err := minutes.LoadedProposals(ctx, st, stored)
				if err != nil {
					t.Fatal(err)
				}
				proposals, ids = append(proposals, ps), append(ids, id)
			}
			imported := indexRows(t, st)
			if len(imported) < 100 {
				t.Fatalf("only %d documents indexed", len(imported))
			}
			if err := Rebuild(ctx, st, council.ID); err != nil {
				t.Fatal(err)
			}
			rebuilt := indexRows(t, st)
			if !slices.Equal(imported, rebuilt) {
				for i := range max(len(imported), len(rebuilt)) {
					if i >= len(imported) || i >= len(rebuilt) || imported[i] != rebuilt[i] {
						t.Fatalf("the import indexed %d documents, Rebuild %d; first difference:\n%.300s\n%.300s",
							len(imported), len(rebuilt), row(imported, i), row(rebuilt, i))
					}
				}
			}
			for i, id := range ids {
				want, err := minutes.StoredProposals(ctx, st, id)
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprintf("%+v", proposals[i]) != fmt.Sprintf("%+v", want) {
					t.Errorf("session %d: %d proposals from the parsed document, %d from the stored minutes:\n%+v\n%+v", id, len(proposals[i]), len(want), proposals[i], want)
				}
			}
		})
	}
}

func row(rows []string, i int) string {
	if i < len(rows) {
		return rows[i]
	}
	return "(none)"
}

// indexRows gives every document of the search index as one line, in
// order.
func indexRows(t *testing.T, st *store.Store) []string {
	t.Helper()
	rows, err := st.DBForTests().QueryContext(context.Background(),
		`SELECT scope, kind, url, title, text, date, terms FROM search_index ORDER BY scope, url, kind, title`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c [7]string
		if err := rows.Scan(&c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6]); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%q", c))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
