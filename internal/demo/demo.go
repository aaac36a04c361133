// Package demo loads gremium's demo data set, transcribed from the two source
// documents: the minutes of the 47th IT-Planungsrat session (26.06.2025,
// Schwerin) with its predecessor, and the concept for the collaboration of the
// sectoral spokespersons with the Fachministerkonferenzen (20.03.2024): the
// FachMK with their topic profiles (3.1), the spokespersons (Tabelle 4), the
// role/task matrix (Tabelle 3), the evaluation questions (Tabelle 2) and the
// sample briefing (5.2).
//
// Load is idempotent: it adds what is missing and never duplicates or changes
// what a database already holds.
package demo

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// Actor is the name under which the demo data appears in the audit log.
const Actor = "demo"

// CouncilAbbrev is the abbreviation of the IT-Planungsrat body (the same as
// itplr.CouncilAbbrev, kept here for the tests that load the demo).
const CouncilAbbrev = itplr.CouncilAbbrev

//go:embed briefing-2023.txt
var briefing2023 string

// Load adds the demo data to the store; what exists already is left as it is.
func Load(ctx context.Context, s *store.Store) error {
	ctx = store.WithActor(ctx, Actor)
	l := loader{s: s, bodies: map[string]int64{}, personIDs: map[string]int64{}}
	return l.run(ctx, l.council, l.conferences, l.persons, l.spokespersons,
		l.session46, l.session47, l.tasks, l.evaluation, l.briefing)
}

func (l *loader) run(ctx context.Context, steps ...func(context.Context) error) error {
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	return nil
}

type loader struct {
	s         *store.Store
	councilID int64
	bodies    map[string]int64 // abbreviation → id
	personIDs map[string]int64 // name → id
}

// council adds the IT-PLR's reference data (package itplr): members, the
// council body, its sections.
func (l *loader) council(ctx context.Context) error {
	c, err := itplr.Setup(ctx, l.s)
	if err != nil {
		return err
	}
	l.councilID = c.ID
	l.bodies[c.Abbrev] = c.ID
	return nil
}

// ensureBody creates the body unless one with its abbreviation exists, and
// reports whether it created it.
func (l *loader) ensureBody(ctx context.Context, b model.Body) (int64, bool, error) {
	cur, err := l.s.BodyByAbbrev(ctx, b.Abbrev)
	if err == nil {
		l.bodies[b.Abbrev] = cur.ID
		return cur.ID, false, nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return 0, false, err
	}
	id, err := l.s.CreateBody(ctx, b)
	if err != nil {
		return 0, false, err
	}
	l.bodies[b.Abbrev] = id
	return id, true, nil
}

// conferences adds the FachMK with their topic profiles and the steering
// group of the demo.
func (l *loader) conferences(ctx context.Context) error {
	id := l.councilID
	for _, c := range Conferences() {
		actsFor := c.ActsForAbbrev
		b := c.Body
		if actsFor != "" {
			b.ActsForID = l.bodies[actsFor]
		}
		if _, _, err := l.ensureBody(ctx, b); err != nil {
			return err
		}
	}
	_, _, err := l.ensureBody(ctx, model.Body{Kind: model.BodySteeringGroup, Abbrev: "SG NOOTS", Name: "Steuerungsgruppe NOOTS", ParentID: id,
		Notes: "Eingerichtet mit Beschluss B-2025/26-IT im Sinne des § 3 Abs. 4 NOOTS-Staatsvertrag. Stimmberechtigt: Bund, BY, HE, NW, BB, HH, SL."})
	return err
}

// Conference is a FachMK of the demo data; ActsForAbbrev names the
// conference it acts for (the E-Justice-Rat for the Justizministerkonferenz).
type Conference struct {
	model.Body
	ActsForAbbrev string
}

// terms parses "Begriff:Gewicht" pairs; a term without weight weighs 1.
func terms(ts ...string) []model.Term {
	out := make([]model.Term, len(ts))
	for i, t := range ts {
		w := 1.0
		if j := strings.LastIndex(t, ":"); j > 0 {
			if v, err := strconv.ParseFloat(t[j+1:], 64); err == nil {
				t, w = t[:j], v
			}
		}
		out[i] = model.Term{Term: t, Weight: w}
	}
	return out
}

