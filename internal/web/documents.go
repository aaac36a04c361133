package web

// Documents of a session: upload and download.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"gremium/internal/auth"
	"gremium/internal/backup"
	"gremium/internal/model"
	"gremium/internal/store"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// SetDocumentDir sets where uploaded documents are kept (normally the
// "dokumente" folder of the data directory), and removes the temporary
// files of uploads a crash cut off between writing and renaming
// (writeDocumentFile's ".<sha256>-*.tmp", older than an hour: no upload
// in flight is that old). Nothing else in the folder is touched.
func (s *Server) SetDocumentDir(dir string) {
	s.documentDir = dir
	removeStaleUploads(dir, time.Now().Add(-time.Hour))
}

// removeStaleUploads removes the temporary upload files in dir last
// written before cutoff; a failure is logged, never fatal (the files
// only take space).
func removeStaleUploads(dir string, cutoff time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return // no folder yet: nothing was uploaded
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".tmp") {
			continue
		}
		if fi, err := e.Info(); err != nil || !fi.ModTime().Before(cutoff) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			slog.Warn("stale upload not removed", "file", name, "err", err)
		}
	}
}

// MaxDocumentSize is the largest document accepted for upload.
const MaxDocumentSize = 20 << 20

// uploadFormView is the form that uploads a document to a session: on
// the session page a member's (to its own registrations), on the
// management page the secretariat's (to any item).
type uploadFormView struct {
	Action      string
	Refused     refusedForm // the page's refused form ("dokument" when it is this one)
	Kinds       []model.DocumentKind
	Items       []model.AgendaItem
	Secretariat bool
}

// uploadFieldIDs are the ids of the upload form's fields by their names.
var uploadFieldIDs = map[string]string{"datei": "datei", "art": "dok-art", "top": "dok-top"}

func newUploadForm(sessionPath string, refused refusedForm, items []model.AgendaItem, secretariat bool) uploadFormView {
	return uploadFormView{Action: sessionPath + "/dokumente", Refused: refused, Kinds: model.DocumentKinds, Items: items, Secretariat: secretariat}
}

// IsRefused reports whether the upload was refused.
func (f uploadFormView) IsRefused() bool { return f.Refused.ID == "dokument" }

// At gives the reasons about field when the upload was refused.
func (f uploadFormView) At(field string) string { return f.Refused.At("dokument", field) }

// Typed gives what was chosen in field when the upload was refused, def
// otherwise.
func (f uploadFormView) Typed(field, def string) string {
	return f.Refused.Typed("dokument", field, def)
}

// List gives every reason with the id of its field, for the box above
// the form that links each reason to its field.
func (f uploadFormView) List() []fieldProblem {
	return f.Refused.Problems.ListAs(func(field string) string { return uploadFieldIDs[field] })
}

// documentKind checks an upload by its first bytes and its name: PDF and
// DOCX are accepted.
func documentKind(name string, head []byte) (string, bool) {
	lower := strings.ToLower(name)
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")) && strings.HasSuffix(lower, ".pdf"):
		return "application/pdf", true
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) && strings.HasSuffix(lower, ".docx"):
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", true
	}
	return "", false
}

// maxFilenameLength bounds the name of an uploaded document, in
// characters (most file systems take 255 bytes).
const maxFilenameLength = 200

