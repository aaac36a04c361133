package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestConferenceDateEndsAfterItStarts: a date of one day from 18:00 to
// 09:00 was stored (the form compared the dates only), shown publicly as
// "18:00 Uhr bis 09:00 Uhr", and its feed had a DTSTART and no DTEND; the
// same without an end date (16:00 to 10:00). An iCalendar event ending
// before it starts was imported with its end dropped without a word. Now
// the date's rules (model.ConferenceDate.Validate) refuse both, the form
// with the reason at its field, the import naming the event; a title and
// a place of 5,000 characters (maxlength only in the HTML) likewise.
func TestConferenceDateEndsAfterItStarts(t *testing.T) {
	ts, st := cycleServer(t)
	fmk := client(t, ts, "fmk-geschaeftsstelle")
	long := strings.Repeat("Finanzministerkonferenz ", 210)
	for _, tc := range []struct {
		name string
		form url.Values
		want map[string]string
	}{
		{"one day, the end before the start", url.Values{"titel": {"Sondersitzung"}, "beginn": {"2027-02-10"}, "ende": {"2027-02-10"}, "von": {"18:00"}, "bis": {"09:00"}},
			map[string]string{"tm-bis": "Die Endzeit 09:00 Uhr liegt nicht nach der Anfangszeit 18:00 Uhr"}},
		{"no end date, the end before the start", url.Values{"titel": {"Sondersitzung"}, "beginn": {"2027-02-10"}, "von": {"16:00"}, "bis": {"10:00"}},
			map[string]string{"tm-bis": "Die Endzeit 10:00 Uhr liegt nicht nach der Anfangszeit 16:00 Uhr"}},
		{"title and place too long", url.Values{"titel": {long}, "beginn": {"2027-02-10"}, "ort": {long}},
			map[string]string{"tm-titel": "Die Bezeichnung ist länger als 300 Zeichen.", "tm-ort": "Der Ort ist länger als 200 Zeichen."}},
		// The dates are public (page and feed): a passage marked
		// confidential would be published as typed.
		{"confidential marks in a public date", url.Values{"titel": {"Sondersitzung [[Haushaltssperre]]"}, "beginn": {"2027-02-10"}, "ort": {"Berlin [[Kanzleramt]]"}},
			map[string]string{"tm-titel": "Die Bezeichnung ist öffentlich; vertrauliche Passagen ([[…]]) gibt es hier nicht.", "tm-ort": "Der Ort ist öffentlich; vertrauliche Passagen"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, page := do(t, fmk, "POST", ts.URL+"/fachmk/FMK/termine", tc.form)
			if code != http.StatusBadRequest || !strings.Contains(page, `<details id="termin-eintragen" open>`) {
				t.Fatalf("%d, the form not open", code)
			}
			reasonsAtFields(t, page, "Der Termin ist nicht eingetragen:", tc.want)
			if !strings.Contains(page, `value="2027-02-10"`) {
				t.Error("the typed date is not kept")
			}
		})
	}
	// Days that end later are fine: over midnight with an end date, and a
	// day from 09:00 to 16:00.
	for _, form := range []url.Values{
		{"titel": {"Nachtsitzung"}, "beginn": {"2027-02-10"}, "ende": {"2027-02-11"}, "von": {"18:00"}, "bis": {"09:00"}},
		{"titel": {"Tagessitzung"}, "beginn": {"2027-02-12"}, "von": {"09:00"}, "bis": {"16:00"}},
	} {
		if code, _ := do(t, fmk, "POST", ts.URL+"/fachmk/FMK/termine", form); code != http.StatusSeeOther {
			t.Errorf("%s: %d", form.Get("titel"), code)
		}
	}

	// The import: an event ending before it starts refuses the file, the
	// event named at the file's field; nothing of the file is stored.
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//DE\r\n" +
		"BEGIN:VEVENT\r\nUID:fmk-gut@test\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Gute Sitzung\r\nDTSTART;TZID=Europe/Berlin:20270301T100000\r\nDTEND;TZID=Europe/Berlin:20270301T120000\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:fmk-rueckwaerts@test\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Rückwärtssitzung\r\nDTSTART;TZID=Europe/Berlin:20270302T180000\r\nDTEND;TZID=Europe/Berlin:20270302T090000\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	var body strings.Builder
	ctype := multipartWriter(&body, map[string]string{"fachmk": "FMK"}, "datei", "fmk.ics", ics)
	req, _ := http.NewRequest("POST", ts.URL+"/fachmk/termine/import", strings.NewReader(body.String()))
	req.Header.Set("Content-Type", ctype)
	res, err := fmk.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page := readAll(res)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(page, `<details id="termin-eintragen" open>`) {
		t.Fatalf("import: %d, the form not open", res.StatusCode)
	}
	reasonsAtFields(t, page, "Der Kalender ist nicht importiert:", map[string]string{
		"tm-ics": "Der Termin „Rückwärtssitzung“ am 02.03.2027: Die Endzeit 09:00 Uhr liegt nicht nach der Anfangszeit 18:00 Uhr",
	})
	fmkBody, err := st.BodyByAbbrev(context.Background(), "FMK")
	if err != nil {
		t.Fatal(err)
	}
	dates, err := st.ConferenceDates(context.Background(), fmkBody.ID, model.NewDate(2027, 3, 1))
	if err != nil || len(dates) != 0 {
		t.Errorf("the refused file stored %+v (%v)", dates, err)
	}

	// The public page and the feed show the stored dates as they are.
	anon := client(t, ts, "")
	_, pub := do(t, anon, "GET", ts.URL+"/fachmk/FMK", nil)
	if strings.Contains(pub, "18:00 Uhr bis 09:00 Uhr") || !strings.Contains(pub, "10.02.2027, 18:00 Uhr bis 11.02.2027, 09:00 Uhr: Nachtsitzung") {
		t.Errorf("public dates:\n%s", between(pub, "Anstehende Sitzungstermine", "</ul>"))
	}
	_, feed := do(t, anon, "GET", ts.URL+"/fachmk/FMK/termine.ics", nil)
	if !strings.Contains(feed, "DTSTART;TZID=Europe/Berlin:20270210T180000\r\nDTEND;TZID=Europe/Berlin:20270211T090000\r\n") {
		t.Errorf("feed:\n%s", feed)
	}
}

