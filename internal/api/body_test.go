package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"gremium/internal/auth"
)

// TestBodyProblemsNameTheirMember: a request body is one JSON object of
// the operation's members. Before, a member of the wrong type in a row of
// a list was named without its row (/teilnehmende/online, from
// json.UnmarshalTypeError.Field) and the other rows' reasons were lost;
// data after the object, a member given twice, an unknown or misspelt
// member (beschlussvorschlaege: the proposal silently dropped) were
// taken.
func TestBodyProblemsNameTheirMember(t *testing.T) {
	_, _, send := hessenAPI(t)
	for _, tc := range []struct {
		method, path, body string
		want               map[string]string // member → part of its reason; "" for the request as a whole
	}{
		{"PUT", "/api/v1/sitzungen/49/teilnahme", `{"version":0,"teilnehmende":[{"name":"","funktion":"x"},{"name":"A","online":"ja"}]}`,
			map[string]string{"/teilnehmende/1/online": "erwartet: true oder false", "/teilnehmende/0/name": "für Person 1 den Namen"}},
		{"PUT", "/api/v1/sitzungen/49/teilnahme", `{"version":0,"teilnehmende":[{"name":"A","online":1},{"name":"B","vertretung":"nein"}]}`,
			map[string]string{"/teilnehmende/0/online": "erwartet: true oder false", "/teilnehmende/1/vertretung": "erwartet: true oder false"}},
		{"PUT", "/api/v1/sitzungen/49/teilnahme", `{"version":0,"teilnehmende":[{"name":"A","nmae":"B"}]}`,
			map[string]string{"/teilnehmende/0/nmae": "kein Feld"}},
		{"POST", "/api/v1/sitzungen/47/kommentare", `{"kommentar":"a","kommentar":"b"}`, map[string]string{"/kommentar": "mehrmals"}},
		{"POST", "/api/v1/sitzungen/47/kommentare", `{"kommentar":"a"} {"x":1}`, map[string]string{"": "weitere"}},
		{"POST", "/api/v1/sitzungen/47/kommentare", `{"kommentar":"a","kommentar":"b"} {"x":1}`, map[string]string{"": "weitere"}},
		{"POST", "/api/v1/sitzungen/47/kommentare", `{"kommentar":"a","unbekannt":1}`, map[string]string{"/unbekannt": "„unbekannt“ ist kein Feld"}},
		// A NUL or an escape sequence was stored and served back raw
		// (security review); refused at its member.
		{"POST", "/api/v1/sitzungen/47/kommentare", `{"kommentar":"a\u0000b\u001b[31m"}`, map[string]string{"/kommentar": "enthält ein Steuerzeichen"}},
		{"POST", "/api/v1/sitzungen/49/anmeldungen", `{"titel":"T\u0007","ziel":"Beschluss","antrag":["Bund"],"fachmk":{"betroffen":false}}`, map[string]string{"/titel": "enthält ein Steuerzeichen"}},
		{"POST", "/api/v1/sitzungen/49/anmeldungen", `{"titel":"T","ziel":"Beschluss","antrag":["Bund"],"beschlussvorschlaege":["1. X"],"fachmk":{"betroffen":false}}`,
			map[string]string{"/beschlussvorschlaege": "beschlussvorschlag"}},
		{"POST", "/api/v1/sitzungen/49/anmeldungen", `{"titel":"T","fachmk":{"betroffen":"nein","konferenz":["IMK"]}}`,
			map[string]string{"/fachmk/betroffen": "erwartet: true oder false", "/fachmk/konferenz": "kein Feld"}},
	} {
		code, out := send(tc.method, tc.path, tc.body)
		if code != http.StatusBadRequest {
			t.Errorf("%s %s: %d %+v, want 400", tc.path, tc.body, code, out)
			continue
		}
		got := map[string]string{}
		for _, p := range out.Problems {
			got[p.Field] = p.Reason
		}
		if len(out.Problems) == 0 {
			got[""] = out.Error
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s %s: problems %+v, want %v", tc.path, tc.body, out.Problems, tc.want)
		}
		for at, part := range tc.want {
			if !strings.Contains(got[at], part) || !strings.Contains(out.Error, got[at]) {
				t.Errorf("%s %s: at %q %q (error %q), want %q", tc.path, tc.body, at, got[at], out.Error, part)
			}
		}
	}
}

