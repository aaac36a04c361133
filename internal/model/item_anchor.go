package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Item anchors. The session page gives each item of its agenda an anchor
// (the id its address ends in: /sitzungen/47#top-05), and the minutes
// the same one behind "p-" (/sitzungen/47/protokoll#p-top-05). Every
// link to an item — the decision page, the register, search, follow-ups,
// OParl's AgendaItem.web, the audit log — takes it from ItemAnchors, the
// one rule, so that it lands where the page put the item.
//
// An anchor is built from what the page itself shows, never from the
// item's row id: agenda items share their table (and its id sequence)
// with the AL-Runde's items, the members' pending registrations and
// the items of agendas not yet published, so the gaps between row ids
// would count those and tell when they were made.
//
// The rule (ItemAnchors):
//   - an item with a TOP number: "top-" and the number as written, its
//     ASCII letters, digits, "." and "-" as they are and every other
//     byte (of its UTF-8) as "_" and two hex digits: "08" → top-08,
//     "3a" → top-3a, "3.1" → top-3.1, "5(neu)" → top-5_28neu_29;
//   - an item without number: "top-ohne-nr-" and its place among those
//     items in the agenda's order, from 1: top-ohne-nr-1, top-ohne-nr-2;
//   - where two items would get the same anchor (the same number twice),
//     the first in the agenda's order keeps it and each later one gets
//     the first of "-2", "-3", … appended that no item has as its own:
//     two items numbered 5 are top-5 and top-5-2 (top-5-3 where another
//     item is numbered 5-2).
//
// The number is kept as written, not folded ("3.1" to "3-1", "3A" to
// "3a"): two numbers give the same anchor only if they are the same, so
// a page that links one item (a decision's) learns its anchor from how
// many items bear its number (SoleNumberAnchor), without reading the
// whole agenda. Only the items on the agenda (AgendaItem.OnAgenda) count,
// in the agenda's order (position, then id): the public and the internal
// pages list the same items, so both give an item the same anchor.

// AnchorPrefix begins every item anchor; ids of anything else on the
// pages that show items never begin with it.
const AnchorPrefix = "top-"

// MinutesAnchorPrefix is put before an item's anchor on the minutes page
// (/sitzungen/{nr}/protokoll#p-top-05).
const MinutesAnchorPrefix = "p-"

// unnumberedAnchor begins the anchor of an item without number.
const unnumberedAnchor = AnchorPrefix + "ohne-nr-"

// ItemAnchors gives the anchor of every item of an agenda that stands on
// it (the rule above), by item id; the items may come in any order and
// may include registrations not on the agenda, which get none.
func ItemAnchors(items []AgendaItem) map[int64]string {
	ordered := inAgendaOrder(items)
	natural := make([]string, 0, len(ordered))
	ids := make([]int64, 0, len(ordered))
	own := map[string]bool{}
	unnumbered := 0
	for _, it := range ordered {
		if !it.OnAgenda() {
			continue
		}
		var a string
		if it.Number == "" {
			unnumbered++
			a = unnumberedAnchor + strconv.Itoa(unnumbered)
		} else {
			a = AnchorPrefix + anchorNumber(it.Number)
		}
		natural = append(natural, a)
		ids = append(ids, it.ID)
		own[a] = true
	}
	out := make(map[int64]string, len(ids))
	used := map[string]bool{}
	for i, a := range natural {
		if used[a] {
			base := a
			for n := 2; ; n++ {
				a = base + "-" + strconv.Itoa(n)
				if !own[a] && !used[a] {
					break
				}
			}
		}
		used[a] = true
		out[ids[i]] = a
	}
	return out
}

// ItemPlaces gives the place of every item of an agenda that stands on it
// (AgendaItem.OnAgenda), from 1 in the agenda's order (position, then
// id), by item id: OParl's AgendaItem.order. The stored position is not
// it, as it counts the registrations not on the agenda too.
func ItemPlaces(items []AgendaItem) map[int64]int {
	out := map[int64]int{}
	for _, it := range inAgendaOrder(items) {
		if it.OnAgenda() {
			out[it.ID] = len(out) + 1
		}
	}
	return out
}

// SoleNumberAnchor gives the anchor of the item it as ItemAnchors gives it
// when no other item on its agenda bears its number, and ok = false when
// that alone does not decide it: the item is not on the agenda, has no
// number, or has one that reads like the anchor of an item without
// number ("ohne-nr-2"). The caller counts the items with the number.
func SoleNumberAnchor(it AgendaItem) (anchor string, ok bool) {
	if !it.OnAgenda() || it.Number == "" {
		return "", false
	}
	if rest, found := strings.CutPrefix(it.Number, strings.TrimPrefix(unnumberedAnchor, AnchorPrefix)); found {
		if _, err := strconv.Atoi(rest); err == nil {
			return "", false
		}
	}
	return ItemAnchors([]AgendaItem{it})[it.ID], true
}

// anchorNumber gives a TOP number as the part of its anchor after "top-":
// ASCII letters, digits, "." and "-" as they are, every other byte as
// "_" and two hex digits — one number, one text, and no character that a
// URL's fragment or a CSS selector would have to escape beyond ".".
func anchorNumber(number string) string {
	var b strings.Builder
	for i := 0; i < len(number); i++ {
		c := number[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '-':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "_%02X", c)
		}
	}
	return b.String()
}
