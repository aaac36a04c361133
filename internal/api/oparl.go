// Package api serves gremium's machine interfaces: OParl 1.1, the standard
// interface of German council information systems, at /oparl/v1, and
// gremium's own JSON API at /api/v1. Both serve only public data: public
// (redacted) texts, adopted decisions, published agendas.
package api

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/site"
	"gremium/internal/store"
)

// Server holds what the API handlers need.
type Server struct {
	st      *store.Store
	log     *slog.Logger
	council string
	// PerPage is the page size of OParl lists.
	PerPage int
	// OnSessionChange, if set, is called after the API changed something of
	// a session (a comment), so that open pages update and the search index
	// follows.
	OnSessionChange func(r *http.Request, sessionID int64)
	// Site is the canonical public address of every absolute URL.
	Site site.Public

	// snapshots are the loaded OParl data by base URL, each good for one
	// version of the store.
	mu        sync.Mutex
	snapshots map[string]snapshot
}

type snapshot struct {
	version uint64
	d       *data
}

// New gives the API server for the council body (abbreviation).
func New(st *store.Store, log *slog.Logger, council string) *Server {
	return &Server{st: st, log: log, council: council, PerPage: 100, snapshots: map[string]snapshot{}}
}

// Mux is where the API registers its routes: an *http.ServeMux, or a
// recorder in tests.
type Mux interface {
	HandleFunc(pattern string, handler func(http.ResponseWriter, *http.Request))
}

// Register adds the API routes to mux.
func (a *Server) Register(mux Mux) {
	mux.HandleFunc("GET /oparl/v1", a.system)
	mux.HandleFunc("GET /oparl/v1/body", a.bodies)
	for _, name := range oparlObjects {
		mux.HandleFunc("GET /oparl/v1/"+name+"/{id}", a.object(name))
	}
	for _, name := range oparlLists {
		mux.HandleFunc("GET /oparl/v1/body/{id}/"+name, a.list(name))
	}
	mux.HandleFunc("GET /oparl/v1/organization/{id}/meeting", a.organizationMeetings)
	a.registerJSON(mux)
}

const oparlNS = "https://schema.oparl.org/1.1/"

var oparlObjects = []string{"body", "organization", "person", "membership", "meeting", "agendaitem", "paper", "consultation", "file", "legislativeterm", "location"}

var oparlLists = []string{"organization", "person", "meeting", "paper", "agendaItem", "consultation", "file", "locationList", "legislativeTermList", "membership"}

// obj is an OParl object as JSON; created/modified are kept aside for the
// list filters.
type obj struct {
	fields   map[string]any
	created  time.Time
	modified time.Time
	deleted  bool
}

func (o obj) MarshalJSON() ([]byte, error) { return json.Marshal(o.fields) }

// base gives the absolute URL of the OParl root.
func (a *Server) base(r *http.Request) string { return a.Site.Base(r) + "/oparl/v1" }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// oparlError answers with the error object of the spec (chapter 2.9).
func oparlError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"type": oparlNS + "Error", "message": msg})
}

func stamp(f map[string]any, t store.Times) {
	if !t.Created.IsZero() {
		f["created"] = t.Created.UTC().Format(time.RFC3339)
	}
	if !t.Modified.IsZero() {
		f["modified"] = t.Modified.UTC().Format(time.RFC3339)
	}
}

// data is everything the OParl objects are built from: a snapshot of the
// public data, loaded again after every change of the store. It is not
// changed after loading, so requests share it.
type data struct {
	b, site  string
	council  model.Body
	bodies   []model.Body
	sessions []model.Session
	docs     map[int64]minutes.Document // public minutes by session id
	persons  []model.Person
	assigns  []model.Assignment
	papers   []model.Decision
	times    map[string]map[int64]store.Times
	removed  []int64 // removed agenda items

	// Lookups built by load.
	items   map[int64]minutes.Item         // public agenda items by id
	paperOf map[model.DecisionNumber]int64 // paper id by decision number

	// Lists built on first use: every request of a version shares them.
	listMu sync.Mutex
	lists  map[string][]obj
	byID   map[string]map[string]obj // list name → object id URL → object
}

