// Package oparl builds the objects of OParl 1.1, the standard interface of
// German council information systems, from gremium's public data. It does
// no I/O: the store calls it inside the transaction of every change and
// keeps the JSON of each object (store/oparl.go); internal/api serves that
// JSON. Texts given here must already be the public version (the
// publication gate in model decides what is public).
//
// The JSON holds two placeholders that the server replaces when it sends
// it: Base for the canonical public URL and License for the license URL, so
// that neither is frozen into the stored objects.
package oparl

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"gremium/internal/model"
)

// NS is the OParl 1.1 namespace; types are NS + "Meeting" and so on.
const NS = "https://schema.oparl.org/1.1/"

// Base stands for the public URL of the installation in stored JSON;
// License for the license URL. Both are private-use characters that Text
// removes from every text, so no content can contain them.
const (
	Base    = "\uE000"
	License = "\uE001"
)

// Root is the OParl entry point (the System object) in stored JSON.
const Root = Base + "/oparl/v1"

// DefaultLicense is the license of the published data unless configured:
// Datenlizenz Deutschland – Namensnennung – Version 2.0, which German
// public bodies use for open data.
const DefaultLicense = "https://www.govdata.de/dl-de/by-2-0"

// Kinds of objects: the word in the URL, and the OParl type.
const (
	KindSystem          = "system"
	KindBody            = "body"
	KindOrganization    = "organization"
	KindPerson          = "person"
	KindMembership      = "membership"
	KindMeeting         = "meeting"
	KindAgendaItem      = "agendaitem"
	KindPaper           = "paper"
	KindConsultation    = "consultation"
	KindFile            = "file"
	KindLocation        = "location"
	KindLegislativeTerm = "legislativeterm"
)

// Types maps a kind to its OParl type name.
var Types = map[string]string{
	KindSystem: "System", KindBody: "Body", KindOrganization: "Organization", KindPerson: "Person",
	KindMembership: "Membership", KindMeeting: "Meeting", KindAgendaItem: "AgendaItem", KindPaper: "Paper",
	KindConsultation: "Consultation", KindFile: "File", KindLocation: "Location", KindLegislativeTerm: "LegislativeTerm",
}

// Lists maps the name of each list of a Body (as in its URL) to the kind
// of its objects.
var Lists = map[string]string{
	"organization": KindOrganization, "person": KindPerson, "meeting": KindMeeting, "paper": KindPaper,
	"agendaItem": KindAgendaItem, "consultation": KindConsultation, "file": KindFile,
	"locationList": KindLocation, "legislativeTermList": KindLegislativeTerm, "membership": KindMembership,
}

// URL gives the id of an object in stored JSON.
func URL(kind string, id int64) string { return Root + "/" + kind + "/" + strconv.FormatInt(id, 10) }

// Web gives the address of an HTML page of the site in stored JSON.
func Web(path string) string { return Base + path }

// Text gives s without the placeholder characters.
func Text(s string) string {
	if !strings.ContainsAny(s, Base+License) {
		return s
	}
	return strings.NewReplacer(Base, "", License, "").Replace(s)
}

// TimeFormat is how OParl writes a date-time (yyyy-mm-ddThh:mm:ss±hh:mm,
// chapter 2.4), here in German time.
const TimeFormat = "2006-01-02T15:04:05-07:00"

// Time writes t as OParl date-time in German time.
func Time(t time.Time) string { return t.In(model.Berlin).Format(TimeFormat) }

// Object is an OParl object under construction.
type Object map[string]any

// Marshal writes v as compact JSON without HTML escaping (chapter 2.4:
// XML/HTML string escaping must not be used).
func Marshal(v any) ([]byte, error) {
	if o, ok := v.(Object); ok {
		return appendObject(make([]byte, 0, 512), o)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Hash gives the hash of an object's content.
func Hash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:16])
}

// Expand replaces the placeholders of stored JSON by the public URL and
// the license URL.
func Expand(b []byte, base, license string) []byte {
	return AppendExpanded(make([]byte, 0, len(b)+len(b)/8), b, base, license)
}

