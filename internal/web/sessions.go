package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"

	"gremium/internal/auth"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

type sessionData struct {
	Doc     minutes.Document
	Members map[string]model.Member
	// Known maps the decision references of the agenda (Quelle) that gremium
	// holds to their page.
	Known map[string]string
	// AgendaVisible: the public sees the agenda once it is published.
	AgendaVisible bool
	// Redacted: the page blacks out something for its reader
	// (redactsSomething); only then does it explain "[geschwärzt]".
	Redacted      bool
	Live          liveStateData
	Running       bool
	CanRegister   bool
	Editable      bool
	Comments      []store.Comment
	Documents     []store.Document
	DocGroups     []docGroup // the documents by agenda item, with the viewer's notes
	DocKinds      []model.DocumentKind
	Registrations []model.AgendaItem // the user's own pending registrations
	// NoChange says, by registration id, why the user's registration can
	// no longer be changed (model.AgendaItem.RegistrationChange, the rule
	// the store refuses by); a registration not in it may be changed, and
	// only then does "Anmeldung ändern" show.
	NoChange map[int64]string
	// OwnItems are the items the user's member registered, pending or
	// accepted onto the agenda: the upload form's "Zu Ihrer Anmeldung"
	// (before, an accepted item left the list, and its documents went
	// to the session in general).
	OwnItems []model.AgendaItem
	// Deadlines gives each follow-up's deadline with its due session's
	// date once planned, and whether it is overdue (followups.go).
	Deadlines map[int64]followUpDue
	// Refused is a refused form of the page (the comment on the draft
	// minutes, "kommentare"), shown again as typed with the reason.
	Refused refusedForm
	// CanPull: the viewer may take an item off the Grüne Liste, before or
	// in the session — the office of a member voting in the session's
	// body for itself, the secretariat for the member of PullVoters (the
	// body's voters: the AL-Runde's own in a session of the AL-Runde) it
	// names.
	CanPull    bool
	PullVoters []model.Member
	// NoteSubs: the viewer's member's submitted protocol notes and their
	// forms, beside the items (note_submissions.go).
	NoteSubs noteSubs
}

// sessionMinutes loads the minutes of the session named in the path for the
// visitor; it answers the request itself and reports false if it cannot.
func (s *Server) sessionMinutes(w http.ResponseWriter, r *http.Request) (minutes.Document, bool) {
	ctx := r.Context()
	_, se, ok := s.sessionFromPath(w, r) // the council's, or /gremien/{gremium}/… (alrunde.go)
	if !ok {
		return minutes.Document{}, false
	}
	doc, err := minutes.Load(ctx, s.st, se.ID, s.audienceOf(r))
	if err == nil && doc.CountedResults() {
		doc.SharesWarning, err = s.sharesWarningFor(ctx, s.user(r))
	}
	if err != nil {
		s.serverError(w, r, err)
		return minutes.Document{}, false
	}
	return doc, true
}

// minutesExist answers 404 for minutes that do not exist for the reader
// (model.Audience.HasMinutes): the public asks for the minutes of a
// planned or running session. Internally the minutes layout of a planned
// session stays available (the agenda as it will be recorded).
func (s *Server) minutesExist(w http.ResponseWriter, r *http.Request, doc minutes.Document) bool {
	if doc.HasMinutes() || doc.Audience == model.Internal {
		return true
	}
	s.notFound(w, r, fmt.Sprintf("Die %s hat noch kein Protokoll; es wird veröffentlicht, sobald die Sitzung beendet ist.", doc.Session.Title()))
	return false
}

func (s *Server) sessionPage(w http.ResponseWriter, r *http.Request) {
	s.minutesPage(w, r, "session.html", http.StatusOK, refusedForm{})
}

func (s *Server) protocolPage(w http.ResponseWriter, r *http.Request) {
	s.minutesPage(w, r, "minutes.html", http.StatusOK, refusedForm{})
}

