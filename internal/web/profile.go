package web

// The decision profile (Beschluss-Steckbrief) with FachMK relevance.

import (
	"errors"
	"fmt"
	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/relevance"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// relevanceEngine compiles the FachMK topic profiles with what the decision
// profiles taught them.
func (s *Server) relevanceEngine(r *http.Request) (*relevance.Engine, []model.Body, error) {
	profiles, bodies, err := s.st.RelevanceProfiles(r.Context())
	if err != nil {
		return nil, nil, err
	}
	return relevance.New(profiles), bodies, nil
}

type profileData struct {
	Decision    model.Decision
	Item        model.AgendaItem
	HasItem     bool
	Session     model.Session
	Proposals   []relevance.Proposal
	Proposed    map[int64]relevance.Proposal
	Conferences []model.Body
	Assessed    map[int64]model.Assessment
	Stated      map[int64]bool // the registering member's impact statement
	CanEdit     bool
	// Version is the profile's version the form was made from; a save
	// based on an older one is refused (409).
	Version int
	// Typed is a refused save as typed, Refused its reasons, each at its
	// field (relevant_<id>, grund_<id>) and all of them above the form.
	Typed   url.Values
	Refused problems
}

// Relevance gives the choice of the form for conference c ("ja", "nein",
// "" for not assessed): as typed when a save was refused, else as stored.
func (p profileData) Relevance(c int64) string {
	if p.Typed != nil {
		return p.Typed.Get(fmt.Sprintf("relevant_%d", c))
	}
	switch a := p.Assessed[c]; {
	case a.AssessedBy == "":
		return ""
	case a.Relevant:
		return "ja"
	}
	return "nein"
}

// Reason gives the reason in the form for conference c: as typed when a
// save was refused, else as stored.
func (p profileData) Reason(c int64) string {
	if p.Typed != nil {
		return p.Typed.Get(fmt.Sprintf("grund_%d", c))
	}
	return p.Assessed[c].Reason
}

// At gives the reasons about the form's field for conference c (kind
// "relevant" or "grund"), for the templates "invalid" and "field-error".
func (p profileData) At(kind string, c int64) string {
	return p.Refused.At(fmt.Sprintf("%s_%d", kind, c))
}

// Summary gives the box above the form (template "error-summary"): every
// reason linked to its field (relevant_3 is the select rel-3, grund_3 the
// input grund-3).
func (p profileData) Summary() errorSummary {
	return summaryAs("steckbrief-fehler", "Der Steckbrief ist nicht gespeichert", p.Refused, func(field string) string {
		if c, ok := strings.CutPrefix(field, "relevant_"); ok {
			return "rel-" + c
		}
		return strings.ReplaceAll(field, "_", "-")
	})
}

// canAssess reports whether the user may fill in the decision profile: the
// secretariat, or a member among the item's reporting members.
func canAssess(u *model.User, it model.AgendaItem) bool {
	if auth.Can(u, auth.ManageSessions, "") {
		return true
	}
	if u == nil || u.Role != model.RoleMember {
		return false
	}
	for _, r := range it.Reporters {
		if r == u.MemberAbbrev {
			return true
		}
	}
	return false
}

func (s *Server) loadProfile(w http.ResponseWriter, r *http.Request) (profileData, bool) {
	ctx := r.Context()
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	d, err := s.st.Decision(ctx, id)
	if err != nil {
		s.fail(w, r, err, "Diesen Beschluss gibt es nicht.")
		return profileData{}, false
	}
	p := profileData{Decision: d, Assessed: map[int64]model.Assessment{}, Stated: map[int64]bool{}, Proposed: map[int64]relevance.Proposal{}}
	if d.ItemID != 0 {
		if p.Item, err = s.st.Item(ctx, d.ItemID); err == nil {
			p.HasItem = true
			for _, c := range p.Item.Impact.ConferenceIDs {
				p.Stated[c] = true
			}
		} else if !errors.Is(err, model.ErrNotFound) {
			s.serverError(w, r, err)
			return p, false
		}
	}
	if d.SessionID != 0 {
		p.Session, _ = s.st.Session(ctx, d.SessionID)
	}
	if p.HasItem && !s.audienceOf(r).SeesProposal(d, p.Item, p.Session, s.user(r)) {
		// A pending registration is the secretariat's and its members'
		// (registering, applicants, reporting); the others do not learn
		// that it exists.
		s.notFound(w, r, "Diesen Beschluss gibt es nicht.")
		return profileData{}, false
	}
	if p.Version, err = s.st.ProfileVersion(ctx, d.ID); err != nil {
		s.fail(w, r, err, "Diesen Beschluss gibt es nicht.")
		return p, false
	}
	engine, bodies, err := s.relevanceEngine(r)
	if err != nil {
		s.serverError(w, r, err)
		return p, false
	}
	p.Conferences = bodies
	var it model.AgendaItem
	if p.HasItem {
		it = p.Item
	}
	// The same text the store learns from when the profile is saved.
	p.Proposals = engine.Propose(relevance.AssessmentText(d, it))
	for _, pr := range p.Proposals {
		p.Proposed[pr.ConferenceID] = pr
	}
	as, err := s.st.Assessments(ctx, d.ID)
	if err != nil {
		s.serverError(w, r, err)
		return p, false
	}
	for _, a := range as {
		p.Assessed[a.ConferenceID] = a
	}
	p.CanEdit = canAssess(s.user(r), p.Item)
	return p, true
}

func (s *Server) profilePage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ViewInternal, ""); !ok {
		return
	}
	p, ok := s.loadProfile(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "profile.html", view{Title: "Beschluss-Steckbrief: " + p.Decision.DisplayTitle(), Active: "beschluesse", Data: p})
}