func (a *Server) load(ctx context.Context, r *http.Request) (*data, error) {
	d := &data{b: a.base(r), site: a.Site.Base(r), docs: map[int64]minutes.Document{}, times: map[string]map[int64]store.Times{}}
	var err error
	if d.council, err = a.st.BodyByAbbrev(ctx, a.council); err != nil {
		return nil, err
	}
	if d.bodies, err = a.st.Bodies(ctx, ""); err != nil {
		return nil, err
	}
	sort.Slice(d.bodies, func(i, j int) bool { return d.bodies[i].ID < d.bodies[j].ID })
	all, err := a.st.Sessions(ctx, d.council.ID)
	if err != nil {
		return nil, err
	}
	for i := len(all) - 1; i >= 0; i-- { // oldest first: a stable order
		se := all[i]
		// The public minutes hold no agenda before it is public.
		doc, err := minutes.Load(ctx, a.st, se.ID, model.Public)
		if err != nil {
			return nil, err
		}
		d.docs[se.ID] = doc
		d.sessions = append(d.sessions, se)
	}
	if d.persons, err = a.st.Persons(ctx); err != nil {
		return nil, err
	}
	sort.Slice(d.persons, func(i, j int) bool { return d.persons[i].ID < d.persons[j].ID })
	if d.assigns, err = a.st.Assignments(ctx, 0); err != nil {
		return nil, err
	}
	papers, err := a.st.Decisions(ctx, store.DecisionFilter{BodyID: d.council.ID, Status: model.DecisionAdopted, Numbered: true})
	if err != nil {
		return nil, err
	}
	sort.Slice(papers, func(i, j int) bool { return papers[i].ID < papers[j].ID })
	d.papers = model.Public.Decisions(papers)
	for _, e := range []string{"body", "person", "assignment", "session", "agenda_item", "decision"} {
		if d.times[e], err = a.st.EntityTimes(ctx, e); err != nil {
			return nil, err
		}
	}
	for id, t := range d.times["agenda_item"] {
		if t.Removed {
			d.removed = append(d.removed, id)
		}
	}
	sort.Slice(d.removed, func(i, j int) bool { return d.removed[i] < d.removed[j] })
	d.items = map[int64]minutes.Item{}
	for _, doc := range d.docs {
		for _, it := range doc.Items() {
			d.items[it.ID] = it
		}
	}
	d.paperOf = map[model.DecisionNumber]int64{}
	for _, p := range d.papers {
		d.paperOf[p.Number] = p.ID
	}
	d.lists, d.byID = map[string][]obj{}, map[string]map[string]obj{}
	return d, nil
}

func (d *data) url(kind string, id any) string { return fmt.Sprintf("%s/%s/%v", d.b, kind, id) }

func (d *data) system() obj {
	return obj{fields: map[string]any{"id": d.b, "type": oparlNS + "System", "oparlVersion": oparlNS, "name": "gremium",
		"body": d.b + "/body", "website": d.site + "/", "web": d.site + "/", "product": d.site + "/"}}
}

func (d *data) body() obj {
	t := d.times["body"][d.council.ID]
	id := d.council.ID
	lt := []any{}
	for _, o := range d.legislativeTerms() {
		lt = append(lt, o)
	}
	f := map[string]any{"id": d.url("body", id), "type": oparlNS + "Body", "system": d.b, "name": d.council.Name, "shortName": d.council.Abbrev,
		"website": d.site + "/", "web": d.site + "/",
		"organization": d.url("body", id) + "/organization", "person": d.url("body", id) + "/person", "meeting": d.url("body", id) + "/meeting",
		"paper": d.url("body", id) + "/paper", "agendaItem": d.url("body", id) + "/agendaItem", "consultation": d.url("body", id) + "/consultation",
		"file": d.url("body", id) + "/file", "locationList": d.url("body", id) + "/locationList", "legislativeTermList": d.url("body", id) + "/legislativeTermList",
		"membership": d.url("body", id) + "/membership", "legislativeTerm": lt, "classification": "Bund-Länder-Gremium",
		"mainOrganization": d.organization(d.council)}
	stamp(f, t)
	return obj{fields: f, created: t.Created, modified: t.Modified}
}

