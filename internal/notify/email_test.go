package notify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"gremium/internal/model"
)

// smtpServer is a real SMTP server (emersion/go-smtp) on 127.0.0.1 that
// offers STARTTLS, takes PLAIN authentication only over TLS and keeps what
// it accepted. It can be stopped and started again on the same address,
// and it can hold a message after accepting it, before it answers.
type smtpServer struct {
	t    testing.TB
	addr string
	cert tls.Certificate
	Pool *x509.CertPool

	mu       sync.Mutex
	srv      *smtp.Server
	ln       net.Listener
	mails    []receivedMail
	hold     chan struct{} // if set, Data waits on it after keeping the message
	accepted chan struct{} // signalled when a held message was kept
	rejectTo string        // a recipient refused with 550
}

type receivedMail struct {
	From, To string
	User     string // the authenticated user
	TLS      bool   // the message came over TLS
	Msg      *mail.Message
	Body     string
}

const smtpUser, smtpPassword = "gremium", "geheim"

func startSMTP(t testing.TB) *smtpServer {
	t.Helper()
	cert, pool := selfSigned(t)
	s := &smtpServer{t: t, cert: cert, Pool: pool}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = ln.Addr().String()
	s.serve(ln)
	t.Cleanup(s.stop)
	return s
}

func (s *smtpServer) serve(ln net.Listener) {
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &smtpSession{srv: s, conn: c}, nil }))
	srv.Domain = "127.0.0.1"
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{s.cert}}
	srv.AllowInsecureAuth = false // AUTH only after STARTTLS
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	s.mu.Lock()
	s.srv, s.ln = srv, ln
	s.mu.Unlock()
	go srv.Serve(ln)
}

// stop closes the listener and every connection: the server is down.
func (s *smtpServer) stop() {
	s.mu.Lock()
	srv, ln := s.srv, s.ln
	s.srv, s.ln = nil, nil
	s.mu.Unlock()
	if srv != nil {
		// The listener is closed here too: Serve may not have registered
		// it with the server yet.
		ln.Close()
		srv.Close()
	}
}

// restart serves again on the same address.
func (s *smtpServer) restart() { s.serve(listenAgain(s.t, s.addr)) }

func (s *smtpServer) Mails() []receivedMail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]receivedMail(nil), s.mails...)
}

// sender gives the e-mail sender configured for this server.
func (s *smtpServer) sender() *Email {
	host, port, _ := net.SplitHostPort(s.addr)
	p := 0
	for _, c := range port {
		p = p*10 + int(c-'0')
	}
	return &Email{Host: host, Port: p, Security: SMTPStartTLS, Username: smtpUser, Password: smtpPassword,
		From: "gremium <gremium@itplr.example>", TLSConfig: &tls.Config{RootCAs: s.Pool}}
}

type smtpSession struct {
	srv  *smtpServer
	conn *smtp.Conn
	user string
	from string
	to   []string
}

func (x *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (x *smtpSession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != smtpUser || password != smtpPassword {
			return smtp.ErrAuthFailed
		}
		x.user = username
		return nil
	}), nil
}

func (x *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if x.user == "" {
		return smtp.ErrAuthRequired
	}
	x.from = from
	return nil
}

func (x *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.srv.mu.Lock()
	reject := x.srv.rejectTo
	x.srv.mu.Unlock()
	if to == reject {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	x.to = append(x.to, to)
	return nil
}

func (x *smtpSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		return err
	}
	var bodyReader io.Reader = msg.Body
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		bodyReader = quotedprintable.NewReader(msg.Body)
	}
	body, _ := io.ReadAll(bodyReader)
	_, isTLS := x.conn.TLSConnectionState()
	s := x.srv
	s.mu.Lock()
	for _, to := range x.to {
		s.mails = append(s.mails, receivedMail{From: x.from, To: to, User: x.user, TLS: isTLS, Msg: msg, Body: string(body)})
	}
	hold, accepted := s.hold, s.accepted
	s.mu.Unlock()
	if hold != nil {
		accepted <- struct{}{}
		<-hold // the message is kept; the "250 OK" waits
	}
	return nil
}

