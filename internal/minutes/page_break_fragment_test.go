package minutes

import (
	"strings"
	"testing"
)

// TestPageBreakFragmentOpensAnItemOnlyAfterAnEndedSentence: text in
// mid-sentence after a page break is the rest of an item whose page the
// source lost only when the item before ended its sentence; a row
// running on over the page stays with its item (it opened an item
// of its own without number when the rule looked at the page break only).
func TestPageBreakFragmentOpensAnItemOnlyAfterAnEndedSentence(t *testing.T) {
	header := "TOP\tThema\tZiel\tQuelle\tBE\n"
	item := "01\tGemeinsame EfA-Finanzierung\tBeschluss\t\tHH\n"
	for _, c := range []struct {
		name      string
		decision  string
		wantItems int
	}{
		{"ended", "BV\tBeschluss B-2025/27-IT <ol> Der IT-Planungsrat beschließt das Grobkonzept. </ol>\n", 2},
		{"running on", "\t<p>Der Beschluss wird einstimmig, bei</p>\n", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := header + item + c.decision + "\n" + header + "\t<p>integrierendes Produkt bereitzustellen.</p>\n"
			doc, _, err := Parse(strings.NewReader(text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Items()) != c.wantItems {
				var titles []string
				for _, it := range doc.Items() {
					titles = append(titles, it.Number+" "+it.Title)
				}
				t.Errorf("%d items %q, want %d", len(doc.Items()), titles, c.wantItems)
			}
		})
	}
}
