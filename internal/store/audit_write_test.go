package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestCompactJSONAsEncodingJSON checks the hand-written encoder of audit
// states against encoding/json (no HTML escaping, sorted keys): the audit
// log's before/after texts must not change with it.
func TestCompactJSONAsEncodingJSON(t *testing.T) {
	texts := []string{"", "plain", `quote " and \ backslash`, "<b>&amp;</b>", "Zeile\nzwei\r\tTab\b\f",
		"\x00\x01\x1f\x7f", "Umlaute äöüß – „Anführung“", "bad \xff\xfe utf8", "sep \u2028 \u2029 end", "emoji 😀", strings.Repeat("ä", 300)}
	var values []any
	for _, s := range texts {
		values = append(values, s)
	}
	values = append(values, nil, int64(0), int64(-42), int64(1)<<62, 7, true, false, 1.5, 1e21, 0.000001)
	st := state{"id": int64(3), "title": texts[4], "gone": nil}
	for i, s := range texts {
		st[s] = values[i%len(values)]
	}
	st["stimmen"] = []any{map[string]any{"member_abbrev": "BW", "choice": "ja"}, map[string]any{"z": texts[7], "a": int64(1)}}
	st["leer"] = []any{}
	values = append(values, st, map[string]any(st), []any{st, nil, "x"}, []string{"a<b"}, map[string]any{})
	for _, v := range values {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		check(t, enc.Encode(v))
		want := strings.TrimSuffix(b.String(), "\n")
		if got := compactJSON(v); got != want {
			t.Errorf("compactJSON(%#v)\n got %s\nwant %s", v, got, want)
		}
	}
}

// TestPartsByIDAsPerObject reads every dependent part of every audited
// kind for several objects with one query each (partsByID, as the audit
// reads the states after a change) and compares the result with the
// part's own query per object: the rewritten queries must run on the
// engine and give the same rows in the same order.
func TestPartsByIDAsPerObject(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "test")
	id := must[int64](t)
	bodyID, _ := fixture(t, s)
	ended := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusMinutesDraft}))
	var decisions []int64
	for seq := 20; seq < 23; seq++ {
		decisions = append(decisions, id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: ended, Kind: model.KindDecision,
			Number: model.DecisionNumber{Year: 2025, Seq: seq}, Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "mehrheitlich",
			Points: []model.Point{{Text: "Der IT-Planungsrat beschließt."}}})))
	}
	for i, d := range decisions[:2] {
		var votes []model.Vote
		for j, m := range []string{"HH", "Bund", "HE"}[i:] {
			votes = append(votes, model.Vote{Member: m, Choice: []model.VoteChoice{model.VoteYes, model.VoteNo, model.VoteAbstain}[j]})
		}
		check(t, s.inTx(ctx, func(tx *sql.Tx) error {
			if err := s.touch(ctx, tx, "decision", d); err != nil {
				return err
			}
			if err := replaceVotes(ctx, tx, d, votes); err != nil {
				return err
			}
			return s.audit(ctx, tx, "update", "decision", d, "")
		}))
	}
	ids := []any{}
	for _, d := range decisions {
		ids = append(ids, d)
	}
	for i := int64(1); i <= 4; i++ {
		ids = append(ids, i)
	}
	found := 0
	check(t, s.inTx(ctx, func(tx *sql.Tx) error {
		for _, e := range auditEntities {
			for _, part := range e.parts {
				got, err := s.partsByID(ctx, tx, part, "("+placeholders(len(ids))+")", ids)
				if err != nil {
					t.Errorf("%s %s: %v", e.Name, part.name, err)
					continue
				}
				for _, id := range ids {
					want, err := s.rowMaps(ctx, tx, part.query, id)
					check(t, err)
					found += len(want)
					if g, w := compactJSON(partList(got[id.(int64)])), compactJSON(partList(want)); g != w {
						t.Errorf("%s %s of %d:\n got %s\nwant %s", e.Name, part.name, id, g, w)
					}
				}
			}
		}
		return nil
	}))
	if found < 5 {
		t.Fatalf("only %d dependent rows compared: the fixture has too few", found)
	}
}
