package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
)

// Written procedures (Umlaufverfahren): the secretariat starts one on a
// proposal with a deadline, the members vote online until then, the closing
// loop (package notify) decides at the deadline.

type procedureRow struct {
	Procedure model.WrittenProcedure
	Decision  model.Decision
}

func (s *Server) procedureList(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ViewInternal, ""); !ok {
		return
	}
	ctx := r.Context()
	ps, err := s.st.Procedures(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var rows []procedureRow
	for _, p := range ps {
		d, err := s.st.Decision(ctx, p.DecisionID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		rows = append(rows, procedureRow{p, d})
	}
	s.render(w, r, http.StatusOK, "procedures.html", view{Title: "Umlaufverfahren", Active: "umlauf", Data: rows})
}

type newProcedureData struct {
	Rules []model.Rule
	Form  map[string]string
	Error string
}

func (s *Server) newProcedurePage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok {
		return
	}
	deadline := time.Now().Add(7 * 24 * time.Hour)
	s.render(w, r, http.StatusOK, "procedure_new.html", view{Title: "Umlaufverfahren einleiten", Active: "umlauf",
		Data: newProcedureData{Rules: []model.Rule{model.RuleUnanimous, model.RuleQualified, model.RuleSimple},
			Form: map[string]string{"frist_datum": deadline.Format("2006-01-02"), "frist_zeit": "12:00"}}})
}

func (s *Server) startProcedure(w http.ResponseWriter, r *http.Request) {
	_, ok := s.require(w, r, auth.ManageSessions, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	ctx := r.Context()
	f := map[string]string{}
	for _, k := range []string{"titel", "punkte", "antrag", "regel", "frist_datum", "frist_zeit", "art"} {
		f[k] = r.PostFormValue(k)
	}
	fail := func(msg string) {
		s.render(w, r, http.StatusUnprocessableEntity, "procedure_new.html", view{Title: "Umlaufverfahren einleiten", Active: "umlauf",
			Data: newProcedureData{Rules: []model.Rule{model.RuleUnanimous, model.RuleQualified, model.RuleSimple}, Form: f, Error: msg}})
	}
	points, err := formLines(f["punkte"])
	if err != nil {
		fail(model.ReasonOf(err))
		return
	}
	title, err := model.ConfidentialMarks(f["titel"])
	if err != nil {
		fail(model.ReasonOf(err))
		return
	}
	if title == "" || len(points) == 0 {
		fail("Bitte Titel und Beschlusspunkte angeben.")
		return
	}
	deadline, err := time.ParseInLocation("2006-01-02 15:04", f["frist_datum"]+" "+f["frist_zeit"], time.Local)
	if err != nil || !deadline.After(time.Now()) {
		fail("Bitte eine Frist in der Zukunft angeben (Datum und Uhrzeit).")
		return
	}
	rule := model.Rule(f["regel"])
	if !rule.Valid() {
		fail("Bitte die Mehrheitsregel wählen.")
		return
	}
	if rule == model.RuleQualified {
		if _, _, err := s.st.SharesFor(ctx, deadline.Year()); err != nil {
			fail("Für die qualifizierte Mehrheit ist kein Königsteiner Schlüssel geladen (gremium config ks DATEI.csv).")
			return
		}
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	kind := model.KindDecision
	if f["art"] == string(model.KindRecommendation) {
		kind = model.KindRecommendation
	}
	d := model.Decision{BodyID: council.ID, Kind: kind, Status: model.DecisionDraft, Scope: model.ScopeAll, Title: title,
		Points: numberedFormPoints(points), Applicants: splitFormList(f["antrag"])}
	id, err := s.st.StartProcedure(ctx, d, rule, deadline)
	if err != nil {
		if c := model.ClassOf(err); c == model.ErrRule || c == model.ErrInput {
			fail(model.ReasonOf(err))
			return
		}
		s.fail(w, r, err, "")
		return
	}
	back(w, r, fmt.Sprintf("/umlaufverfahren/%d", id), "Das Umlaufverfahren ist eingeleitet; die Mitglieder können bis zur Frist abstimmen.")
}

type procedureData struct {
	Procedure model.WrittenProcedure
	Decision  model.Decision
	Voters    []model.Member
	Votes     map[string]model.VoteChoice
	MyMember  string
	MyVote    model.VoteChoice
	CanVote   bool
	Tally     model.Tally // the count so far, for the secretariat
	ShowTally bool
}

func (s *Server) procedurePage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return
	}
	ctx := r.Context()
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	p, err := s.st.Procedure(ctx, id)
	if err != nil {
		s.fail(w, r, err, "Dieses Umlaufverfahren gibt es nicht.")
		return
	}
	d, err := s.st.Decision(ctx, p.DecisionID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	voters, err := s.st.VotingMembers(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := procedureData{Procedure: p, Decision: d, Voters: voters, Votes: map[string]model.VoteChoice{}}
	for _, v := range p.Votes {
		data.Votes[v.Member] = v.Choice
	}
	if u.Role == model.RoleMember {
		data.MyMember, data.MyVote = u.MemberAbbrev, data.Votes[u.MemberAbbrev]
		isVoter := false // advisory members and guests never vote
		for _, m := range voters {
			isVoter = isVoter || m.Abbrev == u.MemberAbbrev
		}
		data.CanVote = isVoter && auth.Can(u, auth.Vote, u.MemberAbbrev) && p.Status == model.ProcedureOpen && time.Now().Before(p.Deadline)
	}
	if auth.Can(u, auth.ManageSessions, "") && p.Status == model.ProcedureOpen {
		var shares model.Shares
		if p.Rule == model.RuleQualified {
			shares, _, _ = s.st.SharesFor(ctx, p.Deadline.Year())
		}
		if t, err := model.Count(p.Rule, voters, model.ProcedureVotes(voters, p.Votes), shares); err == nil {
			data.Tally, data.ShowTally = t, true
		}
	}
	s.render(w, r, http.StatusOK, "procedure.html", view{Title: "Umlaufverfahren: " + d.Title, Active: "umlauf", Data: data})
}

func (s *Server) castVote(w http.ResponseWriter, r *http.Request) {
	u := s.user(r)
	if u == nil || !s.parseForm(w, r) {
		s.require(w, r, auth.Vote, "")
		return
	}
	if _, ok := s.require(w, r, auth.Vote, u.MemberAbbrev); !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	choice := model.VoteChoice(r.PostFormValue("stimme"))
	if err := s.st.CastVote(r.Context(), id, u.MemberAbbrev, choice); err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, fmt.Sprintf("/umlaufverfahren/%d", id), "Ihre Stimme ist gespeichert. Sie können sie bis zur Frist ändern.")
}
