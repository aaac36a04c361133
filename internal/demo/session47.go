package demo

import (
	"context"
	"errors"
	"fmt"

	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// RowKind is the kind of a minutes row of an agenda item.
type RowKind int

// Row kinds, as the minutes mark them.
const (
	RowDiscussion RowKind = iota // ON: one speaker's contribution
	RowDecision                  // BV
	RowNote                      // PN
	RowText                      // free text
	RowIllegible                 // "[illegible]" in the source
	RowRaw                       // a fragment that belongs to no row of the item
)

// Row is one minutes row of an agenda item.
type Row struct {
	Kind         RowKind
	Speaker      string   // RowDiscussion: speaker; RowNote: author
	Points       []string // RowDiscussion
	Text         string   // RowNote, RowText, RowIllegible, RowRaw
	Confidential bool
	Decision     model.Decision // RowDecision
}

// Item is an agenda item of the demo with its minutes rows and follow-ups.
type Item struct {
	Section   string
	Number    string
	Title     string
	Points    []string
	Goal      model.Goal
	Sources   []string
	Reporters []string
	Flags     model.ItemFlags
	Consent   bool
	Rows      []Row
	FollowUps []FollowUp
	// BoxesLost: the source lost the item's row of outcome boxes with its
	// TOP row (Flags are then none, as the parser reads them); the loader
	// ticks what the rows show instead (shownBoxes): an adopted decision,
	// a protocol note, a follow-up given.
	BoxesLost bool
}

// FollowUp is a follow-up of a demo item; OfDecision links it to the item's
// decision.
type FollowUp struct {
	model.FollowUp
	OfDecision bool
}

func on(speaker string, points ...string) Row {
	return Row{Kind: RowDiscussion, Speaker: speaker, Points: points}
}
func pn(author, text string) Row { return Row{Kind: RowNote, Speaker: author, Text: text} }
func text(s string) Row          { return Row{Kind: RowText, Text: s} }
func illegible() Row             { return Row{Kind: RowIllegible, Text: "[illegible]"} }

// Grüne-Liste decisions were adopted en bloc with the consent agenda.
const consentResult = "einstimmig (Grüne Liste, en bloc)"

var session47Date = model.NewDate(2025, 6, 26)

func bv(seq int, points ...model.Point) Row {
	return Row{Kind: RowDecision, Decision: model.Decision{Kind: model.KindDecision, Number: model.DecisionNumber{Year: 2025, Seq: seq},
		Label: fmt.Sprintf("B-2025/%02d-IT", seq), Points: points, Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: consentResult, AdoptedOn: session47Date}}
}

func pt(label, text string) model.Point { return model.Point{Label: label, Text: text} }

// Session47 gives the agenda and minutes of the 47th session as the
// published minutes (Stand: 08.12.2025) show them, in their order. Parts the
// source marks "[illegible]" stay so; redacted passages are marked
// confidential; items without number or title in the source have none.
func Session47() []Item {
	themenpate := []string{"Ausführung zur Konkretisierung des Zielbildes"}
	return []Item{
		{Section: "Begrüßung", Number: "00", Title: "Begrüßung",
			Points: []string{"Begrüßung durch den Vorsitz des IT-Planungsrats", "Feststellung der Beschlussfähigkeit", "Bestätigung des Protokolls der 46. Sitzung",
				"Feststellung der finalen Tagesordnung", "Beschluss über den Vorschlag der Grünen Liste", "Informationen aus dem BMDS"},
			Reporters: []string{"MV", "Bund"},
			Rows: []Row{
				on("MV", "Begrüßung der neuen Mitglieder für Bund und TH."),
				on("HH", "Dankt für die Erarbeitung zur Steuerungsgruppe NOOTS; am 10. und 11.07.2025 werde diese zusammenkommen."),
				on("BW", "Dankt für die Stellungnahme zu TOP 13 „Zielarchitektur Postfach- und Kommunikationslösungen“. Projekte zum Matrix-Protokoll sollen unterbrochen worden sein. Bittet Bund darum, dies nochmals zu überprüfen."),
				on("FITKO", "Die Evaluations- und Testphase gemäß den Ausführungen in den Unterlagen zu TOP 13 bearbeite diesen Punkt."),
				on("BSI", "Das Matrix-Protokoll weise derzeit keine Anbindung auf, weitere Informationen seien nicht bekannt."),
				on("Bund",
					"Übermittlung eines Grußworts des neuen Bundesministers für Digitales und Staatsmodernisierung sowie des ehemaligen Mitglieds des IT-Planungsrats des Bundes.",
					"Vorstellung des neuen Mitglieds des Bundes und Erläuterung des Bezugs zur Informationstechnik. Hervorhebung der Rolle des IT-Planungsrats.",
					"Erläuterung des Verhältnisses zwischen IT-Planungsrat und Digitalministerkonferenz (DMK). Die DMK sei bereit ihre Rolle wahrzunehmen, weshalb demnächst die Zusammenarbeit der beiden Gremien in kleineren Arbeitsgruppen besprochen werden solle. Zukünftig solle es zudem zwei Tagesordnungen des IT-Planungsrats geben, da neben dem gesetzlichen Auftrag des IT-Planungsrats die Nacharbeit von Aufträgen aus der DMK behandelt werden müsse."),
				text("Feststellung der Beschlussfähigkeit. Einstimmige Bestätigung des Protokolls der 46. Sitzung des IT-Planungsrats. Feststellung der finalen Tagesordnung. TOP 10 „Bericht des Themenpaten Informationssicherheit“ wird vorgezogen. Einstimmiger Beschluss über den Vorschlag der Grünen Liste."),
			},
			FollowUps: []FollowUp{{FollowUp: model.FollowUp{Text: "Nochmalige Überprüfung, ob Projekte zum Matrix-Protokoll unterbrochen wurden (Bitte von BW)", Responsible: "Bund", Status: model.FollowUpOpen}}},
		},
		{Section: "Informationssicherheit", Number: "10", Title: "Bericht des Themenpaten", Points: themenpate,
			Goal: model.GoalDiscussion, Sources: []string{"B-2022/42-IT"}, Reporters: []string{"Bund"},
			Rows: []Row{
				on("BSI",
					"Die künftige Zusammenarbeit müsse enger gestaltet werden, weshalb zum Dialog eingeladen werde.",
					"Die Bedrohungslage habe sich seit der 45. IT-Planungsratssitzung nicht verbessert. Der öffentliche Sektor sei am häufigsten von Cyberangriffen betroffen, weshalb Cybersicherheit eine gesamtstaatliche Aufgabe sei. Gemeinsam sei festgestellt worden, an welchen Stellen Kooperationsmöglichkeiten bestünden. Lagebilder zum Stand der Sicherheit müssten beispielsweise kurzfristig erstellt werden können. Zudem müssten gemeinsame Bedrohungsübungen durchgeführt werden. Auch sollten gemeinsame Tools genutzt werden, die das BSI bereitstellen könne.",
					"Dafür könnte ein Staatsvertrag aufgesetzt werden, sofern die Notwendigkeit gegeben sei. Dies könne geprüft werden.",
					"Bitte um ein Stimmungsbild zum Interesse an einem Dialogauftrag an das BSI."),
				on("Bund", "Dies sei mit den Finanzministerien bereits erfolgt."),
				on("HE",
					"Hinweis auf das Bestehen der AG Cybersicherheit.",
					"Im Dialog müsse geklärt werden, welche Aufgaben dezentral bei den Ländern verbleiben müssten. Die Länder dürften nicht in einer Wohlfühlzone gelassen werden, das BSI könne ein ganzheitliches Bild ermitteln.",
					"Die Zusammenarbeit zwischen IT-Planungsrat und BSI solle gestärkt werden."),
				on("HH",
					"Sei darauf angewiesen, dass die Informationen des BSI verteilt werden.",
					"HH sei bereit, bei gemeinsamen Übungen einbezogen zu werden.",
					"Im Kreis der Dataport-Länder müsse investiert werden. Bitte an den Bund, dass die Cybersicherheit unter die Verteidigungsklausel des Sondervermögens verortet werde."),
				on("HB", "Biete sich bei Sicherheitsübungen ebenfalls an. Bei der Planung und Tötigung von Ausgaben bedürfe es mehr Aufmerksamkeit für Cybersicherheit."),
				on("BY",
					"Jeder mögliche Einsatz im Bereich Cybersicherheit sei notwendig. Dies führe allerdings nicht zur Entlastung der Partner:innen. BY habe ein eigenes Landesamt für Sicherheit in der Informationstechnik gegründet, dieses könne in die Zusammenarbeit mit dem BSI einbezogen werden.",
					"Der Dialog zwischen BSI und IT-Planungsrat solle institutionalisiert werden, wobei der einzelne Beitrag der Länder erörtert werden müsse."),
				on("NI",
					"Begrüßt Kooperation mit dem BSI. Die bisherige rechtliche Auslegung der Verfassung im Bund habe die Zusammenarbeit erschwert. Durch die Neu- und Umorganisation im Bund mit dem Bundesministerium für Digitales und Staatsmodernisierung bestehe die Hoffnung hier nun neue Wege zu gehen.",
					"Für NOOTS habe es keine Grundgesetzänderung benötigt, sondern eines Staatsvertrags. Ein weiterer Staatsvertrag werde für nicht notwendig empfunden. Diese Absprachen seien im IT-Planungsrat auf direktem Wege möglich.",
					"Bund und Länder profitierten von der Zusammenarbeit. Bitte um die Zusammenarbeit des IT-Planungsrats mit einem Ministerium des Bundes zu der Thematik."),
				on("BW", "Die Kooperation zwischen BSI und BW sei bereits fortgeschritten. Appell den bisher eingeschlagenen Weg weiterzugehen."),
				on("BB",
					"Der Dialog sei notwendig, wobei die Vereinfachung der Dialogmethoden im Vordergrund stehen solle.",
					"Nachfrage dazu, ob es Kapazitäten gebe um SOS-Analysen durchzuführen, da BB Interesse zeige."),
				on("SL", "Die Form der Zusammenarbeit solle vereinfacht und losgelöst von formalen Prozessen stattfinden, um diese zu vereinfachen und zu beschleunigen."),
				on("DStGB",
					"Sensibilisierung für die Situation auf kommunaler Ebene.",
					"Wunsch danach, dass eine föderale Cybersicherheitsarchitektur mit Einbezug der kommunalen Ebene erarbeitet werde. Im Sondervermögen werde eine Chance für weitere Möglichkeiten gesehen."),
				on("SH",
					"Betont, dass das Erstellen eines gemeinsamen Lagebildes bislang komplex sei.",
					"Es müsse geübt werden, um im kritischen Fall reagieren zu können. Eine Übersicht über die Lage der Kommunen sei von kritischer Notwendigkeit. Der eigene Verantwortungsbereich werde dadurch nicht verlassen, es müsse komplementär betrachtet werden."),
				on("DLT", "Unterstützung der Ausführungen aus SH zu einem kommunalen Lagebild."),
			},
			FollowUps: []FollowUp{{FollowUp: model.FollowUp{Text: "Prüfung, ob die Cybersicherheit unter die Verteidigungsklausel des Sondervermögens verortet werden kann (Bitte von HH)", Responsible: "Bund", Status: model.FollowUpOpen}}},
		},
		// The source lost this item's TOP row: the title is the one the
		// parser gives (minutes.UntitledItem).
		{Section: "Übergreifendes", Title: minutes.UntitledItem("Übergreifendes"),
			Rows: []Row{
				on("ST", "Bericht aus der Kultusministerkonferenz: Die Zuständigkeit für die Pflege und Weiterentwicklung des Standards XBildung könne nur erschwert in der Bildungsministerkonferenz ebendort verankert werden; es wird aus Sicht von ST keine Verantwortung für XBildung in der KMK gesehen."),
				on("HB",
					"Die Finanzministerkonferenz wurde schriftlich über die Digitalstrategie und die Zielbilder der Schwerpunktthemen informiert. Es wurden keine Themen der Finanzministerkonferenz an den IT-Planungsrat adressiert. Zudem nehmen Vertretungen des KONSENS-Verbundes am föderalen Standardisierungsboard teil.",
					"Bei der Jugend- und Familienministerkonferenz ist die Vorstellung der Digitalstrategie inkl. ELFEConnect erfolgt. Bremen und Bremerhaven nutzen das System schon produktiv. Die Hansestadt Hamburg sowie die Freistaaten Sachsen und Bayern nehmen am Testsystem teil. Bisher ist der Abruf von Gehaltsdaten gesetzlich nur für die Leistung Elterngeld zulässig. Es besteht jedoch ein großes Interesse, diesen Datenabruf auch auf weitere Leistungen auszuweiten."),
				on("HH",
					"Bei der Klausurtagung sei ausgearbeitet worden, welche Aufgaben in Bezug auf die Fachministerkonferenzen vorliegen würden.",
					"In der letzten Steuerungsrunde Digitalisierung sei die Gesamtprogrammleitung Registermodernisierung eingeladen worden, um die derzeitigen Aufgaben darzulegen. Es sei verabredet worden, dass Themen für den IT-Planungsrat direkt eingebracht würden."),
				on("MV",
					"Die Agrarministerkonferenz bitte um eine stärkere Fokussierung und Nutzung von EfA-Leistungen im Agrarbereich.",
					"Zudem werde sich ein fachpolitischer Sprecher für die Agrarministerkonferenz gewünscht, dieser solle spätestens bis zur 48. Sitzung des IT-Planungsrats benannt bzw. beschlossen und anschließend der Agrarministerkonferenz gemeldet werden."),
				on("BB",
					"Die Justizministerkonferenz stehe der Digitalisierung konservativ gegenüber, sei allerdings auf der Fachebene sehr aktiv.",
					"Im April habe es eine E-Justice-Ratssitzung gegeben. In der nächsten Sitzung solle die Aktivität des IT-Planungsrats vorgestellt werden. Vor allem bestehe Interesse an der Deutschen Verwaltungscld. Es solle deutschlandweit eine einheitliche Justizcloud geben. Alle Fachverfahren würden in dieser Cloud entwickelt."),
				on("Bund", "Im Bereich der Staatsmodernisierung stehe das Thema Recht auf der Agenda, wobei eine Verknüpfung mit BB angedacht sei."),
				on("BE",
					"In der 3. Sitzung der Digitalministerkonferenz wurde die föderale Dachstrategie des IT-Planungsrats als erster Teil der föderalen Digitalstrategie vorgestellt.",
					"Es steht ein Treffen der Vorsitzenden der DMK und des IT-Planungsrats aus, um das Rollenverständnis beider Gremien und die zukünftige Zusammenarbeit abzustimmen."),
				illegible(),
				illegible(),
				on("Bund", "Sieht darin gute Vorarbeit. Wunsch nach schnellerer Ausarbeitung, wobei alle Kommunen mitzunehmen seien."),
				on("DLT", "Spricht sich für Standardisierung aus. Notwendig seien technische IT-Interoperabilitätsstandards, das sei die DIN SPEC 66336 als Teil der OZGSV aber nicht. Weiterhin werde Kritik am Prozess geäußert. Der IT-Planungsrat könne die DIN SPEC nur annehmen oder ablehnen, aber keine Anpassungen vornehmen. Einzelne Länder seien im Erarbeitungsprozess der DIN SPEC bereits überstimmt worden und könnten dies auch zukünftig werden. Die Umsetzung sei mit einem hohen kommunalen Erfüllungsaufwand verbunden. Gute Standards müssten in der Praxis gelebt werden. Ergänzend stellten sich verfassungsrechtliche Fragen."),
				on("Bund", "Das Setzen von Standards sei keine Erhöhung von Anforderungen. Es müsse sich einmal geeinigt werden, für die Kommunen Standards zu setzen. Das Gesamtkonzept werde damit vereinheitlicht und die Zusammenarbeit erleichtert. Es werde niemand übergangen, es bestehe weiterhin die Möglichkeit der Diskussion."),
				text("Der Beschluss wird einstimmig beschlossen."),
			},
			FollowUps: []FollowUp{{FollowUp: model.FollowUp{Text: "Benennung einer fachpolitischen Sprecherin oder eines Sprechers für die Agrarministerkonferenz und Meldung an die Agrarministerkonferenz", Responsible: "IT-PLR", DueSession: 48, Status: model.FollowUpOpen}}},
		},
		{Section: "Datennutzung", Number: "07", Title: "Bericht des Themenpaten", Points: themenpate,
			Goal: model.GoalDiscussion, Sources: []string{"B-2022/42-IT"}, Reporters: []string{"HH"},
			Rows: []Row{on("HH", "Vorstellung des Zielbildes (Tischvorlage). Die Handreichung zur KI-Governance sei über die IT-Planungsrat-Website veröffentlicht worden.")},
		},
		// The source lost this item's TOP row: the title is the one the
		// parser gives (minutes.UntitledItem).
		{Section: "Digitale Transformation", Title: minutes.UntitledItem("Digitale Transformation"), BoxesLost: true,
			Rows: []Row{
				{Kind: RowDecision, Decision: model.Decision{Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll, AdoptedOn: session47Date,
					Result: "einstimmig, bei Enthaltung von " + model.Redact("[REDACTED]"),
					Points: []model.Point{
						pt("2.", "Der IT-Planungsrat weist darauf hin, dass einige Kriterien des Reifegradmodell, vor allem der Reifegrad 6, erst mit der Verfügbarkeit der entsprechenden Basiskomponenten des Reifegradmodell (DeutschlandID und das Organisationskonto inkl. Postfächer, NOOTS, Statusmonitor, E-Akte, Zahlungs- und HKR-Systeme) erreicht werden kann."),
						pt("3.", "Der IT-Planungsrat beschließt, dass im Sinne einer Pilotierung zunächst die Weiterentwicklung der gemeinsam finanzierten EfA-Verfahren (siehe Beschluss 2024/25; Beschluss 2024/48; Beschluss 2025/19) an den Anforderungen des Reifegradmodells ausgerichtet wird."),
					}}},
				{Kind: RowText, Confidential: true, Text: minutes.BlackedOutText},
				text("Der Beschluss wird einstimmig, bei Enthaltung von " + model.Redact("[REDACTED]") + " beschlossen."),
			},
		},
		{Section: "Digitale Infrastruktur", Number: "20", Title: "Bericht des Themenpaten", Points: themenpate,
			Goal: model.GoalDiscussion, Sources: []string{"B-2022/42-IT"}, Reporters: []string{"HE"},
			Rows: []Row{on("HE", "Dank für Projektberücksichtigung. Es werde zukünftig zu einer Kick-Off Veranstaltung eingeladen. Vorstellung des Zielbildes (Tischvorlage).")},
		},
		{Section: "Grüne Liste", Number: "08", Title: "Steuerungsgruppe NOOTS", Points: []string{"Zusammensetzung"},
			Goal: model.GoalDecision, Sources: []string{"B-2025/13-IT"}, Reporters: []string{"HH"}, Flags: model.ItemFlags{Decision: true, Note: true}, Consent: true,
			Rows: []Row{
				bv(26,
					pt("", "Der IT-Planungsrat richtet auf der Grundlage des IT-Planungsratsbeschluss 2025/13 und im Sinne des § 3 Abs. 4 NOOTS-Staatsvertrag die Steuerungsgruppe NOOTS ein. Stimmberechtigte Mitglieder sind der Bund und Bayern, Hessen, Nordrhein-Westfalen, Brandenburg, Hamburg und Saarland. Beschlussvorschläge für den IT-Planungsrat, die die NOOTS-Umsetzung betreffen, können erst nach vorheriger Beteiligung in der Steuerungsgruppe dem IT-Planungsrat vorgelegt werden. Der IT-Planungsrat bestätigt den Personalvorschlag im Sinne des § 3 Abs. 6 NOOTS-Staatsvertrag zur Gesamtleitung NOOTS bei der FITKO. Der IT-Planungsrat beauftragt die Steuerungsgruppe mit der Schaffung von Strukturen, um die Beteiligung von Kommunen, Registerführenden Stellen, (öffentlichen) IT-Dienstleistern und Fachverfahrensherstellern zu ermöglichen.")),
				pn("Berlin", "Berlin geht davon aus, dass eine frühzeitige und themenbezogene Einbindung der Länder vor jeweiliger Befassung in der Steuerungsgruppe über die NOOTS-Staatsvertragsstrukturen erfolgt und Beiratsstrukturen als beratende Gremien im Rahmen der NOOTS-Staatsvertragsstrukturen ermöglicht werden."),
				pn("Hamburg", "Hamburg, in der derzeitigen Rolle des Lenkungskreisvorsitzes Gesamtsteuerung Registermodernisierung gemäß des Auftrages des IT-Planungsratsbeschlusses 2025/13, schlägt zur Ernennung der Gesamtleitung NOOTS im Sinne des §3 (6) NOOTS-Staatsvertrag "+model.Redact("[REDACTED]")+" vor."),
				pn("FITKO", "Die Entscheidung zur Personalauswahl erfolgte im Einvernehmen mit der FITKO."),
			},
		},
		{Section: "Grüne Liste", Number: "12", Title: "Gemeinsame EfA-Finanzierung", Points: []string{"Konzept zur Evaluation der Gesamtmaßnahme „Gemeinsame EfA-finanzierung“"},
			Goal: model.GoalDecision, Sources: []string{"B-2024/48-IT"}, Reporters: []string{"HE"}, Flags: model.ItemFlags{Decision: true}, Consent: true,
			Rows: []Row{
				bv(27,
					pt("", "Der IT-Planungsrat beschließt das Grobkonzept für die Evaluation der Gesamtmaßnahme \"Gemeinsame EfA-Finanzierung\". Er bittet die PG EfA-Finanzierung und die FITKO darum, die Beauftragung eines wissenschaftlichen Instituts bis zum 31.08.2025 durchzuführen.")),
			},
			FollowUps: []FollowUp{
				{FollowUp: model.FollowUp{Text: "Beauftragung eines wissenschaftlichen Instituts für die Evaluation der Gesamtmaßnahme „Gemeinsame EfA-Finanzierung“", Responsible: "PG EfA-Finanzierung, FITKO", DueDate: model.NewDate(2025, 8, 31), Status: model.FollowUpOpen}, OfDecision: true},
			},
		},
		// The page after TOP 12 is lost: the next one goes on in
		// mid-sentence with a decision on the Unternehmenskonto (its
		// number, like the 28th and 29th decision of 2025, on the lost
		// page) and Hessen's note. TOP 12's decision is finished and its
		// boxes say no Protokollnotiz, so they are another item's, whose
		// TOP row and boxes the source lost (minutes.UntitledItem, as the
		// parser reads it).
		{Section: "Grüne Liste", Title: minutes.UntitledItem("Grüne Liste"), Consent: true, BoxesLost: true,
			Rows: []Row{
				{Kind: RowRaw, Text: "integrierendes Produkt bereitzustellen und die Governance-Strukturen im Rahmen des Produktmanagement-Modells unter Berücksichtigung der gesetzlichen Vorgaben des OZGs angemessen weiterzuentwickeln.\n" +
					"1. Die Projektleitung übernimmt das StMD Bayern und die stellvertretende Projektleitung der Senator für Finanzen Bremen.\n" +
					"2. Zur Steuerung wird ein auf Abteilungsleitungsebene besetzter Lenkungskreis gemäß §§ 14 und 15 der Geschäftsordnung des IT-Planungsrats eingerichtet, dem die mit der Bereitstellung des Unternehmenskontos beauftragten Länder Bayern und Bremen, der Bund sowie die Länder Hamburg und Thüringen als stimmberechtigte Mitglieder angehören. Die FITKO und die wichtigsten Umsetzungspartner, allen voran das bayerische Landesamt für Steuern, die Dataport AöR sowie die Governikus GmbH & Co. KG, sind als ständige, aber nicht stimmberechtigte Mitglieder vertreten.\n" +
					"3. Sobald das Projekt Unternehmenskonto wieder Produktstatus erlangt, wird der Lenkungskreis in ein Produktboard überführt.\n" +
					"4. Die Finanzierung erfolgt aus dem in den Wirtschaftsplänen 2025 und 2026 vorgesehenen Produktbudget für das Unternehmenskonto. Für 2027 sind die Pläne entsprechend fortzuschreiben.\n" +
					"5. Das Projektcontrolling wird durch das Produktmanagement der FITKO übernommen.\n" +
					"2. Der IT-Planungsrat beauftragt die FITKO, mit Unterstützung der Länder Bayern und Bremen ein Audit der Kostenstrukturen des Unternehmenskontos durchzuführen und die Ergebnisse spätestens zur 49. Sitzung des IT-Planungsrats vorzulegen."},
				pn("Hessen", "Hessen hat mehrfach in der Abstimmung des Vorgehens und zuletzt in der 39. AL-Runde darauf hingewiesen, dass eine nachvollziehbare Projektplanung nicht vorliege. Es müsse zumindest klar sein, welche Meilensteine wann und mit welchem Budget geplant sind. Es wird erwartet, dass eine solche Projektplanung kurzfristig, spätestens zur 48. Sitzung des IT-Planungsrats, zur Kenntnisnahme zur Verfügung gestellt wird."),
			},
			FollowUps: []FollowUp{
				{FollowUp: model.FollowUp{Text: "Audit der Kostenstrukturen des Unternehmenskontos (mit Unterstützung von BY und HB), Ergebnisse vorlegen", Responsible: "FITKO", DueSession: 49, Status: model.FollowUpOpen}},
			},
		},
		{Section: "Grüne Liste", Number: "18", Title: "Kooperation D21", Points: []string{"Verlängerung der Kooperation mit der Initiative-D21"},
			Goal: model.GoalDecision, Reporters: []string{"ST", "FITKO"}, Flags: model.ItemFlags{Decision: true}, Consent: true,
			Rows: []Row{
				bv(30,
					pt("1.", "Der IT-Planungsrat beschließt die Verlängerung der Beteiligung der FITKO als exklusive Fachpartnerin am „eGovernment MONITOR“ der Initiative-D21 ab 2026 für weitere 5 Jahre. Die Unterstützung pro Studienausgabe beträgt durchschnittlich bis zu 40.700,00 Euro. Nach Veröffentlichung der Studie für 2030 soll diese Fachpartnerschaft vom Steuerungskreis erneut bewertet werden."),
					pt("2.", "Die Förderung dieses Vorhaben erfolgt aus den Budgetmitteln des Schwerpunktthemas „Digitale Transformation“.")),
				illegible(),
			},
		},
	}
}

// shownBoxes gives the outcome boxes the item's rows show: Beschluss for
// an adopted decision, Protokollnotiz for a note, Follow-Up for a
// follow-up given — for an item whose boxes the source lost (BoxesLost).
func (it Item) shownBoxes() model.ItemFlags {
	var f model.ItemFlags
	for _, r := range it.Rows {
		switch {
		case r.Kind == RowDecision && r.Decision.Status == model.DecisionAdopted:
			f.Decision = true
		case r.Kind == RowNote:
			f.Note = true
		}
	}
	f.FollowUp = len(it.FollowUps) > 0
	return f
}

// Session47Document gives the 47th session as a minutes document, the form
// the importer stores and the parser produces.
func Session47Document() minutes.Document {
	doc := minutes.Document{Audience: model.Internal, Session: model.Session{Number: 47, Date: session47Date, StartTime: "09:00", EndTime: "12:15",
		Place: "Schwerin", Chair: "MV", Status: model.StatusMinutesDraft, MinutesStand: model.NewDate(2025, 12, 8)}}
	consent := map[string]bool{}
	for _, sec := range itplr.Sections() {
		consent[sec.Name] = sec.Consent
	}
	for _, it := range Session47() {
		item := minutes.Item{AgendaItem: model.AgendaItem{Number: it.Number, Title: it.Title, Points: it.Points, Goal: it.Goal,
			Sources: it.Sources, Reporters: it.Reporters, Flags: it.Flags, Consent: it.Consent}}
		for _, r := range it.Rows {
			item.Rows = append(item.Rows, documentRow(item.AgendaItem, r))
		}
		if n := len(doc.Sections); n == 0 || doc.Sections[n-1].Name != it.Section {
			doc.Sections = append(doc.Sections, minutes.Section{Name: it.Section, Consent: consent[it.Section]})
		}
		last := &doc.Sections[len(doc.Sections)-1]
		last.Items = append(last.Items, item)
	}
	return doc
}

func documentRow(it model.AgendaItem, r Row) minutes.Row {
	switch r.Kind {
	case RowDiscussion:
		return minutes.Row{Kind: minutes.RowDiscussion, Speaker: r.Speaker, Points: r.Points, Confidential: r.Confidential}
	case RowNote:
		return minutes.Row{Kind: minutes.RowNote, Speaker: r.Speaker, Text: r.Text, Confidential: r.Confidential}
	case RowDecision:
		d := r.Decision
		if !d.Number.IsZero() {
			d.Title = minutes.DecisionTitle(it)
		}
		return minutes.Row{Kind: minutes.RowDecision, Decision: &d}
	case RowIllegible:
		return minutes.Row{Kind: minutes.RowText, RemarkKind: model.RemarkIllegible, Text: r.Text}
	case RowRaw:
		return minutes.Row{Kind: minutes.RowText, RemarkKind: model.RemarkRaw, Text: r.Text, Confidential: r.Confidential}
	}
	return minutes.Row{Kind: minutes.RowText, RemarkKind: model.RemarkText, Text: r.Text, Confidential: r.Confidential}
}

func (l *loader) session47(ctx context.Context) error {
	if _, err := l.s.SessionByNumber(ctx, l.councilID, 47); err == nil || !errors.Is(err, store.ErrNotFound) {
		return err
	}
	sessionID, _, err := minutes.Save(ctx, l.s, l.councilID, Session47Document())
	if err != nil {
		return err
	}
	items, err := l.s.Items(ctx, sessionID)
	if err != nil {
		return err
	}
	for i, it := range Session47() {
		for _, f := range it.FollowUps {
			fu := f.FollowUp
			fu.ItemID = items[i].ID
			if f.OfDecision {
				ds, err := l.s.ItemDecisions(ctx, items[i].ID)
				if err != nil || len(ds) == 0 {
					return fmt.Errorf("decision of %s for follow-up: %v", items[i].Label(), err)
				}
				fu.DecisionID = ds[0].ID
			}
			if _, err := l.s.CreateFollowUp(ctx, fu); err != nil {
				return err
			}
		}
	}
	// The boxes are the minutes' as the source ticks them (Flags): a
	// follow-up given ticks its item's "Follow-Up" (store.CreateFollowUp),
	// which the source leaves unticked for TOP 00, TOP 10, "Übergreifendes"
	// and TOP 12. An item whose boxes the source lost ticks what its rows
	// show (BoxesLost).
	if items, err = l.s.Items(ctx, sessionID); err != nil {
		return err
	}
	for i, it := range Session47() {
		want := it.Flags
		if it.BoxesLost {
			want = it.shownBoxes()
		}
		if items[i].Flags != want {
			items[i].Flags = want
			if err := l.s.UpdateItem(ctx, items[i]); err != nil {
				return err
			}
		}
	}
	_, err = l.s.CreateRequest(ctx, model.Request{ConferenceID: l.bodies["AMK"], Title: "Stärkere Fokussierung und Nutzung von EfA-Leistungen im Agrarbereich",
		Text:       "Die Agrarministerkonferenz bittet um eine stärkere Fokussierung und Nutzung von EfA-Leistungen im Agrarbereich (Bericht von MV in der 47. Sitzung, Übergreifendes).",
		ReceivedOn: session47Date, Via: "MV", Status: model.RequestReceived})
	return err
}
