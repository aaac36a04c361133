// Package itplr holds the reference data of the IT-Planungsrat that every
// installation for it needs, whether it starts empty, imports minutes or
// loads the demo: its members (Bund, Länder, advisory members, guests), the
// council body with its numbering pattern, its agenda sections
// (Schwerpunktthemen), the speaker abbreviations its minutes use, and the
// standard items of every agenda. Sources: the minutes of the 47th session
// (../shared/seeds/000_…) and the concept for the spokespersons (003_…,
// section 2.1 for "Reporting FachMK").
//
// Another conference would hold its own reference data in a package like
// this one; the rest of gremium reads everything from the store.
package itplr

import (
	"context"
	"errors"
	"fmt"

	"gremium/internal/model"
	"gremium/internal/store"
)

// CouncilAbbrev is the abbreviation of the IT-Planungsrat body.
const CouncilAbbrev = "IT-PLR"

// Members gives the members of the IT-Planungsrat in list order: the Bund,
// the 16 Länder, the advisory members and the regular guests.
func Members() []model.Member {
	ms := []model.Member{{Abbrev: "Bund", Name: "Bund", Kind: model.MemberBund}}
	for _, l := range [][2]string{{"BW", "Baden-Württemberg"}, {"BY", "Bayern"}, {"BE", "Berlin"}, {"BB", "Brandenburg"}, {"HB", "Bremen"},
		{"HH", "Hamburg"}, {"HE", "Hessen"}, {"MV", "Mecklenburg-Vorpommern"}, {"NI", "Niedersachsen"}, {"NW", "Nordrhein-Westfalen"},
		{"RP", "Rheinland-Pfalz"}, {"SL", "Saarland"}, {"SN", "Sachsen"}, {"ST", "Sachsen-Anhalt"}, {"SH", "Schleswig-Holstein"}, {"TH", "Thüringen"}} {
		ms = append(ms, model.Member{Abbrev: l[0], Name: l[1], Kind: model.MemberLand})
	}
	ms = append(ms,
		model.Member{Abbrev: "DST", Name: "Deutscher Städtetag", Kind: model.MemberAdvisory},
		model.Member{Abbrev: "DLT", Name: "Deutscher Landkreistag", Kind: model.MemberAdvisory},
		model.Member{Abbrev: "DStGB", Name: "Deutscher Städte- und Gemeindebund", Kind: model.MemberAdvisory},
		model.Member{Abbrev: "BfDI", Name: "Bundesbeauftragte für den Datenschutz und die Informationsfreiheit", Kind: model.MemberAdvisory},
		model.Member{Abbrev: "BSI", Name: "Bundesamt für Sicherheit in der Informationstechnik", Kind: model.MemberGuest},
		model.Member{Abbrev: "FITKO", Name: "Föderale IT-Kooperation (Geschäftsstelle)", Kind: model.MemberGuest},
	)
	for i := range ms {
		ms[i].Position = i
	}
	return ms
}

// Council gives the IT-Planungsrat body with its decision rules
// (IT-Staatsvertrag § 1 Abs. 7, GO § 7; docs/decision-rules.md).
func Council() model.Body {
	return model.Body{Kind: model.BodyPlanningCouncil, Abbrev: CouncilAbbrev, Name: "IT-Planungsrat",
		Chair: "MV (2025)", DecisionPattern: model.DefaultDecisionPattern, Rules: model.ITPLRRules(),
		Notes: "Entscheidet durch Beschluss oder Empfehlung (IT-Staatsvertrag §1). Geschäftsstelle: FITKO."}
}

// ConsentSection is the section of the consent agenda (Grüne Liste).
const ConsentSection = "Grüne Liste"

// Sections gives the agenda sections (Schwerpunktthemen) of the IT-PLR in
// order; the Grüne Liste is the consent section.
func Sections() []model.Section {
	names := []string{model.OpeningSection, "Informationssicherheit", "Datennutzung", "Digitale Transformation", "Digitale Infrastruktur",
		"Digitale Anwendungen", "Übergreifendes", ConsentSection}
	out := make([]model.Section, len(names))
	for i, n := range names {
		out[i] = model.Section{Name: n, Position: i, Consent: n == ConsentSection}
	}
	return out
}

// Speakers gives the speaker abbreviations the IT-PLR's minutes use: its
// members and guests.
func Speakers() []string {
	var out []string
	for _, m := range Members() {
		out = append(out, m.Abbrev)
	}
	return out
}

