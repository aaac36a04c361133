package model

import (
	"strings"
	"testing"
)

func TestRequestSetStatus(t *testing.T) {
	for _, tc := range []struct {
		name   string
		from   Request
		to     RequestStatus
		reason string
		class  Class
	}{
		{"review", Request{Status: RequestReceived}, RequestInReview, "", 0},
		{"declined needs a reason", Request{Status: RequestInReview}, RequestDeclined, "  ", ErrInput},
		{"declined with reason", Request{Status: RequestInReview}, RequestDeclined, "Zuständig ist der Bund.", 0},
		{"on the agenda only by registration", Request{Status: RequestInReview}, RequestOnAgenda, "", ErrRule},
		{"settled stays settled", Request{Status: RequestDone}, RequestInReview, "", ErrRule},
		{"a registered request is not declined by hand", Request{Status: RequestOnAgenda, ItemID: 5}, RequestDeclined, "nein", ErrRule},
		{"done after the registration", Request{Status: RequestOnAgenda, ItemID: 5}, RequestDone, "", 0},
		{"unknown", Request{Status: RequestReceived}, "vertagt", "", ErrInput},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.from
			err := q.SetStatus(tc.to, tc.reason)
			if ClassOf(err) != tc.class || (err == nil) != (tc.class == 0) {
				t.Fatalf("err = %v, want class %v", err, tc.class)
			}
			if err == nil && (q.Status != tc.to || (tc.to == RequestDeclined) != (q.Reason != "")) {
				t.Errorf("request after: %+v", q)
			}
			if err != nil && q.Status != tc.from.Status {
				t.Errorf("a refused change changed the status to %s", q.Status)
			}
		})
	}
}

func TestReportDeadline(t *testing.T) {
	se := Session{Number: 48, Date: NewDate(2026, 3, 5), Status: StatusConvened}
	if d := ReportDeadline(se); d != NewDate(2026, 2, 26) {
		t.Errorf("deadline %s", d.German())
	}
	r := FachMKReport{SessionID: 1, ConferenceID: 2, Member: "HB", Text: "Bericht"}
	if err := (FachMKReport{Text: strings.Repeat("x", ReportTextMax+1)}).CheckText(); ClassOf(err) != ErrInput || FieldOf(err) != "bericht" {
		t.Errorf("a report over ReportTextMax: %v", err)
	}
	if err := r.Validate(se, NewDate(2026, 2, 26), false); err != nil {
		t.Errorf("on the deadline: %v", err)
	}
	if err := r.Validate(se, NewDate(2026, 2, 27), false); ClassOf(err) != ErrRule {
		t.Errorf("after the deadline: %v", err)
	}
	if err := r.Validate(se, NewDate(2026, 2, 27), true); err != nil {
		t.Errorf("the secretariat after the deadline: %v", err)
	}
	se.Status = StatusEnded
	if err := r.Validate(se, NewDate(2026, 1, 1), true); ClassOf(err) != ErrRule {
		t.Errorf("after the session: %v", err)
	}
	r.Text = " "
	if err := r.Validate(Session{Number: 49}, NewDate(2026, 1, 1), false); ClassOf(err) != ErrInput {
		t.Errorf("empty report: %v", err)
	}
}

func TestSummarise(t *testing.T) {
	res := Summarise([]EvaluationAnswer{
		{QuestionID: 1, Year: 2025, Respondent: "HB", ConferenceID: 7, Score: 3}, {QuestionID: 1, Year: 2025, Respondent: "TH", ConferenceID: 8, Score: 4, Comment: "gut"},
		{QuestionID: 1, Year: 2024, Respondent: "HB", ConferenceID: 7, Score: 2}, {QuestionID: 2, Year: 2025, Respondent: "HB", ConferenceID: 7, Score: 5},
	})
	if len(res.Years) != 2 || res.Years[0] != 2024 {
		t.Errorf("years %v", res.Years)
	}
	if s := res.ByQuestion[1][2025]; s.German() != "3,5" || s.N != 2 {
		t.Errorf("question 1 in 2025: %+v", s)
	}
	if s := res.ByConference[7][2025]; s.German() != "4,0" || s.N != 2 {
		t.Errorf("conference 7 in 2025: %+v", s)
	}
	// One questionnaire per respondent: HB's two answers on conference 7
	// in 2025 are one form (before, the results page gave the answers as
	// "Antworten" per FachMK: 15 for a conference with three respondents).
	if s := res.ByConference[7][2025]; s.Forms != 1 {
		t.Errorf("conference 7 in 2025 rests on %d questionnaires, want 1", s.Forms)
	}
	if s := res.ByQuestion[1][2025]; s.Forms != 2 {
		t.Errorf("question 1 in 2025 rests on %d questionnaires, want 2", s.Forms)
	}
	if (Score{}).German() != "–" || len(res.Comments[1][2025]) != 1 {
		t.Error("empty score or comments")
	}
}

func TestDiffLines(t *testing.T) {
	d := DiffLines(strings.Split("a\nb\nc", "\n"), strings.Split("a\nc\nd", "\n"))
	var got []string
	for _, l := range d {
		got = append(got, []string{" ", "-", "+"}[l.Op]+l.Text)
	}
	if strings.Join(got, ",") != " a,-b, c,+d" {
		t.Errorf("diff = %v", got)
	}
	if len(DiffLines(nil, []string{"x"})) != 1 || len(DiffLines([]string{"x"}, nil)) != 1 {
		t.Error("diff against nothing")
	}
}
