package api

import (
	"net/http"
	"testing"
)

// TestBearerSchemeInAnyCase: the scheme of "Authorization: Bearer …" is
// read in any case, as HTTP has it (RFC 9110, 11.1); a client sending
// "bearer" was refused with 401 (security review). Another scheme stays
// refused.
func TestBearerSchemeInAnyCase(t *testing.T) {
	ts, _, _, token := hessenServer(t)
	for header, want := range map[string]int{
		"Bearer " + token:    http.StatusOK,
		"bearer " + token:    http.StatusOK,
		"BEARER  " + token:   http.StatusOK,
		"Basic " + token:     http.StatusUnauthorized,
		"Bearer":             http.StatusUnauthorized,
		"Bearer" + token[:4]: http.StatusUnauthorized,
	} {
		req, _ := http.NewRequest("GET", ts.URL+"/api/v1/mitantraege", nil)
		req.Header.Set("Authorization", header)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("Authorization %.12q…: %d, want %d", header, res.StatusCode, want)
		}
	}
}
