package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestNoteSubmissionLiveBox: the Geschäftsstelle's live page shows a note
// a member submits or withdraws — by the session page or by the API — in
// its box of submitted notes, which the page polls (data-live-poll): no
// live stream carries that box (ansicht=protokollnotizen is an unknown
// view, 400). The box names the account by its display name ("gesendet
// von Büro des IT-PLR-Mitglieds Hessen"; before: its login name
// "hessen"). Nobody but the Geschäftsstelle reads that box.
func TestNoteSubmissionLiveBox(t *testing.T) {
	ts, st := cycleServer(t)
	se, it := noteWorld(t, st)
	he, gs, by, public := client(t, ts, "hessen"), client(t, ts, "geschaeftsstelle"), client(t, ts, "bayern"), client(t, ts, "")
	box := fmt.Sprintf("%s%s/eingereichte-protokollnotizen?top=%d", ts.URL, se.Path(), it.ID)
	for who, c := range map[string]*http.Client{"Bayern": by, "the public": public} {
		if code, _ := do(t, c, "GET", box, nil); code == http.StatusOK {
			t.Errorf("%s reads the box of submitted notes", who)
		}
	}
	stream := fmt.Sprintf("%s%s/live/ereignisse?ansicht=protokollnotizen&top=%d", ts.URL, se.Path(), it.ID)
	if s := openStream(t, gs, stream, nil); s.res.StatusCode != http.StatusBadRequest {
		t.Errorf("a stream of submitted notes: %d, want 400 (the live page polls its box)", s.res.StatusCode)
	}
	boxNow := func() string {
		t.Helper()
		code, body := do(t, gs, "GET", box, nil)
		if code != http.StatusOK {
			t.Fatalf("the Geschäftsstelle's box: %d", code)
		}
		return body
	}

	if code, _ := do(t, he, "POST", ts.URL+se.Path()+"/protokollnotizen", url.Values{"top": {fmt.Sprint(it.ID)}, "text": {"Hessen prüft die Finanzierung (live gesendet)."}}); code != http.StatusSeeOther {
		t.Fatalf("submit: %d", code)
	}
	got := boxNow()
	if !strings.Contains(got, "live gesendet") || !strings.Contains(got, `id="pn-eingang"`) {
		t.Fatalf("the box lacks the submission: %q", got)
	}
	if !strings.Contains(got, "gesendet von Büro des IT-PLR-Mitglieds Hessen") || strings.Contains(got, "gesendet von hessen") {
		t.Errorf("the box names the sender by its login, not its display name: %q", got)
	}
	if _, page := do(t, gs, "GET", fmt.Sprintf("%s%s/live?top=%d", ts.URL, se.Path(), it.ID), nil); !strings.Contains(page, "gesendet von Büro des IT-PLR-Mitglieds Hessen") ||
		!strings.Contains(page, `data-live-target="#pn-eingang"`) {
		t.Errorf("the live page: %s", between(page, `id="pn-eingang"`, "</section>"))
	}

	// By the API: submitted, it appears; withdrawn, it goes.
	code, body := apiCall(t, ts, st, "hessen", "POST", "/api/v1/sitzungen/47/protokollnotizen", fmt.Sprintf(`{"top":%q,"text":"Hessen bittet um Vertagung (per API)."}`, it.Number))
	if code != http.StatusCreated {
		t.Fatalf("API submit: %d %s", code, body)
	}
	var sub struct {
		ID      int64 `json:"id"`
		Version int   `json:"fassung"`
	}
	if err := json.Unmarshal([]byte(body), &sub); err != nil {
		t.Fatal(err)
	}
	if got := boxNow(); !strings.Contains(got, "per API") || !strings.Contains(got, "live gesendet") {
		t.Errorf("the box after the API submission: %q", got)
	}
	if code, body := apiCall(t, ts, st, "hessen", "POST", fmt.Sprintf("/api/v1/protokollnotizen/%d", sub.ID), fmt.Sprintf(`{"aktion":"zurueckziehen","fassung":%d}`, sub.Version)); code != http.StatusOK {
		t.Fatalf("API withdrawal: %d %s", code, body)
	}
	if got := boxNow(); strings.Contains(got, "per API") || !strings.Contains(got, "live gesendet") {
		t.Errorf("the box after the withdrawal: %q", got)
	}
}

