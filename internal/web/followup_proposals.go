package web

// Proposed follow-ups (Auftragsvorschläge): the follow-ups the wording of a
// session's minutes proposes, after an import or while the live page
// records rows; the secretariat confirms (and may correct) or dismisses
// each one (minutes.StoredProposals, docs/followups.md).

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/minutes"
	"gremium/internal/model"
)

// proposalsData is the proposals page's data.
type proposalsData struct {
	Session   model.Session
	Proposals []minutes.Proposal
	// Refused is a confirmation that was not taken: its form (the
	// proposal's key) shown again as typed, with the reason.
	Refused refusedForm
}

func (s *Server) followUpProposals(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.RecordMinutes, ""); !ok {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	s.renderProposals(w, r, http.StatusOK, se, refusedForm{})
}

// renderProposals shows a session's proposed follow-ups; refused is a
// confirmation shown again as typed.
func (s *Server) renderProposals(w http.ResponseWriter, r *http.Request, status int, se model.Session, refused refusedForm) {
	props, err := minutes.StoredProposals(r.Context(), s.st, se.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "followup_proposals.html", view{Title: "Auftragsvorschläge der " + se.Title(), Active: "auftraege",
		Data: proposalsData{Session: se, Proposals: props, Refused: refused}})
}

// handleFollowUpProposal confirms (aktion=bestaetigen, with the corrected
// text, responsible ones and deadline) or dismisses (aktion=verwerfen) one
// proposal.
func (s *Server) handleFollowUpProposal(w http.ResponseWriter, r *http.Request) {
	u, _, se, ok := s.sessionAction(w, r, auth.RecordMinutes)
	if !ok {
		return
	}
	ctx := r.Context()
	props, err := minutes.StoredProposals(ctx, s.st, se.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	key := r.PostFormValue("schluessel")
	var p *minutes.Proposal
	for i := range props {
		if props[i].Key == key {
			p = &props[i]
		}
	}
	if p == nil {
		s.fail(w, r, model.ConflictError("Dieser Vorschlag ist bereits bestätigt oder verworfen."), "")
		return
	}
	to := se.Path() + "/auftragsvorschlaege"
	if r.PostFormValue("zurueck") == "live" {
		to = fmt.Sprintf("%s/live?top=%d", se.Path(), p.ItemID)
	}
	if r.PostFormValue("aktion") == "verwerfen" {
		if err := s.st.DismissFollowUpProposal(ctx, se.ID, p.Key, p.Sentence, u.Username); err != nil {
			s.fail(w, r, err, "")
			return
		}
		back(w, r, to, "Vorschlag verworfen.")
		return
	}
	f := p.FollowUp()
	var id int64
	// Every reason at its field; a follow-up names who is responsible, as
	// the live page's form requires (before, a proposal was confirmed
	// with nobody responsible, and no reminder could reach anyone).
	var refusedFields problems
	if err := readFollowUpForm(r, &f); err != nil {
		refusedFields = problemsOf(err)
	}
	if strings.TrimSpace(f.Responsible) == "" {
		refusedFields.addUnrefused(model.AtField("verantwortlich", model.InputError("Bitte die verantwortliche Stelle eintragen.")))
	}
	err = refusedFields.err()
	if err == nil {
		id, err = s.st.CreateFollowUp(ctx, f)
	}
	if err != nil {
		// The proposals page again, the proposal's form as typed.
		refused, status, ok := refusedFormOf(r, p.Key, "Der Auftrag ist nicht angelegt", err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		s.renderProposals(w, r, status, se, refused)
		return
	}
	back(w, r, to, fmt.Sprintf("Auftrag %d angelegt.", id))
}

// itemProposals gives the open proposals of one item of a loaded session
// document: the live page shows them beside the item being recorded.
func (s *Server) itemProposals(ctx context.Context, doc minutes.Document, itemID int64, members []model.Member) ([]minutes.Proposal, error) {
	handled, err := s.st.HandledFollowUpProposals(ctx, doc.Session.ID)
	if err != nil {
		return nil, err
	}
	var out []minutes.Proposal
	for _, p := range minutes.NewDeriver(members).Propose(doc) {
		if p.ItemID == itemID && !handled[p.Key] {
			out = append(out, p)
		}
	}
	return out, nil
}
