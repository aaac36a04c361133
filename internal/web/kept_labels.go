package web

// What the page "Eingaben absenden" (resend.html) shows of a form kept
// through an expired login: the fields the user typed or chose, under the
// German labels of the forms, dates as the users write them — not the
// internal field names in alphabetical order with versions and one-time
// keys between them, as it did before. What is sent stays as it was sent:
// every field travels unchanged in the page's hidden inputs.

import (
	"regexp"
	"strings"

	"gremium/internal/model"
)

// keptLabel says how the page "Eingaben absenden" shows one form field.
type keptLabel struct {
	// Label is the field's German label as the forms show it, short.
	Label string
	// Technical says the user never saw or typed the field (versions,
	// one-time keys, ids, hidden inputs): it is sent, not listed.
	Technical bool
	// Tick says the field is a checkbox whose value only says it was
	// ticked: shown as "ja".
	Tick bool
	// Secret says the value is a password: sent, shown as dots.
	Secret bool
	// Values are the texts the user saw for the field's values (a
	// button's caption, a choice's words); a value not here is shown as
	// sent.
	Values map[string]string
}

// keptTechnical marks a field the user never saw.
var keptTechnical = keptLabel{Technical: true}

// keptLabels are the fields of the forms in templates/*.html by their
// name, with their labels; a name ending in "*" stands for the fields a
// form has once per row ("stimme_BY", "aufnehmen-6-4"), the rest of the
// name telling the row. Where forms use one name with different labels,
// the label says what they have in common. TestKeptLabelsCoverTheForms
// keeps the table complete: a form field without an entry fails it.
var keptLabels = map[string]keptLabel{
	// Technical: sent, never listed.
	"alle_feld":      keptTechnical, // the proposal form carries "alle"
	"am_wort":        keptTechnical,
	"aufgabe":        keptTechnical,
	"entscheidung":   keptTechnical,
	"entwurf":        keptTechnical,
	"erinnerungen":   keptTechnical,
	"fassung":        keptTechnical,
	"fassungen":      keptTechnical,
	"gesehen":        keptTechnical, // the vote a ballot showed
	"formular":       keptTechnical, // registration's one-time key
	"formular_datei": keptTechnical,
	"formular_konto": keptTechnical,
	"formular_ziel":  keptTechnical,
	"id":             keptTechnical,
	"naechster":      keptTechnical,
	"pruefen":        keptTechnical,
	"richtung":       keptTechnical,
	"schliessen":     keptTechnical,
	"schluessel":     keptTechnical,
	"stand":          keptTechnical, // the Stand of the answers a questionnaire showed
	// "top" carries an agenda item's internal id, not its TOP number,
	// also where it is chosen (the upload form, whose file must be chosen
	// again anyway).
	"top":      keptTechnical,
	"version":  keptTechnical,
	"weiter":   keptTechnical,
	"zeile":    keptTechnical,
	"zeilen":   keptTechnical,
	"zeitraum": keptTechnical,
	"zurueck":  keptTechnical,
	"zustand":  keptTechnical,

	"ab_*":                  {Label: "Anwesend ab TOP"},
	"abo":                   {Label: "Benachrichtigung"},
	"abschnitt":             {Label: "Abschnitt"},
	"aktion":                {Label: "Gewählte Aktion", Values: map[string]string{"bestaetigen": "Als Auftrag bestätigen", "verwerfen": "Verwerfen", "vorschau": "Vorschau", "speichern": "Speichern und veröffentlichen", "zurueckziehen": "Bericht zurückziehen"}},
	"alle":                  {Label: "Zustimmung aller Mitglieder erforderlich", Tick: true},
	"anlass":                {Label: "Anlass der Berichtigung"},
	"anmeldeschluss":        {Label: "Anmeldeschluss"},
	"antrag":                {Label: "Antrag von"},
	"antwort":               {Label: "Antwort", Values: map[string]string{"ablehnen": "Ablehnen", "bestaetigen": "Mitantrag bestätigen", "zurueckziehen": "Mitantrag zurückziehen"}},
	"aenderung":             {Label: "Erbetene Änderung"},
	"aenderungen":           {Label: "Welche Änderungen"},
	"berichtigung":          {Label: "Genehmigung einer Berichtigung"},
	"enthaltung":            {Label: "Enthaltung von"},
	"ergebnis":              keptTechnical,
	"geaendert":             {Label: "mit Änderungen", Tick: true},
	"gegen":                 {Label: "Gegenstimmen von"},
	"anwesenheit_*":         {Label: "Anwesenheit"},
	"art":                   {Label: "Art"},
	"aufnehmen-*":           {Label: "Aufnehmen", Tick: true},
	"ausser_reihe":          {Label: "TOP-Nummern außer der Reihe", Tick: true},
	"autor":                 {Label: "Mitglied"},
	"be":                    {Label: "Berichterstattung"},
	"beginn":                {Label: "Beginn"},
	"begriffe":              {Label: "Stichworte für Relevanzvorschläge"},
	"begruendung":           {Label: "Begründung"},
	"benutzer":              {Label: "Benutzername"},
	"bericht":               {Label: "Bericht"},
	"berichterstattung":     {Label: "Berichterstattung (BE)"},
	"beschluss":             {Label: "Beschluss"},
	"beschlussvorschlag":    {Label: "Beschlussvorschlag"},
	"bestaetigt":            {Label: "Bestätigt", Tick: true},
	"bezeichnung":           {Label: "Bezeichnung des Tokens"},
	"bis":                   {Label: "Bis"},
	"bis_*":                 {Label: "Anwesend bis TOP"},
	"bisher":                {Label: "Bisheriges Passwort", Secret: true},
	"datei":                 {Label: "Datei"},
	"datum":                 {Label: "Datum"},
	"datum_vorbereitung":    {Label: "Datum der Vorbereitung"},
	"dokument":              {Label: "Dokument"},
	"einladung":             {Label: "Einladungstext"},
	"email":                 {Label: "E-Mail-Adresse"},
	"empfehlung":            {Label: "Empfehlung"},
	"ende":                  {Label: "Ende"},
	"erledigt":              {Label: "Stand"},
	"erledigt_am":           {Label: "Erledigt am"},
	"fachmk":                {Label: "Fachministerkonferenz"},
	"fachmk_hinweis":        {Label: "Erläuterung zur Betroffenheit"},
	"fachmk_ids":            {Label: "Betroffene Fachministerkonferenz"},
	"fitko":                 {Label: "FITKO"},
	"frage":                 {Label: "Frage"},
	"frist":                 {Label: "Frist"},
	"frist_datum":           {Label: "Frist: Datum"},
	"frist_sitzung":         {Label: "Frist: zur Sitzung Nr."},
	"frist_zeit":            {Label: "Frist: Uhrzeit"},
	"funktion":              {Label: "Funktion"},
	"funktion_*":            {Label: "Funktion"},
	"geltung":               {Label: "Gilt nur für die zustimmenden Mitglieder", Tick: true},
	"gruene_liste":          {Label: "Grüne Liste", Tick: true},
	"gruene_liste_getrennt": {Label: "Grüne Liste getrennt veröffentlichen", Tick: true},
	"grund":                 {Label: "Grund"},
	"grund_*":               {Label: "Begründung"},
	"gruppe":                {Label: "Themenblock"},
	"hinweis":               {Label: "Quelle"},
	"hinweise":              {Label: "Hinweise"},
	"inhalt":                {Label: "Inhalt"},
	"jahr":                  {Label: "Jahr"},
	"kernbotschaft":         {Label: "Kernbotschaft"},
	"kommentar":             {Label: "Kommentar"},
	"kommentar_*":           {Label: "Anmerkung"},
	"land":                  {Label: "Sprecher:in"},
	"leitfragen":            {Label: "Leitfragen"},
	"link":                  {Label: "Link zur Teilnahme"},
	"matrix":                {Label: "Matrix-Raum-ID"},
	"mit":                   {Label: "Mit wem"},
	"mitglied":              {Label: "Mitglied"},
	"nachweis":              {Label: "Nachweis (Text)"},
	"nachweis_beschluss":    {Label: "Erledigt durch Beschluss"},
	"nachweis_dokument":     {Label: "Dokument als Nachweis"},
	"nachweis_sitzung":      {Label: "Nachweis: Sitzung Nr."},
	"nachweis_top":          {Label: "Nachweis: TOP"},
	"name":                  {Label: "Name"},
	"name_*":                {Label: "Name"},
	"neu":                   {Label: "Neues Passwort", Secret: true},
	"notiz":                 {Label: "Notiz"},
	"nr":                    {Label: "Objektnummer"},
	"nummer":                {Label: "Nummer"},
	"nummer_vorbereitung":   {Label: "Nummer der Vorbereitung"},
	"objekt":                {Label: "Objektart"},
	"offene_vorschlaege":    {Label: "Vorschläge bleiben unentschieden", Tick: true},
	"ohne_nummer":           {Label: "TOPs ohne Nummer veröffentlichen", Tick: true},
	"ort":                   {Label: "Ort"},
	"ort_vorbereitung":      {Label: "Ort der Vorbereitung"},
	"passwort":              {Label: "Passwort", Secret: true},
	"person":                {Label: "Person"},
	"person_*":              {Label: "Person"},
	"position":              {Label: "Reihenfolge"},
	"profil":                {Label: "Digitalthemen"},
	"protokoll":             {Label: "Protokoll"},
	"punkte":                {Label: "Punkte"},
	"q":                     {Label: "Suchbegriffe"},
	"quelle":                {Label: "Quelle"},
	"relevant_*":            {Label: "Relevant"},
	"rolle":                 {Label: "Rolle"},
	"schritte":              {Label: "Vereinbarte nächste Schritte"},
	"seit":                  {Label: "Relevante Beschlüsse seit"},
	"sitzung":               {Label: "Sitzung"},
	"sitzung_beendet":       {Label: "Sitzung ist zu Ende", Tick: true},
	"sprecher":              {Label: "Sprecher:in"},
	"sprecher_andere":       {Label: "Andere Stelle"},
	"status":                {Label: "Stand"},
	"stimme":                {Label: "Stimme", Values: keptVotes},
	"stimme_*":              {Label: "Stimme", Values: keptVotes},
	"tage":                  {Label: "Gültig für (Tage)"},
	"teilen":                {Label: "Mit meinem Büro teilen", Tick: true},
	"teilnahme_*":           {Label: "Teilnahme", Values: map[string]string{"vor_ort": "vor Ort"}},
	"teilnehmende":          {Label: "Weitere Teilnehmende"},
	"telefon":               {Label: "Telefon"},
	"text":                  {Label: "Text"},
	"thema":                 {Label: "Schwerpunktthema"},
	"themen":                {Label: "Themen und Ergebnisse"},
	"titel":                 {Label: "Titel"},
	"umsetzung":             {Label: "Umsetzung der Aufträge"},
	"verantwortlich":        {Label: "Verantwortlich"},
	"verfahren":             {Label: "Verfahren"},
	"vertraulich":           {Label: "Vertraulich", Tick: true},
	"vertretung":            {Label: "Als Vertretung", Tick: true},
	"vertretung_*":          {Label: "In Vertretung", Tick: true},
	"von":                   {Label: "Von"},
	"vorlauf":               {Label: "Tage vor der Frist"},
	"vorsitz":               {Label: "Vorsitz"},
	"vorstellung-*":         {Label: "Vorstellung durch"},
	"wer":                   {Label: "Wer"},
	"wert_*":                {Label: "Bewertung"},
	"wiederholung":          {Label: "Wiederholung"},
	"ziel":                  {Label: "Ziel"},
}