func (d *data) organization(b model.Body) obj {
	t := d.times["body"][b.ID]
	f := map[string]any{"id": d.url("organization", b.ID), "type": oparlNS + "Organization", "body": d.url("body", d.council.ID),
		"name": b.Name, "shortName": b.Abbrev, "meeting": d.url("organization", b.ID) + "/meeting", "web": d.site + "/fachmk/" + url.PathEscape(b.Abbrev)}
	switch b.Kind {
	case model.BodyPlanningCouncil:
		f["organizationType"], f["classification"], f["web"] = "Gremium", "Planungsrat", d.site+"/"
	case model.BodyFachMK:
		f["organizationType"], f["classification"] = "Sonstiges", "Fachministerkonferenz"
		if b.ActsForID != 0 {
			f["classification"] = "Gremium einer Fachministerkonferenz"
		}
	default:
		f["organizationType"], f["classification"] = "Gremium", b.Kind.Label()
		f["subOrganizationOf"] = d.url("organization", b.ParentID)
		f["web"] = d.site + "/"
	}
	var members []string
	for _, a := range d.assigns {
		if a.ConferenceID == b.ID && a.PersonID != 0 {
			members = append(members, d.url("membership", a.ID))
		}
	}
	if len(members) > 0 {
		f["membership"] = members
	}
	stamp(f, t)
	return obj{fields: f, created: t.Created, modified: t.Modified}
}

func (d *data) lastHeld() int {
	n := 0
	for _, se := range d.sessions {
		switch se.Status {
		case model.StatusEnded, model.StatusMinutesDraft, model.StatusMinutesApproved:
			n = max(n, se.Number)
		}
	}
	return n
}

func (d *data) membership(a model.Assignment) obj {
	t := d.times["assignment"][a.ID]
	f := map[string]any{"id": d.url("membership", a.ID), "type": oparlNS + "Membership", "person": d.url("person", a.PersonID),
		"organization": d.url("organization", a.ConferenceID), "role": "Fachpolitische:r Sprecher:in des IT-Planungsrats (" + a.Member + ")",
		"votingRight": false}
	if !a.StartOn.IsZero() {
		f["startDate"] = a.StartOn.String()
	}
	if a.Status(d.lastHeld()) == model.AssignmentEnded {
		for _, se := range d.sessions {
			if se.Number == a.EndsWithSession && !se.Date.IsZero() {
				f["endDate"] = se.Date.String()
			}
		}
	}
	stamp(f, t)
	return obj{fields: f, created: t.Created, modified: t.Modified}
}

func (d *data) person(p model.Person) obj {
	t := d.times["person"][p.ID]
	f := map[string]any{"id": d.url("person", p.ID), "type": oparlNS + "Person", "body": d.url("body", d.council.ID), "name": p.Name}
	if p.Function != "" {
		f["status"] = []string{p.Function}
	}
	var ms []any
	for _, a := range d.assigns {
		if a.PersonID == p.ID {
			ms = append(ms, d.membership(a))
		}
	}
	if len(ms) > 0 {
		f["membership"] = ms
	}
	stamp(f, t)
	return obj{fields: f, created: t.Created, modified: t.Modified}
}

