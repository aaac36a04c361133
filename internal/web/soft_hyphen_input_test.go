package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/auth"
	"gremium/internal/model"
)

// shy is the soft hyphen (U+00AD) the pages put into long words for
// narrow screens: copied from a page, a title carries it along.
const shy = "\u00ad"

// TestFormsTakeNoSoftHyphens: a title copied from a page (which puts
// soft hyphens into long words, hyphenate) and pasted into a
// form was stored with them, and they went on to the JSON API, OParl,
// feeds, the calendar, exports and search. Every text field of a form,
// urlencoded or multipart, is now read without them — but a password,
// which is compared as typed.
func TestFormsTakeNoSoftHyphens(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	fmk, err := st.BodyByAbbrev(ctx, "FMK")
	if err != nil {
		t.Fatal(err)
	}
	stored := func(title string) (model.ConferenceDate, bool) {
		t.Helper()
		dates, err := st.ConferenceDates(ctx, fmk.ID, model.NewDate(2000, 1, 1))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range dates {
			if strings.ReplaceAll(d.Title, shy, "") == title {
				return d, true
			}
		}
		return model.ConferenceDate{}, false
	}

	// Urlencoded.
	if code, page := do(t, gs, "POST", ts.URL+"/fachmk/FMK/termine", url.Values{"titel": {"Früh" + shy + "jahrs" + shy + "sitzung"},
		"ort": {"Bre" + shy + "men"}, "beginn": {"2099-05-20"}, "ende": {"2099-05-21"}}); code != http.StatusSeeOther {
		t.Fatalf("urlencoded: %d %s", code, between(page, "<main", "</main>"))
	}
	if d, ok := stored("Frühjahrssitzung"); !ok || d.Title != "Frühjahrssitzung" || d.Place != "Bremen" {
		t.Errorf("urlencoded: stored %q at %q", d.Title, d.Place)
	}

	// Multipart, as a form with a file field sends it.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for name, value := range map[string]string{"titel": "Herbst" + shy + "sitzung", "ort": "Ham" + shy + "burg", "beginn": "2099-10-20", "ende": "2099-10-21"} {
		mw.WriteField(name, value)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", ts.URL+"/fachmk/FMK/termine", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := gs.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("multipart: %d", res.StatusCode)
	}
	if d, ok := stored("Herbstsitzung"); !ok || d.Title != "Herbstsitzung" || d.Place != "Hamburg" {
		t.Errorf("multipart: stored %q at %q", d.Title, d.Place)
	}

	// A password keeps its soft hyphen: set with one, the login takes it
	// as typed and refuses it without.
	const password = "Donau" + shy + "dampf" + shy + "schiff-2025"
	he, _, err := st.UserLogin(ctx, "hessen")
	if err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetPassword(ctx, he.ID, hash); err != nil {
		t.Fatal(err)
	}
	login := func(pw string) int {
		t.Helper()
		code, _ := do(t, client(t, ts, ""), "POST", ts.URL+"/anmelden", url.Values{"benutzer": {"hessen"}, "passwort": {pw}})
		return code
	}
	if code := login(password); code != http.StatusSeeOther {
		t.Errorf("the password as typed: %d", code)
	}
	if code := login(strings.ReplaceAll(password, shy, "")); code != http.StatusUnauthorized {
		t.Errorf("the password without its soft hyphens: %d", code)
	}
	// Changed on /konto/passwort: the current one is compared as typed,
	// the new one is kept as typed.
	const next = "Rhein" + shy + "schiff" + shy + "fahrt-2026"
	hc := client(t, ts, "")
	if code, _ := do(t, hc, "POST", ts.URL+"/anmelden", url.Values{"benutzer": {"hessen"}, "passwort": {password}}); code != http.StatusSeeOther {
		t.Fatalf("login: %d", code)
	}
	if code, page := do(t, hc, "POST", ts.URL+"/konto/passwort", url.Values{"bisher": {password}, "neu": {next}, "wiederholung": {next}}); code != http.StatusSeeOther {
		t.Fatalf("password change: %d %s", code, between(page, "<main", "</main>"))
	}
	if code := login(next); code != http.StatusSeeOther {
		t.Errorf("the new password as typed: %d", code)
	}
	if code := login(strings.ReplaceAll(next, shy, "")); code != http.StatusUnauthorized {
		t.Errorf("the new password without its soft hyphens: %d", code)
	}
}

// TestSearchReadsPastedSoftHyphens: a word copied from a page carries its
// soft hyphens; searched for — in the search and in the register's text
// filter — it split at them into parts the index does not hold and found
// nothing. It finds what the word finds.
func TestSearchReadsPastedSoftHyphens(t *testing.T) {
	ts, _, _ := lawServer(t)
	hits, input := regexp.MustCompile(`(\d+) Treffer`), regexp.MustCompile(`<input id="q" name="q" type="search" value="([^"]*)"`)
	count := func(q string) string {
		t.Helper()
		code, page := get(t, ts, "/suche?q="+url.QueryEscape(q))
		if code.StatusCode != http.StatusOK {
			t.Fatalf("search %q: %d", q, code.StatusCode)
		}
		if m := input.FindStringSubmatch(page); m == nil || strings.Contains(m[1], shy) {
			t.Errorf("search %q: the form gives the query back as %q", q, m)
		}
		m := hits.FindStringSubmatch(strings.ReplaceAll(page, shy, ""))
		if m == nil {
			return "0"
		}
		return m[1]
	}
	want := count("Registermodernisierung")
	if want == "0" {
		t.Fatal("the demo's search finds no Registermodernisierung")
	}
	if got := count("Register" + shy + "moderni" + shy + "sierung"); got != want {
		t.Errorf("the pasted word finds %s hits, the word %s", got, want)
	}
}

// TestRegisterReadsPastedSoftHyphens: the register's text filter
// (/beschluesse?q=, model.ParseRegisterQuery) reads a pasted word as the
// search does.
func TestRegisterReadsPastedSoftHyphens(t *testing.T) {
	ts, _, _ := lawServer(t)
	found := regexp.MustCompile(`<p role="status">(\d+) `)
	count := func(q string) string {
		t.Helper()
		res, page := get(t, ts, "/beschluesse?q="+url.QueryEscape(q))
		if res.StatusCode != http.StatusOK {
			t.Fatalf("register %q: %d", q, res.StatusCode)
		}
		if m := found.FindStringSubmatch(page); m != nil {
			return m[1]
		}
		return "0"
	}
	want := count("Registermodernisierung")
	if want == "0" {
		t.Fatal("the demo's register finds no Registermodernisierung")
	}
	if got := count("Register" + shy + "moderni" + shy + "sierung"); got != want {
		t.Errorf("the pasted word finds %s decisions, the word %s", got, want)
	}
}
