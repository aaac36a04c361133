package oparl

import "testing"

// TestCanonicalPath: case, slashes and leading zeros are part of the
// canonical path (chapter 2.3); other spellings of what the interface
// serves have one canonical form, and what it does not serve has none.
func TestCanonicalPath(t *testing.T) {
	for _, c := range []struct {
		path, want string
		ok         bool
	}{
		{"/oparl/v1/paper/5", "/oparl/v1/paper/5", true},
		{"/oparl/v1/Paper/5", "/oparl/v1/paper/5", true},
		{"/oparl/v1/paper/5/", "/oparl/v1/paper/5", true},
		{"/oparl/v1//paper//005", "/oparl/v1/paper/5", true},
		{"/OParl/V1/AgendaItem/12", "/oparl/v1/agendaitem/12", true},
		{"/oparl/v1/", "/oparl/v1", true},
		{"/oparl/v1/Body/", "/oparl/v1/body", true},
		{"/oparl/v1/body/1/agendaitem", "/oparl/v1/body/1/agendaItem", true},
		{"/oparl/v1/body/01/LOCATIONLIST/", "/oparl/v1/body/1/locationList", true},
		{"/oparl/v1/Organization/3/Meeting", "/oparl/v1/organization/3/meeting", true},
		{"/oparl/v1/system/1", "", false},
		{"/oparl/v1/paper", "", false},
		{"/oparl/v1/paper/abc", "", false},
		{"/oparl/v1/paper/+5", "", false},
		{"/oparl/v1/paper/0", "", false},
		{"/oparl/v1/gibtsnicht/5", "", false},
		{"/oparl/v1/paper/5/consultation", "", false},
		{"/oparl/v2/paper/5", "", false},
		{"/oparl", "", false},
	} {
		got, ok := CanonicalPath(c.path)
		if got != c.want || ok != c.ok {
			t.Errorf("CanonicalPath(%q) = %q, %v; want %q, %v", c.path, got, ok, c.want, c.ok)
		}
	}
}

// TestCanonicalQuery: one spelling of every query string — the list
// parameters sorted, each once, a "+" that came unencoded in a date-time
// read as "+", unknown parameters left out.
func TestCanonicalQuery(t *testing.T) {
	for raw, want := range map[string]string{
		"": "",
		"modified_since=2026-12-02T11:21:18+01:00":           "modified_since=2026-12-02T11%3A21%3A18%2B01%3A00",
		"modified_since=2026-12-02T11%3A21%3A18%2B01%3A00":   "modified_since=2026-12-02T11%3A21%3A18%2B01%3A00",
		"limit=3&foo=bar&created_until=2026-01-01T00:00:00Z": "created_until=2026-01-01T00%3A00%3A00Z&limit=3",
		"limit=3&limit=5&after=&omit_internal=true":          "limit=3&omit_internal=true",
		"foo=bar":           "",
		"limit=%zz&after=7": "after=7",
	} {
		if got := CanonicalQuery(raw); got != want {
			t.Errorf("CanonicalQuery(%q) = %q, want %q", raw, got, want)
		}
	}
}

// TestLocality: a venue's town is given only when its text is a town's
// name alone.
func TestLocality(t *testing.T) {
	for place, want := range map[string]string{
		"Schwerin":                          "Schwerin",
		" Frankfurt am Main ":               "Frankfurt am Main",
		"Halle (Saale)":                     "Halle (Saale)",
		"Berlin, Bundesministerium; Raum 1": "",
		"Videokonferenz":                    "",
		"online":                            "",
		"Raum 3.14":                         "",
		"":                                  "",
	} {
		if got := Locality(place); got != want {
			t.Errorf("Locality(%q) = %q, want %q", place, got, want)
		}
	}
}