func dateTime(d model.Date, clock string) (string, bool) {
	if d.IsZero() || clock == "" {
		return "", false
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", d.String()+" "+clock, model.Berlin)
	if err != nil {
		return "", false
	}
	return t.Format(time.RFC3339), true
}

func meetingState(s model.SessionStatus) string {
	switch s {
	case model.StatusPlanned:
		return "geplant"
	case model.StatusConvened:
		return "eingeladen"
	case model.StatusRunning:
		return "laufend"
	}
	return "durchgeführt"
}

func (d *data) hasMinutes(se model.Session) bool {
	switch se.Status {
	case model.StatusEnded, model.StatusMinutesDraft, model.StatusMinutesApproved:
		return len(d.docs[se.ID].Sections) > 0
	}
	return false
}

func (d *data) file(se model.Session) obj {
	t := d.times["session"][se.ID]
	f := map[string]any{"id": d.url("file", se.ID), "type": oparlNS + "File", "name": fmt.Sprintf("Protokoll der %d. Sitzung (öffentliche Fassung)", se.Number),
		"fileName": fmt.Sprintf("protokoll-%d.pdf", se.Number), "mimeType": "application/pdf",
		"accessUrl": fmt.Sprintf("%s/sitzungen/%d/protokoll.pdf", d.site, se.Number), "meeting": []string{d.url("meeting", se.ID)},
		"web": fmt.Sprintf("%s/sitzungen/%d/protokoll", d.site, se.Number)}
	if !se.MinutesStand.IsZero() {
		f["date"] = se.MinutesStand.String()
	}
	stamp(f, t)
	return obj{fields: f, created: t.Created, modified: t.Modified}
}

func (d *data) location(se model.Session) obj {
	t := d.times["session"][se.ID]
	f := map[string]any{"id": d.url("location", se.ID), "type": oparlNS + "Location", "description": se.Place, "locality": se.Place,
		"meetings": []string{d.url("meeting", se.ID)}}
	stamp(f, t)
	return obj{fields: f, created: t.Created, modified: t.Modified}
}

// decisionOf gives the public, numbered decision of an item, if any.
func (d *data) decisionOf(it minutes.Item) *model.Decision {
	for _, r := range it.Rows {
		if r.Decision != nil && r.Decision.Public() && r.Decision.Label != "" {
			return r.Decision
		}
	}
	return nil
}

func (d *data) agendaItem(se model.Session, it minutes.Item) obj {
	t := d.times["agenda_item"][it.ID]
	f := map[string]any{"id": d.url("agendaitem", it.ID), "type": oparlNS + "AgendaItem", "meeting": d.url("meeting", se.ID),
		"order": it.Position, "public": true, "web": fmt.Sprintf("%s/sitzungen/%d#top-%d", d.site, se.Number, it.ID)}
	if it.Number != "" {
		f["number"] = it.Number
	}
	name := it.Title
	if name == "" {
		name = it.Label()
	}
	f["name"] = name
	if dec := d.decisionOf(it); dec != nil {
		f["consultation"] = d.url("consultation", dec.ID)
		f["result"] = dec.Result
		var pts []string
		for _, p := range dec.Points {
			pts = append(pts, strings.TrimSpace(p.Label+" "+p.Text))
		}
		f["resolutionText"] = strings.Join(pts, "\n")
	}
	stamp(f, t)
	return obj{fields: f, created: t.Created, modified: t.Modified}
}

func (d *data) meeting(se model.Session) obj {
	t := d.times["session"][se.ID]
	f := map[string]any{"id": d.url("meeting", se.ID), "type": oparlNS + "Meeting", "name": fmt.Sprintf("%d. Sitzung des %ss", se.Number, d.council.Name),
		"meetingState": meetingState(se.Status), "organization": []string{d.url("organization", d.council.ID)},
		"web": fmt.Sprintf("%s/sitzungen/%d", d.site, se.Number)}
	if s, ok := dateTime(se.Date, se.StartTime); ok {
		f["start"] = s
	} else if !se.Date.IsZero() {
		f["start"], _ = dateTime(se.Date, "00:00")
	}
	if e, ok := dateTime(se.Date, se.EndTime); ok {
		f["end"] = e
	}
	if se.Place != "" {
		f["location"] = d.location(se)
	}
	if d.hasMinutes(se) {
		f["resultsProtocol"] = d.file(se)
	}
	var items []any
	for _, it := range d.docs[se.ID].Items() {
		items = append(items, d.agendaItem(se, it))
	}
	if len(items) > 0 {
		f["agendaItem"] = items
	}
	stamp(f, t)
	return obj{fields: f, created: t.Created, modified: t.Modified}
}

func (d *data) consultation(p model.Decision) obj {
	t := d.times["decision"][p.ID]
	f := map[string]any{"id": d.url("consultation", p.ID), "type": oparlNS + "Consultation", "paper": d.url("paper", p.ID),
		"organization": []string{d.url("organization", d.council.ID)}, "authoritative": true, "role": "Beschlussfassung"}
	if p.ItemID != 0 {
		f["agendaItem"] = d.url("agendaitem", p.ItemID)
	}
	if p.SessionID != 0 {
		f["meeting"] = d.url("meeting", p.SessionID)
	} else {
		f["role"] = "Beschlussfassung im Umlaufverfahren"
	}
	stamp(f, t)
	return obj{fields: f, created: t.Created, modified: t.Modified}
}

func (d *data) paper(p model.Decision) obj {
	t := d.times["decision"][p.ID]
	name := p.Title
	if name == "" {
		name = p.Label
	}
	f := map[string]any{"id": d.url("paper", p.ID), "type": oparlNS + "Paper", "body": d.url("body", d.council.ID), "name": name,
		"reference": p.Label, "paperType": p.Kind.Label(), "consultation": []any{d.consultation(p)}, "web": d.site + "/beschluesse/" + p.Label}
	if !p.AdoptedOn.IsZero() {
		f["date"] = p.AdoptedOn.String()
	}
	// Related papers: the decisions the item builds on that gremium holds.
	if it, ok := d.items[p.ItemID]; ok {
		var related []string
		for _, src := range it.Sources {
			if n, ok := model.ParseDecisionRef(src); ok {
				if id, ok := d.paperOf[n]; ok {
					related = append(related, d.url("paper", id))
				}
			}
		}
		if len(related) > 0 {
			f["relatedPaper"] = related
		}
	}
	stamp(f, t)
	return obj{fields: f, created: t.Created, modified: t.Modified}
}

func (d *data) legislativeTerms() []obj {
	years := map[int]bool{}
	for _, se := range d.sessions {
		if !se.Date.IsZero() {
			years[se.Date.Year] = true
		}
	}
	var ys []int
	for y := range years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	var out []obj
	for _, y := range ys {
		out = append(out, obj{fields: map[string]any{"id": d.url("legislativeterm", y), "type": oparlNS + "LegislativeTerm", "body": d.url("body", d.council.ID),
			"name": fmt.Sprintf("Vorsitzjahr %d", y), "startDate": fmt.Sprintf("%d-01-01", y), "endDate": fmt.Sprintf("%d-12-31", y)}})
	}
	return out
}

// listOf gives all objects of a list kind, in a stable order; deleted
// objects are included (the caller filters them). The list is built once per
// snapshot.
func (d *data) listOf(name string) []obj {
	d.listMu.Lock()
	defer d.listMu.Unlock()
	if l, ok := d.lists[name]; ok {
		return l
	}
	l := d.buildList(name)
	index := make(map[string]obj, len(l))
	for _, o := range l {
		if id, ok := o.fields["id"].(string); ok {
			index[id] = o
		}
	}
	d.lists[name], d.byID[name] = l, index
	return l
}

// inList gives the object of a list by its id URL.
func (d *data) inList(name, id string) (obj, bool) {
	d.listOf(name)
	d.listMu.Lock()
	defer d.listMu.Unlock()
	o, ok := d.byID[name][id]
	return o, ok
}

func (d *data) buildList(name string) []obj {
	var out []obj
	switch name {
	case "organization":
		for _, b := range d.bodies {
			out = append(out, d.organization(b))
		}
	case "person":
		for _, p := range d.persons {
			out = append(out, d.person(p))
		}
	case "membership":
		for _, a := range d.assigns {
			if a.PersonID != 0 {
				out = append(out, d.membership(a))
			}
		}
	case "meeting":
		for _, se := range d.sessions {
			out = append(out, d.meeting(se))
		}
	case "agendaItem":
		for _, se := range d.sessions {
			for _, it := range d.docs[se.ID].Items() {
				out = append(out, d.agendaItem(se, it))
			}
		}
		for _, id := range d.removed {
			t := d.times["agenda_item"][id]
			f := map[string]any{"id": d.url("agendaitem", id), "type": oparlNS + "AgendaItem", "deleted": true}
			stamp(f, t)
			out = append(out, obj{fields: f, created: t.Created, modified: t.Modified, deleted: true})
		}
	case "paper":
		for _, p := range d.papers {
			out = append(out, d.paper(p))
		}
	case "consultation":
		for _, p := range d.papers {
			out = append(out, d.consultation(p))
		}
	case "file":
		for _, se := range d.sessions {
			if d.hasMinutes(se) {
				out = append(out, d.file(se))
			}
		}
	case "locationList":
		for _, se := range d.sessions {
			if se.Place != "" {
				out = append(out, d.location(se))
			}
		}
	case "legislativeTermList":
		out = d.legislativeTerms()
	}
	return out
}

// find gives one object by its kind and id, or false.
func (d *data) find(kind, id string) (obj, bool) {
	n, _ := strconv.ParseInt(id, 10, 64)
	switch kind {
	case "body":
		if n == d.council.ID {
			return d.body(), true
		}
	case "legislativeterm":
		for _, o := range d.legislativeTerms() {
			if o.fields["id"] == d.url("legislativeterm", id) {
				return o, true
			}
		}
	case "agendaitem":
		return d.inList("agendaItem", d.url("agendaitem", id))
	default:
		list := map[string]string{"organization": "organization", "person": "person", "membership": "membership", "meeting": "meeting",
			"paper": "paper", "consultation": "consultation", "file": "file", "location": "locationList"}[kind]
		return d.inList(list, d.url(kind, id))
	}
	return obj{}, false
}

// current gives the snapshot for the request's base URL, loading it if the
// store changed since. Loads run one at a time.
func (a *Server) current(r *http.Request) (*data, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	version := a.st.Version()
	key := a.base(r)
	if s, ok := a.snapshots[key]; ok && s.version == version {
		return s.d, nil
	}
	d, err := a.load(r.Context(), r)
	if err != nil {
		return nil, err
	}
	if len(a.snapshots) > 16 {
		clear(a.snapshots) // many host names: keep it bounded
	}
	a.snapshots[key] = snapshot{version: version, d: d}
	return d, nil
}

func (a *Server) loadOr500(w http.ResponseWriter, r *http.Request) (*data, bool) {
	d, err := a.current(r)
	if err != nil {
		a.log.Error("oparl", "path", r.URL.Path, "err", err)
		oparlError(w, http.StatusInternalServerError, "Interner Fehler")
		return nil, false
	}
	return d, true
}

func (a *Server) system(w http.ResponseWriter, r *http.Request) {
	d, ok := a.loadOr500(w, r)
	if ok {
		writeJSON(w, http.StatusOK, d.system())
	}
}

func (a *Server) bodies(w http.ResponseWriter, r *http.Request) {
	d, ok := a.loadOr500(w, r)
	if !ok {
		return
	}
	a.page(w, r, d, []obj{d.body()}, d.b+"/body")
}

func (a *Server) object(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		d, ok := a.loadOr500(w, r)
		if !ok {
			return
		}
		o, found := d.find(kind, r.PathValue("id"))
		if !found {
			oparlError(w, http.StatusNotFound, "Objekt nicht gefunden")
			return
		}
		writeJSON(w, http.StatusOK, o)
	}
}

