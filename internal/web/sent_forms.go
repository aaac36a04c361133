package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"regexp"

	"gremium/internal/model"
	"gremium/internal/store"
)

// A form that makes something (an agenda registration, a written
// procedure, a comment, a request, a contact, a live-page entry, a
// conference's outcome, a briefing, an upload, an API token) carries a one-time key in
// the hidden field "formular": sent a second time — the back button, a
// double click — it stores nothing and leads to what the first send made
// (store.SentOnce; the registration: store.WithFormKey). The keys are kept
// 30 days (store.SentFormKeep; the reminder loop prunes older ones).

func init() {
	funcs["formKey"] = formKey
}

// formKeyPattern is the form of a form's one-time key (newFormKey);
// anything else sent as "formular" is ignored.
var formKeyPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// newFormKey gives a form its one-time key (field "formular"): 128
// random bits.
func newFormKey() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "" // no key: the form stores as before, without the guard
	}
	return hex.EncodeToString(b[:])
}

// formKey is the template function that gives a form its one-time key:
// the key it was sent with when it is shown again refused (sent), a new
// one otherwise. Pages with such a form are never stored for others
// (they are internal), so every reader gets a key of their own.
func formKey(sent string) string {
	if formKeyPattern.MatchString(sent) {
		return sent
	}
	return newFormKey()
}

// sentOnce gives the store's guard for the form of r sent by u: its
// one-time key with again, which the store sets when the form was sent
// before. A form without a key (an old page, a client of its own) stores
// without the guard.
func sentOnce(r *http.Request, u *model.User, again *bool) store.FormOption {
	key := r.PostFormValue("formular")
	if !formKeyPattern.MatchString(key) {
		key = ""
	}
	return store.SentOnce(key, u.Username, again)
}

// sentAgain is the note of a form sent a second time, which stored
// nothing: made says what the first send made ("der Kommentar ist
// gespeichert").
func sentAgain(made string) string {
	return "Dieses Formular wurde bereits abgesendet; " + made + " Ein zweites Mal wurde nichts gespeichert."
}
