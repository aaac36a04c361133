package minutes

// The two-stage cycle in imported minutes (issue 17): which body a minutes
// file is of (the AL-Runde's minutes have the same layout as the
// IT-PLR's), and the Beschlussempfehlungen an imported document refers to.

import (
	"context"
	"errors"
	"fmt"
	"gremium/internal/lazyre"
	"slices"
	"strconv"
	"strings"

	"gremium/internal/model"
	"gremium/internal/store"
)

var headerNumber = lazyre.New(`^(\d+)\.\s+(.+)$`)

// DetectBody reads the header of a minutes file (its first lines up to the
// first agenda table) and finds the preparatory body it names: "39.
// Sitzung der AL-Runde" or "39. AL-Runde" (by abbreviation or name). It
// gives the body and the session number of the header; false when the
// header names none of the bodies (the council's minutes).
func DetectBody(head string, bodies []model.Body) (model.Body, int, bool) {
	for i, line := range strings.Split(head, "\n") {
		if i > 40 || strings.Contains(line, "\t") {
			break
		}
		m := headerNumber.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		for _, b := range bodies {
			if b.Preparation.PreparesID == 0 {
				continue
			}
			if containsWord(m[2], b.Abbrev) || strings.Contains(m[2], b.Name) {
				n, err := strconv.Atoi(m[1])
				return b, n, err == nil && n > 0
			}
		}
	}
	return model.Body{}, 0, false
}

func containsWord(s, w string) bool {
	i := strings.Index(s, w)
	if i < 0 {
		return false
	}
	end := i + len(w)
	return (i == 0 || s[i-1] == ' ') && (end == len(s) || strings.ContainsRune(" ,.;:", rune(s[end])))
}

// LinkRecommendations links the items of a saved session (sessionID, in
// the document's order) to the Beschlussempfehlungen the document names
// (Item.Recommendation, read from the line "Beschlussempfehlung der 39.
// AL-Runde vom …"): on an IT-PLR item the recommendation of that AL-Runde
// session, on an AL-Runde item the recommendation it gave for the item of
// the same title in the session it prepares. A recommendation already
// linked is left as it is. Links are recorded as given (store.
// RecordRecommendation), never counted. It gives the number of new links
// and a note for each reference it could not follow. Minutes whose items
// name no recommendation are not read back at all.
func LinkRecommendations(ctx context.Context, st *store.Store, sessionID int64, doc Document) (int, []string, error) {
	items := doc.Items()
	if !slices.ContainsFunc(items, func(it Item) bool { return it.Recommendation != nil }) {
		// Nothing names a recommendation: nothing to read (before, the
		// session's items were read whole for no link).
		return 0, nil, nil
	}
	se, err := st.Session(ctx, sessionID)
	if err != nil {
		return 0, nil, err
	}
	stored, err := st.Items(ctx, sessionID)
	if err != nil {
		return 0, nil, err
	}
	if len(stored) != len(items) {
		return 0, nil, fmt.Errorf("minutes: %d items stored, %d in the document", len(stored), len(items))
	}
	byTarget, byItem, err := st.SessionRecommendations(ctx, sessionID)
	if err != nil {
		return 0, nil, err
	}
	var notes []string
	linked := 0
	for i, it := range items {
		ref := it.Recommendation
		if ref == nil {
			continue
		}
		rec := model.Recommendation{Kind: ref.Kind, GreenList: ref.GreenList, Reference: ref.Reference}
		switch {
		case ref.BodyAbbrev == se.BodyAbbrev && ref.SessionNumber == se.Number && se.BodySlug != "":
			// An item of the AL-Runde: its recommendation for the item of
			// the same title in the session it prepares.
			if _, ok := byItem[stored[i].ID]; ok {
				continue
			}
			target, err := st.PreparedSession(ctx, sessionID)
			if errors.Is(err, store.ErrNotFound) {
				notes = append(notes, fmt.Sprintf("%s: die %s ist keiner Sitzung zugeordnet, die sie vorbereitet", stored[i].Label(), se.Title()))
				continue
			} else if err != nil {
				return linked, notes, err
			}
			targetItem, ok, err := itemTitled(ctx, st, target.ID, stored[i].Title)
			if err != nil {
				return linked, notes, err
			}
			if !ok {
				notes = append(notes, fmt.Sprintf("%s: kein TOP „%s“ in der %s", stored[i].Label(), stored[i].Title, target.Title()))
				continue
			}
			rec.SessionID, rec.ItemID, rec.TargetItemID = sessionID, stored[i].ID, targetItem.ID
			if rec.GreenList && targetItem.Consent {
				rec.Consent = model.ConsentConfirmed
			}
		case ref.SessionNumber == 0:
			notes = append(notes, fmt.Sprintf("%s: eine Empfehlung im Umlaufverfahren wird beim Einlesen nicht verknüpft", stored[i].Label()))
			continue
		default:
			// An item of the IT-PLR: the recommendation of the AL-Runde
			// session the line names.
			if _, ok := byTarget[stored[i].ID]; ok {
				continue
			}
			prep, err := st.BodyByAbbrev(ctx, ref.BodyAbbrev)
			if errors.Is(err, store.ErrNotFound) || (err == nil && prep.Preparation.PreparesID != se.BodyID) {
				notes = append(notes, fmt.Sprintf("%s: „%s“ bereitet dieses Gremium nicht vor", stored[i].Label(), ref.BodyAbbrev))
				continue
			} else if err != nil {
				return linked, notes, err
			}
			al, err := st.SessionByNumber(ctx, prep.ID, ref.SessionNumber)
			if errors.Is(err, store.ErrNotFound) {
				notes = append(notes, fmt.Sprintf("%s: die %d. Sitzung der %s ist nicht erfasst; bitte ihr Protokoll zuerst einlesen", stored[i].Label(), ref.SessionNumber, ref.BodyAbbrev))
				continue
			} else if err != nil {
				return linked, notes, err
			}
			if _, err := st.PreparedSession(ctx, al.ID); errors.Is(err, store.ErrNotFound) {
				if err := st.LinkPreparedSession(ctx, al.ID, sessionID); err != nil {
					return linked, notes, err
				}
			} else if err != nil {
				return linked, notes, err
			}
			alItem, ok, err := itemTitled(ctx, st, al.ID, stored[i].Title)
			if err != nil {
				return linked, notes, err
			}
			if !ok { // the AL-Runde's minutes stay as they were recorded
				notes = append(notes, fmt.Sprintf("%s: kein TOP „%s“ in der %s", stored[i].Label(), stored[i].Title, al.Title()))
				continue
			}
			rec.ItemID = alItem.ID
			rec.SessionID, rec.TargetItemID = al.ID, stored[i].ID
			if rec.GreenList && stored[i].Consent {
				rec.Consent = model.ConsentConfirmed
			}
		}
		if _, err := st.RecordRecommendation(ctx, rec); err != nil {
			if model.ClassOf(err) == model.ErrInternal {
				return linked, notes, err
			}
			notes = append(notes, fmt.Sprintf("%s: %s", stored[i].Label(), model.ReasonOf(err)))
			continue
		}
		linked++
	}
	return linked, notes, nil
}

// itemTitled finds the item of a session with the title.
func itemTitled(ctx context.Context, st *store.Store, sessionID int64, title string) (model.AgendaItem, bool, error) {
	items, err := st.Items(ctx, sessionID)
	if err != nil || title == "" {
		return model.AgendaItem{}, false, err
	}
	for _, it := range items {
		if it.Title == title {
			return it, true, nil
		}
	}
	return model.AgendaItem{}, false, nil
}
