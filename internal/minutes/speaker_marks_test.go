package minutes_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
)

// TestPublicMinutesBlackOutMarkedSpeaker: a speaker or author that carries
// marks anyway (old data or an import, from before model.CheckSpeaker) is
// blacked out as a whole in the public minutes — in the document, its PDF
// and its export — on a row the public reads and on a confidential row,
// which shows the public its speaker; the internal version keeps it.
func TestPublicMinutesBlackOutMarkedSpeaker(t *testing.T) {
	st, id := demoSession47(t)
	doc, err := minutes.Load(context.Background(), st, id, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	const secret = "ernland-Geheim"
	marked := 0
	for si := range doc.Sections {
		for ii := range doc.Sections[si].Items {
			it := &doc.Sections[si].Items[ii]
			for ri := range it.Rows {
				if r := &it.Rows[ri]; r.Kind == minutes.RowDiscussion || r.Kind == minutes.RowNote {
					r.Speaker = "Bay" + model.Redact(secret)
					marked++
				}
			}
		}
	}
	if marked == 0 {
		t.Fatal("the demo minutes have no row with a speaker")
	}
	public := minutes.Redacted(doc, model.Public)
	var exported bytes.Buffer
	if err := minutes.Export(&exported, public); err != nil {
		t.Fatal(err)
	}
	for what, text := range map[string]string{"document": dump(public), "PDF": pdfText(t, renderPDF(t, public)), "export": exported.String()} {
		if strings.Contains(text, secret) || strings.Contains(text, "Bay[geschwärzt]") {
			t.Errorf("the public minutes' %s show the marked speaker in part", what)
		}
	}
	shown := 0
	for _, it := range public.Items() {
		for _, r := range it.Rows {
			if r.Kind == minutes.RowDiscussion || r.Kind == minutes.RowNote {
				if r.Speaker != model.RedactedPlaceholder {
					t.Errorf("public row speaker %q, want %q", r.Speaker, model.RedactedPlaceholder)
				}
				shown++
			}
		}
	}
	if shown == 0 {
		t.Fatal("the public minutes show no row; the test proves nothing")
	}
	if !strings.Contains(dump(minutes.Redacted(doc, model.Internal)), model.Redact(secret)) {
		t.Error("the internal minutes lost the marked speaker")
	}
}
