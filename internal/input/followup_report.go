package input

import (
	"context"
	"errors"
	"strconv"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

// FollowUpReport reads what u reports of follow-up id (of the session
// sessionID; the council councilID names the decisions and items of its
// evidence) from a form or a request: field gives the value of a field by
// the form's name — status, erledigt_am, nachweis, nachweis_dokument,
// nachweis_beschluss, nachweis_sitzung, nachweis_top, begruendung,
// kommentar. It is the
// one reader of the report form and the JSON API (POST
// /api/v1/auftraege/{id}/stand), so both take the same input by the same
// rules: for erledigt the date and the evidence (a text, a document of the
// session the reporter may see, the closing decision or agenda item), for
// entfallen the reason (Begründung, kept as the evidence text), a comment. Bad input gives every reason at its field (errors.Join); an
// error that is no refusal is returned alone.
func FollowUpReport(ctx context.Context, st *store.Store, u *model.User, id, sessionID, councilID int64, version int, field func(string) string) (store.FollowUpReport, error) {
	rep := store.NewFollowUpReport(u, id, version, model.FollowUpStatus(field("status")))
	var refused []error
	// refuse keeps a refusal at its field (the one the store named, else
	// name); it gives false for another error, which ends the reading.
	refuse := func(name string, err error) bool {
		switch model.ClassOf(err) {
		case model.ErrInput, model.ErrRule, model.ErrNotFound:
			if f := model.FieldOf(err); f != "" {
				name = f
			}
			refused = append(refused, model.AtField(name, err))
			return true
		}
		return false
	}
	var err error
	if rep.Comment, err = model.ConfidentialMarks(field("kommentar")); err != nil && !refuse("kommentar", err) {
		return rep, err
	}
	if rep.Status == model.FollowUpDropped {
		// The reason (Begründung) is kept as the evidence text.
		if rep.EvidenceText, err = model.ConfidentialMarks(field("begruendung")); err != nil {
			if !refuse("begruendung", err) {
				return rep, err
			}
		} else if err := (model.FollowUp{Status: rep.Status, EvidenceText: rep.EvidenceText}).CheckDropped(); err != nil {
			refused = append(refused, err)
		}
	}
	if rep.Status != model.FollowUpDone {
		return rep, errors.Join(refused...)
	}
	if rep.DoneOn, err = model.ParseDate(field("erledigt_am")); err != nil {
		refuse("erledigt_am", model.InputError("Das Datum der Erledigung ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT)."))
	} else if err := model.CheckDoneOn("erledigt_am", rep.DoneOn, st.Today()); err != nil {
		refuse("erledigt_am", err)
	}
	if rep.EvidenceText, err = model.ConfidentialMarks(field("nachweis")); err != nil && !refuse("nachweis", err) {
		return rep, err
	}
	if doc := field("nachweis_dokument"); doc != "" && doc != "0" {
		// Only a document the form offers: one of the follow-up's session
		// the reporter may see (the permission check stays in auth).
		n, err := strconv.ParseInt(doc, 10, 64)
		if err == nil {
			err = auth.EvidenceDocument(ctx, st, u, sessionID, n)
		} else {
			err = model.InputError("Das Dokument des Nachweises ist unbekannt.")
		}
		if err != nil && !refuse("nachweis_dokument", err) {
			return rep, err
		}
		rep.EvidenceDocumentID = n
	}
	if rep.EvidenceDecisionID, err = st.EvidenceDecision(ctx, councilID, field("nachweis_beschluss")); err != nil && !refuse("nachweis_beschluss", err) {
		return rep, err
	}
	// The item is named by two fields; the reason stands at the one that
	// is wrong (store.EvidenceItem names it).
	if rep.EvidenceItemID, err = st.EvidenceItem(ctx, councilID, field("nachweis_sitzung"), field("nachweis_top")); err != nil && !refuse("nachweis_top", err) {
		return rep, err
	}
	// What an erledigt report needs (model.FollowUp.CheckDone), also when
	// another field is refused: a date given as no date is said once, an
	// evidence refused as given is not said missing.
	refusedAt := map[string]bool{}
	for _, e := range refused {
		refusedAt[model.FieldOf(e)] = true
	}
	evidenceRefused := refusedAt["nachweis"] || refusedAt["nachweis_dokument"] || refusedAt["nachweis_beschluss"] || refusedAt["nachweis_sitzung"] || refusedAt["nachweis_top"]
	done := model.FollowUp{DoneOn: rep.DoneOn, EvidenceText: rep.EvidenceText, EvidenceDocumentID: rep.EvidenceDocumentID,
		EvidenceDecisionID: rep.EvidenceDecisionID, EvidenceItemID: rep.EvidenceItemID}
	for _, e := range model.ErrorsOf(done.CheckDone()) {
		if f := model.FieldOf(e); !refusedAt[f] && !(f == "nachweis" && evidenceRefused) {
			refused = append(refused, e)
		}
	}
	return rep, errors.Join(refused...)
}
