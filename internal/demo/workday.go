package demo

// The working day of the demo: the sessions before the 47th with date,
// agenda and decisions, and the FachMK dates and contacts the secretariat
// keeps. Unlike the 47th session and the concept (transcribed from the
// source documents), this content is illustrative: the source documents
// say only that the 45th and 46th sessions took place, that the 47th
// approved the minutes of the 46th, and which earlier decisions the 47th
// cites (B-2024/48-IT on the common EfA financing, B-2025/13-IT on the
// overall steering of the register modernisation, B-2025/19-IT on the
// commonly financed EfA services). The 45th and 46th sessions are built
// around those citations; their dates, places and texts are examples.

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// Dates of the illustrative sessions.
var (
	session45Date = model.NewDate(2024, 11, 14)
	session46Date = model.NewDate(2025, 3, 27)
)

func adopted(year, seq int, on model.Date, result string, points ...model.Point) Row {
	return Row{Kind: RowDecision, Decision: model.Decision{Kind: model.KindDecision, Number: model.DecisionNumber{Year: year, Seq: seq},
		Label: fmt.Sprintf("B-%d/%02d-IT", year, seq), Points: points, Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: result, AdoptedOn: on}}
}

// Session45 gives the agenda and minutes of the illustrative 45th session.
func Session45() []Item {
	return []Item{
		{Section: "Begrüßung", Number: "00", Title: "Begrüßung",
			Points:    []string{"Begrüßung durch den Vorsitz des IT-Planungsrats", "Feststellung der Beschlussfähigkeit", "Bestätigung des Protokolls der 44. Sitzung", "Feststellung der finalen Tagesordnung"},
			Reporters: []string{"Bund"},
			Rows:      []Row{text("Feststellung der Beschlussfähigkeit. Feststellung der finalen Tagesordnung.")}},
		{Section: "Digitale Anwendungen", Number: "05", Title: "Gemeinsame EfA-Finanzierung", Points: []string{"Finanzierung der EfA-Leistungen ab 2025"},
			Goal: model.GoalDecision, Reporters: []string{"HE"}, Flags: model.ItemFlags{Decision: true, FollowUp: true},
			Rows: []Row{
				on("HE", "Stellt das Modell der gemeinsamen Finanzierung der EfA-Leistungen vor (Beispieltext der Demo)."),
				on("BY", "Begrüßt das Modell und bittet um einen Bericht zur Umsetzung."),
				adopted(2024, 48, session45Date, "einstimmig",
					pt("1.", "Der IT-Planungsrat beschließt die gemeinsame Finanzierung der EfA-Leistungen nach dem vorgestellten Modell (Beispieltext der Demo)."),
					pt("2.", "Die FITKO berichtet dem IT-Planungsrat spätestens zur 47. Sitzung über den Stand der Umsetzung.")),
			},
			FollowUps: []FollowUp{{FollowUp: model.FollowUp{Text: "Bericht über den Stand der gemeinsamen EfA-Finanzierung", Responsible: "FITKO", DueSession: 47, Status: model.FollowUpDone,
				DoneOn: session47Date, EvidenceText: "Bericht der FITKO in der 47. Sitzung (Beispieltext der Demo)."}, OfDecision: true}}},
		{Section: "Übergreifendes", Title: model.ReportingFachMKTitle, Goal: model.GoalReport,
			Rows: []Row{on("HB", "Berichtet aus der Finanzministerkonferenz (Beispieltext der Demo).")}},
	}
}

