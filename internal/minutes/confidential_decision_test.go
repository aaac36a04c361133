package minutes_test

import (
	"bytes"
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
)

// TestConfidentialDecisionRowStaysConfidential imports minutes whose
// decision row is marked confidential as a whole (<div
// class="vertraulich">): a decision is stored as a decision, not as a
// row, so the row's mark would be lost and its text published with the
// register. Its title, points and result are kept as confidential
// passages instead, and the import says so.
func TestConfidentialDecisionRowStaysConfidential(t *testing.T) {
	in := strings.Join([]string{
		"50. Sitzung",
		"Datum: 01.03.2026",
		"TOP\tÜbergreifendes\tZiel\tQuelle\tBE",
		"03\t<p>Thema</p>\tBeschluss\t\tHE",
		"BV\t<div class=\"vertraulich\"><p>Beschluss B-2026/04-IT</p> <ol style=\"list-style-type: none\"> 1. Der IT-Planungsrat beschließt GEHEIMPLAN. 2. Er bittet SECRETPUNKT.</ol></div>\t\t\t",
	}, "\n") + "\n"
	doc, warnings, err := minutes.Parse(strings.NewReader(in), minutes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var d *model.Decision
	for _, it := range doc.Items() {
		for _, r := range it.Rows {
			if r.Decision != nil {
				d = r.Decision
			}
		}
	}
	if d == nil {
		t.Fatalf("no decision parsed: %+v", doc.Items())
	}
	if !strings.Contains(model.InternalText(d.Title+" "+pointsOf(d)), "GEHEIMPLAN") {
		t.Errorf("the internal text lost the decision: %q %q", d.Title, d.Points)
	}
	pub, ok := model.Public.Decision(*d)
	if ok && strings.Contains(pub.Title+" "+pointsOf(&pub)+" "+pub.Result, "GEHEIM") || strings.Contains(pointsOf(&pub), "SECRET") {
		t.Errorf("the confidential decision row is public: %q %q %q", pub.Title, pub.Points, pub.Result)
	}
	warned := false
	for _, w := range warnings {
		warned = warned || (w.Line == 5 && strings.Contains(w.Message, "confidential"))
	}
	if !warned {
		t.Errorf("no warning on line 5 about the confidential decision; warnings: %v", warnings)
	}
	var buf bytes.Buffer
	if err := minutes.Export(&buf, minutes.Redacted(doc, model.Public)); err != nil {
		t.Fatal(err)
	}
	if text := buf.String(); strings.Contains(text, "GEHEIM") || strings.Contains(text, "SECRET") {
		t.Errorf("public export leaks:\n%s", text)
	}
}

func pointsOf(d *model.Decision) string {
	var b strings.Builder
	for _, p := range d.Points {
		b.WriteString(p.Text + " ")
	}
	return b.String()
}