func (s *Server) saveProfile(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	p, ok := s.loadProfile(w, r)
	if !ok {
		return
	}
	if !p.CanEdit {
		s.render(w, r, http.StatusForbidden, "error.html", view{Title: "Keine Berechtigung", Data: "Den Beschluss-Steckbrief füllt die berichterstattende Stelle oder die Geschäftsstelle aus."})
		return
	}
	var lines []model.Assessment
	// Every conference marked relevant without a reason, each at its
	// field (before: one sentence on an error page, the form lost).
	var refused problems
	for _, c := range p.Conferences {
		switch v := r.PostFormValue(fmt.Sprintf("relevant_%d", c.ID)); v {
		case "":
			// not assessed
		case "ja", "nein":
			l := model.Assessment{ConferenceID: c.ID, Relevant: r.PostFormValue(fmt.Sprintf("relevant_%d", c.ID)) == "ja",
				Reason: strings.TrimSpace(r.PostFormValue(fmt.Sprintf("grund_%d", c.ID))), AssessedBy: u.Name}
			if l.Relevant && l.Reason == "" {
				refused.add(model.AtField(fmt.Sprintf("grund_%d", c.ID), model.InputError("Bitte kurz begründen, warum %s für %s relevant ist.", p.Decision.WithArticle(), c.Accusative())))
			}
			lines = append(lines, l)
		default:
			// A value the form does not offer is refused at its field
			// (before, it was ignored as "not assessed" without a word).
			refused.add(model.AtField(fmt.Sprintf("relevant_%d", c.ID), model.InputError("„%s“ ist keine Beurteilung der Relevanz für %s; bitte „ja“, „nein“ oder „nicht beurteilt“ wählen.", v, c.Accusative())))
		}
	}
	err := refused.err()
	if err == nil {
		err = s.st.SaveAssessments(r.Context(), p.Decision.ID, formVersion(r), lines)
	}
	if err != nil {
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		// The page again with the form as typed (after a conflict with
		// the stored version, to be checked and sent again).
		if p, ok = s.loadProfile(w, r); !ok {
			return
		}
		p.Typed, p.Refused = r.PostForm, reasons
		s.render(w, r, status, "profile.html", view{Title: "Beschluss-Steckbrief: " + p.Decision.DisplayTitle(), Active: "beschluesse", Data: p})
		return
	}
	back(w, r, fmt.Sprintf("/steckbrief/%d", p.Decision.ID), fmt.Sprintf("Der Steckbrief ist gespeichert: %s.", decisionNamed(p.Decision)))
}

// decisionNamed names a decision in a message by its kind and number
// ("Empfehlung E-2025/3-IT", "Beschluss B-2025/26-IT"), or while it has no
// number by its kind and title, never "Beschluss" for an Empfehlung.
func decisionNamed(d model.Decision) string {
	if d.Label != "" {
		return d.Name() + " " + d.Label
	}
	return d.Name() + " „" + model.InternalText(d.Title) + "“"
}
