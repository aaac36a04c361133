package minutes

// Pullable reports whether the item may be offered to be taken off the
// Grüne Liste: it stands on the list and no decision of its rows is
// adopted (model.AgendaItem.CheckPullable, the rule the store applies to
// the pull). Once the list is adopted en bloc, the session page offers
// the pull no more. Who may pull, and until when, the page decides.
func (it Item) Pullable() bool {
	if !it.Consent {
		return false
	}
	for _, r := range it.Rows {
		if r.Kind == RowDecision && r.Decision != nil && it.CheckPullable(*r.Decision) != nil {
			return false
		}
	}
	return true
}
