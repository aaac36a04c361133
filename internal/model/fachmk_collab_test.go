package model

import (
	"slices"
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
		// Before, a registered request went back to "in Prüfung": its
		// FachMK read "Stand: in Prüfung" beside "als TOP zur 48.
		// Sitzung angemeldet", and it could not be registered again.
		{"a registered request does not go back into review", Request{Status: RequestOnAgenda, ItemID: 5}, RequestInReview, "", ErrRule},
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

// TestEvaluationResultsFor: the gate of the evaluation's results. A
// reader other than the secretariat gets a question's mean only from
// EvaluationMinForms questionnaires besides those of any one respondent,
// and no mean per FachMK: with three questionnaires (two spokespersons
// and the FachMK's secretariat) two spokespersons would together work back
// the secretariat's rating.
func TestEvaluationResultsFor(t *testing.T) {
	ans := func(q int64, year int, who string, conf int64, role Role, score int, comment string) EvaluationAnswer {
		return EvaluationAnswer{QuestionID: q, Year: year, Respondent: who, ConferenceID: conf, Role: role, Score: score, Comment: comment}
	}
	answers := []EvaluationAnswer{
		// question 1, 2025: three questionnaires on conference 7
		ans(1, 2025, "HB", 7, RoleSpokesperson, 5, "drei"), ans(1, 2025, "NW", 7, RoleSpokesperson, 4, ""), ans(1, 2025, "FMK", 7, RoleFachMK, 1, ""),
		// question 2, 2025: four, two of them BY's (two conferences)
		ans(2, 2025, "BY", 7, RoleSpokesperson, 5, ""), ans(2, 2025, "BY", 8, RoleSpokesperson, 5, ""), ans(2, 2025, "NW", 7, RoleSpokesperson, 4, ""), ans(2, 2025, "FMK", 7, RoleFachMK, 2, "vier"),
		// question 3, 2025: four respondents, one questionnaire each
		ans(3, 2025, "HB", 7, RoleSpokesperson, 5, ""), ans(3, 2025, "NW", 7, RoleSpokesperson, 4, "gut"), ans(3, 2025, "FMK", 7, RoleFachMK, 3, ""), ans(3, 2025, "TH", 8, RoleSpokesperson, 4, ""),
		// question 3, 2026: the running round
		ans(3, 2026, "HB", 7, RoleSpokesperson, 5, ""), ans(3, 2026, "NW", 7, RoleSpokesperson, 4, ""), ans(3, 2026, "FMK", 7, RoleFachMK, 3, ""), ans(3, 2026, "TH", 8, RoleSpokesperson, 4, ""),
	}
	rounds := []EvaluationRound{{Year: 2025, Status: RoundClosed}, {Year: 2026, Status: RoundOpen}}
	res := EvaluationResultsFor(answers, rounds, false)
	if s := res.ByQuestion[1][2025]; s.N != 0 || s.Forms != 3 || len(res.Comments[1][2025]) != 0 {
		t.Errorf("question 1 (three questionnaires) shown: %+v %q", s, res.Comments[1][2025])
	}
	if s := res.ByQuestion[2][2025]; s.N != 0 || s.Forms != 4 || len(res.Comments[2][2025]) != 0 {
		t.Errorf("question 2 (four questionnaires, two of them BY's) shown: %+v", s)
	}
	if s := res.ByQuestion[3][2025]; s.German() != "4,0" || s.Forms != 4 || len(res.Comments[3][2025]) != 1 {
		t.Errorf("question 3 (four respondents): %+v %q", s, res.Comments[3][2025])
	}
	if len(res.ByConference) != 0 {
		t.Errorf("means per FachMK shown: %+v", res.ByConference)
	}
	if len(res.Years) != 1 || res.ByQuestion[3][2026].Forms != 0 {
		t.Errorf("the running round shown: %v %+v", res.Years, res.ByQuestion[3][2026])
	}
	full := EvaluationResultsFor(answers, rounds, true)
	if s := full.ByQuestion[1][2025]; s.German() != "3,3" || len(full.Comments[1][2025]) != 1 {
		t.Errorf("the secretariat's question 1: %+v", s)
	}
	if s := full.ByConference[7][2025]; s.Forms != 4 || s.N != 9 {
		t.Errorf("the secretariat's conference 7: %+v", s)
	}
	if len(full.Years) != 2 {
		t.Errorf("the secretariat's years: %v", full.Years)
	}
	if s := full.ByQuestion[2][2025]; s.Largest != 2 {
		t.Errorf("question 2: BY's two questionnaires: %+v", s)
	}
}

// TestEvaluationCommentsFollowNoRespondent: the comments of a question
// came in the order of the answering accounts (the store reads the
// answers by respondent), so a reader who knew who answered matched each
// comment to its author, though the form promises that no answer can be
// told apart. They come sorted by their text, whatever the order of the
// answers, and still only with a mean shown (EvaluationResultsFor).
func TestEvaluationCommentsFollowNoRespondent(t *testing.T) {
	ans := func(who string, conf int64, comment string) EvaluationAnswer {
		return EvaluationAnswer{QuestionID: 1, Year: 2025, Respondent: who, ConferenceID: conf, Role: RoleSpokesperson, Score: 4, Comment: comment}
	}
	answers := []EvaluationAnswer{ans("BE", 1, "Zu selten informiert"), ans("HB", 2, "Auftakt gut"), ans("NW", 3, ""), ans("TH", 4, "Mehr Briefings")}
	rounds := []EvaluationRound{{Year: 2025, Status: RoundClosed}}
	want := []string{"Auftakt gut", "Mehr Briefings", "Zu selten informiert"}
	for _, order := range [][]EvaluationAnswer{answers, {answers[3], answers[1], answers[2], answers[0]}} {
		for _, full := range []bool{false, true} {
			if got := EvaluationResultsFor(order, rounds, full).Comments[1][2025]; !slices.Equal(got, want) {
				t.Errorf("full %v: comments %q, want %q", full, got, want)
			}
		}
	}
	// Below the threshold the comments go with the mean.
	if got := EvaluationResultsFor(answers[:3], rounds, false).Comments[1][2025]; len(got) != 0 {
		t.Errorf("comments of three questionnaires shown: %q", got)
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
