package model

import (
	"fmt"
	"strings"
)

// DebriefPresentation is a decision a debrief (Nachbesprechung) presents
// to a conference, as its invitation names it.
type DebriefPresentation struct {
	// Decision is the decision as the public sees it (Public.Register):
	// the invitation goes to the FachMK secretariats, outside gremium.
	Decision Decision
	// Presenter is who presents it as the FachMK secretariats read it: a
	// member's name ("Hessen"), not its abbreviation (MemberNames.Of).
	Presenter string
}

// DebriefConference is one conference's part of a debrief's invitation:
// its name and the decisions presented to it, in their order.
type DebriefConference struct {
	Name          string
	Presentations []DebriefPresentation
}

// DebriefInvitationSubject is the subject of the invitation to the
// debrief of the council's session se.
func DebriefInvitationSubject(se Session) string {
	return fmt.Sprintf("Einladung zur Nachbesprechung der %d. Sitzung des IT-Planungsrats", se.Number)
}

// DebriefInvitation drafts the invitation to the debrief d of the
// council's session se (Einladung zur Nachbesprechung): the day with its
// times and the place, the link to join and, for each conference in the
// order given, the decisions presented to it with who presents them. The
// secretariat's debrief page proposes it, and the demo sends it, in these
// words: one text, so that the two cannot drift apart.
func DebriefInvitation(se Session, d Debrief, conferences []DebriefConference) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Sehr geehrte Damen und Herren,\n\nzur Nachbesprechung der %d. Sitzung des IT-Planungsrats", se.Number)
	if !se.Date.IsZero() {
		fmt.Fprintf(&b, " vom %s", se.Date.German())
	}
	// The date and place stand before "herzlich ein", where German puts
	// them ("… der Fachministerkonferenzen am 16.12.2026 (Videokonferenz)
	// herzlich ein."), not after the verb's particle.
	b.WriteString(" laden wir die Geschäftsstellen der Fachministerkonferenzen")
	if !d.HeldOn.IsZero() {
		fmt.Fprintf(&b, " am %s", d.When())
		if d.Place != "" {
			fmt.Fprintf(&b, " (%s)", d.Place)
		}
	}
	b.WriteString(" herzlich ein.")
	// Without a day the place stands on a line of its own: in brackets
	// after "Fachministerkonferenzen" it hung on the invitees.
	if d.HeldOn.IsZero() && d.Place != "" {
		fmt.Fprintf(&b, "\nOrt: %s", d.Place)
	}
	if d.Link != "" {
		fmt.Fprintf(&b, "\n\nZur Teilnahme: %s", d.Link)
	}
	b.WriteString("\n\nVorgestellt werden die für Ihre Konferenz relevanten Beschlüsse, jeweils durch das einreichende Mitglied:\n")
	for _, c := range conferences {
		fmt.Fprintf(&b, "\n%s:\n", c.Name)
		for _, p := range c.Presentations {
			fmt.Fprintf(&b, "- %s %s (Vorstellung: %s)\n", p.Decision.Label, Public.Text(p.Decision.Title), p.Presenter)
		}
	}
	b.WriteString("\nMit freundlichen Grüßen\nGeschäftsstelle des IT-Planungsrats (FITKO)")
	return b.String()
}
