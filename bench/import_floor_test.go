package bench

import (
	"bytes"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gremium/internal/minutes"
	"gremium/internal/minutes/minutestest"
)

// BenchmarkImportFloor measures the least that any import of the file of
// BenchmarkImportMinutes must do on the embedded engine (modernc.org's
// SQLite, the stack's pure-Go driver), without gremium's code: store its
// text once and index it once for full-text search, in one transaction on
// a fresh database in gremium's journal settings (WAL, synchronous
// NORMAL). The text is cut at its lines into as many rows as the file has
// items (GREMIUM_BENCH_IMPORT_ITEMS, default 900), each row stored in a
// plain table and indexed by a contentless FTS5 table (no second copy of
// the text; the simplest tokenizer, no stemming, no folding). No parsing,
// no decisions, no audit entries, no OParl objects, no snippets' text:
// every real design does more. Sub-benchmark store-only leaves out the
// index.
//
// It reports MB/s of the file (issue 18's target is 20 MB/s end to end)
// and MB per second of this process's processor time (user + system, all
// threads, garbage collection included), which other load of the machine
// changes less.
//
//	go test ./bench -run '^$' -bench ImportFloor -benchtime 10x
func BenchmarkImportFloor(b *testing.B) {
	var text bytes.Buffer
	items := envInt("GREMIUM_BENCH_IMPORT_ITEMS", 900)
	if err := minutes.Export(&text, minutestest.Synthetic(60, items, 2030)); err != nil {
		b.Fatal(err)
	}
	rows := cutLines(text.String(), items)
	for _, index := range []bool{true, false} {
		name := "store-and-index"
		if !index {
			name = "store-only"
		}
		b.Run(name, func(b *testing.B) {
			var total, cpu time.Duration
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				db, err := sql.Open("sqlite", "file:"+filepath.Join(b.TempDir(), "floor.db")+
					"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)")
				if err != nil {
					b.Fatal(err)
				}
				db.SetMaxOpenConns(1)
				for _, q := range []string{
					`CREATE TABLE rows (id INTEGER PRIMARY KEY, text TEXT NOT NULL)`,
					`CREATE VIRTUAL TABLE idx USING fts5(text, content='', tokenize='unicode61 remove_diacritics 0')`,
				} {
					if _, err := db.Exec(q); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				t0, c0 := time.Now(), CPUTime()
				if err := floorImport(db, rows, index); err != nil {
					b.Fatal(err)
				}
				total += time.Since(t0)
				cpu += CPUTime() - c0
				b.StopTimer()
				db.Close()
				b.StartTimer()
			}
			mbps := float64(text.Len()) * float64(b.N) / total.Seconds() / 1e6
			perCPU := float64(text.Len()) * float64(b.N) / cpu.Seconds() / 1e6
			fmt.Printf("import floor, %s: %.1f MB/s (%d bytes in %d rows, %s per import; %.1f MB per processor second, %s processor time per import)\n",
				name, mbps, text.Len(), len(rows), (total / time.Duration(b.N)).Round(time.Millisecond), perCPU, (cpu / time.Duration(b.N)).Round(time.Millisecond))
			b.SetBytes(int64(text.Len()))
			b.ReportMetric(mbps, "MB/s-floor")
			b.ReportMetric(perCPU, "MB/cpu-s")
		})
	}
}

// floorImport stores each row once (and indexes it when index is set) in
// one transaction through prepared statements.
func floorImport(db *sql.DB, rows []string, index bool) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins, err := tx.Prepare(`INSERT INTO rows (id, text) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	idx, err := tx.Prepare(`INSERT INTO idx (rowid, text) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	for i, r := range rows {
		if _, err := ins.Exec(i+1, r); err != nil {
			return err
		}
		if index {
			if _, err := idx.Exec(i+1, r); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

// cutLines cuts text at line ends into n pieces of about equal size.
func cutLines(text string, n int) []string {
	size := len(text)/n + 1
	var out []string
	for len(text) > 0 {
		end := min(size, len(text))
		if nl := strings.IndexByte(text[end:], '\n'); nl >= 0 {
			end += nl + 1
		} else {
			end = len(text)
		}
		out = append(out, text[:end])
		text = text[end:]
	}
	return out
}
