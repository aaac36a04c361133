package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"

	"github.com/wneessen/go-mail"

	"gremium/internal/model"
)

// SMTP transport security.
const (
	SMTPStartTLS = "starttls" // plain connection upgraded with STARTTLS; refused if the server does not offer it
	SMTPTLS      = "tls"      // TLS from the first byte (SMTPS, usually port 465)
	SMTPPlain    = "none"     // no encryption (a relay on the same host only)
)

// Email sends notifications as e-mail over SMTP: STARTTLS (mandatory) or
// implicit TLS, authentication when a user is set. Every message carries a
// Message-ID derived from the notification's key.
type Email struct {
	Host     string
	Port     int    // 0: 587 with STARTTLS, 465 with TLS, 25 without
	Security string // SMTPStartTLS (default), SMTPTLS or SMTPPlain
	Username string // empty: no authentication
	Password string
	From     string // sender address, "gremium <gremium@example.org>"
	// TLSConfig replaces the default (system roots, server name Host), for
	// a private certificate authority.
	TLSConfig *tls.Config
}

// Check reports a configuration that cannot work.
func (e *Email) Check() error {
	if e.Host == "" || e.From == "" {
		return errors.New("notify: e-mail needs an SMTP host and a sender address")
	}
	switch e.Security {
	case "", SMTPStartTLS, SMTPTLS, SMTPPlain:
	default:
		return fmt.Errorf("notify: SMTP security %q: use %s, %s or %s", e.Security, SMTPStartTLS, SMTPTLS, SMTPPlain)
	}
	if e.Username != "" && e.Security == SMTPPlain {
		return errors.New("notify: SMTP authentication without TLS would send the password in the clear")
	}
	m := mail.NewMsg()
	if err := m.From(e.From); err != nil {
		return fmt.Errorf("notify: sender address %q: %w", e.From, err)
	}
	return nil
}

func (e *Email) port() int {
	switch {
	case e.Port != 0:
		return e.Port
	case e.Security == SMTPTLS:
		return 465
	case e.Security == SMTPPlain:
		return 25
	}
	return 587
}

// Send hands the notification to the SMTP server. A recipient the server
// refuses for good (5xx) and an address that is no address are permanent
// errors; everything else (server down, 4xx, authentication) is retried.
func (e *Email) Send(ctx context.Context, n model.Notification, text string) error {
	m := mail.NewMsg(mail.WithCharset(mail.CharsetUTF8), mail.WithEncoding(mail.EncodingQP))
	if err := m.From(e.From); err != nil {
		return fmt.Errorf("smtp: sender address: %w", err)
	}
	if err := m.To(n.Recipient); err != nil {
		return Permanent(fmt.Errorf("smtp: recipient %q: %w", n.Recipient, err))
	}
	m.Subject(n.Subject)
	m.SetMessageIDWithValue(MessageID(n.Key, e.From))
	m.SetDate()
	m.SetGenHeader("Auto-Submitted", "auto-generated") // RFC 3834: no auto-replies
	m.SetBodyString(mail.TypeTextPlain, text)

	opts := []mail.Option{mail.WithPort(e.port()), mail.WithTimeout(DefaultSendTimeout)}
	switch e.Security {
	case SMTPTLS:
		opts = append(opts, mail.WithSSL())
	case SMTPPlain:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if e.TLSConfig != nil {
		conf := e.TLSConfig.Clone()
		if conf.ServerName == "" {
			conf.ServerName = e.Host
		}
		opts = append(opts, mail.WithTLSConfig(conf))
	}
	if e.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(e.Username), mail.WithPassword(e.Password))
	}
	c, err := mail.NewClient(e.Host, opts...)
	if err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, m); err != nil {
		var se *mail.SendError
		if errors.As(err, &se) && se.Reason == mail.ErrSMTPRcptTo && !se.IsTemp() {
			return Permanent(fmt.Errorf("smtp: %w", err))
		}
		return fmt.Errorf("smtp: %w", err)
	}
	return nil
}