func (a *Server) list(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		d, ok := a.loadOr500(w, r)
		if !ok {
			return
		}
		if id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64); id != d.council.ID {
			oparlError(w, http.StatusNotFound, "Körperschaft nicht gefunden")
			return
		}
		a.page(w, r, d, d.listOf(name), d.url("body", d.council.ID)+"/"+name)
	}
}

func (a *Server) organizationMeetings(w http.ResponseWriter, r *http.Request) {
	d, ok := a.loadOr500(w, r)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var items []obj
	if id == d.council.ID {
		items = d.listOf("meeting")
	}
	a.page(w, r, d, items, d.url("organization", id)+"/meeting")
}

// page filters a list (created_since/until, modified_since/until, deleted
// objects only with modified_since, omit_internal) and writes one page with
// pagination and links that keep the filters.
func (a *Server) page(w http.ResponseWriter, r *http.Request, d *data, items []obj, self string) {
	q := r.URL.Query()
	var bounds [4]time.Time
	for i, p := range []string{"created_since", "created_until", "modified_since", "modified_until"} {
		if v := q.Get(p); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				oparlError(w, http.StatusBadRequest, "Ungültiger Zeitpunkt in "+p+" (erwartet: RFC 3339, z. B. 2025-06-26T09:00:00+02:00)")
				return
			}
			bounds[i] = t
		}
	}
	var kept []obj
	for _, o := range items {
		switch {
		case o.deleted && q.Get("modified_since") == "":
			continue
		case !bounds[0].IsZero() && o.created.Before(bounds[0]), !bounds[1].IsZero() && o.created.After(bounds[1]):
			continue
		case !bounds[2].IsZero() && o.modified.Before(bounds[2]), !bounds[3].IsZero() && o.modified.After(bounds[3]):
			continue
		}
		if q.Get("omit_internal") == "true" {
			f := map[string]any{}
			for k, v := range o.fields {
				f[k] = v
			}
			for _, k := range []string{"auxiliaryFile", "location", "membership", "agendaItem", "legislativeTerm"} {
				if _, isList := f[k].([]any); isList || k == "location" && o.fields["type"] == oparlNS+"Paper" {
					delete(f, k)
				}
			}
			o = obj{fields: f, created: o.created, modified: o.modified, deleted: o.deleted}
		}
		kept = append(kept, o)
	}
	per := a.PerPage
	if v, err := strconv.Atoi(q.Get("limit")); err == nil && v > 0 && v < per {
		per = v
	}
	pages := max(1, (len(kept)+per-1)/per)
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	if page > pages {
		oparlError(w, http.StatusNotFound, "Listenseite nicht gefunden")
		return
	}
	from, to := (page-1)*per, min(len(kept), page*per)
	link := func(p int) string {
		v := url.Values{}
		for k, vs := range q {
			if k != "page" {
				v[k] = vs
			}
		}
		if p > 1 {
			v.Set("page", strconv.Itoa(p))
		}
		if len(v) == 0 {
			return self
		}
		return self + "?" + v.Encode()
	}
	links := map[string]any{"first": link(1), "self": link(page), "last": link(pages)}
	if page > 1 {
		links["prev"] = link(page - 1)
	}
	if page < pages {
		links["next"] = link(page + 1)
	}
	dataOut := make([]obj, 0, to-from)
	dataOut = append(dataOut, kept[from:to]...)
	writeJSON(w, http.StatusOK, map[string]any{"data": dataOut, "links": links,
		"pagination": map[string]any{"totalElements": len(kept), "elementsPerPage": per, "currentPage": page, "totalPages": pages}})
}
