package minutes

import (
	"context"

	"gremium/internal/model"
	"gremium/internal/store"
)

// Written gives the agenda items and minutes rows of a session as Load
// with model.Internal gives them, right after Save stored the parsed
// document doc with the given outcome — what the search index and the
// follow-up proposals of an import read (search.IndexLoaded,
// LoadedProposals). For a session Save created, the stored session, body
// and items are read (small rows) and the rows are doc's, named by their
// stored ids (store.SessionRowIDs), instead of reading every row's text
// back; that is what Save wrote, as it writes new rows unchanged. Reports,
// recommendations, written procedures and the attendance list are not
// read (a new session's items have none, and neither reader uses them).
// For an updated session (which may keep rows and registrations the file
// does not have) it is Load.
func Written(ctx context.Context, st *store.Store, sessionID int64, doc Document, outcome Outcome) (Document, error) {
	if outcome == Created {
		if out, ok, err := written(ctx, st, sessionID, doc); err != nil || ok {
			return out, err
		}
	}
	return Load(ctx, st, sessionID, model.Internal)
}

// written builds Written's document of a created session; ok is false when
// the stored items or rows are not those of doc (then Load reads them).
func written(ctx context.Context, st *store.Store, sessionID int64, doc Document) (out Document, ok bool, err error) {
	se, err := st.Session(ctx, sessionID)
	if err != nil {
		return Document{}, false, err
	}
	body, err := st.Body(ctx, se.BodyID)
	if err != nil {
		return Document{}, false, err
	}
	items, err := st.Items(ctx, sessionID)
	if err != nil {
		return Document{}, false, err
	}
	ids, err := st.SessionRowIDs(ctx, sessionID)
	if err != nil {
		return Document{}, false, err
	}
	out = Document{Audience: model.Internal, Body: body, Session: se}
	n := 0
	for _, sec := range doc.Sections {
		cs := Section{Name: sec.Name, Consent: sec.Consent}
		for _, it := range sec.Items {
			if n >= len(items) || items[n].Number != it.Number || !items[n].OnAgenda() {
				// Not the items Save wrote: read what is stored.
				return Document{}, false, nil
			}
			stored := items[n]
			n++
			item := Item{AgendaItem: stored}
			for pos, r := range it.Rows {
				pos++ // as Save numbers them
				key := store.RowKey{ItemID: stored.ID, Kind: rowTable(r), Position: pos}
				id, ok := ids[key]
				if !ok {
					return Document{}, false, nil
				}
				r.ID, r.Version, r.position = id, 1, pos
				if r.Decision != nil {
					d := *r.Decision
					d.ID, d.BodyID, d.SessionID, d.ItemID, d.Position, d.Version = id, se.BodyID, sessionID, stored.ID, pos, 1
					r.Decision = &d
				}
				item.Rows = append(item.Rows, r)
			}
			cs.Items = append(cs.Items, item)
		}
		out.Sections = append(out.Sections, cs)
	}
	return out, n == len(items), nil
}

// rowTable names the table Save writes a row of the kind to
// (store.RowKey).
func rowTable(r Row) string {
	switch r.Kind {
	case RowDiscussion:
		return "contribution"
	case RowNote:
		return "protocol_note"
	case RowDecision:
		return "decision"
	}
	return "remark"
}