func (x *smtpSession) Reset()        { x.from, x.to = "", nil }
func (x *smtpSession) Logout() error { return nil }

func TestEmailSendsOverSTARTTLSWithAuth(t *testing.T) {
	srv := startSMTP(t)
	e := srv.sender()
	if err := e.Check(); err != nil {
		t.Fatal(err)
	}
	n := model.Notification{Key: "test:1/u1/email", Recipient: "hessen@example.org", Subject: "Tagesordnung veröffentlicht: 48. Sitzung", Body: "Die Tagesordnung …"}
	if err := e.Send(context.Background(), n, Text(n, "https://gremium.example")); err != nil {
		t.Fatal(err)
	}
	mails := srv.Mails()
	if len(mails) != 1 {
		t.Fatalf("%d mails", len(mails))
	}
	m := mails[0]
	if !m.TLS || m.User != smtpUser || m.To != "hessen@example.org" || m.From != "gremium@itplr.example" {
		t.Errorf("mail = TLS %v user %q to %q from %q", m.TLS, m.User, m.To, m.From)
	}
	if got, want := m.Msg.Header.Get("Message-Id"), "<"+MessageID(n.Key, e.From)+">"; got != want {
		t.Errorf("Message-ID = %q, want %q", got, want)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Msg.Header.Get("Subject"))
	if subject != n.Subject {
		t.Errorf("subject = %q", subject)
	}

	t.Run("plain connection refused when STARTTLS is required", func(t *testing.T) {
		bad := *e
		bad.TLSConfig = &tls.Config{} // does not trust the test certificate
		if err := bad.Send(context.Background(), n, "x"); err == nil || IsPermanent(err) {
			t.Errorf("untrusted certificate: %v (want a retryable error)", err)
		}
	})
	t.Run("wrong password is retried, not sent", func(t *testing.T) {
		bad := *e
		bad.Password = "falsch"
		if err := bad.Send(context.Background(), n, "x"); err == nil || IsPermanent(err) {
			t.Errorf("wrong password: %v", err)
		}
	})
	t.Run("refused recipient is permanent", func(t *testing.T) {
		srv.mu.Lock()
		srv.rejectTo = "niemand@example.org"
		srv.mu.Unlock()
		n := n
		n.Recipient = "niemand@example.org"
		if err := e.Send(context.Background(), n, "x"); !IsPermanent(err) {
			t.Errorf("refused recipient: %v", err)
		}
	})
	if got := len(srv.Mails()); got != 1 {
		t.Errorf("%d mails after the refused attempts, want 1", got)
	}
}

func TestEmailCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		e    Email
		ok   bool
	}{
		{"complete", Email{Host: "mail.example.org", From: "gremium@example.org", Username: "u"}, true},
		{"no host", Email{From: "gremium@example.org"}, false},
		{"bad sender", Email{Host: "h", From: "kein Absender"}, false},
		{"password in the clear", Email{Host: "h", From: "a@b.de", Security: SMTPPlain, Username: "u"}, false},
		{"unknown security", Email{Host: "h", From: "a@b.de", Security: "ssl"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.e.Check(); (err == nil) != tc.ok {
				t.Errorf("Check = %v", err)
			}
		})
	}
}

