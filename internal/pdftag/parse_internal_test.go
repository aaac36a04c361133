package pdftag

import (
	"bytes"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// fpdfOutput is a small PDF as fpdf writes it, the seed of FuzzParse.
func fpdfOutput(t testing.TB) []byte {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddPage()
	pdf.AddPage()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseFindsCatalogAndPages(t *testing.T) {
	w, err := parse(fpdfOutput(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(w.pages) != 2 || w.root == 0 || w.info == 0 || w.size != len(w.offsets)+1 {
		t.Errorf("parsed %+v", w)
	}
}

func TestParseRefusesOtherPDFs(t *testing.T) {
	good := fpdfOutput(t)
	for name, pdf := range map[string][]byte{
		"empty":         nil,
		"no xref":       bytes.Replace(good, []byte("\nxref\n"), []byte("\nxre f\n"), 1),
		"cut":           good[:len(good)/2],
		"xref stream":   bytes.Replace(good, []byte("trailer"), []byte("trai ler"), 1),
		"moved objects": append([]byte("%junk\n"), good...),
	} {
		if _, err := parse(pdf); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
}

// FuzzParse: whatever the bytes, parse returns an error or a result; it
// never panics.
func FuzzParse(f *testing.F) {
	f.Add(fpdfOutput(f))
	f.Fuzz(func(t *testing.T, pdf []byte) {
		if w, err := parse(pdf); err == nil {
			_, _ = appendStructure(pdf, &Element{kind: Document}, make([][]*Element, len(w.pages)))
		}
	})
}
