package web

import (
	"context"
	"html"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// formTag, tagName, tagType, tagValue and tagAction read the fields of the templates'
// forms; an attribute's template actions stay in its value.
var (
	formTag   = regexp.MustCompile(`<(input|textarea|select|button)\b((?:[^>"]|"[^"]*")*)>`)
	tagName   = regexp.MustCompile(`(?:^|\s)name="([^"]*)"`)
	tagType   = regexp.MustCompile(`(?:^|\s)type="([^"]*)"`)
	tagValue  = regexp.MustCompile(`(?:^|\s)value="([^"]*)"`)
	tagAction = regexp.MustCompile(`\{\{.*?\}\}`)
)

// TestKeptLabelsCoverTheForms: every field of the forms in
// templates/*.html has an entry in keptLabels, so that the page
// "Eingaben absenden" shows it by its label (or, for a hidden input,
// knows it as technical); a field the user sees is never left out as
// technical, but for the ones named here; a named button's values have
// their captions. A new form field without a label fails here.
func TestKeptLabelsCoverTheForms(t *testing.T) {
	// Names a template builds whole from a value: a sample of each.
	whole := map[string]string{
		"debrief.html {{$f}}": model.DebriefEntry{DecisionID: 6, ConferenceID: 4}.PresenterField(),
		"debrief.html {{$a}}": model.DebriefEntry{DecisionID: 6, ConferenceID: 4}.IncludeField(),
	}
	// The kept form's own carriers, which pass on other forms' fields.
	passOn := map[string]bool{"confirm.html {{index . 0}}": true, "resend.html {{.Name}}": true, "login.html formular.{{.Name}}": true}
	// Visible fields whose value is an internal id, not what the user read.
	visibleTechnical := map[string]bool{"top": true}
	files, err := filepath.Glob(filepath.Join("templates", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("templates: %v %v", files, err)
	}
	seen := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(file)
		for _, m := range formTag.FindAllStringSubmatch(string(src), -1) {
			kind, attrs := m[1], m[2]
			nm := tagName.FindStringSubmatch(attrs)
			if nm == nil {
				continue
			}
			typ := kind
			if ty := tagType.FindStringSubmatch(attrs); ty != nil {
				typ = ty[1]
			}
			name := nm[1]
			key := base + " " + name
			switch {
			case passOn[key]:
				continue
			case whole[key] != "":
				name = whole[key]
			case tagAction.ReplaceAllString(name, "") == "":
				t.Errorf("%s: field %s is named by the template alone; add a sample name to this test and its entry to keptLabels", base, name)
				continue
			default:
				name = tagAction.ReplaceAllString(name, "1")
			}
			seen++
			l, _, ok := keptLabelOf(name)
			switch {
			case !ok:
				t.Errorf("%s: field %q (%s) has no entry in keptLabels (kept_labels.go)", base, nm[1], typ)
			case l.Technical && typ != "hidden" && !visibleTechnical[name]:
				t.Errorf("%s: field %q (%s) is seen by the user but listed as technical", base, nm[1], typ)
			case !l.Technical && strings.TrimSpace(l.Label) == "":
				t.Errorf("%s: field %q has an empty label", base, nm[1])
			case kind == "button":
				if v := tagValue.FindStringSubmatch(attrs); v != nil && l.Values[v[1]] == "" {
					t.Errorf("%s: button %s=%s has no caption in keptLabels", base, nm[1], v[1])
				}
			}
		}
	}
	if seen < 300 {
		t.Errorf("only %d form fields found in the templates; is formTag still reading them?", seen)
	}
}

// TestKeptFormShown: the page "Eingaben absenden" lists what the user
// typed or chose by its label, dates as DD.MM.YYYY, ticks as "ja",
// passwords as dots, the fields of rows with their row; technical fields
// and empty ones not; a field the table does not know by its name.
func TestKeptFormShown(t *testing.T) {
	k := keptForm{Action: "/sitzungen/47/nachbesprechung", Fields: []keptField{
		{"aufnehmen-6-4", "1"}, {"datum", "2026-12-16"}, {"einladung", "Zeile 1\nZeile 2"}, {"entwurf", "a07f6c"},
		{"formular", "ede2dbd0"}, {"ort", ""}, {"stimme_BY", "enthaltung"}, {"unbekannt", "x"}, {"version", "3"}, {"zeile", "6-4"},
	}}
	want := []keptShown{
		{"Aufnehmen (6-4)", "ja"}, {"Datum", "16.12.2026"}, {"Einladungstext", "Zeile 1\nZeile 2"},
		{"Stimme (BY)", "Enthaltung"}, {"unbekannt", "x"},
	}
	if got := k.Shown(); !equalShown(got, want) {
		t.Errorf("shown:\n got %q\nwant %q", got, want)
	}
	pw := keptForm{Action: "/konto/passwort", Fields: []keptField{{"bisher", "alt"}, {"neu", "geheim"}, {"wiederholung", "geheim"}}}
	for _, f := range pw.Shown() {
		if strings.Contains(f.Value, "geheim") || strings.Contains(f.Value, "alt") {
			t.Errorf("password form shows %q", f)
		}
	}
	if got := (&keptForm{Fields: []keptField{{"datum", "2026-02-31"}}}).Shown(); len(got) != 1 || got[0].Value != "2026-02-31" {
		t.Errorf("a date that does not exist: %q", got)
	}
}

// equalShown reports whether a and b list the same fields.
func equalShown(a, b []keptShown) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestExpiredLoginKeptDebriefShowsLabels: the debrief form (the one users
// tested) sent after the login expired is offered after logging in with
// what the user typed and chose under the form's labels — "Datum
// 16.12.2026", "Aufnehmen … ja" — and without the draft mark, the rows,
// the version; all of them are still sent, unchanged. Before, the page
// listed "aufnehmen-6-4 = 1", "entwurf = a07f6c…", "zeile = 6-4", "datum =
// 2026-12-16".
func TestExpiredLoginKeptDebriefShowsLabels(t *testing.T) {
	ts, st := debriefServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	action := "/sitzungen/47/nachbesprechung"
	_, page := do(t, gs, "GET", ts.URL+action, nil)
	form := postedForm(page, action)
	if form == nil || form.Get("entwurf") == "" || len(form["zeile"]) == 0 {
		t.Fatalf("the debrief form: %v", form)
	}
	form.Set("datum", "2026-12-16")
	form.Set("ort", "Videokonferenz")
	form.Set("einladung", "Liebe Kolleginnen,\n[[intern]] bitte vormerken")
	for _, row := range form["zeile"] {
		form.Set("aufnehmen-"+row, "1")
	}
	if _, err := st.DBForTests().ExecContext(ctx, `UPDATE login_sessions SET expires_at = '2000-01-01T00:00:00Z'`); err != nil {
		t.Fatal(err)
	}
	code, page := do(t, gs, "POST", ts.URL+action, form)
	if code != http.StatusUnauthorized {
		t.Fatalf("debrief sent after the login expired: %d\n%s", code, between(page, "<main", "</main>"))
	}
	login := postedForm(page, "/anmelden")
	login.Set("benutzer", "geschaeftsstelle")
	login.Set("passwort", demo.AccountPassword)
	code, page = do(t, gs, "POST", ts.URL+"/anmelden", login)
	if code != http.StatusOK || !strings.Contains(page, "Sie sind wieder angemeldet") {
		t.Fatalf("after logging in: %d\n%s", code, between(page, "<main", "</main>"))
	}
	if problems := wellFormedProblems(page); problems != nil {
		t.Errorf("page with the kept debrief: %v", problems)
	}
	shown := html.UnescapeString(between(page, `<dl class="kept-fields">`, "</dl>"))
	row := form["zeile"][0]
	for _, want := range []string{"<dt>Datum</dt><dd>16.12.2026</dd>", "<dt>Ort</dt><dd>Videokonferenz</dd>",
		"<dt>Einladungstext</dt><dd>Liebe Kolleginnen,\n[[intern]] bitte vormerken</dd>", "<dt>Aufnehmen (" + row + ")</dt><dd>ja</dd>"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the page does not show %q:\n%s", want, shown)
		}
	}
	for _, technical := range []string{"entwurf", "version", "zeile", form.Get("entwurf"), "aufnehmen-", "2026-12-16"} {
		if strings.Contains(shown, technical) {
			t.Errorf("the page lists %q:\n%s", technical, shown)
		}
	}
	// Everything is sent as it was sent.
	resent := postedForm(page, action)
	for name, vs := range form {
		if strings.Join(resent[name], "\x00") != strings.Join(vs, "\x00") {
			t.Errorf("field %s sent as %q, kept as %q", name, vs, resent[name])
		}
	}
	if code, body := do(t, gs, "POST", ts.URL+action, resent); code != http.StatusSeeOther {
		t.Fatalf("sending the kept debrief: %d\n%s", code, between(body, "<main", "</main>"))
	}
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	if db, _ := st.DebriefOfSession(ctx, s47.ID); db.HeldOn != model.NewDate(2026, 12, 16) || db.Place != "Videokonferenz" {
		t.Errorf("the debrief after sending: %v %q", db.HeldOn, db.Place)
	}
}