// StandardItems gives the items every agenda of the IT-PLR carries, for the
// session with the given number: the welcome with the quorum check and the
// approval of the previous minutes, and "Reporting FachMK" (concept section
// 2.1). sections are the body's stored sections, whose ids the items take.
// The approval names session number−1; the store, when it plans the
// session, names the newest earlier session that is not cancelled.
func StandardItems(number int, sections []model.Section) []model.AgendaItem {
	sec := func(name string) int64 {
		for _, x := range sections {
			if x.Name == name {
				return x.ID
			}
		}
		return 0
	}
	welcome := []string{"Begrüßung durch den Vorsitz des IT-Planungsrats", "Feststellung der Beschlussfähigkeit"}
	if number > 1 {
		welcome = append(welcome, fmt.Sprintf("Bestätigung des Protokolls der %d. Sitzung", number-1))
	}
	welcome = append(welcome, "Feststellung der finalen Tagesordnung", "Beschluss über den Vorschlag der Grünen Liste")
	return []model.AgendaItem{
		{SectionID: sec(model.OpeningSection), Number: "00", Title: "Begrüßung", Points: welcome, Position: 1, Status: model.ItemAccepted},
		{SectionID: sec("Übergreifendes"), Title: model.ReportingFachMKTitle, Goal: model.GoalReport, Position: 2, Status: model.ItemAccepted},
	}
}

// Chairs gives the rotation of the IT-PLR's chair (Vorsitz), which changes
// yearly between the Bund and the Länder, the Länder in alphabetical order
// (it-planungsrat.de, "Die Zusammensetzung des IT-Planungsrats"). Named by
// the sources: 2019 Bremen (finanzen.bremen.de), 2023 Hessen (fitko.de),
// 2024 the Bund and 2025 Mecklenburg-Vorpommern (it-planungsrat.de); the
// other years follow from the rotation.
func Chairs() []model.ChairTerm {
	return []model.ChairTerm{{Year: 2019, Member: "HB"}, {Year: 2020, Member: "Bund"}, {Year: 2021, Member: "HH"}, {Year: 2022, Member: "Bund"},
		{Year: 2023, Member: "HE"}, {Year: 2024, Member: "Bund"}, {Year: 2025, Member: "MV"}, {Year: 2026, Member: "Bund"}}
}

// Setup adds what any IT-PLR installation needs before its first session
// or import: the members, the council body and its agenda sections, the
// chair's rotation. What exists already is left as it is, so Setup may run
// at every start. (The Königsteiner Schlüssel is built in:
// model.BuiltinShares.)
func Setup(ctx context.Context, st *store.Store) (model.Body, error) {
	existing, err := st.Members(ctx)
	if err != nil {
		return model.Body{}, fmt.Errorf("itplr: %w", err)
	}
	have := map[string]bool{}
	for _, m := range existing {
		have[m.Abbrev] = true
	}
	for _, m := range Members() {
		if !have[m.Abbrev] {
			if _, err := st.CreateMember(ctx, m); err != nil {
				return model.Body{}, fmt.Errorf("itplr: member %s: %w", m.Abbrev, err)
			}
		}
	}
	council, err := st.BodyByAbbrev(ctx, CouncilAbbrev)
	if errors.Is(err, store.ErrNotFound) {
		c := Council()
		if c.ID, err = st.CreateBody(ctx, c); err == nil {
			_, err = st.CreateContact(ctx, model.Contact{BodyID: c.ID, Name: "Geschäftsstelle des IT-Planungsrats (FITKO)", Role: "Geschäftsstelle", Email: "itplr@fitko.de"})
		}
		council = c
	}
	if err != nil {
		return model.Body{}, fmt.Errorf("itplr: council: %w", err)
	}
	stored, err := st.Sections(ctx, council.ID)
	if err != nil {
		return model.Body{}, fmt.Errorf("itplr: %w", err)
	}
	haveSection := map[string]bool{}
	for _, s := range stored {
		haveSection[s.Name] = true
	}
	for _, s := range Sections() {
		if haveSection[s.Name] {
			continue
		}
		s.BodyID = council.ID
		if _, err := st.CreateSection(ctx, s); err != nil {
			return model.Body{}, fmt.Errorf("itplr: section %s: %w", s.Name, err)
		}
	}
	if err := setupPreparatory(ctx, st, council); err != nil {
		return model.Body{}, err
	}
	chairs, err := st.Chairs(ctx, council.ID)
	if err != nil {
		return model.Body{}, fmt.Errorf("itplr: %w", err)
	}
	if len(chairs) == 0 { // a rotation recorded already is kept
		for _, c := range Chairs() {
			if err := st.SetChair(ctx, council.ID, c.Year, c.Member); err != nil {
				return model.Body{}, fmt.Errorf("itplr: chair %d: %w", c.Year, err)
			}
		}
	}
	return council, nil
}
