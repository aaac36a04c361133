package auth

import (
	"context"
	"errors"

	"gremium/internal/model"
	"gremium/internal/store"
)

// SeesDocument reports whether the user may see the document: a document
// of the session itself is seen by whoever sees the session; one attached
// to an agenda item by whoever sees the item (the upload of a member's
// registration that is not on the agenda only by the registering member
// and the secretariat, model.Audience.SeesItem) and, while it is such a
// registration, by the members who see its decision proposal — the
// co-applicants asked to confirm it and the reporting members
// (model.Audience.SeesProposal): they read the papers of what they are to
// sign. The download, the session page, the co-applicant's page and the
// evidence of a follow-up report (form and JSON API) ask it.
func SeesDocument(ctx context.Context, st *store.Store, u *model.User, d store.Document) (bool, error) {
	if d.ItemID == 0 {
		return true, nil
	}
	it, err := st.Item(ctx, d.ItemID)
	if err != nil {
		return false, err
	}
	se, err := st.Session(ctx, it.SessionID)
	if err != nil {
		return false, err
	}
	a := Audience(u)
	if a.SeesItem(it, se, u) {
		return true, nil
	}
	if a != model.Internal || u == nil || u.Role != model.RoleMember {
		return false, nil
	}
	drafts, err := st.Decisions(ctx, store.DecisionFilter{ItemID: it.ID})
	if err != nil {
		return false, err
	}
	if len(drafts) == 0 {
		return a.SeesProposal(model.Decision{}, it, se, u), nil
	}
	for _, p := range drafts {
		if a.SeesProposal(p, it, se, u) {
			return true, nil
		}
	}
	return false, nil
}

// VisibleDocuments gives the documents of a session that the user may see
// (SeesDocument); none for sessionID 0.
func VisibleDocuments(ctx context.Context, st *store.Store, u *model.User, sessionID int64) ([]store.Document, error) {
	all, err := st.Documents(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	var out []store.Document
	for _, d := range all {
		ok, err := SeesDocument(ctx, st, u, d)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// EvidenceDocument checks the document a follow-up report names as its
// evidence (0: none): one of the follow-up's session (sessionID) that the
// reporter may see, as the form offers them. Any other id is an input
// error that does not tell whether the document exists.
func EvidenceDocument(ctx context.Context, st *store.Store, u *model.User, sessionID, id int64) error {
	if id == 0 {
		return nil
	}
	unknown := model.InputError("Das Dokument des Nachweises ist unbekannt.")
	d, err := st.Document(ctx, id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return unknown
		}
		return err
	}
	if d.SessionID != sessionID || sessionID == 0 {
		return unknown
	}
	ok, err := SeesDocument(ctx, st, u, d)
	if err != nil {
		return err
	}
	if !ok {
		return unknown
	}
	return nil
}
