package demo

import (
	"context"
	"errors"
	"fmt"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// The 39th AL-Runde (issue 17). The minutes of the 47th session name it
// once: Hessen "hat … zuletzt in der 39. AL-Runde darauf hingewiesen, dass
// eine nachvollziehbare Projektplanung nicht vorliege" (protocol note on
// TOP 12). The demo records it as the AL-Runde that prepared the 47th
// session, three weeks before it (the lead time of internal/itplr, not a
// date from the sources), with a recommendation for every item on which the
// 47th session decided, corresponding to those decisions: adoption as
// proposed, and for the three items of the 47th session's Grüne Liste
// adoption without discussion, confirmed for the Grüne Liste. The minutes
// of the 39th AL-Runde are not among the sources: only Hessen's remark is
// taken from the 47th session's protocol note; everything else of that
// session (its number of items, its place, its approval) is left out.

// prepSession39Number is the number of the AL-Runde before the 47th session.
const prepSession39Number = 39

// Hessen's remark in the 39th AL-Runde, as the protocol note of the 47th
// session reports it.
var hessenInAL39 = []string{"Hinweis, dass eine nachvollziehbare Projektplanung nicht vorliege. Es müsse zumindest klar sein, welche Meilensteine wann und mit welchem Budget geplant sind."}

// alRunde39 records the 39th AL-Runde with its recommendations for the
// 47th session.
func (l *loader) alRunde39(ctx context.Context) error {
	prep, err := l.s.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if err != nil {
		return fmt.Errorf("AL-Runde: %w", err)
	}
	if _, err := l.s.SessionByNumber(ctx, prep.ID, prepSession39Number); err == nil || !errors.Is(err, store.ErrNotFound) {
		return err
	}
	s47, err := l.s.SessionByNumber(ctx, l.councilID, 47)
	if err != nil {
		return err
	}
	sections, err := l.s.Sections(ctx, prep.ID)
	if err != nil {
		return err
	}
	date := prep.Preparation.Schedule(s47.Date).PrepSession
	al, err := l.s.PlanSession(ctx, model.Session{BodyID: prep.ID, Number: prepSession39Number, Date: date, Status: model.StatusEnded},
		itplr.PrepStandardItems(prepSession39Number, sections))
	if err != nil {
		return err
	}
	if err := l.s.LinkPreparedSession(ctx, al, s47.ID); err != nil {
		return err
	}
	items, err := l.s.Items(ctx, s47.ID)
	if err != nil {
		return err
	}
	for _, it := range items {
		ds, err := l.s.ItemDecisions(ctx, it.ID)
		if err != nil {
			return err
		}
		if len(ds) == 0 {
			continue // no decision: nothing was recommended
		}
		rec := model.Recommendation{SessionID: al, TargetItemID: it.ID, Kind: model.RecommendAdopt}
		if it.Consent {
			rec.GreenList, rec.Consent = true, model.ConsentConfirmed
		}
		id, err := l.s.RecordRecommendation(ctx, rec)
		if err != nil {
			return fmt.Errorf("recommendation for %s: %w", it.Label(), err)
		}
		if it.Title == "Gemeinsame EfA-Finanzierung" {
			r, err := l.s.Recommendation(ctx, id)
			if err != nil {
				return err
			}
			if _, err := l.s.CreateContribution(ctx, model.Contribution{ItemID: r.ItemID, Speaker: "HE", Points: hessenInAL39}); err != nil {
				return err
			}
		}
	}
	return nil
}
