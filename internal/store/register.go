package store

import (
	"context"

	"gremium/internal/model"
)

// RegisterFilter selects decisions of the public register: only adopted,
// numbered decisions of a body are ever in it. Zero fields do not filter.
type RegisterFilter struct {
	BodyID    int64
	Year      int
	SectionID int64 // Schwerpunktthema of the decision's agenda item
	// ConferenceID keeps decisions relevant for a FachMK: assessed as
	// relevant in the decision profile or named in the item's impact
	// statement.
	ConferenceID int64
	Reporter     string // member abbreviation among the item's reporters (BE)
	Kind         model.DecisionKind
	// FollowUps is "offen" (an order from the decision is open) or
	// "erledigt" (it has orders and none is open).
	FollowUps model.FollowUpStatus
	Offset    int
	Limit     int // 0: all
}

// RegisterPage is one page of the register and the number of all matches.
type RegisterPage struct {
	Decisions []model.Decision
	Total     int
}

// Register gives the page of published decisions matching f, newest number
// first.
func (s *Store) Register(ctx context.Context, f RegisterFilter) (RegisterPage, error) {
	w, err := registerWhere(f)
	if err != nil {
		return RegisterPage{}, err
	}
	var p RegisterPage
	if p.Total, err = s.RegisterCount(ctx, f); err != nil {
		return p, err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = -1
	}
	p.Decisions, err = queryList(ctx, s.rd, scanDecision, "register",
		`SELECT `+decisionCols+` FROM decisions d`+w.sql()+` ORDER BY d.year DESC, d.seq DESC LIMIT ? OFFSET ?`,
		append(w.args, limit, f.Offset)...)
	if err != nil {
		return p, err
	}
	// A decision that binds only the consenting members shows which: its
	// votes are loaded (such decisions are rare, so the page stays cheap).
	for i := range p.Decisions {
		if p.Decisions[i].Scope == model.ScopeConsenting {
			if err := s.loadVotes(ctx, s.rd, &p.Decisions[i]); err != nil {
				return p, err
			}
		}
	}
	return p, nil
}

// registerWhere gives the conditions of the register's filter f.
func registerWhere(f RegisterFilter) (where, error) {
	var w where
	w.add("d.body_id = ? AND d.status = ? AND d.seq > 0", f.BodyID, model.DecisionAdopted)
	if f.Year != 0 {
		w.add("d.year = ?", f.Year)
	}
	if f.Kind != "" {
		w.add("d.kind = ?", f.Kind)
	}
	if f.SectionID != 0 {
		w.add("d.item_id IN (SELECT id FROM agenda_items WHERE section_id = ?)", f.SectionID)
	}
	if f.Reporter != "" {
		w.add("d.item_id IN (SELECT item_id FROM item_refs WHERE kind = 'be' AND value = ?)", f.Reporter)
	}
	if f.ConferenceID != 0 {
		w.add(`(d.id IN (SELECT decision_id FROM decision_relevance WHERE conference_id = ? AND relevant = 1)
			OR d.item_id IN (SELECT i.id FROM agenda_items i, json_each(i.impact_conferences) j
				WHERE i.impact_conferences != '[]' AND j.value = ?))`, f.ConferenceID, f.ConferenceID)
	}
	switch f.FollowUps {
	case "":
	case model.FollowUpOpen:
		w.add("d.id IN (SELECT decision_id FROM follow_ups WHERE status = ?)", model.FollowUpOpen)
	case model.FollowUpDone:
		w.add(`d.id IN (SELECT decision_id FROM follow_ups)
			AND d.id NOT IN (SELECT decision_id FROM follow_ups WHERE status = ? AND decision_id IS NOT NULL)`, model.FollowUpOpen)
	default:
		return w, model.InputError("Der Umsetzungsstand „%s“ ist unbekannt.", f.FollowUps)
	}
	return w, nil
}

// RegisterYears gives the years that have published decisions, newest
// first.
func (s *Store) RegisterYears(ctx context.Context, bodyID int64) ([]int, error) {
	return queryList(ctx, s.rd, func(r scanner) (int, error) {
		var y int
		return y, r.Scan(&y)
	}, "register years", `SELECT DISTINCT year FROM decisions WHERE body_id = ? AND status = ? AND seq > 0 ORDER BY year DESC`,
		bodyID, model.DecisionAdopted)
}

// CitingDecisions gives the published decisions whose agenda item names the
// decision label as a source (Quelle): the decisions that continue it.
func (s *Store) CitingDecisions(ctx context.Context, bodyID int64, label string) ([]model.Decision, error) {
	return queryList(ctx, s.rd, scanDecision, "citing decisions",
		`SELECT `+decisionCols+` FROM decisions d
		 WHERE d.item_id IN (SELECT item_id FROM item_refs WHERE kind = 'quelle' AND value = ?)
		   AND d.body_id = ? AND d.status = ? AND d.seq > 0
		 ORDER BY d.year, d.seq`, label, bodyID, model.DecisionAdopted)
}
