// Package minutestest makes large minutes documents for benchmarks and
// tests (the minutes package's own and the import benchmarks in bench/):
// not for the program itself.
package minutestest

import (
	"fmt"

	"gremium/internal/demo"
	"gremium/internal/minutes"
	"gremium/internal/model"
)

// Synthetic builds the internal minutes of the council's session number
// with n items, cycling through the items of the 47th session
// (demo.Session47Document) with fresh item numbers and decision numbers
// B-year/01-IT, B-year/02-IT, … in the order of the items. For benchmarks
// and tests.
func Synthetic(number, n, year int) minutes.Document {
	src := demo.Session47Document()
	items := src.Items()
	doc := minutes.Document{Audience: model.Internal, Session: src.Session, Body: model.Body{Name: "IT-Planungsrat"}}
	doc.Session.Number = number
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
					d.Number = model.DecisionNumber{Year: year, Seq: seq}
					d.Label = fmt.Sprintf("B-%d/%02d-IT", year, seq)
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