// minutesPage shows the session page or its minutes, with the status and
// a refused form of the page if there is one.
func (s *Server) minutesPage(w http.ResponseWriter, r *http.Request, page string, status int, refused refusedForm) {
	ctx := r.Context()
	doc, ok := s.sessionMinutes(w, r)
	if !ok || page == "minutes.html" && !s.minutesExist(w, r, doc) {
		return
	}
	doc = doc.Printed() // rows without text are filled in on the live page
	council := doc.Body
	se := doc.Session
	members, err := s.memberMap(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var refs []string
	for _, it := range doc.Items() {
		refs = append(refs, it.Sources...)
	}
	known, err := s.knownDecisions(ctx, council.ID, refs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	title := se.Title() + " – " + council.Name
	if page == "minutes.html" {
		title = doc.Title() // "– Entwurf (öffentliche Fassung)", as the PDF's
	}
	d := sessionData{Doc: doc, Members: members, Known: known,
		Running: se.Status == model.StatusRunning, Editable: se.MinutesEditable(),
		CanRegister:   se.RegistrationOpen(),
		AgendaVisible: doc.Audience.SeesAgenda(se), Refused: refused}
	if d.Deadlines, err = s.followUpDeadlines(ctx, council.ID, doc); err != nil {
		s.serverError(w, r, err)
		return
	}
	u := s.user(r)
	if page != "minutes.html" && !se.Cancelled() &&
		(se.Status == model.StatusPlanned || se.Status == model.StatusConvened || se.Status == model.StatusRunning) {
		// An item leaves the Grüne Liste at the request of a voter of
		// the session's body (store.PullItemFromGreenList): the
		// AL-Runde's own for a session of the AL-Runde.
		voting, err := s.votingOf(ctx, se.BodyID, false)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		switch {
		case auth.Can(u, auth.ManageSessions, ""):
			d.PullVoters, d.CanPull = voting.Voters, true
		case u != nil && u.MemberAbbrev != "":
			d.CanPull = auth.Can(u, auth.Vote, u.MemberAbbrev) && voting.Votes(u.MemberAbbrev)
		}
	}
	if d.Running {
		if d.Live, err = s.loadLiveState(r, se); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if auth.Can(u, auth.ViewInternal, "") {
		if d.Comments, err = s.st.Comments(ctx, se.ID); err == nil {
			d.Documents, err = auth.VisibleDocuments(ctx, s.st, u, se.ID)
		}
		if err == nil {
			d.DocGroups, err = s.documentGroups(ctx, u, se, d.Documents)
		}
		d.DocKinds = model.DocumentKinds
		// "Ihre Anmeldungen": the registering office's own, not those of
		// every account naming its member (a spokesperson of the Land).
		if office := model.MemberOffice(u); err == nil && office != "" {
			var items []model.AgendaItem
			items, err = s.st.Items(ctx, se.ID)
			for _, it := range items {
				if it.RegisteredBy != office {
					continue
				}
				if !it.OnAgenda() {
					d.Registrations = append(d.Registrations, it)
					if err := it.RegistrationChange(se, s.today()); err != nil {
						if d.NoChange == nil {
							d.NoChange = map[int64]string{}
						}
						d.NoChange[it.ID] = model.ReasonOf(err)
					}
				}
				if it.Status == model.ItemRegistered || it.OnAgenda() {
					d.OwnItems = append(d.OwnItems, it)
				}
			}
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if page == "session.html" {
		if d.NoteSubs, err = s.loadNoteSubs(r, u, council, se, refused); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if doc.Audience.IsPublic() {
		d.Redacted = minutes.RedactsSomething(d.Doc, d.Live)
	}
	s.render(w, r, status, page, view{Title: title, Active: "sitzungen", Data: d})
}

func (s *Server) protocolPDF(w http.ResponseWriter, r *http.Request) {
	doc, ok := s.sessionMinutes(w, r)
	if !ok || !s.minutesExist(w, r, doc) {
		return
	}
	// The OParl File's accessUrl must not be sent as attachment, its
	// downloadUrl (…?herunterladen=1) must (OParl 1.1, 2.7).
	disposition := "inline"
	if r.URL.Query().Get("herunterladen") == "1" {
		disposition = "attachment"
	}
	s.servePDF(w, r, disposition, model.MinutesFileNameFor(doc.Session, doc.Audience, "pdf"), func(out io.Writer) error {
		return minutes.WritePDF(out, doc)
	})
}

func (s *Server) protocolText(w http.ResponseWriter, r *http.Request) {
	doc, ok := s.sessionMinutes(w, r)
	if !ok || !s.minutesExist(w, r, doc) {
		return
	}
	var buf bytes.Buffer
	if err := minutes.Export(&buf, doc); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s"`, model.MinutesFileNameFor(doc.Session, doc.Audience, "txt")))
	buf.WriteTo(w)
}

// knownDecisions maps those references that name a decision gremium holds
// to the decision's page.
func (s *Server) knownDecisions(ctx context.Context, bodyID int64, refs []string) (map[string]string, error) {
	known := map[string]string{}
	for _, ref := range refs {
		n, ok := model.ParseDecisionRef(ref)
		if !ok {
			continue
		}
		label, public, err := s.st.DecisionLabel(ctx, bodyID, n)
		if err == nil && public {
			known[ref] = decisionURL(label)
		}
	}
	return known, nil
}
