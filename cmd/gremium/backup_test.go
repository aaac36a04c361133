package main

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// ack is a write the store acknowledged: its id, what was written and
// when the acknowledgement came.
type ack struct {
	kind string // "follow_up" or "document"
	id   int64
	text string // the follow-up's text or the document's SHA-256
	at   time.Time
}

// TestBackupUnderWriteLoad takes a backup while writers keep writing,
// restores it into a new data directory and finds there every write that
// was acknowledged before the backup began; the audit chain of the
// restored copy verifies.
func TestBackupUnderWriteLoad(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCmd("demo", "--data", dir); code != exitOK {
		t.Fatal(errs)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	sessions, err := st.Sessions(ctx, council.ID)
	if err != nil || len(sessions) == 0 {
		t.Fatalf("demo sessions: %v %v", sessions, err)
	}
	docs := filepath.Join(dir, "dokumente")
	os.MkdirAll(docs, 0o750)

	var mu sync.Mutex
	var acks []ack
	stop := make(chan struct{})
	var wg sync.WaitGroup
	const writers = 4
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wctx := store.WithActor(ctx, fmt.Sprintf("writer%d", w))
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				text := fmt.Sprintf("Auftrag %d/%d", w, i)
				a := ack{kind: "follow_up", text: text}
				var err error
				if i%5 == 4 {
					// A document as the web upload stores it: the file
					// first, then its row.
					body := []byte("%PDF-1.4 " + text)
					sum := sha256.Sum256(body)
					name := hex.EncodeToString(sum[:])
					if err = os.WriteFile(filepath.Join(docs, name+".tmp"), body, 0o640); err == nil {
						err = os.Rename(filepath.Join(docs, name+".tmp"), filepath.Join(docs, name))
					}
					if err == nil {
						a.kind, a.text = "document", name
						a.id, err = st.CreateDocument(wctx, store.Document{SessionID: sessions[0].ID, Filename: text + ".pdf",
							ContentType: "application/pdf", Size: int64(len(body)), SHA256: name, UploadedBy: "writer"})
					}
				} else {
					a.id, err = st.CreateFollowUp(wctx, model.FollowUp{Text: text, Responsible: "HE", Status: model.FollowUpOpen})
				}
				if err != nil {
					t.Errorf("writer %d: %v", w, err)
					return
				}
				a.at = time.Now()
				mu.Lock()
				acks = append(acks, a)
				mu.Unlock()
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	file := filepath.Join(t.TempDir(), "sicherung.tar.gz")
	begun := time.Now()
	code, out, errs := runCmd("backup", file, "--data", dir)
	ended := time.Now()
	time.Sleep(100 * time.Millisecond)
	close(stop)
	wg.Wait()
	if code != exitOK || !strings.Contains(out, "backup "+file+" written") {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	var before, during, after int
	for _, a := range acks {
		switch {
		case a.at.Before(begun):
			before++
		case a.at.Before(ended):
			during++
		default:
			after++
		}
	}
	t.Logf("acknowledged writes: %d before the backup, %d while it ran (%v), %d after", before, during, ended.Sub(begun).Round(time.Millisecond), after)
	if before == 0 || after == 0 {
		t.Fatalf("the writers did not run around the backup: %d before, %d after", before, after)
	}

	restored := filepath.Join(t.TempDir(), "wiederhergestellt")
	if code, out, errs := runCmd("restore", file, "--data", restored); code != exitOK || !strings.Contains(out, "audit log intact") {
		t.Fatalf("restore: %d %s %s", code, out, errs)
	}
	if code, out, errs := runCmd("audit", "verify", "--data", restored); code != exitOK || !strings.Contains(out, "audit log intact") {
		t.Fatalf("audit verify of the restored copy: %d %s %s", code, out, errs)
	}
	rs, err := store.Open(ctx, restored)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	for _, a := range acks {
		if !a.at.Before(begun) {
			continue
		}
		switch a.kind {
		case "follow_up":
			f, err := rs.FollowUp(ctx, a.id)
			if err != nil || f.Text != a.text {
				t.Errorf("acknowledged follow-up %d %q lost: %+v %v", a.id, a.text, f, err)
			}
		case "document":
			d, err := rs.Document(ctx, a.id)
			if err != nil || d.SHA256 != a.text {
				t.Errorf("acknowledged document %d lost: %+v %v", a.id, d, err)
				continue
			}
			b, err := os.ReadFile(filepath.Join(restored, "dokumente", a.text))
			if sum := sha256.Sum256(b); err != nil || hex.EncodeToString(sum[:]) != a.text {
				t.Errorf("document file %s not restored: %v", a.text, err)
			}
		}
	}
	// Every document the restored database names has its file.
	ds, _ := rs.Documents(ctx, sessions[0].ID)
	for _, d := range ds {
		if _, err := os.Stat(filepath.Join(restored, "dokumente", d.SHA256)); err != nil {
			t.Errorf("restored document %d has no file: %v", d.ID, err)
		}
	}
}

// TestRestoreRefuses covers what restore must not do: overwrite data
// without --force, accept an archive whose files differ from its manifest,
// or restore an audit log that was tampered with before the backup.
func TestRestoreRefuses(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCmd("demo", "--data", dir); code != exitOK {
		t.Fatal(errs)
	}
	file := filepath.Join(t.TempDir(), "s.tar")
	if code, _, errs := runCmd("backup", file, "--data", dir); code != exitOK {
		t.Fatal(errs)
	}

	t.Run("not empty", func(t *testing.T) {
		target := t.TempDir()
		os.WriteFile(filepath.Join(target, "notiz.txt"), []byte("wichtig"), 0o640)
		if code, _, errs := runCmd("restore", file, "--data", target); code != exitFail || !strings.Contains(errs, "is not empty") {
			t.Fatalf("restore into a non-empty directory: %d %s", code, errs)
		}
		code, out, errs := runCmd("restore", file, "--data", target, "--force")
		if code != exitOK || !strings.Contains(out, "vor-wiederherstellung-") {
			t.Fatalf("restore --force: %d %s %s", code, out, errs)
		}
		aside, _ := filepath.Glob(filepath.Join(target, "vor-wiederherstellung-*", "notiz.txt"))
		if len(aside) != 1 {
			t.Errorf("the former content was not kept: %v", aside)
		}
	})
	t.Run("altered archive", func(t *testing.T) {
		b, _ := os.ReadFile(file)
		// Change one byte inside the database's content (past its tar
		// header); the manifest's hash no longer matches.
		b[512+100] ^= 0xff
		bad := filepath.Join(t.TempDir(), "bad.tar")
		os.WriteFile(bad, b, 0o640)
		target := filepath.Join(t.TempDir(), "leer")
		if code, _, errs := runCmd("restore", bad, "--data", target); code != exitFail || !strings.Contains(errs, "differs from the manifest") {
			t.Fatalf("altered archive: %d %s", code, errs)
		}
		if entries, _ := os.ReadDir(target); len(entries) != 0 {
			t.Errorf("a refused restore left files: %v", entries)
		}
	})
	t.Run("foreign entry", func(t *testing.T) {
		var buf bytes.Buffer
		tw := tar.NewWriter(&buf)
		tw.WriteHeader(&tar.Header{Name: "../etc/passwd", Mode: 0o644, Size: 1, Typeflag: tar.TypeReg})
		tw.Write([]byte("x"))
		tw.Close()
		bad := filepath.Join(t.TempDir(), "evil.tar")
		os.WriteFile(bad, buf.Bytes(), 0o640)
		if code, _, errs := runCmd("restore", bad, "--data", filepath.Join(t.TempDir(), "d")); code != exitFail || !strings.Contains(errs, "unexpected entry") {
			t.Fatalf("path outside the data directory: %d %s", code, errs)
		}
	})
	t.Run("tampered audit log", func(t *testing.T) {
		src := t.TempDir()
		if code, _, errs := runCmd("demo", "--data", src); code != exitOK {
			t.Fatal(errs)
		}
		tamper(t, src, `UPDATE audit_log SET actor = 'mallory' WHERE id = 10`)
		bad := filepath.Join(t.TempDir(), "s.tar")
		if code, _, errs := runCmd("backup", bad, "--data", src); code != exitOK {
			t.Fatal(errs)
		}
		if code, _, errs := runCmd("restore", bad, "--data", filepath.Join(t.TempDir(), "d")); code != exitFail || !strings.Contains(errs, "Eintrag 10") {
			t.Fatalf("restore of a tampered log: %d %s", code, errs)
		}
	})
}

// tamper changes a data directory's database with SQL, bypassing gremium.
func tamper(t *testing.T, dir string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, store.DBFileName)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestAuditVerifyCommand edits, deletes and inserts audit rows with SQL
// and expects "gremium audit verify" to name the entry and exit 1.
func TestAuditVerifyCommand(t *testing.T) {
	fresh := func(t *testing.T) string {
		dir := t.TempDir()
		if code, _, errs := runCmd("demo", "--data", dir); code != exitOK {
			t.Fatal(errs)
		}
		return dir
	}
	dir := fresh(t)
	code, out, _ := runCmd("audit", "verify", "--data", dir)
	if code != exitOK || !strings.HasPrefix(out, "audit log intact: ") {
		t.Fatalf("intact: %d %s", code, out)
	}
	code, head, _ := runCmd("audit", "head", "--data", dir)
	if code != exitOK {
		t.Fatal("audit head failed")
	}
	head = strings.TrimSpace(head)
	if code, out, _ := runCmd("audit", "verify", "--head", head, "--data", dir); code != exitOK || !strings.Contains(out, "contains the given head") {
		t.Fatalf("verify --head: %d %s", code, out)
	}
	tests := []struct {
		name  string
		sql   []string
		want  string
		head  bool
		usage bool
	}{
		{"edited", []string{`UPDATE audit_log SET detail = 'nichts' WHERE id = 20`}, "entry 20 (verändert)", false, false},
		{"deleted", []string{`DELETE FROM audit_log WHERE id = 30`}, "entry 31 (gelöscht)", false, false},
		{"inserted", []string{`INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES ('2030-01-01T00:00:00.000000000Z', 'mallory', 'adopt', 'decision', 1)`},
			"(eingefügt)", false, false},
		{"last deleted, head kept", []string{`DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)`}, "(gelöscht)", true, false},
		{"bad head", nil, "", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := fresh(t)
			_, h, _ := runCmd("audit", "head", "--data", dir)
			h = strings.TrimSpace(h)
			if tt.usage {
				h = "12:xyz"
			}
			tamper(t, dir, tt.sql...)
			args := []string{"audit", "verify", "--data", dir}
			if tt.head {
				args = append(args, "--head", h)
			}
			code, out, errs := runCmd(args...)
			if tt.usage {
				if code != exitUsage {
					t.Errorf("bad head: %d %s", code, errs)
				}
				return
			}
			if code != exitFail || !strings.HasPrefix(out, "audit log DAMAGED at ") || !strings.Contains(out, tt.want) {
				t.Errorf("%s: exit %d\n%s%s", tt.name, code, out, errs)
			}
		})
	}
	if code, _, errs := runCmd("audit", "verify", "--data", filepath.Join(t.TempDir(), "nichts")); code != exitFail || !strings.Contains(errs, "no database") {
		t.Errorf("verify without a database: %d %s", code, errs)
	}
	if code, _, _ := runCmd("audit"); code != exitUsage {
		t.Errorf("audit without subcommand: %d", code)
	}
}
