package minutes

// Follow-ups proposed from the wording of the minutes: deadline phrases in
// decision points, contributions and protocol notes ("bis zum 31.08.2025",
// "spätestens zur 49. Sitzung", "bis zur 48. Sitzung", "zur nächsten
// Sitzung"), requests ("Bitte an den Bund …") and items whose Follow-Up box
// is ticked. The secretariat confirms or dismisses each proposal; nothing
// here creates a follow-up (docs/followups.md).

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"gremium/internal/lazyre"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gremium/internal/model"
	"gremium/internal/store"
)

// Proposal is a follow-up proposed from the minutes, with the phrase that
// gave rise to it.
type Proposal struct {
	// Key names the proposal stably across imports of the same minutes:
	// the session, the item and the sentence.
	Key        string
	ItemID     int64
	ItemLabel  string
	DecisionID int64
	Source     model.FollowUpSource
	SourceID   int64 // the row (contribution, note; for a decision the decision)
	// Origin names that row as the pages and the import print it: an
	// adopted decision as model.Decision.ProposalLabel names it
	// ("Beschluss B-2026/12-IT", "Empfehlung (Nummer im Protokoll nicht
	// lesbar)"), another row by its kind ("Wortbeitrag").
	Origin string
	// Sentence is the sentence of the minutes the proposal is drawn from;
	// Phrase the words that made it one.
	Sentence string
	// Text is the follow-up's task as it reads on its own, outside the
	// minutes: the sentence, a leading pronoun for the deciding body
	// replaced by its name ("Er bittet BY, …" reads "Der IT-Planungsrat
	// bittet BY, …"; Standalone). The proposals' forms offer it.
	Text        string
	Phrase      string
	Responsible string
	DueDate     model.Date
	DueSession  int
	// Covered is a follow-up the item has already that may be this one
	// (the same responsible one with another deadline, or given to the
	// same decision): the page names it, so that the secretariat
	// dismisses the proposal rather than record the follow-up twice.
	// Follow-ups that surely are this one (the same text, or the same
	// deadline and responsible one) hide the proposal (Propose).
	Covered *model.FollowUp
}

// FollowUp gives the proposal as the follow-up it would become.
func (p Proposal) FollowUp() model.FollowUp {
	text := p.Text
	if text == "" {
		text = p.Sentence
	}
	return model.FollowUp{ItemID: p.ItemID, DecisionID: p.DecisionID, Text: text, Responsible: p.Responsible,
		DueDate: p.DueDate, DueSession: p.DueSession, Status: model.FollowUpOpen, Source: p.Source, SourceID: p.SourceID, ProposalKey: p.Key}
}

var (
	// "bis zum 31.08.2025", "spätestens zum 1. September 2025" is not
	// covered: the minutes write dates with digits.
	dueDate = lazyre.New(`(?i)\b(?:bis\s+(?:spätestens\s+)?(?:zum\s+)?|spätestens\s+(?:bis\s+)?(?:zum\s+)?)(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})`)
	// "spätestens zur 49. Sitzung", "bis zur 48. Sitzung", "spätestens bis
	// zur 48. Sitzung des IT-Planungsrats".
	dueSession = lazyre.New(`(?i)\b(?:(?:spätestens|bis)\s+(?:bis\s+)?)?zur\s+(\d{1,3})\.\s+Sitzung`)
	// "zur nächsten Sitzung", "bis zur nächsten Sitzung".
	dueNext = lazyre.New(`(?i)\b(?:bis\s+|spätestens\s+)?zur\s+nächsten\s+Sitzung`)
	// "Bitte an den Bund", "Bittet Bund darum", and in a decision "Der
	// IT-Planungsrat beauftragt die FITKO", "Er bittet die PG …".
	request  = lazyre.New(`\bBitte\s+an\s+|\b[Bb]ittet\s+(?:den\s+|die\s+|das\s+)?\S+(?:\s+\S+)?\s+darum\b`)
	ordering = lazyre.New(`\b(?:beauftragt|bittet)\s+(?:den\s+|die\s+|das\s+)?[A-ZÄÖÜ][\wÄÖÜäöüß\-]*`)
	// Who is asked or ordered: "beauftragt die FITKO", "bittet die PG
	// EfA-Finanzierung und die FITKO", "Bitte an den Bund".
	addressee = lazyre.New(`(?:[Bb]eauftragt|[Bb]ittet|Bitte\s+an)\s+(?:den\s+|die\s+|das\s+)?((?:PG|AG)\s+\S+|[A-ZÄÖÜ][\wÄÖÜäöüß\-]*)(?:\s+(?:und|sowie)\s+(?:den\s+|die\s+|das\s+)?((?:PG|AG)\s+\S+|[A-ZÄÖÜ][\wÄÖÜäöüß\-]*))?`)
	// The passive: "Die FITKO wird gebeten, …", "Der Bund und die Länder
	// werden gebeten", "Die PG EfA-Finanzierung wird beauftragt"; who is
	// asked stands before the verb. It is a request in any row.
	passive = lazyre.New(`((?:PG|AG)\s+\S+|[A-ZÄÖÜ][\wÄÖÜäöüß\-]*)(?:\s+(?:und|sowie)\s+(?:der\s+|die\s+|das\s+)?((?:PG|AG)\s+\S+|[A-ZÄÖÜ][\wÄÖÜäöüß\-]*))?\s+(?:wird|werden)\s+(?:gebeten|beauftragt|aufgefordert)\b`)
)

