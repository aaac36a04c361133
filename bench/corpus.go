// Package bench holds the performance benchmarks of the public register:
// a generator for a synthetic corpus at the scale of the product targets
// (a million decisions in a hundred thousand sessions) and load runs that
// compare gremium's pages with a bare net/http handler serving the same
// bytes. The figures and commands are in docs/performance.md.
package bench

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
)

// Corpus describes a generated data directory.
type Corpus struct {
	Dir       string
	Decisions int
	Sessions  int
	// Labels are the numbers of a sample of generated decisions
	// ("B-1990/17-IT"), for requests.
	Labels []string
	// Words are words of the generated texts, most frequent first, for
	// search queries.
	Words []string
}

// FirstYear is the year of the first generated session; the generated
// years end before the demo data's 2025.
const FirstYear = 1980

// years is the number of years the generated sessions span.
const years = 40

// marker records a finished corpus in its directory.
const marker = "corpus.json"

// Open gives the corpus in dir, generating it first if dir holds none of
// that size. progress, if not nil, gets a line now and then.
func Open(ctx context.Context, dir string, decisions, sessions int, progress func(string)) (Corpus, error) {
	c := Corpus{Dir: dir, Decisions: decisions, Sessions: sessions}
	if b, err := os.ReadFile(filepath.Join(dir, marker)); err == nil {
		var have Corpus
		if json.Unmarshal(b, &have) == nil && have.Decisions == decisions && have.Sessions == sessions {
			// Where it is now: a copy of a kept corpus is used, not the
			// directory it was generated in (which the marker names).
			have.Dir = dir
			return have, nil
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return c, err
	}
	if err := generate(ctx, &c, progress); err != nil {
		return c, err
	}
	b, err := json.Marshal(c)
	if err != nil {
		return c, err
	}
	return c, os.WriteFile(filepath.Join(dir, marker), b, 0o640)
}

// vocabulary gives the words of the generated texts: the field's own words
// first, then compounds of them, so that there are frequent and rare terms.
func vocabulary() []string {
	base := []string{"Registermodernisierung", "Onlinezugangsgesetz", "Digitalisierung", "Verwaltung", "Leistungen", "Portalverbund",
		"Nutzerkonto", "Datenschutz", "Informationssicherheit", "Architektur", "Standardisierung", "Finanzierung", "Evaluation",
		"Steuerungsgruppe", "Projektgruppe", "Länder", "Kommunen", "Bund", "Umsetzung", "Bericht", "Konzept", "Prüfung",
		"Beschluss", "Empfehlung", "Anwendung", "Infrastruktur", "Cloud", "Souveränität", "Datennutzung", "Schnittstellen",
		"Interoperabilität", "Föderal", "Koordinierung", "Haushalt", "Mittel", "Fortschreibung", "Strategie", "Maßnahme",
		"Zusammenarbeit", "Plattform", "Nachweise", "Identifikation", "Zugang", "Barrierefreiheit", "Qualität", "Betrieb",
		"Vergabe", "Rahmenvertrag", "Sicherheit", "Netz", "Verbindungsnetz", "Justiz", "Gesundheit", "Steuer", "Bildung",
		"Umwelt", "Energie", "Wirtschaft", "Arbeit", "Sozialleistungen", "Familien", "Migration", "Bauen", "Verkehr", "Agrar"}
	parts := []string{"Daten", "Register", "Portal", "Dienst", "Konto", "Netz", "Modul", "Standard", "Verfahren", "Service",
		"Plattform", "Programm", "Prozess", "Katalog", "Modell", "Rahmen", "Zentrum", "Labor", "Werk", "Hub"}
	stems := []string{"Melde", "Kfz", "Wohn", "Eltern", "Bau", "Gewerbe", "Sozial", "Steuer", "Justiz", "Schul", "Hochschul",
		"Pflege", "Renten", "Kinder", "Umwelt", "Forst", "Jagd", "Fischerei", "Wasser", "Abfall", "Energie", "Verkehrs",
		"Führerschein", "Personal", "Ausweis", "Pass", "Waffen", "Vereins", "Stiftungs", "Handels", "Insolvenz", "Grundbuch",
		"Kataster", "Statistik", "Archiv", "Vergabe", "Förder", "Zuwendungs", "Beihilfe", "Besoldungs", "Versorgungs",
		"Gesundheits", "Impf", "Tier", "Lebensmittel", "Arbeitsschutz", "Bergbau", "Denkmal", "Kultur", "Sport"}
	words := append([]string{}, base...)
	for _, s := range stems {
		for _, p := range parts {
			words = append(words, s+strings.ToLower(p))
		}
	}
	return words
}

// filler are the short words between the terms.
var filler = []string{"der", "die", "das", "und", "für", "zur", "zum", "mit", "im", "den", "des", "auf", "bis", "von"}

type textGen struct {
	rnd   *rand.Rand
	zipf  *rand.Zipf
	words []string
}

func newTextGen(seed uint64) *textGen {
	rnd := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	words := vocabulary()
	return &textGen{rnd: rnd, zipf: rand.NewZipf(rnd, 1.1, 4, uint64(len(words)-1)), words: words}
}

func (g *textGen) word() string { return g.words[g.zipf.Uint64()] }

// sentence gives n terms with filler words between them.
func (g *textGen) sentence(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(" " + filler[g.rnd.IntN(len(filler))] + " ")
		}
		b.WriteString(g.word())
	}
	return b.String()
}