// TestNoteSubmissionAPI: the JSON API submits, withdraws and lists
// submitted protocol notes by the session page's rules. A member's office
// and an advisory member submit for their own member and list their own;
// the Geschäftsstelle lists the waiting ones and takes over or refuses,
// and submits none; another member learns nothing of a submission (404),
// the FachMK secretariat and a caller without a token read none (403,
// 401); the public session read does not carry a waiting text.
func TestNoteSubmissionAPI(t *testing.T) {
	ts, st := cycleServer(t)
	se, it := noteWorld(t, st)
	list := fmt.Sprintf("/api/v1/sitzungen/%d/protokollnotizen", se.Number)
	submit := func(account, body string, want int) map[string]any {
		t.Helper()
		code, res := apiCall(t, ts, st, account, "POST", list, body)
		if code != want {
			t.Fatalf("%s submits %s: %d %s, want %d", account, body, code, res, want)
		}
		var out map[string]any
		json.Unmarshal([]byte(res), &out)
		return out
	}
	act := func(account string, id any, body string, want int) string {
		t.Helper()
		code, res := apiCall(t, ts, st, account, "POST", fmt.Sprintf("/api/v1/protokollnotizen/%v", id), body)
		if code != want {
			t.Errorf("%s %s on %v: %d %s, want %d", account, body, id, code, res, want)
		}
		return res
	}
	const text = "Hessen behält sich die Zustimmung vor (API-Text)."
	// The author is the token's own member: naming another is refused.
	submit("hessen", fmt.Sprintf(`{"top":%q,"text":%q,"mitglied":"BY"}`, it.Number, text), http.StatusBadRequest)
	he := submit("hessen", fmt.Sprintf(`{"top":%q,"text":%q}`, it.Number, text), http.StatusCreated)
	if he["mitglied"] != "HE" || he["stand"] != "eingereicht" || he["gesendetVon"] != "Büro des IT-PLR-Mitglieds Hessen" {
		t.Errorf("Hessen's submission: %v", he)
	}
	submit("hessen", fmt.Sprintf(`{"top":"999","text":%q}`, text), http.StatusNotFound)
	submit("hessen", fmt.Sprintf(`{"top":%q,"text":" "}`, it.Number), http.StatusBadRequest)
	submit("geschaeftsstelle", fmt.Sprintf(`{"top":%q,"text":"GS"}`, it.Number), http.StatusForbidden)
	if code, res := apiCall(t, ts, st, "hessen", "POST", "/api/v1/sitzungen/46/protokollnotizen", `{"top":"1","text":"Zu spät."}`); code != http.StatusUnprocessableEntity && code != http.StatusNotFound {
		t.Errorf("a submission to the approved minutes of the 46th: %d %s", code, res)
	}

	reads := map[string]string{}
	for _, who := range []string{"hessen", "bayern", "geschaeftsstelle", "fmk"} {
		code, res := apiCall(t, ts, st, who, "GET", list, "")
		reads[who] = fmt.Sprint(code, " ", res)
	}
	if !strings.HasPrefix(reads["hessen"], "200 ") || !strings.Contains(reads["hessen"], "API-Text") {
		t.Errorf("Hessen's list: %s", reads["hessen"])
	}
	if !strings.HasPrefix(reads["bayern"], "200 ") || strings.Contains(reads["bayern"], "API-Text") {
		t.Errorf("Bayern's list: %s", reads["bayern"])
	}
	if !strings.HasPrefix(reads["geschaeftsstelle"], "200 ") || !strings.Contains(reads["geschaeftsstelle"], "API-Text") {
		t.Errorf("the Geschäftsstelle's list: %s", reads["geschaeftsstelle"])
	}
	if !strings.HasPrefix(reads["fmk"], "403 ") {
		t.Errorf("the FachMK secretariat's list: %s", reads["fmk"])
	}
	if res, err := http.Get(ts.URL + list); err != nil || res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the public list: %v %v", res.StatusCode, err)
	}
	for _, p := range []string{fmt.Sprintf("/api/v1/sitzungen/%d", se.Number), "/api/v1/sitzungen"} {
		if _, body := do(t, client(t, ts, ""), "GET", ts.URL+p, nil); strings.Contains(body, "API-Text") {
			t.Errorf("the public reads the waiting text on %s", p)
		}
	}

	id := he["id"]
	act("bayern", id, `{"aktion":"zurueckziehen","fassung":1}`, http.StatusNotFound)
	act("hessen", id, `{"aktion":"uebernehmen","fassung":1}`, http.StatusForbidden)
	act("geschaeftsstelle", id, `{"aktion":"zurueckziehen","fassung":1}`, http.StatusForbidden)
	act("geschaeftsstelle", id, `{"aktion":"loeschen","fassung":1}`, http.StatusBadRequest)
	act("geschaeftsstelle", id, `{"aktion":"ablehnen","fassung":1,"grund":" "}`, http.StatusBadRequest)
	act("geschaeftsstelle", id, `{"aktion":"ablehnen","fassung":7,"grund":"Zu spät."}`, http.StatusConflict)
	const reason = "Zu diesem TOP wurde nichts beschlossen."
	if res := act("geschaeftsstelle", id, fmt.Sprintf(`{"aktion":"ablehnen","fassung":1,"grund":%q}`, reason), http.StatusOK); !strings.Contains(res, `"stand":"abgelehnt"`) {
		t.Errorf("refused: %s", res)
	}
	if _, res := apiCall(t, ts, st, "hessen", "GET", list, ""); !strings.Contains(res, "abgelehnt: "+reason) {
		t.Errorf("Hessen does not read the reason: %s", res)
	}
	if _, res := apiCall(t, ts, st, "geschaeftsstelle", "GET", list, ""); strings.Contains(res, "API-Text") {
		t.Errorf("a refused submission still waits for the Geschäftsstelle: %s", res)
	}
	act("geschaeftsstelle", id, `{"aktion":"uebernehmen","fassung":2}`, http.StatusConflict)
	act("hessen", id, `{"aktion":"zurueckziehen","fassung":2}`, http.StatusConflict)

	// The DLT (an advisory member) submits; the Geschäftsstelle takes it over.
	dlt := submit("dlt", fmt.Sprintf(`{"top":%q,"text":"Der DLT bittet um Beteiligung (API-DLT)."}`, it.Number), http.StatusCreated)
	if res := act("geschaeftsstelle", dlt["id"], `{"aktion":"uebernehmen","fassung":1}`, http.StatusOK); !strings.Contains(res, `"stand":"uebernommen"`) {
		t.Errorf("taken over: %s", res)
	}
	notes, _ := st.ProtocolNotes(t.Context(), it.ID)
	if len(notes) == 0 || !strings.Contains(notes[len(notes)-1].Text, "API-DLT") {
		t.Errorf("the item's notes: %+v", notes)
	}
}