var (
	// The active voice: "Die FITKO legt … vor", "Bayern berichtet …", "Die
	// PG EfA-Finanzierung legt … vor": who acts stands first (a known
	// member or a PG/AG, responsible checks), or right after the verb when
	// a deadline leads ("Bis zur 49. Sitzung legt Bayern … vor":
	// activeAfterDeadline, on the rest of the sentence).
	active = lazyre.New(`^(?:(?:Der|Die|Das)\s+)?((?:PG|AG)\s+\S+|[A-ZÄÖÜ][\wÄÖÜäöüß\-]*)(?:\s+(?:und|sowie)\s+(?:der\s+|die\s+|das\s+)?((?:PG|AG)\s+\S+|[A-ZÄÖÜ][\wÄÖÜäöüß\-]*))?\s+\p{Ll}`)
	// leadingDeadlines are dueDate, dueSession and dueNext matching only
	// at the start of a sentence (the same match there): activeSubject
	// asks for a leading deadline, and the unanchored expressions searched
	// the whole sentence to find out.
	leadingDeadlines    = []*lazyre.Regexp{atStart(dueDate), atStart(dueSession), atStart(dueNext)}
	activeAfterDeadline = lazyre.New(`^(?:des\s+IT-Planungsrats\s+)?,?\s*\p{Ll}+\s+(?:der\s+|die\s+|das\s+)?((?:PG|AG)\s+\S+|[A-ZÄÖÜ][\wÄÖÜäöüß\-]*)(?:\s+(?:und|sowie)\s+(?:der\s+|die\s+|das\s+)?((?:PG|AG)\s+\S+|[A-ZÄÖÜ][\wÄÖÜäöüß\-]*))?\b`)
)

// atStart gives re anchored at the start of the text: it matches where re
// matches at position 0, with the same match.
func atStart(re *lazyre.Regexp) *lazyre.Regexp {
	return lazyre.New(`^(?:` + re.String() + `)`)
}

