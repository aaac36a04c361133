package demo

// The legal pages of the demo: illustrative texts with FITKO as the
// operator, marked as demo texts on the page itself (DemoLegalNote). They
// show what the pages hold; an operator replaces them under "Rechtliche
// Seiten". Addresses of the operator's own contacts use the reserved
// domain fitko.example, so that no one writes to a real mailbox from a
// demo; the Schlichtungsstelle and the supervisory authority are named as
// they are.

import (
	"context"

	"gremium/internal/model"
)

// DemoLegalNote opens every demo legal page.
const DemoLegalNote = "Demo: Dies ist ein Beispieltext der Demodaten von gremium, keine rechtsverbindliche Angabe der FITKO. Der Betreiber ersetzt ihn unter „Rechtliche Seiten“."

// LegalTexts are the demo's legal pages.
var LegalTexts = map[model.LegalPageKind]string{
	model.LegalImprint: DemoLegalNote + `

## Anbieter
FITKO (Föderale IT-Kooperation)
Anstalt des öffentlichen Rechts
Zum Gottschalkhof 3
60594 Frankfurt am Main

## Vertreten durch
die Präsidentin oder den Präsidenten der FITKO (Demo: der Betreiber trägt den Namen ein)

## Kontakt
E-Mail: poststelle@fitko.example
Telefon: +49 69 0000000-0 (Demo)

## Verantwortlich für den Inhalt
Geschäftsstelle des IT-Planungsrats in der FITKO, Anschrift wie oben. Die Protokolle und Beschlüsse sind die des IT-Planungsrats; vertrauliche Passagen sind in der öffentlichen Fassung geschwärzt.

## Offene Daten
Beschlüsse, Sitzungen und öffentliche Protokolle stehen auch als OParl-Schnittstelle, JSON-API, Atom-Feed und Kalender bereit (siehe Startseite).`,

	model.LegalAccessibility: DemoLegalNote + `

Die FITKO ist bemüht, diese Website im Einklang mit § 12a Behindertengleichstellungsgesetz (BGG) und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen. Diese Erklärung gilt für die öffentlichen und internen Seiten dieser gremium-Installation.

## Stand der Vereinbarkeit mit den Anforderungen
Diese Website ist mit den Anforderungen der BITV 2.0 (EN 301 549, WCAG 2.1 Stufe AA) teilweise vereinbar. Grundlage ist eine Selbstbewertung (Demo): eine automatische Prüfung aller Seiten mit axe-core bei 1366 und 320 Pixel Breite und eine Bedienung ohne Maus und ohne JavaScript.

## Nicht barrierefreie Inhalte
- Die PDF-Dateien (Protokolle, Nachbesprechung, Stand der Aufträge, Übersicht der Sprecher:innen, Evaluation, Briefings) sind getaggt: Überschriften, Absätze, Listen und Tabellen sind in Lesereihenfolge ausgezeichnet, Fußzeilen mit Seitenzahlen, wiederholte Tabellenköpfe, Linien und Schwärzungsbalken als Artefakte gekennzeichnet, die Ankreuzfelder der Protokolle haben einen Alternativtext. Sie sind nicht nach PDF/UA (ISO 14289-1) geprüft und tragen keine PDF/UA-Kennung. Derselbe Inhalt steht als HTML-Seite bereit (beim Protokoll „Protokoll im amtlichen Layout“).
- Hochgeladene Unterlagen der Mitglieder (Dokumente zu Tagesordnungspunkten) werden so veröffentlicht, wie sie eingereicht wurden.

## Erstellung dieser Erklärung
Diese Erklärung wurde als Beispiel der Demodaten erstellt (Demo) und wird vom Betreiber mit dem Datum seiner Prüfung ersetzt.

## Feedback und Kontakt
Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen, oder brauchen Sie einen Inhalt in einer anderen Form? Schreiben Sie uns an barrierefreiheit@fitko.example oder rufen Sie an: +49 69 0000000-0 (Demo). Wir antworten innerhalb von zwei Wochen.

## Schlichtungsverfahren
Wenn auch nach Ihrem Feedback an den oben genannten Kontakt keine zufriedenstellende Lösung gefunden wurde, können Sie sich an die Schlichtungsstelle nach § 16 BGG wenden. Sie unterstützt bei Konflikten zur Barrierefreiheit zwischen Menschen mit Behinderungen und öffentlichen Stellen eine außergerichtliche Streitbeilegung. Das Schlichtungsverfahren ist kostenlos; ein Rechtsbeistand muss nicht eingeschaltet werden.

Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen
Mauerstraße 53
10117 Berlin
Telefon: +49 30 18 527-2805
E-Mail: info@schlichtungsstelle-bgg.de
Internet: https://www.schlichtungsstelle-bgg.de`,

	model.LegalPrivacy: DemoLegalNote + `

## Verantwortlicher
FITKO (Föderale IT-Kooperation)
Zum Gottschalkhof 3
60594 Frankfurt am Main
E-Mail: poststelle@fitko.example

## Datenschutzbeauftragte oder Datenschutzbeauftragter
Datenschutzbeauftragte oder Datenschutzbeauftragter der FITKO, Anschrift wie oben
E-Mail: datenschutz@fitko.example

## Besuch der öffentlichen Seiten
Beim Aufruf einer Seite verarbeitet der Server die IP-Adresse, Datum und Uhrzeit, die aufgerufene Adresse, den Statuscode und die übertragene Datenmenge, um die Seite auszuliefern und die Sicherheit des Betriebs zu gewährleisten (Art. 6 Abs. 1 lit. e DSGVO). Die Protokolldaten werden nach sieben Tagen gelöscht (Demo). Die öffentlichen Seiten setzen keine Cookies, binden keine Inhalte Dritter ein und verwenden keine Analyse- oder Trackingdienste.

## Anmeldung für Mitglieder und Geschäftsstellen
Wer sich anmeldet, erhält ein technisch notwendiges Sitzungs-Cookie. Gespeichert werden Benutzername, Name, Rolle und Büro des Kontos sowie, wer wann was geändert hat (Änderungsprotokoll), zur Erfüllung der Aufgaben des IT-Planungsrats und seiner Geschäftsstelle (Art. 6 Abs. 1 lit. e DSGVO).

## Personen in Protokollen und Beschlüssen
Protokolle und Beschlüsse nennen Mitglieder, ihre Vertretungen und fachpolitische Sprecherinnen und Sprecher in ihrer amtlichen Funktion. Vertrauliche Passagen sind in der öffentlichen Fassung geschwärzt.

## Ihre Rechte
Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18) und Widerspruch (Art. 21). Wenden Sie sich dazu an die oder den Datenschutzbeauftragten.

## Beschwerderecht
Sie haben das Recht, sich bei einer Aufsichtsbehörde zu beschweren (Art. 77 DSGVO), etwa beim Hessischen Beauftragten für Datenschutz und Informationsfreiheit, Postfach 3163, 65021 Wiesbaden, https://datenschutz.hessen.de.`,
}

// legalPages sets the demo's legal pages that are not set yet (an
// operator's own text is never overwritten).
func (l *loader) legalPages(ctx context.Context) error {
	ps, err := l.s.LegalPages(ctx)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if text, ok := LegalTexts[p.Kind]; ok && !p.Set() {
			if err := l.s.SaveLegalPage(ctx, p.Kind, text, p.Version); err != nil {
				return err
			}
		}
	}
	return nil
}
