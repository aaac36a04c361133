package itplr

import (
	"context"
	"errors"
	"fmt"

	"gremium/internal/model"
	"gremium/internal/store"
)

// PrepAbbrev is the abbreviation of the Abteilungsleiterrunde, the body
// that prepares the IT-Planungsrat's sessions ("39. AL-Runde" in the
// minutes of the 47th session, seed 000).
const PrepAbbrev = "AL-Runde"

// PrepSlug is the part of the address of the AL-Runde's pages
// (/gremien/al-runde/sitzungen/39).
const PrepSlug = "al-runde"

// Preparatory gives the AL-Runde as a body preparing the council with the
// id: the persons named by the IT-PLR's members (Abteilungsleiter:innen),
// voting by the IT-Planungsrat's rules (GO § 8a as amended by decision
// 2021/14: § 7 Abs. 1–4 apply; § 8 for written procedures), its minutes
// and recommendations internal. The lead time and the deadlines are
// settings of this installation, not taken from a source: the AL-Runde
// meets three weeks before each session; registrations for the IT-PLR close
// two weeks, the AL-Runde's documents are due one week before it.
func Preparatory(councilID int64) model.Body {
	return model.Body{Kind: model.BodyPreparatory, Abbrev: PrepAbbrev, Name: "Abteilungsleiterrunde des IT-Planungsrats", ParentID: councilID,
		DecisionPattern: "BE-{JJJJ}/{NN}-AL", Rules: model.ITPLRRules(),
		Notes:       "Bereitet die Sitzungen des IT-Planungsrats vor und gibt Beschlussempfehlungen (GO § 8a).",
		Preparation: model.Preparation{PreparesID: councilID, Slug: PrepSlug, Internal: true, LeadWeeks: 3, RegistrationDays: 14, DocumentDays: 7}}
}

// PrepSections gives the AL-Runde's agenda sections.
func PrepSections() []model.Section {
	names := []string{model.OpeningSection, model.RecommendationsSection, "Übergreifendes"}
	out := make([]model.Section, len(names))
	for i, n := range names {
		out[i] = model.Section{Name: n, Position: i}
	}
	return out
}

// PrepStandardItems gives the items every agenda of the AL-Runde carries:
// the welcome with the quorum check and the approval of its previous
// minutes. sections are its stored sections.
func PrepStandardItems(number int, sections []model.Section) []model.AgendaItem {
	var welcome int64
	for _, s := range sections {
		if s.Name == model.OpeningSection {
			welcome = s.ID
		}
	}
	points := []string{"Feststellung der Beschlussfähigkeit"}
	if number > 1 {
		points = append(points, fmt.Sprintf("Bestätigung des Protokolls der %d. Sitzung der AL-Runde", number-1))
	}
	points = append(points, "Feststellung der finalen Tagesordnung")
	return []model.AgendaItem{{SectionID: welcome, Number: "00", Title: "Begrüßung", Points: points, Position: 1, Status: model.ItemAccepted}}
}

// setupPreparatory adds the AL-Runde with its sections if it is missing.
func setupPreparatory(ctx context.Context, st *store.Store, council model.Body) error {
	prep, err := st.BodyByAbbrev(ctx, PrepAbbrev)
	if errors.Is(err, store.ErrNotFound) {
		prep = Preparatory(council.ID)
		prep.ID, err = st.CreateBody(ctx, prep)
	}
	if err != nil {
		return fmt.Errorf("itplr: AL-Runde: %w", err)
	}
	stored, err := st.Sections(ctx, prep.ID)
	if err != nil || len(stored) > 0 {
		return err
	}
	for _, s := range PrepSections() {
		s.BodyID = prep.ID
		if _, err := st.CreateSection(ctx, s); err != nil {
			return fmt.Errorf("itplr: AL-Runde section %s: %w", s.Name, err)
		}
	}
	return nil
}
