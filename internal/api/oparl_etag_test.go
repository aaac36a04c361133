package api_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/store"
)

// TestOParlETagFollowsWrites: the validator of an OParl answer is made
// from its bytes (httpcache.ETag), so a write that changes the answer
// gives it a new one, and a client asking with the validator of before
// gets the new answer, not "not modified".
func TestOParlETagFollowsWrites(t *testing.T) {
	c, st, _ := oparlServer(t)
	body := c.list(c.object(root)["body"].(string))[0]
	persons := body["person"].(string)
	get := func(ifNoneMatch string) response {
		t.Helper()
		req, _ := http.NewRequestWithContext(context.Background(), "GET", c.ts.URL+strings.TrimPrefix(persons, public), nil)
		req.Host = c.host
		if ifNoneMatch != "" {
			req.Header.Set("If-None-Match", ifNoneMatch)
		}
		res, err := c.ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return response{res.StatusCode, res.Header, b}
	}
	before := get("")
	etag := before.header.Get("ETag")
	if before.status != http.StatusOK || etag == "" {
		t.Fatalf("the person list: %d, ETag %q", before.status, etag)
	}
	if again := get(etag); again.status != http.StatusNotModified {
		t.Errorf("the same list asked with its validator, unchanged data: %d, want 304", again.status)
	}
	for round := range 3 {
		ctx := store.WithActor(context.Background(), "test")
		name := []string{"Erste Neue", "Zweite Neue", "Dritte Neue"}[round]
		// A public person: Bremen's new representative in the council
		// (OParl publishes the persons the public pages name).
		if err := st.SetRepresentativeNamed(ctx, "HB", name); err != nil {
			t.Fatal(err)
		}
		after := get(etag)
		if after.status != http.StatusOK {
			t.Fatalf("after write %d the list asked with the validator of before: %d, want 200 with the new person", round+1, after.status)
		}
		if !strings.Contains(string(after.body), name) {
			t.Errorf("after write %d the list lacks %q", round+1, name)
		}
		next := after.header.Get("ETag")
		if next == etag {
			t.Errorf("after write %d the validator stayed %s", round+1, etag)
		}
		etag = next
	}
}