// Session46 gives the agenda and minutes of the illustrative 46th session.
func Session46() []Item {
	return []Item{
		{Section: "Begrüßung", Number: "00", Title: "Begrüßung",
			Points: []string{"Begrüßung durch den Vorsitz des IT-Planungsrats", "Feststellung der Beschlussfähigkeit", "Bestätigung des Protokolls der 45. Sitzung",
				"Feststellung der finalen Tagesordnung", "Beschluss über den Vorschlag der Grünen Liste"},
			Reporters: []string{"MV"},
			Rows:      []Row{text("Feststellung der Beschlussfähigkeit. Einstimmige Bestätigung des Protokolls der 45. Sitzung des IT-Planungsrats. Feststellung der finalen Tagesordnung.")}},
		{Section: "Datennutzung", Number: "06", Title: "Registermodernisierung", Points: []string{"Gesamtsteuerung Registermodernisierung"},
			Goal: model.GoalDecision, Reporters: []string{"HH"}, Flags: model.ItemFlags{Decision: true, Note: true},
			Rows: []Row{
				on("HH", "Erläutert den Vorschlag zur Gesamtsteuerung der Registermodernisierung (Beispieltext der Demo)."),
				adopted(2025, 13, session46Date, "einstimmig",
					pt("1.", "Der IT-Planungsrat richtet einen Lenkungskreis Gesamtsteuerung Registermodernisierung ein; den Vorsitz übernimmt Hamburg (Beispieltext der Demo)."),
					pt("2.", "Der Lenkungskreis legt dem IT-Planungsrat einen Vorschlag zur Steuerung des NOOTS vor.")),
				pn("Bayern", "Bayern bittet, die Kommunen frühzeitig einzubeziehen (Beispieltext der Demo)."),
			}},
		{Section: "Digitale Anwendungen", Number: "11", Title: "EfA-Verfahren", Points: []string{"Weiterentwicklung der gemeinsam finanzierten EfA-Verfahren"},
			Goal: model.GoalDecision, Sources: []string{"B-2024/48-IT"}, Reporters: []string{"HE"}, Flags: model.ItemFlags{Decision: true}, Consent: true,
			Rows: []Row{adopted(2025, 19, session46Date, consentResult,
				pt("", "Der IT-Planungsrat nimmt den Bericht zur Weiterentwicklung der gemeinsam finanzierten EfA-Verfahren zur Kenntnis und bittet die FITKO, die Verfahren an gemeinsamen Qualitätskriterien auszurichten (Beispieltext der Demo)."))}},
		{Section: "Übergreifendes", Title: model.ReportingFachMKTitle, Goal: model.GoalReport,
			Rows: []Row{on("NI", "Berichtet aus der Innenministerkonferenz (Beispieltext der Demo).")}},
	}
}

// sessionDocument turns demo items into a minutes document.
func sessionDocument(se model.Session, items []Item) minutes.Document {
	doc := minutes.Document{Audience: model.Internal, Session: se}
	consent := map[string]bool{}
	for _, sec := range itplr.Sections() {
		consent[sec.Name] = sec.Consent
	}
	for _, it := range items {
		item := minutes.Item{AgendaItem: model.AgendaItem{Number: it.Number, Title: it.Title, Points: it.Points, Goal: it.Goal,
			Sources: it.Sources, Reporters: it.Reporters, Flags: it.Flags, Consent: it.Consent}}
		for _, r := range it.Rows {
			item.Rows = append(item.Rows, documentRow(item.AgendaItem, r))
		}
		if n := len(doc.Sections); n == 0 || doc.Sections[n-1].Name != it.Section {
			doc.Sections = append(doc.Sections, minutes.Section{Name: it.Section, Consent: consent[it.Section]})
		}
		last := &doc.Sections[len(doc.Sections)-1]
		last.Items = append(last.Items, item)
	}
	return doc
}

// saveSession stores an illustrative session with its follow-ups, unless
// a session with its number exists.
func (l *loader) saveSession(ctx context.Context, se model.Session, items []Item) error {
	if _, err := l.s.SessionByNumber(ctx, l.councilID, se.Number); err == nil || !errors.Is(err, store.ErrNotFound) {
		return err
	}
	sessionID, _, err := minutes.Save(ctx, l.s, l.councilID, sessionDocument(se, items))
	if err != nil {
		return err
	}
	return l.followUps(ctx, sessionID, items)
}

// followUps stores the follow-ups of the items of a saved session.
func (l *loader) followUps(ctx context.Context, sessionID int64, items []Item) error {
	stored, err := l.s.Items(ctx, sessionID)
	if err != nil {
		return err
	}
	for i, it := range items {
		for _, f := range it.FollowUps {
			fu := f.FollowUp
			fu.ItemID = stored[i].ID
			if f.OfDecision {
				ds, err := l.s.ItemDecisions(ctx, stored[i].ID)
				if err != nil || len(ds) == 0 {
					return fmt.Errorf("decision of %s for follow-up: %v", stored[i].Label(), err)
				}
				fu.DecisionID = ds[0].ID
			}
			if _, err := l.s.CreateFollowUp(ctx, fu); err != nil {
				return err
			}
		}
	}
	return nil
}

