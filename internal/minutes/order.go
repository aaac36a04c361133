package minutes

import "gremium/internal/model"

// discussionFirst puts an item's rows in the order of the published
// minutes (seed 000): the course of the discussion (ON), then the
// decision (BV) taken after it, then the protocol notes — a decision
// that stands before the item's first contribution is moved behind the
// last contribution of the discussion that follows it
// (model.DiscussionFirst, which the store applies at approval too). It
// reports whether it moved anything. rows is reordered in place.
//
// Every rendering of draft minutes reads the rows in this order: Load
// applies it to minutes not yet approved (the pages, the live page, the
// PDF, the text export and the text kept at approval, the JSON API and
// the search read a loaded document), and so does Parse, so that a text
// read back stores the order it shows and an import of it again changes
// nothing. Approved minutes are read in the order stored: the approval
// stores the order shown then (store.ApproveMinutes), and a later change
// of the rule does not change what the members approved. Before the
// rule, the rows stood in the order they were stored, and a registered
// proposal stood above the discussion in the minutes of every session
// recorded live.
func discussionFirst(rows []Row) bool {
	kinds := make([]string, len(rows))
	for i, r := range rows {
		kinds[i] = string(r.Kind)
	}
	order := model.DiscussionFirst(kinds)
	if order == nil {
		return false
	}
	out := make([]Row, len(rows))
	for i, j := range order {
		out[i] = rows[j]
	}
	copy(rows, out)
	return true
}
