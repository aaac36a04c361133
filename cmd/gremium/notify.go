package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"gremium/internal/model"
	"gremium/internal/notify"
	"gremium/internal/site"
	"gremium/internal/store"
)

// notifyConfig is the delivery configuration of "gremium serve": the SMTP
// server and the Matrix homeserver. Links in messages are built from the
// public URL (--public-url), like every absolute URL.
// Secrets come from the environment or a file, never from a flag (flags are
// visible in the process list).
type notifyConfig struct {
	smtpHost     string
	smtpPort     int
	smtpSecurity string
	smtpUser     string
	smtpPassFile string
	smtpFrom     string
	matrixURL    string
	matrixFile   string
}

// notifyFlags adds the delivery flags to serve's flag set.
func notifyFlags(fs *flag.FlagSet) *notifyConfig {
	c := &notifyConfig{}
	port, _ := strconv.Atoi(os.Getenv("GREMIUM_SMTP_PORT"))
	fs.StringVar(&c.smtpHost, "smtp-host", os.Getenv("GREMIUM_SMTP_HOST"), "SMTP `host` for e-mail; empty: no e-mail (env GREMIUM_SMTP_HOST)")
	fs.IntVar(&c.smtpPort, "smtp-port", port, "SMTP `port`; 0: 587 with starttls, 465 with tls, 25 with none (env GREMIUM_SMTP_PORT)")
	fs.StringVar(&c.smtpSecurity, "smtp-security", envOr("GREMIUM_SMTP_SECURITY", notify.SMTPStartTLS), "SMTP transport security: starttls (required), tls or none (env GREMIUM_SMTP_SECURITY)")
	fs.StringVar(&c.smtpUser, "smtp-user", os.Getenv("GREMIUM_SMTP_USER"), "SMTP user `name`; empty: no authentication (env GREMIUM_SMTP_USER)")
	fs.StringVar(&c.smtpPassFile, "smtp-password-file", os.Getenv("GREMIUM_SMTP_PASSWORD_FILE"), "`file` holding the SMTP password (or env GREMIUM_SMTP_PASSWORD)")
	fs.StringVar(&c.smtpFrom, "smtp-from", os.Getenv("GREMIUM_SMTP_FROM"), "sender `address` of e-mails, e.g. \"gremium <gremium@example.org>\" (env GREMIUM_SMTP_FROM)")
	fs.StringVar(&c.matrixURL, "matrix-homeserver", os.Getenv("GREMIUM_MATRIX_HOMESERVER"), "Matrix homeserver `URL`; empty: no Matrix (env GREMIUM_MATRIX_HOMESERVER)")
	fs.StringVar(&c.matrixFile, "matrix-token-file", os.Getenv("GREMIUM_MATRIX_TOKEN_FILE"), "`file` holding the access token of gremium's Matrix account (or env GREMIUM_MATRIX_TOKEN)")
	return c
}

// secret reads a secret from a file (trailing newline removed) or else
// from the environment variable.
func secret(file, env string) (string, error) {
	if file == "" {
		return os.Getenv(env), nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// worker builds the outbox worker: a sender for every configured channel.
// A channel that is configured wrongly stops the start; one that is not
// configured leaves its messages waiting in the outbox.
func (c *notifyConfig) worker(st *store.Store, log *slog.Logger, public site.Public) (*notify.Worker, error) {
	w := &notify.Worker{Store: st, Log: log, Senders: map[model.Channel]notify.Sender{}, BaseURL: public.String()}
	if c.smtpHost != "" {
		pass, err := secret(c.smtpPassFile, "GREMIUM_SMTP_PASSWORD")
		if err != nil {
			return nil, fmt.Errorf("smtp password: %w", err)
		}
		e := &notify.Email{Host: c.smtpHost, Port: c.smtpPort, Security: c.smtpSecurity, Username: c.smtpUser, Password: pass, From: c.smtpFrom}
		if err := e.Check(); err != nil {
			return nil, err
		}
		w.Senders[model.ChannelEmail] = e
	}
	if c.matrixURL != "" {
		token, err := secret(c.matrixFile, "GREMIUM_MATRIX_TOKEN")
		if err != nil {
			return nil, fmt.Errorf("matrix token: %w", err)
		}
		m := &notify.Matrix{Homeserver: c.matrixURL, AccessToken: token}
		if err := m.Check(); err != nil {
			return nil, err
		}
		w.Senders[model.ChannelMatrix] = m
	}
	if len(w.Senders) == 0 {
		log.Warn("neither SMTP nor Matrix is configured: notifications stay in the outbox until one is (see --smtp-host, --matrix-homeserver)")
	} else {
		log.Info("outbox delivery", "channels", w.Channels())
	}
	return w, nil
}