// TestBadTokenRefusedOnReads: an Authorization header that names no valid
// token is refused (401 with WWW-Authenticate) on every route of the JSON
// API, reads included; before, a public read with a revoked or invalid
// token answered 200, so a client never learned its token was dead until
// it wrote. OParl takes no token and ignores the header.
func TestBadTokenRefusedOnReads(t *testing.T) {
	ts, st, _, good := hessenServer(t)
	ctx := context.Background()
	he, _, _ := st.UserLogin(ctx, "hessen")
	revoked, tid, err := auth.NewAPITokenUntil(ctx, st, he.ID, "Alt", time.Now().AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RevokeAPIToken(ctx, he.ID, tid); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/v1/sitzungen", "/api/v1/sitzungen/47", "/api/v1/beschluesse", "/api/v1/auftraege", "/api/v1/fachmk", "/api/v1/openapi.json"} {
		for _, tok := range []string{revoked, "grm_invalid"} {
			code, h, body := call(t, ts, "GET", path, tok, "")
			var e refusal
			if err := json.Unmarshal(body, &e); code != 401 || err != nil || e.Error == "" || !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("GET %s with token %.8s: %d %q %s", path, tok, code, h.Get("WWW-Authenticate"), body)
			}
		}
		if code, _, body := call(t, ts, "GET", path, good, ""); code != 200 {
			t.Errorf("GET %s with a valid token: %d %s", path, code, body)
		}
		if code, _, body := call(t, ts, "GET", path, "", ""); code != 200 {
			t.Errorf("GET %s without token: %d %s", path, code, body)
		}
	}
	req, _ := http.NewRequest("GET", ts.URL+"/api/v1/sitzungen", nil)
	req.Header.Set("Authorization", "Basic aGVzc2VuOmdlaGVpbQ==")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 401 {
		t.Errorf("GET with Basic credentials: %d, want 401", res.StatusCode)
	}
	if code, _, body := call(t, ts, "GET", "/oparl/v1", "grm_invalid", ""); code != 200 {
		t.Errorf("OParl with a token: %d %s", code, body)
	}
}

// TestDecisionPagesPastTheEnd: a page after the last of
// /api/v1/beschluesse links (rel="prev") the last page there is, not the
// page before it, which was just as empty (?seite=5 with one page linked
// ?seite=4); with no decision at all there is no previous page.
func TestDecisionPagesPastTheEnd(t *testing.T) {
	ts, _ := demoAPI(t)
	for path, want := range map[string]string{
		"/api/v1/beschluesse?seite=5":           ts.URL + "/api/v1/beschluesse?seite=1",
		"/api/v1/beschluesse?jahr=2025&seite=9": ts.URL + "/api/v1/beschluesse?jahr=2025&seite=1",
		"/api/v1/beschluesse?jahr=2025&seite=2": ts.URL + "/api/v1/beschluesse?jahr=2025&seite=1",
		"/api/v1/beschluesse?jahr=1900&seite=3": "",
		"/api/v1/beschluesse?jahr=1900":         "",
	} {
		code, h, body := call(t, ts, "GET", path, "", "")
		if code != 200 || string(body) != "[]\n" && !strings.HasPrefix(string(body), "[") {
			t.Errorf("%s: %d %s", path, code, body)
		}
		if got := linkRels(t, h.Get("Link"))["prev"]; got != want {
			t.Errorf("%s: prev %q, want %q", path, got, want)
		}
	}
}

// FuzzDecodeBody: the strict reader of request bodies never panics, takes
// only what json.Unmarshal reads without error (and without an unknown
// member), and refuses with 400 and a German reason otherwise.
func FuzzDecodeBody(f *testing.F) {
	for _, s := range []string{
		`{"version":0,"teilnehmende":[{"name":"A","online":true}]}`,
		`{"version":0,"teilnehmende":[{"name":"","funktion":"x"},{"name":"A","online":"ja"}]}`,
		`{"kommentar":"a","kommentar":"b"} {"x":1}`,
		`{"titel":"T","fachmk":{"betroffen":false,"konferenzen":["IMK"]},"n":1e400}`,
		`[1,2]`, `null`, ``, `{"version":99999999999999999999}`, `{"a~/b":1}`,
	} {
		f.Add([]byte(s))
	}
	type row struct {
		Name   string `json:"name" form:"name"`
		Online bool   `json:"online"`
	}
	type request struct {
		Version int              `json:"version" form:"version" required:"Die Version fehlt."`
		Rows    []row            `json:"teilnehmende"`
		Title   string           `json:"titel"`
		FachMK  *ImpactStatement `json:"fachmk"`
		N       float64          `json:"n"`
		U       uint8            `json:"u"`
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var in request
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/api/v1/x", bytes.NewReader(data))
		r = r.WithContext(context.WithValue(r.Context(), fieldsKey{}, &requestFields{}))
		ok := decodeBody(w, r, &in)
		if ok {
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			var again request
			if err := dec.Decode(&again); err != nil {
				t.Fatalf("taken %q, but json says %v", data, err)
			}
			return
		}
		var e refusal
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" || w.Code != http.StatusBadRequest && w.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("refused %q with %d %s", data, w.Code, w.Body)
		}
		for _, p := range e.Problems {
			if p.Field != "" && !strings.HasPrefix(p.Field, "/") {
				t.Fatalf("refused %q at %q", data, p.Field)
			}
		}
	})
}
