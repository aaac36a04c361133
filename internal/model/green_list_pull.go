package model

// CheckPullable refuses to take the item off the Grüne Liste once a
// decision on it is adopted (adopted: that decision; its zero value, or
// a decision not adopted, for none): a member asks for an item to be
// treated singly before the list is voted on en bloc, and an adopted
// decision is immutable — taken off the list then, the item would stand
// to be treated singly with nothing left to treat, its decision still
// reading "(Grüne Liste, en bloc)". As CheckDeferrable does for a
// deferral.
func (it AgendaItem) CheckPullable(adopted Decision) error {
	if adopted.Status != DecisionAdopted {
		return nil
	}
	what := adopted.Label
	if what == "" {
		what = "der Beschluss"
	}
	if adopted.Result != "" {
		what += ", " + adopted.Result
	}
	return RuleError("„%s“ kann nicht mehr von der Grünen Liste genommen werden: der TOP ist bereits beschlossen (%s). "+
		"Einzeln behandelt wird ein TOP auf Wunsch eines Mitglieds vor der Abstimmung über die Grüne Liste; ein gefasster Beschluss bleibt unverändert.",
		InternalText(it.Title), what)
}
