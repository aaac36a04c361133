package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/csvout"
	"gremium/internal/model"
	"gremium/internal/store"
)

// The audit log pages (Änderungsprotokoll) for the secretariat: the
// entries with filters and paging, their CSV export and a check of the
// hash chain.

// auditPageSize is the number of entries per page.
const auditPageSize = 50

// auditQuery is the audit page's filter as given in the address.
type auditQuery struct {
	Who, Kind, ID, From, Until string // as typed
	Before, After              int64  // paging: entries older than Before / newer than After
	filter                     store.AuditFilter
}

// Query gives the filter as URL query, without paging.
func (q auditQuery) Query() string {
	v := url.Values{}
	for _, p := range [][2]string{{"wer", q.Who}, {"objekt", q.Kind}, {"nr", q.ID}, {"von", q.From}, {"bis", q.Until}} {
		if p[1] != "" {
			v.Set(p[0], p[1])
		}
	}
	return v.Encode()
}

// Active says whether any filter is set.
func (q auditQuery) Active() bool { return q.Query() != "" }

// link gives the page address of the filter with one more parameter.
func (q auditQuery) link(path, key string, val int64) template.URL {
	v, _ := url.ParseQuery(q.Query())
	if key != "" {
		v.Set(key, strconv.FormatInt(val, 10))
	}
	if len(v) == 0 {
		return template.URL(path)
	}
	return template.URL(path + "?" + v.Encode())
}

// parseAuditQuery reads the filter; the error is a German message.
func parseAuditQuery(v url.Values) (auditQuery, string) {
	q := auditQuery{Who: strings.TrimSpace(v.Get("wer")), Kind: v.Get("objekt"), ID: strings.TrimSpace(v.Get("nr")),
		From: strings.TrimSpace(v.Get("von")), Until: strings.TrimSpace(v.Get("bis"))}
	f := store.AuditFilter{Actor: q.Who, Limit: auditPageSize}
	if q.Kind != "" {
		known := false
		for _, k := range store.AuditKinds() {
			known = known || k.Name == q.Kind
		}
		if !known {
			return q, "Diese Objektart gibt es nicht."
		}
		f.Entity = q.Kind
	}
	if q.ID != "" {
		id, err := strconv.ParseInt(q.ID, 10, 64)
		if err != nil || id < 0 {
			return q, "Die Objektnummer muss eine Zahl sein."
		}
		if q.Kind == "" {
			return q, "Bitte wählen Sie zur Objektnummer die Objektart."
		}
		f.EntityID = id
	}
	day := func(s, what string) (time.Time, string) {
		d, err := model.ParseDate(s)
		if err != nil {
			return time.Time{}, fmt.Sprintf("„%s“ ist kein Datum (%s im Format TT.MM.JJJJ).", s, what)
		}
		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, model.Berlin), ""
	}
	var msg string
	if q.From != "" {
		if f.From, msg = day(q.From, "von"); msg != "" {
			return q, msg
		}
	}
	if q.Until != "" {
		var until time.Time
		if until, msg = day(q.Until, "bis"); msg != "" {
			return q, msg
		}
		f.Until = until.AddDate(0, 0, 1) // the whole last day, in German time
		if !f.From.IsZero() && !f.From.Before(f.Until) {
			return q, "Der Zeitraum endet vor seinem Beginn."
		}
	}
	for _, p := range []struct {
		key string
		to  *int64
	}{{"vor", &q.Before}, {"nach", &q.After}} {
		if s := v.Get(p.key); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n <= 0 {
				return q, "Die Seitenangabe ist ungültig."
			}
			*p.to = n
		}
	}
	f.Before, f.After = q.Before, q.After
	q.filter = f
	return q, ""
}

// auditChange is one changed field of an entry.
type auditChange struct {
	Field, Before, After string
}

// auditRow is an entry as the page shows it.
type auditRow struct {
	model.AuditEntry
	When, ActionLabel, KindLabel string
	Changes                      []auditChange
	// Object names the entry's object as the secretariat knows it, with
	// the link to its page (store.AuditObjects).
	Object    store.AuditObject
	ObjectURL template.URL // the filter on this object
	// Created names the filtered object when this entry is the import
	// that created it (an entry of its session): "legte Beschluss B-2025/14-IT … an".
	Created string
}