// sentences splits a text into sentences: at a full stop, question or
// exclamation mark followed by white space, except after a digit ("49.
// Sitzung", "31.08.") and before a lower-case word ("bzw.", "z. B.").
// A hand-written scanner: the regular expression it replaced was most of
// the follow-up proposals' time.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		if c := text[i]; c != '.' && c != '!' && c != '?' {
			continue
		}
		end := i + 1
		for end < len(text) && isSpace(text[end]) {
			end++
		}
		if end == i+1 {
			continue
		}
		stop := i
		i = end - 1
		if stop > 0 {
			if prev := text[stop-1]; prev >= '0' && prev <= '9' {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(text[end:]); end < len(text) && isLower(r) {
				continue
			}
		}
		if s := strings.TrimSpace(text[start : stop+1]); s != "" {
			out = append(out, s)
		}
		start = end
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// isSpace is white space as the regular expressions' \s: ASCII only.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// isLower tells a letter that is written in lower case and has a capital
// (not "ß", which has none of its own).
func isLower(r rune) bool { return unicode.ToLower(r) == r && unicode.ToUpper(r) != r }

// withoutPointNumber drops a decision point's leading number ("2. Der …").
func withoutPointNumber(s string) string {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	digits := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == digits || i >= len(s) || s[i] != '.' {
		return s
	}
	i++
	rest := i
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i == rest {
		return s
	}
	return s[i:]
}

// Deriver finds follow-ups in minutes. Members maps the names the minutes
// use for members ("Bayern", "Bund", "FITKO") to their abbreviations.
type Deriver struct {
	Members map[string]string
	// ProcedureFollowUps are the follow-ups recorded already for the
	// decisions of the written procedures the minutes list, by decision
	// (LoadedProposals reads them): a proposal from such a decision that
	// one of them covers is not made again, as one from an item's row is
	// not (coveredBy). Before, those proposals were never checked.
	ProcedureFollowUps map[int64][]model.FollowUp
}

// NewDeriver gives a deriver that knows the members by name and
// abbreviation.
func NewDeriver(members []model.Member) Deriver {
	m := map[string]string{}
	for _, x := range members {
		m[strings.ToLower(x.Abbrev)] = x.Abbrev
		m[strings.ToLower(x.Name)] = x.Abbrev
	}
	return Deriver{Members: m}
}

// finding is a follow-up phrase found in one sentence.
type finding struct {
	phrase      string
	responsible string
	date        model.Date
	session     int
}

// inSentence looks for a follow-up in one sentence of session number
// current; ok is false if there is none. In a decision (decision true) an
// order ("beauftragt die FITKO") is one without a deadline too.
func (d Deriver) inSentence(s string, current int, decision bool) (finding, bool) {
	var f finding
	// Each phrase needs a word that most sentences lack; looking for those
	// words first spares the regular expressions almost every sentence
	// (they were most of an import's follow-up proposals).
	var buf [512]byte
	low := appendLower(buf[:0], s) // strings.ToLower(s), without a string per sentence
	has := func(word string) bool { return bytes.Contains(low, []byte(word)) }
	until := (has("bis") || has("spätestens")) && strings.ContainsAny(s, "0123456789")
	to := has("zur") && has("sitzung")
	asks := has("bitte") || has("beauftragt") || has("gebeten") || has("aufgefordert")
	if !until && !to && !asks {
		return f, false
	}
	if !until {
		// dueDate needs "bis" or "spätestens" and a date in digits.
	} else if m := dueDate.FindStringSubmatch(s); m != nil {
		day, _ := strconv.Atoi(m[1])
		month, _ := strconv.Atoi(m[2])
		year, _ := strconv.Atoi(m[3])
		if date, err := model.ParseDate(fmt.Sprintf("%04d-%02d-%02d", year, month, day)); err == nil && !date.IsZero() {
			f.date, f.phrase = date, m[0]
		}
	}
	if !to {
		// dueSession and dueNext need "zur" and "Sitzung".
	} else if m := dueSession.FindStringSubmatch(s); m != nil {
		f.session, _ = strconv.Atoi(m[1])
		f.phrase = join(f.phrase, m[0])
	} else if m := dueNext.FindString(s); m != "" && current > 0 {
		f.session = current + 1
		f.phrase = join(f.phrase, m)
	}
	req := ""
	if asks {
		// request and ordering need "Bitte"/"bittet" or "beauftragt",
		// passive "gebeten", "beauftragt" or "aufgefordert".
		// Each expression is asked only if the sentence holds a word it
		// cannot match without (written as the expression writes it).
		if mayRequest(s) {
			req = request.FindString(s)
		}
		if req == "" && mayPassive(s) {
			if m := passive.FindStringSubmatchIndex(s); m != nil {
				req = s[m[2]:m[1]]
			}
		}
		if req == "" && decision && (strings.Contains(s, "beauftragt") || strings.Contains(s, "bittet")) {
			req = ordering.FindString(s)
		}
	}
	if f.phrase == "" && req == "" {
		return f, false
	}
	if req != "" && f.phrase == "" {
		f.phrase = strings.TrimSpace(req)
	}
	f.responsible = d.responsible(s)
	return f, true
}

// appendLower appends s in lower case to dst, as strings.ToLower gives it
// (every rune unicode.ToLower's, invalid UTF-8 as U+FFFD).
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		i += w
	}
	return dst
}

// mayRequest tells whether s holds a word the expression request needs:
// "Bitte" (also of "Bittet") or "bittet".
func mayRequest(s string) bool {
	return strings.Contains(s, "Bitte") || strings.Contains(s, "bittet")
}

// mayPassive tells whether s holds the words the expression passive
// needs: "wird" or "werden", and "gebeten", "beauftragt" or
// "aufgefordert".
func mayPassive(s string) bool {
	return (strings.Contains(s, "wird") || strings.Contains(s, "werden")) &&
		(strings.Contains(s, "gebeten") || strings.Contains(s, "beauftragt") || strings.Contains(s, "aufgefordert"))
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + " … " + b
}

