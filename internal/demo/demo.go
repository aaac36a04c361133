// Package demo loads gremium's demo data set, transcribed from the two source
// documents: the minutes of the 47th IT-Planungsrat session (26.06.2025,
// Schwerin) with its predecessor, and the concept for the collaboration of the
// sectoral spokespersons with the Fachministerkonferenzen (20.03.2024): the
// FachMK with their topic profiles (3.1), the spokespersons (Tabelle 4), the
// role/task matrix (Tabelle 3), the evaluation questions (Tabelle 2) and the
// sample briefing (5.2).
//
// Load is idempotent: it adds what is missing and never duplicates or changes
// what a database already holds.
package demo

import (
	"context"
	_ "embed"
	"errors"
	"fmt"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// Actor is the name under which the demo data appears in the audit log.
const Actor = "demo"

// CouncilAbbrev is the abbreviation of the IT-Planungsrat body (the same as
// itplr.CouncilAbbrev, kept here for the tests that load the demo).
const CouncilAbbrev = itplr.CouncilAbbrev

//go:embed briefing-2023.txt
var briefing2023 string

// Load adds the demo data to the store; what exists already is left as it is.
func Load(ctx context.Context, s *store.Store) error {
	ctx = store.WithActor(ctx, Actor)
	l := loader{s: s, bodies: map[string]int64{}, personIDs: map[string]int64{}}
	return l.run(ctx, l.council, l.conferences, l.persons, l.representatives, l.spokespersons,
		l.session45, l.session46, l.session47, l.alRunde39, l.tasks, l.evaluation, l.evaluationRounds, l.briefing, l.briefings, l.legalPages)
}

// LoadCalendar adds, to a store with the demo data, the FachMK dates of
// the next twelve months (counted from today, so they are never stale)
// and a contact of each FachMK's secretariat, where a conference has none.
// The served demo loads it after Load; the tests' fixture (demotest) does
// not, so that it stays the same whatever the day.
func LoadCalendar(ctx context.Context, s *store.Store) error {
	ctx = store.WithActor(ctx, Actor)
	l := loader{s: s, bodies: map[string]int64{}, personIDs: map[string]int64{}}
	return l.run(ctx, l.council, l.conferences, l.conferenceCalendar)
}

func (l *loader) run(ctx context.Context, steps ...func(context.Context) error) error {
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	return nil
}

type loader struct {
	s         *store.Store
	councilID int64
	bodies    map[string]int64 // abbreviation → id
	personIDs map[string]int64 // name → id
}

// council adds the IT-PLR's reference data (package itplr): members, the
// council body, its sections.
func (l *loader) council(ctx context.Context) error {
	c, err := itplr.Setup(ctx, l.s)
	if err != nil {
		return err
	}
	l.councilID = c.ID
	l.bodies[c.Abbrev] = c.ID
	return nil
}

// ensureBody creates the body unless one with its abbreviation exists, and
// reports whether it created it.
func (l *loader) ensureBody(ctx context.Context, b model.Body) (int64, bool, error) {
	cur, err := l.s.BodyByAbbrev(ctx, b.Abbrev)
	if err == nil {
		l.bodies[b.Abbrev] = cur.ID
		return cur.ID, false, nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return 0, false, err
	}
	id, err := l.s.CreateBody(ctx, b)
	if err != nil {
		return 0, false, err
	}
	l.bodies[b.Abbrev] = id
	return id, true, nil
}

// conferences adds the FachMK with their topic profiles and the steering
// group of the demo.
func (l *loader) conferences(ctx context.Context) error {
	id := l.councilID
	for _, c := range itplr.Conferences() {
		actsFor := c.ActsForAbbrev
		b := c.Body
		if actsFor != "" {
			b.ActsForID = l.bodies[actsFor]
		}
		if _, _, err := l.ensureBody(ctx, b); err != nil {
			return err
		}
	}
	_, _, err := l.ensureBody(ctx, model.Body{Kind: model.BodySteeringGroup, Abbrev: "SG NOOTS", Name: "Steuerungsgruppe NOOTS", ParentID: id,
		Notes: "Eingerichtet mit Beschluss B-2025/26-IT im Sinne des § 3 Abs. 4 NOOTS-Staatsvertrag. Stimmberechtigt: Bund, BY, HE, NW, BB, HH, SL."})
	return err
}