// TestConferenceDateCorrections: a date in the past is refused on the form
// with its reason (it was "eingetragen" and never shown: the page lists
// the coming dates); the same date twice is refused; a date entered by
// mistake is removed by the conference's keepers — from the page and the
// feed — and by no one else.
func TestConferenceDateCorrections(t *testing.T) {
	ts, st := cycleServer(t)
	fmk := client(t, ts, "fmk-geschaeftsstelle")
	code, page := do(t, fmk, "POST", ts.URL+"/fachmk/FMK/termine", url.Values{"titel": {"Frühjahrskonferenz"}, "beginn": {"2024-01-10"}})
	if code != http.StatusBadRequest || !strings.Contains(page, "liegt in der Vergangenheit") {
		t.Errorf("a date in the past: %d", code)
	}
	next := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	form := url.Values{"titel": {"Frühjahrskonferenz"}, "beginn": {next}, "ort": {"Dresden"}}
	if code, _ := do(t, fmk, "POST", ts.URL+"/fachmk/FMK/termine", form); code != http.StatusSeeOther {
		t.Fatalf("a coming date: %d", code)
	}
	if code, page := do(t, fmk, "POST", ts.URL+"/fachmk/FMK/termine", form); code != http.StatusUnprocessableEntity || !strings.Contains(page, "ist bereits eingetragen") {
		t.Errorf("the same date twice: %d", code)
	}
	body, _ := st.BodyByAbbrev(context.Background(), "FMK")
	dates, _ := st.ConferenceDates(context.Background(), body.ID, model.Date{})
	var id int64
	for _, d := range dates {
		if d.Place == "Dresden" {
			id = d.ID
		}
	}
	if id == 0 {
		t.Fatal("the date is not stored")
	}
	remove := fmt.Sprintf("/termine/%d/entfernen", id)
	if code, _ := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/fachmk/FMK"+remove, nil); code != http.StatusForbidden {
		t.Errorf("a member office removes a date: %d", code)
	}
	if code, _ := do(t, fmk, "POST", ts.URL+"/fachmk/FMK"+remove, nil); code != http.StatusSeeOther {
		t.Fatalf("remove: %d", code)
	}
	for _, p := range []string{"/fachmk/FMK", "/fachmk/FMK/termine.ics"} {
		if _, page := do(t, client(t, ts, ""), "GET", ts.URL+p, nil); strings.Contains(page, "Dresden") {
			t.Errorf("%s still has the removed date", p)
		}
	}
}
