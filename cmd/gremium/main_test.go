package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

func runCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		out  string // expected in stdout or stderr
	}{
		{nil, exitUsage, "Usage:"},
		{[]string{"--help"}, exitOK, "Commands:"},
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"serve", "--help"}, exitOK, "--demo"},
		{[]string{"serve", "--nope"}, exitUsage, "flag provided but not defined"},
		{[]string{"migrate", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"version"}, exitOK, "gremium "},
		{[]string{"migrate", "--data", dir}, exitOK, "is at schema version "},
		{[]string{"demo", "--data", dir}, exitOK, "demo data loaded"},
		{[]string{"demo", "--data", dir}, exitOK, "existing records were kept"},
		{[]string{"migrate", "--data", "/proc/gremium-cannot-write-here"}, exitFail, "gremium migrate:"},
	}
	for _, tt := range tests {
		code, out, errs := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(out+errs, tt.out) {
			t.Errorf("gremium %v = %d, want %d with %q\nstdout: %s\nstderr: %s", tt.args, code, tt.code, tt.out, out, errs)
		}
	}
}

func TestDataFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GREMIUM_DATA", dir)
	if code, out, errs := runCmd("migrate"); code != exitOK || !strings.Contains(out, dir) {
		t.Fatalf("migrate with GREMIUM_DATA: %d %s %s", code, out, errs)
	}
}

// serveOnce starts "gremium serve" on a free port, fetches path, then stops
// the server through its context and waits for a clean exit.
func serveOnce(t *testing.T, dir, path string, extra ...string) string {
	t.Helper()
	var body string
	serveWhile(t, dir, func(base string) { body = fetch(t, base+path) }, extra...)
	return body
}

// serveWhile runs `gremium serve` on dir, calls fn with the server's base
// URL (no trailing slash) and stops the server when fn returns.
func serveWhile(t *testing.T, dir string, fn func(base string), extra ...string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		args := append([]string{"serve", "--addr", "127.0.0.1:0", "--data", dir}, extra...)
		done <- run(ctx, args, pw, io.Discard)
		pw.Close()
	}()
	br := bufio.NewReader(pr)
	var line string
	for !strings.Contains(line, "http://") {
		var err error
		if line, err = br.ReadString('\n'); err != nil {
			t.Fatalf("server did not start: %v", err)
		}
	}
	go io.Copy(io.Discard, br)
	i := strings.Index(line, "http://")
	fn(strings.TrimSuffix(strings.Fields(line[i:])[0], "/"))
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exited with %d", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// fetch gets url and gives its body.
func fetch(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return string(body)
}

func TestServeDemoAndRestart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new-data-dir")
	first := serveOnce(t, dir, "/sitzungen/47", "--demo")
	if !strings.Contains(first, "Steuerungsgruppe NOOTS") || !strings.Contains(first, "B-2025/26-IT") {
		t.Fatalf("first run does not serve session 47:\n%.500s", first)
	}
	// The second run reads what the first wrote, without --demo.
	second := serveOnce(t, dir, "/beschluesse/B-2025/26-IT")
	if !strings.Contains(second, "Steuerungsgruppe NOOTS") {
		t.Fatalf("restart lost the data:\n%.500s", second)
	}
}

// seedMinutes gives the path of the seed minutes in ../shared; without
// them a test skips, and fails in CI.
func seedMinutes(t *testing.T) string {
	t.Helper()
	seed := filepath.Join("..", "..", "..", "shared", "seeds", "000_d83e092d3fe92c21.txt")
	if _, err := os.Stat(seed); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("seed minutes missing in CI: %v", err)
		}
		t.Skip("seed minutes not found; run with ../shared beside the repository")
	}
	return seed
}

