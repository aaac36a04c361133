package minutes

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strings"

	"gremium/internal/model"
)

// Export writes a document in the published text layout that Parse reads,
// so that Parse(Export(doc)) gives the same minutes back. Rows the published
// layout has no form for are written with markers the parser knows: an item
// without number starts with "–", free text sits in <div class="vermerk">,
// a fragment that could not be placed in <div class="unzugeordnet">, a
// confidential row in <div class="vertraulich">. Export writes what the
// document holds: export a public document for the public. Rows without
// text are left out (Document.Printed).
func Export(w io.Writer, doc Document) error {
	doc = doc.Printed()
	bw := bufio.NewWriter(w)
	e := exporter{w: bw, date: doc.Session.Date}
	se := doc.Session
	title := fmt.Sprintf("%d. Sitzung", se.Number)
	if doc.Body.Preparation.Slug != "" { // "39. Sitzung der AL-Runde" (DetectBody reads it)
		title += " der " + doc.Body.Abbrev
	} else if doc.Body.Name != "" {
		title += " " + doc.Body.Of()
	}
	e.line("")
	e.line(title)
	e.line("")
	if doc.Draft() {
		e.line(DraftTitle)
		e.line("")
		e.line(DraftNote)
	} else {
		e.line("Protokoll")
	}
	e.line("")
	e.line("Datum: " + se.Date.German())
	if se.StartTime != "" && se.EndTime != "" {
		e.line(" Zeitlicher Ablauf: " + se.StartTime + " – " + se.EndTime + " Uhr")
	}
	if se.Place != "" {
		e.line(" Ort: " + se.Place)
	}
	if !se.MinutesStand.IsZero() {
		e.line(" Stand: " + se.MinutesStand.German())
	}
	for _, sec := range doc.Sections {
		e.line("")
		if sec.Name != "" {
			e.line(sec.Name)
			e.line("")
		}
		e.line("TOP\t" + sec.Header() + "\tZiel\tQuelle\tBE")
		for _, it := range sec.Items {
			e.item(it, doc.Audience, doc.FlagsShown())
		}
	}
	if e.err != nil {
		return e.err
	}
	return bw.Flush()
}

type exporter struct {
	w    *bufio.Writer
	date model.Date // the session's date; decisions taken on another day say so
	err  error
}

func (e *exporter) line(s string) {
	if e.err == nil {
		// A passage the source blacked out is written as an internal
		// reader reads it, ⟦im Quelldokument geschwärzt⟧, not with the
		// source's English marker (model.ShownText); Parse reads it back
		// as that marker (model.StoredText), so that Parse(Export(doc))
		// gives the minutes stored.
		_, e.err = e.w.WriteString(model.ShownText(s) + "\n")
	}
}

// row writes a table row: marker, content and the three empty cells.
func (e *exporter) row(marker, content string) { e.line(marker + "\t" + content + "\t\t\t") }

// esc escapes text for a cell: HTML special characters, and no tabs or line
// breaks (they are the layout's separators).
func esc(s string) string {
	s = strings.NewReplacer("\t", " ", "\r", " ", "\n", " ").Replace(s)
	return html.EscapeString(s)
}

func bulletList(points []string) string {
	if len(points) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(` <ul style="list-style-type: none">`)
	for _, p := range points {
		b.WriteString("<li>" + esc(p) + "</li>")
	}
	b.WriteString("</ul>")
	return b.String()
}

// recommendsOn gives what an adopted Beschlussempfehlung's head adds after
// its number: " (zu einer Empfehlung)" where it recommends on an
// Empfehlung (model.Decision.KindName), whose majority applies; the
// parser reads the kind back from it (recommendationKind). A
// Beschlussempfehlung on a Beschluss, and every other decision, adds
// nothing: its name gives its kind.
func recommendsOn(d model.Decision) string {
	if d.Recommends && d.Kind == model.KindRecommendation {
		return " " + recommendsOnRecommendation
	}
	return ""
}

func paragraphs(text string) string {
	var b strings.Builder
	for i, l := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString("<p>" + esc(l) + "</p>")
	}
	return b.String()
}

func checkboxes(f model.ItemFlags) string {
	box := func(on bool, label string) string {
		if on {
			return `<input checked="" type="checkbox"/> ` + label
		}
		return `<input type="checkbox"/> ` + label
	}
	return strings.Join([]string{box(f.Decision, "Beschluss"), box(f.Recommendation, "Beschlussempfehlung (IT-PLR)"),
		box(f.Note, "Protokollnotiz"), box(f.FollowUp, "Follow-Up")}, " ")
}

