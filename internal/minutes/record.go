package minutes

import (
	"context"
	"slices"

	"gremium/internal/store"
)

// QuorumLead opens the sentence the minutes record of the quorum check
// (Feststellung der Beschlussfähigkeit), as the published minutes open it.
const QuorumLead = "Feststellung der Beschlussfähigkeit"

// attachRecord gives the items the sentences the session day recorded
// beside the minutes rows (Item.RecordLines), as the published minutes
// write them under the opening item (TOP 00 of the 47th session:
// "Feststellung der Beschlussfähigkeit. … TOP 10 „Bericht des
// Themenpaten Informationssicherheit“ wird vorgezogen."): each finding of
// the quorum check under the item it was made at (the opening finding
// under the first item), in the order made, then the items taken up out
// of the agenda's order, under the first item. One store call; nothing
// for a session without items or without a record (an imported one).
// Before, the session kept one finding, and a second save of the
// attendance at TOP 01 moved the opening finding there.
func attachRecord(ctx context.Context, st *store.Store, sessionID int64, sections []Section) error {
	var items []*Item
	for si := range sections {
		for ii := range sections[si].Items {
			items = append(items, &sections[si].Items[ii])
		}
	}
	if len(items) == 0 {
		return nil
	}
	rec, err := st.SessionRecord(ctx, sessionID)
	if err != nil {
		return err
	}
	for _, f := range rec.Quorum {
		line := quorumLine(f.Result, f.Reason)
		if line == "" {
			continue
		}
		// An item no longer in these minutes (moved to another session)
		// gives its finding to the opening item.
		at := items[0]
		for _, it := range items {
			if f.ItemID != 0 && it.ID == f.ItemID {
				at = it
			}
		}
		at.RecordLines = append(at.RecordLines, line)
	}
	items[0].RecordLines = append(items[0].RecordLines, orderLines(items, rec.TakenUp)...)
	return nil
}

// quorumLine gives the sentence for the quorum check's result ('ja',
// 'nein'; empty: unchecked, none) and its finding with the count
// (model.CheckQuorum's reason; empty for a check made before the count
// was kept): "Feststellung der Beschlussfähigkeit – beschlussfähig: 14
// von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)."
func quorumLine(result, reason string) string {
	switch {
	case result == "":
		return ""
	case reason != "":
		return QuorumLead + " – " + reason + "."
	case result == "ja":
		return QuorumLead + " – beschlussfähig."
	default:
		return QuorumLead + " – nicht beschlussfähig."
	}
}

// orderLines gives, for the items taken up out of the agenda's order, the
// sentence the minutes write: "TOP 10 „Bericht des Themenpaten“ wird
// vorgezogen." for an item taken up before an item that stands above it,
// "TOP 05 „…“ wird zurückgestellt." for one taken up after items below
// it. Which items were moved is the smallest set: the items not on the
// longest run taken up in agenda order (of several such runs the one
// with the items higher on the agenda, so that of TOP 01 and TOP 02 taken
// up the other way round TOP 02 was brought forward). Items never taken
// up (deferred, or a session run before the order was kept) are not
// counted; items are given in agenda order.
func orderLines(items []*Item, takenUp map[int64]int) []string {
	// seq holds the agenda indexes of the items taken up, in the order
	// they were taken up.
	var seq []int
	for i, it := range items {
		if takenUp[it.ID] > 0 {
			seq = append(seq, i)
		}
	}
	slices.SortFunc(seq, func(a, b int) int { return takenUp[items[a].ID] - takenUp[items[b].ID] })
	n := len(seq)
	if n < 2 {
		return nil
	}
	// length[i]: the longest run in agenda order that ends with seq[i].
	length := make([]int, n)
	best := 0
	for i := range seq {
		length[i] = 1
		for j := 0; j < i; j++ {
			if seq[j] < seq[i] && length[j]+1 > length[i] {
				length[i] = length[j] + 1
			}
		}
		best = max(best, length[i])
	}
	// Walk back from the end of a longest run, at each step taking the
	// item highest on the agenda that can stand there (every item with
	// the length wanted ends a run that long).
	inOrder := map[int]bool{}
	want, limit, before := best, len(items), n
	for want > 0 {
		pick := -1
		for i := before - 1; i >= 0; i-- {
			if length[i] == want && seq[i] < limit && (pick < 0 || seq[i] < seq[pick]) {
				pick = i
			}
		}
		inOrder[seq[pick]] = true
		want, limit, before = want-1, seq[pick], pick
	}
	var out []string
	for idx, it := range items {
		if takenUp[it.ID] == 0 || inOrder[idx] {
			continue
		}
		// Brought forward: an item above it was taken up after it.
		forward := false
		for _, above := range items[:idx] {
			if takenUp[above.ID] > takenUp[it.ID] {
				forward = true
				break
			}
		}
		what := it.Label()
		if it.Title != "" {
			what += " „" + it.Title + "“"
		}
		if forward {
			out = append(out, what+" wird vorgezogen.")
		} else {
			out = append(out, what+" wird zurückgestellt.")
		}
	}
	return out
}
