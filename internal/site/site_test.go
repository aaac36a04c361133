package site

import (
	"net/http/httptest"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"https://gremium.example.org", "https://gremium.example.org", true},
		{"https://gremium.example.org/", "https://gremium.example.org", true},
		{"https://example.org/gremium/", "https://example.org/gremium", true},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080", true},
		{"gremium.example.org", "", false},
		{"ftp://example.org", "", false},
		{"https://example.org/?x=1", "", false},
		{"https://user@example.org", "", false},
	} {
		t.Run(c.in, func(t *testing.T) {
			p, err := Parse(c.in)
			if (err == nil) != c.ok || p.String() != c.want {
				t.Errorf("Parse(%q) = %q, %v", c.in, p, err)
			}
		})
	}
}

func TestBaseIgnoresHostWhenSet(t *testing.T) {
	r := httptest.NewRequest("GET", "http://evil.example/oparl/v1", nil)
	r.Host = "evil.example"
	p, _ := Parse("https://gremium.example.org")
	if got := p.URL(r, "/oparl/v1"); got != "https://gremium.example.org/oparl/v1" {
		t.Errorf("configured: %s", got)
	}
	r.Header.Set("X-Forwarded-Proto", "https")
	if got := (Public{}).Base(r); got != "https://evil.example" {
		t.Errorf("unset: %s", got)
	}
	if got := FromListenAddr(":8080").String(); got != "http://localhost:8080" {
		t.Errorf("listen default: %s", got)
	}
}
