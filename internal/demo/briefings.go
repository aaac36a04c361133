package demo

import (
	"context"
	"errors"
	"slices"
	"strings"

	"gremium/internal/model"
	"gremium/internal/store"
)

// KeyMessageTitles are the key messages (Kernbotschaften) of the sample
// briefing (concept 5.2) that the demo keeps as shared text blocks.
var KeyMessageTitles = []string{
	"Novellierung des Onlinezugangsgesetzes",
	"Priorisierung innerhalb der OZG-Umsetzung",
	"Kommunale Einbindung innerhalb der OZG-Umsetzung",
}

// FMKBriefingTitle is the title of the demo's dossier for the
// Finanzministerkonferenz.
const FMKBriefingTitle = "Handakte Finanzministerkonferenz"

// briefingSection gives the text under a heading of the sample briefing,
// up to the next heading (a line that is neither a bullet nor empty and
// is followed by a bullet or an empty line).
func briefingSection(heading string) string {
	lines := strings.Split(briefing2023, "\n")
	var out []string
	in := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == heading:
			in = true
			continue
		case !in:
			continue
		case t != "" && !strings.HasPrefix(t, "-"):
			return strings.Join(out, "\n")
		case t != "":
			out = append(out, strings.TrimRight(l, " \t")) // nested bullets keep their indentation
		}
	}
	return strings.Join(out, "\n")
}

// GuidingQuestions are the sample briefing's guiding questions for
// kick-off talks (Exemplarische Leitfragen für Auftaktgespräche): the
// concept's, as the contact form offers them
// (model.KickoffGuidingQuestions).
func GuidingQuestions() []string { return slices.Clone(model.KickoffGuidingQuestions) }

// briefings adds the key messages of the sample briefing, the FMK's
// dossier with them and the FMK's impact statement on the joint EfA
// financing (item 12 of the 47th session, so that the dossier lists
// B-2025/27-IT). The conferences' dates come with the demo's FachMK
// calendar, not from here.
func (l *loader) briefings(ctx context.Context) error {
	var ids []int64
	for _, title := range KeyMessageTitles {
		k, err := l.s.KeyMessageByTitle(ctx, title)
		if errors.Is(err, store.ErrNotFound) {
			id, err := l.s.CreateKeyMessage(ctx, model.KeyMessage{Title: title, Text: briefingSection(title)})
			if err != nil {
				return err
			}
			k.ID = id
		} else if err != nil {
			return err
		}
		ids = append(ids, k.ID)
	}
	fmk, ok := l.bodies["FMK"]
	if !ok {
		return nil
	}
	if err := l.fmkImpact(ctx, fmk); err != nil {
		return err
	}
	if err := l.fmkOutcome(ctx, fmk); err != nil {
		return err
	}
	if err := l.fmkKickoff(ctx, fmk); err != nil {
		return err
	}
	have, err := l.s.Briefings(ctx, fmk)
	if err != nil || len(have) > 0 {
		return err
	}
	_, err = l.s.CreateBriefing(ctx, model.Briefing{ConferenceID: fmk, Title: FMKBriefingTitle}, model.BriefingVersion{
		Stand: model.NewDate(2025, 7, 1), Author: "FITKO",
		Content: "Handakte für die fachpolitischen Sprecher:innen gegenüber der Finanzministerkonferenz.\n" +
			"- Schwerpunkt der Zusammenarbeit: die gemeinsame Finanzierung der EfA-Leistungen und die Haushaltswirkungen der Verwaltungsdigitalisierung.\n" +
			"- Die Auftaktgespräche mit dem FMK-Vorsitz führen die Sprecher:innen vor der nächsten Sitzung der FMK.",
		KeyMessages: ids[:2], Questions: GuidingQuestions(), DecisionsSince: model.NewDate(2025, 1, 1)})
	return err
}

// fmkImpact states on item 12 of the 47th session ("Gemeinsame
// EfA-Finanzierung") that the Finanzministerkonferenz is affected (GO §4).
func (l *loader) fmkImpact(ctx context.Context, fmk int64) error {
	se, err := l.s.SessionByNumber(ctx, l.councilID, 47)
	if err != nil {
		return err
	}
	items, err := l.s.Items(ctx, se.ID)
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.Number == "12" && !it.Impact.Stated {
			it.Impact = model.Impact{Stated: true, ConferenceIDs: []int64{fmk},
				Note: "Die gemeinsame EfA-Finanzierung berührt die Haushalte von Bund und Ländern."}
			return l.s.UpdateItem(ctx, it)
		}
	}
	return nil
}

// FMKOutcomeTitle is the title of the demo's outcome of a session of the
// Finanzministerkonferenz, recorded by its secretariat for the
// spokespersons' report under "Reporting FachMK": made up along the
// conference's digital topics of the concept (3.1: eRechnung,
// Digitalisierung der Steuerverwaltung).
const FMKOutcomeTitle = "Flächendeckender Empfang elektronischer Rechnungen (XRechnung)"

// fmkOutcome records the FMK's outcome after the 47th session, where the
// conference has none yet.
func (l *loader) fmkOutcome(ctx context.Context, fmk int64) error {
	have, err := l.s.ConferenceOutcomes(ctx, fmk, model.Date{}, 1)
	if err != nil || len(have) > 0 {
		return err
	}
	_, err = l.s.CreateConferenceOutcome(ctx, model.ConferenceOutcome{ConferenceID: fmk, HeldOn: model.NewDate(2025, 11, 13),
		Meeting: "Herbstkonferenz 2025", Reference: "TOP 6", Title: FMKOutcomeTitle,
		Text: "Die Finanzministerkonferenz bittet den IT-Planungsrat, den Empfang elektronischer Rechnungen über die Portale von Bund und Ländern zu vereinheitlichen.\n" +
			"Sie berichtet zur Frühjahrskonferenz über den Stand in den Landesfinanzverwaltungen.",
		RecordedBy: "Geschäftsstelle der Finanzministerkonferenz"}, "")
	return err
}

// FMKKickoffWith names the counterpart of the demo's kick-off talk of
// Thüringen's spokesperson with the Finanzministerkonferenz.
const FMKKickoffWith = "Vorsitz der Finanzministerkonferenz (Amtschefin des Vorsitzlandes)"

// fmkKickoff logs the kick-off talk of Thüringen's spokesperson with the
// FMK's chair before the second IT-PLR session of 2025 (concept 5.2), made
// up along the guiding questions, where TH has logged no contact with the
// FMK yet; Bremen's is left open, so the overview shows both states.
func (l *loader) fmkKickoff(ctx context.Context, fmk int64) error {
	have, err := l.s.SpokespersonContacts(ctx, fmk)
	if err != nil {
		return err
	}
	for _, c := range have {
		if c.Member == "TH" {
			return nil
		}
	}
	_, err = l.s.CreateSpokespersonContact(ctx, model.SpokespersonContact{ConferenceID: fmk, Member: "TH", Kind: model.ContactKickoff,
		HeldOn: model.NewDate(2025, 5, 20), With: FMKKickoffWith, Participants: "FITKO (Geschäftsstelle IT-Planungsrat)",
		Topics: "Kommunikationskanal zum FMK-Vorsitz vereinbart: Ansprechperson im Vorsitzland, Austausch vor jeder Sitzung der FMK.\n" +
			"Gemeinsame Vorhaben: Empfang elektronischer Rechnungen (XRechnung), Finanzierung der EfA-Leistungen.",
		NextSteps: "Die Arbeitsebene stimmt sich vor der Herbstkonferenz 2025 zur XRechnung ab.", RecordedBy: "Dr. Hartmut Schubert"}, "")
	return err
}
