package web

// Warnings of the two-stage cycle (docs/session-cycle.md, "The two-stage
// cycle"): a session opened before the AL-Runde that prepares it has
// ended, an item on the Grüne Liste without the AL-Runde's recommendation
// for it, a chair other than the rotation's. None of them refuses: the
// IT-Planungsrat may meet when its AL-Runde was cancelled, the secretariat
// may put an item on the list on its own, and the chair may deviate from
// the rotation by agreement. The pages say it, with the way to the fix.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gremium/internal/model"
	"gremium/internal/store"
)

// prepWarning is the warning of the management page of a session that is
// to be opened while the session of its preparatory body (the AL-Runde)
// that prepares it has not ended, was cancelled, or was never planned:
// Lead says which in one sentence (shown in bold), Text what follows from
// it, Link leads to where it is put right, named by LinkText. Unfinished
// marks a preparatory session that may still end (planned, convened,
// running): only then does the notice of the opening repeat the warning.
// The zero value is no warning.
type prepWarning struct {
	Lead       string
	Text       string
	Link       string
	LinkText   string
	Unfinished bool
}

// openingWarning gives the warning for session se whose next step is its
// opening (convened, not cancelled, its day come): its preparatory
// session — the AL-Runde — has not ended (planned, convened or still
// running), was cancelled, or none was planned. The zero prepWarning for
// a session of a body nobody prepares, for a preparatory session that has
// ended, and for a session that is not about to be opened — before its
// day the AL-Runde is normally still ahead, and the page says when the
// session opens instead.
func (s *Server) openingWarning(ctx context.Context, se model.Session) (prepWarning, error) {
	if se.Status != model.StatusConvened || se.Cancelled() || se.TooEarlyToOpen(s.today()) {
		return prepWarning{}, nil
	}
	prepBody, err := s.st.PreparatoryBody(ctx, se.BodyID)
	if errors.Is(err, store.ErrNotFound) {
		return prepWarning{}, nil
	} else if err != nil {
		return prepWarning{}, err
	}
	prep, err := s.st.PreparingSession(ctx, se.ID)
	if errors.Is(err, store.ErrNotFound) {
		return prepWarning{
			Lead: fmt.Sprintf("Keine %s geplant.", prepBody.Abbrev),
			Text: fmt.Sprintf("Für die %s ist keine %s geplant: ihre TOPs gehen ohne deren Beschlussempfehlungen in die Sitzung.", se.Title(), prepBody.Abbrev),
			Link: "/gremien/" + prepBody.Preparation.Slug + "#anstehend", LinkText: fmt.Sprintf("%s planen", prepBody.Abbrev),
		}, nil
	} else if err != nil {
		return prepWarning{}, err
	}
	return openingWarningFor(se, prep), nil
}

// openingWarningFor gives the warning for opening session se while prep,
// its preparatory session, stands where it stands; the zero prepWarning
// once prep has ended.
func openingWarningFor(se, prep model.Session) prepWarning {
	on := ""
	if !prep.Date.IsZero() {
		on = "am " + prep.Date.German() + ", "
	}
	const without = " TOPs ohne ihre Beschlussempfehlung gehen ohne Empfehlung in die Sitzung; eine nach der Eröffnung beschlossene Empfehlung bleibt ohne Wirkung."
	manage := prep.Path() + "/verwaltung"
	switch {
	case prep.Cancelled():
		return prepWarning{
			Lead: fmt.Sprintf("Die %s ist abgesagt.", prep.Title()),
			Text: fmt.Sprintf("Sie sollte diese Sitzung vorbereiten (%sabgesagt). TOPs ohne Beschlussempfehlung gehen ohne sie in die Sitzung; bis zur Eröffnung lassen sich Empfehlungen im Umlaufverfahren einholen.", on),
			Link: se.Path() + "/empfehlungen#umlauf", LinkText: "Empfehlungen im Umlaufverfahren",
		}
	case prep.Status.Ahead():
		return prepWarning{
			Lead: fmt.Sprintf("Die %s ist noch nicht beendet.", prep.Title()),
			Text: fmt.Sprintf("Sie bereitet diese Sitzung vor (%sStatus „%s“).%s", on, prep.Status.Label(), without),
			Link: manage, LinkText: fmt.Sprintf("Zur Verwaltung der %s", prep.Title()), Unfinished: true,
		}
	case prep.Status == model.StatusRunning:
		return prepWarning{
			Lead: fmt.Sprintf("Die %s läuft noch.", prep.Title()),
			Text: "Sie bereitet diese Sitzung vor." + without,
			Link: manage, LinkText: fmt.Sprintf("Zur Verwaltung der %s (beenden)", prep.Title()), Unfinished: true,
		}
	}
	return prepWarning{}
}

