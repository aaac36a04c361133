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
				if qi == 2 && ans.Score <= 2 {
					ans.Comment = "IT-Themen stehen selten auf der Tagesordnung der Fachministerkonferenz."
				}
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
					answers = append(answers, model.EvaluationAnswer{QuestionID: id, Respondent: b.Abbrev, ConferenceID: b.ID, Role: model.RoleFachMK, Score: score(b.Abbrev, b.ID, qi)})
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