// AppendExpanded appends stored JSON to dst with the placeholders replaced,
// in one pass.
func AppendExpanded(dst, b []byte, base, license string) []byte {
	// Both placeholders are EE 80 80 / EE 80 81 in UTF-8.
	for {
		i := bytes.IndexByte(b, 0xEE)
		if i < 0 || i+2 >= len(b) {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		switch {
		case b[i+1] == 0x80 && b[i+2] == 0x80:
			dst = append(dst, base...)
		case b[i+1] == 0x80 && b[i+2] == 0x81:
			dst = append(dst, license...)
		default:
			dst = append(dst, b[i:i+3]...)
		}
		b = b[i+3:]
	}
}

// Embedded gives an object's stored JSON as it is written inside its
// parent: without the reference back to the parent (chapter 3: "Bei der
// internen Ausgabe wird beim internen Objekt auf die Rückreferenz auf das
// Elternobjekt verzichtet").
func Embedded(raw []byte, backref string) (json.RawMessage, error) {
	if out, ok := dropMembers(raw, []string{backref}); ok {
		return out, nil
	}
	return dropMembersDecoded(raw, []string{backref})
}

// Without gives stored JSON without the named keys (for omit_internal).
func Without(raw []byte, keys ...string) ([]byte, error) {
	if out, ok := dropMembers(raw, keys); ok {
		return out, nil
	}
	return dropMembersDecoded(raw, keys)
}

// Internal lists the embedded lists that omit_internal leaves out, by kind
// (chapter 2.5).
var Internal = map[string][]string{
	KindMeeting: {"agendaItem", "auxiliaryFile"},
	KindPerson:  {"membership"},
	KindBody:    {"legislativeTerm"},
	KindPaper:   {"location", "auxiliaryFile"},
}

func newObject(kind string, id int64) Object {
	return Object{"id": URL(kind, id), "type": NS + Types[kind], "license": License}
}

// Tombstone is what is left of a deleted or depublished object (chapter
// 2.8): id, type, deleted; the store adds created and modified.
func Tombstone(kind string, id int64) Object {
	return Object{"id": URL(kind, id), "type": NS + Types[kind], "deleted": true}
}

// System is the entry point. product names the product's website; gremium
// has none apart from the installation, so the server gives its start
// page.
func System(bodyList, product string) Object {
	return Object{"id": Root, "type": NS + "System", "oparlVersion": NS, "name": "gremium", "license": License,
		"body": bodyList, "website": Web("/"), "web": Web("/"), "product": product}
}

// Body is the council (the IT-PLR). terms are embedded; mainOrg, the
// public id of the council's Organization (0: none), is referenced by its
// URL, as the schema asks.
func Body(b model.Body, id int64, mainOrg int64, terms []json.RawMessage) Object {
	o := newObject(KindBody, id)
	self := URL(KindBody, id)
	o["system"] = Root
	o["name"], o["shortName"] = Text(b.Name), Text(b.Abbrev)
	o["website"], o["web"] = Web("/"), Web("/")
	for list := range Lists {
		o[list] = self + "/" + list
	}
	if terms == nil {
		terms = []json.RawMessage{}
	}
	o["legislativeTerm"] = terms
	o["classification"] = "Bund-Länder-Gremium"
	if mainOrg != 0 {
		o["mainOrganization"] = URL(KindOrganization, mainOrg)
	}
	return o
}

// Organization is a body of gremium: the council, a FachMK, a steering
// group.
func Organization(b model.Body, id, bodyID, parentID int64, memberships []int64, council bool) Object {
	o := newObject(KindOrganization, id)
	o["body"] = URL(KindBody, bodyID)
	o["name"], o["shortName"] = Text(b.Name), Text(b.Abbrev)
	o["meeting"] = URL(KindOrganization, id) + "/meeting"
	o["web"] = Web("/fachmk/" + pathEscape(b.Abbrev))
	switch {
	case council:
		o["organizationType"], o["classification"], o["web"] = "Gremium", b.Kind.Label(), Web("/")
	case b.Kind == model.BodyFachMK:
		o["organizationType"], o["classification"] = "Sonstiges", "Fachministerkonferenz"
		if b.ActsForID != 0 {
			o["classification"] = "Gremium einer Fachministerkonferenz"
		}
	default:
		o["organizationType"], o["classification"], o["web"] = "Gremium", b.Kind.Label(), Web("/")
	}
	if parentID != 0 {
		o["subOrganizationOf"] = URL(KindOrganization, parentID)
	}
	if len(memberships) > 0 {
		var ms []string
		for _, m := range memberships {
			ms = append(ms, URL(KindMembership, m))
		}
		o["membership"] = ms
	}
	return o
}

// Person is a member's representative or a spokesperson.
func Person(p model.Person, id, bodyID int64, memberships []json.RawMessage) Object {
	o := newObject(KindPerson, id)
	o["body"] = URL(KindBody, bodyID)
	o["name"] = Text(p.Name)
	if p.Function != "" {
		o["status"] = []string{Text(p.Function)}
	}
	if len(memberships) > 0 {
		o["membership"] = memberships
	}
	return o
}

// Membership is a spokesperson assignment (fachpolitische:r Sprecher:in).
func Membership(a model.Assignment, id, personID, orgID int64, ended model.Date) Object {
	o := newObject(KindMembership, id)
	o["person"] = URL(KindPerson, personID)
	o["organization"] = URL(KindOrganization, orgID)
	o["role"] = "Fachpolitische:r Sprecher:in des IT-Planungsrats (" + Text(a.Member) + ")"
	o["votingRight"] = false
	if !a.StartOn.IsZero() {
		o["startDate"] = a.StartOn.String()
	}
	if !ended.IsZero() {
		o["endDate"] = ended.String()
	}
	return o
}

// MeetingState gives OParl's meetingState of a session status.
func MeetingState(s model.SessionStatus) string {
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

func dateTime(d model.Date, clock string) (string, bool) {
	if d.IsZero() || clock == "" {
		return "", false
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", d.String()+" "+clock, model.Berlin)
	if err != nil {
		return "", false
	}
	return Time(t), true
}

// Meeting is a session of the council; location, file and items are
// embedded (nil: none).
func Meeting(se model.Session, id int64, councilName string, orgID int64, location, file json.RawMessage, items []json.RawMessage) Object {
	o := newObject(KindMeeting, id)
	// "47. Sitzung des IT-Planungsrats": the genitive of the name, as
	// the pages write it (model.Body.Of; "des …s" was wrong for a name
	// ending in s or a feminine one).
	o["name"] = fmt.Sprintf("%d. Sitzung %s", se.Number, Text(model.Body{Name: councilName}.Of()))
	o["meetingState"] = MeetingState(se.Status)
	if se.Cancelled() {
		// OParl 1.1, 3.7: cancelled marks a meeting that was called off;
		// its state says so too, as the pages do ("abgesagt").
		o["meetingState"] = se.StatusLabel()
		o["cancelled"] = true
	}
	o["organization"] = []string{URL(KindOrganization, orgID)}
	o["web"] = Web(fmt.Sprintf("/sitzungen/%d", se.Number))
	if s, ok := dateTime(se.Date, se.StartTime); ok {
		o["start"] = s
	} else if s, ok := dateTime(se.Date, "00:00"); ok {
		o["start"] = s
	}
	if e, ok := dateTime(se.Date, se.EndTime); ok {
		o["end"] = e
	}
	if location != nil {
		o["location"] = location
	}
	if file != nil {
		o["resultsProtocol"] = file
	}
	if len(items) > 0 {
		o["agendaItem"] = items
	}
	return o
}

// ConferenceMeetingState gives the meetingState of a FachMK date on day
// today: "geplant" before its first day, "laufend" from its first to its
// last day, "durchgeführt" after it. A date called off is removed by its
// keepers (it becomes a tombstone), so a date has no state "abgesagt".
func ConferenceMeetingState(d model.ConferenceDate, today model.Date) string {
	switch {
	case today.Before(d.Starts):
		return "geplant"
	case d.LastDay().Before(today):
		return "durchgeführt"
	}
	return "laufend"
}

// ConferenceMeetingName names a FachMK date as its Meeting: its title
// with the conference ("Frühjahrskonferenz 2026 der
// Innenministerkonferenz"), the title alone where it names the conference
// already, "Sitzung der Innenministerkonferenz" without a title. A
// client lists the Meetings of every organization side by side (the
// body's list /oparl/v1/body/1/meeting holds the council's sessions and
// every conference's dates): the title alone gave sixteen entries
// "Frühjahrskonferenz 2027" that no reader could tell apart.
func ConferenceMeetingName(d model.ConferenceDate, conference model.Body) string {
	title := strings.TrimSpace(d.Title)
	of := conference.Of()
	switch {
	case title == "":
		return strings.TrimSpace("Sitzung " + of)
	case of == "", strings.Contains(title, conference.Name), conference.Abbrev != "" && slices.Contains(strings.FieldsFunc(title, notLetterOrDigit), conference.Abbrev):
		return title
	}
	return title + " " + of
}

// notLetterOrDigit splits a title into its words for
// ConferenceMeetingName: "IMK-Frühjahrskonferenz" names the IMK.
func notLetterOrDigit(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// ConferenceMeeting is a session date of a FachMK (Konferenztermin, kept by
// its secretariat), a Meeting of the conference's Organization orgID; its
// venue's Location is embedded (nil: none). The name is the date's title
// with the conference (ConferenceMeetingName). The span is that of the date's iCalendar
// event: a date with a start time from that time on its first day to its
// end time on its last day; an all-day date (no start time) from 00:00 of
// its first day to 00:00 of the day after its last, the exclusive end of
// DTEND;VALUE=DATE. A date of one day with a start time and no end time
// has no end (its event has no DTEND); one of several days ends at 00:00
// after its last day, which its event does not say. today gives the
// meetingState
// (ConferenceMeetingState). web is the conference's page, whose list of
// dates ("#termine") shows the coming ones.
func ConferenceMeeting(d model.ConferenceDate, conference model.Body, id, orgID int64, location json.RawMessage, today model.Date) Object {
	o := newObject(KindMeeting, id)
	o["name"] = Text(ConferenceMeetingName(d, conference))
	o["meetingState"] = ConferenceMeetingState(d, today)
	o["organization"] = []string{URL(KindOrganization, orgID)}
	o["web"] = Web("/fachmk/" + pathEscape(conference.Abbrev) + "#termine")
	last := d.LastDay()
	afterLast := model.BerlinDate(last.Time().AddDate(0, 0, 1))
	if s, ok := dateTime(d.Starts, d.StartTime); ok {
		o["start"] = s
		if e, ok := dateTime(last, d.EndTime); ok {
			o["end"] = e
		} else if e, ok := dateTime(afterLast, "00:00"); ok && last != d.Starts {
			o["end"] = e
		}
	} else if s, ok := dateTime(d.Starts, "00:00"); ok {
		o["start"] = s
		if e, ok := dateTime(afterLast, "00:00"); ok {
			o["end"] = e
		}
	}
	if location != nil {
		o["location"] = location
	}
	return o
}

// AgendaItem is a public agenda item (TOP), the anchor its session page
// gives it (model.ItemAnchors: its web is the page at that anchor, never
// at its row id, whose gaps would count the hidden items) and its place
// in the agenda from 1 (order: not the stored position, which counts the
// registrations not on the agenda as well). dec is its public, numbered
// decision (nil: none) with the id of its consultation; unnumbered are its
// public decisions without a number (a Kenntnisnahme, older sessions),
// which have no Paper: their titles and points are the resolutionText
// (after the numbered decision's points) and their result the result
// where no numbered decision gives one.
func AgendaItem(it model.AgendaItem, se model.Session, anchor string, order int, id, meetingID int64, section string, dec *model.Decision, consultationID int64, unnumbered []model.Decision) Object {
	o := newObject(KindAgendaItem, id)
	o["meeting"] = URL(KindMeeting, meetingID)
	o["order"] = order
	o["public"] = true
	web := fmt.Sprintf("/sitzungen/%d", se.Number)
	if anchor != "" {
		web += "#" + anchor
	}
	o["web"] = Web(web)
	if it.Number != "" {
		o["number"] = Text(it.Number)
	}
	name := it.Title
	if name == "" {
		name = it.Label()
	}
	o["name"] = Text(name)
	if section != "" {
		o["keyword"] = []string{Text(section)}
	}
	if line := it.Deferral.Line(); line != "" && (dec == nil || consultationID == 0) {
		// Vertagung: the item was deferred to a later meeting (or comes
		// from an earlier one); the minutes' line is its result.
		o["result"] = Text(line)
	}
	if dec != nil && consultationID != 0 {
		o["consultation"] = URL(KindConsultation, consultationID)
		if dec.Result != "" {
			o["result"] = Text(dec.Result)
		}
		var pts []string
		for _, p := range dec.Points {
			pts = append(pts, strings.TrimSpace(Text(p.Label+" "+p.Text)))
		}
		if len(pts) > 0 {
			o["resolutionText"] = strings.Join(pts, "\n")
		}
	}
	var texts, results []string
	if t, ok := o["resolutionText"].(string); ok {
		texts = append(texts, t)
	}
	for _, d := range unnumbered {
		var lines []string
		if t := strings.TrimSpace(Text(d.Title)); t != "" {
			lines = append(lines, t)
		}
		for _, p := range d.Points {
			lines = append(lines, strings.TrimSpace(Text(p.Label+" "+p.Text)))
		}
		if len(lines) > 0 {
			texts = append(texts, strings.Join(lines, "\n"))
		}
		if r := Text(d.Result); r != "" && !slices.Contains(results, r) {
			results = append(results, r)
		}
	}
	if len(texts) > 0 {
		o["resolutionText"] = strings.Join(texts, "\n\n")
	}
	if _, ok := o["result"]; !ok && len(results) > 0 {
		o["result"] = strings.Join(results, "; ")
	}
	return o
}

// Paper is a public decision (Beschluss, Beschlussempfehlung) with its
// consultation embedded; related are the papers of the decisions its
// agenda item builds on (Quelle).
func Paper(d model.Decision, id, bodyID int64, consultation json.RawMessage, related []int64, keywords []string) Object {
	o := newObject(KindPaper, id)
	name := d.Title
	if name == "" {
		name = d.Label
	}
	o["body"] = URL(KindBody, bodyID)
	o["name"] = Text(name)
	o["reference"] = Text(d.Label)
	o["paperType"] = d.Name()
	o["web"] = Web("/beschluesse/" + d.Label)
	if !d.AdoptedOn.IsZero() {
		o["date"] = d.AdoptedOn.String()
	}
	if consultation != nil {
		o["consultation"] = []json.RawMessage{consultation}
	}
	if len(related) > 0 {
		var rs []string
		for _, r := range related {
			rs = append(rs, URL(KindPaper, r))
		}
		o["relatedPaper"] = rs
	}
	var kw []string
	for _, k := range keywords {
		if k != "" {
			kw = append(kw, Text(k))
		}
	}
	if len(kw) > 0 {
		o["keyword"] = kw
	}
	return o
}

// Consultation is the treatment of a paper in a session (or in written
// procedure when meetingID is 0).
func Consultation(d model.Decision, id, paperID, itemID, meetingID, orgID int64) Object {
	o := newObject(KindConsultation, id)
	o["paper"] = URL(KindPaper, paperID)
	o["organization"] = []string{URL(KindOrganization, orgID)}
	o["authoritative"] = true
	o["role"] = "Beschlussfassung"
	if itemID != 0 {
		o["agendaItem"] = URL(KindAgendaItem, itemID)
	}
	if meetingID != 0 {
		o["meeting"] = URL(KindMeeting, meetingID)
	} else {
		o["role"] = "Beschlussfassung im Umlaufverfahren"
	}
	return o
}

// File is the public minutes of a session as PDF. Until the minutes are
// approved its name and file name say it is a draft ("Entwurf"), as the
// PDF itself does.
func File(se model.Session, corrected Correction, id, meetingID int64) Object {
	o := newObject(KindFile, id)
	o["name"] = model.MinutesTitle(fmt.Sprintf("Protokoll der %d. Sitzung", se.Number), se, model.Public)
	if corrected.Version > 1 {
		o["name"] = fmt.Sprintf("%s, Fassung %d (berichtigt am %s)", o["name"], corrected.Version, corrected.On.German())
	}
	o["fileName"] = model.MinutesFileName(se, "pdf")
	o["mimeType"] = "application/pdf"
	o["accessUrl"] = Web(fmt.Sprintf("/sitzungen/%d/protokoll.pdf", se.Number))
	o["downloadUrl"] = Web(fmt.Sprintf("/sitzungen/%d/protokoll.pdf?herunterladen=1", se.Number))
	o["meeting"] = []string{URL(KindMeeting, meetingID)}
	o["web"] = Web(fmt.Sprintf("/sitzungen/%d/protokoll", se.Number))
	switch {
	case corrected.Version > 1 && !corrected.On.IsZero():
		o["date"] = corrected.On.String()
	case !se.MinutesStand.IsZero():
		o["date"] = se.MinutesStand.String()
	}
	return o
}

// Correction is the newest correction of approved minutes (a minutes
// version after the first, store.ApproveMinutesCorrection): its number
// and the day it was approved. The zero value: the minutes as approved.
// The File names it and takes its day as its date, so that a client
// polling with modified_since fetches the corrected minutes again (the
// File's content, and with it its modified time, changes).
type Correction struct {
	Version int
	On      model.Date
}

// Location is a venue of the council's sessions: one per place text,
// which is its description. locality is the town only when the text is
// nothing but a town's name (Locality); a venue such as "Berlin,
// Bundesministerium; Raum 1" names none reliably. The Location names no
// meetings: it is the same object whatever sessions are held there
// (Meeting embeds it).
func Location(place string, id int64) Object {
	o := newObject(KindLocation, id)
	o["description"] = Text(place)
	if town := Locality(place); town != "" {
		o["locality"] = Text(town)
	}
	return o
}

// Locality gives the town of a venue if the venue's text is a town's name
// alone ("Schwerin", "Frankfurt am Main", "Halle (Saale)"): letters,
// spaces, hyphens, dots and brackets, no comma, semicolon or digit, and no
// word of a conference held without a place (Videokonferenz, online).
// Else "": which part of a longer text is the town cannot be told.
func Locality(place string) string {
	place = strings.TrimSpace(place)
	if place == "" {
		return ""
	}
	for _, r := range place {
		if !unicode.IsLetter(r) && !strings.ContainsRune(" -.()", r) {
			return ""
		}
	}
	lower := strings.ToLower(place)
	for _, w := range []string{"konferenz", "online", "virtuell", "digital", "hybrid", "video", "telefon", "umlauf", "webex", "zoom"} {
		if strings.Contains(lower, w) {
			return ""
		}
	}
	return place
}

// LegislativeTerm is a year of the council (the chair rotates yearly).
func LegislativeTerm(year int, id, bodyID int64) Object {
	o := newObject(KindLegislativeTerm, id)
	o["body"] = URL(KindBody, bodyID)
	o["name"] = fmt.Sprintf("Vorsitzjahr %d", year)
	o["startDate"] = fmt.Sprintf("%d-01-01", year)
	o["endDate"] = fmt.Sprintf("%d-12-31", year)
	return o
}

func pathEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