func (e *exporter) item(it Item, a model.Audience, flags bool) {
	number := it.Number
	if number == "" {
		number = "–"
	}
	title := "<p>" + esc(it.Title) + "</p>"
	if it.Title == "" {
		title = ""
	}
	e.line(number + "\t" + title + bulletList(it.Points) + "\t" + string(it.Goal) + "\t" + esc(strings.Join(it.Sources, ", ")) + "\t" + esc(strings.Join(it.Reporters, ", ")))
	if flags {
		e.row("", checkboxes(it.Flags))
	}
	if line := it.Deferral.Line(); line != "" {
		e.row("", `<p class="vertagung">`+esc(line)+"</p>")
	}
	if it.Recommendation != nil { // only where the audience may see it (Redacted)
		line := it.Recommendation.Statement()
		if late := it.Recommendation.WithoutEffect; late != "" {
			line += " – ohne Wirkung: " + late // model.ParseRecommendationLine reads it
		}
		e.row("", `<p class="beschlussempfehlung">`+esc(line)+"</p>")
	}
	for _, r := range it.Rows {
		if !a.SeesRow(r.Confidential) {
			// The public version shows a black bar and nothing else.
			e.row(string(r.Kind), `<div style="background-color: black; height: 1em; width: 500px;"></div>`)
			continue
		}
		e.exportRow(it, r)
	}
	if len(it.RecordLines) > 0 {
		// What the session day recorded (the quorum check, items taken
		// up out of order) closes the item as a free row, where the
		// published minutes write it; the import reads it as one.
		e.row("", `<div class="vermerk">`+paragraphs(strings.Join(it.RecordLines, "\n"))+`</div>`)
	}
}

func (e *exporter) exportRow(it Item, r Row) {
	wrap := func(s string) string {
		if r.Confidential {
			return `<div class="vertraulich">` + s + `</div>`
		}
		return s
	}
	switch r.Kind {
	case RowDiscussion:
		e.row("ON", wrap("<p>"+esc(r.Speaker)+":</p>"+bulletList(r.Points)))
	case RowNote:
		e.row("PN", wrap("<p>"+esc(r.NoteLabel())+"</p> "+paragraphs(r.Text)))
	case RowDecision:
		e.row("BV", wrap(decisionContent(it, *r.Decision, e.date)))
	default:
		switch {
		case r.RemarkKind == model.RemarkIllegible:
			// Written in German; the importer reads it back as the source's
			// "[illegible]".
			e.line("")
			e.line(IllegibleMarker)
			e.line("")
		case r.Confidential && r.Text == BlackedOutText:
			e.row("", `<div style="background-color: black; height: 1em; width: 500px;"></div>`)
		case r.RemarkKind == model.RemarkRaw:
			e.row("", wrap(`<div class="unzugeordnet">`+paragraphs(r.Text)+`</div>`))
		default:
			e.row("", wrap(`<div class="vermerk">`+paragraphs(r.Text)+`</div>`))
		}
	}
}

func decisionContent(it Item, d model.Decision, sessionDate model.Date) string {
	var b strings.Builder
	var head string
	switch {
	case d.Status != model.DecisionAdopted:
		// A proposal has no number before it is adopted; the parser reads
		// the status back from this head (proposalHeader): the file's
		// format, "Beschlussvorschlag (Empfehlung)" for an Empfehlung,
		// not the pages' words (model.Decision.ProposalLabel). Whether
		// the decision is public does not matter here: an adopted
		// decision of an internal body (the AL-Runde) is adopted all the
		// same, with its number (it was written as a proposal and
		// imported as one).
		head = "Beschlussvorschlag"
		if d.Rejected() {
			head = "abgelehnter " + head
		}
		if d.Kind == model.KindRecommendation {
			head += " (Empfehlung)"
		}
	case d.Label == "":
		head = d.Name() + " (ohne Nummer)" + recommendsOn(d)
	default:
		head = d.Name() + " " + d.Label + recommendsOn(d)
	}
	b.WriteString("<p>" + esc(head) + "</p>")
	if d.Title != DecisionTitle(it.AgendaItem) {
		b.WriteString(" <p>Titel: " + esc(d.Title) + "</p>")
	}
	b.WriteString(` <ol style="list-style-type: none">`)
	for _, p := range d.Points {
		text := p.Text
		if p.Label != "" {
			text = p.Label + " " + text
		}
		b.WriteString("<li>" + esc(text) + "</li>")
	}
	b.WriteString("</ol>")
	if d.Result != "" {
		b.WriteString(" <p>Ergebnis: " + esc(d.Result) + "</p>")
	}
	if line := d.CountLine(); line != "" {
		// The count as the pages and the PDF give it under the result,
		// for this audience (model.Audience.Decision: the public reads
		// no financing share, and no count of a confidential row or of a
		// proposal it does not see); the parser reads it back
		// (countField).
		b.WriteString(" <p>" + CountLabel + ": " + esc(line) + "</p>")
	}
	if d.AdoptedOn != sessionDate && !d.AdoptedOn.IsZero() {
		// "Beschlossen am", "Ausgesprochen am", "Abgelehnt am"; a
		// proposal is not decided, but a date it holds is kept.
		label := d.DecidedOnLabel()
		if label == "" {
			label = "Beschlossen am"
		}
		b.WriteString(" <p>" + label + ": " + d.AdoptedOn.German() + "</p>")
	}
	if d.Scope == model.ScopeConsenting {
		b.WriteString(" <p>Geltung: " + ScopeConsentingText + "</p>")
	}
	if len(d.Votes) > 0 {
		var vs []string
		for _, v := range d.Votes {
			vs = append(vs, v.Member+" "+string(v.Choice))
		}
		b.WriteString(" <p>Stimmen: " + esc(strings.Join(vs, ", ")) + "</p>")
	}
	return b.String()
}
