package demo

import "gremium/internal/model"

// Conferences gives the Fachministerkonferenzen with their topic profiles.
// The profile text of the five conferences that concept section 3.1
// describes is the concept's; for the others it is our own summary of the
// conference's remit. The terms ("Begriff:Gewicht", weight 1 if none) are
// written from each conference's responsibilities — the ministries'
// remits, their typical procedures and registers and their standard data
// formats — so that agenda titles that do not name the conference get a
// proposal; the secretariat edits them on the conference page. Weight 2
// marks a term that alone points to the conference (its name, a procedure,
// register or data format only it is responsible for); two terms of weight
// 1 are needed otherwise (relevance.Threshold).
func Conferences() []Conference {
	fachmk := func(abbrev, name, profile string, ts []model.Term) Conference {
		if ts == nil {
			ts = []model.Term{}
		}
		return Conference{Body: model.Body{Kind: model.BodyFachMK, Abbrev: abbrev, Name: name, TopicProfile: profile, Terms: ts}}
	}
	// The E-Justice-Rat acts for the Justizministerkonferenz in the
	// collaboration with the IT-PLR, so both carry the justice terms.
	justice := []string{"Justiz:2", "Gericht:2", "Gerichtsbarkeit:2", "E-Justice:2", "elektronischer Rechtsverkehr:2", "XJustiz:2", "Gerichtsverfahren:2", "Zivilprozess:2", "Mahnverfahren:2", "Klage",
		"Grundbuch:2", "Handelsregister:2", "Vereinsregister:2", "Insolvenz", "Strafverfahren", "Staatsanwaltschaft", "Rechtspflege", "Richter", "Notar", "Gerichtsvollzieher:2",
		"Justizvollzug:2", "Strafvollzug:2", "Bundeszentralregister:2", "Führungszeugnis:2"}
	ejr := fachmk("E-Justice-Rat", "E-Justice-Rat",
		"Die E-Justice-Rat fokussiert sich auf Themen wie digitale Souveränität, Cloud-Computing, die Einführung von Fachverfahren und Container-Technologie, die Implementierung der E-Akte, den elektronischen Rechtsverkehr von Anwälten und anderen Beteiligten in juristischen Verfahren sowie die Übermittlung von Verwaltungsakten in fachgerichtlichen Prozessen.",
		terms(append([]string{"E-Justice-Rat:2", "digitale Souveränität", "Cloud", "Fachverfahren", "Container", "E-Akte", "elektronische Akte", "Verwaltungsakten", "fachgerichtlich",
			"Justizcloud:2", "beA:2", "beBPo:2", "EGVP:2", "Anwaltspostfach:2", "Videoverhandlung:2", "Online-Klage:2", "Rechtsantragstelle:2", "Justizportal:2"}, justice...)...))
	ejr.ActsForAbbrev = "JuMiKo"
	ejr.Notes = "Für Digitalisierungsaufgaben im Justizbereich und deren Umsetzung wurde der E-Justice-Rat von der Justizministerkonferenz geschaffen. Dementsprechend hat die Justizministerkonferenz die Zusammenarbeit mit dem IT-PLR auf den E-Justice-Rat übertragen."
	dmk := fachmk("DMK", "Digitalministerkonferenz",
		"Die Digitalministerkonferenz (DMK) ergänzt seit dem Frühjahr 2024 als jüngste Fachministerkonferenz die bestehende Gremienlandschaft von Bund und Ländern. Die DMK dient als Plattform für den Austausch und die digitalpolitische Zusammenarbeit der Länder, auch um sich gegenüber Bund und EU zu positionieren. Mit ihrer inhaltlichen Ausrichtung ergänzt die DMK bereits bestehende Digitalisierungsgremien von Bund und Ländern, insbesondere den IT-Planungsrat, dessen Zuständigkeiten von der Einrichtung der DMK unberührt bleiben.",
		terms("Digitalministerkonferenz:2", "DMK:2", "Dachstrategie", "Digitalstrategie", "digitalpolitisch", "Digitalpolitik:2",
			"Breitband:2", "Gigabit:2", "Glasfaser:2", "Mobilfunk", "Mobilfunkausbau:2", "Funkloch:2", "künstliche Intelligenz", "KI", "KI-Strategie", "Datenstrategie", "Datenraum", "Open Data:2", "Digitalkompetenz", "digitale Teilhabe",
			"Deutschland-Stack:2", "EUDI-Wallet:2", "Wallet", "digitale Identität", "Plattformregulierung", "Digital Services Act", "Digitalisierungsministerium", "digitale Souveränität"))
	dmk.Notes = "Die DMK tagt 2-mal im Jahr. Der Vorsitz wechselt jährlich unter den Ländern."
	return []Conference{
		dmk,
		fachmk("FMK", "Finanzministerkonferenz",
			"Die Finanzministerkonferenz beschäftigt sich mit Themen wie dem Rechnungs- und Berichtswesen, der Einführung von eRechnungen, der Digitalisierung in der deutschen Steuerverwaltung und der Modernisierung des Finanzmanagements zur besseren Haushaltssteuerung.",
			terms("Finanzministerkonferenz:2", "FMK:2", "Rechnungswesen", "Berichtswesen", "eRechnung:2", "E-Rechnung:2", "XRechnung:2", "ZUGFeRD:2", "Rechnung:2", "Steuerverwaltung:2", "Finanzmanagement", "Haushaltssteuerung", "KONSENS:2", "Finanzamt:2", "Finanzverwaltung:2",
				"Steuer:2", "ELSTER:2", "Steuererklärung:2", "Steuerbescheid:2", "Steueridentifikationsnummer:2", "Grundsteuer:2", "Grunderwerbsteuer:2", "Erbschaftsteuer:2", "Kommunalabgaben", "Abgabe", "Haushalt", "Haushaltswesen", "Doppik:2", "Kameralistik:2", "Buchhaltung",
				"Besoldung:2", "Beihilfe", "Bezüge", "Zahlungsverkehr", "E-Payment", "ePayment", "Bezahlung", "Gebühr", "Zahlung", "XFinanz:2", "Landeshaushalt:2", "Haushaltsplan:2")),
		fachmk("JuMiKo", "Justizministerkonferenz",
			"Die Justizministerinnen und -minister der Länder stimmen Rechtspolitik, Gerichtsorganisation, Staatsanwaltschaften, Justizvollzug und Rechtspflege ab; ihre Digitalisierungsaufgaben hat sie dem E-Justice-Rat übertragen.",
			terms(append([]string{"Justizministerkonferenz:2", "JuMiKo:2", "Rechtspolitik", "Betreuungsrecht:2", "Betreuung"}, justice...)...)),
		ejr,
		fachmk("WMK", "Wirtschaftsministerkonferenz",
			"Die Wirtschaftsministerkonferenz setzt ihren Schwerpunkt auf Themen wie die Registermodernisierung, die Festlegung von IT-Standards für die Verwaltungsdigitalisierung, die Umsetzung der Single-Digital-Gateway-Verordnung, die Entwicklung von KI-Strategien in den Ländern, die Schaffung eines AI Code of Conduct, die Weiterbildung in Schulen und Betrieben im Kontext der Digitalisierung sowie den Digital Services Act.",
			terms("Wirtschaftsministerkonferenz:2", "WMK:2", "Registermodernisierung:2", "Unternehmenskonto:2", "Standard", "DIN SPEC", "Single Digital Gateway", "KI-Strategie:2", "Code of Conduct", "Weiterbildung", "Digital Services Act", "Unternehmen", "Wirtschaft",
				"Gewerbe:2", "Gewerbeanmeldung:2", "Gewerbeanzeige:2", "Gewerberegister:2", "Handwerk:2", "Handwerksrolle:2", "Unternehmensbasisregister:2", "Wirtschaftsnummer:2", "Wirtschaftsförderung:2", "Existenzgründung:2", "Gründung", "Start-up", "Mittelstand:2",
				"Betrieb", "Industrie", "Gaststätte:2", "Gaststättenerlaubnis:2", "Bürokratieabbau", "Vergabe", "eVergabe:2", "XVergabe:2", "Vergabeverfahren:2", "Vergaberecht:2", "öffentlicher Auftrag:2", "Beschaffung", "Ausschreibung", "Förderprogramm", "Fördermittel", "Tourismus", "Berufsanerkennung", "Anerkennung", "Fachkräfte", "Handel", "Kammer")),
		fachmk("UMK", "Umweltministerkonferenz",
			"Die Umweltministerkonferenz beschäftigt sich unter anderem mit Themen wie Green IT, der digitalen Transformation der Umweltverwaltung, der Digitalisierung von Umweltinfrastrukturen, der Nutzung digitaler Grundlagendaten zur Hochwasserprävention, der Implementierung digitaler Warnmittel in Gefahrensituationen und der Erstellung eines digitalen Landschaftsmodells.",
			terms("Umweltministerkonferenz:2", "UMK:2", "Green IT:2", "Umwelt:2", "Grundlagendaten", "Hochwasser:2", "Warnmittel", "Landschaftsmodell:2", "Klima", "Klimaschutz", "Naturschutz:2", "Wasser", "Gewässer:2", "Wasserrecht:2", "Abwasser:2",
				"Abfall:2", "Abfallwirtschaft:2", "Entsorgung", "Abfallnachweis:2", "eANV:2", "Immissionsschutz:2", "Emission", "Luftqualität:2", "Lärm", "Bodenschutz:2", "Altlasten:2", "Artenschutz:2", "Umweltinformation:2", "Umweltdaten:2",
				"Umweltverträglichkeitsprüfung:2", "UVP:2", "Luft", "Schadstoff", "Genehmigungsverfahren", "Windenergie", "Nachhaltigkeit", "Energieverbrauch", "Rechenzentrum", "Chemikalien", "Natur", "Landschaft", "Schutzgebiet")),
		fachmk("IMK", "Innenministerkonferenz",
			"Die Innenministerkonferenz hat ihre Schwerpunkte in Themen wie dem Netzwerkdurchsetzungsgesetz, Cybersicherheit, Verwaltungsverfahrenrecht, dem Internet der Dinge, der Nutzung digitaler Warnmedien wie der Warn-App Nina sowie der Verknüpfung digitaler und analoger Warnmedien. Darüber hinaus wird der Digital Service Act behandelt.",
			terms("Innenministerkonferenz:2", "IMK:2", "Cybersicherheit:2", "Informationssicherheit", "Sicherheit", "Lagebild", "Netzwerkdurchsetzungsgesetz", "Verwaltungsverfahrensrecht", "Internet der Dinge", "Warnmedien", "Warn-App", "Digital Services Act", "Bevölkerungsschutz:2",
				"Katastrophenschutz:2", "Zivilschutz:2", "Warnung:2", "Sirene:2", "Cell Broadcast:2", "Polizei:2", "Feuerwehr:2", "Digitalfunk:2", "BOS", "Notruf", "Verfassungsschutz:2", "Extremismus",
				"Meldewesen:2", "Melderegister:2", "Meldebescheinigung:2", "Ummeldung:2", "Anmeldung", "Wohnsitz:2", "XMeld:2", "Personalausweis:2", "Ausweis", "Reisepass:2", "Pass", "Online-Ausweis:2", "eID:2",
				"Personenstand:2", "XPersonenstand:2", "Standesamt:2", "Geburtsurkunde:2", "Eheschließung:2", "Sterbeurkunde:2", "Urkunde", "Ausländerbehörde:2", "Aufenthaltstitel:2", "Aufenthalt", "Ausländer", "XAusländer:2", "Migration", "Asyl:2", "Einbürgerung:2", "Staatsangehörigkeit:2",
				"Waffenrecht:2", "Waffe", "Wahl", "Wahlen", "Briefwahl:2", "Kommunalaufsicht:2", "Kommunalverwaltung", "Dienstrecht", "Beamte", "Vermessung:2", "Kataster:2", "Liegenschaftskataster:2", "Geobasisdaten:2", "Geodaten")),
		// Conferences without a profile in the concept: the text and the
		// terms are written from the conference's remit.
		fachmk("ASMK", "Ministerkonferenz für Arbeit und Soziales",
			"Die Arbeits- und Sozialministerinnen und -minister befassen sich mit Arbeitsmarkt, Arbeitsschutz und Sozialleistungen: Grundsicherung, Bürgergeld, Sozialhilfe, Eingliederungshilfe und Teilhabe von Menschen mit Behinderungen, Schwerbehindertenrecht, soziales Entschädigungsrecht und Rente; Datenaustausch über XSozial.",
			terms("ASMK:2", "Arbeit und Soziales:2", "Sozialministerkonferenz:2", "Sozialleistung:2", "Grundsicherung:2", "Bürgergeld:2", "Rente:2", "Rentenversicherung:2", "Arbeitsmarkt:2", "Sozialhilfe:2", "Eingliederungshilfe:2",
				"Schwerbehinderung:2", "Schwerbehindertenausweis:2", "Behinderung:2", "Teilhabe", "Inklusion", "Barrierefreiheit", "Versorgungsamt:2", "Entschädigung", "Sozialgesetzbuch:2", "SGB", "Jobcenter:2", "Arbeitslosengeld:2", "Arbeitslosigkeit",
				"Arbeitsschutz:2", "Mindestlohn:2", "Arbeitszeit", "Sozialversicherung:2", "Unfallversicherung:2", "Sozialamt:2", "XSozial:2", "sozial", "Sozialstaat", "Beschäftigte", "Arbeitnehmer", "Arbeit", "Arbeitsunfall:2", "Berufskrankheit:2", "Hilfe zur Pflege:2", "Bildung und Teilhabe:2", "Asylbewerberleistung:2")),
		fachmk("VMK", "Verkehrsministerkonferenz",
			"Die Verkehrsministerinnen und -minister befassen sich mit Straßen-, Schienen-, Luft- und Schiffsverkehr, dem öffentlichen Personennahverkehr, der Verkehrssicherheit und den Verwaltungsverfahren des Verkehrs: Fahrzeugzulassung (i-Kfz), Fahrerlaubnis, Kennzeichen, Parkausweise, Großraum- und Schwertransporte, Verkehrsdaten (Mobilithek).",
			terms("Verkehrsministerkonferenz:2", "VMK:2", "Verkehr:2", "Mobilität:2", "Führerschein:2", "Fahrerlaubnis:2", "Fahrzeug", "Kfz:2", "Zulassung", "Fahrzeugzulassung:2", "Kfz-Zulassung:2", "i-Kfz:2", "Zulassungsstelle:2", "Zulassungsbehörde:2", "Kennzeichen:2", "Fahrzeugregister:2", "Halter",
				"ÖPNV:2", "Nahverkehr:2", "Deutschlandticket:2", "Ticket", "Straßenverkehr:2", "Straße", "Parkausweis:2", "Bewohnerparkausweis:2", "Parken:2", "Schwertransport:2", "Großraum", "VEMAGS:2", "Fahrplan", "Bahn", "Schiene", "Radverkehr:2", "Fahrrad",
				"Verkehrsdaten:2", "Mobilithek:2", "autonomes Fahren:2", "Luftverkehr", "Drohne", "Schifffahrt", "Taxi", "Personenbeförderung:2", "Fahrerkarte:2", "Verkehrssicherheit:2", "Fahrzeugschein", "Auto", "Pkw", "Lkw", "Ladeinfrastruktur:2", "Ladesäule:2", "Elektromobilität:2", "Fahrer")),
		fachmk("BMK", "Bauministerkonferenz",
			"Die Bauministerinnen und -minister befassen sich mit Bauordnungsrecht und Bauaufsicht, Bauleitplanung und Städtebau, Wohnungswesen, Wohnraumförderung und Wohngeld; ihre Verfahren sind der Bauantrag und die Baugenehmigung, ihre Standards XBau und XPlanung, dazu Building Information Modeling (BIM).",
			terms("Bauministerkonferenz:2", "BMK:2", "Bauantrag:2", "Baugenehmigung:2", "Bauwesen:2", "Wohnen", "Wohnungsbau:2", "Bau", "Bauaufsicht:2", "Bauordnung:2", "Bauleitplanung:2", "Bebauungsplan:2", "Flächennutzungsplan:2", "XBau:2", "XPlanung:2", "BIM:2", "Building Information Modeling:2",
				"Wohngeld:2", "Miete", "Mietspiegel:2", "Wohnraumförderung:2", "Wohnraum", "Wohnung", "sozialer Wohnungsbau:2", "Städtebau:2", "Stadtentwicklung:2", "Städtebauförderung:2", "Raumordnung", "Bauvorlage:2", "Baulast:2", "Architekt", "Gebäude", "Sanierung", "Bauen", "Bauleistung",
				"Baugenehmigungsverfahren:2", "Bauleitplan:2", "Abgeschlossenheitsbescheinigung:2", "Denkmal", "Gebäudeenergie", "Bauprodukt")),
		fachmk("GMK", "Gesundheitsministerkonferenz",
			"Die Gesundheitsministerinnen und -minister befassen sich mit Krankenhausplanung, öffentlichem Gesundheitsdienst und Gesundheitsämtern, Infektionsschutz (Meldewesen über DEMIS), Pflege, Heilberufen und Approbationen, Apotheken und Arzneimitteln, Rettungsdienst und der Digitalisierung des Gesundheitswesens (Telematikinfrastruktur, elektronische Patientenakte, E-Rezept).",
			terms("Gesundheitsministerkonferenz:2", "GMK:2", "Gesundheit:2", "Pflege", "Krankenhaus:2", "Gesundheitsamt:2", "Patient:2", "Infektionsschutz:2", "DEMIS:2", "Infektion", "Impfung:2", "Impfen:2", "Impfnachweis:2", "Pandemie", "Patientenakte:2", "ePA:2", "E-Rezept:2", "Rezept",
				"Telematikinfrastruktur:2", "Telemedizin:2", "Arzt", "Ärztin", "Approbation:2", "Heilberuf:2", "Pflegekraft:2", "Pflegeberuf:2", "Pflegeheim:2", "Pflegedienst:2", "Pflegegeld:2", "Pflegeleistung:2", "Pflegeversicherung:2", "Pflegeausbildung", "Apotheke:2", "Arzneimittel:2", "Medizin", "Medizinprodukt:2", "Rettungsdienst:2",
				"Krankenversicherung:2", "Krankenkasse:2", "Hygiene", "Trinkwasser", "Psychiatrie:2", "Krankenhausplanung:2", "Gesundheitsdaten:2", "Todesbescheinigung:2", "Leichenschau:2", "ÖGD:2", "öffentlicher Gesundheitsdienst:2", "Gesundheitswesen:2", "Sucht", "Prävention", "Klinik:2")),
		fachmk("KMK", "Kultusministerkonferenz",
			"Die Kultus- und Wissenschaftsministerinnen und -minister (Bildungsministerkonferenz, Wissenschaftsministerkonferenz, Kulturministerkonferenz) stimmen Schule, Hochschule, Berufsbildung und Kultur ab: Schulverwaltung und Schülerdaten, Zeugnisse und Abschlüsse, Lehrkräfte, Hochschulzulassung, BAföG, Anerkennung von Bildungsabschlüssen; Datenaustausch über XBildung und XSchule.",
			terms("Kultusministerkonferenz:2", "KMK:2", "Bildungsministerkonferenz:2", "XBildung:2", "XSchule:2", "Bildung", "Schule:2", "Hochschule:2", "Schüler:2", "Schülerin:2", "Lehrer:2", "Lehrkraft:2", "Unterricht:2", "Schulverwaltung:2", "Schulportal:2", "Schulcloud:2", "DigitalPakt:2",
				"Zeugnis", "Abitur:2", "Abschluss", "Bildungsabschluss:2", "Studium:2", "Studierende:2", "Student", "Studienplatz:2", "Hochschulzulassung:2", "BAföG:2", "Berufsschule:2", "Ausbildung", "Berufsbildung", "Lernplattform:2", "Lernen", "Medienbildung:2", "Schulzeugnis:2",
				"Schulpflicht:2", "Schulanmeldung:2", "Einschulung:2", "Kultur", "Museum", "Bibliothek", "Wissenschaft", "Forschung", "Universität:2", "Lehrerbildung:2")),
		fachmk("EnMK", "Energieministerkonferenz",
			"Die Energieministerinnen und -minister befassen sich mit Energiewende und Versorgungssicherheit, dem Ausbau erneuerbarer Energien und der Netze, Genehmigungen für Wind- und Solaranlagen, Wärmeplanung, Wasserstoff und Energiedaten (Marktstammdatenregister, Smart Meter).",
			terms("Energieministerkonferenz:2", "EnMK:2", "Energie:2", "Energiewende:2", "Strom:2", "Netzausbau:2", "erneuerbare Energien:2", "Windenergie:2", "Windkraft:2", "Windrad:2", "Photovoltaik:2", "Solar:2", "Solaranlage:2", "Wärmeplanung:2", "Wärme", "Wärmepumpe:2", "Heizung",
				"Gas", "Wasserstoff:2", "Smart Meter:2", "Marktstammdatenregister:2", "Energieeffizienz:2", "Stromnetz:2", "Netzbetreiber:2", "Netz", "Kraftwerk:2", "Fernwärme:2", "Energiedaten:2", "Balkonkraftwerk:2", "energetisch:2", "Versorgungssicherheit", "Ladeinfrastruktur:2", "Ladesäule:2", "Elektromobilität:2", "Anlage", "Genehmigung")),
		fachmk("SMK", "Sportministerkonferenz",
			"Die Sportministerinnen und -minister befassen sich mit Sportförderung, Breiten- und Leistungssport, Sportstätten und Schwimmbädern, Vereinen und Ehrenamt im Sport, Übungsleiterlizenzen, dem Sportabzeichen, Sportgroßveranstaltungen und dem Schutz vor Doping und Gewalt im Sport.",
			terms("Sportministerkonferenz:2", "SMK:2", "Sport:2", "Sportförderung:2", "Sportverein:2", "Verein", "Sportstätte:2", "Sportanlage:2", "Sporthalle:2", "Schwimmbad:2", "Bad", "Schwimmen", "Ehrenamt", "Übungsleiter:2", "Sportabzeichen:2", "Leistungssport:2", "Spitzensport:2",
				"Breitensport:2", "Olympia:2", "Doping:2", "Sportgroßveranstaltung:2", "Wettkampf", "Bewegung", "Fitness")),
		fachmk("JFMK", "Jugend- und Familienministerkonferenz",
			"Die Jugend- und Familienministerinnen und -minister befassen sich mit Familienleistungen (Elterngeld, Kindergeld, Kinderzuschlag, Unterhaltsvorschuss; gebündelt in ELFE – Einfach Leistungen für Eltern), Kindertagesbetreuung, Kinder- und Jugendhilfe und Jugendämtern, Kinderschutz, Jugendschutz und Gleichstellung.",
			terms("Familienministerkonferenz:2", "JFMK:2", "Elterngeld:2", "ELFEConnect:2", "ELFE:2", "Jugend", "Familie", "Kinder", "Kind", "Kindergeld:2", "Kita:2", "Kindertagesbetreuung:2", "Kinderbetreuung:2", "Kindertagespflege:2", "Kindertagesstätte:2",
				"Jugendamt:2", "Jugendhilfe:2", "Kinderschutz:2", "Unterhaltsvorschuss:2", "Kinderzuschlag:2", "Mutterschutz:2", "Elternzeit:2", "Eltern", "Vaterschaft:2", "Beistandschaft:2", "Pflegekind:2", "Adoption:2", "Jugendschutz:2",
				"Kindergrundsicherung:2", "Geburt", "Gleichstellung:2", "Senioren", "Familienkasse:2", "Kita-Platz:2", "Kitaplatz:2", "Betreuungsplatz:2", "Familienleistung:2", "Jugendliche", "Frühe Hilfen:2")),
		fachmk("AMK", "Agrarministerkonferenz",
			"Die Agrarministerinnen und -minister befassen sich mit Landwirtschaft und Agrarförderung (Gemeinsame Agrarpolitik, InVeKoS, Sammelantrag), Tiergesundheit und Tierseuchen, Tierhaltung und -kennzeichnung (HI-Tier), Pflanzenschutz und Düngung, Lebensmittelsicherheit, Forst, Jagd und Fischerei und dem ländlichen Raum.",
			terms("Agrarministerkonferenz:2", "AMK:2", "Agrar:2", "Landwirtschaft:2", "Forst:2", "Ernährung", "Tierhaltung:2", "Fischerei:2", "Agrarförderung:2", "Agrarpolitik:2", "GAP", "InVeKoS:2", "Sammelantrag:2", "Flächenantrag:2", "Direktzahlung:2",
				"Landwirt:2", "Bauer:2", "Tierseuche:2", "HI-Tier:2", "Tierkennzeichnung:2", "Tierschutz:2", "Tiergesundheit:2", "Tier", "Veterinär:2", "Veterinäramt:2", "Pflanzenschutz:2", "Düngung:2", "Dünger:2", "Lebensmittel:2", "Lebensmittelkontrolle:2",
				"Lebensmittelsicherheit:2", "Wald:2", "Jagd:2", "Jagdschein:2", "Fischereischein:2", "Weinbau:2", "ländlicher Raum", "Betrieb", "Acker", "Vieh")),
	}
}