// generate writes the corpus: the demo data (bodies, members, sections, the
// transcribed sessions) and then sessions, agenda items, decisions,
// follow-ups and search documents straight into the tables.
func generate(ctx context.Context, c *Corpus, progress func(string)) error {
	st, err := store.Open(ctx, c.Dir)
	if err != nil {
		return err
	}
	if err := demo.Load(ctx, st); err != nil {
		st.Close()
		return err
	}
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		st.Close()
		return err
	}
	if err := search.Rebuild(ctx, st, council.ID); err != nil {
		st.Close()
		return err
	}
	sections, err := st.Sections(ctx, council.ID)
	if err != nil {
		st.Close()
		return err
	}
	members, err := st.Members(ctx)
	if err != nil {
		st.Close()
		return err
	}
	st.Close()

	db, err := sql.Open("sqlite", "file:"+filepath.Join(c.Dir, store.DBFileName)+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)&_pragma=foreign_keys(0)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	g := newTextGen(42)
	perSession := (c.Decisions + c.Sessions - 1) / c.Sessions
	sessionsPerYear := (c.Sessions + years - 1) / years
	seqInYear := map[int]int{}
	sample := max(1, c.Decisions/5000)
	var labels []string
	decided := 0
	const batch = 500 // sessions per transaction
	for first := 0; first < c.Sessions; first += batch {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		ins := func(q string, args ...any) (int64, error) {
			res, err := tx.ExecContext(ctx, q, args...)
			if err != nil {
				return 0, fmt.Errorf("bench: %s: %w", strings.Fields(q)[2], err)
			}
			return res.LastInsertId()
		}
		for i := first; i < min(first+batch, c.Sessions) && decided < c.Decisions; i++ {
			year := FirstYear + i/sessionsPerYear
			date := model.NewDate(year, time.Month(1+(i%sessionsPerYear)*12/sessionsPerYear), 1+i%28)
			sessionID, err := ins(`INSERT INTO sessions (body_id, number, date, start_time, end_time, place, chair, status, minutes_stand, approved_in)
				VALUES (?, ?, ?, '10:00', '13:00', 'Berlin', 'Bund', ?, ?, ?)`, council.ID, 1000+i, date.String(), model.StatusMinutesApproved, date.String(), 1001+i)
			if err != nil {
				return err
			}
			for k := 0; k < perSession && decided < c.Decisions; k++ {
				section := sections[g.rnd.IntN(len(sections))]
				reporter := members[g.rnd.IntN(len(members))].Abbrev
				title := g.sentence(3)
				var sources []string
				if len(labels) > 0 && g.rnd.IntN(10) < 3 {
					sources = append(sources, labels[g.rnd.IntN(len(labels))])
				}
				src, _ := json.Marshal(orEmpty(sources))
				itemID, err := ins(`INSERT INTO agenda_items (session_id, section_id, number, title, points, goal, sources, reporters, flag_decision, position, status)
					VALUES (?, ?, ?, ?, '[]', 'Beschluss', ?, ?, 1, ?, 'angenommen')`,
					sessionID, section.ID, fmt.Sprintf("%02d", k+1), title, string(src), `["`+reporter+`"]`, k+1)
				if err != nil {
					return err
				}
				seqInYear[year]++
				n := model.DecisionNumber{Year: year, Seq: seqInYear[year]}
				label := model.FormatDecisionNumber(council.DecisionPattern, n)
				points := []model.Point{{Label: "1.", Text: "Der IT-Planungsrat nimmt " + g.sentence(8) + " zur Kenntnis."},
					{Label: "2.", Text: "Er bittet " + reporter + " um " + g.sentence(10) + " bis zur nächsten Sitzung."}}
				pts, _ := json.Marshal(points)
				kind := model.KindDecision
				if g.rnd.IntN(10) == 0 {
					kind = model.KindRecommendation
				}
				decisionID, err := ins(`INSERT INTO decisions (body_id, session_id, item_id, position, kind, year, seq, label, title, points, status, result, scope, adopted_on)
					VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 'beschlossen', 'einstimmig', 'alle', ?)`,
					council.ID, sessionID, itemID, kind, year, n.Seq, label, title, string(pts), date.String())
				if err != nil {
					return err
				}
				if g.rnd.IntN(10) < 3 {
					status := model.FollowUpDone
					if year >= FirstYear+years-2 {
						status = model.FollowUpOpen
					}
					if _, err := ins(`INSERT INTO follow_ups (decision_id, item_id, text, responsible, responsible_keys, responsible_public_keys, status) VALUES (?, ?, ?, ?, ?, ?, ?)`,
						decisionID, itemID, "Bericht zu "+g.sentence(3), reporter, model.FollowUp{Responsible: reporter}.ResponsibleKeys(), model.FollowUp{Responsible: reporter}.PublicResponsibleKeys(), status); err != nil {
						return err
					}
				}
				text := points[0].Label + " " + points[0].Text + " " + points[1].Label + " " + points[1].Text + " einstimmig"
				if _, err := ins(`INSERT INTO search_index (scope, kind, url, title, text, date, terms) VALUES (?, 'beschluss', ?, ?, ?, ?, ?)`,
					"session:"+strconv.FormatInt(sessionID, 10), "/beschluesse/"+label, title, text, date.String(),
					search.Terms(label+" "+title+" "+text)); err != nil {
					return err
				}
				if decided%sample == 0 {
					c.Labels = append(c.Labels, label)
				}
				labels = appendBounded(labels, label, g)
				decided++
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		if progress != nil && (first/batch)%20 == 0 {
			progress(fmt.Sprintf("%d of %d decisions", decided, c.Decisions))
		}
	}
	for _, dec := range []int{0, 1, 2, 5, 10, 20, 50, 100, 200, 400} {
		if dec < len(g.words) {
			c.Words = append(c.Words, g.words[dec])
		}
	}
	// The documents were written straight into search_index: which scope
	// each belongs to, as the store keeps it (migration 290).
	if _, err := db.ExecContext(ctx, `INSERT INTO search_index_scopes (docid, scope) SELECT rowid, scope FROM search_index
		WHERE rowid NOT IN (SELECT docid FROM search_index_scopes)`); err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, `PRAGMA optimize; INSERT INTO search_index(search_index) VALUES ('optimize')`)
	return err
}

// appendBounded keeps a window of recent labels as sources of later
// decisions (a decision builds on one of the last few thousand).
func appendBounded(labels []string, label string, g *textGen) []string {
	const window = 5000
	if len(labels) < window {
		return append(labels, label)
	}
	labels[g.rnd.IntN(window)] = label
	return labels
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