// greenListGap is an item on the Grüne Liste of a session without a
// recommendation of the preparatory body (the AL-Runde) for the list:
// Reason says what the AL-Runde gave instead; where it is put right: Row,
// the item's row on the management page (its tick "Grüne Liste"), and
// Procedure, the form starting the AL-Runde's written procedure on it on
// the page of recommendations ("" when none can be started: a
// recommendation is given or voted on, the item is no registration).
type greenListGap struct {
	Item      model.AgendaItem
	Reason    string
	Row       string
	Procedure string
}

// prepRecommendations gives, for session se of a body another prepares
// (the IT-Planungsrat), the preparatory body, the recommendations given
// for its items by item id (store.GivenRecommendations: carried ones
// from a deferred item's origin too) and the items whose recommendation
// the preparatory body still votes on; prepared false, the rest empty,
// for a body nobody prepares.
func (s *Server) prepRecommendations(ctx context.Context, se model.Session) (prepBody model.Body, given map[int64]model.Recommendation, voting map[int64]bool, prepared bool, err error) {
	prepBody, err = s.st.PreparatoryBody(ctx, se.BodyID)
	if errors.Is(err, store.ErrNotFound) {
		return prepBody, nil, nil, false, nil
	} else if err != nil {
		return prepBody, nil, nil, false, err
	}
	if given, err = s.st.GivenRecommendations(ctx, se.ID); err != nil {
		return prepBody, nil, nil, false, err
	}
	all, err := s.st.Recommendations(ctx, store.RecommendationFilter{TargetSessionID: se.ID})
	if err != nil {
		return prepBody, nil, nil, false, err
	}
	voting = map[int64]bool{}
	for _, rc := range all {
		if rc.Status == model.DecisionDraft {
			voting[rc.TargetItemID] = true
		}
	}
	return prepBody, given, voting, true, nil
}

// greenListGaps gives the items of session se (its agenda items, in
// their order) that stand on the Grüne Liste without a recommendation of
// the preparatory body for it — none given, one still voted on, or one
// given for a discussion or an adoption with debate. Nothing for a body
// nobody prepares and for a session no longer ahead (begun, held,
// cancelled): the en-bloc vote is the live page's.
func (s *Server) greenListGaps(ctx context.Context, se model.Session, items []model.AgendaItem) ([]greenListGap, error) {
	if !se.Status.Ahead() || se.Cancelled() || !slices.ContainsFunc(items, func(it model.AgendaItem) bool { return it.Consent && it.OnAgenda() }) {
		return nil, nil
	}
	prepBody, given, voting, prepared, err := s.prepRecommendations(ctx, se)
	if err != nil || !prepared {
		return nil, err
	}
	return gapsOf(se, prepBody, items, given, voting), nil
}

// gapsOf gives greenListGaps's items of items by the recommendations of
// prepBody given and voted on.
func gapsOf(se model.Session, prepBody model.Body, items []model.AgendaItem, given map[int64]model.Recommendation, voting map[int64]bool) []greenListGap {
	if !se.Status.Ahead() || se.Cancelled() {
		return nil
	}
	var gaps []greenListGap
	for _, it := range items {
		if !it.Consent || !it.OnAgenda() {
			continue
		}
		rc, ok := given[it.ID]
		if ok && rc.GreenList {
			continue
		}
		g := greenListGap{Item: it, Row: fmt.Sprintf("%s/verwaltung#top-%d", se.Path(), it.ID)}
		switch {
		case voting[it.ID]:
			g.Reason = fmt.Sprintf("die Beschlussempfehlung %s ist noch nicht beschlossen", prepBody.Short().Of())
		case ok:
			g.Reason = fmt.Sprintf("empfohlen ist „%s“, nicht ohne Aussprache (%s)", rc.Kind.Label(), rc.Caption())
		default:
			g.Reason = fmt.Sprintf("keine Beschlussempfehlung %s", prepBody.Short().Of())
			if it.RegisteredBy != "" && !it.Deferred() {
				// The written procedure's form for it (store.recommendable).
				g.Procedure = fmt.Sprintf("%s/empfehlungen#umlauf-%d", se.Path(), it.ID)
			}
		}
		gaps = append(gaps, g)
	}
	return gaps
}