// responsible names who a sentence asks or orders ("beauftragt die
// FITKO", "Bitte an den Bund", in the passive "Die FITKO wird gebeten"):
// the members it knows by their abbreviation, others (a project group) as
// written.
func (d Deriver) responsible(s string) string {
	var m []string
	if strings.Contains(s, "eauftragt") || strings.Contains(s, "ittet") || strings.Contains(s, "Bitte") {
		m = addressee.FindStringSubmatch(s)
	}
	if m == nil && mayPassive(s) {
		m = passive.FindStringSubmatch(s)
	}
	if m == nil {
		m = d.activeSubject(s)
	}
	if m == nil {
		return ""
	}
	var out []string
	for _, name := range m[1:] {
		name = strings.TrimRight(strings.TrimSpace(name), ",.;:")
		if name == "" {
			continue
		}
		if abbrev, ok := d.Members[strings.ToLower(name)]; ok {
			name = abbrev
		}
		out = append(out, name)
	}
	return strings.Join(out, ", ")
}

// activeSubject finds who acts in a sentence in the active voice ("Die
// FITKO legt bis zum … vor"; before, such a sentence was proposed with
// nobody responsible): the submatches of active, or of
// activeAfterDeadline after a leading deadline. Only a known member or a
// PG/AG counts as the first one named: "Der IT-Planungsrat beschließt"
// or "Es wird erwartet" names nobody to remind.
func (d Deriver) activeSubject(s string) []string {
	m := active.FindStringSubmatch(s)
	if m == nil || !d.actor(m[1]) {
		m = nil
		for _, lead := range leadingDeadlines {
			if loc := lead.FindStringIndex(s); loc != nil {
				m = activeAfterDeadline.FindStringSubmatch(s[loc[1]:])
				break
			}
		}
		if m == nil || !d.actor(m[1]) {
			return nil
		}
	}
	return m
}

// actor says whether name names a member the deriver knows or a project
// or working group ("PG …", "AG …").
func (d Deriver) actor(name string) bool {
	_, known := d.Members[strings.ToLower(strings.TrimSpace(name))]
	return known || strings.HasPrefix(name, "PG ") || strings.HasPrefix(name, "AG ")
}

