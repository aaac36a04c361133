package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// entriesAfter gives the audit entries newer than entry id, oldest first.
func entriesAfter(t *testing.T, s *Store, id int64) []model.AuditEntry {
	t.Helper()
	list, err := queryList(context.Background(), s.db, scanAuditEntry, "entries", `SELECT `+auditCols+` FROM audit_log WHERE id > ? ORDER BY id`, id)
	check(t, err)
	return list
}

func headID(t *testing.T, s *Store) int64 {
	t.Helper()
	return must[AuditHead](t)(s.AuditHeadNow(context.Background())).ID
}

// TestAuditEveryWritePath runs the write paths the other store tests do
// not reach, under the audit guard (newStore), and checks what their
// entries record.
func TestAuditEveryWritePath(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "gs")
	id := must[int64](t)
	bodyID, sessionID := fixture(t, s)
	green := id(s.CreateSection(ctx, model.Section{BodyID: bodyID, Name: "Grüne Liste", Position: 9, Consent: true}))
	var items []int64
	for i, title := range []string{"Eins", "Zwei", "Drei"} {
		items = append(items, id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: fmt.Sprint(i + 1), Title: title, Position: i + 1,
			SectionID: green, Consent: true})))
		// Empfehlungen: the fixture's three voting members could not adopt a
		// Beschluss (it needs eleven Länder).
		id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: items[i], Kind: model.KindRecommendation, Status: model.DecisionDraft,
			Applicants: []string{"Bund"}, Scope: model.ScopeAll, Title: title, Points: []model.Point{{Text: "Der IT-Planungsrat empfiehlt " + title + "."}}}))
	}

	t.Run("move", func(t *testing.T) {
		// A planned session's agenda: a running one keeps its order
		// (runningAgendaRefusal).
		planned := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 49, Date: model.NewDate(2025, 11, 6), StartTime: "10:00", Status: model.StatusPlanned}))
		moved := []int64{
			id(s.CreateItem(ctx, model.AgendaItem{SessionID: planned, Number: "1", Title: "Eins", Position: 1})),
			id(s.CreateItem(ctx, model.AgendaItem{SessionID: planned, Number: "2", Title: "Zwei", Position: 2})),
		}
		before := headID(t, s)
		check(t, s.MoveItem(ctx, moved[0], +1, itemVersion(t, s, moved[0])))
		got := map[int64]model.AuditEntry{}
		for _, e := range entriesAfter(t, s, before) {
			got[e.EntityID] = e
		}
		if e := got[moved[0]]; e.Action != "move" || !strings.Contains(e.Before, `"position":1`) || !strings.Contains(e.After, `"position":2`) {
			t.Errorf("moved item: %+v", e)
		}
		if e := got[moved[1]]; e.Action != "update" || !strings.Contains(e.After, `"position":1`) {
			t.Errorf("item moved up by the move: %+v", e)
		}
	})
	t.Run("current item, consent agenda, profile", func(t *testing.T) {
		check(t, s.SetCurrentItem(ctx, sessionID, items[1]))
		before := headID(t, s)
		out := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, sessionID, 0, votesOf(model.VoteYes, "Bund", "HE", "HH")))
		adopted := out.Decisions
		log := entriesAfter(t, s, before)
		// The vote (opened, 17 hands, closed) is one entry, each adopted
		// decision one.
		var actions []string
		for _, e := range log {
			actions = append(actions, e.Entity+":"+e.Action)
		}
		if len(adopted) == 0 || !slices.Contains(actions, "decision:adopt") || !strings.Contains(strings.Join(actions, " "), "vote:") {
			t.Errorf("consent agenda entries: %v", actions)
		}
		if len(log) == 0 || !strings.Contains(fmt.Sprint(log), adopted[0].Label) {
			t.Errorf("consent agenda entries: %+v", log)
		}
		check(t, s.SaveAssessments(ctx, adopted[0].ID, profileVersion(t, s, adopted[0].ID), []model.Assessment{{ConferenceID: bodyID, Relevant: true, Reason: "IMK betroffen", AssessedBy: "HH"}}))
		last := entriesAfter(t, s, headID(t, s)-1)[0]
		if last.Action != "assess" || !strings.Contains(last.After, `"reason":"IMK betroffen"`) {
			t.Errorf("profile entry: %+v", last)
		}
	})
	t.Run("document and message", func(t *testing.T) {
		id(s.CreateDocument(ctx, Document{SessionID: sessionID, Filename: "vorlage.pdf", ContentType: "application/pdf", Size: 3, SHA256: "abc", UploadedBy: "gs"}))
		check(t, s.inTx(ctx, func(tx *sql.Tx) error {
			_, err := s.queueNotification(ctx, tx, model.Notification{Key: "test/1", Event: model.EventAgendaPublished, Channel: model.ChannelEmail,
				Recipient: "imk@example.org", Subject: "Einladung", Body: "…"})
			return err
		}))
		last := entriesAfter(t, s, headID(t, s)-1)[0]
		if last.Entity != "notification" || last.Action != "create" || !strings.Contains(last.After, `"recipient":"imk@example.org"`) {
			t.Errorf("queued message entry: %+v", last)
		}
	})
	t.Run("accounts and logins", func(t *testing.T) {
		uid := id(s.CreateUser(ctx, model.User{Username: "he1", Name: "Büro Hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, "$argon2id$geheim-1"))
		must[int64](t)(s.CreateAPIToken(ctx, "tokenhash-1", uid, "Landesportal", time.Now().Add(24*time.Hour)))
		version := s.Version()
		before := headID(t, s)
		login := WithClientAddr(context.Background(), "192.0.2.7:5000")
		check(t, s.CreateLoginSession(login, NewLogin{TokenHash: "sessionhash-1", UserID: uid, Expires: time.Now().Add(time.Hour)}))
		check(t, s.RecordLoginFailure(login, "he1"))
		check(t, s.RecordLoginFailure(login, "niemand"))
		check(t, s.DeleteLoginSession(login, "sessionhash-1"))
		check(t, s.DeleteLoginSession(login, "unknown")) // nothing to end, nothing logged
		var got []string
		for _, e := range entriesAfter(t, s, before) {
			got = append(got, fmt.Sprintf("%s %s %s %d %s", e.Actor, e.Action, e.Entity, e.EntityID, e.Detail))
		}
		want := []string{
			fmt.Sprintf("he1 login login %d Adresse 192.0.2.7:5000", uid),
			fmt.Sprintf("he1 login_failed login %d falsches Passwort, Adresse 192.0.2.7:5000", uid),
			"niemand login_failed login 0 unbekannter Benutzername, Adresse 192.0.2.7:5000",
			fmt.Sprintf("he1 logout login %d Adresse 192.0.2.7:5000", uid),
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("login entries:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		// Logins change no content: cached pages stay valid.
		if s.Version() != version {
			t.Errorf("a login counted as a change of content")
		}
		// A name of any length typed into the login form is logged cut short.
		check(t, s.RecordLoginFailure(login, strings.Repeat("ä", 5000)))
		if e := entriesAfter(t, s, headID(t, s)-1)[0]; len([]rune(e.Actor)) != maxLoggedName+1 || e.EntityID != 0 {
			t.Errorf("long user name logged as %d runes", len([]rune(e.Actor)))
		}
		check(t, s.SetPassword(ctx, uid, "$argon2id$geheim-2"))
		last := entriesAfter(t, s, headID(t, s)-1)[0]
		if last.Action != "password" || !strings.Contains(last.After, `"password_hash":"verborgen:`) ||
			strings.Contains(last.Before+last.After, "geheim") {
			t.Errorf("password entry leaks or misses the change: %+v", last)
		}
		for _, e := range entriesAfter(t, s, 0) {
			if strings.Contains(e.Before+e.After, "geheim") || strings.Contains(e.Before+e.After, "tokenhash") {
				t.Errorf("entry %d records a secret: %s %s", e.ID, e.Before, e.After)
			}
		}
	})
	t.Run("minutes import and correction", func(t *testing.T) {
		mi := func(title string, speakers ...string) MinutesItem {
			m := MinutesItem{Item: model.AgendaItem{Number: "1", Title: title, Position: 1}}
			for i, sp := range speakers {
				m.Contributions = append(m.Contributions, model.Contribution{Position: i + 1, Speaker: sp, Points: []string{"Punkt von " + sp}})
			}
			return m
		}
		se := model.Session{Number: 12, Date: model.NewDate(2024, 3, 1), Place: "Berlin", Chair: "Bund"}
		sid := must[int64](t)(s.SaveMinutes(ctx, bodyID, se, []MinutesItem{mi("Eröffnung", "HE", "HH"), mi("Zweites")}, nil, ImportSource{}))
		before := headID(t, s)
		must[int64](t)(s.SaveMinutes(ctx, bodyID, se, []MinutesItem{mi("Eröffnung", "HE")}, nil, ImportSource{}))
		actions := map[string]int{}
		for _, e := range entriesAfter(t, s, before) {
			actions[e.Entity+" "+e.Action]++
		}
		// The contribution the correction adds is named by the import's
		// entry, those it removes have entries of their own.
		if actions["contribution remove"] != 2 || actions["contribution create"] != 0 || actions["agenda_item remove"] != 1 || actions["session import"] != 1 {
			t.Errorf("corrected import entries: %v", actions)
		}
		_ = sid
	})
}

// TestAuditVerify tampers with the database file directly, as someone
// with access to it could, and checks that verification names the entry.
func TestAuditVerify(t *testing.T) {
	ctx := context.Background()
	// setup gives a store with a dozen entries and a raw connection to its
	// file.
	setup := func(t *testing.T) (*Store, *sql.DB) {
		s, dir := newStore(t)
		fixture(t, s)
		raw := rawDB(t, s, dir)
		// The guard's own triggers would note the tampering; it is the
		// point here.
		t.Cleanup(func() { raw.Exec(`DELETE FROM test_changes`) })
		return s, raw
	}
	exec := func(t *testing.T, db *sql.DB, qs ...string) {
		t.Helper()
		for _, q := range qs {
			if _, err := db.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
	verify := func(t *testing.T, s *Store, head AuditHead) AuditReport {
		t.Helper()
		return must[AuditReport](t)(s.VerifyAudit(ctx, head))
	}
	tests := []struct {
		name   string
		tamper func(t *testing.T, s *Store, db *sql.DB) AuditHead
		id     int64
		kind   string
	}{
		{"intact", func(t *testing.T, s *Store, db *sql.DB) AuditHead { return AuditHead{} }, 0, ""},
		{"edited actor", func(t *testing.T, s *Store, db *sql.DB) AuditHead {
			exec(t, db, `UPDATE audit_log SET actor = 'mallory' WHERE id = 3`)
			return AuditHead{}
		}, 3, AuditAltered},
		{"edited values", func(t *testing.T, s *Store, db *sql.DB) AuditHead {
			exec(t, db, `UPDATE audit_log SET new_values = replace(new_values, 'Hessen', 'Bayern') WHERE id = 3`)
			return AuditHead{}
		}, 3, AuditAltered},
		{"deleted", func(t *testing.T, s *Store, db *sql.DB) AuditHead {
			exec(t, db, `DELETE FROM audit_log WHERE id = 5`)
			return AuditHead{}
		}, 6, AuditDeleted},
		{"deleted and renumbered", func(t *testing.T, s *Store, db *sql.DB) AuditHead {
			exec(t, db, `DELETE FROM audit_log WHERE id = 5`, `UPDATE audit_log SET id = id + 1000 WHERE id > 5`, `UPDATE audit_log SET id = id - 1001 WHERE id > 1000`)
			return AuditHead{}
		}, 5, AuditDeleted},
		{"inserted in the middle", func(t *testing.T, s *Store, db *sql.DB) AuditHead {
			// Room for a forged entry 4, chained to entry 3 with a correct
			// hash: the entry after it still points to entry 3.
			var prev string
			check(t, db.QueryRow(`SELECT hash FROM audit_log WHERE id = 3`).Scan(&prev))
			forged := auditRow{ID: 4, At: "2025-06-26T10:00:00.000000000Z", Actor: "gs", Action: "adopt", Entity: "decision", EntityID: 1, PrevHash: prev}
			forged.Hash = entryHash(forged)
			exec(t, db, `UPDATE audit_log SET id = id + 1000 WHERE id > 3`, `UPDATE audit_log SET id = id - 999 WHERE id > 1000`,
				fmt.Sprintf(`INSERT INTO audit_log (id, at, actor, action, entity, entity_id, prev_hash, hash) VALUES (4, '%s', 'gs', 'adopt', 'decision', 1, '%s', '%s')`,
					forged.At, forged.PrevHash, forged.Hash))
			return AuditHead{}
		}, 4, AuditInserted},
		{"inserted at the end", func(t *testing.T, s *Store, db *sql.DB) AuditHead {
			exec(t, db, `INSERT INTO audit_log (at, actor, action, entity, entity_id) SELECT '2030-01-01T00:00:00.000000000Z', 'mallory', 'adopt', 'decision', 1`)
			return AuditHead{}
		}, 8, AuditInserted},
		{"last entry deleted, head kept", func(t *testing.T, s *Store, db *sql.DB) AuditHead {
			head := must[AuditHead](t)(s.AuditHeadNow(ctx))
			exec(t, db, fmt.Sprintf(`DELETE FROM audit_log WHERE id = %d`, head.ID))
			return head
		}, 7, AuditDeleted},
		{"chain recomputed, head kept", func(t *testing.T, s *Store, db *sql.DB) AuditHead {
			head := must[AuditHead](t)(s.AuditHeadNow(ctx))
			exec(t, db, `UPDATE audit_log SET actor = 'mallory' WHERE id = 2`)
			rechain(t, db)
			// Without the kept head the rewrite is not visible …
			if rep := verify(t, s, AuditHead{}); rep.Problem != nil {
				t.Fatalf("recomputed chain: %+v", rep.Problem)
			}
			return head // … with it, it is.
		}, 7, AuditHeadLost},
		{"chain recomputed, bare head hash kept", func(t *testing.T, s *Store, db *sql.DB) AuditHead {
			head := must[AuditHead](t)(s.AuditHeadNow(ctx))
			exec(t, db, `UPDATE audit_log SET detail = 'nichts' WHERE id = 2`)
			rechain(t, db)
			return AuditHead{Hash: head.Hash}
		}, 0, AuditHeadLost}, // a bare hash names no entry
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, db := setup(t)
			if n := headID(t, s); n != 7 {
				t.Fatalf("fixture wrote %d entries, the cases assume 7", n)
			}
			head := tt.tamper(t, s, db)
			rep := verify(t, s, head)
			switch {
			case tt.kind == "" && rep.Problem != nil:
				t.Errorf("intact chain reported: %+v", rep.Problem)
			case tt.kind == "" && (rep.Entries != 7 || rep.Head.ID != 7):
				t.Errorf("report = %+v", rep)
			case tt.kind != "" && (rep.Problem == nil || rep.Problem.EntryID != tt.id || rep.Problem.Kind != tt.kind):
				t.Errorf("problem = %+v, want entry %d %s", rep.Problem, tt.id, tt.kind)
			}
			if rep.Problem != nil {
				t.Logf("%s: %s", tt.name, rep.Problem.Reason)
				// The guard's end-of-test verification would fail: the
				// damage is the point here, so mend the chain for it.
				rechain(t, db)
			}
		})
	}
}

// rechain recomputes every hash of the chain as an attacker with write
// access to the database could.
func rechain(t *testing.T, db *sql.DB) {
	t.Helper()
	rows, err := db.Query(`SELECT id, at, actor, action, entity, entity_id, detail, old_values, new_values FROM audit_log ORDER BY id`)
	check(t, err)
	var list []auditRow
	for rows.Next() {
		var e auditRow
		check(t, rows.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.Detail, &e.Before, &e.After))
		list = append(list, e)
	}
	rows.Close()
	prev := ""
	for i, e := range list {
		old := e.ID
		e.ID, e.PrevHash = int64(i+1), prev
		e.Hash = entryHash(e)
		if _, err := db.Exec(`UPDATE audit_log SET id = ?, prev_hash = ?, hash = ? WHERE id = ?`, e.ID, e.PrevHash, e.Hash, old); err != nil {
			t.Fatal(err)
		}
		prev = e.Hash
	}
}

func TestParseAuditHead(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	tests := []struct {
		in   string
		want AuditHead
		ok   bool
	}{
		{"12:" + hash, AuditHead{12, hash}, true},
		{" " + strings.ToUpper(hash) + "\n", AuditHead{0, hash}, true},
		{"x:" + hash, AuditHead{}, false},
		{"0:" + hash, AuditHead{}, false},
		{"12:abc", AuditHead{}, false},
		{"", AuditHead{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseAuditHead(tt.in)
			if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
				t.Errorf("ParseAuditHead(%q) = %+v, %v", tt.in, got, err)
			}
			if tt.ok && tt.want.ID != 0 && got.String() != strings.TrimSpace(tt.in) {
				t.Errorf("String() = %q", got.String())
			}
		})
	}
}

// TestAuditChainOfOlderDatabase opens a database written before the chain
// existed: migration 31 chains its entries, numbered without gaps.
func TestAuditChainOfOlderDatabase(t *testing.T) {
	onlySQLite(t, "writes an SQLite file of an older schema")
	ctx := context.Background()
	db, dir := sqliteAtSchema(t, ctx, 8)
	for i, id := range []int{1, 2, 5} { // a gap, as rows deleted long ago would leave
		if _, err := db.Exec(`INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail) VALUES (?, ?, 'demo', 'create', 'member', ?, '')`,
			id, fmt.Sprintf("2025-01-0%dT00:00:00.000000000Z", i+1), id); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := testOpen(t, ctx, dir)
	check(t, err)
	defer s.Close()
	rep := must[AuditReport](t)(s.VerifyAudit(ctx, AuditHead{}))
	if rep.Problem != nil || rep.Entries != 3 || rep.Head.ID != 3 {
		t.Fatalf("older database: %+v %+v", rep, rep.Problem)
	}
	// New entries continue the chain.
	must[int64](t)(s.CreateMember(ctx, model.Member{Abbrev: "HE", Name: "Hessen", Kind: model.MemberLand}))
	if rep := must[AuditReport](t)(s.VerifyAudit(ctx, AuditHead{})); rep.Problem != nil || rep.Head.ID != 4 {
		t.Fatalf("after a new entry: %+v %+v", rep, rep.Problem)
	}
	var v int64
	check(t, s.db.QueryRow(`SELECT MAX(version_id) FROM goose_db_version`).Scan(&v))
	if v < 31 {
		t.Errorf("schema version %d", v)
	}
}

func TestAuditEntriesFilterAndPaging(t *testing.T) {
	s, _ := newStore(t)
	day := time.Date(2025, 6, 26, 8, 0, 0, 0, time.UTC)
	clock := day
	s.SetClock(func() time.Time { clock = clock.Add(time.Hour); return clock })
	ctx := context.Background()
	fixture(t, s) // 7 entries, "system", 09:00 … 15:00 UTC
	he := WithActor(ctx, "hessen")
	for i := range 5 {
		must[int64](t)(s.CreateFollowUp(he, model.FollowUp{Text: fmt.Sprint("Auftrag ", i), Responsible: "HE", Status: model.FollowUpOpen}))
	}
	all := must[AuditPage](t)(s.AuditEntries(ctx, AuditFilter{}))
	if len(all.Entries) != 12 || all.Entries[0].ID != 12 || all.Newer || all.Older {
		t.Fatalf("all: %d entries, first %d, newer %v older %v", len(all.Entries), all.Entries[0].ID, all.Newer, all.Older)
	}
	tests := []struct {
		name  string
		f     AuditFilter
		ids   []int64
		newer bool
		older bool
	}{
		{"who", AuditFilter{Actor: "hessen"}, []int64{12, 11, 10, 9, 8}, false, false},
		{"object type", AuditFilter{Entity: "member"}, []int64{5, 4, 3, 2}, false, false},
		{"object", AuditFilter{Entity: "member", EntityID: 3}, []int64{4}, false, false},
		{"period", AuditFilter{From: day.Add(3 * time.Hour), Until: day.Add(5 * time.Hour)}, []int64{4, 3}, false, false},
		{"first page", AuditFilter{Limit: 5}, []int64{12, 11, 10, 9, 8}, false, true},
		{"older page", AuditFilter{Limit: 5, Before: 8}, []int64{7, 6, 5, 4, 3}, true, true},
		{"last page", AuditFilter{Limit: 5, Before: 3}, []int64{2, 1}, true, false},
		{"newer page", AuditFilter{Limit: 5, After: 2}, []int64{7, 6, 5, 4, 3}, true, true},
		{"filtered pages", AuditFilter{Actor: "hessen", Limit: 2, Before: 11}, []int64{10, 9}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := must[AuditPage](t)(s.AuditEntries(ctx, tt.f))
			var ids []int64
			for _, e := range page.Entries {
				ids = append(ids, e.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(tt.ids) || page.Newer != tt.newer || page.Older != tt.older {
				t.Errorf("ids %v newer %v older %v, want %v %v %v", ids, page.Newer, page.Older, tt.ids, tt.newer, tt.older)
			}
			var n int
			check(t, s.EachAuditEntry(ctx, tt.f, func(model.AuditEntry) error { n++; return nil }))
			if tt.f.Limit == 0 && n != len(tt.ids) {
				t.Errorf("export gives %d entries, the page %d", n, len(tt.ids))
			}
		})
	}
}

// TestAuditOneTimePerTransaction: the entries one operation writes share
// one time, however often the clock is read while it runs. Before, each
// entry read the clock: a transaction across a second's boundary gave its
// objects different times, and an OParl object built with the change
// (created = the transaction's newest entry) differed from the same object
// built later from the audit log (created = its own entry).
func TestAuditOneTimePerTransaction(t *testing.T) {
	s, _ := newStore(t)
	clock := time.Date(2025, 6, 26, 8, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { clock = clock.Add(time.Second); return clock })
	ctx := context.Background()
	bodyID, sid := fixture(t, s)
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sid, Title: "Zwei Einträge", Position: 50}))
	before := headID(t, s)
	// A draft on an item ticks the item's box "Beschluss": two objects.
	must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sid, ItemID: item, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Applicants: []string{"Bund"}, Scope: model.ScopeAll, Title: "Vorschlag", Points: []model.Point{{Text: "Der IT-Planungsrat empfiehlt."}}}))
	list := entriesAfter(t, s, before)
	if len(list) < 2 {
		t.Fatalf("the operation wrote %d entries; the test needs one that writes several", len(list))
	}
	for _, e := range list[1:] {
		if !e.At.Equal(list[0].At) {
			t.Errorf("entry %d (%s %d) at %v, entry %d at %v: one operation, two times", e.ID, e.Entity, e.EntityID, e.At, list[0].ID, list[0].At)
		}
	}
}

// sqliteAtSchema writes an SQLite database of an older schema, migrated up
// to version only, in a new directory: the database as an installation of
// that time left it, for a test to fill before the store opens (and
// migrates) it. The caller closes db before opening dir.
func sqliteAtSchema(t *testing.T, ctx context.Context, version int64) (db *sql.DB, dir string) {
	t.Helper()
	dir = t.TempDir()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, DBFileName))
	check(t, err)
	p, err := (&Store{db: db}).provider()
	check(t, err)
	if _, err := p.UpTo(ctx, version); err != nil {
		t.Fatal(err)
	}
	return db, dir
}