// greenListMiss is an item of a session that the preparatory body (the
// AL-Runde) recommended for the Grüne Liste and that does not stand on
// it: Reason says where the recommendation stands (proposed for the
// list and not confirmed, given before the item was deferred). An item a
// member had taken off the list is none: treating it singly is the
// member's right (GO), not a difference to put right.
type greenListMiss struct {
	Item   model.AgendaItem
	Reason string
}

// greenListMisses gives the items of session se (its agenda items, in
// their order; deferred ones left out) that the preparatory body
// recommended for the Grüne Liste but that do not stand on it — the
// reverse of greenListGaps. Nothing for a body nobody prepares and for a
// session no longer ahead.
func greenListMisses(se model.Session, items []model.AgendaItem, given map[int64]model.Recommendation) []greenListMiss {
	if !se.Status.Ahead() || se.Cancelled() {
		return nil
	}
	var misses []greenListMiss
	for _, it := range items {
		rc, ok := given[it.ID]
		if !ok || !rc.GreenList || it.Consent || !it.OnAgenda() || it.Deferred() || rc.Consent == model.ConsentPulled {
			continue
		}
		m := greenListMiss{Item: it}
		switch {
		case rc.CarriedFrom != 0:
			m.Reason = fmt.Sprintf("%s, gegeben vor der Vertagung", rc.Caption())
		case rc.Consent == model.ConsentProposed:
			m.Reason = fmt.Sprintf("%s, für die Grüne Liste vorgeschlagen und noch nicht bestätigt", rc.Caption())
		default:
			m.Reason = rc.Caption()
		}
		misses = append(misses, m)
	}
	return misses
}

// itemRecommendation is what the preparatory body recommends for an item
// of the prepared session, as the item's row on the management page says
// it beside the tick "Grüne Liste" (recommendationNotes): Says "AL-Runde
// empfiehlt: Grüne Liste" (adoption without discussion) or "AL-Runde
// empfiehlt: Aussprache" (any other recommendation), or that its
// recommendation is still voted on; From names the recommendation and
// where it stands ("Beschlussempfehlung der 40. AL-Runde vom …: Annahme
// wie vorgeschlagen – von der Grünen Liste genommen (auf Wunsch von
// HE)"); Differs says in words that the item's tick differs from it
// ("" when it does not).
type itemRecommendation struct {
	Says    string
	From    string
	Differs string
}

// recommendationNotes gives, by item id, what the preparatory body
// recommends for each item of items (given, or still voted on); an item
// without either has none.
func recommendationNotes(prepBody model.Body, items []model.AgendaItem, given map[int64]model.Recommendation, voting map[int64]bool) map[int64]itemRecommendation {
	out := map[int64]itemRecommendation{}
	for _, it := range items {
		rc, ok := given[it.ID]
		switch {
		case voting[it.ID]:
			out[it.ID] = itemRecommendation{Says: fmt.Sprintf("%s: Beschlussempfehlung noch nicht beschlossen", prepBody.Abbrev)}
		case ok:
			n := itemRecommendation{Says: prepBody.Abbrev + " empfiehlt: Aussprache", From: rc.Statement()}
			if rc.GreenList {
				n.Says = prepBody.Abbrev + " empfiehlt: Grüne Liste"
			}
			switch {
			case it.Consent && !rc.GreenList:
				n.Differs = "Abweichend davon steht der TOP auf der Grünen Liste."
			case !it.Consent && rc.GreenList && rc.Consent != model.ConsentPulled:
				n.Differs = "Abweichend davon steht der TOP nicht auf der Grünen Liste."
			}
			out[it.ID] = n
		}
	}
	return out
}

// greenListDiffers says, in the notice after the agenda was published,
// the items whose place on the Grüne Liste differs from the preparatory
// body's recommendation (greenListGaps, greenListMisses); "" when none
// does.
func greenListDiffers(gaps []greenListGap, misses []greenListMiss) string {
	var parts []string
	for _, g := range gaps {
		parts = append(parts, fmt.Sprintf("„%s“ steht auf der Grünen Liste: %s", model.InternalText(g.Item.Title), g.Reason))
	}
	for _, m := range misses {
		parts = append(parts, fmt.Sprintf("„%s“ steht nicht auf der Grünen Liste, empfohlen war sie (%s)", model.InternalText(m.Item.Title), m.Reason))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "; ") + "."
}

