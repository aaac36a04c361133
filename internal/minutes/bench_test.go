package minutes_test

import (
	"bytes"
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/minutes/minutestest"
	"gremium/internal/model"
)

// BenchmarkParse measures parse throughput on about 20 MB of minutes text
// in the published layout (reported as MB/s).
func BenchmarkParse(b *testing.B) {
	var text bytes.Buffer
	for i := 0; text.Len() < 20<<20; i++ {
		doc := minutestest.Synthetic(100+i, 200, 2025)
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
		doc = minutes.Redacted(minutestest.Synthetic(47, n, 2025), model.Public)
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
	doc := minutestest.Synthetic(47, 900, 2025)
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