// session45 adds the illustrative 45th session; the 46th approves its
// minutes.
func (l *loader) session45(ctx context.Context) error {
	return l.saveSession(ctx, model.Session{Number: 45, Date: session45Date, StartTime: "10:00", EndTime: "13:30", Place: "Berlin", Chair: "Bund",
		Status: model.StatusMinutesDraft, MinutesStand: model.NewDate(2024, 12, 12)}, Session45())
}

// session46 adds the illustrative 46th session; the 47th approves its
// minutes ("Einstimmige Bestätigung des Protokolls der 46. Sitzung").
func (l *loader) session46(ctx context.Context) error {
	return l.saveSession(ctx, model.Session{Number: 46, Date: session46Date, StartTime: "09:30", EndTime: "13:00", Place: "Schwerin", Chair: "MV",
		Status: model.StatusMinutesDraft, MinutesStand: model.NewDate(2025, 4, 24)}, Session46())
}

// conferenceCalendar gives every FachMK two dates in the twelve months
// after now (its next spring and its next autumn conference), and a
// contact for its secretariat, where the conference has none yet.
// conferenceDay is one demo conference date with a title that fits it.
type conferenceDay struct {
	title string
	day   model.Date
}

// conferenceDays gives the i-th FachMK its next two conferences after
// start, its next spring conference (May or June) and its next autumn
// conference (November or December), as the
// Fachministerkonferenzen hold them, each starting Monday to Thursday (it
// lasts two days). The title follows the season of the date, so a date in
// January is never called an autumn conference.
func conferenceDays(start model.Date, i int) []conferenceDay {
	from := start.Time()
	var all []conferenceDay
	for _, s := range []struct {
		name  string
		month time.Month
		span  int
	}{{"Frühjahrskonferenz", time.May, 50}, {"Herbstkonferenz", time.November, 40}} {
		t := time.Date(start.Year, s.month, 4+(i*3)%s.span, 0, 0, 0, 0, time.UTC)
		if !t.After(from) {
			t = t.AddDate(1, 0, 0)
		}
		// Move a weekend or Friday start to the Thursday before, or, where
		// that is not after start, to the Monday after: the date stays in
		// the twelve months.
		back, ahead := map[time.Weekday]int{time.Friday: 1, time.Saturday: 2, time.Sunday: 3}[t.Weekday()], map[time.Weekday]int{time.Friday: 3, time.Saturday: 2, time.Sunday: 1}[t.Weekday()]
		if b := t.AddDate(0, 0, -back); b.After(from) {
			t = b
		} else {
			t = t.AddDate(0, 0, ahead)
		}
		all = append(all, conferenceDay{title: fmt.Sprintf("%s %d", s.name, t.Year()), day: model.BerlinDate(t)})
	}
	sort.Slice(all, func(a, b int) bool { return all[a].day.Before(all[b].day) })
	return all
}

func (l *loader) conferenceCalendar(ctx context.Context) error {
	places := []string{"Berlin", "München", "Hamburg", "Wiesbaden", "Düsseldorf", "Dresden", "Hannover", "Mainz", "Potsdam", "Stuttgart", "Kiel", "Erfurt", "Magdeburg", "Schwerin", "Saarbrücken", "Bremen"}
	start := model.BerlinDate(time.Now())
	for i, c := range itplr.Conferences() {
		id := l.bodies[c.Abbrev]
		if id == 0 {
			continue
		}
		dates, err := l.s.ConferenceDates(ctx, id, model.Date{})
		if err != nil {
			return err
		}
		if len(dates) == 0 {
			for j, cd := range conferenceDays(start, i) {
				if _, err := l.s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: id, Title: cd.title,
					Starts: cd.day, Ends: model.BerlinDate(cd.day.Time().AddDate(0, 0, 1)), StartTime: "10:00", EndTime: "15:00",
					Place: places[(i+j*5)%len(places)], UID: fmt.Sprintf("demo-%s-%d@gremium", strings.ToLower(strings.ReplaceAll(c.Abbrev, " ", "-")), j+1)}); err != nil {
					return err
				}
			}
		}
		contacts, err := l.s.Contacts(ctx, id)
		if err != nil {
			return err
		}
		if len(contacts) == 0 {
			if _, err := l.s.CreateContact(ctx, model.Contact{BodyID: id, Name: "Geschäftsstelle " + c.Of(), Role: "Funktionspostfach",
				Email: "geschaeftsstelle@" + strings.ToLower(strings.ReplaceAll(c.Abbrev, " ", "-")) + ".example"}); err != nil {
				return err
			}
		}
	}
	return nil
}
