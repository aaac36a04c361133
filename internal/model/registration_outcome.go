package model

import (
	"fmt"
	"strings"
)

// OutcomeKind names what became of a registration in its session, as
// the JSON API gives it (RegistrationOutcome.Kind).
type OutcomeKind string

// What became of a registration in its held session.
const (
	// OutcomeNotTaken: the registration was never taken onto the agenda.
	OutcomeNotTaken OutcomeKind = "nicht_aufgenommen"
	// OutcomeDeferred: the item was deferred to a later session.
	OutcomeDeferred OutcomeKind = "vertagt"
	// OutcomeAdopted: a decision was taken on it (gefasst, ausgesprochen).
	OutcomeAdopted OutcomeKind = "gefasst"
	// OutcomeRejected: its proposal was rejected.
	OutcomeRejected OutcomeKind = "abgelehnt"
	// OutcomeUndecided: its proposal was left undecided.
	OutcomeUndecided OutcomeKind = "nicht_entschieden"
	// OutcomeNoDecision: a decision was asked for and none was taken.
	OutcomeNoDecision OutcomeKind = "kein_beschluss"
	// OutcomeDealtWith: the item was dealt with; no decision was asked.
	OutcomeDealtWith OutcomeKind = "behandelt"
)

// RegistrationOutcome is one line of what became of a registration in
// its session, in parts: the sentence is Before, then LinkText, then
// After, where LinkText names what a page may link to — the decision
// (DecisionLabel) or the session the item was deferred to (DeferredTo).
// Note, introduced by NoteLabel, is a passage of the minutes that may
// carry confidential marks (a decision's result, a deferral's reason),
// without its closing full stop: the renderer ends the sentence.
type RegistrationOutcome struct {
	Kind                    OutcomeKind
	Before, LinkText, After string
	// DecisionLabel is the number of the decision taken (OutcomeAdopted),
	// empty for a decision without one.
	DecisionLabel string
	// DeferredTo is the number of the session the item was deferred to
	// (OutcomeDeferred).
	DeferredTo      int
	NoteLabel, Note string
}

// Sentence gives the line as one sentence, without its note.
func (o RegistrationOutcome) Sentence() string { return o.Before + o.LinkText + o.After }

// OutcomeOfRegistration says what became of the registration it once its
// session se is held, from the decisions taken on it (ds, as the reader
// may see them: the caller passes them through its publication gate):
// not taken up (still registered, so never on the agenda), deferred (to
// which session, why), each decision taken on it or its proposal rejected
// or left undecided, or the item dealt with without a decision. A
// declined registration gets none (its status and reason say it), and
// nothing comes before the session is held. The page of the registering
// office, its co-applicants' pages and the JSON API read this one rule.
func OutcomeOfRegistration(it AgendaItem, se Session, ds []Decision) []RegistrationOutcome {
	if !se.Held() || it.Status == ItemDeclined {
		return nil
	}
	if it.Status == ItemRegistered {
		return []RegistrationOutcome{{Kind: OutcomeNotTaken, Before: "Die Geschäftsstelle hat die Anmeldung nicht in die Tagesordnung aufgenommen; die Sitzung hat ohne sie stattgefunden."}}
	}
	if it.Deferred() {
		return []RegistrationOutcome{{Kind: OutcomeDeferred, Before: "Vertagt auf die ", LinkText: fmt.Sprintf("%d. Sitzung", it.Deferral.To), After: ".",
			DeferredTo: it.Deferral.To, NoteLabel: "Grund", Note: noteOf(it.Deferral.Reason)}}
	}
	var out []RegistrationOutcome
	for _, d := range ds {
		// Several proposals on one item are told apart by their titles
		// (public text: the outcome is no place for a confidential
		// passage); before, the page read "Der Beschlussvorschlag ist
		// abgelehnt." twice.
		proposal := d.ProposalName()
		if t := strings.TrimSpace(PublicText(d.Title)); len(ds) > 1 && t != "" {
			proposal += " „" + t + "“"
		}
		switch d.Status {
		case DecisionAdopted:
			before, label, after := d.OutcomeParts()
			out = append(out, RegistrationOutcome{Kind: OutcomeAdopted, Before: before, LinkText: label, After: after,
				DecisionLabel: d.Label, NoteLabel: "Ergebnis", Note: noteOf(d.Result)})
		case DecisionRejected:
			out = append(out, RegistrationOutcome{Kind: OutcomeRejected, Before: "Der " + proposal + " ist abgelehnt.", NoteLabel: "Ergebnis", Note: noteOf(d.Result)})
		default:
			out = append(out, RegistrationOutcome{Kind: OutcomeUndecided, Before: "Über den " + proposal + " wurde in der Sitzung nicht entschieden."})
		}
	}
	if len(out) > 0 {
		return out
	}
	switch it.Goal {
	case GoalDecision:
		return []RegistrationOutcome{{Kind: OutcomeNoDecision, Before: "In der Sitzung wurde dazu kein Beschluss gefasst."}}
	case GoalNone:
		return []RegistrationOutcome{{Kind: OutcomeDealtWith, Before: "Der Tagesordnungspunkt wurde in der Sitzung behandelt; ein Beschluss war nicht beantragt."}}
	}
	return []RegistrationOutcome{{Kind: OutcomeDealtWith, Before: fmt.Sprintf("Der Tagesordnungspunkt wurde in der Sitzung behandelt (Ziel: %s); ein Beschluss war nicht beantragt.", it.Goal)}}
}

// noteOf gives a passage of the minutes as an outcome's note: trimmed,
// without the full stop the renderer adds.
func noteOf(s string) string { return strings.TrimSuffix(strings.TrimSpace(s), ".") }
