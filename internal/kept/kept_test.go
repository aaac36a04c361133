package kept

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestMap walks a Map through the cases that decide what it serves: each
// step asks for a key at a version (and second) and says which value it
// must get and whether it loaded.
func TestMap(t *testing.T) {
	errLoad := errors.New("load failed")
	type step struct {
		version uint64
		at      int64
		key     string
		give    int   // what the load gives
		fail    bool  // the load fails
		want    int   // the value served
		loads   bool  // the step loads
		wantErr error // the error served
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"kept for its version", []step{
			{version: 1, key: "a", give: 1, want: 1, loads: true},
			{version: 1, key: "a", give: 2, want: 1},
			{version: 1, key: "b", give: 3, want: 3, loads: true},
		}},
		{"a newer version loads again", []step{
			{version: 1, key: "a", give: 1, want: 1, loads: true},
			{version: 2, key: "a", give: 2, want: 2, loads: true},
			{version: 2, key: "a", give: 3, want: 2},
		}},
		{"an older version loads for itself and keeps nothing", []step{
			{version: 2, key: "a", give: 2, want: 2, loads: true},
			{version: 1, key: "a", give: 1, want: 1, loads: true},
			{version: 1, key: "a", give: 4, want: 4, loads: true},
			{version: 2, key: "a", give: 5, want: 2},
		}},
		{"a load error is not kept", []step{
			{version: 1, key: "a", fail: true, loads: true, wantErr: errLoad},
			{version: 1, key: "a", give: 7, want: 7, loads: true},
			{version: 1, key: "a", give: 8, want: 7},
		}},
		{"a failed reload keeps nothing of it", []step{
			{version: 1, at: 10, key: "a", give: 1, want: 1, loads: true},
			{version: 1, at: 11, key: "a", fail: true, loads: true, wantErr: errLoad},
			{version: 1, at: 11, key: "a", give: 2, want: 2, loads: true},
		}},
		{"a value of the clock is kept for its second", []step{
			{version: 1, at: 100, key: "a", give: 1, want: 1, loads: true},
			{version: 1, at: 100, key: "a", give: 2, want: 1},
			{version: 1, at: 101, key: "a", give: 3, want: 3, loads: true},
			{version: 2, at: 101, key: "a", give: 4, want: 4, loads: true},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var m Map[string, int]
			for i, s := range tc.steps {
				loaded := false
				got, err := m.GetAt(s.version, s.at, s.key, func() (int, error) {
					loaded = true
					if s.fail {
						return 0, errLoad
					}
					return s.give, nil
				})
				if !errors.Is(err, s.wantErr) || (err == nil && got != s.want) || loaded != s.loads {
					t.Errorf("step %d: got %d, %v (loaded %v), want %d, %v (loaded %v)", i, got, err, loaded, s.want, s.wantErr, s.loads)
				}
			}
		})
	}
}

// TestMapKeyBound: no more than MaxKeys keys are kept per version; a key
// beyond them is loaded each time and still served right, and a newer
// version starts again.
func TestMapKeyBound(t *testing.T) {
	var m Map[string, int]
	for i := range MaxKeys + 10 {
		if v, _ := m.Get(1, fmt.Sprint(i), func() (int, error) { return i, nil }); v != i {
			t.Fatalf("key %d: got %d", i, v)
		}
	}
	if n := len(m.entries); n != MaxKeys {
		t.Errorf("%d keys kept, want %d", n, MaxKeys)
	}
	loads := 0
	for range 2 {
		m.Get(1, "beyond", func() (int, error) { loads++; return -1, nil })
	}
	if loads != 2 {
		t.Errorf("a key beyond the bound loaded %d times for 2 reads, want 2 (not kept)", loads)
	}
	m.Get(2, "new", func() (int, error) { return 0, nil })
	if n := len(m.entries); n != 1 {
		t.Errorf("after a newer version %d keys kept, want 1", n)
	}
}

// TestMapNeverServesAnOlderVersion runs readers against a writer that
// raises the version (go test -race): each reader reads the version
// before it asks, as the store's callers do, and the value loaded is the
// version at the time of the load; a value at least the reader's version
// shows that no value loaded for an older version was served.
func TestMapNeverServesAnOlderVersion(t *testing.T) {
	var m Map[int, uint64]
	var data atomic.Uint64
	var readers, writer sync.WaitGroup
	stop := make(chan struct{})
	writer.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			data.Add(1)
			runtime.Gosched()
		}
	})
	stale := atomic.Int32{}
	for range 8 {
		readers.Go(func() {
			// Until the version moved often enough, however the
			// scheduler shares the processors between writer and readers.
			for i := 0; i < 3000 || data.Load() < 50; i++ {
				version := data.Load()
				v, err := m.Get(version, i%5, func() (uint64, error) { return data.Load(), nil })
				if err != nil || v < version {
					stale.Add(1)
				}
			}
		})
	}
	readers.Wait()
	close(stop)
	writer.Wait()
	if n := stale.Load(); n > 0 {
		t.Errorf("%d reads got a value loaded for an older version", n)
	}
}

// TestMapOneLoad: callers asking for the same key and version at once
// wait for one load; other keys do not wait for it.
func TestMapOneLoad(t *testing.T) {
	var m Map[string, int]
	var loads atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			v, err := m.Get(1, "slow", func() (int, error) {
				loads.Add(1)
				<-release
				return 42, nil
			})
			if v != 42 || err != nil {
				t.Errorf("got %d, %v", v, err)
			}
		})
	}
	// Another key loads while "slow" is loading.
	if v, _ := m.Get(1, "other", func() (int, error) { return 1, nil }); v != 1 {
		t.Errorf("other key: got %d", v)
	}
	time.Sleep(10 * time.Millisecond) // let the callers queue up
	close(release)
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Errorf("%d loads for 8 callers at once, want 1", n)
	}
}

// TestValue: a Value is kept per version like a Map's key.
func TestValue(t *testing.T) {
	var c Value[string]
	loads := 0
	load := func(s string) func() (string, error) {
		return func() (string, error) { loads++; return s, nil }
	}
	for _, s := range []struct {
		version uint64
		give    string
		want    string
		loads   int
	}{
		{1, "a", "a", 1},
		{1, "b", "a", 1},
		{2, "c", "c", 2},
	} {
		if got, _ := c.Get(s.version, load(s.give)); got != s.want || loads != s.loads {
			t.Errorf("version %d: got %q after %d loads, want %q after %d", s.version, got, loads, s.want, s.loads)
		}
	}
}

// BenchmarkMapGetKept measures a kept value's read, the path of every
// request after the first of a data version (a live box, a count), with
// all processors asking at once for a few keys.
func BenchmarkMapGetKept(b *testing.B) {
	var m Map[int, []byte]
	box := []byte("<div>kept</div>")
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			m.GetAt(1, 100, i%16, func() ([]byte, error) { return box, nil })
			i++
		}
	})
}
