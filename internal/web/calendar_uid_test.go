package web

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/site"
	"gremium/internal/store"
)

// TestCalendarUIDsOutliveThePublicAddress: every UID gremium made in its
// feeds ended in the host of the public address (…@gremium.example.org):
// an operator who changed --public-url, or a second host name, made every
// subscribed calendar see every event as new, twice, and the old ones
// never went (RFC 5545 3.8.4.7: persistent). Now the UIDs end in the
// installation's calendar domain, made at the first feed from the
// configured address's host — an installation upgrading with the same
// address gives the UIDs it gave before — and kept: another address,
// another instance on the database and an instance without a configured
// address give the same UIDs in every feed (sessions, FachMK dates, per
// conference, the personal feeds with deadlines, follow-ups and debriefs,
// the FachMK secretariat's).
func TestCalendarUIDsOutliveThePublicAddress(t *testing.T) {
	clock := func() time.Time { return time.Date(2025, 7, 1, 9, 0, 0, 0, model.Berlin) }
	ts, st, srv := cycleServerOf(t, func(s *Server) {
		s.st.SetClock(clock)
		s.SetPublicURL(mustPublic(t, "https://gremium.example.org"))
	})
	sentDebriefOf47(t, st)
	// A session to come with its deadlines and its AL-Runde, and a
	// FachMK date whose UID gremium makes.
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	prep, err := st.PreparatoryBody(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	last, _ := st.LastSessionNumber(ctx, council.ID)
	prepLast, _ := st.LastSessionNumber(ctx, prep.ID)
	date := model.NewDate(2025, 11, 20)
	sched := prep.Preparation.Schedule(date)
	if _, _, err := st.PlanSessionPair(ctx, model.Session{BodyID: council.ID, Number: last + 1, Date: date, StartTime: "10:00", EndTime: "14:00",
		Place: "Berlin", Status: model.StatusPlanned, RegistrationDeadline: sched.RegistrationClosing}, nil,
		model.Session{BodyID: prep.ID, Number: prepLast + 1, Date: sched.PrepSession, Status: model.StatusPlanned}, nil); err != nil {
		t.Fatal(err)
	}
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	if _, err := st.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: fmk.ID, Title: "Herbstkonferenz", Starts: model.NewDate(2025, 10, 9), Place: "Bremen"}); err != nil {
		t.Fatal(err)
	}
	before := feedUIDs(t, &httpServer{ts, srv})
	// What the feeds gave before the calendar domain existed: the host
	// of the public address.
	var kinds []string
	for _, uid := range before {
		kind, _, _ := strings.Cut(uid, "-")
		if !slices.Contains(kinds, kind) {
			kinds = append(kinds, kind)
		}
		if strings.HasSuffix(uid, "@gremium.example.org") || kind == "fachmk" && strings.HasSuffix(uid, "@gremium") {
			// The FachMK dates' UIDs are stored with the date.
			continue
		}
		t.Errorf("UID %s: want the host of the configured address, as before", uid)
	}
	for _, want := range []string{"sitzung", "anmeldeschluss", "unterlagen", "nachbesprechung", "bericht", "auftrag", "fachmk"} {
		if !slices.Contains(kinds, want) {
			t.Errorf("no UID %s-… in the feeds; the test covers less than it should: %v", want, kinds)
		}
	}
	for _, public := range []string{"https://neu.example.org/gremium", ""} {
		other := publicOn(t, st, public)
		if after := feedUIDs(t, other); !slices.Equal(after, before) {
			t.Errorf("served under %q: the UIDs changed:\nbefore %v\nafter  %v", public, before, after)
		}
	}
}

// TestCalendarDomainWithoutPublicAddress: an installation without a
// configured address (serve's default, a loopback address) takes a random
// id under .invalid, not the host a request names, and keeps it for
// requests under any other host name.
func TestCalendarDomainWithoutPublicAddress(t *testing.T) {
	for _, c := range []struct{ public, want string }{
		{"https://gremium.example.org", "gremium.example.org"},
		{"https://Gremium.Example.org:8443/pfad", "gremium.example.org"},
		{"http://127.0.0.1:8080", ""},
		{"http://localhost:8080", ""},
		{"http://[::1]:8080", ""},
		{"http://0.0.0.0:8080", ""},
		{"", ""},
	} {
		var p site.Public
		if c.public != "" {
			p = mustPublic(t, c.public)
		}
		got, again := calendarDomainCandidate(p), calendarDomainCandidate(p)
		if c.want != "" && (got != c.want || again != c.want) {
			t.Errorf("%q: %q, want %q", c.public, got, c.want)
		}
		if c.want == "" && (!strings.HasSuffix(got, ".gremium.invalid") || got == again || strings.ContainsAny(got, "@ ")) {
			t.Errorf("%q: %q and %q, want random ids under .gremium.invalid", c.public, got, again)
		}
	}
	ts, _ := publicServer(t, "http://127.0.0.1:8080")
	uid := regexp.MustCompile(`UID:sitzung-it-plr-47@(\S+)\r\n`)
	_, feed := getHost(t, ts, "/sitzungen.ics", "gremium.example.org")
	m := uid.FindStringSubmatch(feed)
	if m == nil || !strings.HasSuffix(m[1], ".gremium.invalid") {
		t.Fatalf("the 47th session's UID: %v", m)
	}
	for _, host := range []string{"127.0.0.1", "zweiter.example.org"} {
		_, again := getHost(t, ts, "/sitzungen.ics", host)
		if n := uid.FindStringSubmatch(again); n == nil || n[1] != m[1] {
			t.Errorf("under %s: the UID's domain is %v, before %s", host, n, m[1])
		}
	}
}

// mustPublic parses a public address.
func mustPublic(t *testing.T, raw string) site.Public {
	t.Helper()
	p, err := site.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// publicOn is another instance on the store st, under the public address
// (none: "").
func publicOn(t *testing.T, st *store.Store, public string) *httpServer {
	t.Helper()
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetDocumentDir(t.TempDir())
	if public != "" {
		srv.SetPublicURL(mustPublic(t, public))
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &httpServer{ts, srv}
}

// feedUIDs gives the UIDs of every feed, sorted: the public ones, the
// secretariat's, a member office's, a spokesperson's and a FachMK
// secretariat's personal feed.
func feedUIDs(t *testing.T, hs *httpServer) []string {
	t.Helper()
	var out []string
	add := func(body string) {
		for _, m := range regexp.MustCompile(`\r\nUID:(\S+)\r\n`).FindAllStringSubmatch(body, -1) {
			out = append(out, m[1])
		}
	}
	for _, path := range []string{"/sitzungen.ics", "/fachmk/termine.ics", "/fachmk/FMK/termine.ics"} {
		res, body := get(t, hs.ts, path)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		add(body)
	}
	for _, account := range []string{"geschaeftsstelle", "hessen", "sprecher-hb", "fmk"} {
		add(personalFeed(t, hs, account))
	}
	slices.Sort(out)
	return out
}
