// Package csvout writes gremium's CSV exports so that spreadsheet programs
// open them safely: every CSV writer uses it. A cell that begins with a
// character a spreadsheet reads as the start of a formula (= + - @, or tab
// and carriage return, which some programs skip before such a character)
// gets a leading apostrophe, so it is shown as text and never evaluated
// (OWASP "CSV injection"). Confidential passages of an internal export are
// written in the typed form [[…]] (model.TypedMarks), as the JSON API gives
// them and the forms take them, never in the stored marks ⟦…⟧; a public
// export has none left (the publication gate removed them).
package csvout

import (
	"encoding/csv"
	"io"

	"gremium/internal/model"
)

// Cell gives the cell's text, neutralised if a spreadsheet would read it
// as a formula.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// Writer writes CSV records with every cell's marks in the typed form and
// passed through Cell.
type Writer struct {
	cw  *csv.Writer
	buf []string
}

// NewWriter gives a writer in the form German spreadsheet programs open
// directly: a UTF-8 byte order mark first, cells separated by semicolons,
// records ended by CRLF as RFC 4180 asks (open-data tools that follow it
// read the files as they are).
func NewWriter(w io.Writer) *Writer {
	io.WriteString(w, "\ufeff")
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	return &Writer{cw: cw}
}

// Write writes one record.
func (w *Writer) Write(record []string) error {
	w.buf = w.buf[:0]
	for _, c := range record {
		w.buf = append(w.buf, Cell(model.TypedMarks(c)))
	}
	return w.cw.Write(w.buf)
}

// WriteAll writes the records and flushes.
func (w *Writer) WriteAll(records [][]string) error {
	for _, r := range records {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	return w.Flush()
}

// Flush writes what is buffered and gives any error of the writes.
func (w *Writer) Flush() error {
	w.cw.Flush()
	return w.cw.Error()
}