func (s *Server) uploadDocument(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.UploadDocument, "")
	if !ok {
		return
	}
	council, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	bySecretariat := auth.Can(u, auth.ManageSessions, "")
	if !se.Status.OpenForDocuments(bySecretariat) {
		msg := "Unterlagen können Mitglieder nur zu geplanten oder einberufenen Sitzungen hochladen; danach nimmt sie die Geschäftsstelle entgegen."
		if bySecretariat {
			msg = "Das Protokoll dieser Sitzung ist genehmigt; es können keine Dokumente mehr hinzugefügt werden."
		}
		s.fail(w, r, model.RuleError("%s", msg), "")
		return
	}
	// A refused upload shows its page again (the management page for the
	// secretariat, the session page for a member) with the other fields
	// as typed and every reason at its field; the file must be chosen
	// again (no browser fills a file input).
	refuse := func(err error) {
		form, status, ok := refusedFormOf(r, "dokument", "Das Dokument ist nicht hochgeladen", err)
		if !ok || model.ClassOf(err) == model.ErrNotFound {
			s.fail(w, r, err, "")
			return
		}
		if bySecretariat {
			s.renderManageWith(w, r, status, council, se, manageData{Upload: form})
			return
		}
		s.minutesPage(w, r, "session.html", status, form)
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxDocumentSize+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		refuse(model.AtField("datei", model.InputError("Die Datei ist zu groß (höchstens %d MB) oder das Formular fehlerhaft.", MaxDocumentSize>>20)))
		return
	}
	var p problems
	var itemID int64
	if v := r.FormValue("top"); v != "" {
		var err error
		if itemID, err = strconv.ParseInt(v, 10, 64); err != nil {
			p.add(model.AtField("top", model.InputError("Bitte wählen Sie einen Tagesordnungspunkt der Liste oder „zur Sitzung allgemein“.")))
		}
	}
	if itemID != 0 && !bySecretariat {
		// A member attaches documents to its own registrations only.
		it, err := s.st.Item(r.Context(), itemID)
		if err != nil && !errors.Is(err, model.ErrNotFound) {
			s.serverError(w, r, err)
			return
		}
		if err != nil || it.SessionID != se.ID || it.RegisteredBy != u.MemberAbbrev {
			s.fail(w, r, model.ForbiddenError("Sie können Unterlagen nur zu Ihren eigenen Anmeldungen dieser Sitzung hochladen."), "")
			return
		}
	}
	kind := model.DocumentKind(r.FormValue("art"))
	if kind != "" && !kind.Valid() {
		p.add(model.AtField("art", model.InputError("Bitte die Art des Dokuments wählen: Beschlussvorschlag, Bericht, Präsentation oder Tischvorlage.")))
	}
	var data []byte
	var ctype string
	file, header, err := r.FormFile("datei")
	if err != nil {
		p.add(model.AtField("datei", model.InputError("Bitte eine Datei auswählen.")))
	} else {
		defer file.Close()
		data, err = io.ReadAll(io.LimitReader(file, MaxDocumentSize+1))
		var ok bool
		switch {
		case err != nil || len(data) > MaxDocumentSize:
			p.add(model.AtField("datei", model.InputError("Die Datei ist zu groß (höchstens %d MB).", MaxDocumentSize>>20)))
		case model.UnfitCharacters(header.Filename) || utf8.RuneCountInString(filepath.Base(header.Filename)) > maxFilenameLength:
			// The name is shown on the pages and sent back in every
			// download's Content-Disposition: before, a name of 3,000
			// characters or with bytes that are not UTF-8 was stored.
			p.add(model.AtField("datei", model.InputError("Der Dateiname ist länger als %d Zeichen oder enthält Steuerzeichen oder ungültige Zeichen; bitte benennen Sie die Datei um.", maxFilenameLength)))
		default:
			if ctype, ok = documentKind(header.Filename, data); !ok {
				p.add(model.AtField("datei", model.InputError("Es können nur PDF- und DOCX-Dateien hochgeladen werden.")))
			}
		}
	}
	if len(p) > 0 {
		// In the order of the form's fields: the file, its kind, the item.
		order := map[string]int{"datei": 0, "art": 1, "top": 2}
		slices.SortStableFunc(p, func(a, b error) int { return order[model.FieldOf(a)] - order[model.FieldOf(b)] })
		refuse(p.err())
		return
	}
	if s.documentDir == "" {
		s.serverError(w, r, errors.New("web: no document directory configured"))
		return
	}
	sum := sha256.Sum256(data)
	name := hex.EncodeToString(sum[:])
	if err := writeDocumentFile(s.documentDir, name, data); err != nil {
		s.serverError(w, r, err)
		return
	}
	// Sent again (the back button, a double click), the upload records
	// the document no second time (nor as its next version).
	var again bool
	if _, err := s.st.CreateDocument(r.Context(), store.Document{SessionID: se.ID, ItemID: itemID,
		Filename: filepath.Base(header.Filename), ContentType: ctype, Size: int64(len(data)), SHA256: name, UploadedBy: u.Name, Kind: kind},
		sentOnce(r, u, &again)); err != nil {
		refuse(err)
		return
	}
	to := se.Path()
	if auth.Can(u, auth.ManageSessions, "") {
		to += "/verwaltung#dokumente"
	}
	if again {
		back(w, r, to, sentAgain("„"+filepath.Base(header.Filename)+"“ ist hochgeladen."))
		return
	}
	back(w, r, to, "„"+filepath.Base(header.Filename)+"“ ist hochgeladen.")
}

