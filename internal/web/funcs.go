package web

import (
	"fmt"
	"html/template"
	"slices"
	"strings"

	"gremium/internal/minutes"
	"gremium/internal/model"
)

// funcs are the template helpers shared by all pages.
var funcs = template.FuncMap{
	"isErrorPage": func(v any) bool { _, ok := v.(errorPage); return ok },
	"date": func(d model.Date) string {
		if d.IsZero() {
			return "nicht erfasst"
		}
		return d.German()
	},
	"decisionURL": decisionURL,
	// inBrackets gives a result for a place that puts it in brackets
	// ("einstimmig; Grüne Liste, en bloc", model.ResultInBrackets).
	"inBrackets": model.ResultInBrackets,
	// ruleOf gives a body's rule for a kind of decision ("beschluss").
	"ruleOf": func(r model.DecisionRules, kind any) model.Rule { return r.For(model.DecisionKind(fmt.Sprint(kind))) },
	// berlinTime shows an instant in German time: "26.06.2025, 17:00 Uhr".
	"berlinTime": model.BerlinDateTime,
	// correctionNote: the note under a decision corrected after it was
	// taken, in the minutes (minutes.CorrectionNote).
	"correctionNote": minutes.CorrectionNote,
	"illegibleLine":  minutes.IllegibleLine,
	"draftNote":      func() string { return minutes.DraftNote },
	"memberName": func(members map[string]model.Member, abbrev string) string {
		if m, ok := members[abbrev]; ok {
			return m.Name
		}
		return ""
	},
	"join":      strings.Join,
	"hasPrefix": strings.HasPrefix,
	"lines":     func(s string) []string { return strings.Split(s, "\n") },
	// blocks splits a text into paragraphs and lists for the partial
	// "text-blocks" (model.TextBlocks).
	"blocks": model.TextBlocks,
	// count takes the counts the pages have, int and int64.
	"count": func(n any, one, many string) (string, error) {
		switch v := n.(type) {
		case int64:
			return model.Counted(int(v), one, many), nil
		case int:
			return model.Counted(v, one, many), nil
		}
		return "", fmt.Errorf("count: %T is no count", n)
	},
	"add":  func(a, b int) int { return a + b },
	"mul":  func(a, b int) int { return a * b },
	"flag": func(on bool, label string) flagView { return flagView{on, label} },
	"rowView": func(r minutes.Row, members map[string]model.Member, a model.Audience) rowView {
		// a is model.Public or model.Internal (templates may pass 0 or 1).
		return rowView{Row: r, Members: members, Public: a.IsPublic()}
	},
	"impactNone": func() string { return model.ImpactNoneLabel },
	"impactSome": func() string { return model.ImpactSomeLabel },
	"marked":     marked,
	// fieldError ties a refused form's reason to its field (templates
	// "invalid" and "field-error").
	"fieldError": func(id, reason string) fieldError { return fieldError{id, reason} },
	// errorSummary: the box above a refused form, each reason a link to
	// its field (template "error-summary").
	"errorSummary": newErrorSummary,
	// uploadForm: the form that uploads a document to a session
	// (documents.go).
	"uploadForm": newUploadForm,
	// outcomeForm: the form of an outcome of a FachMK session (outcomes.go).
	"outcomeForm": newOutcomeForm,
	// contactForm: the form of a spokesperson's contact with a FachMK
	// (spokesperson_contacts.go).
	"contactForm": newContactForm,
	// plain is a text with marks for where no element may stand (an
	// option, a label hidden for screen readers, the page title): its
	// passages without the mark characters; a public text has none left.
	"plain": model.InternalText,
	// said is a title as the visually hidden part of a button's, link's
	// or field's name reads it: a confidential passage in the words the
	// page shows it with ("vertraulich: … (Ende vertraulich)", saidTitle);
	// plain there read a confidential title as if it were public.
	"said": saidTitle,
	// hyphenate marks the joints of long words with soft hyphens, in a
	// heading or a line ({{hyphenate .Title}}) or a narrow table cell
	// ({{hyphenate .Hint narrowCell}}); never in an attribute or <title>.
	"hyphenate":  hyphenate,
	"narrowCell": func() measure { return cellMeasure },
	"minForms":   func() int { return model.EvaluationMinForms },
	// applicantsDefault is what the live page's new proposal offers as
	// its applicants: the item's reporting members when they can apply
	// (the Bund, or three members), else nothing to type over — a single
	// Land was offered and always refused.
	"applicantsDefault": func(reporters []string) string {
		if slices.Contains(reporters, "Bund") || len(reporters) >= 3 {
			return strings.Join(reporters, ", ")
		}
		return ""
	},
	"has": slices.Contains[[]string, string],
	// voteGrid's typed are the choices of a refused show of hands in this
	// grid (nil: every member at "keine Stimme").
	"voteGrid": func(voters []model.Member, present map[string]bool, prefix string, typed map[string]model.VoteChoice) voteGridView {
		return voteGridView{voters, present, prefix, typed}
	},
	"rowIDOf":    func(r minutes.Row) int64 { return r.ID },
	"rowVersion": func(r minutes.Row) int { return r.Version },
	// decisionsOf gives the decisions an item's rows hold that a follow-up
	// may be given from: a rejected proposal orders nothing (the store
	// refuses it, store.CreateFollowUp), so the live page does not offer it.
	"decisionsOf": func(rows []minutes.Row) []model.Decision {
		var out []model.Decision
		for _, r := range rows {
			if r.Decision != nil && !r.Decision.Rejected() {
				out = append(out, *r.Decision)
			}
		}
		return out
	},
	"editable":   editableMarks,
	"lines0":     func(ss []string) string { return strings.Join(ss, "\n") },
	"pointLines": pointLines,
	// conferenceNames names the conferences, hyphenated (they stand in
	// narrow table cells: "Gesundheitsministerkonferenz" ran out of its
	// column at 320 px).
	"conferenceNames": func(ids []int64, all map[int64]model.Body) string {
		var names []string
		for _, id := range ids {
			names = append(names, hyphenate(all[id].Name))
		}
		return strings.Join(names, ", ")
	},
	"itemView": func(it model.AgendaItem, members map[string]model.Member, known map[string]string) itemView {
		return itemView{Item: it, Members: members, Known: known}
	},
	"sourcesView": func(refs []string, known map[string]string) sourcesView { return sourcesView{refs, known} },
	"reportersView": func(abbrevs []string, members map[string]model.Member) reportersView {
		return reportersView{abbrevs, members}
	},
	// memberView shows one member as "reporters" shows each: its
	// abbreviation with its name (angemeldet von <abbr title="Hessen">HE</abbr>).
	"memberView": func(abbrev string, members map[string]model.Member) reportersView {
		return reportersView{[]string{abbrev}, members}
	},
}

