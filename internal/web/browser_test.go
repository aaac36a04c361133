package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/itplr"
	"gremium/internal/model"
)

// Browser tests drive Debian's chromium (apt package "chromium") and check
// every visited page with axe-core (npm package "axe-core"; GREMIUM_AXE
// names its axe.min.js). Without them the tests skip, except in CI.

func needTool(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is needed in CI: %v", what, err)
	}
	t.Skipf("%s not available (%v); skipping the browser test", what, err)
}

// browserTest starts a test that drives the browser through a whole flow:
// skipped in -short mode, and run in parallel with the other such tests.
// Each has its own server, database and browser window; most of their time
// is the browser's (axe-core, rendering), so two at once keep the two cores
// of CI busy where one leaves the second idle.
func browserTest(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	t.Parallel()
}

type browserRun struct {
	t       *testing.T
	ctx     context.Context
	base    string
	axe     string
	shots   string
	visited map[string]bool
}

// newBrowser opens a window of its own for t in the shared chromium: a
// browser context of its own (cookies, storage, cache), as a chromium of
// its own would give it. The window is closed when the test ends.
func newBrowser(t *testing.T, base string) *browserRun {
	t.Helper()
	axePath := os.Getenv("GREMIUM_AXE")
	axe, err := os.ReadFile(axePath)
	if axePath == "" {
		err = fmt.Errorf("GREMIUM_AXE is not set")
	}
	needTool(t, "axe-core (npm package; set GREMIUM_AXE to its axe.min.js)", err)
	ctx := newWindow(t, sharedChromium(t))
	ctx, cancelTimeout := context.WithTimeout(ctx, 8*time.Minute)
	t.Cleanup(cancelTimeout)
	return &browserRun{t: t, ctx: ctx, base: base, axe: string(axe), shots: os.Getenv("GREMIUM_SCREENSHOTS"), visited: map[string]bool{}}
}

// newWindow opens a new window in a new browser context of the chromium
// that runs ctx and gives the context for running actions in it. When the
// test ends, the window is closed and its browser context disposed.
func newWindow(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	// The context and its window are created by hand: chromium refuses a
	// new tab in a new browser context without a window of its own.
	browser := chromedp.FromContext(ctx).Browser
	exec := cdp.WithExecutor(ctx, browser)
	bc, err := target.CreateBrowserContext().Do(exec)
	if err != nil {
		t.Fatalf("new browser context: %v", err)
	}
	t.Cleanup(func() {
		dctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		target.DisposeBrowserContext(bc).Do(cdp.WithExecutor(dctx, browser))
	})
	id, err := target.CreateTarget("about:blank").WithBrowserContextID(bc).WithNewWindow(true).WithWidth(1280).WithHeight(1000).Do(exec)
	if err != nil {
		t.Fatalf("new window: %v", err)
	}
	wctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(id))
	t.Cleanup(cancel) // closes the window, before its context is disposed
	if err := chromedp.Run(wctx); err != nil {
		t.Fatalf("attach to the new window: %v", err)
	}
	return wctx
}

// chromium is the one chromium process of the test binary, started by the
// first browser test and stopped by TestMain (stopChromium); a browser
// that died is started again for the next test.
var chromium struct {
	mu      sync.Mutex
	ctx     context.Context // its first tab, which owns the process
	stop    func()
	profile string
}

