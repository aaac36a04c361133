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
	// Stale is a confirmation or dismissal of a proposal that is no longer
	// proposed because the text it was derived from changed meanwhile
	// (its key names the sentence): shown above the list with the reason
	// and what was typed.
	Stale *staleProposal
}

// staleProposal is a form posted for a proposal the minutes' wording no
// longer gives (the sentence was edited after the page was read).
type staleProposal struct {
	// Form is the form as typed, with the reason (a conflict).
	Form refusedForm
	// Confirm says the form confirmed (else it dismissed).
	Confirm bool
	// Successor is the one proposal the changed row gives now, if it gives
	// exactly one (Candidates 1): the typed form confirms it.
	Successor *minutes.Proposal
	// Candidates counts the open proposals of the changed row.
	Candidates int
}

// Row gives proposalRow of p, for the proposal's form.
func (proposalsData) Row(p minutes.Proposal) string { return proposalRow(p) }

// proposalRow names the row a proposal was derived from (its item,
// source and row), carried by the proposal's form: a proposal whose
// sentence changed is found again by it (staleProposal.Successor).
func proposalRow(p minutes.Proposal) string {
	return fmt.Sprintf("%d-%s-%d", p.ItemID, p.Source, p.SourceID)
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
	s.renderProposalsData(w, r, status, proposalsData{Session: se, Proposals: props, Refused: refused})
}

// renderProposalsData renders the proposals page of d.
func (s *Server) renderProposalsData(w http.ResponseWriter, r *http.Request, status int, d proposalsData) {
	s.render(w, r, status, "followup_proposals.html", view{Title: "Auftragsvorschläge der " + d.Session.Title(), Active: "auftraege", Data: d})
}

// staleProposalPage answers a form posted for a proposal that is not
// open: 409 with the error page if it was confirmed or dismissed (its key
// is handled), else — the text it was derived from changed meanwhile, and
// its key with it — 409 with the proposals page: the reason and the form
// as typed above the list, confirming the proposal the changed row gives
// now if it gives one. Before, both said "bereits bestätigt oder
// verworfen", and what was typed was gone.
func (s *Server) staleProposalPage(w http.ResponseWriter, r *http.Request, se model.Session, props []minutes.Proposal, key string) {
	handled, err := s.st.HandledFollowUpProposals(r.Context(), se.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if key == "" || handled[key] {
		s.fail(w, r, model.ConflictError("Dieser Vorschlag ist bereits bestätigt oder verworfen."), "")
		return
	}
	stale := &staleProposal{Confirm: r.PostFormValue("aktion") != "verwerfen"}
	if row := r.PostFormValue("zeile"); row != "" {
		for i := range props {
			if proposalRow(props[i]) == row {
				stale.Candidates++
				stale.Successor = &props[i]
			}
		}
	}
	if stale.Candidates != 1 {
		stale.Successor = nil
	}
	reason := "Der zugrunde liegende Text wurde inzwischen geändert; diesen Vorschlag gibt es so nicht mehr."
	what := "Der Vorschlag ist nicht verworfen"
	if stale.Confirm {
		what = "Der Auftrag ist nicht angelegt"
		switch {
		case stale.Successor != nil:
			reason += " Das Formular unten zeigt Ihre Eingabe zum Vorschlag aus dem geänderten Text; bitte prüfen Sie sie und bestätigen Sie erneut."
		case stale.Candidates > 1:
			reason += " Aus dem geänderten Text ergeben sich mehrere Vorschläge; Ihre Eingabe steht unten zum Übernehmen in den passenden."
		default:
			reason += " Aus dem geänderten Text ergibt sich kein Vorschlag mehr; Ihre Eingabe steht unten zum Übernehmen."
		}
	} else {
		reason += " Bitte prüfen Sie die Vorschläge unten."
	}
	// The reason says what became of the input (the discard form has
	// none): the box above the form does not say it again.
	stale.Form = refusedForm{ID: "geaendert", What: what, Values: r.PostForm, Problems: problems{model.InputShownConflict("%s", reason)}}
	s.renderProposalsData(w, r, http.StatusConflict, proposalsData{Session: se, Proposals: props, Stale: stale})
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
		s.staleProposalPage(w, r, se, props, key)
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
