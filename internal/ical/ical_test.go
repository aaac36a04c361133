package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"gremium/internal/model"
)

func stamp() time.Time { return time.Date(2026, 3, 2, 14, 5, 9, 0, time.UTC) }

func TestWriteKeepsTheRFC(t *testing.T) {
	long := strings.Repeat("Digitalministerkonferenz – Länderübergreifende Zusammenarbeit, ", 4)
	cal := Calendar{Name: "Sitzungen; Termine, alle", Stamp: stamp(), Events: []Event{
		{UID: "a@gremium.example.org", Summary: long, Description: "Zeile 1\r\nZeile 2\nZeile 3\rZeile 4\\Ende; mit, Zeichen", Location: "Berlin, Alt-Moabit 140",
			Start: time.Date(2026, 6, 25, 9, 30, 0, 0, model.Berlin), End: time.Date(2026, 6, 25, 16, 0, 0, 0, model.Berlin), URL: "https://gremium.example.org/sitzungen/48"},
		{UID: "b@gremium.example.org", Summary: "ÄÖÜ" + strings.Repeat("ß", 60), FirstDay: model.NewDate(2026, 12, 3), LastDay: model.NewDate(2026, 12, 4)},
		{UID: "c@gremium.example.org", Summary: "Winter", Start: time.Date(2026, 1, 15, 10, 0, 0, 0, model.Berlin)},
	}}
	var buf bytes.Buffer
	if err := Write(&buf, cal); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	if bad := Check(out); bad != nil {
		t.Errorf("RFC 5545 broken:\n%s\n%s", strings.Join(bad, "\n"), out)
	}
	text := string(out)
	for _, want := range []string{
		"DTSTAMP:20260302T140509Z\r\n",
		"DTSTART;TZID=Europe/Berlin:20260625T093000\r\n",
		"DTEND;TZID=Europe/Berlin:20260625T160000\r\n",
		"DTSTART;TZID=Europe/Berlin:20260115T100000\r\n",
		"DTSTART;VALUE=DATE:20261203\r\n", "DTEND;VALUE=DATE:20261205\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n",
		`NAME:Sitzungen\; Termine\, alle`,
		`LOCATION:Berlin\, Alt-Moabit 140`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q", want)
		}
	}
	// Parsed back by an independent reader.
	parsed, err := ics.ParseCalendar(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	evs := parsed.Events()
	if len(evs) != 3 {
		t.Fatalf("%d events", len(evs))
	}
	if got := evs[0].GetProperty(ics.ComponentPropertySummary).Value; got != long {
		t.Errorf("folded summary comes back as %q", got)
	}
	if got := evs[0].GetProperty(ics.ComponentPropertyDescription).Value; got != `Zeile 1\nZeile 2\nZeile 3\nZeile 4\\Ende\; mit\, Zeichen` && got != "Zeile 1\nZeile 2\nZeile 3\nZeile 4\\Ende; mit, Zeichen" {
		t.Errorf("description comes back as %q", got)
	}
	start, err := evs[0].GetStartAt()
	if err != nil || !start.Equal(time.Date(2026, 6, 25, 7, 30, 0, 0, time.UTC)) {
		t.Errorf("timed start = %v, %v", start, err)
	}
	if ds, err := evs[0].GetDtStampTime(); err != nil || !ds.Equal(stamp()) {
		t.Errorf("DTSTAMP = %v, %v", ds, err)
	}
	if got := evs[1].GetProperty(ics.ComponentPropertySummary).Value; got != "ÄÖÜ"+strings.Repeat("ß", 60) {
		t.Errorf("umlauts across a fold: %q", got)
	}
}

