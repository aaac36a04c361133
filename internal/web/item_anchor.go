package web

import (
	"context"

	"gremium/internal/model"
)

// itemURL gives the address of the agenda item itemID on the page of its
// session se: the page and the item's anchor (model.ItemAnchors, the one
// rule the page follows; never the row id), the page alone for itemID 0
// or an item not on the agenda.
func (s *Server) itemURL(ctx context.Context, se model.Session, itemID int64) (string, error) {
	if itemID == 0 {
		return se.Path(), nil
	}
	a, err := s.st.ItemAnchor(ctx, itemID)
	if err != nil || a == "" {
		return se.Path(), err
	}
	return se.Path() + "#" + a, nil
}