// Propose gives the follow-ups the minutes' wording proposes, item by item
// in the order of the minutes, then from the written procedures they list:
// each sentence of a decision point, a
// contribution or a protocol note with a deadline phrase or a request, and
// for an item whose Follow-Up box is ticked but whose rows hold no such
// sentence, one proposal for the item as a whole. Follow-ups the item has
// already (the same deadline; without a deadline, the same responsible
// one) are not proposed again.
func (d Deriver) Propose(doc Document) []Proposal {
	var out []Proposal
	current := doc.Session.Number
	for _, it := range doc.Items() {
		found := 0
		add := func(p Proposal, f finding) {
			p.ItemID, p.ItemLabel = it.ID, it.Label()
			p.Phrase, p.Responsible, p.DueDate, p.DueSession = f.phrase, f.responsible, f.date, f.session
			p.Text = Standalone(p.Sentence, doc.Body)
			p.Key = proposalKey(current, it.AgendaItem, p.Sentence)
			if p.Origin == "" {
				p.Origin = p.Source.Label()
			}
			found++
			if coveredBy(it.FollowUps, &p) {
				return
			}
			out = append(out, p)
		}
		for _, r := range it.Rows {
			var texts []string
			p := Proposal{}
			switch r.Kind {
			case RowDecision:
				// Only an adopted decision orders anything: a rejected
				// proposal, or one not yet decided, gives no follow-up.
				if r.Decision == nil || r.Decision.Status != model.DecisionAdopted || recommends(r.Decision, it.Recommendation) {
					continue
				}
				p.Source, p.SourceID, p.DecisionID = model.SourceDecision, r.Decision.ID, r.Decision.ID
				p.Origin = r.Decision.ProposalLabel()
				for _, pt := range r.Decision.Points {
					texts = append(texts, pt.Text)
				}
			case RowDiscussion:
				p.Source, p.SourceID = model.SourceContribution, r.ID
				texts = r.Points
			case RowNote:
				p.Source, p.SourceID = model.SourceNote, r.ID
				texts = []string{r.Text}
			case RowText:
				// A fragment the import could not place (a decision
				// continued after a page break) or free text.
				p.Source, p.SourceID = model.SourceRemark, r.ID
				texts = []string{r.Text}
			default:
				continue
			}
			for _, text := range texts {
				for _, s := range sentences(text) {
					s = withoutPointNumber(s)
					if f, ok := d.inSentence(s, current, r.Kind == RowDecision || r.Kind == RowText); ok {
						q := p
						q.Sentence = s
						add(q, f)
					}
				}
			}
		}
		if found == 0 && it.Flags.FollowUp && len(it.FollowUps) == 0 {
			title := it.Title
			if title == "" {
				title = it.Label()
			}
			add(Proposal{Sentence: "Follow-Up zu „" + title + "“ (im Protokoll angekreuzt)", Phrase: "Follow-Up angekreuzt"}, finding{phrase: "Follow-Up angekreuzt"})
		}
	}
	// The written procedures the minutes list (since the last session):
	// their orders are confirmed with these minutes, as a decision's in
	// session is with its item's.
	for _, dec := range doc.WrittenProcedures {
		if dec.Status != model.DecisionAdopted || recommends(&dec, nil) {
			continue
		}
		for _, pt := range dec.Points {
			for _, s := range sentences(pt.Text) {
				s = withoutPointNumber(s)
				f, ok := d.inSentence(s, current, true)
				if !ok {
					continue
				}
				p := Proposal{Key: procedureProposalKey(current, dec, s), ItemLabel: "Umlaufverfahren", DecisionID: dec.ID,
					Source: model.SourceDecision, SourceID: dec.ID, Origin: dec.ProposalLabel(), Sentence: s, Text: Standalone(s, doc.Body),
					Phrase: f.phrase, Responsible: f.responsible, DueDate: f.date, DueSession: f.session}
				if !coveredBy(d.ProcedureFollowUps[dec.ID], &p) {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// coverage says how far a follow-up recorded already covers a proposal.
type coverage int

const (
	coversNot    coverage = iota
	coversMaybe           // shown with the proposal (Proposal.Covered)
	coversSurely          // the proposal is not made
)

// covers says whether the follow-up have, recorded for the proposal's
// item, is the one p proposes: surely when it was confirmed from it (the
// key), has its text (the sentence as recorded, marks, case and spaces
// aside), has its deadline and — without one — its responsible ones, or
// has its responsible ones where the sentence names no deadline (the
// secretariat gave the request one when recording it); maybe when it
// names one of p's responsible ones with another deadline, or was given
// to the decision p is drawn from. Before, only the key and the deadline
// counted: a follow-up recorded with a deadline the sentence lacks, or
// given another one later, was proposed again from its sentence.
func covers(have model.FollowUp, p Proposal) coverage {
	sameDeadline := have.DueDate == p.DueDate && have.DueSession == p.DueSession
	hasDeadline := have.DueSession != 0 || !have.DueDate.IsZero()
	// all: every one p names is responsible in have; some: one is.
	whos := (model.FollowUp{Responsible: p.Responsible}).Responsibles()
	all, some := len(whos) > 0, false
	for _, who := range whos {
		all = all && have.ResponsibleIs(who)
		some = some || have.ResponsibleIs(who)
	}
	switch {
	case have.ProposalKey != "" && have.ProposalKey == p.Key, sameText(have.Text, p.Sentence), sameText(have.Text, p.Text),
		sameDeadline && (hasDeadline || all),
		all && p.DueDate.IsZero() && p.DueSession == 0:
		return coversSurely
	case some, p.DecisionID != 0 && have.DecisionID == p.DecisionID:
		return coversMaybe
	}
	return coversNot
}

// coveredBy says whether a follow-up of haves, recorded already where p
// is drawn from (its item, or its written procedure's decision), surely
// covers p: then p is not proposed. One that maybe covers it is kept with
// p (Proposal.Covered, the first such one).
func coveredBy(haves []model.FollowUp, p *Proposal) bool {
	for _, have := range haves {
		switch covers(have, *p) {
		case coversSurely:
			return true
		case coversMaybe:
			if p.Covered == nil {
				have := have
				p.Covered = &have
			}
		}
	}
	return false
}

// Standalone gives a sentence of the minutes as it reads on its own: a
// leading pronoun that stands for the deciding body ("Er bittet BY, …",
// the decision's later points) is replaced by the body's name ("Der
// IT-Planungsrat bittet BY, …"), so that a follow-up drawn from it says
// who asks. Any other sentence is given unchanged, as is every sentence
// when the body has no name.
func Standalone(sentence string, body model.Body) string {
	name := body.TheUpper()
	if name == "" {
		return sentence
	}
	if rest, ok := strings.CutPrefix(sentence, body.PronounUpper()+" "); ok {
		return name + " " + rest
	}
	return sentence
}

// sameText says whether two texts are the same sentence: marks, case,
// spaces and the closing full stop aside.
func sameText(a, b string) bool {
	norm := func(s string) string {
		s = strings.Join(strings.Fields(strings.ToLower(model.StripMarks(s))), " ")
		return strings.TrimRight(s, ".!; ")
	}
	return norm(a) != "" && norm(a) == norm(b)
}

// recommends reports whether d is a recommendation of a preparatory body
// (the AL-Runde's Beschlussempfehlung, model.Decision.Named; or the
// decision of rec, the recommendation an item carries): its points are the
// text it proposes to the body it prepares, which orders nothing until
// that body adopts it — and then it is proposed there.
func recommends(d *model.Decision, rec *model.Recommendation) bool {
	return d.Named() || rec != nil && rec.DecisionID != 0 && rec.DecisionID == d.ID
}

// procedureProposalKey names a proposal from a written procedure's
// decision by the session whose minutes list it, the decision and the
// sentence.
func procedureProposalKey(session int, d model.Decision, sentence string) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%d\x00umlauf\x00%d\x00%s", session, d.ID, sentence)))
	return fmt.Sprintf("s%d-%s", session, hex.EncodeToString(h[:8]))
}

// proposalKey names a proposal by session, item and sentence.
func proposalKey(session int, it model.AgendaItem, sentence string) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%d\x00%s\x00%s\x00%s", session, it.Number, it.Title, sentence)))
	return fmt.Sprintf("s%d-%s", session, hex.EncodeToString(h[:8]))
}

// StoredProposals gives the proposals of a stored session's minutes that
// the secretariat has neither confirmed nor dismissed: after an import, and
// during the session as the live page records rows.
func StoredProposals(ctx context.Context, st *store.Store, sessionID int64) ([]Proposal, error) {
	doc, err := Load(ctx, st, sessionID, model.Internal)
	if err != nil {
		return nil, err
	}
	return LoadedProposals(ctx, st, doc)
}

// LoadedProposals is StoredProposals with the session's minutes loaded
// already for the internal audience (Load with model.Internal).
func LoadedProposals(ctx context.Context, st *store.Store, doc Document) ([]Proposal, error) {
	sessionID := doc.Session.ID
	members, err := st.Members(ctx)
	if err != nil {
		return nil, err
	}
	handled, err := st.HandledFollowUpProposals(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	d := NewDeriver(members)
	if d.ProcedureFollowUps, err = procedureFollowUps(ctx, st, doc); err != nil {
		return nil, err
	}
	var out []Proposal
	for _, p := range d.Propose(doc) {
		if !handled[p.Key] {
			out = append(out, p)
		}
	}
	return out, nil
}

// ParsedProposals gives the proposals LoadedProposals gives for minutes
// stored as a new session (Written of the outcome Created), from the
// parsed document alone, so that the import can read them on another
// processor while it stores the minutes: a new session has no follow-ups
// and no handled proposals yet, and Written's document holds the parsed
// rows under the stored items, whose labels and titles are the parsed
// ones. What it cannot know are the ids (ItemID, DecisionID and SourceID
// are 0): the import prints
// the proposals, the confirmation page reads them from the store
// (StoredProposals). body is the body the minutes are stored under.
func ParsedProposals(members []model.Member, body model.Body, parsed Document) []Proposal {
	doc := Document{Audience: model.Internal, Body: body, Session: parsed.Session, Sections: parsed.Sections}
	return NewDeriver(members).Propose(doc)
}

// procedureFollowUps gives the follow-ups recorded for the decisions of
// the written procedures doc lists (Deriver.ProcedureFollowUps): one
// query per adopted decision, none for minutes that list none.
func procedureFollowUps(ctx context.Context, st *store.Store, doc Document) (map[int64][]model.FollowUp, error) {
	out := map[int64][]model.FollowUp{}
	for _, dec := range doc.WrittenProcedures {
		if dec.Status != model.DecisionAdopted || recommends(&dec, nil) {
			continue
		}
		fs, err := st.FollowUps(ctx, store.FollowUpFilter{DecisionID: dec.ID})
		if err != nil {
			return nil, err
		}
		out[dec.ID] = fs
	}
	return out, nil
}
