package demo

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"

	"gremium/internal/model"
	"gremium/internal/store"
)

// EvaluationYears are the two past evaluation rounds of the demo, closed,
// with answers, so that the trend charts have content. The answers are
// made up (plausible, rising a little from the first year to the second);
// the concept names the questions, not any results.
var EvaluationYears = []int{2024, 2025}

// evaluationRounds opens, answers and closes the demo's past rounds: the
// spokespersons answer for each of their conferences, and from 2025 on the
// FachMK secretariats too (concept section 4).
func (l *loader) evaluationRounds(ctx context.Context) error {
	qs, err := l.s.Questions(ctx)
	if err != nil {
		return err
	}
	ids := make([]int64, len(qs))
	for i, q := range qs {
		ids[i] = q.ID
	}
	as, err := l.s.Assignments(ctx, 0)
	if err != nil {
		return err
	}
	bodies, err := l.s.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		return err
	}
	for yi, year := range EvaluationYears {
		if _, err := l.s.Round(ctx, year); err == nil {
			continue
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if _, err := l.s.OpenRound(ctx, year, ids); err != nil {
			return err
		}
		// score gives a plausible answer: around 3 in the first year, a
		// little higher in the second, varying by respondent and question;
		// the priority of IT topics at the conferences (question 3) and the
		// extent of the collaboration (question 5) score lower.
		score := func(who string, conf int64, qi int) int {
			h := fnv.New32a()
			h.Write([]byte(who))
			seed := int((h.Sum32() + uint32(conf)*7 + uint32(qi)*5) % 6)
			v := 2 + seed%3 + []int{0, 1, -1, 0, -1}[qi%5]
			if yi > 0 && seed >= 3 {
				v++ // better in the second year for half of the answers
			}
			return min(max(v, 1), 5)
		}
		seen := map[string]bool{}
		for _, a := range as {
			if !a.StartOn.IsZero() && a.StartOn.Year > year {
				continue // not yet in office that year
			}
			key := fmt.Sprintf("%s/%d", a.Member, a.ConferenceID)
			if seen[key] {
				continue
			}
			seen[key] = true
			var answers []model.EvaluationAnswer
			for qi, id := range ids {
				ans := model.EvaluationAnswer{QuestionID: id, Respondent: a.Member, ConferenceID: a.ConferenceID, Role: model.RoleSpokesperson, Score: score(a.Member, a.ConferenceID, qi)}
				ans.Comment = evaluationComment(a.Member, a.ConferenceID, year, qi, ans.Score)
				answers = append(answers, ans)
			}
			if err := l.s.SubmitAnswers(ctx, year, answers); err != nil {
				return err
			}
		}
		if year >= 2025 {
			for _, b := range bodies {
				var answers []model.EvaluationAnswer
				for qi, id := range ids {
					sc := score(b.Abbrev, b.ID, qi)
					answers = append(answers, model.EvaluationAnswer{QuestionID: id, Respondent: b.Abbrev, ConferenceID: b.ID, Role: model.RoleFachMK, Score: sc,
						Comment: evaluationComment(b.Abbrev, b.ID, year, qi, sc)})
				}
				if err := l.s.SubmitAnswers(ctx, year, answers); err != nil {
					return err
				}
			}
		}
		r, err := l.s.Round(ctx, year)
		if err != nil {
			return err
		}
		if err := l.s.CloseRound(ctx, year, r.Version); err != nil {
			return err
		}
	}
	return nil
}

// evaluationComments are the demo's free-text remarks per question (in the
// order of Questions): the first three go with a low score, the last two
// with a high one. Made up, in the voice of a spokesperson or a FachMK
// secretariat.
var evaluationComments = [][]string{
	{
		"Die Aufgaben des IT-PLR sind in der Konferenz bisher kaum bekannt.",
		"Ein kurzer Bericht aus dem IT-PLR je Sitzung würde das Wissen stärken.",
		"Neue Mitglieder der Arbeitsebene kennen den IT-PLR oft nicht.",
		"Der Bericht der Sprecherin wird in der Amtschefkonferenz regelmäßig aufgegriffen.",
		"Die Nachbesprechung nach jeder Sitzung hat sich bewährt.",
	},
	{
		"Gemeinsame Themen zeigen sich meist erst, wenn der Beschluss schon gefasst ist.",
		"Die Relevanzhinweise im Beschluss-Steckbrief kommen zu spät für unsere Sitzungsplanung.",
		"Anknüpfungspunkte gibt es, sie werden aber nicht festgehalten.",
		"Registermodernisierung und OZG-Folgethemen sind als gemeinsame Themen erkannt.",
		"Das Digitalthemen-Profil hilft, passende Beschlüsse früh zu sehen.",
	},
	{
		"IT-Themen stehen selten auf der Tagesordnung der Fachministerkonferenz.",
		"Digitalisierung wird unter „Verschiedenes“ behandelt, ohne eigenen TOP.",
		"Die Fachministerkonferenz setzt andere Schwerpunkte; IT-Fragen gehen in den Arbeitskreisen unter.",
		"Digitalthemen haben inzwischen einen festen Platz auf der Tagesordnung.",
		"Die Amtschefinnen und Amtschefs fragen aktiv nach Ergebnissen aus dem IT-PLR.",
	},
	{
		"Kooperation findet vor allem über persönliche Kontakte statt, nicht strukturiert.",
		"Anliegen an den IT-PLR blieben ohne Rückmeldung zum Stand.",
		"Zwischen den Sitzungen gibt es kaum Austausch.",
		"Das gemeinsame Arbeitstreffen im Frühjahr war sehr hilfreich.",
		"Die Anliegen der Konferenz wurden zügig auf die Tagesordnung des IT-PLR gesetzt.",
	},
	{
		"Die Zusammenarbeit hängt stark von einzelnen Personen ab.",
		"Für eine engere Zusammenarbeit fehlen in der Geschäftsstelle die Kapazitäten.",
		"Der Umfang der Zusammenarbeit ist noch gering, die Richtung stimmt.",
		"Die Zusammenarbeit ist eng und verlässlich.",
		"Die Briefings zu den Sitzungen werden gern genutzt.",
	},
}

// evaluationComment gives a demo answer's remark, or none: every answer
// with a low score (1–2) has one, about half of those with the highest
// score (5), none in between. Which of the question's remarks it is
// depends on the respondent, the conference and the year, so that the
// results page shows varied remarks rather than one line many times.
func evaluationComment(who string, conf int64, year, qi, score int) string {
	cs := evaluationComments[qi%len(evaluationComments)]
	h := fnv.New32a()
	fmt.Fprintf(h, "%s/%d/%d/%d", who, conf, year, qi)
	seed := int(h.Sum32() % 1024)
	switch {
	case score <= 2:
		return cs[seed%3]
	case score == 5 && seed%2 == 0:
		return cs[3+seed/2%2]
	}
	return ""
}
