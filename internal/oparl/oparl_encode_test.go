package oparl

import (
	"bytes"
	"encoding/json"
	"testing"

	"gremium/internal/model"
)

// reflectJSON is what Marshal wrote before objects were encoded without
// reflection.
func reflectJSON(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// Objects are written byte for byte as encoding/json writes them.
func TestEncodeAsEncodingJSON(t *testing.T) {
	se := model.Session{Number: 47, Date: model.NewDate(2025, 6, 26), StartTime: "09:00", EndTime: "12:15", Place: "Schwerin <Schloss> & \"Hof\"", Status: model.StatusEnded}
	item, _ := Marshal(AgendaItem(model.AgendaItem{ID: 3, Position: 2, Number: "07", Title: "Bericht\tüber\n\u2028 \x01 \xff"}, se, "top-07", 2, 5, 9, "Grüne Liste", nil, 0, nil))
	objs := []Object{
		Meeting(se, 9, "IT-Planungsrat", 1, json.RawMessage(`{"a":1}`), nil, []json.RawMessage{item, json.RawMessage(`{ "spaced" : [1, 2] }`)}),
		Paper(model.Decision{Label: "2025/13", Title: "A & B", Points: []model.Point{{Label: "1.", Text: "x"}}}, 4, 1, nil, []int64{2, 3}, []string{"k", ""}),
		Person(model.Person{Name: "Dr. X", Function: "Staatssekretär"}, 2, 1, nil),
		Membership(model.Assignment{Member: "HE"}, 7, 2, 1, model.NewDate(2026, 1, 1)),
		Tombstone(KindPaper, 8),
		{"n": nil, "i64": int64(-5), "f": 1.5, "nested": Object{"z": "1", "a": []string{}}, "nilList": []string(nil), "nilRaw": json.RawMessage(nil), "rawList": []json.RawMessage(nil)},
	}
	for _, o := range objs {
		got, err := Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		if want := reflectJSON(t, o); !bytes.Equal(got, want) {
			t.Errorf("Marshal =\n%s\nencoding/json:\n%s", got, want)
		}
	}
}

func FuzzEncode(f *testing.F) {
	f.Add("name", "Prüfung \u2028 <b> \"x\" \\ \x00 \xff\xfe", 3, true)
	f.Fuzz(func(t *testing.T, k, v string, n int, b bool) {
		o := Object{k: v, "list": []string{v, k}, "n": n, "b": b, "o": Object{v: k}}
		got, err := Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		if want := reflectJSON(t, o); !bytes.Equal(got, want) {
			t.Fatalf("Marshal = %q, encoding/json %q", got, want)
		}
	})
}

// An object written once with its places kept gives the bytes Marshal
// writes for it, without and with its times: keys before, between and
// after "created" and "modified", keys of those names already set, an
// empty object, times that need escaping.
func TestMarshalTimed(t *testing.T) {
	se := model.Session{Number: 47, Date: model.NewDate(2025, 6, 26), Place: "Schwerin", Status: model.StatusEnded}
	objs := []Object{
		{},
		{"a": "1"},
		{"z": "1"},
		{"d": 1},
		{"created": "old", "x": true},
		{"modified": "old"},
		{"created": "c", "modified": "m", "id": "x"},
		{"aa": 1, "createdX": 2, "creat": 3, "modifiee": 4, "n": Object{"created": "inner"}},
		Meeting(se, 9, "IT-Planungsrat", 1, json.RawMessage(`{"a":1}`), nil, []json.RawMessage{json.RawMessage(`{ "spaced" : [1, 2] }`)}),
		Paper(model.Decision{Label: "2025/13", Title: "A & B", Points: []model.Point{{Label: "1.", Text: "x"}}}, 4, 1, nil, []int64{2, 3}, []string{"k", ""}),
		Tombstone(KindPaper, 8),
	}
	for _, times := range [][2]string{{"2026-12-06T05:00:00+01:00", "2026-12-06T05:01:00+01:00"}, {"", "\"<\u2028>\\"}} {
		for _, o := range objs {
			tm, err := MarshalTimed(o)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Marshal(o)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(tm.Content(), want) {
				t.Errorf("Content =\n%s\nMarshal:\n%s", tm.Content(), want)
			}
			full := Object{}
			for k, v := range o {
				full[k] = v
			}
			full["created"], full["modified"] = times[0], times[1]
			if want := reflectJSON(t, full); !bytes.Equal(tm.WithTimes(times[0], times[1]), want) {
				t.Errorf("WithTimes =\n%s\nencoding/json:\n%s", tm.WithTimes(times[0], times[1]), want)
			}
		}
	}
}

func FuzzMarshalTimed(f *testing.F) {
	f.Add("name", "Prüfung \u2028 <b>", "created", "2026-12-06T05:00:00+01:00")
	f.Fuzz(func(t *testing.T, k1, v, k2, created string) {
		o := Object{k1: v, k2: []string{v}}
		tm, err := MarshalTimed(o)
		if err != nil {
			t.Fatal(err)
		}
		o["created"], o["modified"] = created, v
		if want := reflectJSON(t, o); !bytes.Equal(tm.WithTimes(created, v), want) {
			t.Fatalf("WithTimes = %q, encoding/json %q", tm.WithTimes(created, v), want)
		}
	})
}
