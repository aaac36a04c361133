package model

// CountLine gives the line the minutes and the session page print under
// a counted result: the count with its table (CountBasis) where the count
// used the Königsteiner Schlüssel, else the count's explanation
// ("angenommen: 5 Ja-Stimmen gegen 4 Nein-Stimmen, Enthaltungen zählen
// nicht"). How many voted which way is public (docs/decision-rules.md),
// who voted how is not: the result phrase blacks out the members, this
// line names only numbers. Before, a count without a table — an
// Empfehlung's simple majority — printed no line, and the minutes gave no
// count where the decision's page did. "" for a result recorded from the
// past.
func (d Decision) CountLine() string {
	if b := d.CountBasis(); b != "" {
		return b
	}
	return d.CountReason
}
