package minutes_test

import (
	"bytes"
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestConfidentialNoteLabel: in the public minutes a wholly confidential
// Protokollnotiz (by SL) reads "Protokollnotiz: [geschwärzt]", without
// author, in the PDF (the text export, in the published layout, gives the
// row as a black bar after "PN", without author, as it did); a partly
// confidential one (by MV) keeps its author, labelled "Protokollnotiz
// (MV)" as on the page. Before, the PDF showed "SL: [geschwärzt]" (after
// the marker "PN"). The internal version names both.
func TestConfidentialNoteLabel(t *testing.T) {
	ctx, st, council := demoCouncil(t, "geschaeftsstelle")
	se, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	items, err := st.Items(ctx, se.ID)
	if err != nil {
		t.Fatal(err)
	}
	item := items[len(items)-1].ID
	if _, err := st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: item, Author: "SL", Text: "Haushaltsvorbehalt Saarland", Confidential: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: item, Author: "MV", Text: "Zustimmung " + model.Redact("unter Vorbehalt")}); err != nil {
		t.Fatal(err)
	}
	render := func(a model.Audience) (pdf, text string) {
		t.Helper()
		doc, err := minutes.Load(ctx, st, se.ID, a)
		if err != nil {
			t.Fatal(err)
		}
		var p, x bytes.Buffer
		if err := minutes.WritePDF(&p, doc); err != nil {
			t.Fatal(err)
		}
		if err := minutes.Export(&x, doc); err != nil {
			t.Fatal(err)
		}
		return pdftest.Words(t, p.Bytes()), x.String()
	}
	pdf, text := render(model.Public)
	if !strings.Contains(pdf, "Protokollnotiz: "+model.RedactedPlaceholder) || strings.Contains(pdf, "SL: "+model.RedactedPlaceholder) ||
		strings.Contains(pdf, "Protokollnotiz (SL)") || strings.Contains(pdf, "Haushaltsvorbehalt") {
		t.Errorf("public PDF: the wholly confidential note is not \"Protokollnotiz: %s\" without author:\n%s", model.RedactedPlaceholder, around(pdf, "Protokollnotiz"))
	}
	if !strings.Contains(pdf, "Protokollnotiz (MV) Zustimmung") {
		t.Errorf("public PDF: the partly confidential note is not labelled \"Protokollnotiz (MV)\":\n%s", around(pdf, "Zustimmung"))
	}
	if strings.Contains(text, "Protokollnotiz (SL)") || !strings.Contains(text, "PN\t<div style=\"background-color: black;") || !strings.Contains(text, "<p>Protokollnotiz (MV)</p>") {
		t.Errorf("public text export:\n%s", around(text, "Protokollnotiz"))
	}
	pdf, text = render(model.Internal)
	if !strings.Contains(pdf, "Protokollnotiz (SL)") || !strings.Contains(text, "<p>Protokollnotiz (SL)</p>") {
		t.Errorf("internal version without the author:\n%s", around(pdf, "Protokollnotiz"))
	}
}

// around gives the text around the last occurrence of s, for a message.
func around(text, s string) string {
	i := strings.LastIndex(text, s)
	if i < 0 {
		return text[max(0, len(text)-600):]
	}
	return text[max(0, i-300):min(len(text), i+300)]
}