// TestEmailOutageLosesNothing: the SMTP server is down while three
// notifications are created; they wait with backoff and, once the server is
// back, arrive exactly once each.
func TestEmailOutageLosesNothing(t *testing.T) {
	ctx := context.Background()
	st, clock := fixture(t)
	srv := startSMTP(t)
	for _, u := range []string{"hessen", "bayern", "bund"} {
		subscribe(t, st, u, model.RoleMember, map[string]string{"hessen": "HE", "bayern": "BY", "bund": "Bund"}[u],
			model.ChannelEmail, u+"@example.org", model.EventAgendaPublished)
	}
	w := &Worker{Store: st, Senders: map[model.Channel]Sender{model.ChannelEmail: srv.sender()}, BaseURL: "https://gremium.example",
		Now: clock.Now, Log: quietLog(), SendTimeout: 5 * time.Second}

	srv.stop()
	publishAgenda(t, st, 48) // three notifications, in the transaction of the publication
	if n := len(outbox(t, st)); n != 3 {
		t.Fatalf("%d notifications queued, want 3", n)
	}
	sent, err := w.RunOnce(ctx)
	if err != nil || sent != 0 {
		t.Fatalf("with the server down: sent %d, %v", sent, err)
	}
	for _, n := range outbox(t, st) {
		if n.State != model.DeliveryWaiting || n.Attempts != 1 || n.LastError == "" || !n.NextAttempt.Equal(clock.Now().Add(DefaultBaseDelay)) {
			t.Fatalf("after a failed attempt: %s", states(outbox(t, st)))
		}
	}

	srv.restart()
	if sent, _ := w.RunOnce(ctx); sent != 0 {
		t.Errorf("sent %d before the backoff ran out", sent)
	}
	clock.Add(DefaultBaseDelay)
	if sent, err := w.RunOnce(ctx); err != nil || sent != 3 {
		t.Fatalf("after the restart: sent %d, %v; %s", sent, err, states(outbox(t, st)))
	}
	clock.Add(24 * time.Hour)
	if sent, _ := w.RunOnce(ctx); sent != 0 {
		t.Errorf("sent %d more later", sent)
	}
	mails := srv.Mails()
	if len(mails) != 3 {
		t.Fatalf("%d mails, want exactly 3", len(mails))
	}
	got := map[string]bool{}
	for _, m := range mails {
		got[m.To] = true
		if !strings.Contains(m.Body, "https://gremium.example/sitzungen/48") {
			t.Errorf("mail to %s without the link:\n%s", m.To, m.Body)
		}
	}
	if len(got) != 3 {
		t.Errorf("recipients = %v", got)
	}
	for _, n := range outbox(t, st) {
		if n.State != model.DeliverySent || n.Attempts != 2 || n.Sent.IsZero() {
			t.Errorf("after delivery: %s", states([]model.Notification{n}))
		}
	}
}

// TestEmailCancelMidSendNoDuplicate: the worker is cancelled while the SMTP
// server holds a message it has accepted but not yet confirmed. The worker
// finishes that send, records it, and a later worker sends nothing again.
func TestEmailCancelMidSendNoDuplicate(t *testing.T) {
	st, clock := fixture(t)
	srv := startSMTP(t)
	subscribe(t, st, "hessen", model.RoleMember, "HE", model.ChannelEmail, "hessen@example.org", model.EventAgendaPublished)
	publishAgenda(t, st, 48)
	hold := make(chan struct{})
	srv.mu.Lock()
	srv.hold, srv.accepted = hold, make(chan struct{}, 1)
	accepted := srv.accepted
	srv.mu.Unlock()

	w := &Worker{Store: st, Senders: map[model.Channel]Sender{model.ChannelEmail: srv.sender()}, Now: clock.Now, Log: quietLog(), SendTimeout: 5 * time.Second}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	select {
	case <-accepted:
	case <-time.After(10 * time.Second):
		t.Fatal("the message never reached the server")
	}
	cancel() // mid-send: the server has the message, the worker has no answer yet
	time.Sleep(50 * time.Millisecond)
	close(hold)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the worker did not stop")
	}
	list := outbox(t, st)
	if len(list) != 1 || list[0].State != model.DeliverySent {
		t.Fatalf("after the cancel: %s", states(list))
	}
	srv.mu.Lock()
	srv.hold = nil
	srv.mu.Unlock()
	clock.Add(48 * time.Hour) // any claim has long run out
	w2 := &Worker{Store: st, Senders: w.Senders, Now: clock.Now, Log: quietLog()}
	if sent, err := w2.RunOnce(context.Background()); err != nil || sent != 0 {
		t.Errorf("second worker sent %d, %v", sent, err)
	}
	if n := len(srv.Mails()); n != 1 {
		t.Errorf("%d mails, want 1", n)
	}
}

