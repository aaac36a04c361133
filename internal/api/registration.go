package api

// Registration of agenda items (Anmeldung) by a member's system, with the
// rules of the form /sitzungen/{nr}/anmelden (model.Registration.Check)
// and the same store call.

import (
	"net/http"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

// RegistrationRequest is the body of POST /api/v1/sitzungen/{nr}/anmeldungen:
// what the registration form asks. Texts may mark confidential passages
// [[…]], as in the form.
// The tag `form` names the field of the form a member stands for, by
// which a refusal names the member (fields.go).
type RegistrationRequest struct {
	// Member is the registering member; only a secretariat token names it,
	// a member office registers for its own member.
	Member     string   `json:"mitglied" form:"mitglied"`
	Title      string   `json:"titel" form:"titel"`
	Goal       string   `json:"ziel" form:"ziel"`
	Points     []string `json:"punkte" form:"punkte"`
	Sources    []string `json:"quelle" form:"quelle"`
	Reporters  []string `json:"berichterstattung" form:"berichterstattung"`
	Applicants []string `json:"antrag" form:"antrag"`
	// Proposal is the decision proposal, one line per point ("1. …").
	Proposal []string `json:"beschlussvorschlag" form:"beschlussvorschlag"`
	// FachMK is the FachMK-impact statement (GO §4); required.
	FachMK *ImpactStatement `json:"fachmk" form:"fachmk"`
}

// ImpactStatement is the FachMK-impact statement of a registration: none
// affected, or the affected conferences by their abbreviation.
type ImpactStatement struct {
	Affected    bool     `json:"betroffen"`
	Conferences []string `json:"konferenzen" form:"fachmk_ids"`
	Note        string   `json:"hinweis" form:"fachmk_hinweis"`
}

// Registered is the answer to a registration taken.
type Registered struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
	Late   bool   `json:"verspaetet"`
	URL    string `json:"url"`
}

// apiRegister registers an agenda item for a session of the council.
func (a *Server) apiRegister(w http.ResponseWriter, r *http.Request) {
	u, ok := a.tokenUser(w, r)
	if !ok {
		return
	}
	var in RegistrationRequest
	if !decodeBody(w, r, &in) {
		return
	}
	secretariat := u.Role == model.RoleSecretariat
	member := u.MemberAbbrev
	if secretariat {
		member = in.Member
	}
	if member == "" || !auth.Can(u, auth.RegisterItem, member) || (!secretariat && in.Member != "" && in.Member != member) {
		apiError(w, http.StatusForbidden, "Tagesordnungspunkte meldet jedes Mitglied für sich an; die Geschäftsstelle für alle (mit \"mitglied\").")
		return
	}
	se, ok := a.sessionOfPath(w, r)
	if !ok {
		return
	}
	ctx := store.WithActor(r.Context(), u.Username)
	if _, err := a.st.Member(ctx, member); err != nil {
		a.fail(w, r, err)
		return
	}
	members, err := a.st.Members(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	// Applicants and reporting members are read as members, by name or
	// abbreviation, as the form reads them.
	g := model.Registration{Member: member, BySecretariat: secretariat, Goal: model.Goal(in.Goal),
		Sources: trimmed(in.Sources), Reporters: model.MemberAbbrevs(trimmed(in.Reporters), members), Applicants: model.MemberAbbrevs(trimmed(in.Applicants), members)}
	var problems []model.RegistrationProblem
	refuse := func(field string, err error) {
		problems = append(problems, model.RegistrationProblem{Field: field, Reason: model.ReasonOf(err)})
	}
	if g.Title, err = model.ConfidentialMarks(strings.TrimSpace(in.Title)); err != nil {
		refuse("titel", err)
	}
	if g.Points, err = markedLines(in.Points); err != nil {
		refuse("punkte", err)
	}
	proposal, err := markedLines(in.Proposal)
	if err != nil {
		refuse("beschlussvorschlag", err)
	}
	g.Proposal = model.NumberedPoints(proposal)
	if in.FachMK != nil {
		g.Impact = model.Impact{Stated: true, Note: strings.TrimSpace(in.FachMK.Note)}
		g.Affected = in.FachMK.Affected
		// The conferences named are read whether or not affected: "not
		// affected" naming conferences is refused (Check), not stored
		// without them.
		if len(in.FachMK.Conferences) > 0 {
			conferences, err := a.st.Bodies(ctx, model.BodyFachMK)
			if err != nil {
				a.fail(w, r, err)
				return
			}
		named:
			for _, abbrev := range in.FachMK.Conferences {
				for _, c := range conferences {
					if strings.EqualFold(c.Abbrev, strings.TrimSpace(abbrev)) {
						g.Impact.ConferenceIDs = append(g.Impact.ConferenceIDs, c.ID)
						continue named
					}
				}
				refuse("fachmk_ids", model.InputError("„%s“ ist keine Fachministerkonferenz (die Kürzel nennt /api/v1/fachmk).", abbrev))
			}
		}
	}
	kinds, err := a.st.MemberKinds(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	council, err := a.st.BodyByAbbrev(ctx, a.council)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	// A made-up number (B-2025/99-IT) is refused as on the form.
	if err := a.st.CheckSources(ctx, council.ID, g.Sources); model.ClassOf(err) == model.ErrInput {
		refuse("quelle", err)
	} else if err != nil {
		a.fail(w, r, err)
		return
	}
	for _, p := range problems {
		g.Refused = append(g.Refused, p.Field)
	}
	problems = append(problems, g.Check(se, kinds)...)
	if len(problems) > 0 {
		out := make([]Problem, len(problems))
		for i, p := range problems {
			out[i] = Problem{Field: fieldOf(r, p.Field), Reason: p.Reason}
		}
		writeRefusal(w, http.StatusUnprocessableEntity, out)
		return
	}
	it := g.Item(se, time.Now())
	id, err := a.st.RegisterItem(ctx, it, g.Draft(council.ID))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if a.OnSessionChange != nil {
		a.OnSessionChange(r, se.ID)
	}
	writeJSON(w, http.StatusCreated, Registered{ID: id, Status: string(it.Status), Late: it.Late, URL: a.Site.Base(r) + se.Path()})
}

// trimmed gives the non-empty entries of a list, trimmed.
func trimmed(list []string) []string {
	var out []string
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// markedLines gives the non-empty lines with their confidential passages
// marked (model.ConfidentialMarks), as the form reads a text area.
func markedLines(lines []string) ([]string, error) {
	var out []string
	for _, l := range trimmed(lines) {
		marked, err := model.ConfidentialMarks(l)
		if err != nil {
			return nil, err
		}
		out = append(out, marked)
	}
	return out, nil
}
