package web

// Vertagung of an agenda item from the secretariat's page of a session or
// from the live page (store.DeferItem).

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"gremium/internal/model"
	"gremium/internal/store"
)

// deferFormView is the form that defers an item: the item, the later
// sessions it may go to, a refused deferral of this item shown as typed,
// and where the answer leads back ("live" or the management page).
type deferFormView struct {
	Item  model.AgendaItem
	Later []model.Session
	Entry refusedForm
	Back  string
}

// FormID is the form's id on the page.
func (v deferFormView) FormID() string { return fmt.Sprintf("vertagen-%d", v.Item.ID) }

// Refused says whether the form shows a refused deferral.
func (v deferFormView) Refused() bool { return v.Entry.ID == v.FormID() }

// Summary gives the box in the refused form (template "error-summary"),
// every reason linked to its field.
func (v deferFormView) Summary() errorSummary {
	id := v.FormID()
	return newErrorSummary(id+"-fehler", v.Entry.What, v.Entry.Problems, "sitzung", id+"-sitzung", "grund", id+"-grund")
}

// Chosen gives the typed target ("0": the next session).
func (v deferFormView) Chosen() string { return v.Entry.Typed(v.FormID(), "sitzung", "0") }

// deferrable reports whether the items of a session can be deferred from
// its pages: while it is planned, convened (also cancelled: its items need
// a session that takes place) or running.
func deferrable(se model.Session) bool {
	return se.Status.Ahead() || se.Status == model.StatusRunning
}

// laterSessions gives the sessions an item of se may be deferred to (none
// while its items cannot be deferred).
func (s *Server) laterSessions(ctx context.Context, se model.Session) ([]model.Session, error) {
	if !deferrable(se) {
		return nil, nil
	}
	return s.st.LaterSessions(ctx, se)
}

func (s *Server) deferItem(w http.ResponseWriter, r *http.Request) {
	it, se, ok := s.itemAction(w, r)
	if !ok {
		return
	}
	f := r.PostForm
	live := f.Get("zurueck") == "live"
	target, err := strconv.Atoi(strings.TrimSpace(f.Get("sitzung")))
	if err != nil || target < 0 {
		target = 0 // "nächste Sitzung"
	}
	newID, to, err := s.st.DeferItem(r.Context(), store.Deferral{ItemID: it.ID, Version: formVersion(r), Target: target, Reason: strings.TrimSpace(f.Get("grund"))})
	if err != nil {
		form := deferFormView{Item: it}.FormID()
		if live {
			s.refuseEntry(w, r, se, it.ID, form, "Der TOP ist nicht vertagt", err)
			return
		}
		s.refuseOnManage(w, r, se, err, rowRefusal{Deferral: refusedForm{ID: form, What: "Der TOP ist nicht vertagt", Values: f, Problems: problemsOf(err)}})
		return
	}
	s.changed(r, se.ID)
	s.changed(r, to.ID)
	notice := fmt.Sprintf("„%s“ ist vertagt auf die %d. Sitzung und steht dort am Ende der Tagesordnung.", model.InternalText(it.Title), to.Number)
	if live {
		back(w, r, liveURL(se, it.ID), notice)
		return
	}
	back(w, r, fmt.Sprintf("%s/verwaltung#top-%d", to.Path(), newID), notice)
}