// keptVotes are the words of the vote buttons.
var keptVotes = map[string]string{"ja": "Ja", "nein": "Nein", "enthaltung": "Enthaltung", "keine": "keine Stimme"}

// keptSecretForms are the forms whose every field is a secret (the
// password change: its "wiederholung" is the new password again).
var keptSecretForms = map[string]bool{"/konto/passwort": true}

// keptLabelOf gives the entry of field name: its own, else the row entry
// with the longest matching start, and the row the rest of the name tells
// ("" for a field of its own). ok is false for a name not in the table.
func keptLabelOf(name string) (l keptLabel, row string, ok bool) {
	if l, ok := keptLabels[name]; ok {
		return l, "", true
	}
	best := ""
	for key, e := range keptLabels {
		start, isRow := strings.CutSuffix(key, "*")
		if isRow && len(start) > len(best) && len(name) > len(start) && strings.HasPrefix(name, start) {
			best, l, ok = start, e, true
		}
	}
	return l, strings.TrimPrefix(name, best), ok
}

// keptShown is one field of a keptForm as the page "Eingaben absenden"
// shows it.
type keptShown struct{ Label, Value string }

// keptISODate is a date as a date input sends it.
var keptISODate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Shown gives the fields of the kept form the user typed or chose, as the
// page "Eingaben absenden" lists them: labelled as the forms label them,
// dates as DD.MM.YYYY, ticks as "ja", passwords as dots; technical fields
// and empty ones left out. A field the table does not know is shown with
// its name, so that nothing sent is kept from the user.
func (k *keptForm) Shown() []keptShown {
	var out []keptShown
	for _, f := range k.Fields {
		if strings.TrimSpace(f.Value) == "" {
			continue
		}
		l, row, ok := keptLabelOf(f.Name)
		switch {
		case !ok:
			l.Label = f.Name
		case l.Technical:
			continue
		case row != "":
			l.Label += " (" + row + ")"
		}
		out = append(out, keptShown{Label: l.Label, Value: keptValue(l, f.Value, keptSecretForms[k.Action])})
	}
	return out
}

// keptValue gives value as the page shows it for a field labelled l.
func keptValue(l keptLabel, value string, secret bool) string {
	if secret || l.Secret {
		return "••••••"
	}
	if words, ok := l.Values[value]; ok {
		return words
	}
	if l.Tick {
		switch value {
		case "1", "on", "ja", "true":
			return "ja"
		}
	}
	if keptISODate.MatchString(value) {
		if d, err := model.ParseDate(value); err == nil {
			return d.German()
		}
	}
	return value
}