// TestEmailCrashBeforeSendSendsOnce: a worker claimed a notification and
// died before sending. No other worker takes it while the claim holds;
// after it runs out, the message is sent once.
func TestEmailCrashBeforeSendSendsOnce(t *testing.T) {
	ctx := context.Background()
	st, clock := fixture(t)
	srv := startSMTP(t)
	subscribe(t, st, "hessen", model.RoleMember, "HE", model.ChannelEmail, "hessen@example.org", model.EventAgendaPublished)
	publishAgenda(t, st, 48)
	w := &Worker{Store: st, Senders: map[model.Channel]Sender{model.ChannelEmail: srv.sender()}, Now: clock.Now, Log: quietLog()}
	if _, _, ok, err := st.ClaimNotification(ctx, clock.Now(), w.lease(), w.Channels()); !ok || err != nil {
		t.Fatalf("claim: %v %v", ok, err)
	}
	// the claiming worker is gone
	if sent, _ := w.RunOnce(ctx); sent != 0 {
		t.Fatalf("sent %d while another worker's claim holds", sent)
	}
	clock.Add(w.lease())
	if sent, err := w.RunOnce(ctx); sent != 1 || err != nil {
		t.Fatalf("after the claim ran out: sent %d, %v", sent, err)
	}
	if n := len(srv.Mails()); n != 1 {
		t.Errorf("%d mails, want 1", n)
	}
}

// TestPermanentFailureAndAdminActions: a refused recipient fails at once;
// the secretariat retries it (sent once the server takes it) and cancels
// another, which is then never sent.
func TestPermanentFailureAndAdminActions(t *testing.T) {
	ctx := context.Background()
	st, clock := fixture(t)
	srv := startSMTP(t)
	srv.rejectTo = "bayern@example.org"
	subscribe(t, st, "bayern", model.RoleMember, "BY", model.ChannelEmail, "bayern@example.org", model.EventAgendaPublished)
	publishAgenda(t, st, 48)
	w := &Worker{Store: st, Senders: map[model.Channel]Sender{model.ChannelEmail: srv.sender()}, Now: clock.Now, Log: quietLog()}
	w.RunOnce(ctx)
	list := outbox(t, st)
	if len(list) != 1 || list[0].State != model.DeliveryFailed || list[0].Attempts != 1 || !strings.Contains(list[0].LastError, "550") {
		t.Fatalf("refused recipient: %s", states(list))
	}
	id := list[0].ID
	if err := st.CancelNotification(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := st.CancelNotification(ctx, id); !errors.Is(err, model.ErrRule) {
		t.Errorf("cancel twice: %v", err)
	}
	w.RunOnce(ctx)
	if len(srv.Mails()) != 0 {
		t.Fatal("a cancelled notification was sent")
	}
	srv.mu.Lock()
	srv.rejectTo = ""
	srv.mu.Unlock()
	if err := st.RetryNotification(ctx, id); err != nil {
		t.Fatal(err)
	}
	if sent, _ := w.RunOnce(ctx); sent != 1 || len(srv.Mails()) != 1 {
		t.Fatalf("retry: sent %d, %d mails", sent, len(srv.Mails()))
	}
	if err := st.RetryNotification(ctx, id); !errors.Is(err, model.ErrRule) {
		t.Errorf("retry of a sent message: %v", err)
	}
	if err := st.CancelNotification(ctx, id); !errors.Is(err, model.ErrRule) {
		t.Errorf("cancel of a sent message: %v", err)
	}
	audit, _ := st.AuditLog(ctx, "notification", id)
	var actions []string
	for _, e := range audit {
		actions = append(actions, e.Action)
	}
	// Every change of the message is in the log: queued, claimed by the
	// sender, failed, cancelled, retried, claimed again, sent.
	if strings.Join(actions, ",") != "create,claim,failed,cancel,retry,claim,sent" {
		t.Errorf("audit = %v", actions)
	}
}
