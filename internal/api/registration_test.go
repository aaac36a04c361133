package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// hessenAPI gives the demo API's store with its accounts and a session 49
// planned two months ahead (sid), and send, which sends a request with an
// API token of Hessen's office and reads the refusal it is answered with.
func hessenAPI(t *testing.T) (st *store.Store, sid int64, send func(method, path, body string) (int, refusal)) {
	t.Helper()
	ts, st, sid, token := hessenServer(t)
	return st, sid, func(method, path, body string) (int, refusal) {
		t.Helper()
		code, _, b := call(t, ts, method, path, token, body)
		var out refusal
		json.Unmarshal(b, &out)
		return code, out
	}
}

// hessenServer gives the demo's API with the accounts, a planned 49th
// session (its id) and an API token of Hessen's office.
func hessenServer(t *testing.T) (ts *httptest.Server, st *store.Store, sid int64, token string) {
	t.Helper()
	ts, st = demoAPI(t)
	ctx := context.Background()
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	he, _, _ := st.UserLogin(ctx, "hessen")
	token, _ = auth.NewAPIToken(ctx, st, he.ID, "Landesportal Hessen")
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sid, err := st.CreateSession(ctx, model.Session{BodyID: itplr.ID, Number: 49, Date: model.BerlinDate(time.Now().AddDate(0, 2, 0)), Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	return ts, st, sid, token
}

// TestRegistrationRefusesEachFieldForItsOwnReason: a member of the request
// refused as typed (an open confidential mark, an unknown conference) is
// refused for that only, and the other rules still run on the rest.
// Before, a proposal with an open mark also drew "bitte den
// Beschlussvorschlag eintragen" (one was typed) and the applicant rule
// (HE alone) waited for the next round; an unknown conference also drew
// "bitte … ankreuzen". "Not affected" naming conferences was taken (201,
// the conferences dropped); unknown reporting members were stored ("BE
// HE, XY, Quatschland"); an unknown applicant was "nicht
// antragsberechtigt" instead of no member.
func TestRegistrationRefusesEachFieldForItsOwnReason(t *testing.T) {
	st, sid, send := hessenAPI(t)
	ctx := context.Background()
	call := func(body string) (int, map[string]string) {
		t.Helper()
		code, out := send("POST", "/api/v1/sitzungen/49/anmeldungen", body)
		at := map[string]string{}
		for _, p := range out.Problems {
			at[p.Field] += p.Reason + " "
		}
		return code, at
	}
	for _, tc := range []struct {
		name, body string
		want       map[string]string // member → a part of its reason
		not        []string          // reasons that must not come
	}{
		{"proposal with an open mark", `{"titel":"E-Akte","ziel":"Beschluss","antrag":["HE"],"beschlussvorschlag":["1. Der IT-PLR [[beschließt"],"fachmk":{"betroffen":false}}`,
			map[string]string{"/beschlussvorschlag": "„[[“ fehlt das schließende", "/antrag": "nötig ist der Antrag des Bundes oder dreier Länder"},
			[]string{"Beschlussvorschlag eintragen"}},
		{"unknown conference", `{"titel":"E-Akte","ziel":"Bericht","fachmk":{"betroffen":true,"konferenzen":["XYZ"]}}`,
			map[string]string{"/fachmk/konferenzen": "„XYZ“ ist keine Fachministerkonferenz"},
			[]string{"ankreuzen"}},
		{"not affected, conferences named", `{"titel":"E-Akte","ziel":"Bericht","fachmk":{"betroffen":false,"konferenzen":["IMK"]}}`,
			map[string]string{"/fachmk": "widerspricht sich"}, nil},
		{"unknown reporting members and applicant", `{"titel":"E-Akte","ziel":"Beschluss","antrag":["Bund","HE","NRW"],"berichterstattung":["HE","XY","Quatschland"],"beschlussvorschlag":["Der IT-PLR beschließt."],"fachmk":{"betroffen":false}}`,
			map[string]string{"/berichterstattung": "„XY“, „Quatschland“ sind keine Mitglieder des IT-Planungsrats", "/antrag": "„NRW“ ist kein Mitglied des IT-Planungsrats"},
			[]string{"antragsberechtigt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, at := call(tc.body)
			if code != http.StatusUnprocessableEntity {
				t.Fatalf("%d %v", code, at)
			}
			for member, reason := range tc.want {
				if !strings.Contains(at[member], reason) {
					t.Errorf("at %s: %q, want %q (all: %v)", member, at[member], reason, at)
				}
			}
			if len(at) != len(tc.want) {
				t.Errorf("problems at %d members, want %d: %v", len(at), len(tc.want), at)
			}
			for _, not := range tc.not {
				for member, reason := range at {
					if strings.Contains(reason, not) {
						t.Errorf("at %s: %q", member, reason)
					}
				}
			}
		})
	}
	// Members by name, as the form reads them.
	if code, at := call(`{"titel":"E-Akte","ziel":"Bericht","berichterstattung":["Hessen","fitko"],"fachmk":{"betroffen":false}}`); code != http.StatusCreated {
		t.Errorf("reporting members by name: %d %v", code, at)
	}
	items, _ := st.Items(ctx, sid)
	if len(items) != 1 || strings.Join(items[0].Reporters, ",") != "HE,FITKO" {
		t.Errorf("stored: %+v", items)
	}
}

// TestRegistrationRefusesMadeUpSource: a source (Quelle) in the form of a
// decision number of the council that gremium does not hold is refused at
// its field, as on the form. Before, "B-2025/99-IT" was stored and
// published as the item's source ("Baut auf B-2025/99-IT"). A source the
// register holds, free text and a number from before the register (the
// real minutes cite B-2022/42-IT) are taken.
func TestRegistrationRefusesMadeUpSource(t *testing.T) {
	st, sid, send := hessenAPI(t)
	ctx := context.Background()
	code, out := send("POST", "/api/v1/sitzungen/49/anmeldungen", `{"titel":"E-Akte","ziel":"Bericht","quelle":["B-2025/99-IT"],"fachmk":{"betroffen":false}}`)
	if code != http.StatusUnprocessableEntity || len(out.Problems) != 1 || out.Problems[0].Field != "/quelle" ||
		!strings.Contains(out.Problems[0].Reason, "Der Beschluss B-2025/99-IT ist nicht erfasst") {
		t.Fatalf("made-up source: %d %+v", code, out)
	}
	code, out = send("POST", "/api/v1/sitzungen/49/anmeldungen", `{"titel":"E-Akte","ziel":"Bericht","quelle":["B-2025/26-IT","Zielbild Informationssicherheit","B-2022/42-IT"],"fachmk":{"betroffen":false}}`)
	if code != http.StatusCreated {
		t.Fatalf("held source, free text, older number: %d %+v", code, out)
	}
	items, _ := st.Items(ctx, sid)
	if len(items) != 1 || len(items[0].Sources) != 3 {
		t.Errorf("stored: %+v", items)
	}
}

// TestRegistrationViewChangeWithdraw: the JSON API registered an item but
// had no way to read the registration back, change it while pending, or
// withdraw it, as its page /anmeldungen/{id} does. It reads it (with the
// version), changes it by the rules of a new one (a made-up Quelle
// refused at /quelle, nothing stored), refuses a stale version and a
// change after the registration deadline, and withdraws it with its
// proposal. Bayern's office does not find Hessen's registration.
func TestRegistrationViewChangeWithdraw(t *testing.T) {
	ts, st, sid, token := hessenServer(t)
	ctx := context.Background()
	code, _, b := call(t, ts, "POST", "/api/v1/sitzungen/49/anmeldungen", token, `{"titel":"E-Akte [[Kosten]]","ziel":"Beschluss","antrag":["HE","Bund"],"beschlussvorschlag":["1. Der IT-Planungsrat beschließt."],"fachmk":{"betroffen":true,"konferenzen":["IMK"]}}`)
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
		return got
	}
	got := read()
	if got.Title != "E-Akte [[Kosten]]" || got.Member != "HE" || got.Status != "angemeldet" || !got.Changeable || fmt.Sprint(got.Proposal) != "[1. Der IT-Planungsrat beschließt.]" ||
		fmt.Sprint(got.Applicants) != "[HE Bund]" || fmt.Sprint(got.FachMK.Conferences) != "[IMK]" || !got.FachMK.Affected || got.Session != 49 {
		t.Errorf("read: %+v", got)
	}
	by, _, _ := st.UserLogin(ctx, "bayern")
	byToken, _ := auth.NewAPIToken(ctx, st, by.ID, "Bayern")
	if code, _, _ := call(t, ts, "GET", path, byToken, ""); code != http.StatusNotFound {
		t.Errorf("Bayern reads Hessen's registration: %d", code)
	}
	if code, _, _ := call(t, ts, "DELETE", path+"?version="+fmt.Sprint(got.Version), byToken, ""); code != http.StatusNotFound {
		t.Errorf("Bayern withdraws Hessen's registration: %d", code)
	}
	// A made-up source: refused at /quelle, nothing stored.
	code, _, b = call(t, ts, "PUT", path, token, fmt.Sprintf(`{"version":%d,"titel":"E-Akte","ziel":"Bericht","quelle":["B-2025/99-IT"],"fachmk":{"betroffen":false}}`, got.Version))
	var out refusal
	json.Unmarshal(b, &out)
	if code != http.StatusUnprocessableEntity || len(out.Problems) != 1 || out.Problems[0].Field != "/quelle" || !strings.Contains(out.Problems[0].Reason, "B-2025/99-IT ist nicht erfasst") {
		t.Errorf("made-up source: %d %s", code, b)
	}
	if now := read(); now.Version != got.Version || now.Title != got.Title {
		t.Errorf("the refused change was stored: %+v", now)
	}
	// Changed: a report now, its proposal gone.
	code, _, b = call(t, ts, "PUT", path, token, fmt.Sprintf(`{"version":%d,"titel":"E-Akte","ziel":"Bericht","quelle":["B-2025/26-IT"],"fachmk":{"betroffen":false}}`, got.Version))
	var changed Registration
	if err := json.Unmarshal(b, &changed); code != http.StatusOK || err != nil || changed.Title != "E-Akte" || changed.Goal != "Bericht" || len(changed.Proposal) != 0 ||
		changed.FachMK.Affected || changed.Version != got.Version+1 {
		t.Errorf("change: %d %s", code, b)
	}
	if ds, _ := st.Decisions(ctx, store.DecisionFilter{ItemID: created.ID}); len(ds) != 0 {
		t.Errorf("the report keeps its proposal: %+v", ds)
	}
	if code, _, b := call(t, ts, "PUT", path, token, fmt.Sprintf(`{"version":%d,"titel":"Alt","ziel":"Bericht","fachmk":{"betroffen":false}}`, got.Version)); code != http.StatusConflict {
		t.Errorf("stale version: %d %s", code, b)
	}
	// After the registration deadline: refused with the reason.
	se, _ := st.Session(ctx, sid)
	se.RegistrationDeadline = model.BerlinDate(time.Now().AddDate(0, 0, -1))
	if err := st.UpdateSession(ctx, se); err != nil {
		t.Fatal(err)
	}
	if now := read(); now.Changeable || !strings.Contains(now.NoChange, "Anmeldeschluss") {
		t.Errorf("after the deadline: %+v", now)
	}
	if code, _, b := call(t, ts, "PUT", path, token, fmt.Sprintf(`{"version":%d,"titel":"Zu spät","ziel":"Bericht","fachmk":{"betroffen":false}}`, changed.Version)); code != http.StatusUnprocessableEntity ||
		!strings.Contains(string(b), "Anmeldeschluss") {
		t.Errorf("change after the deadline: %d %s", code, b)
	}
	// Withdrawn, still possible after the deadline.
	if code, _, b := call(t, ts, "DELETE", path, token, ""); code != http.StatusBadRequest {
		t.Errorf("withdrawal without version: %d %s", code, b)
	}
	if code, _, b := call(t, ts, "DELETE", path+"?version="+fmt.Sprint(changed.Version), token, ""); code != http.StatusNoContent {
		t.Errorf("withdrawal: %d %s", code, b)
	}
	if _, err := st.Item(ctx, created.ID); model.ClassOf(err) != model.ErrNotFound {
		t.Errorf("the withdrawn registration is still there: %v", err)
	}
}

// TestRegistrationIdempotencyKey: a client that sends its registration
// again after a broken connection made a second one, its co-applicants
// asked twice. With an Idempotency-Key the second answer is 200 with the
// registration made; a key that is no key is refused.
func TestRegistrationIdempotencyKey(t *testing.T) {
	ts, st, _, token := hessenServer(t)
	const body = `{"titel":"Einmal angemeldet","ziel":"Beschluss","fachmk":{"betroffen":false},"antrag":["HE","BY","NW"],"beschlussvorschlag":["Der IT-Planungsrat beschließt."]}`
	send := func(key string) (int, Registered) {
		t.Helper()
		req, _ := http.NewRequest("POST", ts.URL+"/api/v1/sitzungen/49/anmeldungen", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", key)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out Registered
		json.NewDecoder(res.Body).Decode(&out)
		return res.StatusCode, out
	}
	code1, first := send("landesportal-4711")
	code2, second := send("landesportal-4711")
	if code1 != http.StatusCreated || code2 != http.StatusOK || first.ID != second.ID || first.ID == 0 {
		t.Errorf("sent twice: %d %+v, %d %+v", code1, first, code2, second)
	}
	if co, _ := st.PendingCoApplications(context.Background(), "BY"); len(co) != 1 {
		t.Errorf("BY is asked %d times", len(co))
	}
	if code, _ := send("mit Leerzeichen"); code != http.StatusBadRequest {
		t.Errorf("a key with spaces: %d", code)
	}
}

// TestRegistrationShowsCoApplications: the registration as the API reads
// it names each co-applicant with where its confirmation stands and, while
// they do not carry the application, why — as its page does. Before, the
// API listed the applicants only, and a member's system could not tell a
// confirmed co-applicant from one not yet asked.
func TestRegistrationShowsCoApplications(t *testing.T) {
	ts, st, _, token := hessenServer(t)
	ctx := context.Background()
	code, _, b := call(t, ts, "POST", "/api/v1/sitzungen/49/anmeldungen", token, `{"titel":"Mit Mitanträgen","ziel":"Beschluss","fachmk":{"betroffen":false},"antrag":["HE","BY","NW"],"beschlussvorschlag":["Der IT-Planungsrat beschließt."]}`)
	var created Registered
	if err := json.Unmarshal(b, &created); code != http.StatusCreated || err != nil {
		t.Fatalf("registration: %d %s", code, b)
	}
	read := func() Registration {
		t.Helper()
		code, _, b := call(t, ts, "GET", "/api/v1/anmeldungen/"+strconv.FormatInt(created.ID, 10), token, "")
		var got Registration
		if err := json.Unmarshal(b, &got); code != http.StatusOK || err != nil {
			t.Fatalf("read: %d %s", code, b)
		}
		return got
	}
	got := read()
	if fmt.Sprintf("%+v", got.CoApplications) != "[{Member:BY State:offen AskedAgain:false DecidedAt:} {Member:NW State:offen AskedAgain:false DecidedAt:}]" {
		t.Errorf("co-applications: %+v", got.CoApplications)
	}
	if !strings.Contains(got.Shortfall, "Mitantrag von BY, NW noch nicht bestätigt") {
		t.Errorf("shortfall: %q", got.Shortfall)
	}
	for _, m := range []string{"BY", "NW"} {
		co, err := st.PendingCoApplications(ctx, m)
		if err != nil || len(co) != 1 {
			t.Fatalf("%s asked: %v %v", m, co, err)
		}
		if _, err := st.DecideCoApplication(ctx, co[0].ID, m, model.CoConfirm, co[0].Fingerprint()); err != nil {
			t.Fatal(err)
		}
	}
	got = read()
	if len(got.CoApplications) != 2 || got.CoApplications[0].State != "bestaetigt" || got.CoApplications[0].DecidedAt == "" || got.Shortfall != "" {
		t.Errorf("after both confirmed: %+v, shortfall %q", got.CoApplications, got.Shortfall)
	}
}

// TestRegistrationMovedByTheAPI: Hessen's system moves its pending
// registration of the cancelled 49th to the 50th, whose deadline has
// passed (POST /api/v1/anmeldungen/{id}/verlegen): the same registration,
// now of the 50th, late, Bayern's confirmed co-application kept; a stale
// version is a conflict and a target that takes no registrations is
// refused at /sitzung. Before, the API offered only withdrawing it.
func TestRegistrationMovedByTheAPI(t *testing.T) {
	ts, st, sid, token := hessenServer(t)
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if _, err := st.CreateSession(ctx, model.Session{BodyID: itplr.ID, Number: 50, Date: model.BerlinDate(time.Now().AddDate(0, 4, 0)),
		RegistrationDeadline: model.BerlinDate(time.Now().AddDate(0, 0, -1)), Status: model.StatusPlanned}); err != nil {
		t.Fatal(err)
	}
	se, _ := st.Session(ctx, sid)
	g := model.Registration{Member: "HE", Title: "Register", Goal: model.GoalDecision, Impact: model.Impact{Stated: true},
		Applicants: []string{"HE", "BY", "NW"}, Proposal: []model.Point{{Text: "Der IT-Planungsrat beschließt das Register."}}}
	id, err := st.RegisterItem(ctx, g.Item(se, time.Now()), g.Draft(itplr.ID), store.ConfirmCoApplicants())
	if err != nil {
		t.Fatal(err)
	}
	by, _ := st.PendingCoApplications(ctx, "BY")
	if _, err := st.DecideCoApplication(ctx, by[0].ID, "BY", model.CoConfirm, by[0].Fingerprint()); err != nil {
		t.Fatal(err)
	}
	if err := st.CancelSession(ctx, sid, se.Version, "Terminkollision"); err != nil {
		t.Fatal(err)
	}
	it, _ := st.Item(ctx, id)
	path := fmt.Sprintf("/api/v1/anmeldungen/%d/verlegen", id)
	refused := func(body string, want int, field, reason string) {
		t.Helper()
		code, _, b := call(t, ts, "POST", path, token, body)
		var out refusal
		json.Unmarshal(b, &out)
		if code != want || !strings.Contains(out.Error, reason) || field != "" && (len(out.Problems) != 1 || out.Problems[0].Field != field) {
			t.Errorf("%s: %d %s, want %d at %q with %q", body, code, b, want, field, reason)
		}
		if now, _ := st.Item(ctx, id); now.SessionID != sid {
			t.Errorf("%s moved it", body)
		}
	}
	refused(fmt.Sprintf(`{"sitzung":47,"version":%d}`, it.Version), http.StatusUnprocessableEntity, "/sitzung", "nimmt keine Anmeldungen mehr an")
	refused(fmt.Sprintf(`{"sitzung":50,"version":%d}`, it.Version-1), http.StatusConflict, "", "inzwischen geändert")
	code, _, b := call(t, ts, "POST", path, token, fmt.Sprintf(`{"sitzung":50,"version":%d}`, it.Version))
	var got Registration
	if err := json.Unmarshal(b, &got); err != nil || code != http.StatusOK {
		t.Fatalf("move: %d %s", code, b)
	}
	if got.ID != id || got.Session != 50 || !got.Late || got.Status != "angemeldet" || len(got.CoApplications) != 2 ||
		got.CoApplications[0].Member != "BY" || got.CoApplications[0].State != "bestaetigt" || got.CoApplications[1].State != "offen" {
		t.Errorf("the moved registration: %+v", got)
	}
}
