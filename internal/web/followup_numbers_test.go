package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// answer gives a request's status, Location and body, without following
// a redirect.
func answer(t *testing.T, c *http.Client, u string) (int, string, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

// followUpLinks gives the addresses of follow-up pages a page links.
var followUpLinks = regexp.MustCompile(`href="(/auftraege/[^"?#.]+)"`)

// denseFrom1 reports whether the numbers, sorted, are 1 to len.
func denseFrom1(numbers []int64) bool {
	s := slices.Sorted(slices.Values(numbers))
	for i, n := range s {
		if n != int64(i+1) {
			return false
		}
	}
	return len(s) > 0
}

// TestFollowUpPublicNumbers: follow-ups are published by their public
// number. A follow-up of the AL-Runde created between two public ones
// takes none, and the public list, its CSV and the JSON API name the
// public ones 1 to n without a gap, each with its address
// /auftraege/nr/{nummer} (the API's nummer and url agree); no public
// surface names a row id. The address by row id leads the public on only
// where it was published before the numbers (migration 01030), and is
// not found for any other id alike, whether a follow-up has it or not;
// internal readers are led to the number, or read a follow-up without
// one there. A follow-up no longer public answers 410 at its number, and
// the number is not given again. Before, the addresses and the API's
// nummer were the row ids, whose gaps counted the follow-ups of the
// AL-Runde.
func TestFollowUpPublicNumbers(t *testing.T) {
	w := newALRundeWorld(t)
	ctx := store.WithActor(context.Background(), "test")
	create := func(dec, item int64, text string) model.FollowUp {
		t.Helper()
		id, err := w.st.CreateFollowUp(ctx, model.FollowUp{DecisionID: dec, ItemID: item, Text: text, Responsible: "HE", Status: model.FollowUpOpen, Source: model.SourceDecision})
		if err != nil {
			t.Fatal(err)
		}
		f, err := w.st.FollowUp(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	a := create(w.itDec, w.itItem, "Register anbinden")
	x := create(w.alDec, w.alItem, "Vorlage für den IT-Planungsrat abstimmen")
	b := create(w.itDec, w.itItem, "Bericht vorlegen")
	if a.Number == 0 || x.Number != 0 || b.Number != a.Number+1 || b.ID != x.ID+1 {
		t.Fatalf("numbers %d, %d, %d (row ids %d, %d, %d): want the AL-Runde's none and no gap", a.Number, x.Number, b.Number, a.ID, x.ID, b.ID)
	}
	public, gs := client(t, w.ts, ""), client(t, w.ts, "geschaeftsstelle")

	// The public list links every follow-up by its number, 1 to n.
	_, list := do(t, public, "GET", w.ts.URL+"/auftraege", nil)
	var listed []int64
	for _, m := range followUpLinks.FindAllStringSubmatch(list, -1) {
		n, ok := strings.CutPrefix(m[1], "/auftraege/nr/")
		if !ok {
			t.Errorf("the public list links %s", m[1])
			continue
		}
		listed = append(listed, must(strconv.ParseInt(n, 10, 64)))
	}
	if !denseFrom1(listed) || !slices.Contains(listed, b.Number) || slices.Contains(listed, 0) {
		t.Errorf("the public list's numbers %v: want 1 to n with %d", listed, b.Number)
	}
	// The CSV's column Nr. gives the same numbers.
	_, body := do(t, public, "GET", w.ts.URL+"/auftraege.csv", nil)
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil || len(rows) < 2 || rows[0][0] != "Nr." {
		t.Fatalf("CSV: %v %v", err, rows)
	}
	var exported []int64
	for _, row := range rows[1:] {
		exported = append(exported, must(strconv.ParseInt(row[0], 10, 64)))
	}
	if !slices.Equal(slices.Sorted(slices.Values(exported)), slices.Sorted(slices.Values(listed))) {
		t.Errorf("CSV numbers %v, list %v", exported, listed)
	}
	// The JSON API: nummer and url agree; no row id.
	_, body = do(t, public, "GET", w.ts.URL+"/api/v1/auftraege", nil)
	var items []map[string]any
	if err := json.Unmarshal([]byte(body), &items); err != nil {
		t.Fatal(err)
	}
	var numbered []int64
	for _, it := range items {
		n, _ := it["nummer"].(float64)
		if it["url"] != fmt.Sprintf("%s/auftraege/nr/%d", w.ts.URL, int64(n)) || it["id"] != nil {
			t.Errorf("API: nummer %v, url %v, id %v", it["nummer"], it["url"], it["id"])
		}
		numbered = append(numbered, int64(n))
	}
	if !slices.Equal(slices.Sorted(slices.Values(numbered)), slices.Sorted(slices.Values(listed))) {
		t.Errorf("API numbers %v, list %v", numbered, listed)
	}
	if code, _, body := answer(t, public, fmt.Sprintf("%s/api/v1/auftraege/nr/%d", w.ts.URL, b.Number)); code != http.StatusOK ||
		!strings.Contains(body, fmt.Sprintf(`"nummer":%d,`, b.Number)) || !strings.Contains(body, fmt.Sprintf(`"url":"%s/auftraege/nr/%d"`, w.ts.URL, b.Number)) {
		t.Errorf("API by number: %d %s", code, body)
	}
	page := fmt.Sprintf("%s/auftraege/nr/%d", w.ts.URL, b.Number)
	if code, _, body := answer(t, public, page); code != http.StatusOK || !strings.Contains(body, fmt.Sprintf("<title>Auftrag Nr. %d", b.Number)) || !strings.Contains(body, "Bericht vorlegen") {
		t.Errorf("the public page by number: %d", code)
	}

	// By row id: not found for the public, alike for a public follow-up,
	// the AL-Runde's and none at all.
	var notFound []string
	for _, id := range []int64{b.ID, x.ID, 999999} {
		code, _, body := answer(t, public, fmt.Sprintf("%s/auftraege/%d", w.ts.URL, id))
		apiCode, _, apiBody := answer(t, public, fmt.Sprintf("%s/api/v1/auftraege/%d", w.ts.URL, id))
		if code != http.StatusNotFound || apiCode != http.StatusNotFound {
			t.Errorf("row id %d for the public: %d, API %d", id, code, apiCode)
		}
		notFound = append(notFound, body+apiBody)
	}
	if notFound[0] != notFound[1] || notFound[1] != notFound[2] {
		t.Error("the answers to row ids differ: they tell which follow-ups exist")
	}
	// Internal readers: on to the number, or the page of one without.
	if code, loc, _ := answer(t, gs, fmt.Sprintf("%s/auftraege/%d", w.ts.URL, b.ID)); code != http.StatusMovedPermanently || loc != b.Path() {
		t.Errorf("row id of a public follow-up, internally: %d %s", code, loc)
	}
	if code, _, body := answer(t, gs, w.ts.URL+x.Path()); code != http.StatusOK || x.Path() != fmt.Sprintf("/auftraege/%d", x.ID) ||
		!strings.Contains(body, "<title>Auftrag (nicht öffentlich)") || !strings.Contains(body, "keine – der Auftrag ist nicht öffentlich") {
		t.Errorf("the AL-Runde's follow-up, internally: %d", code)
	}
	if _, internalList := do(t, gs, "GET", w.ts.URL+"/auftraege", nil); !strings.Contains(internalList, `href="`+x.Path()+`"`) || !strings.Contains(internalList, `href="`+b.Path()+`"`) {
		t.Error("the internal list does not link by number and, without one, by row id")
	}

	// An address by row id published before the numbers leads on.
	if _, err := w.st.DBForTests().ExecContext(ctx, `UPDATE follow_up_numbers SET row_link = 1 WHERE follow_up_id = ?`, a.ID); err != nil {
		t.Fatal(err)
	}
	if code, loc, _ := answer(t, public, fmt.Sprintf("%s/auftraege/%d", w.ts.URL, a.ID)); code != http.StatusMovedPermanently || loc != a.Path() {
		t.Errorf("an address by row id published before: %d %s, want 301 to %s", code, loc, a.Path())
	}
	if code, loc, _ := answer(t, public, fmt.Sprintf("%s/api/v1/auftraege/%d", w.ts.URL, a.ID)); code != http.StatusMovedPermanently || loc != fmt.Sprintf("%s/api/v1/auftraege/nr/%d", w.ts.URL, a.Number) {
		t.Errorf("an API address by row id published before: %d %s", code, loc)
	}

	// B no longer public (given to the AL-Runde's recommendation): 410 at
	// its number, which the next public follow-up does not take.
	b.DecisionID, b.ItemID = w.alDec, w.alItem
	if err := w.st.UpdateFollowUp(ctx, b); err != nil {
		t.Fatal(err)
	}
	if code, _, body := answer(t, public, page); code != http.StatusGone || !strings.Contains(body, fmt.Sprintf("Der Auftrag Nr. %d ist nicht mehr öffentlich", b.Number)) || strings.Contains(body, "Bericht vorlegen") {
		t.Errorf("the number of a follow-up no longer public: %d", code)
	}
	if code, _, _ := answer(t, public, fmt.Sprintf("%s/api/v1/auftraege/nr/%d", w.ts.URL, b.Number)); code != http.StatusGone {
		t.Errorf("API: the number of a follow-up no longer public: %d", code)
	}
	if code, _, _ := answer(t, public, fmt.Sprintf("%s/auftraege/nr/%d", w.ts.URL, b.Number+100)); code != http.StatusNotFound {
		t.Errorf("a number never given: %d", code)
	}
	if code, _, _ := answer(t, gs, page); code != http.StatusOK {
		t.Errorf("the secretariat reads it at its number: %d", code)
	}
	if c := create(w.itDec, w.itItem, "Nachbericht"); c.Number != b.Number+1 {
		t.Errorf("the next public follow-up: number %d, want %d (%d is taken)", c.Number, b.Number+1, b.Number)
	}
}

// followUpPathOf gives the address of a follow-up's page
// (model.FollowUp.Path): by its public number once it has one.
func followUpPathOf(t *testing.T, st *store.Store, id int64) string {
	t.Helper()
	f, err := st.FollowUp(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return f.Path()
}

// apiFollowUpPathOf gives the JSON API's address of a follow-up: by its
// public number once it has one, else by its id (internal readers).
func apiFollowUpPathOf(t *testing.T, st *store.Store, id int64) string {
	t.Helper()
	f, err := st.FollowUp(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if f.Number != 0 {
		return fmt.Sprintf("/api/v1/auftraege/nr/%d", f.Number)
	}
	return fmt.Sprintf("/api/v1/auftraege/%d", f.ID)
}
