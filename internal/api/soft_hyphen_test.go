package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestAPITakesNoSoftHyphens: a title copied from a page carries the soft
// hyphens (U+00AD) the page put into its long words; sent to the API —
// as the character or as the escape \u00ad — it was stored with them and
// given back to every reader. The API reads every string of a body
// without them, on a new registration and on its change alike.
func TestAPITakesNoSoftHyphens(t *testing.T) {
	ts, st, _, token := hessenServer(t)
	ctx := context.Background()
	const shy = "\u00ad"
	// The character itself in the title and a point, the escape in the
	// goal's neighbours: the impact note and the proposal.
	body := `{"titel":"Register` + shy + `moderni` + shy + `sierung","ziel":"Beschluss","antrag":["HE","Bund"],"punkte":["Daten` + shy + `austausch"],` +
		`"beschlussvorschlag":["1. Der IT-Planungsrat beschließt die Register\u00admodernisierung."],"fachmk":{"betroffen":true,"konferenzen":["IMK"],"hinweis":"Innen\u00ADminister"}}`
	code, _, b := call(t, ts, "POST", "/api/v1/sitzungen/49/anmeldungen", token, body)
	var created Registered
	if err := json.Unmarshal(b, &created); code != http.StatusCreated || err != nil {
		t.Fatalf("registration: %d %s", code, b)
	}
	path := "/api/v1/anmeldungen/" + strconv.FormatInt(created.ID, 10)
	read := func() Registration {
		t.Helper()
		code, _, b := call(t, ts, "GET", path, token, "")
		var got Registration
		if err := json.Unmarshal(b, &got); code != http.StatusOK || err != nil {
			t.Fatalf("read: %d %s", code, b)
		}
		if strings.Contains(string(b), shy) || strings.Contains(strings.ToLower(string(b)), `\u00ad`) {
			t.Errorf("the registration is given back with soft hyphens: %s", b)
		}
		return got
	}
	got := read()
	if got.Title != "Registermodernisierung" || fmt.Sprint(got.Points) != "[Datenaustausch]" ||
		fmt.Sprint(got.Proposal) != "[1. Der IT-Planungsrat beschließt die Registermodernisierung.]" || got.FachMK.Note != "Innenminister" {
		t.Errorf("stored: %q %q %q %q", got.Title, got.Points, got.Proposal, got.FachMK.Note)
	}
	it, err := st.Item(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(it.Title, shy) {
		t.Errorf("stored title %q", it.Title)
	}

	// The change: the escape in the title.
	change := fmt.Sprintf(`{"version":%d,"titel":"Daten\u00adaustausch","ziel":"Bericht","fachmk":{"betroffen":false}}`, got.Version)
	if code, _, b := call(t, ts, "PUT", path, token, change); code != http.StatusOK {
		t.Fatalf("change: %d %s", code, b)
	}
	if got := read(); got.Title != "Datenaustausch" {
		t.Errorf("changed title %q", got.Title)
	}
}

// TestSoftHyphensOut: every string a request struct holds — in nested
// structs, pointers, lists, maps and interface values — loses its soft
// hyphens; other values stay as they are.
func TestSoftHyphensOut(t *testing.T) {
	type inner struct {
		Text  string
		Names []string
	}
	type named string
	type request struct {
		Title  string
		Kind   named
		Count  int
		Inner  inner
		Ptr    *inner
		Nil    *inner
		Map    map[string]string
		Any    any
		List   []inner
		hidden string
	}
	const s = "a\u00adb"
	in := request{Title: s, Kind: s, Count: 3, Inner: inner{Text: s, Names: []string{s, "c"}}, Ptr: &inner{Text: s},
		Map: map[string]string{"k": s}, Any: s, List: []inner{{Text: s}}, hidden: s}
	softHyphensOut(&in)
	want := request{Title: "ab", Kind: "ab", Count: 3, Inner: inner{Text: "ab", Names: []string{"ab", "c"}}, Ptr: &inner{Text: "ab"},
		Map: map[string]string{"k": "ab"}, Any: "ab", List: []inner{{Text: "ab"}}, hidden: s}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("got %+v\nwant %+v", in, want)
	}
}
