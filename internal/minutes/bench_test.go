package minutes_test

import (
	"bytes"
	"fmt"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
)

// synthetic builds the minutes of one session with n items, cycling through
// the items of the 47th session with fresh numbers and decision numbers.
func synthetic(n int) minutes.Document {
	src := demo.Session47Document()
	items := src.Items()
	doc := minutes.Document{Audience: model.Internal, Session: src.Session, Body: model.Body{Name: "IT-Planungsrat"}}
	seq := 0
	for i := 0; i < n; i++ {
		it := items[i%len(items)]
		it.Number = fmt.Sprintf("%02d", i+1)
		rows := make([]minutes.Row, len(it.Rows))
		for j, r := range it.Rows {
			if r.Decision != nil {
				d := *r.Decision
				if !d.Number.IsZero() {
					seq++
					d.Number = model.DecisionNumber{Year: 2025, Seq: seq}
					d.Label = fmt.Sprintf("B-2025/%02d-IT", seq)
				}
				r.Decision = &d
			}
			rows[j] = r
		}
		it.Rows = rows
		doc.Sections = append(doc.Sections, minutes.Section{Name: src.Sections[i%len(src.Sections)].Name, Items: []minutes.Item{it}})
	}
	return doc
}

// BenchmarkParse measures parse throughput on about 20 MB of minutes text
// in the published layout (reported as MB/s).
func BenchmarkParse(b *testing.B) {
	var text bytes.Buffer
	for i := 0; text.Len() < 20<<20; i++ {
		doc := synthetic(200)
		doc.Session.Number = 100 + i
		if err := minutes.Export(&text, doc); err != nil {
			b.Fatal(err)
		}
	}
	input := text.Bytes()
	b.SetBytes(int64(len(input)))
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := minutes.Parse(bytes.NewReader(input), itplrOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSeed measures the published 47th minutes themselves.
func BenchmarkParseSeed(b *testing.B) {
	input := readSeed(b)
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		if _, _, err := minutes.Parse(bytes.NewReader(input), itplrOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

func pages(pdf []byte) int { return bytes.Count(pdf, []byte("/Type /Page\n")) }

// BenchmarkPDF50Pages renders the public minutes of a session that fills 50
// pages.
func BenchmarkPDF50Pages(b *testing.B) {
	n := 40
	var doc minutes.Document
	for {
		doc = minutes.Redacted(synthetic(n), model.Public)
		var buf bytes.Buffer
		if err := minutes.WritePDF(&buf, doc); err != nil {
			b.Fatal(err)
		}
		if pages(buf.Bytes()) >= 50 {
			break
		}
		n += 2
	}
	b.ResetTimer()
	var last []byte
	for b.Loop() {
		var buf bytes.Buffer
		if err := minutes.WritePDF(&buf, doc); err != nil {
			b.Fatal(err)
		}
		last = buf.Bytes()
	}
	b.ReportMetric(float64(pages(last)), "pages")
}

// BenchmarkPropose measures the follow-up proposals of a session of 900
// items (what `gremium import minutes` runs after the store), reported as
// MB/s of the session's exported minutes text.
func BenchmarkPropose(b *testing.B) {
	doc := synthetic(900)
	var text bytes.Buffer
	if err := minutes.Export(&text, doc); err != nil {
		b.Fatal(err)
	}
	d := minutes.NewDeriver(itplr.Members())
	b.SetBytes(int64(text.Len()))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = len(d.Propose(doc))
	}
	b.ReportMetric(float64(n), "proposals")
}
