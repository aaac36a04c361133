package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/notify"
	"gremium/internal/oparl"
	"gremium/internal/search"
	"gremium/internal/site"
	"gremium/internal/store"
	"gremium/internal/web"
)

// serveOptions are the settings of "gremium serve".
type serveOptions struct {
	addr, data     string
	database       string // PostgreSQL URL; "" for SQLite in data
	withDemo       bool
	secure         bool
	idle           time.Duration
	clientIPHeader string
	oidc           auth.OIDCConfig
	// publicURL is the canonical public address as given, public its
	// parsed form (zero: http:// and the address listened on).
	publicURL string
	public    site.Public
	// license is the URL of the license of the published data (OParl).
	license string
	// ops are logging, metrics access and live stream limits (ops.go).
	ops *opsConfig
	// pdfRenders is how many PDFs (every kind together) the instance renders at a time
	// (web.SetPDFRenders); 0: no limit.
	pdfRenders int
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [--addr HOST:PORT] [--data DIR] [--demo]", stdout, stderr)
	var o serveOptions
	fs.StringVar(&o.addr, "addr", envOr("GREMIUM_ADDR", "127.0.0.1:8080"), "`address` to listen on (env GREMIUM_ADDR)")
	data := dataFlag(fs)
	fs.BoolVar(&o.withDemo, "demo", false, "load the demo data and demo accounts if the database is empty")
	fs.BoolVar(&o.secure, "secure-cookies", os.Getenv("GREMIUM_SECURE_COOKIES") == "1", "mark cookies Secure and send HSTS also for plain HTTP (behind a TLS proxy; env GREMIUM_SECURE_COOKIES=1)")
	idle := fs.String("idle-timeout", envOr("GREMIUM_IDLE_TIMEOUT", auth.DefaultIdle.String()), "a login ends after this `duration` without a request (env GREMIUM_IDLE_TIMEOUT)")
	fs.StringVar(&o.clientIPHeader, "client-ip-header", os.Getenv("GREMIUM_CLIENT_IP_HEADER"), "`header` with the client address set by a reverse proxy (X-Forwarded-For or X-Real-IP); only behind a proxy that sets it (env GREMIUM_CLIENT_IP_HEADER)")
	fs.StringVar(&o.oidc.Issuer, "oidc-issuer", os.Getenv("GREMIUM_OIDC_ISSUER"), "OpenID Connect issuer `URL`; turns on login with the provider (env GREMIUM_OIDC_ISSUER)")
	fs.StringVar(&o.oidc.ClientID, "oidc-client-id", os.Getenv("GREMIUM_OIDC_CLIENT_ID"), "OpenID Connect client `id` (env GREMIUM_OIDC_CLIENT_ID)")
	secretFile := fs.String("oidc-client-secret-file", os.Getenv("GREMIUM_OIDC_CLIENT_SECRET_FILE"), "`file` holding the OpenID Connect client secret (or env GREMIUM_OIDC_CLIENT_SECRET)")
	fs.StringVar(&o.oidc.RedirectURL, "oidc-redirect-url", os.Getenv("GREMIUM_OIDC_REDIRECT_URL"), "gremium's callback `URL` as registered at the provider: https://HOST/anmelden/oidc/rueckruf (env GREMIUM_OIDC_REDIRECT_URL)")
	fs.StringVar(&o.oidc.Label, "oidc-label", envOr("GREMIUM_OIDC_LABEL", "Single Sign-on"), "the provider's `name` on the login page (env GREMIUM_OIDC_LABEL)")
	scopes := fs.String("oidc-scopes", envOr("GREMIUM_OIDC_SCOPES", "profile"), "`scopes` to ask for besides openid, separated by spaces (env GREMIUM_OIDC_SCOPES)")
	fs.StringVar(&o.oidc.UsernameClaim, "oidc-username-claim", envOr("GREMIUM_OIDC_USERNAME_CLAIM", "preferred_username"), "`claim` with the user name (env GREMIUM_OIDC_USERNAME_CLAIM)")
	fs.StringVar(&o.oidc.NameClaim, "oidc-name-claim", envOr("GREMIUM_OIDC_NAME_CLAIM", "name"), "`claim` with the full name (env GREMIUM_OIDC_NAME_CLAIM)")
	fs.StringVar(&o.oidc.RoleClaim, "oidc-role-claim", envOr("GREMIUM_OIDC_ROLE_CLAIM", "gremium_role"), "`claim` with the role, a string or list; dotted paths reach nested claims, e.g. realm_access.roles (env GREMIUM_OIDC_ROLE_CLAIM)")
	fs.StringVar(&o.oidc.MemberClaim, "oidc-member-claim", envOr("GREMIUM_OIDC_MEMBER_CLAIM", "gremium_member"), "`claim` with the member abbreviation: HE, Bund, DLT … (env GREMIUM_OIDC_MEMBER_CLAIM)")
	fs.StringVar(&o.oidc.ConferenceClaim, "oidc-fachmk-claim", envOr("GREMIUM_OIDC_FACHMK_CLAIM", "gremium_fachmk"), "`claim` with the FachMK abbreviation of FachMK accounts (env GREMIUM_OIDC_FACHMK_CLAIM)")
	fs.StringVar(&o.publicURL, "public-url", os.Getenv("GREMIUM_PUBLIC_URL"), "canonical public `URL` of this installation, e.g. https://gremium.example.org; every absolute URL (OParl ids, feeds, calendars, mails) is built from it (env GREMIUM_PUBLIC_URL; default http://ADDR)")
	fs.StringVar(&o.license, "license-url", envOr("GREMIUM_LICENSE_URL", oparl.DefaultLicense), "`URL` of the license of the published data, given in OParl (env GREMIUM_LICENSE_URL; default Datenlizenz Deutschland – Namensnennung – 2.0)")
	fs.IntVar(&o.pdfRenders, "max-pdf-renders", envInt("GREMIUM_MAX_PDF_RENDERS", web.DefaultPDFRenders), "most PDFs (register, minutes, follow-ups, debrief, evaluation, spokespersons, briefings; up to about 30 MB each while made) this instance renders at a time, all counted together; a request that waits more than 10s is refused with 503; 0: no limit (env GREMIUM_MAX_PDF_RENDERS)")
	o.ops = opsFlags(fs)
	delivery := notifyFlags(fs)
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	o.data = *data
	o.database = fs.Lookup("database").Value.String()
	var err error
	if o.pdfRenders < 0 {
		fmt.Fprintln(stderr, "gremium serve: --max-pdf-renders must not be negative")
		return exitUsage
	}
	if o.idle, err = time.ParseDuration(*idle); err != nil || o.idle < time.Minute {
		fmt.Fprintln(stderr, "gremium serve: --idle-timeout must be a duration of at least 1m, like 30m")
		return exitUsage
	}
	o.oidc.Scopes = strings.Fields(*scopes)
	if o.oidc.ClientSecret, err = secret(*secretFile, "GREMIUM_OIDC_CLIENT_SECRET"); err != nil {
		fmt.Fprintln(stderr, "gremium serve: OIDC client secret:", err)
		return exitUsage
	}
	if o.oidc.Issuer != "" {
		if err := o.oidc.Validate(); err != nil {
			fmt.Fprintln(stderr, "gremium serve:", err, "(--oidc-issuer needs --oidc-client-id and --oidc-redirect-url)")
			return exitUsage
		}
	}
	if err := o.ops.check(); err != nil {
		fmt.Fprintln(stderr, "gremium serve:", err)
		return exitUsage
	}
	log, err := o.ops.logger(stderr)
	if err != nil {
		fmt.Fprintln(stderr, "gremium serve:", err)
		return exitUsage
	}
	if o.publicURL != "" {
		p, err := site.Parse(o.publicURL)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
		o.public = p
	}
	if u, err := url.Parse(o.license); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		fmt.Fprintf(stderr, "--license-url %q: expected an absolute http(s) URL\n", o.license)
		return exitUsage
	}
	if err := serve(ctx, log, o, delivery, stdout); err != nil {
		log.Error("gremium serve failed", "err", err)
		return exitFail
	}
	return exitOK
}

