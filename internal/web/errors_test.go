package web

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
)

// lockedBuffer is a log sink that handlers may write to concurrently.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestStoreFailureIsInternal injects a database failure into the writes of
// three handlers (a trigger that aborts the statement, as a full disk or an
// I/O error would): each must answer 500 and log at Error with the request
// id, never 400/422 with a made-up reason.
func TestStoreFailureIsInternal(t *testing.T) {
	ctx := context.Background()
	st := demotest.StoreWithAccounts(t)
	var logs lockedBuffer
	srv, err := New(st, slog.New(slog.NewTextHandler(&logs, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sid, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	var itemIDs []int64
	for _, title := range []string{"Erster", "Zweiter"} {
		id, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Title: title, Status: model.ItemAccepted, Goal: model.GoalNoting})
		if err != nil {
			t.Fatal(err)
		}
		itemIDs = append(itemIDs, id)
	}
	umk, _ := st.BodyByAbbrev(ctx, "UMK")
	moved, err := st.Item(ctx, itemIDs[1])
	if err != nil {
		t.Fatal(err)
	}

	for _, table := range []string{"agenda_items", "bodies"} {
		if err := st.InjectFailure(ctx, table, "UPDATE"); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.InjectFailure(ctx, "spokesperson_assignments", "INSERT"); err != nil {
		t.Fatal(err)
	}

	gs := client(t, ts, "geschaeftsstelle")
	for _, c := range []struct {
		name, path string
		form       url.Values
	}{
		{"move item", fmt.Sprintf("/tops/%d/verschieben", itemIDs[1]), url.Values{"richtung": {"hoch"}, "version": {fmt.Sprint(moved.Version)}}},
		{"assign spokesperson", "/fachmk/AMK/sprecher", url.Values{"mitglied": {"MV"}, "beschluss": {"B-2025/26-IT"}, "sitzung": {"47"}}},
		{"edit conference", "/fachmk/UMK", url.Values{"version": {fmt.Sprint(umk.Version)}, "begriffe": {"Klima"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := strings.Count(logs.String(), "level=ERROR")
			code, body := do(t, gs, "POST", ts.URL+c.path, c.form)
			if code != http.StatusInternalServerError {
				t.Fatalf("status %d, want 500; body: %.300s", code, body)
			}
			if strings.Contains(body, "injected") || strings.Contains(body, "nicht erfasst") {
				t.Error("the page shows the internal error or a made-up reason")
			}
			l := logs.String()
			if strings.Count(l, "level=ERROR") != before+1 || !strings.Contains(l, "injected failure") || !strings.Contains(l, "request_id=") {
				t.Errorf("no Error log line with the cause and the request id:\n%s", l)
			}
		})
	}
}

// TestMissingDocumentFile: a document whose file is gone from the disk
// gives the German error page with a Fehlernummer — no file path, no
// bare "500" — and the log names the document and the path at Error.
func TestMissingDocumentFile(t *testing.T) {
	var logs lockedBuffer
	dir := t.TempDir()
	ts, st, _ := cycleServerOf(t, func(s *Server) {
		s.log = slog.New(slog.NewTextHandler(&logs, nil))
		s.SetDocumentDir(dir)
	})
	ctx := context.Background()
	s48, _ := planSession48(t, ts, st)
	he := client(t, ts, "hessen")
	if code, body := upload(t, he, ts.URL+"/sitzungen/48/dokumente", "Unterlage.pdf", []byte("%PDF-1.4\n% Unterlage\n")); code != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", code, body)
	}
	docs, err := st.Documents(ctx, s48.ID)
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents: %v %v", docs, err)
	}
	path := filepath.Join(dir, docs[0].SHA256)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	code, body := do(t, he, "GET", fmt.Sprintf("%s/dokumente/%d", ts.URL, docs[0].ID), nil)
	if code != http.StatusInternalServerError || !strings.Contains(body, "Fehlernummer") || !strings.Contains(body, `lang="de"`) {
		t.Errorf("missing file: %d %.300s", code, body)
	}
	if strings.Contains(body, dir) || strings.Contains(body, docs[0].SHA256) {
		t.Error("the page shows the file's path")
	}
	var line string
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "level=ERROR") && strings.Contains(l, "document") {
			line = l
		}
	}
	if !strings.Contains(line, fmt.Sprintf("document_id=%d", docs[0].ID)) || !strings.Contains(line, "file="+path) {
		t.Errorf("the log does not name the document and its path at Error:\n%s", logs.String())
	}
}