func TestEscapeText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a,b;c\\d", `a\,b\;c\\d`},
		{"eins\r\nzwei", `eins\nzwei`},
		{"eins\rzwei", `eins\nzwei`},
		{"eins\nzwei", `eins\nzwei`},
		{"bell\x07", "bell"},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := EscapeText(c.in); got != c.want {
				t.Errorf("EscapeText(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestFoldingIsUTF8Safe(t *testing.T) {
	for n := 60; n < 90; n++ {
		s := "SUMMARY:" + strings.Repeat("x", n%3) + strings.Repeat("€", n)
		var buf bytes.Buffer
		Write(&buf, Calendar{Stamp: stamp(), Events: []Event{{UID: "u", Summary: s[8:], FirstDay: model.NewDate(2026, 1, 1)}}})
		if bad := Check(buf.Bytes()); bad != nil {
			t.Fatalf("n=%d: %v", n, bad)
		}
	}
}

// An imported timed event stays timed (it came back as an all-day event
// whose end equalled its start); all-day events keep their exclusive end.
func TestReadKeepsTimes(t *testing.T) {
	in := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//DE\r\n" +
		"BEGIN:VEVENT\r\nUID:t1@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:IMK Frühjahr\r\nDTSTART;TZID=Europe/Berlin:20260617T100000\r\nDTEND;TZID=Europe/Berlin:20260619T130000\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:t2@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:UTC\r\nDTSTART:20260105T080000Z\r\nDTEND:20260105T093000Z\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:t3@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:schwebend\r\nDTSTART:20260710T090000\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:d1@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:ganztägig\r\nDTSTART;VALUE=DATE:20261203\r\nDTEND;VALUE=DATE:20261205\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	read, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	got := read.Dates
	want := []model.ConferenceDate{
		{UID: "t1@x", Title: "IMK Frühjahr", Starts: model.NewDate(2026, 6, 17), Ends: model.NewDate(2026, 6, 19), StartTime: "10:00", EndTime: "13:00"},
		{UID: "t2@x", Title: "UTC", Starts: model.NewDate(2026, 1, 5), StartTime: "09:00", EndTime: "10:30"},
		{UID: "t3@x", Title: "schwebend", Starts: model.NewDate(2026, 7, 10), StartTime: "09:00"},
		{UID: "d1@x", Title: "ganztägig", Starts: model.NewDate(2026, 12, 3), Ends: model.NewDate(2026, 12, 4)},
	}
	if len(got) != len(want) {
		t.Fatalf("read %d events", len(got))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	// And written again, the timed one is timed.
	var buf bytes.Buffer
	Write(&buf, Calendar{Stamp: stamp(), Events: ConferenceEvents(got, nil, nil)})
	if !strings.Contains(buf.String(), "DTSTART;TZID=Europe/Berlin:20260617T100000\r\nDTEND;TZID=Europe/Berlin:20260619T130000\r\n") {
		t.Errorf("timed event written as\n%s", buf.String())
	}
	if _, err := Read(strings.NewReader("kein Kalender")); err == nil {
		t.Error("garbage accepted")
	}
}

// TestReadKeepsAnEndBeforeTheStart: an event that ends before it starts
// came in with its end dropped, and the import stored it without a word;
// Read now gives the end as the file has it, for the import to refuse
// (model.ConferenceDate.Validate). An end at the start is none.
func TestReadKeepsAnEndBeforeTheStart(t *testing.T) {
	in := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//DE\r\n" +
		"BEGIN:VEVENT\r\nUID:r1@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Rückwärts\r\nDTSTART;TZID=Europe/Berlin:20270210T180000\r\nDTEND;TZID=Europe/Berlin:20270210T090000\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:r2@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Vortag\r\nDTSTART;TZID=Europe/Berlin:20270210T100000\r\nDTEND;TZID=Europe/Berlin:20270209T120000\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:r3@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:ganztägig rückwärts\r\nDTSTART;VALUE=DATE:20270210\r\nDTEND;VALUE=DATE:20270208\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:r4@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:ganztägig ohne Dauer\r\nDTSTART;VALUE=DATE:20270210\r\nDTEND;VALUE=DATE:20270210\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:r5@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:ohne Dauer\r\nDTSTART;TZID=Europe/Berlin:20270210T100000\r\nDTEND;TZID=Europe/Berlin:20270210T100000\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	read, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	got := read.Dates
	day := model.NewDate(2027, 2, 10)
	want := []model.ConferenceDate{
		{UID: "r1@x", Title: "Rückwärts", Starts: day, StartTime: "18:00", EndTime: "09:00"},
		{UID: "r2@x", Title: "Vortag", Starts: day, Ends: model.NewDate(2027, 2, 9), StartTime: "10:00", EndTime: "12:00"},
		{UID: "r3@x", Title: "ganztägig rückwärts", Starts: day, Ends: model.NewDate(2027, 2, 7)},
		{UID: "r4@x", Title: "ganztägig ohne Dauer", Starts: day},
		{UID: "r5@x", Title: "ohne Dauer", Starts: day, StartTime: "10:00"},
	}
	if len(got) != len(want) {
		t.Fatalf("read %d events", len(got))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d = %+v, want %+v", i, got[i], want[i])
		}
		if refused := got[i].Validate() != nil; refused != (i < 3) {
			t.Errorf("event %d refused: %v", i, refused)
		}
	}
}

// TestReadWithholdsPrivateAndCancelled: the import published every
// event of the file, the ones the calendar program marked private or
// confidential and the cancelled ones too (found by the FachMK review of
// 2026-12-07). They are now set apart, whatever case the file writes the
// values in; an event without CLASS is public (RFC 5545 3.8.1.3).
func TestReadWithholdsPrivateAndCancelled(t *testing.T) {
	ev := func(uid, extra string) string {
		return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:" + uid + "\r\nDTSTART;VALUE=DATE:20270310\r\n" + extra + "END:VEVENT\r\n"
	}
	in := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//DE\r\n" +
		ev("offen", "") + ev("ausdruecklich", "CLASS:PUBLIC\r\n") +
		ev("kamin", "CLASS:CONFIDENTIAL\r\n") + ev("privat", "CLASS:private\r\n") + ev("eigen", "CLASS:X-INTERN\r\n") +
		ev("abgesagt", "STATUS:Cancelled\r\n") + ev("bestaetigt", "STATUS:CONFIRMED\r\n") +
		ev("beides", "CLASS:PRIVATE\r\nSTATUS:CANCELLED\r\n") +
		"END:VCALENDAR\r\n"
	read, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	uids := func(ds []model.ConferenceDate) string {
		var out []string
		for _, d := range ds {
			out = append(out, d.UID)
		}
		return strings.Join(out, " ")
	}
	if got := uids(read.Dates); got != "offen ausdruecklich bestaetigt" {
		t.Errorf("published: %s", got)
	}
	if got := uids(read.Withheld); got != "kamin privat eigen beides" {
		t.Errorf("withheld: %s", got)
	}
	if got := uids(read.Cancelled); got != "abgesagt" {
		t.Errorf("cancelled: %s", got)
	}
	if got := strings.Join(read.Gone(), " "); got != "kamin privat eigen beides abgesagt" {
		t.Errorf("gone: %s", got)
	}
}

// FuzzRead feeds arbitrary text to the iCalendar import: it must never
// panic, and the dates it accepts that the rules admit
// (model.ConferenceDate.Validate) must come back unchanged from the feed
// Write makes of them (text with line breaks, commas, semicolons and
// backslashes included).
//
//	go test ./internal/ical -run '^$' -fuzz FuzzRead -fuzztime 20s
func FuzzRead(f *testing.F) {
	f.Add("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:imk-2026-1@gremium\r\nSUMMARY:Frühjahrskonferenz\r\nDTSTART;VALUE=DATE:20260520\r\nDTEND;VALUE=DATE:20260522\r\nLOCATION:Lübeck\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	f.Add("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20260604T090000Z\nDTEND:20260605T120000Z\nSUMMARY:Text\\, mit\\; Zeichen\\n und \\\\\nEND:VEVENT\nEND:VCALENDAR\n")
	f.Add("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:ohne Beginn\nEND:VEVENT\nEND:VCALENDAR\n")
	f.Add("kein Kalender")
	f.Fuzz(func(t *testing.T, in string) {
		read, err := Read(strings.NewReader(in))
		if err != nil {
			return
		}
		// What the rules refuse the import does not store.
		var dates []model.ConferenceDate
		for _, d := range read.Dates {
			if d.Validate() == nil {
				dates = append(dates, d)
			}
		}
		var buf bytes.Buffer
		if err := Write(&buf, Calendar{Name: "Termine", Stamp: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Events: ConferenceEvents(dates, nil, nil)}); err != nil {
			t.Fatalf("write: %v", err)
		}
		back, err := Read(&buf)
		if err != nil {
			t.Fatalf("the feed written from %+v does not read: %v\n%s", dates, err, buf.String())
		}
		if len(back.Dates) != len(dates) {
			t.Fatalf("%d dates written, %d read back:\n%s", len(dates), len(back.Dates), buf.String())
		}
		for i := range dates {
			if back.Dates[i] != dates[i] {
				t.Fatalf("date %d: wrote %+v, read back %+v:\n%s", i, dates[i], back.Dates[i], buf.String())
			}
		}
	})
}

func TestCheckFindsBreaks(t *testing.T) {
	good := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n"
	for name, in := range map[string]string{
		"LF":        strings.ReplaceAll(good, "\r\n", "\n"),
		"long":      strings.Replace(good, "PRODID:x", "PRODID:"+strings.Repeat("x", 80), 1),
		"split":     strings.Replace(good, "PRODID:x", "PRODID:"+strings.Repeat("x", 66)+"\xc3\r\n \xa4", 1),
		"no stamp":  strings.Replace(good, "END:VCALENDAR", "BEGIN:VEVENT\r\nUID:1\r\nDTSTART:20260101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR", 1),
		"no VTZ":    strings.Replace(good, "END:VCALENDAR", "BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20260101T100000\r\nEND:VEVENT\r\nEND:VCALENDAR", 1),
		"bare CR":   strings.Replace(good, "PRODID:x", "PRODID:x\ry", 1),
		"unbalance": strings.Replace(good, "END:VCALENDAR\r\n", "", 1),
	} {
		t.Run(name, func(t *testing.T) {
			if Check([]byte(in)) == nil {
				t.Errorf("%s not found", name)
			}
		})
	}
	if bad := Check([]byte(good)); bad != nil {
		t.Errorf("good calendar: %v", bad)
	}
}

func TestDeadlineEvent(t *testing.T) {
	var buf bytes.Buffer
	e := DeadlineEvent("auftrag-7@gremium.example.org", "Frist: Bericht zur 50. Sitzung", model.NewDate(2026, 8, 31), "https://gremium.example.org/mein-bereich")
	if err := Write(&buf, Calendar{Name: "Meine Termine", Stamp: stamp(), Events: []Event{e}}); err != nil {
		t.Fatal(err)
	}
	if bad := Check(buf.Bytes()); bad != nil {
		t.Error(bad)
	}
	if !strings.Contains(buf.String(), "DTSTART;VALUE=DATE:20260831\r\nDTEND;VALUE=DATE:20260901\r\n") {
		t.Errorf("deadline:\n%s", buf.String())
	}
}

// TestRegistrationDeadlineEvent: the registration deadline of a session
// (Anmeldeschluss) is an all-day event on its last day that blocks no
// time, with a reminder at 09:00 three days before, which an independent
// reader finds; a cancelled session's deadline is cancelled without
// reminder.
func TestRegistrationDeadlineEvent(t *testing.T) {
	se := model.Session{Number: 48, Date: model.NewDate(2026, 6, 25), RegistrationDeadline: model.NewDate(2026, 5, 28)}
	e := RegistrationDeadlineEvent("gremium.example.org", "IT-PLR", "IT-Planungsrat", se, "https://gremium.example.org/sitzungen/48/anmeldung")
	cancelled := se
	cancelled.Number = 49
	cancelled.Schedule.CancelledReason = "entfällt"
	cancelled.Status = model.StatusPlanned
	c := RegistrationDeadlineEvent("gremium.example.org", "IT-PLR", "IT-Planungsrat", cancelled, "")
	out, text := written(t, e, c)
	for _, want := range []string{
		"UID:anmeldeschluss-it-plr-48@gremium.example.org\r\n",
		"DTSTART;VALUE=DATE:20260528\r\nDTEND;VALUE=DATE:20260529\r\n",
		"SUMMARY:Anmeldeschluss: 48. Sitzung des IT-Planungsrats\r\n",
		"DESCRIPTION:Letzter Tag\\, um Tagesordnungspunkte zur 48. Sitzung des IT-Planungsrats am 25.06.2026 anzumelden\\; spätere Anmeldungen gelten als verspätet.\r\n",
		"URL:https://gremium.example.org/sitzungen/48/anmeldung\r\nTRANSP:TRANSPARENT\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;RELATED=START:-P2DT15H\r\nDESCRIPTION:Anmeldeschluss am 28.05.2026: 48. Sitzung des IT-Planungsrats\r\nEND:VALARM\r\nEND:VEVENT\r\n",
		"SUMMARY:Abgesagt: Anmeldeschluss: 49. Sitzung",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
	if strings.Count(text, "BEGIN:VALARM") != 1 {
		t.Errorf("want one alarm (none for the cancelled session):\n%s", text)
	}
	parsed, err := ics.ParseCalendar(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	evs := parsed.Events()
	if len(evs) != 2 || len(evs[0].Alarms()) != 1 {
		t.Fatalf("%d events, alarms %v", len(evs), evs)
	}
	if tr := evs[0].Alarms()[0].GetProperty(ics.ComponentPropertyTrigger); tr == nil || tr.Value != "-P2DT15H" {
		t.Errorf("trigger %+v", tr)
	}
	for d, want := range map[time.Duration]string{RegistrationReminder: "-P2DT15H", 15 * time.Minute: "-PT15M", 24 * time.Hour: "-P1D", 0: "-PT0M", 90 * time.Minute: "-PT1H30M"} {
		if got := beforeValue(d); got != want {
			t.Errorf("beforeValue(%v) = %q, want %q", d, got, want)
		}
	}
	// Check finds a broken alarm.
	broken := []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260101\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	if bad := Check(broken); len(bad) != 2 {
		t.Errorf("Check of an alarm without TRIGGER and DESCRIPTION: %v", bad)
	}
}

// TestConferenceEventSequence: a FachMK date's revision is the event's
// SEQUENCE, so a subscribed calendar takes a moved date (before: none).
func TestConferenceEventSequence(t *testing.T) {
	d := model.ConferenceDate{UID: "fmk-1@test", Title: "Frühjahr", Starts: model.NewDate(2099, 5, 7), Sequence: 2}
	var buf bytes.Buffer
	if err := Write(&buf, Calendar{Stamp: stamp(), Events: ConferenceEvents([]model.ConferenceDate{d}, nil, nil)}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "SEQUENCE:2\r\n") {
		t.Errorf("no SEQUENCE:2 in\n%s", buf.String())
	}
}

// TestReportDeadlineEvent: the deadline of the spokespersons' reports
// under "Reporting FachMK" is an all-day event a week before the session,
// naming the conferences, free time, with a reminder; a cancelled
// session's is cancelled without reminder.
func TestReportDeadlineEvent(t *testing.T) {
	se := model.Session{Number: 48, Date: model.NewDate(2026, 6, 25), Status: model.StatusPlanned}
	e := ReportDeadlineEvent("gremium.example.org", "IT-PLR", "IT-Planungsrat", se, []string{"Finanzministerkonferenz", "Innenministerkonferenz"}, "https://gremium.example.org/sitzungen/48/reporting-fachmk")
	cancelled := se
	cancelled.Number = 49
	cancelled.Schedule.CancelledReason = "entfällt"
	c := ReportDeadlineEvent("gremium.example.org", "IT-PLR", "IT-Planungsrat", cancelled, []string{"Finanzministerkonferenz"}, "")
	_, text := written(t, e, c)
	for _, want := range []string{
		"UID:bericht-it-plr-48@gremium.example.org\r\n",
		"DTSTART;VALUE=DATE:20260618\r\nDTEND;VALUE=DATE:20260619\r\n",
		"SUMMARY:Frist Bericht Reporting FachMK: 48. Sitzung des IT-Planungsrats\r\n",
		"Finanzministerkonferenz\\, Innenministerkonferenz.\r\n",
		"URL:https://gremium.example.org/sitzungen/48/reporting-fachmk\r\nTRANSP:TRANSPARENT\r\nBEGIN:VALARM\r\n",
		"SUMMARY:Abgesagt: Frist Bericht Reporting FachMK: 49. Sitzung",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
	if strings.Count(text, "BEGIN:VALARM") != 1 {
		t.Errorf("want one alarm (none for the cancelled session):\n%s", text)
	}
}

// written writes the events as a calendar, checks it against RFC 5545 and
// gives it as written and unfolded.
func written(t *testing.T, events ...Event) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, Calendar{Name: "Termine", Stamp: stamp(), Events: events}); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	if bad := Check(out); bad != nil {
		t.Errorf("RFC 5545 broken:\n%s\n%s", strings.Join(bad, "\n"), out)
	}
	return out, strings.ReplaceAll(string(out), "\r\n ", "")
}

// TestDebriefEventGivesTheLink: the debrief's event carries where one
// joins, as the invitation does; before, a calendar — where people join
// from — had "Videokonferenz" only.
func TestDebriefEventGivesTheLink(t *testing.T) {
	d := model.Debrief{HeldOn: model.NewDate(2026, 12, 18), StartTime: "10:00", EndTime: "11:30", Place: "Videokonferenz", Link: "https://video.example.org/nb47"}
	e := DebriefInvitationEvent("gremium.example.org", "IT-PLR", 47, "47. Sitzung des IT-Planungsrats", d, "https://gremium.example.org/sitzungen/47/nachbesprechung")
	if e.Description != "Zur Teilnahme: https://video.example.org/nb47" || e.Location != "Videokonferenz" {
		t.Errorf("event: %+v", e)
	}
	d.Link = ""
	if e := DebriefInvitationEvent("gremium.example.org", "IT-PLR", 47, "47. Sitzung des IT-Planungsrats", d, ""); e.Description != "" {
		t.Errorf("without a link: %q", e.Description)
	}
}