type auditData struct {
	Filter        auditQuery
	Error         string
	Kinds         []store.AuditKind
	Rows          []auditRow
	Newer, Older  template.URL
	CSV           template.URL
	Head          store.AuditHead
	Check         *store.AuditReport // the chain check, when asked for
	CheckDuration string
}

// auditValueText shows a recorded JSON value: strings without quotes,
// anything else as compact JSON.
func auditValueText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s == "" {
			return "(leer)"
		}
		return s
	}
	if string(raw) == "null" {
		return "(leer)"
	}
	// Dependent rows (votes, versions …): "key=value …" per row.
	var rows []map[string]json.RawMessage
	if json.Unmarshal(raw, &rows) == nil {
		parts := make([]string, len(rows))
		for i, row := range rows {
			keys := make([]string, 0, len(row))
			for k := range row {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			fields := make([]string, len(keys))
			for j, k := range keys {
				var v string
				if json.Unmarshal(row[k], &v) != nil {
					v = string(row[k])
				}
				fields[j] = k + "=" + v
			}
			parts[i] = strings.Join(fields, " ")
		}
		return strings.Join(parts, "; ")
	}
	return string(raw)
}

// auditImportText shows the record of an import entry
// (store.ImportedRows) in German: the file, and per kind of row the count
// and the numbers of the rows created, so that the secretariat reads which
// rows an import made, not table names and JSON. A record of another shape is shown as it is (fallback).
func auditImportText(raw json.RawMessage, fallback string) string {
	var rec store.ImportedRows
	if json.Unmarshal(raw, &rec) != nil {
		return fallback
	}
	kinds := make([]string, 0, len(rec.Created))
	for k := range rec.Created {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return store.AuditKindLabel(kinds[i]) < store.AuditKindLabel(kinds[j]) })
	var parts []string
	for _, k := range kinds {
		var ranges []string
		for _, r := range rec.Created[k] {
			if r[0] == r[1] {
				ranges = append(ranges, strconv.FormatInt(r[0], 10))
			} else {
				ranges = append(ranges, fmt.Sprintf("%d–%d", r[0], r[1]))
			}
		}
		parts = append(parts, fmt.Sprintf("%d × %s (Nr. %s)", rec.Counts[k], store.AuditKindLabel(k), strings.Join(ranges, ", ")))
	}
	created := "keine neuen Zeilen"
	if len(parts) > 0 {
		created = strings.Join(parts, "; ")
	}
	file := "ohne Datei"
	if rec.File.SHA256 != "" {
		file = fmt.Sprintf("Datei mit %d Bytes, SHA-256 %s", rec.File.Bytes, rec.File.SHA256)
	}
	return file + ". Angelegt: " + created
}

// hiddenChoice stands in the audit log for the choice of a vote cast in
// a vote that is still open.
const hiddenChoice = "verdeckt bis zum Abschluss der Abstimmung"

// hideOpenVoteChoices hides, in an entry about a vote in session that is
// still open (secret tells which), how each member voted: the live page
// shows only who has voted until the vote is closed, and the audit log
// must not tell more. Votes by show of hands, which everybody saw, stay.
// The stored entry and its hash are unchanged; only the display is.
func hideOpenVoteChoices(e model.AuditEntry, secret func(int64) bool) model.AuditEntry {
	if e.Entity != "vote" || !secret(e.EntityID) {
		return e
	}
	hide := func(state string) string {
		var m map[string]json.RawMessage
		if json.Unmarshal([]byte(state), &m) != nil {
			return state
		}
		var rows []map[string]json.RawMessage
		if json.Unmarshal(m["stimmen"], &rows) != nil {
			return state
		}
		hidden, _ := json.Marshal(hiddenChoice)
		for _, row := range rows {
			if sh := string(row["show_of_hands"]); sh == "1" || sh == "true" {
				continue
			}
			if _, ok := row["choice"]; ok {
				row["choice"] = hidden
			}
		}
		m["stimmen"], _ = json.Marshal(rows)
		out, err := json.Marshal(m)
		if err != nil {
			return state
		}
		return string(out)
	}
	e.Before, e.After = hide(e.Before), hide(e.After)
	return e
}

