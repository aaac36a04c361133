package auth

import (
	"context"
	"net/http"
	"strings"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// DefaultTokenLifetime is how long an API token is valid unless its
// maker says otherwise.
const DefaultTokenLifetime = 365 * 24 * time.Hour

// NewAPIToken makes a token for an account's system, valid for
// DefaultTokenLifetime, and stores its hash; the token itself is shown
// once.
func NewAPIToken(ctx context.Context, st *store.Store, userID int64, name string) (string, error) {
	token, _, err := NewAPITokenUntil(ctx, st, userID, name, time.Now().Add(DefaultTokenLifetime))
	return token, err
}

// NewAPITokenUntil makes a token valid until expires and gives it (shown
// once) and its id (to list and revoke it). opts guard the form that
// makes it (store.SentOnce): sent again, nothing is stored, the id is the
// first token's and the token given is valid nowhere — the caller, told
// by the option, does not show it.
func NewAPITokenUntil(ctx context.Context, st *store.Store, userID int64, name string, expires time.Time, opts ...store.FormOption) (string, int64, error) {
	raw, err := newToken()
	if err != nil {
		return "", 0, err
	}
	token := "grm_" + raw
	id, err := st.CreateAPIToken(ctx, tokenHash(token), userID, name, expires, opts...)
	return token, id, err
}

// TokenUser gives the account of a request's "Authorization: Bearer" token,
// or nil: unknown, expired and revoked tokens and tokens of disabled
// accounts give nil.
func TokenUser(ctx context.Context, st *store.Store, r *http.Request) *model.User {
	token, ok := BearerToken(r)
	if !ok {
		return nil
	}
	u, err := st.APITokenUser(ctx, tokenHash(token), time.Now())
	if err != nil {
		return nil
	}
	return &u
}

// BearerToken gives the token of a request's "Authorization: Bearer …"
// header. The scheme's name is read in any case, as HTTP has it (RFC 9110,
// 11.1): a client sending "bearer" was refused before.
func BearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}