// writeDocumentFile stores data in dir under name, its SHA-256 in hex, so
// that the file is whole once the document is recorded: written to a
// temporary file of its own in dir, synced, renamed and the directory
// synced (before, os.WriteFile without a sync: a power loss could leave a
// file cut short under the final name). A file already under the name is
// kept only when it holds those bytes; one cut short or left as zeros by
// such a loss is written again (before, its name alone was trusted, and
// the damaged file served for good).
func writeDocumentFile(dir, name string, data []byte) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	path := filepath.Join(dir, name)
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == int64(len(data)) {
		if have, err := backup.FileSHA256(path); err == nil && have == name {
			return nil
		}
	}
	f, err := os.CreateTemp(dir, "."+name+"-*.tmp")
	if err != nil {
		return fmt.Errorf("web: document %s: %w", name, err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o640)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("web: document %s: %w", name, err)
	}
	// The rename is durable only with the directory's entry.
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("web: document directory: %w", err)
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("web: document directory: %w", err)
	}
	return nil
}

func (s *Server) downloadDocument(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return
	}
	d, ok := s.documentFromPath(w, r, u)
	if !ok {
		return
	}
	file := filepath.Join(s.documentDir, d.SHA256)
	f, err := os.Open(file)
	if err != nil {
		// A file gone from the disk (a restore without the document
		// directory, a manual deletion) is the operator's to mend: the
		// log names the document and the path, the page only the
		// Fehlernummer.
		s.serverError(w, r, fmt.Errorf("document %d: %w", d.ID, err), slog.Int64("document_id", d.ID), slog.String("file", file))
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", d.ContentType)
	w.Header().Set("Content-Disposition", attachment(d.Filename))
	http.ServeContent(w, r, "", d.Created, f)
}

// attachment gives the Content-Disposition of a download under the
// uploader's file name: quoted, with non-ASCII names in the RFC 2231 form,
// and with characters that could break the header dropped.
func attachment(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	if v := mime.FormatMediaType("attachment", map[string]string{"filename": name}); v != "" {
		return v
	}
	return "attachment"
}

// documentFromPath gives the document named by {id} if the user u may see
// it; otherwise it has answered 404 (also for a document u may not see, so
// that its existence is not told) or 500 and gives false.
func (s *Server) documentFromPath(w http.ResponseWriter, r *http.Request, u *model.User) (store.Document, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Dieses Dokument gibt es nicht.")
		return store.Document{}, false
	}
	d, err := s.st.Document(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "Dieses Dokument gibt es nicht.")
		return store.Document{}, false
	}
	if ok, err := auth.SeesDocument(r.Context(), s.st, u, d); err != nil {
		s.serverError(w, r, err)
		return store.Document{}, false
	} else if !ok {
		s.notFound(w, r, "Dieses Dokument gibt es nicht.")
		return store.Document{}, false
	}
	return d, true
}
