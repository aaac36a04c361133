package minutes

// discussionFirst puts an item's rows in the order of the published
// minutes (seed 000): the course of the discussion (ON), then the
// decision (BV) taken after it, then the protocol notes. A decision that
// stands before the item's first contribution — the Beschlussvorschlag of
// the registration, stored with the item before the session, or any
// proposal entered before anybody spoke — is moved behind the discussion
// that follows it: behind the run of contributions and free rows that
// begins with the first contribution, so before the next decision or
// protocol note recorded after the discussion, or at the end. Every other
// row keeps its place, and an item without contributions keeps its order
// (a Grüne Liste item: decision, then notes). It reports whether it moved
// anything. rows is reordered in place.
//
// Every rendering reads the rows in this order: Load applies it (the
// pages, the PDF, the text export, the JSON API and the search read a
// loaded document) and so does Parse, so that a text read back stores the
// order it shows and an import of it again changes nothing. Before, the
// rows stood in the order they were stored, and a registered proposal
// stood above the discussion in the minutes of every session recorded
// live.
func discussionFirst(rows []Row) bool {
	first := -1
	for i, r := range rows {
		if r.Kind == RowDiscussion {
			first = i
			break
		}
	}
	if first <= 0 {
		return false
	}
	var ahead, before []Row
	for _, r := range rows[:first] {
		if r.Kind == RowDecision {
			ahead = append(ahead, r)
		} else {
			before = append(before, r)
		}
	}
	if len(ahead) == 0 {
		return false
	}
	end := first
	for end < len(rows) && (rows[end].Kind == RowDiscussion || rows[end].Kind == RowText) {
		end++
	}
	out := make([]Row, 0, len(rows))
	out = append(out, before...)
	out = append(out, rows[first:end]...)
	out = append(out, ahead...)
	out = append(out, rows[end:]...)
	copy(rows, out)
	return true
}
