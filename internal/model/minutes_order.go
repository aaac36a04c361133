package model

// DiscussionFirst gives the order in which the minutes show an item's
// rows, from kinds, the rows' kinds in the order they were recorded
// ("ON" a Wortbeitrag, "BV" a decision, "PN" a Protokollnotiz, "" a free
// row): the index in kinds of each row in the order shown, or nil where
// that is the order recorded.
//
// The published minutes (seed 000) give the course of the discussion
// (ON), then the decision (BV) taken after it, then the protocol notes.
// A decision recorded before the item's first contribution — the
// Beschlussvorschlag of the registration, stored with the item before the
// session, or any proposal entered before anybody spoke — is shown
// behind the discussion that follows it: behind the last contribution of
// the run of contributions and free rows that begins with the first
// contribution. A free row between two contributions (a break) stays in
// the discussion; one after the last contribution — the closing remark
// that reports the vote, "Der Beschluss wird einstimmig beschlossen." —
// stays after the decision it reports, as every row after the run does.
// Every other row keeps its place, and an item without contributions
// keeps its order (a Grüne Liste item: decision, then notes). Before,
// the run took in the free rows after the last contribution too, and
// the closing remark stood before its decision.
//
// The minutes of a session apply it while they are a draft; at approval
// the store keeps the rows in the order shown (store.ApproveMinutes), and
// approved minutes are read as stored, so that a change of this rule
// never changes minutes the members approved.
func DiscussionFirst(kinds []string) []int {
	first := -1
	for i, k := range kinds {
		if k == "ON" {
			first = i
			break
		}
	}
	if first <= 0 {
		return nil
	}
	var ahead, before []int
	for i, k := range kinds[:first] {
		if k == "BV" {
			ahead = append(ahead, i)
		} else {
			before = append(before, i)
		}
	}
	if len(ahead) == 0 {
		return nil
	}
	// The run ends at its last contribution.
	end := first + 1
	for i := first; i < len(kinds) && (kinds[i] == "ON" || kinds[i] == ""); i++ {
		if kinds[i] == "ON" {
			end = i + 1
		}
	}
	order := make([]int, 0, len(kinds))
	order = append(order, before...)
	for i := first; i < end; i++ {
		order = append(order, i)
	}
	order = append(order, ahead...)
	for i := end; i < len(kinds); i++ {
		order = append(order, i)
	}
	return order
}