func TestImportAndExportMinutes(t *testing.T) {
	seed := seedMinutes(t)
	dir := t.TempDir()
	code, out, errs := runCmd("import", "minutes", seed, "--data", dir)
	if code != exitOK || !strings.Contains(out, "47. Sitzung: created (10 items, 4 decisions, 4 warnings)") || !strings.Contains(out, ":line 75:") {
		t.Fatalf("first import: %d\n%s\n%s", code, out, errs)
	}
	// The import proposes the follow-ups of the minutes (docs/followups.md).
	for _, want := range []string{"7 proposed follow-ups, to confirm at /sitzungen/47/auftragsvorschlaege",
		"Audit der Kostenstrukturen des Unternehmenskontos durchzuführen und die Ergebnisse spätestens zur 49. Sitzung des IT-Planungsrats vorzulegen. [zur 49. Sitzung; FITKO]",
		"Beauftragung eines wissenschaftlichen Instituts bis zum 31.08.2025 durchzuführen. [31.08.2025; PG EfA-Finanzierung, FITKO]",
		"spätestens zur 48. Sitzung des IT-Planungsrats, zur Kenntnisnahme zur Verfügung gestellt wird. [zur 48. Sitzung; ]"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output without %q:\n%s", want, out)
		}
	}
	// The new session's OParl objects and search documents are left to
	// gremium serve (store.OParlAfterCommit, store.SearchAfterCommit),
	// and the command says so.
	if !strings.Contains(errs, "the search documents and OParl objects of 1 new session are written by gremium serve") || strings.Contains(errs, "OParl objects built") {
		t.Errorf("the import does not say that the server writes the derived data:\n%s", errs)
	}
	meeting47 := func() []byte {
		st, err := store.Open(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var raw []byte
		_, err = st.OParlList(context.Background(), "meeting", store.OParlFilter{Limit: 1000}, func(o []byte) error {
			if bytes.Contains(o, []byte(`/sitzungen/47"`)) {
				raw = bytes.Clone(o)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	if raw := meeting47(); raw != nil {
		t.Errorf("the import built the OParl meeting itself: %.200s", raw)
	}
	if docs, _ := searchIndexState(t, dir); docs != 0 {
		t.Errorf("the import wrote %d search documents itself", docs)
	}
	// The server writes both within about a second of its start (and of
	// an import while it runs: TestServeWritesWhatAnImportLeft); until
	// then its search page says that hits of new minutes may be missing.
	serveWhile(t, dir, func(base string) {
		waitDerived(t, dir)
		if page := fetch(t, base+"/suche?q=Unternehmenskonto"); strings.Contains(page, "Keine Treffer.") || strings.Contains(page, "eingelesene Protokolle") {
			t.Errorf("the search after the server wrote the documents: %.2000s", page)
		}
	})
	// The Meeting is found by its web link: its public id is the next of
	// its kind, not the session's row id.
	if raw := meeting47(); !bytes.Contains(raw, []byte("47. Sitzung")) {
		t.Errorf("OParl meeting of the imported session, once the server wrote it: %.200s", raw)
	}
	if code, out, _ = runCmd("import", "minutes", "--data", dir, seed); code != exitOK || !strings.Contains(out, "unchanged") {
		t.Fatalf("second import: %d %s", code, out)
	}
	// The same decisions cannot be recorded a second time in another session.
	if code, _, errs = runCmd("import", "minutes", seed, "--session", "147", "--data", dir); code != exitFail ||
		!strings.Contains(errs, "decision B-2025/26-IT is already recorded (47. Sitzung)") {
		t.Fatalf("import as another session: %d %s", code, errs)
	}
	code, text, errs := runCmd("export", "minutes", "47", "--data", dir)
	if code != exitOK || !strings.Contains(text, "Datum: 26.06.2025") || strings.Contains(text, "REDACTED") {
		t.Fatalf("public text export: %d %s\n%.300s", code, errs, text)
	}
	// The passage the source blacked out, in German (it was the source
	// tool's "[REDACTED]").
	if _, internal, _ := runCmd("export", "minutes", "47", "--internal", "--data", dir); !strings.Contains(internal, model.Redact(model.SourceRedactionShown)) || strings.Contains(internal, "REDACTED") {
		t.Error("internal export lost the confidential passage, or shows it in the source tool's English")
	}
	pdf := filepath.Join(dir, "p.pdf")
	if code, _, errs = runCmd("export", "minutes", "47", "--format", "pdf", "--out", pdf, "--data", dir); code != exitOK {
		t.Fatalf("pdf export: %d %s", code, errs)
	}
	if b, _ := os.ReadFile(pdf); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("pdf export wrote no PDF")
	}
	for _, bad := range [][]string{{"import"}, {"import", "minutes"}, {"export", "minutes", "x", "--data", dir}, {"export", "minutes", "47", "--format", "doc", "--data", dir}} {
		if code, _, _ := runCmd(bad...); code != exitUsage {
			t.Errorf("gremium %v = %d, want usage error", bad, code)
		}
	}
	if code, _, _ := runCmd("import", "minutes", filepath.Join(dir, "missing.txt"), "--data", dir); code != exitFail {
		t.Errorf("missing file: %d", code)
	}
}

// TestImportProposesFollowUpsOnlyFromAdoptedDecisions: minutes whose
// decision row is a rejected proposal import it, and the import prints no
// follow-up from it (the order "bittet die PG EfA-Finanzierung und die
// FITKO darum, … bis zum 31.08.2025" of the seed's adopted B-2025/27-IT);
// the proposals of adopted decisions name the decision by its number.
func TestImportProposesFollowUpsOnlyFromAdoptedDecisions(t *testing.T) {
	raw, err := os.ReadFile(seedMinutes(t))
	if err != nil {
		t.Fatal(err)
	}
	const adopted = "BV\tBeschluss B-2025/27-IT <ol"
	if !bytes.Contains(raw, []byte(adopted)) {
		t.Fatalf("seed without %q", adopted)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "47.txt")
	if err := os.WriteFile(file, bytes.Replace(raw, []byte(adopted), []byte("BV\t<p>abgelehnter Beschlussvorschlag</p> <ol"), 1), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd("import", "minutes", file, "--data", dir)
	if code != exitOK {
		t.Fatalf("import: %d\n%s\n%s", code, out, errs)
	}
	if strings.Contains(out, "wissenschaftlichen Instituts") {
		t.Errorf("the rejected proposal's order is proposed as a follow-up:\n%s", out)
	}
	if !strings.Contains(out, "6 proposed follow-ups") || strings.Contains(out, "(Beschluss):") {
		t.Errorf("want 6 proposals, each decision's named by its number:\n%s", out)
	}
}

func TestUserAdd(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCmd("demo", "--data", dir); code != exitOK {
		t.Fatal(errs)
	}
	code, out, errs := runCmd("user", "add", "--username", "he1", "--name", "Büro Hessen", "--role", "mitglied", "--member", "HE", "--data", dir)
	if code != exitOK || !strings.Contains(out, "password: ") {
		t.Fatalf("user add: %d %s %s", code, out, errs)
	}
	for _, bad := range [][]string{
		{"user", "add", "--username", "x", "--name", "X", "--role", "chef", "--data", dir},
		{"user", "add", "--username", "x", "--name", "X", "--role", "mitglied", "--data", dir},
		{"user"},
	} {
		if code, _, _ := runCmd(bad...); code != exitUsage {
			t.Errorf("gremium %v = %d, want usage error", bad, code)
		}
	}
	if code, _, _ := runCmd("user", "add", "--username", "he1", "--name", "Doppelt", "--role", "mitglied", "--member", "HE", "--data", dir); code != exitFail {
		t.Errorf("duplicate user name accepted")
	}
	if _, out, _ := runCmd("user", "list", "--data", dir); !strings.Contains(out, "he1") || !strings.Contains(out, "must change password") {
		t.Errorf("user list (a generated password must be changed at the first login): %s", out)
	}
}

func TestUserToken(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCmd("demo", "--data", dir); code != exitOK {
		t.Fatal(errs)
	}
	if code, _, errs := runCmd("user", "add", "--username", "hessen", "--name", "Büro Hessen", "--role", "mitglied", "--member", "HE", "--data", dir); code != exitOK {
		t.Fatal(errs)
	}
	code, out, errs := runCmd("user", "token", "--username", "hessen", "--label", "Landesportal", "--data", dir)
	token := strings.TrimSpace(out)
	if code != exitOK || !strings.HasPrefix(token, "grm_") {
		t.Fatalf("user token: %d %q %s", code, out, errs)
	}
	st, err := store.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := httptest.NewRequest("POST", "/api/v1/sitzungen/47/kommentare", nil)
	r.Header.Set("Authorization", "Bearer "+token)
	if u := auth.TokenUser(context.Background(), st, r); u == nil || u.Username != "hessen" {
		t.Errorf("token does not identify the account: %+v", u)
	}
	r.Header.Set("Authorization", "Bearer "+token+"x")
	if u := auth.TokenUser(context.Background(), st, r); u != nil {
		t.Errorf("altered token accepted")
	}
	if code, _, _ := runCmd("user", "token", "--username", "niemand", "--data", dir); code != exitFail {
		t.Errorf("token for unknown account: exit %d", code)
	}
	if code, _, _ := runCmd("user", "token", "--data", dir); code != exitUsage {
		t.Errorf("token without --username: exit %d", code)
	}
}

func TestConfigKS(t *testing.T) {
	csvPath := filepath.Join("..", "..", "..", "shared", "data", "koenigsteiner-schluessel.csv")
	if _, err := os.Stat(csvPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip("Königsteiner-Schlüssel table not found in ../shared")
	}
	dir := t.TempDir()
	code, out, errs := runCmd("config", "ks", csvPath, "--data", dir)
	if code != exitOK || !strings.Contains(out, "Königsteiner Schlüssel 2016 loaded") {
		t.Fatalf("config ks: %d %s %s", code, out, errs)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("land,kuerzel,2017\nBayern,BY,15\n"), 0o644)
	if code, _, errs := runCmd("config", "ks", bad, "--data", dir); code != exitFail || !strings.Contains(errs, "statt 16") {
		t.Errorf("incomplete table: %d %s", code, errs)
	}
	if code, _, _ := runCmd("config", "ks"); code != exitUsage {
		t.Errorf("missing file: %d", code)
	}
}

func TestUserTokensPasswordAndDisable(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCmd("demo", "--data", dir); code != exitOK {
		t.Fatal(errs)
	}
	if code, _, errs := runCmd("user", "add", "--username", "hessen", "--name", "Büro Hessen", "--role", "mitglied", "--member", "HE", "--data", dir); code != exitOK {
		t.Fatal(errs)
	}
	for _, bad := range []string{"0d", "x", "2001-01-01", "99999d"} {
		if code, _, _ := runCmd("user", "token", "--username", "hessen", "--expires", bad, "--data", dir); code != exitUsage {
			t.Errorf("--expires %s: exit %d", bad, code)
		}
	}
	date := time.Now().In(model.Berlin).AddDate(0, 2, 0).Format("2006-01-02")
	_, out1, _ := runCmd("user", "token", "--username", "hessen", "--label", "Portal", "--expires", "30d", "--data", dir)
	_, out2, _ := runCmd("user", "token", "--username", "hessen", "--label", "Statistik", "--expires", date, "--data", dir)
	t1, t2 := strings.TrimSpace(out1), strings.TrimSpace(out2)
	code, list, _ := runCmd("user", "tokens", "--username", "hessen", "--data", dir)
	if code != exitOK || !strings.Contains(list, "Portal") || !strings.Contains(list, "Statistik") || strings.Contains(list, t1) ||
		!strings.Contains(list, "valid until "+time.Now().In(model.Berlin).AddDate(0, 2, 0).Format("02.01.2006")+" 23:59") {
		t.Fatalf("tokens: %d\n%s", code, list)
	}
	id := strings.Fields(strings.Split(list, "\n")[0])[0] // newest first: Statistik
	if code, _, errs := runCmd("user", "revoke", "--username", "hessen", "--token", id, "--data", dir); code != exitOK {
		t.Fatalf("revoke: %s", errs)
	}
	if code, _, _ := runCmd("user", "revoke", "--username", "hessen", "--token", id, "--data", dir); code != exitFail {
		t.Errorf("revoking twice: exit %d", code)
	}
	tokenUser := func(token string) *model.User {
		st, err := store.Open(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Authorization", "Bearer "+token)
		return auth.TokenUser(context.Background(), st, r)
	}
	if tokenUser(t2) != nil || tokenUser(t1) == nil {
		t.Error("revocation hit the wrong token")
	}
	// Disabled accounts' tokens are refused until the account is enabled.
	if code, out, _ := runCmd("user", "disable", "--username", "hessen", "--data", dir); code != exitOK || !strings.Contains(out, "disabled") {
		t.Fatalf("disable: %d %s", code, out)
	}
	if tokenUser(t1) != nil {
		t.Error("a disabled account's token is accepted")
	}
	if code, _, _ := runCmd("user", "token", "--username", "hessen", "--data", dir); code != exitFail {
		t.Errorf("token for a disabled account: exit %d", code)
	}
	if _, out, _ := runCmd("user", "list", "--data", dir); !strings.Contains(out, "disabled") {
		t.Errorf("list: %s", out)
	}
	if code, _, _ := runCmd("user", "enable", "--username", "hessen", "--data", dir); code != exitOK || tokenUser(t1) == nil {
		t.Error("enable")
	}
	// A reset password is printed once and must be changed.
	code, out, _ := runCmd("user", "password", "--username", "hessen", "--data", dir)
	if code != exitOK || !strings.Contains(out, "password: ") {
		t.Fatalf("password: %d %s", code, out)
	}
	if _, out, _ := runCmd("user", "list", "--data", dir); !strings.Contains(out, "must change password") {
		t.Errorf("list after reset: %s", out)
	}
	if code, _, _ := runCmd("user", "password", "--data", dir); code != exitUsage {
		t.Errorf("password without --username: exit %d", code)
	}
}

func TestServeAccountFlags(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GREMIUM_OIDC_CLIENT_ID", "")
	for _, bad := range [][]string{
		{"--idle-timeout", "10s"},
		{"--idle-timeout", "bald"},
		{"--oidc-issuer", "https://idp.example/realms/itplr"},
		{"--oidc-issuer", "https://idp.example/realms/itplr", "--oidc-client-id", "gremium"},
		{"--oidc-issuer", "https://idp.example/realms/itplr", "--oidc-client-id", "gremium", "--oidc-redirect-url", "https://g.example/anmelden/oidc/rueckruf", "--oidc-client-secret-file", "/nonexistent"},
	} {
		if code, _, errs := runCmd(append([]string{"serve", "--data", dir}, bad...)...); code != exitUsage {
			t.Errorf("serve %v: exit %d (%s)", bad, code, errs)
		}
	}
}

// TestImportPreparatoryMinutes imports the AL-Runde's minutes in the
// published layout (detected from the header, or named with --body) and the
// IT-PLR's minutes that refer to its recommendations: the items are linked
// to the recommendations found by reference, whichever comes first.
func TestImportPreparatoryMinutes(t *testing.T) {
	demoDir, dir := t.TempDir(), t.TempDir()
	if code, _, errs := runCmd("demo", "--data", demoDir); code != exitOK {
		t.Fatal(errs)
	}
	al := filepath.Join(demoDir, "al39.txt")
	s47 := filepath.Join(demoDir, "47.txt")
	if code, _, errs := runCmd("export", "minutes", "39", "--body", "AL-Runde", "--data", demoDir); code != exitFail || !strings.Contains(errs, "internal") {
		t.Errorf("the AL-Runde's minutes exported for the public: %d %s", code, errs)
	}
	for _, e := range [][]string{{"39", "--body", "AL-Runde", "--out", al}, {"47", "--out", s47}} {
		if code, _, errs := runCmd(append([]string{"export", "minutes", "--internal", "--data", demoDir}, e...)...); code != exitOK {
			t.Fatalf("export %v: %s", e, errs)
		}
	}
	text, _ := os.ReadFile(s47)
	if !strings.Contains(string(text), `<p class="beschlussempfehlung">Beschlussempfehlung der 39. AL-Runde vom 05.06.2025: Annahme wie vorgeschlagen, ohne Aussprache (Grüne Liste) – auf der Grünen Liste</p>`) {
		t.Fatalf("the internal export of the 47th session lacks the recommendations:\n%.2000s", text)
	}
	// The IT-PLR's minutes first: the AL-Runde is not there yet.
	code, out, errs := runCmd("import", "minutes", s47, "--data", dir)
	if code != exitOK || !strings.Contains(out, "die 39. Sitzung der AL-Runde ist nicht erfasst") {
		t.Fatalf("import of the 47th: %d %s %s", code, out, errs)
	}
	// The AL-Runde's minutes, detected from the header: its items link to
	// the 47th session's items of the same title.
	code, out, errs = runCmd("import", "minutes", al, "--data", dir)
	if code != exitOK || !strings.Contains(out, "39. Sitzung (AL-Runde): created") || !strings.Contains(out, "4 Beschlussempfehlungen verknüpft") {
		t.Fatalf("import of the 39th AL-Runde: %d %s %s", code, out, errs)
	}
	// The IT-PLR's minutes again: every item found its recommendation
	// when the AL-Runde came (the item whose TOP row the source lost is
	// titled after its section in both, so it is matched too; before it
	// had no title and was "kein TOP „“ in der 39. AL-Runde"); nothing is
	// added to its minutes.
	code, out, errs = runCmd("import", "minutes", s47, "--data", dir)
	if code != exitOK || strings.Contains(out, "verknüpft\n") || strings.Contains(out, "kein TOP") {
		t.Fatalf("second import of the 47th: %d %s %s", code, out, errs)
	}
	st, err := store.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, "IT-PLR")
	se, _ := st.SessionByNumber(ctx, council.ID, 47)
	given, err := st.GivenRecommendations(ctx, se.ID)
	if err != nil || len(given) != 4 {
		t.Fatalf("%d recommendations linked, want 4: %v", len(given), err)
	}
	green := 0
	for _, r := range given {
		if r.Consent == model.ConsentConfirmed {
			green++
		}
	}
	if green != 3 {
		t.Errorf("%d on the Grüne Liste, want 3", green)
	}
	// Named with --body, the same file is recognised as unchanged.
	if code, out, errs := runCmd("import", "minutes", al, "--body", "AL-Runde", "--data", dir); code != exitOK || !strings.Contains(out, "unchanged") {
		t.Errorf("import with --body: %d %s %s", code, out, errs)
	}
}

// searchIndexState gives the number of documents of the search index in
// dir and whether it carries the mark "needs rebuild".
func searchIndexState(t *testing.T, dir string) (docs int, marked bool) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if docs, err = st.SearchCount(ctx); err != nil {
		t.Fatal(err)
	}
	if marked, err = st.SearchNeedsRebuild(ctx); err != nil {
		t.Fatal(err)
	}
	return docs, marked
}

// markSearchIndex does to the index in dir what an upgrade that changes
// the terms does (migration 250 emptied it; a later migration sets the
// mark), after which some writes made it partial: of the whole index only
// the documents of one session are left, as an import of minutes before
// the first start left them when the index was rebuilt only if empty.
func markSearchIndex(t *testing.T, dir string) {
	t.Helper()
	tamper(t, dir, `DELETE FROM search_index WHERE scope != (SELECT MIN(scope) FROM search_index WHERE scope LIKE 'session:%')`,
		`UPDATE search_state SET needs_rebuild = 1`)
}

// TestImportLeavesAMarkedIndexToServe: after an upgrade that changes the
// search terms (the index marked "needs rebuild"), an import of minutes
// before the first `gremium serve` indexes its own session's documents,
// and serve, which rebuilt an index only if it was empty, found it not
// empty: every other session stayed out of the search. Now the import
// leaves the mark (and says so), and serve rebuilds the whole index next
// to serving — an import does not wait minutes for a rebuild at 1M.
func TestImportLeavesAMarkedIndexToServe(t *testing.T) {
	seed := seedMinutes(t)
	dir := t.TempDir()
	if code, _, errs := runCmd("demo", "--data", dir); code != exitOK {
		t.Fatal(errs)
	}
	whole, marked := searchIndexState(t, dir)
	if marked {
		t.Fatal("the demo left the index marked for a rebuild")
	}
	markSearchIndex(t, dir)
	partial, _ := searchIndexState(t, dir)
	code, out, errs := runCmd("import", "minutes", seed, "--data", dir)
	if code != exitOK {
		t.Fatalf("import: %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(errs, "marked for a rebuild") {
		t.Errorf("the import does not say that the index waits for a rebuild:\n%s", errs)
	}
	n, marked := searchIndexState(t, dir)
	if !marked || n <= partial {
		t.Errorf("after the import into a marked index it holds %d documents (was %d; marked: %v), want more, still marked", n, partial, marked)
	}
	serveWhile(t, dir, func(string) { waitRebuilt(t, dir) })
	// The seed is the demo's 47th session: whole again, as after the demo.
	if n, _ := searchIndexState(t, dir); n != whole {
		t.Errorf("after serve the index holds %d documents, want all %d", n, whole)
	}
}

// waitRebuilt waits until the rebuild `gremium serve` runs beside serving
// has cleared the index's mark.
func waitRebuilt(t *testing.T, dir string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, marked := searchIndexState(t, dir); !marked {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the index is still marked 30 s after the start")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestServeRebuildsAMarkedIndex: `gremium serve` rebuilds an index
// marked "needs rebuild" — a partial one too, which it kept when it asked
// only whether the index was empty — next to serving, and clears the
// mark; on a fresh install (--demo) the empty index is built. While the
// mark is set the search page says that hits may be missing (at a
// million decisions the rebuild takes minutes, which the server must not
// stand still for); once it is cleared it no longer does.
func TestServeRebuildsAMarkedIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	whenRebuilt := func(base string) {
		t.Helper()
		waitRebuilt(t, dir)
		if page := fetch(t, base+"/suche?q=Beschluss"); strings.Contains(page, "neu aufgebaut") {
			t.Error("the search page still says the index is being rebuilt after the rebuild")
		}
	}
	serveWhile(t, dir, whenRebuilt, "--demo")
	whole, marked := searchIndexState(t, dir)
	if whole == 0 || marked {
		t.Fatalf("a fresh install with the demo data: %d documents (marked: %v), want some, unmarked", whole, marked)
	}
	markSearchIndex(t, dir)
	if n, _ := searchIndexState(t, dir); n == 0 || n == whole {
		t.Fatalf("the partial index holds %d documents of %d", n, whole)
	}
	serveWhile(t, dir, whenRebuilt)
	if n, marked := searchIndexState(t, dir); n != whole || marked {
		t.Errorf("after serve the marked index holds %d documents (marked: %v), want all %d, unmarked", n, marked, whole)
	}
}

// The import run as the program runs it (the process ending after it)
// leaves its connections to the process's end, but what it wrote is in
// the database file: a copy of gremium.db alone, without the write-ahead
// log, holds every row the data directory holds.
func TestImportAtProcessEndLeavesEverythingInTheFile(t *testing.T) {
	seed := seedMinutes(t)
	dir := t.TempDir()
	var out, errb bytes.Buffer
	ctx := context.WithValue(context.Background(), processEndsKey{}, true)
	// With --index, so that the import's last writes are its derived
	// data (without it they are the minutes and their marks).
	if code := run(ctx, []string{"import", "minutes", seed, "--index", "--data", dir}, &out, &errb); code != exitOK {
		t.Fatalf("import: %d\n%s\n%s", code, out.String(), errb.String())
	}
	copyDir := t.TempDir()
	raw, err := os.ReadFile(filepath.Join(dir, store.DBFileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(copyDir, store.DBFileName), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	counts := func(dir string) map[string]int {
		st, err := store.Open(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		m := map[string]int{}
		for _, table := range []string{"sessions", "agenda_items", "decisions", "audit_log", "oparl_objects", "search_index"} {
			var n int
			if err := st.DBForTests().QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			m[table] = n
		}
		return m
	}
	want, got := counts(dir), counts(copyDir)
	if want["agenda_items"] == 0 || want["search_index"] == 0 {
		t.Fatalf("the import wrote nothing: %v", want)
	}
	for table, n := range want {
		if got[table] != n {
			t.Errorf("%s: %d rows in the database file alone, %d with its log", table, got[table], n)
		}
	}
}

// TestImportSeveralFiles imports an archive in one command — the demo's
// minutes of the 45th to 47th IT-PLR session and the 39th AL-Runde, named
// out of their order — and gets what importing them one by one in their
// order gives: the same minutes (approvals included), links,
// search documents and OParl objects. A file that cannot be parsed, or
// two files of one session, stop the import before anything is stored; a
// file the store refuses leaves the others stored.
func TestImportSeveralFiles(t *testing.T) {
	demoDir, one, batch := t.TempDir(), t.TempDir(), t.TempDir()
	if code, _, errs := runCmd("demo", "--data", demoDir); code != exitOK {
		t.Fatal(errs)
	}
	file := func(name string) string { return filepath.Join(demoDir, name+".txt") }
	for _, e := range [][]string{{"39", "--body", "AL-Runde", "--out", file("al39")}, {"45", "--out", file("45")}, {"46", "--out", file("46")}, {"47", "--out", file("47")}} {
		if code, _, errs := runCmd(append([]string{"export", "minutes", "--internal", "--data", demoDir}, e...)...); code != exitOK {
			t.Fatalf("export %v: %s", e, errs)
		}
	}
	// One by one with --index (the derived data written by the import),
	// at once without: the server's writing of it afterwards
	// (buildDerived) gives the same.
	for _, f := range []string{"45", "46", "al39", "47"} {
		if code, out, errs := runCmd("import", "minutes", file(f), "--index", "--data", one); code != exitOK {
			t.Fatalf("import of %s alone: %d %s %s", f, code, out, errs)
		}
	}
	code, out, errs := runCmd("import", "minutes", file("47"), file("al39"), "--data", batch, file("46"), file("45"))
	if code != exitOK {
		t.Fatalf("import of four files: %d %s %s", code, out, errs)
	}
	for _, want := range []string{"45. Sitzung: created", "39. Sitzung (AL-Runde): created", "4 Beschlussempfehlungen verknüpft", "4 files: 4 created, 0 updated, 0 unchanged, 0 refused"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "nicht erfasst") {
		t.Errorf("a recommendation was not linked although its session was in the import:\n%s", out)
	}
	// The same data as one by one.
	for _, e := range [][]string{{"39", "--body", "AL-Runde"}, {"45"}, {"46"}, {"47"}} {
		var texts [2]string
		for i, dir := range []string{one, batch} {
			code, text, errs := runCmd(append([]string{"export", "minutes", "--internal", "--data", dir}, e...)...)
			if code != exitOK {
				t.Fatalf("export %v of %s: %s", e, dir, errs)
			}
			texts[i] = text
		}
		if texts[0] != texts[1] {
			t.Errorf("minutes %v differ between the imports one by one and at once:\n%.600s\n---\n%.600s", e, texts[0], texts[1])
		}
	}
	type state struct {
		docs                    int
		papers, meetings, links int
		approved45, approved46  bool
	}
	read := func(dir string) state {
		ctx := context.Background()
		st, err := store.Open(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var s state
		if s.docs, err = st.SearchCount(ctx); err != nil {
			t.Fatal(err)
		}
		for kind, n := range map[string]*int{"paper": &s.papers, "meeting": &s.meetings} {
			for f := (store.OParlFilter{Limit: 100}); ; {
				page, err := st.OParlList(ctx, kind, f, func([]byte) error { *n++; return nil })
				if err != nil {
					t.Fatal(err)
				}
				if page.Next == nil {
					break
				}
				f.After = page.Next
			}
		}
		council, _ := st.BodyByAbbrev(ctx, "IT-PLR")
		for n, approved := range map[int]*bool{45: &s.approved45, 46: &s.approved46} {
			se, err := st.SessionByNumber(ctx, council.ID, n)
			if err != nil {
				t.Fatal(err)
			}
			*approved = se.Status == model.StatusMinutesApproved
		}
		se, _ := st.SessionByNumber(ctx, council.ID, 47)
		given, err := st.GivenRecommendations(ctx, se.ID)
		if err != nil {
			t.Fatal(err)
		}
		s.links = len(given)
		return s
	}
	if b := read(batch); b.docs != 0 || b.meetings != 0 {
		t.Errorf("the import without --index wrote derived data: %+v", b)
	}
	deriveNow(t, batch)
	if a, b := read(one), read(batch); a != b || a.docs == 0 || a.papers == 0 || a.meetings != 3 || a.links != 4 {
		t.Errorf("one by one %+v, at once %+v", a, b)
	}
	// The same files again: nothing changes.
	if code, out, errs := runCmd("import", "minutes", file("45"), file("46"), file("47"), file("al39"), "--data", batch); code != exitOK || !strings.Contains(out, "4 files: 0 created, 0 updated, 4 unchanged") {
		t.Errorf("the same files again: %d %s %s", code, out, errs)
	}
	// Stopped before anything is stored: a file without a session's
	// layout among good ones, and two files of one session.
	bad := filepath.Join(demoDir, "leer.txt")
	if err := os.WriteFile(bad, []byte("\xff\xfe kein Protokoll\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fresh := t.TempDir()
	for _, c := range [][]string{{file("45"), file("45")}, {file("45"), file("47"), filepath.Join(demoDir, "fehlt.txt")}} {
		code, out, errs := runCmd(append([]string{"import", "minutes", "--data", fresh}, c...)...)
		if code == exitOK || strings.Contains(out, "created") {
			t.Errorf("import of %v: %d %s %s", c, code, out, errs)
		}
	}
	if code, _, errs := runCmd("import", "minutes", file("45"), file("46"), "--session", "50", "--data", fresh); code != exitUsage || !strings.Contains(errs, "one FILE") {
		t.Errorf("--session with two files: %d %s", code, errs)
	}
	if docs, _ := searchIndexState(t, fresh); docs != 0 {
		t.Errorf("%d search documents after imports that stored nothing", docs)
	}
	// A file the store refuses (it names no session) among good ones:
	// the others are stored and indexed, the command fails.
	code, out, errs = runCmd("import", "minutes", bad, file("45"), "--data", fresh)
	if code != exitFail || !strings.Contains(out, "45. Sitzung: created") || !strings.Contains(out, "2 files: 1 created, 0 updated, 0 unchanged, 1 refused") ||
		!strings.Contains(errs, "leer.txt: invalid input: Das Protokoll nennt keine Sitzungsnummer") {
		t.Errorf("a refused file among good ones: %d %s %s", code, out, errs)
	}
	deriveNow(t, fresh)
	if docs, _ := searchIndexState(t, fresh); docs == 0 {
		t.Error("the stored file's session was not indexed")
	}
}

// TestFileArgAfterDatabase reads the value of --database as the flag's,
// not as the command's file or number: "export minutes --database URL
// 47" took the URL for the session number ("is no session number"), and
// "import minutes FILE --database URL --data DIR" the URL for a second
// file.
func TestFileArgAfterDatabase(t *testing.T) {
	dir := t.TempDir()
	url := "postgres://nobody@127.0.0.1:1/keine?sslmode=disable&connect_timeout=2"
	for _, args := range [][]string{
		{"export", "minutes", "--database", url, "47", "--data", dir},
		{"import", "minutes", "--database", url, filepath.Join(dir, "a.txt"), "--data", dir},
	} {
		if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("47. Sitzung des IT-Planungsrats\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		code, out, errs := runCmd(args...)
		if code != exitFail || strings.Contains(errs+out, "no session number") || strings.Contains(errs+out, "unexpected argument") || strings.Contains(errs+out, "no such file") {
			t.Errorf("%v: %d %s %s", args[:2], code, out, errs)
		}
	}
}

// deriveNow writes the derived data imports into dir left to the server,
// as `gremium serve` does (buildDerived), and fails unless nothing is
// left waiting.
func deriveNow(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if !buildDerived(ctx, st, slog.New(slog.DiscardHandler)) {
		t.Fatal("buildDerived failed")
	}
	if oparl, search, err := st.DerivedWaiting(ctx); err != nil || oparl || search {
		t.Fatalf("after buildDerived: OParl waiting %v, search waiting %v, %v", oparl, search, err)
	}
}

// waitDerived waits until no derived data waits in dir (a server running
// on it wrote it).
func waitDerived(t *testing.T, dir string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		st, err := store.Open(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		oparl, search, err := st.DerivedWaiting(context.Background())
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !oparl && !search {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("derived data still waiting 30 s after the start (OParl %v, search %v)", oparl, search)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServeWritesWhatAnImportLeft: an import next to the running server
// leaves the new session's search documents and OParl objects to it, and
// the server writes them within a few seconds (it looks at every change
// of the data, which another process's commit makes within
// store.PollInterval): the search finds the session's decisions and
// OParl lists its meeting, without a restart.
func TestServeWritesWhatAnImportLeft(t *testing.T) {
	seed := seedMinutes(t)
	dir := filepath.Join(t.TempDir(), "data")
	serveWhile(t, dir, func(base string) {
		waitRebuilt(t, dir)
		if page := fetch(t, base+"/suche?q=Unternehmenskonto"); !strings.Contains(page, "Keine Treffer.") {
			t.Fatal("found before the import")
		}
		began := time.Now()
		if code, out, errs := runCmd("import", "minutes", seed, "--data", dir); code != exitOK {
			t.Fatalf("import: %d %s %s", code, out, errs)
		}
		deadline := began.Add(30 * time.Second)
		for {
			page := fetch(t, base+"/suche?q=Unternehmenskonto")
			meetings := fetch(t, base+"/oparl/v1/body/1/meeting")
			if !strings.Contains(page, "Keine Treffer.") && strings.Contains(meetings, "47. Sitzung") {
				t.Logf("found %s after the import began", time.Since(began).Round(time.Millisecond))
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("30 s after the import: found by the search %v, OParl meeting %v", !strings.Contains(page, "Keine Treffer."), strings.Contains(meetings, "47. Sitzung"))
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}
