package minutes

import "gremium/internal/model"

// Anchors gives the anchor of each item of the document (model.ItemAnchors,
// the one rule every link to an item follows), by item id: the session
// page puts the item at it, the minutes at "p-" and it. The document holds
// the items on the agenda, the same ones for every audience, so the
// public and the internal pages give an item the same anchor. A template
// takes the map once ({{$anchors := .Doc.Anchors}}) and looks each item
// up in it.
func (d Document) Anchors() map[int64]string {
	var items []model.AgendaItem
	for _, it := range d.Items() {
		items = append(items, it.AgendaItem)
	}
	return model.ItemAnchors(items)
}