// greenListDifference gives greenListDiffers for session se as it is
// stored: its items and the preparatory body's recommendations read
// anew.
func (s *Server) greenListDifference(ctx context.Context, se model.Session) (string, error) {
	prepBody, given, voting, prepared, err := s.prepRecommendations(ctx, se)
	if err != nil || !prepared {
		return "", err
	}
	items, err := s.st.Items(ctx, se.ID)
	if err != nil {
		return "", err
	}
	return greenListDiffers(gapsOf(se, prepBody, items, given, voting), greenListMisses(se, items, given)), nil
}

// greenListDiffersLead opens the notice of a published agenda whose Grüne
// Liste differs from the preparatory body's recommendation
// (greenListDiffers).
const greenListDiffersLead = "Achtung, die Grüne Liste weicht von der Beschlussempfehlung ab:"

// chairWarning gives the warning of a session's form whose chair
// (Vorsitz), chosen by hand, is another than the rotation's for the year
// of date: "Vorsitz nach der Rotation für 2026: Bund; gewählt ist
// Mecklenburg-Vorpommern." (the form says what to do beside it, a
// notice chairWarningFixLater). "" when the chair is left to the rotation
// (""), is the rotation's, the date is unknown, or the body has no
// rotation or the rotation names nobody for that year. The members are
// named alone, never where a sentence needs an article ("hat Bund").
func (s *Server) chairWarning(ctx context.Context, bodyID int64, date model.Date, chair string) (string, error) {
	if chair == "" || date.IsZero() {
		return "", nil
	}
	rotated, rotation, err := s.st.ChairOf(ctx, bodyID, date.Year)
	if err != nil || !rotation || rotated == "" || rotated == chair {
		return "", err
	}
	return fmt.Sprintf("Vorsitz nach der Rotation für %d: %s; gewählt ist %s.", date.Year, s.memberName(ctx, rotated), s.memberName(ctx, chair)), nil
}

// chairWarningFixLater says, after chairWarning in the notice of a saved
// form, what to do.
const chairWarningFixLater = "Ist die Abweichung so vereinbart, kann es dabei bleiben; sonst unter „Termin, Ort, Vorsitz bearbeiten“ „aus der Rotation des Vorsitzes“ wählen."

// chairWarningLead opens the chair's warning in a notice of kind warning.
const chairWarningLead = "Achtung, der Vorsitz weicht von der Rotation ab:"

// rotationHint gives the rotation's chair for the year of today and the
// next, for the form planning a session ("2026: Bund · 2027:
// Niedersachsen"); "" for a body without a rotation.
func (s *Server) rotationHint(ctx context.Context, bodyID int64) (string, error) {
	year := s.today().Year
	return s.rotationHintOf(ctx, bodyID, year, year+1)
}

// rotationHintOf gives the rotation's chair for the years from to last,
// as rotationHint says them; a year the rotation names nobody for is left
// out.
func (s *Server) rotationHintOf(ctx context.Context, bodyID int64, from, last int) (string, error) {
	hint := ""
	for y := from; y <= last; y++ {
		chair, rotation, err := s.st.ChairOf(ctx, bodyID, y)
		if err != nil || !rotation {
			return "", err
		}
		if chair == "" {
			continue
		}
		if hint != "" {
			hint += " · "
		}
		hint += fmt.Sprintf("%d: %s", y, s.memberName(ctx, chair))
	}
	return hint, nil
}

// greenListGapLead opens the warning of an item put on the Grüne Liste
// without the AL-Runde's recommendation for it (greenListGaps).
const greenListGapLead = "Achtung, der TOP steht ohne Empfehlung auf der Grünen Liste:"

// noChairWarning gives the warning after session now was moved into
// another year whose chair the rotation leaves open: the chair was left
// to the rotation, which names nobody for the new year (a year before its
// first recorded term, or a rotation that cannot be continued), so the
// session has no chair any more. "" when it has one, or the body has no
// rotation.
func (s *Server) noChairWarning(ctx context.Context, now model.Session) (string, error) {
	if now.Chair != "" || now.Date.IsZero() {
		return "", nil
	}
	rotated, rotation, err := s.st.ChairOf(ctx, now.BodyID, now.Date.Year)
	if err != nil || !rotation || rotated != "" {
		return "", err
	}
	return fmt.Sprintf("Die Rotation des Vorsitzes nennt für %d niemanden; die %s hat damit keinen Vorsitz. Bitte unter „Termin, Ort, Vorsitz bearbeiten“ den Vorsitz wählen.", now.Date.Year, now.Title()), nil
}

// noChairWarningLead opens noChairWarning in a notice of kind warning.
const noChairWarningLead = "Achtung, die Sitzung hat keinen Vorsitz:"
