package model

import (
	"reflect"
	"testing"
)

// TestTextBlocks: paragraphs and bulleted lists ("-", "•", "–", "*"),
// indented items one level deeper; a dash inside a word or a number is no
// bullet.
func TestTextBlocks(t *testing.T) {
	got := TextBlocks("Erster Absatz.\r\n\r\nZweiter Absatz.\n- eins\n  - eins a\n•zwei\n– drei\n\n-5 Grad sind kein Punkt.\n* vier")
	want := []TextBlock{{Para: "Erster Absatz."}, {Para: "Zweiter Absatz."},
		{Items: []TextItem{{Text: "eins"}, {Text: "eins a", Sub: true}, {Text: "zwei"}, {Text: "drei"}}},
		{Para: "-5 Grad sind kein Punkt."}, {Items: []TextItem{{Text: "vier"}}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TextBlocks:\n got %+v\nwant %+v", got, want)
	}
	if TextBlocks(" \n\n") != nil {
		t.Error("a blank text has blocks")
	}
}