// itemView is what the "item-facts" template gets.
type itemView struct {
	Item    model.AgendaItem
	Members map[string]model.Member
	Known   map[string]string
}

// sourcesView lists an item's source decisions; Known maps those gremium
// holds to their page.
type sourcesView struct {
	Refs  []string
	Known map[string]string
}

// reportersView lists an item's reporting members.
type reportersView struct {
	Abbrevs []string
	Members map[string]model.Member
}

// voteGridView is what the "vote-grid" template gets: every voter, with a
// choice only for those present (starting at "keine Stimme"); Prefix keeps
// the ids of several grids on one page apart.
type voteGridView struct {
	Voters  []model.Member
	Present map[string]bool // members present or represented; the others are shown absent
	Prefix  string
	Typed   map[string]model.VoteChoice // as a refused show of hands had them
}

// rowView is what the "minutes-row" template gets.
type rowView struct {
	Row     minutes.Row
	Members map[string]model.Member
	Public  bool
}

// fieldError is the reason a refused form gives for one field (its id);
// templates "invalid" and "field-error" tie it to the field.
type fieldError struct {
	ID, Reason string
}

// pointLines gives decision points as a form's textarea holds them: one
// point a line with its label, confidential passages in the typed form.
func pointLines(ps []model.Point) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString("\n")
		}
		if p.Label != "" {
			b.WriteString(p.Label + " ")
		}
		b.WriteString(editableMarks(p.Text))
	}
	return b.String()
}

// markOpen and markClose enclose a confidential passage as marked shows
// it. The colour, the dashed underline and the title are not announced
// reliably by screen readers (WCAG 1.3.1, 1.4.1), so the passage also
// says in words, visually hidden, where it starts and ends: "vertraulich:
// … (Ende vertraulich)".
const (
	markOpen  = `<mark class="confidential" title="vertraulich"><span class="visually-hidden">vertraulich: </span>`
	markClose = `<span class="visually-hidden"> (Ende vertraulich)</span></mark>`
)

// marked escapes s and shows its confidential passages (⟦…⟧, read as
// model.Passages reads them) as <mark>, with their start and end said in
// visually hidden words (markOpen, markClose); a public text has none
// left, so this only matters for the internal version.
func marked(s string) template.HTML {
	if !model.HasRedaction(s) {
		return template.HTML(template.HTMLEscapeString(s))
	}
	var b strings.Builder
	for _, p := range model.Passages(s) {
		if p.Confidential {
			b.WriteString(markOpen + template.HTMLEscapeString(p.Shown()) + markClose)
		} else {
			b.WriteString(template.HTMLEscapeString(p.Text))
		}
	}
	return template.HTML(b.String())
}

// decisionURL gives the permanent address of a numbered decision:
// /beschluesse/B-2025/26-IT. Unnumbered decisions have none.
func decisionURL(label string) string {
	if label == "" {
		return ""
	}
	return "/beschluesse/" + label
}

// flagView is one checkbox of an item's outcome row.
type flagView struct {
	On    bool
	Label string
}
