package model

// OpenProposal is a proposal (Beschlussvorschlag) of a running session
// that no count has decided yet, with the agenda item it stands at.
type OpenProposal struct {
	Item     AgendaItem
	Decision Decision
}

// OpenProposals gives, in agenda order, the proposals among drafts that
// the session treats and no count has decided: those of the items on its
// agenda (OnAgenda) that are not deferred away. A pending or declined
// registration's proposal (a declined duplicate, say) is not treated in
// the session: it is neither listed nor does it hold up the session's
// end. It is the one rule of the management page's list above "Sitzung
// beenden" and of the end's check (store.EndSession); before, the page
// left such a proposal out while the check counted it, and the session
// could not be ended from the page.
func OpenProposals(items []AgendaItem, drafts []Decision) []OpenProposal {
	var out []OpenProposal
	for _, it := range inAgendaOrder(items) {
		if !it.OnAgenda() || it.Deferred() {
			continue
		}
		for _, d := range drafts {
			if d.ItemID == it.ID && d.Status == DecisionDraft {
				out = append(out, OpenProposal{Item: it, Decision: d})
			}
		}
	}
	return out
}