// Conferences gives the Fachministerkonferenzen, with the digital topic
// profiles of concept section 3.1 where the concept gives one.
func Conferences() []Conference {
	fachmk := func(abbrev, name, profile string, ts []model.Term) Conference {
		if ts == nil {
			ts = []model.Term{}
		}
		return Conference{Body: model.Body{Kind: model.BodyFachMK, Abbrev: abbrev, Name: name, TopicProfile: profile, Terms: ts}}
	}
	ejr := fachmk("E-Justice-Rat", "E-Justice-Rat",
		"Die E-Justice-Rat fokussiert sich auf Themen wie digitale Souveränität, Cloud-Computing, die Einführung von Fachverfahren und Container-Technologie, die Implementierung der E-Akte, den elektronischen Rechtsverkehr von Anwälten und anderen Beteiligten in juristischen Verfahren sowie die Übermittlung von Verwaltungsakten in fachgerichtlichen Prozessen.",
		terms("E-Justice-Rat:2", "elektronischer Rechtsverkehr:2", "Justiz", "digitale Souveränität", "Cloud", "Fachverfahren", "Container", "E-Akte", "Verwaltungsakten", "fachgerichtlich", "Gericht"))
	ejr.ActsForAbbrev = "JuMiKo"
	ejr.Notes = "Für Digitalisierungsaufgaben im Justizbereich und deren Umsetzung wurde der E-Justice-Rat von der Justizministerkonferenz geschaffen. Dementsprechend hat die Justizministerkonferenz die Zusammenarbeit mit dem IT-PLR auf den E-Justice-Rat übertragen."
	dmk := fachmk("DMK", "Digitalministerkonferenz",
		"Die Digitalministerkonferenz (DMK) ergänzt seit dem Frühjahr 2024 als jüngste Fachministerkonferenz die bestehende Gremienlandschaft von Bund und Ländern. Die DMK dient als Plattform für den Austausch und die digitalpolitische Zusammenarbeit der Länder, auch um sich gegenüber Bund und EU zu positionieren. Mit ihrer inhaltlichen Ausrichtung ergänzt die DMK bereits bestehende Digitalisierungsgremien von Bund und Ländern, insbesondere den IT-Planungsrat, dessen Zuständigkeiten von der Einrichtung der DMK unberührt bleiben.",
		terms("Digitalministerkonferenz:2", "DMK:2", "Dachstrategie", "Digitalstrategie", "digitalpolitisch"))
	dmk.Notes = "Die DMK tagt 2-mal im Jahr. Der Vorsitz wechselt jährlich unter den Ländern."
	return []Conference{
		dmk,
		fachmk("FMK", "Finanzministerkonferenz",
			"Die Finanzministerkonferenz beschäftigt sich mit Themen wie dem Rechnungs- und Berichtswesen, der Einführung von eRechnungen, der Digitalisierung in der deutschen Steuerverwaltung und der Modernisierung des Finanzmanagements zur besseren Haushaltssteuerung.",
			terms("Finanzministerkonferenz:2", "FMK:2", "Rechnungswesen", "Berichtswesen", "eRechnung", "E-Rechnung", "Steuerverwaltung", "Finanzmanagement", "Haushaltssteuerung", "KONSENS", "Finanzamt")),
		fachmk("JuMiKo", "Justizministerkonferenz", "", terms("Justizministerkonferenz:2", "JuMiKo:2")),
		ejr,
		fachmk("WMK", "Wirtschaftsministerkonferenz",
			"Die Wirtschaftsministerkonferenz setzt ihren Schwerpunkt auf Themen wie die Registermodernisierung, die Festlegung von IT-Standards für die Verwaltungsdigitalisierung, die Umsetzung der Single-Digital-Gateway-Verordnung, die Entwicklung von KI-Strategien in den Ländern, die Schaffung eines AI Code of Conduct, die Weiterbildung in Schulen und Betrieben im Kontext der Digitalisierung sowie den Digital Services Act.",
			terms("Wirtschaftsministerkonferenz:2", "WMK:2", "Registermodernisierung:2", "Unternehmenskonto:2", "Standard", "DIN SPEC", "Single Digital Gateway", "KI-Strategie", "Code of Conduct", "Weiterbildung", "Digital Services Act", "Unternehmen", "Wirtschaft")),
		fachmk("UMK", "Umweltministerkonferenz",
			"Die Umweltministerkonferenz beschäftigt sich unter anderem mit Themen wie Green IT, der digitalen Transformation der Umweltverwaltung, der Digitalisierung von Umweltinfrastrukturen, der Nutzung digitaler Grundlagendaten zur Hochwasserprävention, der Implementierung digitaler Warnmittel in Gefahrensituationen und der Erstellung eines digitalen Landschaftsmodells.",
			terms("Umweltministerkonferenz:2", "UMK:2", "Green IT", "Umwelt", "Grundlagendaten", "Hochwasser", "Warnmittel", "Landschaftsmodell", "Klima")),
		fachmk("IMK", "Innenministerkonferenz",
			"Die Innenministerkonferenz hat ihre Schwerpunkte in Themen wie dem Netzwerkdurchsetzungsgesetz, Cybersicherheit, Verwaltungsverfahrenrecht, dem Internet der Dinge, der Nutzung digitaler Warnmedien wie der Warn-App Nina sowie der Verknüpfung digitaler und analoger Warnmedien. Darüber hinaus wird der Digital Service Act behandelt.",
			terms("Innenministerkonferenz:2", "IMK:2", "Cybersicherheit:2", "Informationssicherheit", "Sicherheit", "Lagebild", "Netzwerkdurchsetzungsgesetz", "Verwaltungsverfahrensrecht", "Internet der Dinge", "Warnmedien", "Warn-App", "Digital Services Act", "Bevölkerungsschutz")),
		// Conferences without a profile in the concept: the terms are the
		// conference's name and remit, for the secretariat to refine.
		fachmk("ASMK", "Ministerkonferenz für Arbeit und Soziales", "", terms("ASMK:2", "Arbeit und Soziales:2", "Sozialministerkonferenz:2", "Sozialleistung", "Grundsicherung", "Bürgergeld", "Rente", "Arbeitsmarkt")),
		fachmk("VMK", "Verkehrsministerkonferenz", "", terms("Verkehrsministerkonferenz:2", "VMK:2", "Verkehr", "Mobilität", "Führerschein", "Fahrzeug", "Kfz")),
		fachmk("BMK", "Bauministerkonferenz", "", terms("Bauministerkonferenz:2", "BMK:2", "Bauantrag", "Baugenehmigung", "Bauwesen", "Wohnen", "Wohnungsbau")),
		fachmk("GMK", "Gesundheitsministerkonferenz", "", terms("Gesundheitsministerkonferenz:2", "GMK:2", "Gesundheit", "Pflege", "Krankenhaus", "Gesundheitsamt", "Patient")),
		fachmk("KMK", "Kultusministerkonferenz", "", terms("Kultusministerkonferenz:2", "KMK:2", "Bildungsministerkonferenz:2", "XBildung:2", "Bildung", "Schule", "Hochschule")),
		fachmk("EnMK", "Energieministerkonferenz", "", terms("Energieministerkonferenz:2", "EnMK:2", "Energie", "Energiewende", "Strom", "Netzausbau")),
		fachmk("SMK", "Sportministerkonferenz", "", terms("Sportministerkonferenz:2", "SMK:2", "Sport", "Sportförderung")),
		fachmk("JFMK", "Jugend- und Familienministerkonferenz", "", terms("Familienministerkonferenz:2", "JFMK:2", "Elterngeld:2", "ELFEConnect:2", "Jugend", "Familie", "Kinder", "Kindergeld", "Kita")),
		fachmk("AMK", "Agrarministerkonferenz", "", terms("Agrarministerkonferenz:2", "AMK:2", "Agrar", "Landwirtschaft", "Forst", "Ernährung", "Tierhaltung", "Fischerei")),
	}
}