// auditChanges lists the fields of an entry's before and after, sorted.
func auditChanges(before, after string) []auditChange {
	var b, a map[string]json.RawMessage
	json.Unmarshal([]byte(before), &b)
	json.Unmarshal([]byte(after), &a)
	fields := map[string]bool{}
	for k := range b {
		fields[k] = true
	}
	for k := range a {
		fields[k] = true
	}
	out := make([]auditChange, 0, len(fields))
	for k := range fields {
		c := auditChange{Field: k}
		if v, ok := b[k]; ok {
			c.Before = auditValueText(v)
		}
		if v, ok := a[k]; ok {
			c.After = auditValueText(v)
			if k == "importiert" {
				c.After = auditImportText(v, c.After)
			}
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ViewAudit, ""); !ok {
		return
	}
	ctx := r.Context()
	q, msg := parseAuditQuery(r.URL.Query())
	d := auditData{Filter: q, Error: msg, Kinds: store.AuditKinds(), CSV: q.link("/aenderungsprotokoll.csv", "", 0)}
	var err error
	if d.Head, err = s.st.AuditHeadNow(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	if r.URL.Query().Get("pruefen") == "1" {
		started := time.Now()
		rep, err := s.st.VerifyAudit(ctx, store.AuditHead{})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Check, d.CheckDuration = &rep, time.Since(started).Round(time.Millisecond).String()
	}
	status := http.StatusOK
	if msg != "" {
		status = http.StatusBadRequest
	} else {
		page, err := s.st.AuditEntries(ctx, q.filter)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		secret, err := s.st.SecretVotes(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		// The objects' names, with the filtered object's last (for the
		// import that created it): a fixed number of statements a page.
		named := page.Entries
		if f := q.filter; f.EntityID != 0 {
			named = append(slices.Clip(named), model.AuditEntry{Entity: f.Entity, EntityID: f.EntityID})
		}
		objects, err := s.st.AuditObjects(ctx, named)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for i, e := range page.Entries {
			e = hideOpenVoteChoices(e, secret)
			row := auditRow{AuditEntry: e, When: e.At.In(model.Berlin).Format("02.01.2006 15:04:05"),
				ActionLabel: store.AuditActionLabel(e.Action), KindLabel: store.AuditKindLabel(e.Entity),
				Changes: auditChanges(e.Before, e.After), Object: objects[i]}
			obj := url.Values{"objekt": {e.Entity}, "nr": {strconv.FormatInt(e.EntityID, 10)}}
			row.ObjectURL = template.URL("/aenderungsprotokoll?" + obj.Encode())
			if f := q.filter; f.EntityID != 0 && e.Entity != f.Entity {
				row.Created = "legte " + objects[len(objects)-1].Name + " an"
			}
			d.Rows = append(d.Rows, row)
		}
		if page.Newer && len(page.Entries) > 0 {
			d.Newer = q.link("/aenderungsprotokoll", "nach", page.Entries[0].ID)
		}
		if page.Older && len(page.Entries) > 0 {
			d.Older = q.link("/aenderungsprotokoll", "vor", page.Entries[len(page.Entries)-1].ID)
		}
	}
	s.render(w, r, status, "auditlog.html", view{Title: "Änderungsprotokoll", Active: "protokoll", Data: d})
}

func (s *Server) auditCSV(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ViewAudit, ""); !ok {
		return
	}
	q, msg := parseAuditQuery(r.URL.Query())
	if msg != "" {
		s.badRequest(w, r, msg)
		return
	}
	f := q.filter
	f.Before, f.After = 0, 0
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="aenderungsprotokoll-%s.csv"`, s.today().String()))
	secret, err := s.st.SecretVotes(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cw := csvout.NewWriter(w) // formula cells neutralised
	cw.Write([]string{"Nr.", "Zeit", "Wer", "Aktion", "Objektart", "Objekt-Nr.", "Angabe", "Vorher", "Nachher", "Hash"})
	err = s.st.EachAuditEntry(r.Context(), f, func(e model.AuditEntry) error {
		e = hideOpenVoteChoices(e, secret)
		row := []string{strconv.FormatInt(e.ID, 10), e.At.In(model.Berlin).Format("02.01.2006 15:04:05"), e.Actor,
			store.AuditActionLabel(e.Action), store.AuditKindLabel(e.Entity), strconv.FormatInt(e.EntityID, 10),
			e.Detail, e.Before, e.After, e.Hash}
		return cw.Write(row)
	})
	if err != nil {
		// The header is sent: the file says that it is incomplete, the log
		// has the error.
		s.log.Error("audit export", "request_id", requestID(r), "err", err)
		cw.Write([]string{"Export abgebrochen: interner Fehler (Fehlernummer " + requestID(r) + ")"})
	}
	cw.Flush()
}