// sharedChromium gives the context of the shared chromium's first tab,
// starting the browser if none runs.
func sharedChromium(t *testing.T) context.Context {
	t.Helper()
	bin := os.Getenv("GREMIUM_CHROMIUM")
	if bin == "" {
		var err error
		bin, err = exec.LookPath("chromium")
		needTool(t, "chromium (apt-get install chromium)", err)
	}
	chromium.mu.Lock()
	defer chromium.mu.Unlock()
	if chromium.ctx != nil && chromium.ctx.Err() == nil {
		return chromium.ctx
	}
	stopChromiumLocked()
	// The profile directory is removed by us after chromium has exited:
	// t.TempDir's cleanup could race the browser's last writes, and the
	// browser outlives the test.
	profile, err := os.MkdirTemp("", "gremium-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true), chromedp.UserDataDir(profile), chromedp.WindowSize(1280, 1000))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	chromium.ctx, chromium.profile = ctx, profile
	chromium.stop = func() {
		cancelCtx()
		cancelAlloc()
	}
	// The first Run starts the browser, bound to this long-lived context;
	// the steps then run with their own shorter timeouts.
	if err := chromedp.Run(ctx); err != nil {
		stopChromiumLocked()
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// stopChromium stops the shared chromium, if one runs, and removes its
// profile directory.
func stopChromium() {
	chromium.mu.Lock()
	defer chromium.mu.Unlock()
	stopChromiumLocked()
}

func stopChromiumLocked() {
	if chromium.stop == nil {
		return
	}
	chromium.stop()
	for i := 0; i < 50; i++ {
		if os.RemoveAll(chromium.profile) == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	chromium.ctx, chromium.stop, chromium.profile = nil, nil, ""
}

func (b *browserRun) run(what string, actions ...chromedp.Action) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		var loc string
		chromedp.Run(b.ctx, chromedp.Location(&loc))
		b.t.Fatalf("%s (at %s): %v", what, loc, err)
	}
}

// page opens a path, waits for its main heading and checks it with axe.
func (b *browserRun) page(path string) {
	b.t.Helper()
	b.run("open "+path, chromedp.Navigate(b.base+path), chromedp.WaitVisible("main h1", chromedp.ByQuery))
	b.check(path)
}

// check runs axe-core on the current page (once per path).
func (b *browserRun) check(name string) {
	b.t.Helper()
	var loc string
	b.run("location", chromedp.Location(&loc))
	key := strings.SplitN(strings.TrimPrefix(loc, b.base), "?", 2)[0]
	if b.visited[key] {
		return
	}
	b.visited[key] = true
	var out string
	// Only the violations are read, so axe details only them (resultTypes:
	// every rule still runs on every node; the passes are not collected),
	// about a tenth less time per page.
	script := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
		.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))`
	b.run("axe on "+name,
		chromedp.Evaluate(b.axe, nil),
		chromedp.Evaluate(script, &out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	var violations []map[string]any
	if err := json.Unmarshal([]byte(out), &violations); err != nil {
		b.t.Fatalf("axe result on %s: %v", name, err)
	}
	for _, v := range violations {
		b.t.Errorf("axe on %s: %v", key, v)
	}
}

// shot saves a screenshot of the whole current page (JPEG) into the
// folder GREMIUM_SCREENSHOTS names; without it, it takes none (nothing
// reads them but a person, and each costs a tenth of a second or more).
func (b *browserRun) shot(name string) {
	b.t.Helper()
	if b.shots == "" {
		return
	}
	var png []byte
	b.run("screenshot "+name, chromedp.FullScreenshot(&png, 80))
	if err := os.WriteFile(filepath.Join(b.shots, name+".jpg"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func (b *browserRun) login(user string) {
	b.t.Helper()
	b.page("/anmelden")
	b.run("login as "+user,
		chromedp.SendKeys("#benutzer", user, chromedp.ByID),
		chromedp.SendKeys("#passwort", demo.AccountPassword, chromedp.ByID))
	b.submit("login as "+user, `form[action="/anmelden"]`)
	b.run("logged in", chromedp.WaitVisible(`form[action="/abmelden"]`, chromedp.ByQuery))
}

func (b *browserRun) logout() {
	b.t.Helper()
	b.submit("logout", `form[action="/abmelden"]`)
	b.run("logged out", chromedp.WaitVisible(`a[href="/anmelden"]`, chromedp.ByQuery))
}

// submit clicks a form's submit button and waits until the next page has
// loaded: a mark set on the old page's window must be gone.
func (b *browserRun) submit(what, form string) {
	b.t.Helper()
	b.run(what, chromedp.Evaluate(`window.__gremiumOldPage = true`, nil),
		chromedp.Click(form+` button[type="submit"]`, chromedp.ByQuery))
	b.waitNewPage(what)
	b.check(what)
}

// waitNewPage waits for the document after a navigation.
func (b *browserRun) waitNewPage(what string) {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var old bool
		err := chromedp.Run(b.ctx, chromedp.Evaluate(`window.__gremiumOldPage === true`, &old))
		if err == nil && !old {
			var ready string
			if chromedp.Run(b.ctx, chromedp.Evaluate(`document.readyState`, &ready)) == nil && ready == "complete" {
				break
			}
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("%s: no new page after 20 s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.run(what+": page", chromedp.WaitVisible("main h1", chromedp.ByQuery))
}

// gridVotes clicks a choice for every voting member in a vote grid: "ja"
// unless other names another choice (nein, enth, keine).
func gridVotes(prefix string, other map[string]string) []chromedp.Action {
	var out []chromedp.Action
	for _, m := range itplr.Members() {
		if !m.Kind.Votes() {
			continue
		}
		c := "ja"
		if o, ok := other[m.Abbrev]; ok {
			c = o
		}
		out = append(out, chromedp.Click(fmt.Sprintf("#%s-%s-%s", prefix, m.Abbrev, c), chromedp.ByID))
	}
	return out
}

// attend enters the attendance of a running session: every voting member
// present except those in absent; saving establishes the quorum.
func (b *browserRun) attend(session int, absent map[string]bool) {
	b.t.Helper()
	b.page(fmt.Sprintf("/sitzungen/%d/anwesenheit", session))
	var actions []chromedp.Action
	for _, m := range itplr.Members() {
		if m.Kind.Votes() && !absent[m.Abbrev] {
			actions = append(actions, chromedp.SetValue("#anw-"+m.Abbrev, "anwesend", chromedp.ByID))
		}
	}
	b.run("attendance", actions...)
	b.submit("save attendance", fmt.Sprintf(`form[action="/sitzungen/%d/anwesenheit"]`, session))
}

func (b *browserRun) text(sel string) string {
	b.t.Helper()
	var s string
	b.run("read "+sel, chromedp.Text(sel, &s, chromedp.ByQuery))
	return s
}

// TestSessionCycleInBrowser walks the whole cycle as the roles would.
func TestSessionCycleInBrowser(t *testing.T) {
	browserTest(t)
	ctx := context.Background()
	st := demotest.StoreWithAccounts(t)
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetDocumentDir(t.TempDir())
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close) // after the browsers (cleanups run last first): their live connections end with them
	b := newBrowser(t, ts.URL)
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)

	// The public pages.
	for _, p := range []string{"/", "/sitzungen", "/sitzungen/47", "/sitzungen/47/protokoll", "/beschluesse", "/beschluesse?jahr=2025&be=HE", "/beschluesse/B-2025/26-IT",
		"/beschluesse?q=Registermodernisierung&jahr=2025", "/beschluesse?q=Registermodernisierung&jahr=2024", "/suche?q=Registermodernisierung", "/fachmk", "/fachmk/E-Justice-Rat"} {
		b.page(p)
	}
	b.page("/beschluesse")
	b.shot("beschluesse")
	b.page("/suche?q=Laender")
	b.shot("suche")
	b.page("/")
	b.shot("startseite")
	b.page("/sitzungen/47")
	b.shot("sitzung-47")
	b.page("/sitzungen/47/protokoll")
	b.shot("protokoll-47")
	b.page("/fachmk")
	b.shot("fachmk")

	// 1. The secretariat plans the 48th session.
	b.login("geschaeftsstelle")
	// No registration deadline: the session lies in the past (it is opened
	// below, on or after its day), and a deadline after it is refused.
	b.page("/sitzungen/neu")
	b.run("fill session form",
		chromedp.SetValue("#datum", "2025-11-20", chromedp.ByID),
		chromedp.SetValue("#ort", "Berlin", chromedp.ByID),
		chromedp.SetValue("#vorsitz", "MV", chromedp.ByID))
	b.shot("sitzung-anlegen")
	b.submit("create session 48", `form[action="/sitzungen"]`)
	s48, err := st.SessionByNumber(ctx, itplr.ID, 48)
	if err != nil || s48.Place != "Berlin" || s48.Status != model.StatusPlanned {
		t.Fatalf("session 48: %+v %v", s48, err)
	}
	// The secretariat registers a consent-agenda item for the Bund.
	b.page("/sitzungen/48/anmeldung")
	b.run("fill Bund registration",
		chromedp.SetValue("#mitglied", "Bund", chromedp.ByID),
		chromedp.SendKeys("#titel", "Kooperation D21", chromedp.ByID),
		chromedp.SetValue("#ziel", "Beschluss", chromedp.ByID),
		chromedp.SendKeys("#beschlussvorschlag", "Der IT-Planungsrat verlängert die Kooperation.", chromedp.ByID),
		chromedp.Click("#fachmk-keine", chromedp.ByID))
	b.submit("register Bund item", `form[action="/sitzungen/48/anmeldung"]`)
	b.logout()

	// 2. Hessen registers an item that affects a FachMK.
	ejr, _ := st.BodyByAbbrev(ctx, "E-Justice-Rat")
	b.login("hessen")
	b.page("/sitzungen/48/anmeldung")
	b.run("fill Hessen registration",
		chromedp.SendKeys("#titel", "Justizcloud", chromedp.ByID),
		chromedp.SendKeys("#punkte", "Stand der Planung", chromedp.ByID),
		chromedp.SetValue("#ziel", "Beschluss", chromedp.ByID),
		chromedp.SendKeys("#quelle", "B-2025/26-IT", chromedp.ByID),
		chromedp.SendKeys("#antrag", "HE, HH, BB", chromedp.ByID),
		chromedp.SendKeys("#beschlussvorschlag", "Der IT-Planungsrat nimmt den Bericht zur Justizcloud zur Kenntnis.\nEr bittet HE, zur 50. Sitzung erneut zu berichten.", chromedp.ByID),
		chromedp.Click("#fachmk-betroffen", chromedp.ByID),
		chromedp.Click(fmt.Sprintf("#fachmk-%d", ejr.ID), chromedp.ByID))
	b.shot("top-anmelden")
	b.submit("register Hessen item", `form[action="/sitzungen/48/anmeldung"]`)
	if !strings.Contains(b.text("main"), "Der TOP ist angemeldet") {
		t.Error("no confirmation of the registration")
	}
	b.logout()
	// Hamburg and Brandenburg, named as applicants, confirm on their
	// pages: until then they do not count for the application.
	for _, office := range []string{"hamburg", "brandenburg"} {
		b.login(office)
		b.page("/mein-bereich")
		if !strings.Contains(b.text("#mitantraege + p + ul"), "Justizcloud – angemeldet von HE") {
			t.Errorf("%s is not asked to confirm Hessen's proposal: %q", office, b.text("main"))
		}
		b.submit("confirm the co-application of "+office, `form[action^="/mitantraege/"]`)
		if !strings.Contains(b.text("main"), "Der Mitantrag ist bestätigt") {
			t.Errorf("%s: no confirmation of the co-application", office)
		}
		b.logout()
	}

	// 3. The secretariat builds and publishes the agenda with a Grüne Liste.
	b.login("geschaeftsstelle")
	items, _ := st.Items(ctx, s48.ID)
	var bundItem, heItem model.AgendaItem
	for _, it := range items {
		switch it.Title {
		case "Kooperation D21":
			bundItem = it
		case "Justizcloud":
			heItem = it
		}
	}
	if heItem.RegisteredBy != "HE" || len(heItem.Impact.ConferenceIDs) != 1 || heItem.Impact.ConferenceIDs[0] != ejr.ID {
		t.Fatalf("Hessen's registration = %+v", heItem)
	}
	b.page("/sitzungen/48/verwaltung")
	b.shot("verwaltung-anmeldungen")
	// The names break at their joints (soft hyphens, hyphenate).
	if !strings.Contains(strings.ReplaceAll(b.text("main"), "\u00ad", ""), "Vorschlag von gremium: E-Justice-Rat – Cloud (in „Justizcloud“), Justizcloud, Justiz (in „Justizcloud“); Justizministerkonferenz – Justiz (in „Justizcloud“)") {
		t.Error("no relevance proposal for Hessen's registration")
	}
	for _, id := range []int64{heItem.ID, bundItem.ID} {
		b.submit("accept", fmt.Sprintf(`form[action="/tops/%d/entscheidung"]:has(input[value="annehmen"])`, id))
	}
	sections, _ := st.Sections(ctx, itplr.ID)
	secID := map[string]int64{}
	for _, s := range sections {
		secID[s.Name] = s.ID
	}
	b.run("place Hessen's item",
		chromedp.SetValue(fmt.Sprintf("#nr-%d", heItem.ID), "14", chromedp.ByID),
		chromedp.SetValue(fmt.Sprintf("#abschnitt-%d", heItem.ID), fmt.Sprint(secID["Digitale Anwendungen"]), chromedp.ByID))
	b.submit("save Hessen's item", fmt.Sprintf(`form[action="/tops/%d"]`, heItem.ID))
	b.run("place Bund's item on the Grüne Liste",
		chromedp.SetValue(fmt.Sprintf("#nr-%d", bundItem.ID), "21", chromedp.ByID),
		chromedp.SetValue(fmt.Sprintf("#abschnitt-%d", bundItem.ID), fmt.Sprint(secID["Grüne Liste"]), chromedp.ByID),
		chromedp.Click(fmt.Sprintf("#gl-%d", bundItem.ID), chromedp.ByID))
	b.submit("save Bund's item", fmt.Sprintf(`form[action="/tops/%d"]`, bundItem.ID))
	// Reporting FachMK keeps no number: publishing so is confirmed.
	b.run("confirm the item without number", chromedp.Click("#ohne-nummer-ok", chromedp.ByID))
	b.submit("publish agenda", `form[action="/sitzungen/48/veroeffentlichen"]`)
	b.submit("convene", `form[action="/sitzungen/48/status"]`)
	b.submit("open session", `form[action="/sitzungen/48/status"]`)
	b.shot("verwaltung")
	if se, _ := st.SessionByNumber(ctx, itplr.ID, 48); se.Status != model.StatusRunning || !se.AgendaPublished {
		t.Fatalf("session 48 after opening: %+v", se)
	}

	// 4. The session runs: attendance and quorum, then live minutes of
	// Hessen's item.
	b.attend(48, nil)
	if notice := b.text(".notice-box"); !strings.Contains(notice, "beschlussfähig: 17 von 17") {
		t.Errorf("quorum: %q", notice)
	}
	b.page(fmt.Sprintf("/sitzungen/48/live?top=%d", heItem.ID))
	b.submit("call item", fmt.Sprintf(`form[action="/tops/%d/aufrufen"]`, heItem.ID))
	b.run("contribution",
		chromedp.SetValue("#neu-sprecher", "HE", chromedp.ByID),
		chromedp.SendKeys("#neu-punkte", "Stellt den Stand der Justizcloud vor.\nBittet um Unterstützung der Länder.", chromedp.ByID))
	b.submit("save contribution", fmt.Sprintf(`form[action="/tops/%d/beitraege"]`, heItem.ID))
	drafts, _ := st.ItemDecisions(ctx, heItem.ID)
	if len(drafts) != 1 || len(drafts[0].Points) != 2 {
		t.Fatalf("Hessen's proposal = %+v", drafts)
	}
	d := drafts[0]
	// A show of hands in one step; the grid starts at "keine Stimme":
	// every show of hands is entered.
	b.run("open the show-of-hands form", chromedp.Click(fmt.Sprintf(`details:has(form[action="/entwuerfe/%d/abstimmung"]) summary`, d.ID), chromedp.ByQuery))
	b.run("vote with one abstention", gridVotes(fmt.Sprintf("v%d", d.ID), map[string]string{"BY": "enth"})...)
	b.shot("live-protokoll")
	b.submit("vote", fmt.Sprintf(`form[action="/entwuerfe/%d/abstimmung"]`, d.ID))
	b.run("open protocol note", chromedp.Click(`details:has(#neu-pn) summary`, chromedp.ByQuery))
	b.run("protocol note",
		chromedp.SetValue("#neu-autor", "Bayern", chromedp.ByID),
		chromedp.SendKeys("#neu-pn", "Bayern enthält sich, weil die Finanzierung noch offen ist.", chromedp.ByID))
	b.submit("save note", fmt.Sprintf(`form[action="/tops/%d/notizen"]`, heItem.ID))
	b.run("open follow-up", chromedp.Click(`details:has(#neu-auftrag) summary`, chromedp.ByQuery))
	b.run("follow-up",
		chromedp.SendKeys("#neu-auftrag", "Bericht zur Justizcloud", chromedp.ByID),
		chromedp.SendKeys("#neu-verantw", "HE", chromedp.ByID),
		chromedp.SendKeys("#neu-fristsitzung", "50", chromedp.ByID))
	b.submit("save follow-up", fmt.Sprintf(`form[action="/tops/%d/auftraege"]`, heItem.ID))
	b.run("open the Grüne Liste form", chromedp.Click(`details:has(form[action="/sitzungen/48/gruene-liste"]) summary`, chromedp.ByQuery))
	b.run("Grüne Liste: all Ja", gridVotes("gl", nil)...)
	b.submit("adopt the Grüne Liste", `form[action="/sitzungen/48/gruene-liste"]`)
	if notice := b.text(".notice-box"); !strings.Contains(notice, "Grüne Liste beschlossen: B-2025/") {
		t.Errorf("consent agenda: %q", notice)
	}
	adopted, _ := st.ItemDecisions(ctx, heItem.ID)
	if adopted[0].Status != model.DecisionAdopted || adopted[0].Result != "einstimmig, bei Enthaltung von BY" {
		t.Fatalf("decision after the vote: %+v", adopted[0])
	}

	// The live view updates without reload.
	b.logout()
	b.login("hessen")
	b.page("/sitzungen/48")
	if !strings.Contains(b.text("#live-stand"), "Justizcloud") {
		t.Error("the live view does not show the current item")
	}
	// The page's event stream must be connected before the change, or the
	// signal reaches nobody (a loaded machine connects late).
	for deadline := time.Now().Add(20 * time.Second); srv.events.Viewers(s48.ID) == 0 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	if err := st.SetCurrentItem(ctx, s48.ID, bundItem.ID); err != nil {
		t.Fatal(err)
	}
	srv.events.Publish(s48.ID)
	b.run("live update", chromedp.WaitVisible(`//div[@id="live-stand"]//strong[contains(., "Kooperation D21")]`, chromedp.BySearch))
	b.shot("live-ansicht")
	b.logout()

	// 5. End of session: the draft minutes.
	b.login("geschaeftsstelle")
	b.page("/sitzungen/48/verwaltung")
	b.endSession(48)
	b.submit("draft minutes", `form[action="/sitzungen/48/status"]`)
	b.page("/sitzungen/48")
	page := b.text("main")
	for _, want := range []string{"Justizcloud", "Stellt den Stand der Justizcloud vor.", adopted[0].Label, "Der IT-Planungsrat nimmt den Bericht zur Justizcloud zur Kenntnis.",
		"Er bittet HE, zur 50. Sitzung erneut zu berichten.", "einstimmig, bei Enthaltung von BY", "Protokollnotiz (Bayern)", "Bericht zur Justizcloud", "zur 50. Sitzung",
		"Kooperation D21", "Grüne Liste, en bloc", "Protokoll im Entwurf"} {
		if !strings.Contains(page, want) {
			t.Errorf("the minutes page lacks %q", want)
		}
	}
	b.page("/sitzungen/48/protokoll")
	b.shot("protokoll-48")

	// 6. The next session approves the minutes.
	b.page("/sitzungen/neu")
	b.run("fill session 49", chromedp.SetValue("#datum", "2026-03-12", chromedp.ByID), chromedp.SetValue("#ort", "Wiesbaden", chromedp.ByID))
	b.submit("create session 49", `form[action="/sitzungen"]`)
	b.run("confirm 49's item without number", chromedp.Click("#ohne-nummer-ok", chromedp.ByID))
	b.submit("publish 49's agenda", `form[action="/sitzungen/49/veroeffentlichen"]`)
	b.submit("convene 49", `form[action="/sitzungen/49/status"]`)
	b.submit("open 49", `form[action="/sitzungen/49/status"]`)
	b.attend(49, nil)
	b.page("/sitzungen/49/verwaltung")
	b.submit("approve the minutes of 48", `form[action="/sitzungen/49/genehmigen"]`)
	if se, _ := st.SessionByNumber(ctx, itplr.ID, 48); se.Status != model.StatusMinutesApproved || se.ApprovedIn != 49 {
		t.Fatalf("session 48 after approval: %+v", se)
	}
	b.page("/sitzungen/48")
	if !strings.Contains(b.text("main"), "genehmigt in der 49. Sitzung") {
		t.Error("the minutes page does not show the approval")
	}
	if versions, _ := st.MinutesVersions(ctx, s48.ID); len(versions) != 1 || !strings.Contains(versions[0].Text, "Justizcloud") {
		t.Errorf("approved version not kept: %+v", versions)
	}

	// 7. FachMK work: the secretariat's pages for the conferences.
	b.page("/fachmk/AMK")
	b.page(fmt.Sprintf("/steckbrief/%d", adopted[0].ID))
	b.page("/sitzungen/48/nachbesprechung")
	b.shot("nachbesprechung")
	b.page("/umlaufverfahren")
	b.page("/umlaufverfahren/neu")
	b.page("/aenderungsprotokoll?objekt=decision")
	b.shot("aenderungsprotokoll")
	b.page("/aenderungsprotokoll?von=01.01.2000&pruefen=1")
	b.logout()

	// 8. Hessen fills in the decision profile of its decision.
	b.login("hessen")
	b.page(fmt.Sprintf("/steckbrief/%d", adopted[0].ID))
	b.run("assess relevance",
		chromedp.SetValue(fmt.Sprintf("#rel-%d", ejr.ID), "ja", chromedp.ByID),
		chromedp.SendKeys(fmt.Sprintf("#grund-%d", ejr.ID), "Justizcloud betrifft die Fachverfahren der Justiz", chromedp.ByID))
	b.shot("steckbrief")
	b.submit("save profile", fmt.Sprintf(`form[action="/steckbrief/%d"]`, adopted[0].ID))
	if as, _ := st.Assessments(ctx, adopted[0].ID); len(as) != 1 || !as[0].Relevant || as[0].ConferenceID != ejr.ID {
		t.Errorf("assessment = %+v", as)
	}
	b.logout()

	// 9. The spokesperson's own page.
	b.login("sprecher-hb")
	b.page("/mein-bereich")
	b.shot("mein-bereich")
}

// TestAxeFindsViolations makes sure the accessibility check can fail: a
// page without language, title and alternative text must be reported.
func TestAxeFindsViolations(t *testing.T) {
	b := newBrowser(t, "")
	bad := `data:text/html,<html><body><img src="x.png"><input type="text"></body></html>`
	var out string
	b.run("axe on a bad page", chromedp.Navigate(bad), chromedp.Evaluate(b.axe, nil),
		chromedp.Evaluate(`axe.run(document).then(r => JSON.stringify(r.violations.map(v => v.id)))`, &out,
			func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	for _, id := range []string{"html-has-lang", "image-alt", "label"} {
		if !strings.Contains(out, id) {
			t.Errorf("axe did not report %s: %s", id, out)
		}
	}
}
