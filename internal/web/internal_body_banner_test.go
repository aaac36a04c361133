package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestInternalBodyBannerSaysThereIsNoPublicVersion: the AL-Runde's
// session page and its minutes said to an internal reader "Interne
// Fassung – vertraulich. Markierte Passagen fehlen in der öffentlichen
// Fassung.", though the AL-Runde publishes no version at all (its body
// keeps everything internal: model.Audience.SeesBody). Its pages say so;
// the IT-Planungsrat's keep the note on marked passages.
func TestInternalBodyBannerSaysThereIsNoPublicVersion(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	banner := func(path string) string {
		t.Helper()
		code, page := do(t, gs, "GET", ts.URL+path, nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", path, code)
		}
		return strings.Join(strings.Fields(between(page, `<p class="notice confidential-note">`, "</p>")), " ")
	}
	const internalOnly = "Interne Fassung – vertraulich. Die AL-Runde veröffentlicht keine Fassung: Protokolle und Beschlussempfehlungen sind intern."
	for _, path := range []string{"/gremien/al-runde/sitzungen/39", "/gremien/al-runde/sitzungen/39/protokoll"} {
		if got := banner(path); got != internalOnly {
			t.Errorf("%s: banner %q, want %q", path, got, internalOnly)
		}
	}
	for path, want := range map[string]string{
		"/sitzungen/47":           "Interne Fassung – vertraulich. Markierte Passagen fehlen in der öffentlichen Fassung.",
		"/sitzungen/47/protokoll": "Interne Fassung – vertraulich. Markierte Passagen und gekennzeichnete Zeilen fehlen in der öffentlichen Fassung.",
	} {
		if got := banner(path); got != want {
			t.Errorf("%s: banner %q, want %q", path, got, want)
		}
	}
}