func serve(ctx context.Context, log *slog.Logger, o serveOptions, delivery *notifyConfig, stdout io.Writer) error {
	addr, data, withDemo := o.addr, o.data, o.withDemo
	public := o.public
	st, err := store.OpenDatabase(ctx, o.database, data)
	if err != nil {
		return err
	}
	defer st.Close()
	if withDemo {
		bodies, err := st.Bodies(ctx, "")
		if err != nil {
			return err
		}
		if len(bodies) == 0 {
			if err := demo.Load(ctx, st); err != nil {
				return err
			}
			if err := demo.LoadCalendar(ctx, st); err != nil {
				return err
			}
			if err := demo.LoadNextSession(ctx, st); err != nil {
				return err
			}
			accounts, err := demo.LoadAccounts(ctx, st)
			if err != nil {
				return err
			}
			log.Info("demo data loaded", "data", data)
			fmt.Fprintln(stdout, "Demo accounts (password "+demo.AccountPassword+"):")
			for _, a := range accounts {
				fmt.Fprintf(stdout, "  %-18s %s\n", a.Username, a.Name)
			}
		} else {
			log.Info("database is not empty, demo data not loaded (use 'gremium demo' to add missing demo records)", "data", data)
		}
	}
	// The council's reference data (members, body, sections) is there from
	// the first start, demo or not.
	if _, err := itplr.Setup(store.WithActor(ctx, "setup"), st); err != nil {
		return err
	}
	srv, err := web.New(st, log, itplr.CouncilAbbrev)
	if err != nil {
		return err
	}
	srv.SetDocumentDir(filepath.Join(data, "dokumente"))
	srv.SetDataLicense(o.license)
	// OParl objects of data written outside the server (a migrated
	// database, a generated corpus) are built before the first request.
	if err := st.SyncOParl(ctx, func(done, left int) {
		log.Info("building OParl objects", "done", done, "left", left)
	}); err != nil {
		return fmt.Errorf("oparl: %w", err)
	}
	// So are the public follow-up counts.
	if err := st.SyncFollowUpPublic(ctx); err != nil {
		return fmt.Errorf("follow-up counts: %w", err)
	}
	srv.SetSecureCookies(o.secure)
	srv.SetIdleTimeout(o.idle)
	srv.SetClientIPHeader(o.clientIPHeader)
	srv.SetPDFRenders(o.pdfRenders)
	if err := o.ops.apply(srv); err != nil {
		return err
	}
	if o.oidc.Issuer != "" {
		if err := srv.SetOIDC(ctx, o.oidc); err != nil {
			return fmt.Errorf("oidc: %w", err)
		}
		log.Info("OpenID Connect login on", "issuer", o.oidc.Issuer, "client", o.oidc.ClientID)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	if !public.IsSet() {
		public = site.FromListenAddr(ln.Addr().String())
	}
	srv.SetPublicURL(public)
	httpSrv := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	worker, err := delivery.worker(st, log, public)
	if err != nil {
		ln.Close()
		return err
	}
	srv.SetOutbox(worker)
	// The loops stop with ctx or when serving fails; the worker finishes a
	// send under way first, and the store stays open until it recorded it.
	var background sync.WaitGroup
	defer background.Wait()
	ctx, stopBackground := context.WithCancel(ctx)
	defer stopBackground()
	background.Go(func() {
		(&notify.Reminders{Store: st, Log: log, OnClose: func(closed []model.WrittenProcedure) {
			for _, p := range closed {
				if err := search.IndexDecision(ctx, st, p.DecisionID); err != nil {
					log.Error("search index", "decision", p.DecisionID, "err", err)
				}
			}
			worker.Wake()
		}}).Run(ctx)
	})
	background.Go(func() { worker.Run(ctx) })
	// A marked search index (a fresh database, an upgrade that changed
	// the terms) is rebuilt next to serving, not before it.
	background.Go(func() { serveRebuild(ctx, st, log) })
	// What an import left to the server (its OParl objects, its search
	// documents) is built within a second of it.
	background.Go(func() { serveDerived(ctx, st, log, store.PollInterval) })
	fmt.Fprintf(stdout, "gremium %s serves http://%s/ (data: %s)\n", buildVersion(), ln.Addr(), data)
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := httpSrv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
