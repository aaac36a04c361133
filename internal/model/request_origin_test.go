package model

import "testing"

// TestRequestOrigin: a request names the conference it came from, in the
// genitive its name takes, with who brought it in (before: "über
// FachMK-Geschäftsstelle", no conference).
func TestRequestOrigin(t *testing.T) {
	fmk := Body{Name: "Finanzministerkonferenz"}
	ejr := Body{Name: "E-Justice-Rat"}
	for _, tc := range []struct {
		via  string
		conf Body
		want string
	}{
		{ViaConference, fmk, "von der Geschäftsstelle der Finanzministerkonferenz"},
		{ViaConference, ejr, "von der Geschäftsstelle des E-Justice-Rats"},
		{ViaSecretariat, fmk, "als Anliegen der Finanzministerkonferenz, erfasst von der Geschäftsstelle"},
		{"MV", ejr, "als Anliegen des E-Justice-Rats über MV"},
		{"", fmk, "als Anliegen der Finanzministerkonferenz"},
	} {
		if got := (Request{Via: tc.via}).Origin(tc.conf); got != tc.want {
			t.Errorf("%q, %s: %q, want %q", tc.via, tc.conf.Name, got, tc.want)
		}
	}
}
