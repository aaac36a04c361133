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
	"sync"
	"time"

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

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [--addr HOST:PORT] [--data DIR] [--demo]", stdout, stderr)
	addr := fs.String("addr", envOr("GREMIUM_ADDR", "127.0.0.1:8080"), "`address` to listen on (env GREMIUM_ADDR)")
	data := dataFlag(fs)
	withDemo := fs.Bool("demo", false, "load the demo data and demo accounts if the database is empty")
	secure := fs.Bool("secure-cookies", os.Getenv("GREMIUM_SECURE_COOKIES") == "1", "mark the login cookie Secure also for plain HTTP (behind a TLS proxy; env GREMIUM_SECURE_COOKIES=1)")
	publicURL := fs.String("public-url", os.Getenv("GREMIUM_PUBLIC_URL"), "canonical public `URL` of this installation, e.g. https://gremium.example.org; every absolute URL (OParl ids, feeds, calendars, mails) is built from it (env GREMIUM_PUBLIC_URL; default http://ADDR)")
	license := fs.String("license-url", envOr("GREMIUM_LICENSE_URL", oparl.DefaultLicense), "`URL` of the license of the published data, given in OParl (env GREMIUM_LICENSE_URL; default Datenlizenz Deutschland – Namensnennung – 2.0)")
	verbose := fs.Bool("verbose", false, "log every request")
	delivery := notifyFlags(fs)
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	var public site.Public // zero: http:// and the address listened on
	if *publicURL != "" {
		p, err := site.Parse(*publicURL)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
		public = p
	}
	if u, err := url.Parse(*license); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		fmt.Fprintf(stderr, "--license-url %q: expected an absolute http(s) URL\n", *license)
		return exitUsage
	}
	if err := serve(ctx, log, *addr, *data, public, *license, *withDemo, *secure, delivery, stdout); err != nil {
		log.Error("gremium serve failed", "err", err)
		return exitFail
	}
	return exitOK
}

func serve(ctx context.Context, log *slog.Logger, addr, data string, public site.Public, license string, withDemo, secure bool, delivery *notifyConfig, stdout io.Writer) error {
	st, err := store.Open(ctx, data)
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
	srv.SetSecureCookies(secure)
	srv.SetDataLicense(license)
	// OParl objects of data written outside the server (a migrated
	// database, a generated corpus) are built before the first request.
	if err := st.SyncOParl(ctx, func(done, left int) {
		log.Info("building OParl objects", "done", done, "left", left)
	}); err != nil {
		return fmt.Errorf("oparl: %w", err)
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
	if n, err := st.SearchCount(ctx); err == nil && n == 0 {
		if council, err := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev); err == nil {
			if err := search.Rebuild(ctx, st, council.ID); err != nil {
				return fmt.Errorf("search index: %w", err)
			}
		}
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
