package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"gremium/internal/model"
	"gremium/internal/site"
	"gremium/internal/store"
)

func TestNotifyConfig(t *testing.T) {
	for _, v := range []string{"GREMIUM_SMTP_HOST", "GREMIUM_SMTP_PORT", "GREMIUM_SMTP_SECURITY", "GREMIUM_SMTP_USER",
		"GREMIUM_SMTP_PASSWORD", "GREMIUM_SMTP_PASSWORD_FILE", "GREMIUM_SMTP_FROM", "GREMIUM_MATRIX_HOMESERVER", "GREMIUM_MATRIX_TOKEN", "GREMIUM_MATRIX_TOKEN_FILE"} {
		t.Setenv(v, "")
	}
	st, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tokenFile := filepath.Join(t.TempDir(), "token")
	os.WriteFile(tokenFile, []byte("syt_secret\n"), 0o600)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, tc := range []struct {
		name     string
		args     []string
		channels []model.Channel
		ok       bool
	}{
		{"nothing configured", nil, nil, true},
		{"e-mail", []string{"--smtp-host", "mail.example.org", "--smtp-user", "gremium", "--smtp-from", "gremium@example.org"}, []model.Channel{model.ChannelEmail}, true},
		{"both", []string{"--smtp-host", "mail.example.org", "--smtp-from", "gremium@example.org", "--matrix-homeserver", "https://matrix.example.org", "--matrix-token-file", tokenFile},
			[]model.Channel{model.ChannelEmail, model.ChannelMatrix}, true},
		{"e-mail without sender", []string{"--smtp-host", "mail.example.org"}, nil, false},
		{"unknown security", []string{"--smtp-host", "h", "--smtp-from", "a@b.de", "--smtp-security", "ssl"}, nil, false},
		{"Matrix without token", []string{"--matrix-homeserver", "https://matrix.example.org"}, nil, false},
		{"missing password file", []string{"--smtp-host", "h", "--smtp-from", "a@b.de", "--smtp-password-file", "/nonexistent"}, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := flag.NewFlagSet("serve", flag.ContinueOnError)
			c := notifyFlags(fs)
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			w, err := c.worker(st, log, site.FromListenAddr("127.0.0.1:8080"))
			if (err == nil) != tc.ok {
				t.Fatalf("worker: %v", err)
			}
			if err != nil {
				return
			}
			if !slices.Equal(w.Channels(), tc.channels) || w.BaseURL != "http://127.0.0.1:8080" {
				t.Errorf("channels %v, base %q", w.Channels(), w.BaseURL)
			}
		})
	}
}
